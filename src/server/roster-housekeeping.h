/* roster-housekeeping.h: what the server does now and then by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-context.h"

G_BEGIN_DECLS

typedef struct _RosterHousekeeping RosterHousekeeping;

/* Removes unconfirmed sign-ups older than the configured lifetime, once
 * at start and then every hour, on a worker thread. */
RosterHousekeeping *roster_housekeeping_new  (RosterContext      *ctx);
/* Waits for a round under way to finish. */
void                roster_housekeeping_free (RosterHousekeeping *self);

G_END_DECLS
