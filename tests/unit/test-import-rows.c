/* test-import-rows.c: the checks every row of an import file passes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-import.h"
#include "test-import-util.h"

/* ---- whole rows ---- */

static void
test_row_moodle (void)
{
  g_autoptr(RosterImportValidator) validator =
    test_validator_for ("username,password,firstname,lastname,email,idnumber,type,"
                   "course1,role1,group1,enrolperiod1,enrolstatus1,course2,role2");
  g_autoptr(RosterImportRow) row =
    test_check_line (validator, "ana, correct-horse-battery , Ana ,Pérez,Ana.Perez@Uni.edu,U123,student,"
                           "CS101,student,Seminar A,30,1,CS102,editingteacher", 57);
  RosterImportEnrolment *enrolment;

  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_cmpuint (row->line, ==, 57);
  g_assert_cmpstr (row->username, ==, "ana");
  g_assert_cmpstr (row->password, ==, "correct-horse-battery");
  g_assert_cmpstr (row->first_name, ==, "Ana");
  g_assert_cmpstr (row->last_name, ==, "Pérez");
  /* kept as written: only duplicate detection folds case */
  g_assert_cmpstr (row->email, ==, "Ana.Perez@Uni.edu");
  g_assert_cmpstr (row->idnumber, ==, "U123");
  g_assert_true (row->type_set);
  g_assert_cmpint (row->type, ==, ROSTER_USER_TYPE_STUDENT);

  g_assert_cmpuint (row->enrolments->len, ==, 2);
  enrolment = test_enrolment_at (row, 0);
  g_assert_cmpuint (enrolment->slot, ==, 1);
  g_assert_cmpstr (enrolment->course, ==, "CS101");
  g_assert_true (enrolment->role_set);
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_STUDENT);
  g_assert_cmpstr (enrolment->group, ==, "Seminar A");
  g_assert_cmpint (enrolment->period_days, ==, 30);
  g_assert_true (enrolment->status_set);
  g_assert_cmpint (enrolment->status, ==, ROSTER_ENROLMENT_SUSPENDED);

  enrolment = test_enrolment_at (row, 1);
  g_assert_cmpuint (enrolment->slot, ==, 2);
  g_assert_cmpstr (enrolment->course, ==, "CS102");
  g_assert_true (enrolment->role_set);
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_MODULE_LEADER);
  g_assert_null (enrolment->group);
  g_assert_cmpint (enrolment->period_days, ==, 0);
  g_assert_false (enrolment->status_set);
}

static void
test_row_synonym_headers (void)
{
  g_autoptr(RosterImportValidator) validator =
    test_validator_for ("学号,姓,名,电子邮件,课程,角色,分组,Remarks");
  g_autoptr(RosterImportRow) row =
    test_check_line (validator, "2024001,王,小明,xiaoming@example.cn,CS101,学生,一班,likes tea", 3);
  RosterImportEnrolment *enrolment;

  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_null (row->username);
  g_assert_null (row->password);
  g_assert_cmpstr (row->idnumber, ==, "2024001");
  g_assert_cmpstr (row->last_name, ==, "王");
  g_assert_cmpstr (row->first_name, ==, "小明");
  g_assert_cmpstr (row->email, ==, "xiaoming@example.cn");
  g_assert_false (row->type_set);
  g_assert_cmpuint (row->enrolments->len, ==, 1);
  enrolment = test_enrolment_at (row, 0);
  g_assert_cmpstr (enrolment->course, ==, "CS101");
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_STUDENT);
  g_assert_cmpstr (enrolment->group, ==, "一班");
}

/* White space of every script goes from both ends; an empty cell is a
 * value not given. */
static void
test_row_trim (void)
{
  g_autoptr(RosterImportValidator) validator =
    test_validator_for ("username,firstname,lastname,email,idnumber,course1,role1");
  const char * const cells[] = {
    " \t ", "\u00a0Ana María\u00a0", "\u3000王\u3000", "  ana@uni.edu\r\n", "", " CS 101 ", "\tstudent ", NULL,
  };
  g_autoptr(RosterImportRow) row = test_check_strv (validator, cells, 2);

  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_null (row->username);
  g_assert_cmpstr (row->first_name, ==, "Ana María");
  g_assert_cmpstr (row->last_name, ==, "王");
  g_assert_cmpstr (row->email, ==, "ana@uni.edu");
  g_assert_null (row->idnumber);
  g_assert_cmpstr (test_enrolment_at (row, 0)->course, ==, "CS 101");
  g_assert_cmpint (test_enrolment_at (row, 0)->role, ==, ROSTER_ROLE_STUDENT);
}

