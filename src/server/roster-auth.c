/* roster-auth.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-auth"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-password.h"
#include "roster-token.h"

gint64
roster_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
roster_login_result_clear (RosterLoginResult *result)
{
  g_clear_object (&result->user);
  if (result->token != NULL)
    memset (result->token, 0, strlen (result->token));
  g_clear_pointer (&result->token, g_free);
}

static char *
details_json (const char *key,
              const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
set_invalid_credentials (GError **error)
{
  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_CREDENTIALS,
                       _("The username or password is incorrect."));
}

static void
set_locked (GError **error,
            gint64   locked_until,
            gint64   now)
{
  /* Rounded up: "try again in 0 minutes" would be a lie. */
  gint64 minutes = MAX (1, (locked_until - now + 59) / 60);
  gint64 hours = (minutes + 59) / 60;
  gint64 days = (hours + 23) / 24;
  g_autofree char *when = NULL;

  if (minutes <= 90)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) minutes),
                            (int) minutes);
  else if (hours <= 48)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) hours),
                            (int) hours);
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days),
                            (int) MIN (days, G_MAXINT));

  /* TRANSLATORS: %s is a duration such as "15 minutes". */
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_LOCKED,
               _("Too many failed sign-in attempts. The account is locked; try again in %s."), when);
}

gboolean
roster_auth_login (RosterContext      *ctx,
                   const char         *username,
                   const char         *password,
                   const char         *remote_address,
                   RosterLoginResult  *result,
                   gint64             *locked_until,
                   GError            **error)
{
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *attempted = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  gint64 now = roster_now ();
  gint64 expires_at;

  *locked_until = 0;

  credentials = roster_storage_get_credentials (ctx->storage, username, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The attempted name is kept (cut short) so admins can see what was
   * tried against which account; the password never is. */
  attempted = details_json ("username", username);
  if (strlen (attempted) > 300)
    {
      g_free (attempted);
      attempted = details_json ("username", "(too long)");
    }

  if (credentials == NULL)
    {
      RosterAuditEvent audit = {
        .action = "auth.login_failed",
        .remote_address = remote_address,
        .details = attempted,
      };

      /* The same work as a real check, then the same answer: nothing
       * tells an unknown username from a wrong password. Nothing is
       * created for a name that does not exist. */
      roster_password_verify_dummy (password);
      if (!roster_storage_append_audit (ctx->storage, &audit, error))
        return FALSE;
      set_invalid_credentials (error);
      return FALSE;
    }

  if (credentials->locked_until > now)
    {
      RosterAuditEvent audit = {
        .actor_id = credentials->user_id,
        .action = "auth.login_refused_locked",
        .target_user_id = credentials->user_id,
        .remote_address = remote_address,
        .details = attempted,
      };

      if (!roster_storage_append_audit (ctx->storage, &audit, error))
        return FALSE;
      *locked_until = credentials->locked_until;
      set_locked (error, credentials->locked_until, now);
      return FALSE;
    }

  if (credentials->state == ROSTER_USER_STATE_ERASED ||
      !roster_password_verify (credentials->password_hash, password))
    {
      RosterAuditEvent failure = {
        .actor_id = credentials->user_id,
        .action = "auth.login_failed",
        .target_user_id = credentials->user_id,
        .remote_address = remote_address,
        .details = attempted,
      };
      RosterAuditEvent lock = {
        .action = "auth.account_locked",
        .target_user_id = credentials->user_id,
        .remote_address = remote_address,
      };
      RosterLoginFailure outcome = { 0, };

      if (!roster_storage_record_login_failure (ctx->storage, credentials->user_id, now,
                                                ctx->config->lockout_threshold,
                                                ctx->config->lockout_duration,
                                                &failure, &lock, &outcome, error))
        return FALSE;

      if (outcome.locked_until != 0)
        {
          *locked_until = outcome.locked_until;
          set_locked (error, outcome.locked_until, now);
        }
      else
        set_invalid_credentials (error);
      return FALSE;
    }

  /* The password is right: from here on the answers may say more. */
  if (credentials->state == ROSTER_USER_STATE_PENDING)
    {
      RosterAuditEvent audit = {
        .actor_id = credentials->user_id,
        .action = "auth.login_refused_pending",
        .target_user_id = credentials->user_id,
        .remote_address = remote_address,
      };

      if (!roster_storage_append_audit (ctx->storage, &audit, error))
        return FALSE;
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE,
                           _("This account has not been confirmed yet. Follow the link in the "
                             "confirmation e-mail, or ask an administrator to activate it."));
      return FALSE;
    }

  if (credentials->state == ROSTER_USER_STATE_SUSPENDED)
    {
      RosterAuditEvent audit = {
        .actor_id = credentials->user_id,
        .action = "auth.login_refused_suspended",
        .target_user_id = credentials->user_id,
        .remote_address = remote_address,
      };

      if (!roster_storage_append_audit (ctx->storage, &audit, error))
        return FALSE;
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE,
                           _("This account is suspended. Ask an administrator to reactivate it."));
      return FALSE;
    }

  token = roster_token_generate (error);
  if (token == NULL)
    return FALSE;
  token_hash = roster_token_hash (token);
  expires_at = now + ctx->config->token_lifetime;

  {
    RosterAuditEvent audit = {
      .actor_id = credentials->user_id,
      .action = "auth.login",
      .target_user_id = credentials->user_id,
      .remote_address = remote_address,
    };

    if (!roster_storage_record_login_success (ctx->storage, credentials->user_id, token_hash,
                                              now, expires_at, &audit, error))
      return FALSE;
  }

  result->user = roster_storage_get_user (ctx->storage, credentials->user_id, error);
  if (result->user == NULL)
    return FALSE;
  result->token = g_steal_pointer (&token);
  result->expires_at = expires_at;

  return TRUE;
}

RosterUser *
roster_auth_authenticate (RosterContext  *ctx,
                          const char     *authorization,
                          char          **token_hash,
                          GError        **error)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  const char *token;
  gboolean expired = FALSE;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNAUTHORIZED,
                           _("Sign in first: this request needs an access token."));
      return NULL;
    }

  token = authorization + 7;
  while (*token == ' ')
    token++;

  hash = roster_token_hash (token);
  user = roster_storage_lookup_token (ctx->storage, hash, roster_now (), &expired, &local_error);
  if (user == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (expired)
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_TOKEN_EXPIRED,
                             _("Your session has expired. Sign in again."));
      else
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNAUTHORIZED,
                             _("The access token is not valid. Sign in again."));
      return NULL;
    }

  /* A token outlives nothing that should end it: suspension or erasure
   * cuts an open session at the next request. */
  if (roster_user_get_state (user) != ROSTER_USER_STATE_ACTIVE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNAUTHORIZED,
                           _("This account can no longer sign in."));
      return NULL;
    }

  if (token_hash != NULL)
    *token_hash = g_steal_pointer (&hash);

  return g_steal_pointer (&user);
}

gboolean
roster_auth_logout (RosterContext  *ctx,
                    RosterUser     *user,
                    const char     *token_hash,
                    const char     *remote_address,
                    GError        **error)
{
  RosterAuditEvent audit = {
    .actor_id = roster_user_get_id (user),
    .action = "auth.logout",
    .target_user_id = roster_user_get_id (user),
    .remote_address = remote_address,
  };

  return roster_storage_delete_token (ctx->storage, token_hash, &audit, error);
}
