/* test-web-signup.c: external users sign up with a key, through the
 * real forms of a real server, and read their mail from a real SMTP sink
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmime/gmime.h>

#include "test-web-util.h"

/* Seeds 000 and 001: from a token link to being enrolled as Guest, in
 * the key's group, with the key's use counted; then the account page. */
static void
test_token_link (WebFixture    *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestResponse) group = NULL;
  g_autoptr(RosterTestPage) page = NULL;
  g_autoptr(JsonObject) participant = NULL;
  g_autofree char *key_json = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;
  const char *email = "Zhang.Wei@partner.example";
  g_autofree char *groups_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/groups",
                                                  fixture->course_id);
  gint64 group_id, key_id;

  group = roster_test_post_json (fixture->server, groups_path, fixture->admin,
                                 "{\"name\": \"Partners\"}");
  g_assert_cmpuint (group->status, ==, 201);
  group_id = json_object_get_int_member (roster_test_response_object (group), "id");
  key_json = g_strdup_printf ("{\"nickname\": \"Partners 2027\", \"group_id\": %" G_GINT64_FORMAT "}", group_id);
  secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\", \"name\": \"Partners\"}",
                         key_json, NULL, &key_id);

  /* The token link names the course at once. */
  escaped = g_uri_escape_string (secret, NULL, FALSE);
  path = g_strdup_printf ("/signup?key=%s", escaped);
  page = roster_test_web_get (web, path);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "You are signing up for Introduction to Programming."));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/signup", "first_name", "伟", "last_name", "<script>alert(1)</script>",
                               "email", email, "password", WEB_PASSWORD, "password2", WEB_PASSWORD,
                               "key", secret, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Check your e-mail"));
  g_clear_pointer (&page, roster_test_page_free);

  /* A pending account: no enrolment yet. */
  g_assert_cmpuint (web_count_users (fixture, email), ==, 1);
  g_assert_null (web_participant (fixture, fixture->course_id, email));

  text = web_next_mail (fixture, &to, &subject);
  g_assert_cmpstr (to, ==, email);
  g_assert_nonnull (strstr (text, "Introduction to Programming"));
  link = web_link (text, "/confirm?t=");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&to, g_free);

  /* Signing in before confirming sends the link again, and says so. */
  page = roster_test_web_get (web, "/login");
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/login", "username", email, "password", WEB_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 403);
  g_assert_true (roster_test_page_has (page, "We have sent the confirmation e-mail again"));
  g_clear_pointer (&page, roster_test_page_free);
  text = web_next_mail (fixture, &to, NULL);
  g_assert_cmpstr (to, ==, email);
  g_assert_nonnull (strstr (text, "/confirm?t="));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&to, g_free);

  /* The first link still works: a button confirms. */
  page = roster_test_web_get (web, link);
  g_assert_cmpuint (page->status, ==, 200);
  token = roster_test_page_input (page, "t");
  g_assert_nonnull (token);
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/confirm", "t", token, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Enrolled in Introduction to Programming as guest, in the group Partners."));
  g_clear_pointer (&page, roster_test_page_free);

  /* The welcome mail. */
  text = web_next_mail (fixture, &to, NULL);
  g_assert_cmpstr (to, ==, email);
  g_assert_nonnull (strstr (text, "Introduction to Programming"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&to, g_free);

  /* Single use. */
  page = roster_test_web_post (web, "/confirm", "t", token, NULL);
  g_assert_cmpuint (page->status, ==, 410);
  g_assert_true (roster_test_page_has (page, "This link has already been used."));
  g_clear_pointer (&page, roster_test_page_free);

  participant = web_participant (fixture, fixture->course_id, email);
  g_assert_nonnull (participant);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (participant, "roles"), 0), ==, "guest");
  g_assert_cmpstr (json_object_get_string_member (participant, "type"), ==, "external");
  g_assert_cmpstr (json_object_get_string_member (participant, "key_nickname"), ==, "Partners 2027");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (participant, "groups"), 0), "id"), ==, group_id);

  {
    g_autofree char *key_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT, key_id);
    g_autoptr(RosterTestResponse) key = roster_test_request (fixture->server, "PATCH", key_path, fixture->admin,
                                                             "application/json", "{}");

    g_assert_cmpuint (key->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (roster_test_response_object (key), "uses"), ==, 1);
  }

  /* Sign in with the address; the account page shows the course, the
   * name escaped. */
  page = roster_test_web_post (web, "/login", "username", email, "password", WEB_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (g_str_has_suffix (page->uri, "/account"));
  g_assert_true (roster_test_page_has (page, "Introduction to Programming"));
  g_assert_true (roster_test_page_has (page, "Guest"));
  g_assert_true (roster_test_page_has (page, "伟 &lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_false (roster_test_page_has (page, "<script>"));
  g_clear_pointer (&page, roster_test_page_free);

  /* Seed 002: the owner asks for removal; administrators see it. */
  page = roster_test_web_post (web, "/account/removal", "reason", "Project finished", NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Your request has been sent."));
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/account/removal", "reason", "", NULL);
  g_assert_true (roster_test_page_has (page, "You have already asked"));

  {
    g_autoptr(RosterTestResponse) requests = roster_test_get (fixture->server, "/api/v1/removal-requests",
                                                              fixture->admin);
    JsonArray *list = json_object_get_array_member (roster_test_response_object (requests), "removal_requests");
    JsonObject *request;

    /* After the demo's own pending request, which is older. */
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    request = json_array_get_object_element (list, 1);
    g_assert_cmpstr (json_object_get_string_member (request, "reason"), ==, "Project finished");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "user"), "email"),
                     ==, email);
  }
}

