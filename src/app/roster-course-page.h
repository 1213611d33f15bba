/* roster-course-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-methods-page.h"
#include "roster-participants-page.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_COURSE_PAGE (roster_course_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterCoursePage, roster_course_page, ROSTER, COURSE_PAGE, GtkWidget)

GtkWidget              *roster_course_page_new                  (RosterClient     *client,
                                                                 RosterCourse     *course);
RosterCourse           *roster_course_page_get_course           (RosterCoursePage *self);
void                    roster_course_page_set_client           (RosterCoursePage *self,
                                                                 RosterClient     *client);
/* The pages, for a view switcher. */
AdwViewStack           *roster_course_page_get_stack            (RosterCoursePage *self);
RosterParticipantsPage *roster_course_page_get_participants_page (RosterCoursePage *self);
RosterMethodsPage      *roster_course_page_get_methods_page     (RosterCoursePage *self);
/* Focuses the search of the page in view. */
void                    roster_course_page_focus_search         (RosterCoursePage *self);
/* Loads again the pages whose load failed, and only those. */
void                    roster_course_page_reload_failed        (RosterCoursePage *self);

G_END_DECLS
