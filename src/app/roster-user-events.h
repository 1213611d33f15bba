/* roster-user-events.h: a person's account and its events in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the users page's list and its details pane, so both say the
 * same.
 */

#pragma once

#include "roster-user.h"

G_BEGIN_DECLS

/* The account's state as a label: "Locked" while @user is locked out
 * at @now (seconds since the epoch), else its state. */
const char *roster_user_events_format_state  (RosterUser *user,
                                              gint64      now);
/* A style class for the state's badge ("success", "warning", "error"
 * or "dim-label"). */
const char *roster_user_events_state_class   (RosterUser *user,
                                              gint64      now);
const char *roster_user_events_format_type   (RosterUserType type);

/* A time in the local time zone for people ("3 Nov 2026, 14:05"), or
 * @never when @unix_time is 0. */
char       *roster_user_events_format_time   (gint64      unix_time,
                                              const char *never);

/* The day alone ("3 Nov 2026"), or @never when @unix_time is 0. */
char       *roster_user_events_format_date   (gint64      unix_time,
                                              const char *never);

G_END_DECLS
