/* test-server-groups.c: groups, members, the course group mode and
 * assignments, through the API of a demo server (what each role sees of
 * submissions: test-server-submissions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

/* The demo (roster-demo.c): CS205 is course 2, in separate mode, with
 * groups A, B and C (ids 1 to 3); Coursework 1 (separate) and Weekly SQL
 * exercises (none) are assignments 1 and 2. */
#define CS205       "/api/v1/courses/2"
#define GROUP_A     1
#define GROUP_B     2

static char *
login (RosterTestServer *server,
       const char       *username)
{
  return roster_test_login (server, username,
                            g_str_equal (username, "admin") ? ROSTER_DEMO_ADMIN_PASSWORD : ROSTER_DEMO_PASSWORD);
}

static gint64
my_id (RosterTestServer *server,
       const char       *token)
{
  g_autoptr(RosterTestResponse) me = roster_test_get (server, "/api/v1/me", token);

  g_assert_cmpuint (me->status, ==, 200);
  return json_object_get_int_member (json_object_get_object_member (roster_test_response_object (me), "user"),
                                     "id");
}

static RosterTestResponse *
send_json (RosterTestServer *server,
           const char       *method,
           const char       *path,
           const char       *token,
           const char       *body)
{
  return roster_test_request (server, method, path, token, body ? "application/json" : NULL, body);
}

static void
assert_error (RosterTestResponse *response,
              guint               status,
              const char         *code)
{
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (roster_test_response_error_code (response), ==, code);
}

static const char *
error_message (RosterTestResponse *response)
{
  return json_object_get_string_member (json_object_get_object_member (roster_test_response_object (response),
                                                                       "error"),
                                        "message");
}

/* "Group A:17 Group B:17" */
static char *
group_names (RosterTestResponse *response)
{
  JsonArray *groups;
  GString *str = g_string_new (NULL);

  g_assert_cmpuint (response->status, ==, 200);
  groups = json_object_get_array_member (roster_test_response_object (response), "groups");
  for (guint i = 0; i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);

      g_string_append_printf (str, "%s%s:%" G_GINT64_FORMAT, i ? " " : "",
                              json_object_get_string_member (group, "name"),
                              json_object_get_int_member (group, "member_count"));
    }

  return g_string_free (str, FALSE);
}

static guint
count_audit (RosterTestServer *server,
             const char       *action)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  const RosterAuditQuery query = { .action = action, .limit = 1000 };
  g_autoptr(GPtrArray) records = roster_storage_list_audit (storage, &query, &error);

  g_assert_no_error (error);
  return records->len;
}

/* ---- the groups list ---- */

static void
test_list (RosterTestFixture *fixture,
           gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *student = login (server, "k.zhang");
  g_autofree char *other = login (server, "l.wang");
  g_autoptr(RosterTestResponse) all = roster_test_get (server, CS205 "/groups", leader);
  g_autoptr(RosterTestResponse) by_teacher = roster_test_get (server, CS205 "/groups", teacher);
  g_autoptr(RosterTestResponse) by_moderator = roster_test_get (server, CS205 "/groups", moderator);
  g_autoptr(RosterTestResponse) by_student = roster_test_get (server, CS205 "/groups", student);
  g_autoptr(RosterTestResponse) foreign = roster_test_get (server, CS205 "/groups", other);
  g_autoptr(RosterTestResponse) missing = roster_test_get (server, "/api/v1/courses/9999/groups", other);
  g_autofree char *all_names = group_names (all);
  g_autofree char *teacher_names = group_names (by_teacher);
  g_autofree char *moderator_names = group_names (by_moderator);
  g_autofree char *student_names = group_names (by_student);
  JsonObject *group_a;

  /* 48 students in three groups, plus the moderator in A. */
  g_assert_cmpstr (all_names, ==, "Group A:17 Group B:17 Group C:16");
  g_assert_cmpstr (teacher_names, ==, all_names);
  /* Without groups.view: only one's own groups, for the filter. */
  g_assert_cmpstr (moderator_names, ==, "Group A:17");
  g_assert_cmpstr (student_names, ==, "Group A:17");

  group_a = json_array_get_object_element (json_object_get_array_member (roster_test_response_object (all),
                                                                         "groups"), 0);
  g_assert_cmpint (json_object_get_int_member (group_a, "id"), ==, GROUP_A);
  g_assert_cmpint (json_object_get_int_member (group_a, "course_id"), ==, 2);
  g_assert_true (json_object_get_null_member (group_a, "description"));

  assert_error (foreign, 404, "not_found");
  assert_error (missing, 404, "not_found");
  g_assert_true (g_bytes_equal (foreign->body, missing->body));
}

