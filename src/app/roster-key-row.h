/* roster-key-row.h: one enrolment key in the keys window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-key.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_KEY_ROW (roster_key_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeyRow, roster_key_row, ROSTER, KEY_ROW, AdwExpanderRow)

/* The row's buttons activate the window's actions keys.reveal,
 * keys.copy, keys.copy-link and keys.delete with the key's id, and its
 * switch keys.set-active with (id, active). @can_reveal shows the
 * secret's row (eye and copy buttons), @can_manage the switch and the
 * delete button. */
GtkWidget  *roster_key_row_new            (RosterKey    *key,
                                           gboolean      can_reveal,
                                           gboolean      can_manage);
RosterKey  *roster_key_row_get_key        (RosterKeyRow *self);
/* The secret shown, or NULL while it is hidden. */
const char *roster_key_row_get_secret     (RosterKeyRow *self);
/* Shows @secret, or hides it again (NULL) and forgets it. */
void        roster_key_row_set_secret     (RosterKeyRow *self,
                                           const char   *secret);

G_END_DECLS
