/* roster-password.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-password"

#include "config.h"

#include <argon2.h>
#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-password.h"
#include "roster-random.h"

#define SALT_LENGTH 16
#define HASH_LENGTH 32

char *
roster_password_hash (const char  *password,
                      GError     **error)
{
  guint8 salt[SALT_LENGTH];
  gsize encoded_len;
  g_autofree char *encoded = NULL;
  int rc;

  g_return_val_if_fail (password != NULL, NULL);

  if (!roster_random_bytes (salt, sizeof salt, error))
    return NULL;

  encoded_len = argon2_encodedlen (ROSTER_PASSWORD_T_COST, ROSTER_PASSWORD_M_COST_KIB,
                                   ROSTER_PASSWORD_PARALLELISM, SALT_LENGTH, HASH_LENGTH,
                                   Argon2_id);
  encoded = g_malloc0 (encoded_len);

  rc = argon2id_hash_encoded (ROSTER_PASSWORD_T_COST, ROSTER_PASSWORD_M_COST_KIB,
                              ROSTER_PASSWORD_PARALLELISM, password, strlen (password),
                              salt, sizeof salt, HASH_LENGTH, encoded, encoded_len);
  if (rc != ARGON2_OK)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   "Could not hash password: %s", argon2_error_message (rc));
      return NULL;
    }

  return g_steal_pointer (&encoded);
}

gboolean
roster_password_verify (const char *encoded_hash,
                        const char *password)
{
  if (encoded_hash == NULL || password == NULL)
    return FALSE;

  /* Only argon2id hashes are ours; anything else (an empty column, a
   * value from elsewhere) never matches. */
  if (!g_str_has_prefix (encoded_hash, "$argon2id$"))
    return FALSE;

  return argon2id_verify (encoded_hash, password, strlen (password)) == ARGON2_OK;
}

static gpointer
make_dummy_hash (gpointer data)
{
  return roster_password_hash ("roster dummy password for timing", NULL);
}

void
roster_password_verify_dummy (const char *password)
{
  static GOnce once = G_ONCE_INIT;
  const char *dummy_hash = g_once (&once, make_dummy_hash, NULL);

  (void) roster_password_verify (dummy_hash, password != NULL ? password : "");
}

gboolean
roster_password_check_policy (const char  *password,
                              GError     **error)
{
  glong length;

  if (password == NULL || !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The password is not valid text."));
      return FALSE;
    }

  /* Length in characters, not bytes, so that a Chinese passphrase is
   * measured the way its owner counts it. */
  length = g_utf8_strlen (password, -1);
  if (length < ROSTER_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password must have at least %d character.",
                                "The password must have at least %d characters.",
                                ROSTER_PASSWORD_MIN_LENGTH),
                   ROSTER_PASSWORD_MIN_LENGTH);
      return FALSE;
    }

  if (length > ROSTER_PASSWORD_MAX_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The password must have at most %d character.",
                                "The password must have at most %d characters.",
                                ROSTER_PASSWORD_MAX_LENGTH),
                   ROSTER_PASSWORD_MAX_LENGTH);
      return FALSE;
    }

  return TRUE;
}
