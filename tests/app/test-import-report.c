/* test-import-report.c: import reports read from the JSON of
 * docs/api.md, and answers that are not reports refused, not crashed on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-import-report.h"
#include "roster-import.h"
#include "roster-json.h"

/* ---- the JSON of docs/api.md ---- */

static const char dry_run_json[] =
  "{ \"dry_run\": true,"
  "  \"file\": { \"encoding\": \"UTF-8\", \"encoding_detected\": true, \"delimiter\": \",\","
  "            \"delimiter_detected\": true,"
  "            \"columns\": [ { \"name\": \"username\", \"field\": \"username\" },"
  "                           { \"name\": \"Notes\", \"field\": null } ],"
  "            \"unknown_columns\": [\"Notes\"], \"problems\": [] },"
  "  \"rows_total\": 4,"
  "  \"counts\": { \"create\": 3, \"update\": 0, \"enrol\": 0, \"unchanged\": 1, \"skipped\": 0, \"error\": 0 },"
  "  \"rows\": ["
  "    { \"line\": 2, \"outcome\": \"create\", \"user_id\": null, \"username\": \"ana.silva\","
  "      \"email\": \"ana.silva@partner.example\", \"problems\": [] },"
  "    { \"line\": 3, \"outcome\": \"create\", \"user_id\": null, \"username\": \"wang.wei\","
  "      \"email\": \"wang.wei@partner.example\", \"problems\": [] },"
  "    { \"line\": 4, \"outcome\": \"unchanged\", \"user_id\": 8, \"username\": \"r.fischer\","
  "      \"email\": \"rachel.fischer@partner.example\", \"problems\": [] },"
  "    { \"line\": 5, \"outcome\": \"create\", \"user_id\": null, \"username\": \"tom.baker\","
  "      \"email\": \"tom.baker@partner.example\", \"problems\": [] } ] }";

static const char job_json[] =
  "{ \"id\": 4, \"course_id\": 2, \"state\": \"done\", \"phase\": null,"
  "  \"rows_total\": 4, \"rows_done\": 4,"
  "  \"counts\": { \"create\": 2, \"update\": 0, \"enrol\": 0, \"unchanged\": 1, \"skipped\": 1, \"error\": 0 },"
  "  \"created_by\": 2, \"created_at\": \"2026-11-24T10:02:11Z\", \"started_at\": \"2026-11-24T10:02:11Z\","
  "  \"finished_at\": \"2026-11-24T10:02:12Z\", \"file_name\": \"visitors autumn.csv\","
  "  \"options\": { \"create_users\": true, \"skip_errors\": true },"
  "  \"file\": { \"encoding\": \"UTF-8\", \"encoding_detected\": true, \"delimiter\": \",\","
  "            \"delimiter_detected\": true, \"columns\": [], \"unknown_columns\": [], \"problems\": [] },"
  "  \"error\": null,"
  "  \"rows\": ["
  "    { \"line\": 4, \"outcome\": \"skipped\", \"user_id\": null, \"username\": \"bad.row\","
  "      \"email\": \"not-an-address\", \"problems\": ["
  "      { \"column\": \"firstname\", \"code\": \"required\","
  "        \"message\": \"“firstname” is empty; every row needs a value there.\" },"
  "      { \"column\": \"email\", \"code\": \"invalid_email\","
  "        \"message\": \"“not-an-address” is not an e-mail address.\" } ] } ],"
  "  \"next_cursor\": null }";

static RosterImportReport *
report_from_text (const char  *text,
                  GError     **error)
{
  g_autoptr(JsonObject) object = roster_json_parse_object (text, -1, error);

  return object != NULL ? roster_import_report_new_from_json (object, error) : NULL;
}

