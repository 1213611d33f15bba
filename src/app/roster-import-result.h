/* roster-import-result.h: what an import did (or, in a dry run, would
 * do) with one row of the file, as the server reports it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The outcomes of docs/api.md, in the order the app shows them. */
typedef enum
{
  ROSTER_IMPORT_RESULT_CREATE,
  ROSTER_IMPORT_RESULT_UPDATE,
  ROSTER_IMPORT_RESULT_ENROL,
  ROSTER_IMPORT_RESULT_UNCHANGED,
  ROSTER_IMPORT_RESULT_SKIPPED,
  ROSTER_IMPORT_RESULT_ERROR,
} RosterImportResultOutcome;

#define ROSTER_IMPORT_RESULT_N_OUTCOMES (ROSTER_IMPORT_RESULT_ERROR + 1)

/* "create", "update", … as the API spells them. */
const char *roster_import_result_outcome_to_string   (RosterImportResultOutcome  outcome);
gboolean    roster_import_result_outcome_from_string (const char                *str,
                                                      RosterImportResultOutcome *outcome);
/* For people, translated: "Create", "Enrol", "Unchanged", … */
const char *roster_import_result_outcome_get_label   (RosterImportResultOutcome  outcome);

#define ROSTER_TYPE_IMPORT_RESULT (roster_import_result_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportResult, roster_import_result, ROSTER, IMPORT_RESULT, GObject)

/* One element of a report's "rows"; NULL with an error for an object
 * that is not one. */
RosterImportResult        *roster_import_result_new_from_json    (JsonObject          *object,
                                                                  GError             **error);
guint                      roster_import_result_get_line         (RosterImportResult  *self);
RosterImportResultOutcome  roster_import_result_get_outcome      (RosterImportResult  *self);
/* 0 for an account that does not exist (yet). */
gint64                     roster_import_result_get_user_id      (RosterImportResult  *self);
/* NULL when the row has none. */
const char                *roster_import_result_get_username     (RosterImportResult  *self);
const char                *roster_import_result_get_email        (RosterImportResult  *self);
/* Of RosterImportProblem (roster-import.h), line set to the row's. */
GPtrArray                 *roster_import_result_get_problems     (RosterImportResult  *self);
gboolean                   roster_import_result_has_problems     (RosterImportResult  *self);
/* Every problem's message, one per line; "" without problems. */
char                      *roster_import_result_dup_problem_text (RosterImportResult  *self);

G_END_DECLS
