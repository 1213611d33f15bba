/* test-json.c: pagination cursors, member checks, times and compact text
 * of the JSON helpers, and rows of the CSV writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-csv-writer.h"
#include "roster-error.h"
#include "roster-json.h"

#define BASE64URL_ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* ---- cursors ---- */

/* base64url of @text, without padding: a cursor of any content. */
static char *
base64url (const char *text)
{
  char *encoded = g_base64_encode ((const guchar *) text, strlen (text));

  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  encoded[strcspn (encoded, "=")] = '\0';
  return encoded;
}

static void
assert_cursor_alphabet (const char *cursor)
{
  g_assert_nonnull (cursor);
  g_assert_cmpstr (cursor, !=, "");
  g_assert_cmpuint (strspn (cursor, BASE64URL_ALPHABET), ==, strlen (cursor));
}

/* Encodes @values, checks the cursor can go in a query string as it is,
 * and returns what it decodes to. */
static JsonArray *
cursor_round_trip (JsonArray *values)
{
  g_autofree char *cursor = roster_cursor_encode (values);
  g_autoptr(GError) error = NULL;
  JsonArray *decoded;

  assert_cursor_alphabet (cursor);
  decoded = roster_cursor_decode (cursor, &error);
  g_assert_no_error (error);
  g_assert_nonnull (decoded);
  return decoded;
}

static void
test_cursor_round_trip (void)
{
  g_autoptr(JsonArray) values = json_array_new ();
  g_autoptr(JsonArray) decoded = NULL;

  json_array_add_string_element (values, "M\xc3\xbcller");           /* Müller */
  json_array_add_string_element (values, "\xe7\x8e\x8b\xe4\xbc\x9f"); /* 王伟 */
  json_array_add_string_element (values, "last\x1f" "first");
  json_array_add_string_element (values, "");
  json_array_add_string_element (values, "a \"quoted\" \\ /slash?&=+");
  json_array_add_int_element (values, 0);
  json_array_add_int_element (values, -42);
  json_array_add_int_element (values, G_MAXINT64);
  json_array_add_boolean_element (values, TRUE);
  json_array_add_boolean_element (values, FALSE);

  decoded = cursor_round_trip (values);

  g_assert_cmpuint (json_array_get_length (decoded), ==, 10);
  g_assert_cmpstr (json_array_get_string_element (decoded, 0), ==, "M\xc3\xbcller");
  g_assert_cmpstr (json_array_get_string_element (decoded, 1), ==, "\xe7\x8e\x8b\xe4\xbc\x9f");
  g_assert_cmpstr (json_array_get_string_element (decoded, 2), ==, "last\x1f" "first");
  g_assert_cmpstr (json_array_get_string_element (decoded, 3), ==, "");
  g_assert_cmpstr (json_array_get_string_element (decoded, 4), ==, "a \"quoted\" \\ /slash?&=+");
  for (guint i = 5; i < 8; i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (decoded, i)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (decoded, 5), ==, 0);
  g_assert_cmpint (json_array_get_int_element (decoded, 6), ==, -42);
  g_assert_cmpint (json_array_get_int_element (decoded, 7), ==, G_MAXINT64);
  for (guint i = 8; i < 10; i++)
    g_assert_cmpint (json_node_get_value_type (json_array_get_element (decoded, i)), ==, G_TYPE_BOOLEAN);
  g_assert_true (json_array_get_boolean_element (decoded, 8));
  g_assert_false (json_array_get_boolean_element (decoded, 9));
  g_assert_true (json_array_equal (values, decoded));
}

/* Every length of JSON text modulo 3 (the padding base64 would have),
 * and bytes that base64 turns into + and /. */
static void
test_cursor_alphabet (void)
{
  for (guint n = 0; n < 6; n++)
    {
      g_autoptr(JsonArray) values = json_array_new ();
      g_autoptr(JsonArray) decoded = NULL;
      g_autofree char *text = g_strnfill (n, 'x');

      json_array_add_string_element (values, text);
      decoded = cursor_round_trip (values);
      g_assert_cmpstr (json_array_get_string_element (decoded, 0), ==, text);
    }

  {
    /* "?>>?" is base64 "Pz4+Pw=="; "\xef\xbf\xbf" (U+FFFF) is "77+/". */
    g_autoptr(JsonArray) values = json_array_new ();
    g_autoptr(JsonArray) decoded = NULL;

    json_array_add_string_element (values, "?>>?\xef\xbf\xbf~~~");
    decoded = cursor_round_trip (values);
    g_assert_true (json_array_equal (values, decoded));
  }

  {
    g_autoptr(JsonArray) empty = json_array_new ();
    g_autoptr(JsonArray) decoded = cursor_round_trip (empty);

    g_assert_cmpuint (json_array_get_length (decoded), ==, 0);
  }
}

