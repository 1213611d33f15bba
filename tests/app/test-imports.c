/* test-imports.c: bulk imports against a real roster-server (their
 * reports read from docs/api.md's JSON: test-import-report.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-imports.h"
#include "roster-client.h"
#include "roster-error.h"
#include "roster-import.h"
#include "roster-json.h"

/* CS205 Databases in the demo: m.chen leads it, j.okafor teaches in it. */
#define CS205_ID 2

/* docs/import-example.csv */
static const char example_csv[] =
  "username,First name,Surname,Email address,idnumber,course1,role1,group1,enrolperiod1,Notes\n"
  "ana.silva,Ana,Silva,ana.silva@partner.example,EXT-2026-001,CS205,student,Group A,,Erasmus exchange\n"
  "wang.wei,伟,王,wang.wei@partner.example,EXT-2026-002,CS205,student,Group B,120,\"Visiting from Fudan; arrives 1 Dec\"\n"
  "r.fischer,Rachel,Fischer,rachel.fischer@partner.example,,CS205,external_moderator,,,\n"
  "tom.baker,Tom,Baker,tom.baker@partner.example,,CS101,guest,,4w,\"Guest lecture series,\n"
  "spring term\"\n";

typedef RosterAppFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_app_fixture_set_up (fixture, data);
  roster_app_fixture_sign_in (fixture, "m.chen");
}

/* The job to cancel (the server's first) waits once it has written row
 * 5 000, until it is cancelled (ROSTER_TEST_IMPORT_STALL, read by the
 * server it starts): the cancel always finds it running. */
static void
stalling_fixture_set_up (Fixture       *fixture,
                         gconstpointer  data)
{
  g_setenv ("ROSTER_TEST_IMPORT_STALL", "1:importing:5000", TRUE);
  fixture_set_up (fixture, data);
  g_unsetenv ("ROSTER_TEST_IMPORT_STALL");
}

static RosterImportReport *
check_import (Fixture                    *fixture,
              const char                 *csv,
              const RosterImportSettings *settings,
              GError                    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_check_import_async (fixture->client, CS205_ID, bytes, settings, NULL,
                                    roster_app_test_result_cb, &result);
  return roster_client_check_import_finish (fixture->client, roster_app_test_wait (&result), error);
}

static RosterImportReport *
start_import (Fixture                    *fixture,
              const char                 *csv,
              const RosterImportSettings *settings)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportReport *job;

  roster_client_start_import_async (fixture->client, CS205_ID, bytes, settings, NULL,
                                    roster_app_test_result_cb, &result);
  job = roster_client_start_import_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_false (roster_import_report_get_dry_run (job));
  g_assert_cmpint (roster_import_report_get_id (job), >, 0);
  g_assert_cmpint (roster_import_report_get_course_id (job), ==, CS205_ID);
  return job;
}

static RosterImportReport *
get_import (Fixture *fixture,
            gint64   import_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportReport *job;

  roster_client_get_import_async (fixture->client, import_id, NULL, roster_app_test_result_cb, &result);
  job = roster_client_get_import_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_report_get_id (job), ==, import_id);
  return job;
}

/* Polls the job until it has ended; its progress never goes back. */
static RosterImportReport *
wait_for_job (Fixture *fixture,
              gint64   import_id)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  g_autofree char *phase = NULL;
  guint done = 0;

  for (;;)
    {
      g_autoptr(RosterImportReport) job = get_import (fixture, import_id);

      g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (job)), ==, 0);
      if (roster_import_report_is_finished (job))
        {
          g_assert_null (roster_import_report_get_phase (job));
          return g_steal_pointer (&job);
        }
      /* Each phase counts from 0. */
      if (g_strcmp0 (phase, roster_import_report_get_phase (job)) != 0)
        {
          g_free (phase);
          phase = g_strdup (roster_import_report_get_phase (job));
          done = 0;
        }
      g_assert_cmpuint (roster_import_report_get_rows_done (job), >=, done);
      done = roster_import_report_get_rows_done (job);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

static RosterImportReport *
fetch_rows (Fixture    *fixture,
            gint64      import_id,
            gboolean    problems_only,
            GListStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportReport *job;

  roster_client_fetch_import_rows_async (fixture->client, import_id, problems_only, store, NULL,
                                         roster_app_test_result_cb, &result);
  job = roster_client_fetch_import_rows_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  return job;
}

