/* roster-web-account.c: /login, /logout and /account: an external user
 * signs in, sees their enrolments, changes their password and asks for
 * their account to be removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing in is the API's (roster_auth_login ()), with its lockout; the
 * session is an ordinary token, kept in an HttpOnly cookie, so ending
 * every token (password change, reset, suspension, erasure) ends the
 * web session too.
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-password.h"
#include "roster-web-private.h"

/* ---- signing in ---- */

static void
show_login (RosterWebCall *call,
            guint          status,
            const char    *identifier,
            const char    *kind,
            const char    *message)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Sign in"));

  if (message != NULL)
    roster_web_page_message (page, kind, message);
  roster_web_page_form_begin (page, call, "/login");
  roster_web_page_field (page, &(RosterWebField) { "username", _("E-mail address or username"), "text",
                                                   "username", identifier, NULL, NULL, FALSE });
  roster_web_page_field (page, &(RosterWebField) { "password", _("Password"), "password",
                                                   "current-password", NULL, NULL, NULL, FALSE });
  roster_web_page_form_end (page, _("Sign in"));
  roster_web_page_add (page, "<p><a href=\"/forgot\">%s</a> · <a href=\"/signup\">%s</a></p>\n",
                       _("I forgot my password"), _("Create an account"));

  roster_web_respond_page (call, status, page);
}

static void
login_get (RosterContext *ctx,
           RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (call.user != NULL)
    {
      roster_web_redirect (&call, "/account");
      return;
    }

  show_login (&call, SOUP_STATUS_OK, NULL, NULL, NULL);
}

static void
login_post (RosterContext *ctx,
            RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterLoginResult) login = { 0, };
  g_autoptr(RosterUser) by_email = NULL;
  g_autoptr(GError) error = NULL;
  const char *identifier, *password, *username;
  const char *remote = roster_request_get_remote_address (request);
  gint64 locked_until = 0;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->login_limiter, remote))
    return;

  identifier = roster_web_form_get (&call, "username");
  password = g_hash_table_lookup (call.form, "password");
  if (*identifier == '\0' || password == NULL || *password == '\0')
    {
      show_login (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, identifier, "error",
                  _("Enter your e-mail address or username, and your password."));
      return;
    }

  /* External users know their address rather than a username. */
  username = identifier;
  if (strchr (identifier, '@') != NULL)
    {
      by_email = roster_signup_storage_find_user_by_email (ROSTER_SIGNUP_STORAGE (ctx->storage),
                                                           identifier, &error);
      if (error != NULL)
        {
          roster_web_respond_failure (&call, error);
          return;
        }
      if (by_email != NULL)
        username = roster_user_get_username (by_email);
    }

  if (!roster_auth_login (ctx, username, password, remote, &login, &locked_until, &error))
    {
      g_autoptr(RosterCredentials) credentials = NULL;

      if (!g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_CREDENTIALS) &&
          !g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_LOCKED) &&
          !g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE))
        {
          roster_web_respond_failure (&call, error);
          return;
        }

      /* The right password for an account never confirmed: the link
       * goes again, and the page says so (the password was checked, so
       * this tells nothing to someone who does not have it). */
      if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE))
        credentials = roster_storage_get_credentials (ctx->storage, username, NULL);
      if (credentials != NULL && credentials->state == ROSTER_USER_STATE_PENDING)
        {
          g_autoptr(RosterUser) user = roster_storage_get_user (ctx->storage, credentials->user_id, NULL);
          g_autoptr(GError) resend_error = NULL;

          if (user != NULL && roster_web_resend_confirmation (&call, user, 0, NULL, &resend_error))
            {
              show_login (&call, SOUP_STATUS_FORBIDDEN, identifier, "notice",
                          _("This account has not been confirmed yet. We have sent the confirmation "
                            "e-mail again: follow its link, then sign in."));
              return;
            }
          if (resend_error != NULL)
            {
              roster_web_respond_failure (&call, resend_error);
              return;
            }
        }

      show_login (&call, locked_until != 0 ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_UNAUTHORIZED,
                  identifier, "error", error->message);
      return;
    }

  roster_web_set_session (&call, login.token, login.expires_at);
  roster_web_redirect (&call, "/account");
}

