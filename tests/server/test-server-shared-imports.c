/* test-server-shared-imports.c: imports of several roster-server
 * processes on one PostgreSQL database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Servers started on one data folder share its database. Their imports
 * take turns (an advisory lock for the length of the write phase), so
 * two imports at once give what one after the other gives; and a
 * starting server marks failed only the jobs of servers that are gone.
 * SQLite has one server per database: there the tests skip.
 */

#include "config.h"

#include <string.h>

#include "test-server-import-util.h"

#define CS205 2

static gboolean
skip_unless_postgresql (void)
{
  if (roster_test_database_is_postgresql ())
    return FALSE;

  g_test_skip ("Several servers on one database need PostgreSQL (ROSTER_TEST_DATABASE=postgresql)");
  return TRUE;
}

/* A header and @n_shared people both files have, then @n_own of @prefix. */
static char *
people_csv (guint       n_shared,
            const char *prefix,
            guint       n_own)
{
  g_autofree char *shared = import_new_people_csv (n_shared, "shared");
  g_autofree char *own = import_new_people_csv (n_own, prefix);

  /* The second file without its header. */
  return g_strconcat (shared, strchr (own, '\n') + 1, NULL);
}

/* Whether the first job's owner holds its advisory lock (the class is
 * OWNER_LOCK_CLASS of roster-pg-import-jobs.c). */
#define OWNER_HOLDS_LOCK \
  "SELECT count(*) FROM pg_locks l JOIN import_jobs j" \
  " ON l.locktype = 'advisory' AND l.classid::bigint = 1383287119" \
  " AND l.objid::bigint = j.owner AND l.granted WHERE j.id = 1"

static gint64
query_int (RosterTestServer *server,
           const char       *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (RosterTestServer *server,
           const char       *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return roster_test_server_query_int (server, sql);
}

static void
assert_created_unchanged (JsonObject *job,
                          gint64      create,
                          gint64      unchanged)
{
  JsonObject *counts = json_object_get_object_member (job, "counts");

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (counts, "create"), ==, create);
  g_assert_cmpint (json_object_get_int_member (counts, "unchanged"), ==, unchanged);
  g_assert_cmpint (json_object_get_int_member (counts, "enrol"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, 0);
}

/* The rows of job @id whose username starts with @prefix and whose
 * outcome is @outcome. */
static gint64
count_rows (RosterTestServer *server,
            gint64            id,
            const char       *prefix,
            const char       *outcome)
{
  return query_int (server,
                    "SELECT count(*) FROM import_rows WHERE job_id = %" G_GINT64_FORMAT
                    " AND username LIKE '%s.%%' AND outcome = '%s'",
                    id, prefix, outcome);
}

/* One import on each of two servers, started together, with 200 people
 * and the course in common: both finish, each shared person has one
 * account, and the jobs read as one after the other: the first made
 * the shared accounts, the second found them, and the audit events of
 * each are all together. */
static void
test_at_once (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  RosterTestServerOptions first_options = { .demo = TRUE };
  RosterTestServerOptions second_options = { 0 };
  RosterTestServer *first;
  RosterTestServer *second;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  g_autofree char *csv_a = people_csv (200, "a", 100);
  g_autofree char *csv_b = people_csv (200, "b", 100);
  g_autoptr(JsonObject) job_a = NULL;
  g_autoptr(JsonObject) job_b = NULL;
  gint64 id_a, id_b, earlier, later;

  if (skip_unless_postgresql ())
    return;

  dir = g_dir_make_tmp ("roster-shared-imports-XXXXXX", &error);
  g_assert_no_error (error);
  first_options.data_dir = dir;
  second_options.data_dir = dir;

  first = roster_test_server_start (&first_options);
  second = roster_test_server_start (&second_options);
  first_token = import_login (first, "m.chen");
  second_token = import_login (second, "m.chen");
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM users WHERE username LIKE 'shared.%%'"), ==, 0);

  id_a = import_submit (first, first_token, CS205, NULL, csv_a);
  id_b = import_submit (second, second_token, CS205, NULL, csv_b);
  job_a = import_wait (first, first_token, id_a);
  job_b = import_wait (second, second_token, id_b);

  /* Which wrote first: the order of their events. */
  earlier = query_int (first,
                       "SELECT CASE WHEN min(id) FILTER (WHERE details = '{\"import\":%" G_GINT64_FORMAT "}')"
                       "  < min(id) FILTER (WHERE details = '{\"import\":%" G_GINT64_FORMAT "}')"
                       "  THEN %" G_GINT64_FORMAT " ELSE %" G_GINT64_FORMAT " END FROM audit_events",
                       id_a, id_b, id_a, id_b);
  later = earlier == id_a ? id_b : id_a;
  g_test_message ("job %" G_GINT64_FORMAT " wrote first", earlier);

  assert_created_unchanged (earlier == id_a ? job_a : job_b, 300, 0);
  assert_created_unchanged (earlier == id_a ? job_b : job_a, 100, 200);
  g_assert_cmpint (count_rows (first, earlier, "shared", "create"), ==, 200);
  g_assert_cmpint (count_rows (first, later, "shared", "unchanged"), ==, 200);
  g_assert_cmpint (count_rows (first, later, "shared", "create"), ==, 0);

  /* One account each, every one enrolled once. */
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM users WHERE username LIKE 'shared.%%'"), ==, 200);
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM users WHERE username LIKE 'a.%%' OR username LIKE 'b.%%'"),
                   ==, 200);
  g_assert_cmpint (query_int (first,
                              "SELECT count(*) FROM enrolments e JOIN users u ON u.id = e.user_id"
                              " WHERE e.course_id = %d AND u.username LIKE 'shared.%%'", CS205), ==, 200);

  /* The events of the two jobs never alternate: one change of job. */
  g_assert_cmpint (query_int (first,
                              "SELECT count(*) FROM (SELECT details, lag(details) OVER (ORDER BY id) AS prev"
                              "  FROM audit_events WHERE details IN ('{\"import\":%" G_GINT64_FORMAT "}',"
                              "   '{\"import\":%" G_GINT64_FORMAT "}')) AS t"
                              " WHERE prev <> details",
                              id_a, id_b), ==, 1);

  roster_test_server_stop (second);
  roster_test_server_stop (first);
  roster_test_rm_rf (dir);
}

