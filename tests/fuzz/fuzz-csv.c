/* fuzz-csv.c: libFuzzer target for the CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is read three ways: everything guessed, from memory; the
 * same, from a stream that gives a few bytes per read (the rows and the
 * error must not change); and with an encoding, a delimiter and limits
 * chosen by the input's last byte. Long enough inputs (or short ones
 * repeated, when the last byte says so) go past the 64 KiB sample, where
 * reads, conversion and parsing meet at every boundary. Each reading
 * checks what the reader promises: valid UTF-8 fields within the limits,
 * rising line numbers, an error only from ROSTER_CSV_ERROR that names a
 * line after the last row.
 */

#include "config.h"

#include <string.h>

#include "roster-csv.h"

/* ---- a stream of a few bytes per read ---- */

#define FUZZ_TYPE_STREAM (fuzz_stream_get_type ())
G_DECLARE_FINAL_TYPE (FuzzStream, fuzz_stream, FUZZ, STREAM, GInputStream)

struct _FuzzStream
{
  GInputStream  parent_instance;
  const guint8 *data;
  gsize         len;
  gsize         pos;
  gsize         max_read;
};

G_DEFINE_FINAL_TYPE (FuzzStream, fuzz_stream, G_TYPE_INPUT_STREAM)

static gssize
fuzz_stream_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  FuzzStream *self = FUZZ_STREAM (stream);
  gsize n = MIN (MIN (count, self->max_read), self->len - self->pos);

  memcpy (buffer, self->data + self->pos, n);
  self->pos += n;
  return n;
}

static gboolean
fuzz_stream_close (GInputStream  *stream,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return TRUE;
}

static void
fuzz_stream_class_init (FuzzStreamClass *klass)
{
  G_INPUT_STREAM_CLASS (klass)->read_fn = fuzz_stream_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = fuzz_stream_close;
}

static void
fuzz_stream_init (FuzzStream *self)
{
}

static GInputStream *
fuzz_stream_new (const guint8 *data,
                 gsize         len,
                 gsize         max_read)
{
  FuzzStream *self = g_object_new (FUZZ_TYPE_STREAM, NULL);

  self->data = data;
  self->len = len;
  self->max_read = max_read;
  return G_INPUT_STREAM (self);
}

/* ---- one reading ---- */

static const char * const encodings[] = {
  "UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "WINDOWS-1252", "CP932", "ISO-2022-JP", "UTF-32",
};
static const char delimiters[] = { '\0', ',', ';', '\t', '|' };

/* Reads @stream to its end or its error, checking every row; returns
 * what it read, to compare two readings. */
static GString *
read_all (GInputStream           *stream,
          gsize                   len,
          const RosterCsvOptions *options)
{
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (stream, options);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  gsize max_field_size = options->max_field_size > 0 ? options->max_field_size : 16 * 1024 * 1024;
  guint max_row_fields = options->max_row_fields > 0 ? options->max_row_fields : 10000;
  const GPtrArray *fields = NULL;
  guint last_line = 0;
  guint line;

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    {
      g_assert (fields != NULL);
      g_assert (fields->len >= 1 && fields->len <= max_row_fields);
      g_assert (line > last_line);
      last_line = line;

      g_string_append_printf (out, "%u", line);
      for (guint i = 0; i < fields->len; i++)
        {
          const char *field = g_ptr_array_index (fields, i);
          gsize field_len = strlen (field);

          g_assert (field_len <= max_field_size);
          g_assert (g_utf8_validate (field, field_len, NULL));
          g_string_append_c (out, '[');
          g_string_append_len (out, field, field_len);
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '\n');
    }

  g_assert (fields == NULL);
  g_assert (roster_csv_reader_get_bytes_read (reader) <= (goffset) len);
  if (error != NULL)
    {
      g_autofree char *line_text = NULL;

      g_assert (error->domain == ROSTER_CSV_ERROR);
      /* Past the rows it gave, and in its message. */
      g_assert (roster_csv_reader_get_error_line (reader) > last_line);
      line_text = g_strdup_printf (" %u", roster_csv_reader_get_error_line (reader));
      g_assert (strstr (error->message, line_text) != NULL);
      g_string_append_printf (out, "error %d: %s\n", error->code, error->message);
    }
  else
    {
      g_assert (roster_csv_reader_get_bytes_read (reader) == (goffset) len);
      g_assert (roster_csv_reader_get_encoding (reader) != NULL);
      g_assert (memchr (",;\t|", roster_csv_reader_get_delimiter (reader), 4) != NULL ||
                roster_csv_reader_get_delimiter (reader) == options->delimiter);
      g_string_append_printf (out, "encoding %s, delimiter %d\n",
                              roster_csv_reader_get_encoding (reader),
                              roster_csv_reader_get_delimiter (reader));
    }

  return out;
}

static void
read_both_ways (const guint8           *data,
                gsize                   len,
                gsize                   max_read,
                const RosterCsvOptions *options)
{
  g_autoptr(GInputStream) whole = g_memory_input_stream_new_from_data (data, len, NULL);
  g_autoptr(GInputStream) trickle = fuzz_stream_new (data, len, max_read);
  g_autoptr(GString) first = read_all (whole, len, options);
  g_autoptr(GString) second = read_all (trickle, len, options);

  if (!g_string_equal (first, second))
    {
      g_printerr ("read whole:\n%s\nread %" G_GSIZE_FORMAT " bytes at a time:\n%s\n",
                  first->str, max_read, second->str);
      g_assert_not_reached ();
    }
}

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical (a failed precondition) is a bug here. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  RosterCsvOptions guessed = { 0 };
  RosterCsvOptions forced = { 0 };
  guint8 config = size > 0 ? data[size - 1] : 0;
  gsize max_read = 1 + config % 13;

  read_both_ways (data, size, max_read, &guessed);

  forced.encoding = encodings[config % G_N_ELEMENTS (encodings)];
  forced.delimiter = delimiters[(config / 8) % G_N_ELEMENTS (delimiters)];
  switch ((config / 40) % 3)
    {
    case 1:
      forced.max_field_size = 7;
      forced.max_row_fields = 3;
      break;
    case 2:
      forced.max_field_size = 1;
      forced.max_row_fields = 1;
      break;
    default:
      break;
    }
  read_both_ways (data, size, max_read, &forced);

  /* A quarter of the short inputs, repeated just past the sample; half
   * of these with the options given, which skips the costly guesses. */
  if ((config & 0x80) != 0 && (config & 0x20) != 0 && size > 0 && size < 68 * 1024)
    {
      g_autoptr(GByteArray) repeated = g_byte_array_new ();

      while (repeated->len < 68 * 1024)
        g_byte_array_append (repeated, data, size);
      read_both_ways (repeated->data, repeated->len, max_read * 97,
                      (config & 0x40) != 0 ? &forced : &guessed);
    }

  return 0;
}
