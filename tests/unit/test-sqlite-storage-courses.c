/* test-sqlite-storage-courses.c: the SQLite driver of RosterStorage:
 * datasets, courses, course roles and the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-storage.h"

#include "storage-fixture.h"

/* ---- datasets and courses ---- */

enum {
  DEPT_CS = 1,
  DEPT_HIST = 2,

  USER_ALICE = 1,
  USER_BOB = 2,
  USER_ZOE = 3,

  COURSE_DB = 10,
  COURSE_ECON = 11,
  COURSE_ML = 12,
  COURSE_OLD = 13,
  COURSE_FUTURE = 14,
};

static void
add_department (RosterDataset *dataset,
                gint64         id,
                const char    *name)
{
  RosterDatasetDepartment row = { id, roster_dataset_intern (dataset, name) };

  g_array_append_val (dataset->departments, row);
}

static void
add_user (RosterDataset *dataset,
          gint64         id,
          const char    *username,
          const char    *first_name,
          const char    *last_name,
          RosterUserType type)
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
add_course (RosterDataset *dataset,
            gint64         id,
            gint64         department_id,
            const char    *short_name,
            const char    *full_name)
{
  RosterDatasetCourse row = {
    .id = id,
    .department_id = department_id,
    .short_name = roster_dataset_intern (dataset, short_name),
    .full_name = roster_dataset_intern (dataset, full_name),
    .group_mode = ROSTER_GROUP_MODE_SEPARATE,
    .group_mode_forced = TRUE,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->courses, row);
}

static void
add_enrolment (RosterDataset         *dataset,
               gint64                 id,
               gint64                 course_id,
               gint64                 user_id,
               RosterRole             role,
               RosterEnrolmentStatus  status,
               gint64                 start_at,
               gint64                 end_at)
{
  RosterDatasetEnrolment row = {
    .id = id,
    .course_id = course_id,
    .user_id = user_id,
    .role = role,
    .status = status,
    .start_at = start_at,
    .end_at = end_at,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->enrolments, row);
}

/* Alice leads DB101 and teaches ECON200; her ML300 enrolment has ended,
 * her OLD100 one is suspended and her FUT400 one has not begun. Bob is
 * a student in DB101. Zoë is enrolled nowhere. */
static RosterDataset *
make_dataset (void)
{
  RosterDataset *dataset = roster_dataset_new ();
  /* Times that are past and future for any real clock this runs on. */
  const gint64 long_ago = 1000;
  const gint64 far_future = G_GINT64_CONSTANT (4102444800);  /* 2100 */

  add_department (dataset, DEPT_CS, "Computer Science");
  add_department (dataset, DEPT_HIST, "History");

  add_user (dataset, USER_ALICE, "alice", "Alice", "Smith", ROSTER_USER_TYPE_STAFF);
  add_user (dataset, USER_BOB, "bob", "Bob", "Jones", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, USER_ZOE, "zoe", "Zo\xc3\xab", "M\xc3\xbcller", ROSTER_USER_TYPE_EXTERNAL);

  add_course (dataset, COURSE_DB, DEPT_CS, "DB101", "Databases");
  add_course (dataset, COURSE_ECON, DEPT_HIST, "ECON200", "\xc3\x89" "conomie et soci\xc3\xa9t\xc3\xa9");
  add_course (dataset, COURSE_ML, DEPT_CS, "ML300", "Machine Learning");
  add_course (dataset, COURSE_OLD, 0, "OLD100", "Old Course");
  add_course (dataset, COURSE_FUTURE, DEPT_CS, "FUT400", "Future Studies");

  add_enrolment (dataset, 1, COURSE_DB, USER_ALICE, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_ACTIVE, 0, 0);
  add_enrolment (dataset, 2, COURSE_DB, USER_BOB, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE, 0, 0);
  add_enrolment (dataset, 3, COURSE_ECON, USER_ALICE, ROSTER_ROLE_TEACHER, ROSTER_ENROLMENT_ACTIVE,
                 long_ago, far_future);
  add_enrolment (dataset, 4, COURSE_ML, USER_ALICE, ROSTER_ROLE_TEACHER, ROSTER_ENROLMENT_ACTIVE,
                 0, long_ago);
  add_enrolment (dataset, 5, COURSE_OLD, USER_ALICE, ROSTER_ROLE_TEACHER, ROSTER_ENROLMENT_SUSPENDED, 0, 0);
  add_enrolment (dataset, 6, COURSE_FUTURE, USER_ALICE, ROSTER_ROLE_TEACHER, ROSTER_ENROLMENT_ACTIVE,
                 far_future, 0);

  return dataset;
}

