/* roster-auth.h: signing in and out, and who a bearer token belongs to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-context.h"

G_BEGIN_DECLS

typedef struct
{
  RosterUser *user;
  char       *token;        /* given to the client once, never stored */
  gint64      expires_at;
} RosterLoginResult;

void        roster_login_result_clear (RosterLoginResult  *result);

/* Checks a password and, when it is right and the account may sign in,
 * creates a token. Failures are counted per account; at the threshold the
 * account is locked for the configured time (ROSTER_ERROR_ACCOUNT_LOCKED,
 * with *locked_until set). Unknown users and wrong passwords get the same
 * error and take the same time. Every failure is audited. */
gboolean    roster_auth_login         (RosterContext      *ctx,
                                       const char         *username,
                                       const char         *password,
                                       const char         *remote_address,
                                       RosterLoginResult  *result,
                                       gint64             *locked_until,
                                       GError            **error);
/* From an "Authorization: Bearer …" header to the signed-in user. */
RosterUser *roster_auth_authenticate  (RosterContext      *ctx,
                                       const char         *authorization,
                                       char              **token_hash,
                                       GError            **error);
gboolean    roster_auth_logout        (RosterContext      *ctx,
                                       RosterUser         *user,
                                       const char         *token_hash,
                                       const char         *remote_address,
                                       GError            **error);

gint64      roster_now                (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterLoginResult, roster_login_result_clear)

G_END_DECLS
