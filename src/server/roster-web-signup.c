/* roster-web-signup.c: /signup and /confirm: an external user signs up
 * with an enrolment key, confirms by e-mail and is enrolled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What happens, by the address typed:
 *   new            a pending account waits for the key's enrolment; a
 *                  confirmation link goes by mail (roster-web-links.c);
 *   pending        the link is sent again, the enrolment added;
 *   active         "sign in to enrol": after the password, enrolled,
 *                  no new account;
 *   suspended      refused.
 * The key is checked before anything is made, and again by the storage
 * in the transaction that uses it.
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-keys.h"
#include "roster-mail-queue.h"
#include "roster-password.h"
#include "roster-text.h"
#include "roster-token.h"
#include "roster-users.h"
#include "roster-web-private.h"

static const char * const signup_fields[] = { "first_name", "last_name", "email", "password", "password2", "key", NULL };

typedef struct
{
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *key;
  GHashTable *errors;     /* field → message */
} SignupForm;

/* ---- the form ---- */

static void
show_form (RosterWebCall   *call,
           guint            status,
           const SignupForm *form,
           RosterSignupKey *key)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Create an account"));
  const char *labels[G_N_ELEMENTS (signup_fields)] = {
    _("First name"), _("Last name"), _("E-mail address"), _("Password"), _("Password again"),
    _("Enrolment key"), NULL,
  };
  GHashTable *errors = form->errors;

  roster_web_page_error_summary (page, signup_fields, labels, errors);

  if (key != NULL && (errors == NULL || !g_hash_table_contains (errors, "key")))
    {
      g_autofree char *text = g_strdup_printf (_("You are signing up for %s."), key->course_full_name);
      roster_web_page_message (page, "notice", text);
    }
  else
    roster_web_page_message (page, NULL, _("Sign up with the enrolment key the course’s staff gave you. "
                                           "We will send you an e-mail to confirm your address."));

  roster_web_page_form_begin (page, call, "/signup");
#define ERR(name) (errors != NULL ? g_hash_table_lookup (errors, name) : NULL)
  roster_web_page_field (page, &(RosterWebField) { "first_name", labels[0], "text", "given-name",
                                                   form->first_name, NULL, ERR ("first_name"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "last_name", labels[1], "text", "family-name",
                                                   form->last_name, NULL, ERR ("last_name"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "email", labels[2], "email", "email",
                                                   form->email, NULL, ERR ("email"), FALSE });
  {
    g_autofree char *hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "At least %d character. A few words you can remember make a good one.",
                                                          "At least %d characters. A few words you can remember make a good one.",
                                                          ROSTER_PASSWORD_MIN_LENGTH),
                                             ROSTER_PASSWORD_MIN_LENGTH);

    roster_web_page_field (page, &(RosterWebField) { "password", labels[3], "password", "new-password",
                                                     NULL, hint, ERR ("password"), FALSE });
  }
  roster_web_page_field (page, &(RosterWebField) { "password2", labels[4], "password", "new-password",
                                                   NULL, NULL, ERR ("password2"), FALSE });
  roster_web_page_field (page, &(RosterWebField) { "key", labels[5], "text", "off",
                                                   form->key, NULL, ERR ("key"), FALSE });
#undef ERR
  roster_web_page_form_end (page, _("Create my account"));
  roster_web_page_add (page, "<p><a href=\"/login\">%s</a></p>\n", _("I already have an account"));

  roster_web_respond_page (call, status, page);
}

static void
add_error (SignupForm *form,
           const char *field,
           const char *message)
{
  if (form->errors == NULL)
    form->errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (!g_hash_table_contains (form->errors, field))
    g_hash_table_insert (form->errors, (gpointer) field, g_strdup (message));
}

static void
check_name (SignupForm *form,
            const char *field,
            const char *value,
            const char *missing)
{
  if (*value == '\0')
    add_error (form, field, missing);
  else if (g_utf8_strlen (value, -1) > ROSTER_USERS_MAX_NAME_CHARS)
    add_error (form, field, _("This is too long."));
  else
    {
      for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          {
            add_error (form, field, _("This has characters that cannot be part of a name."));
            break;
          }
    }
}

