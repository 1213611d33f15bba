/* roster-password.h: password hashing (argon2id) and the password policy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OWASP's argon2id floor: t=2, m=19 MiB, p=1. docs/architecture.md
 * records the choice; raising them only slows new hashes, old ones keep
 * verifying because the parameters live in the encoded hash. */
#define ROSTER_PASSWORD_T_COST      2
#define ROSTER_PASSWORD_M_COST_KIB  19456
#define ROSTER_PASSWORD_PARALLELISM 1

#define ROSTER_PASSWORD_MIN_LENGTH  12
#define ROSTER_PASSWORD_MAX_LENGTH  128

char     *roster_password_hash        (const char  *password,
                                       GError     **error);
gboolean  roster_password_verify      (const char  *encoded_hash,
                                       const char  *password);
/* Spends the same work as a real verification, so that an unknown
 * username takes as long to refuse as a wrong password. */
void      roster_password_verify_dummy (const char *password);
gboolean  roster_password_check_policy (const char  *password,
                                        GError     **error);

G_END_DECLS
