/* roster-participant-export.c: participants as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-csv-writer.h"
#include "roster-participant-export.h"
#include "roster-participant-format.h"

static const RosterParticipantColumn export_columns[] = {
  ROSTER_PARTICIPANT_COLUMN_NAME,
  ROSTER_PARTICIPANT_COLUMN_EMAIL,
  ROSTER_PARTICIPANT_COLUMN_TYPE,
  ROSTER_PARTICIPANT_COLUMN_ROLES,
  ROSTER_PARTICIPANT_COLUMN_GROUPS,
  ROSTER_PARTICIPANT_COLUMN_STATUS,
  ROSTER_PARTICIPANT_COLUMN_METHOD,
  ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS,
};

typedef struct
{
  GFile     *file;
  GPtrArray *rows;
  char      *headers[G_N_ELEMENTS (export_columns)];
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->file);
  g_clear_pointer (&export->rows, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    g_free (export->headers[i]);
  g_free (export);
}

/* On a worker thread: 100 000 rows take a while to format and write,
 * and the participants do not change once read. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GString) out = g_string_new (ROSTER_CSV_BOM);
  g_autoptr(GError) error = NULL;

  roster_csv_append_row (out, (const char * const *) export->headers, G_N_ELEMENTS (export_columns));
  for (guint i = 0; i < export->rows->len; i++)
    {
      char *cells[G_N_ELEMENTS (export_columns)];

      for (guint c = 0; c < G_N_ELEMENTS (export_columns); c++)
        cells[c] = roster_participant_dup_column_text (export->rows->pdata[i], export_columns[c]);
      roster_csv_append_row (out, (const char * const *) cells, G_N_ELEMENTS (export_columns));
      for (guint c = 0; c < G_N_ELEMENTS (export_columns); c++)
        g_free (cells[c]);
    }

  if (!g_file_replace_contents (export->file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, export->rows->len);
}


/**
 * roster_participant_export_async:
 * @participants: a #GListModel of #RosterParticipant, in the order to write
 * @headers: the titles of the table's columns, in its order (name,
 *   e-mail, type, roles, groups, status, method, last access)
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the rows as the table shows them to @file as CSV (UTF-8 with a
 * byte order mark, cells a spreadsheet would run as formulas defused).
 * The rows are taken now; the file is written on a worker thread.
 */
void
roster_participant_export_async (GListModel          *participants,
                                 const char * const  *headers,
                                 GFile               *file,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n_items;
  Export *export;

  g_return_if_fail (G_IS_LIST_MODEL (participants));
  g_return_if_fail (headers != NULL && g_strv_length ((char **) headers) >= G_N_ELEMENTS (export_columns));
  g_return_if_fail (G_IS_FILE (file));

  n_items = g_list_model_get_n_items (participants);

  /* The worker thread must not read models the window changes: it
   * gets its own references to the rows. */
  export = g_new0 (Export, 1);
  export->file = g_object_ref (file);
  export->rows = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (export->rows, g_list_model_get_item (participants, i));
  for (guint c = 0; c < G_N_ELEMENTS (export_columns); c++)
    export->headers[c] = g_strdup (headers[c]);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_participant_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * roster_participant_export_finish:
 * @result: the result given to the callback
 * @n_rows: (out) (optional): the rows written
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was written.
 */
gboolean
roster_participant_export_finish (GAsyncResult  *result,
                                  guint         *n_rows,
                                  GError       **error)
{
  gssize written;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_participant_export_async, FALSE);

  written = g_task_propagate_int (G_TASK (result), error);
  if (written < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = (guint) written;
  return TRUE;
}
