/* test-server-imports.c: bulk imports through the API of a demo server:
 * dry runs, jobs, all-or-nothing, cancelling, a crash in the middle,
 * re-runs, and the audit trail (files in other encodings and
 * layouts: test-server-import-files.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-import-util.h"

/* Two new people, one already in CS205 and its group A, and a row with
 * two problems (no first name, a bad address). */
static const char people_csv[] =
  "username,firstname,lastname,email,group1\r\n"
  "ana.silva,Ana,Silva,ana.silva@partner.example,Group A\r\n"
  "k.zhang,凯,张,k.zhang@student.uni.example,Group A\r\n"
  "bad.row,,Nobody,not-an-address,\r\n"
  "tom.baker,Tom,Baker,tom.baker@partner.example,\r\n";

static void
assert_counts (JsonObject *object,
               gint64      create,
               gint64      enrol,
               gint64      unchanged,
               gint64      skipped,
               gint64      error)
{
  JsonObject *counts = json_object_get_object_member (object, "counts");

  g_assert_cmpint (json_object_get_int_member (counts, "create"), ==, create);
  g_assert_cmpint (json_object_get_int_member (counts, "enrol"), ==, enrol);
  g_assert_cmpint (json_object_get_int_member (counts, "unchanged"), ==, unchanged);
  g_assert_cmpint (json_object_get_int_member (counts, "skipped"), ==, skipped);
  g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, error);
}

static void
test_dry_run_changes_nothing (RosterTestFixture *fixture,
                              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) response = NULL;
  guint participants = import_count_participants (server, token, 2);
  guint audit = import_count_audit (server, admin, NULL);
  JsonObject *object;
  JsonObject *file;
  JsonArray *rows;
  JsonObject *bad;
  g_autofree char *codes = NULL;

  response = import_post (server, token, "/api/v1/courses/2/imports?dry_run=true", "text/csv", people_csv, -1);
  g_assert_cmpuint (response->status, ==, 200);
  object = roster_test_response_object (response);
  g_assert_true (json_object_get_boolean_member (object, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (object, "rows_total"), ==, 4);
  assert_counts (object, 2, 0, 1, 0, 1);

  file = json_object_get_object_member (object, "file");
  g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, ",");
  g_assert_true (json_object_get_boolean_member (file, "delimiter_detected"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "columns")), ==, 5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "unknown_columns")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "problems")), ==, 0);

  /* Every row, in file order, with its line number. */
  rows = json_object_get_array_member (object, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  g_assert_cmpstr (import_row_outcome (rows, 0), ==, "create");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "line"), ==, 2);
  g_assert_cmpstr (import_row_outcome (rows, 1), ==, "unchanged");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "user_id"), ==, 9);
  g_assert_cmpstr (import_row_outcome (rows, 2), ==, "error");
  g_assert_cmpstr (import_row_outcome (rows, 3), ==, "create");

  bad = json_array_get_object_element (rows, 2);
  g_assert_cmpint (json_object_get_int_member (bad, "line"), ==, 4);
  codes = import_problem_codes (json_object_get_array_member (bad, "problems"));
  g_assert_nonnull (strstr (codes, "firstname:required"));
  g_assert_nonnull (strstr (codes, "email:invalid_email"));

  /* Nothing changed: no account, no enrolment, nothing in the log. */
  g_assert_cmpuint (import_count_users (server, admin, "ana.silva"), ==, 0);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants);
  g_assert_cmpuint (import_count_audit (server, admin, NULL), ==, audit);
}