/* ---- required values and the shape of the row ---- */

static void
test_row_required (void)
{
  const char *header = "email,firstname,lastname,username";

  g_assert_cmpstr (test_codes_of (header, "ana@uni.edu,Ana,Pérez,"), ==, "");
  g_assert_cmpstr (test_codes_of (header, "ana@uni.edu,,Pérez,ana"), ==, "2:required@firstname");
  g_assert_cmpstr (test_codes_of (header, "ana@uni.edu,Ana, \u3000 ,ana"), ==, "2:required@lastname");
  g_assert_cmpstr (test_codes_of (header, " ,Ana,Pérez,ana"), ==, "2:required@email");
  g_assert_cmpstr (test_codes_of (header, ",,,ana"), ==,
                   "2:required@firstname 2:required@lastname 2:required@email");

  /* Problems name the file's own columns. */
  g_assert_cmpstr (test_codes_of ("E-Mail Address,Given name,Surname", ",Ana,"), ==,
                   "2:required@Surname 2:required@E-Mail Address");
}

/* A row read against a mapping without the column still says what is
 * missing, by Moodle's name, so a row without problems always has its
 * e-mail address and names. */
static void
test_row_required_no_column (void)
{
  g_assert_cmpstr (test_codes_of ("firstname,lastname", "Ana,Pérez"), ==, "2:required@email");
  g_assert_cmpstr (test_codes_of ("Remarks", "hello"), ==,
                   "2:required@firstname 2:required@lastname 2:required@email");
}

static void
test_row_field_count (void)
{
  const char *header = "email,firstname,lastname,course1";
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);
  g_autoptr(RosterImportRow) short_row = test_check_line (validator, "ana@uni.edu,Ana", 4);
  g_autoptr(RosterImportRow) long_row = test_check_line (validator, "bob@uni.edu,Bob,Brown,CS101,extra,", 5);

  /* Read as far as it goes. */
  g_assert_cmpstr (test_problem_codes (short_row->problems), ==, "4:field_count 4:required@lastname");
  g_assert_cmpstr (short_row->email, ==, "ana@uni.edu");
  g_assert_cmpstr (short_row->first_name, ==, "Ana");
  g_assert_null (test_enrolment_at (short_row, 0)->course);
  g_assert_nonnull (strstr (((RosterImportProblem *) g_ptr_array_index (short_row->problems, 0))->message,
                            "2 fields where the header has 4"));

  g_assert_cmpstr (test_problem_codes (long_row->problems), ==, "5:field_count");
  g_assert_cmpstr (test_enrolment_at (long_row, 0)->course, ==, "CS101");
  g_assert_cmpstr (long_row->last_name, ==, "Brown");
}

/* Rows a spreadsheet leaves behind when cells are cleared: one problem
 * each, not one per required column. */
static void
test_row_blank (void)
{
  const char *header = "email,firstname,lastname,course1";
  const char * const blank_lines[] = { "", ",,,", " , \u3000 ,\t,", ",,,,,,", ",", NULL };

  for (guint i = 0; blank_lines[i] != NULL; i++)
    {
      g_autoptr(RosterImportValidator) validator = test_validator_for (header);
      g_autoptr(RosterImportRow) row = test_check_line (validator, blank_lines[i], 9);

      g_assert_cmpstr (test_problem_codes (row->problems), ==, "9:blank_row");
      g_assert_cmpuint (row->enrolments->len, ==, 1);
      g_assert_null (row->email);
    }

  /* Something in any cell, even an ignored one, is not blank. */
  g_assert_cmpstr (test_codes_of ("email,firstname,lastname,notes", ",,,see me"), ==,
                   "2:required@firstname 2:required@lastname 2:required@email");
}

/* ---- values ---- */

