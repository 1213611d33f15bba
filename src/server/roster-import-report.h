/* roster-import-report.h: what an import found and did, and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-import.h"
#include "roster-import-storage.h"

G_BEGIN_DECLS

typedef struct
{
  char       *encoding;
  gboolean    encoding_detected;
  char        delimiter;
  gboolean    delimiter_detected;
  JsonNode   *columns;          /* [{name, field, slot}] */
  GStrv       unknown_columns;
  GPtrArray  *file_problems;    /* of RosterImportProblem: the file as a whole */
  guint       counts[ROSTER_IMPORT_N_OUTCOMES];
  guint       rows_total;
  /* Of RosterImportReportRow; every row in a dry run, rows with
   * problems after a real run's check. */
  GPtrArray  *rows;
} RosterImportReport;

RosterImportReport *roster_import_report_new  (void);
void                roster_import_report_free (RosterImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportReport, roster_import_report_free)

/* {encoding, encoding_detected, delimiter, delimiter_detected, columns,
 * unknown_columns, problems}: how the file was read, as dry runs and
 * jobs show it. */
JsonNode *roster_import_report_file_to_json (RosterImportReport          *report);
/* {create: N, update: N, …} as the member "counts" of @builder's object. */
void      roster_import_add_counts          (JsonBuilder                 *builder,
                                             const guint                 *counts);
/* {line, outcome, user_id, username, email, problems} of one row. */
void      roster_import_report_row_to_json  (const RosterImportReportRow *row,
                                             JsonBuilder                 *builder);
/* A row's problems as a JSON array [{column, code, message}], as the
 * report keeps them; NULL when there are none. */
char     *roster_import_problems_to_string  (GPtrArray                   *problems);

G_END_DECLS