/* ---- creating, renaming, deleting ---- */

static void
test_manage (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *other = login (server, "l.wang");
  g_autofree char *long_name = NULL;
  g_autofree char *long_body = NULL;
  g_autofree char *group_path = NULL;
  RosterTestResponse *response;
  JsonObject *group;
  gint64 id;

  response = send_json (server, "POST", CS205 "/groups", leader,
                        "{\"name\": \"  Lab group \", \"description\": \"Tuesday labs\"}");
  g_assert_cmpuint (response->status, ==, 201);
  group = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Lab group");
  g_assert_cmpstr (json_object_get_string_member (group, "description"), ==, "Tuesday labs");
  g_assert_cmpint (json_object_get_int_member (group, "member_count"), ==, 0);
  id = json_object_get_int_member (group, "id");
  group_path = g_strdup_printf ("/api/v1/groups/%" G_GINT64_FORMAT, id);
  roster_test_response_free (response);

  /* Refusals, each with its code; none of them is written down. */
  response = send_json (server, "POST", CS205 "/groups", leader, "{\"name\": \"group a\"}");
  assert_error (response, 409, "conflict");
  g_assert_nonnull (strstr (error_message (response), "Group A"));
  roster_test_response_free (response);
  response = send_json (server, "POST", CS205 "/groups", leader, "{\"name\": \"   \"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  long_name = g_strnfill (256, 'x');
  long_body = g_strdup_printf ("{\"name\": \"%s\"}", long_name);
  response = send_json (server, "POST", CS205 "/groups", leader, long_body);
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "POST", CS205 "/groups", leader, "{\"name\": \"X\", \"colour\": \"red\"}");
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (error_message (response), "colour"));
  roster_test_response_free (response);
  response = send_json (server, "POST", CS205 "/groups", leader, "{\"description\": \"no name\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "POST", CS205 "/groups", teacher, "{\"name\": \"Mine\"}");
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = send_json (server, "POST", CS205 "/groups", other, "{\"name\": \"Mine\"}");
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "group.created"), ==, 1);

  /* Renaming. */
  response = send_json (server, "PATCH", group_path, leader, "{\"name\": \"Labs\", \"description\": null}");
  g_assert_cmpuint (response->status, ==, 200);
  group = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Labs");
  g_assert_true (json_object_get_null_member (group, "description"));
  roster_test_response_free (response);
  response = send_json (server, "PATCH", group_path, leader, "{\"name\": \"GROUP B\"}");
  assert_error (response, 409, "conflict");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", group_path, leader, "{}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", group_path, teacher, "{\"name\": \"Mine\"}");
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  /* The same name again changes nothing, and is not written down. */
  response = send_json (server, "PATCH", group_path, leader, "{\"name\": \"Labs\"}");
  g_assert_cmpuint (response->status, ==, 200);
  roster_test_response_free (response);
  response = send_json (server, "PATCH", group_path, leader, "{\"description\": \"Thursdays\"}");
  g_assert_cmpuint (response->status, ==, 200);
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "group.renamed"), ==, 1);
  g_assert_cmpuint (count_audit (server, "group.updated"), ==, 1);

  /* Another course's group answers like a missing one. */
  {
    g_autoptr(RosterTestResponse) foreign = send_json (server, "PATCH", "/api/v1/groups/1", other,
                                                       "{\"name\": \"Mine\"}");
    g_autoptr(RosterTestResponse) missing = send_json (server, "PATCH", "/api/v1/groups/9999", other,
                                                       "{\"name\": \"Mine\"}");

    assert_error (foreign, 404, "not_found");
    assert_error (missing, 404, "not_found");
    g_assert_true (g_bytes_equal (foreign->body, missing->body));
  }

  response = send_json (server, "DELETE", group_path, teacher, NULL);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = send_json (server, "DELETE", group_path, leader, NULL);
  g_assert_cmpuint (response->status, ==, 204);
  roster_test_response_free (response);
  response = send_json (server, "DELETE", group_path, leader, NULL);
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "group.deleted"), ==, 1);
}

