/* test-config.c: the server's settings, from the INI file and the
 * command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "roster-server-config.h"

/* ---- durations and sizes ---- */

static void
test_parse_duration (void)
{
  static const struct {
    const char *str;
    gint64      seconds;
  } good[] = {
    { "0", 0 },
    { "90", 90 },
    { "90s", 90 },
    { "15m", 900 },
    { "12h", 43200 },
    { "7d", 604800 },
    { "1d", 86400 },
    { "0m", 0 },
  };
  static const char * const bad[] = {
    "", "m", "s", "15x", "15mm", "15ms", "-5", "+5", " 5", "5 ", "1.5h", "h1", "abc",
    "99999999999999999999",          /* more than 64 bits */
    "106751991167301d",              /* fits, but not in seconds */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 seconds = -1;

      if (!roster_parse_duration (good[i].str, &seconds))
        g_error ("“%s” should be a duration", good[i].str);
      g_assert_cmpint (seconds, ==, good[i].seconds);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 seconds = -1;

      if (roster_parse_duration (bad[i], &seconds))
        {
          g_test_message ("“%s” should not be a duration", bad[i]);
          g_test_fail ();
        }
      g_assert_cmpint (seconds, ==, -1);
    }

  {
    gint64 seconds = -1;
    g_assert_false (roster_parse_duration (NULL, &seconds));
    g_assert_cmpint (seconds, ==, -1);
  }
}

/* A number too large for 64 bits is refused like any other junk, not
 * clamped to the largest size there is. */
static void
test_parse_size_overflow (void)
{
  static const char * const bad[] = {
    "99999999999999999999",
    "18446744073709551616",          /* 2^64 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize bytes = 1;

      /* Not a fatal assertion, so that one failure does not hide the
       * tests after it. */
      if (roster_parse_size (bad[i], &bytes) || bytes != 1)
        {
          g_test_message ("“%s” was read as %" G_GSIZE_FORMAT " bytes", bad[i], bytes);
          g_test_fail ();
        }
    }
}

static void
test_parse_size (void)
{
  static const struct {
    const char *str;
    guint64     bytes;
  } good[] = {
    { "0", 0 },
    { "65536", 65536 },
    { "64k", 65536 },
    { "64K", 65536 },
    { "1M", 1048576 },
    { "1m", 1048576 },
    { "2G", G_GUINT64_CONSTANT (2147483648) },
  };
  static const char * const bad[] = {
    "", "k", "M", "64x", "64kb", "64kk", "-1", "+1", " 1", "1 ", "1.5M", "64 k", "junk",
    "99999999999999999999k",
    "17179869184G",                  /* 2^64 bytes */
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gsize bytes = 1;

      if (!roster_parse_size (good[i].str, &bytes))
        g_error ("“%s” should be a size", good[i].str);
      g_assert_cmpuint (bytes, ==, good[i].bytes);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize bytes = 1;

      if (roster_parse_size (bad[i], &bytes))
        {
          g_test_message ("“%s” should not be a size", bad[i]);
          g_test_fail ();
        }
      g_assert_cmpuint (bytes, ==, 1);
    }

  {
    gsize bytes = 1;
    g_assert_false (roster_parse_size (NULL, &bytes));
    g_assert_cmpuint (bytes, ==, 1);
  }
}

/* ---- listen address ---- */

static void
test_defaults (void)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();

  g_assert_cmpstr (config->listen_address, ==, "127.0.0.1");
  g_assert_cmpuint (config->listen_port, ==, 8443);
  g_assert_null (config->data_dir);
  g_assert_null (config->database);
  g_assert_cmpuint (config->lockout_threshold, ==, 5);
  g_assert_cmpint (config->lockout_duration, ==, 15 * 60);
  g_assert_cmpint (config->token_lifetime, ==, 12 * 3600);
  g_assert_cmpuint (config->max_body_size, ==, 1024 * 1024);
  g_assert_cmpuint (config->storage_pool_size, >=, 1);
}

