/* test-groups.c: the group visibility rule (roster-groups.c) and the
 * models of groups, assignments and submissions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-assignment.h"
#include "roster-error.h"
#include "roster-group.h"
#include "roster-groups.h"
#include "roster-json.h"
#include "roster-submission.h"

/* ---- the rule ---- */

static GArray *
ids (guint n, ...)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = va_arg (args, gint64);
      g_array_append_val (array, id);
    }
  va_end (args);

  return array;
}

/* The course has groups 1, 2 and 3; the viewer is in @own. */
static gboolean
resolve (gboolean          access_all,
         RosterGroupMode   mode,
         GArray           *own,
         gint64            requested,
         RosterGroupView  *view,
         GError          **error)
{
  g_autoptr(GArray) course = ids (3, (gint64) 1, (gint64) 2, (gint64) 3);

  return roster_groups_resolve_view (access_all, mode, own, course, requested, view, error);
}

#define ASSERT_VIEW(access_all, mode, own, requested, want_scope, want_group, want_any)   \
  G_STMT_START {                                                                           \
    RosterGroupView view_ = { 99, 99, 99 };                                                \
    g_autoptr(GError) error_ = NULL;                                                       \
                                                                                           \
    g_assert_true (resolve (access_all, mode, own, requested, &view_, &error_));           \
    g_assert_no_error (error_);                                                            \
    g_assert_cmpint (view_.scope, ==, want_scope);                                         \
    g_assert_cmpint (view_.group_id, ==, want_group);                                      \
    g_assert_cmpint (view_.any_group, ==, want_any);                                       \
  } G_STMT_END

#define ASSERT_REFUSED(access_all, mode, own, requested, code)                             \
  G_STMT_START {                                                                           \
    RosterGroupView view_;                                                                 \
    g_autoptr(GError) error_ = NULL;                                                       \
                                                                                           \
    g_assert_false (resolve (access_all, mode, own, requested, &view_, &error_));          \
    g_assert_error (error_, ROSTER_ERROR, code);                                           \
  } G_STMT_END

static void
test_limits_to_own (void)
{
  g_assert_false (roster_groups_limits_to_own (FALSE, ROSTER_GROUP_MODE_NONE));
  g_assert_true (roster_groups_limits_to_own (FALSE, ROSTER_GROUP_MODE_SEPARATE));
  g_assert_false (roster_groups_limits_to_own (FALSE, ROSTER_GROUP_MODE_VISIBLE));
  g_assert_false (roster_groups_limits_to_own (TRUE, ROSTER_GROUP_MODE_NONE));
  g_assert_false (roster_groups_limits_to_own (TRUE, ROSTER_GROUP_MODE_SEPARATE));
  g_assert_false (roster_groups_limits_to_own (TRUE, ROSTER_GROUP_MODE_VISIBLE));
}

/* Module leaders and professional staff: everyone under every mode,
 * any group as a filter. */
