/* roster-groups-parts.h: the rows and the name dialog of the Groups page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-group.h"
#include "roster-member.h"
#include "roster-participant.h"

G_BEGIN_DECLS

/* The group's name and how many members it has. */
GtkWidget *roster_group_row_new              (RosterGroup        *group);
/* Name, role and e-mail address; with @remove_button, also a button to
 * take the member out of the group, which is returned there and holds
 * the member as its "member" data. */
GtkWidget *roster_member_row_new             (RosterMember       *member,
                                              GtkWidget         **remove_button);
/* A participant found by a search, to pick. */
GtkWidget *roster_participant_result_row_new (RosterParticipant  *participant);
/* What an empty list shows instead of rows. */
GtkWidget *roster_placeholder_new (const char *text);

/* A dialog over @parent's window that asks for a group's name, starting
 * from @name; its "ok" response (@ok_label) is enabled once there is one. */
AdwMessageDialog *roster_group_name_dialog_new      (GtkWidget         *parent,
                                                     const char        *heading,
                                                     const char        *ok_label,
                                                     const char        *name);
/* The name typed, without leading and trailing spaces. */
char             *roster_group_name_dialog_get_name (AdwMessageDialog  *dialog);

G_END_DECLS
