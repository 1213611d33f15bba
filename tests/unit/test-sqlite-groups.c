/* test-sqlite-groups.c: the SQLite driver of RosterStorage: groups,
 * members, the course group mode, assignments and submissions; and the
 * visibility rule read through it (roster_groups_visible_groups)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-groups.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  LENA = 1,     /* module leader of both courses */
  TOM,          /* teacher in DB101, group B */
  EVE,          /* external moderator in DB101, group A */
  ANN,          /* students of DB101: Ann Adams (A), Ben Brown (A and B), */
  BEN,          /* Cat Clark (B), Dan Davis (no group) */
  CAT,
  DAN,
  ZED,          /* a student of HIS200 only */

  DB101 = 1,    /* separate groups, not forced */
  HIS200 = 2,   /* visible groups, forced */

  GROUP_A = 1,
  GROUP_B = 2,
  SEMINAR = 3,  /* in HIS200 */

  ESSAY = 1,    /* DB101, separate, due */
  QUIZ = 2,     /* DB101, none, no due date */
  SOURCES = 3,  /* HIS200, none (but the course forces visible) */
};

static void
add_user (RosterDataset  *dataset,
          gint64          id,
          const char     *username,
          const char     *first_name,
          const char     *last_name,
          RosterUserType  type)
{
  g_autofree char *email = g_strdup_printf ("%s@uni.example", username);
  RosterDatasetUser row = {
    .id = id,
    .username = roster_dataset_intern (dataset, username),
    .email = roster_dataset_intern (dataset, email),
    .first_name = roster_dataset_intern (dataset, first_name),
    .last_name = roster_dataset_intern (dataset, last_name),
    .type = type,
    .state = ROSTER_USER_STATE_ACTIVE,
    .password_hash = HASH,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->users, row);
}

static void
add_enrolment (RosterDataset *dataset,
               gint64         course_id,
               gint64         user_id,
               RosterRole     role)
{
  RosterDatasetEnrolment row = {
    .id = dataset->enrolments->len + 1,
    .course_id = course_id,
    .user_id = user_id,
    .role = role,
    .status = ROSTER_ENROLMENT_ACTIVE,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->enrolments, row);
}

static void
add_member (RosterDataset *dataset,
            gint64         group_id,
            gint64         user_id)
{
  RosterDatasetMember row = { group_id, user_id, NOW - 500 };

  g_array_append_val (dataset->members, row);
}

static void
add_submission (RosterDataset *dataset,
                gint64         assignment_id,
                gint64         user_id,
                const char    *status)
{
  RosterDatasetSubmission row = { assignment_id, user_id, status, g_str_equal (status, "draft") ? 0 : NOW - 100 };

  g_array_append_val (dataset->submissions, row);
}

