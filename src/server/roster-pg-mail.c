/* roster-pg-mail.c: the outbox in PostgreSQL, for the delivery worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-mail.c and roster-sqlite-outbox.c, for
 * several servers on one database, each with its delivery worker. The
 * SQLite driver's claim_due () only reads (one worker per database);
 * here it claims: the due rows are locked FOR UPDATE SKIP LOCKED (a
 * worker skips what another is claiming at that moment) and their
 * next_attempt_at moved past a lease, in one statement. Another worker
 * then no longer finds them due, so each message is sent once. The row
 * stays "queued", as in SQLite: a server that dies while it sends
 * leaves the message to be sent after the lease, by any server (still
 * at least once, never lost). mark_sent (), mark_retry () and
 * mark_failed () end the lease, and release () gives back what a
 * stopping server claimed and did not send. No column is needed: next_attempt_at is
 * the claim.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-mail-storage.h"
#include "roster-pg-private.h"

/* How long a claimed message is left to the worker that claimed it: more
 * than a pass over a batch takes (each message's transfer is bounded,
 * roster-mail-smtp.c), short enough that mail a dead server was sending
 * is not held up for long. */
#define CLAIM_LEASE_SECONDS (60 * 60)

#define OUTBOX_INSERT \
  "INSERT INTO mail_outbox (kind, user_id, about_user_id, recipient," \
  "  recipient_name, params, created_at, next_attempt_at)" \
  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"

static gboolean
outbox_add (PGconn                 *conn,
            const RosterMailDraft  *draft,
            gint64                  now,
            gint64                 *id,
            GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  g_return_val_if_fail (draft->recipient != NULL && draft->params != NULL, FALSE);

  roster_pg_add_text (&params, roster_mail_kind_to_string (draft->kind));
  roster_pg_add_id (&params, draft->user_id);
  roster_pg_add_id (&params, draft->about_user_id);
  roster_pg_add_text (&params, draft->recipient);
  roster_pg_add_text (&params, draft->recipient_name);
  roster_pg_add_text (&params, draft->params);
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, now);

  return roster_pg_query_int (conn, OUTBOX_INSERT, &params, "mail", NULL, id, error);
}

gboolean
roster_pg_outbox_add (PGconn                 *conn,
                      const RosterMailDraft  *draft,
                      gint64                  now,
                      GError                **error)
{
  gint64 id = 0;

  return outbox_add (conn, draft, now, &id, error);
}

static gint64
pg_enqueue (RosterMailStorage      *storage,
            const RosterMailDraft  *draft,
            gint64                  now,
            GError                **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  gint64 id = 0;

  /* One statement: a transaction of its own. */
  if (!outbox_add (conn, draft, now, &id, error))
    return 0;

  return id;
}

#define MESSAGE_COLUMNS \
  "id, kind, coalesce(user_id, 0), coalesce(about_user_id, 0), recipient, recipient_name, params," \
  " state, attempts, created_at, next_attempt_at, sent_at, last_error"

static RosterOutboxMessage *
message_from_row (const PGresult *result,
                  int             row)
{
  RosterOutboxMessage *message = g_new0 (RosterOutboxMessage, 1);

  message->id = roster_pg_get_int (result, row, 0);
  /* The table's CHECK admits only the kinds there are. */
  roster_mail_kind_from_string (roster_pg_get_text (result, row, 1), &message->kind);
  message->user_id = roster_pg_get_int (result, row, 2);
  message->about_user_id = roster_pg_get_int (result, row, 3);
  message->recipient = roster_pg_get_dup (result, row, 4);
  message->recipient_name = roster_pg_get_dup (result, row, 5);
  message->params = roster_pg_get_dup (result, row, 6);
  roster_outbox_state_from_string (roster_pg_get_text (result, row, 7), &message->state);
  message->attempts = (guint) roster_pg_get_int (result, row, 8);
  message->created_at = roster_pg_get_int (result, row, 9);
  message->next_attempt_at = roster_pg_get_int (result, row, 10);
  message->sent_at = roster_pg_get_int (result, row, 11);
  message->last_error = roster_pg_get_dup (result, row, 12);

  return message;
}

