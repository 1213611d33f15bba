/* roster-sqlite-mail.c: the outbox in SQLite, for the delivery worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mail queued with another change goes in through roster-sqlite-outbox.c;
 * this file is the rest of the outbox's life.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-mail-storage.h"
#include "roster-sqlite-private.h"

static gint64
sqlite_enqueue (RosterMailStorage      *storage,
                const RosterMailDraft  *draft,
                gint64                  now,
                GError                **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  /* One statement: SQLite makes it a transaction of its own. */
  if (!roster_sqlite_outbox_add (db, draft, now, error))
    return 0;

  return sqlite3_last_insert_rowid (db);
}

#define MESSAGE_COLUMNS \
  "id, kind, coalesce(user_id, 0), coalesce(about_user_id, 0), recipient, recipient_name, params," \
  " state, attempts, created_at, next_attempt_at, sent_at, last_error"

static RosterOutboxMessage *
message_from_row (sqlite3_stmt *stmt)
{
  RosterOutboxMessage *message = g_new0 (RosterOutboxMessage, 1);

  message->id = sqlite3_column_int64 (stmt, 0);
  /* The table's CHECK admits only the kinds there are. */
  roster_mail_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &message->kind);
  message->user_id = sqlite3_column_int64 (stmt, 2);
  message->about_user_id = sqlite3_column_int64 (stmt, 3);
  message->recipient = roster_sqlite_column_dup (stmt, 4);
  message->recipient_name = roster_sqlite_column_dup (stmt, 5);
  message->params = roster_sqlite_column_dup (stmt, 6);
  roster_outbox_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &message->state);
  message->attempts = sqlite3_column_int (stmt, 8);
  message->created_at = sqlite3_column_int64 (stmt, 9);
  message->next_attempt_at = sqlite3_column_int64 (stmt, 10);
  message->sent_at = sqlite3_column_int64 (stmt, 11);
  message->last_error = roster_sqlite_column_dup (stmt, 12);

  return message;
}

static GPtrArray *
sqlite_claim_due (RosterMailStorage  *storage,
                  gint64              now,
                  guint               limit,
                  GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_outbox_message_free);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  /* Nothing is written: one worker delivers, and a row it was busy with
   * when the process stopped must still be queued (see the header). */
  stmt = roster_sqlite_prepare (db,
                                "SELECT " MESSAGE_COLUMNS " FROM mail_outbox"
                                " WHERE state = 'queued' AND next_attempt_at <= ?"
                                " ORDER BY created_at, id LIMIT ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int (stmt, 2, limit > 0 ? limit : 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (messages, message_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "outbox");
      return NULL;
    }

  return g_steal_pointer (&messages);
}

static gboolean
sqlite_mark_sent (RosterMailStorage  *storage,
                  gint64              id,
                  gint64              now,
                  GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  /* The params may hold a link's token and a person's name: once the
   * message is out, the row keeps only who it went to and when. A row
   * erased meanwhile is simply not there any more. */
  stmt = roster_sqlite_prepare (db,
                                "UPDATE mail_outbox SET state = 'sent', sent_at = ?, params = NULL,"
                                "  last_error = NULL"
                                " WHERE id = ? AND state = 'queued'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);

  return roster_sqlite_step_done (db, stmt, "outbox", error);
}

static gboolean
sqlite_mark_retry (RosterMailStorage  *storage,
                   gint64              id,
                   gint64              next_attempt_at,
                   const char         *last_error,
                   GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  stmt = roster_sqlite_prepare (db,
                                "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ?,"
                                "  last_error = ?"
                                " WHERE id = ? AND state = 'queued'",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, next_attempt_at);
  roster_sqlite_bind_text (stmt, 2, last_error);
  sqlite3_bind_int64 (stmt, 3, id);

  return roster_sqlite_step_done (db, stmt, "outbox", error);
}

/* claim_due claims nothing here (one server per SQLite database), so
 * there is nothing to give back. */
static gboolean
sqlite_release (RosterMailStorage  *storage,
                gint64              id,
                gint64              next_attempt_at,
                GError            **error)
{
  return TRUE;
}

static gboolean
sqlite_mark_failed (RosterMailStorage  *storage,
                    gint64              id,
                    const char         *last_error,
                    GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  stmt = roster_sqlite_prepare (db,
                                "UPDATE mail_outbox SET state = 'failed', attempts = attempts + 1,"
                                "  params = NULL, last_error = ?"
                                " WHERE id = ? AND state = 'queued'",
                                error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, last_error);
  sqlite3_bind_int64 (stmt, 2, id);

  return roster_sqlite_step_done (db, stmt, "outbox", error);
}

static gboolean
sqlite_next_due (RosterMailStorage  *storage,
                 gint64             *next_attempt_at,
                 GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  /* min() over the (state, next_attempt_at) index: one lookup. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT coalesce(min(next_attempt_at), 0) FROM mail_outbox"
                                " WHERE state = 'queued'",
                                error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "outbox");

  *next_attempt_at = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static RosterOutboxMessage *
sqlite_get_message (RosterMailStorage  *storage,
                    gint64              id,
                    GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " MESSAGE_COLUMNS " FROM mail_outbox WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return message_from_row (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such message."));
  else
    roster_sqlite_set_error (error, db, rc, "outbox");
  return NULL;
}

static gboolean
sqlite_count (RosterMailStorage  *storage,
              RosterOutboxState   state,
              guint              *count,
              GError            **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT count(*) FROM mail_outbox WHERE state = ?", error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, roster_outbox_state_to_string (state));

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "outbox");

  *count = sqlite3_column_int (stmt, 0);
  return TRUE;
}

void
roster_sqlite_mail_iface_init (RosterMailStorageInterface *iface)
{
  iface->enqueue = sqlite_enqueue;
  iface->claim_due = sqlite_claim_due;
  iface->mark_sent = sqlite_mark_sent;
  iface->mark_retry = sqlite_mark_retry;
  iface->release = sqlite_release;
  iface->mark_failed = sqlite_mark_failed;
  iface->next_due = sqlite_next_due;
  iface->get_message = sqlite_get_message;
  iface->count = sqlite_count;
}
