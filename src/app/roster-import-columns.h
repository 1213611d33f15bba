/* roster-import-columns.h: what the import wizard's preview and report
 * pages share: the table of rows, the counts and saving rows as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-import-export.h"
#include "roster-import-report.h"

G_BEGIN_DECLS

/* Adds the columns Line, Outcome, Username, E-mail and Problems to
 * @view, and a model for the rows set_rows() gives it. */
void        roster_import_columns_setup    (GtkColumnView *view);
/* Rows of RosterImportResult for @view, let in over a few frames. */
void        roster_import_columns_set_rows (GtkColumnView *view,
                                            GListModel    *rows);
GListModel *roster_import_columns_get_rows (GtkColumnView *view);
/* "3 new accounts", "1 enrolled", "2 errors", … */
char *roster_import_count_text    (RosterImportResultOutcome  outcome,
                                   guint                      n);
/* Fills @box with one label per outcome of @report (named
 * "count-create", "count-enrol", …); empties it for NULL. */
void  roster_import_counts_fill   (GtkBox                    *box,
                                   RosterImportReport        *report);
/* Asks where to save (a save dialog over @parent's window), writes
 * @rows there on a worker thread and says how it went in @toasts. */
void  roster_import_save_rows     (GtkWidget                 *parent,
                                   AdwToastOverlay           *toasts,
                                   GListModel                *rows,
                                   RosterImportExportKind     kind,
                                   GCancellable              *cancellable);

G_END_DECLS
