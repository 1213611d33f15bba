/* test-server-keys-import.c: enrolment keys from a CSV file, over the
 * API: dry runs, all-or-nothing creation, the checks of every row and
 * of the file, and the choice of method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files themselves (encodings, delimiters, forms), refusals and
 * limits are in test-server-keys-import-files.c.
 */

#include "config.h"

#include <string.h>

#include "roster-keys.h"
#include "test-server-keys-import-util.h"

#define GENERATED_SECRET "^[" ROSTER_KEYS_ALPHABET "]{4}(-[" ROSTER_KEYS_ALPHABET "]{4}){3}$"

static char *
reveal (RosterTestServer *server,
        const char       *token,
        gint64            key_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal", key_id);
  g_autoptr(RosterTestResponse) response = roster_test_request (server, "POST", path, token, NULL, NULL);

  keys_import_assert_status (response, 200);
  return g_strdup (json_object_get_string_member (roster_test_response_object (response), "secret"));
}

/* A group of CS101, which the demo gives none; returns its id. */
static gint64
add_group (RosterTestServer *server,
           const char       *token,
           const char       *name)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, "/api/v1/courses/1/groups", token, body);

  keys_import_assert_status (response, 201);
  return json_object_get_int_member (roster_test_response_object (response), "id");
}

static gint64
add_self_method (RosterTestServer *server,
                 const char       *token,
                 gint64            course_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", course_id);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, path, token,
                                                                  "{\"type\": \"self\", \"name\": \"Partners\"}");

  keys_import_assert_status (response, 201);
  return json_object_get_int_member (roster_test_response_object (response), "id");
}

static const char good_file[] =
  "nickname,secret,active,group,expires,max_uses,notes\n"
  "Partner school Lyon,,yes,group a,2099-01-31,30,first\n"
  "Partner school Turin,  turin-2027-visit  ,FALSE,,2099-06-30T17:00:00Z,,\n"
  "Guest lecturers,,,,,0,\n";

