/* test-pg-storage.c: the PostgreSQL driver's foundation: opening,
 * migrations, parameters and COPY, errors, and transactions that run
 * again after a serialisation failure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs in a throwaway cluster (tests/server/pg-cluster.sh run, which
 * sets ROSTER_TEST_PG_URI); each test gets a database of its own.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <libpq-fe.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-mail-storage.h"
#include "roster-pg-private.h"
#include "roster-signup-storage.h"
#include "roster-sqlite-private.h"
#include "roster-storage.h"

typedef struct
{
  char          *uri;
  RosterStorage *storage;
} Fixture;

static void
admin_exec (const char *sql)
{
  PGconn *conn = PQconnectdb (g_getenv ("ROSTER_TEST_PG_URI"));
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  data)
{
  static guint counter;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("roster_unit_%d_%u", (int) getpid (), ++counter);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(GUri) cluster = g_uri_parse (g_getenv ("ROSTER_TEST_PG_URI"), G_URI_FLAGS_NONE, &error);
  g_autofree char *path = g_strconcat ("/", name, NULL);

  g_assert_no_error (error);
  admin_exec (sql);
  fixture->uri = g_uri_join (G_URI_FLAGS_NONE, "postgresql", g_uri_get_userinfo (cluster),
                             g_uri_get_host (cluster), g_uri_get_port (cluster), path, NULL, NULL);

  fixture->storage = roster_storage_open (fixture->uri, 2, &error);
  g_assert_no_error (error);
  g_assert_true (ROSTER_IS_PG_STORAGE (fixture->storage));
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_clear_object (&fixture->storage);
  g_free (fixture->uri);
}

/* Runs @sql on the fixture's database, outside the driver. */
static char *
query_value (Fixture    *fixture,
             const char *sql)
{
  PGconn *conn = PQconnectdb (fixture->uri);
  PGresult *result;
  char *value;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    value = g_strdup (PQntuples (result) > 0 ? PQgetvalue (result, 0, 0) : "");
  else if (PQresultStatus (result) == PGRES_COMMAND_OK)
    value = g_strdup (PQcmdTuples (result));
  else
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return value;
}

/* Every method of every storage interface the driver implements is
 * there: a method left out would be a NULL call in a running server.
 * The interfaces hold nothing but their methods after the parent. */
static void
assert_complete (gconstpointer  iface,
                 gsize          size,
                 const char    *name)
{
  const gpointer *methods = (const gpointer *) ((const char *) iface + sizeof (GTypeInterface));
  gsize n = (size - sizeof (GTypeInterface)) / sizeof (gpointer);

  g_assert_cmpuint (n, >, 0);
  for (gsize i = 0; i < n; i++)
    if (methods[i] == NULL)
      g_error ("%s: method %" G_GSIZE_FORMAT " of the PostgreSQL driver is missing", name, i);
}

static void
test_complete (Fixture       *fixture,
               gconstpointer  data)
{
  gpointer storage = fixture->storage;

  /* A postgresql:// URI opens this driver, with nothing else to set. */
  g_assert_true (ROSTER_IS_PG_STORAGE (storage));
  assert_complete (ROSTER_STORAGE_GET_IFACE (storage), sizeof (RosterStorageInterface), "RosterStorage");
  assert_complete (ROSTER_IMPORT_STORAGE_GET_IFACE (storage), sizeof (RosterImportStorageInterface),
                   "RosterImportStorage");
  assert_complete (ROSTER_SIGNUP_STORAGE_GET_IFACE (storage), sizeof (RosterSignupStorageInterface),
                   "RosterSignupStorage");
  assert_complete (ROSTER_MAIL_STORAGE_GET_IFACE (storage), sizeof (RosterMailStorageInterface),
                   "RosterMailStorage");
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) again = NULL;
  g_autofree char *version = NULL;
  g_autofree char *rows = NULL;

  /* The same numbering as SQLite, so the version means the same. */
  g_assert_cmpuint (roster_pg_n_migrations, ==, roster_sqlite_n_migrations);
  g_assert_cmpint (roster_storage_get_schema_version (fixture->storage), ==, (int) roster_sqlite_n_migrations);

  /* Opening an up-to-date database changes nothing. */
  again = roster_storage_open (fixture->uri, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_storage_get_schema_version (again), ==, (int) roster_sqlite_n_migrations);
  rows = query_value (fixture, "SELECT count(*) FROM schema_version");
  g_assert_cmpstr (rows, ==, "1");

  /* The fifth kind of mail exists: migration 5 changed the CHECK. */
  g_clear_pointer (&rows, g_free);
  rows = query_value (fixture, "INSERT INTO mail_outbox (kind, recipient, created_at, next_attempt_at)"
                               " VALUES ('invite', 'a@example.org', 1, 1)");
  g_assert_cmpstr (rows, ==, "1");

  version = query_value (fixture, "UPDATE schema_version SET version = 99");
  g_clear_object (&again);
  again = roster_storage_open (fixture->uri, 1, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
  g_assert_nonnull (strstr (error->message, "newer than this server knows"));
  g_assert_null (again);
}

