/* roster-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "roster-test-server.h"
#include "roster-test-wait.h"

struct _RosterTestServer
{
  GSubprocess  *process;
  char         *tmp_dir;
  char         *data_dir;
  char         *log_path;
  char         *url;
  gboolean      own_data_dir;
  SoupSession  *session;
  char         *database;     /* the postgresql:// URI, or NULL for SQLite */
  char         *database_name;  /* to drop with the server's own data */
};

void
roster_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          roster_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* ---- PostgreSQL ----
 *
 * With ROSTER_TEST_DATABASE=postgresql every server runs on a database of
 * its own, made in the cluster $ROSTER_TEST_PG_URI names (see
 * pg-cluster.sh, which sets both). A server restarted on the same data
 * folder finds its database again: its URI is kept in a file next to the
 * data. A server's own data, and so its database, goes when it stops;
 * databases of folders a test made stay until the cluster goes. */

#define PG_DATABASE_FILE "test-database-uri"

gboolean
roster_test_database_is_postgresql (void)
{
  return g_strcmp0 (g_getenv ("ROSTER_TEST_DATABASE"), "postgresql") == 0;
}

static void
pg_admin_exec (const char *sql)
{
  const char *cluster = g_getenv ("ROSTER_TEST_PG_URI");
  PGconn *conn;
  PGresult *result;

  if (cluster == NULL)
    g_error ("ROSTER_TEST_DATABASE=postgresql needs ROSTER_TEST_PG_URI (tests/server/pg-cluster.sh sets it)");

  conn = PQconnectdb (cluster);
  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to the test cluster %s: %s", cluster, PQerrorMessage (conn));

  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));

  PQclear (result);
  PQfinish (conn);
}

/* The URI of the cluster's database @name. */
static char *
pg_database_uri (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) cluster = g_uri_parse (g_getenv ("ROSTER_TEST_PG_URI"), G_URI_FLAGS_NONE, &error);
  g_autofree char *path = g_strconcat ("/", name, NULL);

  g_assert_no_error (error);
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (cluster), g_uri_get_userinfo (cluster),
                     g_uri_get_host (cluster), g_uri_get_port (cluster), path,
                     g_uri_get_query (cluster), NULL);
}

/* The database of the data in @folder: found again, or made. */
static void
pg_prepare (RosterTestServer *self,
            const char       *folder)
{
  static guint counter;
  g_autofree char *file = g_build_filename (folder, PG_DATABASE_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *contents = NULL;

  if (g_file_get_contents (file, &contents, NULL, NULL))
    {
      self->database = g_strstrip (contents);
      return;
    }

  /* Unique across the test programs that share a cluster. */
  self->database_name = g_strdup_printf ("roster_test_%d_%u", (int) getpid (), ++counter);
  sql = g_strdup_printf ("CREATE DATABASE %s", self->database_name);
  pg_admin_exec (sql);

  self->database = pg_database_uri (self->database_name);
  g_file_set_contents (file, self->database, -1, &error);
  g_assert_no_error (error);
}

char *
roster_test_database_for_data_dir (const char *data_dir)
{
  RosterTestServer found = { 0, };

  if (!roster_test_database_is_postgresql ())
    return NULL;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  pg_prepare (&found, data_dir);
  g_free (found.database_name);
  return found.database;
}

/* @config with its [server] database naming the test's database. */
static char *
pg_config (RosterTestServer *self,
           const char       *config)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  if (config != NULL)
    {
      g_key_file_load_from_data (keyfile, config, -1, G_KEY_FILE_KEEP_COMMENTS, &error);
      g_assert_no_error (error);
    }
  g_key_file_set_string (keyfile, "server", "database", self->database);
  return g_key_file_to_data (keyfile, NULL, NULL);
}

static void
print_log (RosterTestServer *self)
{
  g_autofree char *log = roster_test_server_read_log (self);

  g_printerr ("---- roster-server log ----\n%s---- end of log ----\n", log ? log : "");
}

/* In the server, before it runs: a test that aborts on a failed
 * assertion never reaches its teardown, and its server would be left
 * running for good. */