static RosterImportResult *
row_at (GListModel *rows,
        guint       position)
{
  g_assert_cmpuint (position, <, g_list_model_get_n_items (rows));
  return g_list_model_get_item (rows, position);
}

static void
test_check_good (Fixture       *fixture,
                 gconstpointer  data)
{
  static const RosterImportResultOutcome outcomes[] = {
    ROSTER_IMPORT_RESULT_CREATE, ROSTER_IMPORT_RESULT_CREATE, ROSTER_IMPORT_RESULT_UNCHANGED, ROSTER_IMPORT_RESULT_CREATE,
  };
  static const char * const usernames[] = { "ana.silva", "wang.wei", "r.fischer", "tom.baker" };
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;
  GListModel *rows;

  roster_import_settings_init (&settings);
  settings.file_name = "visitors autumn.csv";
  report = check_import (fixture, example_csv, &settings, &error);
  g_assert_no_error (error);

  g_assert_true (roster_import_report_get_dry_run (report));
  g_assert_true (roster_import_report_is_finished (report));
  g_assert_cmpuint (roster_import_report_get_rows_total (report), ==, 4);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_CREATE), ==, 3);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 1);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_ERROR), ==, 0);
  g_assert_cmpstr (roster_import_report_get_encoding (report), ==, "UTF-8");
  g_assert_true (roster_import_report_get_encoding_detected (report));
  g_assert_cmpint (roster_import_report_get_delimiter (report), ==, ',');
  g_assert_cmpuint (roster_import_report_get_file_problems (report)->len, ==, 0);

  rows = roster_import_report_get_rows (report);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RosterImportResult) row = row_at (rows, i);

      g_assert_cmpuint (roster_import_result_get_line (row), ==, i + 2);
      g_assert_cmpint (roster_import_result_get_outcome (row), ==, outcomes[i]);
      g_assert_cmpstr (roster_import_result_get_username (row), ==, usernames[i]);
      g_assert_false (roster_import_result_has_problems (row));
      /* Only r.fischer has an account already. */
      g_assert_cmpint (roster_import_result_get_user_id (row) > 0, ==, i == 2);
    }
}

static void
test_check_problems (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(RosterImportResult) good = NULL;
  g_autoptr(RosterImportResult) bad_email = NULL;
  g_autoptr(RosterImportResult) duplicate = NULL;
  RosterImportProblem *problem;

  /* Semicolons, as LibreOffice saves them. */
  roster_import_settings_init (&settings);
  report = check_import (fixture,
                         "username;firstname;lastname;email\n"
                         "a.one;Ann;One;ann.one@partner.example\n"
                         "b.two;Bob;Two;not-an-address\n"
                         "c.three;Cat;Three;Ann.One@partner.example\n",
                         &settings, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_report_get_delimiter (report), ==, ';');
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_CREATE), ==, 1);
  g_assert_cmpuint (roster_import_report_get_count (report, ROSTER_IMPORT_RESULT_ERROR), ==, 2);

  good = row_at (roster_import_report_get_rows (report), 0);
  g_assert_false (roster_import_result_has_problems (good));

  bad_email = row_at (roster_import_report_get_rows (report), 1);
  g_assert_cmpint (roster_import_result_get_outcome (bad_email), ==, ROSTER_IMPORT_RESULT_ERROR);
  g_assert_cmpuint (roster_import_result_get_problems (bad_email)->len, ==, 1);
  problem = g_ptr_array_index (roster_import_result_get_problems (bad_email), 0);
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_cmpstr (problem->column, ==, "email");
  g_assert_cmpstr (problem->code, ==, "invalid_email");
  g_assert_nonnull (strstr (problem->message, "not-an-address"));

  duplicate = row_at (roster_import_report_get_rows (report), 2);
  g_assert_cmpint (roster_import_result_get_outcome (duplicate), ==, ROSTER_IMPORT_RESULT_ERROR);
  problem = g_ptr_array_index (roster_import_result_get_problems (duplicate), 0);
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->code, ==, "duplicate_email");
  /* The message names the first line. */
  g_assert_nonnull (strstr (problem->message, "2"));
}

