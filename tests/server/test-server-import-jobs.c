/* test-server-import-jobs.c: what the app's import wizard needs of the
 * server: the user's own column mapping ("columns") and the list of a
 * course's jobs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-import-util.h"

#define CS205_IMPORTS "/api/v1/courses/2/imports"

/* "Kontakt" is no name the server knows; "Kind" holds values no type has. */
static const char remap_csv[] =
  "username,firstname,lastname,Kontakt,Kind\n"
  "ana.silva,Ana,Silva,ana.silva@partner.example,wizard\n"
  "tom.baker,Tom,Baker,tom.baker@partner.example,wizard\n";

/* A form with the file and the options, as the app sends. */
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
  g_autofree char *content_type = NULL;

  soup_multipart_append_form_file (multipart, "file", "people.csv", "text/csv", file);
  if (options != NULL)
    soup_multipart_append_form_string (multipart, "options", options);
  soup_multipart_to_message (multipart, headers, &body);
  content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  soup_message_headers_unref (headers);

  return roster_test_request_bytes (server, "POST", CS205_IMPORTS, token, content_type, body);
}

static char *
file_problem_codes (JsonObject *report)
{
  JsonObject *file = json_object_get_object_member (report, "file");

  return import_problem_codes (json_object_get_array_member (file, "problems"));
}

static const char *
column_field (JsonObject *report,
              guint       index)
{
  JsonObject *file = json_object_get_object_member (report, "file");
  JsonObject *column = json_array_get_object_element (json_object_get_array_member (file, "columns"), index);

  return json_object_get_null_member (column, "field") ? NULL : json_object_get_string_member (column, "field");
}

static void
test_columns_remap (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) guessed = NULL;
  g_autoptr(RosterTestResponse) mapped = NULL;
  g_autoptr(RosterTestResponse) with_kind = NULL;
  g_autofree char *codes = NULL;
  JsonObject *report;
  JsonArray *rows;

  /* Guessed from the header: no e-mail column, so nothing to import. */
  guessed = post_form (server, token, remap_csv, "{\"dry_run\": true}");
  g_assert_cmpuint (guessed->status, ==, 200);
  codes = file_problem_codes (roster_test_response_object (guessed));
  g_assert_cmpstr (codes, ==, "email:missing_column");
  g_clear_pointer (&codes, g_free);

  /* "Kontakt" chosen as the e-mail address, "Kind" ignored. */
  mapped = post_form (server, token, remap_csv,
                      "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"lastname\", \"email\", null]}");
  g_assert_cmpuint (mapped->status, ==, 200);
  report = roster_test_response_object (mapped);
  codes = file_problem_codes (report);
  g_assert_cmpstr (codes, ==, "");
  g_clear_pointer (&codes, g_free);
  g_assert_cmpstr (column_field (report, 3), ==, "email");
  g_assert_null (column_field (report, 4));
  /* Chosen, not unknown. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (report, "file"), "unknown_columns")), ==, 0);
  rows = json_object_get_array_member (report, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (import_row_outcome (rows, 0), ==, "create");
  g_assert_cmpstr (import_row_outcome (rows, 1), ==, "create");

  /* "" ignores a column as null does. */
  {
    g_autoptr(RosterTestResponse) empty = NULL;

    empty = post_form (server, token, remap_csv,
                       "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"lastname\", \"email\", \"\"]}");
    g_assert_cmpuint (empty->status, ==, 200);
    g_assert_null (column_field (roster_test_response_object (empty), 4));
    rows = json_object_get_array_member (roster_test_response_object (empty), "rows");
    g_assert_cmpstr (import_row_outcome (rows, 0), ==, "create");
  }

  /* Read as the type, "Kind"'s values are problems: null is what kept them out. */
  with_kind = post_form (server, token, remap_csv,
                         "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"lastname\", \"email\", \"type\"]}");
  g_assert_cmpuint (with_kind->status, ==, 200);
  rows = json_object_get_array_member (roster_test_response_object (with_kind), "rows");
  g_assert_cmpstr (import_row_outcome (rows, 0), ==, "error");
  codes = import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows, 0), "problems"));
  g_assert_cmpstr (codes, ==, "Kind:invalid_type");
}

