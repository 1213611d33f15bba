/* test-server-users.c: user administration, erasure and removal
 * requests, against a real server with the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

#define ADMIN_PASSWORD ROSTER_DEMO_ADMIN_PASSWORD
#define DEMO_PASSWORD  ROSTER_DEMO_PASSWORD

/* ---- helpers ---- */

static char *
admin_login (RosterTestServer *server)
{
  return roster_test_login (server, "admin", ADMIN_PASSWORD);
}

static JsonArray *
users_of (RosterTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_array_member (roster_test_response_object (response), "users");
}

static JsonObject *
find_user (JsonArray  *users,
           const char *username)
{
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_strcmp0 (json_object_get_string_member (user, "username"), username) == 0)
        return user;
    }

  return NULL;
}

/* The id of a demo person, looked up as an administrator would. */
static gint64
user_id (RosterTestServer *server,
         const char       *token,
         const char       *username)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/users?q=%s", username);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonObject *user = find_user (users_of (response), username);

  g_assert_nonnull (user);
  return json_object_get_int_member (user, "id");
}

static RosterTestResponse *
user_request (RosterTestServer *server,
              const char       *method,
              gint64            id,
              const char       *action,
              const char       *token,
              const char       *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT "%s%s",
                                           id, action ? "/" : "", action ? action : "");

  return roster_test_request (server, method, path, token, body ? "application/json" : NULL, body);
}

static guint
login_status (RosterTestServer *server,
              const char       *username,
              const char       *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}", username, password);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, "/api/v1/auth/login", NULL, body);

  return response->status;
}

static const char *
error_message (RosterTestResponse *response)
{
  JsonObject *root = roster_test_response_object (response);

  return json_object_get_string_member (json_object_get_object_member (root, "error"), "message");
}

/* Whether any recent event of the person has @action. */
static JsonObject *
find_event (JsonObject *details,
            const char *action)
{
  JsonArray *events = json_object_get_array_member (details, "recent_events");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "action"), action) == 0)
        return event;
    }

  return NULL;
}

/* ---- listing and finding ---- */

