/* roster-pg-methods.c: enrolment methods in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-methods.c: the same statements and rules.
 * The writes check before they write (one manual method, the order of
 * the list), so they run at SERIALIZABLE, as SQLite ran them alone.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-pg-private.h"

#define METHOD_COLUMNS \
  "m.id, m.course_id, m.type, m.sort_order, m.name, m.enabled, m.default_role, m.enrol_start," \
  " m.enrol_end, m.enrol_duration, m.max_enrolled, m.welcome_message, m.notify_admins, m.created_at," \
  " (SELECT count(*) FROM enrol_keys k WHERE k.method_id = m.id)," \
  " (SELECT count(*) FROM enrolments e WHERE e.method_id = m.id)"

static RosterMethod *
method_from_row (const PGresult *result,
                 int             row)
{
  RosterMethodType type = ROSTER_METHOD_MANUAL;
  RosterRole role = ROSTER_ROLE_GUEST;
  RosterMethod *method;

  /* CHECK constraints keep these columns to known values. */
  roster_method_type_from_string (roster_pg_get_text (result, row, 2), &type);
  roster_role_from_string (roster_pg_get_text (result, row, 6), &role);

  method = roster_method_new_for_type (type);
  roster_method_set_id (method, roster_pg_get_int (result, row, 0));
  roster_method_set_course_id (method, roster_pg_get_int (result, row, 1));
  roster_method_set_sort_order (method, roster_pg_get_int (result, row, 3));
  roster_method_set_name (method, roster_pg_get_text (result, row, 4));
  roster_method_set_enabled (method, roster_pg_get_bool (result, row, 5));
  roster_method_set_default_role (method, role);
  roster_method_set_enrol_start (method, roster_pg_get_int (result, row, 7));
  roster_method_set_enrol_end (method, roster_pg_get_int (result, row, 8));
  roster_method_set_enrol_duration (method, roster_pg_get_int (result, row, 9));
  roster_method_set_max_enrolled (method, roster_pg_get_int (result, row, 10));
  roster_method_set_welcome_message (method, roster_pg_get_text (result, row, 11));
  roster_method_set_notify_admins (method, roster_pg_get_bool (result, row, 12));
  roster_method_set_created_at (method, roster_pg_get_int (result, row, 13));
  roster_method_set_key_count (method, roster_pg_get_int (result, row, 14));
  roster_method_set_enrolled_count (method, roster_pg_get_int (result, row, 15));

  return method;
}

static RosterMethod *
get_method (PGconn   *conn,
            gint64    method_id,
            GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, method_id);
  result = roster_pg_query (conn, "SELECT " METHOD_COLUMNS " FROM enrol_methods m WHERE m.id = $1",
                            &params, "get method", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment method."));
      return NULL;
    }

  return method_from_row (result, 0);
}

static GPtrArray *
pg_list_methods (RosterStorage  *storage,
                 gint64          course_id,
                 GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) methods = g_ptr_array_new_with_free_func (g_object_unref);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn,
                            "SELECT " METHOD_COLUMNS " FROM enrol_methods m"
                            " WHERE m.course_id = $1 ORDER BY m.sort_order, m.id",
                            &params, "list methods", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (methods, method_from_row (result, i));

  return g_steal_pointer (&methods);
}

static RosterMethod *
pg_get_method (RosterStorage  *storage,
               gint64          method_id,
               GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  return get_method (conn, method_id, error);
}

/* Puts @method_id at @position (past the end: last) in its course's
 * list, and numbers the list 0, 1, 2… again, so the order stays dense
 * whatever was added, moved or deleted. @method_id 0 only renumbers. */