static void
test_check_missing_column (Fixture       *fixture,
                           gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;
  GPtrArray *problems;
  RosterImportProblem *problem = NULL;

  roster_import_settings_init (&settings);
  report = check_import (fixture, "username,firstname,lastname\na.one,Ann,One\n", &settings, &error);
  g_assert_no_error (error);

  problems = roster_import_report_get_file_problems (report);
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((RosterImportProblem *) g_ptr_array_index (problems, i))->code, "missing_column"))
      problem = g_ptr_array_index (problems, i);
  g_assert_nonnull (problem);
  g_assert_cmpstr (problem->message, !=, "");
  g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (report)), ==, 0);
}

/* A job with a bad row it skips, polled to its end, its report read
 * page by page; the same file again changes nothing. */
static void
test_job (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *csv = g_strconcat (example_csv, "bad.row,,Row,not-an-address,,CS205,student,,,\n", NULL);
  RosterImportSettings settings;
  g_autoptr(RosterImportReport) started = NULL;
  g_autoptr(RosterImportReport) job = NULL;
  g_autoptr(RosterImportReport) last = NULL;
  g_autoptr(RosterImportReport) again = NULL;
  g_autoptr(GListStore) all = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  g_autoptr(GListStore) problems = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  g_autoptr(RosterImportResult) skipped = NULL;
  gint64 id;

  roster_import_settings_init (&settings);
  settings.skip_errors = TRUE;
  settings.file_name = "visitors autumn.csv";
  started = start_import (fixture, csv, &settings);
  g_assert_cmpstr (roster_import_report_get_file_name (started), ==, "visitors autumn.csv");
  id = roster_import_report_get_id (started);

  job = wait_for_job (fixture, id);
  g_assert_cmpint (roster_import_report_get_state (job), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_null (roster_import_report_get_error (job));
  g_assert_cmpuint (roster_import_report_get_rows_total (job), ==, 5);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_CREATE), ==, 3);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 1);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_SKIPPED), ==, 1);
  g_assert_cmpint (roster_import_report_get_finished_at (job), >=, roster_import_report_get_created_at (job));

  last = fetch_rows (fixture, id, FALSE, all);
  g_assert_cmpint (roster_import_report_get_state (last), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_null (roster_import_report_get_next_cursor (last));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 5);
  g_clear_object (&last);

  last = fetch_rows (fixture, id, TRUE, problems);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (problems)), ==, 1);
  skipped = row_at (G_LIST_MODEL (problems), 0);
  g_assert_cmpuint (roster_import_result_get_line (skipped), ==, 7);
  g_assert_cmpint (roster_import_result_get_outcome (skipped), ==, ROSTER_IMPORT_RESULT_SKIPPED);
  g_assert_true (roster_import_result_has_problems (skipped));

  /* Importing it again finds everything there. */
  g_clear_object (&started);
  g_clear_object (&job);
  started = start_import (fixture, example_csv, &settings);
  job = wait_for_job (fixture, roster_import_report_get_id (started));
  g_assert_cmpint (roster_import_report_get_state (job), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 4);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_CREATE), ==, 0);

  roster_import_settings_init (&settings);
  again = check_import (fixture, example_csv, &settings, NULL);
  g_assert_cmpuint (roster_import_report_get_count (again, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 4);
}