static void
test_list_admin (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  g_autofree char *prev_last = NULL;
  guint pages = 0;
  gboolean done = FALSE;

  /* Every account once, in pages, sorted by last name. */
  while (!done)
    {
      g_autofree char *path = cursor ? g_strdup_printf ("/api/v1/users?limit=50&cursor=%s", cursor)
                                     : g_strdup ("/api/v1/users?limit=50");
      g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
      JsonArray *users = users_of (response);
      JsonObject *root = roster_test_response_object (response);

      g_assert_cmpuint (json_array_get_length (users), <=, 50);
      for (guint i = 0; i < json_array_get_length (users); i++)
        {
          JsonObject *user = json_array_get_object_element (users, i);
          gint64 *id = g_new (gint64, 1);
          const char *last = json_object_get_string_member (user, "last_name");

          *id = json_object_get_int_member (user, "id");
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          if (prev_last != NULL)
            g_assert_cmpint (g_ascii_strcasecmp (prev_last, last), <=, 0);
          g_free (prev_last);
          prev_last = g_strdup (last);
          /* Full JSON for administrators. */
          g_assert_true (json_object_has_member (user, "state"));
          g_assert_true (json_object_has_member (user, "site_admin"));
        }

      g_clear_pointer (&cursor, g_free);
      if (json_object_get_null_member (root, "next_cursor"))
        done = TRUE;
      else
        cursor = g_strdup (json_object_get_string_member (root, "next_cursor"));
      pages++;
    }

  /* 12 named people, 30 staff, 320 students, 44 externals. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, 406);
  g_assert_cmpuint (pages, ==, 9);
}

static void
test_list_filters (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autoptr(RosterTestResponse) pending = roster_test_get (server, "/api/v1/users?state=pending", token);
  g_autoptr(RosterTestResponse) pending_staff =
    roster_test_get (server, "/api/v1/users?state=pending&type=staff", token);
  g_autoptr(RosterTestResponse) accent = roster_test_get (server, "/api/v1/users?q=NOVAK", token);
  g_autoptr(RosterTestResponse) hanzi = roster_test_get (server, "/api/v1/users?q=%E9%99%88", token);
  g_autoptr(RosterTestResponse) email = roster_test_get (server, "/api/v1/users?q=ngozi.okoro%40mail", token);
  g_autoptr(RosterTestResponse) percent = roster_test_get (server, "/api/v1/users?q=%25", token);
  g_autoptr(RosterTestResponse) bad_state = roster_test_get (server, "/api/v1/users?state=gone", token);
  g_autoptr(RosterTestResponse) bad_type = roster_test_get (server, "/api/v1/users?type=robot", token);
  g_autoptr(RosterTestResponse) bad_limit = roster_test_get (server, "/api/v1/users?limit=0", token);
  g_autoptr(RosterTestResponse) big_limit = roster_test_get (server, "/api/v1/users?limit=1001", token);
  g_autoptr(RosterTestResponse) bad_cursor = roster_test_get (server, "/api/v1/users?cursor=WzFd", token);
  JsonArray *users;

  users = users_of (pending);
  g_assert_cmpuint (json_array_get_length (users), ==, 5);
  g_assert_nonnull (find_user (users, "n.okoro"));
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      g_assert_cmpstr (json_object_get_string_member (user, "state"), ==, "pending");
      g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "external");
    }
  g_assert_cmpuint (json_array_get_length (users_of (pending_staff)), ==, 0);

  /* Without regard to case or accents: "NOVAK" finds Novák. */
  g_assert_nonnull (find_user (users_of (accent), "d.novak"));
  /* A plain substring for Chinese: 陈 finds 陈明 (m.chen). */
  g_assert_nonnull (find_user (users_of (hanzi), "m.chen"));
  g_assert_cmpuint (json_array_get_length (users_of (email)), ==, 1);
  /* "%" is looked for, not used as a wildcard. */
  g_assert_cmpuint (json_array_get_length (users_of (percent)), ==, 0);

  g_assert_cmpuint (bad_state->status, ==, 400);
  g_assert_cmpstr (roster_test_response_error_code (bad_state), ==, "invalid_request");
  g_assert_cmpuint (bad_type->status, ==, 400);
  g_assert_cmpuint (bad_limit->status, ==, 400);
  g_assert_cmpuint (big_limit->status, ==, 400);
  g_assert_cmpuint (bad_cursor->status, ==, 400);
}

/* Module leaders and professional staff may look people up to enrol
 * them: a few active people, and only what enrolling needs. */