static void
test_columns_checks (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  static const char * const bad[] = {
    "\"email\"",
    "{\"0\": \"email\"}",
    "[\"username\", \"nickname\", \"lastname\", \"email\", null]",
    "[\"username\", 1, \"lastname\", \"email\", null]",
    "[\"username\", \"firstname\", \"lastname\", \"email2\", null]",
    "[\"username\", \"firstname\", \"lastname\", \"email\", \"course0\"]",
    "[\"username\", \"firstname\", \"lastname\", \"email\", \"course1000\"]",
    "[\"username\", \"firstname\", \"lastname\", \"email\", \"course\"]",
    "[\"username\", \"firstname\", \"lastname\", \"EMAIL\", null]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *options = g_strdup_printf ("{\"dry_run\": true, \"columns\": %s}", bad[i]);
      g_autoptr(RosterTestResponse) response = post_form (server, token, remap_csv, options);

      g_test_message ("case %u: %s", i, bad[i]);
      g_assert_cmpuint (response->status, ==, 422);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "validation_failed");
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                                      "columns"));
    }

  /* Slots up to 999 are fields. */
  {
    g_autoptr(RosterTestResponse) response = NULL;

    response = post_form (server, token, remap_csv,
                          "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"lastname\", \"email\","
                          " \"group999\"]}");
    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpstr (column_field (roster_test_response_object (response), 4), ==, "group999");
  }

  /* A mapping that does not fit the file, or holds a field twice, is the file's problem. */
  {
    g_autoptr(RosterTestResponse) short_one = NULL;
    g_autoptr(RosterTestResponse) twice = NULL;
    g_autofree char *codes = NULL;

    short_one = post_form (server, token, remap_csv,
                           "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"lastname\", \"email\"]}");
    g_assert_cmpuint (short_one->status, ==, 200);
    codes = file_problem_codes (roster_test_response_object (short_one));
    g_assert_cmpstr (codes, ==, ":column_count");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (short_one),
                                                                          "rows")), ==, 0);
    g_clear_pointer (&codes, g_free);

    twice = post_form (server, token, remap_csv,
                       "{\"dry_run\": true, \"columns\": [\"username\", \"firstname\", \"firstname\", \"email\", null]}");
    g_assert_cmpuint (twice->status, ==, 200);
    codes = file_problem_codes (roster_test_response_object (twice));
    g_assert_cmpstr (codes, ==, "lastname:missing_column lastname:duplicate_column");
  }
}

static void
test_columns_job (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autoptr(RosterTestResponse) started = NULL;
  g_autoptr(RosterTestResponse) misfit = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) failed = NULL;
  JsonArray *columns;

  started = post_form (server, token, remap_csv,
                       "{\"columns\": [\"username\", \"firstname\", \"lastname\", \"email\", null]}");
  g_assert_cmpuint (started->status, ==, 202);
  columns = json_object_get_array_member (json_object_get_object_member (roster_test_response_object (started),
                                                                          "options"), "columns");
  g_assert_cmpuint (json_array_get_length (columns), ==, 5);
  g_assert_cmpstr (json_array_get_string_element (columns, 3), ==, "email");
  g_assert_true (json_node_is_null (json_array_get_element (columns, 4)));

  done = import_wait (server, token, json_object_get_int_member (roster_test_response_object (started), "id"));
  g_assert_cmpstr (json_object_get_string_member (done, "state"), ==, "done");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (done, "counts"), "create"), ==, 2);
  g_assert_cmpuint (import_count_users (server, admin, "ana.silva@partner.example"), ==, 1);
  g_assert_cmpuint (import_count_users (server, admin, "tom.baker@partner.example"), ==, 1);

  /* A job whose mapping does not fit fails like a file that cannot be read. */
  misfit = post_form (server, token, remap_csv, "{\"columns\": [\"username\", \"firstname\", \"lastname\", \"email\"]}");
  g_assert_cmpuint (misfit->status, ==, 202);
  failed = import_wait (server, token, json_object_get_int_member (roster_test_response_object (misfit), "id"));
  g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (failed, "error"), "5 columns"));
}

/* ---- the list of a course's jobs ---- */

static JsonObject *
list_jobs (RosterTestServer *server,
           const char       *token,
           const char       *path)
{
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_ref (roster_test_response_object (response));
}

