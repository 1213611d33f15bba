/* roster-pg-assignments.c: assignments and submissions in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-assignments.c: the same statements and
 * rules. Lists of ids go as one BIGINT[] parameter where SQLite reads a
 * JSON array with json_each(): no SQL is built from them either way.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"

/* ---- assignments ---- */

#define ASSIGNMENT_SELECT \
  "SELECT a.id, a.course_id, a.name, a.due_at, a.group_mode, c.group_mode, c.group_mode_forced" \
  " FROM assignments a JOIN courses c ON c.id = a.course_id"

static RosterAssignment *
assignment_from_row (const PGresult *result,
                     int             row)
{
  RosterAssignment *assignment = roster_assignment_new ();
  RosterGroupMode own = ROSTER_GROUP_MODE_NONE;
  RosterGroupMode course = ROSTER_GROUP_MODE_NONE;

  roster_assignment_set_id (assignment, roster_pg_get_int (result, row, 0));
  roster_assignment_set_course_id (assignment, roster_pg_get_int (result, row, 1));
  roster_assignment_set_name (assignment, roster_pg_get_text (result, row, 2));
  roster_assignment_set_due_at (assignment, roster_pg_get_int (result, row, 3));
  /* CHECK constraints keep these columns to known values. */
  roster_group_mode_from_string (roster_pg_get_text (result, row, 4), &own);
  roster_group_mode_from_string (roster_pg_get_text (result, row, 5), &course);
  roster_assignment_set_group_mode (assignment, own);
  roster_assignment_set_course_group_mode (assignment, course);
  roster_assignment_set_forced (assignment, roster_pg_get_bool (result, row, 6));

  return assignment;
}

static GPtrArray *
pg_list_assignments (RosterStorage  *storage,
                     gint64          course_id,
                     GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) assignments = g_ptr_array_new_with_free_func (g_object_unref);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* By due date, those without one last (false sorts before true). */
  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn,
                            ASSIGNMENT_SELECT
                            " WHERE a.course_id = $1"
                            " ORDER BY a.due_at = 0, a.due_at, a.name, a.id",
                            &params, "list assignments", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (assignments, assignment_from_row (result, i));

  return g_steal_pointer (&assignments);
}

static RosterAssignment *
get_assignment (PGconn   *conn,
                gint64    assignment_id,
                GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, assignment_id);
  result = roster_pg_query (conn, ASSIGNMENT_SELECT " WHERE a.id = $1", &params, "get assignment", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such assignment."));
      return NULL;
    }

  return assignment_from_row (result, 0);
}

static RosterAssignment *
pg_get_assignment (RosterStorage  *storage,
                   gint64          assignment_id,
                   GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  return get_assignment (conn, assignment_id, error);
}

typedef struct
{
  gint64                        assignment_id;
  const RosterAssignmentChange *change;
  const RosterAuditEvent       *audit;
} UpdateAssignment;

static gboolean
update_assignment_work (PGconn    *conn,
                        gpointer   data,
                        GError   **error)
{
  UpdateAssignment *update = data;
  const RosterAssignmentChange *change = update->change;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(RosterAssignment) current = get_assignment (conn, update->assignment_id, error);

  if (current == NULL)
    return FALSE;

  /* Checked here, in the (serialisable) transaction, so that a course
   * starting to force its mode at the same moment cannot be overtaken. */
  if (change->set_group_mode && roster_assignment_get_forced (current) &&
      change->group_mode != roster_assignment_get_group_mode (current))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("The course forces the group mode “%s” on all its activities; change the "
                     "course’s group mode, or stop forcing it, first."),
                   roster_group_mode_to_string (roster_assignment_get_course_group_mode (current)));
      return FALSE;
    }

  roster_pg_add_text (&params, change->name);
  roster_pg_add_bool (&params, change->set_group_mode);
  roster_pg_add_text (&params, roster_group_mode_to_string (change->group_mode));
  roster_pg_add_bool (&params, change->set_due_at);
  roster_pg_add_int (&params, change->due_at);
  roster_pg_add_int (&params, update->assignment_id);
  return roster_pg_exec (conn,
                         "UPDATE assignments SET name = coalesce ($1, name),"
                         "  group_mode = CASE WHEN $2::integer = 1 THEN $3 ELSE group_mode END,"
                         "  due_at = CASE WHEN $4::integer = 1 THEN $5::bigint ELSE due_at END"
                         " WHERE id = $6",
                         &params, "update assignment", error) &&
         roster_pg_insert_audit (conn, update->audit, 0, error);
}

static gboolean
pg_update_assignment (RosterStorage                 *storage,
                      gint64                         assignment_id,
                      const RosterAssignmentChange  *change,
                      const RosterAuditEvent        *audit,
                      GError                       **error)
{
  UpdateAssignment update = { assignment_id, change, audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                update_assignment_work, &update, error);
}

/* ---- submissions ---- */

/* $2: the groups, NULL for any. */
#define IN_GROUPS \
  "($2::bigint[] IS NULL OR EXISTS (SELECT 1 FROM group_members m" \
  "   WHERE m.user_id = s.user_id AND m.group_id = ANY ($2::bigint[])))"

/* Adds each student's groups in the assignment's course, as brief
 * RosterGroups shared between the submissions. */