static void
test_finder (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "m.chen", DEMO_PASSWORD);
  g_autofree char *pro = roster_test_login (server, "s.taylor", DEMO_PASSWORD);
  g_autofree char *teacher = roster_test_login (server, "j.okafor", DEMO_PASSWORD);
  g_autofree char *student = roster_test_login (server, "k.zhang", DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) found = roster_test_get (server, "/api/v1/users?q=Fischer", leader);
  g_autoptr(RosterTestResponse) by_pro = roster_test_get (server, "/api/v1/users?q=rachel.fischer", pro);
  g_autoptr(RosterTestResponse) many = roster_test_get (server, "/api/v1/users?q=example", leader);
  g_autoptr(RosterTestResponse) pending = roster_test_get (server, "/api/v1/users?q=okoro", leader);
  g_autoptr(RosterTestResponse) suspended = roster_test_get (server, "/api/v1/users?q=t.ivanova", leader);
  g_autoptr(RosterTestResponse) typed = roster_test_get (server, "/api/v1/users?q=example&type=staff", leader);
  g_autoptr(RosterTestResponse) short_q = roster_test_get (server, "/api/v1/users?q=%20f%20", leader);
  g_autoptr(RosterTestResponse) no_q = roster_test_get (server, "/api/v1/users", leader);
  g_autoptr(RosterTestResponse) by_state = roster_test_get (server, "/api/v1/users?q=fischer&state=active", leader);
  g_autoptr(RosterTestResponse) by_lock = roster_test_get (server, "/api/v1/users?q=fischer&locked=true", leader);
  g_autoptr(RosterTestResponse) big = roster_test_get (server, "/api/v1/users?q=fischer&limit=21", leader);
  g_autoptr(RosterTestResponse) by_teacher = roster_test_get (server, "/api/v1/users?q=fischer", teacher);
  g_autoptr(RosterTestResponse) by_student = roster_test_get (server, "/api/v1/users?q=fischer", student);
  g_autoptr(GList) members = NULL;
  JsonArray *users;
  JsonObject *person;

  users = users_of (found);
  g_assert_cmpuint (json_array_get_length (users), ==, 1);
  person = json_array_get_object_element (users, 0);
  g_assert_cmpstr (json_object_get_string_member (person, "username"), ==, "r.fischer");
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==, "rachel.fischer@partner.example");
  g_assert_cmpstr (json_object_get_string_member (person, "type"), ==, "external");
  members = json_object_get_members (person);
  g_assert_cmpuint (g_list_length (members), ==, 6);
  g_assert_false (json_object_has_member (person, "state"));
  g_assert_false (json_object_has_member (person, "site_admin"));
  g_assert_false (json_object_has_member (person, "locked_until"));
  g_assert_false (json_object_has_member (person, "last_access"));

  g_assert_cmpuint (json_array_get_length (users_of (by_pro)), ==, 1);

  /* At most 20, and no way to page further. */
  g_assert_cmpuint (json_array_get_length (users_of (many)), ==, 20);
  g_assert_true (json_object_get_null_member (roster_test_response_object (many), "next_cursor"));

  /* Only active people. */
  g_assert_null (find_user (users_of (pending), "n.okoro"));
  g_assert_null (find_user (users_of (suspended), "t.ivanova"));

  users = users_of (typed);
  g_assert_cmpuint (json_array_get_length (users), >, 0);
  for (guint i = 0; i < json_array_get_length (users); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, i), "type"), ==, "staff");

  g_assert_cmpuint (short_q->status, ==, 400);
  g_assert_cmpuint (no_q->status, ==, 400);
  g_assert_cmpuint (by_state->status, ==, 403);
  g_assert_cmpuint (by_lock->status, ==, 403);
  g_assert_cmpuint (big->status, ==, 400);

  /* Teachers and students enrol nobody. */
  g_assert_cmpuint (by_teacher->status, ==, 403);
  g_assert_cmpstr (roster_test_response_error_code (by_teacher), ==, "forbidden");
  g_assert_cmpuint (by_student->status, ==, 403);
}

/* ---- creating and changing ---- */

