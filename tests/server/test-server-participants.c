/* test-server-participants.c: the participants list, its export, and
 * enrolling people by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-json.h"
#include "roster-test-server.h"

#define CS101 "/api/v1/courses/1"
#define CS205 "/api/v1/courses/2"
#define CS205_SIZE 54

static char *
leader_token (RosterTestServer *server)
{
  return roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
}

static JsonArray *
participants_of (RosterTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_array_member (roster_test_response_object (response), "participants");
}

/* Every participant of @path (with its query), streamed: the compact
 * rows turned back into objects like those of a page, by the column
 * names the stream starts with. */
static JsonArray *
stream_all (RosterTestServer *server,
            const char       *path,
            const char       *token)
{
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonArray *rows = json_array_new ();
  JsonArray *stream, *columns;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (response->json));
  g_assert_cmpuint (soup_message_headers_get_encoding (response->headers), ==, SOUP_ENCODING_CHUNKED);

  stream = json_node_get_array (response->json);
  g_assert_cmpuint (json_array_get_length (stream), >=, 1);
  columns = json_array_get_array_element (stream, 0);

  for (guint r = 1; r < json_array_get_length (stream); r++)
    {
      JsonArray *values = json_array_get_array_element (stream, r);
      JsonObject *object = json_object_new ();

      g_assert_cmpuint (json_array_get_length (values), ==, json_array_get_length (columns));
      for (guint c = 0; c < json_array_get_length (columns); c++)
        {
          const char *name = json_array_get_string_element (columns, c);
          JsonNode *value = json_array_get_element (values, c);

          if (g_str_equal (name, "groups"))
            {
              JsonArray *pairs = json_node_get_array (value);
              JsonArray *groups = json_array_new ();

              for (guint g = 0; g < json_array_get_length (pairs); g++)
                {
                  JsonArray *pair = json_array_get_array_element (pairs, g);
                  JsonObject *group = json_object_new ();

                  json_object_set_int_member (group, "id", json_array_get_int_element (pair, 0));
                  json_object_set_string_member (group, "name", json_array_get_string_element (pair, 1));
                  json_array_add_object_element (groups, group);
                }
              json_object_set_array_member (object, name, groups);
            }
          else
            json_object_set_member (object, name, json_node_copy (value));
        }
      json_array_add_object_element (rows, object);
    }

  return rows;
}

static gboolean
has_username (JsonArray  *rows,
              const char *username)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rows, i), "username"),
                   username) == 0)
      return TRUE;
  return FALSE;
}

static gint64
group_id (RosterTestServer *server,
          const char       *token,
          const char       *name)
{
  g_autoptr(JsonArray) rows = stream_all (server, CS205 "/participants?limit=0", token);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *groups = json_object_get_array_member (json_array_get_object_element (rows, i), "groups");

      for (guint j = 0; j < json_array_get_length (groups); j++)
        {
          JsonObject *group = json_array_get_object_element (groups, j);

          if (g_str_equal (json_object_get_string_member (group, "name"), name))
            return json_object_get_int_member (group, "id");
        }
    }

  g_assert_not_reached ();
}

static void
test_first_page (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, CS205 "/participants", token);
  JsonArray *rows = participants_of (response);
  JsonObject *row;

  g_assert_cmpuint (json_array_get_length (rows), ==, CS205_SIZE);
  g_assert_true (json_object_get_null_member (roster_test_response_object (response), "next_cursor"));

  /* Every field a row promises. */
  row = json_array_get_object_element (rows, 0);
  for (const char * const *member = (const char * const[]) {
         "enrolment_id", "user_id", "username", "first_name", "last_name", "email", "type", "state",
         "roles", "groups", "status", "start_at", "end_at", "method", "key_nickname", "enrolled_at",
         "last_access", NULL };
       *member != NULL; member++)
    g_assert_true (json_object_has_member (row, *member));
}

/* The streamed list: one JSON array, the column names first, then a
 * row per participant with the same values a page has. */
