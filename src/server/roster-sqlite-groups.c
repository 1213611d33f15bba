/* roster-sqlite-groups.c: groups, members, assignments and submissions
 * in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-text.h"

static GArray *
sqlite_list_user_group_ids (RosterStorage  *storage,
                            gint64          course_id,
                            gint64          user_id,
                            GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = roster_sqlite_storage_acquire (self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT g.id FROM groups g JOIN group_members m ON m.group_id = g.id"
                                " WHERE g.course_id = ? AND m.user_id = ? ORDER BY g.id",
                                error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "user groups");
  else
    ok = TRUE;

out:
  roster_sqlite_storage_release (self, db);
  return ok ? g_steal_pointer (&ids) : NULL;
}

void
roster_sqlite_groups_init (RosterStorageInterface *iface)
{
  iface->list_user_group_ids = sqlite_list_user_group_ids;
}
