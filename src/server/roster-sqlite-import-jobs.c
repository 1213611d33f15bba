/* roster-sqlite-import-jobs.c: import jobs and their reports in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job's rows are written by its session (roster-sqlite-imports.c);
 * this file keeps the job itself: its state, its counts, its report.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-sqlite-private.h"

static gint64
sqlite_create_job (RosterImportStorage     *storage,
                   const RosterImportJob   *job,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 id = 0;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO import_jobs (course_id, created_by, created_at, state, rows_total,"
                                "  file_name, options)"
                                " VALUES (?, ?, ?, 'queued', ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, job->course_id);
  roster_sqlite_bind_id (stmt, 2, job->created_by);
  sqlite3_bind_int64 (stmt, 3, roster_sqlite_now ());
  sqlite3_bind_int (stmt, 4, job->rows_total);
  roster_sqlite_bind_text (stmt, 5, job->file_name);
  roster_sqlite_bind_text (stmt, 6, job->options);

  if (!roster_sqlite_step_done (db, stmt, "import job", error))
    goto out;

  id = sqlite3_last_insert_rowid (db);
  {
    RosterAuditEvent event = *audit;

    event.object_id = id;
    if (!roster_sqlite_insert_audit (db, &event, 0, error) || !roster_sqlite_commit (db, error))
      id = 0;
  }

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

static gboolean
sqlite_update_job (RosterImportStorage    *storage,
                   const RosterImportJob  *job,
                   GError                **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE import_jobs SET state = ?, started_at = ?, finished_at = ?,"
                                "  rows_total = ?, rows_done = ?, n_create = ?, n_update = ?, n_enrol = ?,"
                                "  n_unchanged = ?, n_skipped = ?, n_error = ?, file_info = ?, error = ?"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    goto out;

  roster_sqlite_bind_text (stmt, 1, roster_import_state_to_string (job->state));
  sqlite3_bind_int64 (stmt, 2, job->started_at);
  sqlite3_bind_int64 (stmt, 3, job->finished_at);
  sqlite3_bind_int (stmt, 4, job->rows_total);
  sqlite3_bind_int (stmt, 5, job->rows_done);
  for (guint i = 0; i < ROSTER_IMPORT_N_OUTCOMES; i++)
    sqlite3_bind_int (stmt, 6 + i, job->counts[i]);
  roster_sqlite_bind_text (stmt, 12, job->file_info);
  roster_sqlite_bind_text (stmt, 13, job->error);
  sqlite3_bind_int64 (stmt, 14, job->id);

  ok = roster_sqlite_step_done (db, stmt, "import job", error);

out:
  return ok;
}

#define JOB_COLUMNS \
  "id, course_id, coalesce(created_by, 0), created_at, started_at, finished_at, state, rows_total," \
  " rows_done, n_create, n_update, n_enrol, n_unchanged, n_skipped, n_error, file_name, options," \
  " file_info, error, importing, cancel_requested"

static RosterImportJob *
job_from_row (sqlite3_stmt *stmt)
{
  RosterImportJob *job = g_new0 (RosterImportJob, 1);

  job->id = sqlite3_column_int64 (stmt, 0);
  job->course_id = sqlite3_column_int64 (stmt, 1);
  job->created_by = sqlite3_column_int64 (stmt, 2);
  job->created_at = sqlite3_column_int64 (stmt, 3);
  job->started_at = sqlite3_column_int64 (stmt, 4);
  job->finished_at = sqlite3_column_int64 (stmt, 5);
  roster_import_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &job->state);
  job->rows_total = sqlite3_column_int (stmt, 7);
  job->rows_done = sqlite3_column_int (stmt, 8);
  for (guint i = 0; i < ROSTER_IMPORT_N_OUTCOMES; i++)
    job->counts[i] = sqlite3_column_int (stmt, 9 + i);
  job->file_name = roster_sqlite_column_dup (stmt, 15);
  job->options = roster_sqlite_column_dup (stmt, 16);
  job->file_info = roster_sqlite_column_dup (stmt, 17);
  job->error = roster_sqlite_column_dup (stmt, 18);
  job->importing = sqlite3_column_int (stmt, 19) != 0;
  job->cancel_requested = sqlite3_column_int (stmt, 20) != 0;

  return job;
}

static RosterImportJob *
sqlite_get_job (RosterImportStorage  *storage,
                gint64                job_id,
                GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterImportJob *job = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " JOB_COLUMNS " FROM import_jobs WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, job_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    job = job_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such import."));
  else
    roster_sqlite_set_error (error, db, rc, "import job");

out:
  return job;
}

static GPtrArray *
sqlite_list_jobs (RosterImportStorage  *storage,
                  gint64                course_id,
                  gint64                before_id,
                  guint                 limit,
                  GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_job_free);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  /* Keyset pages by id: newer jobs arriving do not shift later pages. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT " JOB_COLUMNS " FROM import_jobs"
                                " WHERE course_id = ? AND (? = 0 OR id < ?)"
                                " ORDER BY id DESC LIMIT ?",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, before_id);
  sqlite3_bind_int64 (stmt, 3, before_id);
  sqlite3_bind_int (stmt, 4, limit ? limit : 20);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, job_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "import jobs");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&jobs) : NULL;
}

static GPtrArray *
sqlite_list_report (RosterImportStorage  *storage,
                    gint64                job_id,
                    gboolean              problems_only,
                    guint                 after_line,
                    guint                 limit,
                    GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_report_row_free);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT line, outcome, coalesce(user_id, 0), username, email, problems"
                                " FROM import_rows"
                                " WHERE job_id = ? AND line > ? AND (NOT ? OR problems IS NOT NULL)"
                                " ORDER BY line LIMIT ?",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int (stmt, 2, after_line);
  sqlite3_bind_int (stmt, 3, problems_only ? 1 : 0);
  sqlite3_bind_int (stmt, 4, limit ? limit : 100);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterImportReportRow *row = g_new0 (RosterImportReportRow, 1);

      row->line = sqlite3_column_int (stmt, 0);
      roster_import_outcome_from_string ((const char *) sqlite3_column_text (stmt, 1), &row->outcome);
      row->user_id = sqlite3_column_int64 (stmt, 2);
      row->username = roster_sqlite_column_dup (stmt, 3);
      row->email = roster_sqlite_column_dup (stmt, 4);
      row->problems = roster_sqlite_column_dup (stmt, 5);
      g_ptr_array_add (rows, row);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "import report");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&rows) : NULL;
}

static gboolean
sqlite_fail_interrupted (RosterImportStorage  *storage,
                         const char           *reason,
                         guint                *count,
                         GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE import_jobs SET state = 'failed', finished_at = ?, error = ?,"
                                "  rows_done = 0"
                                " WHERE state IN ('queued', 'running')",
                                error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, roster_sqlite_now ());
      roster_sqlite_bind_text (stmt, 2, reason);
      ok = roster_sqlite_step_done (db, stmt, "interrupted imports", error);
      *count = ok ? sqlite3_changes (db) : 0;
    }

  return ok;
}

/* One server per database shows its jobs' progress from memory, and a
 * written import holds SQLite's only write lock: the progress is not
 * saved, the request to cancel only read, on a connection of the other
 * pool than the import's session (a reader while it writes, a writer
 * while it checks). */
