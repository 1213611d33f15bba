/* roster-server-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-config"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "roster-pg-migrate.h"
#include "roster-server-config.h"

#define DEFAULT_ADDRESS "127.0.0.1"
#define DEFAULT_PORT    8443

RosterServerConfig *
roster_server_config_new (void)
{
  RosterServerConfig *self = g_new0 (RosterServerConfig, 1);

  self->listen_address = g_strdup (DEFAULT_ADDRESS);
  self->listen_port = DEFAULT_PORT;
  self->lockout_threshold = 5;
  self->lockout_duration = 15 * 60;
  self->token_lifetime = 12 * 3600;
  self->login_rate_limit = 30;
  self->max_body_size = 1024 * 1024;
  self->storage_pool_size = 4;
  self->smtp_port = 587;
  self->smtp_security = ROSTER_SMTP_STARTTLS;
  self->mail_give_up_after = 3 * 86400;
  self->signup_rate_limit = 10;
  self->key_rate_limit = 10;
  self->signup_rate_window = 10 * 60;
  self->confirm_lifetime = 24 * 3600;
  self->reset_lifetime = 3600;
  self->unconfirmed_lifetime = 7 * 86400;

  return self;
}

void
roster_server_config_free (RosterServerConfig *self)
{
  if (self == NULL)
    return;

  g_free (self->listen_address);
  g_free (self->data_dir);
  g_free (self->database);
  g_free (self->tls_certificate);
  g_free (self->tls_key);
  g_free (self->server_key);
  g_free (self->smtp_host);
  g_free (self->smtp_username);
  if (self->smtp_password != NULL)
    memset (self->smtp_password, 0, strlen (self->smtp_password));
  g_free (self->smtp_password);
  g_free (self->mail_from);
  g_free (self->mail_drop_dir);
  g_free (self->public_url);
  g_free (self);
}

/* "90", "90s", "15m", "12h", "7d". */
gboolean
roster_parse_duration (const char *str,
                       gint64     *seconds)
{
  guint64 value;
  char *end = NULL;
  gint64 unit = 1;

  if (str == NULL || !g_ascii_isdigit (*str))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoull (str, &end, 10);
  if (errno == ERANGE)
    return FALSE;
  switch (*end)
    {
    case '\0': case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    default: return FALSE;
    }
  if (*end != '\0' && end[1] != '\0')
    return FALSE;
  if (value > (guint64) (G_MAXINT64 / unit))
    return FALSE;

  *seconds = (gint64) value * unit;
  return TRUE;
}

/* "65536", "64k", "1M", "2G" (powers of 1024). */
gboolean
roster_parse_size (const char *str,
                   gsize      *bytes)
{
  guint64 value;
  char *end = NULL;
  guint64 unit = 1;

  if (str == NULL || !g_ascii_isdigit (*str))
    return FALSE;

  errno = 0;
  value = g_ascii_strtoull (str, &end, 10);
  if (errno == ERANGE)
    return FALSE;
  switch (g_ascii_tolower (*end))
    {
    case '\0': unit = 1; break;
    case 'k': unit = 1024; break;
    case 'm': unit = 1024 * 1024; break;
    case 'g': unit = 1024 * 1024 * 1024; break;
    default: return FALSE;
    }
  if (*end != '\0' && end[1] != '\0')
    return FALSE;
  if (value > G_MAXSIZE / unit)
    return FALSE;

  *bytes = value * unit;
  return TRUE;
}

gboolean
roster_server_config_set_listen (RosterServerConfig  *self,
                                 const char          *address_port,
                                 GError             **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  const char *host;
  guint16 port;

  connectable = g_network_address_parse (address_port, DEFAULT_PORT, error);
  if (connectable == NULL)
    return FALSE;

  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (connectable));
  port = g_network_address_get_port (G_NETWORK_ADDRESS (connectable));

  /* Listening needs an address, not a name: a name may resolve to
   * several addresses or change, and "localhost" is ambiguous about
   * IPv4 and IPv6. */
  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address; give one such as 127.0.0.1:8443 or [::1]:8443"),
                   address_port);
      return FALSE;
    }

  g_free (self->listen_address);
  self->listen_address = g_inet_address_to_string (inet);
  self->listen_port = port;

  return TRUE;
}

static gboolean
invalid_value (GError     **error,
               const char  *path,
               const char  *group,
               const char  *key,
               const char  *value)
{
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               _("%s: [%s] %s: “%s” is not a valid value"), path, group, key, value);
  return FALSE;
}

