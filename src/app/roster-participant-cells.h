/* roster-participant-cells.h: the cells of a participants table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-participant-list.h"

G_BEGIN_DECLS

void roster_participant_column_setup (GtkColumnViewColumn     *view_column,
                                      RosterParticipantColumn  column);

G_END_DECLS