static void
test_row_email (void)
{
  const char *header = "email,firstname,lastname";
  const char * const valid[] = {
    "a@b.c", "first.last+tag@sub.uni.ac.uk", "o'neil@uni.edu", "用户@例子.中国", "ANA@UNI.EDU", NULL,
  };
  const char * const invalid[] = {
    "ana", "@uni.edu", "ana@", "ana@uni", "ana@@uni.edu", "ana@x@uni.edu", "ana perez@uni.edu",
    "ana@uni .edu", "ana@.uni.edu", "ana@uni.edu.", "ana@uni..edu", "ana\u200b@uni.edu",
    "ana\u00a0p@uni.edu", "ana\tp@uni.edu", "ana@uni.edu\u2028x", "ana\x7f@uni.edu", NULL,
  };
  g_autofree char *local = g_strnfill (247, 'a');
  g_autofree char *at_limit = NULL;
  g_autofree char *over_limit = NULL;
  const char *cells[] = { NULL, "Ana", "Pérez", NULL };
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);
  g_autoptr(RosterImportRow) row = NULL;

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s,Ana,Pérez", valid[i]);

      g_assert_cmpstr (test_codes_of (header, line), ==, "");
    }

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      const char * const bad_cells[] = { invalid[i], "Ana", "Pérez", NULL };
      g_autoptr(RosterImportRow) bad = test_check_strv (validator, bad_cells, 2);

      if (g_strcmp0 (test_problem_codes (bad->problems), "2:invalid_email@email") != 0)
        g_error ("“%s”: %s", invalid[i], test_problem_codes (bad->problems));
      /* the value is still read, for the preview */
      g_assert_cmpstr (bad->email, ==, invalid[i]);
    }

  /* 254 bytes at most (RFC 5321), counted as the server counts them. */
  at_limit = g_strconcat (local + 1, "@uni.edu", NULL);
  over_limit = g_strconcat (local, "@uni.edu", NULL);
  g_assert_cmpuint (strlen (at_limit), ==, ROSTER_IMPORT_MAX_EMAIL_BYTES);
  cells[0] = at_limit;
  row = test_check_strv (validator, cells, 2);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_clear_pointer (&row, roster_import_row_free);
  cells[0] = over_limit;
  row = test_check_strv (validator, cells, 3);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "3:too_long@email");
  g_assert_cmpstr (row->email, ==, over_limit);
}

static void
test_row_username (void)
{
  const char *header = "username,email,firstname,lastname";
  const char * const valid[] = {
    "ana", "ana.perez-2", "Ana_P", "王小明", "erased", "not-erased-1", "erased_1", "ana@uni.edu", NULL,
  };
  const char * const invalid[] = {
    "ana perez", "ana\tperez", "ana\u200bperez", "ana\u00a0perez", "ana\u3000perez", "ana\x01",
    "erased-5", "Erased-x", "ERASED-", "ＥＲＡＳＥＤ-1", NULL,
  };
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);
  g_autoptr(GString) longest = g_string_new (NULL);
  g_autoptr(RosterImportRow) row = NULL;
  const char *cells[] = { NULL, NULL, "Ana", "Pérez", NULL };
  guint line = 2;

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_autofree char *email = g_strdup_printf ("valid%u@uni.edu", i);
      g_autoptr(RosterImportRow) good = NULL;

      cells[0] = valid[i];
      cells[1] = email;
      good = test_check_strv (validator, cells, line++);
      if (good->problems->len > 0)
        g_error ("“%s”: %s", valid[i], test_problem_codes (good->problems));
    }

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autofree char *email = g_strdup_printf ("invalid%u@uni.edu", i);
      g_autofree char *expected = g_strdup_printf ("%u:invalid_username@username", line);
      g_autoptr(RosterImportRow) bad = NULL;

      cells[0] = invalid[i];
      cells[1] = email;
      bad = test_check_strv (validator, cells, line++);
      if (g_strcmp0 (test_problem_codes (bad->problems), expected) != 0)
        g_error ("“%s”: %s", invalid[i], test_problem_codes (bad->problems));
    }

  /* 100 characters, not bytes. */
  for (guint i = 0; i < ROSTER_IMPORT_MAX_USERNAME_CHARS; i++)
    g_string_append (longest, "学");
  cells[0] = longest->str;
  cells[1] = "long@uni.edu";
  row = test_check_strv (validator, cells, 100);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_clear_pointer (&row, roster_import_row_free);

  g_string_append_c (longest, 'x');
  cells[1] = "longer@uni.edu";
  row = test_check_strv (validator, cells, 101);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "101:too_long@username");
  g_assert_nonnull (strstr (((RosterImportProblem *) g_ptr_array_index (row->problems, 0))->message, "100"));
}

