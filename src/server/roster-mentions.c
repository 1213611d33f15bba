/* roster-mentions.c: whether audit details mention a person, for erasure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the SQLite and PostgreSQL drivers, so that both redact the
 * very same events.
 */

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "roster-mentions.h"
#include "roster-text.h"

static void
add_needle (GPtrArray  *needles,
            const char *text)
{
  g_autofree char *key = roster_text_identity_key (text);

  if (key != NULL && *key != '\0')
    g_ptr_array_add (needles, g_steal_pointer (&key));
}

static void
add_quick (RosterMentions *mentions,
           const char     *key)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *quoted = NULL;
  g_autofree char *escaped = NULL;
  gsize len;

  g_ptr_array_add (mentions->quick, g_strdup (key));

  /* Details are JSON text: a quote or a backslash in the needle stands
   * there escaped. */
  json_node_set_string (node, key);
  json_generator_set_root (generator, node);
  quoted = json_generator_to_data (generator, &len);
  if (len >= 2)
    {
      quoted[len - 1] = '\0';
      escaped = g_utf8_casefold (quoted + 1, -1);
      if (!g_str_equal (escaped, key))
        g_ptr_array_add (mentions->quick, g_steal_pointer (&escaped));
    }
}

void
roster_mentions_init (RosterMentions *mentions,
                      const char     *username,
                      const char     *email,
                      const char     *first_name,
                      const char     *last_name)
{
  mentions->inside = g_ptr_array_new_with_free_func (g_free);
  mentions->whole = g_ptr_array_new_with_free_func (g_free);
  mentions->quick = g_ptr_array_new_with_free_func (g_free);

  add_needle (mentions->inside, username);
  add_needle (mentions->inside, email);
  if (first_name != NULL && *first_name != '\0' && last_name != NULL && *last_name != '\0')
    {
      g_autofree char *first_last = g_strdup_printf ("%s %s", first_name, last_name);
      g_autofree char *last_first = g_strdup_printf ("%s %s", last_name, first_name);

      add_needle (mentions->inside, first_last);
      add_needle (mentions->inside, last_first);
    }
  add_needle (mentions->whole, first_name);
  add_needle (mentions->whole, last_name);

  for (guint i = 0; i < mentions->inside->len; i++)
    add_quick (mentions, g_ptr_array_index (mentions->inside, i));
  for (guint i = 0; i < mentions->whole->len; i++)
    add_quick (mentions, g_ptr_array_index (mentions->whole, i));
}

void
roster_mentions_clear (RosterMentions *mentions)
{
  g_clear_pointer (&mentions->inside, g_ptr_array_unref);
  g_clear_pointer (&mentions->whole, g_ptr_array_unref);
  g_clear_pointer (&mentions->quick, g_ptr_array_unref);
}

/* @needle in @text with no letter or digit right before or after it:
 * "d.novak" is in "d.novak" and "by d.novak", not in "d.novak2". */
static gboolean
contains_word (const char *text,
               const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    {
      const char *end = p + len;

      if ((p == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)))) &&
          (*end == '\0' || !g_unichar_isalnum (g_utf8_get_char (end))))
        return TRUE;
    }

  return FALSE;
}

static gboolean
value_mentions (const RosterMentions *mentions,
                const char     *value)
{
  g_autofree char *key = roster_text_identity_key (value);

  if (key == NULL || *key == '\0')
    return FALSE;

  for (guint i = 0; i < mentions->whole->len; i++)
    if (g_str_equal (key, g_ptr_array_index (mentions->whole, i)))
      return TRUE;
  for (guint i = 0; i < mentions->inside->len; i++)
    if (contains_word (key, g_ptr_array_index (mentions->inside, i)))
      return TRUE;

  return FALSE;
}

static gboolean
node_mentions (const RosterMentions *mentions,
               JsonNode       *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, NULL, &member))
          if (node_mentions (mentions, member))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          if (node_mentions (mentions, json_array_get_element (array, i)))
            return TRUE;
        return FALSE;
      }
    case JSON_NODE_VALUE:
      return json_node_get_value_type (node) == G_TYPE_STRING &&
             value_mentions (mentions, json_node_get_string (node));
    case JSON_NODE_NULL:
    default:
      return FALSE;
    }
}

gboolean
roster_mentions_in_details (const RosterMentions *mentions,
                            const char           *details)
{
  g_autofree char *key = roster_text_identity_key (details);
  g_autoptr(JsonParser) parser = NULL;
  gboolean maybe = FALSE;

  if (key == NULL)
    return FALSE;

  /* Most rows are ruled out by a plain search; only the others are
   * parsed, to tell "d.novak" from "d.novak2". */
  for (guint i = 0; i < mentions->quick->len && !maybe; i++)
    maybe = strstr (key, g_ptr_array_index (mentions->quick, i)) != NULL;
  if (!maybe)
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, details, -1, NULL) || json_parser_get_root (parser) == NULL)
    return TRUE;   /* not JSON: the plain search decides */

  return node_mentions (mentions, json_parser_get_root (parser));
}
