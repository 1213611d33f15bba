/* roster-account-store.h: sign-in tokens in the system keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-account.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_ACCOUNT_STORE (roster_account_store_get_type ())

G_DECLARE_FINAL_TYPE (RosterAccountStore, roster_account_store, ROSTER, ACCOUNT_STORE, GObject)

/* Tokens go to the keyring (libsecret, schema
 * io.github.rosterdesk.Roster.Account, attributes "server" and
 * "username") and never to a file. The accounts are the keyring's items
 * of that schema, so they are remembered with their tokens. */
RosterAccountStore *roster_account_store_new                (void);

void                roster_account_store_save_async         (RosterAccountStore   *self,
                                                             const char           *server,
                                                             const char           *username,
                                                             const char           *token,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            roster_account_store_save_finish        (RosterAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* The token, or NULL without an error when none is stored. */
void                roster_account_store_lookup_token_async (RosterAccountStore   *self,
                                                             const char           *server,
                                                             const char           *username,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
char               *roster_account_store_lookup_token_finish (RosterAccountStore  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* Forgets the account and its token (signing out or removing it). */
void                roster_account_store_remove_async       (RosterAccountStore   *self,
                                                             const char           *server,
                                                             const char           *username,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean            roster_account_store_remove_finish      (RosterAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

/* Every remembered account, sorted by server then username, as a
 * GListModel of RosterAccount; no token is read. */
void                roster_account_store_list_async         (RosterAccountStore   *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
GListModel         *roster_account_store_list_finish        (RosterAccountStore   *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

G_END_DECLS
