/* roster-sqlite-assignments.c: assignments and submissions in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"

/* ---- assignments ---- */

#define ASSIGNMENT_SELECT \
  "SELECT a.id, a.course_id, a.name, a.due_at, a.group_mode, c.group_mode, c.group_mode_forced" \
  " FROM assignments a JOIN courses c ON c.id = a.course_id"

static RosterAssignment *
assignment_from_row (sqlite3_stmt *stmt)
{
  RosterAssignment *assignment = roster_assignment_new ();
  RosterGroupMode own = ROSTER_GROUP_MODE_NONE;
  RosterGroupMode course = ROSTER_GROUP_MODE_NONE;

  roster_assignment_set_id (assignment, sqlite3_column_int64 (stmt, 0));
  roster_assignment_set_course_id (assignment, sqlite3_column_int64 (stmt, 1));
  roster_assignment_set_name (assignment, (const char *) sqlite3_column_text (stmt, 2));
  roster_assignment_set_due_at (assignment, sqlite3_column_int64 (stmt, 3));
  /* CHECK constraints keep these columns to known values. */
  roster_group_mode_from_string ((const char *) sqlite3_column_text (stmt, 4), &own);
  roster_group_mode_from_string ((const char *) sqlite3_column_text (stmt, 5), &course);
  roster_assignment_set_group_mode (assignment, own);
  roster_assignment_set_course_group_mode (assignment, course);
  roster_assignment_set_forced (assignment, sqlite3_column_int (stmt, 6) != 0);

  return assignment;
}

static GPtrArray *
sqlite_list_assignments (RosterStorage  *storage,
                         gint64          course_id,
                         GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  /* By due date, those without one last. */
  stmt = roster_sqlite_prepare (db,
                                ASSIGNMENT_SELECT
                                " WHERE a.course_id = ?"
                                " ORDER BY a.due_at = 0, a.due_at, a.name, a.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (assignments, assignment_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list assignments");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&assignments) : NULL;
}

static RosterAssignment *
get_assignment_locked (sqlite3  *db,
                       gint64    assignment_id,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, ASSIGNMENT_SELECT " WHERE a.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assignment_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return assignment_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such assignment."));
  else
    roster_sqlite_set_error (error, db, rc, "get assignment");

  return NULL;
}

static RosterAssignment *
sqlite_get_assignment (RosterStorage  *storage,
                       gint64          assignment_id,
                       GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  RosterAssignment *assignment = get_assignment_locked (db, assignment_id, error);

  return assignment;
}

static gboolean
sqlite_update_assignment (RosterStorage                 *storage,
                          gint64                         assignment_id,
                          const RosterAssignmentChange  *change,
                          const RosterAuditEvent        *audit,
                          GError                       **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterAssignment) current = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  current = get_assignment_locked (db, assignment_id, error);
  if (current == NULL)
    goto out;

  /* Checked here, in the transaction, so that a course starting to force
   * its mode at the same moment cannot be overtaken. */
  if (change->set_group_mode && roster_assignment_get_forced (current) &&
      change->group_mode != roster_assignment_get_group_mode (current))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("The course forces the group mode “%s” on all its activities; change the "
                     "course’s group mode, or stop forcing it, first."),
                   roster_group_mode_to_string (roster_assignment_get_course_group_mode (current)));
      goto out;
    }

  stmt = roster_sqlite_prepare (db,
                                "UPDATE assignments SET name = coalesce (?1, name),"
                                "  group_mode = CASE WHEN ?2 THEN ?3 ELSE group_mode END,"
                                "  due_at = CASE WHEN ?4 THEN ?5 ELSE due_at END"
                                " WHERE id = ?6",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, change->name);
  sqlite3_bind_int (stmt, 2, change->set_group_mode ? 1 : 0);
  roster_sqlite_bind_text (stmt, 3, roster_group_mode_to_string (change->group_mode));
  sqlite3_bind_int (stmt, 4, change->set_due_at ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, change->due_at);
  sqlite3_bind_int64 (stmt, 6, assignment_id);

  ok = roster_sqlite_step_done (db, stmt, "update assignment", error) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

/* ---- submissions ---- */

/* The ids as a JSON array, bound as one parameter and read back with
 * json_each(): no SQL is built from them. NULL stays NULL. */
