/* roster-password-dialog.h: an administrator sets a new password for someone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PASSWORD_DIALOG (roster_password_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterPasswordDialog, roster_password_dialog, ROSTER, PASSWORD_DIALOG, AdwWindow)

/* Generates one (the default) or takes one typed in, and sends it for
 * @user. Emits "password-set" (with whether the server generated it)
 * once the server has it; a generated password is then shown, once,
 * until the dialog is closed. Nothing of it is kept anywhere else. */
RosterPasswordDialog *roster_password_dialog_new         (GtkWindow            *parent,
                                                          RosterClient         *client,
                                                          RosterUser           *user);
/* Whether a request is on its way. */
gboolean              roster_password_dialog_get_busy    (RosterPasswordDialog *self);

G_END_DECLS
