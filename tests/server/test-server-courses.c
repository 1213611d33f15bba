/* test-server-courses.c: who sees which course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-demo.h"
#include "roster-test-server.h"


static JsonArray *
courses_of (RosterTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_array_member (roster_test_response_object (response), "courses");
}

static JsonObject *
find_course (JsonArray  *courses,
             const char *short_name)
{
  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);

      if (g_strcmp0 (json_object_get_string_member (course, "short_name"), short_name) == 0)
        return course;
    }

  return NULL;
}

static gboolean
has_capability (JsonObject *course,
                const char *capability)
{
  JsonArray *caps = json_object_get_array_member (course, "capabilities");

  for (guint i = 0; i < json_array_get_length (caps); i++)
    {
      if (g_strcmp0 (json_array_get_string_element (caps, i), capability) == 0)
        return TRUE;
    }

  return FALSE;
}

static gint64
course_id (RosterTestServer *server,
           const char       *short_name)
{
  g_autofree char *token = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  JsonObject *course = find_course (courses_of (response), short_name);

  g_assert_nonnull (course);
  return json_object_get_int_member (course, "id");
}

static void
test_admin_sees_all (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  JsonArray *courses = courses_of (response);
  JsonObject *cs205;

  g_assert_cmpuint (json_array_get_length (courses), ==, 8);

  /* Not enrolled, yet every capability, as a site administrator. */
  cs205 = find_course (courses, "CS205");
  g_assert_nonnull (cs205);
  g_assert_true (json_object_get_null_member (cs205, "my_role"));
  g_assert_true (has_capability (cs205, "keys.reveal"));
  g_assert_cmpint (json_object_get_int_member (cs205, "participant_count"), >, 40);
  g_assert_cmpstr (json_object_get_string_member (cs205, "group_mode"), ==, "separate");
  g_assert_cmpstr (json_object_get_string_member (cs205, "department"), ==, "Computer Science");
}

static void
test_module_leader (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  g_autoptr(RosterTestResponse) me = roster_test_get (server, "/api/v1/me", token);
  JsonArray *courses = courses_of (response);
  JsonArray *roles;

  g_assert_cmpuint (json_array_get_length (courses), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);

      g_assert_cmpstr (json_object_get_string_member (course, "my_role"), ==, "module_leader");
      g_assert_true (has_capability (course, "keys.reveal"));
      g_assert_true (has_capability (course, "enrolments.manage"));
    }
  g_assert_nonnull (find_course (courses, "CS101"));
  g_assert_nonnull (find_course (courses, "CS205"));

  g_assert_cmpuint (me->status, ==, 200);
  roles = json_object_get_array_member (roster_test_response_object (me), "courses");
  g_assert_cmpuint (json_array_get_length (roles), ==, 2);
  g_assert_false (json_object_get_boolean_member (roster_test_response_object (me), "site_admin"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (me),
                                                                         "site_capabilities")), ==, 0);
}

/* Teachers see participants and groups, but no keys and no enrolment
 * changes (PRODUCT.md §1). */
static void
test_teacher (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "j.okafor", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  JsonArray *courses = courses_of (response);
  JsonObject *cs205;

  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  cs205 = find_course (courses, "CS205");
  g_assert_nonnull (cs205);
  g_assert_cmpstr (json_object_get_string_member (cs205, "my_role"), ==, "teacher");
  g_assert_true (has_capability (cs205, "participants.view"));
  g_assert_true (has_capability (cs205, "groups.view"));
  g_assert_false (has_capability (cs205, "keys.reveal"));
  g_assert_false (has_capability (cs205, "enrolments.manage"));
  g_assert_false (has_capability (cs205, "groups.access_all"));
}

