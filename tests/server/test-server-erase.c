/* test-server-erase.c: erasing a person (GDPR) and removal requests,
 * against a real server with the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

#define ADMIN_PASSWORD ROSTER_DEMO_ADMIN_PASSWORD
#define DEMO_PASSWORD  ROSTER_DEMO_PASSWORD

/* r.fischer: an external moderator in CS205 and its group A. Her names
 * and address appear nowhere else in the demo. */
#define FISCHER_USERNAME "r.fischer"
#define FISCHER_EMAIL    "rachel.fischer@partner.example"
#define FISCHER_FIRST    "Rachel"
#define FISCHER_LAST     "Fischer"

static guint
login_status (RosterTestServer *server,
              const char       *username,
              const char       *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}", username, password);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, "/api/v1/auth/login", NULL, body);

  return response->status;
}

static gint64
user_id (RosterTestServer *server,
         const char       *token,
         const char       *username)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/users?q=%s", username);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonArray *users;

  g_assert_cmpuint (response->status, ==, 200);
  users = json_object_get_array_member (roster_test_response_object (response), "users");
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_strcmp0 (json_object_get_string_member (user, "username"), username) == 0)
        return json_object_get_int_member (user, "id");
    }

  g_assert_not_reached ();
}

static gint64
participant_count (RosterTestServer *server,
                   const char       *token,
                   gint64            course_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT, course_id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_int_member (roster_test_response_object (response), "participant_count");
}

static gint64
course_id (RosterTestServer *server,
           const char       *token,
           const char       *short_name)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses?q=%s", short_name);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonArray *courses = json_object_get_array_member (roster_test_response_object (response), "courses");

  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  return json_object_get_int_member (json_array_get_object_element (courses, 0), "id");
}

/* Occurrences of @needle in the file, compared without regard to ASCII
 * case (the database also keeps folded search keys). A missing file
 * holds nothing. */
static guint
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0, n = strlen (needle);
  guint count = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return 0;

  for (gsize i = 0; i + n <= len; i++)
    {
      if (g_ascii_strncasecmp (contents + i, needle, n) == 0)
        count++;
    }

  return count;
}

/* In roster.db and roster.db-wal of the server's data folder. On
 * PostgreSQL, in the rows of every table, through SQL: the cluster keeps
 * old row versions until VACUUM (which the erasure runs) and its WAL
 * until recycled, with no secure_delete to overwrite them, so its files
 * are not what this checks (roster-pg-admin-erase.c). */
static guint
count_in_database (RosterTestServer *server,
                   const char       *needle)
{
  if (roster_test_database_is_postgresql ())
    return roster_test_server_count_rows_with (server, needle, strlen (needle));

  {
    g_autofree char *db = g_build_filename (roster_test_server_get_data_dir (server), "roster.db", NULL);
    g_autofree char *wal = g_build_filename (roster_test_server_get_data_dir (server), "roster.db-wal", NULL);

    return count_in_file (db, needle) + count_in_file (wal, needle);
  }
}

