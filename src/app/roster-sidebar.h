/* roster-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SIDEBAR (roster_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RosterSidebar, roster_sidebar, ROSTER, SIDEBAR, GtkWidget)

void roster_sidebar_focus_search (RosterSidebar *self);
void roster_sidebar_set_client   (RosterSidebar *self,
                                  RosterClient  *client);
void roster_sidebar_reload       (RosterSidebar *self);
/* Lists the courses again only if listing them failed. */
void roster_sidebar_reload_failed (RosterSidebar *self);
void roster_sidebar_set_admin     (RosterSidebar *self,
                                   gboolean       is_admin);
void roster_sidebar_select_admin  (RosterSidebar *self,
                                   const char    *name);

G_END_DECLS