/* ---- members ---- */

static JsonObject *
find_member (JsonArray  *members,
             const char *username)
{
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member (member, "username"), username) == 0)
        return member;
    }

  return NULL;
}

static void
test_members (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *staff = login (server, "s.taylor");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *student = login (server, "k.zhang");
  g_autofree char *other = login (server, "l.wang");
  gint64 student_id = my_id (server, student);
  gint64 other_id = my_id (server, other);
  g_autofree char *student_in_b = g_strdup_printf ("/api/v1/groups/%d/members/%" G_GINT64_FORMAT,
                                                   GROUP_B, student_id);
  g_autofree char *other_in_b = g_strdup_printf ("/api/v1/groups/%d/members/%" G_GINT64_FORMAT,
                                                 GROUP_B, other_id);
  RosterTestResponse *response;
  JsonArray *members;
  JsonObject *member;

  response = roster_test_get (server, "/api/v1/groups/1/members", teacher);
  g_assert_cmpuint (response->status, ==, 200);
  members = json_object_get_array_member (roster_test_response_object (response), "members");
  g_assert_cmpuint (json_array_get_length (members), ==, 17);
  member = find_member (members, "r.fischer");
  g_assert_nonnull (member);
  g_assert_cmpstr (json_object_get_string_member (member, "role"), ==, "external_moderator");
  g_assert_cmpstr (json_object_get_string_member (member, "type"), ==, "external");
  g_assert_cmpstr (json_object_get_string_member (member, "email"), ==, "rachel.fischer@partner.example");
  g_assert_cmpstr (json_object_get_string_member (member, "last_name"), ==, "Fischer");
  g_assert_cmpstr (json_object_get_string_member (find_member (members, "k.zhang"), "role"), ==, "student");
  g_assert_false (json_object_has_member (member, "state"));
  roster_test_response_free (response);

  /* Moderators and students do not see who else is in a group. */
  response = roster_test_get (server, "/api/v1/groups/1/members", moderator);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = roster_test_get (server, "/api/v1/groups/1/members", student);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);

  /* Putting someone in a group twice: the same answer, one record. */
  for (guint i = 0; i < 2; i++)
    {
      response = send_json (server, "PUT", student_in_b, staff, NULL);
      g_assert_cmpuint (response->status, ==, 204);
      roster_test_response_free (response);
    }
  g_assert_cmpuint (count_audit (server, "group.member_added"), ==, 1);
  response = roster_test_get (server, CS205 "/groups", student);
  {
    g_autofree char *names = group_names (response);
    g_assert_cmpstr (names, ==, "Group A:17 Group B:18");
  }
  roster_test_response_free (response);

  response = send_json (server, "PUT", other_in_b, staff, NULL);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (error_message (response), "l.wang"));
  g_assert_nonnull (strstr (error_message (response), "not enrolled"));
  roster_test_response_free (response);
  response = send_json (server, "PUT", student_in_b, teacher, NULL);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = send_json (server, "PUT", "/api/v1/groups/9999/members/9", staff, NULL);
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);

  for (guint i = 0; i < 2; i++)
    {
      response = send_json (server, "DELETE", student_in_b, staff, NULL);
      g_assert_cmpuint (response->status, ==, 204);
      roster_test_response_free (response);
    }
  g_assert_cmpuint (count_audit (server, "group.member_removed"), ==, 1);
  g_assert_cmpuint (count_audit (server, "group.member_added"), ==, 1);
}

