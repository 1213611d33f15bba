/* test-server-migrate.c: roster-server migrate-sqlite-to-postgresql
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A site made on SQLite, changed through the API, copied into a new
 * PostgreSQL database and served from it by a server on the same data
 * folder (its certificate and its server.key, which seals the enrolment
 * keys' secrets): what the API shows must be the same. Only with
 * ROSTER_TEST_DATABASE=postgresql (meson test --suite server-pg).
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "roster-demo.h"
#include "roster-test-server.h"

#define CS101 1
#define CS101_SELF_METHOD 20

/* The demo's unconfirmed sign-ups are old: without this, housekeeping
 * would remove them (and audit it) at some moment after a start. */
#define KEEP_SIGNUPS "[web]\nunconfirmed-lifetime = 3650d\n"

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static void
run_server (RunResult  *result,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ROSTER_SERVER"));
  va_start (args, result);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

/* A configuration whose database is @uri, in @dir. */
static char *
write_config (const char *dir,
              const char *uri)
{
  g_autofree char *contents = g_strdup_printf ("[server]\ndatabase = %s\n", uri);
  char *path = g_build_filename (dir, "migrate.ini", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
skip_on_sqlite (void)
{
  if (roster_test_database_is_postgresql ())
    return FALSE;
  g_test_skip ("migrating needs PostgreSQL (meson test --suite server-pg)");
  return TRUE;
}

static JsonObject *
expect (RosterTestResponse *response,
        guint               status)
{
  if (response->status != status)
    g_error ("expected %u, got %u: %.*s", status, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
  return response->json && JSON_NODE_HOLDS_OBJECT (response->json) ? roster_test_response_object (response) : NULL;
}

static gint64
post_id (RosterTestServer *server,
         const char       *path,
         const char       *token,
         const char       *body)
{
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, path, token, body);

  return json_object_get_int_member (expect (response, 201), "id");
}

static char *
reveal (RosterTestServer *server,
        const char       *token,
        gint64            key_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal", key_id);
  g_autoptr(RosterTestResponse) response = roster_test_request (server, "POST", path, token, NULL, NULL);

  return g_strdup (json_object_get_string_member (expect (response, 200), "secret"));
}

/* What the API shows of the site, each answer as it came. */
typedef struct
{
  GBytes *participants;
  GBytes *keys;
  GBytes *groups;
  GBytes *members;
  JsonNode *audit;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_clear_pointer (&snapshot->participants, g_bytes_unref);
  g_clear_pointer (&snapshot->keys, g_bytes_unref);
  g_clear_pointer (&snapshot->groups, g_bytes_unref);
  g_clear_pointer (&snapshot->members, g_bytes_unref);
  g_clear_pointer (&snapshot->audit, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

static GBytes *
get_body (RosterTestServer *server,
          const char       *path,
          const char       *token)
{
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  expect (response, 200);
  return g_bytes_ref (response->body);
}

static void
take_snapshot (Snapshot         *snapshot,
               RosterTestServer *server,
               const char       *admin,
               gint64            group_id)
{
  g_autofree char *members = g_strdup_printf ("/api/v1/groups/%" G_GINT64_FORMAT "/members", group_id);
  g_autoptr(RosterTestResponse) audit = roster_test_get (server, "/api/v1/audit?limit=1000", admin);

  snapshot->participants = get_body (server, "/api/v1/courses/1/participants?limit=0", admin);
  snapshot->keys = get_body (server, "/api/v1/methods/20/keys", admin);
  snapshot->groups = get_body (server, "/api/v1/courses/1/groups", admin);
  snapshot->members = get_body (server, members, admin);
  expect (audit, 200);
  snapshot->audit = json_node_copy (json_object_get_member (roster_test_response_object (audit), "events"));
}

static void
assert_same_bytes (GBytes     *before,
                   GBytes     *after,
                   const char *what)
{
  if (!g_bytes_equal (before, after))
    g_error ("%s differ after the migration:\n%.*s\n----\n%.*s", what,
             (int) g_bytes_get_size (before), (const char *) g_bytes_get_data (before, NULL),
             (int) g_bytes_get_size (after), (const char *) g_bytes_get_data (after, NULL));
}

/* The site on SQLite: the demo, plus a group, a key in it, a person
 * enrolled by hand and put in the group, a reveal. */
typedef struct
{
  char   *admin;
  char   *leader;
  gint64  group_id;
  gint64  key_id;
  gint64  user_id;
  char   *secret;
} Changes;

static void
changes_clear (Changes *changes)
{
  g_free (changes->admin);
  g_free (changes->leader);
  g_free (changes->secret);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Changes, changes_clear)

static void
make_changes (Changes          *changes,
              RosterTestServer *server)
{
  g_autofree char *key_body = NULL;
  g_autofree char *enrol_body = NULL;
  g_autofree char *member_path = NULL;
  g_autoptr(RosterTestResponse) member = NULL;
  g_autoptr(RosterTestResponse) created_key = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/methods/%d/keys", CS101_SELF_METHOD);

  changes->admin = roster_test_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  changes->leader = roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);

  changes->group_id = post_id (server, "/api/v1/courses/1/groups", changes->leader,
                               "{\"name\": \"Migrated\\tgroup \\\\ 迁移\", \"description\": \"line one\\nline two\"}");
  key_body = g_strdup_printf ("{\"nickname\": \"Migration key\", \"group_id\": %" G_GINT64_FORMAT "}",
                              changes->group_id);
  created_key = roster_test_post_json (server, path, changes->leader, key_body);
  changes->key_id = json_object_get_int_member (expect (created_key, 201), "id");
  changes->secret = reveal (server, changes->leader, changes->key_id);
  g_assert_cmpstr (changes->secret, ==, json_object_get_string_member (roster_test_response_object (created_key),
                                                                        "secret"));

  changes->user_id = post_id (server, "/api/v1/users", changes->admin,
                              "{\"username\": \"z.migrated\", \"email\": \"z.migrated@partner.example\","
                              " \"first_name\": \"Zoë\", \"last_name\": \"Migrated\", \"type\": \"external\"}");
  enrol_body = g_strdup_printf ("{\"user_id\": %" G_GINT64_FORMAT ", \"role\": \"teacher\"}", changes->user_id);
  g_assert_cmpint (post_id (server, "/api/v1/courses/1/enrolments", changes->leader, enrol_body), >, 0);
  member_path = g_strdup_printf ("/api/v1/groups/%" G_GINT64_FORMAT "/members/%" G_GINT64_FORMAT,
                                 changes->group_id, changes->user_id);
  member = roster_test_request (server, "PUT", member_path, changes->leader, NULL, NULL);
  g_assert_cmpuint (member->status / 100, ==, 2);
}

static void
test_site (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *db = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *config = NULL;
  g_autofree char *secret_after = NULL;
  g_auto(Changes) changes = { 0, };
  g_auto(Snapshot) before = { 0, };
  g_auto(Snapshot) after = { 0, };
  g_auto(RunResult) migrated = { 0, };
  g_auto(RunResult) again = { 0, };
  RosterTestServerOptions on_sqlite = { .demo = TRUE, .sqlite = TRUE, .config = KEEP_SIGNUPS };
  RosterTestServerOptions on_pg = { .config = KEEP_SIGNUPS };
  RosterTestServer *server;
  JsonArray *events_before, *events_after;
  gint64 last_before;
  guint skipped = 0;

  if (skip_on_sqlite ())
    return;

  dir = g_dir_make_tmp ("roster-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (dir, "data", NULL);
  db = g_build_filename (data, "roster.db", NULL);
  on_sqlite.data_dir = data;
  on_pg.data_dir = data;

  server = roster_test_server_start (&on_sqlite);
  make_changes (&changes, server);
  take_snapshot (&before, server, changes.admin, changes.group_id);
  roster_test_server_stop (server);

  /* Into a new database: the one the next server on this folder uses. */
  uri = roster_test_database_for_data_dir (data);
  config = write_config (dir, uri);
  run_server (&migrated, "--config", config, "migrate-sqlite-to-postgresql", db, NULL);
  if (migrated.status != 0)
    g_error ("migration failed:\n%s%s", migrated.out, migrated.err);
  g_assert_nonnull (strstr (migrated.out, "users: "));
  g_assert_nonnull (strstr (migrated.out, "enrol_keys: "));
  g_assert_nonnull (strstr (migrated.out, "audit_events: "));

  server = roster_test_server_start (&on_pg);
  /* The sign-ins made on SQLite still hold (the tokens moved too), and
   * using them writes nothing within the minute: the same answers. */
  take_snapshot (&after, server, changes.admin, changes.group_id);
  assert_same_bytes (before.participants, after.participants, "participants");
  assert_same_bytes (before.keys, after.keys, "keys");
  assert_same_bytes (before.groups, after.groups, "groups");
  assert_same_bytes (before.members, after.members, "group members");
  events_before = json_node_get_array (before.audit);
  events_after = json_node_get_array (after.audit);
  g_assert_cmpuint (json_array_get_length (events_before), >, 4);
  g_assert_cmpuint (json_array_get_length (events_after), ==, json_array_get_length (events_before));
  for (guint i = 0; i < json_array_get_length (events_before); i++)
    g_assert_true (json_node_equal (json_array_get_element (events_before, i),
                                    json_array_get_element (events_after, i)));
  last_before = json_object_get_int_member (json_array_get_object_element (events_before, 0), "id");

  /* The secret is unsealed with the same server.key. */
  secret_after = reveal (server, changes.leader, changes.key_id);
  g_assert_cmpstr (secret_after, ==, changes.secret);

  /* The ids go on past the copied ones. */
  g_assert_cmpint (post_id (server, "/api/v1/courses/1/groups", changes.leader, "{\"name\": \"After\"}"),
                   >, changes.group_id);
  {
    g_autoptr(RosterTestResponse) audit = roster_test_get (server, "/api/v1/audit?limit=1000", changes.admin);
    JsonArray *events = json_object_get_array_member (expect (audit, 200), "events");

    for (guint i = 0; i < json_array_get_length (events); i++)
      if (json_object_get_int_member (json_array_get_object_element (events, i), "id") > last_before)
        skipped++;
    g_assert_cmpuint (skipped, ==, 2);   /* key.revealed, group.created */
  }
  roster_test_server_stop (server);

  /* Once more into the same database: refused, nothing changed. */
  run_server (&again, "--config", config, "migrate-sqlite-to-postgresql", db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already holds data"));
  g_assert_null (strstr (again.out, "rows copied"));

  server = roster_test_server_start (&on_pg);
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM groups WHERE name = 'After'"), ==, 1);
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM users WHERE username = 'z.migrated'"),
                   ==, 1);
  roster_test_server_stop (server);

  roster_test_rm_rf (dir);
}

/* A file that is not there, not a database, or not a Roster site's:
 * a clear message, and the target untouched. */
static void
test_bad_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *config = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *corrupt = NULL;
  g_autofree char *sqlite_config = NULL;
  g_auto(RunResult) no_file = { 0, };
  g_auto(RunResult) not_db = { 0, };
  g_auto(RunResult) not_pg = { 0, };
  RosterTestServerOptions on_pg = { 0, };
  RosterTestServer *server;

  if (skip_on_sqlite ())
    return;

  dir = g_dir_make_tmp ("roster-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (dir, "data", NULL);
  missing = g_build_filename (dir, "missing.db", NULL);
  corrupt = g_build_filename (dir, "corrupt.db", NULL);
  g_file_set_contents (corrupt, "This is not an SQLite database, though long enough to look like one.\n",
                       -1, &error);
  g_assert_no_error (error);
  uri = roster_test_database_for_data_dir (data);
  config = write_config (dir, uri);

  run_server (&no_file, "--config", config, "migrate-sqlite-to-postgresql", missing, NULL);
  g_assert_cmpint (no_file.status, ==, 1);
  g_assert_nonnull (strstr (no_file.err, missing));
  g_assert_nonnull (strstr (no_file.err, g_strerror (ENOENT)));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  run_server (&not_db, "--config", config, "migrate-sqlite-to-postgresql", corrupt, NULL);
  g_assert_cmpint (not_db.status, ==, 1);
  g_assert_nonnull (strstr (not_db.err, corrupt));
  g_assert_nonnull (strstr (not_db.err, "not a database"));

  /* The target must be PostgreSQL. */
  sqlite_config = g_build_filename (dir, "sqlite.ini", NULL);
  g_file_set_contents (sqlite_config, "[server]\ndatabase = target.db\n", -1, &error);
  g_assert_no_error (error);
  run_server (&not_pg, "--config", sqlite_config, "migrate-sqlite-to-postgresql", corrupt, NULL);
  g_assert_cmpint (not_pg.status, ==, 2);
  g_assert_nonnull (strstr (not_pg.err, "postgresql://"));

  /* Nothing was put in the target: a server on it finds no data and
   * makes its demo. */
  on_pg.data_dir = data;
  on_pg.demo = TRUE;
  server = roster_test_server_start (&on_pg);
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM groups"), >, 0);
  roster_test_server_stop (server);

  roster_test_rm_rf (dir);
}

static void
pg_exec (const char *uri,
         const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static gint64
pg_count (const char *uri,
          const char *sql)
{
  PGconn *conn = PQconnectdb (uri);
  PGresult *result = PQexec (conn, sql);
  gint64 value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return value;
}

/* Columns by name: one only the SQLite file has, or one the target
 * needs and cannot be given, is refused by name with nothing copied;
 * one only the target has, nullable, is left NULL. */
static void
test_columns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) storage = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *db = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *config = NULL;
  g_auto(RunResult) source_only = { 0, };
  g_auto(RunResult) needed = { 0, };
  g_auto(RunResult) migrated = { 0, };
  RosterTestServerOptions on_sqlite = { .demo = TRUE, .sqlite = TRUE, .config = KEEP_SIGNUPS };
  sqlite3 *sqlite = NULL;
  gsize length = 0;

  if (skip_on_sqlite ())
    return;

  dir = g_dir_make_tmp ("roster-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (dir, "data", NULL);
  db = g_build_filename (data, "roster.db", NULL);
  extra = g_build_filename (dir, "extra.db", NULL);
  on_sqlite.data_dir = data;
  roster_test_server_stop (roster_test_server_start (&on_sqlite));

  /* A copy of the site with a column of its own. */
  g_file_get_contents (db, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (extra, contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (extra, &sqlite), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sqlite, "ALTER TABLE groups ADD COLUMN legacy TEXT", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (sqlite);

  /* The target's schema, with a column of its own. */
  uri = roster_test_database_for_data_dir (data);
  config = write_config (dir, uri);
  storage = roster_storage_open (uri, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&storage);
  pg_exec (uri, "ALTER TABLE groups ADD COLUMN colour TEXT");

  run_server (&source_only, "--config", config, "migrate-sqlite-to-postgresql", extra, NULL);
  g_assert_cmpint (source_only.status, ==, 1);
  g_assert_nonnull (strstr (source_only.err, "groups.legacy"));
  g_assert_cmpint (pg_count (uri, "SELECT count(*) FROM users"), ==, 0);

  pg_exec (uri, "ALTER TABLE groups ADD COLUMN must_have TEXT NOT NULL");
  run_server (&needed, "--config", config, "migrate-sqlite-to-postgresql", db, NULL);
  g_assert_cmpint (needed.status, ==, 1);
  g_assert_nonnull (strstr (needed.err, "groups.must_have"));
  g_assert_cmpint (pg_count (uri, "SELECT count(*) FROM users"), ==, 0);

  pg_exec (uri, "ALTER TABLE groups DROP COLUMN must_have");
  run_server (&migrated, "--config", config, "migrate-sqlite-to-postgresql", db, NULL);
  if (migrated.status != 0)
    g_error ("migration failed:\n%s%s", migrated.out, migrated.err);
  g_assert_cmpint (pg_count (uri, "SELECT count(*) FROM groups"), >, 0);
  g_assert_cmpint (pg_count (uri, "SELECT count(*) FROM groups WHERE colour IS NOT NULL"), ==, 0);

  roster_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/migrate/site", test_site);
  g_test_add_func ("/server/migrate/bad-source", test_bad_source);
  g_test_add_func ("/server/migrate/columns", test_columns);

  return g_test_run ();
}