static void
test_row_names (void)
{
  const char *header = "email,firstname,lastname,idnumber";
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *idnumber = g_strnfill (ROSTER_IMPORT_MAX_IDNUMBER_CHARS, '7');
  g_autofree char *long_idnumber = g_strnfill (ROSTER_IMPORT_MAX_IDNUMBER_CHARS + 1, '7');
  g_autoptr(RosterImportRow) row = NULL;
  const char *cells[5] = { NULL };

  for (guint i = 0; i < ROSTER_IMPORT_MAX_NAME_CHARS; i++)
    g_string_append (name, "é");

  cells[0] = "a@uni.edu", cells[1] = name->str, cells[2] = name->str, cells[3] = idnumber;
  row = test_check_strv (validator, cells, 2);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_clear_pointer (&row, roster_import_row_free);

  g_string_append (name, "z");
  cells[0] = "b@uni.edu", cells[1] = "Ana", cells[2] = name->str, cells[3] = long_idnumber;
  row = test_check_strv (validator, cells, 3);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "3:too_long@lastname 3:too_long@idnumber");
  g_clear_pointer (&row, roster_import_row_free);

  cells[0] = "c@uni.edu", cells[1] = name->str, cells[2] = "Ana\nMaría", cells[3] = "";
  row = test_check_strv (validator, cells, 4);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "4:too_long@firstname 4:invalid_name@lastname");
  g_clear_pointer (&row, roster_import_row_free);

  /* A space inside a name is a name. */
  cells[0] = "d@uni.edu", cells[1] = "Ana María", cells[2] = "de la Cruz", cells[3] = "";
  row = test_check_strv (validator, cells, 5);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
}

/* ---- enrolments ---- */

static void
test_row_enrolments_default (void)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname");
  g_autoptr(RosterImportRow) row = test_check_line (validator, "a@uni.edu,Ana,Pérez", 2);
  RosterImportEnrolment *enrolment;

  /* No course columns: the import's own course, with its defaults. */
  g_assert_cmpuint (row->enrolments->len, ==, 1);
  enrolment = test_enrolment_at (row, 0);
  g_assert_cmpuint (enrolment->slot, ==, 1);
  g_assert_null (enrolment->course);
  g_assert_false (enrolment->role_set);
  g_assert_null (enrolment->group);
  g_assert_cmpint (enrolment->period_days, ==, 0);
  g_assert_false (enrolment->status_set);
}

