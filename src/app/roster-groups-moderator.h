/* roster-groups-moderator.h: "Add External Moderator to Groups…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-client.h"

G_BEGIN_DECLS

/* Called once people were added, to reload what shows the groups. */
typedef void (*RosterGroupsModeratorDone) (gpointer user_data);

/* Finds the course's external moderators, asks which of them to put in
 * which of @groups (RosterGroup) in a dialog over @parent's window, and
 * puts them there. Toasts say what happened; @cancellable stops it all
 * (@done is then not called). */
void roster_groups_moderator_run (GtkWidget                 *parent,
                                  RosterClient              *client,
                                  gint64                     course_id,
                                  GListModel                *groups,
                                  GCancellable              *cancellable,
                                  RosterGroupsModeratorDone  done,
                                  gpointer                   user_data);

G_END_DECLS
