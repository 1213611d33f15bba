/* roster-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three layers, each feeding the next a piece at a time: bytes read from
 * the stream (raw), the same as UTF-8 (text, by roster-csv-decoder.c),
 * and the row being parsed. Each holds only what the next has not taken
 * yet, so memory follows the largest row, never the file.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "roster-csv.h"
#include "roster-csv-private.h"

#define READ_SIZE            (64 * 1024)
#define DEFAULT_FIELD_SIZE   (16 * 1024 * 1024)
#define DEFAULT_ROW_FIELDS   10000

G_DEFINE_QUARK (roster-csv-error-quark, roster_csv_error)

typedef enum
{
  STATE_ROW_START,
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE,          /* a quote inside a quoted field: its end, or the first of two */
} ParseState;

typedef enum
{
  PARSE_ROW,
  PARSE_END,
  PARSE_ERROR,
} ParseResult;

typedef enum
{
  FILL_TEXT,
  FILL_END,
  FILL_ERROR,
} FillResult;

struct _RosterCsvReader
{
  GObject           parent_instance;

  GInputStream     *stream;
  char             *encoding_option;
  char              delimiter_option;
  gsize             max_field_size;
  guint             max_row_fields;

  gboolean          prepared;
  char             *encoding;
  gboolean          encoding_detected;
  char              delimiter;
  gboolean          delimiter_detected;
  /* Set by the first failure: the reader cannot go on after one. */
  GError           *error;
  guint             error_line;

  RosterCsvDecoder *decoder;
  GByteArray       *raw;             /* read, not yet converted */
  gboolean          raw_eof;
  gboolean          invalid;         /* the decoder stopped at text not in the encoding */
  gboolean          bom_checked;
  goffset           bytes_read;
  GByteArray       *text;            /* converted; parsed up to text_pos */
  gsize             text_pos;

  /* The characters that end a span of plain text. */
  gboolean          stop_unquoted[256];
  gboolean          stop_quoted[256];

  ParseState        state;
  guint             line;            /* where the parser is */
  gboolean          after_cr;        /* a LF now ends the same line */
  guint             row_line;
  guint             quote_line;
  guint             n_blank;         /* blank lines not yet known to be rows */
  guint             blank_line;
  GString          *row;             /* the fields, each ending in a NUL */
  GArray           *starts;          /* of gsize: where each field starts in row */
  gsize             field_start;
  GPtrArray        *fields;          /* into row, once it is complete */
};

G_DEFINE_FINAL_TYPE (RosterCsvReader, roster_csv_reader, G_TYPE_OBJECT)

static void
roster_csv_reader_finalize (GObject *object)
{
  RosterCsvReader *self = ROSTER_CSV_READER (object);

  g_clear_object (&self->stream);
  g_free (self->encoding_option);
  g_free (self->encoding);
  g_clear_error (&self->error);
  g_clear_pointer (&self->decoder, roster_csv_decoder_free);
  g_byte_array_unref (self->raw);
  g_byte_array_unref (self->text);
  g_string_free (self->row, TRUE);
  g_array_unref (self->starts);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (roster_csv_reader_parent_class)->finalize (object);
}

static void
roster_csv_reader_class_init (RosterCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_csv_reader_finalize;
}

static void
roster_csv_reader_init (RosterCsvReader *self)
{
  self->raw = g_byte_array_new ();
  self->text = g_byte_array_new ();
  self->row = g_string_new (NULL);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->line = 1;
  self->state = STATE_ROW_START;
}

RosterCsvReader *
roster_csv_reader_new (GInputStream           *stream,
                       const RosterCsvOptions *options)
{
  RosterCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (options == NULL ||
                        options->delimiter == '\0' ||
                        ((guchar) options->delimiter < 0x80 &&
                         strchr ("\"\r\n", options->delimiter) == NULL), NULL);

  self = g_object_new (ROSTER_TYPE_CSV_READER, NULL);
  self->stream = g_object_ref (stream);
  self->max_field_size = DEFAULT_FIELD_SIZE;
  self->max_row_fields = DEFAULT_ROW_FIELDS;

  if (options != NULL)
    {
      if (options->encoding != NULL && options->encoding[0] != '\0')
        self->encoding_option = g_ascii_strup (options->encoding, -1);
      self->delimiter_option = options->delimiter;
      if (options->max_field_size > 0)
        self->max_field_size = options->max_field_size;
      if (options->max_row_fields > 0)
        self->max_row_fields = options->max_row_fields;
    }

  return self;
}

