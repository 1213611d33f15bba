/* test-models.c: the shared RosterUser and RosterCourse objects: their
 * JSON form both ways, capabilities and change notification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-course.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-permissions.h"
#include "roster-user.h"

/* Parses JSON text as a client reads a reply. */
static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = roster_json_parse_object (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  return object;
}

/* Writes with the builder, generates text and parses it again: what a
 * client would see. */
static JsonObject *
round_trip_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, FALSE);

  return parse_object (text);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- RosterUser ---- */

static void
test_user_json_round_trip (void)
{
  g_autoptr(RosterUser) user = roster_user_new ();
  g_autoptr(RosterUser) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = NULL;

  roster_user_set_id (user, 4711);
  roster_user_set_username (user, "zmuller");
  roster_user_set_email (user, "Zoe.Muller@uni.example");
  roster_user_set_first_name (user, "Zo\xc3\xab");
  roster_user_set_last_name (user, "M\xc3\xbcller");
  roster_user_set_user_type (user, ROSTER_USER_TYPE_EXTERNAL);
  roster_user_set_state (user, ROSTER_USER_STATE_SUSPENDED);
  roster_user_set_is_site_admin (user, TRUE);
  roster_user_set_locked_until (user, 1700000900);
  roster_user_set_created_at (user, 1600000000);
  roster_user_set_last_access (user, 1700000000);

  roster_user_to_json (user, builder);
  object = round_trip_text (builder);

  /* The wire format itself. */
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "external");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "suspended");
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, "2020-09-13T12:26:40Z");
  g_assert_false (json_object_has_member (object, "password_hash"));

  copy = roster_user_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  g_assert_cmpint (roster_user_get_id (copy), ==, 4711);
  g_assert_cmpstr (roster_user_get_username (copy), ==, "zmuller");
  g_assert_cmpstr (roster_user_get_email (copy), ==, "Zoe.Muller@uni.example");
  g_assert_cmpstr (roster_user_get_first_name (copy), ==, "Zo\xc3\xab");
  g_assert_cmpstr (roster_user_get_last_name (copy), ==, "M\xc3\xbcller");
  g_assert_cmpint (roster_user_get_user_type (copy), ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpint (roster_user_get_state (copy), ==, ROSTER_USER_STATE_SUSPENDED);
  g_assert_true (roster_user_get_is_site_admin (copy));
  g_assert_cmpint (roster_user_get_locked_until (copy), ==, 1700000900);
  g_assert_cmpint (roster_user_get_created_at (copy), ==, 1600000000);
  g_assert_cmpint (roster_user_get_last_access (copy), ==, 1700000000);

  full_name = roster_user_dup_full_name (copy);
  g_assert_cmpstr (full_name, ==, "Zo\xc3\xab M\xc3\xbcller");
}

static void
test_user_json_round_trip_sparse (void)
{
  g_autoptr(RosterUser) user = roster_user_new ();
  g_autoptr(RosterUser) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_name = NULL;

  /* Unset strings and times travel as null and come back unset. */
  roster_user_set_id (user, 1);
  roster_user_set_username (user, "wang");
  roster_user_set_user_type (user, ROSTER_USER_TYPE_STUDENT);
  roster_user_set_state (user, ROSTER_USER_STATE_PENDING);

  roster_user_to_json (user, builder);
  object = round_trip_text (builder);
  g_assert_true (json_object_get_null_member (object, "email"));
  g_assert_true (json_object_get_null_member (object, "locked_until"));

  copy = roster_user_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_id (copy), ==, 1);
  g_assert_cmpstr (roster_user_get_username (copy), ==, "wang");
  g_assert_null (roster_user_get_email (copy));
  g_assert_null (roster_user_get_first_name (copy));
  g_assert_null (roster_user_get_last_name (copy));
  g_assert_cmpint (roster_user_get_user_type (copy), ==, ROSTER_USER_TYPE_STUDENT);
  g_assert_cmpint (roster_user_get_state (copy), ==, ROSTER_USER_STATE_PENDING);
  g_assert_false (roster_user_get_is_site_admin (copy));
  g_assert_cmpint (roster_user_get_locked_until (copy), ==, 0);
  g_assert_cmpint (roster_user_get_created_at (copy), ==, 0);
  g_assert_cmpint (roster_user_get_last_access (copy), ==, 0);

  full_name = roster_user_dup_full_name (copy);
  g_assert_cmpstr (full_name, ==, "wang");
}

