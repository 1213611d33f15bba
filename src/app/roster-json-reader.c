/* roster-json-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-json.h"
#include "roster-json-reader.h"

void
roster_json_reader_init (RosterJsonReader *reader,
                         const char       *text,
                         gsize             length,
                         char             *scratch)
{
  reader->p = text;
  reader->end = text + length;
  reader->scratch = scratch;
  reader->failed = FALSE;
  reader->after_open = FALSE;
}

static gboolean
fail (RosterJsonReader *reader)
{
  reader->failed = TRUE;
  return FALSE;
}

static const char *
fail_string (RosterJsonReader *reader)
{
  reader->failed = TRUE;
  return NULL;
}

static void
skip_space (RosterJsonReader *reader)
{
  while (reader->p < reader->end &&
         (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n' || *reader->p == '\r'))
    reader->p++;
}

/* Reads @c after white space. */
static gboolean
expect (RosterJsonReader *reader,
        char              c)
{
  skip_space (reader);
  if (reader->failed || reader->p >= reader->end || *reader->p != c)
    return fail (reader);
  reader->p++;
  return TRUE;
}

RosterJsonReaderKind
roster_json_reader_peek (RosterJsonReader *reader)
{
  skip_space (reader);
  if (reader->failed || reader->p >= reader->end)
    return ROSTER_JSON_READER_ERROR;

  switch (*reader->p)
    {
    case 'n':
      return ROSTER_JSON_READER_NULL;
    case '"':
      return ROSTER_JSON_READER_STRING;
    case '[':
      return ROSTER_JSON_READER_ARRAY;
    case '{':
    case 't':
    case 'f':
      return ROSTER_JSON_READER_OTHER;
    case '-':
    case '0' ... '9':
      return ROSTER_JSON_READER_NUMBER;
    default:
      return ROSTER_JSON_READER_ERROR;
    }
}

gboolean
roster_json_reader_begin_array (RosterJsonReader *reader)
{
  if (!expect (reader, '['))
    return FALSE;
  reader->after_open = TRUE;
  return TRUE;
}

gboolean
roster_json_reader_next (RosterJsonReader *reader)
{
  gboolean first = reader->after_open;

  reader->after_open = FALSE;
  skip_space (reader);
  if (reader->failed || reader->p >= reader->end)
    return fail (reader);
  if (*reader->p == ']')
    {
      reader->p++;
      return FALSE;
    }
  if (first)
    return TRUE;
  return expect (reader, ',');
}

static gboolean
read_literal (RosterJsonReader *reader,
              const char       *word)
{
  gsize length = strlen (word);

  skip_space (reader);
  if (reader->failed || (gsize) (reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return fail (reader);
  reader->p += length;
  return TRUE;
}

gboolean
roster_json_reader_read_null (RosterJsonReader *reader)
{
  return read_literal (reader, "null");
}

static gboolean
at_digit (RosterJsonReader *reader)
{
  return reader->p < reader->end && g_ascii_isdigit (*reader->p);
}

/* The grammar of RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
read_number (RosterJsonReader *reader,
             gint64           *value,
             gboolean         *integer)
{
  gboolean negative = FALSE;
  guint64 magnitude = 0;
  gboolean overflow = FALSE;

  skip_space (reader);
  if (reader->failed)
    return FALSE;
  if (reader->p < reader->end && *reader->p == '-')
    {
      negative = TRUE;
      reader->p++;
    }
  if (!at_digit (reader))
    return fail (reader);
  if (*reader->p == '0')
    reader->p++;
  else
    for (; at_digit (reader); reader->p++)
      {
        guint digit = *reader->p - '0';

        if (magnitude > (G_MAXUINT64 - digit) / 10)
          overflow = TRUE;
        magnitude = magnitude * 10 + digit;
      }

  *integer = !overflow && magnitude <= (guint64) G_MAXINT64;
  if (reader->p < reader->end && *reader->p == '.')
    {
      reader->p++;
      *integer = FALSE;
      if (!at_digit (reader))
        return fail (reader);
      while (at_digit (reader))
        reader->p++;
    }
  if (reader->p < reader->end && (*reader->p == 'e' || *reader->p == 'E'))
    {
      reader->p++;
      *integer = FALSE;
      if (reader->p < reader->end && (*reader->p == '+' || *reader->p == '-'))
        reader->p++;
      if (!at_digit (reader))
        return fail (reader);
      while (at_digit (reader))
        reader->p++;
    }
  *value = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

gboolean
roster_json_reader_read_int (RosterJsonReader *reader,
                             gint64           *value)
{
  gboolean integer;

  if (!read_number (reader, value, &integer))
    return FALSE;
  return integer || fail (reader);
}

static int
hex4 (const char *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

const char *
roster_json_reader_read_string (RosterJsonReader *reader)
{
  char *out;
  const char *start;

  if (!expect (reader, '"'))
    return NULL;

  start = out = reader->scratch;
  while (reader->p < reader->end && *reader->p != '"')
    {
      guchar c = *reader->p++;
      gunichar u;
      int high, low;

      if (c < 0x20)
        return fail_string (reader);
      if (c != '\\')
        {
          *out++ = c;
          continue;
        }
      if (reader->p >= reader->end)
        return fail_string (reader);
      switch (*reader->p++)
        {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '/': *out++ = '/'; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u':
          if (reader->end - reader->p < 4 || (high = hex4 (reader->p)) < 0)
            return fail_string (reader);
          reader->p += 4;
          u = high;
          /* A character outside the first plane comes as a surrogate
           * pair; a lone surrogate or U+0000 cannot be a C string. */
          if (high >= 0xD800 && high <= 0xDBFF)
            {
              if (reader->end - reader->p < 6 || reader->p[0] != '\\' || reader->p[1] != 'u' ||
                  (low = hex4 (reader->p + 2)) < 0xDC00 || low > 0xDFFF)
                return fail_string (reader);
              reader->p += 6;
              u = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            }
          else if ((high >= 0xDC00 && high <= 0xDFFF) || high == 0)
            return fail_string (reader);
          out += g_unichar_to_utf8 (u, out);
          break;
        default:
          return fail_string (reader);
        }
    }
  if (reader->p >= reader->end)
    return fail_string (reader);
  reader->p++;
  *out++ = '\0';
  reader->scratch = out;
  return start;
}