static gboolean
sqlite_save_progress (RosterImportStorage  *storage,
                      gint64                job_id,
                      guint                 rows_total,
                      guint                 rows_done,
                      gboolean              importing,
                      gboolean             *cancel_requested,
                      GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = importing ? roster_sqlite_lease_acquire_reader (&lease, self)
                          : roster_sqlite_lease_acquire (&lease, self);
  int rc;

  *cancel_requested = FALSE;
  stmt = roster_sqlite_prepare (db, "SELECT cancel_requested FROM import_jobs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *cancel_requested = sqlite3_column_int (stmt, 0) != 0;
  else if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "import progress");
      return FALSE;
    }

  return TRUE;
}

static gboolean
sqlite_request_cancel (RosterImportStorage     *storage,
                       gint64                   job_id,
                       const RosterAuditEvent  *audit,
                       gboolean                *requested,
                       GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  *requested = FALSE;
  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE import_jobs SET cancel_requested = 1"
                                " WHERE id = ? AND state IN ('queued', 'running')",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, job_id);
  if (!roster_sqlite_step_done (db, stmt, "import cancel", error))
    goto out;

  *requested = sqlite3_changes (db) > 0;
  ok = (!*requested || roster_sqlite_insert_audit (db, audit, 0, error)) && roster_sqlite_commit (db, error);

out:
  if (!ok)
    {
      *requested = FALSE;
      roster_sqlite_rollback (db);
    }
  return ok;
}

void
roster_sqlite_import_jobs_iface_init (RosterImportStorageInterface *iface)
{
  iface->create_job = sqlite_create_job;
  iface->update_job = sqlite_update_job;
  iface->get_job = sqlite_get_job;
  iface->list_jobs = sqlite_list_jobs;
  iface->list_report = sqlite_list_report;
  iface->fail_interrupted = sqlite_fail_interrupted;
  iface->save_progress = sqlite_save_progress;
  iface->request_cancel = sqlite_request_cancel;
}
