/* roster-csv.h: reading CSV files as spreadsheets write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 (quoted fields, doubled quotes, delimiters and line breaks
 * inside quotes, CRLF, LF or CR line ends), in whatever encoding the file
 * came in: a byte order mark decides (UTF-8, UTF-16LE/BE), else
 * libuchardet guesses (GBK from Excel in a Chinese locale, Windows-1252,
 * …), and GLib converts to UTF-8. The delimiter is guessed among comma,
 * semicolon, tab and pipe. Both can be given instead. Rows come out one
 * at a time from a GInputStream: memory does not grow with the file.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTER_CSV_ERROR (roster_csv_error_quark ())

typedef enum
{
  ROSTER_CSV_ERROR_ENCODING,        /* not text in the detected/given encoding */
  ROSTER_CSV_ERROR_UNCLOSED_QUOTE,  /* a quoted field never ends */
  ROSTER_CSV_ERROR_FIELD_TOO_LARGE, /* a field over max_field_size */
  ROSTER_CSV_ERROR_ROW_TOO_LARGE,   /* a row over max_row_fields fields */
} RosterCsvError;

GQuark roster_csv_error_quark (void);

typedef struct
{
  const char *encoding;          /* NULL: detect (BOM, then libuchardet) */
  char        delimiter;         /* '\0': sniff among , ; \t | */
  gsize       max_field_size;    /* bytes of UTF-8; 0: 16 MiB */
  guint       max_row_fields;    /* 0: 10 000 */
} RosterCsvOptions;

#define ROSTER_TYPE_CSV_READER (roster_csv_reader_get_type ())

G_DECLARE_FINAL_TYPE (RosterCsvReader, roster_csv_reader, ROSTER, CSV_READER, GObject)

/* @options may be NULL for the defaults; it is copied. */
RosterCsvReader *roster_csv_reader_new             (GInputStream            *stream,
                                                    const RosterCsvOptions  *options);

/* Reads the start of the stream to settle the encoding and the
 * delimiter (called by the first next_row() if not before). After it,
 * the getters below answer. */
gboolean         roster_csv_reader_prepare         (RosterCsvReader         *self,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);
/* The encoding as GLib's iconv names it ("UTF-8", "GB18030",
 * "UTF-16LE", "WINDOWS-1252", …) and whether it was detected. */
const char      *roster_csv_reader_get_encoding    (RosterCsvReader         *self);
gboolean         roster_csv_reader_get_encoding_detected (RosterCsvReader   *self);
char             roster_csv_reader_get_delimiter   (RosterCsvReader         *self);
gboolean         roster_csv_reader_get_delimiter_detected (RosterCsvReader  *self);

/* The next row. Returns TRUE with the row's fields (UTF-8 strings owned
 * by the reader, valid until the next call) and the number of the line
 * the row starts on (1-based, in the file); FALSE at the end (with
 * *fields NULL and no error) or on an error, which says the line.
 * Blank lines at the end of the file are not rows; a blank line in the
 * middle is a row with one empty field. A BOM is never part of a field.
 * Rows may have any number of fields: comparing with the header is the
 * caller's business (roster-import.h reports it). */
gboolean         roster_csv_reader_next_row        (RosterCsvReader         *self,
                                                    const GPtrArray        **fields,
                                                    guint                   *line,
                                                    GCancellable            *cancellable,
                                                    GError                 **error);

/* Bytes of the input read so far, for progress over a file of known size. */
goffset          roster_csv_reader_get_bytes_read  (RosterCsvReader         *self);

/* After next_row() failed with a ROSTER_CSV_ERROR: the line its message
 * names, for an import problem's line; 0 when it names none (an
 * encoding this system cannot read, an I/O error) or before any error. */
guint            roster_csv_reader_get_error_line  (RosterCsvReader         *self);

G_END_DECLS
