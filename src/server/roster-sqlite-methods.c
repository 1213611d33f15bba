/* roster-sqlite-methods.c: enrolment methods in SQLite (their keys are
 * in roster-sqlite-keys.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-sqlite-private.h"

#define METHOD_COLUMNS \
  "m.id, m.course_id, m.type, m.sort_order, m.name, m.enabled, m.default_role, m.enrol_start," \
  " m.enrol_end, m.enrol_duration, m.max_enrolled, m.welcome_message, m.notify_admins, m.created_at," \
  " (SELECT count(*) FROM enrol_keys k WHERE k.method_id = m.id)," \
  " (SELECT count(*) FROM enrolments e WHERE e.method_id = m.id)"

static RosterMethod *
method_from_row (sqlite3_stmt *stmt)
{
  RosterMethodType type = ROSTER_METHOD_MANUAL;
  RosterRole role = ROSTER_ROLE_GUEST;
  RosterMethod *method;

  /* CHECK constraints keep these columns to known values. */
  roster_method_type_from_string ((const char *) sqlite3_column_text (stmt, 2), &type);
  roster_role_from_string ((const char *) sqlite3_column_text (stmt, 6), &role);

  method = roster_method_new_for_type (type);
  roster_method_set_id (method, sqlite3_column_int64 (stmt, 0));
  roster_method_set_course_id (method, sqlite3_column_int64 (stmt, 1));
  roster_method_set_sort_order (method, sqlite3_column_int64 (stmt, 3));
  roster_method_set_name (method, (const char *) sqlite3_column_text (stmt, 4));
  roster_method_set_enabled (method, sqlite3_column_int (stmt, 5) != 0);
  roster_method_set_default_role (method, role);
  roster_method_set_enrol_start (method, sqlite3_column_int64 (stmt, 7));
  roster_method_set_enrol_end (method, sqlite3_column_int64 (stmt, 8));
  roster_method_set_enrol_duration (method, sqlite3_column_int64 (stmt, 9));
  roster_method_set_max_enrolled (method, sqlite3_column_int64 (stmt, 10));
  roster_method_set_welcome_message (method, (const char *) sqlite3_column_text (stmt, 11));
  roster_method_set_notify_admins (method, sqlite3_column_int (stmt, 12) != 0);
  roster_method_set_created_at (method, sqlite3_column_int64 (stmt, 13));
  roster_method_set_key_count (method, sqlite3_column_int64 (stmt, 14));
  roster_method_set_enrolled_count (method, sqlite3_column_int64 (stmt, 15));

  return method;
}

static RosterMethod *
get_method_locked (sqlite3  *db,
                   gint64    method_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " METHOD_COLUMNS " FROM enrol_methods m WHERE m.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, method_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return method_from_row (stmt);
  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "get method");
  else
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment method."));

  return NULL;
}

static GPtrArray *
sqlite_list_methods (RosterStorage  *storage,
                     gint64          course_id,
                     GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) methods = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT " METHOD_COLUMNS " FROM enrol_methods m"
                                " WHERE m.course_id = ? ORDER BY m.sort_order, m.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (methods, method_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list methods");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&methods) : NULL;
}

static RosterMethod *
sqlite_get_method (RosterStorage  *storage,
                   gint64          method_id,
                   GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  RosterMethod *method = get_method_locked (db, method_id, error);

  return method;
}

/* Puts @method_id at @position (past the end: last) in its course's
 * list, and numbers the list 0, 1, 2… again, so the order stays dense
 * whatever was added, moved or deleted. @method_id 0 only renumbers. */
