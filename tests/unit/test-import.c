/* test-import.c: the import's columns (fields, names, the mapping);
 * the row checks are in test-import-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-import.h"
#include "test-import-util.h"

/* ---- fields ---- */

static void
test_field_names (void)
{
  static const char * const names[] = {
    NULL, "username", "firstname", "lastname", "email", "password", "idnumber", "type",
    "course", "role", "group", "enrolperiod", "enrolstatus",
  };
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == ROSTER_IMPORT_N_FIELDS);

  for (guint field = 0; field < ROSTER_IMPORT_N_FIELDS; field++)
    {
      g_autofree char *bare = roster_import_field_column_name (field, 0);
      g_autofree char *first = roster_import_field_column_name (field, 1);
      g_autofree char *twelfth = roster_import_field_column_name (field, 12);
      const char *label = roster_import_field_label (field);
      gboolean slotted = field >= ROSTER_IMPORT_FIELD_COURSE;

      g_assert_cmpint (roster_import_field_has_slots (field), ==, slotted);
      g_assert_cmpstr (bare, ==, names[field]);
      if (field == ROSTER_IMPORT_FIELD_IGNORED)
        {
          g_assert_null (first);
          g_assert_null (twelfth);
        }
      else if (slotted)
        {
          g_autofree char *expected_first = g_strconcat (names[field], "1", NULL);
          g_autofree char *expected_twelfth = g_strconcat (names[field], "12", NULL);

          g_assert_cmpstr (first, ==, expected_first);
          g_assert_cmpstr (twelfth, ==, expected_twelfth);
        }
      else
        {
          /* Unslotted fields have one name whatever the slot. */
          g_assert_cmpstr (first, ==, names[field]);
          g_assert_cmpstr (twelfth, ==, names[field]);
        }

      /* Every field has a label of its own, for the wizard's menus. */
      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "");
      g_assert_true (g_hash_table_add (labels, (gpointer) label));
    }

  g_assert_cmpstr (roster_import_field_label (ROSTER_IMPORT_FIELD_EMAIL), ==, "E-mail address");
  g_assert_cmpstr (roster_import_field_label (ROSTER_IMPORT_FIELD_FIRST_NAME), ==, "First name");
}

/* Each canonical name, read back through the mapping, is its field. */
static void
test_field_names_round_trip (void)
{
  for (guint field = 1; field < ROSTER_IMPORT_N_FIELDS; field++)
    {
      g_autofree char *name = roster_import_field_column_name (field, 3);
      const char * const cells[] = { name, NULL };
      g_autoptr(GPtrArray) header = test_fields_from_strv (cells);
      g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
      guint slot = 77;

      g_assert_cmpint (roster_import_mapping_get_field (mapping, 0, &slot), ==, field);
      g_assert_cmpuint (slot, ==, roster_import_field_has_slots (field) ? 3 : 0);
    }
}

/* ---- guessing the fields ---- */

typedef struct
{
  const char        *name;
  RosterImportField  field;
  guint              slot;
} Guess;

static void
check_guesses (const Guess *guesses,
               guint        n_guesses)
{
  for (guint i = 0; i < n_guesses; i++)
    {
      const char * const cells[] = { guesses[i].name, NULL };
      g_autoptr(GPtrArray) header = test_fields_from_strv (cells);
      g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
      g_auto(GStrv) unknown = roster_import_mapping_get_unknown (mapping);
      guint slot = 77;
      RosterImportField field = roster_import_mapping_get_field (mapping, 0, &slot);

      if (field != guesses[i].field || slot != guesses[i].slot)
        g_error ("“%s”: field %d slot %u, expected field %d slot %u",
                 guesses[i].name, field, slot, guesses[i].field, guesses[i].slot);
      g_assert_cmpuint (g_strv_length (unknown), ==, field == ROSTER_IMPORT_FIELD_IGNORED ? 1 : 0);
      g_assert_cmpstr (roster_import_mapping_get_name (mapping, 0), ==, guesses[i].name);
    }
}