static void
test_view_access_all (void)
{
  g_autoptr(GArray) none = ids (0);
  g_autoptr(GArray) own = ids (1, (gint64) 2);

  for (RosterGroupMode mode = ROSTER_GROUP_MODE_NONE; mode <= ROSTER_GROUP_MODE_VISIBLE; mode++)
    {
      ASSERT_VIEW (TRUE, mode, none, ROSTER_GROUP_FILTER_DEFAULT, ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
      ASSERT_VIEW (TRUE, mode, own, ROSTER_GROUP_FILTER_DEFAULT, ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
      ASSERT_VIEW (TRUE, mode, own, ROSTER_GROUP_FILTER_ALL, ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
      ASSERT_VIEW (TRUE, mode, own, 3, ROSTER_GROUP_SCOPE_GROUP, 3, TRUE);
      ASSERT_REFUSED (TRUE, mode, own, 4, ROSTER_ERROR_INVALID_REQUEST);
    }
}

static void
test_view_none (void)
{
  g_autoptr(GArray) own = ids (1, (gint64) 1);

  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_NONE, own, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_NONE, own, ROSTER_GROUP_FILTER_ALL,
               ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_NONE, own, 2, ROSTER_GROUP_SCOPE_GROUP, 2, TRUE);
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_NONE, own, 7, ROSTER_ERROR_INVALID_REQUEST);
}

/* The seed's case: an external moderator in group 1 of three. */
static void
test_view_separate (void)
{
  g_autoptr(GArray) own = ids (1, (gint64) 1);
  g_autoptr(GArray) two = ids (2, (gint64) 1, (gint64) 3);
  g_autoptr(GArray) none = ids (0);

  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_OWN_GROUPS, 0, FALSE);
  /* "all" is all they may see: still their own groups. */
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, ROSTER_GROUP_FILTER_ALL,
               ROSTER_GROUP_SCOPE_OWN_GROUPS, 0, FALSE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, 1, ROSTER_GROUP_SCOPE_GROUP, 1, FALSE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_SEPARATE, two, 3, ROSTER_GROUP_SCOPE_GROUP, 3, FALSE);
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, 2, ROSTER_ERROR_FORBIDDEN);
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, 3, ROSTER_ERROR_FORBIDDEN);
  /* Not a group of the course at all: a bad request, before anything else. */
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_SEPARATE, own, 9, ROSTER_ERROR_INVALID_REQUEST);

  /* In no group: their own groups are none, so they see nobody. */
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_SEPARATE, none, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_OWN_GROUPS, 0, FALSE);
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_SEPARATE, none, 1, ROSTER_ERROR_FORBIDDEN);
}

static void
test_view_visible (void)
{
  g_autoptr(GArray) own = ids (1, (gint64) 1);
  g_autoptr(GArray) none = ids (0);

  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_VISIBLE, own, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_OWN_GROUPS, 0, TRUE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_VISIBLE, own, ROSTER_GROUP_FILTER_ALL,
               ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_VISIBLE, own, 2, ROSTER_GROUP_SCOPE_GROUP, 2, TRUE);
  ASSERT_REFUSED (FALSE, ROSTER_GROUP_MODE_VISIBLE, own, 4, ROSTER_ERROR_INVALID_REQUEST);

  /* In no group, the default is everyone: there is nothing else. */
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_VISIBLE, none, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
  ASSERT_VIEW (FALSE, ROSTER_GROUP_MODE_VISIBLE, NULL, ROSTER_GROUP_FILTER_DEFAULT,
               ROSTER_GROUP_SCOPE_EVERYONE, 0, TRUE);
}

static void
test_access_all (void)
{
  RosterCourseAccess access = { .course_id = 1 };

  access.role = ROSTER_ROLE_MODULE_LEADER;
  g_assert_true (roster_groups_access_all (&access));
  access.role = ROSTER_ROLE_PROFESSIONAL_STAFF;
  g_assert_true (roster_groups_access_all (&access));
  access.role = ROSTER_ROLE_TEACHER;
  g_assert_false (roster_groups_access_all (&access));
  access.role = ROSTER_ROLE_EXTERNAL_MODERATOR;
  g_assert_false (roster_groups_access_all (&access));
  access.role = ROSTER_ROLE_STUDENT;
  g_assert_false (roster_groups_access_all (&access));

  access.role = ROSTER_ROLE_NONE;
  g_assert_false (roster_groups_access_all (&access));
  access.site_admin = TRUE;
  g_assert_true (roster_groups_access_all (&access));
}

static void
test_effective_mode (void)
{
  for (RosterGroupMode course = ROSTER_GROUP_MODE_NONE; course <= ROSTER_GROUP_MODE_VISIBLE; course++)
    for (RosterGroupMode own = ROSTER_GROUP_MODE_NONE; own <= ROSTER_GROUP_MODE_VISIBLE; own++)
      {
        g_assert_cmpint (roster_group_mode_effective (course, TRUE, own), ==, course);
        g_assert_cmpint (roster_group_mode_effective (course, FALSE, own), ==, own);
      }
}

/* ---- models ---- */

static JsonObject *
to_object (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_object_ref (json_node_get_object (root));
}

