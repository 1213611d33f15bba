/* roster-sign-in-dialog.h: asking for the password again when a token expired
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SIGN_IN_DIALOG (roster_sign_in_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterSignInDialog, roster_sign_in_dialog, ROSTER, SIGN_IN_DIALOG, AdwWindow)

/* Signs @account in again on @client itself, so whatever uses the
 * client keeps its state. Emits "signed-in" once the client has its new
 * token (which then goes to the keyring) or "cancelled" (Cancel,
 * Escape, closing), then closes. */
RosterSignInDialog *roster_sign_in_dialog_new (GtkWindow     *parent,
                                               RosterClient  *client,
                                               RosterAccount *account);

G_END_DECLS
