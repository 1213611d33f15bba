/* roster-csv-private.h: the parts of the CSV reader that have their own
 * file: settling the encoding and converting to UTF-8, and sniffing the
 * delimiter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of the file the guesses look at. */
#define ROSTER_CSV_SAMPLE_SIZE (64 * 1024)

/* The encoding of a file that starts with @sample, as GLib's iconv
 * names it: its byte order mark, else UTF-16 by the pattern of its zero
 * bytes, else UTF-8 when the sample is valid UTF-8 (pure ASCII too),
 * else GB18030 when it has the shape of Chinese in GBK, else
 * libuchardet's guess or Windows-1252, whichever makes more letters of
 * it. @complete: the sample is the whole file (else its last character
 * may be cut short). */
char *roster_csv_guess_encoding (const guint8 *sample,
                                 gsize         len,
                                 gboolean      complete);

/* A name libuchardet gives, as GLib's iconv accepts it, preferring the
 * superset spreadsheets really write (GB18030 for GB2312 and GBK,
 * Windows-1252 for ISO-8859-1, …); NULL for "no guess". */
char *roster_csv_map_charset_name (const char *uchardet_name);

/* Among comma, semicolon, tab and pipe, the delimiter of the UTF-8
 * @text (the start of a file, @complete if all of it): the one that
 * most of the first records have the same number of, outside quotes,
 * and then the one that makes more fields; '\0' when none appears. */
char roster_csv_sniff_delimiter (const char *text,
                                 gsize       len,
                                 gboolean    complete);

typedef struct _RosterCsvDecoder RosterCsvDecoder;

/* NULL with ROSTER_CSV_ERROR_ENCODING when GLib cannot convert from
 * @encoding. */
RosterCsvDecoder *roster_csv_decoder_new     (const char        *encoding,
                                              GError           **error);
void              roster_csv_decoder_free    (RosterCsvDecoder  *self);

/* Appends to @out the UTF-8 text of as much of @in as holds whole
 * characters and returns how many bytes of @in that was: the rest is a
 * character cut short, to pass again with the bytes that follow it
 * (unless @eof says there are none, when it is invalid). Stops at the
 * first byte that is not text in the encoding (or a NUL, which no text
 * file holds), after the text before it, and sets @invalid. */
gsize             roster_csv_decoder_convert (RosterCsvDecoder  *self,
                                              const guint8      *in,
                                              gsize              len,
                                              gboolean           eof,
                                              GByteArray        *out,
                                              gboolean          *invalid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCsvDecoder, roster_csv_decoder_free)

G_END_DECLS