static void
test_create (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autofree char *leader = roster_test_login (server, "m.chen", DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) created = NULL;
  g_autoptr(RosterTestResponse) no_password = NULL;
  g_autoptr(RosterTestResponse) same_name = NULL;
  g_autoptr(RosterTestResponse) same_email = NULL;
  g_autoptr(RosterTestResponse) invalid = NULL;
  g_autoptr(RosterTestResponse) reserved = NULL;
  g_autoptr(RosterTestResponse) by_leader = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  JsonObject *user, *error;
  JsonArray *problems;
  g_autofree char *location = NULL;

  created = roster_test_post_json (server, "/api/v1/users", token,
                                   "{\"username\": \"v.lecturer\", \"email\": \"Vera.Lecturer@Visiting.example\","
                                   " \"first_name\": \" Vera \", \"last_name\": \"Lecturer\", \"type\": \"external\","
                                   " \"password\": \"a long enough passphrase\"}");
  g_assert_cmpuint (created->status, ==, 201);
  user = roster_test_response_object (created);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "v.lecturer");
  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "Vera");
  g_assert_cmpstr (json_object_get_string_member (user, "state"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "external");
  g_assert_false (json_object_get_boolean_member (user, "site_admin"));
  g_assert_false (json_object_get_boolean_member (user, "previously_erased"));
  location = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT, json_object_get_int_member (user, "id"));
  g_assert_cmpstr (soup_message_headers_get_one (created->headers, "Location"), ==, location);

  /* Made by an administrator: active at once, no confirmation. */
  g_assert_cmpuint (login_status (server, "v.lecturer", "a long enough passphrase"), ==, 200);

  details = roster_test_get (server, location, token);
  g_assert_nonnull (find_event (roster_test_response_object (details), "user.created"));

  /* Without a password nobody can sign in until one is set. */
  no_password = roster_test_post_json (server, "/api/v1/users", token,
                                       "{\"username\": \"w.nopass\", \"email\": \"w@nopass.example\","
                                       " \"first_name\": \"W\", \"last_name\": \"\", \"type\": \"staff\"}");
  g_assert_cmpuint (no_password->status, ==, 201);
  g_assert_cmpuint (login_status (server, "w.nopass", "whatever it may be"), ==, 401);

  /* Usernames and addresses are one person whatever their case. */
  same_name = roster_test_post_json (server, "/api/v1/users", token,
                                     "{\"username\": \"K.ZHANG\", \"email\": \"someone@else.example\","
                                     " \"first_name\": \"K\", \"last_name\": \"Z\", \"type\": \"student\"}");
  g_assert_cmpuint (same_name->status, ==, 409);
  g_assert_cmpstr (roster_test_response_error_code (same_name), ==, "conflict");
  same_email = roster_test_post_json (server, "/api/v1/users", token,
                                      "{\"username\": \"kz2\", \"email\": \"K.Zhang@Student.Uni.Example\","
                                      " \"first_name\": \"K\", \"last_name\": \"Z\", \"type\": \"student\"}");
  g_assert_cmpuint (same_email->status, ==, 409);

  /* Every problem at once, each naming its field. */
  invalid = roster_test_post_json (server, "/api/v1/users", token,
                                   "{\"username\": \"has space\", \"email\": \"a@b@c\", \"first_name\": \"A\","
                                   " \"last_name\": \"B\", \"type\": \"robot\", \"password\": \"short\","
                                   " \"colour\": \"blue\"}");
  g_assert_cmpuint (invalid->status, ==, 422);
  g_assert_cmpstr (roster_test_response_error_code (invalid), ==, "validation_failed");
  error = json_object_get_object_member (roster_test_response_object (invalid), "error");
  problems = json_object_get_array_member (error, "details");
  g_assert_cmpuint (json_array_get_length (problems), ==, 5);
  {
    const char *fields[] = { "colour", "username", "email", "type", "password" };

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, i), "field"),
                       ==, fields[i]);
  }

  reserved = roster_test_post_json (server, "/api/v1/users", token,
                                    "{\"username\": \"Erased-12\", \"email\": \"r@reserved.example\","
                                    " \"first_name\": \"R\", \"last_name\": \"R\", \"type\": \"staff\"}");
  g_assert_cmpuint (reserved->status, ==, 422);

  by_leader = roster_test_post_json (server, "/api/v1/users", leader,
                                     "{\"username\": \"x.y\", \"email\": \"x@y.example\","
                                     " \"first_name\": \"X\", \"last_name\": \"Y\", \"type\": \"staff\"}");
  g_assert_cmpuint (by_leader->status, ==, 403);
}

