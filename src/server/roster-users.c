/* roster-users.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-users"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-random.h"
#include "roster-text.h"
#include "roster-users.h"

static const char password_alphabet[] =
  "23456789"
  "abcdefghjkmnpqrstuvwxyz"
  "ABCDEFGHJKLMNPQRSTUVWXYZ";

#define ALPHABET_SIZE (sizeof password_alphabet - 1)
/* The largest multiple of the alphabet's size a byte can hold: bytes at
 * or above it are drawn again, so every symbol is equally likely. */
#define ACCEPT_BELOW ((256 / ALPHABET_SIZE) * ALPHABET_SIZE)

static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) ||
          g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        return TRUE;
    }

  return FALSE;
}

gboolean
roster_users_check_username (const char  *username,
                             GError     **error)
{
  g_autofree char *key = NULL;

  if (username == NULL || !g_utf8_validate (username, -1, NULL) || *username == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("A username is required."));
      return FALSE;
    }

  if (g_utf8_strlen (username, -1) > ROSTER_USERS_MAX_USERNAME_CHARS)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The username may have at most %d character.",
                                "The username may have at most %d characters.",
                                ROSTER_USERS_MAX_USERNAME_CHARS),
                   ROSTER_USERS_MAX_USERNAME_CHARS);
      return FALSE;
    }

  if (has_space_or_control (username))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The username may not contain spaces or invisible characters."));
      return FALSE;
    }

  key = roster_text_identity_key (username);
  if (key == NULL || g_str_has_prefix (key, ROSTER_USERS_ERASED_PREFIX))
    {
      /* TRANSLATORS: %s is "erased-", kept for erased accounts. */
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Usernames starting with “%s” are kept for erased accounts."),
                   ROSTER_USERS_ERASED_PREFIX);
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_users_check_email (const char  *email,
                          GError     **error)
{
  const char *at;

  if (email == NULL || !g_utf8_validate (email, -1, NULL) || *email == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("An e-mail address is required."));
      return FALSE;
    }

  at = strchr (email, '@');
  if (strlen (email) > ROSTER_USERS_MAX_EMAIL_BYTES || at == NULL || at == email || at[1] == '\0' ||
      strchr (at + 1, '@') != NULL || has_space_or_control (email))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The e-mail address is not valid: it needs one “@” with something on "
                             "each side, and no spaces."));
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_users_check_name (const char  *member,
                         const char  *name,
                         GError     **error)
{
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” is required."), member);
      return FALSE;
    }

  if (g_utf8_strlen (name, -1) > ROSTER_USERS_MAX_NAME_CHARS)
    {
      /* TRANSLATORS: %s is a field such as "first_name". */
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” may have at most %d character.",
                                "“%s” may have at most %d characters.",
                                ROSTER_USERS_MAX_NAME_CHARS),
                   member, ROSTER_USERS_MAX_NAME_CHARS);
      return FALSE;
    }

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("“%s” may not contain control characters."), member);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
roster_users_is_password_alphabet (gunichar c)
{
  return c != 0 && c < 128 && strchr (password_alphabet, (int) c) != NULL;
}

char *
roster_users_generate_password (GError **error)
{
  guint8 bytes[64];
  GString *password = g_string_sized_new (ROSTER_USERS_PASSWORD_LENGTH);
  gsize used = sizeof bytes;

  G_STATIC_ASSERT (ALPHABET_SIZE == 55);

  while (password->len < ROSTER_USERS_PASSWORD_LENGTH)
    {
      if (used == sizeof bytes)
        {
          if (!roster_random_bytes (bytes, sizeof bytes, error))
            {
              memset (password->str, 0, password->len);
              g_string_free (password, TRUE);
              return NULL;
            }
          used = 0;
        }

      if (bytes[used] < ACCEPT_BELOW)
        g_string_append_c (password, password_alphabet[bytes[used] % ALPHABET_SIZE]);
      used++;
    }

  memset (bytes, 0, sizeof bytes);
  return g_string_free (password, FALSE);
}

char *
roster_users_email_hash (const char *email_key,
                         gpointer    secret_box)
{
  return roster_secret_box_lookup_hash (ROSTER_SECRET_BOX (secret_box), email_key);
}