static void
logout_post (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(GError) error = NULL;

  if (!roster_web_call_init (&call, ctx, request))
    return;

  if (call.user != NULL &&
      !roster_auth_logout (ctx, call.user, call.session_hash, roster_request_get_remote_address (request),
                           &error))
    {
      roster_web_respond_failure (&call, error);
      return;
    }

  roster_web_clear_session (&call);
  roster_web_respond_message (&call, SOUP_STATUS_OK, _("Signed out"), "success",
                              _("You have signed out."));
}

/* ---- the account page ---- */

static void
show_account (RosterWebCall *call,
              guint          status,
              const char    *kind,
              const char    *message,
              GHashTable    *password_errors)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("My account"));
  g_autoptr(RosterUserDetails) details = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = roster_web_user_display_name (call->user);

  details = roster_storage_get_user_details (call->ctx->storage, roster_user_get_id (call->user), 0, &error);
  if (details == NULL)
    {
      roster_web_respond_failure (call, error);
      return;
    }

  if (message != NULL)
    roster_web_page_message (page, kind, message);

  roster_web_page_add (page, "<p>%s<br>%s</p>\n", name, roster_user_get_email (call->user));

  roster_web_page_add (page, "<h2>%s</h2>\n", _("My courses"));
  if (details->enrolments == NULL || details->enrolments->len == 0)
    roster_web_page_message (page, NULL, _("You are not enrolled in any course."));
  else
    {
      roster_web_page_add (page, "<table>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                           "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                           _("Course"), _("Role"), _("Status"));
      for (guint i = 0; i < details->enrolments->len; i++)
        {
          RosterUserEnrolment *enrolment = g_ptr_array_index (details->enrolments, i);

          roster_web_page_add (page, "<tr><td>%s <span class=\"hint\">(%s)</span></td><td>%s</td><td>%s</td></tr>\n",
                               enrolment->full_name, enrolment->short_name, roster_role_get_label (enrolment->role) != NULL ? roster_role_get_label (enrolment->role) : _("Participant"),
                               enrolment->status == ROSTER_ENROLMENT_ACTIVE ? _("Active") : _("Suspended"));
        }
      roster_web_page_add (page, "</tbody>\n</table>\n");
    }

  roster_web_page_add (page, "<h2 id=\"password-heading\">%s</h2>\n", _("Change my password"));
  roster_web_page_form_begin (page, call, "/account/password");
#define ERR(name) (password_errors != NULL ? g_hash_table_lookup (password_errors, name) : NULL)
  roster_web_page_field (page, &(RosterWebField) { "current", _("Current password"), "password",
                                                   "current-password", NULL, NULL, ERR ("current"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "password", _("New password"), "password",
                                                   "new-password", NULL, NULL, ERR ("password"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "password2", _("New password again"), "password",
                                                   "new-password", NULL, NULL, ERR ("password2"), FALSE });
#undef ERR
  roster_web_page_form_end (page, _("Change my password"));

  roster_web_page_add (page, "<h2>%s</h2>\n", _("Remove my account"));
  roster_web_page_message (page, NULL, _("You can ask for your account and your personal data to be "
                                         "removed. An administrator handles the request; you will no "
                                         "longer be able to sign in once it is done."));
  roster_web_page_form_begin (page, call, "/account/removal");
  roster_web_page_field (page, &(RosterWebField) { "reason", _("Reason"), "text", "off", NULL,
                                                   _("It helps us to know, but you need not say."),
                                                   NULL, TRUE });
  roster_web_page_form_end_destructive (page, _("Request removal of my account"));

  roster_web_respond_page (call, status, page);
}

static void
account_get (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };

  if (!roster_web_call_init (&call, ctx, request) || !roster_web_require_user (&call))
    return;

  show_account (&call, SOUP_STATUS_OK, NULL, NULL, NULL);
}

