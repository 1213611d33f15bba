/* roster-groups-page.h: a course's groups, their members and the group mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_GROUPS_PAGE (roster_groups_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterGroupsPage, roster_groups_page, ROSTER, GROUPS_PAGE, GtkWidget)

/* Loads @course's groups through @client (either may be NULL: empties
 * the page). What may be changed follows the course's capabilities. */
void      roster_groups_page_set_course (RosterGroupsPage *self,
                                         RosterClient     *client,
                                         RosterCourse     *course);
/* Whether the last load failed (the page shows why, with Retry). */
gboolean  roster_groups_page_get_failed (RosterGroupsPage *self);

G_END_DECLS