static void
test_stream_format (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  static const char * const expected[] = {
    "enrolment_id", "user_id", "username", "first_name", "last_name", "email", "type", "state",
    "roles", "groups", "status", "start_at", "end_at", "method_id", "method_type", "method_name",
    "key_nickname", "enrolled_at", "last_access",
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autoptr(RosterTestResponse) raw = roster_test_get (server, CS205 "/participants?limit=0&q=k.zhang", token);
  g_autoptr(RosterTestResponse) page = roster_test_get (server, CS205 "/participants?q=k.zhang", token);
  JsonArray *stream, *columns, *row;
  JsonObject *object;

  g_assert_cmpuint (raw->status, ==, 200);
  stream = json_node_get_array (raw->json);
  g_assert_cmpuint (json_array_get_length (stream), ==, 2);

  /* One element per line, so the app can parse rows as they come. */
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (raw->body, NULL), g_bytes_get_size (raw->body));
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[0], "[[\"enrolment_id\""));
    g_assert_true (g_str_has_prefix (lines[1], ",["));
    g_assert_cmpstr (lines[2], ==, "]");
    g_assert_cmpstr (lines[3], ==, "");
  }

  columns = json_array_get_array_element (stream, 0);
  g_assert_cmpuint (json_array_get_length (columns), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (json_array_get_string_element (columns, i), ==, expected[i]);

  row = json_array_get_array_element (stream, 1);
  object = json_array_get_object_element (participants_of (page), 0);
  g_assert_cmpint (json_array_get_int_element (row, 0), ==, json_object_get_int_member (object, "enrolment_id"));
  g_assert_cmpstr (json_array_get_string_element (row, 2), ==, "k.zhang");
  g_assert_cmpstr (json_array_get_string_element (row, 3), ==, "凯");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (row, 8), 0), ==, "student");
  g_assert_cmpstr (json_array_get_string_element (json_array_get_array_element (json_array_get_array_element (row, 9), 0), 1),
                   ==, "Group A");
  g_assert_cmpstr (json_array_get_string_element (row, 14), ==, "manual");
  g_assert_cmpstr (json_array_get_string_element (row, 17), ==, json_object_get_string_member (object, "enrolled_at"));
}

/* Paging through every order gives every row once, in order. */
static void
test_paging (RosterTestFixture *fixture,
             gconstpointer      data)
{
  static const char * const orders[] = {
    "sort=name", "sort=name&order=desc", "sort=email", "sort=email&order=desc",
    "sort=last_access", "sort=last_access&order=desc", "sort=enrolled", "sort=enrolled&order=desc",
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      g_autofree char *all_path = g_strdup_printf (CS205 "/participants?limit=0&%s", orders[o]);
      g_autoptr(JsonArray) all = stream_all (server, all_path, token);
      g_autofree char *cursor = NULL;
      guint seen = 0;

      g_assert_cmpuint (json_array_get_length (all), ==, CS205_SIZE);

      do
        {
          g_autofree char *path = cursor
            ? g_strdup_printf (CS205 "/participants?limit=7&%s&cursor=%s", orders[o], cursor)
            : g_strdup_printf (CS205 "/participants?limit=7&%s", orders[o]);
          g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
          JsonArray *rows = participants_of (response);
          JsonObject *object = roster_test_response_object (response);

          g_assert_cmpuint (json_array_get_length (rows), <=, 7);
          for (guint i = 0; i < json_array_get_length (rows); i++, seen++)
            g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, i), "enrolment_id"),
                             ==,
                             json_object_get_int_member (json_array_get_object_element (all, seen), "enrolment_id"));

          g_clear_pointer (&cursor, g_free);
          if (!json_object_get_null_member (object, "next_cursor"))
            cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
        }
      while (cursor != NULL);

      g_assert_cmpuint (seen, ==, CS205_SIZE);
    }
}