static void
test_group_json (void)
{
  g_autoptr(RosterGroup) group = roster_group_new ();
  g_autoptr(RosterGroup) back = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) brief = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) brief_object = NULL;
  g_autoptr(GError) error = NULL;

  roster_group_set_id (group, 7);
  roster_group_set_course_id (group, 2);
  roster_group_set_name (group, "Seminar 2 (研讨)");
  roster_group_set_description (group, "Thursdays");
  roster_group_set_member_count (group, 15);

  roster_group_to_json (group, builder);
  object = to_object (builder);
  back = roster_group_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_group_get_id (back), ==, 7);
  g_assert_cmpint (roster_group_get_course_id (back), ==, 2);
  g_assert_cmpstr (roster_group_get_name (back), ==, "Seminar 2 (研讨)");
  g_assert_cmpstr (roster_group_get_description (back), ==, "Thursdays");
  g_assert_cmpint (roster_group_get_member_count (back), ==, 15);

  roster_group_to_json_brief (group, brief);
  brief_object = to_object (brief);
  g_assert_cmpuint (json_object_get_size (brief_object), ==, 2);
  g_clear_object (&back);
  back = roster_group_new_from_json (brief_object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_group_get_name (back), ==, "Seminar 2 (研讨)");
  g_assert_null (roster_group_get_description (back));

  json_object_remove_member (brief_object, "name");
  g_clear_object (&back);
  back = roster_group_new_from_json (brief_object, &error);
  g_assert_null (back);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_assignment_json (void)
{
  g_autoptr(RosterAssignment) assignment = roster_assignment_new ();
  g_autoptr(RosterAssignment) back = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  roster_assignment_set_id (assignment, 1);
  roster_assignment_set_course_id (assignment, 2);
  roster_assignment_set_name (assignment, "Coursework 1");
  roster_assignment_set_due_at (assignment, 1793955600);
  roster_assignment_set_group_mode (assignment, ROSTER_GROUP_MODE_SEPARATE);
  roster_assignment_set_course_group_mode (assignment, ROSTER_GROUP_MODE_VISIBLE);
  roster_assignment_set_submission_count (assignment, 14);
  g_assert_cmpint (roster_assignment_get_effective_group_mode (assignment), ==, ROSTER_GROUP_MODE_SEPARATE);

  /* Forcing changes the effective mode, and says so. */
  g_signal_connect (assignment, "notify::effective-group-mode", G_CALLBACK (count_notify), &notified);
  roster_assignment_set_forced (assignment, TRUE);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpint (roster_assignment_get_effective_group_mode (assignment), ==, ROSTER_GROUP_MODE_VISIBLE);

  roster_assignment_to_json (assignment, builder);
  object = to_object (builder);
  g_assert_cmpstr (json_object_get_string_member (object, "group_mode"), ==, "separate");
  g_assert_cmpstr (json_object_get_string_member (object, "effective_group_mode"), ==, "visible");
  g_assert_true (json_object_get_boolean_member (object, "forced"));
  g_assert_cmpstr (json_object_get_string_member (object, "due_at"), ==, "2026-11-06T09:00:00Z");

  back = roster_assignment_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_assignment_get_id (back), ==, 1);
  g_assert_cmpint (roster_assignment_get_course_id (back), ==, 2);
  g_assert_cmpstr (roster_assignment_get_name (back), ==, "Coursework 1");
  g_assert_cmpint (roster_assignment_get_due_at (back), ==, 1793955600);
  g_assert_cmpint (roster_assignment_get_group_mode (back), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_cmpint (roster_assignment_get_effective_group_mode (back), ==, ROSTER_GROUP_MODE_VISIBLE);
  g_assert_true (roster_assignment_get_forced (back));
  g_assert_cmpint (roster_assignment_get_submission_count (back), ==, 14);

  json_object_set_string_member (object, "group_mode", "hidden");
  g_clear_object (&back);
  back = roster_assignment_new_from_json (object, &error);
  g_assert_null (back);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_submission_json (void)
{
  g_autoptr(RosterSubmission) submission = roster_submission_new ();
  g_autoptr(RosterSubmission) back = NULL;
  g_autoptr(RosterUser) student = roster_user_new ();
  g_autoptr(RosterGroup) group = roster_group_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *student_json;
  GPtrArray *groups;

  roster_user_set_id (student, 9);
  roster_user_set_username (student, "k.zhang");
  roster_user_set_first_name (student, "凯");
  roster_user_set_last_name (student, "张");
  roster_user_set_email (student, "k.zhang@student.uni.example");
  roster_user_set_locked_until (student, 1800000000);
  roster_group_set_id (group, 1);
  roster_group_set_name (group, "Group A");
  roster_group_set_member_count (group, 17);

  roster_submission_set_id (submission, 3);
  roster_submission_set_assignment_id (submission, 1);
  roster_submission_set_student (submission, student);
  roster_submission_set_status (submission, ROSTER_SUBMISSION_GRADED);
  roster_submission_set_submitted_at (submission, 1793955600);
  roster_submission_add_group (submission, group);

  roster_submission_to_json (submission, builder);
  object = to_object (builder);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "graded");
  /* Only what names the student; nothing about their account. */
  student_json = json_object_get_object_member (object, "student");
  g_assert_cmpuint (json_object_get_size (student_json), ==, 5);
  g_assert_false (json_object_has_member (student_json, "locked_until"));
  g_assert_cmpuint (json_object_get_size (json_array_get_object_element (
                      json_object_get_array_member (object, "groups"), 0)), ==, 2);

  back = roster_submission_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_submission_get_id (back), ==, 3);
  g_assert_cmpint (roster_submission_get_status (back), ==, ROSTER_SUBMISSION_GRADED);
  g_assert_cmpint (roster_submission_get_submitted_at (back), ==, 1793955600);
  g_assert_cmpint (roster_user_get_id (roster_submission_get_student (back)), ==, 9);
  g_assert_cmpstr (roster_user_get_last_name (roster_submission_get_student (back)), ==, "张");
  groups = roster_submission_get_groups (back);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (roster_group_get_name (g_ptr_array_index (groups, 0)), ==, "Group A");

  json_object_set_string_member (object, "status", "late");
  g_clear_object (&back);
  back = roster_submission_new_from_json (object, &error);
  g_assert_null (back);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);

  json_object_set_string_member (object, "status", "draft");
  json_object_set_string_member (object, "student", "k.zhang");
  back = roster_submission_new_from_json (object, &error);
  g_assert_null (back);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_submission_status (void)
{
  static const char * const names[] = { "draft", "submitted", "graded" };
  g_autoptr(GEnumClass) klass = g_type_class_ref (ROSTER_TYPE_SUBMISSION_STATUS);
  RosterSubmissionStatus status = (RosterSubmissionStatus) 77;

  g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      RosterSubmissionStatus parsed = (RosterSubmissionStatus) 77;

      g_assert_cmpstr (roster_submission_status_to_string (i), ==, names[i]);
      g_assert_cmpstr (klass->values[i].value_nick, ==, names[i]);
      g_assert_true (roster_submission_status_from_string (names[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
    }
  g_assert_null (roster_submission_status_to_string ((RosterSubmissionStatus) 3));
  g_assert_false (roster_submission_status_from_string ("Draft", &status));
  g_assert_false (roster_submission_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, 77);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/groups/rule/limits-to-own", test_limits_to_own);
  g_test_add_func ("/groups/rule/view-access-all", test_view_access_all);
  g_test_add_func ("/groups/rule/view-none", test_view_none);
  g_test_add_func ("/groups/rule/view-separate", test_view_separate);
  g_test_add_func ("/groups/rule/view-visible", test_view_visible);
  g_test_add_func ("/groups/rule/access-all", test_access_all);
  g_test_add_func ("/groups/rule/effective-mode", test_effective_mode);
  g_test_add_func ("/groups/model/group-json", test_group_json);
  g_test_add_func ("/groups/model/assignment-json", test_assignment_json);
  g_test_add_func ("/groups/model/submission-json", test_submission_json);
  g_test_add_func ("/groups/model/submission-status", test_submission_status);

  return g_test_run ();
}
