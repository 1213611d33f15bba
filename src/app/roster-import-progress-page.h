/* roster-import-progress-page.h: the import wizard while the job runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-import-report.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_PROGRESS_PAGE (roster_import_progress_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportProgressPage, roster_import_progress_page, ROSTER, IMPORT_PROGRESS_PAGE, GtkWidget)

GtkWidget *roster_import_progress_page_new        (void);
/* Shows the job's phase and rows done/total; NULL: "starting". */
void       roster_import_progress_page_set_job    (RosterImportProgressPage *self,
                                                   RosterImportReport       *job);
/* While a cancel is on its way the Cancel button is insensitive and
 * the page says "Cancelling…". */
void       roster_import_progress_page_set_cancelling (RosterImportProgressPage *self,
                                                       gboolean                  cancelling);

/* Signal "cancel-requested" (no arguments): the user pressed Cancel
 * (the page asks nothing: cancelling loses nothing, the server rolls
 * back). */

G_END_DECLS