/* The key typed or linked: found, or an error on the key field. */
static RosterSignupKey *
find_key (RosterWebCall  *call,
          SignupForm     *form,
          GError        **error)
{
  g_autofree char *lookup = NULL;
  RosterSignupKey *key;

  if (*form->key == '\0')
    {
      add_error (form, "key", _("Enter the enrolment key."));
      return NULL;
    }
  if (g_utf8_strlen (form->key, -1) > ROSTER_WEB_MAX_FIELD_CHARS ||
      (lookup = roster_keys_lookup_hash (call->ctx->secret_box, form->key)) == NULL)
    {
      add_error (form, "key", _("This enrolment key is not correct. Check it and try again."));
      return NULL;
    }

  key = roster_signup_storage_find_key (roster_web_signup_storage (call), lookup, error);
  if (key == NULL)
    {
      /* The same words whether or not such a key exists anywhere. */
      if (error == NULL || *error == NULL)
        add_error (form, "key", _("This enrolment key is not correct. Check it and try again."));
      return NULL;
    }

  return key;
}

/* Someone already signed in needs only the key (seed 001: "an existing
 * user is simply enrolled"). */
static void
show_join (RosterWebCall   *call,
           guint            status,
           const char      *key_text,
           RosterSignupKey *key,
           const char      *error)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Enrol in a course"));
  g_autofree char *name = roster_web_user_display_name (call->user);
  g_autofree char *who = g_strdup_printf (_("You are signed in as %s (%s)."), name,
                                          roster_user_get_email (call->user));

  roster_web_page_message (page, NULL, who);
  if (key != NULL && error == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("This key enrols you in %s."), key->course_full_name);
      roster_web_page_message (page, "notice", text);
    }
  roster_web_page_form_begin (page, call, "/signup/join");
  roster_web_page_field (page, &(RosterWebField) { "key", _("Enrolment key"), "text", "off",
                                                   key_text, NULL, error, FALSE });
  roster_web_page_form_end (page, _("Enrol me"));
  roster_web_respond_page (call, status, page);
}

static void
signup_get (RosterContext *ctx,
            RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(GError) error = NULL;
  SignupForm form = { "", "", "", "", NULL };

  if (!roster_web_call_init (&call, ctx, request))
    return;

  form.key = roster_request_get_query (request, "key");
  if (form.key == NULL)
    form.key = "";

  /* A token link says at once whether its key works. */
  if (*form.key != '\0')
    {
      key = find_key (&call, &form, &error);
      if (error != NULL)
        {
          roster_web_respond_failure (&call, error);
          return;
        }
      if (key != NULL)
        {
          RosterSignupRefusal refusal = roster_signup_key_check (key, roster_now ());

          if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
            add_error (&form, "key", roster_signup_refusal_message (refusal));
        }
    }

  if (call.user != NULL)
    show_join (&call, form.errors != NULL ? SOUP_STATUS_UNPROCESSABLE_ENTITY : SOUP_STATUS_OK, form.key, key,
               form.errors != NULL ? g_hash_table_lookup (form.errors, "key") : NULL);
  else
    show_form (&call, form.errors != NULL ? SOUP_STATUS_UNPROCESSABLE_ENTITY : SOUP_STATUS_OK, &form, key);
  g_clear_pointer (&form.errors, g_hash_table_unref);
}

/* ---- answers after the form ---- */

static void
show_check_mail (RosterWebCall *call,
                 const char    *email,
                 gboolean       again)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Check your e-mail"));
  g_autofree char *text = NULL;

  if (again)
    text = g_strdup_printf (_("An account with the address %s is waiting to be confirmed. We have sent "
                              "the confirmation link to it again."), email);
  else
    text = g_strdup_printf (_("We have sent a link to %s. Open it within a day to confirm your address; "
                              "you will then be enrolled."), email);
  roster_web_page_message (page, "success", text);
  roster_web_page_message (page, NULL, _("No e-mail after a few minutes? Look in your spam folder, "
                                         "or have it sent again:"));
  roster_web_page_form_begin (page, call, "/signup/resend");
  roster_web_page_hidden (page, "email", email);
  roster_web_page_form_end (page, _("Send the e-mail again"));

  roster_web_respond_page (call, SOUP_STATUS_OK, page);
}

