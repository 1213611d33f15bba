/* roster-mail-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One thread delivers the outbox, one message after the other: mail is
 * rare (a sign-up, a reset) and a relay takes it in well under a second.
 * Rows stay "queued" while they are sent, so a process that dies sending
 * one sends it again after its restart (on PostgreSQL, where several
 * servers' workers claim rows, once the claim's lease is over, by any
 * server): delivery is at least once, and nothing queued is ever lost. Logs name a message by its id and kind
 * only; addresses, names and tokens stay in the database.
 */

#define G_LOG_DOMAIN "roster-mail"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "roster-mail-message.h"
#include "roster-mail-queue.h"
#include "roster-mail-smtp.h"
#include "roster-mail-storage.h"

/* Messages read from the outbox at a time. */
#define BATCH 20
#define DEFAULT_FIRST_BACKOFF 30
#define DEFAULT_MAX_BACKOFF 3600
/* Even with nothing due, the worker looks again now and then, for mail
 * queued by code that did not wake it. */
#define MAX_IDLE_SECONDS (15 * 60)
/* After the outbox could not be read or written. */
#define ERROR_PAUSE_SECONDS 60

typedef enum
{
  DELIVERY_NONE,      /* nowhere to send to: mail waits */
  DELIVERY_RELAY,
  DELIVERY_FOLDER,
} Delivery;

struct _RosterMailQueue
{
  RosterContext     *ctx;
  RosterMailStorage *store;
  char              *server_url;
  Delivery           delivery;
  gint64             first_backoff;
  gint64             max_backoff;
  gint64           (*clock) (gpointer user_data);
  gpointer           clock_data;

  GThread           *thread;
  GCancellable      *cancellable;
  GMutex             lock;
  GCond              cond;
  gboolean           stopping;
  gboolean           woken;
  guint64            wakes;          /* how many times it was woken */
  guint64            idle_after;     /* it was last idle after so many wakes */
};

static gint64
now (RosterMailQueue *self)
{
  return self->clock ? self->clock (self->clock_data) : g_get_real_time () / G_USEC_PER_SEC;
}

/* The wait after @attempts failed attempts, doubled each time. */
static gint64
backoff (RosterMailQueue *self,
         guint            attempts)
{
  gint64 delay = self->first_backoff;

  for (guint i = 0; i < attempts && delay < self->max_backoff; i++)
    delay *= 2;

  return MIN (delay, self->max_backoff);
}

static gboolean
write_to_folder (RosterMailQueue            *self,
                 const RosterOutboxMessage  *row,
                 RosterMailMessage          *message,
                 GError                    **error)
{
  const char *dir = self->ctx->config->mail_drop_dir;
  g_autoptr(GBytes) bytes = roster_mail_message_to_bytes (message, FALSE);
  g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT "-%s.eml", row->id,
                                           roster_mail_kind_to_string (row->kind));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  /* The files hold links that sign people in: for this user only. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Written to a temporary file and renamed: a reader never sees half. */
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_message ("Mail %" G_GINT64_FORMAT " (%s) written to %s", row->id, roster_mail_kind_to_string (row->kind), path);
  return TRUE;
}

static gboolean
recorded (gboolean  ok,
          GError   *error)
{
  if (!ok)
    g_warning ("Could not record a message's delivery in the outbox: %s", error->message);
  return ok;
}

/* Sends one message and records what became of it; FALSE when the
 * outbox could not be written. */
