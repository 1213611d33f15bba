/* test-server-methods.c: enrolment methods over the API: who may list
 * and change them, the rules they keep, their order, deleting them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo: CS101 (course 1) has its manual method (1) and the self
 * method "External visitors" (20) with two keys, through which 11
 * external guests enrolled; CS205 (course 2) has only its manual
 * method; LC220 (course 6) has a switched-off guest method (21). m.chen
 * leads CS101 and CS205, s.taylor is their professional staff, j.okafor
 * teaches CS205, k.zhang studies in both, l.wang leads LC110 only.
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

static char *
login (RosterTestServer *server,
       const char       *username)
{
  return roster_test_login (server, username,
                            g_str_equal (username, "admin") ? ROSTER_DEMO_ADMIN_PASSWORD : ROSTER_DEMO_PASSWORD);
}

static RosterTestResponse *
send_json (RosterTestServer *server,
           const char       *method,
           const char       *path,
           const char       *token,
           const char       *body)
{
  return roster_test_request (server, method, path, token, "application/json", body);
}

static gboolean
body_contains (RosterTestResponse *response,
               const char         *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  return data != NULL && memmem (data, len, needle, strlen (needle)) != NULL;
}

static JsonArray *
list_methods (RosterTestServer *server,
              const char       *token,
              gint64            course_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", course_id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonArray *methods;

  g_assert_cmpuint (response->status, ==, 200);
  methods = json_object_get_array_member (roster_test_response_object (response), "methods");
  return json_array_ref (methods);
}

/* "id:sort_order …" of a course's methods. */
static char *
method_order (RosterTestServer *server,
              const char       *token,
              gint64            course_id)
{
  g_autoptr(JsonArray) methods = list_methods (server, token, course_id);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (methods); i++)
    {
      JsonObject *method = json_array_get_object_element (methods, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? " " : "",
                              json_object_get_int_member (method, "id"),
                              json_object_get_int_member (method, "sort_order"));
    }

  return g_string_free (out, FALSE);
}

static void
assert_error (RosterTestResponse *response,
              guint               status,
              const char         *code)
{
  if (response->status != status)
    g_error ("expected %u, got %u: %.*s", status, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpstr (roster_test_response_error_code (response), ==, code);
}

/* The validation error names the member that is wrong. */
static void
assert_invalid (RosterTestResponse *response,
                const char         *member)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", member);
  JsonObject *error;

  assert_error (response, 422, "validation_failed");
  error = json_object_get_object_member (roster_test_response_object (response), "error");
  if (strstr (json_object_get_string_member (error, "message"), quoted) == NULL)
    g_error ("“%s” does not name %s", json_object_get_string_member (error, "message"), member);
}

static guint
count_audit (RosterTestServer *server,
             const char       *action,
             RosterAuditRecord **last)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  RosterAuditQuery query = { .action = action };
  g_autoptr(GPtrArray) records = roster_storage_list_audit (storage, &query, &error);

  guint n;

  g_assert_no_error (error);
  n = records->len;
  if (last != NULL)
    *last = n > 0 ? g_ptr_array_steal_index (records, 0) : NULL;
  return n;
}