static void
test_column_key (void)
{
  static const struct { const char *name; const char *key; } cases[] = {
    { "Max uses", "maxuses" }, { "max_uses", "maxuses" }, { "MAX-USES:", "maxuses" },
    { "ｎｉｃｋｎａｍｅ", "nickname" }, { " Group ", "group" }, { "邮箱：", "邮箱" }, { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = roster_import_column_key (cases[i].name);

      g_assert_cmpstr (key, ==, cases[i].key);
    }

  g_assert_null (roster_import_column_key ("bad\xff"));
}

static void
test_mapping_moodle (void)
{
  g_autoptr(GPtrArray) header =
    test_fields ("username,password,firstname,lastname,email,idnumber,type,"
                 "course1,role1,group1,enrolperiod1,enrolstatus1,course2,role2,group2");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
  g_auto(GStrv) unknown = roster_import_mapping_get_unknown (mapping);
  static const Guess expected[] = {
    { "username", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "password", ROSTER_IMPORT_FIELD_PASSWORD, 0 },
    { "firstname", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "lastname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "email", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "idnumber", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "type", ROSTER_IMPORT_FIELD_TYPE, 0 },
    { "course1", ROSTER_IMPORT_FIELD_COURSE, 1 },
    { "role1", ROSTER_IMPORT_FIELD_ROLE, 1 },
    { "group1", ROSTER_IMPORT_FIELD_GROUP, 1 },
    { "enrolperiod1", ROSTER_IMPORT_FIELD_ENROL_PERIOD, 1 },
    { "enrolstatus1", ROSTER_IMPORT_FIELD_ENROL_STATUS, 1 },
    { "course2", ROSTER_IMPORT_FIELD_COURSE, 2 },
    { "role2", ROSTER_IMPORT_FIELD_ROLE, 2 },
    { "group2", ROSTER_IMPORT_FIELD_GROUP, 2 },
  };

  g_assert_cmpuint (roster_import_mapping_get_n_columns (mapping), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      guint slot;

      g_assert_cmpstr (roster_import_mapping_get_name (mapping, i), ==, expected[i].name);
      g_assert_cmpint (roster_import_mapping_get_field (mapping, i, &slot), ==, expected[i].field);
      g_assert_cmpuint (slot, ==, expected[i].slot);
    }
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);
  g_assert_cmpuint (roster_import_mapping_get_n_slots (mapping), ==, 2);

  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 0), ==, 4);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 5), ==, 4);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_COURSE, 0), ==, 7);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_COURSE, 2), ==, 12);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_ENROL_STATUS, 2), ==, -1);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_IGNORED, 0), ==, -1);
}

static void
test_mapping_synonyms_english (void)
{
  static const Guess guesses[] = {
    { "Username", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "User name", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "user_name", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "Login", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "Login name", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "First name", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "first_name", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "FIRST-NAME", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "Given name", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "Forename:", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "Last name", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "Surname", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "Family name", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "Email", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "E-mail", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "  EMAIL  ", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "Email address", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "E-mail Address :", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "e_mail_address", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "Mail", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "Password", ROSTER_IMPORT_FIELD_PASSWORD, 0 },
    { "ID number", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "ID-Number", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "Student ID", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "Student number", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "Type", ROSTER_IMPORT_FIELD_TYPE, 0 },
    { "User type", ROSTER_IMPORT_FIELD_TYPE, 0 },
    { "Account type", ROSTER_IMPORT_FIELD_TYPE, 0 },
    { "Course", ROSTER_IMPORT_FIELD_COURSE, 1 },
    { "Course short name", ROSTER_IMPORT_FIELD_COURSE, 1 },
    { "Course short name 2", ROSTER_IMPORT_FIELD_COURSE, 2 },
    { "Course 3", ROSTER_IMPORT_FIELD_COURSE, 3 },
    { "course_4", ROSTER_IMPORT_FIELD_COURSE, 4 },
    { "COURSE05", ROSTER_IMPORT_FIELD_COURSE, 5 },
    { "course999", ROSTER_IMPORT_FIELD_COURSE, 999 },
    { "Role", ROSTER_IMPORT_FIELD_ROLE, 1 },
    { "Role 2", ROSTER_IMPORT_FIELD_ROLE, 2 },
    { "Group", ROSTER_IMPORT_FIELD_GROUP, 1 },
    { "Enrolment period", ROSTER_IMPORT_FIELD_ENROL_PERIOD, 1 },
    { "Enrollment period 2", ROSTER_IMPORT_FIELD_ENROL_PERIOD, 2 },
    { "Enrolment status", ROSTER_IMPORT_FIELD_ENROL_STATUS, 1 },
    { "enrollment_status3", ROSTER_IMPORT_FIELD_ENROL_STATUS, 3 },
    /* a byte order mark a spreadsheet left in the first name */
    { "\xef\xbb\xbf" "email", ROSTER_IMPORT_FIELD_EMAIL, 0 },
  };

  check_guesses (guesses, G_N_ELEMENTS (guesses));
}

