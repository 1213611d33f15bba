/* roster-key-import-preview.h: the first rows of a CSV file of keys,
 * read as the server will read it, to show before sending it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_KEY_IMPORT_PREVIEW (roster_key_import_preview_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeyImportPreview, roster_key_import_preview, ROSTER, KEY_IMPORT_PREVIEW, GObject)

/* Reads @csv (encoding and delimiter detected, as the server does) and
 * keeps its header and up to @max_rows rows; counts them all. */
RosterKeyImportPreview *roster_key_import_preview_new_from_bytes (GBytes        *csv,
                                                                  guint          max_rows,
                                                                  GCancellable  *cancellable,
                                                                  GError       **error);
/* The same in a thread, for files picked in the UI. */
void                    roster_key_import_preview_read_async     (GBytes              *csv,
                                                                  guint                max_rows,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
RosterKeyImportPreview *roster_key_import_preview_read_finish    (GAsyncResult        *result,
                                                                  GError             **error);

/* The key field a column's name stands for ("nickname", "secret",
 * "active", "group", "expires", "max_uses"), matched as the server
 * matches it (case, Unicode form, spaces, "_", "-" and a trailing
 * colon do not matter), or NULL for a column the server ignores. */
const char  *roster_key_import_column_field          (const char             *name);

const char  *roster_key_import_preview_get_encoding  (RosterKeyImportPreview *self);
char         roster_key_import_preview_get_delimiter (RosterKeyImportPreview *self);
/* The header's names, and the field each maps to (NULL: ignored). */
guint        roster_key_import_preview_get_n_columns (RosterKeyImportPreview *self);
const char  *roster_key_import_preview_get_column    (RosterKeyImportPreview *self,
                                                      guint                   column);
const char  *roster_key_import_preview_get_field     (RosterKeyImportPreview *self,
                                                      guint                   column);
/* Whether a column maps to "nickname", which the server requires. */
gboolean     roster_key_import_preview_has_nickname  (RosterKeyImportPreview *self);
/* The rows kept, and every row below the header. */
guint        roster_key_import_preview_get_n_rows    (RosterKeyImportPreview *self);
guint        roster_key_import_preview_get_total_rows (RosterKeyImportPreview *self);
/* A field of a kept row, "" past its end. */
const char  *roster_key_import_preview_get_value     (RosterKeyImportPreview *self,
                                                      guint                   row,
                                                      guint                   column);

G_END_DECLS
