/* roster-sqlite-dataset.c: loading a RosterDataset in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include "roster-dataset.h"
#include "roster-sqlite-private.h"
#include "roster-text.h"

/* One prepared statement per table, reset between rows: preparing the
 * SQL again for each of 100 000 rows would cost more than the inserts. */
static gboolean
step_reset (sqlite3       *db,
            sqlite3_stmt  *stmt,
            const char    *what,
            GError       **error)
{
  gboolean ok = roster_sqlite_step_done (db, stmt, what, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return ok;
}

static gboolean
load_departments (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "INSERT INTO departments (id, name) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetDepartment *row = &g_array_index (rows, RosterDatasetDepartment, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      roster_sqlite_bind_text (stmt, 2, row->name);
      if (!step_reset (db, stmt, "load departments", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_users (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO users (id, username, username_key, email, email_key, first_name,"
                           "  last_name, idnumber, search_key, type, state, password_hash, site_admin,"
                           "  failed_logins, locked_until, created_at, last_access)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetUser *row = &g_array_index (rows, RosterDatasetUser, i);
      g_autofree char *username_key = roster_text_identity_key (row->username);
      g_autofree char *email_key = roster_text_identity_key (row->email);
      g_autofree char *joined = g_strjoin ("\x1f", row->first_name ? row->first_name : "",
                                           row->last_name ? row->last_name : "",
                                           row->username, row->email ? row->email : "", NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      sqlite3_bind_int64 (stmt, 1, row->id);
      roster_sqlite_bind_text (stmt, 2, row->username);
      roster_sqlite_bind_text (stmt, 3, username_key);
      roster_sqlite_bind_text (stmt, 4, row->email);
      roster_sqlite_bind_text (stmt, 5, email_key);
      roster_sqlite_bind_text (stmt, 6, row->first_name ? row->first_name : "");
      roster_sqlite_bind_text (stmt, 7, row->last_name ? row->last_name : "");
      roster_sqlite_bind_text (stmt, 8, row->idnumber);
      roster_sqlite_bind_text (stmt, 9, search_key);
      roster_sqlite_bind_text (stmt, 10, roster_user_type_to_string (row->type));
      roster_sqlite_bind_text (stmt, 11, roster_user_state_to_string (row->state));
      roster_sqlite_bind_text (stmt, 12, row->password_hash);
      sqlite3_bind_int (stmt, 13, row->site_admin ? 1 : 0);
      sqlite3_bind_int (stmt, 14, row->failed_logins);
      sqlite3_bind_int64 (stmt, 15, row->locked_until);
      sqlite3_bind_int64 (stmt, 16, row->created_at);
      sqlite3_bind_int64 (stmt, 17, row->last_access);
      if (!step_reset (db, stmt, "load users", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_courses (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO courses (id, short_name, full_name, search_key, department_id,"
                           "  group_mode, group_mode_forced, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetCourse *row = &g_array_index (rows, RosterDatasetCourse, i);
      g_autofree char *joined = g_strjoin ("\x1f", row->short_name, row->full_name, NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      sqlite3_bind_int64 (stmt, 1, row->id);
      roster_sqlite_bind_text (stmt, 2, row->short_name);
      roster_sqlite_bind_text (stmt, 3, row->full_name);
      roster_sqlite_bind_text (stmt, 4, search_key);
      roster_sqlite_bind_id (stmt, 5, row->department_id);
      roster_sqlite_bind_text (stmt, 6, roster_group_mode_to_string (row->group_mode));
      sqlite3_bind_int (stmt, 7, row->group_mode_forced ? 1 : 0);
      sqlite3_bind_int64 (stmt, 8, row->created_at);
      if (!step_reset (db, stmt, "load courses", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_methods (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO enrol_methods (id, course_id, type, sort_order, name, enabled,"
                           "  default_role, enrol_start, enrol_end, enrol_duration, max_enrolled,"
                           "  welcome_message, notify_admins, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetMethod *row = &g_array_index (rows, RosterDatasetMethod, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->course_id);
      roster_sqlite_bind_text (stmt, 3, roster_method_type_to_string (row->type));
      sqlite3_bind_int (stmt, 4, row->sort_order);
      roster_sqlite_bind_text (stmt, 5, row->name);
      sqlite3_bind_int (stmt, 6, row->enabled ? 1 : 0);
      roster_sqlite_bind_text (stmt, 7, roster_role_to_string (row->default_role));
      sqlite3_bind_int64 (stmt, 8, row->enrol_start);
      sqlite3_bind_int64 (stmt, 9, row->enrol_end);
      sqlite3_bind_int64 (stmt, 10, row->enrol_duration);
      sqlite3_bind_int64 (stmt, 11, row->max_enrolled);
      roster_sqlite_bind_text (stmt, 12, row->welcome_message);
      sqlite3_bind_int (stmt, 13, row->notify_admins ? 1 : 0);
      sqlite3_bind_int64 (stmt, 14, row->created_at);
      if (!step_reset (db, stmt, "load methods", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_groups (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db, "INSERT INTO groups (id, course_id, name, created_at) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetGroup *row = &g_array_index (rows, RosterDatasetGroup, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->course_id);
      roster_sqlite_bind_text (stmt, 3, row->name);
      sqlite3_bind_int64 (stmt, 4, row->created_at);
      if (!step_reset (db, stmt, "load groups", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_keys (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO enrol_keys (id, method_id, nickname, secret_sealed, secret_lookup,"
                           "  active, group_id, expires_at, max_uses, uses, created_by, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetKey *row = &g_array_index (rows, RosterDatasetKey, i);
      gsize sealed_len = 0;
      gconstpointer sealed = g_bytes_get_data (row->secret_sealed, &sealed_len);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->method_id);
      roster_sqlite_bind_text (stmt, 3, row->nickname);
      sqlite3_bind_blob (stmt, 4, sealed, sealed_len, SQLITE_TRANSIENT);
      roster_sqlite_bind_text (stmt, 5, row->secret_lookup);
      sqlite3_bind_int (stmt, 6, row->active ? 1 : 0);
      roster_sqlite_bind_id (stmt, 7, row->group_id);
      sqlite3_bind_int64 (stmt, 8, row->expires_at);
      sqlite3_bind_int64 (stmt, 9, row->max_uses);
      sqlite3_bind_int64 (stmt, 10, row->uses);
      roster_sqlite_bind_id (stmt, 11, row->created_by);
      sqlite3_bind_int64 (stmt, 12, row->created_at);
      if (!step_reset (db, stmt, "load keys", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_enrolments (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO enrolments (id, course_id, user_id, role, status, start_at, end_at,"
                           "  method_id, key_id, key_nickname, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetEnrolment *row = &g_array_index (rows, RosterDatasetEnrolment, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->course_id);
      sqlite3_bind_int64 (stmt, 3, row->user_id);
      roster_sqlite_bind_text (stmt, 4, roster_role_to_string (row->role));
      roster_sqlite_bind_text (stmt, 5, roster_enrolment_status_to_string (row->status));
      sqlite3_bind_int64 (stmt, 6, row->start_at);
      sqlite3_bind_int64 (stmt, 7, row->end_at);
      roster_sqlite_bind_id (stmt, 8, row->method_id);
      roster_sqlite_bind_id (stmt, 9, row->key_id);
      roster_sqlite_bind_text (stmt, 10, row->key_nickname);
      sqlite3_bind_int64 (stmt, 11, row->created_at);
      if (!step_reset (db, stmt, "load enrolments", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_members (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db, "INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetMember *row = &g_array_index (rows, RosterDatasetMember, i);

      sqlite3_bind_int64 (stmt, 1, row->group_id);
      sqlite3_bind_int64 (stmt, 2, row->user_id);
      sqlite3_bind_int64 (stmt, 3, row->added_at);
      if (!step_reset (db, stmt, "load group members", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_assignments (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO assignments (id, course_id, name, group_mode, due_at, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetAssignment *row = &g_array_index (rows, RosterDatasetAssignment, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->course_id);
      roster_sqlite_bind_text (stmt, 3, row->name);
      roster_sqlite_bind_text (stmt, 4, roster_group_mode_to_string (row->group_mode));
      sqlite3_bind_int64 (stmt, 5, row->due_at);
      sqlite3_bind_int64 (stmt, 6, row->created_at);
      if (!step_reset (db, stmt, "load assignments", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_submissions (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO submissions (assignment_id, user_id, status, submitted_at)"
                           " VALUES (?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetSubmission *row = &g_array_index (rows, RosterDatasetSubmission, i);

      sqlite3_bind_int64 (stmt, 1, row->assignment_id);
      sqlite3_bind_int64 (stmt, 2, row->user_id);
      roster_sqlite_bind_text (stmt, 3, row->status);
      sqlite3_bind_int64 (stmt, 4, row->submitted_at);
      if (!step_reset (db, stmt, "load submissions", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_removal_requests (sqlite3 *db, GArray *rows, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    roster_sqlite_prepare (db,
                           "INSERT INTO removal_requests (id, user_id, requested_at, reason, status,"
                           " decided_by, decided_at, decision_reason)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      const RosterDatasetRemovalRequest *row = &g_array_index (rows, RosterDatasetRemovalRequest, i);

      sqlite3_bind_int64 (stmt, 1, row->id);
      sqlite3_bind_int64 (stmt, 2, row->user_id);
      sqlite3_bind_int64 (stmt, 3, row->requested_at);
      roster_sqlite_bind_text (stmt, 4, row->reason);
      roster_sqlite_bind_text (stmt, 5, row->status);
      if (row->decided_by > 0)
        sqlite3_bind_int64 (stmt, 6, row->decided_by);
      else
        sqlite3_bind_null (stmt, 6);
      sqlite3_bind_int64 (stmt, 7, row->decided_at);
      roster_sqlite_bind_text (stmt, 8, row->decision_reason);
      if (!step_reset (db, stmt, "load removal requests", error))
        return FALSE;
    }

  return TRUE;
}

/* In dependency order, so foreign keys hold at every row. */
gboolean
roster_sqlite_load_dataset (sqlite3        *db,
                            RosterDataset  *dataset,
                            GError        **error)
{
  return load_departments (db, dataset->departments, error) &&
         load_users (db, dataset->users, error) &&
         load_courses (db, dataset->courses, error) &&
         load_methods (db, dataset->methods, error) &&
         load_groups (db, dataset->groups, error) &&
         load_keys (db, dataset->keys, error) &&
         load_enrolments (db, dataset->enrolments, error) &&
         load_members (db, dataset->members, error) &&
         load_assignments (db, dataset->assignments, error) &&
         load_submissions (db, dataset->submissions, error) &&
         load_removal_requests (db, dataset->removal_requests, error);
}
