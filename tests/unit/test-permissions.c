/* test-permissions.c: the table of who may do what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-permissions.h"

/* Every role that can be held in a course, i.e. all but ROSTER_ROLE_NONE. */
static const RosterRole course_roles[] = {
  ROSTER_ROLE_MODULE_LEADER,
  ROSTER_ROLE_TEACHER,
  ROSTER_ROLE_PROFESSIONAL_STAFF,
  ROSTER_ROLE_STUDENT,
  ROSTER_ROLE_GUEST,
  ROSTER_ROLE_EXTERNAL_MODERATOR,
};

/* Asserts that @role has exactly the capabilities in @expected (a list
 * ending with -1) and no other. */
static void
assert_role_grants_exactly (RosterRole  role,
                            const int  *expected)
{
  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    {
      gboolean want = FALSE;

      for (const int *e = expected; *e != -1; e++)
        {
          if ((guint) *e == cap)
            want = TRUE;
        }

      if (roster_permissions_course_allows (FALSE, role, cap) != want)
        {
          g_test_message ("role %d: capability %s should be %s", role,
                          roster_course_capability_to_string (cap), want ? "granted" : "refused");
          g_test_fail ();
        }
    }
}

static void
test_site_admin_has_everything (void)
{
  for (guint role = 0; role < ROSTER_N_ROLES; role++)
    {
      for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
        g_assert_true (roster_permissions_course_allows (TRUE, role, cap));
    }

  for (guint cap = 0; cap < ROSTER_N_SITE_CAPS; cap++)
    g_assert_true (roster_permissions_site_allows (TRUE, cap));
}

static void
test_module_leader (void)
{
  static const int all[] = {
    ROSTER_CAP_COURSE_VIEW, ROSTER_CAP_PARTICIPANTS_VIEW, ROSTER_CAP_PARTICIPANTS_EXPORT,
    ROSTER_CAP_ENROLMENTS_MANAGE, ROSTER_CAP_METHODS_VIEW, ROSTER_CAP_METHODS_MANAGE,
    ROSTER_CAP_KEYS_REVEAL, ROSTER_CAP_GROUPS_VIEW, ROSTER_CAP_GROUPS_MANAGE,
    ROSTER_CAP_GROUPS_ACCESS_ALL, ROSTER_CAP_ASSIGNMENTS_VIEW, ROSTER_CAP_ASSIGNMENTS_MANAGE,
    ROSTER_CAP_SUBMISSIONS_VIEW, ROSTER_CAP_SUBMISSIONS_PREVIEW_AS, ROSTER_CAP_USERS_IMPORT,
    ROSTER_CAP_REPORTS_VIEW, -1,
  };

  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER,
                                                   ROSTER_CAP_KEYS_REVEAL));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER,
                                                   ROSTER_CAP_ENROLMENTS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER,
                                                   ROSTER_CAP_METHODS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER,
                                                   ROSTER_CAP_GROUPS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER,
                                                   ROSTER_CAP_GROUPS_ACCESS_ALL));
  assert_role_grants_exactly (ROSTER_ROLE_MODULE_LEADER, all);
}

static void
test_professional_staff (void)
{
  /* Departmental staff run the course just as module leaders do. */
  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    g_assert_cmpint (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF, cap),
                     ==,
                     roster_permissions_course_allows (FALSE, ROSTER_ROLE_MODULE_LEADER, cap));

  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF,
                                                   ROSTER_CAP_KEYS_REVEAL));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF,
                                                   ROSTER_CAP_ENROLMENTS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF,
                                                   ROSTER_CAP_METHODS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF,
                                                   ROSTER_CAP_GROUPS_MANAGE));
  g_assert_true (roster_permissions_course_allows (FALSE, ROSTER_ROLE_PROFESSIONAL_STAFF,
                                                   ROSTER_CAP_GROUPS_ACCESS_ALL));
}

static void
test_teacher (void)
{
  static const int grants[] = {
    ROSTER_CAP_COURSE_VIEW, ROSTER_CAP_PARTICIPANTS_VIEW, ROSTER_CAP_PARTICIPANTS_EXPORT,
    ROSTER_CAP_METHODS_VIEW, ROSTER_CAP_GROUPS_VIEW, ROSTER_CAP_ASSIGNMENTS_VIEW,
    ROSTER_CAP_SUBMISSIONS_VIEW, -1,
  };
  const RosterRole te = ROSTER_ROLE_TEACHER;

  g_assert_true (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_PARTICIPANTS_VIEW));
  g_assert_true (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_GROUPS_VIEW));
  g_assert_false (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_KEYS_REVEAL));
  g_assert_false (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_ENROLMENTS_MANAGE));
  g_assert_false (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_METHODS_MANAGE));
  g_assert_false (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_GROUPS_MANAGE));
  g_assert_false (roster_permissions_course_allows (FALSE, te, ROSTER_CAP_GROUPS_ACCESS_ALL));
  assert_role_grants_exactly (te, grants);
}

