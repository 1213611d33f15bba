/* roster-token.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-random.h"
#include "roster-token.h"

char *
roster_token_generate (GError **error)
{
  return roster_random_token (ROSTER_TOKEN_BYTES, error);
}

/* A plain SHA-256 is enough here (unlike passwords): the token already
 * carries 256 bits of entropy, so there is nothing to brute-force. */
char *
roster_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}
