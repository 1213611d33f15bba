/* roster-web-confirm.c: /confirm and /signup/resend: the link of the
 * confirmation e-mail, and sending it again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-mail-queue.h"
#include "roster-token.h"
#include "roster-web-private.h"

static const char *
role_noun (RosterRole role)
{
  const char *noun = roster_role_get_noun (role);

  return noun != NULL ? noun : _("participant");
}

void
roster_web_page_enrolments (RosterWebPage *page,
                            GPtrArray     *enrolments)
{
  if (enrolments == NULL || enrolments->len == 0)
    return;

  roster_web_page_add (page, "<ul class=\"enrolments\">\n");
  for (guint i = 0; i < enrolments->len; i++)
    {
      RosterSignupEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      g_autofree char *text = NULL;

      if (enrolment->refusal != ROSTER_SIGNUP_REFUSAL_NONE)
        /* TRANSLATORS: "Not enrolled in <course>: <reason>" */
        text = g_strdup_printf (_("Not enrolled in %s: %s"), enrolment->course_full_name,
                                roster_signup_refusal_message (enrolment->refusal));
      else if (enrolment->group_name != NULL)
        /* TRANSLATORS: "Enrolled in <course> as <role>, in the group <group>." */
        text = g_strdup_printf (_("Enrolled in %s as %s, in the group %s."), enrolment->course_full_name,
                                role_noun (enrolment->role), enrolment->group_name);
      else
        /* TRANSLATORS: "Enrolled in <course> as <role>." */
        text = g_strdup_printf (_("Enrolled in %s as %s."), enrolment->course_full_name,
                                role_noun (enrolment->role));
      roster_web_page_add (page, "<li>%s</li>\n", text);
    }
  roster_web_page_add (page, "</ul>\n");
}

void
roster_web_mail_queued (RosterWebCall *call)
{
  roster_mail_queue_wake (call->ctx->mail);
}

gboolean
roster_web_resend_confirmation (RosterWebCall  *call,
                                RosterUser     *user,
                                gint64          key_id,
                                const char     *course_name,
                                GError        **error)
{
  g_auto(RosterWebLink) link = { 0, };
  g_autofree char *params = NULL;
  g_autofree char *name = roster_web_user_display_name (user);
  const char *courses[] = { course_name, NULL };
  RosterAuditEvent audit = {
    .action = "signup.added",
    .target_user_id = roster_user_get_id (user),
    .remote_address = roster_request_get_remote_address (call->request),
  };
  RosterMailDraft draft = {
    .kind = ROSTER_MAIL_CONFIRM,
    .user_id = roster_user_get_id (user),
    .recipient = roster_user_get_email (user),
    .recipient_name = name,
  };

  if (!roster_web_link_new (&link, call->ctx->config->confirm_lifetime, error))
    return FALSE;
  params = roster_web_confirm_params (roster_user_get_first_name (user), courses, &link);
  draft.params = params;

  if (!roster_signup_storage_add_pending (roster_web_signup_storage (call), roster_user_get_id (user), key_id,
                                          audit.remote_address, &link.stored, &draft, &audit, error))
    return FALSE;

  roster_web_mail_queued (call);
  return TRUE;
}

/* ---- sending the link again ---- */

static void
resend_post (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  const char *email;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  email = roster_web_form_get (&call, "email");
  if (*email != '\0')
    user = roster_signup_storage_find_user_by_email (roster_web_signup_storage (&call), email, &error);
  if (error == NULL && user != NULL && roster_user_get_state (user) == ROSTER_USER_STATE_PENDING)
    roster_web_resend_confirmation (&call, user, 0, NULL, &error);
  if (error != NULL)
    {
      roster_web_respond_failure (&call, error);
      return;
    }

  /* The same answer whatever the address: it tells nobody which
   * addresses have accounts. */
  roster_web_respond_message (&call, SOUP_STATUS_OK, _("Check your e-mail"), "success",
                              _("If this address has an account waiting for confirmation, we have sent "
                                "the link to it again."));
}

/* ---- the link ---- */

static void
confirm_get (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(RosterWebPage) page = NULL;
  const char *token;

  if (!roster_web_call_init (&call, ctx, request))
    return;

  token = roster_request_get_query (request, "t");
  if (token == NULL || *token == '\0')
    {
      roster_web_respond_message (&call, SOUP_STATUS_BAD_REQUEST, _("Confirm your account"), "error",
                                  roster_signup_refusal_message (ROSTER_SIGNUP_REFUSAL_LINK_INVALID));
      return;
    }

  /* A button, not the link itself, confirms: mail scanners that open
   * every link must not use it up. */
  page = roster_web_page_new (_("Confirm your account"));
  roster_web_page_message (page, NULL, _("Press the button to confirm your e-mail address and "
                                         "complete your enrolment."));
  roster_web_page_form_begin (page, &call, "/confirm");
  roster_web_page_hidden (page, "t", token);
  roster_web_page_form_end (page, _("Confirm my account"));
  roster_web_respond_page (&call, SOUP_STATUS_OK, page);
}

static void
confirm_post (RosterContext *ctx,
              RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(RosterWebPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *token;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  token = roster_web_form_get (&call, "t");
  hash = roster_token_hash (token);
  if (!roster_signup_storage_confirm (roster_web_signup_storage (&call), hash, roster_now (),
                                      roster_request_get_remote_address (request), &result, &error))
    {
      if (error->domain != ROSTER_SIGNUP_ERROR)
        {
          roster_web_respond_failure (&call, error);
          return;
        }

      page = roster_web_page_new (_("Confirm your account"));
      roster_web_page_message (page, "error", error->message);
      if (error->code == ROSTER_SIGNUP_REFUSAL_LINK_USED)
        roster_web_page_add (page, "<p><a href=\"/login\">%s</a></p>\n", _("Sign in"));
      else
        {
          roster_web_page_message (page, NULL, _("Enter your e-mail address to get a new link:"));
          roster_web_page_form_begin (page, &call, "/signup/resend");
          roster_web_page_field (page, &(RosterWebField) { "email", _("E-mail address"), "email", "email",
                                                           NULL, NULL, NULL, FALSE });
          roster_web_page_form_end (page, _("Send a new link"));
        }
      roster_web_respond_page (&call, error->code == ROSTER_SIGNUP_REFUSAL_LINK_INVALID
                                      ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_GONE, page);
      return;
    }
  roster_web_mail_queued (&call);

  page = roster_web_page_new (_("Your account is confirmed"));
  roster_web_page_message (page, "success", _("Thank you: your e-mail address is confirmed."));
  roster_web_page_enrolments (page, result.enrolments);
  roster_web_page_add (page, "<p><a href=\"/login\">%s</a></p>\n", _("Sign in to your account"));
  roster_web_respond_page (&call, SOUP_STATUS_OK, page);
}

void
roster_web_add_confirm (RosterRouter *router)
{
  static const RosterRoute routes[] = {
    { "POST", "/signup/resend", resend_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "GET", "/confirm", confirm_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/confirm", confirm_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  };

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
}