static void
test_dry_run (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(RosterTestResponse) response = NULL;
  gint64 group = add_group (server, token, "Group A");
  JsonObject *file, *row;
  JsonArray *unknown;

  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?dry_run=true", good_file);
  keys_import_assert_status (response, 200);
  keys_import_assert_no_secret (response, "turin-2027-visit");
  report = json_object_ref (roster_test_response_object (response));

  g_assert_cmpint (json_object_get_int_member (report, "method_id"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (report, "rows_total"), ==, 3);
  g_assert_cmpint (keys_import_count (report, "create"), ==, 3);
  g_assert_cmpint (keys_import_count (report, "error"), ==, 0);

  file = json_object_get_object_member (report, "file");
  g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "UTF-8");
  g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, ",");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "problems")), ==, 0);
  unknown = json_object_get_array_member (file, "unknown_columns");
  g_assert_cmpuint (json_array_get_length (unknown), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (unknown, 0), ==, "notes");

  /* What each row would make; only whether a secret was chosen. */
  row = json_array_get_object_element (keys_import_rows (report), 0);
  g_assert_cmpint (json_object_get_int_member (row, "line"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "outcome"), ==, "create");
  g_assert_cmpstr (json_object_get_string_member (row, "nickname"), ==, "Partner school Lyon");
  g_assert_false (json_object_get_boolean_member (row, "secret_chosen"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (row, "group"), "id"), ==, group);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "group"), "name"), ==,
                   "Group A");
  g_assert_cmpstr (json_object_get_string_member (row, "expires_at"), ==, "2099-01-31T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (row, "max_uses"), ==, 30);
  g_assert_false (json_object_has_member (row, "secret"));

  row = json_array_get_object_element (keys_import_rows (report), 1);
  g_assert_true (json_object_get_boolean_member (row, "secret_chosen"));
  g_assert_false (json_object_get_boolean_member (row, "active"));
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "max_uses"), ==, 0);

  /* Nothing changed. */
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);
  records = keys_import_created_records (server);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_create (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonArray) listed = NULL;
  g_autofree char *log = NULL;
  gint64 group = add_group (server, token, "Group A");
  JsonArray *keys;
  JsonObject *key;

  response = keys_import_post (server, token, CS101_KEYS_IMPORT, good_file);
  keys_import_assert_status (response, 201);
  keys = json_object_get_array_member (roster_test_response_object (response), "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 3);

  /* In the file's order, each as adding one key answers it. */
  key = json_array_get_object_element (keys, 0);
  g_assert_cmpstr (json_object_get_string_member (key, "nickname"), ==, "Partner school Lyon");
  g_assert_cmpint (json_object_get_int_member (key, "course_id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (key, "method_id"), ==, 20);
  g_assert_true (json_object_get_boolean_member (key, "active"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (key, "group"), "id"), ==, group);
  g_assert_cmpstr (json_object_get_string_member (key, "expires_at"), ==, "2099-01-31T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (key, "max_uses"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (key, "uses"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (key, "created_by"), "username"),
                   ==, "m.chen");
  g_assert_true (g_regex_match_simple (GENERATED_SECRET, json_object_get_string_member (key, "secret"), 0, 0));

  /* The chosen secret is kept as chosen, trimmed. */
  key = json_array_get_object_element (keys, 1);
  g_assert_false (json_object_get_boolean_member (key, "active"));
  g_assert_true (json_object_get_null_member (key, "group"));
  g_assert_cmpstr (json_object_get_string_member (key, "expires_at"), ==, "2099-06-30T17:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (key, "secret"), ==, "turin-2027-visit");

  key = json_array_get_object_element (keys, 2);
  g_assert_true (json_object_get_null_member (key, "expires_at"));
  g_assert_cmpint (json_object_get_int_member (key, "max_uses"), ==, 0);
  g_assert_true (g_regex_match_simple (GENERATED_SECRET, json_object_get_string_member (key, "secret"), 0, 0));
  g_assert_cmpstr (json_object_get_string_member (key, "secret"), !=,
                   json_object_get_string_member (json_array_get_object_element (keys, 0), "secret"));

  /* Kept: listed without secrets, revealed as they were handed out. */
  listed = keys_import_list (server, token, 20);
  g_assert_cmpuint (json_array_get_length (listed), ==, 5);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *made = json_array_get_object_element (keys, i);
      g_autofree char *secret = reveal (server, token, json_object_get_int_member (made, "id"));

      g_assert_cmpstr (secret, ==, json_object_get_string_member (made, "secret"));
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (listed, i + 2), "id"), ==,
                       json_object_get_int_member (made, "id"));
    }

  /* Each audited as adding one is, naming the import; no secret. */
  records = keys_import_created_records (server);
  g_assert_cmpuint (records->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *details = g_ptr_array_index (records, i);
      JsonObject *import = json_object_get_object_member (details, "import");

      g_assert_cmpint (json_object_get_int_member (details, "object_id"), ==,
                       json_object_get_int_member (json_array_get_object_element (keys, i), "id"));
      g_assert_cmpint (json_object_get_int_member (details, "course_id"), ==, 1);
      g_assert_cmpint (json_object_get_int_member (details, "method_id"), ==, 20);
      g_assert_cmpstr (json_object_get_string_member (details, "nickname"), ==,
                       json_object_get_string_member (json_array_get_object_element (keys, i), "nickname"));
      g_assert_cmpint (json_object_get_int_member (import, "line"), ==, i + 2);
      g_assert_true (json_object_get_null_member (import, "file_name"));
      g_assert_false (json_object_has_member (details, "secret"));
    }

  /* Nor in the log. */
  log = roster_test_server_read_log (server);
  for (guint i = 0; i < 3; i++)
    {
      const char *secret = json_object_get_string_member (json_array_get_object_element (keys, i), "secret");
      g_autofree char *normalised = roster_keys_normalise (secret);

      g_assert_null (strstr (log, secret));
      g_assert_null (strstr (log, normalised));
    }
}

static void
test_one_bad_row (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *error, *report, *problem;
  JsonArray *details;

  response = keys_import_post (server, token, CS101_KEYS_IMPORT,
                        "nickname,secret\n"
                        "First,\n"
                        "Second,FINE-SECRET-2027\n"
                        "Third,short\n"
                        "Fourth,\n");
  keys_import_assert_error (response, 422, "validation_failed");
  keys_import_assert_no_secret (response, "FINE-SECRET-2027");
  error = keys_import_error (response);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "No key was made"));

  details = json_object_get_array_member (error, "details");
  g_assert_cmpuint (json_array_get_length (details), ==, 1);
  problem = json_array_get_object_element (details, 0);
  g_assert_cmpint (json_object_get_int_member (problem, "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (problem, "column"), ==, "secret");
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "weak_secret");

  report = json_object_get_object_member (error, "report");
  g_assert_false (json_object_get_boolean_member (report, "dry_run"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (keys_import_rows (report), 2),
                                                 "secret_chosen"));
  g_assert_cmpint (keys_import_count (report, "create"), ==, 3);
  g_assert_cmpint (keys_import_count (report, "error"), ==, 1);
  g_assert_cmpstr (import_row_outcome (keys_import_rows (report), 2), ==, "error");

  /* Nothing was made, not even the good rows. */
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);
  records = keys_import_created_records (server);
  g_assert_cmpuint (records->len, ==, 0);
}