static gboolean
place_method (sqlite3  *db,
              gint64    course_id,
              gint64    method_id,
              gint64    position,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = roster_sqlite_prepare (db,
                                  "SELECT id FROM enrol_methods WHERE course_id = ? AND id IS NOT ?"
                                  " ORDER BY sort_order, id",
                                  error);
  update = roster_sqlite_prepare (db,
                                  "UPDATE enrol_methods SET sort_order = ?1 WHERE id = ?2 AND sort_order != ?1",
                                  error);
  if (select == NULL || update == NULL)
    return FALSE;

  sqlite3_bind_int64 (select, 1, course_id);
  roster_sqlite_bind_id (select, 2, method_id);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "method order");

  if (method_id != 0)
    g_array_insert_val (ids, (guint) CLAMP (position, 0, (gint64) ids->len), method_id);

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, i);
      sqlite3_bind_int64 (update, 2, g_array_index (ids, gint64, i));
      if (!roster_sqlite_step_done (db, update, "method order", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
course_exists (sqlite3  *db,
               gint64    course_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "SELECT 1 FROM courses WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "course");

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
  return FALSE;
}

/* A course has one manual method and at most one guest method: both are
 * about the course as a whole, unlike self enrolment with its keys. */
static gboolean
check_single_type (sqlite3           *db,
                   gint64             course_id,
                   RosterMethodType   type,
                   GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (type == ROSTER_METHOD_SELF)
    return TRUE;

  stmt = roster_sqlite_prepare (db, "SELECT 1 FROM enrol_methods WHERE course_id = ? AND type = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  roster_sqlite_bind_text (stmt, 2, roster_method_type_to_string (type));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "method type");

  if (type == ROSTER_METHOD_MANUAL)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                         _("This course already has a manual enrolment method."));
  else
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                         _("This course already has a guest access method."));
  return FALSE;
}

static void
bind_settings (sqlite3_stmt *stmt,
               RosterMethod *method)
{
  roster_sqlite_bind_text (stmt, 1, roster_method_get_name (method));
  sqlite3_bind_int (stmt, 2, roster_method_get_enabled (method) ? 1 : 0);
  roster_sqlite_bind_text (stmt, 3, roster_role_to_string (roster_method_get_default_role (method)));
  sqlite3_bind_int64 (stmt, 4, roster_method_get_enrol_start (method));
  sqlite3_bind_int64 (stmt, 5, roster_method_get_enrol_end (method));
  sqlite3_bind_int64 (stmt, 6, roster_method_get_enrol_duration (method));
  sqlite3_bind_int64 (stmt, 7, roster_method_get_max_enrolled (method));
  roster_sqlite_bind_text (stmt, 8, roster_method_get_welcome_message (method));
  sqlite3_bind_int (stmt, 9, roster_method_get_notify_admins (method) ? 1 : 0);
}

static gint64
sqlite_create_method (RosterStorage           *storage,
                      RosterMethod            *method,
                      const RosterAuditEvent  *audit,
                      GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 course_id = roster_method_get_course_id (method);
  sqlite3 *db;
  gint64 id = 0;

  if (!roster_method_validate (method, error))
    return 0;

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error) ||
      !course_exists (db, course_id, error) ||
      !check_single_type (db, course_id, roster_method_get_method_type (method), error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO enrol_methods (name, enabled, default_role, enrol_start, enrol_end,"
                                "  enrol_duration, max_enrolled, welcome_message, notify_admins, course_id, type,"
                                "  sort_order, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                "  (SELECT count(*) FROM enrol_methods WHERE course_id = ?10), ?)",
                                error);
  if (stmt == NULL)
    goto out;
  bind_settings (stmt, method);
  sqlite3_bind_int64 (stmt, 10, course_id);
  roster_sqlite_bind_text (stmt, 11, roster_method_type_to_string (roster_method_get_method_type (method)));
  sqlite3_bind_int64 (stmt, 12, roster_sqlite_now ());

  if (roster_sqlite_step_done (db, stmt, "create method", error))
    {
      RosterAuditEvent event = *audit;

      id = sqlite3_last_insert_rowid (db);
      event.object_id = id;
      if (!place_method (db, course_id, id, roster_method_get_sort_order (method), error) ||
          !roster_sqlite_insert_audit (db, &event, 0, error) ||
          !roster_sqlite_commit (db, error))
        id = 0;
    }

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

static gboolean
sqlite_update_method (RosterStorage            *storage,
                      gint64                    method_id,
                      const RosterMethodPatch  *patch,
                      const RosterAuditEvent   *audit,
                      GError                  **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RosterMethod) method = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  /* The rules apply to the method as it will be, so the patch is checked
   * against the current row inside the transaction. */
  method = get_method_locked (db, method_id, error);
  if (method == NULL)
    goto out;
  roster_method_apply_patch (method, patch);
  if (!roster_method_validate (method, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE enrol_methods SET name = ?, enabled = ?, default_role = ?, enrol_start = ?,"
                                "  enrol_end = ?, enrol_duration = ?, max_enrolled = ?, welcome_message = ?,"
                                "  notify_admins = ?"
                                " WHERE id = ?10",
                                error);
  if (stmt == NULL)
    goto out;
  bind_settings (stmt, method);
  sqlite3_bind_int64 (stmt, 10, method_id);

  ok = roster_sqlite_step_done (db, stmt, "update method", error) &&
       (!(patch->fields & ROSTER_METHOD_FIELD_SORT_ORDER) ||
        place_method (db, roster_method_get_course_id (method), method_id, patch->sort_order, error)) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
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
unenrol_all (sqlite3  *db,
             gint64    course_id,
             gint64    method_id,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) enrolments = NULL;

  /* Someone no longer in the course is in none of its groups either. */
  groups = roster_sqlite_prepare (db,
                                  "DELETE FROM group_members"
                                  " WHERE group_id IN (SELECT id FROM groups WHERE course_id = ?1)"
                                  "   AND user_id IN (SELECT user_id FROM enrolments WHERE method_id = ?2)",
                                  error);
  enrolments = roster_sqlite_prepare (db, "DELETE FROM enrolments WHERE method_id = ?", error);
  if (groups == NULL || enrolments == NULL)
    return FALSE;

  sqlite3_bind_int64 (groups, 1, course_id);
  sqlite3_bind_int64 (groups, 2, method_id);
  sqlite3_bind_int64 (enrolments, 1, method_id);

  return roster_sqlite_step_done (db, groups, "unenrol", error) &&
         roster_sqlite_step_done (db, enrolments, "unenrol", error);
}

static gboolean
sqlite_delete_method (RosterStorage           *storage,
                      gint64                   method_id,
                      gboolean                 unenrol,
                      const RosterAuditEvent  *audit,
                      gint64                  *n_enrolled,
                      GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(RosterMethod) method = NULL;
  g_autofree char *details = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  RosterAuditEvent event = *audit;
  gboolean ok = FALSE;
  gint64 enrolled;

  *n_enrolled = 0;

  if (!roster_sqlite_begin (db, error))
    goto out;

  method = get_method_locked (db, method_id, error);
  if (method == NULL)
    goto out;

  /* Staff enrol people by hand through it, and other parts of the
   * server count on it: it can be switched off, not removed. */
  if (roster_method_get_method_type (method) == ROSTER_METHOD_MANUAL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("The manual enrolment method cannot be deleted; disable it instead."));
      goto out;
    }

  enrolled = roster_method_get_enrolled_count (method);
  *n_enrolled = enrolled;
  if (enrolled > 0 && !unenrol)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u person is enrolled through this method. Disable the method instead, "
                                "or delete it with “unenrol=true” to unenrol them too.",
                                "%u people are enrolled through this method. Disable the method instead, "
                                "or delete it with “unenrol=true” to unenrol them too.",
                                (gulong) enrolled),
                   (guint) enrolled);
      goto out;
    }

  if (enrolled > 0 && !unenrol_all (db, roster_method_get_course_id (method), method_id, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "DELETE FROM enrol_methods WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, method_id);

  details = details_with_count (audit->details, "unenrolled", enrolled);
  event.details = details;

  ok = roster_sqlite_step_done (db, stmt, "delete method", error) &&
       place_method (db, roster_method_get_course_id (method), 0, 0, error) &&
       roster_sqlite_insert_audit (db, &event, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

void
roster_sqlite_methods_init (RosterStorageInterface *iface)
{
  iface->list_methods = sqlite_list_methods;
  iface->get_method = sqlite_get_method;
  iface->create_method = sqlite_create_method;
  iface->update_method = sqlite_update_method;
  iface->delete_method = sqlite_delete_method;

  roster_sqlite_keys_init (iface);
}