static void
test_users (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  RosterNewUser user = {
    "Ayşe", "Ayse@Example.org", "Ayşe", "Yılmaz", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE, "hash", FALSE,
  };
  RosterAuditEvent event = { .action = "user.created", .object_type = "user" };
  RosterAuditQuery query = { 0, };
  gint64 id, count = 0;

  id = roster_storage_create_user (fixture->storage, &user, &event, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Case-insensitive uniqueness through the folded keys: a conflict. */
  user.username = "AYŞE";
  user.email = "other@example.org";
  g_assert_cmpint (roster_storage_create_user (fixture->storage, &user, &event, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Sign-in by e-mail address, in any case. */
  credentials = roster_storage_get_credentials (fixture->storage, "ayse@EXAMPLE.org", &error);
  g_assert_no_error (error);
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->user_id, ==, id);
  g_assert_cmpstr (credentials->password_hash, ==, "hash");

  g_assert_true (roster_storage_count_users (fixture->storage, &count, &error));
  g_assert_cmpint (count, ==, 1);

  /* The audit event went with the row, naming it; the failed one did not. */
  audit = roster_storage_list_audit (fixture->storage, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpint (((RosterAuditRecord *) audit->pdata[0])->target_user_id, ==, id);
  g_assert_cmpstr (((RosterAuditRecord *) audit->pdata[0])->target_username, ==, "Ayşe");
}

static void
test_dataset (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) loaded = NULL;
  RosterDatasetUser row = {
    .id = 500, .username = "tabs", .email = "tabs@example.org",
    /* What COPY's text format must escape. */
    .first_name = "a\tb\\c\nd\re", .last_name = "\\N",
    .type = ROSTER_USER_TYPE_STUDENT, .state = ROSTER_USER_STATE_ACTIVE, .created_at = 1,
  };
  RosterNewUser user = {
    "after", NULL, "", "", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE, NULL, FALSE,
  };
  gint64 id;

  g_array_append_val (dataset->users, row);
  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);

  loaded = roster_storage_get_user (fixture->storage, 500, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_first_name (loaded), ==, "a\tb\\c\nd\re");
  g_assert_cmpstr (roster_user_get_last_name (loaded), ==, "\\N");

  /* The identity moved past the loaded ids. */
  id = roster_storage_create_user (fixture->storage, &user, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 500);
}

static gint64
import_job (Fixture           *fixture,
            RosterImportState  state)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (fixture->storage);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportJob) job = NULL;
  RosterImportJob record = { .course_id = 1, .file_name = (char *) "people.csv", .options = (char *) "{}" };
  RosterAuditEvent audit = { .action = "import.started", .course_id = 1, .object_type = "import" };
  gint64 id = roster_import_storage_create_job (store, &record, &audit, &error);

  g_assert_no_error (error);
  job = roster_import_storage_get_job (store, id, &error);
  g_assert_no_error (error);
  job->state = state;
  g_assert_true (roster_import_storage_update_job (store, job, &error));
  g_assert_no_error (error);
  return id;
}