static void
test_mapping_synonyms_chinese (void)
{
  static const Guess guesses[] = {
    { "名", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "名字", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "姓", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "姓氏", ROSTER_IMPORT_FIELD_LAST_NAME, 0 },
    { "邮箱", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "邮箱：", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "电子邮件", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "电子邮箱", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "电子邮件地址", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "用户名", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "账号", ROSTER_IMPORT_FIELD_USERNAME, 0 },
    { "密码", ROSTER_IMPORT_FIELD_PASSWORD, 0 },
    { "学号", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "工号", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    { "用户类型", ROSTER_IMPORT_FIELD_TYPE, 0 },
    { "课程", ROSTER_IMPORT_FIELD_COURSE, 1 },
    { "课程2", ROSTER_IMPORT_FIELD_COURSE, 2 },
    { "课程２", ROSTER_IMPORT_FIELD_COURSE, 2 },     /* full-width digit */
    { "角色", ROSTER_IMPORT_FIELD_ROLE, 1 },
    { "分组", ROSTER_IMPORT_FIELD_GROUP, 1 },
    { "小组1", ROSTER_IMPORT_FIELD_GROUP, 1 },
    /* full-width Latin letters from a Chinese input method */
    { "ｅｍａｉｌ", ROSTER_IMPORT_FIELD_EMAIL, 0 },
    { "Ｆｉｒｓｔ　Ｎａｍｅ", ROSTER_IMPORT_FIELD_FIRST_NAME, 0 },
    { "\u3000学号\u3000", ROSTER_IMPORT_FIELD_IDNUMBER, 0 },
    /* a full name cannot be split: not a guess to make */
    { "姓名", ROSTER_IMPORT_FIELD_IGNORED, 0 },
  };

  check_guesses (guesses, G_N_ELEMENTS (guesses));
}

static void
test_mapping_unknown (void)
{
  static const Guess guesses[] = {
    { "Phone", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "name", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "Full name", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "id", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "status", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "email2", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "type1", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "course0", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "course1000", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "course99999999999999999999999", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "2", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "cohort1", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "profile_field_team", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "emails", ROSTER_IMPORT_FIELD_IGNORED, 0 },
    { "\xff\xfe", ROSTER_IMPORT_FIELD_IGNORED, 0 },
  };
  g_autoptr(GPtrArray) header = test_fields ("Phone,email,,city,  ,Full name,lastname,\u3000");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_auto(GStrv) unknown = roster_import_mapping_get_unknown (mapping);
  const char * const expected[] = { "Phone", "city", "Full name", NULL };

  check_guesses (guesses, G_N_ELEMENTS (guesses));

  /* In order, and blank header cells are not listed: there is nothing
   * to show for them. */
  g_assert_cmpstrv (unknown, expected);
  for (guint i = 0; i < roster_import_mapping_get_n_columns (mapping); i++)
    {
      if (i != 1 && i != 6)
        g_assert_cmpint (roster_import_mapping_get_field (mapping, i, NULL), ==, ROSTER_IMPORT_FIELD_IGNORED);
    }
  g_assert_cmpuint (roster_import_mapping_get_n_slots (mapping), ==, 0);
}

static void
test_mapping_empty_header (void)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
  g_auto(GStrv) unknown = roster_import_mapping_get_unknown (mapping);

  g_assert_cmpuint (roster_import_mapping_get_n_columns (mapping), ==, 0);
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);
  g_assert_cmpuint (roster_import_mapping_get_n_slots (mapping), ==, 0);
  g_assert_cmpstr (test_problem_codes (problems), ==,
                   "0:missing_column@email 0:missing_column@firstname 0:missing_column@lastname");
}

