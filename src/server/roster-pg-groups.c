/* roster-pg-groups.c: groups, members and the course group mode in
 * PostgreSQL (assignments and submissions: roster-pg-assignments.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-groups.c: the same statements and rules.
 * The writes that check before they write (a free name, an enrolment)
 * run at SERIALIZABLE, as SQLite ran them alone.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"
#include "roster-text.h"

static GArray *
pg_list_user_group_ids (RosterStorage  *storage,
                        gint64          course_id,
                        gint64          user_id,
                        GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, course_id);
  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn,
                            "SELECT g.id FROM groups g JOIN group_members m ON m.group_id = g.id"
                            " WHERE g.course_id = $1 AND m.user_id = $2 ORDER BY g.id",
                            &params, "user groups", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = roster_pg_get_int (result, i, 0);

      g_array_append_val (ids, id);
    }

  return g_steal_pointer (&ids);
}

/* ---- groups ---- */

#define GROUP_SELECT \
  "SELECT g.id, g.course_id, g.name, g.description," \
  "  (SELECT count(*) FROM group_members c WHERE c.group_id = g.id)" \
  " FROM groups g"

static RosterGroup *
group_from_row (const PGresult *result,
                int             row)
{
  RosterGroup *group = roster_group_new ();

  roster_group_set_id (group, roster_pg_get_int (result, row, 0));
  roster_group_set_course_id (group, roster_pg_get_int (result, row, 1));
  roster_group_set_name (group, roster_pg_get_text (result, row, 2));
  roster_group_set_description (group, roster_pg_get_text (result, row, 3));
  roster_group_set_member_count (group, roster_pg_get_int (result, row, 4));

  return group;
}

static GPtrArray *
pg_list_groups (RosterStorage  *storage,
                gint64          course_id,
                gint64          member_id,
                GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* lower() under the "C" collation folds ASCII only, as SQLite's
   * NOCASE does. */
  roster_pg_add_int (&params, course_id);
  roster_pg_add_id (&params, member_id);
  result = roster_pg_query (conn,
                            GROUP_SELECT
                            " WHERE g.course_id = $1"
                            "   AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM group_members m"
                            "        WHERE m.group_id = g.id AND m.user_id = $2))"
                            " ORDER BY lower (g.name), g.id",
                            &params, "list groups", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (groups, group_from_row (result, i));

  return g_steal_pointer (&groups);
}

static RosterGroup *
pg_get_group (RosterStorage  *storage,
              gint64          group_id,
              GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, group_id);
  result = roster_pg_query (conn, GROUP_SELECT " WHERE g.id = $1", &params, "get group", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such group."));
      return NULL;
    }

  return group_from_row (result, 0);
}

/* Two groups whose names differ only in case or spacing would be
 * impossible to tell apart in a filter, so they count as one name. */
static gboolean
check_name_free (PGconn      *conn,
                 gint64       course_id,
                 gint64       except_group_id,
                 const char  *name,
                 GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *key = roster_text_identity_key (name);
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_id (&params, except_group_id);
  result = roster_pg_query (conn, "SELECT name FROM groups WHERE course_id = $1 AND id IS DISTINCT FROM $2",
                            &params, "group names", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autofree char *other = roster_text_identity_key (roster_pg_get_text (result, i, 0));

      if (g_strcmp0 (key, other) == 0)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                       _("This course already has a group called “%s”."), roster_pg_get_text (result, i, 0));
          return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  gint64                  course_id;
  const char             *name;
  const char             *description;
  const RosterAuditEvent *audit;
  gint64                  id;
} CreateGroup;

static gboolean
create_group_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  CreateGroup *create = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  create->id = 0;
  if (!check_name_free (conn, create->course_id, 0, create->name, error))
    return FALSE;

  roster_pg_add_int (&params, create->course_id);
  roster_pg_add_text (&params, create->name);
  roster_pg_add_text (&params, create->description);
  roster_pg_add_int (&params, roster_pg_now ());
  if (!roster_pg_query_int (conn,
                            "INSERT INTO groups (course_id, name, description, created_at)"
                            " VALUES ($1, $2, $3, $4) RETURNING id",
                            &params, "create group", NULL, &create->id, error))
    return FALSE;

  if (create->audit != NULL)
    {
      RosterAuditEvent event = *create->audit;

      event.object_id = create->id;
      return roster_pg_insert_audit (conn, &event, 0, error);
    }

  return TRUE;
}

static gint64
pg_create_group (RosterStorage           *storage,
                 gint64                   course_id,
                 const char              *name,
                 const char              *description,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  CreateGroup create = { course_id, name, description, audit, 0 };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_group_work, &create, error))
    return 0;

  return create.id;
}