static void
test_get_details (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autofree char *student = roster_test_login (server, "k.zhang", DEMO_PASSWORD);
  gint64 kzhang = user_id (server, token, "k.zhang");
  gint64 dnovak = user_id (server, token, "d.novak");
  g_autoptr(RosterTestResponse) response = user_request (server, "GET", kzhang, NULL, token, NULL);
  g_autoptr(RosterTestResponse) locked = user_request (server, "GET", dnovak, NULL, token, NULL);
  g_autoptr(RosterTestResponse) missing = roster_test_get (server, "/api/v1/users/999999", token);
  g_autoptr(RosterTestResponse) junk = roster_test_get (server, "/api/v1/users/abc", token);
  g_autoptr(RosterTestResponse) by_student = user_request (server, "GET", kzhang, NULL, student, NULL);
  JsonObject *user, *enrolment, *course, *event;
  JsonArray *enrolments;

  g_assert_cmpuint (response->status, ==, 200);
  user = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "k.zhang");
  g_assert_cmpint (json_object_get_int_member (user, "failed_logins"), ==, 0);

  enrolments = json_object_get_array_member (user, "enrolments");
  g_assert_cmpuint (json_array_get_length (enrolments), ==, 2);
  enrolment = json_array_get_object_element (enrolments, 0);
  course = json_object_get_object_member (enrolment, "course");
  g_assert_cmpstr (json_object_get_string_member (course, "short_name"), ==, "CS101");
  g_assert_cmpstr (json_object_get_string_member (course, "full_name"), ==, "Introduction to Programming");
  g_assert_cmpstr (json_object_get_string_member (enrolment, "role"), ==, "student");
  g_assert_cmpstr (json_object_get_string_member (enrolment, "status"), ==, "active");
  g_assert_nonnull (json_object_get_string_member (enrolment, "enrolled_at"));

  /* Their own sign-in is among the events about them. */
  event = find_event (user, "auth.login");
  g_assert_nonnull (event);
  g_assert_cmpint (json_object_get_int_member (event, "actor_id"), ==, kzhang);
  g_assert_true (json_object_get_null_member (event, "course_id"));

  g_assert_cmpuint (locked->status, ==, 200);
  user = roster_test_response_object (locked);
  g_assert_cmpint (json_object_get_int_member (user, "failed_logins"), ==, 5);
  g_assert_nonnull (json_object_get_string_member (user, "locked_until"));

  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (junk->status, ==, 404);
  g_assert_cmpuint (by_student->status, ==, 403);
}

static void
test_patch (RosterTestFixture *fixture,
            gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  gint64 kzhang = user_id (server, token, "k.zhang");
  gint64 admin = user_id (server, token, "admin");
  gint64 staylor = user_id (server, token, "s.taylor");
  g_autoptr(RosterTestResponse) changed = NULL;
  g_autoptr(RosterTestResponse) found = NULL;
  g_autoptr(RosterTestResponse) clash = NULL;
  g_autoptr(RosterTestResponse) unknown = NULL;
  g_autoptr(RosterTestResponse) empty = NULL;
  g_autoptr(RosterTestResponse) last_admin = NULL;
  g_autoptr(RosterTestResponse) promoted = NULL;
  g_autoptr(RosterTestResponse) demoted = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  g_autoptr(RosterTestResponse) missing = NULL;
  JsonObject *user, *event;

  changed = user_request (server, "PATCH", kzhang, NULL, token,
                          "{\"first_name\": \"Kai\", \"last_name\": \"Zhang\","
                          " \"email\": \"kai.zhang@student.uni.example\", \"type\": \"external\"}");
  g_assert_cmpuint (changed->status, ==, 200);
  user = roster_test_response_object (changed);
  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "Kai");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "kai.zhang@student.uni.example");
  g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "external");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "k.zhang");

  /* Found under the new name; the address signs in too. */
  found = roster_test_get (server, "/api/v1/users?q=kai%20zhang", token);
  g_assert_nonnull (find_user (users_of (found), "k.zhang"));
  g_assert_cmpuint (login_status (server, "KAI.ZHANG@student.uni.example", DEMO_PASSWORD), ==, 200);

  details = user_request (server, "GET", kzhang, NULL, token, NULL);
  event = find_event (roster_test_response_object (details), "user.updated");
  g_assert_nonnull (event);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (event,
                                                                                                        "details"),
                                                                         "fields")), ==, 4);

  clash = user_request (server, "PATCH", kzhang, NULL, token, "{\"username\": \"M.Chen\"}");
  g_assert_cmpuint (clash->status, ==, 409);
  unknown = user_request (server, "PATCH", kzhang, NULL, token, "{\"password\": \"sneaky new password\"}");
  g_assert_cmpuint (unknown->status, ==, 422);
  empty = user_request (server, "PATCH", kzhang, NULL, token, "{}");
  g_assert_cmpuint (empty->status, ==, 422);
  missing = roster_test_request (server, "PATCH", "/api/v1/users/999999", token, "application/json",
                                 "{\"first_name\": \"Nobody\"}");
  g_assert_cmpuint (missing->status, ==, 404);

  /* The last active administrator stays one … */
  last_admin = user_request (server, "PATCH", admin, NULL, token, "{\"site_admin\": false}");
  g_assert_cmpuint (last_admin->status, ==, 409);
  g_assert_nonnull (strstr (error_message (last_admin), "last active site administrator"));

  /* … until there is another. */
  promoted = user_request (server, "PATCH", staylor, NULL, token, "{\"site_admin\": true}");
  g_assert_cmpuint (promoted->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (roster_test_response_object (promoted), "site_admin"));
  demoted = user_request (server, "PATCH", admin, NULL, token, "{\"site_admin\": false}");
  g_assert_cmpuint (demoted->status, ==, 200);
  {
    g_autoptr(RosterTestResponse) after = roster_test_get (server, "/api/v1/users?state=pending", token);

    g_assert_cmpuint (after->status, ==, 403);
  }
}

