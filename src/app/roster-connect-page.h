/* roster-connect-page.h: signing in to a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-account.h"
#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_CONNECT_PAGE (roster_connect_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterConnectPage, roster_connect_page, ROSTER, CONNECT_PAGE, AdwBin)

/* Emits "signed-in" (RosterClient *client) once a sign-in, typed or
 * remembered, has worked; the token is then in the keyring and
 * GSettings' last-account names the account. */
GtkWidget *roster_connect_page_new        (void);
/* Fills in the form (either may be NULL) without signing in. */
void       roster_connect_page_prefill    (RosterConnectPage *self,
                                           const char        *server,
                                           const char        *username);
/* Signs in silently with the token the keyring holds for last-account;
 * FALSE, with nothing started, when there is no last account. */
gboolean   roster_connect_page_resume     (RosterConnectPage *self);
/* The same with @account's token, for switching accounts; without a
 * token the form asks for @account's password. */
void       roster_connect_page_switch_to  (RosterConnectPage *self,
                                           RosterAccount     *account);
/* Forgets the last account's token and clears last-account; the form
 * keeps the server and username for the next sign-in. */
void       roster_connect_page_sign_out   (RosterConnectPage *self);

G_END_DECLS
