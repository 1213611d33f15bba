/* roster-users-page.h: the site's people (site administrators)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_USERS_PAGE (roster_users_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterUsersPage, roster_users_page, ROSTER, USERS_PAGE, GtkWidget)

/* Signals:
 * "show-audit" (gint64 user_id, const char *name): the administrator
 *   asked for the person's whole audit trail; the window shows the
 *   audit page filtered to them. */

GtkWidget *roster_users_page_new        (void);
/* Loads (again) through @client; %NULL empties the page. @me_id is the
 * signed-in person's id. */
void       roster_users_page_set_client (RosterUsersPage *self,
                                       RosterClient *client,
                                       gint64 me_id);
/* Loads again, keeping the filters. */
void       roster_users_page_reload     (RosterUsersPage *self);
void       roster_users_page_focus_search (RosterUsersPage *self);

G_END_DECLS
