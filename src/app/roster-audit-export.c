/* roster-audit-export.c: every audit event of a filter into a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-audit"

#include "config.h"

#include "roster-audit-export.h"
#include "roster-audit-format.h"

/* The most the API gives in one page. */
#define EXPORT_PAGE_SIZE 1000

typedef struct
{
  RosterClient              *client;
  RosterAuditFilter          filter;
  char                      *action;
  char                      *cursor;
  GFile                     *file;
  RosterAuditExportProgress  progress;
  gpointer                   progress_data;
  GString                   *csv;
  guint                      n_events;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->client);
  g_clear_object (&export->file);
  g_free (export->action);
  g_free (export->cursor);
  if (export->csv != NULL)
    g_string_free (export->csv, TRUE);
  g_free (export);
}

static void fetch_page (GTask *task);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(GListModel) events = NULL;
  g_autofree char *next_cursor = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  guint n;

  events = roster_client_list_audit_finish (ROSTER_CLIENT (object), result, &next_cursor, &error);
  if (events == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A cancel between the answer and here must still stop the export. */
  if (g_task_return_error_if_cancelled (task))
    return;

  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (events, i);

      roster_audit_csv_append_entry (export->csv, entry);
    }
  export->n_events += n;
  if (export->progress != NULL)
    export->progress (export->n_events, export->progress_data);

  g_free (export->cursor);
  export->cursor = g_steal_pointer (&next_cursor);
  if (export->cursor != NULL)
    {
      fetch_page (g_steal_pointer (&task));
      return;
    }

  /* Written by GIO's worker thread, not on the main loop. */
  bytes = g_string_free_to_bytes (g_steal_pointer (&export->csv));
  g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task), written_cb, g_object_ref (task));
}

static void
fetch_page (GTask *task)
{
  Export *export = g_task_get_task_data (task);

  export->filter.cursor = export->cursor;
  roster_client_list_audit_async (export->client, &export->filter, g_task_get_cancellable (task),
                                  page_cb, task);
}

void
roster_audit_export_async (RosterClient              *client,
                           const RosterAuditFilter   *filter,
                           GFile                     *file,
                           RosterAuditExportProgress  progress,
                           gpointer                   progress_data,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  GTask *task;
  Export *export;

  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->client = g_object_ref (client);
  export->filter = *filter;
  export->action = g_strdup (filter->action);
  export->filter.action = export->action;
  export->filter.cursor = NULL;
  if (export->filter.limit == 0)
    export->filter.limit = EXPORT_PAGE_SIZE;
  export->file = g_object_ref (file);
  export->progress = progress;
  export->progress_data = progress_data;
  export->csv = g_string_new (NULL);
  roster_audit_csv_append_header (export->csv);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_audit_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  fetch_page (task);
}

gboolean
roster_audit_export_finish (GAsyncResult  *result,
                            guint         *n_events,
                            GError       **error)
{
  Export *export;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  export = g_task_get_task_data (G_TASK (result));
  if (n_events != NULL)
    *n_events = export->n_events;
  return g_task_propagate_boolean (G_TASK (result), error);
}