static void
test_filters (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  gint64 group_a = group_id (server, token, "Group A");
  g_autofree char *group_path = g_strdup_printf (CS205 "/participants?limit=0&group=%" G_GINT64_FORMAT, group_a);
  g_autoptr(JsonArray) moderators = stream_all (server, CS205 "/participants?limit=0&role=external_moderator", token);
  g_autoptr(JsonArray) in_a = stream_all (server, group_path, token);
  g_autoptr(JsonArray) no_group = stream_all (server, CS205 "/participants?limit=0&group=none", token);
  g_autoptr(JsonArray) zhang = stream_all (server, CS205 "/participants?limit=0&q=%E5%BC%A0", token);
  g_autoptr(JsonArray) by_key = stream_all (server, CS101 "/participants?limit=0&method=self", token);
  g_autoptr(JsonArray) externals = stream_all (server, CS101 "/participants?limit=0&type=external", token);
  g_autoptr(JsonArray) combined = stream_all (server, CS101 "/participants?limit=0&type=external&role=student", token);
  g_autoptr(RosterTestResponse) bad_role = roster_test_get (server, CS205 "/participants?role=wizard", token);
  g_autoptr(RosterTestResponse) bad_limit = roster_test_get (server, CS205 "/participants?limit=1001", token);

  g_assert_cmpuint (json_array_get_length (moderators), ==, 1);
  g_assert_true (has_username (moderators, "r.fischer"));

  /* Group A: a third of the 48 students, and the moderator. */
  g_assert_cmpuint (json_array_get_length (in_a), ==, 17);
  g_assert_true (has_username (in_a, "k.zhang"));
  g_assert_true (has_username (in_a, "r.fischer"));

  /* Staff outside every group. */
  g_assert_true (has_username (no_group, "m.chen"));
  g_assert_false (has_username (no_group, "k.zhang"));

  /* Chinese family name 张, as a plain substring. */
  g_assert_true (has_username (zhang, "k.zhang"));
  for (guint i = 0; i < json_array_get_length (zhang); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (zhang, i), "last_name"), ==, "张");

  /* CS101's self method: 8 through the active key, 3 through the old one. */
  g_assert_cmpuint (json_array_get_length (by_key), ==, 11);
  g_assert_cmpuint (json_array_get_length (externals), ==, 11);
  g_assert_cmpuint (json_array_get_length (combined), ==, 0);

  g_assert_cmpuint (bad_role->status, ==, 400);
  g_assert_cmpuint (bad_limit->status, ==, 400);
}

/* Zoë is found as zoe and as ZOË. */
static void
test_accent_insensitive (RosterTestFixture *fixture,
                         gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autoptr(JsonArray) plain = stream_all (server, CS205 "/participants?limit=0&q=zoe", token);
  g_autoptr(JsonArray) upper = stream_all (server, CS205 "/participants?limit=0&q=ZO%C3%8B", token);

  g_assert_cmpuint (json_array_get_length (plain), >, 0);
  g_assert_cmpuint (json_array_get_length (plain), ==, json_array_get_length (upper));
  for (guint i = 0; i < json_array_get_length (plain); i++)
    {
      g_autofree char *folded = g_utf8_casefold (json_object_get_string_member (json_array_get_object_element (plain, i),
                                                                                "first_name"), -1);
      g_assert_true (g_str_has_prefix (folded, "zo"));
    }
}

