/* test-web-pages.c: the web pages for external users, through real
 * HTTPS to a real roster-server: forms, CSRF, escaping, headers, sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-test-server.h"
#include "roster-demo.h"
#include "roster-test-web.h"

static void
assert_page_headers (RosterTestPage *page)
{
  const char *csp = soup_message_headers_get_one (page->headers, "Content-Security-Policy");

  g_assert_nonnull (csp);
  g_assert_nonnull (strstr (csp, "default-src 'none'"));
  g_assert_cmpstr (soup_message_headers_get_one (page->headers, "Referrer-Policy"), ==, "no-referrer");
  g_assert_cmpstr (soup_message_headers_get_one (page->headers, "X-Frame-Options"), ==, "DENY");
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (page->headers, NULL), "text/html"));
}

/* Every page a person may open first is a real, accessible form. */
static void
test_forms (RosterTestFixture *fixture,
            gconstpointer      data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  const char *paths[] = { "/signup", "/login", "/forgot", "/reset?t=abc", "/confirm?t=abc" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(RosterTestPage) page = roster_test_web_get (web, paths[i]);
      g_autofree char *csrf = roster_test_page_input (page, "csrf");

      g_test_message ("%s", paths[i]);
      g_assert_cmpuint (page->status, ==, 200);
      assert_page_headers (page);
      g_assert_true (roster_test_page_has (page, "<html lang=\""));
      g_assert_true (roster_test_page_has (page, "name=\"viewport\""));
      g_assert_true (roster_test_page_has (page, "<form method=\"post\""));
      g_assert_nonnull (csrf);
      g_assert_cmpuint (strlen (csrf), ==, 64);
      /* No script anywhere. */
      g_assert_false (roster_test_page_has (page, "<script"));
    }

  /* Every input of the sign-up form has its label. */
  {
    g_autoptr(RosterTestPage) page = roster_test_web_get (web, "/signup");
    const char *fields[] = { "first_name", "last_name", "email", "password", "password2", "key" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *label = g_strdup_printf ("<label for=\"%s\">", fields[i]);
        g_autofree char *input = g_strdup_printf ("<input id=\"%s\" name=\"%s\"", fields[i], fields[i]);

        g_assert_true (roster_test_page_has (page, label));
        g_assert_true (roster_test_page_has (page, input));
      }
  }

  /* The style sheet is served. */
  {
    g_autoptr(RosterTestPage) css = roster_test_web_get (web, "/web/style.css");

    g_assert_cmpuint (css->status, ==, 200);
    g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (css->headers, NULL), "text/css"));
  }
}

/* A form posted without the token of its page, with another browser's
 * token, or not as a form, does nothing. */
static void
test_csrf (RosterTestFixture *fixture,
           gconstpointer      data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestWeb) other = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) form = roster_test_web_get (web, "/login");
  g_autoptr(RosterTestPage) other_form = roster_test_web_get (other, "/login");
  g_autofree char *other_token = roster_test_page_input (other_form, "csrf");
  g_autofree char *forged = NULL;
  g_autoptr(RosterTestPage) page = NULL;

  /* No token. */
  page = roster_test_web_post_raw (web, "/login", "application/x-www-form-urlencoded",
                                   "username=admin&password=whatever-it-is");
  g_assert_cmpuint (page->status, ==, 403);
  g_assert_true (roster_test_page_has (page, "Nothing was changed"));
  g_clear_pointer (&page, roster_test_page_free);

  /* Another browser's token (its cookie differs). */
  forged = g_strdup_printf ("csrf=%s&username=admin&password=whatever-it-is", other_token);
  page = roster_test_web_post_raw (web, "/login", "application/x-www-form-urlencoded", forged);
  g_assert_cmpuint (page->status, ==, 403);
  g_clear_pointer (&page, roster_test_page_free);

  /* Not a form. */
  page = roster_test_web_post_raw (web, "/login", "application/json", "{\"username\":\"admin\"}");
  g_assert_cmpuint (page->status, ==, 415);
  g_clear_pointer (&page, roster_test_page_free);

  /* The browser's own token works (and the wrong password is an
   * ordinary failed sign-in). */
  page = roster_test_web_post (web, "/login", "username", "admin", "password", "not the password", NULL);
  g_assert_cmpuint (page->status, ==, 401);
  g_assert_true (roster_test_page_has (page, "The username or password is incorrect."));
}

/* What a visitor puts into a page comes back as text, never as markup. */
static void
test_escaping (RosterTestFixture *fixture,
               gconstpointer      data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autoptr(RosterTestPage) form = NULL;
  g_autofree char *value = NULL;

  page = roster_test_web_get (web, "/signup?key=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
  g_assert_false (roster_test_page_has (page, "<script>"));
  g_assert_true (roster_test_page_has (page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  value = roster_test_page_input (page, "key");
  g_assert_cmpstr (value, ==, "<script>alert(1)</script>");
  g_clear_pointer (&page, roster_test_page_free);

  form = roster_test_web_get (web, "/signup");
  page = roster_test_web_post (web, "/signup",
                               "first_name", "<script>alert(1)</script>",
                               "last_name", "\"><img src=x onerror=alert(1)>",
                               "email", "not an address",
                               "password", "short", "password2", "short",
                               "key", "", NULL);
  g_assert_cmpuint (page->status, ==, 422);
  g_assert_false (roster_test_page_has (page, "<script>"));
  g_assert_false (roster_test_page_has (page, "<img"));
  g_assert_true (roster_test_page_has (page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  /* Each problem is tied to its field, and summed up at the top. */
  g_assert_true (roster_test_page_has (page, "aria-describedby=\"email-error\""));
  g_assert_true (roster_test_page_has (page, "aria-invalid=\"true\""));
  g_assert_true (roster_test_page_has (page, "<a href=\"#key\">"));
  g_assert_true (roster_test_page_has (page, "Enter the enrolment key."));
}

/* The account page needs a session; signing in gives one, signing out
 * ends it. */
static void
test_sign_in (RosterTestFixture *fixture,
              gconstpointer      data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autofree char *cookie = NULL;

  page = roster_test_web_get (web, "/account");
  g_assert_true (g_str_has_suffix (page->uri, "/login"));
  g_clear_pointer (&page, roster_test_page_free);

  /* The site's root leads there too. */
  page = roster_test_web_get (web, "/");
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_suffix (page->uri, "/login"));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/login", "username", "admin", "password", ROSTER_DEMO_ADMIN_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_suffix (page->uri, "/account"));
  g_assert_true (roster_test_page_has (page, "My courses"));
  cookie = roster_test_web_cookie (web, "__Host-roster-session");
  g_assert_nonnull (cookie);
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/logout", NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_clear_pointer (&page, roster_test_page_free);

  /* The old session is over, even if a copy of the cookie is kept. */
  {
    g_autofree char *bearer = g_strdup (cookie);
    g_autoptr(RosterTestResponse) me = roster_test_get (fixture->server, "/api/v1/me", bearer);

    g_assert_cmpuint (me->status, ==, 401);
  }
  page = roster_test_web_get (web, "/account");
  g_assert_true (g_str_has_suffix (page->uri, "/login"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/web/forms", test_forms);
  ROSTER_TEST_ADD_WITH_DEMO ("/web/csrf", test_csrf);
  ROSTER_TEST_ADD_WITH_DEMO ("/web/escaping", test_escaping);
  ROSTER_TEST_ADD_WITH_DEMO ("/web/sign-in", test_sign_in);

  return g_test_run ();
}