static void
load_dataset (RosterStorage *storage)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse courses[] = {
    { DB101, 0, "DB101", "Databases", ROSTER_GROUP_MODE_SEPARATE, FALSE, NOW - 1000 },
    { HIS200, 0, "HIS200", "History", ROSTER_GROUP_MODE_VISIBLE, TRUE, NOW - 1000 },
  };
  RosterDatasetGroup groups[] = {
    { GROUP_A, DB101, "Group A", NOW - 900 },
    { GROUP_B, DB101, "Group B", NOW - 900 },
    { SEMINAR, HIS200, "Seminar", NOW - 900 },
  };
  RosterDatasetAssignment assignments[] = {
    { ESSAY, DB101, "Essay", ROSTER_GROUP_MODE_SEPARATE, NOW + 100, NOW - 800 },
    { QUIZ, DB101, "Quiz", ROSTER_GROUP_MODE_NONE, 0, NOW - 800 },
    { SOURCES, HIS200, "Sources", ROSTER_GROUP_MODE_NONE, NOW, NOW - 800 },
  };

  add_user (dataset, LENA, "lena", "Lena", "Lang", ROSTER_USER_TYPE_STAFF);
  add_user (dataset, TOM, "tom", "Tom", "Tate", ROSTER_USER_TYPE_STAFF);
  add_user (dataset, EVE, "eve", "Eve", "Evans", ROSTER_USER_TYPE_EXTERNAL);
  add_user (dataset, ANN, "ann", "Ann", "Adams", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, BEN, "ben", "Ben", "Brown", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, CAT, "cat", "Cat", "Clark", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, DAN, "dan", "Dan", "Davis", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, ZED, "zed", "Zed", "Zimmer", ROSTER_USER_TYPE_STUDENT);

  g_array_append_vals (dataset->courses, courses, G_N_ELEMENTS (courses));
  g_array_append_vals (dataset->groups, groups, G_N_ELEMENTS (groups));
  g_array_append_vals (dataset->assignments, assignments, G_N_ELEMENTS (assignments));

  add_enrolment (dataset, DB101, LENA, ROSTER_ROLE_MODULE_LEADER);
  add_enrolment (dataset, DB101, TOM, ROSTER_ROLE_TEACHER);
  add_enrolment (dataset, DB101, EVE, ROSTER_ROLE_EXTERNAL_MODERATOR);
  for (gint64 student = ANN; student <= DAN; student++)
    add_enrolment (dataset, DB101, student, ROSTER_ROLE_STUDENT);
  add_enrolment (dataset, HIS200, LENA, ROSTER_ROLE_MODULE_LEADER);
  add_enrolment (dataset, HIS200, ZED, ROSTER_ROLE_STUDENT);

  add_member (dataset, GROUP_A, EVE);
  add_member (dataset, GROUP_A, ANN);
  add_member (dataset, GROUP_A, BEN);
  add_member (dataset, GROUP_B, TOM);
  add_member (dataset, GROUP_B, BEN);
  add_member (dataset, GROUP_B, CAT);
  add_member (dataset, SEMINAR, ZED);

  add_submission (dataset, ESSAY, DAN, "submitted");
  add_submission (dataset, ESSAY, CAT, "draft");
  add_submission (dataset, ESSAY, BEN, "graded");
  add_submission (dataset, ESSAY, ANN, "submitted");
  add_submission (dataset, QUIZ, ANN, "submitted");
  add_submission (dataset, SOURCES, ZED, "submitted");

  g_assert_true (roster_storage_load_dataset (storage, dataset, &error));
  g_assert_no_error (error);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  storage_fixture_set_up (fixture, user_data);
  load_dataset (fixture->storage);
}

static GArray *
id_array (guint n, ...)
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

/* "1 2" for an array of ids. */
static char *
ids_string (GArray *ids)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (str, "%s%" G_GINT64_FORMAT, i ? " " : "", g_array_index (ids, gint64, i));

  return g_string_free (str, FALSE);
}

static void
assert_user_groups (RosterStorage *storage,
                    gint64         course_id,
                    gint64         user_id,
                    const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = roster_storage_list_user_group_ids (storage, course_id, user_id, &error);
  g_autofree char *str = NULL;

  g_assert_no_error (error);
  str = ids_string (ids);
  g_assert_cmpstr (str, ==, expected);
}

/* "Group A:3 Group B:3" for the groups of @course_id (of @member_id). */
static void
assert_groups (RosterStorage *storage,
               gint64         course_id,
               gint64         member_id,
               const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = roster_storage_list_groups (storage, course_id, member_id, &error);
  g_autoptr(GString) str = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < groups->len; i++)
    {
      RosterGroup *group = g_ptr_array_index (groups, i);

      g_assert_cmpint (roster_group_get_course_id (group), ==, course_id);
      g_string_append_printf (str, "%s%s:%" G_GINT64_FORMAT, i ? " " : "", roster_group_get_name (group),
                              roster_group_get_member_count (group));
    }
  g_assert_cmpstr (str->str, ==, expected);
}