/* ---- actions ---- */

static void
test_activate (RosterTestFixture *fixture,
               gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  gint64 nokoro = user_id (server, token, "n.okoro");
  gint64 tivanova = user_id (server, token, "t.ivanova");
  g_autoptr(RosterTestResponse) activated = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) reactivated = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  g_autoptr(RosterTestResponse) missing = NULL;

  /* Pending: the right password is not enough … */
  g_assert_cmpuint (login_status (server, "n.okoro", DEMO_PASSWORD), ==, 403);

  /* … until an administrator activates the account (no e-mail needed). */
  activated = user_request (server, "POST", nokoro, "activate", token, NULL);
  g_assert_cmpuint (activated->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (activated), "state"), ==, "active");
  g_assert_cmpuint (login_status (server, "n.okoro", DEMO_PASSWORD), ==, 200);

  again = user_request (server, "POST", nokoro, "activate", token, NULL);
  g_assert_cmpuint (again->status, ==, 409);
  g_assert_cmpstr (roster_test_response_error_code (again), ==, "conflict");

  /* A suspended account comes back the same way, audited as such. */
  g_assert_cmpuint (login_status (server, "t.ivanova", DEMO_PASSWORD), ==, 403);
  reactivated = user_request (server, "POST", tivanova, "activate", token, NULL);
  g_assert_cmpuint (reactivated->status, ==, 200);
  g_assert_cmpuint (login_status (server, "t.ivanova", DEMO_PASSWORD), ==, 200);
  details = user_request (server, "GET", tivanova, NULL, token, NULL);
  g_assert_nonnull (find_event (roster_test_response_object (details), "user.reactivated"));
  g_assert_null (find_event (roster_test_response_object (details), "user.activated"));

  missing = roster_test_post_json (server, "/api/v1/users/999999/activate", token, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
}

