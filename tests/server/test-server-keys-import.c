/* test-server-keys-import.c: enrolment keys from a CSV file, over the
 * API: dry runs, all-or-nothing creation, the checks of every row, the
 * choice of method, files as spreadsheets write them, and who may
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo: CS101 (course 1) has its manual method 1 and the self method
 * 20 with key 1 ("Visiting lecturers 2026", secret CS101-VISIT-7QMX) and
 * key 2 ("Summer school 2025", switched off, SUMMER25-HT9C). CS205
 * (course 2) has no self method. m.chen leads both; j.okafor teaches
 * CS205.
 */

#include "config.h"

#include <string.h>

#include "roster-json.h"
#include "roster-key-import.h"
#include "roster-keys.h"
#include "test-server-import-util.h"

#define CS101_IMPORT "/api/v1/courses/1/keys/import"
#define GENERATED_SECRET "^[" ROSTER_KEYS_ALPHABET "]{4}(-[" ROSTER_KEYS_ALPHABET "]{4}){3}$"

static RosterTestResponse *
post_file (RosterTestServer *server,
           const char       *token,
           const char       *path,
           const char       *csv)
{
  return import_post (server, token, path, "text/csv", csv, -1);
}

static void
assert_status (RosterTestResponse *response,
               guint               status)
{
  if (response->status != status)
    g_error ("expected %u, got %u: %.*s", status, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
}

static void
assert_error (RosterTestResponse *response,
              guint               status,
              const char         *code)
{
  assert_status (response, status);
  g_assert_cmpstr (roster_test_response_error_code (response), ==, code);
}

static JsonObject *
error_of (RosterTestResponse *response)
{
  return json_object_get_object_member (roster_test_response_object (response), "error");
}

static gboolean
body_contains (RosterTestResponse *response,
               const char         *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  return data != NULL && memmem (data, len, needle, strlen (needle)) != NULL;
}

/* Neither as written nor as compared. */
static void
assert_no_secret (RosterTestResponse *response,
                  const char         *secret)
{
  g_autofree char *normalised = roster_keys_normalise (secret);

  g_assert_false (body_contains (response, secret));
  g_assert_false (body_contains (response, normalised));
}

/* A dry run of @csv into CS101 (with @query, or NULL), asserting 200. */
static JsonObject *
dry_run (RosterTestServer *server,
         const char       *token,
         const char       *query,
         const char       *csv)
{
  g_autofree char *path = g_strdup_printf (CS101_IMPORT "?dry_run=true%s%s", query ? "&" : "", query ? query : "");
  g_autoptr(RosterTestResponse) response = post_file (server, token, path, csv);

  assert_status (response, 200);
  g_assert_true (json_object_get_boolean_member (roster_test_response_object (response), "dry_run"));
  return json_object_ref (roster_test_response_object (response));
}

static JsonArray *
rows_of (JsonObject *report)
{
  return json_object_get_array_member (report, "rows");
}

static gint64
count_of (JsonObject *report,
          const char *outcome)
{
  return json_object_get_int_member (json_object_get_object_member (report, "counts"), outcome);
}

/* "column:code …" of row @index of @report. */
static char *
row_codes (JsonObject *report,
           guint       index)
{
  return import_problem_codes (json_object_get_array_member (json_array_get_object_element (rows_of (report), index),
                                                             "problems"));
}

static JsonArray *
list_keys (RosterTestServer *server,
           const char       *token,
           gint64            method_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", method_id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  assert_status (response, 200);
  g_assert_false (body_contains (response, "\"secret\""));
  return json_array_ref (json_object_get_array_member (roster_test_response_object (response), "keys"));
}

static guint
count_keys (RosterTestServer *server,
            const char       *token,
            gint64            method_id)
{
  g_autoptr(JsonArray) keys = list_keys (server, token, method_id);

  return json_array_get_length (keys);
}

/* The key.created records, oldest first, with their details parsed. */
static GPtrArray *
created_records (RosterTestServer *server)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  RosterAuditQuery query = { .action = "key.created" };
  g_autoptr(GPtrArray) records = roster_storage_list_audit (storage, &query, &error);
  GPtrArray *details = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  g_assert_no_error (error);
  for (guint i = records->len; i > 0; i--)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, i - 1);
      JsonObject *object = roster_json_parse_object (record->details, -1, &error);

      g_assert_no_error (error);
      json_object_set_int_member (object, "object_id", record->object_id);
      json_object_set_int_member (object, "course_id", record->course_id);
      g_ptr_array_add (details, object);
    }

  return details;
}