static void
test_user_from_bad_json (void)
{
  static const char * const bad[] = {
    /* no username */
    "{\"id\": 1, \"type\": \"staff\", \"state\": \"active\"}",
    /* unknown type */
    "{\"id\": 1, \"username\": \"a\", \"type\": \"robot\", \"state\": \"active\"}",
    /* unknown state */
    "{\"id\": 1, \"username\": \"a\", \"type\": \"staff\", \"state\": \"gone\"}",
    /* id as a string */
    "{\"id\": \"1\", \"username\": \"a\", \"type\": \"staff\", \"state\": \"active\"}",
    /* bad time */
    "{\"id\": 1, \"username\": \"a\", \"type\": \"staff\", \"state\": \"active\","
    " \"created_at\": \"last week\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterUser) user = roster_user_new_from_json (object, &error);

      g_assert_null (user);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

static void
test_user_notify (void)
{
  g_autoptr(RosterUser) user = roster_user_new ();
  guint username_count = 0;
  guint id_count = 0;
  guint admin_count = 0;
  guint state_count = 0;

  g_signal_connect (user, "notify::username", G_CALLBACK (count_notify), &username_count);
  g_signal_connect (user, "notify::id", G_CALLBACK (count_notify), &id_count);
  g_signal_connect (user, "notify::is-site-admin", G_CALLBACK (count_notify), &admin_count);
  g_signal_connect (user, "notify::state", G_CALLBACK (count_notify), &state_count);

  roster_user_set_username (user, "alice");
  g_assert_cmpuint (username_count, ==, 1);
  roster_user_set_username (user, "alice");
  g_assert_cmpuint (username_count, ==, 1);
  g_object_set (user, "username", "alice", NULL);
  g_assert_cmpuint (username_count, ==, 1);
  roster_user_set_username (user, "bob");
  g_assert_cmpuint (username_count, ==, 2);
  g_object_set (user, "username", "carol", NULL);
  g_assert_cmpuint (username_count, ==, 3);
  g_assert_cmpstr (roster_user_get_username (user), ==, "carol");
  roster_user_set_username (user, NULL);
  g_assert_cmpuint (username_count, ==, 4);
  roster_user_set_username (user, NULL);
  g_assert_cmpuint (username_count, ==, 4);

  roster_user_set_id (user, 0);
  g_assert_cmpuint (id_count, ==, 0);
  roster_user_set_id (user, 5);
  roster_user_set_id (user, 5);
  g_assert_cmpuint (id_count, ==, 1);

  /* Any true value is the same "true". */
  roster_user_set_is_site_admin (user, TRUE);
  roster_user_set_is_site_admin (user, 2);
  g_assert_cmpuint (admin_count, ==, 1);
  g_assert_true (roster_user_get_is_site_admin (user));

  /* New users start active. */
  roster_user_set_state (user, ROSTER_USER_STATE_ACTIVE);
  g_assert_cmpuint (state_count, ==, 0);
  roster_user_set_state (user, ROSTER_USER_STATE_SUSPENDED);
  g_assert_cmpuint (state_count, ==, 1);

  g_assert_cmpuint (username_count, ==, 4);
}

/* ---- RosterCourse ---- */

static void
test_course_json_round_trip (void)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(RosterCourse) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *caps;

  roster_course_set_id (course, 99);
  roster_course_set_short_name (course, "CS101");
  roster_course_set_full_name (course, "Databases \xe2\x80\x94 an introduction");
  roster_course_set_department (course, "Computer Science");
  roster_course_set_group_mode (course, ROSTER_GROUP_MODE_SEPARATE);
  roster_course_set_group_mode_forced (course, TRUE);
  roster_course_set_my_role (course, ROSTER_ROLE_MODULE_LEADER);
  roster_course_set_participant_count (course, 321);

  roster_course_to_json (course, builder, FALSE);
  object = round_trip_text (builder);

  g_assert_cmpstr (json_object_get_string_member (object, "group_mode"), ==, "separate");
  g_assert_cmpstr (json_object_get_string_member (object, "my_role"), ==, "module_leader");
  caps = json_object_get_array_member (object, "capabilities");
  g_assert_cmpuint (json_array_get_length (caps), ==, ROSTER_N_COURSE_CAPS);

  copy = roster_course_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  g_assert_cmpint (roster_course_get_id (copy), ==, 99);
  g_assert_cmpstr (roster_course_get_short_name (copy), ==, "CS101");
  g_assert_cmpstr (roster_course_get_full_name (copy), ==, "Databases \xe2\x80\x94 an introduction");
  g_assert_cmpstr (roster_course_get_department (copy), ==, "Computer Science");
  g_assert_cmpint (roster_course_get_group_mode (copy), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_true (roster_course_get_group_mode_forced (copy));
  g_assert_cmpint (roster_course_get_my_role (copy), ==, ROSTER_ROLE_MODULE_LEADER);
  g_assert_cmpint (roster_course_get_participant_count (copy), ==, 321);
  g_assert_true (roster_course_has_capability (copy, "keys.reveal"));
  g_assert_true (roster_course_has_capability (copy, "enrolments.manage"));
  g_assert_false (roster_course_has_capability (copy, "users.manage"));
}

static void
test_course_json_student_view (void)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(RosterCourse) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *caps;

  roster_course_set_id (course, 7);
  roster_course_set_short_name (course, "HIST200");
  roster_course_set_my_role (course, ROSTER_ROLE_STUDENT);
  roster_course_set_participant_count (course, 55);

  roster_course_to_json (course, builder, FALSE);
  object = round_trip_text (builder);

  /* A student sees the course, not how many are in it. */
  caps = json_object_get_array_member (object, "capabilities");
  g_assert_cmpuint (json_array_get_length (caps), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (caps, 0), ==, "course.view");
  g_assert_false (json_object_has_member (object, "participant_count"));
  g_assert_true (json_object_get_null_member (object, "full_name"));

  copy = roster_course_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_course_get_my_role (copy), ==, ROSTER_ROLE_STUDENT);
  g_assert_null (roster_course_get_full_name (copy));
  g_assert_null (roster_course_get_department (copy));
  g_assert_cmpint (roster_course_get_participant_count (copy), ==, 0);
  g_assert_true (roster_course_has_capability (copy, "course.view"));
  g_assert_false (roster_course_has_capability (copy, "participants.view"));
}