static void
show_sign_in_to_enrol (RosterWebCall   *call,
                       guint            status,
                       const char      *email,
                       const char      *key_text,
                       RosterSignupKey *key,
                       const char      *error)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (_("Sign in to enrol"));
  g_autofree char *text = g_strdup_printf (_("You already have an account with the address %s. Enter its "
                                             "password to be enrolled in %s."),
                                           email, key->course_full_name);

  roster_web_page_message (page, NULL, text);
  roster_web_page_form_begin (page, call, "/signup/enrol");
  roster_web_page_hidden (page, "email", email);
  roster_web_page_hidden (page, "key", key_text);
  roster_web_page_field (page, &(RosterWebField) { "password", _("Password"), "password", "current-password",
                                                   NULL, NULL, error, FALSE });
  roster_web_page_form_end (page, _("Sign in and enrol"));
  roster_web_page_add (page, "<p><a href=\"/forgot\">%s</a></p>\n", _("I forgot my password"));

  roster_web_respond_page (call, status, page);
}

static void
create_account (RosterWebCall   *call,
                SignupForm      *form,
                const char      *password,
                RosterSignupKey *key)
{
  g_auto(RosterWebLink) link = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *params = NULL;
  g_autofree char *name = g_strdup_printf ("%s %s", form->first_name, form->last_name);
  const char *courses[] = { key->course_full_name, NULL };
  const char *remote = roster_request_get_remote_address (call->request);
  RosterNewUser user = {
    /* External users sign in with their address. */
    .username = form->email,
    .email = form->email,
    .first_name = form->first_name,
    .last_name = form->last_name,
    .type = ROSTER_USER_TYPE_EXTERNAL,
    .state = ROSTER_USER_STATE_PENDING,
  };
  RosterAuditEvent audit = {
    .action = "signup.created",
    .remote_address = remote,
  };
  RosterMailDraft draft = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = form->email,
    .recipient_name = name,
  };

  password_hash = roster_password_hash (password, &error);
  if (password_hash == NULL || !roster_web_link_new (&link, call->ctx->config->confirm_lifetime, &error))
    {
      roster_web_respond_failure (call, error);
      return;
    }
  user.password_hash = password_hash;
  params = roster_web_confirm_params (form->first_name, courses, &link);
  draft.params = params;

  if (roster_signup_storage_create_pending (roster_web_signup_storage (call), &user, key->key_id, remote,
                                            &link.stored, &draft, &audit, &error) == 0)
    {
      if (error->domain == ROSTER_SIGNUP_ERROR)
        {
          add_error (form, "key", error->message);
          show_form (call, SOUP_STATUS_UNPROCESSABLE_ENTITY, form, key);
        }
      else if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        {
          /* Someone took the address (or it is a staff username) since
           * we looked: nothing was made. */
          add_error (form, "email", _("An account with this address already exists. Sign in to enrol."));
          show_form (call, SOUP_STATUS_CONFLICT, form, key);
        }
      else
        roster_web_respond_failure (call, error);
      return;
    }

  roster_web_mail_queued (call);
  show_check_mail (call, form->email, FALSE);
}

