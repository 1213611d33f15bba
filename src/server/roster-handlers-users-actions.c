/* roster-handlers-users-actions.c: what administrators do to an account
 * (activate, suspend, unlock, set a password, erase) and removal
 * requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-handlers-users-private.h"
#include "roster-json.h"
#include "roster-password.h"
#include "roster-users.h"

#define MAX_PASSWORD_BYTES    1024
#define MAX_REASON_CHARS      2000
#define LIST_DEFAULT_LIMIT    100
#define LIST_MAX_LIMIT        1000

static RosterAuditEvent
audit_for (RosterRequest *request,
           const char    *action,
           gint64         user_id)
{
  RosterAuditEvent audit = {
    .actor_id = roster_user_get_id (roster_request_get_user (request)),
    .action = action,
    .target_user_id = user_id,
    .object_type = "user",
    .object_id = user_id,
    .remote_address = roster_request_get_remote_address (request),
  };

  return audit;
}

/* Administrators may not lock themselves out: someone else must
 * suspend or erase them. */
static gboolean
check_not_self (RosterRequest  *request,
                gint64          user_id,
                const char     *message,
                GError        **error)
{
  if (roster_user_get_id (roster_request_get_user (request)) != user_id)
    return TRUE;

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT, message);
  return FALSE;
}

static void
respond_user_or_error (RosterRequest *request,
                       RosterUser    *user,
                       const GError  *error)
{
  if (user == NULL)
    roster_request_respond_error (request, error, NULL);
  else
    roster_users_respond_user (request, 200, user);
}

void
roster_users_activate_cb (RosterContext *ctx,
                          RosterRequest *request)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditEvent activated, reactivated;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  activated = audit_for (request, "user.activated", user_id);
  reactivated = audit_for (request, "user.reactivated", user_id);
  user = roster_storage_activate_user (ctx->storage, user_id, &activated, &reactivated, &error);
  respond_user_or_error (request, user, error);
}

void
roster_users_suspend_cb (RosterContext *ctx,
                         RosterRequest *request)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  audit = audit_for (request, "user.suspended", user_id);
  if (check_not_self (request, user_id, _("You cannot suspend your own account."), &error))
    user = roster_storage_suspend_user (ctx->storage, user_id, &audit, &error);
  respond_user_or_error (request, user, error);
}

void
roster_users_unlock_cb (RosterContext *ctx,
                        RosterRequest *request)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  audit = audit_for (request, "user.unlocked", user_id);
  user = roster_storage_unlock_user (ctx->storage, user_id, &audit, &error);
  respond_user_or_error (request, user, error);
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    {
      memset (secret, 0, strlen (secret));
      g_free (secret);
    }
}

void
roster_users_password_cb (RosterContext *ctx,
                          RosterRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  char *generated = NULL;
  const char *password = NULL;
  gboolean generate = FALSE;
  RosterAuditEvent audit;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  body = roster_request_parse_json (request, &error);
  if (body == NULL ||
      !roster_json_get_string (body, "password", FALSE, &password, &error) ||
      !roster_json_get_bool (body, "generate", FALSE, &generate, &error))
    goto out;

  if ((password != NULL) == generate)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Give either a “password” or “generate”: true."));
      goto out;
    }

  if (generate)
    {
      generated = roster_users_generate_password (&error);
      if (generated == NULL)
        goto out;
      password = generated;
    }
  else if (strlen (password) > MAX_PASSWORD_BYTES)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("The password is too long."));
      goto out;
    }

  if (!roster_password_check_policy (password, &error))
    goto out;

  password_hash = roster_password_hash (password, &error);
  if (password_hash == NULL)
    goto out;

  audit = audit_for (request, "user.password_set", user_id);
  audit.details = generate ? "{\"generated\":true}" : "{\"generated\":false}";
  if (!roster_storage_set_user_password (ctx->storage, user_id, password_hash, &audit, &error))
    goto out;

  if (generate)
    {
      /* Shown once, to the administrator who will pass it on; it is
       * kept nowhere but as its hash. */
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, generated);
      json_builder_end_object (builder);
      roster_request_respond_builder (request, 200, builder);
    }
  else
    roster_request_respond_empty (request, 204);

out:
  if (error != NULL)
    roster_request_respond_error (request, error, NULL);
  wipe (generated);
}

