/* roster-sqlite-groups.c: groups, members and the course group mode in
 * SQLite (assignments and submissions: roster-sqlite-assignments.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-text.h"

static GArray *
sqlite_list_user_group_ids (RosterStorage  *storage,
                            gint64          course_id,
                            gint64          user_id,
                            GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT g.id FROM groups g JOIN group_members m ON m.group_id = g.id"
                                " WHERE g.course_id = ? AND m.user_id = ? ORDER BY g.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "user groups");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&ids) : NULL;
}

/* ---- groups ---- */

#define GROUP_SELECT \
  "SELECT g.id, g.course_id, g.name, g.description," \
  "  (SELECT count(*) FROM group_members c WHERE c.group_id = g.id)" \
  " FROM groups g"

static RosterGroup *
group_from_row (sqlite3_stmt *stmt)
{
  RosterGroup *group = roster_group_new ();

  roster_group_set_id (group, sqlite3_column_int64 (stmt, 0));
  roster_group_set_course_id (group, sqlite3_column_int64 (stmt, 1));
  roster_group_set_name (group, (const char *) sqlite3_column_text (stmt, 2));
  roster_group_set_description (group, (const char *) sqlite3_column_text (stmt, 3));
  roster_group_set_member_count (group, sqlite3_column_int64 (stmt, 4));

  return group;
}

static GPtrArray *
sqlite_list_groups (RosterStorage  *storage,
                    gint64          course_id,
                    gint64          member_id,
                    GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                GROUP_SELECT
                                " WHERE g.course_id = :course"
                                "   AND (:member IS NULL OR EXISTS (SELECT 1 FROM group_members m"
                                "        WHERE m.group_id = g.id AND m.user_id = :member))"
                                " ORDER BY g.name COLLATE NOCASE, g.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":course"), course_id);
  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":member"), member_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (groups, group_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list groups");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&groups) : NULL;
}

static RosterGroup *
sqlite_get_group (RosterStorage  *storage,
                  gint64          group_id,
                  GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterGroup *group = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, GROUP_SELECT " WHERE g.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, group_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    group = group_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such group."));
  else
    roster_sqlite_set_error (error, db, rc, "get group");

out:
  return group;
}

/* Two groups whose names differ only in case or spacing would be
 * impossible to tell apart in a filter, so they count as one name. */
static gboolean
check_name_free (sqlite3     *db,
                 gint64       course_id,
                 gint64       except_group_id,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *key = roster_text_identity_key (name);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT name FROM groups WHERE course_id = ? AND id IS NOT ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  roster_sqlite_bind_id (stmt, 2, except_group_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *other = roster_text_identity_key ((const char *) sqlite3_column_text (stmt, 0));

      if (g_strcmp0 (key, other) == 0)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                       _("This course already has a group called “%s”."),
                       (const char *) sqlite3_column_text (stmt, 0));
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "group names");

  return TRUE;
}

static gint64
sqlite_create_group (RosterStorage           *storage,
                     gint64                   course_id,
                     const char              *name,
                     const char              *description,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 id = 0;

  if (!roster_sqlite_begin (db, error) ||
      !check_name_free (db, course_id, 0, name, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO groups (course_id, name, description, created_at)"
                                " VALUES (?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);
  roster_sqlite_bind_text (stmt, 2, name);
  roster_sqlite_bind_text (stmt, 3, description);
  sqlite3_bind_int64 (stmt, 4, roster_sqlite_now ());

  if (!roster_sqlite_step_done (db, stmt, "create group", error))
    goto out;

  id = sqlite3_last_insert_rowid (db);
  if (audit != NULL)
    {
      RosterAuditEvent event = *audit;

      event.object_id = id;
      if (!roster_sqlite_insert_audit (db, &event, 0, error))
        id = 0;
    }
  if (id != 0 && !roster_sqlite_commit (db, error))
    id = 0;

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

/* The course of @group_id, or ROSTER_ERROR_NOT_FOUND. */
static gboolean
group_course_locked (sqlite3  *db,
                     gint64    group_id,
                     gint64   *course_id,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "SELECT course_id FROM groups WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *course_id = sqlite3_column_int64 (stmt, 0);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such group."));
  else
    roster_sqlite_set_error (error, db, rc, "group");

  return FALSE;
}

static gboolean
sqlite_update_group (RosterStorage           *storage,
                     gint64                   group_id,
                     const char              *name,
                     gboolean                 set_description,
                     const char              *description,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 course_id = 0;
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !group_course_locked (db, group_id, &course_id, error) ||
      (name != NULL && !check_name_free (db, course_id, group_id, name, error)))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE groups SET name = coalesce (?1, name),"
                                "  description = CASE WHEN ?2 THEN ?3 ELSE description END"
                                " WHERE id = ?4",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, name);
  sqlite3_bind_int (stmt, 2, set_description ? 1 : 0);
  roster_sqlite_bind_text (stmt, 3, description);
  sqlite3_bind_int64 (stmt, 4, group_id);

  ok = roster_sqlite_step_done (db, stmt, "update group", error) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static gboolean
sqlite_delete_group (RosterStorage           *storage,
                     gint64                   group_id,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "DELETE FROM groups WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, group_id);
  if (!roster_sqlite_step_done (db, stmt, "delete group", error))
    goto out;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such group."));
      goto out;
    }

  ok = roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

/* ---- members ---- */