static void
die_with_test (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

RosterTestServer *
roster_test_server_start (const RosterTestServerOptions *options)
{
  RosterTestServerOptions defaults = { 0, };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GTlsDatabase) ca = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = NULL;
  const char *binary = g_getenv ("ROSTER_SERVER");
  RosterTestServer *self;

  if (options == NULL)
    options = &defaults;

  g_assert_nonnull (binary);

  self = g_new0 (RosterTestServer, 1);
  self->tmp_dir = g_dir_make_tmp ("roster-test-XXXXXX", &error);
  g_assert_no_error (error);

  if (options->data_dir != NULL)
    self->data_dir = g_strdup (options->data_dir);
  else
    {
      self->data_dir = g_build_filename (self->tmp_dir, "data", NULL);
      self->own_data_dir = TRUE;
    }
  self->log_path = g_build_filename (self->tmp_dir, "server.log", NULL);

  /* $ROSTER_SERVER_WRAPPER runs the server under a tool (valgrind, see
   * the "valgrind" test setup); its options are separated by spaces. */
  if (g_getenv ("ROSTER_SERVER_WRAPPER") != NULL && *g_getenv ("ROSTER_SERVER_WRAPPER") != '\0')
    {
      g_auto(GStrv) wrapper = g_strsplit (g_getenv ("ROSTER_SERVER_WRAPPER"), " ", -1);

      for (guint i = 0; wrapper[i] != NULL; i++)
        if (*wrapper[i] != '\0')
          g_ptr_array_add (argv, g_strdup (wrapper[i]));
    }
  g_ptr_array_add (argv, g_strdup (binary));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (self->data_dir));
  g_ptr_array_add (argv, g_strdup ("--listen"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1:0"));
  g_ptr_array_add (argv, g_strdup ("--verbose"));
  if (options->demo)
    g_ptr_array_add (argv, g_strdup ("--demo"));
  if (roster_test_database_is_postgresql () && !options->sqlite)
    {
      g_autofree char *config_path = g_build_filename (self->tmp_dir, "test.ini", NULL);
      g_autofree char *config = NULL;

      pg_prepare (self, self->own_data_dir ? self->tmp_dir : self->data_dir);
      config = pg_config (self, options->config);
      g_file_set_contents (config_path, config, -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (argv, g_strdup ("--config"));
      g_ptr_array_add (argv, g_steal_pointer (&config_path));
    }
  else if (options->config != NULL)
    {
      g_autofree char *config_path = g_build_filename (self->tmp_dir, "test.ini", NULL);

      g_file_set_contents (config_path, options->config, -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (argv, g_strdup ("--config"));
      g_ptr_array_add (argv, g_steal_pointer (&config_path));
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_test, NULL, NULL);
  /* The server is leak-checked even when this test program is not
   * (see tests/meson.build). */
  if (g_getenv ("ROSTER_TEST_SERVER_ASAN_OPTIONS") != NULL)
    g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", g_getenv ("ROSTER_TEST_SERVER_ASAN_OPTIONS"), TRUE);
  for (guint i = 0; options->environment != NULL && options->environment[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (options->environment[i], "=", 2);

      g_assert_nonnull (pair[1]);
      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  g_subprocess_launcher_set_stderr_file_path (launcher, self->log_path);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The server prints "listening on URL" once it accepts connections;
   * until then it may print the demo summary. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      if (line == NULL)
        {
          print_log (self);
          g_error ("roster-server exited before listening: %s", error ? error->message : "end of output");
        }
      if (g_str_has_prefix (line, "listening on "))
        {
          self->url = g_strdup (line + strlen ("listening on "));
          break;
        }
    }

  cert = g_build_filename (self->data_dir, "cert.pem", NULL);
  ca = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);

  self->session = soup_session_new_with_options ("tls-database", ca, "timeout", 60, NULL);

  return self;
}

static void
server_free (RosterTestServer *self)
{
  g_clear_object (&self->process);
  if (self->own_data_dir && self->database_name != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                                              self->database_name);
      pg_admin_exec (sql);
    }
  g_free (self->database);
  g_free (self->database_name);
  roster_test_rm_rf (self->tmp_dir);
  g_free (self->tmp_dir);
  g_free (self->data_dir);
  g_free (self->log_path);
  g_free (self->url);
  g_free (self);
}

void
roster_test_server_stop (RosterTestServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  g_clear_object (&self->session);

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);

  /* A clean exit: not killed, status 0 (the sanitizers turn leaks and
   * undefined behaviour into other statuses). */
  if (!g_subprocess_get_if_exited (self->process) || g_subprocess_get_exit_status (self->process) != 0)
    {
      print_log (self);
      g_error ("roster-server did not exit cleanly (exited %d, status %d)",
               g_subprocess_get_if_exited (self->process),
               g_subprocess_get_if_exited (self->process) ? g_subprocess_get_exit_status (self->process) : -1);
    }

  server_free (self);
}

void
roster_test_server_kill (RosterTestServer *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->session);

  g_subprocess_force_exit (self->process);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (self->process));
  g_assert_cmpint (g_subprocess_get_term_sig (self->process), ==, SIGKILL);

  server_free (self);
}

