/* roster-client-reports.h: a course's enrolment report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-course-report.h"

G_BEGIN_DECLS

/* @since, @until: unix times, 0 for the server's default (from the first
 * enrolment, up to now). */
void                   roster_client_get_enrolment_report_async  (RosterClient         *self,
                                                                  gint64                course_id,
                                                                  RosterEnrolmentBucket    bucket,
                                                                  gint64                since,
                                                                  gint64                until,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
RosterCourseReport *roster_client_get_enrolment_report_finish (RosterClient         *self,
                                                                  GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