static void
test_course_json_admin_without_role (void)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(RosterCourse) copy = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;

  roster_course_set_id (course, 8);
  roster_course_set_short_name (course, "ADM1");
  roster_course_set_participant_count (course, 3);

  /* A site admin with no role here: my_role is null, yet the server
   * grants every capability, and the client keeps the server's list. */
  roster_course_to_json (course, builder, TRUE);
  object = round_trip_text (builder);
  g_assert_true (json_object_get_null_member (object, "my_role"));
  g_assert_cmpint (json_object_get_int_member (object, "participant_count"), ==, 3);

  copy = roster_course_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_course_get_my_role (copy), ==, ROSTER_ROLE_NONE);
  g_assert_cmpint (roster_course_get_participant_count (copy), ==, 3);
  g_assert_true (roster_course_has_capability (copy, "keys.reveal"));
}

static void
test_course_local_capabilities (void)
{
  g_autoptr(RosterCourse) course = roster_course_new ();

  /* Built locally: answers from the shared permission table. */
  roster_course_set_my_role (course, ROSTER_ROLE_TEACHER);
  g_assert_true (roster_course_has_capability (course, "participants.view"));
  g_assert_false (roster_course_has_capability (course, "keys.reveal"));
  g_assert_false (roster_course_has_capability (course, "no.such.capability"));
}

