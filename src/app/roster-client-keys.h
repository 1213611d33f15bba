/* roster-client-keys.h: the enrolment keys of a self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-key.h"

G_BEGIN_DECLS

/* What a new key or a change to one says: 0 and NULL mean "none"
 * (no group, never expires, unlimited uses, a generated secret). */
typedef struct
{
  const char *nickname;
  const char *secret;
  gint64      group_id;
  gint64      expires_at;
  gint64      max_uses;
} RosterKeySpec;

/* A GListModel of RosterKey, oldest first, never with secrets. */
void        roster_client_list_keys_async    (RosterClient         *self,
                                              gint64                method_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GListModel *roster_client_list_keys_finish   (RosterClient         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* The new key, and in @secret the secret the server made or took:
 * the only answer (with reveal) that carries it. */
void        roster_client_create_key_async   (RosterClient         *self,
                                              gint64                method_id,
                                              const RosterKeySpec  *spec,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
RosterKey  *roster_client_create_key_finish  (RosterClient         *self,
                                              GAsyncResult         *result,
                                              char                **secret,
                                              GError              **error);
/* Deactivates (@active FALSE) or reactivates a key; the key as it is now. */
void        roster_client_set_key_active_async  (RosterClient      *self,
                                                 gint64             key_id,
                                                 gboolean           active,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
RosterKey  *roster_client_set_key_active_finish (RosterClient      *self,
                                                 GAsyncResult      *result,
                                                 GError           **error);
void        roster_client_delete_key_async   (RosterClient         *self,
                                              gint64                key_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean    roster_client_delete_key_finish  (RosterClient         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* The key's secret; the server audits every reveal. */
void        roster_client_reveal_key_async   (RosterClient         *self,
                                              gint64                key_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char       *roster_client_reveal_key_finish  (RosterClient         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
/* Sends a CSV file of keys for the self method @method_id of
 * @course_id. Returns the created keys (with their secrets) as the
 * server's answer object { "keys": […] }; on a file with problems, the
 * error and, in @report (nullable), the server's report of every row. */
void        roster_client_import_keys_async  (RosterClient         *self,
                                              gint64                course_id,
                                              gint64                method_id,
                                              GBytes               *csv,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
JsonObject *roster_client_import_keys_finish (RosterClient         *self,
                                              GAsyncResult         *result,
                                              JsonObject          **report,
                                              GError              **error);

/* The sign-up link for @secret on the server @base_url. */
char       *roster_key_signup_link           (const char           *base_url,
                                              const char           *secret);
/* Checks a typed secret against the server's policy (docs/api.md): 8 to
 * 128 characters after trimming, at least 8 of them neither spaces nor
 * hyphens, no line breaks or invisible characters. A
 * ROSTER_ERROR_VALIDATION error says what is wrong, in the server's
 * words. Whether another key already has it only the server knows. */
gboolean    roster_key_check_secret          (const char           *secret,
                                              GError              **error);

G_END_DECLS