static void
test_errors_block_real_run (RosterTestFixture *fixture,
                            gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(RosterTestResponse) problems = NULL;
  guint participants = import_count_participants (server, token, 2);
  g_autofree char *location = NULL;
  JsonObject *job;
  JsonArray *rows;
  gint64 id;

  response = import_post (server, token, "/api/v1/courses/2/imports", "text/csv", people_csv, -1);
  g_assert_cmpuint (response->status, ==, 202);
  job = roster_test_response_object (response);
  id = json_object_get_int_member (job, "id");
  location = g_strdup_printf ("/api/v1/imports/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
  /* The answer comes at once; the job may have started already. */
  g_assert_true (g_str_equal (json_object_get_string_member (job, "state"), "queued") ||
                 g_str_equal (json_object_get_string_member (job, "state"), "running"));

  job = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (job, "error"), "1 row has problems"));
  json_object_unref (job);

  /* The report keeps the row to correct. */
  problems = roster_test_get (server, "/api/v1/imports/1?rows=problems", token);
  g_assert_cmpuint (problems->status, ==, 200);
  rows = json_object_get_array_member (roster_test_response_object (problems), "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "line"), ==, 4);

  g_assert_cmpuint (import_count_users (server, admin, "ana.silva"), ==, 0);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants);
}

static void
test_commit_and_rerun (RosterTestFixture *fixture,
                       gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) ana = NULL;
  g_autoptr(RosterTestResponse) members = NULL;
  g_autoptr(RosterTestResponse) events = NULL;
  g_autoptr(RosterTestResponse) page = NULL;
  g_autofree char *roles = NULL;
  guint participants = import_count_participants (server, token, 2);
  guint enrolments_logged = import_count_audit (server, admin, "enrolment.created");
  guint members_logged = import_count_audit (server, admin, "group.member_added");
  guint audit;
  JsonObject *job;
  JsonObject *user;
  JsonArray *list;
  gint64 id;

  id = import_submit (server, token, 2, "skip_errors=true", people_csv);
  job = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (job, "rows_total"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (job, "rows_done"), ==, 4);
  assert_counts (job, 2, 0, 1, 1, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (job, "file"), "delimiter"), ==, ",");
  json_object_unref (job);

  /* Ana: an external account, active without any e-mail, enrolled as a
   * student, in group A. */
  ana = roster_test_get (server, "/api/v1/users?q=ana.silva", admin);
  list = json_object_get_array_member (roster_test_response_object (ana), "users");
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  user = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "external");
  g_assert_cmpstr (json_object_get_string_member (user, "state"), ==, "active");
  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, "Ana");
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants + 2);
  roles = import_participant_roles (server, token, 2, "ana.silva");
  g_assert_cmpstr (roles, ==, "student");

  members = roster_test_get (server, "/api/v1/groups/1/members", token);
  g_assert_nonnull (strstr (g_bytes_get_data (members->body, NULL), "ana.silva"));

  /* The audit log has both accounts and both enrolments, each tagged
   * with the import. */
  events = roster_test_get (server, "/api/v1/audit?action=user.created", admin);
  list = json_object_get_array_member (roster_test_response_object (events), "events");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *event = json_array_get_object_element (list, i);
      JsonObject *details = json_object_get_object_member (event, "details");

      g_assert_cmpint (json_object_get_int_member (details, "import"), ==, id);
      g_assert_false (json_object_get_null_member (event, "target"));
    }
  g_assert_cmpuint (import_count_audit (server, admin, "enrolment.created"), ==, enrolments_logged + 2);
  g_assert_cmpuint (import_count_audit (server, admin, "group.member_added"), ==, members_logged + 1);

  /* The report of every row, page by page. */
  page = roster_test_get (server, "/api/v1/imports/1?rows=all&limit=3", token);
  g_assert_cmpuint (page->status, ==, 200);
  list = json_object_get_array_member (roster_test_response_object (page), "rows");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_cmpstr (import_row_outcome (list, 2), ==, "skipped");
  {
    const char *cursor = json_object_get_string_member (roster_test_response_object (page), "next_cursor");
    g_autofree char *path = g_strdup_printf ("/api/v1/imports/1?rows=all&limit=3&cursor=%s", cursor);
    g_autoptr(RosterTestResponse) next = roster_test_get (server, path, token);

    list = json_object_get_array_member (roster_test_response_object (next), "rows");
    g_assert_cmpuint (json_array_get_length (list), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "line"), ==, 5);
    g_assert_true (json_object_get_null_member (roster_test_response_object (next), "next_cursor"));
  }

  /* The same file again changes nothing and says so. */
  audit = import_count_audit (server, admin, NULL);
  id = import_submit (server, token, 2, "skip_errors=true", people_csv);
  job = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  assert_counts (job, 0, 0, 3, 1, 0);
  json_object_unref (job);
  g_assert_cmpuint (import_count_users (server, admin, "ana.silva"), ==, 1);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants + 2);
  /* The log says who ran the file again, and nothing else. */
  g_assert_cmpuint (import_count_audit (server, admin, NULL), ==, audit + 1);
  g_assert_cmpuint (import_count_audit (server, admin, "import.started"), ==, 2);
}

