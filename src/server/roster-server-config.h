/* roster-server-config.h: what the server is told, from the INI file and
 * the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTER_SMTP_STARTTLS,         /* plain connection, then STARTTLS (required) */
  ROSTER_SMTP_TLS,              /* TLS from the start (smtps, port 465) */
  ROSTER_SMTP_NONE,             /* no TLS: only for a relay on the same host */
} RosterSmtpSecurity;

typedef struct
{
  char    *listen_address;      /* IP literal */
  guint16  listen_port;
  char    *data_dir;
  char    *database;            /* a file path (SQLite) or a postgresql:// URI */
  char    *tls_certificate;
  char    *tls_key;
  char    *server_key;          /* encrypts enrolment-key secrets */
  gboolean tls_generate;        /* no certificate configured: make one */

  guint    lockout_threshold;   /* failed logins before a lock */
  gint64   lockout_duration;    /* seconds */
  gint64   token_lifetime;      /* seconds */
  guint    login_rate_limit;    /* sign-in attempts a minute per address, 0: none */
  gsize    max_body_size;       /* bytes, for JSON requests */
  guint    storage_pool_size;   /* database connections */

  /* Outgoing mail ([mail]). */
  char    *smtp_host;           /* the relay; NULL: none */
  guint16  smtp_port;
  RosterSmtpSecurity smtp_security;
  char    *smtp_username;       /* NULL: no login */
  char    *smtp_password;       /* a secret: never logged */
  char    *mail_from;           /* "Name <address>" or an address */
  char    *mail_drop_dir;       /* no relay: messages become .eml files here */
  gint64   mail_give_up_after;  /* seconds of retrying before a message fails */

  /* The web pages for external users ([web]). */
  char    *public_url;          /* base of links in mail; NULL: the server's URL */
  guint    signup_rate_limit;   /* sign-up attempts per address per window, 0: none */
  guint    key_rate_limit;      /* attempts with one enrolment key per window, 0: none */
  gint64   signup_rate_window;  /* seconds */
  gint64   confirm_lifetime;    /* seconds a confirmation link works */
  gint64   reset_lifetime;      /* seconds a password-reset link works */
  gint64   unconfirmed_lifetime;/* seconds before an unconfirmed sign-up is removed */
} RosterServerConfig;

/* A setting the configuration file may hold. */
typedef struct
{
  const char *group;
  const char *key;
} RosterServerConfigKey;

RosterServerConfig *roster_server_config_new        (void);
void                roster_server_config_free       (RosterServerConfig  *self);
gboolean            roster_server_config_load_file  (RosterServerConfig  *self,
                                                     const char          *path,
                                                     GError             **error);
gboolean            roster_server_config_set_listen (RosterServerConfig  *self,
                                                     const char          *address_port,
                                                     GError             **error);
/* Every group and key roster_server_config_load_file() reads. */
const RosterServerConfigKey *
                    roster_server_config_known_keys (guint               *n_keys);
/* Fails naming each group or key of @path that is not a known one:
 * load_file() ignores them, which hides a misspelt setting. */
gboolean            roster_server_config_check_keys (const char          *path,
                                                     GError             **error);
/* Whether @database (a [server] database value) names a PostgreSQL
 * database rather than an SQLite file. */
gboolean            roster_server_config_is_postgresql (const char   *database);
/* Fills in the paths that were not given from the data folder. */
void                roster_server_config_resolve    (RosterServerConfig  *self);
gboolean            roster_parse_duration           (const char          *str,
                                                     gint64              *seconds);
gboolean            roster_parse_size               (const char          *str,
                                                     gsize               *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterServerConfig, roster_server_config_free)

G_END_DECLS