static void
test_who_may_see (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *teacher = roster_test_login (server, "j.okafor", ROSTER_DEMO_PASSWORD);
  g_autofree char *student = roster_test_login (server, "k.zhang", ROSTER_DEMO_PASSWORD);
  g_autofree char *moderator = roster_test_login (server, "r.fischer", ROSTER_DEMO_PASSWORD);
  g_autofree char *other_leader = roster_test_login (server, "l.wang", ROSTER_DEMO_PASSWORD);
  g_autoptr(JsonArray) teacher_view = stream_all (server, CS205 "/participants?limit=0", teacher);
  g_autoptr(RosterTestResponse) as_student = roster_test_get (server, CS205 "/participants", student);
  g_autoptr(RosterTestResponse) as_moderator = roster_test_get (server, CS205 "/participants", moderator);
  g_autoptr(RosterTestResponse) other_course = roster_test_get (server, CS205 "/participants", other_leader);
  g_autoptr(RosterTestResponse) csv_student = roster_test_get (server, CS205 "/participants.csv", student);

  /* Separate groups: the teacher of group B sees group B, and himself. */
  g_assert_cmpuint (json_array_get_length (teacher_view), ==, 17);
  g_assert_true (has_username (teacher_view, "j.okafor"));
  g_assert_false (has_username (teacher_view, "k.zhang"));
  g_assert_false (has_username (teacher_view, "m.chen"));
  for (guint i = 0; i < json_array_get_length (teacher_view); i++)
    {
      JsonObject *row = json_array_get_object_element (teacher_view, i);
      JsonArray *groups = json_object_get_array_member (row, "groups");

      g_assert_cmpuint (json_array_get_length (groups), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "name"),
                       ==, "Group B");
    }

  g_assert_cmpuint (as_student->status, ==, 403);
  g_assert_cmpuint (as_moderator->status, ==, 403);
  g_assert_cmpuint (other_course->status, ==, 404);
  g_assert_cmpuint (csv_student->status, ==, 403);
}

static gint64
create_person (RosterTestServer *server,
               const char       *username,
               const char       *first_name,
               const char       *last_name,
               RosterUserState   state)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@test.example", username);
  RosterNewUser user = {
    .username = username,
    .email = email,
    .first_name = first_name,
    .last_name = last_name,
    .type = ROSTER_USER_TYPE_EXTERNAL,
    .state = state,
  };
  gint64 id = roster_storage_create_user (storage, &user, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
enrol (RosterTestServer *server,
       const char       *token,
       gint64            user_id,
       guint             expected_status)
{
  g_autofree char *body = g_strdup_printf ("{\"user_id\": %" G_GINT64_FORMAT ", \"role\": \"guest\"}", user_id);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, CS205 "/enrolments", token, body);

  g_assert_cmpuint (response->status, ==, expected_status);
  if (expected_status != 201)
    return 0;
  return json_object_get_int_member (roster_test_response_object (response), "id");
}

static void
test_csv (RosterTestFixture *fixture,
          gconstpointer      data)
{
  static const struct { const char *first; const char *expected; } cells[] = {
    { "=HYPERLINK(\"http://evil.example\",\"x\")", "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"" },
    { "+1+1", "\"'+1+1\"" },
    { "-2+3", "\"'-2+3\"" },
    { "@SUM(A1)", "\"'@SUM(A1)\"" },
    { "\tTab", "\"'\tTab\"" },
    { "O\"Brien, Jr", "\"O\"\"Brien, Jr\"" },
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autoptr(RosterTestResponse) response = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *username = g_strdup_printf ("csv.case%u", i);
      enrol (server, token, create_person (server, username, cells[i].first, "Case", ROSTER_USER_STATE_ACTIVE), 201);
    }

  response = roster_test_get (server, CS205 "/participants.csv", token);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==, "text/csv");
  g_assert_nonnull (strstr (soup_message_headers_get_one (response->headers, "Content-Disposition"),
                            "participants-2.csv"));

  text = g_strndup (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body));
  g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf\"Username\",\"First name\","));

  /* CRLF after every row; one header and a row per participant. */
  g_assert_true (g_str_has_suffix (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + CS205_SIZE + G_N_ELEMENTS (cells) + 1);

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *username = g_strdup_printf ("\"csv.case%u\",", i);
      gboolean found = FALSE;

      for (guint l = 0; lines[l] != NULL; l++)
        if (g_str_has_prefix (lines[l], username))
          {
            g_assert_true (g_str_has_prefix (lines[l] + strlen (username), cells[i].expected));
            found = TRUE;
          }
      g_assert_true (found);
    }
}

