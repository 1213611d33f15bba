/* roster-csv-writer.h: CSV that spreadsheets open right and cannot be
 * turned against their users
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The UTF-8 byte order mark: Excel reads the file as UTF-8 only with it. */
#define ROSTER_CSV_BOM "\xef\xbb\xbf"

/* Appends one row: every cell quoted (doubling inner quotes), comma
 * separated, CRLF terminated (RFC 4180). A cell that a spreadsheet would
 * run as a formula (first character =, +, -, @, tab or carriage return)
 * is prefixed with an apostrophe, as OWASP recommends against CSV
 * injection. NULL cells are empty. */
void roster_csv_append_row (GString            *out,
                            const char * const *cells,
                            guint               n_cells);

G_END_DECLS