static void
assert_cursor_refused (const char *cursor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) decoded = roster_cursor_decode (cursor, &error);

  g_assert_null (decoded);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
}

static void
test_cursor_refuses (void)
{
  static const char * const not_json[] = {
    "not JSON at all",
    "[1, 2",
    "\xff\xfe[]",
  };
  static const char * const not_arrays[] = {
    "{\"after\": [1]}",
    "{}",
    "42",
    "\"[1]\"",
    "null",
  };
  g_autofree char *good = base64url ("[1]");

  /* The helper makes cursors the decoder takes. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonArray) decoded = roster_cursor_decode (good, &error);

    g_assert_no_error (error);
    g_assert_cmpint (json_array_get_int_element (decoded, 0), ==, 1);
  }

  assert_cursor_refused (NULL);
  assert_cursor_refused ("");

  /* Characters outside base64url, padding and standard base64 included. */
  assert_cursor_refused ("WzFd=");
  assert_cursor_refused ("W10=");
  assert_cursor_refused ("Wz+d");
  assert_cursor_refused ("Wz/d");
  assert_cursor_refused ("WzFd ");
  assert_cursor_refused (" WzFd");
  assert_cursor_refused ("WzF.d");
  assert_cursor_refused ("Wz%46d");
  assert_cursor_refused ("W\xc3\xa9zFd");

  /* Decodes to nothing. */
  assert_cursor_refused ("A");

  for (guint i = 0; i < G_N_ELEMENTS (not_json); i++)
    {
      g_autofree char *cursor = base64url (not_json[i]);

      assert_cursor_refused (cursor);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_arrays); i++)
    {
      g_autofree char *cursor = base64url (not_arrays[i]);

      assert_cursor_refused (cursor);
    }
}

/* A cursor of 4096 characters is the longest taken: 3072 bytes of JSON,
 * ["…"] around 3068 characters. */
static void
test_cursor_length_limit (void)
{
  g_autofree char *longest_text = g_strnfill (3068, 'x');
  g_autofree char *too_long_text = g_strnfill (3069, 'x');
  g_autoptr(JsonArray) longest = json_array_new ();
  g_autoptr(JsonArray) too_long = json_array_new ();
  g_autofree char *longest_cursor = NULL;
  g_autofree char *too_long_cursor = NULL;
  g_autoptr(JsonArray) decoded = NULL;
  g_autoptr(GError) error = NULL;

  json_array_add_string_element (longest, longest_text);
  longest_cursor = roster_cursor_encode (longest);
  g_assert_cmpuint (strlen (longest_cursor), ==, 4096);
  decoded = roster_cursor_decode (longest_cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_array_get_string_element (decoded, 0), ==, longest_text);

  json_array_add_string_element (too_long, too_long_text);
  too_long_cursor = roster_cursor_encode (too_long);
  assert_cursor_alphabet (too_long_cursor);
  g_assert_cmpuint (strlen (too_long_cursor), >, 4096);
  assert_cursor_refused (too_long_cursor);
}

/* ---- members ---- */

