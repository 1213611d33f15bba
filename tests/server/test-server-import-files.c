/* test-server-import-files.c: imports of files as spreadsheets write
 * them (GBK, UTF-16, Windows-1252, semicolons, tabs, Moodle's columns),
 * sent as a body or as a form, with each option, and what is refused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-import-util.h"

#define CS205_IMPORTS "/api/v1/courses/2/imports"

static const struct
{
  const char *username;
  const char *first;
  const char *last;
} chinese[] = {
  { "wang.wei", "伟", "王" }, { "li.na", "娜", "李" }, { "zhang.min", "敏", "张" },
  { "liu.yang", "洋", "刘" }, { "chen.jing", "静", "陈" }, { "yang.fan", "帆", "杨" },
  { "zhao.lei", "磊", "赵" }, { "huang.li", "丽", "黄" }, { "zhou.jie", "杰", "周" },
  { "wu.ting", "婷", "吴" }, { "xu.ming", "明", "徐" }, { "sun.yue", "悦", "孙" },
};

/* A file of the people above, with their names and a note in Chinese,
 * as Excel in a Chinese locale saves it. */
static GBytes *
chinese_csv (const char *encoding,
             const char *delimiter)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *converted;
  gsize len = 0;

  g_string_append_printf (csv, "username%sfirstname%slastname%semail%s备注\r\n",
                          delimiter, delimiter, delimiter, delimiter);
  for (guint i = 0; i < G_N_ELEMENTS (chinese); i++)
    g_string_append_printf (csv, "%s%s%s%s%s%s%s@partner.example%s交换生，计算机科学系\r\n",
                            chinese[i].username, delimiter, chinese[i].first, delimiter, chinese[i].last,
                            delimiter, chinese[i].username, delimiter);

  converted = g_convert (csv->str, csv->len, encoding, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (converted, len);
}

static JsonObject *
dry_run (RosterTestServer *server,
         const char       *token,
         const char       *query,
         GBytes           *csv)
{
  g_autofree char *path = g_strdup_printf (CS205_IMPORTS "?dry_run=true%s%s", query ? "&" : "", query ? query : "");
  g_autoptr(RosterTestResponse) response = roster_test_request_bytes (server, "POST", path, token, "text/csv", csv);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_ref (roster_test_response_object (response));
}

static gint64
submit_bytes (RosterTestServer *server,
              const char       *token,
              const char       *query,
              GBytes           *csv)
{
  g_autofree char *path = g_strdup_printf (CS205_IMPORTS "%s%s", query ? "?" : "", query ? query : "");
  g_autoptr(RosterTestResponse) response = roster_test_request_bytes (server, "POST", path, token, "text/csv", csv);

  g_assert_cmpuint (response->status, ==, 202);
  return json_object_get_int_member (roster_test_response_object (response), "id");
}

static JsonObject *
find_user (RosterTestServer *server,
           const char       *admin,
           const char       *username)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/users?q=%s", username);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, admin);
  JsonArray *users = json_object_get_array_member (roster_test_response_object (response), "users");

  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonObject *user = json_array_get_object_element (users, i);

      if (g_str_equal (json_object_get_string_member (user, "username"), username))
        return json_object_ref (user);
    }

  g_error ("no user %s", username);
}

static void
assert_names (RosterTestServer *server,
              const char       *admin,
              const char       *username,
              const char       *first,
              const char       *last)
{
  g_autoptr(JsonObject) user = find_user (server, admin, username);

  g_assert_cmpstr (json_object_get_string_member (user, "first_name"), ==, first);
  g_assert_cmpstr (json_object_get_string_member (user, "last_name"), ==, last);
}

static JsonObject *
run_to_end (RosterTestServer *server,
            const char       *token,
            const char       *query,
            GBytes           *csv)
{
  return import_wait (server, token, submit_bytes (server, token, query, csv));
}

