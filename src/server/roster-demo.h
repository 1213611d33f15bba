/* roster-demo.h: realistic, deterministic demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-secret-box.h"
#include "roster-storage.h"

G_BEGIN_DECLS

/* Demo logins are fixed and printed by `roster-server --demo`: the demo
 * is for trying Roster out on one's own machine, never for real data. */
#define ROSTER_DEMO_ADMIN_USERNAME  "admin"
#define ROSTER_DEMO_ADMIN_PASSWORD  "roster-admin-demo"
#define ROSTER_DEMO_PASSWORD        "roster-demo-pass"

typedef struct
{
  const char *username;
  const char *what;
} RosterDemoLogin;

/* The named people of the demo, for the printed summary and for tests. */
const RosterDemoLogin *roster_demo_get_logins      (guint           *n_logins);
/* The secret of the demo's active enrolment key (course CS101). */
const char            *roster_demo_get_active_key  (void);

/* Builds the whole demo (about 400 people in 8 courses of 2 departments)
 * and, when @large_participants is not 0, one more course with that many
 * participants for benchmarks. The same every time, but for password
 * salts and times relative to @now (locks that must still hold). */
RosterDataset         *roster_demo_build           (RosterSecretBox *box,
                                                    gint64           now,
                                                    guint            large_participants,
                                                    GError         **error);

/* Loads the demo into an empty database; leaves one that has users as it
 * is (*created = FALSE). */
gboolean               roster_demo_ensure          (RosterStorage   *storage,
                                                    RosterSecretBox *box,
                                                    guint            large_participants,
                                                    gboolean        *created,
                                                    GError         **error);

G_END_DECLS
