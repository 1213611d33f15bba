/* test-server-submissions.c: what each role sees of the submissions
 * under each group mode, by itself and through staff's "preview as"
 * (seed 000: external moderators limited to their own groups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

/* The demo (roster-demo.c): in CS205 (course 2) r.fischer, external
 * moderator, is in Group A (1); j.okafor, teacher, in Group B (2); Group
 * C is 3. Coursework 1 (assignment 1) uses separate groups, Weekly SQL
 * exercises (2) none. LC305 (course 7) has Seminar 1 and 2 (4, 5) and an
 * external moderator in Seminar 2; its portfolio is assignment 3. */
#define COURSEWORK  "/api/v1/assignments/1"
#define WEEKLY      "/api/v1/assignments/2"
#define PORTFOLIO   "/api/v1/assignments/3"
#define GROUP_A     1
#define GROUP_B     2
#define GROUP_C     3
#define SEMINAR_2   5

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
submissions (RosterTestServer *server,
             const char       *assignment,
             const char       *token,
             const char       *query)
{
  g_autofree char *path = g_strconcat (assignment, "/submissions", query ? "?" : "", query, NULL);

  return roster_test_get (server, path, token);
}

static JsonObject *
ok (RosterTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 200);
  return roster_test_response_object (response);
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

static void
patch (RosterTestServer *server,
       const char       *path,
       const char       *token,
       const char       *body)
{
  g_autoptr(RosterTestResponse) response = roster_test_request (server, "PATCH", path, token,
                                                                "application/json", body);

  g_assert_cmpuint (response->status, ==, 200);
}

/* The student ids of a group, from its member list. */
static GHashTable *
students_of (RosterTestServer *server,
             const char       *token,
             gint64            group_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/groups/%" G_GINT64_FORMAT "/members", group_id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  JsonArray *members = json_object_get_array_member (ok (response), "members");
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);
      gint64 id = json_object_get_int_member (member, "id");

      if (g_strcmp0 (json_object_get_string_member (member, "role"), "student") == 0)
        g_hash_table_add (ids, g_memdup2 (&id, sizeof id));
    }

  return ids;
}

static JsonArray *
rows (JsonObject *answer)
{
  return json_object_get_array_member (answer, "submissions");
}

static guint
n_rows (JsonObject *answer)
{
  return json_array_get_length (rows (answer));
}

/* Every row's student is in @students, and every student of @students
 * with a submission is there (compared with @everyone, staff's view). */
static void
assert_rows_are (JsonObject *answer,
                 GHashTable *students,
                 JsonObject *everyone)
{
  guint expected = 0;

  for (guint i = 0; i < n_rows (answer); i++)
    {
      JsonObject *student = json_object_get_object_member (json_array_get_object_element (rows (answer), i),
                                                           "student");
      gint64 id = json_object_get_int_member (student, "id");

      g_assert_true (g_hash_table_contains (students, &id));
    }

  for (guint i = 0; i < n_rows (everyone); i++)
    {
      JsonObject *student = json_object_get_object_member (json_array_get_object_element (rows (everyone), i),
                                                           "student");
      gint64 id = json_object_get_int_member (student, "id");

      if (g_hash_table_contains (students, &id))
        expected++;
    }

  g_assert_cmpuint (n_rows (answer), ==, expected);
  g_assert_cmpuint (expected, >, 0);
}

/* "1 2 3" for the ids of the groups a viewer may filter by. */
static char *
filter_groups (JsonObject *answer)
{
  JsonArray *groups = json_object_get_array_member (answer, "groups");
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (groups); i++)
    g_string_append_printf (str, "%s%" G_GINT64_FORMAT, i ? " " : "",
                            json_object_get_int_member (json_array_get_object_element (groups, i), "id"));

  return g_string_free (str, FALSE);
}

