/* roster-reports-page.h: a course's enrolment reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Participants by user type, role and method; enrolments over time as
 * a chart; key usage (GET /courses/{cid}/reports/enrolments). Shown to
 * those with the course capability "reports.view".
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REPORTS_PAGE (roster_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterReportsPage, roster_reports_page, ROSTER, REPORTS_PAGE, GtkWidget)

GtkWidget *roster_reports_page_new        (void);
/* Loads the report of @course through @client; %NULL empties it. */
void       roster_reports_page_set_course (RosterReportsPage *self,
                                           RosterClient      *client,
                                           RosterCourse      *course);
void       roster_reports_page_reload     (RosterReportsPage *self);

G_END_DECLS