static GPtrArray *
pg_claim_due (RosterMailStorage  *storage,
              gint64              now,
              guint               limit,
              GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_outbox_message_free);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* One statement, so a transaction of its own: rows another worker has
   * locked are skipped, not waited for, and once it commits they are no
   * longer due. The rows come back as they were before the claim (due
   * at their old time), as SQLite's read gives them. */
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, limit > 0 ? limit : 1);
  roster_pg_add_int (&params, now + CLAIM_LEASE_SECONDS);
  result = roster_pg_query (conn,
                            "WITH due AS ("
                            "  SELECT id, next_attempt_at FROM mail_outbox"
                            "  WHERE state = 'queued' AND next_attempt_at <= $1"
                            "  ORDER BY created_at, id LIMIT $2 FOR UPDATE SKIP LOCKED),"
                            " claimed AS ("
                            "  UPDATE mail_outbox o SET next_attempt_at = $3 FROM due"
                            "  WHERE o.id = due.id"
                            "  RETURNING o.id, o.kind, coalesce(o.user_id, 0), coalesce(o.about_user_id, 0),"
                            "    o.recipient, o.recipient_name, o.params, o.state, o.attempts, o.created_at,"
                            "    due.next_attempt_at, o.sent_at, o.last_error)"
                            " SELECT * FROM claimed ORDER BY created_at, id",
                            &params, "outbox", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (messages, message_from_row (result, i));

  return g_steal_pointer (&messages);
}

static gboolean
pg_mark_sent (RosterMailStorage  *storage,
              gint64              id,
              gint64              now,
              GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* The params may hold a link's token and a person's name: once the
   * message is out, the row keeps only who it went to and when. A row
   * erased meanwhile is simply not there any more. */
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, id);
  return roster_pg_exec (conn,
                         "UPDATE mail_outbox SET state = 'sent', sent_at = $1, params = NULL,"
                         "  last_error = NULL"
                         " WHERE id = $2 AND state = 'queued'",
                         &params, "outbox", error);
}

static gboolean
pg_mark_retry (RosterMailStorage  *storage,
               gint64              id,
               gint64              next_attempt_at,
               const char         *last_error,
               GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, next_attempt_at);
  roster_pg_add_text (&params, last_error);
  roster_pg_add_int (&params, id);
  return roster_pg_exec (conn,
                         "UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = $1,"
                         "  last_error = $2"
                         " WHERE id = $3 AND state = 'queued'",
                         &params, "outbox", error);
}

/* Ends the claim of a message that was not tried: due again as it was,
 * no attempt counted. */
static gboolean
pg_release (RosterMailStorage  *storage,
            gint64              id,
            gint64              next_attempt_at,
            GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, next_attempt_at);
  roster_pg_add_int (&params, id);
  return roster_pg_exec (conn,
                         "UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = $2 AND state = 'queued'",
                         &params, "outbox", error);
}

static gboolean
pg_mark_failed (RosterMailStorage  *storage,
                gint64              id,
                const char         *last_error,
                GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_text (&params, last_error);
  roster_pg_add_int (&params, id);
  return roster_pg_exec (conn,
                         "UPDATE mail_outbox SET state = 'failed', attempts = attempts + 1,"
                         "  params = NULL, last_error = $1"
                         " WHERE id = $2 AND state = 'queued'",
                         &params, "outbox", error);
}

static gboolean
pg_next_due (RosterMailStorage  *storage,
             gint64             *next_attempt_at,
             GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* min() over the (state, next_attempt_at) index: one lookup. */
  return roster_pg_query_int (conn,
                              "SELECT coalesce(min(next_attempt_at), 0) FROM mail_outbox"
                              " WHERE state = 'queued'",
                              NULL, "outbox", NULL, next_attempt_at, error);
}

static RosterOutboxMessage *
pg_get_message (RosterMailStorage  *storage,
                gint64              id,
                GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, id);
  result = roster_pg_query (conn, "SELECT " MESSAGE_COLUMNS " FROM mail_outbox WHERE id = $1",
                            &params, "outbox", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such message."));
      return NULL;
    }

  return message_from_row (result, 0);
}

static gboolean
pg_count (RosterMailStorage  *storage,
          RosterOutboxState   state,
          guint              *count,
          GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  gint64 value = 0;

  roster_pg_add_text (&params, roster_outbox_state_to_string (state));
  if (!roster_pg_query_int (conn, "SELECT count(*) FROM mail_outbox WHERE state = $1",
                            &params, "outbox", NULL, &value, error))
    return FALSE;

  *count = (guint) value;
  return TRUE;
}

void
roster_pg_mail_init (RosterMailStorageInterface *iface)
{
  iface->enqueue = pg_enqueue;
  iface->claim_due = pg_claim_due;
  iface->mark_sent = pg_mark_sent;
  iface->mark_retry = pg_mark_retry;
  iface->release = pg_release;
  iface->mark_failed = pg_mark_failed;
  iface->next_due = pg_next_due;
  iface->get_message = pg_get_message;
  iface->count = pg_count;
}
