/* roster-pg-storage.h: the PostgreSQL driver of RosterStorage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second driver of the storage interfaces (RosterStorage, and the
 * import, sign-up and mail ones), with libpq, for sites that run several
 * roster-server processes on one database: roster_storage_open() picks
 * it for a postgresql:// URI. Its design (pool, isolation, counters,
 * imports, owners, claims) is in docs/architecture.md, "PostgreSQL".
 */

#pragma once

#include "roster-storage.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PG_STORAGE (roster_pg_storage_get_type ())

G_DECLARE_FINAL_TYPE (RosterPgStorage, roster_pg_storage, ROSTER, PG_STORAGE, GObject)

/* Connects to the database @uri names (a libpq connection URI,
 * postgresql://…) and brings its schema up to date. @pool_size
 * connections serve that many threads at once, and as many more serve
 * long reads (see roster-pg-private.h). */
RosterPgStorage *roster_pg_storage_new (const char  *uri,
                                        guint        pool_size,
                                        GError     **error);

G_END_DECLS
