/* roster-account.h: a remembered sign-in: a server and a username
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_ACCOUNT (roster_account_get_type ())

G_DECLARE_FINAL_TYPE (RosterAccount, roster_account, ROSTER, ACCOUNT, GObject)

/* Holds no secret: the token stays in the keyring until it is asked for. */
RosterAccount *roster_account_new          (const char    *server,
                                            const char    *username);
const char    *roster_account_get_server   (RosterAccount *self);
const char    *roster_account_get_username (RosterAccount *self);
/* "username@server", the form GSettings' last-account and the window's
 * account actions use. */
RosterAccount *roster_account_new_from_id  (const char    *id);
char          *roster_account_dup_id       (RosterAccount *self);

G_END_DECLS
