/* roster-client-imports.c: bulk imports of people from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every answer here is read in a worker thread: a dry run of 100 000
 * rows is some 15 MB of JSON, and parsing it (and making a
 * RosterImportResult per row) would freeze the window for seconds.
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-imports.h"
#include "roster-client-private.h"
#include "roster-json.h"

/* Rows per page of a job's report: the API's most. */
#define ROWS_PAGE_SIZE "1000"
/* Jobs in the course's history the app shows. */
#define LIST_PAGE_SIZE "20"

void
roster_import_settings_init (RosterImportSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (RosterImportSettings) {
    .create_users = TRUE,
    .user_type = ROSTER_USER_TYPE_EXTERNAL,
    .update_users = FALSE,
    .send_invitations = FALSE,
    .default_role = ROSTER_ROLE_STUDENT,
    .create_groups = TRUE,
  };
}

/* ---- one call ---- */

typedef enum
{
  ANSWER_REPORT,   /* a job or a dry run */
  ANSWER_LIST,     /* { "imports": [job, …] } */
} AnswerKind;

typedef struct
{
  SoupMessage  *message;
  AnswerKind    kind;
  /* fetch_import_rows: the job, which rows, and where they go */
  GListStore   *store;
  gint64        import_id;
  gboolean      problems_only;
} Call;

static void
call_free (Call *call)
{
  g_clear_object (&call->message);
  g_clear_object (&call->store);
  g_free (call);
}

static gpointer
report_from_answer (JsonObject  *object,
                    GError     **error)
{
  GError *local = NULL;
  RosterImportReport *report = roster_import_report_new_from_json (object, &local);

  if (report == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return report;
}

/* In a worker thread: the answer's JSON into a report, or a list of them. */
static gpointer
parse_answer (GBytes      *body,
              AnswerKind   kind,
              GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  GError *local = NULL;

  object = roster_json_parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &local);
  if (object == NULL)
    {
      g_propagate_error (error, roster_client_bad_answer (local));
      return NULL;
    }
  if (kind == ANSWER_LIST)
    return roster_client_list_member (object, "imports", ROSTER_TYPE_IMPORT_REPORT, report_from_answer, error);
  return report_from_answer (object, error);
}

typedef struct
{
  GBytes     *body;
  AnswerKind  kind;
} Parse;

static void
parse_free (Parse *parse)
{
  g_bytes_unref (parse->body);
  g_free (parse);
}

static void
parse_thread (GTask        *parse_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Parse *parse = task_data;
  GError *error = NULL;
  gpointer answer = parse_answer (parse->body, parse->kind, &error);

  if (answer == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, answer, g_object_unref);
}

/* Parses @body (which this takes) in a worker thread, then calls
 * @callback with @task. A task of its own, without a source object:
 * the worker may drop its reference after the answer has been
 * handed over, and it must not keep the client alive then. */
static void
parse_in_thread (GTask               *task,
                 GBytes              *body,
                 AnswerKind           kind,
                 GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) parse_task = g_task_new (NULL, g_task_get_cancellable (task), callback, task);
  Parse *parse = g_new0 (Parse, 1);

  parse->body = body;
  parse->kind = kind;
  g_task_set_task_data (parse_task, parse, (GDestroyNotify) parse_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

static void
call_parsed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer answer = g_task_propagate_pointer (G_TASK (result), &error);

  if (answer == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, answer, g_object_unref);
}

/* The body of a 2xx answer to @call's message, or NULL with @task
 * returned (with the sign-in-needed handling of every other call). */
static GBytes *
call_answer (GTask        *task,
             GObject      *session,
             GAsyncResult *result)
{
  RosterClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (session), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, roster_client_map_send_error (self, call->message, error));
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (call->message)))
    {
      g_task_return_error (task, roster_client_request_error (self, call->message, body));
      return NULL;
    }
  return g_steal_pointer (&body);
}

static void
call_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  GBytes *body = call_answer (task, source, result);

  if (body == NULL)
    g_object_unref (task);
  else
    parse_in_thread (task, body, call->kind, call_parsed_cb);
}

/* Sends @message (which this takes) for @task (which this takes too). */
static void
call_send (GTask               *task,
           SoupMessage         *message,
           GAsyncReadyCallback  callback)
{
  RosterClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  g_clear_object (&call->message);
  call->message = message;
  if (message == NULL)
    {
      g_task_return_new_error (task, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                               _("“%s” is not a server address."), roster_client_get_base_url (self));
      g_object_unref (task);
      return;
    }
  soup_session_send_and_read_async (roster_client_get_session (self), message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), callback, task);
}

