/* test-csv-stream.c: the CSV reader on streams: rows come out while the
 * file is still being read, memory stays with the largest row, reads of
 * any size give the same rows, big fields and the limits (speed:
 * bench/import-commit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>
#include <string.h>

#include "roster-csv.h"

/* ---- a stream that makes its bytes as they are read ---- */

/* Writes up to @size bytes into @buffer; 0 at the end. */
typedef gsize (*TestFill) (gpointer  user_data,
                           guint8   *buffer,
                           gsize     size);

#define TEST_TYPE_STREAM (test_stream_get_type ())
G_DECLARE_FINAL_TYPE (TestStream, test_stream, TEST, STREAM, GInputStream)

struct _TestStream
{
  GInputStream parent_instance;
  TestFill     fill;
  gpointer     user_data;
  gsize        max_read;
};

G_DEFINE_FINAL_TYPE (TestStream, test_stream, G_TYPE_INPUT_STREAM)

static gssize
test_stream_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  TestStream *self = TEST_STREAM (stream);

  return self->fill (self->user_data, buffer, MIN (count, self->max_read));
}

static gboolean
test_stream_close (GInputStream  *stream,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return TRUE;
}

static void
test_stream_class_init (TestStreamClass *klass)
{
  GInputStreamClass *stream_class = G_INPUT_STREAM_CLASS (klass);

  stream_class->read_fn = test_stream_read;
  stream_class->close_fn = test_stream_close;
}

static void
test_stream_init (TestStream *self)
{
}

/* Each read gives at most @max_read bytes. */
static GInputStream *
test_stream_new (TestFill fill,
                 gpointer user_data,
                 gsize    max_read)
{
  TestStream *self = g_object_new (TEST_TYPE_STREAM, NULL);

  self->fill = fill;
  self->user_data = user_data;
  self->max_read = max_read;
  return G_INPUT_STREAM (self);
}

/* Bytes in memory, given out a few at a time. */
typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Trickle;

static gsize
trickle_fill (gpointer  user_data,
              guint8   *buffer,
              gsize     size)
{
  Trickle *trickle = user_data;
  gsize n = MIN (size, trickle->len - trickle->pos);

  memcpy (buffer, trickle->data + trickle->pos, n);
  trickle->pos += n;
  return n;
}

/* ---- generated rows ---- */

typedef struct
{
  guint64  target;       /* stop after the row that passes this many bytes */
  guint64  produced;
  guint    n_rows;
  GString *row;
  gsize    row_pos;
  /* A field of this many bytes in the second row (0: none), quoted or
   * not, and with its quote left open or not. */
  gsize    big_field;
  gboolean quoted;
  gboolean unclosed;
} Generator;

/* Row @i: 8 fields, one of them quoted with a delimiter inside; about
 * 110 bytes. */
static void
generate_row (GString *out,
              guint    i)
{
  g_string_append_printf (out,
                          "u%07u,Firstname%u,Lastname%u,firstname.lastname%07u@example.edu,"
                          "\"Group %u, B\",student,%u,active\r\n",
                          i, i, i, i, i % 50, i % 365);
}

static gsize
generator_fill (gpointer  user_data,
                guint8   *buffer,
                gsize     size)
{
  Generator *generator = user_data;
  gsize n = 0;

  while (n < size)
    {
      gsize chunk;

      if (generator->row_pos == generator->row->len)
        {
          if (generator->produced >= generator->target)
            break;
          g_string_truncate (generator->row, 0);
          generator->row_pos = 0;
          if (generator->n_rows == 1 && generator->big_field > 0)
            {
              g_string_append (generator->row, generator->quoted ? "big,\"" : "big,");
              for (gsize i = 0; i < generator->big_field; i++)
                g_string_append_c (generator->row, 'a' + i % 26);
              if (generator->quoted && !generator->unclosed)
                g_string_append_c (generator->row, '"');
              g_string_append (generator->row, "\r\n");
            }
          else
            {
              generate_row (generator->row, generator->n_rows);
            }
          generator->n_rows++;
        }

      chunk = MIN (size - n, generator->row->len - generator->row_pos);
      memcpy (buffer + n, generator->row->str + generator->row_pos, chunk);
      generator->row_pos += chunk;
      generator->produced += chunk;
      n += chunk;
    }

  return n;
}

static void
generator_init (Generator *generator,
                guint64    target)
{
  memset (generator, 0, sizeof *generator);
  generator->target = target;
  generator->row = g_string_new (NULL);
}

static void
generator_clear (Generator *generator)
{
  g_string_free (generator->row, TRUE);
}

/* Bytes the C library has handed out (0 under a sanitizer, which
 * keeps its own books). */
static gsize
allocated_bytes (void)
{
  return mallinfo2 ().uordblks;
}

/* 50 MB that exist only as they are read: the first row comes out after
 * the first 64 KiB, and the reader never holds more than a few reads'
 * worth ahead of the row it gives. */
