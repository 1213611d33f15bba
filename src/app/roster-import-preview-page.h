/* roster-import-preview-page.h: the import wizard's dry run: every row
 * with what would happen to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-import-report.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_PREVIEW_PAGE (roster_import_preview_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportPreviewPage, roster_import_preview_page, ROSTER, IMPORT_PREVIEW_PAGE, GtkWidget)

GtkWidget *roster_import_preview_page_new          (void);
/* Shows @report (a dry run; NULL: empty, while the next one runs).
 * Its rows are shown without copying them, and without stalling the
 * main loop for a 100 000-row report. */
void       roster_import_preview_page_set_report   (RosterImportPreviewPage *self,
                                                    RosterImportReport      *report);
/* The "skip rows with errors" choice, off for every new report. */
gboolean   roster_import_preview_page_get_skip_errors (RosterImportPreviewPage *self);
/* Property "can-import": the report has no file problems and either no
 * row with errors or "skip rows with errors" chosen, and some row to
 * import. */
gboolean   roster_import_preview_page_get_can_import  (RosterImportPreviewPage *self);

G_END_DECLS
