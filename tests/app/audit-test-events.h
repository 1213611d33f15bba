/* audit-test-events.h: events in the audit log of a test's server, and
 * reading them back, for test-audit and test-audit-page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "app-fixture.h"
#include "roster-client-audit.h"

G_BEGIN_DECLS

#define CS101_ID 1
#define VISITING_KEY_ID 1

/* m.chen signs in and reveals CS101's key; k.zhang mistypes; an
 * account is made whose names a spreadsheet would run as formulas. */
void              make_events   (RosterAppFixture        *fixture);
void              sign_in_admin (RosterAppFixture        *fixture);
GListModel       *list_audit    (RosterAppFixture        *fixture,
                                 const RosterAuditFilter *filter,
                                 char                   **next_cursor,
                                 GError                 **error);
/* Every event of @filter, on one page of at most 1000. */
GListModel       *list_all      (RosterAppFixture        *fixture,
                                 RosterAuditFilter        filter);
/* The first event of @action in @events, or NULL. */
RosterAuditEntry *find_action   (GListModel              *events,
                                 const char              *action);
gint64            find_user_id  (RosterAppFixture        *fixture,
                                 const char              *username);
/* Where the tests export to: audit.csv in the fixture's directory. */
char             *export_path   (RosterAppFixture        *fixture);

G_END_DECLS
