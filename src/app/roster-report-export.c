/* roster-report-export.c: a table of a report as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-csv-writer.h"
#include "roster-report-export.h"

typedef struct
{
  GPtrArray *rows;
  GFile     *file;
} Export;

static void
export_free (Export *export)
{
  g_clear_pointer (&export->rows, g_ptr_array_unref);
  g_clear_object (&export->file);
  g_free (export);
}

GString *
roster_report_export_format (GPtrArray *rows)
{
  GString *out = g_string_new (ROSTER_CSV_BOM);

  g_return_val_if_fail (rows != NULL, out);

  /* Every cell through the writer: a key's nickname or a method's name
   * is typed by people and may start with "=". */
  for (guint i = 0; i < rows->len; i++)
    roster_csv_append_row (out, (const char * const *) rows->pdata[i], g_strv_length (rows->pdata[i]));
  return out;
}

/* On a worker thread: the file system may be slow (a network share). */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GString) out = roster_report_export_format (export->rows);
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents (export->file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * roster_report_export_async:
 * @rows: (transfer full): rows of cells, the header first
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes @rows to @file as CSV (UTF-8 with a byte order mark, cells a
 * spreadsheet would run as formulas defused), on a worker thread.
 */
void
roster_report_export_async (GPtrArray           *rows,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (rows != NULL);
  g_return_if_fail (G_IS_FILE (file));

  export = g_new0 (Export, 1);
  export->rows = rows;
  export->file = g_object_ref (file);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_report_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
roster_report_export_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_report_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