static gboolean
place_method (PGconn   *conn,
              gint64    course_id,
              gint64    method_id,
              gint64    position,
              GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  roster_pg_add_int (&params, course_id);
  roster_pg_add_id (&params, method_id);
  result = roster_pg_query (conn,
                            "SELECT id FROM enrol_methods WHERE course_id = $1 AND id IS DISTINCT FROM $2"
                            " ORDER BY sort_order, id",
                            &params, "method order", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 id = roster_pg_get_int (result, i, 0);

      g_array_append_val (ids, id);
    }
  if (method_id != 0)
    g_array_insert_val (ids, (guint) CLAMP (position, 0, (gint64) ids->len), method_id);

  for (guint i = 0; i < ids->len; i++)
    {
      g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;

      roster_pg_add_int (&update, i);
      roster_pg_add_int (&update, g_array_index (ids, gint64, i));
      if (!roster_pg_exec (conn, "UPDATE enrol_methods SET sort_order = $1 WHERE id = $2 AND sort_order <> $1",
                           &update, "method order", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
course_exists (PGconn   *conn,
               gint64    course_id,
               GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 found = 0;

  roster_pg_add_int (&params, course_id);
  return roster_pg_query_int (conn, "SELECT 1 FROM courses WHERE id = $1", &params, "course",
                              _("No such course."), &found, error);
}

/* A course has one manual method and at most one guest method: both are
 * about the course as a whole, unlike self enrolment with its keys. */
static gboolean
check_single_type (PGconn            *conn,
                   gint64             course_id,
                   RosterMethodType   type,
                   GError           **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 found = 0;

  if (type == ROSTER_METHOD_SELF)
    return TRUE;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_text (&params, roster_method_type_to_string (type));
  if (!roster_pg_query_int (conn, "SELECT 1 FROM enrol_methods WHERE course_id = $1 AND type = $2 LIMIT 1",
                            &params, "method type", NULL, &found, error))
    return FALSE;
  if (found == 0)
    return TRUE;

  if (type == ROSTER_METHOD_MANUAL)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                         _("This course already has a manual enrolment method."));
  else
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                         _("This course already has a guest access method."));
  return FALSE;
}

/* $1 … $9: the settings every write of a method sets. */
static void
add_settings (RosterPgParams *params,
              RosterMethod   *method)
{
  roster_pg_add_text (params, roster_method_get_name (method));
  roster_pg_add_bool (params, roster_method_get_enabled (method));
  roster_pg_add_text (params, roster_role_to_string (roster_method_get_default_role (method)));
  roster_pg_add_int (params, roster_method_get_enrol_start (method));
  roster_pg_add_int (params, roster_method_get_enrol_end (method));
  roster_pg_add_int (params, roster_method_get_enrol_duration (method));
  roster_pg_add_int (params, roster_method_get_max_enrolled (method));
  roster_pg_add_text (params, roster_method_get_welcome_message (method));
  roster_pg_add_bool (params, roster_method_get_notify_admins (method));
}

typedef struct
{
  RosterMethod           *method;
  gint64                  method_id;
  const RosterMethodPatch *patch;
  gboolean                unenrol;
  const RosterAuditEvent *audit;
  gint64                 *n_enrolled;
  gint64                  id;
} MethodChange;

static gboolean
create_method_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  MethodChange *create = data;
  RosterMethod *method = create->method;
  gint64 course_id = roster_method_get_course_id (method);
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterAuditEvent event = *create->audit;

  create->id = 0;
  if (!course_exists (conn, course_id, error) ||
      !check_single_type (conn, course_id, roster_method_get_method_type (method), error))
    return FALSE;

  add_settings (&params, method);
  roster_pg_add_int (&params, course_id);
  roster_pg_add_text (&params, roster_method_type_to_string (roster_method_get_method_type (method)));
  roster_pg_add_int (&params, roster_pg_now ());
  if (!roster_pg_query_int (conn,
                            "INSERT INTO enrol_methods (name, enabled, default_role, enrol_start, enrol_end,"
                            "  enrol_duration, max_enrolled, welcome_message, notify_admins, course_id, type,"
                            "  sort_order, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
                            "  (SELECT count(*) FROM enrol_methods WHERE course_id = $10), $12)"
                            " RETURNING id",
                            &params, "create method", NULL, &create->id, error))
    return FALSE;

  event.object_id = create->id;
  return place_method (conn, course_id, create->id, roster_method_get_sort_order (method), error) &&
         roster_pg_insert_audit (conn, &event, 0, error);
}

static gint64
pg_create_method (RosterStorage           *storage,
                  RosterMethod            *method,
                  const RosterAuditEvent  *audit,
                  GError                 **error)
{
  MethodChange create = { .method = method, .audit = audit };

  if (!roster_method_validate (method, error))
    return 0;

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_method_work, &create, error))
    return 0;

  return create.id;
}

static gboolean
update_method_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  MethodChange *update = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(RosterMethod) method = NULL;

  /* The rules apply to the method as it will be, so the patch is checked
   * against the current row inside the transaction. */
  method = get_method (conn, update->method_id, error);
  if (method == NULL)
    return FALSE;
  roster_method_apply_patch (method, update->patch);
  if (!roster_method_validate (method, error))
    return FALSE;

  add_settings (&params, method);
  roster_pg_add_int (&params, update->method_id);
  return roster_pg_exec (conn,
                         "UPDATE enrol_methods SET name = $1, enabled = $2, default_role = $3, enrol_start = $4,"
                         "  enrol_end = $5, enrol_duration = $6, max_enrolled = $7, welcome_message = $8,"
                         "  notify_admins = $9"
                         " WHERE id = $10",
                         &params, "update method", error) &&
         (!(update->patch->fields & ROSTER_METHOD_FIELD_SORT_ORDER) ||
          place_method (conn, roster_method_get_course_id (method), update->method_id,
                        update->patch->sort_order, error)) &&
         roster_pg_insert_audit (conn, update->audit, 0, error);
}

