/* roster-pg-import-jobs.c: import jobs and their reports in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-import-jobs.c: a job's rows are written by
 * its session (roster-pg-imports.c); this file keeps the job itself,
 * and who owns it.
 *
 * Several servers may share one database, each with its own queue of
 * jobs in memory. A server that stopped leaves its jobs queued or
 * running; the next server that starts marks them failed, but must not
 * touch the jobs of a server that still runs. So each server process
 * is an owner: a number from the import_owners sequence, on which it
 * holds a session advisory lock, on a connection of its own, for as
 * long as it lives (PostgreSQL drops the lock when the process or its
 * connection dies). Its jobs carry that number. A job's owner is gone
 * when its lock can be taken.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-pg-private.h"

/* The first key of the owners' two-key advisory locks ("RsIO"); the
 * second is the owner's number. Two-key locks never meet the one-key
 * ones (migrations, the import lock). */
#define OWNER_LOCK_CLASS "1383287119"

typedef struct
{
  PGconn *conn;
  gint64  id;
} Owner;

static void
owner_free (gpointer data)
{
  Owner *owner = data;

  /* Closing the connection ends the lock. */
  g_clear_pointer (&owner->conn, PQfinish);
  g_free (owner);
}

/* Guards making the owner, which the first request that needs it does. */
static GMutex owner_mutex;

/* A connection of the owner's own, with the same parameters as the
 * pool's (the lock must outlive every lease). */
static PGconn *
connect_like (PGconn  *model,
              GError **error)
{
  PQconninfoOption *options = PQconninfo (model);
  g_autoptr(GPtrArray) keywords = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  PGconn *conn;

  for (PQconninfoOption *option = options; option != NULL && option->keyword != NULL; option++)
    if (option->val != NULL)
      {
        g_ptr_array_add (keywords, option->keyword);
        g_ptr_array_add (values, option->val);
      }
  g_ptr_array_add (keywords, NULL);
  g_ptr_array_add (values, NULL);

  conn = PQconnectdbParams ((const char * const *) keywords->pdata, (const char * const *) values->pdata, 0);
  PQconninfoFree (options);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (conn)));

      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("Could not connect to the PostgreSQL database: %s"), message);
      PQfinish (conn);
      return NULL;
    }

  return conn;
}

/* This process's owner number, made (and locked) the first time. */
static gint64
owner_id (RosterPgStorage  *storage,
          GError          **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&owner_mutex);
  Owner *owner = g_object_get_data (G_OBJECT (storage), "roster-pg-import-owner");
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn;
  gint64 id = 0;

  if (owner != NULL)
    {
      g_autoptr(PGresult) alive = PQexec (owner->conn, "SELECT 1");

      if (PQresultStatus (alive) == PGRES_TUPLES_OK)
        return owner->id;

      /* The connection was lost (the database restarted), and the lock
       * with it: take it again, before any new job bears the number. */
      g_message ("The import owner's connection to the database was lost; connecting again");
      PQreset (owner->conn);
      roster_pg_add_int (&params, owner->id);
      if (PQstatus (owner->conn) != CONNECTION_OK ||
          !roster_pg_exec (owner->conn, "SELECT pg_advisory_lock (" OWNER_LOCK_CLASS ", $1::integer)", &params,
                           "import owner", error))
        {
          if (error != NULL && *error == NULL)
            g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                                 _("The database is busy; try again in a moment."));
          return 0;
        }
      return owner->id;
    }

  conn = connect_like (roster_pg_lease_acquire (&lease, storage), error);
  if (conn == NULL)
    return 0;

  if (!roster_pg_query_int (conn, "SELECT nextval ('import_owners')", NULL, "import owner", NULL, &id, error))
    {
      PQfinish (conn);
      return 0;
    }

  /* A new number: nobody holds its lock, this does not wait. */
  roster_pg_add_int (&params, id);
  if (!roster_pg_exec (conn, "SELECT pg_advisory_lock (" OWNER_LOCK_CLASS ", $1::integer)", &params,
                       "import owner", error))
    {
      PQfinish (conn);
      return 0;
    }

  owner = g_new0 (Owner, 1);
  owner->conn = conn;
  owner->id = id;
  g_object_set_data_full (G_OBJECT (storage), "roster-pg-import-owner", owner, owner_free);
  g_debug ("Import jobs of this server are owned by %" G_GINT64_FORMAT, id);

  return id;
}

typedef struct
{
  const RosterImportJob  *job;
  const RosterAuditEvent *audit;
  gint64                  owner;
  gint64                  id;
} CreateJob;