/* ---- checking the mapping ---- */

static void
test_mapping_check_missing (void)
{
  g_autoptr(GPtrArray) header = test_fields ("username,Given name,course1");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
  RosterImportProblem *problem;

  /* The missing columns are named as Moodle names them. */
  g_assert_cmpstr (test_problem_codes (problems), ==, "0:missing_column@email 0:missing_column@lastname");
  problem = g_ptr_array_index (problems, 0);
  g_assert_nonnull (strstr (problem->message, "E-mail address"));
  g_assert_nonnull (strstr (problem->message, "“email”"));
}

static void
test_mapping_check_duplicates (void)
{
  g_autoptr(GPtrArray) header =
    test_fields ("email,firstname,lastname,E-mail,course1,Course,role2,Role 2,Role 2,group1");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
  RosterImportProblem *problem;

  g_assert_cmpstr (test_problem_codes (problems), ==,
                   "0:duplicate_column@E-mail 0:duplicate_column@Course "
                   "0:duplicate_column@Role 2 0:duplicate_column@Role 2");
  problem = g_ptr_array_index (problems, 1);
  g_assert_nonnull (strstr (problem->message, "“course1”"));
  g_assert_nonnull (strstr (problem->message, "“Course”"));
  problem = g_ptr_array_index (problems, 3);
  g_assert_nonnull (strstr (problem->message, "“role2”"));

  /* Both columns keep their field until the user chooses. */
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 3, NULL), ==, ROSTER_IMPORT_FIELD_EMAIL);
  g_assert_cmpint (roster_import_mapping_find_column (mapping, ROSTER_IMPORT_FIELD_EMAIL, 0), ==, 0);
}

/* ---- the user's choices ---- */

static void
test_mapping_set_field (void)
{
  g_autoptr(GPtrArray) header = test_fields ("Courriel,Prénom,Nom,Cours,Rôle,Remarques,email");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(RosterImportMapping) other = NULL;
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
  g_auto(GStrv) unknown = roster_import_mapping_get_unknown (mapping);
  const char * const all_unknown[] = { "Courriel", "Prénom", "Nom", "Cours", "Rôle", "Remarques", NULL };
  const char * const still_unknown[] = { "Remarques", NULL };
  guint slot;

  g_assert_cmpstrv (unknown, all_unknown);
  g_assert_cmpstr (test_problem_codes (problems), ==,
                   "0:missing_column@firstname 0:missing_column@lastname");
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&unknown, g_strfreev);

  /* The French file, mapped by hand; the guessed "email" column is
   * dropped in favour of "Courriel". */
  roster_import_mapping_set_field (mapping, 0, ROSTER_IMPORT_FIELD_EMAIL, 4);
  roster_import_mapping_set_field (mapping, 1, ROSTER_IMPORT_FIELD_FIRST_NAME, 0);
  roster_import_mapping_set_field (mapping, 2, ROSTER_IMPORT_FIELD_LAST_NAME, 0);
  roster_import_mapping_set_field (mapping, 3, ROSTER_IMPORT_FIELD_COURSE, 0);
  roster_import_mapping_set_field (mapping, 4, ROSTER_IMPORT_FIELD_ROLE, 3);

  /* Two columns for e-mail until one is let go. */
  problems = roster_import_mapping_check (mapping);
  g_assert_cmpstr (test_problem_codes (problems), ==, "0:duplicate_column@email");
  g_clear_pointer (&problems, g_ptr_array_unref);
  roster_import_mapping_set_field (mapping, 6, ROSTER_IMPORT_FIELD_IGNORED, 2);

  problems = roster_import_mapping_check (mapping);
  unknown = roster_import_mapping_get_unknown (mapping);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpstrv (unknown, still_unknown);

  /* An unslotted field has no slot; a slotted one given 0 takes 1. */
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 0, &slot), ==, ROSTER_IMPORT_FIELD_EMAIL);
  g_assert_cmpuint (slot, ==, 0);
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 3, &slot), ==, ROSTER_IMPORT_FIELD_COURSE);
  g_assert_cmpuint (slot, ==, 1);
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 4, &slot), ==, ROSTER_IMPORT_FIELD_ROLE);
  g_assert_cmpuint (slot, ==, 3);
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 6, &slot), ==, ROSTER_IMPORT_FIELD_IGNORED);
  g_assert_cmpuint (slot, ==, 0);
  g_assert_cmpuint (roster_import_mapping_get_n_slots (mapping), ==, 3);

  /* Choosing to ignore an unknown column takes it off the list. */
  roster_import_mapping_set_field (mapping, 5, ROSTER_IMPORT_FIELD_IGNORED, 0);
  g_clear_pointer (&unknown, g_strfreev);
  unknown = roster_import_mapping_get_unknown (mapping);
  g_assert_cmpuint (g_strv_length (unknown), ==, 0);

  /* A reference sees the same mapping. */
  other = roster_import_mapping_ref (mapping);
  g_assert_true (other == mapping);
  g_assert_cmpint (roster_import_mapping_find_column (other, ROSTER_IMPORT_FIELD_EMAIL, 0), ==, 0);
}