/* The keys that are neither a number nor a plain string. */
static gboolean
load_mail_and_web (RosterServerConfig  *self,
                   GKeyFile            *keyfile,
                   const char          *path,
                   const char          *base_dir,
                   GError             **error)
{
  g_autofree char *port = g_key_file_get_string (keyfile, "mail", "smtp-port", NULL);
  g_autofree char *security = g_key_file_get_string (keyfile, "mail", "smtp-security", NULL);
  g_autofree char *drop = g_key_file_get_string (keyfile, "mail", "drop-folder", NULL);
  g_autofree char *url = g_key_file_get_string (keyfile, "web", "public-url", NULL);
  guint64 n = 0;

  if (port != NULL)
    {
      if (!g_ascii_string_to_unsigned (port, 10, 1, 65535, &n, NULL))
        return invalid_value (error, path, "mail", "smtp-port", port);
      self->smtp_port = n;
    }

  if (security != NULL)
    {
      if (g_str_equal (security, "starttls"))
        self->smtp_security = ROSTER_SMTP_STARTTLS;
      else if (g_str_equal (security, "tls"))
        self->smtp_security = ROSTER_SMTP_TLS;
      else if (g_str_equal (security, "none"))
        self->smtp_security = ROSTER_SMTP_NONE;
      else
        return invalid_value (error, path, "mail", "smtp-security", security);
      /* smtps has its own port; say it once here rather than in every file. */
      if (port == NULL && self->smtp_security == ROSTER_SMTP_TLS)
        self->smtp_port = 465;
    }

  if (drop != NULL)
    {
      g_free (self->mail_drop_dir);
      self->mail_drop_dir = g_path_is_absolute (drop) ? g_steal_pointer (&drop)
                                                       : g_build_filename (base_dir, drop, NULL);
    }

  if (url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      /* Links in mail must work from anywhere: an absolute https URL. */
      if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
          g_uri_get_host (uri) == NULL || g_uri_get_query (uri) != NULL)
        return invalid_value (error, path, "web", "public-url", url);
      while (g_str_has_suffix (url, "/"))
        url[strlen (url) - 1] = '\0';
      g_free (self->public_url);
      self->public_url = g_steal_pointer (&url);
    }

  return TRUE;
}