/* ---- bytes, then text ---- */

/* Reads up to @size bytes more. */
static gboolean
read_more (RosterCsvReader  *self,
           gsize             size,
           GCancellable     *cancellable,
           GError          **error)
{
  guint old_len = self->raw->len;
  gssize n;

  /* Not every stream looks (one in memory does not). */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  g_byte_array_set_size (self->raw, old_len + size);
  n = g_input_stream_read (self->stream, self->raw->data + old_len, size,
                           cancellable, error);
  g_byte_array_set_size (self->raw, old_len + MAX (n, 0));

  if (n < 0)
    return FALSE;
  if (n == 0)
    self->raw_eof = TRUE;
  self->bytes_read += n;
  return TRUE;
}

static void
convert_raw (RosterCsvReader *self)
{
  gboolean invalid;
  gsize used;

  used = roster_csv_decoder_convert (self->decoder, self->raw->data, self->raw->len,
                                     self->raw_eof, self->text, &invalid);
  g_byte_array_remove_range (self->raw, 0, used);
  if (invalid)
    self->invalid = TRUE;

  /* The decoder gives whole characters: once there is text, its first
   * one tells whether the file started with a byte order mark. */
  if (!self->bom_checked && self->text->len > 0)
    {
      self->bom_checked = TRUE;
      if (self->text->len >= 3 && memcmp (self->text->data, "\xEF\xBB\xBF", 3) == 0)
        self->text_pos = 3;
    }
}

/* Called when all the text so far is parsed. */
static FillResult
fill_text (RosterCsvReader  *self,
           GCancellable     *cancellable,
           GError          **error)
{
  g_byte_array_set_size (self->text, 0);
  self->text_pos = 0;

  for (;;)
    {
      if (self->invalid)
        {
          /* The parser is where the invalid text starts. */
          self->error_line = self->line;
          g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ENCODING,
                       _("Line %u is not valid %s text; the file may be in another encoding."),
                       self->line, self->encoding);
          return FILL_ERROR;
        }
      if (self->raw_eof && self->raw->len == 0)
        return FILL_END;

      if (!self->raw_eof && !read_more (self, READ_SIZE, cancellable, error))
        return FILL_ERROR;
      convert_raw (self);
      if (self->text_pos < self->text->len)
        return FILL_TEXT;
    }
}

/* ---- the delimiter ---- */

static void
set_delimiter (RosterCsvReader *self,
               char             delimiter)
{
  self->delimiter = delimiter;

  memset (self->stop_unquoted, 0, sizeof self->stop_unquoted);
  memset (self->stop_quoted, 0, sizeof self->stop_quoted);
  self->stop_quoted['"'] = self->stop_quoted['\r'] = self->stop_quoted['\n'] = TRUE;
  memcpy (self->stop_unquoted, self->stop_quoted, sizeof self->stop_unquoted);
  self->stop_unquoted[(guchar) delimiter] = TRUE;
}

gboolean
roster_csv_reader_prepare (RosterCsvReader  *self,
                           GCancellable     *cancellable,
                           GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  char delimiter;

  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      return FALSE;
    }
  if (self->prepared)
    return TRUE;

  /* The sample is the same 64 KiB however the stream gives them, and so
   * are the guesses. */
  while (self->raw->len < ROSTER_CSV_SAMPLE_SIZE && !self->raw_eof)
    if (!read_more (self, ROSTER_CSV_SAMPLE_SIZE - self->raw->len, cancellable, &local_error))
      goto failed;

  if (self->encoding_option != NULL)
    {
      self->encoding = g_strdup (self->encoding_option);
    }
  else
    {
      self->encoding = roster_csv_guess_encoding (self->raw->data, self->raw->len, self->raw_eof);
      self->encoding_detected = TRUE;
    }

  self->decoder = roster_csv_decoder_new (self->encoding, &local_error);
  if (self->decoder == NULL)
    goto failed;
  convert_raw (self);

  delimiter = self->delimiter_option;
  if (delimiter == '\0')
    {
      if (self->text_pos < self->text->len)
        delimiter = roster_csv_sniff_delimiter ((const char *) self->text->data + self->text_pos,
                                                self->text->len - self->text_pos,
                                                self->raw_eof && !self->invalid);
      self->delimiter_detected = TRUE;
    }
  /* No candidate anywhere: a single column, for which any will do. */
  set_delimiter (self, delimiter != '\0' ? delimiter : ',');

  self->prepared = TRUE;
  return TRUE;

