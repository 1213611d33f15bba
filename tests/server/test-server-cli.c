/* test-server-cli.c: roster-server's command line, data folder and TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "roster-demo.h"
#include "roster-test-server.h"

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

/* Runs roster-server to completion with @input on stdin. */
static void
run_server (RunResult  *result,
            const char *input,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ROSTER_SERVER"));
  va_start (args, input);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("roster-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
test_version_and_help (void)
{
  g_auto(RunResult) version = { 0, };
  g_auto(RunResult) help = { 0, };
  g_auto(RunResult) unknown = { 0, };
  g_auto(RunResult) no_file = { 0, };
  g_auto(RunResult) large = { 0, };
  g_autofree char *expected = g_strdup_printf ("roster-server %s\n", PACKAGE_VERSION);

  run_server (&version, NULL, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, expected);

  run_server (&help, NULL, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--demo"));
  g_assert_nonnull (strstr (help.out, "create-admin"));
  g_assert_nonnull (strstr (help.out, "migrate-sqlite-to-postgresql FILE"));

  run_server (&unknown, NULL, "frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  /* The file to migrate is required. */
  run_server (&no_file, NULL, "migrate-sqlite-to-postgresql", NULL);
  g_assert_cmpint (no_file.status, ==, 2);

  run_server (&large, NULL, "--demo-large", "10", NULL);
  g_assert_cmpint (large.status, ==, 2);
}

static void
test_bad_config (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *config = g_build_filename (dir, "roster.ini", NULL);
  g_auto(RunResult) bad_value = { 0, };
  g_auto(RunResult) missing = { 0, };
  g_auto(RunResult) bad_listen = { 0, };

  g_file_set_contents (config, "[security]\nlockout-threshold=zero\n", -1, NULL);
  run_server (&bad_value, NULL, "--config", config, NULL);
  g_assert_cmpint (bad_value.status, ==, 2);
  g_assert_nonnull (strstr (bad_value.err, "lockout-threshold"));
  g_assert_nonnull (strstr (bad_value.err, config));

  run_server (&missing, NULL, "--config", "/nonexistent/roster.ini", NULL);
  g_assert_cmpint (missing.status, ==, 2);

  run_server (&bad_listen, NULL, "--listen", "example.org:443", NULL);
  g_assert_cmpint (bad_listen.status, ==, 2);

  roster_test_rm_rf (dir);
}

/* --check-config: the file only, nothing opened or made; 0 or 1. */
static void
test_check_config (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *config = g_build_filename (dir, "roster.ini", NULL);
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *contents = g_strdup_printf ("[server]\nlisten = 0.0.0.0:8443\ndata-dir = %s\n"
                                               "[mail]\nsmtp-security = tls\n"
                                               "[web]\npublic-url = https://roster.uni.example/\n",
                                               data);
  g_auto(RunResult) valid = { 0, };
  g_auto(RunResult) misspelt = { 0, };
  g_auto(RunResult) bad_value = { 0, };
  g_auto(RunResult) missing = { 0, };

  g_file_set_contents (config, contents, -1, NULL);
  run_server (&valid, NULL, "--check-config", config, NULL);
  g_assert_cmpint (valid.status, ==, 0);
  g_assert_nonnull (strstr (valid.out, config));
  g_assert_cmpstr (valid.err, ==, "");
  /* Only read: the data folder it names is not made. */
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));

  /* Ignored when serving; named here, with the group it was in. */
  g_file_set_contents (config,
                       "[server]\nlisten = 127.0.0.1:8443\ntls-cert = cert.pem\n"
                       "[smtp]\nhost = smtp.uni.example\n", -1, NULL);
  run_server (&misspelt, NULL, "--check-config", config, NULL);
  g_assert_cmpint (misspelt.status, ==, 1);
  g_assert_nonnull (strstr (misspelt.err, "[server] tls-cert"));
  g_assert_nonnull (strstr (misspelt.err, "[smtp]"));
  g_assert_null (strstr (misspelt.err, "listen"));

  g_file_set_contents (config, "[web]\npublic-url = http://roster.uni.example\n", -1, NULL);
  run_server (&bad_value, NULL, "--check-config", config, NULL);
  g_assert_cmpint (bad_value.status, ==, 1);
  g_assert_nonnull (strstr (bad_value.err, "public-url"));

  run_server (&missing, NULL, "--check-config", "/nonexistent/roster.ini", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/roster.ini"));

  roster_test_rm_rf (dir);
}

/* --check-config with a postgresql:// database: connected to, with the
 * answer or libpq's error, and the password never shown. */
static void
test_check_config_postgresql (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *config = g_build_filename (dir, "roster.ini", NULL);
  static const char * const unreachable[] = {
    /* Nothing listens on port 1; the second one libpq cannot parse (and
     * its message quotes the whole URI); the third has the password in
     * the query. */
    "postgresql://roster:s3cret-Pa55@127.0.0.1:1/roster",
    "postgresql://roster:s3cret-Pa55@[::1/roster",
    "postgresql://roster@127.0.0.1:1/roster?password=s3cret-Pa55&sslmode=disable",
    "postgres://roster:s3cret%2DPa55@127.0.0.1:1/roster",
  };

  for (guint i = 0; i < G_N_ELEMENTS (unreachable); i++)
    {
      g_autofree char *contents = g_strdup_printf ("[server]\ndatabase = %s\n", unreachable[i]);
      g_auto(RunResult) result = { 0, };

      g_file_set_contents (config, contents, -1, NULL);
      run_server (&result, NULL, "--check-config", config, NULL);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_null (strstr (result.err, "s3cret"));
      g_assert_null (strstr (result.out, "s3cret"));
      g_assert_null (strstr (result.err, "valid\n"));
      if (i == 1)
        g_assert_nonnull (strstr (result.err, "Not a valid PostgreSQL connection URI"));
      else
        {
          g_assert_nonnull (strstr (result.err, "Could not connect to the PostgreSQL database"));
          g_assert_nonnull (strstr (result.err, "127.0.0.1"));
        }
    }

  /* Another kind of URI is not taken for a file name. */
  {
    g_auto(RunResult) other = { 0, };

    g_file_set_contents (config, "[server]\ndatabase = mysql://roster:s3cret-Pa55@db/roster\n", -1, NULL);
    run_server (&other, NULL, "--check-config", config, NULL);
    g_assert_cmpint (other.status, ==, 1);
    g_assert_nonnull (strstr (other.err, "database"));
    g_assert_null (strstr (other.err, "s3cret"));
  }

  if (roster_test_database_is_postgresql ())
    {
      g_autofree char *data = g_build_filename (dir, "data", NULL);
      g_autofree char *uri = roster_test_database_for_data_dir (data);
      g_autofree char *contents = g_strdup_printf ("[server]\ndatabase = %s\n", uri);
      g_auto(RunResult) empty = { 0, };
      g_auto(RunResult) served = { 0, };
      RosterTestServerOptions options = { .data_dir = data };
      RosterTestServer *server;

      g_file_set_contents (config, contents, -1, NULL);
      run_server (&empty, NULL, "--check-config", config, NULL);
      g_assert_cmpint (empty.status, ==, 0);
      g_assert_nonnull (strstr (empty.out, "reachable"));
      g_assert_nonnull (strstr (empty.out, "no schema yet"));
      g_assert_nonnull (strstr (empty.out, "the settings are valid"));

      /* Once a server has made its schema. */
      server = roster_test_server_start (&options);
      roster_test_server_stop (server);
      run_server (&served, NULL, "--check-config", config, NULL);
      g_assert_cmpint (served.status, ==, 0);
      g_assert_nonnull (strstr (served.out, "schema version"));
    }

  roster_test_rm_rf (dir);
}

static void
test_create_admin (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *config = g_build_filename (dir, "admin.ini", NULL);
  g_autofree char *database = roster_test_database_for_data_dir (data);
  g_autofree char *contents = database ? g_strdup_printf ("[server]\ndatabase = %s\n", database) : g_strdup ("");
  g_auto(RunResult) weak = { 0, };
  g_auto(RunResult) created = { 0, };
  g_auto(RunResult) again = { 0, };
  RosterTestServerOptions options = { .data_dir = data };
  RosterTestServer *server;
  g_autofree char *token = NULL;
  g_autoptr(RosterTestResponse) me = NULL;
  g_autoptr(RosterTestResponse) old = NULL;
  JsonObject *user;

  /* On PostgreSQL, the database the test's server on @data will use. */
  g_file_set_contents (config, contents, -1, NULL);

  /* Too short: refused, and nothing is created. */
  run_server (&weak, "short\n", "create-admin", "Root.Admin", "--data-dir", data, "--config", config, NULL);
  g_assert_cmpint (weak.status, ==, 1);
  g_assert_nonnull (strstr (weak.err, "12"));

  run_server (&created, "correct horse battery staple\n", "create-admin", "Root.Admin",
              "--email", "root@uni.example", "--data-dir", data, "--config", config, NULL);
  g_assert_cmpint (created.status, ==, 0);
  g_assert_nonnull (strstr (created.out, "Root.Admin"));

  /* The same name in other letters is the same person. */
  run_server (&again, "another good password\n", "create-admin", "root.admin", "--data-dir", data,
              "--config", config, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));

  server = roster_test_server_start (&options);
  old = roster_test_post_json (server, "/api/v1/auth/login", NULL,
                               "{\"username\": \"root.admin\", \"password\": \"another good password\"}");
  g_assert_cmpuint (old->status, ==, 401);
  token = roster_test_login (server, "root.admin", "correct horse battery staple");
  me = roster_test_get (server, "/api/v1/me", token);
  g_assert_cmpuint (me->status, ==, 200);
  user = json_object_get_object_member (roster_test_response_object (me), "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "Root.Admin");
  g_assert_cmpstr (json_object_get_string_member (user, "email"), ==, "root@uni.example");
  g_assert_true (json_object_get_boolean_member (roster_test_response_object (me), "site_admin"));
  roster_test_server_stop (server);

  roster_test_rm_rf (dir);
}

static char *
sha256_fingerprint_of_file (const char *pem_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (pem_path, &error);
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *hex;

  g_assert_no_error (error);
  g_object_get (cert, "certificate", &der, NULL);
  g_checksum_update (checksum, der->data, der->len);
  hex = g_checksum_get_string (checksum);
  for (guint i = 0; hex[i]; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", g_ascii_toupper (hex[i]), g_ascii_toupper (hex[i + 1]));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
summary_value (const char *out,
               const char *label)
{
  const char *line = strstr (out, label);
  const char *end;

  g_assert_nonnull (line);
  line += strlen (label);
  while (*line == ' ')
    line++;
  end = strchr (line, '\n');
  return g_strndup (line, end - line);
}

/* Reads the demo summary of a server started by hand. */
static char *
start_demo_and_read_summary (const char   *data,
                             GSubprocess **process_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("ROSTER_SERVER"), "--demo", "--data-dir", data,
                              "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_string_append_printf (summary, "%s\n", line);
      if (g_str_has_prefix (line, "listening on https://127.0.0.1:"))
        break;
    }

  *process_out = process;
  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
stop_process (GSubprocess *process)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_demo_data_folder (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "demo", NULL);
  g_autofree char *cert = g_build_filename (data, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (data, "key.pem", NULL);
  g_autofree char *server_key = g_build_filename (data, "server.key", NULL);
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GSubprocess) second = NULL;
  g_autofree char *summary1 = NULL;
  g_autofree char *summary2 = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;
  GStatBuf st;

  summary1 = start_demo_and_read_summary (data, &first);
  stop_process (first);

  g_assert_nonnull (strstr (summary1, "(new demo data)"));
  g_assert_nonnull (strstr (summary1, "admin / " ROSTER_DEMO_ADMIN_PASSWORD));

  /* The printed fingerprint is the certificate's. */
  fingerprint = sha256_fingerprint_of_file (cert);
  printed = summary_value (summary1, "SHA-256:");
  g_assert_cmpstr (printed, ==, fingerprint);

  /* Secrets are private to the server's user. */
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (server_key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (data, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  /* A second start reuses all of it. */
  summary2 = start_demo_and_read_summary (data, &second);
  stop_process (second);
  g_assert_null (strstr (summary2, "(new demo data)"));
  printed_again = summary_value (summary2, "SHA-256:");
  g_assert_cmpstr (printed_again, ==, fingerprint);

  roster_test_rm_rf (dir);
}

static void
test_demo_large (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "demo", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) storage = NULL;
  g_autoptr(GPtrArray) courses = NULL;
  g_autofree char *db = g_build_filename (data, "roster.db", NULL);
  RosterCourse *course;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("ROSTER_SERVER"), "--demo", "--demo-large", "5000",
                              "--data-dir", data, "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  {
    g_autoptr(GDataInputStream) out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
    g_autofree char *line = NULL;

    do
      {
        g_free (line);
        line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (line);
      }
    while (!g_str_has_prefix (line, "listening on "));
  }

  storage = roster_storage_open (db, 1, &error);
  g_assert_no_error (error);
  courses = roster_storage_list_courses (storage, 0, TRUE, "BENCH-5000", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (courses->len, ==, 1);
  course = g_ptr_array_index (courses, 0);
  /* The participants plus a module leader and professional staff. */
  g_assert_cmpint (roster_course_get_participant_count (course), ==, 5002);

  stop_process (process);
  roster_test_rm_rf (dir);
}

static void
test_port_in_use (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  const char *url = roster_test_server_get_url (server);
  g_autofree char *listen = g_strdup (url + strlen ("https://"));
  g_auto(RunResult) clash = { 0, };

  run_server (&clash, NULL, "--data-dir", data, "--listen", listen, NULL);
  g_assert_cmpint (clash.status, ==, 1);
  g_assert_nonnull (strstr (clash.err, "roster-server:"));

  roster_test_server_stop (server);
  roster_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/server/cli/bad-config", test_bad_config);
  g_test_add_func ("/server/cli/check-config", test_check_config);
  g_test_add_func ("/server/cli/check-config-postgresql", test_check_config_postgresql);
  g_test_add_func ("/server/cli/create-admin", test_create_admin);
  g_test_add_func ("/server/cli/demo-data-folder", test_demo_data_folder);
  g_test_add_func ("/server/cli/demo-large", test_demo_large);
  g_test_add_func ("/server/cli/port-in-use", test_port_in_use);

  return g_test_run ();
}