static void
load_dataset (RosterStorage *storage)
{
  g_autoptr(RosterDataset) dataset = make_dataset ();
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_storage_load_dataset (storage, dataset, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list_courses (RosterStorage *storage,
              gint64         viewer_id,
              gboolean       all_courses,
              const char    *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *courses = roster_storage_list_courses (storage, viewer_id, all_courses, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (courses);
  return courses;
}

/* Asserts the short names, in order, of @courses: "DB101 ECON200". */
static void
assert_course_names (GPtrArray  *courses,
                     const char *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < courses->len; i++)
    {
      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, roster_course_get_short_name (g_ptr_array_index (courses, i)));
    }

  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_load_dataset (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(RosterUser) zoe = NULL;

  load_dataset (fixture->storage);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 3);

  /* Dataset users sign in like any other. */
  credentials = storage_fixture_get_credentials (fixture->storage, "ALICE@uni.example");
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->user_id, ==, USER_ALICE);
  g_assert_cmpstr (credentials->password_hash, ==, HASH);

  zoe = roster_storage_get_user (fixture->storage, USER_ZOE, NULL);
  g_assert_nonnull (zoe);
  g_assert_cmpstr (roster_user_get_first_name (zoe), ==, "Zo\xc3\xab");
  g_assert_cmpint (roster_user_get_user_type (zoe), ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpint (roster_user_get_created_at (zoe), ==, NOW - 1000);
}

static void
test_list_courses (Fixture       *fixture,
                   gconstpointer  user_data)
{
  load_dataset (fixture->storage);

  {
    /* Only courses with a current, active enrolment, with the role. */
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_ALICE, FALSE, NULL);
    RosterCourse *db, *econ;

    assert_course_names (courses, "DB101 ECON200");
    db = g_ptr_array_index (courses, 0);
    econ = g_ptr_array_index (courses, 1);
    g_assert_cmpint (roster_course_get_id (db), ==, COURSE_DB);
    g_assert_cmpint (roster_course_get_my_role (db), ==, ROSTER_ROLE_MODULE_LEADER);
    g_assert_cmpstr (roster_course_get_full_name (db), ==, "Databases");
    g_assert_cmpstr (roster_course_get_department (db), ==, "Computer Science");
    g_assert_cmpint (roster_course_get_group_mode (db), ==, ROSTER_GROUP_MODE_SEPARATE);
    g_assert_true (roster_course_get_group_mode_forced (db));
    g_assert_cmpint (roster_course_get_participant_count (db), ==, 2);
    g_assert_cmpint (roster_course_get_my_role (econ), ==, ROSTER_ROLE_TEACHER);
    g_assert_cmpstr (roster_course_get_department (econ), ==, "History");
  }

  {
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_BOB, FALSE, NULL);

    assert_course_names (courses, "DB101");
    g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, 0)), ==, ROSTER_ROLE_STUDENT);
  }

  {
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_ZOE, FALSE, NULL);

    g_assert_cmpuint (courses->len, ==, 0);
  }

  {
    /* All courses (a site admin's view): every one, with the viewer's
     * role where there is one. */
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_ALICE, TRUE, NULL);

    assert_course_names (courses, "DB101 ECON200 FUT400 ML300 OLD100");
    g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, 0)), ==,
                     ROSTER_ROLE_MODULE_LEADER);
    g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, 2)), ==, ROSTER_ROLE_NONE);
    g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, 3)), ==, ROSTER_ROLE_NONE);
    g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, 4)), ==, ROSTER_ROLE_NONE);
    g_assert_null (roster_course_get_department (g_ptr_array_index (courses, 4)));
  }

  {
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_ZOE, TRUE, NULL);

    g_assert_cmpuint (courses->len, ==, 5);
    for (guint i = 0; i < courses->len; i++)
      g_assert_cmpint (roster_course_get_my_role (g_ptr_array_index (courses, i)), ==, ROSTER_ROLE_NONE);
  }
}