static gboolean
add_student_groups (PGconn      *conn,
                    gint64       assignment_id,
                    GHashTable  *by_student,
                    GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  /* lower() under the "C" collation: SQLite's NOCASE. */
  roster_pg_add_int (&params, assignment_id);
  result = roster_pg_query (conn,
                            "SELECT m.user_id, g.id, g.name FROM groups g"
                            " JOIN group_members m ON m.group_id = g.id"
                            " WHERE g.course_id = (SELECT course_id FROM assignments WHERE id = $1)"
                            " ORDER BY lower (g.name), g.id",
                            &params, "submission groups", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 user_id = roster_pg_get_int (result, i, 0);
      gint64 group_id = roster_pg_get_int (result, i, 1);
      RosterSubmission *submission = g_hash_table_lookup (by_student, &user_id);
      RosterGroup *group;

      if (submission == NULL)
        continue;

      group = g_hash_table_lookup (groups, &group_id);
      if (group == NULL)
        {
          group = roster_group_new ();
          roster_group_set_id (group, group_id);
          roster_group_set_name (group, roster_pg_get_text (result, i, 2));
          g_hash_table_insert (groups, g_memdup2 (&group_id, sizeof group_id), group);
        }
      roster_submission_add_group (submission, group);
    }

  return TRUE;
}

static gboolean
list_submissions_work (PGconn    *conn,
                       gpointer   data,
                       GError   **error)
{
  gpointer *args = data;
  gint64 assignment_id = *(gint64 *) args[0];
  const GArray *group_ids = args[1];
  GPtrArray *submissions = args[2];
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GHashTable) by_student = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_ptr_array_set_size (submissions, 0);
  roster_pg_add_int (&params, assignment_id);
  roster_pg_add_ids (&params, group_ids);
  result = roster_pg_query (conn,
                            "SELECT s.id, s.status, s.submitted_at,"
                            "  u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state"
                            " FROM submissions s JOIN users u ON u.id = s.user_id"
                            " WHERE s.assignment_id = $1 AND " IN_GROUPS
                            " ORDER BY u.last_name, u.first_name, u.id",
                            &params, "list submissions", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autoptr(RosterUser) student = roster_user_new ();
      RosterSubmission *submission = roster_submission_new ();
      RosterSubmissionStatus status = ROSTER_SUBMISSION_DRAFT;
      RosterUserType type = ROSTER_USER_TYPE_STUDENT;
      RosterUserState state = ROSTER_USER_STATE_ACTIVE;
      gint64 student_id = roster_pg_get_int (result, i, 3);

      /* CHECK constraints keep these columns to known values. */
      roster_submission_status_from_string (roster_pg_get_text (result, i, 1), &status);
      roster_user_type_from_string (roster_pg_get_text (result, i, 8), &type);
      roster_user_state_from_string (roster_pg_get_text (result, i, 9), &state);

      roster_user_set_id (student, student_id);
      roster_user_set_username (student, roster_pg_get_text (result, i, 4));
      roster_user_set_email (student, roster_pg_get_text (result, i, 5));
      roster_user_set_first_name (student, roster_pg_get_text (result, i, 6));
      roster_user_set_last_name (student, roster_pg_get_text (result, i, 7));
      roster_user_set_user_type (student, type);
      roster_user_set_state (student, state);

      roster_submission_set_id (submission, roster_pg_get_int (result, i, 0));
      roster_submission_set_assignment_id (submission, assignment_id);
      roster_submission_set_status (submission, status);
      roster_submission_set_submitted_at (submission, roster_pg_get_int (result, i, 2));
      roster_submission_set_student (submission, student);
      g_ptr_array_add (submissions, submission);
      g_hash_table_insert (by_student, g_memdup2 (&student_id, sizeof student_id), submission);
    }

  return add_student_groups (conn, assignment_id, by_student, error);
}

static GPtrArray *
pg_list_submissions (RosterStorage  *storage,
                     gint64          assignment_id,
                     const GArray   *group_ids,
                     GError        **error)
{
  g_autoptr(GPtrArray) submissions = g_ptr_array_new_with_free_func (g_object_unref);
  gpointer args[] = { &assignment_id, (gpointer) group_ids, submissions };

  /* Two reads that must agree: one snapshot. */
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_REPEATABLE_READ_ONLY,
                              list_submissions_work, args, error))
    return NULL;

  return g_steal_pointer (&submissions);
}

static gboolean
pg_count_submissions (RosterStorage  *storage,
                      gint64          assignment_id,
                      const GArray   *group_ids,
                      gint64         *count,
                      GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, assignment_id);
  roster_pg_add_ids (&params, group_ids);
  return roster_pg_query_int (conn,
                              "SELECT count(*) FROM submissions s"
                              " WHERE s.assignment_id = $1 AND " IN_GROUPS,
                              &params, "count submissions", NULL, count, error);
}

void
roster_pg_assignments_init (RosterStorageInterface *iface)
{
  iface->list_assignments = pg_list_assignments;
  iface->get_assignment = pg_get_assignment;
  iface->update_assignment = pg_update_assignment;
  iface->list_submissions = pg_list_submissions;
  iface->count_submissions = pg_count_submissions;
}
