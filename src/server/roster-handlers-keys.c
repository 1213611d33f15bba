/* roster-handlers-keys.c: /methods/{mid}/keys, /keys/{kid},
 * /keys/{kid}/reveal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A secret leaves the server in three answers only: to whoever creates
 * the key, to whoever regenerates it, and to whoever reveals it (which
 * needs keys.reveal and is audited). No listing has it, nor any audit
 * record or log line.
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-handlers-methods-private.h"
#include "roster-json.h"
#include "roster-keys.h"

/* The key the {kid} path parameter names, if the caller may use @cap in
 * its course; one in a course the caller cannot see answers exactly like
 * one that does not exist. */
static RosterKey *
key_for_request (RosterContext           *ctx,
                 RosterRequest           *request,
                 RosterCourseCapability   cap,
                 GError                 **error)
{
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 key_id;

  if (!roster_request_get_id_param (request, "kid", &key_id, error))
    return NULL;

  key = roster_storage_get_key (ctx->storage, key_id, error);
  if (key == NULL)
    return NULL;

  if (!roster_access_course (ctx, roster_request_get_user (request), roster_key_get_course_id (key),
                             cap, NULL, &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such key."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&key);
}

static gboolean
check_self_method (RosterMethod  *method,
                   GError       **error)
{
  if (roster_method_get_method_type (method) == ROSTER_METHOD_SELF)
    return TRUE;

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("Only self-enrolment methods have keys."));
  return FALSE;
}

/* The key, and its secret when this answer is the one that hands it out. */
static void
respond_key (RosterRequest *request,
             guint          status,
             RosterKey     *key,
             const char    *secret)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  roster_key_to_json (key, builder);
  root = json_builder_get_root (builder);
  if (secret != NULL)
    json_object_set_string_member (json_node_get_object (root), "secret", secret);

  roster_request_respond_json (request, status, root);
}

/* Says which key by its nickname and method, never by its secret. */
static char *
key_details (const char *nickname,
             gint64      method_id,
             JsonArray  *changed)
{
  g_autoptr(JsonObject) details = json_object_new ();

  json_object_set_string_member (details, "nickname", nickname);
  json_object_set_int_member (details, "method_id", method_id);
  if (changed != NULL)
    json_object_set_array_member (details, "changed", json_array_ref (changed));

  return roster_json_object_to_string (details);
}

static char *
get_nickname (JsonObject  *body,
              gboolean     required,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *nickname = roster_handlers_get_text (body, "nickname", TRUE, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (nickname == NULL)
    {
      if (required || json_object_has_member (body, "nickname"))
        g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” is required."), "nickname");
      return NULL;
    }
  if (!g_utf8_validate (nickname, -1, NULL) || g_utf8_strlen (nickname, -1) > ROSTER_KEY_MAX_NICKNAME)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” may be at most %d characters long."), "nickname", ROSTER_KEY_MAX_NICKNAME);
      return NULL;
    }

  return g_steal_pointer (&nickname);
}