static void
test_course_from_bad_json (void)
{
  static const char * const bad[] = {
    "{\"id\": 1, \"group_mode\": \"none\"}",
    "{\"id\": 1, \"short_name\": \"A\", \"group_mode\": \"sometimes\"}",
    "{\"id\": 1, \"short_name\": \"A\", \"group_mode\": \"none\", \"my_role\": \"none\"}",
    "{\"id\": 1, \"short_name\": \"A\", \"group_mode\": \"none\", \"my_role\": \"dean\"}",
    "{\"id\": 1, \"short_name\": \"A\", \"group_mode\": \"none\", \"participant_count\": \"lots\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = parse_object (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterCourse) course = roster_course_new_from_json (object, &error);

      g_assert_null (course);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

/* A reply from the network is checked, never asserted on: a course
 * whose capability list holds things other than strings is refused or
 * read without them, but never makes json-glib complain (which is fatal
 * with G_DEBUG=fatal-criticals). Run in a subprocess so that a critical
 * fails this test only. */
static void
test_course_from_odd_capabilities (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(JsonObject) object =
        parse_object ("{\"id\": 1, \"short_name\": \"A\", \"group_mode\": \"none\","
                      " \"capabilities\": [\"course.view\", 5, {}, null, [\"keys.reveal\"]]}");
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterCourse) course = roster_course_new_from_json (object, &error);

      if (course == NULL)
        {
          g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_true (roster_course_has_capability (course, "course.view"));
          g_assert_false (roster_course_has_capability (course, "keys.reveal"));
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  /* Not a fatal assertion, so that one failure does not hide the tests
   * after it. */
  if (!g_test_trap_has_passed ())
    {
      g_test_message ("parsing odd capabilities failed in the subprocess");
      g_test_fail ();
    }
}

static void
test_course_notify (void)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  guint name_count = 0;
  guint forced_count = 0;
  guint role_count = 0;

  g_signal_connect (course, "notify::short-name", G_CALLBACK (count_notify), &name_count);
  g_signal_connect (course, "notify::group-mode-forced", G_CALLBACK (count_notify), &forced_count);
  g_signal_connect (course, "notify::my-role", G_CALLBACK (count_notify), &role_count);

  roster_course_set_short_name (course, "CS101");
  roster_course_set_short_name (course, "CS101");
  g_assert_cmpuint (name_count, ==, 1);
  roster_course_set_short_name (course, "CS102");
  g_assert_cmpuint (name_count, ==, 2);

  roster_course_set_group_mode_forced (course, FALSE);
  g_assert_cmpuint (forced_count, ==, 0);
  roster_course_set_group_mode_forced (course, 3);
  roster_course_set_group_mode_forced (course, TRUE);
  g_assert_cmpuint (forced_count, ==, 1);

  roster_course_set_my_role (course, ROSTER_ROLE_NONE);
  g_assert_cmpuint (role_count, ==, 0);
  g_object_set (course, "my-role", ROSTER_ROLE_TEACHER, NULL);
  g_assert_cmpuint (role_count, ==, 1);
  g_object_set (course, "my-role", ROSTER_ROLE_TEACHER, NULL);
  g_assert_cmpuint (role_count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);


  g_test_add_func ("/types/user/json-round-trip", test_user_json_round_trip);
  g_test_add_func ("/types/user/json-round-trip-sparse", test_user_json_round_trip_sparse);
  g_test_add_func ("/types/user/from-bad-json", test_user_from_bad_json);
  g_test_add_func ("/types/user/notify", test_user_notify);
  g_test_add_func ("/types/course/json-round-trip", test_course_json_round_trip);
  g_test_add_func ("/types/course/json-student-view", test_course_json_student_view);
  g_test_add_func ("/types/course/json-admin-without-role", test_course_json_admin_without_role);
  g_test_add_func ("/types/course/local-capabilities", test_course_local_capabilities);
  g_test_add_func ("/types/course/from-bad-json", test_course_from_bad_json);
  g_test_add_func ("/types/course/from-odd-capabilities", test_course_from_odd_capabilities);
  g_test_add_func ("/types/course/notify", test_course_notify);

  return g_test_run ();
}
