/* roster-client-audit.h: the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-audit-entry.h"
#include "roster-client.h"

G_BEGIN_DECLS

/* GET /audit's parameters; 0 and NULL mean "not given". */
typedef struct
{
  gint64      course_id;
  gint64      user_id;
  gint64      since;        /* Unix time: at or after */
  gint64      until;        /* Unix time: before */
  const char *action;       /* "key.revealed", or a family: "import." */
  const char *cursor;
  guint       limit;
} RosterAuditFilter;

/* One page, newest first: a GListModel of RosterAuditEntry;
 * @next_cursor (nullable out) gets NULL on the last page. */
void        roster_client_list_audit_async  (RosterClient            *self,
                                             const RosterAuditFilter *filter,
                                             GCancellable            *cancellable,
                                             GAsyncReadyCallback      callback,
                                             gpointer                 user_data);
GListModel *roster_client_list_audit_finish (RosterClient            *self,
                                             GAsyncResult            *result,
                                             char                   **next_cursor,
                                             GError                 **error);

G_END_DECLS
