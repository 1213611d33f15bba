/* roster-import-report.h: an import as the server describes it: a dry
 * run's whole report, or a job with its state, progress and report rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "roster-import-result.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_IMPORT_REPORT_QUEUED,
  ROSTER_IMPORT_REPORT_RUNNING,
  ROSTER_IMPORT_REPORT_DONE,        /* a dry run is always done */
  ROSTER_IMPORT_REPORT_FAILED,
  ROSTER_IMPORT_REPORT_CANCELLED,
} RosterImportReportState;

#define ROSTER_TYPE_IMPORT_REPORT (roster_import_report_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportReport, roster_import_report, ROSTER, IMPORT_REPORT, GObject)

/* The answer of a dry run, of POST …/imports (a job) or of GET
 * /imports/{iid}; the rows it holds (if any) are in get_rows(). */
RosterImportReport      *roster_import_report_new_from_json         (JsonObject          *object,
                                                                     GError             **error);

gboolean                 roster_import_report_get_dry_run           (RosterImportReport  *self);
/* 0 for a dry run. */
gint64                   roster_import_report_get_id                (RosterImportReport  *self);
gint64                   roster_import_report_get_course_id         (RosterImportReport  *self);
RosterImportReportState  roster_import_report_get_state             (RosterImportReport  *self);
/* Whether the job has ended (done, failed or cancelled). */
gboolean                 roster_import_report_is_finished           (RosterImportReport  *self);
/* "checking" or "importing" while it runs, else NULL. */
const char              *roster_import_report_get_phase             (RosterImportReport  *self);
guint                    roster_import_report_get_rows_total        (RosterImportReport  *self);
guint                    roster_import_report_get_rows_done         (RosterImportReport  *self);
guint                    roster_import_report_get_count             (RosterImportReport  *self,
                                                                     RosterImportResultOutcome outcome);
/* Why a failed job failed, for people; NULL otherwise. */
const char              *roster_import_report_get_error             (RosterImportReport  *self);
const char              *roster_import_report_get_file_name         (RosterImportReport  *self);
/* Unix times; 0 when not yet. */
gint64                   roster_import_report_get_created_at        (RosterImportReport  *self);
gint64                   roster_import_report_get_finished_at       (RosterImportReport  *self);

/* The file as the server read it ("file"): NULL/'\0' when not known. */
const char              *roster_import_report_get_encoding          (RosterImportReport  *self);
gboolean                 roster_import_report_get_encoding_detected (RosterImportReport  *self);
char                     roster_import_report_get_delimiter         (RosterImportReport  *self);
/* Problems with the file as a whole, of RosterImportProblem (roster-import.h). */
GPtrArray               *roster_import_report_get_file_problems     (RosterImportReport  *self);

/* The report rows this answer carried, a GListModel of RosterImportResult. */
GListModel              *roster_import_report_get_rows              (RosterImportReport  *self);
/* The cursor of the next page of rows, or NULL on the last one. */
const char              *roster_import_report_get_next_cursor       (RosterImportReport  *self);

G_END_DECLS
