/* main.c: roster-server's command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-server"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "roster-demo.h"
#include "roster-password.h"
#include "roster-pg-migrate.h"
#include "roster-server.h"

static gboolean verbose;

/* Info and debug only with --verbose; to the journal when started by
 * systemd, else all of it to stderr (GLib's standard writer would put
 * info on stdout, which belongs to the "listening on" line). */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_DEBUG) && !verbose)
    return G_LOG_WRITER_HANDLED;
  if ((log_level & G_LOG_LEVEL_INFO) && !verbose)
    return G_LOG_WRITER_HANDLED;

  if (g_log_writer_is_journald (fileno (stderr)) &&
      g_log_writer_journald (log_level, fields, n_fields, user_data) == G_LOG_WRITER_HANDLED)
    return G_LOG_WRITER_HANDLED;

  {
    g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields,
                                                        g_log_writer_supports_color (fileno (stderr)));

    fprintf (stderr, "%s\n", line);
    fflush (stderr);
  }

  return G_LOG_WRITER_HANDLED;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static char *
read_line (FILE *in)
{
  g_autoptr(GString) line = g_string_new (NULL);
  int c;

  while ((c = fgetc (in)) != EOF && c != '\n')
    g_string_append_c (line, (char) c);

  if (c == EOF && line->len == 0)
    return NULL;
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

static char *
prompt_hidden (const char *prompt)
{
  struct termios saved, quiet;
  char *answer;

  fputs (prompt, stderr);
  fflush (stderr);

  tcgetattr (STDIN_FILENO, &saved);
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  answer = read_line (stdin);
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);

  return answer;
}

static void
clear_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

typedef char char_secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_secret, clear_free)

static int
create_admin (RosterServerConfig *config,
              const char         *username,
              const char         *email)
{
  g_autoptr(RosterStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_secret) password = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *details = NULL;
  RosterNewUser user = {
    .username = username,
    .email = email,
    .type = ROSTER_USER_TYPE_STAFF,
    .state = ROSTER_USER_STATE_ACTIVE,
    .site_admin = TRUE,
  };
  RosterAuditEvent audit = {
    .action = "user.created",
    .object_type = "user",
    .remote_address = "command line",
  };

  if (g_mkdir_with_parents (config->data_dir, 0700) != 0)
    {
      g_printerr (_("Could not create the data folder %s: %s\n"), config->data_dir, g_strerror (errno));
      return 1;
    }

  if (isatty (STDIN_FILENO))
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), username);
      g_autoptr(char_secret) again = NULL;

      password = prompt_hidden (prompt);
      if (password != NULL && roster_password_check_policy (password, &error))
        {
          again = prompt_hidden (_("The same password again: "));
          if (g_strcmp0 (password, again) != 0)
            {
              g_printerr (_("The passwords differ; nothing was changed.\n"));
              return 1;
            }
        }
    }
  else
    password = read_line (stdin);

  if (password == NULL)
    {
      g_printerr (_("No password given; nothing was changed.\n"));
      return 1;
    }
  if (error != NULL || !roster_password_check_policy (password, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  storage = roster_storage_open (config->database, 1, &error);
  if (storage == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  hash = roster_password_hash (password, &error);
  if (hash == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  user.password_hash = hash;
  details = g_strdup ("{\"via\":\"create-admin\",\"site_admin\":true}");
  audit.details = details;

  if (roster_storage_create_user (storage, &user, &audit, &error) == 0)
    {
      g_printerr (_("Could not create %s: %s\n"), username, error->message);
      return 1;
    }

  g_print (_("Created the site administrator %s.\n"), username);
  return 0;
}

static void
print_progress (const char *table,
                gint64      rows,
                gpointer    data)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, rows);

  g_print (_("%s: %s rows copied\n"), table, count);
}

static int
migrate_to_postgresql (RosterServerConfig *config,
                       const char         *sqlite_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  if (!roster_server_config_is_postgresql (config->database))
    {
      g_printerr (_("migrate-sqlite-to-postgresql copies into the database of --config: "
                    "its [server] database must be a postgresql:// URI\n"));
      return 2;
    }

  target = roster_pg_redact_uri (config->database);
  if (!roster_pg_migrate_from_sqlite (sqlite_path, config->database, print_progress, NULL, &error))
    {
      g_printerr (_("Could not migrate %s to %s: %s\n"), sqlite_path, target, error->message);
      return 1;
    }

  g_print (_("Copied %s to %s.\n"), sqlite_path, target);
  return 0;
}

/* --check-config with a postgresql:// database: whether the server
 * could reach it, with a short wait. The URI is shown without its
 * password. */
static gboolean
check_database (const char  *database,
                GError     **error)
{
  g_autofree char *shown = roster_pg_redact_uri (database);
  g_autofree char *server_version = NULL;
  int version = 0;

  if (!roster_pg_check_connection (database, 5, &version, &server_version, error))
    {
      g_prefix_error (error, "%s: ", shown);
      return FALSE;
    }

  if (version > (int) roster_pg_latest_schema_version ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("The database has schema version %d, newer than this server knows (%u); "
                     "run a newer roster-server"),
                   version, roster_pg_latest_schema_version ());
      g_prefix_error (error, "%s: ", shown);
      return FALSE;
    }
  if (version == 0)
    g_print (_("%s: reachable (PostgreSQL %s); no schema yet, the server will make it\n"),
             shown, server_version);
  else
    g_print (_("%s: reachable (PostgreSQL %s); schema version %d, this server’s is %u\n"),
             shown, server_version, version, roster_pg_latest_schema_version ());
  return TRUE;
}