static void
test_list_jobs (RosterTestFixture *fixture,
                gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *staff = import_login (server, "s.taylor");
  g_autofree char *teacher = import_login (server, "j.okafor");
  g_autofree char *other_leader = import_login (server, "l.wang");
  g_autoptr(JsonObject) empty = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) all = NULL;
  gint64 ids[3];

  empty = list_jobs (server, token, CS205_IMPORTS);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty, "imports")), ==, 0);
  g_assert_true (json_object_get_null_member (empty, "next_cursor"));

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("list%u", i);
      g_autofree char *csv = import_new_people_csv (i + 1, prefix);
      g_autoptr(JsonObject) job = NULL;

      ids[i] = import_submit (server, token, 2, NULL, csv);
      job = import_wait (server, token, ids[i]);
    }

  /* Newest first, each as GET /imports/{iid} shows it, without rows. */
  first = list_jobs (server, token, CS205_IMPORTS "?limit=2");
  {
    JsonArray *imports = json_object_get_array_member (first, "imports");
    JsonObject *newest = json_array_get_object_element (imports, 0);
    g_autoptr(JsonObject) single = import_get_job (server, token, ids[2]);
    g_autofree char *path = NULL;

    g_assert_cmpuint (json_array_get_length (imports), ==, 2);
    g_assert_cmpint (json_object_get_int_member (newest, "id"), ==, ids[2]);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (imports, 1), "id"), ==, ids[1]);
    g_assert_true (json_node_equal (json_object_get_member (newest, "counts"),
                                    json_object_get_member (single, "counts")));
    g_assert_cmpstr (json_object_get_string_member (newest, "state"), ==, "done");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (newest, "counts"), "create"), ==, 3);
    g_assert_false (json_object_has_member (newest, "rows"));
    g_assert_cmpuint (json_object_get_size (newest), ==, json_object_get_size (single));

    path = g_strdup_printf (CS205_IMPORTS "?limit=2&cursor=%s", json_object_get_string_member (first, "next_cursor"));
    second = list_jobs (server, token, path);
    imports = json_object_get_array_member (second, "imports");
    g_assert_cmpuint (json_array_get_length (imports), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (imports, 0), "id"), ==, ids[0]);
    g_assert_true (json_object_get_null_member (second, "next_cursor"));
  }

  /* Professional staff may import too; other courses' jobs are not listed. */
  all = list_jobs (server, staff, CS205_IMPORTS);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (all, "imports")), ==, 3);
  {
    g_autofree char *admin = import_login (server, "admin");
    g_autoptr(JsonObject) cs101 = list_jobs (server, admin, "/api/v1/courses/1/imports");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cs101, "imports")), ==, 0);
  }

  {
    struct {
      const char *token;
      const char *path;
      guint       status;
    } cases[] = {
      { teacher, CS205_IMPORTS, 403 },
      { other_leader, CS205_IMPORTS, 404 },
      { token, "/api/v1/courses/999/imports", 404 },
      { token, CS205_IMPORTS "?limit=0", 400 },
      { token, CS205_IMPORTS "?limit=101", 400 },
      { token, CS205_IMPORTS "?cursor=nonsense", 400 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(RosterTestResponse) response = roster_test_get (server, cases[i].path, cases[i].token);

        g_test_message ("case %u: %s", i, cases[i].path);
        g_assert_cmpuint (response->status, ==, cases[i].status);
      }
  }
}

/* A running job shows its live progress in the list. */
static void
test_list_live (void)
{
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=1:importing:2", NULL };
  RosterTestServerOptions options = { .demo = TRUE, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *csv = import_new_people_csv (3, NULL);
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) ended = NULL;
  g_autoptr(RosterTestResponse) cancel = NULL;
  JsonObject *job;
  gint64 id;

  id = import_submit (server, token, 2, NULL, csv);
  import_wait_stalled (server, token, id, "importing", 2);

  list = list_jobs (server, token, CS205_IMPORTS);
  job = json_array_get_object_element (json_object_get_array_member (list, "imports"), 0);
  g_assert_cmpint (json_object_get_int_member (job, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "running");
  g_assert_cmpstr (json_object_get_string_member (job, "phase"), ==, "importing");
  g_assert_cmpint (json_object_get_int_member (job, "rows_done"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (job, "rows_total"), ==, 3);

  cancel = import_post (server, token, "/api/v1/imports/1/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);
  ended = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (ended, "state"), ==, "cancelled");

  roster_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/import-jobs/columns-remap", test_columns_remap);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-jobs/columns-checks", test_columns_checks);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-jobs/columns-job", test_columns_job);
  ROSTER_TEST_ADD_WITH_DEMO ("/import-jobs/list", test_list_jobs);
  g_test_add_func ("/import-jobs/list-live", test_list_live);

  return g_test_run ();
}