static void
test_row_enrolments_slots (void)
{
  /* Columns out of order, slots with gaps. */
  g_autoptr(RosterImportValidator) validator =
    test_validator_for ("email,firstname,lastname,course7,role3,course1,role1,group7");
  g_autoptr(RosterImportRow) all = test_check_line (validator, "a@uni.edu,Ana,P,CS7,guest,CS1,teacher,G7", 2);
  g_autoptr(RosterImportRow) second = test_check_line (validator, "b@uni.edu,Bob,P,,guest,,,", 3);
  g_autoptr(RosterImportRow) empty = test_check_line (validator, "c@uni.edu,Cy,P, , ,,,", 4);
  g_autoptr(RosterImportRow) role_only = test_check_line (validator, "d@uni.edu,Di,P,,,,student,", 5);
  RosterImportEnrolment *enrolment;

  g_assert_cmpuint (all->enrolments->len, ==, 3);
  enrolment = test_enrolment_at (all, 0);
  g_assert_cmpuint (enrolment->slot, ==, 1);
  g_assert_cmpstr (enrolment->course, ==, "CS1");
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_TEACHER);
  enrolment = test_enrolment_at (all, 1);
  g_assert_cmpuint (enrolment->slot, ==, 3);
  g_assert_null (enrolment->course);
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_GUEST);
  enrolment = test_enrolment_at (all, 2);
  g_assert_cmpuint (enrolment->slot, ==, 7);
  g_assert_cmpstr (enrolment->course, ==, "CS7");
  g_assert_false (enrolment->role_set);
  g_assert_cmpstr (enrolment->group, ==, "G7");

  /* Empty slots are skipped. */
  g_assert_cmpuint (second->enrolments->len, ==, 1);
  g_assert_cmpuint (test_enrolment_at (second, 0)->slot, ==, 3);

  /* Nothing in any slot: still the import's own course. */
  g_assert_cmpuint (empty->enrolments->len, ==, 1);
  g_assert_cmpuint (test_enrolment_at (empty, 0)->slot, ==, 1);
  g_assert_null (test_enrolment_at (empty, 0)->course);
  g_assert_false (test_enrolment_at (empty, 0)->role_set);

  /* A role without a course is a role in the import's own course. */
  g_assert_cmpuint (role_only->enrolments->len, ==, 1);
  g_assert_null (test_enrolment_at (role_only, 0)->course);
  g_assert_true (test_enrolment_at (role_only, 0)->role_set);
  g_assert_cmpint (test_enrolment_at (role_only, 0)->role, ==, ROSTER_ROLE_STUDENT);

  g_assert_cmpstr (test_problem_codes (all->problems), ==, "");
  g_assert_cmpstr (test_problem_codes (second->problems), ==, "");
  g_assert_cmpstr (test_problem_codes (empty->problems), ==, "");
  g_assert_cmpstr (test_problem_codes (role_only->problems), ==, "");
}

/* Every bad value in every slot is its own problem, naming the column. */
static void
test_row_enrolment_problems (void)
{
  g_autoptr(RosterImportValidator) validator =
    test_validator_for ("email,firstname,lastname,course1,role1,enrolperiod1,enrolstatus1,"
                   "course2,role2,enrolperiod2,enrolstatus2");
  g_autoptr(RosterImportRow) row =
    test_check_line (validator, "a@uni.edu,Ana,P,CS1,boss,soon,maybe,CS2,student,0,1", 6);

  g_assert_cmpstr (test_problem_codes (row->problems), ==,
                   "6:invalid_role@role1 6:invalid_period@enrolperiod1 6:invalid_status@enrolstatus1 "
                   "6:invalid_period@enrolperiod2");
  /* The enrolments are still there, without the values that failed. */
  g_assert_cmpuint (row->enrolments->len, ==, 2);
  g_assert_false (test_enrolment_at (row, 0)->role_set);
  g_assert_false (test_enrolment_at (row, 0)->status_set);
  g_assert_cmpint (test_enrolment_at (row, 0)->period_days, ==, 0);
  g_assert_true (test_enrolment_at (row, 1)->status_set);
  g_assert_cmpint (test_enrolment_at (row, 1)->status, ==, ROSTER_ENROLMENT_SUSPENDED);
}

/* ---- duplicates inside the file ---- */

static void
test_row_duplicate_emails (void)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname");
  struct
  {
    const char *line;
    const char *codes;
  } rows[] = {
    { "Ana@Uni.EDU,Ana,P", "" },
    { "ana@uni.edu,Ana,P", "3:duplicate_email@email" },
    { " ANA@UNI.EDU\u00a0,Ana,P", "4:duplicate_email@email" },
    { "ａｎａ@ｕｎｉ.ｅｄｕ,Ana,P", "5:duplicate_email@email" },      /* full-width */
    { "straße@uni.edu,S,P", "" },
    { "STRASSE@uni.edu,S,P", "7:duplicate_email@email" },            /* case folding */
    { "josé@uni.edu,J,P", "" },
    { "jose\u0301@uni.edu,J,P", "9:duplicate_email@email" },         /* decomposed */
    { "bob@uni.edu,Bob,P", "" },
    { "carl@uni,Carl,P", "11:invalid_email@email" },
    { "carl@uni,Carl,P", "12:invalid_email@email" },                 /* never remembered */
    { "dan@uni.edu,,P", "13:required@firstname" },
    { "DAN@uni.edu,Dan,P", "14:duplicate_email@email" },             /* the first keeps it */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RosterImportRow) row = test_check_line (validator, rows[i].line, i + 2);

      if (g_strcmp0 (test_problem_codes (row->problems), rows[i].codes) != 0)
        g_error ("line %u “%s”: “%s”, expected “%s”",
                 i + 2, rows[i].line, test_problem_codes (row->problems), rows[i].codes);
      if (g_str_has_suffix (rows[i].codes, "duplicate_email@email"))
        {
          RosterImportProblem *problem = g_ptr_array_index (row->problems, 0);
          const char *first = i < 4 ? "line 2" : i < 6 ? "line 6" : i < 8 ? "line 8" : "line 13";

          if (strstr (problem->message, first) == NULL)
            g_error ("line %u: “%s” does not name %s", i + 2, problem->message, first);
        }
    }

  /* Another file, another validator: nothing is remembered. */
  {
    g_autoptr(RosterImportValidator) fresh = test_validator_for ("email,firstname,lastname");
    g_autoptr(RosterImportRow) row = test_check_line (fresh, "ana@uni.edu,Ana,P", 2);

    g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  }
}

