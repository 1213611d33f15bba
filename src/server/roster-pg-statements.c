/* roster-pg-statements.c: the PostgreSQL driver's statements: errors,
 * parameters, running statements and reading their results
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"

G_DEFINE_QUARK (roster-pg-error-quark, roster_pg_error)

/* ---- errors ---- */

gboolean
roster_pg_set_error (GError     **error,
                     PGconn      *conn,
                     PGresult    *result,
                     const char  *what)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorMessage (result) : NULL;

  if (message == NULL || *message == '\0')
    message = conn ? PQerrorMessage (conn) : "no connection";

  if (state != NULL && g_str_has_prefix (state, "23"))
    {
      /* Integrity constraints (unique, foreign key, check, not null):
       * the caller turns this into a message about what clashed. */
      g_debug ("%s: constraint %s: %s", what, state, message);
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("This would clash with data that already exists."));
    }
  else if (g_strcmp0 (state, "40001") == 0 || g_strcmp0 (state, "40P01") == 0)
    {
      g_debug ("%s: %s: %s", what, state, message);
      g_set_error (error, ROSTER_PG_ERROR, ROSTER_PG_ERROR_RETRY,
                   "%s: %s", what, message);
    }
  else if ((state != NULL && (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "57P") ||
                              strcmp (state, "55P03") == 0)) ||
           (conn != NULL && PQstatus (conn) == CONNECTION_BAD))
    {
      /* A lost connection, a server shutting down, a lock timeout. */
      g_warning ("%s: database unavailable: %s", what, message);
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("The database is busy; try again in a moment."));
    }
  else
    {
      g_warning ("%s: %s%s%s", what, state ? state : "", state ? ": " : "", message);
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("The server could not read or write its database."));
    }

  return FALSE;
}

/* ---- parameters ---- */

void
roster_pg_params_clear (RosterPgParams *params)
{
  for (guint i = 0; i < params->n; i++)
    g_clear_pointer (&params->values[i], g_free);
  params->n = 0;
}

static void
add_owned (RosterPgParams *params,
           char           *value)
{
  /* A statement with more parameters than this is a bug, not data. */
  g_assert (params->n < ROSTER_PG_MAX_PARAMS);
  params->values[params->n++] = value;
}

void
roster_pg_add_text (RosterPgParams *params,
                    const char     *value)
{
  add_owned (params, g_strdup (value));
}

void
roster_pg_add_int (RosterPgParams *params,
                   gint64          value)
{
  add_owned (params, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
roster_pg_add_id (RosterPgParams *params,
                  gint64          id)
{
  add_owned (params, id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL);
}

void
roster_pg_add_bool (RosterPgParams *params,
                    gboolean        value)
{
  add_owned (params, g_strdup (value ? "1" : "0"));
}

void
roster_pg_add_ids (RosterPgParams *params,
                   const GArray   *ids)
{
  GString *text;

  if (ids == NULL)
    {
      add_owned (params, NULL);
      return;
    }

  text = g_string_new ("{");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (text, '}');
  add_owned (params, g_string_free (text, FALSE));
}

void
roster_pg_add_bytes (RosterPgParams *params,
                     GBytes         *value)
{
  static const char hex[] = "0123456789abcdef";
  const guint8 *data;
  gsize size = 0;
  GString *text;

  if (value == NULL)
    {
      add_owned (params, NULL);
      return;
    }

  data = g_bytes_get_data (value, &size);
  text = g_string_sized_new (2 + 2 * size);
  g_string_append (text, "\\x");
  for (gsize i = 0; i < size; i++)
    {
      g_string_append_c (text, hex[data[i] >> 4]);
      g_string_append_c (text, hex[data[i] & 0xf]);
    }
  add_owned (params, g_string_free (text, FALSE));
}

/* ---- statements ---- */

PGresult *
roster_pg_query (PGconn               *conn,
                 const char           *sql,
                 const RosterPgParams *params,
                 const char           *what,
                 GError              **error)
{
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  result = PQexecParams (conn, sql,
                         params ? (int) params->n : 0, NULL,
                         params ? (const char * const *) params->values : NULL,
                         NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      roster_pg_set_error (error, conn, result, what);
      return NULL;
    }

  return g_steal_pointer (&result);
}

gboolean
roster_pg_exec (PGconn               *conn,
                const char           *sql,
                const RosterPgParams *params,
                const char           *what,
                GError              **error)
{
  g_autoptr(PGresult) result = roster_pg_query (conn, sql, params, what, error);

  return result != NULL;
}

gboolean
roster_pg_exec_changes (PGconn               *conn,
                        const char           *sql,
                        const RosterPgParams *params,
                        const char           *what,
                        gint64               *changes,
                        GError              **error)
{
  g_autoptr(PGresult) result = roster_pg_query (conn, sql, params, what, error);

  if (result == NULL)
    return FALSE;

  *changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  return TRUE;
}

gboolean
roster_pg_query_int (PGconn               *conn,
                     const char           *sql,
                     const RosterPgParams *params,
                     const char           *what,
                     const char           *not_found,
                     gint64               *value,
                     GError              **error)
{
  g_autoptr(PGresult) result = roster_pg_query (conn, sql, params, what, error);

  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      if (not_found != NULL)
        {
          g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, not_found);
          return FALSE;
        }
      *value = 0;
      return TRUE;
    }

  *value = roster_pg_get_int (result, 0, 0);
  return TRUE;
}