static GTask *
call_new (RosterClient        *self,
          gpointer             source_tag,
          AnswerKind           kind,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = roster_client_new_task (self, source_tag, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->kind = kind;
  g_task_set_task_data (task, call, (GDestroyNotify) call_free);
  return task;
}

static gpointer
call_finish (RosterClient  *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- uploading a file ---- */

static JsonNode *
settings_to_json (const RosterImportSettings *settings,
                  gboolean                    dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "create_users");
  json_builder_add_boolean_value (builder, !!settings->create_users);
  json_builder_set_member_name (builder, "user_type");
  json_builder_add_string_value (builder, roster_user_type_to_string (settings->user_type));
  json_builder_set_member_name (builder, "update_users");
  json_builder_add_boolean_value (builder, !!settings->update_users);
  json_builder_set_member_name (builder, "send_invitations");
  json_builder_add_boolean_value (builder, !!settings->send_invitations);
  json_builder_set_member_name (builder, "default_role");
  json_builder_add_string_value (builder, roster_role_to_string (settings->default_role));
  if (settings->group != NULL)
    roster_json_builder_add_string_or_null (builder, "group", settings->group);
  json_builder_set_member_name (builder, "create_groups");
  json_builder_add_boolean_value (builder, !!settings->create_groups);
  if (settings->enrol_start > 0)
    roster_json_builder_add_time (builder, "enrol_start", settings->enrol_start);
  if (settings->enrol_end > 0)
    roster_json_builder_add_time (builder, "enrol_end", settings->enrol_end);
  json_builder_set_member_name (builder, "skip_errors");
  json_builder_add_boolean_value (builder, !!settings->skip_errors);
  if (settings->encoding != NULL)
    roster_json_builder_add_string_or_null (builder, "encoding", settings->encoding);
  if (settings->delimiter != '\0')
    {
      char delimiter[2] = { settings->delimiter, '\0' };

      roster_json_builder_add_string_or_null (builder, "delimiter",
                                              settings->delimiter == '\t' ? "tab" : delimiter);
    }
  /* Only with the user's own mapping: older servers refuse the member. */
  if (settings->columns != NULL)
    {
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint i = 0; settings->columns[i] != NULL; i++)
        if (settings->columns[i][0] == '\0')
          json_builder_add_null_value (builder);
        else
          json_builder_add_string_value (builder, settings->columns[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* POST /courses/{cid}/imports as a form: the file, and the options as
 * a JSON object. The file's name is the form's, as a browser sends it. */
static SoupMessage *
upload_message (RosterClient               *self,
                gint64                      course_id,
                GBytes                     *csv,
                const RosterImportSettings *settings,
                gboolean                    dry_run)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(JsonNode) options = settings_to_json (settings, dry_run);
  g_autoptr(GBytes) options_bytes = roster_json_to_bytes (options);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/imports", course_id);
  g_autofree char *options_text = g_strndup (g_bytes_get_data (options_bytes, NULL), g_bytes_get_size (options_bytes));
  SoupMessageHeaders *form_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  SoupMessage *message;

  soup_multipart_append_form_file (multipart, "file", settings->file_name, "text/csv", csv);
  soup_multipart_append_form_string (multipart, "options", options_text);
  soup_multipart_to_message (multipart, form_headers, &body);

  message = roster_client_new_message (self, "POST", path, NULL);
  if (message != NULL)
    soup_message_set_request_body_from_bytes (message, soup_message_headers_get_one (form_headers, "Content-Type"),
                                              body);
  soup_message_headers_unref (form_headers);
  return message;
}

static void
upload (RosterClient               *self,
        gpointer                    source_tag,
        gint64                      course_id,
        GBytes                     *csv,
        const RosterImportSettings *settings,
        gboolean                    dry_run,
        GCancellable               *cancellable,
        GAsyncReadyCallback         callback,
        gpointer                    user_data)
{
  GTask *task = call_new (self, source_tag, ANSWER_REPORT, cancellable, callback, user_data);

  call_send (task, upload_message (self, course_id, csv, settings, dry_run), call_sent_cb);
}

void
roster_client_check_import_async (RosterClient               *self,
                                  gint64                      course_id,
                                  GBytes                     *csv,
                                  const RosterImportSettings *settings,
                                  GCancellable               *cancellable,
                                  GAsyncReadyCallback         callback,
                                  gpointer                    user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (csv != NULL);
  g_return_if_fail (settings != NULL);

  upload (self, roster_client_check_import_async, course_id, csv, settings, TRUE,
          cancellable, callback, user_data);
}

/**
 * roster_client_check_import_finish:
 *
 * Returns: (transfer full): the dry run's report with every row, or %NULL
 */
RosterImportReport *
roster_client_check_import_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return call_finish (self, result, roster_client_check_import_async, error);
}

void
roster_client_start_import_async (RosterClient               *self,
                                  gint64                      course_id,
                                  GBytes                     *csv,
                                  const RosterImportSettings *settings,
                                  GCancellable               *cancellable,
                                  GAsyncReadyCallback         callback,
                                  gpointer                    user_data)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (csv != NULL);
  g_return_if_fail (settings != NULL);

  upload (self, roster_client_start_import_async, course_id, csv, settings, FALSE,
          cancellable, callback, user_data);
}

/**
 * roster_client_start_import_finish:
 *
 * Returns: (transfer full): the job, or %NULL
 */
RosterImportReport *
roster_client_start_import_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return call_finish (self, result, roster_client_start_import_async, error);
}

