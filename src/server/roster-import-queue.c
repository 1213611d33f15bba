/* roster-import-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-queue.h"
#include "roster-json.h"

/* Each waiting job holds its file (up to 64 MiB) in memory. */
#define MAX_JOBS 16

/* How often a running job saves its progress, and reads whether another
 * server was asked to cancel it: one short statement a second, whatever
 * the number of rows. */
#define SAVE_PROGRESS_INTERVAL G_USEC_PER_SEC

typedef struct
{
  gatomicrefcount       ref_count;
  gint64                id;
  gint64                course_id;
  gint64                caller_id;
  GBytes               *csv;
  RosterImportOptions   options;
  RosterImportProgress  progress;
  gint                  state;       /* RosterImportState, atomically */
  gint                  by_user;     /* cancelled by someone, not by the server stopping */
  RosterImportStorage  *store;       /* for the worker's saves of its progress */
  gint64                saved_at;    /* monotonic time of the last save, by the worker only */
} Job;

struct _RosterImportQueue
{
  RosterContext *ctx;
  GThreadPool   *pool;
  GMutex         lock;
  GHashTable    *jobs;               /* id → Job, while queued or running */
};

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (Job *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;

  g_bytes_unref (job->csv);
  roster_import_options_clear (&job->options);
  g_free (job);
}

static char *
file_info_json (RosterImportReport *report)
{
  g_autoptr(JsonNode) node = roster_import_report_file_to_json (report);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

/* A job that did not run through still keeps the rows with problems,
 * so that people see what to correct. */
static void
keep_problem_rows (RosterImportStorage *store,
                   gint64               job_id,
                   RosterImportReport  *report)
{
  g_autoptr(GError) error = NULL;
  RosterImportSession *session;
  gboolean ok = TRUE;

  if (report == NULL || report->rows->len == 0)
    return;

  session = roster_import_storage_begin (store, TRUE, &error);
  if (session == NULL)
    {
      g_warning ("Could not keep the report of import %" G_GINT64_FORMAT ": %s", job_id, error->message);
      return;
    }

  for (guint i = 0; ok && i < report->rows->len; i++)
    ok = roster_import_storage_add_report_row (store, session, job_id, g_ptr_array_index (report->rows, i), &error);

  if (!roster_import_storage_end (store, session, ok, ok ? &error : NULL) || !ok)
    g_warning ("Could not keep the report of import %" G_GINT64_FORMAT ": %s", job_id, error->message);
}

const char *
roster_import_queue_interrupted_message (void)
{
  return _("The server stopped before this import finished; nothing of it was kept. Run it again.");
}

/* Stopped by someone, or by the server stopping: the second is a
 * failure to tell people about, not their choice. */
static void
end_cancelled (Job             *job,
               RosterImportJob *record)
{
  if (g_atomic_int_get (&job->by_user))
    record->state = ROSTER_IMPORT_STATE_CANCELLED;
  else
    {
      record->state = ROSTER_IMPORT_STATE_FAILED;
      g_free (record->error);
      record->error = g_strdup (roster_import_queue_interrupted_message ());
    }
}

/* Stopped by someone through this server or another one. */
static void
cancel_by_user (Job *job)
{
  g_atomic_int_set (&job->by_user, 1);
  g_atomic_int_set (&job->progress.cancelled, 1);
}

/* Called by the importer after each row. Other servers (several on one
 * PostgreSQL database) show the job as last saved, and are asked to
 * cancel it through the database. */
static void
save_progress (RosterImportProgress *progress,
               gpointer              user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean cancel_requested = FALSE;

  if (now - job->saved_at < SAVE_PROGRESS_INTERVAL)
    return;
  job->saved_at = now;

  if (!roster_import_storage_save_progress (job->store, job->id, g_atomic_int_get (&progress->rows_total),
                                            g_atomic_int_get (&progress->rows_done),
                                            g_atomic_int_get (&progress->importing), &cancel_requested, &error))
    g_warning ("Could not save the progress of import %" G_GINT64_FORMAT ": %s", job->id, error->message);
  else if (cancel_requested)
    cancel_by_user (job);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  RosterImportQueue *self = user_data;
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (self->ctx->storage);
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(RosterImportJob) record = NULL;
  g_autoptr(RosterUser) caller = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  record = roster_import_storage_get_job (store, job->id, &error);
  if (record == NULL)
    goto out;

  /* Cancelled through another server while it waited. */
  if (record->cancel_requested)
    cancel_by_user (job);

  if (g_atomic_int_get (&job->progress.cancelled))
    {
      end_cancelled (job, record);
      record->finished_at = g_get_real_time () / G_USEC_PER_SEC;
      roster_import_storage_update_job (store, record, NULL);
      goto out;
    }

  record->state = ROSTER_IMPORT_STATE_RUNNING;
  record->started_at = g_get_real_time () / G_USEC_PER_SEC;
  job->saved_at = g_get_monotonic_time ();
  g_atomic_int_set (&job->state, ROSTER_IMPORT_STATE_RUNNING);
  if (!roster_import_storage_update_job (store, record, &error))
    goto out;

  /* Rights are checked as they are when the job runs, not when it was
   * queued. */
  caller = roster_storage_get_user (self->ctx->storage, job->caller_id, &error);
  if (caller != NULL)
    ok = roster_importer_run (self->ctx, caller, job->course_id, job->csv, &job->options, job->id,
                              &job->progress, &report, &error);

  record->finished_at = g_get_real_time () / G_USEC_PER_SEC;
  if (report != NULL)
    {
      record->rows_total = report->rows_total;
      memcpy (record->counts, report->counts, sizeof record->counts);
      g_free (record->file_info);
      record->file_info = report->encoding ? file_info_json (report) : NULL;
    }

  if (ok)
    {
      record->state = ROSTER_IMPORT_STATE_DONE;
      record->rows_done = record->rows_total;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      end_cancelled (job, record);
      record->rows_done = 0;
    }
  else
    {
      record->state = ROSTER_IMPORT_STATE_FAILED;
      record->rows_done = 0;
      g_free (record->error);
      /* Faults of the server are logged; people read a plain sentence. */
      if (error->domain == ROSTER_ERROR && error->code != ROSTER_ERROR_INTERNAL)
        record->error = g_strdup (error->message);
      else
        {
          g_warning ("Import %" G_GINT64_FORMAT " failed: %s", job->id, error->message);
          record->error = g_strdup (_("The import failed because of a problem on the server; nothing of it was kept."));
        }
      keep_problem_rows (store, job->id, report);
    }

  g_clear_error (&error);
  if (!roster_import_storage_update_job (store, record, &error))
    g_warning ("Could not record the end of import %" G_GINT64_FORMAT ": %s", job->id, error->message);

out:
  if (error != NULL)
    g_warning ("Import %" G_GINT64_FORMAT " could not run: %s", job->id, error->message);

  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->jobs, &job->id);
  g_mutex_unlock (&self->lock);
  job_unref (job);
}