static void
test_row_duplicate_usernames (void)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for ("username,email,firstname,lastname");
  g_autoptr(RosterImportRow) first = test_check_line (validator, "Bob,bob@uni.edu,Bob,P", 2);
  g_autoptr(RosterImportRow) upper = test_check_line (validator, "BOB,bob2@uni.edu,Bob,P", 3);
  g_autoptr(RosterImportRow) wide = test_check_line (validator, "ｂｏｂ,bob3@uni.edu,Bob,P", 4);
  g_autoptr(RosterImportRow) both = test_check_line (validator, "bob,BOB@uni.edu,Bob,P", 5);
  g_autoptr(RosterImportRow) bad = test_check_line (validator, "erased-1,e1@uni.edu,E,P", 6);
  g_autoptr(RosterImportRow) bad_again = test_check_line (validator, "erased-1,e2@uni.edu,E,P", 7);
  g_autoptr(RosterImportRow) none = test_check_line (validator, ",n1@uni.edu,N,P", 8);
  g_autoptr(RosterImportRow) none_again = test_check_line (validator, ",n2@uni.edu,N,P", 9);
  RosterImportProblem *problem;

  g_assert_cmpstr (test_problem_codes (first->problems), ==, "");
  g_assert_cmpstr (test_problem_codes (upper->problems), ==, "3:duplicate_username@username");
  g_assert_cmpstr (test_problem_codes (wide->problems), ==, "4:duplicate_username@username");
  g_assert_cmpstr (test_problem_codes (both->problems), ==,
                   "5:duplicate_username@username 5:duplicate_email@email");
  problem = g_ptr_array_index (both->problems, 0);
  g_assert_nonnull (strstr (problem->message, "line 2"));
  g_assert_nonnull (strstr (problem->message, "“bob”"));
  g_assert_cmpstr (test_problem_codes (bad->problems), ==, "6:invalid_username@username");
  g_assert_cmpstr (test_problem_codes (bad_again->problems), ==, "7:invalid_username@username");
  /* Usernames not given are not duplicates of each other. */
  g_assert_cmpstr (test_problem_codes (none->problems), ==, "");
  g_assert_cmpstr (test_problem_codes (none_again->problems), ==, "");
}

/* ---- text that is not text ---- */

static void
test_row_invalid_utf8 (void)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname,role1");
  /* A lead byte at the very end: reading on would pass the terminator. */
  const char * const cells[] = { "\xff", "Ana", "P\xf0", "stud\xc3", NULL };
  g_autoptr(RosterImportRow) row = test_check_strv (validator, cells, 2);
  const char * const blank_but_one[] = { "", "\xe4", "", "", NULL };
  g_autoptr(RosterImportRow) not_blank = test_check_strv (validator, blank_but_one, 3);

  g_assert_cmpstr (test_problem_codes (row->problems), ==,
                   "2:invalid_text@lastname 2:invalid_text@email 2:required@lastname 2:required@email "
                   "2:invalid_text@role1");
  g_assert_null (row->email);
  g_assert_null (row->last_name);
  g_assert_cmpstr (row->first_name, ==, "Ana");
  g_assert_cmpstr (test_problem_codes (not_blank->problems), ==,
                   "3:invalid_text@firstname 3:required@firstname 3:required@lastname 3:required@email");
}