static void
test_list (RosterTestFixture *fixture,
           gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses/1/methods", token);
  JsonArray *methods;
  JsonObject *manual, *self;

  g_assert_cmpuint (response->status, ==, 200);
  methods = json_object_get_array_member (roster_test_response_object (response), "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 2);

  manual = json_array_get_object_element (methods, 0);
  g_assert_cmpstr (json_object_get_string_member (manual, "type"), ==, "manual");
  g_assert_cmpint (json_object_get_int_member (manual, "sort_order"), ==, 0);
  g_assert_true (json_object_get_null_member (manual, "name"));
  g_assert_false (json_object_has_member (manual, "key_count"));

  self = json_array_get_object_element (methods, 1);
  g_assert_cmpint (json_object_get_int_member (self, "id"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (self, "type"), ==, "self");
  g_assert_cmpstr (json_object_get_string_member (self, "name"), ==, "External visitors");
  g_assert_cmpint (json_object_get_int_member (self, "sort_order"), ==, 1);
  g_assert_true (json_object_get_boolean_member (self, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (self, "default_role"), ==, "guest");
  g_assert_true (json_object_get_boolean_member (self, "notify_admins"));
  g_assert_cmpint (json_object_get_int_member (self, "key_count"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (self, "enrolled_count"), ==, 11);
  g_assert_true (json_object_get_null_member (self, "enrol_start"));
  g_assert_cmpint (json_object_get_int_member (self, "max_enrolled"), ==, 0);

  /* Never a secret in a listing, in any form. */
  g_assert_false (body_contains (response, roster_demo_get_active_key ()));
  g_assert_false (body_contains (response, "secret"));
}

static void
test_permissions (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *student = login (server, "k.zhang");
  g_autofree char *other_leader = login (server, "l.wang");
  g_autoptr(RosterTestResponse) teacher_list = roster_test_get (server, "/api/v1/courses/2/methods", teacher);
  g_autoptr(RosterTestResponse) teacher_add = NULL;
  g_autoptr(RosterTestResponse) teacher_edit = NULL;
  g_autoptr(RosterTestResponse) student_list = roster_test_get (server, "/api/v1/courses/1/methods", student);
  g_autoptr(RosterTestResponse) foreign_list = roster_test_get (server, "/api/v1/courses/1/methods", other_leader);
  g_autoptr(RosterTestResponse) missing_list = roster_test_get (server, "/api/v1/courses/98765/methods",
                                                                other_leader);
  g_autoptr(RosterTestResponse) foreign_edit = NULL;
  g_autoptr(RosterTestResponse) missing_edit = NULL;
  g_autoptr(RosterTestResponse) foreign_delete = NULL;
  g_autoptr(RosterTestResponse) anonymous = roster_test_get (server, "/api/v1/courses/1/methods", NULL);

  /* Teachers see the methods, and change nothing. */
  g_assert_cmpuint (teacher_list->status, ==, 200);
  teacher_add = send_json (server, "POST", "/api/v1/courses/2/methods", teacher, "{\"type\": \"self\"}");
  assert_error (teacher_add, 403, "forbidden");
  teacher_edit = send_json (server, "PATCH", "/api/v1/methods/2", teacher, "{\"enabled\": false}");
  assert_error (teacher_edit, 403, "forbidden");

  /* Students see the course, not its methods. */
  assert_error (student_list, 403, "forbidden");

  /* Another course's methods answer like ones that do not exist. */
  assert_error (foreign_list, 404, "not_found");
  g_assert_true (g_bytes_equal (foreign_list->body, missing_list->body));
  foreign_edit = send_json (server, "PATCH", "/api/v1/methods/20", other_leader, "{\"enabled\": false}");
  missing_edit = send_json (server, "PATCH", "/api/v1/methods/98765", other_leader, "{\"enabled\": false}");
  assert_error (foreign_edit, 404, "not_found");
  g_assert_true (g_bytes_equal (foreign_edit->body, missing_edit->body));
  foreign_delete = roster_test_request (server, "DELETE", "/api/v1/methods/20?unenrol=true", other_leader,
                                        NULL, NULL);
  assert_error (foreign_delete, 404, "not_found");

  assert_error (anonymous, 401, "unauthorized");

  /* Nothing was changed by any of it. */
  g_assert_cmpuint (count_audit (server, "method.updated", NULL), ==, 0);
  g_assert_cmpuint (count_audit (server, "method.deleted", NULL), ==, 0);
}

static void
test_create (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "s.taylor");
  g_autoptr(RosterTestResponse) created = NULL;
  g_autoptr(RosterTestResponse) plain = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *order = NULL;
  g_autofree char *expected = NULL;
  JsonObject *method;
  gint64 id, plain_id;

  created = send_json (server, "POST", "/api/v1/courses/1/methods", token,
                       "{\"type\": \"self\", \"name\": \"  Partners 2027 \", \"enrol_start\": \"2026-09-01\","
                       " \"enrol_end\": \"2027-01-31T00:00:00Z\", \"enrol_duration\": 2592000,"
                       " \"max_enrolled\": 30, \"welcome_message\": \"Welcome, partners!\","
                       " \"notify_admins\": true, \"default_role\": \"external_moderator\"}");
  g_assert_cmpuint (created->status, ==, 201);
  method = roster_test_response_object (created);
  id = json_object_get_int_member (method, "id");
  g_assert_cmpint (json_object_get_int_member (method, "course_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (method, "name"), ==, "Partners 2027");
  g_assert_cmpint (json_object_get_int_member (method, "sort_order"), ==, 2);
  g_assert_true (json_object_get_boolean_member (method, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (method, "enrol_start"), ==, "2026-09-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (method, "enrol_end"), ==, "2027-01-31T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (method, "enrol_duration"), ==, 2592000);
  g_assert_cmpint (json_object_get_int_member (method, "max_enrolled"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (method, "welcome_message"), ==, "Welcome, partners!");
  g_assert_true (json_object_get_boolean_member (method, "notify_admins"));
  g_assert_cmpstr (json_object_get_string_member (method, "default_role"), ==, "external_moderator");
  g_assert_cmpint (json_object_get_int_member (method, "key_count"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (method, "enrolled_count"), ==, 0);

  /* A self method with nothing said: enabled, Guest, default name. */
  plain = send_json (server, "POST", "/api/v1/courses/2/methods", token, "{\"type\": \"self\"}");
  g_assert_cmpuint (plain->status, ==, 201);
  method = roster_test_response_object (plain);
  plain_id = json_object_get_int_member (method, "id");
  g_assert_cmpstr (json_object_get_string_member (method, "default_role"), ==, "guest");
  g_assert_true (json_object_get_null_member (method, "name"));
  g_assert_true (json_object_get_boolean_member (method, "enabled"));
  g_assert_false (json_object_get_boolean_member (method, "notify_admins"));

  order = method_order (server, token, 1);
  expected = g_strdup_printf ("1:0 20:1 %" G_GINT64_FORMAT ":2", id);
  g_assert_cmpstr (order, ==, expected);

  g_assert_cmpuint (count_audit (server, "method.created", &record), ==, 2);
  g_assert_cmpint (record->object_id, ==, plain_id);
  g_assert_cmpint (record->course_id, ==, 2);
  g_assert_cmpint (record->actor_id, ==, 3);
}

static void
test_create_refused (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autofree char *lc220_leader = login (server, "e.dubois");
  g_autofree char *long_name = g_strnfill (256, 'n');
  g_autofree char *long_welcome = g_strnfill (10001, 'w');
  g_autofree char *body = NULL;
  RosterTestResponse *response;

#define CREATE(json) (response = send_json (server, "POST", "/api/v1/courses/1/methods", token, json))

  CREATE ("{\"type\": \"ldap\"}");
  assert_invalid (response, "type");
  roster_test_response_free (response);
  CREATE ("{\"name\": \"No type\"}");
  assert_invalid (response, "type");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"enrol_start\": \"2027-02-01\", \"enrol_end\": \"2027-01-01\"}");
  assert_invalid (response, "enrol_end");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"default_role\": \"none\"}");
  assert_invalid (response, "default_role");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"default_role\": \"dean\"}");
  assert_invalid (response, "default_role");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"enrol_duration\": -1}");
  assert_invalid (response, "enrol_duration");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"max_enrolled\": \"ten\"}");
  assert_invalid (response, "max_enrolled");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"enabled\": null}");
  assert_invalid (response, "enabled");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"enrol_start\": \"soon\"}");
  assert_invalid (response, "enrol_start");
  roster_test_response_free (response);
  CREATE ("{\"type\": \"self\", \"enrolment_end\": \"2027-01-01\"}");
  assert_invalid (response, "enrolment_end");
  roster_test_response_free (response);

  body = g_strdup_printf ("{\"type\": \"self\", \"name\": \"%s\"}", long_name);
  CREATE (body);
  assert_invalid (response, "name");
  roster_test_response_free (response);
  g_free (body);
  body = g_strdup_printf ("{\"type\": \"self\", \"welcome_message\": \"%s\"}", long_welcome);
  CREATE (body);
  assert_invalid (response, "welcome_message");
  roster_test_response_free (response);

  /* One manual method a course, and at most one guest method. */
  CREATE ("{\"type\": \"manual\"}");
  assert_error (response, 409, "conflict");
  roster_test_response_free (response);
  response = send_json (server, "POST", "/api/v1/courses/6/methods", lc220_leader, "{\"type\": \"guest\"}");
  assert_error (response, 409, "conflict");
  roster_test_response_free (response);
  /* A self-enrolment setting on a guest method would do nothing. */
  CREATE ("{\"type\": \"guest\", \"welcome_message\": \"Hello\"}");
  assert_invalid (response, "welcome_message");
  roster_test_response_free (response);

  CREATE ("{\"type\": ");
  assert_error (response, 400, "malformed_json");
  roster_test_response_free (response);
  response = roster_test_request (server, "POST", "/api/v1/courses/1/methods", token, "text/plain", "self");
  assert_error (response, 415, "unsupported_media_type");
  roster_test_response_free (response);

#undef CREATE

  /* A guest method is fine where there is none yet. */
  response = send_json (server, "POST", "/api/v1/courses/1/methods", token, "{\"type\": \"guest\"}");
  g_assert_cmpuint (response->status, ==, 201);
  roster_test_response_free (response);

  g_assert_cmpuint (count_audit (server, "method.created", NULL), ==, 1);
}

static void
test_edit (RosterTestFixture *fixture,
           gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autoptr(RosterAuditRecord) record = NULL;
  RosterTestResponse *response;
  JsonObject *method;

#define EDIT(json) (response = send_json (server, "PATCH", "/api/v1/methods/20", token, json))

  EDIT ("{\"name\": \"Visitors 2027\", \"enabled\": false, \"enrol_end\": \"2027-06-30T00:00:00Z\","
        " \"max_enrolled\": 50}");
  g_assert_cmpuint (response->status, ==, 200);
  method = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (method, "name"), ==, "Visitors 2027");
  g_assert_false (json_object_get_boolean_member (method, "enabled"));
  g_assert_cmpstr (json_object_get_string_member (method, "enrol_end"), ==, "2027-06-30T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (method, "max_enrolled"), ==, 50);
  /* Untouched. */
  g_assert_true (json_object_get_boolean_member (method, "notify_admins"));
  g_assert_cmpint (json_object_get_int_member (method, "enrolled_count"), ==, 11);
  roster_test_response_free (response);

  g_assert_cmpuint (count_audit (server, "method.updated", &record), ==, 1);
  g_assert_cmpstr (record->details, ==, "{\"changed\":[\"name\",\"enabled\",\"max_enrolled\",\"enrol_end\"]}");

  /* Checked against what is stored: a start after the stored end. */
  EDIT ("{\"enrol_start\": \"2027-07-01\"}");
  assert_invalid (response, "enrol_end");
  roster_test_response_free (response);

  /* null: back to the default name, no end, no welcome message. */
  EDIT ("{\"name\": null, \"enrol_end\": null, \"welcome_message\": null, \"max_enrolled\": null}");
  g_assert_cmpuint (response->status, ==, 200);
  method = roster_test_response_object (response);
  g_assert_true (json_object_get_null_member (method, "name"));
  g_assert_true (json_object_get_null_member (method, "enrol_end"));
  g_assert_true (json_object_get_null_member (method, "welcome_message"));
  g_assert_cmpint (json_object_get_int_member (method, "max_enrolled"), ==, 0);
  roster_test_response_free (response);

  EDIT ("{\"type\": \"guest\"}");
  assert_invalid (response, "type");
  roster_test_response_free (response);
  EDIT ("{\"sort_order\": -1}");
  assert_invalid (response, "sort_order");
  roster_test_response_free (response);

  /* Nothing to change: the method as it is, and no audit record. */
  EDIT ("{}");
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (roster_test_response_object (response), "id"), ==, 20);
  roster_test_response_free (response);

#undef EDIT

  g_assert_cmpuint (count_audit (server, "method.updated", NULL), ==, 2);
}