static gboolean
skip_object (RosterJsonReader *reader)
{
  if (!expect (reader, '{'))
    return FALSE;
  skip_space (reader);
  if (reader->p < reader->end && *reader->p == '}')
    {
      reader->p++;
      return TRUE;
    }
  for (;;)
    {
      if (roster_json_reader_read_string (reader) == NULL || !expect (reader, ':') ||
          !roster_json_reader_skip (reader))
        return FALSE;
      skip_space (reader);
      if (reader->p >= reader->end || *reader->p != ',')
        return expect (reader, '}');
      reader->p++;
    }
}

gboolean
roster_json_reader_skip (RosterJsonReader *reader)
{
  gint64 number;
  gboolean integer;

  switch (roster_json_reader_peek (reader))
    {
    case ROSTER_JSON_READER_NULL:
      return roster_json_reader_read_null (reader);
    case ROSTER_JSON_READER_NUMBER:
      return read_number (reader, &number, &integer);
    case ROSTER_JSON_READER_STRING:
      return roster_json_reader_read_string (reader) != NULL;
    case ROSTER_JSON_READER_ARRAY:
      if (!roster_json_reader_begin_array (reader))
        return FALSE;
      while (roster_json_reader_next (reader))
        if (!roster_json_reader_skip (reader))
          return FALSE;
      return !reader->failed;
    case ROSTER_JSON_READER_OTHER:
      if (*reader->p == '{')
        return skip_object (reader);
      return read_literal (reader, *reader->p == 't' ? "true" : "false");
    case ROSTER_JSON_READER_ERROR:
    default:
      return fail (reader);
    }
}

gboolean
roster_json_reader_end (RosterJsonReader *reader)
{
  skip_space (reader);
  return !reader->failed && reader->p == reader->end;
}

/* The time format the server writes, read without a GDateTime (three
 * per row); anything else goes to roster_json_parse_time (). */
gboolean
roster_json_reader_parse_time (const char *str,
                               gint64     *value)
{
  static const guint8 digits[] = { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 };
  int y, m, d, hh, mm, ss, era, yoe, doy, doe;

  *value = 0;
  if (str == NULL)
    return TRUE;
  if (strlen (str) != 20 || str[4] != '-' || str[7] != '-' || str[10] != 'T' || str[13] != ':' ||
      str[16] != ':' || str[19] != 'Z')
    return roster_json_parse_time (str, value);
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (!g_ascii_isdigit (str[digits[i]]))
      return roster_json_parse_time (str, value);

#define NUM2(i) ((str[i] - '0') * 10 + (str[(i) + 1] - '0'))
  y = NUM2 (0) * 100 + NUM2 (2);
  m = NUM2 (5);
  d = NUM2 (8);
  hh = NUM2 (11);
  mm = NUM2 (14);
  ss = NUM2 (17);
#undef NUM2
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > g_date_get_days_in_month (m, y) || hh > 23 || mm > 59 || ss > 59)
    return roster_json_parse_time (str, value);

  /* Days since 1970-01-01 of a proleptic Gregorian date. */
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *value = ((gint64) era * 146097 + doe - 719468) * 86400 + hh * 3600 + mm * 60 + ss;
  return TRUE;
}