static gboolean
pg_update_method (RosterStorage            *storage,
                  gint64                    method_id,
                  const RosterMethodPatch  *patch,
                  const RosterAuditEvent   *audit,
                  GError                  **error)
{
  MethodChange update = { .method_id = method_id, .patch = patch, .audit = audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                update_method_work, &update, error);
}

/* @details (a JSON object, or NULL) with @member set to @value. */
static char *
details_with_count (const char *details,
                    const char *member,
                    gint64      value)
{
  g_autoptr(JsonObject) object = NULL;

  if (details != NULL)
    object = roster_json_parse_object (details, -1, NULL);
  if (object == NULL)
    object = json_object_new ();

  json_object_set_int_member (object, member, value);
  return roster_json_object_to_string (object);
}

static gboolean
unenrol_all (PGconn   *conn,
             gint64    course_id,
             gint64    method_id,
             GError  **error)
{
  g_auto(RosterPgParams) groups = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) enrolments = ROSTER_PG_PARAMS_INIT;

  /* Someone no longer in the course is in none of its groups either. */
  roster_pg_add_int (&groups, course_id);
  roster_pg_add_int (&groups, method_id);
  roster_pg_add_int (&enrolments, method_id);
  return roster_pg_exec (conn,
                         "DELETE FROM group_members"
                         " WHERE group_id IN (SELECT id FROM groups WHERE course_id = $1)"
                         "   AND user_id IN (SELECT user_id FROM enrolments WHERE method_id = $2)",
                         &groups, "unenrol", error) &&
         roster_pg_exec (conn, "DELETE FROM enrolments WHERE method_id = $1", &enrolments, "unenrol", error);
}

static gboolean
delete_method_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  MethodChange *delete = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(RosterMethod) method = NULL;
  g_autofree char *details = NULL;
  RosterAuditEvent event = *delete->audit;
  gint64 enrolled;

  *delete->n_enrolled = 0;
  method = get_method (conn, delete->method_id, error);
  if (method == NULL)
    return FALSE;

  /* Staff enrol people by hand through it, and other parts of the
   * server count on it: it can be switched off, not removed. */
  if (roster_method_get_method_type (method) == ROSTER_METHOD_MANUAL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("The manual enrolment method cannot be deleted; disable it instead."));
      return FALSE;
    }

  enrolled = roster_method_get_enrolled_count (method);
  *delete->n_enrolled = enrolled;
  if (enrolled > 0 && !delete->unenrol)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u person is enrolled through this method. Disable the method instead, "
                                "or delete it with “unenrol=true” to unenrol them too.",
                                "%u people are enrolled through this method. Disable the method instead, "
                                "or delete it with “unenrol=true” to unenrol them too.",
                                (gulong) enrolled),
                   (guint) enrolled);
      return FALSE;
    }

  if (enrolled > 0 && !unenrol_all (conn, roster_method_get_course_id (method), delete->method_id, error))
    return FALSE;

  details = details_with_count (delete->audit->details, "unenrolled", enrolled);
  event.details = details;
  roster_pg_add_int (&params, delete->method_id);
  return roster_pg_exec (conn, "DELETE FROM enrol_methods WHERE id = $1", &params, "delete method", error) &&
         place_method (conn, roster_method_get_course_id (method), 0, 0, error) &&
         roster_pg_insert_audit (conn, &event, 0, error);
}

static gboolean
pg_delete_method (RosterStorage           *storage,
                  gint64                   method_id,
                  gboolean                 unenrol,
                  const RosterAuditEvent  *audit,
                  gint64                  *n_enrolled,
                  GError                 **error)
{
  MethodChange delete = {
    .method_id = method_id, .unenrol = unenrol, .audit = audit, .n_enrolled = n_enrolled,
  };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                delete_method_work, &delete, error);
}

void
roster_pg_methods_init (RosterStorageInterface *iface)
{
  iface->list_methods = pg_list_methods;
  iface->get_method = pg_get_method;
  iface->create_method = pg_create_method;
  iface->update_method = pg_update_method;
  iface->delete_method = pg_delete_method;
}
