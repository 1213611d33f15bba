/* test-csv.c: the CSV reader on small inputs: RFC 4180, line ends and
 * numbers, blank lines, limits, errors, and the fixture files in
 * tests/data/csv (encodings and delimiters as spreadsheets write them)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-csv.h"
#include "roster-csv-private.h"

/* ---- helpers ---- */

/* Rows as text, one a line: "LINE[field][field]", with line breaks and
 * tabs inside fields written \n, \r, \t. */
static void
describe_row (GString         *out,
              const GPtrArray *fields,
              guint            line)
{
  g_string_append_printf (out, "%u", line);
  for (guint i = 0; i < fields->len; i++)
    {
      g_string_append_c (out, '[');
      for (const char *p = g_ptr_array_index (fields, i); *p; p++)
        {
          if (*p == '\n')
            g_string_append (out, "\\n");
          else if (*p == '\r')
            g_string_append (out, "\\r");
          else if (*p == '\t')
            g_string_append (out, "\\t");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '\n');
}

/* Every row @reader gives, described; the error that stopped it, if
 * any, in @error. */
static char *
read_rows (RosterCsvReader  *reader,
           GError          **error)
{
  GString *out = g_string_new (NULL);
  const GPtrArray *fields;
  guint line;

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, error))
    describe_row (out, fields, line);
  g_assert_null (fields);

  return g_string_free (out, FALSE);
}

static RosterCsvReader *
reader_for_bytes (const char             *data,
                  gssize                  len,
                  const RosterCsvOptions *options)
{
  g_autoptr(GInputStream) stream = NULL;

  if (len < 0)
    len = strlen (data);
  stream = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);
  return roster_csv_reader_new (stream, options);
}

/* @data with @options: its rows, which must end without an error. */
static char *
parse (const char             *data,
       const RosterCsvOptions *options)
{
  g_autoptr(RosterCsvReader) reader = reader_for_bytes (data, -1, options);
  g_autoptr(GError) error = NULL;
  char *rows = read_rows (reader, &error);

  g_assert_no_error (error);
  return rows;
}

static void
assert_parses (const char *data,
               const char *expected)
{
  g_autofree char *rows = parse (data, NULL);

  g_assert_cmpstr (rows, ==, expected);
}