/* Stopped in the middle of writing: nothing of it is kept. */
static void
test_cancel_rolls_back (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:importing:2", NULL };
  RosterTestServerOptions options = { .demo = TRUE, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) cancel = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autofree char *csv = import_new_people_csv (3, NULL);
  guint participants = import_count_participants (server, token, 2);
  guint audit = import_count_audit (server, admin, NULL);
  JsonObject *job;
  gint64 id;

  id = import_submit (server, token, 2, NULL, csv);
  import_wait_stalled (server, token, id, "importing", 2);

  cancel = import_post (server, token, "/api/v1/imports/1/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);

  job = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "cancelled");
  g_assert_cmpint (json_object_get_int_member (job, "rows_done"), ==, 0);
  json_object_unref (job);

  g_assert_cmpuint (import_count_users (server, admin, "new.person"), ==, 0);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants);
  /* Only the start and the cancelling are in the log. */
  g_assert_cmpuint (import_count_audit (server, admin, NULL), ==, audit + 2);
  g_assert_cmpuint (import_count_audit (server, admin, "import.started"), ==, 1);
  g_assert_cmpuint (import_count_audit (server, admin, "import.cancelled"), ==, 1);

  again = import_post (server, token, "/api/v1/imports/1/cancel", NULL, NULL, 0);
  g_assert_cmpuint (again->status, ==, 409);
  g_assert_cmpstr (roster_test_response_error_code (again), ==, "conflict");

  roster_test_server_stop (server);
}

/* Killed in the middle of writing: after a restart the job says it
 * failed, nothing of it is there, and running the file again makes
 * every account once. */
static void
test_killed_server (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:importing:2", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("roster-import-kill-XXXXXX", &error);
  RosterTestServerOptions options = { .demo = TRUE, .data_dir = dir, .environment = environment };
  RosterTestServer *server;
  g_autofree char *token = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *csv = import_new_people_csv (3, NULL);
  guint participants;
  JsonObject *job;
  gint64 id;

  g_assert_no_error (error);

  server = roster_test_server_start (&options);
  token = import_login (server, "m.chen");
  participants = import_count_participants (server, token, 2);
  id = import_submit (server, token, 2, NULL, csv);
  import_wait_stalled (server, token, id, "importing", 2);
  roster_test_server_kill (server);

  options.environment = NULL;
  server = roster_test_server_start (&options);
  g_clear_pointer (&token, g_free);
  token = import_login (server, "m.chen");
  admin = import_login (server, "admin");

  job = import_get_job (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (job, "error"), "server stopped"));
  g_assert_false (json_object_get_null_member (job, "finished_at"));
  json_object_unref (job);
  g_assert_cmpuint (import_count_users (server, admin, "new.person"), ==, 0);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants);
  g_assert_cmpuint (import_count_audit (server, admin, "user.created"), ==, 0);

  id = import_submit (server, token, 2, NULL, csv);
  job = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  assert_counts (job, 3, 0, 0, 0, 0);
  json_object_unref (job);

  id = import_submit (server, token, 2, NULL, csv);
  job = import_wait (server, token, id);
  assert_counts (job, 0, 0, 3, 0, 0);
  json_object_unref (job);

  g_assert_cmpuint (import_count_users (server, admin, "new.person"), ==, 3);
  g_assert_cmpuint (import_count_participants (server, token, 2), ==, participants + 3);

  roster_test_server_stop (server);
  roster_test_rm_rf (dir);
}

