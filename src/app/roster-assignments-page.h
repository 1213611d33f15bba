/* roster-assignments-page.h: a course's assignments, their group modes and submissions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_ASSIGNMENTS_PAGE (roster_assignments_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterAssignmentsPage, roster_assignments_page, ROSTER, ASSIGNMENTS_PAGE, GtkWidget)

/* Loads @course's assignments through @client (either may be NULL: empties
 * the page). What may be changed follows the course's capabilities. */
void      roster_assignments_page_set_course (RosterAssignmentsPage *self,
                                              RosterClient          *client,
                                              RosterCourse          *course);
/* Whether the last load failed (the page shows why, with Retry). */
gboolean  roster_assignments_page_get_failed (RosterAssignmentsPage *self);

G_END_DECLS