/* The address of an active account: sign in to enrol, no new account. */
static void
test_existing_account (WebFixture    *fixture,
                       gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestResponse) created = NULL;
  g_autoptr(RosterTestPage) page = NULL;
  g_autoptr(JsonObject) participant = NULL;
  g_autofree char *secret = NULL;
  const char *email = "vera.lecturer@visiting.example";

  created = roster_test_post_json (fixture->server, "/api/v1/users", fixture->admin,
                                   "{\"username\": \"v.lecturer\", \"email\": \"vera.lecturer@visiting.example\","
                                   " \"first_name\": \"Vera\", \"last_name\": \"Lecturer\", \"type\": \"external\","
                                   " \"password\": \"" WEB_PASSWORD "\"}");
  g_assert_cmpuint (created->status, ==, 201);
  secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\", \"default_role\": \"external_moderator\"}",
                         "{\"nickname\": \"Moderators\"}", NULL, NULL);

  /* The address in another case is the same account. */
  page = web_signup (web, "Vera", "Lecturer", "Vera.Lecturer@Visiting.example", "some other password", secret);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Sign in to enrol"));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/signup/enrol", "email", "Vera.Lecturer@Visiting.example", "key", secret,
                               "password", "not her password at all", NULL);
  g_assert_cmpuint (page->status, ==, 401);
  g_assert_true (roster_test_page_has (page, "The username or password is incorrect."));
  g_clear_pointer (&page, roster_test_page_free);

  page = roster_test_web_post (web, "/signup/enrol", "email", "Vera.Lecturer@Visiting.example", "key", secret,
                               "password", WEB_PASSWORD, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Enrolled in Introduction to Programming as external moderator."));
  g_clear_pointer (&page, roster_test_page_free);

  g_assert_cmpuint (web_count_users (fixture, email), ==, 1);
  participant = web_participant (fixture, fixture->course_id, email);
  g_assert_nonnull (participant);
  g_assert_cmpstr (json_object_get_string_member (participant, "username"), ==, "v.lecturer");

  /* A welcome mail, and no confirmation mail. */
  {
    g_autofree char *to = NULL;
    g_autofree char *text = web_next_mail (fixture, &to, NULL);

    g_assert_cmpstr (to, ==, email);
    g_assert_null (strstr (text, "/confirm?t="));
  }

  /* Once more: already enrolled. */
  page = web_signup (web, "Vera", "Lecturer", email, WEB_PASSWORD, secret);
  g_assert_cmpuint (page->status, ==, 409);
  g_assert_true (roster_test_page_has (page, "You are already enrolled in this course."));
  g_clear_pointer (&page, roster_test_page_free);

  /* Signed in now, another course's token link needs only a click. */
  {
    g_autoptr(RosterTestResponse) courses = roster_test_get (fixture->server, "/api/v1/courses?q=CS205",
                                                             fixture->admin);
    JsonObject *course = json_array_get_object_element (
      json_object_get_array_member (roster_test_response_object (courses), "courses"), 0);
    gint64 course_id = json_object_get_int_member (course, "id");
    g_autofree char *other = web_make_key (fixture, course_id, "{\"type\": \"self\"}",
                                           "{\"nickname\": \"Second course\"}", NULL, NULL);
    g_autofree char *escaped = g_uri_escape_string (other, NULL, FALSE);
    g_autofree char *path = g_strdup_printf ("/signup?key=%s", escaped);
    g_autofree char *expected = g_strdup_printf ("This key enrols you in %s.",
                                                 json_object_get_string_member (course, "full_name"));
    g_autoptr(JsonObject) second = NULL;

    page = roster_test_web_get (web, path);
    g_assert_cmpuint (page->status, ==, 200);
    g_assert_true (roster_test_page_has (page, "You are signed in as Vera Lecturer"));
    g_assert_true (roster_test_page_has (page, expected));
    g_clear_pointer (&page, roster_test_page_free);

    page = roster_test_web_post (web, "/signup/join", "key", other, NULL);
    g_assert_cmpuint (page->status, ==, 200);
    g_assert_true (roster_test_page_has (page, "You are enrolled"));
    g_clear_pointer (&page, roster_test_page_free);
    second = web_participant (fixture, course_id, email);
    g_assert_nonnull (second);

    page = roster_test_web_post (web, "/signup/join", "key", other, NULL);
    g_assert_cmpuint (page->status, ==, 409);
    g_assert_true (roster_test_page_has (page, "You are already enrolled in this course."));
    g_clear_pointer (&page, roster_test_page_free);

    page = roster_test_web_post (web, "/signup/join", "key", "NOT-THE-KEY-AT-ALL", NULL);
    g_assert_cmpuint (page->status, ==, 422);
    g_assert_true (roster_test_page_has (page, "This enrolment key is not correct."));
  }
}