/* Programmer errors are criticals, and change nothing. */
static void
test_mapping_bad_arguments (void)
{
  g_autoptr(GPtrArray) header = test_fields ("email,firstname");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  guint slot = 77;

  if (g_test_subprocess ())
    {
      roster_import_mapping_set_field (mapping, 2, ROSTER_IMPORT_FIELD_EMAIL, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*column < self->n_columns*");

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*column < self->n_columns*");
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 5, &slot), ==, ROSTER_IMPORT_FIELD_IGNORED);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (slot, ==, 0);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*slot <= ROSTER_IMPORT_MAX_SLOT*");
  roster_import_mapping_set_field (mapping, 1, ROSTER_IMPORT_FIELD_COURSE, ROSTER_IMPORT_MAX_SLOT + 1);
  g_test_assert_expected_messages ();
  g_assert_cmpint (roster_import_mapping_get_field (mapping, 1, NULL), ==, ROSTER_IMPORT_FIELD_FIRST_NAME);
}

/* ---- problems ---- */

static void
test_problem_free (void)
{
  g_autoptr(RosterImportProblem) problem =
    roster_import_problem_new (7, "course2", "unknown_course", "There is no course “XYZ”.");
  g_autoptr(RosterImportProblem) whole = roster_import_problem_new (0, NULL, "not_allowed", NULL);

  g_assert_cmpuint (problem->line, ==, 7);
  g_assert_cmpstr (problem->column, ==, "course2");
  g_assert_cmpstr (problem->code, ==, "unknown_course");
  g_assert_cmpstr (problem->message, ==, "There is no course “XYZ”.");
  g_assert_null (whole->column);
  g_assert_null (whole->message);

  roster_import_problem_free (NULL);
  roster_import_row_free (NULL);
  roster_import_validator_free (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/field/names", test_field_names);
  g_test_add_func ("/import/field/names-round-trip", test_field_names_round_trip);
  g_test_add_func ("/import/column-key", test_column_key);
  g_test_add_func ("/import/mapping/moodle", test_mapping_moodle);
  g_test_add_func ("/import/mapping/synonyms-english", test_mapping_synonyms_english);
  g_test_add_func ("/import/mapping/synonyms-chinese", test_mapping_synonyms_chinese);
  g_test_add_func ("/import/mapping/unknown", test_mapping_unknown);
  g_test_add_func ("/import/mapping/empty-header", test_mapping_empty_header);
  g_test_add_func ("/import/mapping/check-missing", test_mapping_check_missing);
  g_test_add_func ("/import/mapping/check-duplicates", test_mapping_check_duplicates);
  g_test_add_func ("/import/mapping/set-field", test_mapping_set_field);
  g_test_add_func ("/import/mapping/bad-arguments", test_mapping_bad_arguments);
  g_test_add_func ("/import/problem/free", test_problem_free);

  return g_test_run ();
}
