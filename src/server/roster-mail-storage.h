/* roster-mail-storage.h: the outbox, as the delivery worker sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fourth interface of the storage drivers. Code that decides to send
 * mail queues it inside its own transaction (roster_sqlite_outbox_add ());
 * this interface is for the worker that delivers it (roster-mail-queue.c)
 * and for mail queued on its own. A row stays "queued" until it is sent
 * or given up: nothing marks it as being sent, so a message the worker
 * was sending when the process died is simply sent again after a
 * restart (at least once, never lost).
 */

#pragma once

#include "roster-mail-draft.h"
#include "roster-storage.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_OUTBOX_QUEUED,
  ROSTER_OUTBOX_SENT,
  ROSTER_OUTBOX_FAILED,          /* given up */
} RosterOutboxState;

const char *roster_outbox_state_to_string   (RosterOutboxState  state);
gboolean    roster_outbox_state_from_string (const char        *str,
                                             RosterOutboxState *state);

/* One row of the outbox. */
typedef struct
{
  gint64             id;
  RosterMailKind     kind;
  gint64             user_id;          /* the recipient's account, 0: none */
  gint64             about_user_id;    /* 0: none */
  char              *recipient;
  char              *recipient_name;   /* may be NULL */
  char              *params;           /* JSON; NULL once sent or given up */
  RosterOutboxState  state;
  guint              attempts;         /* failed ones */
  gint64             created_at;
  gint64             next_attempt_at;
  gint64             sent_at;          /* 0: not sent */
  char              *last_error;
} RosterOutboxMessage;

void roster_outbox_message_free (RosterOutboxMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterOutboxMessage, roster_outbox_message_free)

#define ROSTER_TYPE_MAIL_STORAGE (roster_mail_storage_get_type ())

G_DECLARE_INTERFACE (RosterMailStorage, roster_mail_storage, ROSTER, MAIL_STORAGE, GObject)

struct _RosterMailStorageInterface
{
  GTypeInterface parent_iface;

  gint64     (*enqueue)     (RosterMailStorage      *self,
                             const RosterMailDraft  *draft,
                             gint64                  now,
                             GError                **error);
  GPtrArray *(*claim_due)   (RosterMailStorage      *self,
                             gint64                  now,
                             guint                   limit,
                             GError                **error);
  gboolean   (*mark_sent)   (RosterMailStorage      *self,
                             gint64                  id,
                             gint64                  now,
                             GError                **error);
  gboolean   (*mark_retry)  (RosterMailStorage      *self,
                             gint64                  id,
                             gint64                  next_attempt_at,
                             const char             *last_error,
                             GError                **error);
  gboolean   (*release)     (RosterMailStorage      *self,
                             gint64                  id,
                             gint64                  next_attempt_at,
                             GError                **error);
  gboolean   (*mark_failed) (RosterMailStorage      *self,
                             gint64                  id,
                             const char             *last_error,
                             GError                **error);
  gboolean   (*next_due)    (RosterMailStorage      *self,
                             gint64                 *next_attempt_at,
                             GError                **error);
  RosterOutboxMessage *(*get_message) (RosterMailStorage  *self,
                                       gint64              id,
                                       GError            **error);
  gboolean   (*count)       (RosterMailStorage      *self,
                             RosterOutboxState       state,
                             guint                  *count,
                             GError                **error);
};

/* Queues @draft on its own (not as part of another change) with
 * created_at @now, due at once; returns its id, 0 on error. */
gint64               roster_mail_storage_enqueue     (RosterMailStorage      *self,
                                                      const RosterMailDraft  *draft,
                                                      gint64                  now,
                                                      GError                **error);
/* Up to @limit queued messages due at @now (next_attempt_at <= @now),
 * the oldest first, as RosterOutboxMessage (as they were: due at their
 * old time). They stay queued. With several servers on one database
 * (PostgreSQL) they are also claimed: their next_attempt_at moves on by
 * a lease, so that no other worker takes them meanwhile; marking them
 * sent, retried or failed ends it. */
GPtrArray           *roster_mail_storage_claim_due   (RosterMailStorage      *self,
                                                      gint64                  now,
                                                      guint                   limit,
                                                      GError                **error);
/* Sent at @now; its params (tokens, names) are cleared. */
gboolean             roster_mail_storage_mark_sent   (RosterMailStorage      *self,
                                                      gint64                  id,
                                                      gint64                  now,
                                                      GError                **error);
/* One more failed attempt; tried again at @next_attempt_at. */
gboolean             roster_mail_storage_mark_retry  (RosterMailStorage      *self,
                                                      gint64                  id,
                                                      gint64                  next_attempt_at,
                                                      const char             *last_error,
                                                      GError                **error);
/* A claimed message that was not tried (the server stops): due again at
 * @next_attempt_at (the time claim_due gave), with no attempt counted,
 * so that a stop does not hold it for the claim's lease. */
gboolean             roster_mail_storage_release     (RosterMailStorage      *self,
                                                      gint64                  id,
                                                      gint64                  next_attempt_at,
                                                      GError                **error);
/* Given up: failed for good, its params cleared. */
gboolean             roster_mail_storage_mark_failed (RosterMailStorage      *self,
                                                      gint64                  id,
                                                      const char             *last_error,
                                                      GError                **error);
/* The earliest next_attempt_at of the queued messages, 0 when none is
 * queued. */
gboolean             roster_mail_storage_next_due    (RosterMailStorage      *self,
                                                      gint64                 *next_attempt_at,
                                                      GError                **error);
/* One row, whatever its state (ROSTER_ERROR_NOT_FOUND when there is none). */
RosterOutboxMessage *roster_mail_storage_get_message (RosterMailStorage      *self,
                                                      gint64                  id,
                                                      GError                **error);
gboolean             roster_mail_storage_count       (RosterMailStorage      *self,
                                                      RosterOutboxState       state,
                                                      guint                  *count,
                                                      GError                **error);

G_END_DECLS