static gboolean
is_gbk_family (const char *encoding)
{
  static const char * const names[] = { "GB18030", "GBK", "CP936", "GB2312", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (encoding, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
test_gbk (RosterTestFixture *fixture,
          gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(GBytes) csv = chinese_csv ("GBK", ",");
  g_autoptr(JsonObject) report = dry_run (server, token, NULL, csv);
  g_autoptr(JsonObject) forced = dry_run (server, token, "encoding=GBK", csv);
  g_autoptr(JsonObject) job = NULL;
  JsonObject *file = json_object_get_object_member (report, "file");
  JsonArray *unknown;

  /* Detected, and the unknown column (备注, "notes") named in UTF-8. */
  g_assert_true (json_object_get_boolean_member (file, "encoding_detected"));
  g_assert_true (is_gbk_family (json_object_get_string_member (file, "encoding")));
  unknown = json_object_get_array_member (file, "unknown_columns");
  g_assert_cmpuint (json_array_get_length (unknown), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (unknown, 0), ==, "备注");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"), "create"), ==,
                   G_N_ELEMENTS (chinese));

  /* Overridden by the caller. */
  file = json_object_get_object_member (forced, "file");
  g_assert_false (json_object_get_boolean_member (file, "encoding_detected"));
  g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "GBK");

  job = run_to_end (server, token, NULL, csv);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  for (guint i = 0; i < G_N_ELEMENTS (chinese); i++)
    assert_names (server, admin, chinese[i].username, chinese[i].first, chinese[i].last);
}

static void
test_utf16 (RosterTestFixture *fixture,
            gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(GBytes) body = chinese_csv ("UTF-16LE", "\t");
  g_autoptr(GByteArray) with_bom = g_byte_array_new ();
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) job = NULL;
  JsonObject *file;

  /* Excel's "Unicode text": UTF-16LE with a byte order mark, tabs. */
  g_byte_array_append (with_bom, (const guint8 *) "\xff\xfe", 2);
  g_byte_array_append (with_bom, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  csv = g_byte_array_free_to_bytes (g_steal_pointer (&with_bom));

  report = dry_run (server, token, NULL, csv);
  file = json_object_get_object_member (report, "file");
  g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "UTF-16LE");
  g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, "\t");
  g_assert_true (json_object_get_boolean_member (file, "delimiter_detected"));
  g_assert_cmpint (json_object_get_int_member (report, "rows_total"), ==, G_N_ELEMENTS (chinese));

  job = run_to_end (server, token, NULL, csv);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  assert_names (server, admin, "sun.yue", "悦", "孙");
}

/* LibreOffice or Excel in a French locale: semicolons, Windows-1252,
 * a quoted field with the delimiter and a line break in it. */
static void
test_windows_1252_semicolons (RosterTestFixture *fixture,
                              gconstpointer      data)
{
  static const char csv_utf8[] =
    "Username;First name;Surname;Email address;Notes\r\n"
    "zoe.andre;Zoë;André;zoe.andre@partner.example;\"Arrivée en octobre; cours de français\r\n"
    "à confirmer\"\r\n"
    "francois.mueller;François;Müller;francois.mueller@partner.example;\r\n"
    "aine.oconnor;Áine;Ó Conchúir;aine.oconnor@partner.example;«élève»\r\n";
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  char *converted = g_convert (csv_utf8, -1, "WINDOWS-1252", "UTF-8", NULL, &len, &error);
  g_autoptr(GBytes) csv = g_bytes_new_take (converted, len);
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) job = NULL;
  JsonObject *file;
  JsonArray *rows;

  g_assert_no_error (error);

  report = dry_run (server, token, NULL, csv);
  file = json_object_get_object_member (report, "file");
  g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, ";");
  g_assert_cmpint (json_object_get_int_member (report, "rows_total"), ==, 3);
  /* The quoted line break keeps the next row on line 4. */
  rows = json_object_get_array_member (report, "rows");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "line"), ==, 4);

  job = run_to_end (server, token, NULL, csv);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  assert_names (server, admin, "zoe.andre", "Zoë", "André");
  assert_names (server, admin, "francois.mueller", "François", "Müller");
  assert_names (server, admin, "aine.oconnor", "Áine", "Ó Conchúir");
}

/* Moodle's "upload users" columns: each row names its courses, and
 * the checks against the site name the column. */