static void
test_duplicates (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(RosterTestResponse) response = NULL;
  JsonArray *details;
  static const char * const expected[] = {
    "",                                                   /* line 2: the first of its kind */
    "Nickname:duplicate_nickname",                        /* line 3 */
    "Nickname:nickname_taken",                            /* an existing key's nickname */
    "Secret:duplicate_secret",                            /* line 2's secret, typed another way */
    "Secret:secret_unavailable",                          /* the demo's active key */
    "Secret:secret_unavailable",                          /* the switched-off one */
    "",                                                   /* a nickname differs by case */
  };
  const char *csv =
    "Nickname,Secret\n"
    "Lyon,ABCD-EFGH-2345\n"
    "Lyon,\n"
    "Visiting lecturers 2026,\n"
    "Turin,abcd efgh 2345\n"
    "Geneva,cs101 visit 7qmx\n"
    "Basel,SUMMER25-HT9C\n"
    "lyon,\n";

  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?dry_run=1", csv);
  keys_import_assert_status (response, 200);
  keys_import_assert_no_secret (response, "ABCD-EFGH-2345");
  keys_import_assert_no_secret (response, "CS101-VISIT-7QMX");
  report = json_object_ref (roster_test_response_object (response));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *codes = keys_import_row_codes (report, i);

      g_test_message ("row %u: %s", i, codes);
      g_assert_cmpstr (codes, ==, expected[i]);
    }
  g_assert_cmpint (keys_import_count (report, "error"), ==, 5);

  /* The first of two names the line of the other; the site's clash
   * says nothing about where. */
  {
    JsonObject *dup = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (keys_import_rows (report), 1), "problems"), 0);
    JsonObject *taken = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (keys_import_rows (report), 4), "problems"), 0);

    g_assert_nonnull (strstr (json_object_get_string_member (dup, "message"), "line 2"));
    g_assert_cmpstr (json_object_get_string_member (taken, "message"), ==,
                     "This key cannot be used; choose another.");
  }

  /* Not a dry run: refused, nothing made. */
  g_clear_pointer (&response, roster_test_response_free);
  response = keys_import_post (server, token, CS101_KEYS_IMPORT, csv);
  keys_import_assert_error (response, 422, "validation_failed");
  details = json_object_get_array_member (keys_import_error (response), "details");
  g_assert_cmpuint (json_array_get_length (details), ==, 5);
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);
}

static void
test_row_checks (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *long_name = g_strnfill (256, 'n');
  g_autofree char *longest = g_strnfill (255, 'm');
  g_autofree char *csv = NULL;
  g_autoptr(JsonObject) report = NULL;
  JsonObject *known;
  static const char * const expected[] = {
    "group:unknown_group",
    "",
    "active:invalid_active",
    "expires:invalid_time",
    "expires:expired",
    "max_uses:invalid_max_uses",
    "max_uses:invalid_max_uses",
    "nickname:required",
    "nickname:too_long",
    "",
    ":field_count",
    "secret:weak_secret",
    ":blank_row",
    "",
  };

  add_group (server, token, "Seminar Group");
  csv = g_strdup_printf ("nickname,secret,active,group,expires,max_uses\n"
                         "Unknown group,,,Group Z,,\n"
                         "Known group,,,  SEMINAR group ,,\n"
                         "Maybe,,maybe,,,\n"
                         "Bad time,,,,next week,\n"
                         "Past,,,,2001-01-01,\n"
                         "Negative,,,,,-3\n"
                         "Fraction,,,,,2.5\n"
                         ",,yes,,,\n"
                         "%s,,,,,\n"
                         "%s,,no,,2099-12-31T23:59:59Z,7\n"
                         "Short row,\n"
                         "Weak,a-b-c-d-e-f-g,,,,\n"
                         ",,,,,\n"
                         "Last,,1,,,\n",
                         long_name, longest);

  report = keys_import_dry_run (server, token, NULL, csv);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *codes = keys_import_row_codes (report, i);

      g_test_message ("row %u: %s", i, codes);
      g_assert_cmpstr (codes, ==, expected[i]);
    }

  g_assert_cmpint (keys_import_count (report, "create"), ==, 3);
  g_assert_cmpint (keys_import_count (report, "error"), ==, 10);
  g_assert_cmpint (keys_import_count (report, "skipped"), ==, 1);
  g_assert_cmpstr (import_row_outcome (keys_import_rows (report), 12), ==, "skipped");
  known = json_array_get_object_element (keys_import_rows (report), 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (known, "group"), "name"), ==,
                   "Seminar Group");
}

