/* test-web-account.c: password recovery, lockout and the account page,
 * through the real forms of a real server with a real SMTP sink
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmime/gmime.h>

#include "roster-demo.h"
#include "test-web-util.h"

#define EMAIL "reset.me@partner.example"

/* An active external account with a session of its own in the API. */
static char *
make_account (WebFixture *fixture)
{
  g_autoptr(RosterTestResponse) created = NULL;

  created = roster_test_post_json (fixture->server, "/api/v1/users", fixture->admin,
                                   "{\"username\": \"" EMAIL "\", \"email\": \"" EMAIL "\","
                                   " \"first_name\": \"Rita\", \"last_name\": \"Reset\", \"type\": \"external\","
                                   " \"password\": \"" WEB_PASSWORD "\"}");
  g_assert_cmpuint (created->status, ==, 201);

  return roster_test_login (fixture->server, EMAIL, WEB_PASSWORD);
}

static guint
me_status (WebFixture *fixture,
           const char *token)
{
  g_autoptr(RosterTestResponse) me = roster_test_get (fixture->server, "/api/v1/me", token);

  return me->status;
}

/* Seed 002: a forgotten password, with the lockout in front of it. */
static void
test_forgot_and_reset (WebFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autofree char *session = make_account (fixture);
  g_autofree char *unknown_text = NULL;
  g_autofree char *known_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *to = NULL;
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;
  const char *new_password = "a brand new long passphrase";

  /* Five wrong passwords lock the account; then even the right one is
   * refused, saying for how long. */
  page = roster_test_web_get (web, "/login");
  g_clear_pointer (&page, roster_test_page_free);
  for (guint i = 0; i < 5; i++)
    {
      page = roster_test_web_post (web, "/login", "username", EMAIL, "password", "wrong password, sorry", NULL);
      g_assert_cmpuint (page->status, ==, i < 4 ? 401 : 403);
      g_clear_pointer (&page, roster_test_page_free);
    }
  page = roster_test_web_post (web, "/login", "username", EMAIL, "password", WEB_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 403);
  g_assert_true (roster_test_page_has (page, "try again in 15 minutes"));
  g_clear_pointer (&page, roster_test_page_free);

  /* The same answer for an address nobody has, and no mail for it. */
  page = roster_test_web_get (web, "/forgot");
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/forgot", "email", "nobody@partner.example", NULL);
  g_assert_cmpuint (page->status, ==, 200);
  unknown_text = g_strdup (strstr (page->html, "<main>"));
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/forgot", "email", EMAIL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  known_text = g_strdup (strstr (page->html, "<main>"));
  g_clear_pointer (&page, roster_test_page_free);
  {
    g_autofree char *unknown_as_known = g_strdup (unknown_text);
    GString *swapped = g_string_new (unknown_as_known);

    g_string_replace (swapped, "nobody@partner.example", EMAIL, 0);
    g_assert_cmpstr (swapped->str, ==, known_text);
    g_string_free (swapped, TRUE);
  }

  text = web_next_mail (fixture, &to, NULL);
  g_assert_cmpstr (to, ==, EMAIL);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 1);
  link = web_link (text, "/reset?t=");

  page = roster_test_web_get (web, link);
  g_assert_cmpuint (page->status, ==, 200);
  token = roster_test_page_input (page, "t");
  g_clear_pointer (&page, roster_test_page_free);

  /* A bad new password changes nothing and keeps the link usable. */
  page = roster_test_web_post (web, "/reset", "t", token, "password", "short", "password2", "short", NULL);
  g_assert_cmpuint (page->status, ==, 422);
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/reset", "t", token, "password", new_password,
                               "password2", "a different long passphrase", NULL);
  g_assert_cmpuint (page->status, ==, 422);
  g_assert_true (roster_test_page_has (page, "The two passwords are not the same."));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/reset", "t", token, "password", new_password, "password2", new_password, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Your new password is saved"));
  g_clear_pointer (&page, roster_test_page_free);

  /* Every session ended; the lock is gone; the old password is not. */
  g_assert_cmpuint (me_status (fixture, session), ==, 401);
  page = roster_test_web_post (web, "/login", "username", EMAIL, "password", WEB_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 401);
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/login", "username", EMAIL, "password", new_password, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_suffix (page->uri, "/account"));
  g_clear_pointer (&page, roster_test_page_free);

  /* The link was for once. */
  page = roster_test_web_post (web, "/reset", "t", token, "password", "yet another long passphrase",
                               "password2", "yet another long passphrase", NULL);
  g_assert_cmpuint (page->status, ==, 410);
  g_assert_true (roster_test_page_has (page, "This link has already been used."));
  g_clear_pointer (&page, roster_test_page_free);

  /* A made-up link. */
  page = roster_test_web_post (web, "/reset", "t", "made-up", "password", "yet another long passphrase",
                               "password2", "yet another long passphrase", NULL);
  g_assert_cmpuint (page->status, ==, 404);
}