typedef struct
{
  const char *name;
  const char *method;
  const char *key;
  const char *message;
} Refusal;

/* Each reason a key cannot be used: a clear message, and no account. */
static void
test_refusals (WebFixture    *fixture,
               gconstpointer  data)
{
  static const Refusal refusals[] = {
    { "inactive", "{\"type\": \"self\"}", "{\"nickname\": \"Off\", \"active\": false}",
      "This enrolment key is currently disabled." },
    { "expired", "{\"type\": \"self\"}", "{\"nickname\": \"Old\", \"expires_at\": \"2020-01-01T00:00:00Z\"}",
      "This enrolment key has expired." },
    { "method disabled", "{\"type\": \"self\", \"enabled\": false}", "{\"nickname\": \"K\"}",
      "Self-enrolment in this course is switched off at the moment." },
    { "not open", "{\"type\": \"self\", \"enrol_start\": \"2099-01-01T00:00:00Z\"}", "{\"nickname\": \"K\"}",
      "Enrolment in this course has not opened yet." },
    { "closed", "{\"type\": \"self\", \"enrol_start\": \"2019-01-01T00:00:00Z\", \"enrol_end\": \"2020-01-01T00:00:00Z\"}",
      "{\"nickname\": \"K\"}", "Enrolment in this course has closed." },
  };
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *secret = web_make_key (fixture, fixture->course_id, refusals[i].method, refusals[i].key,
                                              NULL, NULL);
      g_autofree char *email = g_strdup_printf ("refused%u@partner.example", i);
      g_autoptr(RosterTestPage) page = NULL;

      g_test_message ("%s", refusals[i].name);
      page = web_signup (web, "Refused", "Person", email, WEB_PASSWORD, secret);
      g_assert_cmpuint (page->status, ==, 422);
      g_assert_true (roster_test_page_has (page, refusals[i].message));
      g_assert_cmpuint (web_count_users (fixture, email), ==, 0);
    }

  /* A wrong key says nothing of keys elsewhere. */
  {
    g_autoptr(RosterTestPage) page = web_signup (web, "Refused", "Person", "wrong@partner.example",
                                                 WEB_PASSWORD, "NOT-A-REAL-KEY-AT-ALL");

    g_assert_cmpuint (page->status, ==, 422);
    g_assert_true (roster_test_page_has (page, "This enrolment key is not correct."));
    g_assert_cmpuint (web_count_users (fixture, "wrong@partner.example"), ==, 0);
  }
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 0);
}