static char *
reveal (RosterTestServer *server,
        const char       *token,
        gint64            key_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal", key_id);
  g_autoptr(RosterTestResponse) response = roster_test_request (server, "POST", path, token, NULL, NULL);

  assert_status (response, 200);
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

  assert_status (response, 201);
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

  assert_status (response, 201);
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

  response = post_file (server, token, CS101_IMPORT "?dry_run=true", good_file);
  assert_status (response, 200);
  assert_no_secret (response, "turin-2027-visit");
  report = json_object_ref (roster_test_response_object (response));

  g_assert_cmpint (json_object_get_int_member (report, "method_id"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (report, "rows_total"), ==, 3);
  g_assert_cmpint (count_of (report, "create"), ==, 3);
  g_assert_cmpint (count_of (report, "error"), ==, 0);

  file = json_object_get_object_member (report, "file");
  g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "UTF-8");
  g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, ",");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "problems")), ==, 0);
  unknown = json_object_get_array_member (file, "unknown_columns");
  g_assert_cmpuint (json_array_get_length (unknown), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (unknown, 0), ==, "notes");

  /* What each row would make; only whether a secret was chosen. */
  row = json_array_get_object_element (rows_of (report), 0);
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

  row = json_array_get_object_element (rows_of (report), 1);
  g_assert_true (json_object_get_boolean_member (row, "secret_chosen"));
  g_assert_false (json_object_get_boolean_member (row, "active"));
  g_assert_true (json_object_get_null_member (row, "group"));
  g_assert_cmpint (json_object_get_int_member (row, "max_uses"), ==, 0);

  /* Nothing changed. */
  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);
  records = created_records (server);
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

  response = post_file (server, token, CS101_IMPORT, good_file);
  assert_status (response, 201);
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
  listed = list_keys (server, token, 20);
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
  records = created_records (server);
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

  response = post_file (server, token, CS101_IMPORT,
                        "nickname,secret\n"
                        "First,\n"
                        "Second,FINE-SECRET-2027\n"
                        "Third,short\n"
                        "Fourth,\n");
  assert_error (response, 422, "validation_failed");
  assert_no_secret (response, "FINE-SECRET-2027");
  error = error_of (response);
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "No key was made"));

  details = json_object_get_array_member (error, "details");
  g_assert_cmpuint (json_array_get_length (details), ==, 1);
  problem = json_array_get_object_element (details, 0);
  g_assert_cmpint (json_object_get_int_member (problem, "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (problem, "column"), ==, "secret");
  g_assert_cmpstr (json_object_get_string_member (problem, "code"), ==, "weak_secret");

  report = json_object_get_object_member (error, "report");
  g_assert_false (json_object_get_boolean_member (report, "dry_run"));
  g_assert_cmpint (count_of (report, "create"), ==, 3);
  g_assert_cmpint (count_of (report, "error"), ==, 1);
  g_assert_cmpstr (import_row_outcome (rows_of (report), 2), ==, "error");

  /* Nothing was made, not even the good rows. */
  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);
  records = created_records (server);
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

  response = post_file (server, token, CS101_IMPORT "?dry_run=1", csv);
  assert_status (response, 200);
  assert_no_secret (response, "ABCD-EFGH-2345");
  assert_no_secret (response, "CS101-VISIT-7QMX");
  report = json_object_ref (roster_test_response_object (response));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *codes = row_codes (report, i);

      g_test_message ("row %u: %s", i, codes);
      g_assert_cmpstr (codes, ==, expected[i]);
    }
  g_assert_cmpint (count_of (report, "error"), ==, 5);

  /* The first of two names the line of the other; the site's clash
   * says nothing about where. */
  {
    JsonObject *dup = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (rows_of (report), 1), "problems"), 0);
    JsonObject *taken = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (rows_of (report), 4), "problems"), 0);

    g_assert_nonnull (strstr (json_object_get_string_member (dup, "message"), "line 2"));
    g_assert_cmpstr (json_object_get_string_member (taken, "message"), ==,
                     "This key cannot be used; choose another.");
  }

  /* Not a dry run: refused, nothing made. */
  g_clear_pointer (&response, roster_test_response_free);
  response = post_file (server, token, CS101_IMPORT, csv);
  assert_error (response, 422, "validation_failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (error_of (response), "details")), ==, 5);
  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);
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

  report = dry_run (server, token, NULL, csv);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *codes = row_codes (report, i);

      g_test_message ("row %u: %s", i, codes);
      g_assert_cmpstr (codes, ==, expected[i]);
    }

  g_assert_cmpint (count_of (report, "create"), ==, 3);
  g_assert_cmpint (count_of (report, "error"), ==, 10);
  g_assert_cmpint (count_of (report, "skipped"), ==, 1);
  g_assert_cmpstr (import_row_outcome (rows_of (report), 12), ==, "skipped");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (rows_of (report), 1), "group"),
                     "name"), ==, "Seminar Group");
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
      g_autoptr(JsonObject) report = dry_run (server, token, NULL, cases[i].csv);
      g_autoptr(RosterTestResponse) refused = post_file (server, token, CS101_IMPORT, cases[i].csv);
      JsonArray *problems = json_object_get_array_member (json_object_get_object_member (report, "file"), "problems");

      g_test_message ("file %u", i);
      g_assert_cmpuint (json_array_get_length (problems), ==, 1);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0), "code"), ==,
                       cases[i].code);

      assert_error (refused, 422, "validation_failed");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (error_of (refused), "message"),
                                       "The file cannot be imported"));
    }

  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);
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
  JsonArray *methods;
  gint64 second;

  /* CS205 has no self method. */
  response = post_file (server, token, "/api/v1/courses/2/keys/import", csv);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (response), "message"), "self-enrolment"));
  g_clear_pointer (&response, roster_test_response_free);

  /* A method that is not a self method of CS101, or not of CS101. */
  response = post_file (server, token, CS101_IMPORT "?method=1", csv);
  assert_error (response, 422, "validation_failed");
  g_clear_pointer (&response, roster_test_response_free);
  response = post_file (server, token, CS101_IMPORT "?method=2", csv);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (response), "message"), "“method”"));
  g_clear_pointer (&response, roster_test_response_free);
  response = post_file (server, token, CS101_IMPORT "?method=twenty", csv);
  assert_error (response, 422, "validation_failed");
  g_clear_pointer (&response, roster_test_response_free);

  /* Two self methods: the caller must say which, and is told the choice. */
  second = add_self_method (server, token, 1);
  response = post_file (server, token, CS101_IMPORT, csv);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (response), "message"), "“method”"));
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (response), "message"), "External visitors"));
  methods = json_object_get_array_member (error_of (response), "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 2);
  g_assert_cmpint (json_array_get_int_element (methods, 0), ==, 20);
  g_assert_cmpint (json_array_get_int_element (methods, 1), ==, second);
  g_clear_pointer (&response, roster_test_response_free);

  path = g_strdup_printf (CS101_IMPORT "?method=%" G_GINT64_FORMAT, second);
  response = post_file (server, token, path, csv);
  assert_status (response, 201);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (roster_test_response_object (response), "keys"), 0), "method_id"),
                   ==, second);
  g_assert_cmpuint (count_keys (server, token, second), ==, 1);
  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);
}

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
  semicolons = post_file (server, token, CS101_IMPORT,
                          "Nickname;Max uses;Expires at\r\n"
                          "\"Lyon; partner school\";12;2099-01-31\r\n"
                          "Grenoble;;\r\n");
  assert_status (semicolons, 201);
  keys = json_object_get_array_member (roster_test_response_object (semicolons), "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "nickname"), ==,
                   "Lyon; partner school");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (keys, 0), "max_uses"), ==, 12);

  /* Excel's "Unicode text": UTF-16LE with a byte order mark, tabs. */
  utf16_file = encode ("nickname\tsecret\r\nUniversité de Genève\tGENÈVE-2027-VISITE\r\n北京 partners\t\r\n",
                       "UTF-16LE", "\xff\xfe");
  {
    g_autoptr(RosterTestResponse) preview = roster_test_request_bytes (server, "POST", CS101_IMPORT "?dry_run=true",
                                                                       token, "text/plain", utf16_file);
    JsonObject *file;

    assert_status (preview, 200);
    file = json_object_get_object_member (roster_test_response_object (preview), "file");
    g_assert_cmpstr (json_object_get_string_member (file, "encoding"), ==, "UTF-16LE");
    g_assert_cmpstr (json_object_get_string_member (file, "delimiter"), ==, "\t");
  }
  utf16 = roster_test_request_bytes (server, "POST", CS101_IMPORT, token, "text/csv", utf16_file);
  assert_status (utf16, 201);
  keys = json_object_get_array_member (roster_test_response_object (utf16), "keys");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "nickname"), ==,
                   "Université de Genève");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 0), "secret"), ==,
                   "GENÈVE-2027-VISITE");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 1), "nickname"), ==,
                   "北京 partners");
  g_assert_cmpuint (count_keys (server, token, 20), ==, 6);
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
  preview = post_form (server, token, CS101_IMPORT, csv, "{\"dry_run\": true, \"delimiter\": \"|\"}");
  assert_status (preview, 200);
  g_assert_cmpint (count_of (roster_test_response_object (preview), "create"), ==, 2);
  g_assert_cmpuint (count_keys (server, token, 20), ==, 2);

  made = post_form (server, token, CS101_IMPORT "?dry_run=true", csv,
                    "{\"dry_run\": false, \"method\": 20, \"delimiter\": \"|\"}");
  assert_status (made, 201);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (made), "keys")),
                    ==, 2);
  g_assert_cmpuint (count_keys (server, token, 20), ==, 4);

  /* The audit names the form's file. */
  records = created_records (server);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (g_ptr_array_index (records, 1), "import"), "file_name"), ==,
                   "partners 2027.csv");

  unknown = post_form (server, token, CS101_IMPORT, csv, "{\"skip_errors\": true}");
  assert_error (unknown, 422, "validation_failed");

  {
    g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
    g_autoptr(GBytes) body = NULL;
    SoupMessageHeaders *headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);

    soup_multipart_append_form_string (multipart, "options", "{}");
    soup_multipart_to_message (multipart, headers, &body);
    no_file = roster_test_request_bytes (server, "POST", CS101_IMPORT, token,
                                         soup_message_headers_get_one (headers, "Content-Type"), body);
    soup_message_headers_unref (headers);
    assert_error (no_file, 422, "validation_failed");
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
    { "j.okafor", CS101_IMPORT, "text/csv", "nickname\nMine\n", 404, "not_found" },
    { "m.chen", "/api/v1/courses/999/keys/import", "text/csv", "nickname\nMine\n", 404, "not_found" },
    { "m.chen", CS101_IMPORT, "application/json", "{\"nickname\": \"Mine\"}", 415, "unsupported_media_type" },
    { "m.chen", CS101_IMPORT, "text/csv", "", 422, "validation_failed" },
    { "m.chen", CS101_IMPORT "?delimiter=x", "text/csv", "nickname\nMine\n", 422, "validation_failed" },
    { "m.chen", CS101_IMPORT "?dry_run=perhaps", "text/csv", "nickname\nMine\n", 422, "validation_failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *token = g_str_equal (cases[i].who, "m.chen") ? leader : teacher;
      g_autoptr(RosterTestResponse) response = import_post (server, token, cases[i].path, cases[i].type,
                                                            cases[i].body, -1);

      g_test_message ("case %u: %s", i, cases[i].path);
      assert_error (response, cases[i].status, cases[i].code);
    }

  g_assert_cmpuint (count_keys (server, leader, 20), ==, 2);
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
  report = dry_run (server, token, NULL, notes->str);
  g_assert_cmpint (count_of (report, "error"), ==, 0);

  memcpy (big, "nickname\n", strlen ("nickname\n"));
  response = import_post (server, token, CS101_IMPORT "?dry_run=true", "text/csv", big, size);
  assert_error (response, 413, "payload_too_large");
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
  report = dry_run (server, token, NULL, csv->str);
  g_assert_cmpint (count_of (report, "create"), ==, ROSTER_KEY_IMPORT_MAX_ROWS);

  /* One more: refused, saying why. */
  g_string_append (csv, "One too many\n");
  response = post_file (server, token, CS101_IMPORT "?dry_run=true", csv->str);
  assert_error (response, 422, "validation_failed");
  g_assert_nonnull (strstr (json_object_get_string_member (error_of (response), "message"), "10000"));
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
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/spreadsheet-files", test_spreadsheet_files);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/multipart", test_multipart);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/refused", test_refused);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/body-limit", test_body_limit);
  ROSTER_TEST_ADD_WITH_DEMO ("/keys-import/row-limit", test_row_limit);

  return g_test_run ();
}