static void
list_keys_cb (RosterContext *ctx,
              RosterRequest *request)
{
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  if ((method = roster_handlers_method_for_request (ctx, request, ROSTER_CAP_METHODS_VIEW, &error)) == NULL ||
      !check_self_method (method, &error) ||
      (keys = roster_storage_list_keys (ctx->storage, roster_method_get_id (method), &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < keys->len; i++)
    roster_key_to_json (g_ptr_array_index (keys, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static const char * const create_members[] = {
  "nickname", "secret", "active", "group_id", "expires_at", "max_uses", NULL
};

static void
create_key_cb (RosterContext *ctx,
               RosterRequest *request)
{
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(RosterSecretString) secret = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *details = NULL;
  const char *chosen = NULL;
  RosterNewKey new_key = { .active = TRUE, };
  RosterAuditEvent audit;
  gint64 id;

  if ((method = roster_handlers_method_for_request (ctx, request, ROSTER_CAP_METHODS_MANAGE, &error)) == NULL ||
      !check_self_method (method, &error) ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_check_members (body, create_members, &error) ||
      (nickname = get_nickname (body, TRUE, &error)) == NULL ||
      !roster_json_get_string (body, "secret", FALSE, &chosen, &error) ||
      (json_object_has_member (body, "active") &&
       !roster_handlers_get_flag (body, "active", &new_key.active, &error)) ||
      (json_object_has_member (body, "group_id") &&
       !roster_handlers_get_count (body, "group_id", TRUE, &new_key.group_id, &error)) ||
      (json_object_has_member (body, "expires_at") &&
       !roster_handlers_get_time_or_null (body, "expires_at", &new_key.expires_at, &error)) ||
      (json_object_has_member (body, "max_uses") &&
       !roster_handlers_get_count (body, "max_uses", TRUE, &new_key.max_uses, &error)))
    goto fail;

  /* Without a secret of the caller's choosing, a strong one is made. */
  secret = chosen != NULL ? roster_keys_check_chosen (chosen, &error) : roster_keys_generate (&error);
  if (secret == NULL || !roster_keys_seal (ctx->secret_box, secret, &sealed, &lookup, &error))
    goto fail;

  new_key.method_id = roster_method_get_id (method);
  new_key.nickname = nickname;
  new_key.secret_sealed = sealed;
  new_key.secret_lookup = lookup;
  new_key.created_by = roster_user_get_id (roster_request_get_user (request));

  details = key_details (nickname, new_key.method_id, NULL);
  roster_handlers_audit_init (&audit, request, "key.created", roster_method_get_course_id (method),
                              "key", 0, details);

  id = roster_storage_create_key (ctx->storage, &new_key, &audit, &error);
  if (id == 0 || (key = roster_storage_get_key (ctx->storage, id, &error)) == NULL)
    goto fail;

  /* The one time the creator sees the secret without revealing it. */
  respond_key (request, 201, key, secret);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static const char * const update_members[] = {
  "nickname", "active", "group_id", "expires_at", "max_uses", "regenerate", NULL
};

static void
update_key_cb (RosterContext *ctx,
               RosterRequest *request)
{
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(RosterKey) updated = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) changed = json_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(RosterSecretString) secret = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *update_details = NULL;
  g_autofree char *regenerate_details = NULL;
  RosterKeyPatch patch = { 0, };
  RosterAuditEvent audit_update, audit_regenerate;
  gboolean regenerate = FALSE;
  gint64 course_id;

  if ((key = key_for_request (ctx, request, ROSTER_CAP_METHODS_MANAGE, &error)) == NULL ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_check_members (body, update_members, &error))
    goto fail;

  if (json_object_has_member (body, "nickname"))
    {
      if ((nickname = get_nickname (body, TRUE, &error)) == NULL)
        goto fail;
      patch.nickname = nickname;
      patch.fields |= ROSTER_KEY_FIELD_NICKNAME;
      json_array_add_string_element (changed, "nickname");
    }
  if (json_object_has_member (body, "active"))
    {
      if (!roster_handlers_get_flag (body, "active", &patch.active, &error))
        goto fail;
      patch.fields |= ROSTER_KEY_FIELD_ACTIVE;
      json_array_add_string_element (changed, "active");
    }
  if (json_object_has_member (body, "group_id"))
    {
      if (!roster_handlers_get_count (body, "group_id", TRUE, &patch.group_id, &error))
        goto fail;
      patch.fields |= ROSTER_KEY_FIELD_GROUP;
      json_array_add_string_element (changed, "group_id");
    }
  if (json_object_has_member (body, "expires_at"))
    {
      if (!roster_handlers_get_time_or_null (body, "expires_at", &patch.expires_at, &error))
        goto fail;
      patch.fields |= ROSTER_KEY_FIELD_EXPIRES_AT;
      json_array_add_string_element (changed, "expires_at");
    }
  if (json_object_has_member (body, "max_uses"))
    {
      if (!roster_handlers_get_count (body, "max_uses", TRUE, &patch.max_uses, &error))
        goto fail;
      patch.fields |= ROSTER_KEY_FIELD_MAX_USES;
      json_array_add_string_element (changed, "max_uses");
    }
  if (json_object_has_member (body, "regenerate") &&
      !roster_handlers_get_flag (body, "regenerate", &regenerate, &error))
    goto fail;

  if (regenerate)
    {
      if ((secret = roster_keys_generate (&error)) == NULL ||
          !roster_keys_seal (ctx->secret_box, secret, &sealed, &lookup, &error))
        goto fail;
      patch.secret_sealed = sealed;
      patch.secret_lookup = lookup;
      patch.fields |= ROSTER_KEY_FIELD_SECRET;
    }

  /* Nothing to change is no change: no write, no audit record. */
  if (patch.fields == 0)
    {
      respond_key (request, 200, key, NULL);
      return;
    }

  course_id = roster_key_get_course_id (key);
  update_details = key_details (nickname ? nickname : roster_key_get_nickname (key),
                                roster_key_get_method_id (key), changed);
  regenerate_details = key_details (nickname ? nickname : roster_key_get_nickname (key),
                                    roster_key_get_method_id (key), NULL);
  roster_handlers_audit_init (&audit_update, request, "key.updated", course_id, "key",
                              roster_key_get_id (key), update_details);
  roster_handlers_audit_init (&audit_regenerate, request, "key.regenerated", course_id, "key",
                              roster_key_get_id (key), regenerate_details);

  if (!roster_storage_update_key (ctx->storage, roster_key_get_id (key), &patch,
                                  &audit_update, &audit_regenerate, &error) ||
      (updated = roster_storage_get_key (ctx->storage, roster_key_get_id (key), &error)) == NULL)
    goto fail;

  respond_key (request, 200, updated, secret);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static void
delete_key_cb (RosterContext *ctx,
               RosterRequest *request)
{
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  RosterAuditEvent audit;

  if ((key = key_for_request (ctx, request, ROSTER_CAP_METHODS_MANAGE, &error)) == NULL)
    goto fail;

  details = key_details (roster_key_get_nickname (key), roster_key_get_method_id (key), NULL);
  roster_handlers_audit_init (&audit, request, "key.deleted", roster_key_get_course_id (key), "key",
                              roster_key_get_id (key), details);

  if (!roster_storage_delete_key (ctx->storage, roster_key_get_id (key), &audit, &error))
    goto fail;

  roster_request_respond_empty (request, 204);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static void
reveal_key_cb (RosterContext *ctx,
               RosterRequest *request)
{
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(RosterSecretString) secret = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *details = NULL;
  RosterAuditEvent audit;

  /* keys.reveal: module leaders, professional staff and administrators;
   * a teacher who may list the keys gets 403 here. */
  if ((key = key_for_request (ctx, request, ROSTER_CAP_KEYS_REVEAL, &error)) == NULL)
    goto fail;

  details = key_details (roster_key_get_nickname (key), roster_key_get_method_id (key), NULL);
  roster_handlers_audit_init (&audit, request, "key.revealed", roster_key_get_course_id (key), "key",
                              roster_key_get_id (key), details);

  if ((sealed = roster_storage_reveal_key (ctx->storage, roster_key_get_id (key), &audit, &error)) == NULL ||
      (secret = roster_secret_box_decrypt (ctx->secret_box, sealed, &error)) == NULL)
    goto fail;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "secret");
  json_builder_add_string_value (builder, secret);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static const RosterRoute key_routes[] = {
  { "GET", "/api/v1/methods/{mid}/keys", list_keys_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/methods/{mid}/keys", create_key_cb, ROSTER_ROUTE_AUTHENTICATED, 16 * 1024 },
  { "PATCH", "/api/v1/keys/{kid}", update_key_cb, ROSTER_ROUTE_AUTHENTICATED, 16 * 1024 },
  { "DELETE", "/api/v1/keys/{kid}", delete_key_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/keys/{kid}/reveal", reveal_key_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_keys (RosterRouter *router)
{
  roster_router_add (router, key_routes, G_N_ELEMENTS (key_routes));
}