static void
test_external_moderator (void)
{
  static const int grants[] = {
    ROSTER_CAP_COURSE_VIEW, ROSTER_CAP_ASSIGNMENTS_VIEW, ROSTER_CAP_SUBMISSIONS_VIEW, -1,
  };
  const RosterRole em = ROSTER_ROLE_EXTERNAL_MODERATOR;

  g_assert_true (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_ASSIGNMENTS_VIEW));
  g_assert_true (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_SUBMISSIONS_VIEW));
  g_assert_false (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_PARTICIPANTS_VIEW));
  g_assert_false (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_PARTICIPANTS_EXPORT));
  g_assert_false (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_GROUPS_ACCESS_ALL));
  g_assert_false (roster_permissions_course_allows (FALSE, em, ROSTER_CAP_KEYS_REVEAL));
  assert_role_grants_exactly (em, grants);
}

static void
test_student_and_guest (void)
{
  static const int grants[] = { ROSTER_CAP_COURSE_VIEW, -1 };

  assert_role_grants_exactly (ROSTER_ROLE_STUDENT, grants);
  assert_role_grants_exactly (ROSTER_ROLE_GUEST, grants);
}

static void
test_no_role (void)
{
  static const int grants[] = { -1 };

  assert_role_grants_exactly (ROSTER_ROLE_NONE, grants);
}

static void
test_out_of_range (void)
{
  /* Out-of-range roles and capabilities are refused, even to an admin
   * where the capability does not exist. */
  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    {
      g_assert_false (roster_permissions_course_allows (FALSE, (RosterRole) ROSTER_N_ROLES, cap));
      g_assert_false (roster_permissions_course_allows (FALSE, (RosterRole) 1000, cap));
      g_assert_false (roster_permissions_course_allows (FALSE, (RosterRole) -1, cap));
    }

  for (guint role = 0; role < ROSTER_N_ROLES; role++)
    {
      g_assert_false (roster_permissions_course_allows (FALSE, role,
                                                        (RosterCourseCapability) ROSTER_N_COURSE_CAPS));
      g_assert_false (roster_permissions_course_allows (TRUE, role,
                                                        (RosterCourseCapability) ROSTER_N_COURSE_CAPS));
      g_assert_false (roster_permissions_course_allows (TRUE, role, (RosterCourseCapability) -1));
    }

  g_assert_false (roster_permissions_site_allows (TRUE, (RosterSiteCapability) ROSTER_N_SITE_CAPS));
  g_assert_false (roster_permissions_site_allows (TRUE, (RosterSiteCapability) -1));
  g_assert_null (roster_course_capability_to_string ((RosterCourseCapability) ROSTER_N_COURSE_CAPS));
  g_assert_null (roster_site_capability_to_string ((RosterSiteCapability) ROSTER_N_SITE_CAPS));
}

static void
test_site_caps_admin_only (void)
{
  for (guint cap = 0; cap < ROSTER_N_SITE_CAPS; cap++)
    g_assert_false (roster_permissions_site_allows (FALSE, cap));
}

static void
test_capability_names (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    {
      const char *name = roster_course_capability_to_string (cap);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_hash_table_add (seen, (gpointer) name));
    }

  for (guint cap = 0; cap < ROSTER_N_SITE_CAPS; cap++)
    {
      const char *name = roster_site_capability_to_string (cap);

      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_hash_table_add (seen, (gpointer) name));
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, ROSTER_N_COURSE_CAPS + ROSTER_N_SITE_CAPS);

  /* The wire names the app relies on. */
  g_assert_cmpstr (roster_course_capability_to_string (ROSTER_CAP_COURSE_VIEW), ==, "course.view");
  g_assert_cmpstr (roster_course_capability_to_string (ROSTER_CAP_KEYS_REVEAL), ==, "keys.reveal");
  g_assert_cmpstr (roster_course_capability_to_string (ROSTER_CAP_GROUPS_ACCESS_ALL), ==,
                   "groups.access_all");
}

static void
test_every_role_views_course (void)
{
  /* Whoever holds any role in a course can at least see it. */
  for (guint i = 0; i < G_N_ELEMENTS (course_roles); i++)
    g_assert_true (roster_permissions_course_allows (FALSE, course_roles[i], ROSTER_CAP_COURSE_VIEW));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/permissions/site-admin", test_site_admin_has_everything);
  g_test_add_func ("/permissions/module-leader", test_module_leader);
  g_test_add_func ("/permissions/professional-staff", test_professional_staff);
  g_test_add_func ("/permissions/teacher", test_teacher);
  g_test_add_func ("/permissions/external-moderator", test_external_moderator);
  g_test_add_func ("/permissions/student-and-guest", test_student_and_guest);
  g_test_add_func ("/permissions/no-role", test_no_role);
  g_test_add_func ("/permissions/out-of-range", test_out_of_range);
  g_test_add_func ("/permissions/site-caps-admin-only", test_site_caps_admin_only);
  g_test_add_func ("/permissions/capability-names", test_capability_names);
  g_test_add_func ("/permissions/every-role-views-course", test_every_role_views_course);

  return g_test_run ();
}
