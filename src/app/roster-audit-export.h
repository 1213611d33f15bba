/* roster-audit-export.h: every audit event of a filter into a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-client-audit.h"

G_BEGIN_DECLS

/* Called on the caller's main context after each page is read. */
typedef void (*RosterAuditExportProgress) (guint    n_events,
                                           gpointer user_data);

/* Fetches all pages of @filter (its cursor is ignored; pages of its
 * limit, or of 1000 when it has none), one after the other, then writes them to @file off the main loop.
 * Cancelling stops it; the file is left untouched. */
void     roster_audit_export_async  (RosterClient              *client,
                                     const RosterAuditFilter   *filter,
                                     GFile                     *file,
                                     RosterAuditExportProgress  progress,
                                     gpointer                   progress_data,
                                     GCancellable              *cancellable,
                                     GAsyncReadyCallback        callback,
                                     gpointer                   user_data);
gboolean roster_audit_export_finish (GAsyncResult              *result,
                                     guint                     *n_events,
                                     GError                   **error);

G_END_DECLS