static void
test_set_listen (void)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  static const struct {
    const char *str;
    const char *address;
    guint16     port;
  } good[] = {
    { "127.0.0.1:9000", "127.0.0.1", 9000 },
    { "[::1]:9001", "::1", 9001 },
    { "0.0.0.0:0", "0.0.0.0", 0 },
    { "[::]:443", "::", 443 },
    { "192.168.10.20:65535", "192.168.10.20", 65535 },
  };
  static const char * const bad[] = {
    "localhost:80",
    "example.org:443",
    "127.0.0.1:65536",
    "[::1:9000",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (roster_server_config_set_listen (config, good[i].str, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (config->listen_address, ==, good[i].address);
      g_assert_cmpuint (config->listen_port, ==, good[i].port);
    }

  /* A refusal leaves the last good setting alone. */
  g_assert_true (roster_server_config_set_listen (config, "127.0.0.1:9000", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (roster_server_config_set_listen (config, bad[i], &error))
        {
          g_test_message ("“%s” should not be a listen address", bad[i]);
          g_test_fail ();
          continue;
        }
      g_assert_nonnull (error);
      g_assert_true (error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR);
      g_assert_cmpstr (config->listen_address, ==, "127.0.0.1");
      g_assert_cmpuint (config->listen_port, ==, 9000);
    }

  {
    /* Names are refused with a message saying what to give instead. */
    g_autoptr(GError) error = NULL;

    g_assert_false (roster_server_config_set_listen (config, "localhost:80", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* ---- the INI file ---- */

typedef struct
{
  char *dir;
  char *ini;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("roster-test-config-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->ini = g_build_filename (fixture->dir, "roster-server.ini", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_remove (fixture->ini);
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->ini);
  g_free (fixture->dir);
}

static void
write_ini (Fixture    *fixture,
           const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->ini, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_load_file (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_build_filename (fixture->dir, "data", NULL);
  g_autofree char *database = g_build_filename (fixture->dir, "db", "roster.db", NULL);

  write_ini (fixture,
             "# comments are fine\n"
             "[server]\n"
             "listen = [::1]:9443\n"
             "data-dir = data\n"
             "database = db/roster.db\n"
             "tls-certificate = /etc/ssl/roster/cert.pem\n"
             "max-body-size = 64k\n"
             "database-connections = 8\n"
             "\n"
             "[security]\n"
             "lockout-threshold = 3\n"
             "lockout-duration = 2m\n"
             "token-lifetime = 1h\n");

  g_assert_true (roster_server_config_load_file (config, fixture->ini, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (config->listen_address, ==, "::1");
  g_assert_cmpuint (config->listen_port, ==, 9443);
  /* Relative paths are relative to the INI file's folder. */
  g_assert_cmpstr (config->data_dir, ==, data_dir);
  g_assert_cmpstr (config->database, ==, database);
  g_assert_cmpstr (config->tls_certificate, ==, "/etc/ssl/roster/cert.pem");
  g_assert_null (config->tls_key);
  g_assert_null (config->server_key);
  g_assert_cmpuint (config->max_body_size, ==, 65536);
  g_assert_cmpuint (config->storage_pool_size, ==, 8);
  g_assert_cmpuint (config->lockout_threshold, ==, 3);
  g_assert_cmpint (config->lockout_duration, ==, 120);
  g_assert_cmpint (config->token_lifetime, ==, 3600);

  /* Given a certificate, the server does not make its own. */
  roster_server_config_resolve (config);
  g_assert_false (config->tls_generate);
  g_assert_cmpstr (config->database, ==, database);
  g_assert_cmpstr (config->tls_certificate, ==, "/etc/ssl/roster/cert.pem");
}

static void
test_load_mail_web (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *drop = g_build_filename (fixture->dir, "outgoing", NULL);

  /* The defaults. */
  g_assert_null (config->smtp_host);
  g_assert_cmpuint (config->smtp_port, ==, 587);
  g_assert_cmpint (config->smtp_security, ==, ROSTER_SMTP_STARTTLS);
  g_assert_cmpuint (config->signup_rate_limit, ==, 10);
  g_assert_cmpuint (config->key_rate_limit, ==, 10);
  g_assert_cmpint (config->signup_rate_window, ==, 600);
  g_assert_cmpint (config->confirm_lifetime, ==, 86400);
  g_assert_cmpint (config->reset_lifetime, ==, 3600);
  g_assert_cmpint (config->unconfirmed_lifetime, ==, 7 * 86400);

  write_ini (fixture,
             "[mail]\n"
             "smtp-host = smtp.uni.example\n"
             "smtp-security = tls\n"
             "smtp-username = roster\n"
             "smtp-password = s3cret pass\n"
             "from = Roster <roster@uni.example>\n"
             "drop-folder = outgoing\n"
             "give-up-after = 2d\n"
             "[web]\n"
             "public-url = https://roster.uni.example/\n"
             "signup-rate-limit = 60\n"
             "key-rate-limit = 0\n"
             "rate-limit-window = 1h\n"
             "confirm-link-lifetime = 2d\n"
             "reset-link-lifetime = 30m\n"
             "unconfirmed-lifetime = 14d\n");
  g_assert_cmpint (g_chmod (fixture->ini, 0600), ==, 0);

  g_assert_true (roster_server_config_load_file (config, fixture->ini, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config->smtp_host, ==, "smtp.uni.example");
  /* smtps has its own port. */
  g_assert_cmpuint (config->smtp_port, ==, 465);
  g_assert_cmpint (config->smtp_security, ==, ROSTER_SMTP_TLS);
  g_assert_cmpstr (config->smtp_username, ==, "roster");
  g_assert_cmpstr (config->smtp_password, ==, "s3cret pass");
  g_assert_cmpstr (config->mail_from, ==, "Roster <roster@uni.example>");
  g_assert_cmpstr (config->mail_drop_dir, ==, drop);
  g_assert_cmpint (config->mail_give_up_after, ==, 2 * 86400);
  /* Links are made by appending paths: no trailing slash. */
  g_assert_cmpstr (config->public_url, ==, "https://roster.uni.example");
  g_assert_cmpuint (config->signup_rate_limit, ==, 60);
  g_assert_cmpuint (config->key_rate_limit, ==, 0);
  g_assert_cmpint (config->signup_rate_window, ==, 3600);
  g_assert_cmpint (config->confirm_lifetime, ==, 2 * 86400);
  g_assert_cmpint (config->reset_lifetime, ==, 1800);
  g_assert_cmpint (config->unconfirmed_lifetime, ==, 14 * 86400);
}

static void
test_load_mail_web_invalid (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char * const contents[] = {
    "[mail]\nsmtp-security = ssl\n",
    "[mail]\nsmtp-port = 0\n",
    "[mail]\nsmtp-port = 70000\n",
    "[mail]\ngive-up-after = 10\n",
    "[web]\npublic-url = http://roster.uni.example\n",
    "[web]\npublic-url = https://roster.uni.example/?next=x\n",
    "[web]\npublic-url = roster.uni.example\n",
    "[web]\nsignup-rate-limit = many\n",
    "[web]\nconfirm-link-lifetime = 10s\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(RosterServerConfig) config = roster_server_config_new ();
      g_autoptr(GError) error = NULL;

      write_ini (fixture, contents[i]);
      g_assert_false (roster_server_config_load_file (config, fixture->ini, &error));
      g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
    }
}

/* A file with the relay's password that others may read is loaded, with
 * a warning saying what to do (and never the password). */
static void
test_load_mail_password_mode (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;

  write_ini (fixture, "[mail]\nsmtp-host = smtp.uni.example\nsmtp-password = s3cret pass\n");
  g_assert_cmpint (g_chmod (fixture->ini, 0644), ==, 0);

  g_test_expect_message ("roster-config", G_LOG_LEVEL_WARNING, "*others may read it: chmod 600*");
  g_assert_true (roster_server_config_load_file (config, fixture->ini, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
}

static void
test_load_file_partial (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;

  /* What the file leaves out keeps its default; a URI is not a path. */
  write_ini (fixture,
             "[server]\n"
             "database = postgresql://roster@db.example/roster\n"
             "data-dir = /var/lib/roster-server\n");

  g_assert_true (roster_server_config_load_file (config, fixture->ini, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (config->database, ==, "postgresql://roster@db.example/roster");
  g_assert_cmpstr (config->data_dir, ==, "/var/lib/roster-server");
  g_assert_cmpstr (config->listen_address, ==, "127.0.0.1");
  g_assert_cmpuint (config->listen_port, ==, 8443);
  g_assert_cmpuint (config->lockout_threshold, ==, 5);
  g_assert_cmpint (config->lockout_duration, ==, 900);
  g_assert_cmpint (config->token_lifetime, ==, 43200);
  g_assert_cmpuint (config->max_body_size, ==, 1024 * 1024);
}

static void
test_load_file_invalid (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const struct {
    const char *contents;
    const char *key;
  } cases[] = {
    { "[security]\nlockout-threshold = 0\n", "lockout-threshold" },
    { "[security]\nlockout-threshold = -1\n", "lockout-threshold" },
    { "[security]\nlockout-threshold = many\n", "lockout-threshold" },
    { "[security]\nlockout-duration = 15x\n", "lockout-duration" },
    { "[security]\ntoken-lifetime = abc\n", "token-lifetime" },
    { "[security]\ntoken-lifetime = 0\n", "token-lifetime" },
    { "[security]\ntoken-lifetime = 0h\n", "token-lifetime" },
    { "[server]\nmax-body-size = lots\n", "max-body-size" },
    { "[server]\ndatabase-connections = 0\n", "database-connections" },
    { "[server]\ndatabase-connections = 1\n", "database-connections" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterServerConfig) config = roster_server_config_new ();
      g_autoptr(GError) error = NULL;

      write_ini (fixture, cases[i].contents);
      g_assert_false (roster_server_config_load_file (config, fixture->ini, &error));
      g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
      /* The message says where to look. */
      g_assert_nonnull (strstr (error->message, fixture->ini));
      g_assert_nonnull (strstr (error->message, cases[i].key));
    }
}

static void
test_load_file_bad_listen (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();
  g_autoptr(GError) error = NULL;

  write_ini (fixture, "[server]\nlisten = localhost:8443\n");
  g_assert_false (roster_server_config_load_file (config, fixture->ini, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, fixture->ini));
  g_assert_nonnull (strstr (error->message, "listen"));
  g_assert_cmpstr (config->listen_address, ==, "127.0.0.1");
}

static void
test_load_file_unreadable (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();

  {
    /* No file at all. */
    g_autoptr(GError) error = NULL;

    g_assert_false (roster_server_config_load_file (config, fixture->ini, &error));
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  }

  {
    /* Not an INI file. */
    g_autoptr(GError) error = NULL;

    write_ini (fixture, "listen: 127.0.0.1\n{ \"json\": true }\n");
    g_assert_false (roster_server_config_load_file (config, fixture->ini, &error));
    g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE);
  }
}

/* ---- resolve ---- */

static void
test_resolve (void)
{
  g_autoptr(RosterServerConfig) config = roster_server_config_new ();

  config->data_dir = g_strdup ("/srv/roster");
  roster_server_config_resolve (config);

  g_assert_cmpstr (config->data_dir, ==, "/srv/roster");
  g_assert_cmpstr (config->database, ==, "/srv/roster/roster.db");
  g_assert_cmpstr (config->tls_certificate, ==, "/srv/roster/cert.pem");
  g_assert_cmpstr (config->tls_key, ==, "/srv/roster/key.pem");
  g_assert_cmpstr (config->server_key, ==, "/srv/roster/server.key");
  g_assert_true (config->tls_generate);
}

static void
test_resolve_keeps_given (void)
{
  {
    /* Only a certificate: the key path is filled in, nothing is made. */
    g_autoptr(RosterServerConfig) config = roster_server_config_new ();

    config->data_dir = g_strdup ("/srv/roster");
    config->tls_certificate = g_strdup ("/etc/roster/cert.pem");
    config->database = g_strdup ("/var/db/roster.sqlite");
    config->server_key = g_strdup ("/etc/roster/secret.key");
    roster_server_config_resolve (config);

    g_assert_false (config->tls_generate);
    g_assert_cmpstr (config->tls_certificate, ==, "/etc/roster/cert.pem");
    g_assert_cmpstr (config->tls_key, ==, "/srv/roster/key.pem");
    g_assert_cmpstr (config->database, ==, "/var/db/roster.sqlite");
    g_assert_cmpstr (config->server_key, ==, "/etc/roster/secret.key");
  }

  {
    /* Only a key: likewise. */
    g_autoptr(RosterServerConfig) config = roster_server_config_new ();

    config->data_dir = g_strdup ("/srv/roster");
    config->tls_key = g_strdup ("/etc/roster/key.pem");
    roster_server_config_resolve (config);

    g_assert_false (config->tls_generate);
    g_assert_cmpstr (config->tls_certificate, ==, "/srv/roster/cert.pem");
    g_assert_cmpstr (config->tls_key, ==, "/etc/roster/key.pem");
  }

  {
    /* No data folder: the user's data folder. */
    g_autoptr(RosterServerConfig) config = roster_server_config_new ();
    g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "roster-server", NULL);
    g_autofree char *expected_db = g_build_filename (expected, "roster.db", NULL);

    roster_server_config_resolve (config);
    g_assert_cmpstr (config->data_dir, ==, expected);
    g_assert_cmpstr (config->database, ==, expected_db);
    g_assert_true (config->tls_generate);
  }
}

/* ---- data/roster-server.conf.example ---- */

/* The "key = value" lines of the example, active or "#key = value",
 * each as "group/key" (GKeyFile reads only the active ones). */
static GHashTable *
example_keys (const char  *contents,
              char       **uncommented)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  g_autofree char *group = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *equals;

      if (line[0] == '[')
        {
          g_free (group);
          group = g_strndup (line + 1, strcspn (line + 1, "]"));
        }
      else if ((equals = strstr (line, " = ")) != NULL && line[0] != ' ' &&
               !g_str_has_prefix (line, "# "))
        {
          const char *key = line[0] == '#' ? line + 1 : line;

          g_assert_nonnull (group);
          g_assert_true (g_hash_table_add (keys, g_strdup_printf ("%s/%.*s", group,
                                                                  (int) (equals - key), key)));
          line = key;
        }
      g_string_append_printf (all, "%s\n", line);
    }

  *uncommented = g_string_free (g_steal_pointer (&all), FALSE);
  return g_steal_pointer (&keys);
}

/* Every setting the server reads is in the example, in its group, and
 * nothing else is: the example is the reference admins copy. */
static void
test_example_describes_every_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uncommented = NULL;
  g_autoptr(GHashTable) keys = NULL;
  const RosterServerConfigKey *known;
  guint n_known;

  g_file_get_contents (ROSTER_CONFIG_EXAMPLE, &contents, NULL, &error);
  g_assert_no_error (error);
  keys = example_keys (contents, &uncommented);

  known = roster_server_config_known_keys (&n_known);
  for (guint i = 0; i < n_known; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s", known[i].group, known[i].key);

      if (!g_hash_table_remove (keys, name))
        g_test_fail_printf ("the example does not describe %s", name);
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, 0);
}

/* The example as it is, and with every "#key = value" switched on, is
 * what the server accepts. */
static void
test_example_loads (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uncommented = NULL;
  const char *path = fixture->ini;
  g_autoptr(GHashTable) keys = NULL;

  g_file_get_contents (ROSTER_CONFIG_EXAMPLE, &contents, NULL, &error);
  g_assert_no_error (error);
  keys = example_keys (contents, &uncommented);

  {
    g_autoptr(RosterServerConfig) config = roster_server_config_new ();

    g_assert_true (roster_server_config_load_file (config, ROSTER_CONFIG_EXAMPLE, &error));
    g_assert_no_error (error);
    g_assert_true (roster_server_config_check_keys (ROSTER_CONFIG_EXAMPLE, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (config->listen_address, ==, "0.0.0.0");
    g_assert_null (config->smtp_host);
  }

  g_file_set_contents_full (path, uncommented, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
  {
    g_autoptr(RosterServerConfig) config = roster_server_config_new ();

    g_assert_true (roster_server_config_load_file (config, path, &error));
    g_assert_no_error (error);
    g_assert_true (roster_server_config_check_keys (path, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (config->smtp_host, ==, "smtp.uni.example");
    g_assert_cmpstr (config->public_url, ==, "https://roster.uni.example");
    g_assert_cmpstr (config->data_dir, ==, "/var/lib/roster-server");
  }
}

static void
test_check_keys (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = fixture->ini;

  g_file_set_contents (path, "[server]\nlisten = 127.0.0.1:8443\n[web]\npublic-url = https://a.example\n",
                       -1, NULL);
  g_assert_true (roster_server_config_check_keys (path, &error));
  g_assert_no_error (error);

  /* A key of another group is unknown where it is. */
  g_file_set_contents (path, "[server]\npublic-url = https://a.example\nlisen = 1\n[Server]\n",
                       -1, NULL);
  g_assert_false (roster_server_config_check_keys (path, &error));
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "[server] public-url"));
  g_assert_nonnull (strstr (error->message, "[server] lisen"));
  g_assert_nonnull (strstr (error->message, "[Server]"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (roster_server_config_check_keys ("/nonexistent/roster.conf", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/parse-duration", test_parse_duration);
  g_test_add_func ("/config/parse-size", test_parse_size);
  g_test_add_func ("/config/parse-size-overflow", test_parse_size_overflow);
  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/set-listen", test_set_listen);
  g_test_add_func ("/config/resolve", test_resolve);
  g_test_add_func ("/config/resolve-keeps-given", test_resolve_keeps_given);
  g_test_add_func ("/config/example/describes-every-key", test_example_describes_every_key);

#define ADD_FILE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_FILE_TEST ("/config/file/load", test_load_file);
  ADD_FILE_TEST ("/config/file/partial", test_load_file_partial);
  ADD_FILE_TEST ("/config/file/mail-web", test_load_mail_web);
  ADD_FILE_TEST ("/config/file/mail-web-invalid", test_load_mail_web_invalid);
  ADD_FILE_TEST ("/config/file/mail-password-mode", test_load_mail_password_mode);
  ADD_FILE_TEST ("/config/file/invalid", test_load_file_invalid);
  ADD_FILE_TEST ("/config/file/bad-listen", test_load_file_bad_listen);
  ADD_FILE_TEST ("/config/file/unreadable", test_load_file_unreadable);
  ADD_FILE_TEST ("/config/file/check-keys", test_check_keys);
  ADD_FILE_TEST ("/config/example/loads", test_example_loads);

#undef ADD_FILE_TEST

  return g_test_run ();
}