static void
assert_view (JsonObject *answer,
             const char *mode,
             const char *scope,
             gint64      filter,
             const char *groups)
{
  g_autofree char *ids = filter_groups (answer);

  g_assert_cmpstr (json_object_get_string_member (answer, "effective_group_mode"), ==, mode);
  g_assert_cmpstr (json_object_get_string_member (answer, "scope"), ==, scope);
  if (filter == 0)
    g_assert_true (json_object_get_null_member (answer, "filter"));
  else
    g_assert_cmpint (json_object_get_int_member (answer, "filter"), ==, filter);
  g_assert_cmpstr (ids, ==, groups);
}

/* A preview is exactly what its subject gets, with the banner's flag. */
static void
assert_same_view (JsonObject *preview,
                  JsonObject *own)
{
  JsonObject *viewer = json_object_get_object_member (preview, "viewer");

  g_assert_true (json_object_get_boolean_member (preview, "preview"));
  g_assert_false (json_object_get_boolean_member (own, "preview"));
  g_assert_cmpint (json_object_get_int_member (viewer, "id"), ==,
                   json_object_get_int_member (json_object_get_object_member (own, "viewer"), "id"));
  g_assert_true (json_node_equal (json_object_get_member (preview, "submissions"),
                                  json_object_get_member (own, "submissions")));
  g_assert_true (json_node_equal (json_object_get_member (preview, "groups"),
                                  json_object_get_member (own, "groups")));
  g_assert_cmpstr (json_object_get_string_member (preview, "scope"), ==,
                   json_object_get_string_member (own, "scope"));
  g_assert_true (json_node_equal (json_object_get_member (preview, "filter"),
                                  json_object_get_member (own, "filter")));
  g_assert_cmpstr (json_object_get_string_member (preview, "effective_group_mode"), ==,
                   json_object_get_string_member (own, "effective_group_mode"));
}

/* What the moderator gets, and what staff get previewing them. */
static void
assert_preview_matches (RosterTestServer *server,
                        const char       *assignment,
                        const char       *staff,
                        const char       *moderator,
                        gint64            moderator_id,
                        const char       *query)
{
  g_autofree char *as_user = g_strdup_printf ("as_user=%" G_GINT64_FORMAT "%s%s", moderator_id,
                                              query ? "&" : "", query ? query : "");
  g_autoptr(RosterTestResponse) own = submissions (server, assignment, moderator, query);
  g_autoptr(RosterTestResponse) preview = submissions (server, assignment, staff, as_user);

  assert_same_view (ok (preview), ok (own));
}

/* ---- separate groups ---- */