static void
test_reorder (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autoptr(RosterTestResponse) added = send_json (server, "POST", "/api/v1/courses/1/methods", token,
                                                   "{\"type\": \"guest\"}");
  g_autoptr(RosterTestResponse) first = NULL;
  g_autoptr(RosterTestResponse) last = NULL;
  g_autoptr(RosterTestResponse) placed = NULL;
  g_autofree char *path = NULL;
  char *order, *expected;
  gint64 guest;

  g_assert_cmpuint (added->status, ==, 201);
  guest = json_object_get_int_member (roster_test_response_object (added), "id");
  path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT, guest);

  /* First: the others shift down. */
  first = send_json (server, "PATCH", path, token, "{\"sort_order\": 0}");
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (roster_test_response_object (first), "sort_order"), ==, 0);
  order = method_order (server, token, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":0 1:1 20:2", guest);
  g_assert_cmpstr (order, ==, expected);
  g_free (order);
  g_free (expected);

  /* Past the end: last, still without gaps. */
  last = send_json (server, "PATCH", "/api/v1/methods/1", token, "{\"sort_order\": 99}");
  g_assert_cmpuint (last->status, ==, 200);
  order = method_order (server, token, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":0 20:1 1:2", guest);
  g_assert_cmpstr (order, ==, expected);
  g_free (order);
  g_free (expected);

  /* A new method can start anywhere. */
  placed = send_json (server, "POST", "/api/v1/courses/1/methods", token,
                      "{\"type\": \"self\", \"sort_order\": 1}");
  g_assert_cmpuint (placed->status, ==, 201);
  order = method_order (server, token, 1);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ":0 %" G_GINT64_FORMAT ":1 20:2 1:3", guest,
                              json_object_get_int_member (roster_test_response_object (placed), "id"));
  g_assert_cmpstr (order, ==, expected);
  g_free (order);
  g_free (expected);
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