static void
test_large_stream (void)
{
  const guint64 total = 50 * 1000 * 1000;
  Generator generator;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields;
  guint64 consumed = 0;
  goffset max_ahead = 0;
  gsize allocated_before;
  gsize allocated_max;
  guint line;
  guint n_rows = 0;

  generator_init (&generator, total);
  stream = test_stream_new (generator_fill, &generator, G_MAXSIZE);
  reader = roster_csv_reader_new (stream, NULL);
  allocated_before = allocated_max = allocated_bytes ();

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    {
      g_string_truncate (expected, 0);
      generate_row (expected, n_rows);
      consumed += expected->len;

      g_assert_cmpuint (line, ==, n_rows + 1);
      g_assert_cmpuint (fields->len, ==, 8);
      g_assert_cmpmem (g_ptr_array_index (fields, 0), 8, expected->str, 8);
      if (n_rows == 0)
        g_assert_cmpint (roster_csv_reader_get_bytes_read (reader), <=, 64 * 1024);
      max_ahead = MAX (max_ahead, roster_csv_reader_get_bytes_read (reader) - (goffset) consumed);
      if (n_rows % 4096 == 0)
        allocated_max = MAX (allocated_max, allocated_bytes ());
      n_rows++;
    }
  g_assert_no_error (error);

  g_assert_cmpuint (n_rows, ==, generator.n_rows);
  g_assert_cmpuint (consumed, ==, generator.produced);
  g_assert_cmpint (roster_csv_reader_get_bytes_read (reader), ==, generator.produced);
  g_assert_cmpint (max_ahead, <=, 128 * 1024);
  /* The reader's buffers: a read, its text, a row. */
  g_assert_cmpuint (allocated_max - allocated_before, <, 2 * 1024 * 1024);
  g_test_message ("%u rows, %" G_GUINT64_FORMAT " bytes, at most %" G_GOFFSET_FORMAT
                  " read ahead, %" G_GSIZE_FORMAT " bytes more allocated",
                  n_rows, generator.produced, max_ahead, allocated_max - allocated_before);

  generator_clear (&generator);
}

/* A field of 1 MiB with quotes and line breaks in it, read whole, in
 * reads of any size. */