/* Keys used up, courses full: the limits are counted at confirmation. */
static void
test_limits (WebFixture    *fixture,
             gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autofree char *once = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\"}",
                                        "{\"nickname\": \"Once\", \"max_uses\": 1}", NULL, NULL);
  g_autofree char *full = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\", \"max_enrolled\": 1}",
                                        "{\"nickname\": \"Small\"}", NULL, NULL);
  g_autoptr(RosterTestPage) page = NULL;

  page = web_signup_confirmed (fixture, web, "first@partner.example", once);
  g_assert_true (roster_test_page_has (page, "Enrolled in Introduction to Programming"));
  g_clear_pointer (&page, roster_test_page_free);
  g_free (web_next_mail (fixture, NULL, NULL));   /* welcome */

  page = web_signup (web, "Second", "Person", "second@partner.example", WEB_PASSWORD, once);
  g_assert_cmpuint (page->status, ==, 422);
  g_assert_true (roster_test_page_has (page, "This enrolment key has been used as many times as it may be."));
  g_clear_pointer (&page, roster_test_page_free);

  page = web_signup_confirmed (fixture, web, "third@partner.example", full);
  g_assert_true (roster_test_page_has (page, "Enrolled in Introduction to Programming"));
  g_clear_pointer (&page, roster_test_page_free);
  g_free (web_next_mail (fixture, NULL, NULL));   /* welcome */

  page = web_signup (web, "Fourth", "Person", "fourth@partner.example", WEB_PASSWORD, full);
  g_assert_cmpuint (page->status, ==, 422);
  g_assert_true (roster_test_page_has (page, "This course is full"));
  g_assert_cmpuint (web_count_users (fixture, "second@partner.example"), ==, 0);
  g_assert_cmpuint (web_count_users (fixture, "fourth@partner.example"), ==, 0);
}

/* A key disabled between sign-up and confirmation: the account is
 * confirmed, the enrolment refused with the reason. */
static void
test_disabled_meanwhile (WebFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(RosterTestPage) page = NULL;
  g_autoptr(RosterTestPage) button = NULL;
  g_autoptr(RosterTestResponse) patched = NULL;
  g_autofree char *text = NULL;
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;
  g_autofree char *key_path = NULL;
  gint64 key_id;
  g_autofree char *secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\"}",
                                          "{\"nickname\": \"Soon off\"}", NULL, &key_id);

  page = web_signup (web, "Late", "Person", "late@partner.example", WEB_PASSWORD, secret);
  g_assert_cmpuint (page->status, ==, 200);
  text = web_next_mail (fixture, NULL, NULL);
  link = web_link (text, "/confirm?t=");

  key_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT, key_id);
  patched = roster_test_request (fixture->server, "PATCH", key_path, fixture->admin, "application/json",
                                 "{\"active\": false}");
  g_assert_cmpuint (patched->status, ==, 200);

  button = roster_test_web_get (web, link);
  token = roster_test_page_input (button, "t");
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/confirm", "t", token, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Your account is confirmed"));
  g_assert_true (roster_test_page_has (page, "Not enrolled in Introduction to Programming: This enrolment key is currently disabled."));
  g_assert_null (web_participant (fixture, fixture->course_id, "late@partner.example"));
}

/* Signing up again while waiting: the link again, no second account. */
static void
test_pending_again (WebFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autofree char *secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\"}",
                                          "{\"nickname\": \"Again\"}", NULL, NULL);
  g_autoptr(RosterTestPage) page = NULL;
  const char *email = "again@partner.example";

  page = web_signup (web, "Again", "Person", email, WEB_PASSWORD, secret);
  g_assert_cmpuint (page->status, ==, 200);
  g_free (web_next_mail (fixture, NULL, NULL));
  g_clear_pointer (&page, roster_test_page_free);

  page = web_signup (web, "Again", "Person", email, WEB_PASSWORD, secret);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "is waiting to be confirmed"));
  g_free (web_next_mail (fixture, NULL, NULL));

  /* The resend button of the page; and the same answer for an address
   * nobody has, which gets no mail. */
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/signup/resend", "email", email, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "If this address has an account waiting"));
  g_free (web_next_mail (fixture, NULL, NULL));
  g_clear_pointer (&page, roster_test_page_free);
  page = roster_test_web_post (web, "/signup/resend", "email", "nobody@partner.example", NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "If this address has an account waiting"));

  g_assert_cmpuint (web_count_users (fixture, email), ==, 1);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 3);
}