static void
signup_post (RosterContext *ctx,
             RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(RosterUser) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_limit = NULL;
  SignupForm form = { 0, };
  const char *password, *password2;
  RosterSignupRefusal refusal;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  form.first_name = roster_web_form_get (&call, "first_name");
  form.last_name = roster_web_form_get (&call, "last_name");
  form.email = roster_web_form_get (&call, "email");
  form.key = roster_web_form_get (&call, "key");
  password = call.form != NULL && g_hash_table_contains (call.form, "password")
             ? g_hash_table_lookup (call.form, "password") : "";
  password2 = call.form != NULL && g_hash_table_contains (call.form, "password2")
              ? g_hash_table_lookup (call.form, "password2") : "";

  check_name (&form, "first_name", form.first_name, _("Enter your first name."));
  check_name (&form, "last_name", form.last_name, _("Enter your last name."));
  if (*form.email == '\0')
    add_error (&form, "email", _("Enter your e-mail address."));
  else if (!roster_users_check_email (form.email, &error))
    add_error (&form, "email", error->message);
  g_clear_error (&error);
  if (*password == '\0')
    add_error (&form, "password", _("Choose a password."));
  else if (!roster_password_check_policy (password, &error))
    add_error (&form, "password", error->message);
  else if (!g_str_equal (password, password2))
    add_error (&form, "password2", _("The two passwords are not the same."));
  g_clear_error (&error);

  key = find_key (&call, &form, &error);
  if (error != NULL)
    goto failure;

  if (key != NULL)
    {
      /* Per key: a class may share one, but a leaked key cannot make
       * accounts without end. */
      key_limit = g_strdup_printf ("key:%" G_GINT64_FORMAT, key->key_id);
      if (!roster_web_rate_check (&call, ctx->key_limiter, key_limit))
        goto out;

      refusal = roster_signup_key_check (key, roster_now ());
      if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
        add_error (&form, "key", roster_signup_refusal_message (refusal));
    }

  if (form.errors != NULL)
    {
      show_form (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, &form, key);
      goto out;
    }

  existing = roster_signup_storage_find_user_by_email (roster_web_signup_storage (&call), form.email, &error);
  if (error != NULL)
    goto failure;

  if (existing == NULL)
    create_account (&call, &form, password, key);
  else if (roster_user_get_state (existing) == ROSTER_USER_STATE_PENDING)
    {
      if (!roster_web_resend_confirmation (&call, existing, key->key_id, key->course_full_name, &error))
        goto failure;
      show_check_mail (&call, form.email, TRUE);
    }
  else if (roster_user_get_state (existing) == ROSTER_USER_STATE_ACTIVE)
    {
      gboolean enrolled = FALSE;

      if (!roster_signup_storage_is_enrolled (roster_web_signup_storage (&call), key->course_id,
                                              roster_user_get_id (existing), &enrolled, &error))
        goto failure;
      if (enrolled)
        {
          add_error (&form, "key", roster_signup_refusal_message (ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED));
          show_form (&call, SOUP_STATUS_CONFLICT, &form, key);
        }
      else
        show_sign_in_to_enrol (&call, SOUP_STATUS_OK, form.email, form.key, key, NULL);
    }
  else
    roster_web_respond_message (&call, SOUP_STATUS_FORBIDDEN, _("This account cannot sign up"), "error",
                                _("The account with this address is suspended. Ask the course’s staff "
                                  "or an administrator to reactivate it."));
  goto out;

failure:
  roster_web_respond_failure (&call, error);
out:
  g_clear_pointer (&form.errors, g_hash_table_unref);
}

/* ---- an existing account: sign in to enrol ---- */

static void
enrol_post (RosterContext *ctx,
            RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_auto(RosterLoginResult) login = { 0, };
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(RosterUser) existing = NULL;
  g_autoptr(RosterSignupEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterWebPage) page = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SignupForm form = { "", "", "", "", NULL };
  const char *password;
  gint64 locked_until = 0;

  if (!roster_web_call_init (&call, ctx, request))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  form.email = roster_web_form_get (&call, "email");
  form.key = roster_web_form_get (&call, "key");
  password = g_hash_table_lookup (call.form, "password");

  key = find_key (&call, &form, &error);
  if (error != NULL)
    goto failure;
  if (key != NULL)
    existing = roster_signup_storage_find_user_by_email (roster_web_signup_storage (&call), form.email, &error);
  if (error != NULL)
    goto failure;
  if (key == NULL || existing == NULL)
    {
      /* Only a changed or forged form gets here. */
      show_form (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, &form, NULL);
      goto out;
    }

  /* The usual sign-in, with its lockout. */
  if (!roster_auth_login (ctx, roster_user_get_username (existing), password != NULL ? password : "",
                          roster_request_get_remote_address (request), &login, &locked_until, &error))
    {
      if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_CREDENTIALS) ||
          g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_LOCKED) ||
          g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE))
        show_sign_in_to_enrol (&call, locked_until != 0 ? SOUP_STATUS_FORBIDDEN : SOUP_STATUS_UNAUTHORIZED,
                               form.email, form.key, key, error->message);
      else
        roster_web_respond_failure (&call, error);
      goto out;
    }
  roster_web_set_session (&call, login.token, login.expires_at);
  g_set_object (&call.user, login.user);

  if (!roster_signup_storage_enrol_with_key (roster_web_signup_storage (&call), roster_user_get_id (login.user),
                                             key->key_id, roster_now (),
                                             roster_request_get_remote_address (request), &enrolment, &error))
    {
      if (error->domain == ROSTER_SIGNUP_ERROR)
        roster_web_respond_message (&call, SOUP_STATUS_CONFLICT, _("Not enrolled"), "error", error->message);
      else
        roster_web_respond_failure (&call, error);
      goto out;
    }
  roster_web_mail_queued (&call);

  page = roster_web_page_new (_("You are enrolled"));
  list = g_ptr_array_new ();
  g_ptr_array_add (list, enrolment);
  roster_web_page_enrolments (page, list);
  roster_web_page_add (page, "<p><a href=\"/account\">%s</a></p>\n", _("Go to my account"));
  roster_web_respond_page (&call, SOUP_STATUS_OK, page);
  goto out;

