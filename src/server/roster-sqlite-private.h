/* roster-sqlite-private.h: what the SQLite driver's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

extern const char * const roster_sqlite_migrations[];
extern const guint        roster_sqlite_n_migrations;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS

G_BEGIN_DECLS


gboolean       roster_sqlite_set_error   (GError       **error,
                                          sqlite3       *db,
                                          int            rc,
                                          const char    *what);
sqlite3_stmt  *roster_sqlite_prepare     (sqlite3       *db,
                                          const char    *sql,
                                          GError       **error);
gboolean       roster_sqlite_exec        (sqlite3       *db,
                                          const char    *sql,
                                          GError       **error);
gboolean       roster_sqlite_step_done   (sqlite3       *db,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          GError       **error);
void           roster_sqlite_bind_text   (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *value);
/* Binds 0 as NULL: ids of 0 mean "none" throughout the server. */
void           roster_sqlite_bind_id     (sqlite3_stmt  *stmt,
                                          int            index,
                                          gint64         id);
char          *roster_sqlite_column_dup  (sqlite3_stmt  *stmt,
                                          int            column);

G_END_DECLS
