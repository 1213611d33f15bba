/* test-server-keys-import-files.c: enrolment keys from files as
 * spreadsheets and browsers send them (semicolons, UTF-16, forms), and
 * what the key import refuses: callers, bodies, options, sizes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-key-import.h"
#include "test-server-keys-import-util.h"

/* @text converted to @encoding, after a byte order mark if @bom. */
static GBytes *
encode (const char *text,
        const char *encoding,
        const char *bom)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *converted = g_convert (text, -1, encoding, "UTF-8", NULL, &len, &error);
  GByteArray *bytes = g_byte_array_new ();

  g_assert_no_error (error);
  if (bom != NULL)
    g_byte_array_append (bytes, (const guint8 *) bom, strlen (bom));
  g_byte_array_append (bytes, (const guint8 *) converted, len);
  return g_byte_array_free_to_bytes (bytes);
}

static void
test_spreadsheet_files (RosterTestFixture *fixture,
                        gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) semicolons = NULL;
  g_autoptr(RosterTestResponse) utf16 = NULL;
  g_autoptr(GBytes) utf16_file = NULL;
  JsonArray *keys;

  /* LibreOffice in a French locale: semicolons, a quoted delimiter. */
  semicolons = keys_import_post (server, token, CS101_KEYS_IMPORT,
                          "Nickname;Max uses;Expires at\r\n"
                          "\"Lyon; partner school\";12;2099-01-31\r\n"
                          "Grenoble;;\r\n");
  keys_import_assert_status (semicolons, 201);
  keys = json_object_get_array_member (roster_test_response_object (semicolons), "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "nickname"), ==,
                   "Lyon; partner school");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (keys, 0), "max_uses"), ==, 12);

  /* Excel's "Unicode text": UTF-16LE with a byte order mark, tabs. */
  utf16_file = encode ("nickname\tsecret\r\nUniversité de Genève\tGENÈVE-2027-VISITE\r\n北京 partners\t\r\n",
                       "UTF-16LE", "\xff\xfe");
  {
    g_autoptr(RosterTestResponse) preview = NULL;
    JsonObject *file;

    preview = roster_test_request_bytes (server, "POST", CS101_KEYS_IMPORT "?dry_run=true", token, "text/plain",
                                         utf16_file);
    keys_import_assert_status (preview, 200);
    file = json_object_get_object_member (roster_test_response_object (preview), "file");
    g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "UTF-16LE");
    g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, "\t");
  }
  utf16 = roster_test_request_bytes (server, "POST", CS101_KEYS_IMPORT, token, "text/csv", utf16_file);
  keys_import_assert_status (utf16, 201);
  keys = json_object_get_array_member (roster_test_response_object (utf16), "keys");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "nickname"), ==,
                   "Université de Genève");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "secret"), ==,
                   "GENÈVE-2027-VISITE");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 1), "nickname"), ==,
                   "北京 partners");
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 6);
}

/* A form with the file and the options, as a browser or the app sends. */
static RosterTestResponse *
post_form (RosterTestServer *server,
           const char       *token,
           const char       *path,
           const char       *csv,
           const char       *options)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(GBytes) file = g_bytes_new (csv, strlen (csv));
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  g_autofree char *content_type = NULL;

  soup_multipart_append_form_file (multipart, "file", "partners 2027.csv", "text/csv", file);
  if (options != NULL)
    soup_multipart_append_form_string (multipart, "options", options);
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  soup_message_headers_unref (headers);

  return roster_test_request_bytes (server, "POST", path, token, content_type, body);
}

static void
test_multipart (RosterTestFixture *fixture,
                gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) preview = NULL;
  g_autoptr(RosterTestResponse) made = NULL;
  g_autoptr(RosterTestResponse) unknown = NULL;
  g_autoptr(RosterTestResponse) no_file = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const char *csv = "nickname|max_uses\nForm one|3\nForm two|\n";

  /* The form's options win over the query's. */
  preview = post_form (server, token, CS101_KEYS_IMPORT, csv, "{\"dry_run\": true, \"delimiter\": \"|\"}");
  keys_import_assert_status (preview, 200);
  g_assert_cmpint (keys_import_count (roster_test_response_object (preview), "create"), ==, 2);
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);

  made = post_form (server, token, CS101_KEYS_IMPORT "?dry_run=true", csv,
                    "{\"dry_run\": false, \"method\": 20, \"delimiter\": \"|\"}");
  keys_import_assert_status (made, 201);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (made), "keys")),
                    ==, 2);
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 4);

  /* The audit names the form's file. */
  records = keys_import_created_records (server);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (g_ptr_array_index (records, 1), "import"), "file_name"), ==,
                   "partners 2027.csv");

  unknown = post_form (server, token, CS101_KEYS_IMPORT, csv, "{\"skip_errors\": true}");
  keys_import_assert_error (unknown, 422, "validation_failed");

  {
    g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
    g_autoptr(GBytes) body = NULL;
    SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);

    soup_multipart_append_form_string (multipart, "options", "{}");
    soup_multipart_to_message (multipart, headers, &body);
    no_file = roster_test_request_bytes (server, "POST", CS101_KEYS_IMPORT, token,
                                         soup_message_headers_get_one (headers, "Content-Type"), body);
    soup_message_headers_unref (headers);
    keys_import_assert_error (no_file, 422, "validation_failed");
  }
}

