/* roster-sqlite-outbox.c: queueing mail inside another change's
 * transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include "roster-sqlite-private.h"

gboolean
roster_sqlite_outbox_add (sqlite3                *db,
                          const RosterMailDraft  *draft,
                          gint64                  now,
                          GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (draft->recipient != NULL && draft->params != NULL, FALSE);

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO mail_outbox (kind, user_id, about_user_id, recipient,"
                                "  recipient_name, params, created_at, next_attempt_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  roster_sqlite_bind_text (stmt, 1, roster_mail_kind_to_string (draft->kind));
  roster_sqlite_bind_id (stmt, 2, draft->user_id);
  roster_sqlite_bind_id (stmt, 3, draft->about_user_id);
  roster_sqlite_bind_text (stmt, 4, draft->recipient);
  roster_sqlite_bind_text (stmt, 5, draft->recipient_name);
  roster_sqlite_bind_text (stmt, 6, draft->params);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);

  return roster_sqlite_step_done (db, stmt, "mail", error);
}