static void
test_moodle_columns (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  static const char csv[] =
    "username,firstname,lastname,email,course1,role1,group1,course2,role2,enrolperiod2\n"
    "visiting.one,Vera,One,vera.one@partner.example,CS205,teacher,Group B,CS101,student,30\n"
    "visiting.two,Victor,Two,victor.two@partner.example,LC110,student,,,,\n"
    "visiting.three,Vanessa,Three,vanessa.three@partner.example,NOPE101,student,,,,\n"
    "visiting.four,Viktor,Four,viktor.four@partner.example,,,,,,\n"
    "clash,Rachel,Clash,rachel.fischer@partner.example,,,,,,\n";
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *cs101_roles = NULL;
  JsonObject *report;
  JsonArray *rows;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *clash = NULL;

  response = import_post (server, token, CS205_IMPORTS "?dry_run=true", "text/csv", csv, -1);
  g_assert_cmpuint (response->status, ==, 200);
  report = roster_test_response_object (response);
  rows = json_object_get_array_member (report, "rows");
  g_assert_cmpstr (import_row_outcome (rows, 0), ==, "create");
  g_assert_cmpstr (import_row_outcome (rows, 3), ==, "create");

  /* LC110 is not m.chen's; NOPE101 does not exist; the address is
   * r.fischer's. */
  two = import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows, 1), "problems"));
  g_assert_cmpstr (two, ==, "course1:not_allowed");
  three = import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows, 2), "problems"));
  g_assert_cmpstr (three, ==, "course1:unknown_course");
  clash = import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows, 4), "problems"));
  g_assert_cmpstr (clash, ==, "email:email_conflict");

  job = import_wait (server, token, import_submit (server, token, 2, "skip_errors=true", csv));
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (job, "counts"), "create"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (job, "counts"), "skipped"), ==, 3);

  roles = import_participant_roles (server, token, 2, "visiting.one");
  g_assert_cmpstr (roles, ==, "teacher");
  cs101_roles = import_participant_roles (server, token, 1, "visiting.one");
  g_assert_cmpstr (cs101_roles, ==, "student");
  g_clear_pointer (&roles, g_free);
  roles = import_participant_roles (server, token, 2, "visiting.four");
  g_assert_cmpstr (roles, ==, "student");

  /* enrolperiod2: 30 days from the import. */
  {
    g_autoptr(RosterTestResponse) list = roster_test_get (server, "/api/v1/courses/1/participants?q=visiting.one",
                                                         token);
    JsonObject *participant = json_array_get_object_element (
      json_object_get_array_member (roster_test_response_object (list), "participants"), 0);
    g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (json_object_get_string_member (participant, "start_at"),
                                                               NULL);
    g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (json_object_get_string_member (participant, "end_at"),
                                                             NULL);

    g_assert_cmpint (g_date_time_difference (end, start) / G_TIME_SPAN_DAY, ==, 30);
  }
}

/* A form with the file and the options, as a browser or the app sends. */
static RosterTestResponse *
post_form (RosterTestServer *server,
           const char       *token,
           const char       *csv,
           const char       *options)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(GBytes) file = g_bytes_new (csv, strlen (csv));
  g_autoptr(GBytes) body = NULL;
  SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  RosterTestResponse *response;
  g_autofree char *content_type = NULL;

  soup_multipart_append_form_file (multipart, "file", "visitors autumn.csv", "text/csv", file);
  if (options != NULL)
    soup_multipart_append_form_string (multipart, "options", options);
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  soup_message_headers_unref (headers);

  response = roster_test_request_bytes (server, "POST", CS205_IMPORTS, token, content_type, body);
  return response;
}

static void
test_form_and_options (RosterTestFixture *fixture,
                       gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autofree char *csv = import_new_people_csv (2, "visitor");
  g_autoptr(RosterTestResponse) preview = NULL;
  g_autoptr(RosterTestResponse) started = NULL;
  g_autoptr(RosterTestResponse) groups = NULL;
  g_autoptr(RosterTestResponse) list = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(JsonObject) user = NULL;
  g_autofree char *roles = NULL;
  JsonObject *participant;

  preview = post_form (server, token, csv, "{\"dry_run\": true, \"group\": \"Visitors\"}");
  g_assert_cmpuint (preview->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (roster_test_response_object (preview), "counts"), "create"), ==, 2);

  started = post_form (server, token, csv,
                       "{\"group\": \"Visitors\", \"default_role\": \"guest\", \"user_type\": \"student\","
                       " \"enrol_start\": \"2026-12-01\", \"enrol_end\": \"2027-01-31T17:00:00Z\"}");
  g_assert_cmpuint (started->status, ==, 202);
  job = import_wait (server, token, json_object_get_int_member (roster_test_response_object (started), "id"));
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  g_assert_cmpstr (json_object_get_string_member (job, "file_name"), ==, "visitors autumn.csv");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (job, "options"), "default_role"),
                   ==, "guest");

  /* The group was made, once, and holds both. */
  groups = roster_test_get (server, "/api/v1/courses/2/groups", token);
  g_assert_nonnull (strstr (g_bytes_get_data (groups->body, NULL), "\"Visitors\""));

  roles = import_participant_roles (server, token, 2, "visitor.person1");
  g_assert_cmpstr (roles, ==, "guest");
  user = find_user (server, admin, "visitor.person2");
  g_assert_cmpstr (json_object_get_string_member (user, "type"), ==, "student");

  list = roster_test_get (server, "/api/v1/courses/2/participants?q=visitor.person2", token);
  participant = json_array_get_object_element (
    json_object_get_array_member (roster_test_response_object (list), "participants"), 0);
  g_assert_cmpstr (json_object_get_string_member (participant, "start_at"), ==, "2026-12-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (participant, "end_at"), ==, "2027-01-31T17:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (participant, "groups"), 0),
                     "name"), ==, "Visitors");
}

