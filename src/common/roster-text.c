/* roster-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-text.h"

/* Strips white space of every script (an input method's ideographic
 * space, a no-break space pasted from a document) from both ends. */
static char *
strip_unicode_space (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
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
roster_text_identity_key (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *trimmed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return NULL;
  trimmed = strip_unicode_space (normalized);

  return g_utf8_casefold (trimmed, -1);
}

char *
roster_text_search_key (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  folded = g_utf8_casefold (text, -1);
  decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Dropping the marks after decomposition is what turns "é" into
       * "e"; letters such as "ø" or "ł" have no decomposition and stay. */
      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