static void
test_separate (RosterTestFixture *fixture,
               gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *teacher = login (server, "j.okafor");
  gint64 moderator_id = my_id (server, moderator);
  gint64 teacher_id = my_id (server, teacher);
  g_autoptr(GHashTable) group_a = students_of (server, leader, GROUP_A);
  g_autoptr(GHashTable) group_b = students_of (server, leader, GROUP_B);
  g_autoptr(RosterTestResponse) everyone = submissions (server, COURSEWORK, leader, NULL);
  g_autoptr(RosterTestResponse) own = submissions (server, COURSEWORK, moderator, NULL);
  g_autoptr(RosterTestResponse) all = submissions (server, COURSEWORK, moderator, "group=all");
  g_autoptr(RosterTestResponse) chosen = submissions (server, COURSEWORK, moderator, "group=1");
  g_autoptr(RosterTestResponse) other = submissions (server, COURSEWORK, moderator, "group=2");
  g_autoptr(RosterTestResponse) teachers = submissions (server, COURSEWORK, teacher, NULL);
  g_autoptr(RosterTestResponse) staff_b = submissions (server, COURSEWORK, leader, "group=2");
  JsonObject *answer;
  JsonObject *viewer;

  /* Staff see everyone. */
  answer = ok (everyone);
  assert_view (answer, "separate", "everyone", 0, "1 2 3");
  g_assert_true (json_object_get_boolean_member (answer, "access_all_groups"));
  g_assert_cmpuint (n_rows (answer), >, 30);

  /* The moderator: only Group A's students, only Group A to choose. */
  answer = ok (own);
  assert_view (answer, "separate", "own_groups", 0, "1");
  assert_rows_are (answer, group_a, ok (everyone));
  g_assert_false (json_object_get_boolean_member (answer, "access_all_groups"));
  viewer = json_object_get_object_member (answer, "viewer");
  g_assert_cmpstr (json_object_get_string_member (viewer, "username"), ==, "r.fischer");
  g_assert_cmpstr (json_object_get_string_member (viewer, "role"), ==, "external_moderator");
  for (guint i = 0; i < n_rows (answer); i++)
    {
      JsonArray *groups = json_object_get_array_member (json_array_get_object_element (rows (answer), i), "groups");

      g_assert_cmpuint (json_array_get_length (groups), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (groups, 0), "name"), ==,
                       "Group A");
    }

  /* "all" is all they may see; their own group, chosen, the same. */
  g_assert_true (json_node_equal (json_object_get_member (ok (all), "submissions"),
                                  json_object_get_member (answer, "submissions")));
  assert_view (ok (chosen), "separate", "group", GROUP_A, "1");
  g_assert_true (json_node_equal (json_object_get_member (ok (chosen), "submissions"),
                                  json_object_get_member (answer, "submissions")));
  assert_error (other, 403, "forbidden");

  /* The teacher, in Group B, likewise sees Group B only. */
  assert_view (ok (teachers), "separate", "own_groups", 0, "2");
  assert_rows_are (ok (teachers), group_b, ok (everyone));
  /* Staff choosing Group B see the same students. */
  assert_view (ok (staff_b), "separate", "group", GROUP_B, "1 2 3");
  g_assert_true (json_node_equal (json_object_get_member (ok (staff_b), "submissions"),
                                  json_object_get_member (ok (teachers), "submissions")));

  /* The preview shows staff exactly these views. */
  assert_preview_matches (server, COURSEWORK, leader, moderator, moderator_id, NULL);
  assert_preview_matches (server, COURSEWORK, leader, moderator, moderator_id, "group=all");
  assert_preview_matches (server, COURSEWORK, leader, teacher, teacher_id, NULL);
  {
    g_autofree char *query = g_strdup_printf ("as_user=%" G_GINT64_FORMAT "&group=2", moderator_id);
    g_autoptr(RosterTestResponse) preview = submissions (server, COURSEWORK, leader, query);

    /* … refusals included. */
    assert_error (preview, 403, "forbidden");
  }
}

/* ---- visible groups ---- */

static void
test_visible (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *moderator = login (server, "r.fischer");
  gint64 moderator_id = my_id (server, moderator);
  g_autoptr(GHashTable) group_a = students_of (server, leader, GROUP_A);
  g_autoptr(GHashTable) group_c = students_of (server, leader, GROUP_C);
  g_autoptr(RosterTestResponse) everyone = NULL;
  g_autoptr(RosterTestResponse) own = NULL;
  g_autoptr(RosterTestResponse) all = NULL;
  g_autoptr(RosterTestResponse) chosen = NULL;
  g_autoptr(RosterTestResponse) missing = NULL;

  patch (server, COURSEWORK, leader, "{\"group_mode\": \"visible\"}");
  everyone = submissions (server, COURSEWORK, leader, NULL);
  own = submissions (server, COURSEWORK, moderator, NULL);
  all = submissions (server, COURSEWORK, moderator, "group=all");
  chosen = submissions (server, COURSEWORK, moderator, "group=3");
  missing = submissions (server, COURSEWORK, moderator, "group=4");

  assert_view (ok (everyone), "visible", "everyone", 0, "1 2 3");

  /* Their own group first, but every group to choose from… */
  assert_view (ok (own), "visible", "own_groups", 0, "1 2 3");
  assert_rows_are (ok (own), group_a, ok (everyone));
  /* … and everyone, or any group, on request. */
  assert_view (ok (all), "visible", "everyone", 0, "1 2 3");
  g_assert_true (json_node_equal (json_object_get_member (ok (all), "submissions"),
                                  json_object_get_member (ok (everyone), "submissions")));
  assert_view (ok (chosen), "visible", "group", GROUP_C, "1 2 3");
  assert_rows_are (ok (chosen), group_c, ok (everyone));
  /* Seminar 1 belongs to another course. */
  assert_error (missing, 400, "invalid_request");

  assert_preview_matches (server, COURSEWORK, leader, moderator, moderator_id, NULL);
  assert_preview_matches (server, COURSEWORK, leader, moderator, moderator_id, "group=all");
  assert_preview_matches (server, COURSEWORK, leader, moderator, moderator_id, "group=3");
}