/* Values quoted in messages are cut short. */
static void
test_row_long_values (void)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for ("email,firstname,lastname,role1,type");
  g_autofree char *huge = g_strnfill (100000, 'x');
  g_autofree char *huge_email = g_strconcat (huge, "@uni.edu", NULL);
  const char * const cells[] = { huge_email, "Ana", "P", huge, huge, NULL };
  g_autoptr(RosterImportRow) row = test_check_strv (validator, cells, 2);

  g_assert_cmpstr (test_problem_codes (row->problems), ==,
                   "2:too_long@email 2:invalid_type@type 2:invalid_role@role1");
  for (guint i = 0; i < row->problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (row->problems, i);

      g_assert_cmpuint (strlen (problem->message), <, 400);
    }
  g_assert_nonnull (strstr (((RosterImportProblem *) g_ptr_array_index (row->problems, 2))->message, "x…"));
}

/* ---- the validator and its mapping ---- */

static void
test_validator_mapping (void)
{
  g_autoptr(GPtrArray) header = test_fields ("email,firstname,lastname,E-mail,notes");
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
  g_autoptr(RosterImportValidator) validator = roster_import_validator_new (mapping);
  g_autoptr(RosterImportValidator) chosen = NULL;
  g_autoptr(RosterImportRow) row = NULL;

  /* Two columns for one field: the first is read. */
  row = test_check_line (validator, "a@uni.edu,Ana,P,b@uni.edu,hello", 2);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_cmpstr (row->email, ==, "a@uni.edu");
  g_clear_pointer (&row, roster_import_row_free);

  /* The validator read the mapping when it was made. */
  roster_import_mapping_set_field (mapping, 0, ROSTER_IMPORT_FIELD_IGNORED, 0);
  roster_import_mapping_set_field (mapping, 4, ROSTER_IMPORT_FIELD_COURSE, 2);
  row = test_check_line (validator, "c@uni.edu,Cy,P,d@uni.edu,CS2", 3);
  g_assert_cmpstr (row->email, ==, "c@uni.edu");
  g_assert_null (test_enrolment_at (row, 0)->course);
  g_clear_pointer (&row, roster_import_row_free);

  /* A new one follows the choices, and outlives the mapping. */
  chosen = roster_import_validator_new (mapping);
  g_clear_pointer (&mapping, roster_import_mapping_unref);
  row = test_check_line (chosen, "c@uni.edu,Cy,P,d@uni.edu,CS2", 3);
  g_assert_cmpstr (test_problem_codes (row->problems), ==, "");
  g_assert_cmpstr (row->email, ==, "d@uni.edu");
  g_assert_cmpuint (row->enrolments->len, ==, 1);
  g_assert_cmpuint (test_enrolment_at (row, 0)->slot, ==, 2);
  g_assert_cmpstr (test_enrolment_at (row, 0)->course, ==, "CS2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/row/moodle", test_row_moodle);
  g_test_add_func ("/import/row/synonym-headers", test_row_synonym_headers);
  g_test_add_func ("/import/row/trim", test_row_trim);
  g_test_add_func ("/import/row/required", test_row_required);
  g_test_add_func ("/import/row/required-no-column", test_row_required_no_column);
  g_test_add_func ("/import/row/field-count", test_row_field_count);
  g_test_add_func ("/import/row/blank", test_row_blank);
  g_test_add_func ("/import/row/email", test_row_email);
  g_test_add_func ("/import/row/username", test_row_username);
  g_test_add_func ("/import/row/names", test_row_names);
  g_test_add_func ("/import/row/enrolments-default", test_row_enrolments_default);
  g_test_add_func ("/import/row/enrolments-slots", test_row_enrolments_slots);
  g_test_add_func ("/import/row/enrolment-problems", test_row_enrolment_problems);
  g_test_add_func ("/import/row/duplicate-emails", test_row_duplicate_emails);
  g_test_add_func ("/import/row/duplicate-usernames", test_row_duplicate_usernames);
  g_test_add_func ("/import/row/invalid-utf8", test_row_invalid_utf8);
  g_test_add_func ("/import/row/long-values", test_row_long_values);
  g_test_add_func ("/import/validator/mapping", test_validator_mapping);

  return g_test_run ();
}
