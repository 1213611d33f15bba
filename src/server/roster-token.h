/* roster-token.h: bearer tokens, and how they are kept (hashed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 32 bytes = 256 bits from the CSPRNG. */
#define ROSTER_TOKEN_BYTES 32

char *roster_token_generate (GError    **error);
/* The only form in which a token is stored: lowercase hex SHA-256. */
char *roster_token_hash     (const char *token);

G_END_DECLS