const char *
roster_test_server_get_url (RosterTestServer *self)
{
  return self->url;
}

const char *
roster_test_server_get_data_dir (RosterTestServer *self)
{
  return self->data_dir;
}

SoupSession *
roster_test_server_get_session (RosterTestServer *self)
{
  return self->session;
}

char *
roster_test_server_read_log (RosterTestServer *self)
{
  char *contents = NULL;

  g_file_get_contents (self->log_path, &contents, NULL, NULL);
  return contents;
}

typedef struct
{
  RosterTestServer *server;
  const char       *text;
} LogWait;

static gboolean
log_holds (const char *folder,
           gpointer    data)
{
  LogWait *wait = data;
  g_autofree char *log = roster_test_server_read_log (wait->server);

  return log != NULL && strstr (log, wait->text) != NULL;
}

gboolean
roster_test_server_wait_for_log (RosterTestServer *self,
                                 const char       *text,
                                 guint             timeout_seconds)
{
  LogWait wait = { self, text };

  /* The log is the only file in its folder that changes. */
  return roster_test_wait_for_folder (self->tmp_dir, log_holds, &wait, timeout_seconds);
}

RosterStorage *
roster_test_server_open_storage (RosterTestServer *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, "roster.db", NULL);
  g_autoptr(GError) error = NULL;
  RosterStorage *storage;

  storage = roster_storage_open (self->database ? self->database : path, 1, &error);
  g_assert_no_error (error);

  return storage;
}

RosterStorage *
roster_test_open_data_dir_storage (const char *data_dir)
{
  g_autofree char *path = g_build_filename (data_dir, "roster.db", NULL);
  g_autoptr(GError) error = NULL;
  RosterTestServer folder = { 0, };
  RosterStorage *storage;

  /* Only the database of the folder: it stays with the folder. */
  if (roster_test_database_is_postgresql ())
    pg_prepare (&folder, data_dir);

  storage = roster_storage_open (folder.database ? folder.database : path, 1, &error);
  g_assert_no_error (error);

  g_free (folder.database);
  g_free (folder.database_name);
  return storage;
}

gint64
roster_test_server_query_int (RosterTestServer *self,
                              const char       *sql)
{
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (self->database != NULL)
    {
      PGconn *conn = PQconnectdb (self->database);
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, sql);
      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) < 1)
        g_error ("%s: %s", sql, PQerrorMessage (conn));
      value = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      PQfinish (conn);
      return value;
    }

  path = g_build_filename (self->data_dir, "roster.db", NULL);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