static void
test_search_courses (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const struct {
    gint64      viewer;
    gboolean    all;
    const char *query;
    const char *expected;
  } cases[] = {
    { USER_ALICE, FALSE, "datab", "DB101" },
    { USER_ALICE, FALSE, "DATAB", "DB101" },
    { USER_ALICE, FALSE, "db1", "DB101" },
    { USER_ALICE, FALSE, "", "DB101 ECON200" },
    /* Accents on either side do not matter. */
    { USER_ALICE, FALSE, "economie", "ECON200" },
    { USER_ALICE, FALSE, "\xc3\x89" "CONOMIE", "ECON200" },
    { USER_ALICE, FALSE, "societe", "ECON200" },
    { USER_ALICE, TRUE, "dat\xc3\xa4", "DB101" },
    /* Courses outside the viewer's list are not found by a search. */
    { USER_ALICE, FALSE, "machine", "" },
    { USER_ALICE, TRUE, "machine", "ML300" },
    { USER_BOB, FALSE, "economie", "" },
    { USER_ALICE, TRUE, "s", "DB101 ECON200 FUT400 OLD100" },
    /* LIKE wildcards are plain characters in a search. */
    { USER_ALICE, TRUE, "%", "" },
    { USER_ALICE, TRUE, "_", "" },
    { USER_ALICE, TRUE, "D_101", "" },
    { USER_ALICE, TRUE, "no such course", "" },
  };

  load_dataset (fixture->storage);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) courses = list_courses (fixture->storage, cases[i].viewer, cases[i].all,
                                                   cases[i].query);

      g_test_message ("query “%s”", cases[i].query);
      assert_course_names (courses, cases[i].expected);
    }
}

static void
test_get_course (Fixture       *fixture,
                 gconstpointer  user_data)
{
  load_dataset (fixture->storage);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterCourse) course = roster_storage_get_course (fixture->storage, COURSE_DB, USER_BOB, &error);

    g_assert_no_error (error);
    g_assert_nonnull (course);
    g_assert_cmpint (roster_course_get_id (course), ==, COURSE_DB);
    g_assert_cmpstr (roster_course_get_short_name (course), ==, "DB101");
    g_assert_cmpint (roster_course_get_my_role (course), ==, ROSTER_ROLE_STUDENT);
    g_assert_cmpint (roster_course_get_participant_count (course), ==, 2);
  }

  {
    /* A course without a role for the viewer is still found; what the
     * viewer may do with it is the handler's question. */
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterCourse) course = roster_storage_get_course (fixture->storage, COURSE_OLD, USER_ALICE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (roster_course_get_my_role (course), ==, ROSTER_ROLE_NONE);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterCourse) course = roster_storage_get_course (fixture->storage, 999, USER_ALICE, &error);

    g_assert_null (course);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  }
}

static void
test_list_course_roles (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alice = NULL;
  g_autoptr(GPtrArray) bob = NULL;
  g_autoptr(GPtrArray) zoe = NULL;
  const RosterCourseRole *role;

  load_dataset (fixture->storage);

  alice = roster_storage_list_course_roles (fixture->storage, USER_ALICE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alice->len, ==, 2);
  role = g_ptr_array_index (alice, 0);
  g_assert_cmpint (role->course_id, ==, COURSE_DB);
  g_assert_cmpstr (role->short_name, ==, "DB101");
  g_assert_cmpint (role->role, ==, ROSTER_ROLE_MODULE_LEADER);
  role = g_ptr_array_index (alice, 1);
  g_assert_cmpint (role->course_id, ==, COURSE_ECON);
  g_assert_cmpstr (role->short_name, ==, "ECON200");
  g_assert_cmpint (role->role, ==, ROSTER_ROLE_TEACHER);

  bob = roster_storage_list_course_roles (fixture->storage, USER_BOB, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bob->len, ==, 1);
  role = g_ptr_array_index (bob, 0);
  g_assert_cmpint (role->course_id, ==, COURSE_DB);
  g_assert_cmpint (role->role, ==, ROSTER_ROLE_STUDENT);

  zoe = roster_storage_list_course_roles (fixture->storage, USER_ZOE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (zoe->len, ==, 0);
}

static void
test_dataset_rollback (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(RosterDataset) dataset = make_dataset ();
  g_autoptr(GError) error = NULL;

  /* The last row refers to a user that does not exist. */
  add_enrolment (dataset, 99, COURSE_DB, 4242, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE, 0, 0);

  g_assert_false (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == ROSTER_ERROR);

  /* Nothing of it stays: not the users, not the courses. */
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 0);
  {
    g_autoptr(GPtrArray) courses = list_courses (fixture->storage, USER_ALICE, TRUE, NULL);

    g_assert_cmpuint (courses->len, ==, 0);
  }

  /* And the storage is fine afterwards: the good dataset loads. */
  load_dataset (fixture->storage);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 3);
}

static void
test_dataset_conflicts_with_existing (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  g_autoptr(RosterDataset) dataset = make_dataset ();
  g_autoptr(GError) error = NULL;

  /* "ALICE" already exists, so the dataset's alice clashes. */
  storage_fixture_create_user (fixture->storage, "ALICE", NULL);

  g_assert_false (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 1);
}

/* ---- audit ---- */