static guint
count_audit (RosterStorage *storage,
             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, 0, action);

  return records->len;
}

static const RosterAuditEvent *
audit_by (const char *action)
{
  static RosterAuditEvent event;

  event = (RosterAuditEvent) { .actor_id = LENA, .action = action, .course_id = DB101, .object_type = "group" };
  return &event;
}

/* ---- groups ---- */

static void
test_list_groups (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterGroup) group = NULL;

  assert_groups (fixture->storage, DB101, 0, "Group A:3 Group B:3");
  assert_groups (fixture->storage, DB101, EVE, "Group A:3");
  assert_groups (fixture->storage, DB101, TOM, "Group B:3");
  assert_groups (fixture->storage, DB101, BEN, "Group A:3 Group B:3");
  assert_groups (fixture->storage, DB101, DAN, "");
  assert_groups (fixture->storage, DB101, ZED, "");
  assert_groups (fixture->storage, HIS200, 0, "Seminar:1");

  assert_user_groups (fixture->storage, DB101, BEN, "1 2");
  assert_user_groups (fixture->storage, DB101, EVE, "1");
  assert_user_groups (fixture->storage, HIS200, EVE, "");

  group = roster_storage_get_group (fixture->storage, GROUP_B, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_group_get_name (group), ==, "Group B");
  g_assert_cmpint (roster_group_get_course_id (group), ==, DB101);
  g_assert_cmpint (roster_group_get_member_count (group), ==, 3);
  g_clear_object (&group);

  group = roster_storage_get_group (fixture->storage, 99, &error);
  g_assert_null (group);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