failure:
  roster_web_respond_failure (&call, error);
out:
  g_clear_pointer (&form.errors, g_hash_table_unref);
}

/* ---- signed in already: just the key ---- */

static void
join_post (RosterContext *ctx,
           RosterRequest *request)
{
  g_auto(RosterWebCall) call = { 0, };
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(RosterSignupEnrolment) enrolment = NULL;
  g_autoptr(RosterWebPage) page = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key_limit = NULL;
  SignupForm form = { "", "", "", "", NULL };
  RosterSignupRefusal refusal;

  if (!roster_web_call_init (&call, ctx, request) || !roster_web_require_user (&call))
    return;
  if (!roster_web_rate_check (&call, ctx->signup_limiter, roster_request_get_remote_address (request)))
    return;

  form.key = roster_web_form_get (&call, "key");
  key = find_key (&call, &form, &error);
  if (error != NULL)
    goto failure;
  if (key == NULL)
    {
      show_join (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, form.key, NULL, g_hash_table_lookup (form.errors, "key"));
      goto out;
    }

  key_limit = g_strdup_printf ("key:%" G_GINT64_FORMAT, key->key_id);
  if (!roster_web_rate_check (&call, ctx->key_limiter, key_limit))
    goto out;

  refusal = roster_signup_key_check (key, roster_now ());
  if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    {
      show_join (&call, SOUP_STATUS_UNPROCESSABLE_ENTITY, form.key, key, roster_signup_refusal_message (refusal));
      goto out;
    }

  if (!roster_signup_storage_enrol_with_key (roster_web_signup_storage (&call), roster_user_get_id (call.user), key->key_id,
                                             roster_now (), roster_request_get_remote_address (request),
                                             &enrolment, &error))
    {
      if (error->domain != ROSTER_SIGNUP_ERROR)
        goto failure;
      show_join (&call, error->code == ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED ? SOUP_STATUS_CONFLICT
                                                                              : SOUP_STATUS_UNPROCESSABLE_ENTITY,
                 form.key, key, error->message);
      goto out;
    }
  roster_web_mail_queued (&call);

  page = roster_web_page_new (_("You are enrolled"));
  list = g_ptr_array_new ();
  g_ptr_array_add (list, enrolment);
  roster_web_page_enrolments (page, list);
  roster_web_page_add (page, "<p><a href=\"/account\">%s</a></p>\n", _("Go to my account"));
  roster_web_respond_page (&call, SOUP_STATUS_OK, page);
  goto out;

failure:
  roster_web_respond_failure (&call, error);
out:
  g_clear_pointer (&form.errors, g_hash_table_unref);
}

void
roster_web_add_signup (RosterRouter *router)
{
  static const RosterRoute routes[] = {
    { "GET", "/signup", signup_get, ROSTER_ROUTE_PUBLIC, 0 },
    { "POST", "/signup", signup_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "POST", "/signup/enrol", enrol_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
    { "POST", "/signup/join", join_post, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  };

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
}