/* Methods that ask for it tell the site admins and the course's module
 * leaders of each external enrolment. */
static void
test_notify (WebFixture    *fixture,
             gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autoptr(GHashTable) recipients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *secret = web_make_key (fixture, fixture->course_id,
                                          "{\"type\": \"self\", \"notify_admins\": true, "
                                          "\"welcome_message\": \"Welcome aboard: the reading list is on the wiki.\"}",
                                          "{\"nickname\": \"Told\"}", NULL, NULL);
  g_autoptr(RosterTestPage) page = web_signup_confirmed (fixture, web, "told@partner.example", secret);
  gboolean welcome_seen = FALSE;
  guint total;

  g_assert_cmpuint (page->status, ==, 200);

  /* The welcome mail and the notifications, in whatever order. */
  g_assert_true (roster_test_smtp_sink_wait (fixture->sink, fixture->mail_seen + 2, 60));
  total = roster_test_smtp_sink_count (fixture->sink);
  while (fixture->mail_seen < total)
    {
      g_autofree char *to = NULL;
      g_autofree char *text = web_next_mail (fixture, &to, NULL);

      if (g_str_equal (to, "told@partner.example"))
        {
          g_assert_nonnull (strstr (text, "Welcome aboard: the reading list is on the wiki."));
          welcome_seen = TRUE;
        }
      else
        {
          g_assert_nonnull (strstr (text, "told@partner.example"));
          g_assert_false (g_hash_table_contains (recipients, to));
          g_hash_table_add (recipients, g_steal_pointer (&to));
        }
    }
  g_assert_true (welcome_seen);
  g_assert_true (g_hash_table_contains (recipients, "admin@uni.example"));
}

#define TIGHT_LIMITS "[web]\nsignup-rate-limit = 3\nkey-rate-limit = 100\n"
#define TIGHT_KEY_LIMIT "[web]\nsignup-rate-limit = 100\nkey-rate-limit = 2\n"

/* Per address: the fourth attempt in the window is refused, readably,
 * and changes nothing. */
static void
test_rate_limit_address (WebFixture    *fixture,
                         gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RosterTestPage) page = web_signup (web, "Many", "Tries", "tries@partner.example",
                                                   WEB_PASSWORD, "WRONG-KEY-NUMBER-ONE");

      if (i < 3)
        g_assert_cmpuint (page->status, ==, 422);
      else
        {
          g_assert_cmpuint (page->status, ==, 429);
          g_assert_nonnull (soup_message_headers_get_one (page->headers, "Retry-After"));
          g_assert_true (roster_test_page_has (page, "too many attempts"));
          g_assert_true (roster_test_page_has (page, "Nothing was changed."));
        }
    }
}

/* Per key: a key used too often in the window is held back. */
static void
test_rate_limit_key (WebFixture    *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (fixture->server);
  g_autofree char *secret = web_make_key (fixture, fixture->course_id, "{\"type\": \"self\"}",
                                          "{\"nickname\": \"Busy\"}", NULL, NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *email = g_strdup_printf ("busy%u@partner.example", i);
      g_autoptr(RosterTestPage) page = web_signup (web, "Busy", "Key", email, WEB_PASSWORD, secret);

      g_assert_cmpuint (page->status, ==, i < 2 ? 200 : 429);
      if (i == 2)
        g_assert_cmpuint (web_count_users (fixture, email), ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  WEB_TEST_ADD ("/web/signup/token-link", test_token_link, NULL);
  WEB_TEST_ADD ("/web/signup/existing-account", test_existing_account, NULL);
  WEB_TEST_ADD ("/web/signup/refusals", test_refusals, NULL);
  WEB_TEST_ADD ("/web/signup/limits", test_limits, NULL);
  WEB_TEST_ADD ("/web/signup/disabled-meanwhile", test_disabled_meanwhile, NULL);
  WEB_TEST_ADD ("/web/signup/pending-again", test_pending_again, NULL);
  WEB_TEST_ADD ("/web/signup/notify", test_notify, NULL);
  WEB_TEST_ADD ("/web/signup/rate-limit-address", test_rate_limit_address, TIGHT_LIMITS);
  WEB_TEST_ADD ("/web/signup/rate-limit-key", test_rate_limit_key, TIGHT_KEY_LIMIT);

  return g_test_run ();
}