static void
test_existing_accounts (RosterTestFixture *fixture,
                        gconstpointer      data)
{
  static const char renamed[] =
    "username,firstname,lastname,email,idnumber\n"
    "r.fischer,Rachel,Fischer-Lang,rachel.fischer@partner.example,EXT-0042\n"
    "nobody.yet,No,Body,nobody.yet@partner.example,\n";
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *codes = NULL;
  JsonArray *rows;

  /* Without making accounts, the new person is a problem. */
  response = import_post (server, token, CS205_IMPORTS "?dry_run=true&create_users=false", "text/csv", renamed, -1);
  rows = json_object_get_array_member (roster_test_response_object (response), "rows");
  codes = import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows, 1), "problems"));
  g_assert_cmpstr (codes, ==, "email:no_account");
  /* r.fischer is in CS205 already; her names stay as they are. */
  g_assert_cmpstr (import_row_outcome (rows, 0), ==, "unchanged");

  job = import_wait (server, token,
                     import_submit (server, token, 2, "update_users=true&create_users=false&skip_errors=true", renamed));
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (job, "counts"), "update"), ==, 1);
  assert_names (server, admin, "r.fischer", "Rachel", "Fischer-Lang");
  g_assert_cmpuint (import_count_users (server, admin, "nobody.yet"), ==, 0);
  g_assert_cmpuint (import_count_audit (server, admin, "user.updated"), ==, 1);
}

static void
test_refused (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *teacher = import_login (server, "j.okafor");
  g_autofree char *student = import_login (server, "k.zhang");
  g_autofree char *other_leader = import_login (server, "l.wang");
  g_autofree char *staff = import_login (server, "s.taylor");
  g_autofree char *csv = import_new_people_csv (1, NULL);
  struct {
    const char *token;
    const char *path;
    const char *type;
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { token, CS205_IMPORTS, "text/csv", "", 422, "validation_failed" },
    { token, CS205_IMPORTS, "application/json", "{}", 415, "unsupported_media_type" },
    { token, CS205_IMPORTS "?send_invitations=maybe", "text/csv", csv, 422, "validation_failed" },
    { token, CS205_IMPORTS "?default_role=overlord", "text/csv", csv, 422, "validation_failed" },
    { token, CS205_IMPORTS "?delimiter=x", "text/csv", csv, 422, "validation_failed" },
    { token, CS205_IMPORTS "?enrol_start=2027-01-01&enrol_end=2026-01-01", "text/csv", csv, 422, "validation_failed" },
    { token, "/api/v1/courses/999/imports", "text/csv", csv, 404, "not_found" },
    { teacher, CS205_IMPORTS, "text/csv", csv, 403, "forbidden" },
    { student, CS205_IMPORTS, "text/csv", csv, 403, "forbidden" },
  };
  g_autoptr(JsonObject) job = NULL;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterTestResponse) response = import_post (server, cases[i].token, cases[i].path, cases[i].type,
                                                            cases[i].body, -1);

      g_test_message ("case %u: %s", i, cases[i].path);
      g_assert_cmpuint (response->status, ==, cases[i].status);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, cases[i].code);
    }

  /* A job is seen by those who may import into its course. */
  id = import_submit (server, token, 2, NULL, csv);
  job = import_wait (server, token, id);
  {
    g_autoptr(RosterTestResponse) by_staff = roster_test_get (server, "/api/v1/imports/1", staff);
    g_autoptr(RosterTestResponse) by_other = roster_test_get (server, "/api/v1/imports/1", other_leader);
    g_autoptr(RosterTestResponse) by_teacher = roster_test_get (server, "/api/v1/imports/1", teacher);
    g_autoptr(RosterTestResponse) missing = roster_test_get (server, "/api/v1/imports/77", token);
    g_autoptr(RosterTestResponse) bad_rows = roster_test_get (server, "/api/v1/imports/1?rows=some", token);
    g_autoptr(RosterTestResponse) cancel_done = import_post (server, token, "/api/v1/imports/1/cancel", NULL, NULL, 0);

    g_assert_cmpuint (by_staff->status, ==, 200);
    g_assert_cmpuint (by_other->status, ==, 404);
    g_assert_cmpuint (by_teacher->status, ==, 403);
    g_assert_cmpuint (missing->status, ==, 404);
    g_assert_cmpuint (bad_rows->status, ==, 400);
    g_assert_cmpuint (cancel_done->status, ==, 409);
  }
}