static gboolean
create_job_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  CreateJob *create = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterAuditEvent event = *create->audit;

  create->id = 0;
  roster_pg_add_int (&params, create->job->course_id);
  roster_pg_add_id (&params, create->job->created_by);
  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_int (&params, create->job->rows_total);
  roster_pg_add_text (&params, create->job->file_name);
  roster_pg_add_text (&params, create->job->options);
  roster_pg_add_int (&params, create->owner);

  if (!roster_pg_query_int (conn,
                            "INSERT INTO import_jobs (course_id, created_by, created_at, state, rows_total,"
                            "  file_name, options, owner)"
                            " VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7)"
                            " RETURNING id",
                            &params, "import job", NULL, &create->id, error))
    return FALSE;

  event.object_id = create->id;
  return roster_pg_insert_audit (conn, &event, 0, error);
}

static gint64
pg_create_job (RosterImportStorage     *storage,
               const RosterImportJob   *job,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  CreateJob create = { job, audit, 0, 0 };

  create.owner = owner_id (ROSTER_PG_STORAGE (storage), error);
  if (create.owner == 0)
    return 0;

  /* Reads nothing first: READ COMMITTED. */
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED, create_job_work, &create,
                              error))
    return 0;

  return create.id;
}

static gboolean
pg_update_job (RosterImportStorage    *storage,
               const RosterImportJob  *job,
               GError                **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_text (&params, roster_import_state_to_string (job->state));
  roster_pg_add_int (&params, job->started_at);
  roster_pg_add_int (&params, job->finished_at);
  roster_pg_add_int (&params, job->rows_total);
  roster_pg_add_int (&params, job->rows_done);
  for (guint i = 0; i < ROSTER_IMPORT_N_OUTCOMES; i++)
    roster_pg_add_int (&params, job->counts[i]);
  roster_pg_add_text (&params, job->file_info);
  roster_pg_add_text (&params, job->error);
  roster_pg_add_int (&params, job->id);

  return roster_pg_exec (conn,
                         "UPDATE import_jobs SET state = $1, started_at = $2, finished_at = $3,"
                         "  rows_total = $4, rows_done = $5, n_create = $6, n_update = $7, n_enrol = $8,"
                         "  n_unchanged = $9, n_skipped = $10, n_error = $11, file_info = $12, error = $13"
                         " WHERE id = $14",
                         &params, "import job", error);
}

#define JOB_COLUMNS \
  "id, course_id, coalesce(created_by, 0), created_at, started_at, finished_at, state, rows_total," \
  " rows_done, n_create, n_update, n_enrol, n_unchanged, n_skipped, n_error, file_name, options," \
  " file_info, error"

static RosterImportJob *
job_from_row (const PGresult *result,
              int             row)
{
  RosterImportJob *job = g_new0 (RosterImportJob, 1);

  job->id = roster_pg_get_int (result, row, 0);
  job->course_id = roster_pg_get_int (result, row, 1);
  job->created_by = roster_pg_get_int (result, row, 2);
  job->created_at = roster_pg_get_int (result, row, 3);
  job->started_at = roster_pg_get_int (result, row, 4);
  job->finished_at = roster_pg_get_int (result, row, 5);
  roster_import_state_from_string (roster_pg_get_text (result, row, 6), &job->state);
  job->rows_total = (guint) roster_pg_get_int (result, row, 7);
  job->rows_done = (guint) roster_pg_get_int (result, row, 8);
  for (guint i = 0; i < ROSTER_IMPORT_N_OUTCOMES; i++)
    job->counts[i] = (guint) roster_pg_get_int (result, row, 9 + i);
  job->file_name = roster_pg_get_dup (result, row, 15);
  job->options = roster_pg_get_dup (result, row, 16);
  job->file_info = roster_pg_get_dup (result, row, 17);
  job->error = roster_pg_get_dup (result, row, 18);

  return job;
}

static RosterImportJob *
pg_get_job (RosterImportStorage  *storage,
            gint64                job_id,
            GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, job_id);
  result = roster_pg_query (conn, "SELECT " JOB_COLUMNS " FROM import_jobs WHERE id = $1", &params,
                            "import job", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such import."));
      return NULL;
    }

  return job_from_row (result, 0);
}

static GPtrArray *
pg_list_jobs (RosterImportStorage  *storage,
              gint64                course_id,
              gint64                before_id,
              guint                 limit,
              GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  GPtrArray *jobs;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* Keyset pages by id: newer jobs arriving do not shift later pages. */
  roster_pg_add_int (&params, course_id);
  roster_pg_add_int (&params, before_id);
  roster_pg_add_int (&params, limit ? limit : 20);
  result = roster_pg_query (conn,
                            "SELECT " JOB_COLUMNS " FROM import_jobs"
                            " WHERE course_id = $1 AND ($2 = 0 OR id < $2)"
                            " ORDER BY id DESC LIMIT $3",
                            &params, "import jobs", error);
  if (result == NULL)
    return NULL;

  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_job_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (jobs, job_from_row (result, i));

  return jobs;
}