test_create_group (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GPtrArray) records = NULL;
  RosterAuditRecord *record;
  gint64 id;

  id = roster_storage_create_group (fixture->storage, DB101, "Lab", "Tuesdays", audit_by ("group.created"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, SEMINAR);

  group = roster_storage_get_group (fixture->storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_group_get_name (group), ==, "Lab");
  g_assert_cmpstr (roster_group_get_description (group), ==, "Tuesdays");
  g_assert_cmpint (roster_group_get_member_count (group), ==, 0);

  /* The audit record names the new group. */
  records = storage_fixture_list_audit (fixture->storage, LENA, "group.created");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->object_id, ==, id);
  g_assert_cmpint (record->course_id, ==, DB101);

  /* Names are unique in a course, without regard to case or spacing. */
  g_assert_cmpint (roster_storage_create_group (fixture->storage, DB101, "group a", NULL,
                                                audit_by ("group.created"), &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Group A"));
  g_clear_error (&error);
  g_assert_cmpint (roster_storage_create_group (fixture->storage, DB101, "LAB ", NULL,
                                                audit_by ("group.created"), &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, "group.created"), ==, 1);

  /* … but another course may have the same name. */
  id = roster_storage_create_group (fixture->storage, HIS200, "Group A", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  assert_groups (fixture->storage, DB101, 0, "Group A:3 Group B:3 Lab:0");
  assert_groups (fixture->storage, HIS200, 0, "Group A:0 Seminar:1");
}

static void
test_update_group (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterGroup) group = NULL;

  g_assert_true (roster_storage_update_group (fixture->storage, GROUP_A, "Alpha", TRUE, "Mondays",
                                              audit_by ("group.renamed"), &error));
  g_assert_no_error (error);
  group = roster_storage_get_group (fixture->storage, GROUP_A, &error);
  g_assert_cmpstr (roster_group_get_name (group), ==, "Alpha");
  g_assert_cmpstr (roster_group_get_description (group), ==, "Mondays");
  g_clear_object (&group);

  /* Its own name in another case is no clash. */
  g_assert_true (roster_storage_update_group (fixture->storage, GROUP_A, "ALPHA", FALSE, NULL,
                                              audit_by ("group.renamed"), &error));
  g_assert_no_error (error);

  g_assert_false (roster_storage_update_group (fixture->storage, GROUP_B, "alpha", FALSE, NULL,
                                               audit_by ("group.renamed"), &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, "group.renamed"), ==, 2);

  /* The description alone, then taken away. */
  g_assert_true (roster_storage_update_group (fixture->storage, GROUP_A, NULL, TRUE, NULL,
                                              audit_by ("group.updated"), &error));
  group = roster_storage_get_group (fixture->storage, GROUP_A, &error);
  g_assert_cmpstr (roster_group_get_name (group), ==, "ALPHA");
  g_assert_null (roster_group_get_description (group));

  g_assert_false (roster_storage_update_group (fixture->storage, 99, "X", FALSE, NULL,
                                               audit_by ("group.renamed"), &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
test_delete_group (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_storage_delete_group (fixture->storage, GROUP_A, audit_by ("group.deleted"), &error));
  g_assert_no_error (error);
  assert_groups (fixture->storage, DB101, 0, "Group B:3");
  /* Memberships go with the group; the people stay. */
  assert_user_groups (fixture->storage, DB101, EVE, "");
  assert_user_groups (fixture->storage, DB101, BEN, "2");

  g_assert_false (roster_storage_delete_group (fixture->storage, GROUP_A, audit_by ("group.deleted"), &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_assert_cmpuint (count_audit (fixture->storage, "group.deleted"), ==, 1);
}

/* ---- members ---- */

static void
test_members (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  RosterGroupMember *member;
  gboolean changed = TRUE;

  members = roster_storage_list_group_members (fixture->storage, GROUP_A, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 3);
  member = g_ptr_array_index (members, 0);
  g_assert_cmpstr (roster_user_get_username (member->user), ==, "ann");
  g_assert_cmpint (member->role, ==, ROSTER_ROLE_STUDENT);
  g_assert_cmpint (member->added_at, ==, NOW - 500);
  member = g_ptr_array_index (members, 2);
  g_assert_cmpstr (roster_user_get_username (member->user), ==, "eve");
  g_assert_cmpint (member->role, ==, ROSTER_ROLE_EXTERNAL_MODERATOR);
  g_assert_cmpint (roster_user_get_user_type (member->user), ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpstr (roster_user_get_email (member->user), ==, "eve@uni.example");
  g_clear_pointer (&members, g_ptr_array_unref);

  /* Adding is idempotent, and audited once. */
  g_assert_true (roster_storage_add_group_member (fixture->storage, GROUP_A, DAN,
                                                  audit_by ("group.member_added"), &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_true (roster_storage_add_group_member (fixture->storage, GROUP_A, DAN,
                                                  audit_by ("group.member_added"), &changed, &error));
  g_assert_no_error (error);
  g_assert_false (changed);
  g_assert_cmpuint (count_audit (fixture->storage, "group.member_added"), ==, 1);
  assert_user_groups (fixture->storage, DB101, DAN, "1");

  /* Only people enrolled in the course. */
  g_assert_false (roster_storage_add_group_member (fixture->storage, GROUP_A, ZED,
                                                   audit_by ("group.member_added"), &changed, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "zed"));
  g_assert_false (changed);
  g_clear_error (&error);
  g_assert_false (roster_storage_add_group_member (fixture->storage, GROUP_A, 999,
                                                   audit_by ("group.member_added"), &changed, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (roster_storage_add_group_member (fixture->storage, 99, DAN,
                                                   audit_by ("group.member_added"), &changed, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, "group.member_added"), ==, 1);

  /* Removing likewise. */
  g_assert_true (roster_storage_remove_group_member (fixture->storage, GROUP_A, DAN,
                                                     audit_by ("group.member_removed"), &changed, &error));
  g_assert_true (changed);
  g_assert_true (roster_storage_remove_group_member (fixture->storage, GROUP_A, DAN,
                                                     audit_by ("group.member_removed"), &changed, &error));
  g_assert_false (changed);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture->storage, "group.member_removed"), ==, 1);
  assert_user_groups (fixture->storage, DB101, DAN, "");
}

/* ---- the course's group mode ---- */

static void
test_course_group_mode (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCourse) course = NULL;
  RosterAuditEvent audit = { .actor_id = LENA, .action = "course.group_mode_changed", .course_id = DB101 };
  gboolean changed = FALSE;

  g_assert_true (roster_storage_set_course_group_mode (fixture->storage, DB101, ROSTER_GROUP_MODE_VISIBLE,
                                                       TRUE, &audit, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);
  g_assert_true (roster_storage_set_course_group_mode (fixture->storage, DB101, ROSTER_GROUP_MODE_VISIBLE,
                                                       TRUE, &audit, &changed, &error));
  g_assert_false (changed);
  g_assert_cmpuint (count_audit (fixture->storage, "course.group_mode_changed"), ==, 1);

  course = roster_storage_get_course (fixture->storage, DB101, LENA, &error);
  g_assert_cmpint (roster_course_get_group_mode (course), ==, ROSTER_GROUP_MODE_VISIBLE);
  g_assert_true (roster_course_get_group_mode_forced (course));
  g_clear_object (&course);

  /* Forcing alone is a change too. */
  g_assert_true (roster_storage_set_course_group_mode (fixture->storage, DB101, ROSTER_GROUP_MODE_VISIBLE,
                                                       FALSE, &audit, &changed, &error));
  g_assert_true (changed);
  course = roster_storage_get_course (fixture->storage, DB101, LENA, &error);
  g_assert_false (roster_course_get_group_mode_forced (course));
  g_assert_cmpuint (count_audit (fixture->storage, "course.group_mode_changed"), ==, 2);
}

/* ---- assignments ---- */

static void
test_assignments (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(RosterAssignment) sources = NULL;
  RosterAssignment *essay;

  /* By due date, undated last. */
  assignments = roster_storage_list_assignments (fixture->storage, DB101, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assignments->len, ==, 2);
  essay = g_ptr_array_index (assignments, 0);
  g_assert_cmpstr (roster_assignment_get_name (essay), ==, "Essay");
  g_assert_cmpint (roster_assignment_get_due_at (essay), ==, NOW + 100);
  g_assert_cmpint (roster_assignment_get_group_mode (essay), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_false (roster_assignment_get_forced (essay));
  g_assert_cmpint (roster_assignment_get_effective_group_mode (essay), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_cmpstr (roster_assignment_get_name (g_ptr_array_index (assignments, 1)), ==, "Quiz");

  /* HIS200 forces visible groups over the assignment's own "none". */
  sources = roster_storage_get_assignment (fixture->storage, SOURCES, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_assignment_get_course_id (sources), ==, HIS200);
  g_assert_cmpint (roster_assignment_get_group_mode (sources), ==, ROSTER_GROUP_MODE_NONE);
  g_assert_true (roster_assignment_get_forced (sources));
  g_assert_cmpint (roster_assignment_get_effective_group_mode (sources), ==, ROSTER_GROUP_MODE_VISIBLE);

  g_assert_null (roster_storage_get_assignment (fixture->storage, 99, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
test_update_assignment (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterAssignment) essay = NULL;
  g_autoptr(RosterAssignment) sources = NULL;
  RosterAuditEvent audit = { .actor_id = LENA, .action = "assignment.updated", .course_id = DB101 };
  RosterAssignmentChange change = {
    .name = "Long essay",
    .set_group_mode = TRUE, .group_mode = ROSTER_GROUP_MODE_VISIBLE,
    .set_due_at = TRUE, .due_at = 0,
  };
  RosterAssignmentChange forced_mode = { .set_group_mode = TRUE, .group_mode = ROSTER_GROUP_MODE_SEPARATE };
  RosterAssignmentChange same_mode = {
    .name = "Primary sources", .set_group_mode = TRUE, .group_mode = ROSTER_GROUP_MODE_NONE,
  };

  g_assert_true (roster_storage_update_assignment (fixture->storage, ESSAY, &change, &audit, &error));
  g_assert_no_error (error);
  essay = roster_storage_get_assignment (fixture->storage, ESSAY, &error);
  g_assert_cmpstr (roster_assignment_get_name (essay), ==, "Long essay");
  g_assert_cmpint (roster_assignment_get_group_mode (essay), ==, ROSTER_GROUP_MODE_VISIBLE);
  g_assert_cmpint (roster_assignment_get_due_at (essay), ==, 0);

  /* A course that forces its mode refuses another one on its activities. */
  g_assert_false (roster_storage_update_assignment (fixture->storage, SOURCES, &forced_mode, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "forces"));
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, "assignment.updated"), ==, 1);

  /* Its own mode, unchanged, is no conflict. */
  g_assert_true (roster_storage_update_assignment (fixture->storage, SOURCES, &same_mode, &audit, &error));
  g_assert_no_error (error);
  sources = roster_storage_get_assignment (fixture->storage, SOURCES, &error);
  g_assert_cmpstr (roster_assignment_get_name (sources), ==, "Primary sources");
  g_assert_cmpint (roster_assignment_get_due_at (sources), ==, NOW);
  g_assert_cmpuint (count_audit (fixture->storage, "assignment.updated"), ==, 2);

  g_assert_false (roster_storage_update_assignment (fixture->storage, 99, &change, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

/* ---- submissions ---- */

/* "ann(Group A) ben(Group A,Group B)" for the submissions of @assignment
 * whose students are in @groups; checks the count agrees. */
static void
assert_submissions (RosterStorage *storage,
                    gint64         assignment_id,
                    GArray        *groups,
                    const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) submissions = roster_storage_list_submissions (storage, assignment_id, groups, &error);
  g_autoptr(GString) str = g_string_new (NULL);
  gint64 count = -1;

  g_assert_no_error (error);
  for (guint i = 0; i < submissions->len; i++)
    {
      RosterSubmission *submission = g_ptr_array_index (submissions, i);
      GPtrArray *student_groups = roster_submission_get_groups (submission);

      g_assert_cmpint (roster_submission_get_assignment_id (submission), ==, assignment_id);
      g_string_append_printf (str, "%s%s(", i ? " " : "",
                              roster_user_get_username (roster_submission_get_student (submission)));
      for (guint g = 0; g < student_groups->len; g++)
        g_string_append_printf (str, "%s%s", g ? "," : "",
                                roster_group_get_name (g_ptr_array_index (student_groups, g)));
      g_string_append_c (str, ')');
    }
  g_assert_cmpstr (str->str, ==, expected);

  g_assert_true (roster_storage_count_submissions (storage, assignment_id, groups, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, submissions->len);
}

static void
test_submissions (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) group_a = id_array (1, (gint64) GROUP_A);
  g_autoptr(GArray) group_b = id_array (1, (gint64) GROUP_B);
  g_autoptr(GArray) both = id_array (2, (gint64) GROUP_A, (gint64) GROUP_B);
  g_autoptr(GArray) nothing = id_array (0);
  g_autoptr(GPtrArray) submissions = NULL;
  RosterSubmission *ben;

  assert_submissions (fixture->storage, ESSAY, NULL,
                      "ann(Group A) ben(Group A,Group B) cat(Group B) dan()");
  assert_submissions (fixture->storage, ESSAY, group_a, "ann(Group A) ben(Group A,Group B)");
  assert_submissions (fixture->storage, ESSAY, group_b, "ben(Group A,Group B) cat(Group B)");
  assert_submissions (fixture->storage, ESSAY, both, "ann(Group A) ben(Group A,Group B) cat(Group B)");
  assert_submissions (fixture->storage, ESSAY, nothing, "");
  assert_submissions (fixture->storage, QUIZ, group_b, "");
  assert_submissions (fixture->storage, SOURCES, NULL, "zed(Seminar)");
  assert_submissions (fixture->storage, 99, NULL, "");

  submissions = roster_storage_list_submissions (fixture->storage, ESSAY, group_b, &error);
  g_assert_no_error (error);
  ben = g_ptr_array_index (submissions, 0);
  g_assert_cmpint (roster_submission_get_status (ben), ==, ROSTER_SUBMISSION_GRADED);
  g_assert_cmpint (roster_submission_get_submitted_at (ben), ==, NOW - 100);
  g_assert_cmpstr (roster_user_get_email (roster_submission_get_student (ben)), ==, "ben@uni.example");
  g_assert_cmpint (roster_submission_get_status (g_ptr_array_index (submissions, 1)), ==, ROSTER_SUBMISSION_DRAFT);
  g_assert_cmpint (roster_submission_get_submitted_at (g_ptr_array_index (submissions, 1)), ==, 0);
}

/* ---- the rule, through the storage ---- */

static void
assert_visible (Fixture         *fixture,
                gint64           viewer_id,
                RosterRole       role,
                gboolean         site_admin,
                RosterGroupMode  mode,
                const char      *expected)   /* NULL: everyone */
{
  RosterContext ctx = { .storage = fixture->storage };
  RosterCourseAccess access = { .course_id = DB101, .role = role, .site_admin = site_admin };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *str = NULL;

  g_assert_true (roster_groups_visible_groups (&ctx, &access, viewer_id, mode, &ids, &error));
  g_assert_no_error (error);
  if (expected == NULL)
    {
      g_assert_null (ids);
      return;
    }
  g_assert_nonnull (ids);
  str = ids_string (ids);
  g_assert_cmpstr (str, ==, expected);
}

static void
test_visible_groups (Fixture       *fixture,
                     gconstpointer  user_data)
{
  assert_visible (fixture, EVE, ROSTER_ROLE_EXTERNAL_MODERATOR, FALSE, ROSTER_GROUP_MODE_SEPARATE, "1");
  assert_visible (fixture, EVE, ROSTER_ROLE_EXTERNAL_MODERATOR, FALSE, ROSTER_GROUP_MODE_VISIBLE, NULL);
  assert_visible (fixture, EVE, ROSTER_ROLE_EXTERNAL_MODERATOR, FALSE, ROSTER_GROUP_MODE_NONE, NULL);
  assert_visible (fixture, TOM, ROSTER_ROLE_TEACHER, FALSE, ROSTER_GROUP_MODE_SEPARATE, "2");
  /* In no group: sees nobody. */
  assert_visible (fixture, DAN, ROSTER_ROLE_TEACHER, FALSE, ROSTER_GROUP_MODE_SEPARATE, "");
  assert_visible (fixture, LENA, ROSTER_ROLE_MODULE_LEADER, FALSE, ROSTER_GROUP_MODE_SEPARATE, NULL);
  assert_visible (fixture, LENA, ROSTER_ROLE_PROFESSIONAL_STAFF, FALSE, ROSTER_GROUP_MODE_SEPARATE, NULL);
  assert_visible (fixture, ZED, ROSTER_ROLE_NONE, TRUE, ROSTER_GROUP_MODE_SEPARATE, NULL);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, storage_fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/sqlite/groups/list", test_list_groups);
  ADD ("/sqlite/groups/create", test_create_group);
  ADD ("/sqlite/groups/update", test_update_group);
  ADD ("/sqlite/groups/delete", test_delete_group);
  ADD ("/sqlite/groups/members", test_members);
  ADD ("/sqlite/groups/course-group-mode", test_course_group_mode);
  ADD ("/sqlite/groups/assignments", test_assignments);
  ADD ("/sqlite/groups/update-assignment", test_update_assignment);
  ADD ("/sqlite/groups/submissions", test_submissions);
  ADD ("/sqlite/groups/visible-groups", test_visible_groups);

  return g_test_run ();
}