/* @data's rows up to the error, which must be @code and name @line. */
static char *
parse_failing (const char             *data,
               gssize                  len,
               const RosterCsvOptions *options,
               RosterCsvError          code,
               guint                   line)
{
  g_autoptr(RosterCsvReader) reader = reader_for_bytes (data, len, options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autofree char *line_text = g_strdup_printf (" %u", line);
  const GPtrArray *fields;
  char *rows = read_rows (reader, &error);

  g_assert_error (error, ROSTER_CSV_ERROR, code);
  g_assert_nonnull (strstr (error->message, line_text));
  g_assert_cmpuint (roster_csv_reader_get_error_line (reader), ==, line);

  /* The reader stays stopped, with the same error. */
  g_assert_false (roster_csv_reader_next_row (reader, &fields, NULL, NULL, &again));
  g_assert_error (again, ROSTER_CSV_ERROR, code);
  g_assert_cmpstr (again->message, ==, error->message);

  return rows;
}

/* ---- RFC 4180 ---- */

static void
test_plain (void)
{
  assert_parses ("username,firstname\na.b,Ann\nc.d,Carl\n",
                 "1[username][firstname]\n2[a.b][Ann]\n3[c.d][Carl]\n");
  /* No line break after the last row. */
  assert_parses ("a,b\nc,d", "1[a][b]\n2[c][d]\n");
  /* Empty fields, a trailing delimiter, spaces kept. */
  assert_parses (",a,,\n b , c\n", "1[][a][][]\n2[ b ][ c]\n");
  assert_parses ("a,b,", "1[a][b][]\n");
  assert_parses ("", "");
}

static void
test_quotes (void)
{
  assert_parses ("\"a,b\",\"c\"\"d\"\"\",\"\"\n",
                 "1[a,b][c\"d\"][]\n");
  assert_parses ("\"one\ntwo\",x\n\"three\r\nfour\",y\n",
                 "1[one\\ntwo][x]\n3[three\\r\\nfour][y]\n");
  /* A line that is only a quoted empty field is a row, not a blank line. */
  assert_parses ("a\n\"\"\nb\n", "1[a]\n2[]\n3[b]\n");
  /* What spreadsheets make of quotes outside the rules: a quote inside
   * an unquoted field is a character; text after a closing quote goes
   * on the field. */
  assert_parses ("ab\"c,d\"\n", "1[ab\"c][d\"]\n");
  assert_parses ("\"abc\"def,\"x\" y\n", "1[abcdef][x y]\n");
  /* A quoted field at the very end, without a line break. */
  assert_parses ("a,\"b\"", "1[a][b]\n");
  assert_parses ("a,\"b\"\"\"", "1[a][b\"]\n");
}

static void
test_line_ends (void)
{
  assert_parses ("a,b\r\nc,d\r\n", "1[a][b]\n2[c][d]\n");
  assert_parses ("a,b\rc,d\r", "1[a][b]\n2[c][d]\n");
  assert_parses ("a\nb\r\nc\rd", "1[a]\n2[b]\n3[c]\n4[d]\n");
  /* Line breaks inside quotes count as lines: the next row starts
   * after them. */
  assert_parses ("\"a\r\nb\rc\nd\",e\nf\n", "1[a\\r\\nb\\rc\\nd][e]\n5[f]\n");
  /* A CR just before the closing quote, then a LF: two lines. */
  assert_parses ("\"a\r\"\nb\n", "1[a\\r]\n3[b]\n");
}

static void
test_blank_lines (void)
{
  /* In the middle: a row with one empty field, on its own line. */
  assert_parses ("a\n\nb\n", "1[a]\n2[]\n3[b]\n");
  assert_parses ("a\r\n\r\n\r\nb\r\n", "1[a]\n2[]\n3[]\n4[b]\n");
  assert_parses ("a\r\rb", "1[a]\n2[]\n3[b]\n");
  assert_parses ("\n\na\n", "1[]\n2[]\n3[a]\n");
  /* At the end: no rows. */
  assert_parses ("a\n\n\n", "1[a]\n");
  assert_parses ("a\r\n\r\n", "1[a]\n");
  assert_parses ("\n\r\n\r", "");
}

static void
test_bom (void)
{
  RosterCsvOptions forced = { .encoding = "UTF-8" };
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *forced_rows = NULL;

  assert_parses ("\xEF\xBB\xBF" "a,b\n", "1[a][b]\n");
  assert_parses ("\xEF\xBB\xBF", "");
  assert_parses ("\xEF\xBB\xBF\"q\",b\n", "1[q][b]\n");

  /* Also when the encoding is given; but only the first character of
   * the file is a byte order mark. */
  forced_rows = parse ("\xEF\xBB\xBF" "a,\xEF\xBB\xBF" "b\n", &forced);
  g_assert_cmpstr (forced_rows, ==, "1[a][\xEF\xBB\xBF" "b]\n");

  reader = reader_for_bytes ("\xEF\xBB\xBF" "x;y\n", -1, NULL);
  rows = read_rows (reader, NULL);
  g_assert_cmpstr (rows, ==, "1[x][y]\n");
  g_assert_cmpstr (roster_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpint (roster_csv_reader_get_delimiter (reader), ==, ';');
}

/* ---- errors ---- */

static void
test_unclosed_quote (void)
{
  g_autofree char *rows = NULL;
  g_autofree char *first = NULL;

  rows = parse_failing ("a,b\nc,\"d\ne,f\n", -1, NULL, ROSTER_CSV_ERROR_UNCLOSED_QUOTE, 2);
  g_assert_cmpstr (rows, ==, "1[a][b]\n");

  first = parse_failing ("\"", -1, NULL, ROSTER_CSV_ERROR_UNCLOSED_QUOTE, 1);
  g_assert_cmpstr (first, ==, "");
}

static void
test_field_size (void)
{
  RosterCsvOptions options = { .max_field_size = 5 };
  g_autofree char *fits = parse ("12345,\"1\"\"345\"\n", &options);
  g_autofree char *unquoted = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  g_assert_cmpstr (fits, ==, "1[12345][1\"345]\n");

  unquoted = parse_failing ("a\nb\n123456\n", -1, &options, ROSTER_CSV_ERROR_FIELD_TOO_LARGE, 3);
  g_assert_cmpstr (unquoted, ==, "1[a]\n2[b]\n");

  /* A quoted field too long: the line it starts on, with a hint. */
  quoted = parse_failing ("a\n\"1\n2\n3\n4\n", -1, &options, ROSTER_CSV_ERROR_FIELD_TOO_LARGE, 2);
  g_assert_cmpstr (quoted, ==, "1[a]\n");

  reader = reader_for_bytes ("\"1234\n56\"", -1, &options);
  rows = read_rows (reader, &error);
  g_assert_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_FIELD_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "quote"));
}