static gint64
create_request (RosterTestServer *server,
                gint64            user,
                const char       *reason)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = { .actor_id = user, .action = "removal_request.created" };
  gint64 id;

  id = roster_storage_create_removal_request (storage, user, reason, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static JsonArray *
requests_of (RosterTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_array_member (roster_test_response_object (response), "removal_requests");
}

/* ---- erasure ---- */

static void
test_erase (RosterTestFixture *fixture,
            gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "admin", ADMIN_PASSWORD);
  g_autofree char *her_token = roster_test_login (server, FISCHER_USERNAME, DEMO_PASSWORD);
  gint64 fischer = user_id (server, token, FISCHER_USERNAME);
  gint64 cs205 = course_id (server, token, "CS205");
  gint64 count_before = participant_count (server, token, cs205);
  const char *needles[] = { FISCHER_USERNAME, FISCHER_EMAIL, FISCHER_FIRST, FISCHER_LAST };
  g_autofree char *path = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT, fischer);
  g_autofree char *erased_name = g_strdup_printf ("erased-%" G_GINT64_FORMAT, fischer);
  g_autoptr(RosterTestResponse) erased = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) details = NULL;
  g_autoptr(RosterTestResponse) session = NULL;
  g_autoptr(RosterTestResponse) patch = NULL;
  g_autoptr(RosterTestResponse) requests = NULL;
  g_autoptr(RosterTestResponse) recreated = NULL;
  JsonObject *user, *request;
  JsonArray *events, *list;
  gboolean saw_erased = FALSE;

  /* What an erasure must reach: sign-in attempts that logged the name
   * as typed, in another case, and by address; and her own request. */
  g_assert_cmpuint (login_status (server, "R.FISCHER", "not her password"), ==, 401);
  g_assert_cmpuint (login_status (server, "Rachel.Fischer@Partner.example", "not her password"), ==, 401);
  create_request (server, fischer, "Please delete everything about Rachel Fischer.");

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    g_assert_cmpuint (count_in_database (server, needles[i]), >, 0);

  erased = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_assert_cmpuint (erased->status, ==, 204);

  /* Nothing personal is left in the database's files. */
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_test_message ("looking for %s", needles[i]);
      g_assert_cmpuint (count_in_database (server, needles[i]), ==, 0);
    }

  /* Her session has ended and she cannot sign in again. */
  session = roster_test_get (server, "/api/v1/me", her_token);
  g_assert_cmpuint (session->status, ==, 401);

  /* Her enrolment still counts. */
  g_assert_cmpint (participant_count (server, token, cs205), ==, count_before);

  details = roster_test_get (server, path, token);
  g_assert_cmpuint (details->status, ==, 200);
  user = roster_test_response_object (details);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, erased_name);
  g_assert_cmpstr (json_object_get_string_member (user, "state"), ==, "erased");
  g_assert_true (json_object_get_null_member (user, "email"));
  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (user, "last_name"), ==, "");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (user, "enrolments")), ==, 1);

  /* The audit trail stays, with what named her redacted. */
  events = json_object_get_array_member (user, "recent_events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *action = json_object_get_string_member (event, "action");

      if (g_str_equal (action, "auth.login_failed"))
        g_assert_true (json_object_get_boolean_member (json_object_get_object_member (event, "details"),
                                                       "redacted"));
      if (g_str_equal (action, "user.erased"))
        {
          saw_erased = TRUE;
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (event, "details"),
                                                       "redacted_events"), ==, 2);
        }
    }
  g_assert_true (saw_erased);

  /* Her request is closed and its words are gone. */
  requests = roster_test_get (server, "/api/v1/removal-requests?status=erased", token);
  list = requests_of (requests);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  request = json_array_get_object_element (list, 0);
  g_assert_true (json_object_get_null_member (request, "reason"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "user"), "state"), ==,
                   "erased");
  g_assert_cmpint (json_object_get_int_member (request, "decided_by"), ==, user_id (server, token, "admin"));

  again = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_assert_cmpuint (again->status, ==, 409);
  patch = roster_test_request (server, "PATCH", path, token, "application/json", "{\"first_name\": \"Back\"}");
  g_assert_cmpuint (patch->status, ==, 409);

  /* Checked last: a sign-in attempt writes what was typed to the log. */
  g_assert_cmpuint (login_status (server, FISCHER_USERNAME, DEMO_PASSWORD), ==, 401);
  g_assert_cmpuint (login_status (server, erased_name, DEMO_PASSWORD), ==, 401);

  /* Coming back is noticed, through the keyed hash of the address. */
  recreated = roster_test_post_json (server, "/api/v1/users", token,
                                     "{\"username\": \"rachel.f\", \"email\": \"RACHEL.FISCHER@partner.example\","
                                     " \"first_name\": \"Rachel\", \"last_name\": \"Fischer\", \"type\": \"external\"}");
  g_assert_cmpuint (recreated->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (roster_test_response_object (recreated), "previously_erased"));
}

static void
test_erase_rules (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "admin", ADMIN_PASSWORD);
  gint64 nokoro = user_id (server, token, "n.okoro");
  g_autofree char *path = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT, nokoro);
  g_autoptr(RosterTestResponse) missing = roster_test_request (server, "DELETE", "/api/v1/users/999999", token,
                                                               NULL, NULL);
  g_autoptr(RosterTestResponse) pending = NULL;
  g_autoptr(RosterTestResponse) found = NULL;

  g_assert_cmpuint (missing->status, ==, 404);

  /* A pending sign-up can be erased as well; it is found no more. */
  pending = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_assert_cmpuint (pending->status, ==, 204);
  found = roster_test_get (server, "/api/v1/users?q=okoro", token);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (found),
                                                                         "users")), ==, 0);
  g_assert_cmpuint (count_in_database (server, "ngozi"), ==, 0);
}

/* ---- removal requests ---- */