static void
test_big_field (void)
{
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GString) data = g_string_new ("name,note\r\n");
  const gsize sizes[] = { G_MAXSIZE, 4096, 7 };
  guint n_breaks = 0;

  for (guint i = 0; field->len < 1024 * 1024; i++)
    {
      if (i % 100 == 99)
        {
          g_string_append (field, "\"q\"\r\n");
          n_breaks++;
        }
      else
        {
          g_string_append (field, "abcdefghij");
        }
    }

  g_string_append (data, "a,\"");
  for (const char *p = field->str; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (data, '"');
      g_string_append_c (data, *p);
    }
  g_string_append (data, "\"\r\nb,c\r\n");

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      Trickle trickle = { (const guint8 *) data->str, data->len, 0 };
      g_autoptr(GInputStream) stream = test_stream_new (trickle_fill, &trickle, sizes[s]);
      g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (stream, NULL);
      g_autoptr(GError) error = NULL;
      const GPtrArray *fields;
      guint line;

      g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      g_assert_cmpuint (line, ==, 2);
      g_assert_cmpuint (fields->len, ==, 2);
      g_assert_cmpstr (g_ptr_array_index (fields, 1), ==, field->str);
      g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      /* After as many lines as the field has line breaks. */
      g_assert_cmpuint (line, ==, 3 + n_breaks);
      g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, "b");
      g_assert_false (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Rows as text, to compare two readings. */
static char *
describe_all (GInputStream           *stream,
              const RosterCsvOptions *options)
{
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (stream, options);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  const GPtrArray *fields;
  guint line;

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    {
      g_string_append_printf (out, "%u", line);
      for (guint i = 0; i < fields->len; i++)
        g_string_append_printf (out, "[%s]", (const char *) g_ptr_array_index (fields, i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "encoding %s, delimiter %c, error %s\n",
                          roster_csv_reader_get_encoding (reader),
                          roster_csv_reader_get_delimiter (reader),
                          error != NULL ? error->message : "none");
  return g_string_free (out, FALSE);
}

/* Characters, CRLFs and quotes cut between two reads anywhere: the
 * same rows. */
static void
test_read_sizes (void)
{
  static const struct
  {
    const char *encoding;   /* what the file is in; detected, unless forced */
    gboolean    forced;
    const char *text;       /* in UTF-8 */
  } inputs[] = {
    { "UTF-8", FALSE, "\xEF\xBB\xBFname;note\r\n陈明;\"a \"\"b\"\"\r\nc\"\r\n\r\nJürgen;€\r\n\r\n" },
    { "GB18030", FALSE, "username,firstname\r\nz.wang,伟\r\nm.ouyang,\"敏, 小敏\"\r\n" },
    { "UTF-16LE", FALSE, "\xEF\xBB\xBFusername\tname\r\nm.chen\t明\r\nx\t\"𝄞\ta\"\r\n" },
    { "WINDOWS-1252", FALSE, "a,Françoise\rb,O’Brien\rc,\"Zoë\r\"\r" },
    { "UTF-8", FALSE, "a,b\nc,\"unclosed\nd\n" },
    /* Not UTF-8 after all: stops at line 2 however it is read. */
    { "UTF-8", TRUE, "a,b\nc,d\xE4\xB8\n" },
  };
  const gsize sizes[] = { 1, 2, 3, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      RosterCsvOptions options = { .encoding = inputs[i].forced ? inputs[i].encoding : NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *bytes = NULL;
      gsize len;
      g_autoptr(GByteArray) data = NULL;
      g_autoptr(GInputStream) whole = NULL;
      g_autofree char *expected = NULL;

      if (strcmp (inputs[i].encoding, "UTF-8") == 0)
        {
          bytes = g_strdup (inputs[i].text);
          len = strlen (bytes);
        }
      else
        {
          bytes = g_convert (inputs[i].text, -1, inputs[i].encoding, "UTF-8", NULL, &len, &error);
          g_assert_no_error (error);
        }

      /* Past the 64 KiB sample, where the stream's reads are what the
       * reader gets, a few bytes at a time. */
      data = g_byte_array_new ();
      while (data->len < 80 * 1024)
        g_byte_array_append (data, (const guint8 *) bytes, len);

      whole = g_memory_input_stream_new_from_data (data->data, data->len, NULL);
      expected = describe_all (whole, &options);
      g_assert_nonnull (strstr (expected, inputs[i].encoding));

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          Trickle trickle = { data->data, data->len, 0 };
          g_autoptr(GInputStream) stream = test_stream_new (trickle_fill, &trickle, sizes[s]);
          g_autofree char *rows = describe_all (stream, &options);

          g_assert_cmpstr (rows, ==, expected);
        }
    }
}

/* A field over the limit stops the reader at its line, long before the
 * end of the stream. */
static void
test_limits_on_stream (void)
{
  struct
  {
    gsize       limit;
    gsize       big_field;
    gboolean    quoted;
    gboolean    unclosed;
    const char *message;
  } cases[] = {
    /* The default, 16 MiB. */
    { 0, 17 * 1024 * 1024, FALSE, FALSE, "Line 2 has a field longer than " },
    { 0, 17 * 1024 * 1024, TRUE, FALSE, "The quoted field that starts on line 2 is longer than " },
    /* A quote never closed in a long file. */
    { 1024 * 1024, 2 * 1024 * 1024, TRUE, TRUE, "The quoted field that starts on line 2 is longer than " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RosterCsvOptions options = { .max_field_size = cases[i].limit };
      gsize limit = cases[i].limit > 0 ? cases[i].limit : 16 * 1024 * 1024;
      Generator generator;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(RosterCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      const GPtrArray *fields;
      guint line;

      generator_init (&generator, 100 * 1000 * 1000);
      generator.big_field = cases[i].big_field;
      generator.quoted = cases[i].quoted;
      generator.unclosed = cases[i].unclosed;
      stream = test_stream_new (generator_fill, &generator, G_MAXSIZE);
      reader = roster_csv_reader_new (stream, &options);

      g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      g_assert_false (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
      g_assert_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_FIELD_TOO_LARGE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
      g_assert_cmpuint (roster_csv_reader_get_error_line (reader), ==, 2);
      g_assert_cmpint (roster_csv_reader_get_bytes_read (reader), <, limit + 256 * 1024);

      generator_clear (&generator);
    }
}

static void
test_row_fields_default (void)
{
  g_autoptr(GString) data = g_string_new ("a\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields;
  guint line;

  for (guint i = 0; i < 10000; i++)
    g_string_append (data, i > 0 ? ",x" : "x");
  g_string_append (data, "\n");
  for (guint i = 0; i < 10001; i++)
    g_string_append (data, i > 0 ? ",x" : "x");
  g_string_append (data, "\n");

  stream = g_memory_input_stream_new_from_data (data->str, data->len, NULL);
  reader = roster_csv_reader_new (stream, NULL);
  g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
  g_assert_true (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
  g_assert_cmpuint (fields->len, ==, 10000);
  g_assert_false (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error));
  g_assert_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ROW_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "Line 3 "));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/stream/large", test_large_stream);
  g_test_add_func ("/csv-reader/stream/big-field", test_big_field);
  g_test_add_func ("/csv-reader/stream/read-sizes", test_read_sizes);
  g_test_add_func ("/csv-reader/stream/limits", test_limits_on_stream);
  g_test_add_func ("/csv-reader/stream/row-fields", test_row_fields_default);

  return g_test_run ();
}