/* --check-config: what the server would say of the file at start, plus
 * the settings it would ignore; a PostgreSQL database is connected to,
 * nothing else is opened. */
static int
check_config_file (const char *path)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;

  if (!roster_server_config_load_file (config, path, &error) ||
      !roster_server_config_check_keys (path, &error) ||
      (roster_server_config_is_postgresql (config->database) && !check_database (config->database, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print (_("%s: the settings are valid\n"), path);
  return 0;
}

static void
print_demo_summary (RosterServer *server,
                    gboolean      created)
{
  RosterServerConfig *config = roster_server_get_config (server);
  const RosterDemoLogin *logins;
  guint n_logins;

  logins = roster_demo_get_logins (&n_logins);

  printf ("Roster demo server%s\n", created ? " (new demo data)" : "");
  printf ("  Data folder:    %s\n", config->data_dir);
  printf ("  Certificate:    %s\n", config->tls_certificate);
  printf ("  SHA-256:        %s\n", roster_server_get_fingerprint (server));
  printf ("  URL:            %s\n", roster_server_get_url (server));
  printf ("  Admin login:    %s / %s\n", ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  printf ("  Other logins (password %s):\n", ROSTER_DEMO_PASSWORD);
  for (guint i = 0; i < n_logins; i++)
    {
      if (g_str_equal (logins[i].username, ROSTER_DEMO_ADMIN_USERNAME))
        continue;
      printf ("    %-12s %s\n", logins[i].username, logins[i].what);
    }
  printf ("  Enrolment key:  %s (CS101, “Visiting lecturers 2026”)\n", roster_demo_get_active_key ());
  printf ("  Try:            curl --cacert %s -X POST %s/api/v1/auth/login "
          "-d '{\"username\":\"%s\",\"password\":\"%s\"}'\n",
          config->tls_certificate, roster_server_get_url (server),
          ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
}

static int
serve (RosterServerConfig *config,
       gboolean            demo,
       guint               demo_large,
       GMainLoop          *loop)
{
  g_autoptr(RosterServer) server = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created_demo = FALSE;

  server = roster_server_new (config, &error);
  if (server == NULL)
    {
      g_printerr (_("roster-server: %s\n"), error->message);
      return 1;
    }

  if (demo)
    {
      if (!roster_demo_ensure (roster_server_get_storage (server),
                               roster_server_get_secret_box (server),
                               demo_large, &created_demo, &error))
        {
          g_printerr (_("roster-server: could not create the demo data: %s\n"), error->message);
          return 1;
        }
      if (!created_demo && demo_large > 0)
        g_printerr (_("roster-server: the data folder already holds data, so --demo-large added "
                      "nothing; use a new --data-dir for a benchmark course\n"));
    }

  if (!roster_server_listen (server, &error))
    {
      g_printerr (_("roster-server: %s\n"), error->message);
      return 1;
    }

  if (demo)
    print_demo_summary (server, created_demo);

  printf ("listening on %s\n", roster_server_get_url (server));
  fflush (stdout);

  g_main_loop_run (loop);

  roster_server_shutdown (server);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *check_config = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *email = NULL;
  gboolean demo = FALSE;
  gboolean version = FALSE;
  gint demo_large = 0;
  guint sigint_id, sigterm_id;
  int status;
  const char *command = NULL;
  const char *admin_name = NULL;
  const char *migrate_from = NULL;
  GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file, N_("Read settings from FILE (INI format)"), N_("FILE") },
    { "check-config", 0, 0, G_OPTION_ARG_FILENAME, &check_config, N_("Check the settings in FILE and exit"), N_("FILE") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen, N_("Listen on ADDRESS:PORT (default 127.0.0.1:8443)"), N_("ADDRESS:PORT") },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Keep the database, certificate and keys in DIR"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, N_("Run with demo data, made on first use"), NULL },
    { "demo-large", 0, 0, G_OPTION_ARG_INT, &demo_large, N_("With --demo: add a course with N participants"), N_("N") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("With create-admin: the administrator’s e-mail address"), N_("ADDRESS") },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Log every request"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_log_set_writer_func (log_writer, NULL, NULL);

  context = g_option_context_new (_("[create-admin USERNAME | migrate-sqlite-to-postgresql FILE]"));
  g_option_context_set_summary (context,
                                _("The Roster back-end: an HTTPS JSON API for the Roster app.\n\n"
                                  "  create-admin USERNAME   create a site administrator; the password\n"
                                  "                          is asked on the terminal, or read from\n"
                                  "                          standard input when it is not one\n"
                                  "  migrate-sqlite-to-postgresql FILE\n"
                                  "                          copy the site in the SQLite database FILE\n"
                                  "                          (stopped) into the new, empty PostgreSQL\n"
                                  "                          database that --config names; see\n"
                                  "                          docs/deploy.md"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* GLib drops info and debug messages early unless told otherwise. */
  if (verbose)
    g_log_set_debug_enabled (TRUE);

  if (version)
    {
      g_print ("roster-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (check_config != NULL)
    return check_config_file (check_config);

  if (argc > 1)
    {
      command = argv[1];
      if (argc != 3 || (!g_str_equal (command, "create-admin") &&
                        !g_str_equal (command, "migrate-sqlite-to-postgresql")))
        {
          g_printerr (_("Unknown command line “%s”; see roster-server --help\n"), command);
          return 2;
        }
      if (g_str_equal (command, "create-admin"))
        admin_name = argv[2];
      else
        migrate_from = argv[2];
    }

  if (demo_large < 0 || (demo_large > 0 && !demo))
    {
      g_printerr (_("--demo-large needs --demo and a positive number\n"));
      return 2;
    }

  /* The file first, then the command line on top of it. */
  if (config_file != NULL && !roster_server_config_load_file (config, config_file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (listen != NULL && !roster_server_config_set_listen (config, listen, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (data_dir != NULL)
    {
      g_free (config->data_dir);
      config->data_dir = g_canonicalize_filename (data_dir, NULL);
    }
  if (demo && config->data_dir == NULL)
    config->data_dir = g_build_filename (g_get_user_data_dir (), "roster-server-demo", NULL);
  roster_server_config_resolve (config);
  /* The demo needs no relay: its mail is written where one can read it. */
  if (demo && config->smtp_host == NULL && config->mail_drop_dir == NULL)
    config->mail_drop_dir = g_build_filename (config->data_dir, "mail", NULL);

  if (admin_name != NULL)
    return create_admin (config, admin_name, email);
  if (migrate_from != NULL)
    return migrate_to_postgresql (config, migrate_from);

  /* Signals are caught from here on: whoever reads "listening on" may
   * stop the server at once, and must get a clean shutdown. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);

  status = serve (g_steal_pointer (&config), demo, demo_large, loop);

  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  return status;
}
