/* roster-pg-check.c: checking a PostgreSQL connection for
 * --check-config, and URIs without their passwords for messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-migrate.h"
#include "roster-pg-private.h"

/* ---- passwords out of messages ---- */

/* The password of @uri as written (percent-encoded), or NULL: in the
 * user information (postgresql://user:password@host/…) or the query
 * (…?password=…). */
static char *
uri_password (const char *uri,
              gboolean    in_query)
{
  const char *start = strstr (uri, "://");
  const char *end;

  if (start == NULL)
    return NULL;
  start += 3;

  if (in_query)
    {
      const char *query = strchr (start, '?');
      const char *p = query;

      while (p != NULL)
        {
          p++;
          if (g_str_has_prefix (p, "password="))
            {
              p += strlen ("password=");
              end = strchr (p, '&');
              return end ? g_strndup (p, end - p) : g_strdup (p);
            }
          p = strchr (p, '&');
        }
      return NULL;
    }

  end = start + strcspn (start, "/?#");
  for (const char *at = end; at > start; at--)
    if (at[-1] == '@')
      {
        const char *colon = memchr (start, ':', at - 1 - start);

        return colon ? g_strndup (colon + 1, at - 1 - (colon + 1)) : NULL;
      }
  return NULL;
}

static void
replace_all (GString    *text,
             const char *secret)
{
  if (secret != NULL && *secret != '\0')
    g_string_replace (text, secret, "****", 0);
}

/* @message with every form of @uri's passwords replaced by "****". */
static char *
scrub (const char *message,
       const char *uri)
{
  GString *text = g_string_new (message);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *raw = uri_password (uri, i == 1);
      g_autofree char *plain = raw ? g_uri_unescape_string (raw, NULL) : NULL;

      replace_all (text, raw);
      replace_all (text, plain);
    }

  return g_string_free (text, FALSE);
}

char *
roster_pg_redact_uri (const char *uri)
{
  return scrub (uri, uri);
}

/* ---- checking a connection ---- */

guint
roster_pg_latest_schema_version (void)
{
  return roster_pg_n_migrations;
}

gboolean
roster_pg_check_connection (const char  *uri,
                            guint        timeout_seconds,
                            int         *schema_version,
                            char       **server_version,
                            GError     **error)
{
  g_autofree char *timeout = g_strdup_printf ("%u", MAX (timeout_seconds, 2));
  /* Later keywords win over the URI's own: the check waits no longer
   * than asked. */
  const char * const keywords[] = { "dbname", "connect_timeout", NULL };
  const char * const values[] = { uri, timeout, NULL };
  PQconninfoOption *options;
  char *parse_error = NULL;
  PGconn *conn;

  options = PQconninfoParse (uri, &parse_error);
  if (options == NULL)
    {
      g_autofree char *message = scrub (parse_error ? g_strchomp (parse_error) : "", uri);

      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Not a valid PostgreSQL connection URI: %s"), message);
      PQfreemem (parse_error);
      return FALSE;
    }
  PQconninfoFree (options);

  conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = scrub (g_strchomp (PQerrorMessage (conn)), uri);

      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("Could not connect to the PostgreSQL database: %s"), message);
      PQfinish (conn);
      return FALSE;
    }

  *schema_version = 0;
  *server_version = g_strdup (PQparameterStatus (conn, "server_version"));

  {
    g_autoptr(PGresult) exists = PQexec (conn, "SELECT to_regclass ('schema_version') IS NOT NULL");
    g_autoptr(PGresult) version = NULL;

    if (PQresultStatus (exists) == PGRES_TUPLES_OK && PQntuples (exists) == 1 &&
        roster_pg_get_bool (exists, 0, 0))
      version = PQexec (conn, "SELECT version FROM schema_version");

    if (PQresultStatus (exists) != PGRES_TUPLES_OK ||
        (version != NULL && PQresultStatus (version) != PGRES_TUPLES_OK))
      {
        g_autofree char *message = scrub (g_strchomp (PQerrorMessage (conn)), uri);

        g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                     _("Could not connect to the PostgreSQL database: %s"), message);
        g_clear_pointer (server_version, g_free);
        PQfinish (conn);
        return FALSE;
      }
    if (version != NULL && PQntuples (version) > 0)
      *schema_version = (int) roster_pg_get_int (version, 0, 0);
  }

  PQfinish (conn);
  return TRUE;
}
