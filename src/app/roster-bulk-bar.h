/* roster-bulk-bar.h: actions on the selected participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-participant-list.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_BULK_BAR (roster_bulk_bar_get_type ())

G_DECLARE_FINAL_TYPE (RosterBulkBar, roster_bulk_bar, ROSTER, BULK_BAR, GtkWidget)

/* Shows under a participants table while rows are selected: suspend,
 * reactivate, change role, add to group and unenrol (after asking),
 * with progress, a way to stop, and a toast saying what was done. */
GtkWidget *roster_bulk_bar_new        (void);
void       roster_bulk_bar_setup      (RosterBulkBar         *self,
                                       RosterParticipantList *list,
                                       GtkSelectionModel     *selection);
void       roster_bulk_bar_set_course (RosterBulkBar         *self,
                                       RosterClient          *client,
                                       gboolean               can_manage_enrolments,
                                       gboolean               can_manage_groups);
void       roster_bulk_bar_set_groups (RosterBulkBar         *self,
                                       GListModel            *groups);
gboolean   roster_bulk_bar_get_busy   (RosterBulkBar         *self);

G_END_DECLS
