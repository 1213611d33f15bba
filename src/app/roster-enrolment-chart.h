/* roster-enrolment-chart.h: enrolments over time as stacked bars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-course-report.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_ENROLMENT_CHART (roster_enrolment_chart_get_type ())

G_DECLARE_FINAL_TYPE (RosterEnrolmentChart, roster_enrolment_chart, ROSTER, ENROLMENT_CHART, GtkWidget)

GtkWidget  *roster_enrolment_chart_new             (void);
/* @report (nullable): %NULL empties the chart. */
void        roster_enrolment_chart_set_report      (RosterEnrolmentChart  *self,
                                                    RosterCourseReport *report);
/* What the bars are stacked by: ROSTER_REPORT_BY_METHOD or _BY_KEY. */
void        roster_enrolment_chart_set_stacking    (RosterEnrolmentChart  *self,
                                                    RosterReportDimension  by);
RosterReportDimension roster_enrolment_chart_get_stacking (RosterEnrolmentChart *self);
/* The bar under the pointer (or picked with the arrow keys), described;
 * "" when there is none. */
const char *roster_enrolment_chart_get_hover_text  (RosterEnrolmentChart  *self);
/* "31 Aug 2026 – 6 Sep 2026: 21 enrolments (Manual enrolments: 20, …)" */
char       *roster_enrolment_chart_describe_bucket (RosterEnrolmentChart  *self,
                                                    guint                  point);
/* "85 enrolments from 31 Aug 2026 to 13 Sep 2026": the chart's
 * accessible description. */
char       *roster_enrolment_chart_dup_summary     (RosterEnrolmentChart  *self);

G_END_DECLS
