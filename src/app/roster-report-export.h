/* roster-report-export.h: a table of a report as CSV for spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* @rows: a GPtrArray of GStrv, the header first (as
 * roster_course_report_dup_table () makes them); the array is taken. */
void     roster_report_export_async  (GPtrArray           *rows,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean roster_report_export_finish (GAsyncResult        *result,
                                      GError             **error);
/* The CSV text of @rows, as the file gets it. */
GString *roster_report_export_format (GPtrArray           *rows);

G_END_DECLS