static void
test_outcomes (void)
{
  for (guint i = 0; i < ROSTER_IMPORT_RESULT_N_OUTCOMES; i++)
    {
      RosterImportResultOutcome outcome = ROSTER_IMPORT_RESULT_N_OUTCOMES;

      g_assert_true (roster_import_result_outcome_from_string (roster_import_result_outcome_to_string (i), &outcome));
      g_assert_cmpint (outcome, ==, i);
      g_assert_nonnull (roster_import_result_outcome_get_label (i));
    }
  g_assert_cmpstr (roster_import_result_outcome_to_string (ROSTER_IMPORT_RESULT_ENROL), ==, "enrol");
  g_assert_cmpstr (roster_import_result_outcome_get_label (ROSTER_IMPORT_RESULT_UNCHANGED), ==, "Unchanged");
  g_assert_false (roster_import_result_outcome_from_string ("created", NULL));
  g_assert_false (roster_import_result_outcome_from_string (NULL, NULL));
}

static void
test_parse_dry_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = report_from_text (dry_run_json, &error);
  g_autoptr(RosterImportResult) third = NULL;
  GListModel *rows;

  g_assert_no_error (error);
  g_assert_true (roster_import_report_get_dry_run (report));
  g_assert_cmpint (roster_import_report_get_id (report), ==, 0);
  g_assert_cmpint (roster_import_report_get_state (report), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_true (roster_import_report_is_finished (report));
  g_assert_null (roster_import_report_get_phase (report));
  g_assert_cmpuint (roster_import_report_get_rows_total (report), ==, 4);
  g_assert_cmpuint (roster_import_report_get_rows_done (report), ==, 4);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_CREATE), ==, 3);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 1);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_ERROR), ==, 0);
  g_assert_cmpstr (roster_import_report_get_encoding (report), ==, "UTF-8");
  g_assert_true (roster_import_report_get_encoding_detected (report));
  g_assert_cmpint (roster_import_report_get_delimiter (report), ==, ',');
  g_assert_cmpuint (roster_import_report_get_file_problems (report)->len, ==, 0);
  g_assert_null (roster_import_report_get_next_cursor (report));

  rows = roster_import_report_get_rows (report);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  third = g_list_model_get_item (rows, 2);
  g_assert_cmpuint (roster_import_result_get_line (third), ==, 4);
  g_assert_cmpint (roster_import_result_get_outcome (third), ==, ROSTER_IMPORT_RESULT_UNCHANGED);
  g_assert_cmpint (roster_import_result_get_user_id (third), ==, 8);
  g_assert_cmpstr (roster_import_result_get_username (third), ==, "r.fischer");
  g_assert_cmpstr (roster_import_result_get_email (third), ==, "rachel.fischer@partner.example");
  g_assert_false (roster_import_result_has_problems (third));
}

static void
test_parse_job (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = report_from_text (job_json, &error);
  g_autoptr(RosterImportResult) row = NULL;
  g_autofree char *text = NULL;
  RosterImportProblem *problem;
  gint64 when = 0;

  g_assert_no_error (error);
  g_assert_false (roster_import_report_get_dry_run (report));
  g_assert_cmpint (roster_import_report_get_id (report), ==, 4);
  g_assert_cmpint (roster_import_report_get_course_id (report), ==, 2);
  g_assert_cmpint (roster_import_report_get_state (report), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_SKIPPED), ==, 1);
  g_assert_cmpstr (roster_import_report_get_file_name (report), ==, "visitors autumn.csv");
  g_assert_null (roster_import_report_get_error (report));
  g_assert_true (roster_json_parse_time ("2026-11-24T10:02:11Z", &when));
  g_assert_cmpint (roster_import_report_get_created_at (report), ==, when);
  g_assert_cmpint (roster_import_report_get_finished_at (report), ==, when + 1);

  g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (report)), ==, 1);
  row = g_list_model_get_item (roster_import_report_get_rows (report), 0);
  g_assert_cmpint (roster_import_result_get_outcome (row), ==, ROSTER_IMPORT_RESULT_SKIPPED);
  g_assert_cmpint (roster_import_result_get_user_id (row), ==, 0);
  g_assert_true (roster_import_result_has_problems (row));
  g_assert_cmpuint (roster_import_result_get_problems (row)->len, ==, 2);
  problem = g_ptr_array_index (roster_import_result_get_problems (row), 1);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->column, ==, "email");
  g_assert_cmpstr (problem->code, ==, "invalid_email");
  text = roster_import_result_dup_problem_text (row);
  g_assert_cmpstr (text, ==, "“firstname” is empty; every row needs a value there.\n"
                             "“not-an-address” is not an e-mail address.");
}

