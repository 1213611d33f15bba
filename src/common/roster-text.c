/* roster-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-text.h"

char *
roster_text_identity_key (const char *text)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *normalized = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  normalized = g_utf8_normalize (trimmed, -1, G_NORMALIZE_NFKC);
  if (normalized == NULL)
    return NULL;

  return g_utf8_casefold (normalized, -1);
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
