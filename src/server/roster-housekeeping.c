/* roster-housekeeping.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-server"

#include "config.h"

#include "roster-auth.h"
#include "roster-housekeeping.h"
#include "roster-signup-storage.h"

#define INTERVAL_SECONDS 3600

struct _RosterHousekeeping
{
  RosterContext *ctx;
  GThread       *thread;
  GMutex         lock;
  GCond          cond;
  gboolean       stopping;
};

static void
purge_unconfirmed (RosterHousekeeping *self)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  if (!roster_signup_storage_purge_unconfirmed (ROSTER_SIGNUP_STORAGE (self->ctx->storage),
                                                roster_now () - self->ctx->config->unconfirmed_lifetime,
                                                &count, &error))
    g_warning ("Could not remove unconfirmed sign-ups: %s", error->message);
  else if (count > 0)
    g_message ("Removed %u unconfirmed sign-ups", count);
}

/* A thread of its own rather than a main-loop timer: the work touches
 * the database, and the main loop must stay free for requests. */
static gpointer
housekeeping_thread (gpointer data)
{
  RosterHousekeeping *self = data;

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      gint64 next = g_get_monotonic_time () + (gint64) INTERVAL_SECONDS * G_USEC_PER_SEC;

      g_mutex_unlock (&self->lock);
      purge_unconfirmed (self);
      g_mutex_lock (&self->lock);

      while (!self->stopping && g_cond_wait_until (&self->cond, &self->lock, next))
        ;
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

RosterHousekeeping *
roster_housekeeping_new (RosterContext *ctx)
{
  RosterHousekeeping *self = g_new0 (RosterHousekeeping, 1);

  self->ctx = ctx;
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("roster-housekeeping", housekeeping_thread, self);

  return self;
}

void
roster_housekeeping_free (RosterHousekeeping *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (self->thread);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
