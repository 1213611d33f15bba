/* test-import-values.c: the values the cells of an import file may
 * hold: user types, roles, enrolment statuses and periods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-import.h"
#include "test-import-util.h"

typedef struct
{
  const char *text;
  guint       value;
} Value;

/* Reads each of @values in column @column of a row under @header;
 * G_MAXUINT: refused with @code. */
static void
check_values (const char  *header,
              const char  *column,
              const Value *values,
              guint        n_values,
              const char  *code)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);

  for (guint i = 0; i < n_values; i++)
    {
      g_autofree char *email = g_strdup_printf ("person%u@uni.edu", i);
      const char * const cells[] = { email, "Ana", "Pérez", values[i].text, NULL };
      g_autoptr(RosterImportRow) row = test_check_strv (validator, cells, i + 2);
      gboolean valid = values[i].value != G_MAXUINT;
      g_autofree char *expected = valid ? g_strdup ("") : g_strdup_printf ("%u:%s@%s", i + 2, code, column);
      RosterImportEnrolment *enrolment = test_enrolment_at (row, 0);
      guint got;

      if (g_strcmp0 (test_problem_codes (row->problems), expected) != 0)
        g_error ("%s “%s”: “%s”, expected “%s”",
                 column, values[i].text, test_problem_codes (row->problems), expected);
      if (!valid)
        continue;

      if (g_str_equal (code, "invalid_type"))
        got = row->type_set ? (guint) row->type : G_MAXUINT;
      else if (g_str_equal (code, "invalid_role"))
        got = enrolment->role_set ? (guint) enrolment->role : G_MAXUINT;
      else if (g_str_equal (code, "invalid_status"))
        got = enrolment->status_set ? (guint) enrolment->status : G_MAXUINT;
      else
        got = (guint) enrolment->period_days;
      if (got != values[i].value)
        g_error ("%s “%s”: %u, expected %u", column, values[i].text, got, values[i].value);
    }
}

#define REFUSED G_MAXUINT

static void
test_values_type (void)
{
  static const Value values[] = {
    { "staff", ROSTER_USER_TYPE_STAFF },
    { "Staff", ROSTER_USER_TYPE_STAFF },
    { "employee", ROSTER_USER_TYPE_STAFF },
    { "教职工", ROSTER_USER_TYPE_STAFF },
    { "STUDENT", ROSTER_USER_TYPE_STUDENT },
    { "Learner", ROSTER_USER_TYPE_STUDENT },
    { "学生", ROSTER_USER_TYPE_STUDENT },
    { "external", ROSTER_USER_TYPE_EXTERNAL },
    { " External ", ROSTER_USER_TYPE_EXTERNAL },
    { "guest", ROSTER_USER_TYPE_EXTERNAL },
    { "Guest user", ROSTER_USER_TYPE_EXTERNAL },
    { "guest_user", ROSTER_USER_TYPE_EXTERNAL },
    { "prospect", ROSTER_USER_TYPE_EXTERNAL },
    { "Visitor", ROSTER_USER_TYPE_EXTERNAL },
    { "校外", ROSTER_USER_TYPE_EXTERNAL },
    { "ｓｔａｆｆ", ROSTER_USER_TYPE_STAFF },
    { "admin", REFUSED },
    { "staff member", REFUSED },
    { "0", REFUSED },
    { "externals", REFUSED },
  };
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname,User type");
  g_autoptr(RosterImportRow) row = test_check_line (validator, "a@uni.edu,Ana,Pérez,", 2);

  check_values ("email,firstname,lastname,User type", "User type", values, G_N_ELEMENTS (values),
                "invalid_type");

  /* Not given: not set, and no problem. */
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_false (row->type_set);
}