static void
test_delete (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "admin");
  g_autoptr(RosterTestResponse) refused = NULL;
  g_autoptr(RosterTestResponse) bad = NULL;
  g_autoptr(RosterTestResponse) manual = NULL;
  g_autoptr(RosterTestResponse) deleted = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) keys = NULL;
  g_autoptr(RosterTestResponse) empty = NULL;
  g_autoptr(RosterTestResponse) empty_deleted = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *order = NULL;
  g_autofree char *empty_path = NULL;
  JsonObject *error;
  gint64 before = participant_count (server, token, 1);

  /* People came in through it: 409, saying how many. */
  refused = roster_test_request (server, "DELETE", "/api/v1/methods/20", token, NULL, NULL);
  assert_error (refused, 409, "conflict");
  error = json_object_get_object_member (roster_test_response_object (refused), "error");
  g_assert_cmpint (json_object_get_int_member (error, "enrolled"), ==, 11);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "11 people"));

  bad = roster_test_request (server, "DELETE", "/api/v1/methods/20?unenrol=yes", token, NULL, NULL);
  assert_error (bad, 400, "invalid_request");
  manual = roster_test_request (server, "DELETE", "/api/v1/methods/1?unenrol=true", token, NULL, NULL);
  assert_error (manual, 409, "conflict");
  g_assert_cmpint (participant_count (server, token, 1), ==, before);
  g_assert_cmpuint (count_audit (server, "method.deleted", NULL), ==, 0);

  deleted = roster_test_request (server, "DELETE", "/api/v1/methods/20?unenrol=true", token, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_cmpuint (g_bytes_get_size (deleted->body), ==, 0);

  g_assert_cmpint (participant_count (server, token, 1), ==, before - 11);
  order = method_order (server, token, 1);
  g_assert_cmpstr (order, ==, "1:0");
  keys = roster_test_get (server, "/api/v1/methods/20/keys", token);
  assert_error (keys, 404, "not_found");
  again = roster_test_request (server, "DELETE", "/api/v1/methods/20", token, NULL, NULL);
  assert_error (again, 404, "not_found");

  g_assert_cmpuint (count_audit (server, "method.deleted", &record), ==, 1);
  g_assert_cmpint (record->object_id, ==, 20);
  g_assert_cmpint (record->course_id, ==, 1);
  g_assert_cmpint (record->actor_id, ==, 1);
  g_assert_nonnull (strstr (record->details, "\"unenrolled\":11"));
  g_assert_nonnull (strstr (record->details, "\"name\":\"External visitors\""));

  /* Nobody enrolled: no need to say unenrol. */
  empty = send_json (server, "POST", "/api/v1/courses/2/methods", token, "{\"type\": \"self\"}");
  g_assert_cmpuint (empty->status, ==, 201);
  empty_path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT,
                                json_object_get_int_member (roster_test_response_object (empty), "id"));
  empty_deleted = roster_test_request (server, "DELETE", empty_path, token, NULL, NULL);
  g_assert_cmpuint (empty_deleted->status, ==, 204);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/list", test_list);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/permissions", test_permissions);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/create", test_create);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/create-refused", test_create_refused);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/edit", test_edit);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/reorder", test_reorder);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/methods/delete", test_delete);

  return g_test_run ();
}