static char *
ids_to_json (const GArray *ids)
{
  GString *json;

  if (ids == NULL)
    return NULL;

  json = g_string_new ("[");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

#define IN_GROUPS \
  "(:groups IS NULL OR EXISTS (SELECT 1 FROM group_members m" \
  "   WHERE m.user_id = s.user_id AND m.group_id IN (SELECT value FROM json_each (:groups))))"

/* Adds each student's groups in the assignment's course, as brief
 * RosterGroups shared between the submissions. */
static gboolean
add_student_groups (sqlite3     *db,
                    gint64       assignment_id,
                    GHashTable  *by_student,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT m.user_id, g.id, g.name FROM groups g"
                                " JOIN group_members m ON m.group_id = g.id"
                                " WHERE g.course_id = (SELECT course_id FROM assignments WHERE id = ?)"
                                " ORDER BY g.name COLLATE NOCASE, g.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assignment_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 user_id = sqlite3_column_int64 (stmt, 0);
      gint64 group_id = sqlite3_column_int64 (stmt, 1);
      RosterSubmission *submission = g_hash_table_lookup (by_student, &user_id);
      RosterGroup *group;

      if (submission == NULL)
        continue;

      group = g_hash_table_lookup (groups, &group_id);
      if (group == NULL)
        {
          group = roster_group_new ();
          roster_group_set_id (group, group_id);
          roster_group_set_name (group, (const char *) sqlite3_column_text (stmt, 2));
          g_hash_table_insert (groups, g_memdup2 (&group_id, sizeof group_id), group);
        }
      roster_submission_add_group (submission, group);
    }

  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "submission groups");

  return TRUE;
}

static GPtrArray *
sqlite_list_submissions (RosterStorage  *storage,
                         gint64          assignment_id,
                         const GArray   *group_ids,
                         GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_student = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *groups = ids_to_json (group_ids);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT s.id, s.status, s.submitted_at,"
                                "  u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state"
                                " FROM submissions s JOIN users u ON u.id = s.user_id"
                                " WHERE s.assignment_id = :assignment AND " IN_GROUPS
                                " ORDER BY u.last_name, u.first_name, u.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":assignment"), assignment_id);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":groups"), groups);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(RosterUser) student = roster_user_new ();
      RosterSubmission *submission = roster_submission_new ();
      RosterSubmissionStatus status = ROSTER_SUBMISSION_DRAFT;
      RosterUserType type = ROSTER_USER_TYPE_STUDENT;
      RosterUserState state = ROSTER_USER_STATE_ACTIVE;
      gint64 student_id = sqlite3_column_int64 (stmt, 3);

      /* CHECK constraints keep these columns to known values. */
      roster_submission_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status);
      roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 8), &type);
      roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 9), &state);

      roster_user_set_id (student, student_id);
      roster_user_set_username (student, (const char *) sqlite3_column_text (stmt, 4));
      roster_user_set_email (student, (const char *) sqlite3_column_text (stmt, 5));
      roster_user_set_first_name (student, (const char *) sqlite3_column_text (stmt, 6));
      roster_user_set_last_name (student, (const char *) sqlite3_column_text (stmt, 7));
      roster_user_set_user_type (student, type);
      roster_user_set_state (student, state);

      roster_submission_set_id (submission, sqlite3_column_int64 (stmt, 0));
      roster_submission_set_assignment_id (submission, assignment_id);
      roster_submission_set_status (submission, status);
      roster_submission_set_submitted_at (submission, sqlite3_column_int64 (stmt, 2));
      roster_submission_set_student (submission, student);

      g_ptr_array_add (submissions, submission);
      g_hash_table_insert (by_student, g_memdup2 (&student_id, sizeof student_id), submission);
    }

  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "list submissions");
      goto out;
    }

  ok = add_student_groups (db, assignment_id, by_student, error);

out:
  return ok ? g_steal_pointer (&submissions) : NULL;
}

static gboolean
sqlite_count_submissions (RosterStorage  *storage,
                          gint64          assignment_id,
                          const GArray   *group_ids,
                          gint64         *count,
                          GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *groups = ids_to_json (group_ids);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT count(*) FROM submissions s"
                                " WHERE s.assignment_id = :assignment AND " IN_GROUPS,
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":assignment"), assignment_id);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":groups"), groups);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *count = sqlite3_column_int64 (stmt, 0);
      ok = TRUE;
    }
  else
    roster_sqlite_set_error (error, db, rc, "count submissions");

out:
  return ok;
}

void
roster_sqlite_assignments_init (RosterStorageInterface *iface)
{
  iface->list_assignments = sqlite_list_assignments;
  iface->get_assignment = sqlite_get_assignment;
  iface->update_assignment = sqlite_update_assignment;
  iface->list_submissions = sqlite_list_submissions;
  iface->count_submissions = sqlite_count_submissions;
}
