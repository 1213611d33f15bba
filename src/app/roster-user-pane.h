/* roster-user-pane.h: one person's account, enrolments and recent
 * events, with what an administrator may do to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-user.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_USER_PANE (roster_user_pane_get_type ())

G_DECLARE_FINAL_TYPE (RosterUserPane, roster_user_pane, ROSTER, USER_PANE, GtkWidget)

/* Signals:
 * "show-audit" (gint64 user_id, const char *name): the Audit Log button.
 * "user-changed" (RosterUser *user): an action left the account so.
 * "user-erased" (gint64 user_id): an action erased the account. */

GtkWidget  *roster_user_pane_new         (void);
/* @me_id: the signed-in person's id (their own account cannot be
 * suspended or erased). */
void        roster_user_pane_set_client  (RosterUserPane *self,
                                          RosterClient   *client,
                                          gint64          me_id);
/* Shows @user at once as the list has them, and loads their profile;
 * %NULL shows nobody. */
void        roster_user_pane_set_user    (RosterUserPane *self,
                                          RosterUser     *user);
RosterUser *roster_user_pane_get_user    (RosterUserPane *self);
void        roster_user_pane_focus       (RosterUserPane *self);
/* Whether the profile is being loaded, or an action runs. */
gboolean    roster_user_pane_get_loading (RosterUserPane *self);
gboolean    roster_user_pane_get_running (RosterUserPane *self);

G_END_DECLS