void
roster_users_erase_cb (RosterContext *ctx,
                       RosterRequest *request)
{
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  audit = audit_for (request, "user.erased", user_id);
  if (!check_not_self (request, user_id, _("You cannot erase your own account."), &error) ||
      !roster_storage_erase_user (ctx->storage, user_id, roster_users_email_hash, ctx->secret_box,
                                  &audit, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  roster_request_respond_empty (request, 204);
}

/* ---- removal requests ---- */

void
roster_users_list_removals_cb (RosterContext *ctx,
                               RosterRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonArray) cursor = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  const char *status = roster_request_get_query (request, "status");
  const char *cursor_text = roster_request_get_query (request, "cursor");
  RosterRemovalQuery query = { .filter_status = TRUE, .status = ROSTER_REMOVAL_STATUS_PENDING };
  gint64 limit = 0;

  if (!roster_users_handler_begin (request, NULL))
    return;

  if (g_strcmp0 (status, "all") == 0)
    query.filter_status = FALSE;
  else if (status != NULL && *status != '\0' && !roster_removal_status_from_string (status, &query.status))
    {
      g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                   _("The query parameter “%s” has a value that is not allowed."), "status");
      goto fail;
    }

  if (!roster_request_get_query_int (request, "limit", 1, LIST_MAX_LIMIT, LIST_DEFAULT_LIMIT, &limit, &error))
    goto fail;

  if (cursor_text != NULL && *cursor_text != '\0')
    {
      JsonNode *id;

      cursor = roster_cursor_decode (cursor_text, &error);
      if (cursor == NULL)
        goto fail;
      if (json_array_get_length (cursor) != 1 ||
          !JSON_NODE_HOLDS_VALUE (id = json_array_get_element (cursor, 0)) ||
          json_node_get_value_type (id) != G_TYPE_INT64 || json_node_get_int (id) <= 0)
        {
          g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                               _("The cursor is not valid; start again from the first page."));
          goto fail;
        }
      query.after_id = json_node_get_int (id);
    }

  query.limit = limit + 1;
  requests = roster_storage_list_removal_requests (ctx->storage, &query, &error);
  if (requests == NULL)
    goto fail;

  if (requests->len > (guint) limit)
    {
      g_autoptr(JsonArray) values = json_array_new ();

      g_ptr_array_set_size (requests, limit);
      json_array_add_int_element (values, roster_removal_request_get_id (g_ptr_array_index (requests,
                                                                                         requests->len - 1)));
      next = roster_cursor_encode (values);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "removal_requests");
  json_builder_begin_array (builder);
  for (guint i = 0; i < requests->len; i++)
    roster_removal_request_to_json (g_ptr_array_index (requests, i), builder);
  json_builder_end_array (builder);
  roster_json_builder_add_string_or_null (builder, "next_cursor", next);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

void
roster_users_decline_removal_cb (RosterContext *ctx,
                                 RosterRequest *request)
{
  g_autoptr(RosterRemovalRequest) removal = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  RosterAuditEvent audit;
  gint64 request_id;

  if (!roster_users_handler_begin (request, NULL))
    return;

  if (!roster_request_get_id_param (request, "rid", &request_id, &error))
    goto fail;

  /* The reason is optional; so is a body that would only carry it. */
  if (g_bytes_get_size (roster_request_get_body (request)) > 0)
    {
      body = roster_request_parse_json (request, &error);
      if (body == NULL || !roster_json_get_string (body, "reason", FALSE, &reason, &error))
        goto fail;
      if (reason != NULL && g_utf8_strlen (reason, -1) > MAX_REASON_CHARS)
        {
          g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "“%s” may have at most %d character.",
                                    "“%s” may have at most %d characters.",
                                    MAX_REASON_CHARS),
                       "reason", MAX_REASON_CHARS);
          goto fail;
        }
    }

  audit = audit_for (request, "removal_request.declined", 0);
  audit.object_type = NULL;
  audit.object_id = 0;
  removal = roster_storage_decline_removal_request (ctx->storage, request_id,
                                                    roster_user_get_id (roster_request_get_user (request)),
                                                    reason, &audit, &error);
  if (removal == NULL)
    goto fail;

  builder = json_builder_new ();
  roster_removal_request_to_json (removal, builder);
  roster_request_respond_builder (request, 200, builder);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}
