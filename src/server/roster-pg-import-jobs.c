/* roster-pg-import-jobs.c: import jobs in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-import-jobs.c, so far what the server does
 * as it starts.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include "roster-import-storage.h"
#include "roster-pg-private.h"

/* As in SQLite: every job still queued or running belongs to a server
 * that stopped, because there is one server. With several servers on
 * one database that no longer holds (a starting server would fail the
 * jobs another one is running): the multi-server step of issue 10 gives
 * jobs an owner first (see docs/architecture.md, "PostgreSQL"). */
static gboolean
pg_fail_interrupted (RosterImportStorage  *storage,
                     const char           *reason,
                     guint                *count,
                     GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_text (&params, reason);
  result = roster_pg_query (conn,
                            "UPDATE import_jobs SET state = 'failed', finished_at = $1, error = $2,"
                            "  rows_done = 0"
                            " WHERE state IN ('queued', 'running')",
                            &params, "interrupted imports", error);
  if (result == NULL)
    return FALSE;

  *count = (guint) g_ascii_strtoull (PQcmdTuples (result), NULL, 10);
  return TRUE;
}

void
roster_pg_import_jobs_init (RosterImportStorageInterface *iface)
{
  iface->fail_interrupted = pg_fail_interrupted;
}