/* Many rows, so the job is still at work when it is asked to stop. */
static char *
large_csv (guint rows)
{
  GString *csv = g_string_new ("username,firstname,lastname,email\n");

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "visitor.%u,Visitor,Number %u,visitor.%u@partner.example\n", i, i, i);
  return g_string_free (csv, FALSE);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *csv = large_csv (20000);
  RosterImportSettings settings;
  g_autoptr(RosterImportReport) started = NULL;
  g_autoptr(RosterImportReport) cancelling = NULL;
  g_autoptr(RosterImportReport) job = NULL;
  g_autoptr(RosterImportReport) check = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_import_settings_init (&settings);
  started = start_import (fixture, csv, &settings);
  g_assert_cmpint (roster_import_report_get_id (started), ==, 1);

  /* Halfway through writing, where it waits. */
  for (;;)
    {
      g_autoptr(RosterImportReport) running = get_import (fixture, roster_import_report_get_id (started));

      g_assert_false (roster_import_report_is_finished (running));
      if (g_strcmp0 (roster_import_report_get_phase (running), "importing") == 0 &&
          roster_import_report_get_rows_done (running) == 5000)
        break;
    }

  roster_client_cancel_import_async (fixture->client, roster_import_report_get_id (started), NULL,
                                     roster_app_test_result_cb, &result);
  cancelling = roster_client_cancel_import_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_import_report_get_id (cancelling), ==, roster_import_report_get_id (started));

  job = wait_for_job (fixture, roster_import_report_get_id (started));
  g_assert_cmpint (roster_import_report_get_state (job), ==, ROSTER_IMPORT_REPORT_CANCELLED);

  /* Nothing of it was kept: every row would still make an account. */
  check = check_import (fixture, csv, &settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_report_get_count (check, ROSTER_IMPORT_RESULT_CREATE), ==, 20000);
  g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (check)), ==, 20000);

  /* A job that has ended cannot be cancelled. */
  g_clear_object (&result);
  roster_client_cancel_import_async (fixture->client, roster_import_report_get_id (started), NULL,
                                     roster_app_test_result_cb, &result);
  g_assert_null (roster_client_cancel_import_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

/* A report longer than a page comes whole, in file order. */
static void
test_rows_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *csv = large_csv (2500);
  RosterImportSettings settings;
  g_autoptr(RosterImportReport) started = NULL;
  g_autoptr(RosterImportReport) job = NULL;
  g_autoptr(RosterImportReport) last = NULL;
  g_autoptr(GListStore) rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);

  roster_import_settings_init (&settings);
  started = start_import (fixture, csv, &settings);
  job = wait_for_job (fixture, roster_import_report_get_id (started));
  g_assert_cmpint (roster_import_report_get_state (job), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_cmpuint (roster_import_report_get_count (job, ROSTER_IMPORT_RESULT_CREATE), ==, 2500);

  last = fetch_rows (fixture, roster_import_report_get_id (started), FALSE, rows);
  g_assert_null (roster_import_report_get_next_cursor (last));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2500);
  for (guint i = 0; i < 2500; i++)
    {
      g_autoptr(RosterImportResult) row = row_at (G_LIST_MODEL (rows), i);
      g_autofree char *username = g_strdup_printf ("visitor.%u", i);

      g_assert_cmpuint (roster_import_result_get_line (row), ==, i + 2);
      g_assert_cmpstr (roster_import_result_get_username (row), ==, username);
      g_assert_cmpint (roster_import_result_get_outcome (row), ==, ROSTER_IMPORT_RESULT_CREATE);
      g_assert_cmpint (roster_import_result_get_user_id (row), >, 0);
    }
}

