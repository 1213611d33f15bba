/* roster-handlers-imports.c: bulk imports: dry runs, jobs, their reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-import-queue.h"
#include "roster-json.h"
#include "roster-upload.h"

#define MAX_IMPORT_SIZE (64 * 1024 * 1024)
#define DEFAULT_REPORT_PAGE 100
#define MAX_REPORT_PAGE 1000
#define DEFAULT_JOBS_PAGE 20
#define MAX_JOBS_PAGE 100

static void
respond_dry_run (RosterRequest      *request,
                 RosterImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "file");
  json_builder_add_value (builder, roster_import_report_file_to_json (report));
  json_builder_set_member_name (builder, "rows_total");
  json_builder_add_int_value (builder, report->rows_total);
  roster_import_add_counts (builder, report->counts);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->rows->len; i++)
    roster_import_report_row_to_json (g_ptr_array_index (report->rows, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
add_json_text (JsonBuilder *builder,
               const char  *member,
               const char  *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (builder, member);
  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL))
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (builder);
}

/* A job as GET /imports/{iid} shows it, into @builder; @rows (or NULL)
 * its report page. The list of a course's jobs shows each the same. */
static void
add_job (RosterContext   *ctx,
         JsonBuilder     *builder,
         RosterImportJob *job,
         GPtrArray       *rows,
         const char      *next_cursor)
{
  RosterImportLive live;
  gboolean is_live = roster_import_queue_get_live (ctx->imports, job->id, &live);

  /* A job that runs here now knows better than its last saved state;
   * one that runs on another server (several on one PostgreSQL
   * database) shows the progress its owner saved last, a second ago at
   * most. */
  if (is_live)
    {
      job->state = live.state;
      job->rows_total = live.rows_total;
      job->rows_done = live.rows_done;
      job->importing = live.importing;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, job->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, job->course_id);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, roster_import_state_to_string (job->state));
  json_builder_set_member_name (builder, "phase");
  if (job->state == ROSTER_IMPORT_STATE_RUNNING)
    json_builder_add_string_value (builder, job->importing ? "importing" : "checking");
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "rows_total");
  json_builder_add_int_value (builder, job->rows_total);
  json_builder_set_member_name (builder, "rows_done");
  json_builder_add_int_value (builder, job->rows_done);
  roster_import_add_counts (builder, job->counts);
  json_builder_set_member_name (builder, "created_by");
  json_builder_add_int_value (builder, job->created_by);
  roster_json_builder_add_time (builder, "created_at", job->created_at);
  roster_json_builder_add_time (builder, "started_at", job->started_at);
  roster_json_builder_add_time (builder, "finished_at", job->finished_at);
  roster_json_builder_add_string_or_null (builder, "file_name", job->file_name);
  add_json_text (builder, "options", job->options);
  add_json_text (builder, "file", job->file_info);
  roster_json_builder_add_string_or_null (builder, "error", job->error);

  if (rows != NULL)
    {
      json_builder_set_member_name (builder, "rows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        roster_import_report_row_to_json (g_ptr_array_index (rows, i), builder);
      json_builder_end_array (builder);
      roster_json_builder_add_string_or_null (builder, "next_cursor", next_cursor);
    }

  json_builder_end_object (builder);
}

static void
respond_job (RosterContext   *ctx,
             RosterRequest   *request,
             guint            status,
             RosterImportJob *job,
             GPtrArray       *rows,
             const char      *next_cursor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  add_job (ctx, builder, job, rows, next_cursor);
  roster_request_respond_builder (request, status, builder);
}