/* Ends a query whose rows are no longer wanted: cancelled, then every
 * result read, so that the connection takes statements again. */
static void
abandon_query (PGconn *conn)
{
  PGcancel *cancel = PQgetCancel (conn);
  PGresult *result;
  char message[256];

  if (cancel != NULL)
    {
      if (!PQcancel (cancel, message, sizeof message))
        g_debug ("cancel: %s", message);
      PQfreeCancel (cancel);
    }

  while ((result = PQgetResult (conn)) != NULL)
    PQclear (result);
}

gboolean
roster_pg_foreach_row (PGconn               *conn,
                       const char           *sql,
                       const RosterPgParams *params,
                       const char           *what,
                       RosterPgRowFunc       func,
                       gpointer              data,
                       GError              **error)
{
  PGresult *result;
  gboolean ok = TRUE;

  if (!PQsendQueryParams (conn, sql,
                          params ? (int) params->n : 0, NULL,
                          params ? (const char * const *) params->values : NULL,
                          NULL, NULL, 0) ||
      !PQsetSingleRowMode (conn))
    {
      roster_pg_set_error (error, conn, NULL, what);
      abandon_query (conn);
      return FALSE;
    }

  /* PGRES_SINGLE_TUPLE for each row, then an empty PGRES_TUPLES_OK (or
   * an error), then NULL. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      g_autoptr(PGresult) row = result;
      g_autoptr(GError) local_error = NULL;

      switch (PQresultStatus (row))
        {
        case PGRES_SINGLE_TUPLE:
          if (func (row, data, &local_error))
            break;
          /* Stopped: by a failure, or because nothing more is wanted. */
          g_clear_pointer (&row, PQclear);
          abandon_query (conn);
          if (local_error == NULL)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;

        case PGRES_TUPLES_OK:
          break;

        default:
          if (ok)
            ok = roster_pg_set_error (error, conn, row, what);
          break;
        }
    }

  return ok;
}

gint64
roster_pg_get_int (const PGresult *result,
                   int             row,
                   int             column)
{
  if (PQgetisnull (result, row, column))
    return 0;
  return g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

gboolean
roster_pg_get_bool (const PGresult *result,
                    int             row,
                    int             column)
{
  const char *value;

  if (PQgetisnull (result, row, column))
    return FALSE;

  /* INTEGER 0/1 columns, and the odd boolean expression ("t"/"f"). */
  value = PQgetvalue (result, row, column);
  return strcmp (value, "0") != 0 && strcmp (value, "f") != 0;
}

const char *
roster_pg_get_text (const PGresult *result,
                    int             row,
                    int             column)
{
  if (PQgetisnull (result, row, column))
    return NULL;
  return PQgetvalue (result, row, column);
}

char *
roster_pg_get_dup (const PGresult *result,
                   int             row,
                   int             column)
{
  return g_strdup (roster_pg_get_text (result, row, column));
}

GBytes *
roster_pg_get_bytes (const PGresult *result,
                     int             row,
                     int             column)
{
  unsigned char *data;
  size_t size = 0;
  GBytes *bytes;

  if (PQgetisnull (result, row, column))
    return NULL;

  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (result, row, column), &size);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new (data, size);
  PQfreemem (data);
  return bytes;
}

gint64
roster_pg_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