static void
test_unlock (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  gint64 dnovak = user_id (server, token, "d.novak");
  g_autoptr(RosterTestResponse) unlocked = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  JsonObject *user;

  g_autoptr(RosterTestResponse) locked = roster_test_get (server, "/api/v1/users?locked=true", token);
  g_autoptr(RosterTestResponse) bad_locked = roster_test_get (server, "/api/v1/users?locked=yes", token);
  g_autoptr(RosterTestResponse) locked_after = NULL;

  /* Only the demo's locked person is locked out now. */
  g_assert_cmpuint (json_array_get_length (users_of (locked)), ==, 1);
  g_assert_nonnull (find_user (users_of (locked), "d.novak"));
  g_assert_cmpuint (bad_locked->status, ==, 400);

  /* Locked: even the right password is refused. */
  g_assert_cmpuint (login_status (server, "d.novak", DEMO_PASSWORD), ==, 423);

  unlocked = user_request (server, "POST", dnovak, "unlock", token, NULL);
  g_assert_cmpuint (unlocked->status, ==, 200);
  g_assert_true (json_object_get_null_member (roster_test_response_object (unlocked), "locked_until"));

  details = user_request (server, "GET", dnovak, NULL, token, NULL);
  user = roster_test_response_object (details);
  g_assert_cmpint (json_object_get_int_member (user, "failed_logins"), ==, 0);
  g_assert_nonnull (find_event (user, "user.unlocked"));

  g_assert_cmpuint (login_status (server, "d.novak", DEMO_PASSWORD), ==, 200);

  locked_after = roster_test_get (server, "/api/v1/users?locked=true", token);
  g_assert_cmpuint (json_array_get_length (users_of (locked_after)), ==, 0);
}

static void
test_password (RosterTestFixture *fixture,
               gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autofree char *old_token = roster_test_login (server, "k.zhang", DEMO_PASSWORD);
  gint64 kzhang = user_id (server, token, "k.zhang");
  g_autoptr(RosterTestResponse) before = roster_test_get (server, "/api/v1/me", old_token);
  g_autoptr(RosterTestResponse) set = NULL;
  g_autoptr(RosterTestResponse) after = NULL;
  g_autoptr(RosterTestResponse) generated = NULL;
  g_autoptr(RosterTestResponse) weak = NULL;
  g_autoptr(RosterTestResponse) both = NULL;
  g_autoptr(RosterTestResponse) neither = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  g_autofree char *log = NULL;
  g_autofree char *new_token = NULL;
  const char *password;
  JsonObject *event;

  g_assert_cmpuint (before->status, ==, 200);

  set = user_request (server, "POST", kzhang, "password", token,
                      "{\"password\": \"correct horse battery staple\"}");
  g_assert_cmpuint (set->status, ==, 204);

  /* The old session ends, the old password with it. */
  after = roster_test_get (server, "/api/v1/me", old_token);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpuint (login_status (server, "k.zhang", DEMO_PASSWORD), ==, 401);
  new_token = roster_test_login (server, "k.zhang", "correct horse battery staple");
  g_assert_nonnull (new_token);

  /* A generated one is shown once and works. */
  generated = user_request (server, "POST", kzhang, "password", token, "{\"generate\": true}");
  g_assert_cmpuint (generated->status, ==, 200);
  password = json_object_get_string_member (roster_test_response_object (generated), "password");
  g_assert_cmpuint (strlen (password), ==, 16);
  g_assert_cmpuint (strspn (password, "23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"), ==, 16);
  g_assert_cmpuint (login_status (server, "k.zhang", password), ==, 200);

  weak = user_request (server, "POST", kzhang, "password", token, "{\"password\": \"short\"}");
  g_assert_cmpuint (weak->status, ==, 422);
  both = user_request (server, "POST", kzhang, "password", token,
                       "{\"password\": \"correct horse battery staple\", \"generate\": true}");
  g_assert_cmpuint (both->status, ==, 422);
  neither = user_request (server, "POST", kzhang, "password", token, "{}");
  g_assert_cmpuint (neither->status, ==, 422);

  /* Audited, never with the password. */
  details = user_request (server, "GET", kzhang, NULL, token, NULL);
  event = find_event (roster_test_response_object (details), "user.password_set");
  g_assert_nonnull (event);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (event, "details"), "generated"));
  g_assert_null (strstr ((const char *) g_bytes_get_data (details->body, NULL), password));
  log = roster_test_server_read_log (server);
  g_assert_null (strstr (log, password));
  g_assert_null (strstr (log, "correct horse"));
}

