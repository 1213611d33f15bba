/* roster-sqlite-storage.h: the SQLite driver of RosterStorage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-storage.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SQLITE_STORAGE (roster_sqlite_storage_get_type ())

G_DECLARE_FINAL_TYPE (RosterSqliteStorage, roster_sqlite_storage, ROSTER, SQLITE_STORAGE, GObject)

/* Opens (creating if needed) the database at @path and brings its schema
 * up to date. @pool_size connections serve that many threads at once. */
RosterSqliteStorage *roster_sqlite_storage_new (const char  *path,
                                                guint        pool_size,
                                                GError     **error);

G_END_DECLS