gboolean
roster_server_config_load_file (RosterServerConfig  *self,
                                const char          *path,
                                GError             **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *base_dir = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *value = NULL;
  static const struct {
    const char *group;
    const char *key;
    enum { NUMBER_COUNT, NUMBER_DURATION, NUMBER_SIZE } kind;
    guint64     min;
    guint64     max;
    gsize       offset;
  } number_keys[] = {
    { "server", "max-body-size", NUMBER_SIZE, 1024, 0, G_STRUCT_OFFSET (RosterServerConfig, max_body_size) },
    /* At least 2: an import's write session holds one connection for
     * its whole transaction while its row checks read on another. */
    { "server", "database-connections", NUMBER_COUNT, 2, 64,
      G_STRUCT_OFFSET (RosterServerConfig, storage_pool_size) },
    { "security", "lockout-threshold", NUMBER_COUNT, 1, 1000,
      G_STRUCT_OFFSET (RosterServerConfig, lockout_threshold) },
    { "security", "lockout-duration", NUMBER_DURATION, 0, 0,
      G_STRUCT_OFFSET (RosterServerConfig, lockout_duration) },
    { "security", "login-rate-limit", NUMBER_COUNT, 0, 100000,
      G_STRUCT_OFFSET (RosterServerConfig, login_rate_limit) },
    { "security", "token-lifetime", NUMBER_DURATION, 1, 0,
      G_STRUCT_OFFSET (RosterServerConfig, token_lifetime) },
    { "mail", "give-up-after", NUMBER_DURATION, 60, 0,
      G_STRUCT_OFFSET (RosterServerConfig, mail_give_up_after) },
    { "web", "signup-rate-limit", NUMBER_COUNT, 0, 100000,
      G_STRUCT_OFFSET (RosterServerConfig, signup_rate_limit) },
    { "web", "key-rate-limit", NUMBER_COUNT, 0, 100000,
      G_STRUCT_OFFSET (RosterServerConfig, key_rate_limit) },
    { "web", "rate-limit-window", NUMBER_DURATION, 1, 0,
      G_STRUCT_OFFSET (RosterServerConfig, signup_rate_window) },
    { "web", "confirm-link-lifetime", NUMBER_DURATION, 60, 0,
      G_STRUCT_OFFSET (RosterServerConfig, confirm_lifetime) },
    { "web", "reset-link-lifetime", NUMBER_DURATION, 60, 0,
      G_STRUCT_OFFSET (RosterServerConfig, reset_lifetime) },
    { "web", "unconfirmed-lifetime", NUMBER_DURATION, 1, 0,
      G_STRUCT_OFFSET (RosterServerConfig, unconfirmed_lifetime) },
  };
  static const struct {
    const char *group;
    const char *key;
    gsize       offset;
  } string_keys[] = {
    { "mail", "smtp-host", G_STRUCT_OFFSET (RosterServerConfig, smtp_host) },
    { "mail", "smtp-username", G_STRUCT_OFFSET (RosterServerConfig, smtp_username) },
    { "mail", "smtp-password", G_STRUCT_OFFSET (RosterServerConfig, smtp_password) },
    { "mail", "from", G_STRUCT_OFFSET (RosterServerConfig, mail_from) },
  };
  static const struct {
    const char *key;
    gsize       offset;
  } path_keys[] = {
    { "data-dir", G_STRUCT_OFFSET (RosterServerConfig, data_dir) },
    { "tls-certificate", G_STRUCT_OFFSET (RosterServerConfig, tls_certificate) },
    { "tls-key", G_STRUCT_OFFSET (RosterServerConfig, tls_key) },
    { "server-key", G_STRUCT_OFFSET (RosterServerConfig, server_key) },
  };

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  /* Relative paths in the file are relative to the file, not to
   * wherever the server happens to be started from. */
  base_dir = g_path_get_dirname (path);

  listen = g_key_file_get_string (keyfile, "server", "listen", NULL);
  if (listen != NULL && !roster_server_config_set_listen (self, listen, error))
    {
      g_prefix_error (error, "%s: [server] listen: ", path);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (path_keys); i++)
    {
      char **field = G_STRUCT_MEMBER_P (self, path_keys[i].offset);
      g_autofree char *v = g_key_file_get_string (keyfile, "server", path_keys[i].key, NULL);

      if (v == NULL)
        continue;
      g_free (*field);
      *field = g_path_is_absolute (v) ? g_steal_pointer (&v) : g_build_filename (base_dir, v, NULL);
    }

  value = g_key_file_get_string (keyfile, "server", "database", NULL);
  if (value != NULL)
    {
      /* A URI of another kind would be taken for a file name. */
      if (strstr (value, "://") != NULL && !roster_server_config_is_postgresql (value))
        {
          g_autofree char *shown = roster_pg_redact_uri (value);

          return invalid_value (error, path, "server", "database", shown);
        }
      g_free (self->database);
      if (strstr (value, "://") != NULL || g_path_is_absolute (value))
        self->database = g_steal_pointer (&value);
      else
        self->database = g_build_filename (base_dir, value, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (string_keys); i++)
    {
      char **field = G_STRUCT_MEMBER_P (self, string_keys[i].offset);
      g_autofree char *v = g_key_file_get_string (keyfile, string_keys[i].group, string_keys[i].key, NULL);

      if (v == NULL)
        continue;
      g_strstrip (v);
      g_free (*field);
      *field = *v != '\0' ? g_steal_pointer (&v) : NULL;
    }

  if (!load_mail_and_web (self, keyfile, path, base_dir, error))
    return FALSE;

  /* The relay's password makes the file a secret, as does a database
   * URI with one. */
  if (self->smtp_password != NULL)
    {
      GStatBuf st;

      if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
        g_warning ("%s holds the SMTP password but others may read it: chmod 600 %s", path, path);
    }
  if (roster_server_config_is_postgresql (self->database))
    {
      g_autofree char *shown = roster_pg_redact_uri (self->database);
      GStatBuf st;

      if (g_strcmp0 (shown, self->database) != 0 && g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
        g_warning ("%s holds the database password but others may read it: chmod 600 %s", path, path);
    }

  for (guint i = 0; i < G_N_ELEMENTS (number_keys); i++)
    {
      g_autofree char *v = g_key_file_get_string (keyfile, number_keys[i].group, number_keys[i].key, NULL);
      gpointer field = G_STRUCT_MEMBER_P (self, number_keys[i].offset);
      guint64 n = 0;
      gint64 seconds = 0;
      gsize bytes = 0;
      gboolean ok = FALSE;

      if (v == NULL)
        continue;

      switch (number_keys[i].kind)
        {
        case NUMBER_COUNT:
          ok = g_ascii_string_to_unsigned (v, 10, number_keys[i].min, number_keys[i].max, &n, NULL);
          if (ok)
            *(guint *) field = n;
          break;
        case NUMBER_DURATION:
          ok = roster_parse_duration (v, &seconds) && seconds >= (gint64) number_keys[i].min;
          if (ok)
            *(gint64 *) field = seconds;
          break;
        case NUMBER_SIZE:
          ok = roster_parse_size (v, &bytes) && bytes >= number_keys[i].min;
          if (ok)
            *(gsize *) field = bytes;
          break;
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        return invalid_value (error, path, number_keys[i].group, number_keys[i].key, v);
    }

  return TRUE;
}

gboolean
roster_server_config_is_postgresql (const char *database)
{
  return database != NULL &&
         (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"));
}

void
roster_server_config_resolve (RosterServerConfig *self)
{
  if (self->data_dir == NULL)
    self->data_dir = g_build_filename (g_get_user_data_dir (), "roster-server", NULL);
  self->tls_generate = self->tls_certificate == NULL && self->tls_key == NULL;
  if (self->database == NULL)
    self->database = g_build_filename (self->data_dir, "roster.db", NULL);
  if (self->tls_certificate == NULL)
    self->tls_certificate = g_build_filename (self->data_dir, "cert.pem", NULL);
  if (self->tls_key == NULL)
    self->tls_key = g_build_filename (self->data_dir, "key.pem", NULL);
  if (self->server_key == NULL)
    self->server_key = g_build_filename (self->data_dir, "server.key", NULL);
}

/* Kept in step with roster_server_config_load_file() and
 * load_mail_and_web(); tests/unit/test-config.c checks that
 * data/roster-server.conf.example describes each of them. */
static const RosterServerConfigKey known_keys[] = {
  { "server", "listen" },
  { "server", "data-dir" },
  { "server", "database" },
  { "server", "tls-certificate" },
  { "server", "tls-key" },
  { "server", "server-key" },
  { "server", "max-body-size" },
  { "server", "database-connections" },
  { "security", "lockout-threshold" },
  { "security", "lockout-duration" },
  { "security", "login-rate-limit" },
  { "security", "token-lifetime" },
  { "mail", "smtp-host" },
  { "mail", "smtp-port" },
  { "mail", "smtp-security" },
  { "mail", "smtp-username" },
  { "mail", "smtp-password" },
  { "mail", "from" },
  { "mail", "drop-folder" },
  { "mail", "give-up-after" },
  { "web", "public-url" },
  { "web", "signup-rate-limit" },
  { "web", "key-rate-limit" },
  { "web", "rate-limit-window" },
  { "web", "confirm-link-lifetime" },
  { "web", "reset-link-lifetime" },
  { "web", "unconfirmed-lifetime" },
};

const RosterServerConfigKey *
roster_server_config_known_keys (guint *n_keys)
{
  *n_keys = G_N_ELEMENTS (known_keys);
  return known_keys;
}

static gboolean
is_known (const char *group,
          const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_keys); i++)
    {
      if (g_str_equal (known_keys[i].group, group) &&
          (key == NULL || g_str_equal (known_keys[i].key, key)))
        return TRUE;
    }
  return FALSE;
}

gboolean
roster_server_config_check_keys (const char  *path,
                                 GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  groups = g_key_file_get_groups (keyfile, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) keys = NULL;

      if (!is_known (groups[i], NULL))
        {
          g_ptr_array_add (unknown, g_strdup_printf ("[%s]", groups[i]));
          continue;
        }
      keys = g_key_file_get_keys (keyfile, groups[i], NULL, NULL);
      for (guint j = 0; keys != NULL && keys[j] != NULL; j++)
        {
          if (!is_known (groups[i], keys[j]))
            g_ptr_array_add (unknown, g_strdup_printf ("[%s] %s", groups[i], keys[j]));
        }
    }

  if (unknown->len > 0)
    {
      g_autofree char *list = NULL;

      g_ptr_array_add (unknown, NULL);
      list = g_strjoinv (", ", (char **) unknown->pdata);
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                   _("%s: unknown settings (misspelt, or in the wrong group?): %s"), path, list);
      return FALSE;
    }

  return TRUE;
}