static void
test_removal_requests (RosterTestFixture *fixture,
                       gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "admin", ADMIN_PASSWORD);
  gint64 kzhang = user_id (server, token, "k.zhang");
  gint64 dnovak = user_id (server, token, "d.novak");
  gint64 first, second;
  g_autoptr(RosterTestResponse) pending = NULL;
  g_autoptr(RosterTestResponse) page = NULL;
  g_autoptr(RosterTestResponse) next_page = NULL;
  g_autoptr(RosterTestResponse) declined = NULL;
  g_autoptr(RosterTestResponse) twice = NULL;
  g_autoptr(RosterTestResponse) missing = NULL;
  g_autoptr(RosterTestResponse) still_pending = NULL;
  g_autoptr(RosterTestResponse) declined_list = NULL;
  g_autoptr(RosterTestResponse) all = NULL;
  g_autoptr(RosterTestResponse) bad_status = NULL;
  g_autoptr(RosterTestResponse) no_body = NULL;
  g_autofree char *decline_path = NULL;
  g_autofree char *next_path = NULL;
  JsonObject *request, *user;
  JsonArray *list;

  /* The demo has two requests of its own (2 pending, 1 declined):
   * declined first, so the pending lists below are this test's. */
  {
    g_autoptr(RosterTestResponse) demo = roster_test_request (server, "POST", "/api/v1/removal-requests/2/decline",
                                                              token, NULL, NULL);

    g_assert_cmpuint (demo->status, ==, 200);
  }

  first = create_request (server, kzhang, "I have finished my degree.");
  second = create_request (server, dnovak, NULL);

  pending = roster_test_get (server, "/api/v1/removal-requests", token);
  list = requests_of (pending);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  request = json_array_get_object_element (list, 0);
  g_assert_cmpint (json_object_get_int_member (request, "id"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (request, "reason"), ==, "I have finished my degree.");
  g_assert_nonnull (json_object_get_string_member (request, "requested_at"));
  g_assert_true (json_object_get_null_member (request, "decided_at"));
  g_assert_true (json_object_get_null_member (request, "decided_by"));
  user = json_object_get_object_member (request, "user");
  g_assert_cmpint (json_object_get_int_member (user, "id"), ==, kzhang);
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "k.zhang");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "k.zhang@student.uni.example");
  g_assert_cmpstr (json_object_get_string_member (user, "state"), ==, "active");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (list, 1), "reason"));

  /* Pages of one. */
  page = roster_test_get (server, "/api/v1/removal-requests?limit=1", token);
  g_assert_cmpuint (json_array_get_length (requests_of (page)), ==, 1);
  next_path = g_strdup_printf ("/api/v1/removal-requests?limit=1&cursor=%s",
                               json_object_get_string_member (roster_test_response_object (page), "next_cursor"));
  next_page = roster_test_get (server, next_path, token);
  list = requests_of (next_page);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "id"), ==, second);
  g_assert_true (json_object_get_null_member (roster_test_response_object (next_page), "next_cursor"));

  decline_path = g_strdup_printf ("/api/v1/removal-requests/%" G_GINT64_FORMAT "/decline", first);
  declined = roster_test_post_json (server, decline_path, token,
                                    "{\"reason\": \"Your marks must be kept until the exam board.\"}");
  g_assert_cmpuint (declined->status, ==, 200);
  request = roster_test_response_object (declined);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "declined");
  g_assert_cmpstr (json_object_get_string_member (request, "decision_reason"), ==,
                   "Your marks must be kept until the exam board.");
  g_assert_cmpint (json_object_get_int_member (request, "decided_by"), ==, user_id (server, token, "admin"));
  g_assert_nonnull (json_object_get_string_member (request, "decided_at"));

  twice = roster_test_post_json (server, decline_path, token, "{}");
  g_assert_cmpuint (twice->status, ==, 409);
  missing = roster_test_post_json (server, "/api/v1/removal-requests/999999/decline", token, "{}");
  g_assert_cmpuint (missing->status, ==, 404);

  still_pending = roster_test_get (server, "/api/v1/removal-requests", token);
  list = requests_of (still_pending);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "id"), ==, second);

  declined_list = roster_test_get (server, "/api/v1/removal-requests?status=declined", token);
  g_assert_cmpuint (json_array_get_length (requests_of (declined_list)), ==, 1 + 2);
  all = roster_test_get (server, "/api/v1/removal-requests?status=all", token);
  g_assert_cmpuint (json_array_get_length (requests_of (all)), ==, 2 + 2);
  bad_status = roster_test_get (server, "/api/v1/removal-requests?status=maybe", token);
  g_assert_cmpuint (bad_status->status, ==, 400);

  /* The reason is optional, and so is a body. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/removal-requests/%" G_GINT64_FORMAT "/decline", second);

    no_body = roster_test_request (server, "POST", path, token, NULL, NULL);
    g_assert_cmpuint (no_body->status, ==, 200);
    g_assert_true (json_object_get_null_member (roster_test_response_object (no_body), "decision_reason"));
  }

  /* The decision is in the audit log, about the person. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT, kzhang);
    g_autoptr(RosterTestResponse) details = roster_test_get (server, path, token);
    JsonArray *events = json_object_get_array_member (roster_test_response_object (details), "recent_events");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (events); i++)
      found |= g_str_equal (json_object_get_string_member (json_array_get_object_element (events, i), "action"),
                            "removal_request.declined");
    g_assert_true (found);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/erase/erase", test_erase);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/erase/rules", test_erase_rules);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/erase/removal-requests", test_removal_requests);

  return g_test_run ();
}