static void
test_row_fields (void)
{
  RosterCsvOptions options = { .max_row_fields = 3 };
  g_autofree char *fits = parse ("a,b,c\n,,\n", &options);
  g_autofree char *over = NULL;
  g_autofree char *trailing = NULL;
  g_autofree char *quoted_row = NULL;

  g_assert_cmpstr (fits, ==, "1[a][b][c]\n2[][][]\n");

  over = parse_failing ("a,b,c\nd,e,f,g\n", -1, &options, ROSTER_CSV_ERROR_ROW_TOO_LARGE, 2);
  g_assert_cmpstr (over, ==, "1[a][b][c]\n");
  /* The fourth field is the empty one after a last delimiter. */
  trailing = parse_failing ("a,b,c,", -1, &options, ROSTER_CSV_ERROR_ROW_TOO_LARGE, 1);
  g_assert_cmpstr (trailing, ==, "");
  /* A row over several lines is named by its first. */
  quoted_row = parse_failing ("x\n\"a\nb\",c,d,e\n", -1, &options, ROSTER_CSV_ERROR_ROW_TOO_LARGE, 2);
  g_assert_cmpstr (quoted_row, ==, "1[x]\n");
}

static void
test_invalid_text (void)
{
  RosterCsvOptions utf8 = { .encoding = "UTF-8" };
  RosterCsvOptions gb18030 = { .encoding = "GB18030" };
  RosterCsvOptions windows_1252 = { .encoding = "windows-1252" };
  g_autofree char *bad_byte = NULL;
  g_autofree char *cut_short = NULL;
  g_autofree char *nul = NULL;
  g_autofree char *in_quotes = NULL;
  g_autofree char *bad_gbk = NULL;
  g_autofree char *undefined = NULL;

  bad_byte = parse_failing ("a,b\nc,\xFF\n", -1, &utf8, ROSTER_CSV_ERROR_ENCODING, 2);
  g_assert_cmpstr (bad_byte, ==, "1[a][b]\n");

  /* A character cut short by the end of the file. */
  cut_short = parse_failing ("a\nb\n\xE4\xB8", -1, &utf8, ROSTER_CSV_ERROR_ENCODING, 3);
  g_assert_cmpstr (cut_short, ==, "1[a]\n2[b]\n");

  /* No text file holds a NUL, whatever its encoding. */
  nul = parse_failing ("a\nb\0c\n", 6, NULL, ROSTER_CSV_ERROR_ENCODING, 2);
  g_assert_cmpstr (nul, ==, "1[a]\n");

  /* Inside a quoted field, the line is the bad byte's. */
  in_quotes = parse_failing ("a\n\"b\nc\xC3\x28\"\n", -1, &utf8, ROSTER_CSV_ERROR_ENCODING, 3);
  g_assert_cmpstr (in_quotes, ==, "1[a]\n");

  /* GBK: a lead byte followed by a byte no character has. */
  bad_gbk = parse_failing ("\xCD\xF5\n\xCD\n", -1, &gb18030, ROSTER_CSV_ERROR_ENCODING, 2);
  g_assert_cmpstr (bad_gbk, ==, "1[\xE7\x8E\x8B]\n");

  /* 0x81 is a byte Windows-1252 has no character for. */
  undefined = parse_failing ("caf\xE9\r\nx\x81y\r\n", -1, &windows_1252, ROSTER_CSV_ERROR_ENCODING, 2);
  g_assert_cmpstr (undefined, ==, "1[caf\xC3\xA9]\n");
}

/* An invalid byte far after the sample the encoding is guessed from:
 * the line count is right across reads. */
static void
test_invalid_text_late (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields;
  guint line = 0;
  guint n_rows = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (data, "row %u,\"two\nlines\"\r\n", i);
  g_string_append (data, "last,caf\xE9\n");

  reader = reader_for_bytes (data->str, data->len, NULL);
  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    n_rows++;
  g_assert_cmpstr (roster_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (n_rows, ==, 20000);
  g_assert_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "40001"));
}