static gboolean
deliver (RosterMailQueue            *self,
         RosterMailSmtp             *smtp,
         const RosterOutboxMessage  *row)
{
  const char *kind = roster_mail_kind_to_string (row->kind);
  g_autoptr(RosterMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  gboolean sent = FALSE;
  gint64 at;
  gint64 deadline;
  gint64 next;

  message = roster_mail_message_new (row, self->ctx->config, self->server_url, &error);
  if (message == NULL)
    {
      /* Its params will never be right: trying again cannot help. */
      g_warning ("Mail %" G_GINT64_FORMAT " (%s) cannot be written and is given up: %s", row->id, kind,
                 error->message);
      return recorded (roster_mail_storage_mark_failed (self->store, row->id, error->message, &store_error),
                       store_error);
    }

  if (smtp != NULL)
    sent = roster_mail_smtp_send (smtp, message, self->cancellable, &error);
  else
    sent = write_to_folder (self, row, message, &error);

  at = now (self);
  if (sent)
    {
      if (smtp != NULL)
        g_info ("Mail %" G_GINT64_FORMAT " (%s) sent", row->id, kind);
      return recorded (roster_mail_storage_mark_sent (self->store, row->id, at, &store_error), store_error);
    }

  /* The server stops: the message stays queued, as it was, and due at
   * once for the next server rather than after the claim's lease. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return recorded (roster_mail_storage_release (self->store, row->id, row->next_attempt_at, &store_error),
                     store_error);

  if (g_error_matches (error, ROSTER_MAIL_SMTP_ERROR, ROSTER_MAIL_SMTP_ERROR_PERMANENT))
    {
      g_warning ("Mail %" G_GINT64_FORMAT " (%s) was refused by the relay and is given up: %s", row->id, kind,
                 error->message);
      return recorded (roster_mail_storage_mark_failed (self->store, row->id, error->message, &store_error),
                       store_error);
    }

  deadline = row->created_at + self->ctx->config->mail_give_up_after;
  if (at >= deadline)
    {
      g_warning ("Mail %" G_GINT64_FORMAT " (%s) is given up after %u attempts: %s", row->id, kind,
                 row->attempts + 1, error->message);
      return recorded (roster_mail_storage_mark_failed (self->store, row->id, error->message, &store_error),
                       store_error);
    }

  /* The last attempt is made when the message is given up, not later. */
  next = MIN (at + backoff (self, row->attempts), deadline);
  g_message ("Mail %" G_GINT64_FORMAT " (%s) not sent, trying again in %" G_GINT64_FORMAT " s: %s", row->id, kind,
             next - at, error->message);
  return recorded (roster_mail_storage_mark_retry (self->store, row->id, next, error->message, &store_error),
                   store_error);
}

/* Delivers what is due now; returns how long to wait before the next
 * pass, in seconds (0: go on at once). */
static gint64
run_pass (RosterMailQueue *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(RosterMailSmtp) smtp = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  gint64 next = 0;
  gint64 wait;
  guint i;

  due = roster_mail_storage_claim_due (self->store, now (self), BATCH, &error);
  if (due == NULL)
    {
      g_warning ("Could not read the outbox: %s", error->message);
      return ERROR_PAUSE_SECONDS;
    }

  /* One connection for the pass: a backlog goes in one SMTP session. */
  if (due->len > 0 && self->delivery == DELIVERY_RELAY)
    smtp = roster_mail_smtp_new (self->ctx->config);

  for (i = 0; ok && i < due->len && !g_cancellable_is_cancelled (self->cancellable); i++)
    ok = deliver (self, smtp, g_ptr_array_index (due, i));

  /* What was claimed and not tried (the server stops, or the outbox
   * could not be written) is due again as it was. */
  for (; i < due->len; i++)
    {
      RosterOutboxMessage *row = g_ptr_array_index (due, i);
      g_autoptr(GError) release_error = NULL;

      if (!roster_mail_storage_release (self->store, row->id, row->next_attempt_at, &release_error))
        g_warning ("Could not give message %" G_GINT64_FORMAT " back to the outbox: %s", row->id,
                   release_error->message);
    }

  if (!ok)
    return ERROR_PAUSE_SECONDS;
  if (due->len == BATCH)
    return 0;

  if (!roster_mail_storage_next_due (self->store, &next, &error))
    {
      g_warning ("Could not read the outbox: %s", error->message);
      return ERROR_PAUSE_SECONDS;
    }
  if (next == 0)
    return MAX_IDLE_SECONDS;

  wait = next - now (self);
  return CLAMP (wait, 0, MAX_IDLE_SECONDS);
}

static gpointer
worker_thread (gpointer data)
{
  RosterMailQueue *self = data;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      guint64 pass = self->wakes;
      gint64 wait;
      gint64 until;

      self->woken = FALSE;
      g_mutex_unlock (&self->lock);

      wait = run_pass (self);

      g_mutex_lock (&self->lock);
      if (self->stopping || self->woken || wait == 0)
        continue;

      self->idle_after = pass;
      g_cond_broadcast (&self->cond);

      until = g_get_monotonic_time () + wait * G_USEC_PER_SEC;
      while (!self->woken && !self->stopping && g_cond_wait_until (&self->cond, &self->lock, until))
        ;
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

static Delivery
choose_delivery (RosterMailQueue *self)
{
  RosterServerConfig *config = self->ctx->config;
  g_autoptr(GError) error = NULL;

  if (!ROSTER_IS_MAIL_STORAGE (self->ctx->storage))
    {
      g_warning ("This storage has no outbox: no mail is sent");
      return DELIVERY_NONE;
    }

  if (config->smtp_host == NULL && config->mail_drop_dir == NULL)
    {
      g_warning ("No mail relay is set ([mail] smtp-host): messages wait in the outbox until one is");
      return DELIVERY_NONE;
    }

  if (!roster_mail_message_check_sender (config, &error))
    {
      g_warning ("%s: messages wait in the outbox until it is corrected", error->message);
      return DELIVERY_NONE;
    }

  if (config->smtp_host != NULL)
    {
      roster_mail_smtp_init ();
      g_info ("Mail goes through %s, port %u", config->smtp_host, config->smtp_port);
      return DELIVERY_RELAY;
    }

  g_message ("No mail relay is set: messages are written to %s", config->mail_drop_dir);
  return DELIVERY_FOLDER;
}

RosterMailQueue *
roster_mail_queue_new_full (RosterContext                 *ctx,
                            const char                    *server_url,
                            const RosterMailQueueOptions  *options)
{
  RosterMailQueue *self = g_new0 (RosterMailQueue, 1);

  self->ctx = ctx;
  self->server_url = g_strdup (server_url);
  self->first_backoff = options && options->first_backoff > 0 ? options->first_backoff : DEFAULT_FIRST_BACKOFF;
  self->max_backoff = options && options->max_backoff > 0 ? options->max_backoff : DEFAULT_MAX_BACKOFF;
  self->max_backoff = MAX (self->max_backoff, self->first_backoff);
  self->clock = options ? options->clock : NULL;
  self->clock_data = options ? options->clock_data : NULL;
  self->cancellable = g_cancellable_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  self->delivery = choose_delivery (self);
  if (self->delivery != DELIVERY_NONE)
    {
      self->store = g_object_ref (ROSTER_MAIL_STORAGE (ctx->storage));
      self->thread = g_thread_new ("roster-mail", worker_thread, self);
    }

  return self;
}

RosterMailQueue *
roster_mail_queue_new (RosterContext *ctx,
                       const char    *server_url)
{
  return roster_mail_queue_new_full (ctx, server_url, NULL);
}

void
roster_mail_queue_wake (RosterMailQueue *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->wakes++;
  self->woken = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

gboolean
roster_mail_queue_wait_idle (RosterMailQueue *self,
                             gint64           timeout_us)
{
  gint64 until = g_get_monotonic_time () + timeout_us;
  guint64 target;
  gboolean idle;

  if (self->thread == NULL)
    return TRUE;

  g_mutex_lock (&self->lock);
  target = ++self->wakes;
  self->woken = TRUE;
  g_cond_broadcast (&self->cond);
  while (self->idle_after < target && g_cond_wait_until (&self->cond, &self->lock, until))
    ;
  idle = self->idle_after >= target;
  g_mutex_unlock (&self->lock);

  return idle;
}

void
roster_mail_queue_free (RosterMailQueue *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_mutex_lock (&self->lock);
      self->stopping = TRUE;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      /* A transfer under way stops within a second (roster-mail-smtp.c). */
      g_cancellable_cancel (self->cancellable);
      g_thread_join (self->thread);
    }

  g_clear_object (&self->store);
  g_object_unref (self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->server_url);
  g_free (self);
}
