/* roster-mail-queue.h: the worker that delivers the outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-context.h"

G_BEGIN_DECLS

typedef struct _RosterMailQueue RosterMailQueue;

/* Starts the worker: it delivers what is due (what a stopped server left
 * too), then whatever comes due. Links in messages start at the [web]
 * public URL, or at @server_url when none is set. With no relay and no
 * drop folder there is no worker: mail waits in the outbox. */
RosterMailQueue *roster_mail_queue_new      (RosterContext    *ctx,
                                             const char       *server_url);
/* Tells the worker that mail was queued; call it after the commit. Does
 * nothing when @self is NULL. */
void             roster_mail_queue_wake     (RosterMailQueue  *self);
/* Stops the worker and waits for it: a message being sent is finished,
 * or stays queued for the next start. */
void             roster_mail_queue_free     (RosterMailQueue  *self);

/* For tests: a clock of their own (Unix seconds) instead of the real
 * one, and the first and longest wait between attempts. */
typedef struct
{
  gint64   first_backoff;                  /* seconds; 0: 30 s */
  gint64   max_backoff;                    /* seconds; 0: one hour */
  gint64 (*clock) (gpointer user_data);    /* NULL: the real time */
  gpointer clock_data;
} RosterMailQueueOptions;

RosterMailQueue *roster_mail_queue_new_full (RosterContext                 *ctx,
                                             const char                    *server_url,
                                             const RosterMailQueueOptions  *options);
/* Wakes the worker and waits until it has gone once through what is due
 * and has nothing left to do now; FALSE when that took longer than
 * @timeout_us. TRUE at once when there is no worker. */
gboolean         roster_mail_queue_wait_idle (RosterMailQueue *self,
                                              gint64           timeout_us);

G_END_DECLS