/* ---- the course's group mode and the assignments ---- */

static JsonObject *
assignment_named (JsonArray  *assignments,
                  const char *name)
{
  for (guint i = 0; i < json_array_get_length (assignments); i++)
    {
      JsonObject *assignment = json_array_get_object_element (assignments, i);

      if (g_strcmp0 (json_object_get_string_member (assignment, "name"), name) == 0)
        return assignment;
    }

  g_assert_not_reached ();
}

static void
test_course_group_mode (RosterTestFixture *fixture,
                        gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *other = login (server, "l.wang");
  RosterTestResponse *response;
  JsonObject *course;
  JsonArray *assignments;

  response = send_json (server, "PATCH", CS205, leader, "{\"group_mode\": \"visible\", \"group_mode_forced\": true}");
  g_assert_cmpuint (response->status, ==, 200);
  course = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (course, "group_mode"), ==, "visible");
  g_assert_true (json_object_get_boolean_member (course, "group_mode_forced"));
  g_assert_cmpstr (json_object_get_string_member (course, "short_name"), ==, "CS205");
  roster_test_response_free (response);

  /* The same again changes nothing and is not written down. */
  response = send_json (server, "PATCH", CS205, leader, "{\"group_mode_forced\": true}");
  g_assert_cmpuint (response->status, ==, 200);
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "course.group_mode_changed"), ==, 1);

  /* Every assignment now has the course's mode, whatever its own. */
  response = roster_test_get (server, CS205 "/assignments", leader);
  g_assert_cmpuint (response->status, ==, 200);
  assignments = json_object_get_array_member (roster_test_response_object (response), "assignments");
  g_assert_cmpstr (json_object_get_string_member (assignment_named (assignments, "Weekly SQL exercises"),
                                                  "group_mode"), ==, "none");
  g_assert_cmpstr (json_object_get_string_member (assignment_named (assignments, "Weekly SQL exercises"),
                                                  "effective_group_mode"), ==, "visible");
  g_assert_true (json_object_get_boolean_member (assignment_named (assignments, "Weekly SQL exercises"),
                                                 "forced"));
  roster_test_response_free (response);

  response = send_json (server, "PATCH", CS205, leader, "{\"full_name\": \"Data\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", CS205, leader, "{\"group_mode\": \"hidden\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", CS205, leader, "{\"group_mode_forced\": \"yes\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", CS205, leader, "{}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", CS205, teacher, "{\"group_mode\": \"none\"}");
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", CS205, other, "{\"group_mode\": \"none\"}");
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);

  response = roster_test_get (server, CS205, leader);
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (response), "group_mode"), ==,
                   "visible");
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "course.group_mode_changed"), ==, 1);
}