static void
test_enrolments (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autofree char *teacher = roster_test_login (server, "j.okafor", ROSTER_DEMO_PASSWORD);
  gint64 person = create_person (server, "new.visitor", "Nina", "Visitor", ROSTER_USER_STATE_ACTIVE);
  gint64 erased = create_person (server, "erased-99", "", "", ROSTER_USER_STATE_ERASED);
  g_autofree char *path = NULL;
  g_autoptr(RosterTestResponse) patched = NULL;
  g_autoptr(RosterTestResponse) bad_dates = NULL;
  g_autoptr(RosterTestResponse) by_teacher = NULL;
  g_autoptr(RosterTestResponse) deleted = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) unknown = NULL;
  g_autoptr(JsonArray) after = NULL;
  gint64 enrolment;

  enrolment = enrol (server, token, person, 201);
  enrol (server, token, person, 409);
  enrol (server, token, erased, 409);
  enrol (server, teacher, person, 403);
  unknown = roster_test_post_json (server, CS205 "/enrolments", token, "{\"user_id\": 987654}");
  g_assert_cmpuint (unknown->status, ==, 422);

  path = g_strdup_printf ("/api/v1/enrolments/%" G_GINT64_FORMAT, enrolment);
  patched = roster_test_request (server, "PATCH", path, token, "application/json",
                                 "{\"role\": \"external_moderator\", \"end_at\": \"2027-01-31T00:00:00Z\"}");
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (patched), "role"),
                   ==, "external_moderator");
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (patched), "end_at"),
                   ==, "2027-01-31T00:00:00Z");

  bad_dates = roster_test_request (server, "PATCH", path, token, "application/json",
                                   "{\"start_at\": \"2027-02-01T00:00:00Z\"}");
  g_assert_cmpuint (bad_dates->status, ==, 422);

  by_teacher = roster_test_request (server, "DELETE", path, teacher, NULL, NULL);
  g_assert_cmpuint (by_teacher->status, ==, 403);

  deleted = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  again = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_assert_cmpuint (again->status, ==, 404);

  after = stream_all (server, CS205 "/participants?limit=0", token);
  g_assert_cmpuint (json_array_get_length (after), ==, CS205_SIZE);

  /* Every change is in the audit log. */
  {
    g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
    g_autoptr(GError) error = NULL;
    static const char * const actions[] = { "enrolment.created", "enrolment.updated", "enrolment.deleted" };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        RosterAuditQuery query = { .action = actions[i], .course_id = 2 };
        g_autoptr(GPtrArray) events = roster_storage_list_audit (storage, &query, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (events->len, ==, 1);
      }
  }
}

/* Unenrolling also takes the person out of the course's groups. */
static void
test_unenrol_leaves_groups (RosterTestFixture *fixture,
                            gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = leader_token (server);
  g_autoptr(JsonArray) rows = stream_all (server, CS205 "/participants?limit=0&q=k.zhang", token);
  gint64 enrolment = json_object_get_int_member (json_array_get_object_element (rows, 0), "enrolment_id");
  gint64 user = json_object_get_int_member (json_array_get_object_element (rows, 0), "user_id");
  g_autofree char *path = g_strdup_printf ("/api/v1/enrolments/%" G_GINT64_FORMAT, enrolment);
  g_autoptr(RosterTestResponse) deleted = roster_test_request (server, "DELETE", path, token, NULL, NULL);
  g_autoptr(RosterStorage) storage = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpuint (deleted->status, ==, 204);

  storage = roster_test_server_open_storage (server);
  groups = roster_storage_list_user_group_ids (storage, 2, user, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/first-page", test_first_page);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/paging", test_paging);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/stream-format", test_stream_format);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/filters", test_filters);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/accent-insensitive", test_accent_insensitive);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/who-may-see", test_who_may_see);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/csv", test_csv);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/enrolments", test_enrolments);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/participants/unenrol-leaves-groups", test_unenrol_leaves_groups);

  return g_test_run ();
}