RosterImportQueue *
roster_import_queue_new (RosterContext *ctx)
{
  RosterImportQueue *self = g_new0 (RosterImportQueue, 1);

  self->ctx = ctx;
  g_mutex_init (&self->lock);
  self->jobs = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) job_unref);
  /* One worker: imports run one after the other, each in one write
   * transaction, and never take the threads requests need. */
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);

  return self;
}

void
roster_import_queue_free (RosterImportQueue *self)
{
  GHashTableIter iter;
  gpointer value;

  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_atomic_int_set (&((Job *) value)->progress.cancelled, 1);
  g_mutex_unlock (&self->lock);

  /* Every job sees the cancel: the running one rolls back, the waiting
   * ones end at once; all are recorded as failed by the stop. */
  g_thread_pool_free (self->pool, FALSE, TRUE);

  g_hash_table_unref (self->jobs);
  g_mutex_clear (&self->lock);
  g_free (self);
}

gint64
roster_import_queue_submit (RosterImportQueue          *self,
                            RosterUser                 *caller,
                            gint64                      course_id,
                            GBytes                     *csv,
                            const RosterImportOptions  *options,
                            const char                 *remote_address,
                            GError                    **error)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (self->ctx->storage);
  g_autoptr(JsonNode) options_json = roster_import_options_to_json (options);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *options_text = NULL;
  RosterImportJob record = { 0, };
  RosterAuditEvent audit = {
    .actor_id = roster_user_get_id (caller),
    .action = "import.started",
    .course_id = course_id,
    .object_type = "import",
    .remote_address = remote_address,
  };
  Job *job;

  g_mutex_lock (&self->lock);
  if (g_hash_table_size (self->jobs) >= MAX_JOBS)
    {
      g_mutex_unlock (&self->lock);
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("%d imports are waiting already; try again when one of them has finished."), MAX_JOBS);
      return 0;
    }
  g_mutex_unlock (&self->lock);

  json_generator_set_root (generator, options_json);
  options_text = json_generator_to_data (generator, NULL);

  record.course_id = course_id;
  record.created_by = roster_user_get_id (caller);
  record.file_name = options->file_name;
  record.options = options_text;

  job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&job->ref_count);
  job->id = roster_import_storage_create_job (store, &record, &audit, error);
  if (job->id == 0)
    {
      g_free (job);
      return 0;
    }

  job->course_id = course_id;
  job->caller_id = roster_user_get_id (caller);
  job->csv = g_bytes_ref (csv);
  roster_import_options_copy (&job->options, options);
  job->state = ROSTER_IMPORT_STATE_QUEUED;
  job->store = store;
  job->progress.poll = save_progress;
  job->progress.poll_data = job;

  g_mutex_lock (&self->lock);
  g_hash_table_insert (self->jobs, &job->id, job_ref (job));
  g_mutex_unlock (&self->lock);

  g_thread_pool_push (self->pool, job, NULL);
  return job->id;
}

gboolean
roster_import_queue_get_live (RosterImportQueue *self,
                              gint64             job_id,
                              RosterImportLive  *live)
{
  Job *job;

  g_mutex_lock (&self->lock);
  job = g_hash_table_lookup (self->jobs, &job_id);
  if (job != NULL)
    {
      live->state = g_atomic_int_get (&job->state);
      live->rows_total = g_atomic_int_get (&job->progress.rows_total);
      live->rows_done = g_atomic_int_get (&job->progress.rows_done);
      live->importing = g_atomic_int_get (&job->progress.importing);
    }
  g_mutex_unlock (&self->lock);

  return job != NULL;
}

gboolean
roster_import_queue_cancel (RosterImportQueue *self,
                            gint64             job_id)
{
  Job *job;

  g_mutex_lock (&self->lock);
  job = g_hash_table_lookup (self->jobs, &job_id);
  if (job != NULL)
    cancel_by_user (job);
  g_mutex_unlock (&self->lock);

  return job != NULL;
}
