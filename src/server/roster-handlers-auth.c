/* roster-handlers-auth.c: /auth/login, /auth/logout, /me
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-json.h"
#include "roster-permissions.h"

/* Generous for any real name or passphrase, small enough that nobody can
 * make the server hash megabytes. */
#define MAX_USERNAME_BYTES  320
#define MAX_PASSWORD_BYTES  1024

static void
login_cb (RosterContext *ctx,
          RosterRequest *request)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(RosterLoginResult) result = { NULL, };
  const char *username = NULL;
  const char *password = NULL;
  g_autofree char *expires = NULL;
  gint64 locked_until = 0;
  guint retry_after = 0;

  /* Per client address, before any work: guessing passwords across many
   * accounts (which the per-account lockout cannot see) is slowed down,
   * and refused attempts cost neither a hash nor a database write. */
  if (ctx->login_limiter != NULL &&
      !roster_rate_limiter_check (ctx->login_limiter, roster_request_get_remote_address (request),
                                  g_get_monotonic_time (), &retry_after))
    {
      g_autofree char *retry = g_strdup_printf ("%u", retry_after);

      g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_RATE_LIMITED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many sign-in attempts from this address. Try again in %u second.",
                                "Too many sign-in attempts from this address. Try again in %u seconds.",
                                retry_after),
                   retry_after);
      roster_request_add_response_header (request, "Retry-After", retry);
      roster_request_respond_error (request, error, NULL);
      return;
    }

  body = roster_request_parse_json (request, &error);
  if (body == NULL ||
      !roster_json_get_string (body, "username", TRUE, &username, &error) ||
      !roster_json_get_string (body, "password", TRUE, &password, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (*username == '\0' || strlen (username) > MAX_USERNAME_BYTES ||
      *password == '\0' || strlen (password) > MAX_PASSWORD_BYTES)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Enter a username and a password."));
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (!roster_auth_login (ctx, username, password,
                          roster_request_get_remote_address (request),
                          &result, &locked_until, &error))
    {
      g_autoptr(JsonObject) extra = NULL;

      if (locked_until != 0)
        {
          g_autofree char *until = roster_json_format_time (locked_until);
          g_autofree char *retry = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    MAX (1, locked_until - roster_now ()));

          extra = json_object_new ();
          json_object_set_string_member (extra, "locked_until", until);
          roster_request_add_response_header (request, "Retry-After", retry);
        }
      roster_request_respond_error (request, error, extra);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, result.token);
  json_builder_set_member_name (builder, "token_type");
  json_builder_add_string_value (builder, "Bearer");
  expires = roster_json_format_time (result.expires_at);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires);
  json_builder_set_member_name (builder, "user");
  roster_user_to_json (result.user, builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
logout_cb (RosterContext *ctx,
           RosterRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!roster_auth_logout (ctx, roster_request_get_user (request),
                           roster_request_get_token_hash (request),
                           roster_request_get_remote_address (request), &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  roster_request_respond_empty (request, 204);
}

static void
me_cb (RosterContext *ctx,
       RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  gboolean admin = roster_user_get_is_site_admin (user);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = roster_storage_list_course_roles (ctx->storage, roster_user_get_id (user), &error);
  if (roles == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user");
  roster_user_to_json (user, builder);
  json_builder_set_member_name (builder, "site_admin");
  json_builder_add_boolean_value (builder, admin);

  json_builder_set_member_name (builder, "site_capabilities");
  json_builder_begin_array (builder);
  for (guint cap = 0; cap < ROSTER_N_SITE_CAPS; cap++)
    {
      if (roster_permissions_site_allows (admin, cap))
        json_builder_add_string_value (builder, roster_site_capability_to_string (cap));
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < roles->len; i++)
    {
      RosterCourseRole *role = g_ptr_array_index (roles, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "course_id");
      json_builder_add_int_value (builder, role->course_id);
      json_builder_set_member_name (builder, "short_name");
      json_builder_add_string_value (builder, role->short_name);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, roster_role_to_string (role->role));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static const RosterRoute auth_routes[] = {
  { "POST", "/api/v1/auth/login", login_cb, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  { "POST", "/api/v1/auth/logout", logout_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/me", me_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_auth (RosterRouter *router)
{
  roster_router_add (router, auth_routes, G_N_ELEMENTS (auth_routes));
}