/* The account page: a new password ends the other sessions, and this
 * browser stays signed in. */
static void
test_change_password (WebFixture    *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autofree char *session = make_account (fixture);
  const char *new_password = "the second long passphrase";

  page = roster_test_web_get (web, "/login");
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/login", "username", EMAIL, "password", WEB_PASSWORD, NULL);
  g_assert_true (g_str_has_suffix (page->uri, "/account"));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/account/password", "current", "not the current one",
                               "password", new_password, "password2", new_password, NULL);
  g_assert_cmpuint (page->status, ==, 422);
  g_assert_true (roster_test_page_has (page, "Your password was not changed."));
  g_clear_pointer (&page, roster_test_page_free);
  g_assert_cmpuint (me_status (fixture, session), ==, 200);

  page = roster_test_web_post (web, "/account/password", "current", WEB_PASSWORD,
                               "password", new_password, "password2", new_password, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Your password is changed."));
  g_clear_pointer (&page, roster_test_page_free);

  g_assert_cmpuint (me_status (fixture, session), ==, 401);
  page = roster_test_web_get (web, "/account");
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_suffix (page->uri, "/account"));
  g_clear_pointer (&page, roster_test_page_free);

  {
    g_autofree char *fresh = roster_test_login (fixture->server, EMAIL, new_password);

    g_assert_cmpuint (me_status (fixture, fresh), ==, 200);
  }
}

/* An administrator's activation completes what a sign-up waited for. */
static void
test_admin_activation (WebFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autoptr(RosterTestResponse) users = NULL;
  g_autoptr(RosterTestResponse) activated = NULL;
  g_autoptr(JsonObject) participant = NULL;
  g_autofree char *path = NULL;
  g_autofree char *secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\"}",
                                          "{\"nickname\": \"By hand\"}", NULL, NULL);
  gint64 user_id;

  page = web_signup (web, "Hand", "Made", "hand@partner.example", WEB_PASSWORD, secret);
  g_assert_cmpuint (page->status, ==, 200);

  users = roster_test_get (fixture->server, "/api/v1/users?q=hand%40partner.example", fixture->admin);
  user_id = json_object_get_int_member (json_array_get_object_element (
              json_object_get_array_member (roster_test_response_object (users), "users"), 0), "id");
  path = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT "/activate", user_id);
  activated = roster_test_request (fixture->server, "POST", path, fixture->admin, NULL, NULL);
  g_assert_cmpuint (activated->status, ==, 200);

  participant = web_participant (fixture, fixture->course_id, "hand@partner.example");
  g_assert_nonnull (participant);
  g_assert_cmpstr (json_object_get_string_member (participant, "key_nickname"), ==, "By hand");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  WEB_TEST_ADD ("/web/account/forgot-and-reset", test_forgot_and_reset, NULL);
  WEB_TEST_ADD ("/web/account/change-password", test_change_password, NULL);
  WEB_TEST_ADD ("/web/account/admin-activation", test_admin_activation, NULL);

  return g_test_run ();
}