static void
test_assignments (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *student = login (server, "k.zhang");
  RosterTestResponse *response;
  JsonArray *assignments;
  JsonObject *coursework, *weekly, *patched;
  gint64 all_coursework, all_weekly;

  response = roster_test_get (server, CS205 "/assignments", leader);
  g_assert_cmpuint (response->status, ==, 200);
  assignments = json_object_get_array_member (roster_test_response_object (response), "assignments");
  g_assert_cmpuint (json_array_get_length (assignments), ==, 2);
  /* By due date. */
  coursework = json_array_get_object_element (assignments, 0);
  g_assert_cmpstr (json_object_get_string_member (coursework, "name"), ==, "Coursework 1: Database design");
  g_assert_cmpstr (json_object_get_string_member (coursework, "due_at"), ==, "2026-11-06T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (coursework, "group_mode"), ==, "separate");
  g_assert_cmpstr (json_object_get_string_member (coursework, "effective_group_mode"), ==, "separate");
  g_assert_false (json_object_get_boolean_member (coursework, "forced"));
  all_coursework = json_object_get_int_member (coursework, "submission_count");
  all_weekly = json_object_get_int_member (json_array_get_object_element (assignments, 1), "submission_count");
  g_assert_cmpint (all_coursework, >, 30);
  roster_test_response_free (response);

  /* The moderator's counts: a third under separate groups, all under none. */
  response = roster_test_get (server, CS205 "/assignments", moderator);
  g_assert_cmpuint (response->status, ==, 200);
  assignments = json_object_get_array_member (roster_test_response_object (response), "assignments");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0), "submission_count"),
                   <, all_coursework / 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0), "submission_count"),
                   >, 0);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 1), "submission_count"),
                   ==, all_weekly);
  roster_test_response_free (response);

  response = roster_test_get (server, CS205 "/assignments", student);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);

  /* Weekly SQL exercises to separate groups: the moderator's count drops. */
  response = send_json (server, "PATCH", "/api/v1/assignments/2", leader,
                        "{\"group_mode\": \"separate\", \"due_at\": null, \"name\": \" SQL exercises \"}");
  g_assert_cmpuint (response->status, ==, 200);
  patched = roster_test_response_object (response);
  g_assert_cmpstr (json_object_get_string_member (patched, "name"), ==, "SQL exercises");
  g_assert_cmpstr (json_object_get_string_member (patched, "effective_group_mode"), ==, "separate");
  g_assert_true (json_object_get_null_member (patched, "due_at"));
  g_assert_cmpint (json_object_get_int_member (patched, "submission_count"), ==, all_weekly);
  roster_test_response_free (response);
  response = roster_test_get (server, CS205 "/assignments", moderator);
  assignments = json_object_get_array_member (roster_test_response_object (response), "assignments");
  weekly = assignment_named (assignments, "SQL exercises");
  g_assert_cmpint (json_object_get_int_member (weekly, "submission_count"), <, all_weekly / 2);
  /* Undated now, so last. */
  g_assert_true (json_array_get_object_element (assignments, 1) == weekly);
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "assignment.updated"), ==, 1);

  response = send_json (server, "PATCH", "/api/v1/assignments/2", leader, "{\"group_mode\": \"groups\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", "/api/v1/assignments/2", leader, "{\"due_at\": \"Friday\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", "/api/v1/assignments/2", teacher, "{\"group_mode\": \"none\"}");
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = send_json (server, "PATCH", "/api/v1/assignments/9999", leader, "{\"group_mode\": \"none\"}");
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);

  /* While the course forces its mode, an assignment cannot have another. */
  response = send_json (server, "PATCH", CS205, leader, "{\"group_mode\": \"visible\", \"group_mode_forced\": true}");
  g_assert_cmpuint (response->status, ==, 200);
  roster_test_response_free (response);
  response = send_json (server, "PATCH", "/api/v1/assignments/2", leader, "{\"group_mode\": \"none\"}");
  assert_error (response, 409, "conflict");
  g_assert_nonnull (strstr (error_message (response), "forces"));
  roster_test_response_free (response);
  /* Its name may still change. */
  response = send_json (server, "PATCH", "/api/v1/assignments/2", leader,
                        "{\"name\": \"Weekly SQL\", \"group_mode\": \"separate\"}");
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (response), "effective_group_mode"),
                   ==, "visible");
  roster_test_response_free (response);
  g_assert_cmpuint (count_audit (server, "assignment.updated"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/groups/list", test_list);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/groups/manage", test_manage);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/groups/members", test_members);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/groups/course-group-mode", test_course_group_mode);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/groups/assignments", test_assignments);

  return g_test_run ();
}