/* The course of @group_id, or ROSTER_ERROR_NOT_FOUND. */
static gboolean
group_course (PGconn   *conn,
              gint64    group_id,
              gint64   *course_id,
              GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, group_id);
  return roster_pg_query_int (conn, "SELECT course_id FROM groups WHERE id = $1", &params, "group",
                              _("No such group."), course_id, error);
}

typedef struct
{
  gint64                  group_id;
  const char             *name;
  gboolean                set_description;
  const char             *description;
  const RosterAuditEvent *audit;
} UpdateGroup;

static gboolean
update_group_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  UpdateGroup *update = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 course_id = 0;

  if (!group_course (conn, update->group_id, &course_id, error) ||
      (update->name != NULL && !check_name_free (conn, course_id, update->group_id, update->name, error)))
    return FALSE;

  roster_pg_add_text (&params, update->name);
  roster_pg_add_bool (&params, update->set_description);
  roster_pg_add_text (&params, update->description);
  roster_pg_add_int (&params, update->group_id);
  return roster_pg_exec (conn,
                         "UPDATE groups SET name = coalesce ($1, name),"
                         "  description = CASE WHEN $2::integer = 1 THEN $3 ELSE description END"
                         " WHERE id = $4",
                         &params, "update group", error) &&
         roster_pg_insert_audit (conn, update->audit, 0, error);
}

static gboolean
pg_update_group (RosterStorage           *storage,
                 gint64                   group_id,
                 const char              *name,
                 gboolean                 set_description,
                 const char              *description,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  UpdateGroup update = { group_id, name, set_description, description, audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                update_group_work, &update, error);
}

typedef struct
{
  gint64                  group_id;
  gint64                  user_id;
  const RosterAuditEvent *audit;
  gboolean               *done;
} GroupChange;

static gboolean
delete_group_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  GroupChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 changes = 0;

  roster_pg_add_int (&params, change->group_id);
  if (!roster_pg_exec_changes (conn, "DELETE FROM groups WHERE id = $1", &params, "delete group",
                               &changes, error))
    return FALSE;

  if (changes == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such group."));
      return FALSE;
    }

  return roster_pg_insert_audit (conn, change->audit, 0, error);
}

static gboolean
pg_delete_group (RosterStorage           *storage,
                 gint64                   group_id,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  GroupChange change = { group_id, 0, audit, NULL };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                delete_group_work, &change, error);
}

/* ---- members ---- */

static GPtrArray *
pg_list_group_members (RosterStorage  *storage,
                       gint64          group_id,
                       GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_group_member_free);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, group_id);
  result = roster_pg_query (conn,
                            "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,"
                            "  e.role, m.added_at"
                            " FROM group_members m"
                            " JOIN groups g ON g.id = m.group_id"
                            " JOIN users u ON u.id = m.user_id"
                            " LEFT JOIN enrolments e ON e.course_id = g.course_id AND e.user_id = u.id"
                            " WHERE m.group_id = $1"
                            " ORDER BY u.last_name, u.first_name, u.id",
                            &params, "group members", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterGroupMember *member = g_new0 (RosterGroupMember, 1);
      RosterUserType type = ROSTER_USER_TYPE_STAFF;
      RosterUserState state = ROSTER_USER_STATE_ACTIVE;

      member->user = roster_user_new ();
      roster_user_set_id (member->user, roster_pg_get_int (result, i, 0));
      roster_user_set_username (member->user, roster_pg_get_text (result, i, 1));
      roster_user_set_email (member->user, roster_pg_get_text (result, i, 2));
      roster_user_set_first_name (member->user, roster_pg_get_text (result, i, 3));
      roster_user_set_last_name (member->user, roster_pg_get_text (result, i, 4));
      /* CHECK constraints keep these columns to known values. */
      roster_user_type_from_string (roster_pg_get_text (result, i, 5), &type);
      roster_user_state_from_string (roster_pg_get_text (result, i, 6), &state);
      roster_user_set_user_type (member->user, type);
      roster_user_set_state (member->user, state);
      member->role = ROSTER_ROLE_NONE;
      if (!PQgetisnull (result, i, 7))
        roster_role_from_string (roster_pg_get_text (result, i, 7), &member->role);
      member->added_at = roster_pg_get_int (result, i, 8);
      g_ptr_array_add (members, member);
    }

  return g_steal_pointer (&members);
}

/* Members must be enrolled in the group's course; the message names the
 * person when there is one. */