static void
test_file_problems (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  static const struct
  {
    const char *csv;
    const char *code;
  } cases[] = {
    { "name,secret\nLyon,\n", "missing_column" },
    { "nickname,Nick-Name\nLyon,Turin\n", "duplicate_column" },
    { "nickname,secret\n", "empty" },
    { "nickname\n\"Lyon\n", "unreadable" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) report = keys_import_dry_run (server, token, NULL, cases[i].csv);
      g_autoptr(RosterTestResponse) refused = keys_import_post (server, token, CS101_KEYS_IMPORT, cases[i].csv);
      JsonArray *problems = json_object_get_array_member (json_object_get_object_member (report, "file"), "problems");

      g_test_message ("file %u", i);
      g_assert_cmpuint (json_array_get_length (problems), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "code"), ==,
                       cases[i].code);

      keys_import_assert_error (refused, 422, "validation_failed");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (keys_import_error (refused), "message"),
                                       "The file cannot be imported"));
    }

  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);
}

static void
test_method_choice (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *path = NULL;
  g_autoptr(RosterTestResponse) response = NULL;
  const char *csv = "nickname\nPartners\n";
  const char *message;
  JsonArray *methods;
  gint64 second;

  /* CS205 has no self method. */
  response = keys_import_post (server, token, "/api/v1/courses/2/keys/import", csv);
  keys_import_assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (keys_import_error (response), "message"), "self-enrolment"));
  g_clear_pointer (&response, roster_test_response_free);

  /* A method that is not a self method of CS101, or not of CS101. */
  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?method=1", csv);
  keys_import_assert_error (response, 422, "validation_failed");
  g_clear_pointer (&response, roster_test_response_free);
  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?method=2", csv);
  keys_import_assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (keys_import_error (response), "message"), "“method”"));
  g_clear_pointer (&response, roster_test_response_free);
  response = keys_import_post (server, token, CS101_KEYS_IMPORT "?method=twenty", csv);
  keys_import_assert_error (response, 422, "validation_failed");
  g_clear_pointer (&response, roster_test_response_free);

  /* Two self methods: the caller must say which, and is told the choice. */
  second = add_self_method (server, token, 1);
  response = keys_import_post (server, token, CS101_KEYS_IMPORT, csv);
  keys_import_assert_error (response, 422, "validation_failed");
  message = json_object_get_string_member (keys_import_error (response), "message");
  g_assert_nonnull (strstr (message, "“method”"));
  g_assert_nonnull (strstr (message, "External visitors"));
  methods = json_object_get_array_member (keys_import_error (response), "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 2);
  g_assert_cmpint (json_array_get_int_element (methods, 0), ==, 20);
  g_assert_cmpint (json_array_get_int_element (methods, 1), ==, second);
  g_clear_pointer (&response, roster_test_response_free);

  path = g_strdup_printf (CS101_KEYS_IMPORT "?method=%" G_GINT64_FORMAT, second);
  response = keys_import_post (server, token, path, csv);
  keys_import_assert_status (response, 201);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (roster_test_response_object (response), "keys"), 0), "method_id"),
                   ==, second);
  g_assert_cmpuint (keys_import_count_keys (server, token, second), ==, 1);
  g_assert_cmpuint (keys_import_count_keys (server, token, 20), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/dry-run", test_dry_run);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/create", test_create);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/one-bad-row", test_one_bad_row);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/duplicates", test_duplicates);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/row-checks", test_row_checks);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/file-problems", test_file_problems);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/method-choice", test_method_choice);

  return g_test_run ();
}