static void
test_suspend (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = admin_login (server);
  g_autofree char *student = roster_test_login (server, "k.zhang", DEMO_PASSWORD);
  gint64 kzhang = user_id (server, token, "k.zhang");
  gint64 admin = user_id (server, token, "admin");
  gint64 nokoro = user_id (server, token, "n.okoro");
  g_autoptr(RosterTestResponse) suspended = NULL;
  g_autoptr(RosterTestResponse) session = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) pending = NULL;
  g_autoptr(RosterTestResponse) self_suspend = NULL;
  g_autoptr(RosterTestResponse) self_erase = NULL;

  suspended = user_request (server, "POST", kzhang, "suspend", token, NULL);
  g_assert_cmpuint (suspended->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (suspended), "state"), ==,
                   "suspended");

  session = roster_test_get (server, "/api/v1/me", student);
  g_assert_cmpuint (session->status, ==, 401);
  g_assert_cmpuint (login_status (server, "k.zhang", DEMO_PASSWORD), ==, 403);

  again = user_request (server, "POST", kzhang, "suspend", token, NULL);
  g_assert_cmpuint (again->status, ==, 409);
  pending = user_request (server, "POST", nokoro, "suspend", token, NULL);
  g_assert_cmpuint (pending->status, ==, 409);

  /* Administrators cannot shut themselves out. */
  self_suspend = user_request (server, "POST", admin, "suspend", token, NULL);
  g_assert_cmpuint (self_suspend->status, ==, 409);
  g_assert_nonnull (strstr (error_message (self_suspend), "your own account"));
  self_erase = user_request (server, "DELETE", admin, NULL, token, NULL);
  g_assert_cmpuint (self_erase->status, ==, 409);
  g_assert_cmpuint (login_status (server, "admin", ADMIN_PASSWORD), ==, 200);
}

/* Everything here is for site administrators only. */
static void
test_forbidden (RosterTestFixture *fixture,
                gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "m.chen", DEMO_PASSWORD);
  const struct { const char *method; const char *path; const char *body; } calls[] = {
    { "GET", "/api/v1/users/9", NULL },
    { "PATCH", "/api/v1/users/9", "{\"first_name\": \"X\"}" },
    { "DELETE", "/api/v1/users/9", NULL },
    { "POST", "/api/v1/users/12/activate", NULL },
    { "POST", "/api/v1/users/9/suspend", NULL },
    { "POST", "/api/v1/users/10/unlock", NULL },
    { "POST", "/api/v1/users/9/password", "{\"generate\": true}" },
    { "GET", "/api/v1/removal-requests", NULL },
    { "POST", "/api/v1/removal-requests/1/decline", NULL },
  };
  g_autoptr(RosterTestResponse) anonymous = roster_test_get (server, "/api/v1/users?q=fischer", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_autoptr(RosterTestResponse) response =
        roster_test_request (server, calls[i].method, calls[i].path, leader,
                             calls[i].body ? "application/json" : NULL, calls[i].body);

      g_test_message ("%s %s", calls[i].method, calls[i].path);
      g_assert_cmpuint (response->status, ==, 403);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "forbidden");
    }

  g_assert_cmpuint (anonymous->status, ==, 401);
  /* Nothing was done. */
  g_assert_cmpuint (login_status (server, "d.novak", DEMO_PASSWORD), ==, 423);
  g_assert_cmpuint (login_status (server, "n.okoro", DEMO_PASSWORD), ==, 403);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/list-admin", test_list_admin);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/list-filters", test_list_filters);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/finder", test_finder);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/create", test_create);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/get-details", test_get_details);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/patch", test_patch);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/activate", test_activate);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/unlock", test_unlock);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/password", test_password);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/suspend", test_suspend);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/users/forbidden", test_forbidden);

  return g_test_run ();
}
