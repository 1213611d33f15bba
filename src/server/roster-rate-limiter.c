/* roster-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generic cell rate algorithm: each key keeps only the time at which
 * it would be "caught up" (its theoretical arrival time). In integers, so
 * the waits it reports are exact.
 */

#include "config.h"

#include "roster-rate-limiter.h"

/* Above this many keys, keys that are fully caught up are dropped: they
 * hold nothing a new key would not. */
#define PRUNE_THRESHOLD 4096

struct _RosterRateLimiter
{
  GMutex      lock;
  GHashTable *arrivals;     /* key → gint64 theoretical arrival time */
  gint64      interval_us;  /* between two attempts at the steady rate */
  gint64      burst_us;     /* how far ahead of the steady rate a key may be */
};

RosterRateLimiter *
roster_rate_limiter_new (guint per_minute)
{
  return roster_rate_limiter_new_window (per_minute, 60);
}

RosterRateLimiter *
roster_rate_limiter_new_window (guint  count,
                                gint64 window_seconds)
{
  RosterRateLimiter *self;

  g_return_val_if_fail (count > 0, NULL);
  g_return_val_if_fail (window_seconds > 0, NULL);

  self = g_new0 (RosterRateLimiter, 1);
  g_mutex_init (&self->lock);
  self->arrivals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->interval_us = window_seconds * (gint64) G_USEC_PER_SEC / count;
  self->burst_us = self->interval_us * (count - 1);

  return self;
}

void
roster_rate_limiter_free (RosterRateLimiter *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->arrivals);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
prune (RosterRateLimiter *self,
       gint64             now_us)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->arrivals);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (*(gint64 *) value <= now_us)
        g_hash_table_iter_remove (&iter);
    }
}

gboolean
roster_rate_limiter_check (RosterRateLimiter *self,
                           const char        *key,
                           gint64             now_us,
                           guint             *retry_after)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  gint64 *arrival;
  gint64 ahead;

  *retry_after = 0;
  if (key == NULL)
    key = "";

  arrival = g_hash_table_lookup (self->arrivals, key);
  if (arrival == NULL)
    {
      if (g_hash_table_size (self->arrivals) >= PRUNE_THRESHOLD)
        prune (self, now_us);

      arrival = g_new (gint64, 1);
      *arrival = now_us;
      g_hash_table_insert (self->arrivals, g_strdup (key), arrival);
    }

  if (*arrival < now_us)
    *arrival = now_us;

  ahead = *arrival - now_us;
  if (ahead > self->burst_us)
    {
      gint64 wait_us = ahead - self->burst_us;

      *retry_after = (guint) ((wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      return FALSE;
    }

  *arrival += self->interval_us;
  return TRUE;
}
