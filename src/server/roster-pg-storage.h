/* roster-pg-storage.h: the PostgreSQL driver of RosterStorage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Work in progress (issue 10): the methods not ported yet fail with
 * ROSTER_ERROR_UNAVAILABLE (roster-pg-unported.c), and
 * roster_storage_open() only picks this driver when
 * ROSTER_EXPERIMENTAL_PG=1 is set.
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