static gboolean
request_cancel (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = { .action = "import.cancelled", .course_id = 1, .object_type = "import", .object_id = id };
  gboolean requested = TRUE;

  g_assert_true (roster_import_storage_request_cancel (ROSTER_IMPORT_STORAGE (fixture->storage), id, &audit,
                                                       &requested, &error));
  g_assert_no_error (error);
  return requested;
}

/* Another server asks for a queued or running job to be cancelled (with
 * its event), never for an ended one; the owner saves its progress, for
 * the others to show, and reads the request as it does. */
static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (fixture->storage);
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse course = { 1, 0, "DB101", "Databases", ROSTER_GROUP_MODE_NONE, FALSE, 1000 };
  gboolean cancel_requested = TRUE;
  gint64 queued, running, ended;
  g_autofree char *events = NULL;
  g_autofree char *saved = NULL;

  g_array_append_val (dataset->courses, course);
  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
  queued = import_job (fixture, ROSTER_IMPORT_STATE_QUEUED);
  running = import_job (fixture, ROSTER_IMPORT_STATE_RUNNING);
  ended = import_job (fixture, ROSTER_IMPORT_STATE_DONE);

  g_assert_true (roster_import_storage_save_progress (store, running, 10, 4, TRUE, &cancel_requested, &error));
  g_assert_no_error (error);
  g_assert_false (cancel_requested);
  job = roster_import_storage_get_job (store, running, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (job->rows_total, ==, 10);
  g_assert_cmpuint (job->rows_done, ==, 4);
  g_assert_true (job->importing);
  g_assert_false (job->cancel_requested);
  g_clear_pointer (&job, roster_import_job_free);

  g_assert_true (request_cancel (fixture, queued));
  g_assert_true (request_cancel (fixture, running));
  g_assert_false (request_cancel (fixture, ended));
  events = query_value (fixture, "SELECT string_agg(object_id::text, ',' ORDER BY object_id) FROM audit_events"
                                 " WHERE action = 'import.cancelled'");
  g_assert_cmpstr (events, ==, "1,2");

  g_assert_true (roster_import_storage_save_progress (store, running, 10, 5, TRUE, &cancel_requested, &error));
  g_assert_no_error (error);
  g_assert_true (cancel_requested);
  job = roster_import_storage_get_job (store, queued, &error);
  g_assert_no_error (error);
  g_assert_true (job->cancel_requested);

  /* An ended job's row is the owner's last word. */
  g_assert_true (roster_import_storage_save_progress (store, ended, 10, 7, TRUE, &cancel_requested, &error));
  g_assert_no_error (error);
  g_assert_false (cancel_requested);
  saved = query_value (fixture, "SELECT rows_done FROM import_jobs WHERE id = 3");
  g_assert_cmpstr (saved, ==, "0");
}

static char *
hash_email (const char *email_key,
            gpointer    data)
{
  return g_strconcat ("hash:", email_key, NULL);
}

