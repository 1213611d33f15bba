/* roster-participant-format.h: a participant's values as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-participant-list.h"

G_BEGIN_DECLS

/* Shared by the table's cells and the CSV export, so both say the same. */
char *roster_participant_dup_column_text (RosterParticipant       *participant,
                                          RosterParticipantColumn  column);

G_END_DECLS
