/* roster-json-reader.h: reads JSON text in place, without building a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A pull reader for the rows of a streamed list: 100 000 rows of
 * JsonNodes cost more to make and free than the participants made from
 * them. The text must be valid UTF-8 (the stream checks each line).
 * Strings are unescaped into @scratch, which must hold @length + 1
 * bytes; they stay valid until the reader is done with the text. After
 * the first error every call fails. */
typedef struct
{
  const char *p;
  const char *end;
  char       *scratch;
  gboolean    failed;
  gboolean    after_open;   /* "[" was just read */
} RosterJsonReader;

typedef enum
{
  ROSTER_JSON_READER_ERROR,
  ROSTER_JSON_READER_NULL,
  ROSTER_JSON_READER_NUMBER,
  ROSTER_JSON_READER_STRING,
  ROSTER_JSON_READER_ARRAY,
  ROSTER_JSON_READER_OTHER,    /* an object, true or false */
} RosterJsonReaderKind;

void                 roster_json_reader_init       (RosterJsonReader *reader,
                                                    const char       *text,
                                                    gsize             length,
                                                    char             *scratch);
/* What the next value is, without reading it. */
RosterJsonReaderKind roster_json_reader_peek       (RosterJsonReader *reader);
/* Reads "[": then call roster_json_reader_next () before each element. */
gboolean             roster_json_reader_begin_array (RosterJsonReader *reader);
/* TRUE when another element follows (reads the "," between them);
 * FALSE at the end of the array (reads the "]") or on an error. */
gboolean             roster_json_reader_next       (RosterJsonReader *reader);
gboolean             roster_json_reader_read_null  (RosterJsonReader *reader);
/* An integer that fits in 64 bits; a fraction or an exponent fails. */
gboolean             roster_json_reader_read_int   (RosterJsonReader *reader,
                                                    gint64           *value);
/* The unescaped string, NUL-terminated, in the scratch buffer. */
const char          *roster_json_reader_read_string (RosterJsonReader *reader);
/* Reads past any one value. */
gboolean             roster_json_reader_skip       (RosterJsonReader *reader);
/* TRUE when nothing but white space is left and nothing failed. */
gboolean             roster_json_reader_end        (RosterJsonReader *reader);

/* roster_json_parse_time (), faster for the format the server writes
 * ("2026-09-01T09:00:00Z"); NULL is 0 and TRUE, as an absent time. */
gboolean             roster_json_reader_parse_time (const char       *str,
                                                    gint64           *value);

G_END_DECLS