static void
test_values_role (void)
{
  static const Value values[] = {
    { "student", ROSTER_ROLE_STUDENT },
    { "Student", ROSTER_ROLE_STUDENT },
    { "学生", ROSTER_ROLE_STUDENT },
    { "teacher", ROSTER_ROLE_TEACHER },
    { "Non-editing teacher", ROSTER_ROLE_TEACHER },
    { "noneditingteacher", ROSTER_ROLE_TEACHER },
    { "教师", ROSTER_ROLE_TEACHER },
    { "editingteacher", ROSTER_ROLE_MODULE_LEADER },
    { "module_leader", ROSTER_ROLE_MODULE_LEADER },
    { "Module leader", ROSTER_ROLE_MODULE_LEADER },
    { "MODULE-LEADER", ROSTER_ROLE_MODULE_LEADER },
    { "professional_staff", ROSTER_ROLE_PROFESSIONAL_STAFF },
    { "Professional staff", ROSTER_ROLE_PROFESSIONAL_STAFF },
    { "manager", ROSTER_ROLE_PROFESSIONAL_STAFF },
    { "guest", ROSTER_ROLE_GUEST },
    { "访客", ROSTER_ROLE_GUEST },
    { "external_moderator", ROSTER_ROLE_EXTERNAL_MODERATOR },
    { "External moderator", ROSTER_ROLE_EXTERNAL_MODERATOR },
    { "External examiner", ROSTER_ROLE_EXTERNAL_MODERATOR },
    { "none", REFUSED },
    { "coursecreator", REFUSED },
    { "user", REFUSED },
    { "frontpage", REFUSED },
    { "admin", REFUSED },
    { "5", REFUSED },
  };

  check_values ("email,firstname,lastname,role1", "role1", values, G_N_ELEMENTS (values), "invalid_role");
}

/* Moodle writes 0 for active and 1 for suspended. */
static void
test_values_status (void)
{
  static const Value values[] = {
    { "0", ROSTER_ENROLMENT_ACTIVE },
    { "1", ROSTER_ENROLMENT_SUSPENDED },
    { "active", ROSTER_ENROLMENT_ACTIVE },
    { "Active", ROSTER_ENROLMENT_ACTIVE },
    { "SUSPENDED", ROSTER_ENROLMENT_SUSPENDED },
    { " suspended ", ROSTER_ENROLMENT_SUSPENDED },
    { "2", REFUSED },
    { "-1", REFUSED },
    { "01", REFUSED },
    { "yes", REFUSED },
    { "suspend", REFUSED },
  };

  check_values ("email,firstname,lastname,Enrolment status", "Enrolment status", values,
                G_N_ELEMENTS (values), "invalid_status");
}

/* Days, or weeks with a unit. */
static void
test_values_period (void)
{
  static const Value values[] = {
    { "1", 1 },
    { "30", 30 },
    { "007", 7 },
    { "30d", 30 },
    { "30 D", 30 },
    { "30 days", 30 },
    { "1 day", 1 },
    { "30天", 30 },
    { "４w", 28 },
    { "4w", 28 },
    { "4 Weeks", 28 },
    { "1 week", 7 },
    { "2周", 14 },
    { "36500", ROSTER_IMPORT_MAX_PERIOD_DAYS },
    { "5214w", 36498 },
    { "0", REFUSED },
    { "0d", REFUSED },
    { "0w", REFUSED },
    { "-1", REFUSED },
    { "+5", REFUSED },
    { "1.5", REFUSED },
    { "1,5", REFUSED },
    { "30x", REFUSED },
    { "30 months", REFUSED },
    { "d", REFUSED },
    { "w4", REFUSED },
    { "36501", REFUSED },
    { "5215w", REFUSED },
    { "99999999999999999999999999", REFUSED },
  };
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname,enrolperiod1");
  g_autoptr(RosterImportRow) row = test_check_line (validator, "a@uni.edu,Ana,Pérez,", 2);

  check_values ("email,firstname,lastname,enrolperiod1", "enrolperiod1", values, G_N_ELEMENTS (values),
                "invalid_period");

  g_assert_cmpint (test_enrolment_at (row, 0)->period_days, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/values/type", test_values_type);
  g_test_add_func ("/import/values/role", test_values_role);
  g_test_add_func ("/import/values/status", test_values_status);
  g_test_add_func ("/import/values/period", test_values_period);

  return g_test_run ();
}