static void
test_check_members (void)
{
  static const char * const allowed[] = { "first_name", "email", "type", NULL };
  static const char * const nothing[] = { NULL };
  static const struct
  {
    const char *member;
    const char *named;
  } refused[] = {
    { "is_site_admin", "is_site_admin" },
    { "password_hash", "password_hash" },
    { "Email", "Email" },
    { "email ", "email " },
    { "", "\xe2\x80\x9c\xe2\x80\x9d" },   /* “” */
  };
  g_autoptr(JsonObject) all = json_object_new ();
  g_autoptr(JsonObject) some = json_object_new ();
  g_autoptr(JsonObject) empty = json_object_new ();

  json_object_set_string_member (all, "email", "ann@uni.example");
  json_object_set_string_member (all, "first_name", "Ann");
  json_object_set_null_member (all, "type");
  json_object_set_string_member (some, "email", "ann@uni.example");

  g_assert_true (roster_json_check_members (all, allowed, NULL));
  g_assert_true (roster_json_check_members (some, allowed, NULL));
  g_assert_true (roster_json_check_members (empty, allowed, NULL));
  g_assert_true (roster_json_check_members (empty, nothing, NULL));

  /* One member too many, among allowed ones or on its own. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(GError) error = NULL;

      if (i % 2 == 0)
        json_object_set_string_member (object, "first_name", "Ann");
      json_object_set_boolean_member (object, refused[i].member, TRUE);

      g_assert_false (roster_json_check_members (object, allowed, &error));
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
      if (strstr (error->message, refused[i].named) == NULL)
        {
          g_test_message ("“%s” does not name the member “%s”", error->message, refused[i].member);
          g_test_fail ();
        }
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (roster_json_check_members (some, nothing, &error));
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    g_assert_nonnull (strstr (error->message, "email"));
  }
}

/* ---- times ---- */

static const struct
{
  gint64      unix_time;
  const char *text;
} known_times[] = {
  { -1, "1969-12-31T23:59:59Z" },
  { 1788220800, "2026-09-01T00:00:00Z" },
  /* Year end. */
  { 1767225599, "2025-12-31T23:59:59Z" },
  { 1767225600, "2026-01-01T00:00:00Z" },
  /* Leap days: 2024 has one, 2000 too (divisible by 400), 2100 not. */
  { 1709164800, "2024-02-29T00:00:00Z" },
  { 1709251199, "2024-02-29T23:59:59Z" },
  { 1709251200, "2024-03-01T00:00:00Z" },
  { 951825600, "2000-02-29T12:00:00Z" },
  { 4107542399, "2100-02-28T23:59:59Z" },
  { 4107542400, "2100-03-01T00:00:00Z" },
  /* The first and the last second with a four-digit year. */
  { G_GINT64_CONSTANT (-62135596800), "0001-01-01T00:00:00Z" },
  { G_GINT64_CONSTANT (253402300799), "9999-12-31T23:59:59Z" },
};

static void
test_time_known (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_times); i++)
    {
      g_autofree char *text = roster_json_format_time (known_times[i].unix_time);
      gint64 parsed = 0;

      g_assert_cmpstr (text, ==, known_times[i].text);
      g_assert_true (roster_json_parse_time (known_times[i].text, &parsed));
      g_assert_cmpint (parsed, ==, known_times[i].unix_time);
    }
}

static void
test_time_out_of_range (void)
{
  /* 0 is "none". */
  g_assert_null (roster_json_format_time (0));

  /* Past 9999 and before year 1, there is no RFC 3339 spelling. */
  g_assert_null (roster_json_format_time (G_GINT64_CONSTANT (253402300800)));
  g_assert_null (roster_json_format_time (G_GINT64_CONSTANT (-62135596801)));
  g_assert_null (roster_json_format_time (G_MAXINT64));
  g_assert_null (roster_json_format_time (G_MININT64));
}

static void
test_time_offsets (void)
{
  static const char * const spellings[] = {
    "2026-09-01T00:00:00Z",
    "2026-09-01T00:00:00+00:00",
    "2026-09-01T02:00:00+02:00",
    "2026-09-01T05:30:00+05:30",
    "2026-08-31T19:00:00-05:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      gint64 parsed = 0;

      g_test_message ("%s", spellings[i]);
      g_assert_true (roster_json_parse_time (spellings[i], &parsed));
      g_assert_cmpint (parsed, ==, 1788220800);
    }

  {
    /* An offset that moves the date over a year end and a leap day. */
    gint64 parsed = 0;

    g_assert_true (roster_json_parse_time ("2025-12-31T20:00:00-04:00", &parsed));
    g_assert_cmpint (parsed, ==, 1767225600);
    g_assert_true (roster_json_parse_time ("2024-03-01T01:00:00+02:00", &parsed));
    g_assert_cmpint (parsed, ==, 1709247600);   /* 2024-02-29T23:00:00Z */
  }
}

/* ---- compact text ---- */

static void
test_object_to_string (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autofree char *text = NULL;
  g_autofree char *empty_text = NULL;

  json_array_add_boolean_element (list, TRUE);
  json_array_add_null_element (list);
  json_object_set_int_member (object, "id", 7);
  json_object_set_string_member (object, "name", "Zo\xc3\xab \"Z\"");
  json_object_set_array_member (object, "list", g_steal_pointer (&list));

  text = roster_json_object_to_string (object);
  g_assert_cmpstr (text, ==, "{\"id\":7,\"name\":\"Zo\xc3\xab \\\"Z\\\"\",\"list\":[true,null]}");

  empty_text = roster_json_object_to_string (empty);
  g_assert_cmpstr (empty_text, ==, "{}");
}

/* ---- CSV rows ---- */

/* The row @cells make, as text. */
static char *
csv_row (const char * const *cells,
         guint               n_cells)
{
  GString *out = g_string_new (NULL);

  roster_csv_append_row (out, cells, n_cells);
  return g_string_free (out, FALSE);
}

