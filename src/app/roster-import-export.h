/* roster-import-export.h: an import's report rows as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  /* The rows with errors, one line per problem (line, username,
   * e-mail, column, problem), to fix them in the spreadsheet. */
  ROSTER_IMPORT_EXPORT_ERRORS,
  /* Every row (line, outcome, username, e-mail, problems). */
  ROSTER_IMPORT_EXPORT_ALL,
} RosterImportExportKind;

void     roster_import_export_async  (GListModel              *rows,
                                      RosterImportExportKind   kind,
                                      GFile                   *file,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
gboolean roster_import_export_finish (GAsyncResult            *result,
                                      guint                   *n_rows,
                                      GError                 **error);

G_END_DECLS
