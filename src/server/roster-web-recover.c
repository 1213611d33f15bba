/* roster-web-recover.c: /forgot and /reset: a new password through a
 * link sent by mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /forgot answers the same whether or not the address has an account,
 * so it cannot be used to find out who has one. A reset ends every
 * session of the account and clears its lock.
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-password.h"
#include "roster-token.h"
#include "roster-web-private.h"

static void
show_forgot (RosterWebCall *call,
             guint          status,
             const char    *email,
             const char    *error)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Forgotten password"));

  roster_web_page_message (page, NULL, _("Enter the e-mail address of your account. We will send you "
                                         "a link to choose a new password."));
  roster_web_page_form_begin (page, call, "/forgot");
  roster_web_page_field (page, &(RosterWebField) { "email", _("E-mail address"), "email", "email",
                                                   email, NULL, error, FALSE });
  roster_web_page_form_end (page, _("Send me a link"));
  roster_web_respond_page (call, status, page);
}

static void
forgot_get (RosterContext *ctx,
            RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };

  if (!roster_web_call_init (&call, ctx, request))
    return;

  show_forgot (&call, SOUP_STATUS_OK, NULL, NULL);
}

static void
forgot_post (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterWebLink) link = { 0, };
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  const char *email;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  email = roster_web_form_get (&call, "email");
  if (*email == '\0' || strchr (email, '@') == NULL || strlen (email) > 254)
    {
      show_forgot (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, email, _("Enter the e-mail address of your account."));
      return;
    }

  user = roster_signup_storage_find_user_by_email (ROSTER_SIGNUP_STORAGE (ctx->storage), email, &error);
  if (error != NULL)
    goto failure;

  /* Suspended accounts get no link: an administrator suspended them. */
  if (user != NULL && (roster_user_get_state (user) == ROSTER_USER_STATE_ACTIVE ||
                       roster_user_get_state (user) == ROSTER_USER_STATE_PENDING))
    {
      RosterAuditEvent audit = {
        .action = "signup.reset_requested",
        .target_user_id = roster_user_get_id (user),
        .remote_address = roster_request_get_remote_address (request),
      };
      RosterMailDraft draft = {
        .kind = ROSTER_MAIL_RESET,
        .user_id = roster_user_get_id (user),
        .recipient = roster_user_get_email (user),
      };

      name = roster_web_user_display_name (user);
      draft.recipient_name = name;
      if (!roster_web_link_new (&link, ctx->config->reset_lifetime, &error))
        goto failure;
      params = roster_web_reset_params (roster_user_get_first_name (user), &link);
      draft.params = params;
      if (!roster_signup_storage_create_reset (ROSTER_SIGNUP_STORAGE (ctx->storage), roster_user_get_id (user),
                                               &link.stored, &draft, &audit, &error))
        goto failure;
      roster_web_mail_queued (&call);
    }

  text = g_strdup_printf (_("If %s is the address of an account, we have sent it a link to choose a new "
                            "password. The link works for a limited time and only once."), email);
  roster_web_respond_message (&call, SOUP_STATUS_OK, _("Check your e-mail"), "success", text);
  return;

failure:
  roster_web_respond_failure (&call, error);
}

static void
show_reset (RosterWebCall *call,
            guint          status,
            const char    *token,
            GHashTable    *errors)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Choose a new password"));
  g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At least %d character.",
                                                        "At least %d characters.", ROSTER_PASSWORD_MIN_LENGTH),
                                           ROSTER_PASSWORD_MIN_LENGTH);

  roster_web_page_form_begin (page, call, "/reset");
  roster_web_page_hidden (page, "t", token);
#define ERR(name) (errors != NULL ? g_hash_table_lookup (errors, name) : NULL)
  roster_web_page_field (page, &(RosterWebField) { "password", _("New password"), "password", "new-password",
                                                   NULL, hint, ERR ("password"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "password2", _("New password again"), "password",
                                                   "new-password", NULL, NULL, ERR ("password2"), FALSE });
#undef ERR
  roster_web_page_form_end (page, _("Save my new password"));
  roster_web_respond_page (call, status, page);
}

static void
reset_get (RosterContext *ctx,
           RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  const char *token;

  if (!roster_web_call_init (&call, ctx, request))
    return;

  token = roster_request_get_query (request, "t");
  if (token == NULL || *token == '\0')
    {
      roster_web_respond_message (&call, SOUP_STATUS_BAD_REQUEST, _("Choose a new password"), "error",
                                  roster_signup_refusal_message (ROSTER_SIGNUP_REFUSAL_LINK_INVALID));
      return;
    }

  show_reset (&call, SOUP_STATUS_OK, token, NULL);
}

static void
reset_post (RosterContext *ctx,
            RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(GHashTable) errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(RosterWebPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *password_hash = NULL;
  const char *token, *password, *password2;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  token = roster_web_form_get (&call, "t");
  password = g_hash_table_lookup (call.form, "password");
  password2 = g_hash_table_lookup (call.form, "password2");
  if (password == NULL || *password == '\0')
    g_hash_table_insert (errors, (gpointer) "password", g_strdup (_("Choose a new password.")));
  else if (!roster_password_check_policy (password, &error))
    g_hash_table_insert (errors, (gpointer) "password", g_strdup (error->message));
  else if (g_strcmp0 (password, password2) != 0)
    g_hash_table_insert (errors, (gpointer) "password2", g_strdup (_("The two passwords are not the same.")));
  g_clear_error (&error);

  if (g_hash_table_size (errors) > 0)
    {
      show_reset (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, token, errors);
      return;
    }

  password_hash = roster_password_hash (password, &error);
  if (password_hash == NULL)
    {
      roster_web_respond_failure (&call, error);
      return;
    }

  token_hash = roster_token_hash (token);
  if (!roster_signup_storage_reset_password (ROSTER_SIGNUP_STORAGE (ctx->storage), token_hash, password_hash,
                                             roster_now (), roster_request_get_remote_address (request),
                                             &result, &error))
    {
      if (error->domain != ROSTER_SIGNUP_ERROR)
        {
          roster_web_respond_failure (&call, error);
          return;
        }
      page = roster_web_page_new (_("Choose a new password"));
      roster_web_page_message (page, "error", error->message);
      roster_web_page_add (page, "<p><a href=\"/forgot\">%s</a></p>\n", _("Get a new link"));
      roster_web_respond_page (&call, error->code == ROSTER_SIGNUP_REFUSAL_LINK_INVALID
                                      ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_GONE, page);
      return;
    }
  roster_web_mail_queued (&call);

  /* Every session ended, this browser's included. */
  roster_web_clear_session (&call);
  page = roster_web_page_new (_("Your password is changed"));
  roster_web_page_message (page, "success", _("Your new password is saved, and you have been signed out "
                                              "everywhere. Sign in with the new password."));
  roster_web_page_enrolments (page, result.enrolments);
  roster_web_page_add (page, "<p><a href=\"/login\">%s</a></p>\n", _("Sign in"));
  roster_web_respond_page (&call, SOUP_STATUS_OK, page);
}

void
roster_web_add_recover (RosterRouter *router)
{
  static const RosterRoute routes[] = {
    { "GET", "/forgot", forgot_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/forgot", forgot_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "GET", "/reset", reset_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/reset", reset_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  };

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
}
