/* roster-import-result-private.h: what the import report shares with
 * its rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-import.h"

G_BEGIN_DECLS

/* The problems of an array of {line?, column, code, message} (NULL or
 * a JSON null: none) as a GPtrArray of RosterImportProblem; each
 * problem's line is its own "line" member, else @line. */
GPtrArray *roster_import_problems_from_json (JsonNode  *node,
                                             guint      line,
                                             GError   **error);

G_END_DECLS