/* Two imports into one course: the second waits for the first. */
static void
test_jobs_run_one_after_the_other (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:checking:1", NULL };
  RosterTestServerOptions options = { .demo = TRUE, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autofree char *first = import_new_people_csv (2, "first");
  g_autofree char *second = import_new_people_csv (2, "second");
  g_autoptr(RosterTestResponse) cancel = NULL;
  JsonObject *job;
  gint64 one, two;

  one = import_submit (server, token, 2, NULL, first);
  import_wait_stalled (server, token, one, "checking", 1);
  two = import_submit (server, token, 2, NULL, second);

  /* However long the first one takes, the second has not started. */
  job = import_get_job (server, token, two);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "queued");
  g_assert_true (json_object_get_null_member (job, "started_at"));
  json_object_unref (job);

  cancel = import_post (server, token, "/api/v1/imports/1/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);

  job = import_wait (server, token, two);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  assert_counts (job, 2, 0, 0, 0, 0);
  json_object_unref (job);
  job = import_get_job (server, token, one);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "cancelled");
  json_object_unref (job);

  g_assert_cmpuint (import_count_users (server, admin, "first.person"), ==, 0);
  g_assert_cmpuint (import_count_users (server, admin, "second.person"), ==, 2);

  roster_test_server_stop (server);
}

/* A server stopped with SIGTERM while one job runs and another waits:
 * both stop, and the next start says why. */
static void
test_shutdown_stops_job (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:checking:1", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("roster-import-stop-XXXXXX", &error);
  RosterTestServerOptions options = { .demo = TRUE, .data_dir = dir, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = NULL;
  g_autofree char *csv = import_new_people_csv (2, NULL);
  JsonObject *job;
  gint64 one, two;

  one = import_submit (server, token, 2, NULL, csv);
  import_wait_stalled (server, token, one, "checking", 1);
  two = import_submit (server, token, 2, NULL, csv);
  roster_test_server_stop (server);

  options.environment = NULL;
  server = roster_test_server_start (&options);
  g_clear_pointer (&token, g_free);
  token = import_login (server, "m.chen");
  admin = import_login (server, "admin");

  /* Neither was anyone's choice: both failed, and say why. */
  job = import_get_job (server, token, one);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (job, "error"), "server stopped"));
  json_object_unref (job);
  job = import_get_job (server, token, two);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (job, "error"), "server stopped"));
  json_object_unref (job);
  g_assert_cmpuint (import_count_users (server, admin, "new.person"), ==, 0);

  roster_test_server_stop (server);
  roster_test_rm_rf (dir);
}

/* Waiting jobs hold their files in memory: their number is bounded. */
static void
test_waiting_jobs_bounded (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:checking:1", NULL };
  RosterTestServerOptions options = { .demo = TRUE, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *csv = import_new_people_csv (1, NULL);
  g_autoptr(RosterTestResponse) refused = NULL;
  gint64 first;

  first = import_submit (server, token, 2, NULL, csv);
  import_wait_stalled (server, token, first, "checking", 1);
  for (guint i = 1; i < 16; i++)
    import_submit (server, token, 2, NULL, csv);

  refused = import_post (server, token, "/api/v1/courses/2/imports", "text/csv", csv, -1);
  g_assert_cmpuint (refused->status, ==, 503);
  g_assert_cmpstr (roster_test_response_error_code (refused), ==, "unavailable");

  roster_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/imports/dry-run-changes-nothing", test_dry_run_changes_nothing);
  ROSTER_TEST_ADD_WITH_DEMO ("/imports/errors-block-real-run", test_errors_block_real_run);
  ROSTER_TEST_ADD_WITH_DEMO ("/imports/commit-and-rerun", test_commit_and_rerun);
  g_test_add_func ("/imports/cancel-rolls-back", test_cancel_rolls_back);
  g_test_add_func ("/imports/killed-server", test_killed_server);
  g_test_add_func ("/imports/one-after-the-other", test_jobs_run_one_after_the_other);
  g_test_add_func ("/imports/shutdown-stops-job", test_shutdown_stops_job);
  g_test_add_func ("/imports/waiting-jobs-bounded", test_waiting_jobs_bounded);

  return g_test_run ();
}
