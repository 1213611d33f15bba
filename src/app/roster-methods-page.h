/* roster-methods-page.h: a course's enrolment methods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_METHODS_PAGE (roster_methods_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterMethodsPage, roster_methods_page, ROSTER, METHODS_PAGE, GtkWidget)

/* Loads the course's methods through @client (NULL: shows none);
 * editing is offered only with the course's methods.manage. */
void        roster_methods_page_set_course  (RosterMethodsPage *self,
                                             RosterClient      *client,
                                             RosterCourse      *course);
/* The methods shown, in order, as #RosterMethod. */
GListModel *roster_methods_page_get_methods (RosterMethodsPage *self);
gboolean    roster_methods_page_get_loading (RosterMethodsPage *self);
gboolean    roster_methods_page_get_failed  (RosterMethodsPage *self);

G_END_DECLS
