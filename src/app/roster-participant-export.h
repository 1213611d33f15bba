/* roster-participant-export.h: participants as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     roster_participant_export_async  (GListModel          *participants,
                                           const char * const  *headers,
                                           GFile               *file,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean roster_participant_export_finish (GAsyncResult        *result,
                                           guint               *n_rows,
                                           GError             **error);

G_END_DECLS
