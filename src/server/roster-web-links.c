/* roster-web-links.c: the single-use links the pages send by mail, and
 * the drafts of those messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <json-glib/json-glib.h>

#include "roster-auth.h"
#include "roster-json.h"
#include "roster-token.h"
#include "roster-web-private.h"

gboolean
roster_web_link_new (RosterWebLink  *link,
                     gint64          lifetime,
                     GError        **error)
{
  memset (link, 0, sizeof *link);

  link->token = roster_token_generate (error);
  if (link->token == NULL)
    return FALSE;
  link->token_hash = roster_token_hash (link->token);
  link->expires_at = roster_now () + lifetime;
  link->stored.token_hash = link->token_hash;
  link->stored.expires_at = link->expires_at;

  return TRUE;
}

void
roster_web_link_clear (RosterWebLink *link)
{
  g_clear_pointer (&link->token, g_free);
  g_clear_pointer (&link->token_hash, g_free);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

char *
roster_web_confirm_params (const char         *first_name,
                           const char * const *courses,
                           const RosterWebLink *link)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, link->token);
  json_builder_set_member_name (builder, "first_name");
  json_builder_add_string_value (builder, first_name);
  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint i = 0; courses != NULL && courses[i] != NULL; i++)
    json_builder_add_string_value (builder, courses[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, link->expires_at);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

char *
roster_web_reset_params (const char          *first_name,
                         const RosterWebLink *link)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, link->token);
  json_builder_set_member_name (builder, "first_name");
  json_builder_add_string_value (builder, first_name);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, link->expires_at);
  json_builder_end_object (builder);

  return builder_to_string (builder);
}

char *
roster_web_user_display_name (RosterUser *user)
{
  const char *first = roster_user_get_first_name (user);
  const char *last = roster_user_get_last_name (user);

  return g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));
}