/* ---- no groups, and a course that forces its mode ---- */

static void
test_none_and_forced (RosterTestFixture *fixture,
                      gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *moderator = login (server, "r.fischer");
  gint64 moderator_id = my_id (server, moderator);
  g_autoptr(GHashTable) group_a = students_of (server, leader, GROUP_A);
  g_autoptr(GHashTable) group_b = students_of (server, leader, GROUP_B);
  RosterTestResponse *everyone;
  RosterTestResponse *own;
  RosterTestResponse *chosen;

  /* Weekly SQL exercises: no groups, so everyone, for everyone. */
  everyone = submissions (server, WEEKLY, leader, NULL);
  own = submissions (server, WEEKLY, moderator, NULL);
  chosen = submissions (server, WEEKLY, moderator, "group=2");
  assert_view (ok (own), "none", "everyone", 0, "1 2 3");
  g_assert_true (json_node_equal (json_object_get_member (ok (own), "submissions"),
                                  json_object_get_member (ok (everyone), "submissions")));
  assert_view (ok (chosen), "none", "group", GROUP_B, "1 2 3");
  assert_rows_are (ok (chosen), group_b, ok (everyone));
  assert_preview_matches (server, WEEKLY, leader, moderator, moderator_id, NULL);
  assert_preview_matches (server, WEEKLY, leader, moderator, moderator_id, "group=2");
  roster_test_response_free (own);
  roster_test_response_free (chosen);

  /* The course forces separate groups: the same assignment, limited. */
  patch (server, "/api/v1/courses/2", leader, "{\"group_mode\": \"separate\", \"group_mode_forced\": true}");
  own = submissions (server, WEEKLY, moderator, NULL);
  assert_view (ok (own), "separate", "own_groups", 0, "1");
  assert_rows_are (ok (own), group_a, ok (everyone));
  assert_preview_matches (server, WEEKLY, leader, moderator, moderator_id, NULL);
  roster_test_response_free (own);

  /* And forcing "none" frees the coursework of its separate groups. */
  patch (server, "/api/v1/courses/2", leader, "{\"group_mode\": \"none\"}");
  own = submissions (server, COURSEWORK, moderator, NULL);
  assert_view (ok (own), "none", "everyone", 0, "1 2 3");
  g_assert_cmpuint (n_rows (ok (own)), >, 30);
  roster_test_response_free (own);
  roster_test_response_free (everyone);
}

/* ---- the other course's external examiner ---- */

static void
test_other_course (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "e.dubois");
  g_autofree char *moderator = NULL;
  g_autofree char *cs205_moderator = login (server, "r.fischer");
  g_autoptr(GHashTable) seminar_2 = students_of (server, leader, SEMINAR_2);
  g_autoptr(RosterTestResponse) members = roster_test_get (server, "/api/v1/groups/5/members", leader);
  g_autoptr(RosterTestResponse) everyone = submissions (server, PORTFOLIO, leader, NULL);
  g_autoptr(RosterTestResponse) own = NULL;
  g_autoptr(RosterTestResponse) foreign = submissions (server, PORTFOLIO, cs205_moderator, NULL);
  g_autoptr(RosterTestResponse) missing = submissions (server, "/api/v1/assignments/9999", cs205_moderator, NULL);
  JsonArray *list = json_object_get_array_member (ok (members), "members");
  const char *username = NULL;
  gint64 moderator_id = 0;

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *member = json_array_get_object_element (list, i);

      if (g_strcmp0 (json_object_get_string_member (member, "role"), "external_moderator") == 0)
        {
          username = json_object_get_string_member (member, "username");
          moderator_id = json_object_get_int_member (member, "id");
        }
    }
  g_assert_nonnull (username);

  moderator = login (server, username);
  own = submissions (server, PORTFOLIO, moderator, NULL);
  assert_view (ok (own), "separate", "own_groups", 0, "5");
  assert_rows_are (ok (own), seminar_2, ok (everyone));
  assert_preview_matches (server, PORTFOLIO, leader, moderator, moderator_id, NULL);

  /* A moderator of another course learns nothing of this one. */
  assert_error (foreign, 404, "not_found");
  assert_error (missing, 404, "not_found");
  g_assert_true (g_bytes_equal (foreign->body, missing->body));
}