static GPtrArray *
sqlite_list_group_members (RosterStorage  *storage,
                           gint64          group_id,
                           GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_group_member_free);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,"
                                "  e.role, m.added_at"
                                " FROM group_members m"
                                " JOIN groups g ON g.id = m.group_id"
                                " JOIN users u ON u.id = m.user_id"
                                " LEFT JOIN enrolments e ON e.course_id = g.course_id AND e.user_id = u.id"
                                " WHERE m.group_id = ?"
                                " ORDER BY u.last_name, u.first_name, u.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, group_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterGroupMember *member = g_new0 (RosterGroupMember, 1);
      RosterUserType type = ROSTER_USER_TYPE_STAFF;
      RosterUserState state = ROSTER_USER_STATE_ACTIVE;

      member->user = roster_user_new ();
      roster_user_set_id (member->user, sqlite3_column_int64 (stmt, 0));
      roster_user_set_username (member->user, (const char *) sqlite3_column_text (stmt, 1));
      roster_user_set_email (member->user, (const char *) sqlite3_column_text (stmt, 2));
      roster_user_set_first_name (member->user, (const char *) sqlite3_column_text (stmt, 3));
      roster_user_set_last_name (member->user, (const char *) sqlite3_column_text (stmt, 4));
      /* CHECK constraints keep these columns to known values. */
      roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &type);
      roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &state);
      roster_user_set_user_type (member->user, type);
      roster_user_set_state (member->user, state);
      member->role = ROSTER_ROLE_NONE;
      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        roster_role_from_string ((const char *) sqlite3_column_text (stmt, 7), &member->role);
      member->added_at = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (members, member);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "group members");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&members) : NULL;
}

/* Members must be enrolled in the group's course; the message names the
 * person when there is one. */
static gboolean
check_enrolled (sqlite3  *db,
                gint64    course_id,
                gint64    user_id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT u.username, EXISTS (SELECT 1 FROM enrolments e"
                                "   WHERE e.course_id = ? AND e.user_id = u.id)"
                                " FROM users u WHERE u.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0)
    return TRUE;

  if (rc == SQLITE_ROW)
    g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                 _("“%s” is not enrolled in this course."), (const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                 _("User %lld is not enrolled in this course."), (long long) user_id);
  else
    roster_sqlite_set_error (error, db, rc, "enrolment");

  return FALSE;
}

static gboolean
sqlite_add_group_member (RosterStorage           *storage,
                         gint64                   group_id,
                         gint64                   user_id,
                         const RosterAuditEvent  *audit,
                         gboolean                *added,
                         GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 course_id = 0;
  gboolean ok = FALSE;

  *added = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !group_course_locked (db, group_id, &course_id, error) ||
      !check_enrolled (db, course_id, user_id, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)"
                                " ON CONFLICT DO NOTHING",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, roster_sqlite_now ());

  if (!roster_sqlite_step_done (db, stmt, "add member", error))
    goto out;

  *added = sqlite3_changes (db) > 0;
  ok = (!*added || roster_sqlite_insert_audit (db, audit, 0, error)) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    {
      *added = FALSE;
      roster_sqlite_rollback (db);
    }
  return ok;
}

static gboolean
sqlite_remove_group_member (RosterStorage           *storage,
                            gint64                   group_id,
                            gint64                   user_id,
                            const RosterAuditEvent  *audit,
                            gboolean                *removed,
                            GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 course_id = 0;
  gboolean ok = FALSE;

  *removed = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !group_course_locked (db, group_id, &course_id, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "DELETE FROM group_members WHERE group_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  if (!roster_sqlite_step_done (db, stmt, "remove member", error))
    goto out;

  *removed = sqlite3_changes (db) > 0;
  ok = (!*removed || roster_sqlite_insert_audit (db, audit, 0, error)) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    {
      *removed = FALSE;
      roster_sqlite_rollback (db);
    }
  return ok;
}

/* ---- course group mode ---- */

static gboolean
sqlite_set_course_group_mode (RosterStorage           *storage,
                              gint64                   course_id,
                              RosterGroupMode          mode,
                              gboolean                 forced,
                              const RosterAuditEvent  *audit,
                              gboolean                *changed,
                              GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  *changed = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE courses SET group_mode = ?1, group_mode_forced = ?2"
                                " WHERE id = ?3 AND (group_mode IS NOT ?1 OR group_mode_forced IS NOT ?2)",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, roster_group_mode_to_string (mode));
  sqlite3_bind_int (stmt, 2, forced ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, course_id);

  if (!roster_sqlite_step_done (db, stmt, "course group mode", error))
    goto out;

  *changed = sqlite3_changes (db) > 0;
  ok = (!*changed || roster_sqlite_insert_audit (db, audit, 0, error)) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    {
      *changed = FALSE;
      roster_sqlite_rollback (db);
    }
  return ok;
}

void
roster_sqlite_groups_init (RosterStorageInterface *iface)
{
  iface->list_user_group_ids = sqlite_list_user_group_ids;
  iface->list_groups = sqlite_list_groups;
  iface->get_group = sqlite_get_group;
  iface->create_group = sqlite_create_group;
  iface->update_group = sqlite_update_group;
  iface->delete_group = sqlite_delete_group;
  iface->list_group_members = sqlite_list_group_members;
  iface->add_group_member = sqlite_add_group_member;
  iface->remove_group_member = sqlite_remove_group_member;
  iface->set_course_group_mode = sqlite_set_course_group_mode;

  roster_sqlite_assignments_init (iface);
}
