/* roster-import-export.c: an import's report rows as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-csv-writer.h"
#include "roster-import-export.h"
#include "roster-import-result.h"
#include "roster-import.h"

#define N_CELLS 5

typedef struct
{
  GFile                  *file;
  GPtrArray              *rows;
  RosterImportExportKind  kind;
  char                   *headers[N_CELLS];
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->file);
  g_clear_pointer (&export->rows, g_ptr_array_unref);
  for (guint i = 0; i < N_CELLS; i++)
    g_free (export->headers[i]);
  g_free (export);
}

/* One line per problem, so each can be sorted and fixed on its own. */
static guint
append_errors (GString            *out,
               RosterImportResult *row)
{
  GPtrArray *problems = roster_import_result_get_problems (row);
  g_autofree char *line = g_strdup_printf ("%u", roster_import_result_get_line (row));

  if (roster_import_result_get_outcome (row) != ROSTER_IMPORT_RESULT_ERROR)
    return 0;

  for (guint p = 0; problems != NULL && p < problems->len; p++)
    {
      RosterImportProblem *problem = problems->pdata[p];
      const char *cells[N_CELLS] = {
        line,
        roster_import_result_get_username (row),
        roster_import_result_get_email (row),
        problem->column,
        problem->message,
      };

      roster_csv_append_row (out, cells, N_CELLS);
    }
  return 1;
}

static guint
append_row (GString            *out,
            RosterImportResult *row)
{
  g_autofree char *line = g_strdup_printf ("%u", roster_import_result_get_line (row));
  g_autofree char *problems = roster_import_result_dup_problem_text (row);
  const char *cells[N_CELLS] = {
    line,
    roster_import_result_outcome_get_label (roster_import_result_get_outcome (row)),
    roster_import_result_get_username (row),
    roster_import_result_get_email (row),
    problems,
  };

  roster_csv_append_row (out, cells, N_CELLS);
  return 1;
}

/* On a worker thread: 100 000 rows take a while to format and write;
 * the rows themselves do not change once parsed. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GString) out = g_string_new (ROSTER_CSV_BOM);
  g_autoptr(GError) error = NULL;
  guint written = 0;

  roster_csv_append_row (out, (const char * const *) export->headers, N_CELLS);
  for (guint i = 0; i < export->rows->len; i++)
    {
      if (export->kind == ROSTER_IMPORT_EXPORT_ERRORS)
        written += append_errors (out, export->rows->pdata[i]);
      else
        written += append_row (out, export->rows->pdata[i]);
    }

  if (!g_file_replace_contents (export->file, out->str, out->len, NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, written);
}

/**
 * roster_import_export_async:
 * @rows: a #GListModel of #RosterImportResult
 * @kind: which rows to write, and how
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes @rows to @file as CSV (UTF-8 with a byte order mark, cells a
 * spreadsheet would run as formulas defused). The rows are taken now;
 * the file is written on a worker thread.
 */
void
roster_import_export_async (GListModel             *rows,
                            RosterImportExportKind  kind,
                            GFile                  *file,
                            GCancellable           *cancellable,
                            GAsyncReadyCallback     callback,
                            gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n_items;
  Export *export;

  g_return_if_fail (G_IS_LIST_MODEL (rows));
  g_return_if_fail (G_IS_FILE (file));

  n_items = g_list_model_get_n_items (rows);

  /* The worker gets its own references: the model may grow while it
   * writes (a job's report arrives a page at a time). */
  export = g_new0 (Export, 1);
  export->file = g_object_ref (file);
  export->kind = kind;
  export->rows = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = 0; i < n_items; i++)
    g_ptr_array_add (export->rows, g_list_model_get_item (rows, i));

  /* TRANSLATORS: the columns of a CSV file of an import's rows. */
  export->headers[0] = g_strdup (_("Line"));
  if (kind == ROSTER_IMPORT_EXPORT_ERRORS)
    {
      export->headers[1] = g_strdup (_("Username"));
      export->headers[2] = g_strdup (_("E-mail"));
      export->headers[3] = g_strdup (_("Column"));
      export->headers[4] = g_strdup (_("Problem"));
    }
  else
    {
      export->headers[1] = g_strdup (_("Outcome"));
      export->headers[2] = g_strdup (_("Username"));
      export->headers[3] = g_strdup (_("E-mail"));
      export->headers[4] = g_strdup (_("Problems"));
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_import_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * roster_import_export_finish:
 * @result: the result given to the callback
 * @n_rows: (out) (optional): the report rows written
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was written.
 */
gboolean
roster_import_export_finish (GAsyncResult  *result,
                             guint         *n_rows,
                             GError       **error)
{
  gssize written;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_import_export_async, FALSE);

  written = g_task_propagate_int (G_TASK (result), error);
  if (written < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = (guint) written;
  return TRUE;
}
