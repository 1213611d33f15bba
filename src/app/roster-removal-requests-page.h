/* roster-removal-requests-page.h: people who asked for their account to be removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REMOVAL_REQUESTS_PAGE (roster_removal_requests_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalRequestsPage, roster_removal_requests_page, ROSTER, REMOVAL_REQUESTS_PAGE, GtkWidget)

GtkWidget *roster_removal_requests_page_new        (void);
/* Loads (again) through @client; %NULL empties the page. @me_id is the
 * signed-in person's id. */
void       roster_removal_requests_page_set_client (RosterRemovalRequestsPage *self,
                                       RosterClient *client,
                                       gint64 me_id);
/* Loads again, keeping the filters. */
void       roster_removal_requests_page_reload     (RosterRemovalRequestsPage *self);
void       roster_removal_requests_page_focus_search (RosterRemovalRequestsPage *self);

G_END_DECLS