/* A queued job: no file read yet, no rows asked for. */
static void
test_parse_queued (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = report_from_text (
    "{ \"id\": 9, \"course_id\": 2, \"state\": \"running\", \"phase\": \"checking\", \"rows_total\": 0,"
    "  \"rows_done\": 0, \"counts\": {}, \"created_at\": \"2026-11-24T10:02:11Z\", \"finished_at\": null,"
    "  \"file_name\": null, \"file\": null, \"error\": null }", &error);

  g_assert_no_error (error);
  g_assert_cmpint (roster_import_report_get_state (report), ==, ROSTER_IMPORT_REPORT_RUNNING);
  g_assert_false (roster_import_report_is_finished (report));
  g_assert_cmpstr (roster_import_report_get_phase (report), ==, "checking");
  g_assert_cmpint (roster_import_report_get_finished_at (report), ==, 0);
  g_assert_null (roster_import_report_get_encoding (report));
  g_assert_cmpint (roster_import_report_get_delimiter (report), ==, '\0');
  g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (report)), ==, 0);
}

static void
test_parse_bad (void)
{
  static const char * const bad[] = {
    "[1, 2]",
    "{ \"dry_run\": true",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": 3 }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"rows\": [] }",
    "{ \"dry_run\": true, \"rows_total\": -1, \"counts\": {}, \"rows\": [] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": { \"create\": \"3\" }, \"rows\": [] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ 7 ] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ { \"line\": 2, \"outcome\": \"won\" } ] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ { \"line\": 0, \"outcome\": \"create\" } ] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ { \"outcome\": \"create\" } ] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ { \"line\": 2, \"outcome\": \"error\","
    "  \"problems\": [ { \"column\": null, \"message\": \"no code\" } ] } ] }",
    "{ \"dry_run\": true, \"rows_total\": 1, \"counts\": {}, \"rows\": [ { \"line\": 2, \"outcome\": \"error\","
    "  \"problems\": { } } ] }",
    "{ \"dry_run\": true, \"rows_total\": 0, \"counts\": {}, \"rows\": [], \"file\": { \"delimiter\": \",;\" } }",
    "{ \"dry_run\": true, \"rows_total\": 0, \"counts\": {}, \"rows\": [], \"file\": [] }",
    "{ \"id\": 4, \"course_id\": 2, \"state\": \"sleeping\", \"rows_total\": 0, \"rows_done\": 0, \"counts\": {} }",
    "{ \"id\": 0, \"course_id\": 2, \"state\": \"done\", \"rows_total\": 0, \"rows_done\": 0, \"counts\": {} }",
    "{ \"course_id\": 2, \"state\": \"done\", \"rows_total\": 0, \"rows_done\": 0, \"counts\": {} }",
    "{ \"id\": 4, \"course_id\": 2, \"state\": \"done\", \"rows_total\": 0, \"rows_done\": 0, \"counts\": {},"
    "  \"created_at\": \"yesterday\" }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterImportReport) report = report_from_text (bad[i], &error);

      g_test_message ("%s", bad[i]);
      g_assert_null (report);
      g_assert_nonnull (error);
    }
}

/* ---- against the server ---- */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/imports/outcomes", test_outcomes);
  g_test_add_func ("/imports/parse/dry-run", test_parse_dry_run);
  g_test_add_func ("/imports/parse/job", test_parse_job);
  g_test_add_func ("/imports/parse/queued", test_parse_queued);
  g_test_add_func ("/imports/parse/bad", test_parse_bad);

  return g_test_run ();
}
