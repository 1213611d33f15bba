/* roster-rate-limiter.h: how often one client may try something
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _RosterRateLimiter RosterRateLimiter;

/* A token bucket per key (a client address): @per_minute attempts a
 * minute, all of which may come at once. Safe to use from any thread. */
RosterRateLimiter *roster_rate_limiter_new   (guint               per_minute);
/* @count attempts per @window_seconds, all of which may come at once. */
RosterRateLimiter *roster_rate_limiter_new_window (guint          count,
                                                   gint64         window_seconds);
void               roster_rate_limiter_free  (RosterRateLimiter  *self);
/* TRUE if @key may go ahead at @now_us (monotonic microseconds); else
 * FALSE with the wait until it may, in whole seconds, in @retry_after. */
gboolean           roster_rate_limiter_check (RosterRateLimiter  *self,
                                              const char         *key,
                                              gint64              now_us,
                                              guint              *retry_after);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRateLimiter, roster_rate_limiter_free)

G_END_DECLS
