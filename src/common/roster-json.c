/* roster-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>
#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-json.h"

char *
roster_json_format_time (gint64 unix_time)
{
  struct tm tm;
  time_t t = (time_t) unix_time;

  if (unix_time == 0)
    return NULL;

  /* gmtime_r and a fixed format rather than a GDateTime: this runs three
   * times for each of 100 000 participants in a streamed list. */
  if ((gint64) t != unix_time || gmtime_r (&t, &tm) == NULL || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1)
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ",
                          tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                          tm.tm_hour, tm.tm_min, tm.tm_sec);
}

gboolean
roster_json_parse_time (const char *str,
                        gint64     *unix_time)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (str == NULL || *str == '\0')
    return FALSE;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (str, utc);
  if (dt == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

JsonObject *
roster_json_parse_object (const char  *data,
                          gssize       length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON,
                           _("The request body is empty; a JSON object was expected."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON,
                   _("The request body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON,
                           _("The request body must be a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

GBytes *
roster_json_to_bytes (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  return g_bytes_new_take (data, length);
}

/* The member's value if it is there and of @type; NULL with no error if
 * it is absent (or null) and optional; NULL with a validation error
 * naming the member otherwise. */
static JsonNode *
get_value (JsonObject  *object,
           const char  *member,
           gboolean     required,
           GType        type,
           const char  *expected,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                     _("“%s” is required."), member);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      /* TRANSLATORS: the second %s is a JSON type: "a string", "a number"… */
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), member, expected);
      return NULL;
    }

  return node;
}

gboolean
roster_json_get_string (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        const char **value,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_value (object, member, required, G_TYPE_STRING, _("a string"), &local_error);

  *value = node ? json_node_get_string (node) : NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
roster_json_get_int (JsonObject  *object,
                     const char  *member,
                     gboolean     required,
                     gint64      *value,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_value (object, member, required, G_TYPE_INT64, _("a whole number"), &local_error);

  if (node != NULL)
    *value = json_node_get_int (node);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
roster_json_get_bool (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      gboolean    *value,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node = get_value (object, member, required, G_TYPE_BOOLEAN, _("true or false"), &local_error);

  if (node != NULL)
    *value = json_node_get_boolean (node);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
roster_json_get_time (JsonObject  *object,
                      const char  *member,
                      gboolean     required,
                      gint64      *value,
                      GError     **error)
{
  const char *str = NULL;

  if (!roster_json_get_string (object, member, required, &str, error))
    return FALSE;

  if (str == NULL)
    return TRUE;

  if (!roster_json_parse_time (str, value))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), member, _("a date and time such as 2026-09-01T09:00:00Z"));
      return FALSE;
    }

  return TRUE;
}

void
roster_json_builder_add_time (JsonBuilder *builder,
                              const char  *member,
                              gint64       unix_time)
{
  g_autofree char *str = roster_json_format_time (unix_time);

  json_builder_set_member_name (builder, member);
  if (str != NULL)
    json_builder_add_string_value (builder, str);
  else
    json_builder_add_null_value (builder);
}

void
roster_json_builder_add_string_or_null (JsonBuilder *builder,
                                        const char  *member,
                                        const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
roster_json_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

char *
roster_cursor_encode (JsonArray *values)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), values);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize len = 0;
  char *cursor;

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, &len);

  cursor = g_base64_encode ((const guchar *) text, len);
  /* base64url without padding: safe in a query string as it is. */
  g_strdelimit (cursor, "+", '-');
  g_strdelimit (cursor, "/", '_');
  for (char *p = cursor; *p; p++)
    if (*p == '=')
      {
        *p = '\0';
        break;
      }

  return cursor;
}

JsonArray *
roster_cursor_decode (const char  *cursor,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GString) padded = NULL;
  g_autofree guchar *text = NULL;
  gsize len = 0;
  JsonNode *root;

  if (cursor == NULL || *cursor == '\0' || strlen (cursor) > 4096 ||
      strspn (cursor, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != strlen (cursor))
    goto invalid;

  padded = g_string_new (cursor);
  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  text = g_base64_decode (padded->str, &len);
  if (len == 0 || !g_utf8_validate_len ((const char *) text, len, NULL))
    goto invalid;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) text, len, NULL))
    goto invalid;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    goto invalid;

  return json_array_ref (json_node_get_array (root));

invalid:
  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                       _("The cursor is not valid; start again from the first page."));
  return NULL;
}

gboolean
roster_json_check_members (JsonObject         *object,
                           const char * const *allowed,
                           GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("“%s” is not something this request can set."), (const char *) l->data);
          return FALSE;
        }
    }

  return TRUE;
}