static void
password_post (RosterContext *ctx,
               RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterLoginResult) login = { 0, };
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *current, *password, *password2;
  const char *remote = roster_request_get_remote_address (request);
  gint64 locked_until = 0;

  if (!roster_web_call_init (&call, ctx, request) || !roster_web_require_user (&call))
    return;

  current = g_hash_table_lookup (call.form, "current");
  password = g_hash_table_lookup (call.form, "password");
  password2 = g_hash_table_lookup (call.form, "password2");
  if (password == NULL || *password == '\0')
    g_hash_table_insert (errors, (gpointer) "password", g_strdup (_("Choose a new password.")));
  else if (!roster_password_check_policy (password, &error))
    g_hash_table_insert (errors, (gpointer) "password", g_strdup (error->message));
  else if (g_strcmp0 (password, password2) != 0)
    g_hash_table_insert (errors, (gpointer) "password2", g_strdup (_("The two passwords are not the same.")));
  g_clear_error (&error);

  /* The current password is checked as a sign-in is, lockout and all:
   * a borrowed session cannot be used to guess it. */
  if (current == NULL || *current == '\0')
    g_hash_table_insert (errors, (gpointer) "current", g_strdup (_("Enter your current password.")));
  else if (g_hash_table_size (errors) == 0 &&
           !roster_auth_login (ctx, roster_user_get_username (call.user), current, remote,
                               &login, &locked_until, &error))
    {
      if (error->domain != ROSTER_ERROR || error->code == ROSTER_ERROR_INTERNAL)
        {
          roster_web_respond_failure (&call, error);
          return;
        }
      g_hash_table_insert (errors, (gpointer) "current", g_strdup (error->message));
    }

  if (g_hash_table_size (errors) > 0)
    {
      show_account (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error",
                    _("Your password was not changed."), errors);
      return;
    }

  hash = roster_password_hash (password, &error);
  if (hash == NULL)
    {
      roster_web_respond_failure (&call, error);
      return;
    }

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (call.user),
      .action = "auth.password_changed",
      .target_user_id = roster_user_get_id (call.user),
      .remote_address = remote,
    };

    /* This ends every session, this browser's too (and the one the check
     * above made)... */
    if (!roster_storage_set_user_password (ctx->storage, roster_user_get_id (call.user), hash,
                                           &audit, &error))
      {
        roster_web_respond_failure (&call, error);
        return;
      }
  }

  /* ...so this browser signs in again with the new one. */
  roster_login_result_clear (&login);
  if (!roster_auth_login (ctx, roster_user_get_username (call.user), password, remote,
                          &login, &locked_until, &error))
    {
      roster_web_clear_session (&call);
      roster_web_respond_message (&call, SOUP_STATUS_OK, _("Password changed"), "success",
                                  _("Your password is changed. Sign in again with it."));
      return;
    }
  roster_web_set_session (&call, login.token, login.expires_at);
  g_set_object (&call.user, login.user);

  show_account (&call, SOUP_STATUS_OK, "success",
                _("Your password is changed. You have been signed out everywhere else."), NULL);
}

static void
removal_post (RosterContext *ctx,
              RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(GError) error = NULL;
  const char *reason;
  RosterAuditEvent audit = { 0, };

  if (!roster_web_call_init (&call, ctx, request) || !roster_web_require_user (&call))
    return;

  reason = roster_web_form_get (&call, "reason");
  if (g_utf8_strlen (reason, -1) > 1000)
    {
      show_account (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, "error",
                    _("The reason is too long: please keep it under 1000 characters."), NULL);
      return;
    }

  audit.actor_id = roster_user_get_id (call.user);
  audit.action = "user.removal_requested";
  audit.target_user_id = roster_user_get_id (call.user);
  audit.remote_address = roster_request_get_remote_address (request);

  if (roster_storage_create_removal_request (ctx->storage, roster_user_get_id (call.user),
                                             *reason != '\0' ? reason : NULL, &audit, &error) == 0)
    {
      if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        show_account (&call, SOUP_STATUS_OK, "notice",
                      _("You have already asked for your account to be removed. An administrator "
                        "will handle the request."), NULL);
      else
        roster_web_respond_failure (&call, error);
      return;
    }

  show_account (&call, SOUP_STATUS_OK, "success",
                _("Your request has been sent. An administrator will remove your account and "
                  "your personal data."), NULL);
}

void
roster_web_add_account (RosterRouter *router)
{
  static const RosterRoute routes[] = {
    { "GET", "/login", login_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/login", login_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "POST", "/logout", logout_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "GET", "/account", account_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/account/password", password_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "POST", "/account/removal", removal_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  };

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
}