static gboolean
check_enrolled (PGconn   *conn,
                gint64    course_id,
                gint64    user_id,
                GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn,
                            "SELECT u.username, EXISTS (SELECT 1 FROM enrolments e"
                            "   WHERE e.course_id = $1 AND e.user_id = u.id)"
                            " FROM users u WHERE u.id = $2",
                            &params, "enrolment", error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) > 0 && roster_pg_get_bool (result, 0, 1))
    return TRUE;

  if (PQntuples (result) > 0)
    g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                 _("“%s” is not enrolled in this course."), roster_pg_get_text (result, 0, 0));
  else
    g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                 _("User %lld is not enrolled in this course."), (long long) user_id);

  return FALSE;
}

static gboolean
add_member_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  GroupChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 course_id = 0, changes = 0;

  *change->done = FALSE;
  if (!group_course (conn, change->group_id, &course_id, error) ||
      !check_enrolled (conn, course_id, change->user_id, error))
    return FALSE;

  roster_pg_add_int (&params, change->group_id);
  roster_pg_add_int (&params, change->user_id);
  roster_pg_add_int (&params, roster_pg_now ());
  if (!roster_pg_exec_changes (conn,
                               "INSERT INTO group_members (group_id, user_id, added_at) VALUES ($1, $2, $3)"
                               " ON CONFLICT DO NOTHING",
                               &params, "add member", &changes, error))
    return FALSE;

  *change->done = changes > 0;
  return !*change->done || roster_pg_insert_audit (conn, change->audit, 0, error);
}

static gboolean
pg_add_group_member (RosterStorage           *storage,
                     gint64                   group_id,
                     gint64                   user_id,
                     const RosterAuditEvent  *audit,
                     gboolean                *added,
                     GError                 **error)
{
  GroupChange change = { group_id, user_id, audit, added };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              add_member_work, &change, error))
    {
      *added = FALSE;
      return FALSE;
    }

  return TRUE;
}

static gboolean
remove_member_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  GroupChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 course_id = 0, changes = 0;

  *change->done = FALSE;
  if (!group_course (conn, change->group_id, &course_id, error))
    return FALSE;

  roster_pg_add_int (&params, change->group_id);
  roster_pg_add_int (&params, change->user_id);
  if (!roster_pg_exec_changes (conn, "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
                               &params, "remove member", &changes, error))
    return FALSE;

  *change->done = changes > 0;
  return !*change->done || roster_pg_insert_audit (conn, change->audit, 0, error);
}

static gboolean
pg_remove_group_member (RosterStorage           *storage,
                        gint64                   group_id,
                        gint64                   user_id,
                        const RosterAuditEvent  *audit,
                        gboolean                *removed,
                        GError                 **error)
{
  GroupChange change = { group_id, user_id, audit, removed };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              remove_member_work, &change, error))
    {
      *removed = FALSE;
      return FALSE;
    }

  return TRUE;
}

/* ---- course group mode ---- */

typedef struct
{
  gint64                  course_id;
  RosterGroupMode         mode;
  gboolean                forced;
  const RosterAuditEvent *audit;
  gboolean               *changed;
} GroupMode;

static gboolean
group_mode_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  GroupMode *mode = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 changes = 0;

  *mode->changed = FALSE;
  roster_pg_add_text (&params, roster_group_mode_to_string (mode->mode));
  roster_pg_add_bool (&params, mode->forced);
  roster_pg_add_int (&params, mode->course_id);
  if (!roster_pg_exec_changes (conn,
                               "UPDATE courses SET group_mode = $1, group_mode_forced = $2"
                               " WHERE id = $3 AND (group_mode IS DISTINCT FROM $1"
                               "                    OR group_mode_forced IS DISTINCT FROM $2)",
                               &params, "course group mode", &changes, error))
    return FALSE;

  *mode->changed = changes > 0;
  return !*mode->changed || roster_pg_insert_audit (conn, mode->audit, 0, error);
}

static gboolean
pg_set_course_group_mode (RosterStorage           *storage,
                          gint64                   course_id,
                          RosterGroupMode          mode,
                          gboolean                 forced,
                          const RosterAuditEvent  *audit,
                          gboolean                *changed,
                          GError                 **error)
{
  GroupMode change = { course_id, mode, forced, audit, changed };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              group_mode_work, &change, error))
    {
      *changed = FALSE;
      return FALSE;
    }

  return TRUE;
}

void
roster_pg_groups_init (RosterStorageInterface *iface)
{
  iface->list_user_group_ids = pg_list_user_group_ids;
  iface->list_groups = pg_list_groups;
  iface->get_group = pg_get_group;
  iface->create_group = pg_create_group;
  iface->update_group = pg_update_group;
  iface->delete_group = pg_delete_group;
  iface->list_group_members = pg_list_group_members;
  iface->add_group_member = pg_add_group_member;
  iface->remove_group_member = pg_remove_group_member;
  iface->set_course_group_mode = pg_set_course_group_mode;

  roster_pg_assignments_init (iface);
}