/* ---- who may look, and as whom ---- */

static void
test_preview_rules (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *admin = login (server, "admin");
  g_autofree char *staff = login (server, "s.taylor");
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *student = login (server, "k.zhang");
  g_autofree char *other = login (server, "l.wang");
  gint64 moderator_id = my_id (server, moderator);
  gint64 leader_id = my_id (server, leader);
  gint64 student_id = my_id (server, student);
  gint64 other_id = my_id (server, other);
  g_autofree char *as_moderator = g_strdup_printf ("as_user=%" G_GINT64_FORMAT, moderator_id);
  g_autofree char *as_leader = g_strdup_printf ("as_user=%" G_GINT64_FORMAT, leader_id);
  g_autofree char *as_student = g_strdup_printf ("as_user=%" G_GINT64_FORMAT, student_id);
  g_autofree char *as_other = g_strdup_printf ("as_user=%" G_GINT64_FORMAT, other_id);
  RosterTestResponse *response;
  JsonObject *answer;

  /* Students see no submissions; nor may anyone look through their eyes. */
  response = submissions (server, COURSEWORK, student, NULL);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = submissions (server, COURSEWORK, leader, as_student);
  assert_error (response, 403, "forbidden");
  g_assert_nonnull (strstr (error_message (response), "k.zhang"));
  roster_test_response_free (response);

  /* Only those with submissions.preview_as may preview. */
  response = submissions (server, COURSEWORK, teacher, as_moderator);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);
  response = submissions (server, COURSEWORK, moderator, as_leader);
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);

  /* Only people of the course can be previewed. */
  response = submissions (server, COURSEWORK, leader, as_other);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (error_message (response), "not enrolled"));
  roster_test_response_free (response);
  response = submissions (server, COURSEWORK, leader, "as_user=99999");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);
  response = submissions (server, COURSEWORK, leader, "as_user=r.fischer");
  assert_error (response, 400, "invalid_request");
  roster_test_response_free (response);
  response = submissions (server, COURSEWORK, leader, "group=first");
  assert_error (response, 400, "invalid_request");
  roster_test_response_free (response);

  /* Previewing oneself is no preview. */
  response = submissions (server, COURSEWORK, leader, as_leader);
  g_assert_false (json_object_get_boolean_member (ok (response), "preview"));
  roster_test_response_free (response);

  /* Professional staff and a site administrator (enrolled nowhere) may
   * preview too, and their own powers do not carry over. */
  assert_preview_matches (server, COURSEWORK, staff, moderator, moderator_id, NULL);
  assert_preview_matches (server, COURSEWORK, admin, moderator, moderator_id, NULL);
  response = submissions (server, COURSEWORK, admin, NULL);
  answer = ok (response);
  g_assert_true (json_object_get_boolean_member (answer, "access_all_groups"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (answer, "viewer"), "role"));
  g_assert_cmpuint (n_rows (answer), >, 30);
  roster_test_response_free (response);

  /* A course the caller may not see: as if the assignment did not exist. */
  response = submissions (server, COURSEWORK, other, NULL);
  assert_error (response, 404, "not_found");
  roster_test_response_free (response);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/submissions/separate", test_separate);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/submissions/visible", test_visible);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/submissions/none-and-forced", test_none_and_forced);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/submissions/other-course", test_other_course);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/submissions/preview-rules", test_preview_rules);

  return g_test_run ();
}