guint
roster_test_server_count_rows_with (RosterTestServer *self,
                                    const void       *needle,
                                    gsize             needle_len)
{
  g_autofree char *text = g_strndup (needle, needle_len);
  g_autoptr(GString) hex = g_string_new (NULL);
  const char *values[2];
  PGconn *conn;
  PGresult *result;
  guint count;

  g_assert_nonnull (self->database);

  /* A BYTEA reads as \x and lower-case hex digits in a row's text. */
  for (gsize i = 0; i < needle_len; i++)
    g_string_append_printf (hex, "%02x", ((const guint8 *) needle)[i]);
  values[0] = g_utf8_validate (text, needle_len, NULL) && strlen (text) == needle_len ? text : hex->str;
  values[1] = hex->str;

  /* Each table's rows, whole, as text: every column at once. The
   * statement for each table is made by format() on the server, the
   * needle quoted there by %L. */
  conn = PQconnectdb (self->database);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexecParams (conn,
                         "SELECT coalesce (sum ((xpath ('//n/text()', query_to_xml (format ("
                         "  'SELECT count(*) AS n FROM %I.%I x"
                         "    WHERE strpos (lower (x::text), lower (%L)) > 0 OR strpos (x::text, %L) > 0',"
                         "  table_schema, table_name, $1::text, $2::text), false, true, '')))[1]::text::bigint), 0)"
                         " FROM information_schema.tables"
                         " WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'",
                         2, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("count rows: %s", PQerrorMessage (conn));
  count = (guint) g_ascii_strtoull (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);

  return count;
}

RosterTestResponse *
roster_test_request_bytes (RosterTestServer *self,
                           const char       *method,
                           const char       *path,
                           const char       *token,
                           const char       *content_type,
                           GBytes           *body)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  RosterTestResponse *response;
  const char *data;
  gsize len = 0;

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", token);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  response = g_new0 (RosterTestResponse, 1);
  response->body = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  data = g_bytes_get_data (response->body, &len);
  if (len > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, data, len, NULL))
        response->json = json_node_copy (json_parser_get_root (parser));
    }

  return response;
}

RosterTestResponse *
roster_test_request (RosterTestServer *self,
                     const char       *method,
                     const char       *path,
                     const char       *token,
                     const char       *content_type,
                     const char       *body)
{
  g_autoptr(GBytes) bytes = body ? g_bytes_new (body, strlen (body)) : NULL;

  return roster_test_request_bytes (self, method, path, token, content_type, bytes);
}

RosterTestResponse *
roster_test_get (RosterTestServer *self,
                 const char       *path,
                 const char       *token)
{
  return roster_test_request (self, "GET", path, token, NULL, NULL);
}

RosterTestResponse *
roster_test_post_json (RosterTestServer *self,
                       const char       *path,
                       const char       *token,
                       const char       *body)
{
  return roster_test_request (self, "POST", path, token, "application/json", body);
}

void
roster_test_response_free (RosterTestResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response);
}

JsonObject *
roster_test_response_object (RosterTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

const char *
roster_test_response_error_code (RosterTestResponse *response)
{
  JsonObject *root = roster_test_response_object (response);
  JsonObject *error;

  g_assert_true (json_object_has_member (root, "error"));
  error = json_object_get_object_member (root, "error");
  g_assert_nonnull (error);
  g_assert_nonnull (json_object_get_string_member (error, "message"));
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (error, "details")));

  return json_object_get_string_member (error, "code");
}

char *
roster_test_login (RosterTestServer *self,
                   const char       *username,
                   const char       *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(RosterTestResponse) response = NULL;
  g_autofree char *body = NULL;
  JsonObject *object;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, NULL);

  response = roster_test_post_json (self, "/api/v1/auth/login", NULL, body);
  if (response->status != 200)
    g_error ("login as %s failed: %u %.*s", username, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));

  object = roster_test_response_object (response);
  return g_strdup (json_object_get_string_member (object, "token"));
}

void
roster_test_fixture_start_demo (RosterTestFixture *fixture,
                                gconstpointer      data)
{
  RosterTestServerOptions options = { .demo = TRUE };

  fixture->server = roster_test_server_start (&options);
}

void
roster_test_fixture_stop (RosterTestFixture *fixture,
                          gconstpointer      data)
{
  g_clear_pointer (&fixture->server, roster_test_server_stop);
}
