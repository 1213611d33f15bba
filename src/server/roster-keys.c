/* roster-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-keys.h"
#include "roster-random.h"

#define ALPHABET_SIZE ((guint) (sizeof ROSTER_KEYS_ALPHABET - 1))

/* The largest multiple of the alphabet's size that fits in a byte: bytes
 * at or above it are drawn again, so that every symbol is equally likely
 * (a plain "byte % 25" would favour the first six symbols). */
#define ACCEPT_BELOW ((256 / ALPHABET_SIZE) * ALPHABET_SIZE)

G_STATIC_ASSERT (ALPHABET_SIZE == 25);

char *
roster_keys_generate (GError **error)
{
  GString *out = g_string_sized_new (ROSTER_KEYS_GENERATED_SYMBOLS + ROSTER_KEYS_GENERATED_SYMBOLS / 4);
  guint symbols = 0;

  while (symbols < ROSTER_KEYS_GENERATED_SYMBOLS)
    {
      guint8 bytes[32];

      if (!roster_random_bytes (bytes, sizeof bytes, error))
        {
          memset (out->str, 0, out->len);
          g_string_free (out, TRUE);
          return NULL;
        }

      for (gsize i = 0; i < sizeof bytes && symbols < ROSTER_KEYS_GENERATED_SYMBOLS; i++)
        {
          if (bytes[i] >= ACCEPT_BELOW)
            continue;
          if (symbols > 0 && symbols % 4 == 0)
            g_string_append_c (out, '-');
          g_string_append_c (out, ROSTER_KEYS_ALPHABET[bytes[i] % ALPHABET_SIZE]);
          symbols++;
        }

      memset (bytes, 0, sizeof bytes);
    }

  return g_string_free (out, FALSE);
}

/* Hyphens of every kind count as separators: a key pasted from a word
 * processor often has an en dash where the hyphen was. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION;
}

char *
roster_keys_normalise (const char *secret)
{
  g_autofree char *normalized = NULL;
  g_autofree char *upper = NULL;
  GString *out;

  if (secret == NULL || !g_utf8_validate (secret, -1, NULL))
    return NULL;

  normalized = g_utf8_normalize (secret, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return NULL;
  upper = g_utf8_strup (normalized, -1);

  /* Dropping every separator also trims both ends. */
  out = g_string_sized_new (strlen (upper));
  for (const char *p = upper; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_separator (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static char *
strip (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  return g_strndup (start, end - start);
}

char *
roster_keys_check_chosen (const char  *secret,
                          GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalised = NULL;
  glong length;

  if (secret == NULL || !g_utf8_validate (secret, -1, NULL))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be text."), "secret");
      return NULL;
    }

  trimmed = strip (secret);
  length = g_utf8_strlen (trimmed, -1);

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A line break or tab in a key cannot be typed into a form. */
      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("“%s” may not contain line breaks, tabs or other invisible characters."),
                       "secret");
          return NULL;
        }
    }

  normalised = roster_keys_normalise (trimmed);
  if (length > ROSTER_KEYS_MAX_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” may be at most %d characters long."), "secret", ROSTER_KEYS_MAX_LENGTH);
      return NULL;
    }
  /* "a-b-c-d-" is eight characters, but only four of them count. */
  if (length < ROSTER_KEYS_MIN_LENGTH || g_utf8_strlen (normalised, -1) < ROSTER_KEYS_MIN_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must have at least %d characters, not counting spaces and hyphens."),
                   "secret", ROSTER_KEYS_MIN_LENGTH);
      return NULL;
    }

  return g_steal_pointer (&trimmed);
}

char *
roster_keys_lookup_hash (RosterSecretBox *box,
                         const char      *typed)
{
  g_autofree char *normalised = roster_keys_normalise (typed);

  if (normalised == NULL)
    return NULL;

  return roster_secret_box_lookup_hash (box, normalised);
}

gboolean
roster_keys_seal (RosterSecretBox  *box,
                  const char       *secret,
                  GBytes          **sealed,
                  char            **lookup,
                  GError          **error)
{
  g_autofree char *hash = roster_keys_lookup_hash (box, secret);
  GBytes *bytes;

  if (hash == NULL)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be text."), "secret");
      return FALSE;
    }

  bytes = roster_secret_box_encrypt (box, secret, error);
  if (bytes == NULL)
    return FALSE;

  *sealed = bytes;
  *lookup = g_steal_pointer (&hash);
  return TRUE;
}

void
roster_keys_secret_free (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}
