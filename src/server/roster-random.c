/* roster-random.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "roster-error.h"
#include "roster-random.h"

gboolean
roster_random_bytes (guint8  *buffer,
                     gsize    length,
                     GError **error)
{
  int rc = gnutls_rnd (GNUTLS_RND_KEY, buffer, length);

  if (rc < 0)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   "The random number generator failed: %s", gnutls_strerror (rc));
      return FALSE;
    }

  return TRUE;
}

char *
roster_base64url_encode (const guint8 *data,
                         gsize         length)
{
  char *str = g_base64_encode (data, length);
  gsize end = 0;

  for (gsize i = 0; str[i] != '\0'; i++)
    {
      if (str[i] == '=')
        break;
      if (str[i] == '+')
        str[i] = '-';
      else if (str[i] == '/')
        str[i] = '_';
      end = i + 1;
    }
  str[end] = '\0';

  return str;
}

char *
roster_random_token (gsize    n_bytes,
                     GError **error)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  char *token;

  if (!roster_random_bytes (bytes, n_bytes, error))
    return NULL;

  token = roster_base64url_encode (bytes, n_bytes);
  gnutls_memset (bytes, 0, n_bytes);

  return token;
}