static GPtrArray *
pg_list_report (RosterImportStorage  *storage,
                gint64                job_id,
                gboolean              problems_only,
                guint                 after_line,
                guint                 limit,
                GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  GPtrArray *rows;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, job_id);
  roster_pg_add_int (&params, after_line);
  roster_pg_add_bool (&params, problems_only);
  roster_pg_add_int (&params, limit ? limit : 100);
  result = roster_pg_query (conn,
                            "SELECT line, outcome, coalesce(user_id, 0), username, email, problems"
                            " FROM import_rows"
                            " WHERE job_id = $1 AND line > $2 AND ($3 = 0 OR problems IS NOT NULL)"
                            " ORDER BY line LIMIT $4",
                            &params, "import report", error);
  if (result == NULL)
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_report_row_free);
  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterImportReportRow *row = g_new0 (RosterImportReportRow, 1);

      row->line = (guint) roster_pg_get_int (result, i, 0);
      roster_import_outcome_from_string (roster_pg_get_text (result, i, 1), &row->outcome);
      row->user_id = roster_pg_get_int (result, i, 2);
      row->username = roster_pg_get_dup (result, i, 3);
      row->email = roster_pg_get_dup (result, i, 4);
      row->problems = roster_pg_get_dup (result, i, 5);
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* The jobs left queued or running by servers that are gone: those of
 * no owner (queued before owners were kept) and those whose owner's
 * lock this connection can take. The locks taken are held until the
 * jobs are marked, then given back. Jobs of servers that run are theirs
 * to finish. */
static gboolean
pg_fail_interrupted (RosterImportStorage  *storage,
                     const char           *reason,
                     guint                *count,
                     GError              **error)
{
  RosterPgStorage *self = ROSTER_PG_STORAGE (storage);
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) owners = NULL;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 changes = 0;
  gboolean ok = FALSE;
  gint64 self_id;
  PGconn *conn;

  *count = 0;

  /* This server's number first: its own jobs are never anyone's to fail. */
  self_id = owner_id (self, error);
  if (self_id == 0)
    return FALSE;

  conn = roster_pg_lease_acquire (&lease, self);
  roster_pg_add_int (&params, self_id);
  owners = roster_pg_query (conn,
                            "SELECT DISTINCT owner FROM import_jobs"
                            " WHERE state IN ('queued', 'running') AND owner IS NOT NULL AND owner <> $1",
                            &params, "interrupted imports", error);
  if (owners == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (owners); i++)
    {
      g_auto(RosterPgParams) lock = ROSTER_PG_PARAMS_INIT;
      g_autoptr(PGresult) taken = NULL;
      gint64 owner = roster_pg_get_int (owners, i, 0);

      roster_pg_add_int (&lock, owner);
      taken = roster_pg_query (conn, "SELECT pg_try_advisory_lock (" OWNER_LOCK_CLASS ", $1::integer)", &lock,
                               "interrupted imports", error);
      if (taken == NULL)
        goto out;
      if (roster_pg_get_bool (taken, 0, 0))
        g_array_append_val (gone, owner);
    }

  roster_pg_params_clear (&params);
  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_text (&params, reason);
  roster_pg_add_ids (&params, gone);
  ok = roster_pg_exec_changes (conn,
                               "UPDATE import_jobs SET state = 'failed', finished_at = $1, error = $2,"
                               "  rows_done = 0"
                               " WHERE state IN ('queued', 'running')"
                               "  AND (owner IS NULL OR owner = ANY ($3::bigint[]))",
                               &params, "interrupted imports", &changes, error);
  *count = ok ? (guint) changes : 0;

out:
  /* Session locks outlive transactions: give each back before the
   * connection goes back to the pool. */
  for (guint i = 0; i < gone->len; i++)
    {
      g_auto(RosterPgParams) unlock = ROSTER_PG_PARAMS_INIT;

      roster_pg_add_int (&unlock, g_array_index (gone, gint64, i));
      if (!roster_pg_exec (conn, "SELECT pg_advisory_unlock (" OWNER_LOCK_CLASS ", $1::integer)", &unlock,
                           "interrupted imports", ok ? error : NULL))
        ok = FALSE;
    }

  return ok;
}

void
roster_pg_import_jobs_init (RosterImportStorageInterface *iface)
{
  iface->create_job = pg_create_job;
  iface->update_job = pg_update_job;
  iface->get_job = pg_get_job;
  iface->list_jobs = pg_list_jobs;
  iface->list_report = pg_list_report;
  iface->fail_interrupted = pg_fail_interrupted;
  roster_pg_imports_init (iface);
}