static void
test_list_audit (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const RosterAuditEvent events[] = {
    { .actor_id = 1, .action = "key.reveal", .course_id = 10, .object_type = "key", .object_id = 5 },
    { .actor_id = 2, .action = "auth.login" },
    { .actor_id = 1, .action = "enrolment.create", .course_id = 11, .target_user_id = 3 },
    { .actor_id = 0, .action = "auth.login_failed", .target_user_id = 1, .remote_address = "2001:db8::1" },
    { .actor_id = 3, .action = "key.reveal", .course_id = 11, .object_type = "key", .object_id = 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (roster_storage_append_audit (fixture->storage, &events[i], &error));
      g_assert_no_error (error);
    }

  {
    /* Everything, newest first. */
    g_autoptr(GPtrArray) all = storage_fixture_list_audit (fixture->storage, 0, NULL);
    const RosterAuditRecord *newest, *oldest;

    g_assert_cmpuint (all->len, ==, 5);
    newest = g_ptr_array_index (all, 0);
    oldest = g_ptr_array_index (all, 4);
    g_assert_cmpstr (newest->action, ==, "key.reveal");
    g_assert_cmpint (newest->actor_id, ==, 3);
    g_assert_cmpint (newest->object_id, ==, 6);
    g_assert_cmpstr (newest->object_type, ==, "key");
    g_assert_cmpint (oldest->actor_id, ==, 1);
    g_assert_cmpint (oldest->course_id, ==, 10);
    g_assert_cmpint (newest->id, >, oldest->id);
  }

  {
    g_autoptr(GPtrArray) reveals = storage_fixture_list_audit (fixture->storage, 0, "key.reveal");

    g_assert_cmpuint (reveals->len, ==, 2);
  }

  {
    /* A user is found as actor or as target. */
    g_autoptr(GPtrArray) user1 = storage_fixture_list_audit (fixture->storage, 1, NULL);
    g_autoptr(GPtrArray) user3 = storage_fixture_list_audit (fixture->storage, 3, NULL);
    g_autoptr(GPtrArray) user1_failed = storage_fixture_list_audit (fixture->storage, 1, "auth.login_failed");
    g_autoptr(GPtrArray) user2_reveal = storage_fixture_list_audit (fixture->storage, 2, "key.reveal");
    const RosterAuditRecord *record;

    g_assert_cmpuint (user1->len, ==, 3);
    g_assert_cmpuint (user3->len, ==, 2);
    g_assert_cmpuint (user1_failed->len, ==, 1);
    record = g_ptr_array_index (user1_failed, 0);
    g_assert_cmpint (record->actor_id, ==, 0);
    g_assert_cmpint (record->target_user_id, ==, 1);
    g_assert_cmpstr (record->remote_address, ==, "2001:db8::1");
    g_assert_null (record->object_type);
    g_assert_null (record->details);
    g_assert_cmpuint (user2_reveal->len, ==, 0);
  }

  {
    g_autoptr(GError) error = NULL;
    const RosterAuditQuery by_course = { .course_id = 11 };
    const RosterAuditQuery limited = { .limit = 2 };
    const RosterAuditQuery future = { .since = g_get_real_time () / G_USEC_PER_SEC + 3600 };
    g_autoptr(GPtrArray) course11 = roster_storage_list_audit (fixture->storage, &by_course, &error);
    g_autoptr(GPtrArray) two = roster_storage_list_audit (fixture->storage, &limited, &error);
    g_autoptr(GPtrArray) none = roster_storage_list_audit (fixture->storage, &future, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (course11->len, ==, 2);
    g_assert_cmpuint (two->len, ==, 2);
    g_assert_cmpint (((RosterAuditRecord *) g_ptr_array_index (two, 0))->actor_id, ==, 3);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, storage_fixture_set_up, func, storage_fixture_tear_down)

  ADD_TEST ("/sqlite-storage/dataset/load", test_load_dataset);
  ADD_TEST ("/sqlite-storage/dataset/rollback", test_dataset_rollback);
  ADD_TEST ("/sqlite-storage/dataset/conflicts-with-existing", test_dataset_conflicts_with_existing);
  ADD_TEST ("/sqlite-storage/courses/list", test_list_courses);
  ADD_TEST ("/sqlite-storage/courses/search", test_search_courses);
  ADD_TEST ("/sqlite-storage/courses/get", test_get_course);
  ADD_TEST ("/sqlite-storage/courses/roles", test_list_course_roles);
  ADD_TEST ("/sqlite-storage/audit/list", test_list_audit);

#undef ADD_TEST

  return g_test_run ();
}