static void
test_refused (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = import_login (server, "m.chen");
  g_autofree char *teacher = import_login (server, "j.okafor");
  static const struct
  {
    const char *who;
    const char *path;
    const char *type;
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { "j.okafor", "/api/v1/courses/2/keys/import", "text/csv", "nickname\nMine\n", 403, "forbidden" },
    { "j.okafor", CS101_KEYS_IMPORT, "text/csv", "nickname\nMine\n", 404, "not_found" },
    { "m.chen", "/api/v1/courses/999/keys/import", "text/csv", "nickname\nMine\n", 404, "not_found" },
    { "m.chen", CS101_KEYS_IMPORT, "application/json", "{\"nickname\": \"Mine\"}", 415, "unsupported_media_type" },
    { "m.chen", CS101_KEYS_IMPORT, "text/csv", "", 422, "validation_failed" },
    { "m.chen", CS101_KEYS_IMPORT "?delimiter=x", "text/csv", "nickname\nMine\n", 422, "validation_failed" },
    { "m.chen", CS101_KEYS_IMPORT "?dry_run=perhaps", "text/csv", "nickname\nMine\n", 422, "validation_failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *token = g_str_equal (cases[i].who, "m.chen") ? leader : teacher;
      g_autoptr(RosterTestResponse) response = import_post (server, token, cases[i].path, cases[i].type,
                                                            cases[i].body, -1);

      g_test_message ("case %u: %s", i, cases[i].path);
      keys_import_assert_error (response, cases[i].status, cases[i].code);
    }

  g_assert_cmpuint (keys_import_count_keys (server, leader, 20), ==, 2);
}

/* The route's own limit, above the server's default of 1 MiB: a 2 MiB
 * file is read; one over 4 MiB is refused from its declared length. */
static void
test_body_limit (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  gsize size = 4 * 1024 * 1024 + 1;
  g_autofree char *big = g_malloc (size);
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(GString) notes = g_string_new ("nickname,notes\n");
  g_autoptr(JsonObject) report = NULL;

  memset (big, 'x', size);

  /* Over the server's default limit, under the route's. */
  for (guint i = 0; notes->len < 2 * 1024 * 1024; i++)
    {
      g_string_append_printf (notes, "Key %u,", i);
      g_string_append_len (notes, big, 16 * 1024);
      g_string_append_c (notes, '\n');
    }
  report = keys_import_dry_run (server, token, NULL, notes->str);
  g_assert_cmpint (keys_import_count (report, "error"), ==, 0);

  memcpy (big, "nickname\n", strlen ("nickname\n"));
  response = import_post (server, token, CS101_KEYS_IMPORT "?dry_run=true", "text/csv", big, size);
  keys_import_assert_error (response, 413, "payload_too_large");
}

static void
test_row_limit (RosterTestFixture *fixture,
                gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(GString) csv = g_string_new ("nickname\n");
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(RosterTestResponse) response = NULL;

  for (guint i = 1; i <= ROSTER_KEY_IMPORT_MAX_ROWS; i++)
    g_string_append_printf (csv, "Key %u\n", i);

  /* As many as allowed: checked. */
  report = keys_import_dry_run (server, token, NULL, csv->str);
  g_assert_cmpint (keys_import_count (report, "create"), ==, ROSTER_KEY_IMPORT_MAX_ROWS);

  /* One more: refused, saying why. */
  g_string_append (csv, "One too many\n");
  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?dry_run=true", csv->str);
  keys_import_assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (keys_import_error (response), "message"), "10000"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import-files/spreadsheet-files", test_spreadsheet_files);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import-files/multipart", test_multipart);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import-files/refused", test_refused);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import-files/body-limit", test_body_limit);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import-files/row-limit", test_row_limit);

  return g_test_run ();
}
