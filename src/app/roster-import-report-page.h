/* roster-import-report-page.h: the import wizard's last step: what the
 * job did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-import-report.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_REPORT_PAGE (roster_import_report_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportReportPage, roster_import_report_page, ROSTER, IMPORT_REPORT_PAGE, GtkWidget)

GtkWidget *roster_import_report_page_new        (void);
/* Shows the ended @job (done, failed or cancelled) and its report
 * rows (@rows, a GListModel of RosterImportResult that may still be
 * filling up as pages arrive). */
void       roster_import_report_page_set_job    (RosterImportReportPage *self,
                                                 RosterImportReport     *job,
                                                 GListModel             *rows);

/* Signal "show-participants" (GArray *user_ids, of gint64): the user
 * asked to see the people the import created, enrolled, updated or
 * found unchanged in the participants list. */

G_END_DECLS