static void
create_import_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  g_auto(RosterImportOptions) options = { 0, };
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(JsonObject) options_object = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *location = NULL;
  RosterCourseAccess access;
  gint64 job_id;

  roster_import_options_init (&options);

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_USERS_IMPORT, &access, &error) ||
      !roster_upload_read (request, &csv, &options_object, &file_name, &error) ||
      !roster_import_options_parse (&options, roster_request_get_query_table (request), options_object, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  /* Without a relay or a drop folder the invitations would wait in the
   * outbox until someone sets one up: refuse rather than promise. */
  if (options.send_invitations && ctx->config->smtp_host == NULL && ctx->config->mail_drop_dir == NULL)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("This server cannot send invitation e-mails: it has no mail relay (smtp-host) and "
                             "no drop folder. Import without invitations and tell the people yourself, or ask "
                             "the administrator to set up mail."));
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (options.file_name == NULL)
    options.file_name = g_steal_pointer (&file_name);

  if (options.dry_run)
    {
      if (!roster_importer_run (ctx, roster_request_get_user (request), access.course_id, csv, &options, 0, NULL,
                                &report, &error))
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
      respond_dry_run (request, report);
      return;
    }

  job_id = roster_import_queue_submit (ctx->imports, roster_request_get_user (request), access.course_id, csv,
                                       &options, roster_request_get_remote_address (request), &error);
  if (job_id == 0 ||
      (job = roster_import_storage_get_job (ROSTER_IMPORT_STORAGE (ctx->storage), job_id, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  location = g_strdup_printf ("/api/v1/imports/%" G_GINT64_FORMAT, job_id);
  roster_request_add_response_header (request, "Location", location);
  respond_job (ctx, request, 202, job, NULL, NULL);
}

/* A cursor of one integer, as the pages of imports use. */
static gboolean
parse_cursor (RosterRequest  *request,
              gint64         *value,
              GError        **error)
{
  const char *cursor = roster_request_get_query (request, "cursor");
  g_autoptr(JsonArray) values = NULL;

  *value = 0;
  if (cursor == NULL)
    return TRUE;

  values = roster_cursor_decode (cursor, error);
  if (values == NULL || json_array_get_length (values) != 1 ||
      json_node_get_value_type (json_array_get_element (values, 0)) != G_TYPE_INT64 ||
      json_array_get_int_element (values, 0) <= 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                             _("The cursor is not valid; start again from the first page."));
      return FALSE;
    }

  *value = json_array_get_int_element (values, 0);
  return TRUE;
}

static void
list_imports_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  RosterCourseAccess access;
  gint64 limit = 0;
  gint64 before = 0;

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_USERS_IMPORT, &access, &error) ||
      !roster_request_get_query_int (request, "limit", 1, MAX_JOBS_PAGE, DEFAULT_JOBS_PAGE, &limit, &error) ||
      !parse_cursor (request, &before, &error) ||
      (jobs = roster_import_storage_list_jobs (ROSTER_IMPORT_STORAGE (ctx->storage), access.course_id, before,
                                               limit + 1, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (jobs->len > limit)
    {
      g_autoptr(JsonArray) values = json_array_new ();
      RosterImportJob *last = g_ptr_array_index (jobs, limit - 1);

      g_ptr_array_set_size (jobs, limit);
      json_array_add_int_element (values, last->id);
      next_cursor = roster_cursor_encode (values);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "imports");
  json_builder_begin_array (builder);
  for (guint i = 0; i < jobs->len; i++)
    add_job (ctx, builder, g_ptr_array_index (jobs, i), NULL, NULL);
  json_builder_end_array (builder);
  roster_json_builder_add_string_or_null (builder, "next_cursor", next_cursor);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

/* The job in the path, for a caller who may import into its course. */
static RosterImportJob *
visible_job (RosterContext  *ctx,
             RosterRequest  *request,
             GError        **error)
{
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 job_id;

  if (!roster_request_get_id_param (request, "iid", &job_id, error))
    return NULL;

  job = roster_import_storage_get_job (ROSTER_IMPORT_STORAGE (ctx->storage), job_id, error);
  if (job == NULL)
    return NULL;

  if (!roster_access_course (ctx, roster_request_get_user (request), job->course_id, ROSTER_CAP_USERS_IMPORT,
                             NULL, &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such import."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&job);
}

static void
get_import_cb (RosterContext *ctx,
               RosterRequest *request)
{
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  const char *which = roster_request_get_query (request, "rows");
  gint64 limit = 0;
  gint64 after = 0;

  job = visible_job (ctx, request, &error);
  if (job == NULL ||
      !roster_request_get_query_int (request, "limit", 1, MAX_REPORT_PAGE, DEFAULT_REPORT_PAGE, &limit, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (which != NULL && !g_str_equal (which, "all") && !g_str_equal (which, "problems"))
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                           _("“rows” must be “all” or “problems”."));
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (!parse_cursor (request, &after, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  /* The report exists once the job has ended; rows only when asked for. */
  if (which != NULL && job->state != ROSTER_IMPORT_STATE_QUEUED && job->state != ROSTER_IMPORT_STATE_RUNNING &&
      !roster_import_queue_get_live (ctx->imports, job->id, &(RosterImportLive) { 0, }))
    {
      rows = roster_import_storage_list_report (ROSTER_IMPORT_STORAGE (ctx->storage), job->id,
                                                g_strcmp0 (which, "problems") == 0, after, limit + 1, &error);
      if (rows == NULL)
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
      if (rows->len > limit)
        {
          g_autoptr(JsonArray) values = json_array_new ();
          RosterImportReportRow *last = g_ptr_array_index (rows, limit - 1);

          g_ptr_array_set_size (rows, limit);
          json_array_add_int_element (values, last->line);
          next_cursor = roster_cursor_encode (values);
        }
    }

  respond_job (ctx, request, 200, job, rows, next_cursor);
}

static void
cancel_import_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = {
    .action = "import.cancelled",
    .object_type = "import",
  };
  gboolean requested = FALSE;

  job = visible_job (ctx, request, &error);
  if (job == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  audit.actor_id = roster_user_get_id (roster_request_get_user (request));
  audit.course_id = job->course_id;
  audit.object_id = job->id;
  audit.remote_address = roster_request_get_remote_address (request);

  if (roster_import_queue_cancel (ctx->imports, job->id))
    {
      if (!roster_storage_append_audit (ctx->storage, &audit, &error))
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
    }
  else
    {
      /* Not waiting or running here: another server on the database may
       * run it, and sees the request within a second (or as it starts
       * the job). One that has ended is not asked. */
      if ((job->state == ROSTER_IMPORT_STATE_QUEUED || job->state == ROSTER_IMPORT_STATE_RUNNING) &&
          !roster_import_storage_request_cancel (ROSTER_IMPORT_STORAGE (ctx->storage), job->id, &audit, &requested,
                                                 &error))
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
      if (!requested)
        {
          g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT, _("This import has already ended."));
          roster_request_respond_error (request, error, NULL);
          return;
        }
    }

  /* Accepted: the job stops at its next row and rolls back. */
  respond_job (ctx, request, 202, job, NULL, NULL);
}

static const RosterRoute import_routes[] = {
  { "POST", "/api/v1/courses/{cid}/imports", create_import_cb, ROSTER_ROUTE_AUTHENTICATED, MAX_IMPORT_SIZE },
  { "GET", "/api/v1/courses/{cid}/imports", list_imports_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/imports/{iid}", get_import_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/imports/{iid}/cancel", cancel_import_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_imports (RosterRouter *router)
{
  roster_router_add (router, import_routes, G_N_ELEMENTS (import_routes));
}