/* Files that cannot be imported as they are: the dry run says why,
 * and a real run changes nothing. */
static void
test_broken_files (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  static const struct
  {
    const char *csv;
    const char *code;
    guint       rows;
    gint64      line;   /* of the file's problem */
  } files[] = {
    { "username,firstname,lastname\nsam,Sam,Smith\n", "missing_column", 0, 0 },
    { "username,firstname,lastname,email\r\n", NULL, 0, 0 },
    { "username,firstname,lastname,email\n"
      "good.one,Good,One,good.one@partner.example\n"
      "bad.two,Bad,\"Two,bad.two@partner.example\n", "unreadable", 1, 3 },
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(RosterTestResponse) response = import_post (server, token, CS205_IMPORTS "?dry_run=true",
                                                            "text/csv", files[i].csv, -1);
      g_autoptr(JsonObject) job = NULL;
      JsonObject *report;
      JsonArray *problems;

      g_test_message ("file %u", i);
      g_assert_cmpuint (response->status, ==, 200);
      report = roster_test_response_object (response);
      g_assert_cmpint (json_object_get_int_member (report, "rows_total"), ==, files[i].rows);
      problems = json_object_get_array_member (json_object_get_object_member (report, "file"), "problems");

      if (files[i].code == NULL)
        {
          g_assert_cmpuint (json_array_get_length (problems), ==, 0);
          continue;
        }

      g_assert_cmpuint (json_array_get_length (problems), >=, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "code"), ==,
                       files[i].code);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 0), "line"), ==,
                       files[i].line);

      job = import_wait (server, token, import_submit (server, token, 2, "skip_errors=true", files[i].csv));
      g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                          json_object_get_object_member (job, "file"), "problems")), >=, 1);
    }

  /* The good row before the broken one was not kept either. */
  g_assert_cmpuint (import_count_users (server, admin, "good.one"), ==, 0);

  /* An empty line in the middle is skipped, and holds nothing back. */
  {
    static const char gap[] =
      "username,firstname,lastname,email\n"
      "first.row,First,Row,first.row@partner.example\n"
      ",,,\n"
      "third.row,Third,Row,third.row@partner.example\n";
    g_autoptr(RosterTestResponse) response = import_post (server, token, CS205_IMPORTS "?dry_run=true", "text/csv",
                                                          gap, -1);
    g_autoptr(JsonObject) job = NULL;
    JsonObject *counts = json_object_get_object_member (roster_test_response_object (response), "counts");

    g_assert_cmpint (json_object_get_int_member (counts, "create"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (counts, "skipped"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (counts, "error"), ==, 0);

    job = import_wait (server, token, import_submit (server, token, 2, NULL, gap));
    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
    g_assert_cmpuint (import_count_users (server, admin, "third.row"), ==, 1);
  }
}

/* The example docs/api.md shows, as it says. */
static void
test_docs_example (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *guest = NULL;
  gsize len = 0;

  g_file_get_contents (ROSTER_IMPORT_EXAMPLE, &contents, &len, &error);
  g_assert_no_error (error);
  csv = g_bytes_new_take (g_steal_pointer (&contents), len);

  report = dry_run (server, token, NULL, csv);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"), "create"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"), "unchanged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"), "error"), ==, 0);

  job = run_to_end (server, token, NULL, csv);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  guest = import_participant_roles (server, token, 1, "tom.baker");
  g_assert_cmpstr (guest, ==, "guest");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/gbk", test_gbk);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/utf16", test_utf16);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/windows-1252-semicolons", test_windows_1252_semicolons);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/moodle-columns", test_moodle_columns);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/form-and-options", test_form_and_options);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/existing-accounts", test_existing_accounts);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/refused", test_refused);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/broken-files", test_broken_files);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-files/docs-example", test_docs_example);

  return g_test_run ();
}