failed:
  self->error = g_error_copy (local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

const char *
roster_csv_reader_get_encoding (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), NULL);

  return self->encoding;
}

gboolean
roster_csv_reader_get_encoding_detected (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);

  return self->encoding_detected;
}

char
roster_csv_reader_get_delimiter (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), '\0');

  return self->delimiter;
}

gboolean
roster_csv_reader_get_delimiter_detected (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);

  return self->delimiter_detected;
}

goffset
roster_csv_reader_get_bytes_read (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->bytes_read;
}

guint
roster_csv_reader_get_error_line (RosterCsvReader *self)
{
  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), 0);

  return self->error_line;
}

/* ---- rows ---- */

static void
count_line_break (RosterCsvReader *self,
                  char             c)
{
  if (c == '\r' || !self->after_cr)
    self->line++;
  self->after_cr = c == '\r';
}

static void
start_row (RosterCsvReader *self,
           guint            line)
{
  g_string_truncate (self->row, 0);
  g_array_set_size (self->starts, 0);
  self->row_line = line;
}

static gboolean
begin_field (RosterCsvReader  *self,
             GError          **error)
{
  if (self->starts->len >= self->max_row_fields)
    {
      self->error_line = self->row_line;
      g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ROW_TOO_LARGE,
                   _("Line %u has more than %u fields."),
                   self->row_line, self->max_row_fields);
      return FALSE;
    }

  self->field_start = self->row->len;
  g_array_append_val (self->starts, self->field_start);
  return TRUE;
}

static gboolean
append_text (RosterCsvReader  *self,
             const char       *text,
             gsize             len,
             GError          **error)
{
  g_autofree char *limit = NULL;

  if (self->row->len - self->field_start + len <= self->max_field_size)
    {
      g_string_append_len (self->row, text, len);
      return TRUE;
    }

  limit = g_format_size (self->max_field_size);
  if (self->state == STATE_QUOTED)
    {
      self->error_line = self->quote_line;
      g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_FIELD_TOO_LARGE,
                   _("The quoted field that starts on line %u is longer than %s; "
                     "is its closing quote missing?"),
                   self->quote_line, limit);
    }
  else
    {
      self->error_line = self->line;
      g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_FIELD_TOO_LARGE,
                   _("Line %u has a field longer than %s."), self->line, limit);
    }
  return FALSE;
}

static void
end_field (RosterCsvReader *self)
{
  g_string_append_c (self->row, '\0');
}

/* The row is whole: its buffer will not move until the next one. */
static void
end_row (RosterCsvReader *self)
{
  g_ptr_array_set_size (self->fields, self->starts->len);
  for (guint i = 0; i < self->starts->len; i++)
    self->fields->pdata[i] = self->row->str + g_array_index (self->starts, gsize, i);
}

/* A blank line in the middle: a row of one empty field. */
static void
emit_blank_row (RosterCsvReader *self)
{
  start_row (self, self->blank_line);
  self->field_start = 0;
  g_array_append_val (self->starts, self->field_start);
  end_field (self);
  end_row (self);
  self->blank_line++;
  self->n_blank--;
}

static ParseResult
parse_end (RosterCsvReader  *self,
           GError          **error)
{
  switch (self->state)
    {
    case STATE_QUOTED:
      self->error_line = self->quote_line;
      g_set_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_UNCLOSED_QUOTE,
                   _("The quoted field that starts on line %u has no closing quote."),
                   self->quote_line);
      return PARSE_ERROR;

    case STATE_FIELD_START:
      /* After a delimiter: one more field, empty. */
      if (!begin_field (self, error))
        return PARSE_ERROR;
      G_GNUC_FALLTHROUGH;
    case STATE_UNQUOTED:
    case STATE_QUOTE:
      end_field (self);
      end_row (self);
      self->state = STATE_ROW_START;
      return PARSE_ROW;

    case STATE_ROW_START:
    default:
      /* Blank lines at the end are no rows. */
      self->n_blank = 0;
      return PARSE_END;
    }
}