/* A call cancelled before its answer says so, and leaves nothing behind. */
static void
test_cancelled_call (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (example_csv, strlen (example_csv));
  g_autoptr(GListStore) rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportSettings settings;

  roster_import_settings_init (&settings);
  g_cancellable_cancel (cancellable);
  roster_client_check_import_async (fixture->client, CS205_ID, bytes, &settings, cancellable,
                                    roster_app_test_result_cb, &result);
  g_assert_null (roster_client_check_import_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_clear_object (&result);
  g_clear_error (&error);
  roster_client_fetch_import_rows_async (fixture->client, 1, FALSE, rows, cancellable,
                                         roster_app_test_result_cb, &result);
  g_assert_null (roster_client_fetch_import_rows_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
}

/* The user's own mapping: columns the server could not guess. */
static void
test_check_columns (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char csv[] = "Given,Family,Mail,Comment\nAnn,One,ann.one@partner.example,hello\n";
  static const char * const columns[] = { "firstname", "lastname", "email", "", NULL };
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) guessed = NULL;
  g_autoptr(RosterImportReport) mapped = NULL;
  g_autoptr(RosterImportResult) row = NULL;

  roster_import_settings_init (&settings);
  guessed = check_import (fixture, csv, &settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_report_get_file_problems (guessed)->len, >, 0);

  settings.columns = columns;
  mapped = check_import (fixture, csv, &settings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_import_report_get_file_problems (mapped)->len, ==, 0);
  g_assert_cmpuint (roster_import_report_get_count (mapped, ROSTER_IMPORT_RESULT_CREATE), ==, 1);
  row = row_at (roster_import_report_get_rows (mapped), 0);
  g_assert_cmpstr (roster_import_result_get_email (row), ==, "ann.one@partner.example");
}

/* The course's jobs, newest first, without their rows. */
static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(RosterImportReport) first = NULL;
  g_autoptr(RosterImportReport) second = NULL;
  g_autoptr(RosterImportReport) done = NULL;
  g_autoptr(RosterImportReport) newest = NULL;
  g_autoptr(RosterImportReport) older = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_import_settings_init (&settings);
  settings.file_name = "first.csv";
  first = start_import (fixture, example_csv, &settings);
  done = wait_for_job (fixture, roster_import_report_get_id (first));
  g_clear_object (&done);
  settings.file_name = "second.csv";
  second = start_import (fixture, example_csv, &settings);
  done = wait_for_job (fixture, roster_import_report_get_id (second));

  roster_client_list_imports_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  jobs = roster_client_list_imports_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), >=, 2);
  newest = g_list_model_get_item (jobs, 0);
  older = g_list_model_get_item (jobs, 1);
  g_assert_cmpint (roster_import_report_get_id (newest), ==, roster_import_report_get_id (second));
  g_assert_cmpstr (roster_import_report_get_file_name (newest), ==, "second.csv");
  g_assert_cmpint (roster_import_report_get_state (newest), ==, ROSTER_IMPORT_REPORT_DONE);
  g_assert_cmpuint (roster_import_report_get_count (newest, ROSTER_IMPORT_RESULT_UNCHANGED), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (roster_import_report_get_rows (newest)), ==, 0);
  g_assert_cmpint (roster_import_report_get_id (older), ==, roster_import_report_get_id (first));
  g_assert_cmpint (roster_import_report_get_course_id (older), ==, CS205_ID);

  /* A teacher may not see them. */
  g_clear_object (&result);
  g_clear_object (&jobs);
  roster_app_fixture_sign_in (fixture, "j.okafor");
  roster_client_list_imports_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  jobs = roster_client_list_imports_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_null (jobs);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
}

/* A teacher may not import: the server's words, not a crash. */
static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  roster_import_settings_init (&settings);
  report = check_import (fixture, example_csv, &settings, &error);
  g_assert_null (report);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, !=, "");
}

static void
count_cb (RosterClient *client,
          guint        *count)
{
  (*count)++;
}

static void
test_sign_in_needed (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;
  guint needed = 0;

  g_signal_connect (fixture->client, "sign-in-needed", G_CALLBACK (count_cb), &needed);
  roster_client_set_token (fixture->client, "not-a-token");
  roster_import_settings_init (&settings);
  report = check_import (fixture, example_csv, &settings, &error);
  g_assert_null (report);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN);
  g_assert_cmpuint (needed, ==, 1);
}

/* Options the server refuses come back in its words. */
static void
test_bad_settings (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterImportSettings settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = NULL;

  roster_import_settings_init (&settings);
  settings.enrol_start = 1800000000;
  settings.enrol_end = 1700000000;
  report = check_import (fixture, example_csv, &settings, &error);
  g_assert_null (report);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, roster_app_fixture_tear_down)
  ADD ("/imports/check/good", test_check_good);
  ADD ("/imports/check/problems", test_check_problems);
  ADD ("/imports/check/missing-column", test_check_missing_column);
  ADD ("/imports/check/bad-settings", test_bad_settings);
  ADD ("/imports/check/columns", test_check_columns);
  ADD ("/imports/job", test_job);
  ADD ("/imports/rows-pages", test_rows_pages);
  g_test_add ("/imports/cancel", Fixture, NULL, stalling_fixture_set_up, test_cancel, roster_app_fixture_tear_down);
  ADD ("/imports/cancelled-call", test_cancelled_call);
  ADD ("/imports/forbidden", test_forbidden);
  ADD ("/imports/list", test_list);
  ADD ("/imports/sign-in-needed", test_sign_in_needed);
#undef ADD

  return g_test_run ();
}