/* An import that writes holds off another server's: the second job,
 * checked, waits for the first one's lock; once the first is cancelled
 * (and rolled back), the second writes everything itself. */
static void
test_waits_for_lock (void)
{
  static const char * const stall[] = { "ROSTER_TEST_IMPORT_STALL=1:importing:2", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  RosterTestServerOptions first_options = { .demo = TRUE, .environment = stall };
  RosterTestServerOptions second_options = { 0 };
  RosterTestServer *first;
  RosterTestServer *second;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  g_autofree char *csv_a = people_csv (20, "a", 10);
  g_autofree char *csv_b = people_csv (20, "b", 10);
  g_autoptr(RosterTestResponse) cancel = NULL;
  g_autoptr(JsonObject) job_a = NULL;
  g_autoptr(JsonObject) job_b = NULL;
  gint64 id_a, id_b;

  if (skip_unless_postgresql ())
    return;

  dir = g_dir_make_tmp ("roster-shared-imports-XXXXXX", &error);
  g_assert_no_error (error);
  first_options.data_dir = dir;
  second_options.data_dir = dir;

  first = roster_test_server_start (&first_options);
  second = roster_test_server_start (&second_options);
  first_token = import_login (first, "m.chen");
  second_token = import_login (second, "m.chen");

  id_a = import_submit (first, first_token, CS205, NULL, csv_a);
  g_assert_cmpint (id_a, ==, 1);
  import_wait_stalled (first, first_token, id_a, "importing", 2);

  /* The second job checks its file, then its write phase waits on the
   * lock: PostgreSQL shows a waiting advisory lock. The test's timeout
   * bounds the wait. */
  id_b = import_submit (second, second_token, CS205, NULL, csv_b);
  while (query_int (first, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0)
    g_usleep (20 * 1000);
  job_b = import_get_job (second, second_token, id_b);
  g_assert_cmpstr (json_object_get_string_member (job_b, "state"), ==, "running");
  g_assert_cmpstr (json_object_get_string_member (job_b, "phase"), ==, "importing");
  g_assert_cmpint (json_object_get_int_member (job_b, "rows_done"), ==, 0);
  g_clear_pointer (&job_b, json_object_unref);

  cancel = import_post (first, first_token, "/api/v1/imports/1/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);
  job_a = import_wait (first, first_token, id_a);
  g_assert_cmpstr (json_object_get_string_member (job_a, "state"), ==, "cancelled");

  job_b = import_wait (second, second_token, id_b);
  assert_created_unchanged (job_b, 30, 0);
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM users WHERE username LIKE 'a.%%'"), ==, 0);
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM users WHERE username LIKE 'shared.%%'"), ==, 20);
  g_assert_cmpint (query_int (first, "SELECT count(*) FROM import_rows WHERE job_id = %" G_GINT64_FORMAT, id_a),
                   ==, 0);

  roster_test_server_stop (second);
  roster_test_server_stop (first);
  roster_test_rm_rf (dir);
}

static void
assert_state (RosterTestServer *server,
              const char       *token,
              gint64            id,
              const char       *state)
{
  g_autoptr(JsonObject) job = import_get_job (server, token, id);

  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, state);
}

/* A server that starts leaves alone the jobs of the servers that run,
 * and marks failed those of a server that was killed. */
static void
test_owners (void)
{
  static const char * const stall_first[] = { "ROSTER_TEST_IMPORT_STALL=1:importing:2", NULL };
  static const char * const stall_second[] = { "ROSTER_TEST_IMPORT_STALL=2:checking:2", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  RosterTestServerOptions first_options = { .demo = TRUE, .environment = stall_first };
  RosterTestServerOptions second_options = { .environment = stall_second };
  RosterTestServerOptions plain_options = { 0 };
  RosterTestServer *first;
  RosterTestServer *second;
  RosterTestServer *third;
  RosterTestServer *fourth;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  g_autofree char *third_token = NULL;
  g_autofree char *fourth_token = NULL;
  g_autofree char *csv_a = import_new_people_csv (5, "a");
  g_autofree char *csv_b = import_new_people_csv (5, "b");
  g_autoptr(RosterTestResponse) cancel = NULL;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) cancelled = NULL;
  gint64 id_a, id_b;

  if (skip_unless_postgresql ())
    return;

  dir = g_dir_make_tmp ("roster-shared-imports-XXXXXX", &error);
  g_assert_no_error (error);
  first_options.data_dir = dir;
  second_options.data_dir = dir;
  plain_options.data_dir = dir;

  /* Job 1 waits in its write phase on the first server, job 2 in its
   * check pass on the second. */
  first = roster_test_server_start (&first_options);
  second = roster_test_server_start (&second_options);
  first_token = import_login (first, "m.chen");
  second_token = import_login (second, "m.chen");
  id_a = import_submit (first, first_token, CS205, NULL, csv_a);
  g_assert_cmpint (id_a, ==, 1);
  import_wait_stalled (first, first_token, id_a, "importing", 2);
  id_b = import_submit (second, second_token, CS205, NULL, csv_b);
  g_assert_cmpint (id_b, ==, 2);
  import_wait_stalled (second, second_token, id_b, "checking", 2);

  /* A third server starts: both go on. */
  third = roster_test_server_start (&plain_options);
  third_token = import_login (third, "m.chen");
  assert_state (third, third_token, id_a, "running");
  assert_state (third, third_token, id_b, "running");
  import_wait_stalled (first, first_token, id_a, "importing", 2);
  import_wait_stalled (second, second_token, id_b, "checking", 2);

  /* The first one is killed; the next server that starts marks its job
   * failed, and only that one. */
  g_assert_cmpint (query_int (second, OWNER_HOLDS_LOCK), ==, 1);
  roster_test_server_kill (first);
  /* PostgreSQL ends the killed server's sessions, and so frees its
   * owner's lock, once their backends read the closed connection: wait
   * for that (the test's timeout bounds it), as the next server would
   * otherwise race the kernel. */
  while (query_int (second, OWNER_HOLDS_LOCK) != 0)
    g_usleep (20 * 1000);
  fourth = roster_test_server_start (&plain_options);
  fourth_token = import_login (fourth, "m.chen");
  failed = import_get_job (fourth, fourth_token, id_a);
  g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (failed, "error"), "server stopped"));
  import_wait_stalled (second, second_token, id_b, "checking", 2);
  g_assert_cmpint (query_int (fourth, "SELECT count(*) FROM users WHERE username LIKE 'a.%%'"), ==, 0);

  cancel = import_post (second, second_token, "/api/v1/imports/2/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);
  cancelled = import_wait (second, second_token, id_b);
  g_assert_cmpstr (json_object_get_string_member (cancelled, "state"), ==, "cancelled");

  roster_test_server_stop (fourth);
  roster_test_server_stop (third);
  roster_test_server_stop (second);
  roster_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shared-imports/at-once", test_at_once);
  g_test_add_func ("/shared-imports/waits-for-lock", test_waits_for_lock);
  g_test_add_func ("/shared-imports/owners", test_owners);

  return g_test_run ();
}