static void
test_unknown_encoding (void)
{
  RosterCsvOptions options = { .encoding = "NO-SUCH-ENCODING" };
  g_autoptr(RosterCsvReader) reader = reader_for_bytes ("a\n", -1, &options);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  const GPtrArray *fields;

  g_assert_false (roster_csv_reader_prepare (reader, NULL, &error));
  g_assert_error (error, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ENCODING);
  g_assert_cmpuint (roster_csv_reader_get_error_line (reader), ==, 0);
  g_assert_false (roster_csv_reader_next_row (reader, &fields, NULL, NULL, &again));
  g_assert_error (again, ROSTER_CSV_ERROR, ROSTER_CSV_ERROR_ENCODING);
}

static void
test_cancelled (void)
{
  g_autoptr(RosterCsvReader) reader = reader_for_bytes ("a\n", -1, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields;

  g_cancellable_cancel (cancellable);
  g_assert_false (roster_csv_reader_next_row (reader, &fields, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---- delimiters ---- */

static void
assert_sniffs (const char *data,
               char        delimiter)
{
  g_autoptr(RosterCsvReader) reader = reader_for_bytes (data, -1, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_csv_reader_prepare (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (roster_csv_reader_get_delimiter_detected (reader));
  g_assert_cmpint (roster_csv_reader_get_delimiter (reader), ==, delimiter);
}

static void
test_sniff (void)
{
  assert_sniffs ("a,b,c\n1,2,3\n", ',');
  assert_sniffs ("a;b;c\n1;2;3\n", ';');
  assert_sniffs ("a\tb\tc\n1\t2\t3\n", '\t');
  assert_sniffs ("a|b|c\n1|2|3\n", '|');
  /* Decimal commas in a semicolon file: both are everywhere, but
   * semicolons make more fields. */
  assert_sniffs ("name;grade;weight\nAnn;12,5;0,3\nBob;9,75;0,7\n", ';');
  /* Commas in some fields of a tab file only. */
  assert_sniffs ("name\tcity\nAnn\tParis\nBob\tRome, Italy\nCy\tOslo\n", '\t');
  /* Delimiters inside quotes do not count. */
  assert_sniffs ("\"a;b;c\",d\n\"e;f;g\",h\n\"i\",j\n", ',');
  assert_sniffs ("\"x,\ny,z\";w\n\"1,2\";3\n", ';');
  /* A header alone. */
  assert_sniffs ("username;firstname;lastname\n", ';');
  /* A single column: comma, whatever a rare row holds. */
  assert_sniffs ("email\na@example.edu\nb@example.edu\nc;d@example.edu\n", ',');
  assert_sniffs ("", ',');
  /* More consistent beats more: every row has two tabs, commas vary. */
  assert_sniffs ("a,b,c,d\tx\ty\n1,2\tx\ty\n3\tx\ty\n4,5,6\tx\ty\n", '\t');
}

static void
test_delimiter_given (void)
{
  RosterCsvOptions options = { .delimiter = ';' };
  g_autoptr(RosterCsvReader) reader = reader_for_bytes ("a,b;c\n\"d;e\";f\n", -1, &options);
  g_autofree char *rows = read_rows (reader, NULL);

  g_assert_cmpstr (rows, ==, "1[a,b][c]\n2[d;e][f]\n");
  g_assert_cmpint (roster_csv_reader_get_delimiter (reader), ==, ';');
  g_assert_false (roster_csv_reader_get_delimiter_detected (reader));
  g_assert_cmpstr (roster_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_true (roster_csv_reader_get_encoding_detected (reader));
}

/* ---- fixtures ---- */

typedef struct
{
  const char *file;
  const char *encoding;
  char        delimiter;
  const char *rows;
  /* 0: the file reads to its end */
  RosterCsvError error;
  guint          error_line;
} Fixture;

static const Fixture fixtures[] = {
  { "gbk.csv", "GB18030", ',',
    "1[username][firstname][lastname][email]\n"
    "2[z.wang][伟][王][z.wang@example.edu]\n"
    "3[n.li][娜][李][n.li@example.edu]\n"
    "4[x.zhang][秀英][张][x.zhang@example.edu]\n"
    "5[q.liu][强][刘][q.liu@example.edu]\n"
    "6[j.chen][静][陈][j.chen@example.edu]\n"
    "7[m.ouyang][敏, 小敏][欧阳][m.ouyang@example.edu]\n" },
  { "utf16le-excel.txt", "UTF-16LE", '\t',
    "1[username][firstname][lastname][email]\n"
    "2[m.chen][明][陈][m.chen@example.edu]\n"
    "3[a.okafor][Adaeze][Okafor][a.okafor@example.edu]\n"
    "4[j.mueller][Jürgen][Müller][j.mueller@example.edu]\n"
    "5[j.oneill][Jo \"Sunny\"][O’Neill][j.oneill@example.edu]\n" },
  { "windows-1252.csv", "WINDOWS-1252", ',',
    "1[username][firstname][lastname][email]\n"
    "2[f.lefevre][Françoise][Lefèvre][f.lefevre@example.edu]\n"
    "3[j.garcia][José][García Núñez][j.garcia@example.edu]\n"
    "4[j.conceicao][João][Conceição][j.conceicao@example.edu]\n"
    "5[d.obrien][Dónal][O’Brien][d.obrien@example.edu]\n"
    "6[j.mueller][Jürgen][Müller][j.mueller@example.edu]\n"
    "7[a.orsted][Åsa][Ørsted][a.orsted@example.edu]\n" },
  { "semicolon.csv", "UTF-8", ';',
    "1[username][firstname][lastname][grade]\n"
    "2[c.dupont][Céline][Dupont][12,5]\n"
    "3[l.martin][Léa][Martin; Durand][9,75]\n"
    "4[h.bernard][Hugo][Bernard][15]\n" },
  { "tab.tsv", "UTF-8", '\t',
    "1[username][firstname][lastname]\n"
    "2[k.tanaka][Kenji][Tanaka]\n"
    "3[s.kim][Seo-yeon][Kim, Park]\n" },
  { "pipe.csv", "UTF-8", '|',
    "1[username][firstname][lastname]\n"
    "2[a.smith][Alice][Smith]\n"
    "3[b.jones][Bob][Jones, Jr.]\n" },
  { "quoted.csv", "UTF-8", ',',
    "1[username][note][email]\n"
    "2[a.b][two\\nlines][a.b@example.edu]\n"
    "4[c.d][say \"hi\", then go][c.d@example.edu]\n"
    "5[e.f][][]\n"
    "6[g.h][three\\r\\nlines\\nhere][g.h@example.edu]\n" },
  { "crlf.csv", "UTF-8", ',',
    "1[username][firstname]\n2[a.b][Ann]\n3[c.d][Carl]\n" },
  { "cr.csv", "UTF-8", ',',
    "1[username][firstname]\n2[a.b][Ann]\n3[c.d][Carl]\n" },
  { "ragged.csv", "UTF-8", ',',
    "1[username][firstname][lastname]\n"
    "2[a.b][Ann]\n"
    "3[c.d][Carl][Cole][extra]\n"
    "4[]\n"
    "5[e.f][Eve][East]\n" },
  { "unclosed-quote.csv", "UTF-8", ',',
    "1[username][firstname][lastname]\n"
    "2[a.b][Ann][Ash]\n",
    ROSTER_CSV_ERROR_UNCLOSED_QUOTE, 3 },
  { "header-only.csv", "UTF-8", ',',
    "1[username][firstname][lastname][email]\n" },
  { "empty.csv", "UTF-8", ',', "" },
  { "single-column.csv", "UTF-8", ',',
    "1[email]\n2[a.b@example.edu]\n3[c.d@example.edu]\n" },
};

static void
test_fixture (gconstpointer data)
{
  const Fixture *fixture = data;
  g_autofree char *path = g_build_filename (ROSTER_CSV_DATA_DIR, fixture->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  stream = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);

  reader = roster_csv_reader_new (G_INPUT_STREAM (stream), NULL);
  g_assert_true (roster_csv_reader_prepare (reader, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (roster_csv_reader_get_encoding (reader), ==, fixture->encoding);
  g_assert_true (roster_csv_reader_get_encoding_detected (reader));
  g_assert_cmpint (roster_csv_reader_get_delimiter (reader), ==, fixture->delimiter);
  g_assert_true (roster_csv_reader_get_delimiter_detected (reader));

  rows = read_rows (reader, &error);
  g_assert_cmpstr (rows, ==, fixture->rows);
  if (fixture->error_line == 0)
    {
      g_assert_no_error (error);
      /* All of it read, for the progress bar. */
      g_assert_cmpint (roster_csv_reader_get_bytes_read (reader), ==, g_file_info_get_size (info));
    }
  else
    {
      g_autofree char *line_text = g_strdup_printf (" %u ", fixture->error_line);

      g_assert_error (error, ROSTER_CSV_ERROR, fixture->error);
      g_assert_nonnull (strstr (error->message, line_text));
      g_assert_cmpuint (roster_csv_reader_get_error_line (reader), ==, fixture->error_line);
    }
}

/* The same files, the encoding given: what the user picks when the
 * guess was wrong. */
static void
test_encoding_given (void)
{
  RosterCsvOptions latin1 = { .encoding = "iso-8859-1" };
  g_autofree char *path = g_build_filename (ROSTER_CSV_DATA_DIR, "windows-1252.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (G_INPUT_STREAM (stream), &latin1);
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_rows (reader, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (roster_csv_reader_get_encoding (reader), ==, "ISO-8859-1");
  g_assert_false (roster_csv_reader_get_encoding_detected (reader));
  /* In ISO-8859-1, 0x92 is a control character, not ’. */
  g_assert_nonnull (strstr (rows, "5[d.obrien][Dónal][O\xC2\x92" "Brien]"));
  g_assert_nonnull (strstr (rows, "2[f.lefevre][Françoise][Lefèvre]"));
}

static void
test_utf16 (void)
{
  /* "a,é\n" in UTF-16BE with a BOM, and in UTF-16LE without one. */
  static const char be[] = "\xFE\xFF\0a\0,\0\xE9\0\n\0b\0,\0c";
  static const char le[] = "a\0,\0\xE9\0\n\0b\0,\0c\0";
  g_autoptr(RosterCsvReader) be_reader = reader_for_bytes (be, sizeof be - 1, NULL);
  g_autoptr(RosterCsvReader) le_reader = reader_for_bytes (le, sizeof le - 1, NULL);
  g_autofree char *be_rows = read_rows (be_reader, NULL);
  g_autofree char *le_rows = read_rows (le_reader, NULL);

  g_assert_cmpstr (be_rows, ==, "1[a][é]\n2[b][c]\n");
  g_assert_cmpstr (roster_csv_reader_get_encoding (be_reader), ==, "UTF-16BE");
  g_assert_cmpstr (le_rows, ==, "1[a][é]\n2[b][c]\n");
  g_assert_cmpstr (roster_csv_reader_get_encoding (le_reader), ==, "UTF-16LE");
}

static char *
guess (const char *utf8_text,
       const char *encoding,
       gboolean    complete)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  bytes = g_convert (utf8_text, -1, encoding, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  return roster_csv_guess_encoding ((const guint8 *) bytes, len, complete);
}

static void
assert_guess (const char *utf8_text,
              const char *encoding,
              const char *expected)
{
  g_autofree char *guessed = guess (utf8_text, encoding, TRUE);

  g_assert_cmpstr (guessed, ==, expected);
}

static void
test_guess (void)
{
  g_autofree char *cut = g_strdup ("a,陈");
  g_autofree char *cut_sample = NULL;
  g_autofree char *cut_file = NULL;

  assert_guess ("", "UTF-8", "UTF-8");
  assert_guess ("username,email\n", "UTF-8", "UTF-8");
  assert_guess ("陈明,Jürgen\n", "UTF-8", "UTF-8");
  assert_guess ("\xEF\xBB\xBF" "a\n", "UTF-8", "UTF-8");
  assert_guess ("\xEF\xBB\xBF" "a\n", "UTF-16LE", "UTF-16LE");
  assert_guess ("\xEF\xBB\xBF" "a\n", "UTF-16BE", "UTF-16BE");
  assert_guess ("username,firstname\nm.chen,明\n", "UTF-16LE", "UTF-16LE");
  assert_guess ("username,firstname\nm.chen,明\n", "UTF-16BE", "UTF-16BE");

  /* A sample that stops inside a character is still UTF-8; a file that
   * ends there is not. */
  cut[strlen (cut) - 1] = '\0';
  cut_sample = roster_csv_guess_encoding ((const guint8 *) cut, strlen (cut), FALSE);
  g_assert_cmpstr (cut_sample, ==, "UTF-8");
  cut_file = roster_csv_guess_encoding ((const guint8 *) cut, strlen (cut), TRUE);
  g_assert_cmpstr (cut_file, !=, "UTF-8");

  /* Names, the hard case for libuchardet. */
  assert_guess ("username,firstname,lastname\r\nw.wang,伟,王\r\nn.li,娜,李\r\n", "GBK", "GB18030");
  assert_guess ("username,firstname,lastname\r\nw.wang,伟,王\r\nn.li,娜,李\r\n", "GB18030", "GB18030");
  /* A character only GBK has (0x86B4, 喆) among common ones. */
  assert_guess ("a,喆\nb,王伟\nc,李娜\nd,张秀英\ne,刘强\nf,陈静\ng,欧阳敏\nh,黄磊\ni,赵军\nj,周洋\n",
                "GBK", "GB18030");
  assert_guess ("username,firstname,lastname\r\ni.ivanov,Иван,Иванов\r\nm.petrova,Мария,Петрова\r\n"
                "s.smirnov,Сергей,Смирнов\r\no.kuznetsova,Ольга,Кузнецова\r\n",
                "WINDOWS-1251", "WINDOWS-1251");
  assert_guess ("username,firstname,lastname\r\nf.lefevre,Françoise,Lefèvre\r\nj.garcia,José,García Núñez\r\n",
                "WINDOWS-1252", "WINDOWS-1252");
  /* ’ and œ are where ISO-8859-1 has control characters. */
  assert_guess ("d.obrien,Dónal,O’Brien\nc.coeur,Zoé,Cœur\n", "WINDOWS-1252", "WINDOWS-1252");
}

static void
test_charset_names (void)
{
  static const struct
  {
    const char *uchardet;
    const char *iconv;
  } names[] = {
    { "ASCII", "UTF-8" },
    { "GB2312", "GB18030" },
    { "gbk", "GB18030" },
    { "GB18030", "GB18030" },
    { "ISO-8859-1", "WINDOWS-1252" },
    { "SHIFT_JIS", "CP932" },
    { "EUC-KR", "CP949" },
    { "BIG5", "CP950" },
    { "KOI8-R", "KOI8-R" },
    { "windows-1251", "WINDOWS-1251" },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = roster_csv_map_charset_name (names[i].uchardet);
      GIConv cd;

      g_assert_cmpstr (name, ==, names[i].iconv);
      if (name == NULL)
        continue;
      /* GLib's iconv knows it. */
      cd = g_iconv_open ("UTF-8", name);
      g_assert_true (cd != (GIConv) -1);
      g_iconv_close (cd);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/plain", test_plain);
  g_test_add_func ("/csv-reader/quotes", test_quotes);
  g_test_add_func ("/csv-reader/line-ends", test_line_ends);
  g_test_add_func ("/csv-reader/blank-lines", test_blank_lines);
  g_test_add_func ("/csv-reader/bom", test_bom);
  g_test_add_func ("/csv-reader/errors/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv-reader/errors/field-size", test_field_size);
  g_test_add_func ("/csv-reader/errors/row-fields", test_row_fields);
  g_test_add_func ("/csv-reader/errors/invalid-text", test_invalid_text);
  g_test_add_func ("/csv-reader/errors/invalid-text-late", test_invalid_text_late);
  g_test_add_func ("/csv-reader/errors/unknown-encoding", test_unknown_encoding);
  g_test_add_func ("/csv-reader/errors/cancelled", test_cancelled);
  g_test_add_func ("/csv-reader/delimiter/sniff", test_sniff);
  g_test_add_func ("/csv-reader/delimiter/given", test_delimiter_given);
  g_test_add_func ("/csv-reader/encoding/given", test_encoding_given);
  g_test_add_func ("/csv-reader/encoding/utf16", test_utf16);
  g_test_add_func ("/csv-reader/encoding/guess", test_guess);
  g_test_add_func ("/csv-reader/encoding/charset-names", test_charset_names);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *name = g_strdup_printf ("/csv-reader/fixtures/%s", fixtures[i].file);

      g_test_add_data_func (name, &fixtures[i], test_fixture);
    }

  return g_test_run ();
}
