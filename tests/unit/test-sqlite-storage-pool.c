/* test-sqlite-storage-pool.c: the SQLite driver's pool of connections:
 * a connection goes back to the pool only with nothing of its last user
 * left open on it, and threads sharing a small pool each get their own
 * results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connections are opened with SQLITE_OPEN_NOMUTEX: one of them
 * must never be used by two threads at once, and a statement finalised
 * after its connection went back would be. The release functions check
 * that none is left; under G_DEBUG=fatal-criticals a path that leaves
 * one kills the test, so /sqlite/pool/threads, which runs most of the
 * driver from two threads through one connection of each kind, fails on
 * the first such path it takes.
 */

#include "config.h"

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-sqlite-private.h"
#include "roster-sqlite-storage.h"
#include "roster-storage.h"

#include "storage-fixture.h"

#define COURSE 1

#define N_THREADS 2
#define N_ROUNDS  20

/* The fixture's database with one course, opened with a pool of one
 * connection of each kind: every call of a thread then takes the
 * connection another has just given back. */
static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse course = { COURSE, 0, "POOL1", "Pools", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 };

  storage_fixture_set_up (fixture, data);
  g_assert_finalize_object (g_steal_pointer (&fixture->storage));
  fixture->storage = roster_storage_open (fixture->path, 1, &error);
  g_assert_no_error (error);

  g_array_append_val (dataset->courses, course);
  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
}

static sqlite3 *
acquire (RosterSqliteLease *lease,
         Fixture           *fixture,
         gboolean           reader)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (fixture->storage);

  if (reader)
    return roster_sqlite_lease_acquire_reader (lease, self);
  return roster_sqlite_lease_acquire (lease, self);
}

/* ---- the lease ---- */

/* A lease declared before its statements outlives them: they are
 * finalised, then the connection goes back, without a critical. */
static void
test_lease_scope (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean reader = GPOINTER_TO_INT (data);
  sqlite3 *leased;

  {
    g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
    g_autoptr(sqlite3_stmt) stmt = NULL;
    sqlite3 *db = acquire (&lease, fixture, reader);

    /* Left on its row, unfinished, as a function returning early would. */
    stmt = roster_sqlite_prepare (db, "SELECT id FROM courses", NULL);
    g_assert_nonnull (stmt);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    leased = db;
  }

  {
    g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
    sqlite3 *db = acquire (&lease, fixture, reader);

    /* The pool has one connection of the kind: the same one, clean. */
    g_assert_true (db == leased);
    g_assert_null (sqlite3_next_stmt (db, NULL));
  }
}

/* A statement still open when the connection goes back is a critical
 * naming it (fatal in the test suites). */