static void
test_external_moderator (RosterTestFixture *fixture,
                         gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "r.fischer", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  g_autoptr(RosterTestResponse) other = NULL;
  g_autofree char *other_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT, course_id (server, "CS101"));
  JsonArray *courses = courses_of (response);
  JsonObject *cs205;

  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  cs205 = find_course (courses, "CS205");
  g_assert_cmpstr (json_object_get_string_member (cs205, "my_role"), ==, "external_moderator");
  g_assert_true (has_capability (cs205, "submissions.view"));
  g_assert_false (has_capability (cs205, "participants.view"));
  g_assert_false (has_capability (cs205, "groups.access_all"));
  /* Without the right to see participants, not even their number. */
  g_assert_false (json_object_has_member (cs205, "participant_count"));

  other = roster_test_get (server, other_path, token);
  g_assert_cmpuint (other->status, ==, 404);
}

static void
test_student (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "k.zhang", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  JsonArray *courses = courses_of (response);

  g_assert_cmpuint (json_array_get_length (courses), ==, 2);
  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);
      JsonArray *caps = json_object_get_array_member (course, "capabilities");

      g_assert_cmpstr (json_object_get_string_member (course, "my_role"), ==, "student");
      g_assert_cmpuint (json_array_get_length (caps), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (caps, 0), ==, "course.view");
    }
}

static void
test_get_course (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "l.wang", ROSTER_DEMO_PASSWORD);
  g_autofree char *admin = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  gint64 lc110 = course_id (server, "LC110");
  gint64 cs205 = course_id (server, "CS205");
  g_autofree char *lc110_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT, lc110);
  g_autofree char *cs205_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT, cs205);
  g_autoptr(RosterTestResponse) own = roster_test_get (server, lc110_path, leader);
  g_autoptr(RosterTestResponse) foreign = roster_test_get (server, cs205_path, leader);
  g_autoptr(RosterTestResponse) missing = roster_test_get (server, "/api/v1/courses/987654", leader);
  g_autoptr(RosterTestResponse) junk = roster_test_get (server, "/api/v1/courses/abc", leader);
  g_autoptr(RosterTestResponse) by_admin = roster_test_get (server, cs205_path, admin);
  JsonObject *course;

  g_assert_cmpuint (own->status, ==, 200);
  course = roster_test_response_object (own);
  g_assert_cmpstr (json_object_get_string_member (course, "full_name"), ==, "Chinese for Beginners (中文入门)");
  g_assert_cmpstr (json_object_get_string_member (course, "my_role"), ==, "module_leader");

  /* Another course answers like a course that does not exist. */
  g_assert_cmpuint (foreign->status, ==, 404);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_true (g_bytes_equal (foreign->body, missing->body));
  g_assert_cmpuint (junk->status, ==, 404);

  g_assert_cmpuint (by_admin->status, ==, 200);
}

static void
test_search (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) chinese = roster_test_get (server, "/api/v1/courses?q=CHINESE", token);
  g_autoptr(RosterTestResponse) hanzi = roster_test_get (server, "/api/v1/courses?q=%E4%B8%AD%E6%96%87", token);
  g_autoptr(RosterTestResponse) code = roster_test_get (server, "/api/v1/courses?q=cs", token);
  g_autoptr(RosterTestResponse) none = roster_test_get (server, "/api/v1/courses?q=%25", token);
  JsonArray *courses;

  courses = courses_of (chinese);
  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  g_assert_nonnull (find_course (courses, "LC110"));

  courses = courses_of (hanzi);
  g_assert_cmpuint (json_array_get_length (courses), ==, 1);
  g_assert_nonnull (find_course (courses, "LC110"));

  g_assert_cmpuint (json_array_get_length (courses_of (code)), ==, 4);

  /* A "%" is searched for, not used as a wildcard. */
  g_assert_cmpuint (json_array_get_length (courses_of (none)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/admin-sees-all", test_admin_sees_all);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/module-leader", test_module_leader);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/teacher", test_teacher);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/external-moderator", test_external_moderator);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/student", test_student);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/get-course", test_get_course);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/courses/search", test_search);

  return g_test_run ();
}