static void
test_erased_email (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  RosterNewUser person = {
    "r.fischer", "Rachel.Fischer@example.org", "Rachel", "Fischer", ROSTER_USER_TYPE_EXTERNAL,
    ROSTER_USER_STATE_ACTIVE, NULL, FALSE,
  };
  gboolean erased = TRUE;
  gint64 id;

  id = roster_storage_create_user (fixture->storage, &person, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (roster_storage_is_erased_email (fixture->storage, "hash:rachel.fischer@example.org", &erased,
                                                 &error));
  g_assert_no_error (error);
  g_assert_false (erased);

  /* The keyed hash of the folded address stays; nothing else does. */
  g_assert_true (roster_storage_erase_user (fixture->storage, id, hash_email, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (roster_storage_is_erased_email (fixture->storage, "hash:rachel.fischer@example.org", &erased,
                                                 &error));
  g_assert_no_error (error);
  g_assert_true (erased);

  user = roster_storage_get_user (fixture->storage, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ERASED);
  g_assert_null (roster_user_get_email (user));

  g_assert_false (roster_storage_erase_user (fixture->storage, id, hash_email, NULL, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

#define N_FAILURES 15

static gpointer
fail_logins (gpointer data)
{
  RosterStorage *storage = data;
  RosterAuditEvent event = { .action = "auth.login_failed" };

  for (guint i = 0; i < N_FAILURES; i++)
    {
      g_autoptr(GError) error = NULL;
      RosterLoginFailure result;

      if (!roster_storage_record_login_failure (storage, 1, 1000, 1000, 60, &event, NULL, &result, &error))
        g_error ("login failure: %s", error->message);
    }

  return NULL;
}

static void
test_concurrent_counter (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) other = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  RosterDatasetUser row = {
    .id = 1, .username = "count", .type = ROSTER_USER_TYPE_STAFF, .state = ROSTER_USER_STATE_ACTIVE,
    .created_at = 1,
  };
  GThread *threads[4];

  g_array_append_val (dataset->users, row);
  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);

  /* Two storages stand for two servers; two threads on each. Every
   * read-then-write of the counter must count: none lost. */
  other = roster_storage_open (fixture->uri, 2, &error);
  g_assert_no_error (error);
  threads[0] = g_thread_new ("a1", fail_logins, fixture->storage);
  threads[1] = g_thread_new ("a2", fail_logins, fixture->storage);
  threads[2] = g_thread_new ("b1", fail_logins, other);
  threads[3] = g_thread_new ("b2", fail_logins, other);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);

  credentials = roster_storage_get_credentials (fixture->storage, "count", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (credentials->failed_logins, ==, G_N_ELEMENTS (threads) * N_FAILURES);
}

typedef struct
{
  RosterStorage *storage;
  gint64         user_id;
  GError        *error;
} Suspension;

static gpointer
suspend (gpointer data)
{
  Suspension *suspension = data;
  RosterUser *user = roster_storage_suspend_user (suspension->storage, suspension->user_id, NULL,
                                                  &suspension->error);

  g_clear_object (&user);
  return NULL;
}

/* Two servers each suspend one of the last two active administrators at
 * once: each reads that another administrator is left, then writes.
 * SERIALIZABLE lets only one through (the other runs again and sees the
 * first), however the two interleave. */
static void
test_last_admin (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterStorage) other = NULL;
  g_autoptr(GError) error = NULL;
  Suspension suspensions[2] = { { fixture->storage, 0, NULL }, { NULL, 0, NULL } };
  RosterNewUser admin = {
    "admin.a", NULL, "", "", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE, NULL, TRUE,
  };
  GThread *threads[2];
  guint refused = 0;

  suspensions[0].user_id = roster_storage_create_user (fixture->storage, &admin, NULL, &error);
  g_assert_no_error (error);
  admin.username = "admin.b";
  suspensions[1].user_id = roster_storage_create_user (fixture->storage, &admin, NULL, &error);
  g_assert_no_error (error);

  other = roster_storage_open (fixture->uri, 2, &error);
  g_assert_no_error (error);
  suspensions[1].storage = other;

  threads[0] = g_thread_new ("a", suspend, &suspensions[0]);
  threads[1] = g_thread_new ("b", suspend, &suspensions[1]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      if (suspensions[i].error != NULL)
        {
          g_assert_error (suspensions[i].error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
          g_clear_error (&suspensions[i].error);
          refused++;
        }
    }

  g_assert_cmpuint (refused, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("ROSTER_TEST_PG_URI") == NULL)
    {
      g_test_skip ("No PostgreSQL cluster (run through tests/server/pg-cluster.sh)");
      return g_test_run ();
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/pg/open/complete", test_complete);
  ADD ("/pg/schema", test_schema);
  ADD ("/pg/users", test_users);
  ADD ("/pg/dataset", test_dataset);
  ADD ("/pg/erased-email", test_erased_email);
  ADD ("/pg/transactions/concurrent-counter", test_concurrent_counter);
  ADD ("/pg/admin/last-admin", test_last_admin);
  ADD ("/pg/imports/cancel", test_import_cancel);
#undef ADD

  return g_test_run ();
}
