/* roster-pg-migrate.h: roster-server's command-line tools for
 * PostgreSQL: moving a site from SQLite (roster-pg-migrate.c), and
 * checking a connection (roster-pg-check.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Told after each table is copied, with the number of its rows. */
typedef void (*RosterPgMigrateProgress) (const char *table,
                                         gint64      rows,
                                         gpointer    data);

/* Copies every table of the site's SQLite database @sqlite_path into the
 * PostgreSQL database @uri, which must hold no data yet. Both schemas are
 * brought up to date first and must then have the same version. All of
 * it happens in one transaction on the target: on failure nothing there
 * has changed. The SQLite file is only read (after its own schema
 * migrations, if it had any to run). */
gboolean  roster_pg_migrate_from_sqlite (const char               *sqlite_path,
                                         const char               *uri,
                                         RosterPgMigrateProgress   progress,
                                         gpointer                  data,
                                         GError                  **error);

/* @uri with its password, if any, replaced by "****": for messages. */
char     *roster_pg_redact_uri          (const char               *uri);

/* Connects to @uri (waiting at most @timeout_seconds), without changing
 * anything: the schema version the database has (0 when it has none
 * yet) and the server's version as PostgreSQL prints it. Errors never
 * hold the password. */
gboolean  roster_pg_check_connection    (const char               *uri,
                                         guint                     timeout_seconds,
                                         int                      *schema_version,
                                         char                    **server_version,
                                         GError                  **error);

/* The schema version this server brings a database to. */
guint     roster_pg_latest_schema_version (void);

G_END_DECLS
