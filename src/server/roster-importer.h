/* roster-importer.h: importing a CSV file of people into courses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the file (roster-csv.h), maps and checks every row
 * (roster-import.h), checks each row against the site (accounts, courses,
 * groups, the caller's rights), and decides its outcome. A dry run stops
 * there and changes nothing; a real run writes every accepted row in one
 * import session (roster-import-storage.h): all of it, or — when it
 * fails or is cancelled — none of it.
 */

#pragma once

#include "roster-context.h"
#include "roster-import.h"
#include "roster-import-options.h"
#include "roster-import-report.h"
#include "roster-import-storage.h"

G_BEGIN_DECLS


typedef struct _RosterImportProgress RosterImportProgress;

/* Read by any thread while the import runs. */
struct _RosterImportProgress
{
  gint rows_total;     /* known once the file has been read through */
  gint rows_done;
  gint importing;      /* 0 while checking, 1 while writing */
  gint cancelled;      /* set to ask the import to stop */
  /* If not NULL, called by the import's thread after each row (and while
   * a test holds it, ROSTER_TEST_IMPORT_STALL): it may save the progress
   * and set cancelled; keep it cheap, it limits its own rate. */
  void (*poll) (RosterImportProgress *progress,
                gpointer              user_data);
  gpointer poll_data;
};


/* Runs an import of @csv into @course_id for @caller. A dry run returns
 * the full report. A real run (with @job_id) checks every row first,
 * refuses (ROSTER_ERROR_VALIDATION, with the report) when rows have
 * problems and skip_errors is off, then writes; its report rows go to
 * the job. Cancelling through @progress gives G_IO_ERROR_CANCELLED and
 * leaves the database as it was. */
gboolean roster_importer_run (RosterContext              *ctx,
                              RosterUser                 *caller,
                              gint64                      course_id,
                              GBytes                     *csv,
                              const RosterImportOptions  *options,
                              gint64                      job_id,
                              RosterImportProgress       *progress,
                              RosterImportReport        **report,
                              GError                    **error);

G_END_DECLS