static void
test_release_open_statement (Fixture       *fixture,
                             gconstpointer  data)
{
  RosterSqliteLease lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = acquire (&lease, fixture, GPOINTER_TO_INT (data));
  sqlite3_stmt *stmt = roster_sqlite_prepare (db, "SELECT id FROM courses", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  g_test_expect_message ("roster-sqlite", G_LOG_LEVEL_CRITICAL, "*statement still open*SELECT id FROM courses*");
  roster_sqlite_lease_release (&lease);
  g_test_assert_expected_messages ();

  /* No other thread uses this storage: finalising it late is safe here. */
  sqlite3_finalize (stmt);
}

/* A connection that goes back inside a transaction is a critical too,
 * and the transaction is rolled back before anybody else gets it. */
static void
test_release_in_transaction (Fixture       *fixture,
                             gconstpointer  data)
{
  gboolean reader = GPOINTER_TO_INT (data);
  RosterSqliteLease lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = acquire (&lease, fixture, reader);

  g_assert_true (roster_sqlite_begin (db, &error));
  g_assert_no_error (error);
  g_assert_true (roster_sqlite_exec (db, "UPDATE courses SET full_name = 'Half done'", &error));
  g_assert_no_error (error);

  g_test_expect_message ("roster-sqlite", G_LOG_LEVEL_CRITICAL, "*inside a transaction*");
  roster_sqlite_lease_release (&lease);
  g_test_assert_expected_messages ();

  db = acquire (&lease, fixture, reader);
  g_assert_true (sqlite3_get_autocommit (db));
  roster_sqlite_lease_release (&lease);

  course = roster_storage_get_course (fixture->storage, COURSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_course_get_full_name (course), ==, "Pools");
}

/* ---- two threads, one connection ---- */

typedef struct
{
  gint64 user_id;
  guint  n_rows;
  guint  n_mine;
} Count;

static gboolean
count_cb (const RosterParticipantRow  *row,
          gpointer                     user_data,
          GError                     **error)
{
  Count *count = user_data;

  count->n_rows++;
  if (row->user_id == count->user_id)
    count->n_mine++;
  return TRUE;
}

/* The participants of COURSE that @query finds; @limit 0 reads on a
 * reader connection, any other on a writer's. */
static Count
count_participants (RosterStorage *storage,
                    const char    *query,
                    guint          limit,
                    gint64         user_id)
{
  g_autoptr(GError) error = NULL;
  RosterParticipantQuery participants = {
    .course_id = COURSE, .query = query, .role = ROSTER_ROLE_NONE, .status = -1, .user_type = -1,
    .method_type = -1, .limit = limit,
  };
  Count count = { user_id, 0, 0 };

  g_assert_true (roster_storage_foreach_participant (storage, &participants, count_cb, &count, &error));
  g_assert_no_error (error);
  return count;
}

/* What an import's dry run sees of the user: found, and enrolled. */
static void
check_import_view (RosterStorage *storage,
                   const char    *username,
                   gint64         user_id)
{
  RosterImportStorage *imports = ROSTER_IMPORT_STORAGE (storage);
  g_autoptr(RosterImportUser) by_username = NULL;
  g_autoptr(RosterImportUser) by_email = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportSession *session;
  gboolean enrolled = FALSE;

  session = roster_import_storage_begin (imports, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_storage_find_user (imports, session, username, NULL, &by_username, &by_email,
                                                  &error));
  g_assert_no_error (error);
  g_assert_nonnull (by_username);
  g_assert_cmpint (by_username->id, ==, user_id);
  g_assert_true (roster_import_storage_is_enrolled (imports, session, COURSE, user_id, &enrolled, &error));
  g_assert_true (enrolled);
  g_assert_true (roster_import_storage_end (imports, session, FALSE, &error));
  g_assert_no_error (error);
}

/* One round of a thread: an account, a session, an enrolment, a group,
 * and each read back, every call on the pool's one connection. */
static void
run_round (RosterStorage *storage,
           guint          thread,
           guint          round)
{
  g_autofree char *username = g_strdup_printf ("w%u-r%u", thread, round);
  g_autofree char *email = g_strdup_printf ("%s@pool.example", username);
  g_autofree char *token = g_strdup_printf ("token-%s", username);
  g_autofree char *group_name = g_strdup_printf ("Group %s", username);
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(RosterUser) signed_in = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(RosterEnrolment) enrolment = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = { .action = "test.pool", .course_id = COURSE };
  RosterAuditQuery query = { .action = "user.create" };
  gboolean expired = TRUE;
  gboolean added = FALSE;
  gint64 user_id, enrolment_id, group_id;
  Count count;

  user_id = storage_fixture_create_user (storage, username, email);
  user = roster_storage_get_user (storage, user_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_username (user), ==, username);
  credentials = storage_fixture_get_credentials (storage, email);
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->user_id, ==, user_id);

  g_assert_true (roster_storage_record_login_success (storage, user_id, token, NOW, NOW + 3600, &audit, &error));
  g_assert_no_error (error);
  signed_in = roster_storage_lookup_token (storage, token, NOW, &expired, &error);
  g_assert_no_error (error);
  g_assert_false (expired);
  g_assert_nonnull (signed_in);
  g_assert_cmpint (roster_user_get_id (signed_in), ==, user_id);

  enrolment_id = roster_storage_create_enrolment (storage, COURSE, user_id, ROSTER_ROLE_STUDENT,
                                                  ROSTER_ENROLMENT_ACTIVE, 0, 0, &audit, &error);
  g_assert_no_error (error);
  enrolment = roster_storage_get_enrolment (storage, enrolment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (enrolment->user_id, ==, user_id);

  group_id = roster_storage_create_group (storage, COURSE, group_name, NULL, &audit, &error);
  g_assert_no_error (error);
  g_assert_true (roster_storage_add_group_member (storage, group_id, user_id, &audit, &added, &error));
  g_assert_no_error (error);
  g_assert_true (added);
  groups = roster_storage_list_groups (storage, COURSE, user_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, 1);
  g_assert_cmpstr (roster_group_get_name (g_ptr_array_index (groups, 0)), ==, group_name);

  count = count_participants (storage, username, 0, user_id);
  g_assert_cmpuint (count.n_rows, ==, 1);
  g_assert_cmpuint (count.n_mine, ==, 1);
  count = count_participants (storage, username, 10, user_id);
  g_assert_cmpuint (count.n_mine, ==, 1);
  check_import_view (storage, username, user_id);

  query.user_id = user_id;
  events = roster_storage_list_audit (storage, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  g_assert_true (roster_storage_delete_token (storage, token, &audit, &error));
  g_assert_no_error (error);
  g_clear_object (&signed_in);
  signed_in = roster_storage_lookup_token (storage, token, NOW, &expired, &error);
  g_assert_no_error (error);
  g_assert_null (signed_in);
}

typedef struct
{
  RosterStorage *storage;
  guint          index;
} Worker;

static gpointer
worker_thread (gpointer data)
{
  Worker *worker = data;

  for (guint round = 0; round < N_ROUNDS; round++)
    run_round (worker->storage, worker->index, round);

  return NULL;
}

/* Threads take turns on one writer and one reader connection, as many
 * times as they call the storage; whichever way their calls interleave,
 * each reads back exactly what it wrote. Nothing waits on time: the
 * threads simply run to the end and are joined. */
static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  Worker workers[N_THREADS];
  GThread *threads[N_THREADS];
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  Count count;

  for (guint i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { fixture->storage, i };
      threads[i] = g_thread_new ("pool-worker", worker_thread, &workers[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  /* Everything each of them made is there, once. */
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, N_THREADS * N_ROUNDS);
  count = count_participants (fixture->storage, NULL, 0, 0);
  g_assert_cmpuint (count.n_rows, ==, N_THREADS * N_ROUNDS);
  groups = roster_storage_list_groups (fixture->storage, COURSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (groups->len, ==, N_THREADS * N_ROUNDS);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "user.create"), ==, N_THREADS * N_ROUNDS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (data), set_up, func, storage_fixture_tear_down)

  ADD ("/sqlite/pool/lease-scope", FALSE, test_lease_scope);
  ADD ("/sqlite/pool/lease-scope-reader", TRUE, test_lease_scope);
  ADD ("/sqlite/pool/open-statement", FALSE, test_release_open_statement);
  ADD ("/sqlite/pool/open-statement-reader", TRUE, test_release_open_statement);
  ADD ("/sqlite/pool/open-transaction", FALSE, test_release_in_transaction);
  ADD ("/sqlite/pool/open-transaction-reader", TRUE, test_release_in_transaction);
  ADD ("/sqlite/pool/threads", FALSE, test_threads);

#undef ADD

  return g_test_run ();
}