static void
test_csv_quoting (void)
{
  static const char * const cells[] = { "plain", "with \"quotes\"", NULL, "", "a,b", "two\nlines", "\"" };
  static const char * const second[] = { "x" };
  g_autofree char *row = csv_row (cells, G_N_ELEMENTS (cells));
  g_autoptr(GString) out = g_string_new ("head\r\n");

  g_assert_cmpstr (row, ==,
                   "\"plain\",\"with \"\"quotes\"\"\",\"\",\"\",\"a,b\",\"two\nlines\",\"\"\"\"\r\n");

  /* Rows go after what is there already, without a byte order mark. */
  roster_csv_append_row (out, second, 1);
  roster_csv_append_row (out, second, 1);
  g_assert_cmpstr (out->str, ==, "head\r\n\"x\"\r\n\"x\"\r\n");
}

static void
test_csv_formulas (void)
{
  static const struct
  {
    const char *cell;
    const char *quoted;
  } cases[] = {
    /* A spreadsheet would run these. */
    { "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"" },
    { "+1", "\"'+1\"" },
    { "-1", "\"'-1\"" },
    { "@cmd", "\"'@cmd\"" },
    { "\tx", "\"'\tx\"" },
    { "\rx", "\"'\rx\"" },
    { "=", "\"'=\"" },
    { "=\"a\"", "\"'=\"\"a\"\"\"" },
    /* Not these: the characters come later. */
    { "a=b", "\"a=b\"" },
    { "1+1", "\"1+1\"" },
    { "x-y", "\"x-y\"" },
    { "ann@uni.example", "\"ann@uni.example\"" },
    { "a\tb", "\"a\tb\"" },
    { "a\rb", "\"a\rb\"" },
    { " =1", "\" =1\"" },
    { "\"=1", "\"\"\"=1\"" },
    { "'=1", "\"'=1\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const cells[] = { cases[i].cell };
      g_autofree char *row = csv_row (cells, 1);
      g_autofree char *expected = g_strconcat (cases[i].quoted, "\r\n", NULL);

      g_assert_cmpstr (row, ==, expected);
    }

  {
    /* Each cell on its own, not only the first of the row. */
    static const char * const cells[] = { "ok", "=1", "-2" };
    g_autofree char *row = csv_row (cells, G_N_ELEMENTS (cells));

    g_assert_cmpstr (row, ==, "\"ok\",\"'=1\",\"'-2\"\r\n");
  }
}

static void
test_csv_non_ascii (void)
{
  static const char * const cells[] = {
    "Zo\xc3\xab M\xc3\xbcller",                                       /* Zoë Müller */
    "\xe7\x8e\x8b\xe4\xbc\x9f",                                       /* 王伟 */
    "\xd0\xa2\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f\xd0\xbd\xd0\xb0",       /* Татьяна */
    "\xef\xbc\x9d" "1",                                               /* ＝1, fullwidth */
    "\xe2\x80\x9cquoted\xe2\x80\x9d",                                 /* “quoted” */
  };
  g_autofree char *row = csv_row (cells, G_N_ELEMENTS (cells));

  g_assert_cmpstr (row, ==,
                   "\"Zo\xc3\xab M\xc3\xbcller\","
                   "\"\xe7\x8e\x8b\xe4\xbc\x9f\","
                   "\"\xd0\xa2\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f\xd0\xbd\xd0\xb0\","
                   "\"\xef\xbc\x9d" "1\","
                   "\"\xe2\x80\x9cquoted\xe2\x80\x9d\"\r\n");
  g_assert_true (g_utf8_validate (row, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/cursor/round-trip", test_cursor_round_trip);
  g_test_add_func ("/json/cursor/alphabet", test_cursor_alphabet);
  g_test_add_func ("/json/cursor/refuses", test_cursor_refuses);
  g_test_add_func ("/json/cursor/length-limit", test_cursor_length_limit);
  g_test_add_func ("/json/check-members", test_check_members);
  g_test_add_func ("/json/time/known", test_time_known);
  g_test_add_func ("/json/time/out-of-range", test_time_out_of_range);
  g_test_add_func ("/json/time/offsets", test_time_offsets);
  g_test_add_func ("/json/object-to-string", test_object_to_string);
  g_test_add_func ("/csv/quoting", test_csv_quoting);
  g_test_add_func ("/csv/formulas", test_csv_formulas);
  g_test_add_func ("/csv/non-ascii", test_csv_non_ascii);

  return g_test_run ();
}
