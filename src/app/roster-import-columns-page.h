/* roster-import-columns-page.h: the import wizard's second step: which
 * field each column of the file holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-import.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_COLUMNS_PAGE (roster_import_columns_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportColumnsPage, roster_import_columns_page, ROSTER, IMPORT_COLUMNS_PAGE, GtkWidget)

GtkWidget           *roster_import_columns_page_new         (void);
/* The file's first rows (GPtrArray of GStrv, the header first). A new
 * header is guessed afresh; a header seen before (another encoding or
 * delimiter, and back) gets the user's choices back. */
void                 roster_import_columns_page_set_rows    (RosterImportColumnsPage *self,
                                                             GPtrArray               *rows);
/* NULL before any rows. */
RosterImportMapping *roster_import_columns_page_get_mapping (RosterImportColumnsPage *self);
/* The user's choice for @column: the field, and the slot of a slotted one. */
void                 roster_import_columns_page_set_field   (RosterImportColumnsPage *self,
                                                             guint                    column,
                                                             RosterImportField        field,
                                                             guint                    slot);
/* settings.columns: each column's field as the API names it, "" for an
 * ignored one. NULL before any rows. */
GStrv                roster_import_columns_page_dup_columns (RosterImportColumnsPage *self);
/* Property "valid": the mapping has no problem. */
gboolean             roster_import_columns_page_get_valid   (RosterImportColumnsPage *self);

/* Signal "changed": the user changed a column's field. */

G_END_DECLS