static ParseResult
parse_row (RosterCsvReader  *self,
           GCancellable     *cancellable,
           GError          **error)
{
  for (;;)
    {
      const char *data;
      const char *p;
      const char *end;

      if (self->text_pos == self->text->len)
        {
          FillResult fill = fill_text (self, cancellable, error);

          if (fill == FILL_END)
            return parse_end (self, error);
          if (fill == FILL_ERROR)
            return PARSE_ERROR;
        }

      data = (const char *) self->text->data;
      p = data + self->text_pos;
      end = data + self->text->len;

      while (p < end)
        {
          const char *span = p;

          switch (self->state)
            {
            case STATE_ROW_START:
              if (*p == '\n' && self->after_cr)
                {
                  /* The rest of the CRLF that ended the last row. */
                  self->after_cr = FALSE;
                  p++;
                  break;
                }
              if (*p == '\r' || *p == '\n')
                {
                  if (self->n_blank++ == 0)
                    self->blank_line = self->line;
                  count_line_break (self, *p++);
                  break;
                }
              self->after_cr = FALSE;
              self->text_pos = p - data;
              if (self->n_blank > 0)
                {
                  /* Something follows them: the blank lines are rows. */
                  emit_blank_row (self);
                  return PARSE_ROW;
                }
              start_row (self, self->line);
              self->state = STATE_FIELD_START;
              break;

            case STATE_FIELD_START:
              if (!begin_field (self, error))
                return PARSE_ERROR;
              if (*p == '"')
                {
                  self->quote_line = self->line;
                  self->state = STATE_QUOTED;
                  p++;
                }
              else
                {
                  self->state = STATE_UNQUOTED;
                }
              break;

            case STATE_UNQUOTED:
              while (p < end && !self->stop_unquoted[(guchar) *p])
                p++;
              if (p > span && !append_text (self, span, p - span, error))
                return PARSE_ERROR;
              if (p == end)
                break;
              if (*p == '"')
                {
                  /* In a field that does not start with one, a quote
                   * is a character like any other. */
                  if (!append_text (self, p++, 1, error))
                    return PARSE_ERROR;
                  break;
                }
              end_field (self);
              if (*p == self->delimiter)
                {
                  self->state = STATE_FIELD_START;
                  p++;
                  break;
                }
              count_line_break (self, *p++);
              self->state = STATE_ROW_START;
              self->text_pos = p - data;
              end_row (self);
              return PARSE_ROW;

            case STATE_QUOTED:
              while (p < end && !self->stop_quoted[(guchar) *p])
                p++;
              if (p > span)
                {
                  self->after_cr = FALSE;
                  if (!append_text (self, span, p - span, error))
                    return PARSE_ERROR;
                }
              if (p == end)
                break;
              if (*p == '"')
                {
                  self->after_cr = FALSE;
                  self->state = STATE_QUOTE;
                  p++;
                  break;
                }
              /* A line break inside quotes is part of the field. */
              if (!append_text (self, p, 1, error))
                return PARSE_ERROR;
              count_line_break (self, *p++);
              break;

            case STATE_QUOTE:
              if (*p == '"')
                {
                  if (!append_text (self, p++, 1, error))
                    return PARSE_ERROR;
                  self->state = STATE_QUOTED;
                  break;
                }
              if (*p == self->delimiter)
                {
                  end_field (self);
                  self->state = STATE_FIELD_START;
                  p++;
                  break;
                }
              if (*p == '\r' || *p == '\n')
                {
                  end_field (self);
                  count_line_break (self, *p++);
                  self->state = STATE_ROW_START;
                  self->text_pos = p - data;
                  end_row (self);
                  return PARSE_ROW;
                }
              /* "abc"def: the rest comes as it is, as in spreadsheets. */
              self->state = STATE_UNQUOTED;
              break;

            default:
              g_assert_not_reached ();
            }
        }

      self->text_pos = p - data;
    }
}

gboolean
roster_csv_reader_next_row (RosterCsvReader   *self,
                            const GPtrArray  **fields,
                            guint             *line,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (ROSTER_IS_CSV_READER (self), FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  *fields = NULL;
  if (line != NULL)
    *line = 0;

  if (!roster_csv_reader_prepare (self, cancellable, error))
    return FALSE;

  switch (parse_row (self, cancellable, &local_error))
    {
    case PARSE_ROW:
      *fields = self->fields;
      if (line != NULL)
        *line = self->row_line;
      return TRUE;

    case PARSE_END:
      return FALSE;

    case PARSE_ERROR:
    default:
      self->error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}