/* ---- a job ---- */

static SoupMessage *
job_message (RosterClient *self,
             const char   *method,
             gint64        import_id,
             const char   *suffix,
             GHashTable   *query)
{
  g_autofree char *path = g_strdup_printf ("/imports/%" G_GINT64_FORMAT "%s", import_id, suffix);

  return roster_client_new_message (self, method, path, query);
}

void
roster_client_get_import_async (RosterClient        *self,
                                gint64               import_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (import_id > 0);

  task = call_new (self, roster_client_get_import_async, ANSWER_REPORT, cancellable, callback, user_data);
  call_send (task, job_message (self, "GET", import_id, "", NULL), call_sent_cb);
}

/**
 * roster_client_get_import_finish:
 *
 * Returns: (transfer full): the job, or %NULL
 */
RosterImportReport *
roster_client_get_import_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return call_finish (self, result, roster_client_get_import_async, error);
}

void
roster_client_cancel_import_async (RosterClient        *self,
                                   gint64               import_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (import_id > 0);

  task = call_new (self, roster_client_cancel_import_async, ANSWER_REPORT, cancellable, callback, user_data);
  call_send (task, job_message (self, "POST", import_id, "/cancel", NULL), call_sent_cb);
}

/**
 * roster_client_cancel_import_finish:
 *
 * Returns: (transfer full): the job as it was when asked to stop, or %NULL
 */
RosterImportReport *
roster_client_cancel_import_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return call_finish (self, result, roster_client_cancel_import_async, error);
}

/* ---- a job's report, page by page ---- */

static void rows_page_sent_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
rows_request_page (GTask      *task,
                   const char *cursor)
{
  RosterClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (query, (gpointer) "rows", (gpointer) (call->problems_only ? "problems" : "all"));
  g_hash_table_insert (query, (gpointer) "limit", (gpointer) ROWS_PAGE_SIZE);
  if (cursor != NULL)
    g_hash_table_insert (query, (gpointer) "cursor", (gpointer) cursor);
  call_send (task, job_message (self, "GET", call->import_id, "", query), rows_page_sent_cb);
}

static void
rows_page_parsed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(GPtrArray) items = NULL;
  GListModel *rows;
  GError *error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  if (report == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Appended here, on the main thread: @store may be on screen. */
  rows = roster_import_report_get_rows (report);
  items = g_ptr_array_new_full (g_list_model_get_n_items (rows), g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    g_ptr_array_add (items, g_list_model_get_item (rows, i));
  g_list_store_splice (call->store, g_list_model_get_n_items (G_LIST_MODEL (call->store)), 0,
                       items->pdata, items->len);

  if (roster_import_report_get_next_cursor (report) != NULL)
    rows_request_page (g_steal_pointer (&task), roster_import_report_get_next_cursor (report));
  else
    g_task_return_pointer (task, g_steal_pointer (&report), g_object_unref);
}

static void
rows_page_sent_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GBytes *body = call_answer (task, source, result);

  if (body == NULL)
    g_object_unref (task);
  else
    parse_in_thread (task, body, ANSWER_REPORT, rows_page_parsed_cb);
}

void
roster_client_fetch_import_rows_async (RosterClient        *self,
                                       gint64               import_id,
                                       gboolean             problems_only,
                                       GListStore          *store,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  Call *call;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (import_id > 0);
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (g_list_model_get_item_type (G_LIST_MODEL (store)) == ROSTER_TYPE_IMPORT_RESULT);

  task = call_new (self, roster_client_fetch_import_rows_async, ANSWER_REPORT, cancellable, callback, user_data);
  call = g_task_get_task_data (task);
  call->store = g_object_ref (store);
  call->import_id = import_id;
  call->problems_only = !!problems_only;
  rows_request_page (task, NULL);
}

/**
 * roster_client_fetch_import_rows_finish:
 *
 * Returns: (transfer full): the job as its last page described it, or %NULL
 */
RosterImportReport *
roster_client_fetch_import_rows_finish (RosterClient  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  return call_finish (self, result, roster_client_fetch_import_rows_async, error);
}

/* ---- a course's jobs ---- */

void
roster_client_list_imports_async (RosterClient        *self,
                                  gint64               course_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  /* The newest page is the history the wizard shows. */
  g_hash_table_insert (query, (gpointer) "limit", (gpointer) LIST_PAGE_SIZE);
  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/imports", course_id);
  task = call_new (self, roster_client_list_imports_async, ANSWER_LIST, cancellable, callback, user_data);
  call_send (task, roster_client_new_message (self, "GET", path, query), call_sent_cb);
}

/**
 * roster_client_list_imports_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterImportReport, or %NULL
 */
GListModel *
roster_client_list_imports_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return call_finish (self, result, roster_client_list_imports_async, error);
}
