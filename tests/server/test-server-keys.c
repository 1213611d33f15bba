/* test-server-keys.c: the keys of self-enrolment methods over the API,
 * and the secrecy of their secrets: who may reveal one, what is logged
 * and audited, and what the database files hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo: CS101 (course 1) has the self method 20 with key 1
 * ("Visiting lecturers 2026", active, the demo's printed key) and key 2
 * ("Summer school 2025", switched off, used by 3 people). CS205 (course
 * 2) has groups 1-3 ("Group A"…); LC305's groups are 4 and 5. m.chen
 * leads CS101 and CS205, s.taylor is their professional staff, j.okafor
 * teaches CS205, r.fischer moderates it, l.wang leads LC110 only.
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "roster-demo.h"
#include "roster-keys.h"
#include "roster-test-server.h"

#define SUMMER_KEY "SUMMER25-HT9C"

static char *
login (RosterTestServer *server,
       const char       *username)
{
  return roster_test_login (server, username,
                            g_str_equal (username, "admin") ? ROSTER_DEMO_ADMIN_PASSWORD : ROSTER_DEMO_PASSWORD);
}

static RosterTestResponse *
send_json (RosterTestServer *server,
           const char       *method,
           const char       *path,
           const char       *token,
           const char       *body)
{
  return roster_test_request (server, method, path, token, "application/json", body);
}

static RosterTestResponse *
post (RosterTestServer *server,
      const char       *path,
      const char       *token)
{
  return roster_test_request (server, "POST", path, token, NULL, NULL);
}

static gboolean
bytes_contain (const void *data,
               gsize       len,
               const void *needle,
               gsize       needle_len)
{
  return data != NULL && memmem (data, len, needle, needle_len) != NULL;
}

static gboolean
body_contains (RosterTestResponse *response,
               const char         *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  return bytes_contain (data, len, needle, strlen (needle));
}

/* Neither as shown nor as compared: "K7QM-2XPA" nor "K7QM2XPA". */
static void
assert_no_secret (RosterTestResponse *response,
                  const char         *secret)
{
  g_autofree char *normalised = roster_keys_normalise (secret);

  g_assert_false (body_contains (response, secret));
  g_assert_false (body_contains (response, normalised));
}

static void
assert_error (RosterTestResponse *response,
              guint               status,
              const char         *code)
{
  if (response->status != status)
    g_error ("expected %u, got %u: %.*s", status, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
  g_assert_cmpstr (roster_test_response_error_code (response), ==, code);
}

static void
assert_invalid (RosterTestResponse *response,
                const char         *member)
{
  g_autofree char *quoted = g_strdup_printf ("“%s”", member);
  JsonObject *error;

  assert_error (response, 422, "validation_failed");
  error = json_object_get_object_member (roster_test_response_object (response), "error");
  if (strstr (json_object_get_string_member (error, "message"), quoted) == NULL)
    g_error ("“%s” does not name %s", json_object_get_string_member (error, "message"), member);
}

static GPtrArray *
audit_records (RosterTestServer *server,
               const char       *action)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GError) error = NULL;
  RosterAuditQuery query = { .action = action };
  GPtrArray *records = roster_storage_list_audit (storage, &query, &error);

  g_assert_no_error (error);
  return records;
}

static guint
count_audit (RosterTestServer *server,
             const char       *action)
{
  g_autoptr(GPtrArray) records = audit_records (server, action);

  return records->len;
}

static const char *
secret_of (RosterTestResponse *response)
{
  return json_object_get_string_member (roster_test_response_object (response), "secret");
}

/* A new self method in @course_id; returns its id. */
static gint64
add_self_method (RosterTestServer *server,
                 const char       *token,
                 gint64            course_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", course_id);
  g_autoptr(RosterTestResponse) response = send_json (server, "POST", path, token, "{\"type\": \"self\"}");

  g_assert_cmpuint (response->status, ==, 201);
  return json_object_get_int_member (roster_test_response_object (response), "id");
}

static RosterTestResponse *
add_key (RosterTestServer *server,
         const char       *token,
         gint64            method_id,
         const char       *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", method_id);

  return send_json (server, "POST", path, token, body);
}

static char *
reveal (RosterTestServer *server,
        const char       *token,
        gint64            key_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal", key_id);
  g_autoptr(RosterTestResponse) response = post (server, path, token);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (secret_of (response));
}

static void
test_list (RosterTestFixture *fixture,
           gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/methods/20/keys", token);
  g_autoptr(RosterTestResponse) manual = roster_test_get (server, "/api/v1/methods/1/keys", token);
  JsonArray *keys;
  JsonObject *active, *summer;

  g_assert_cmpuint (response->status, ==, 200);
  keys = json_object_get_array_member (roster_test_response_object (response), "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);

  active = json_array_get_object_element (keys, 0);
  g_assert_cmpint (json_object_get_int_member (active, "id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (active, "method_id"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (active, "nickname"), ==, "Visiting lecturers 2026");
  g_assert_true (json_object_get_boolean_member (active, "active"));
  g_assert_cmpint (json_object_get_int_member (active, "uses"), ==, 8);
  g_assert_true (json_object_get_null_member (active, "group"));
  g_assert_true (json_object_get_null_member (active, "expires_at"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (active, "created_by"),
                                                  "username"), ==, "m.chen");
  g_assert_false (json_object_get_null_member (active, "last_used_at"));
  g_assert_false (json_object_has_member (active, "secret"));

  summer = json_array_get_object_element (keys, 1);
  g_assert_false (json_object_get_boolean_member (summer, "active"));
  g_assert_false (json_object_has_member (summer, "secret"));

  assert_no_secret (response, roster_demo_get_active_key ());
  assert_no_secret (response, SUMMER_KEY);

  /* Only self methods have keys. */
  assert_error (manual, 422, "validation_failed");
}

/* The test: a teacher may list keys but not reveal one, and the
 * refusal carries no trace of the secret. */
static void
test_reveal_refused (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autofree char *moderator = login (server, "r.fischer");
  g_autofree char *student = login (server, "k.zhang");
  g_autofree char *stranger = login (server, "l.wang");
  g_autofree char *reveal_path = NULL;
  g_autofree char *list_path = NULL;
  g_autoptr(RosterTestResponse) created = NULL;
  g_autoptr(RosterTestResponse) listed = NULL;
  g_autoptr(RosterTestResponse) by_teacher = NULL;
  g_autoptr(RosterTestResponse) by_moderator = NULL;
  g_autoptr(RosterTestResponse) by_student = NULL;
  g_autoptr(RosterTestResponse) by_stranger = NULL;
  g_autoptr(RosterTestResponse) missing = NULL;
  const char *secret = "Teach-Reveal-2291";
  gint64 method = add_self_method (server, leader, 2);

  created = add_key (server, leader, method, "{\"nickname\": \"Moderators\", \"secret\": \"Teach-Reveal-2291\"}");
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (secret_of (created), ==, secret);
  reveal_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal",
                                 json_object_get_int_member (roster_test_response_object (created), "id"));
  list_path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", method);

  listed = roster_test_get (server, list_path, teacher);
  g_assert_cmpuint (listed->status, ==, 200);
  assert_no_secret (listed, secret);

  by_teacher = post (server, reveal_path, teacher);
  assert_error (by_teacher, 403, "forbidden");
  assert_no_secret (by_teacher, secret);

  by_moderator = post (server, reveal_path, moderator);
  assert_error (by_moderator, 403, "forbidden");
  assert_no_secret (by_moderator, secret);
  by_student = post (server, reveal_path, student);
  assert_error (by_student, 403, "forbidden");
  assert_no_secret (by_student, secret);

  /* A key of a course one cannot see answers like one that is not. */
  by_stranger = post (server, reveal_path, stranger);
  missing = post (server, "/api/v1/keys/98765/reveal", stranger);
  assert_error (by_stranger, 404, "not_found");
  g_assert_true (g_bytes_equal (by_stranger->body, missing->body));

  g_assert_cmpuint (count_audit (server, "key.revealed"), ==, 0);
}

static void
test_reveal (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  static const char * const who[] = { "m.chen", "s.taylor", "admin" };
  static const gint64 ids[] = { 2, 3, 1 };
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *log = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (who); i++)
    {
      g_autofree char *token = login (server, who[i]);
      g_autofree char *secret = reveal (server, token, 1);

      g_assert_cmpstr (secret, ==, roster_demo_get_active_key ());
    }

  /* "Key revealed by X": one record each, newest first, naming the key
   * by its nickname and never by its secret. */
  records = audit_records (server, "key.revealed");
  g_assert_cmpuint (records->len, ==, 3);
  for (guint i = 0; i < records->len; i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, i);

      g_assert_cmpint (record->actor_id, ==, ids[G_N_ELEMENTS (ids) - 1 - i]);
      g_assert_cmpint (record->course_id, ==, 1);
      g_assert_cmpstr (record->object_type, ==, "key");
      g_assert_cmpint (record->object_id, ==, 1);
      g_assert_nonnull (strstr (record->details, "Visiting lecturers 2026"));
      g_assert_null (strstr (record->details, roster_demo_get_active_key ()));
    }

  log = roster_test_server_read_log (server);
  g_assert_null (strstr (log, roster_demo_get_active_key ()));
}

static void
test_create (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autoptr(GRegex) shape = g_regex_new ("^[" ROSTER_KEYS_ALPHABET "]{4}(-[" ROSTER_KEYS_ALPHABET "]{4}){3}$",
                                         0, 0, NULL);
  g_autoptr(RosterTestResponse) generated = NULL;
  g_autoptr(RosterTestResponse) listed = NULL;
  g_autoptr(RosterTestResponse) chosen = NULL;
  g_autoptr(RosterTestResponse) clash = NULL;
  g_autoptr(RosterTestResponse) grouped = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *generated_secret = NULL;
  JsonObject *key, *group;
  gint64 cs205_method = add_self_method (server, token, 2);
  RosterTestResponse *response;

  /* Without a secret: a strong one, handed over this once. */
  generated = add_key (server, token, 20, "{\"nickname\": \"Open day\", \"max_uses\": 40,"
                                          " \"expires_at\": \"2027-03-01\"}");
  g_assert_cmpuint (generated->status, ==, 201);
  key = roster_test_response_object (generated);
  generated_secret = g_strdup (json_object_get_string_member (key, "secret"));
  g_assert_true (g_regex_match (shape, generated_secret, 0, NULL));
  g_assert_cmpstr (json_object_get_string_member (key, "nickname"), ==, "Open day");
  g_assert_cmpint (json_object_get_int_member (key, "max_uses"), ==, 40);
  g_assert_cmpstr (json_object_get_string_member (key, "expires_at"), ==, "2027-03-01T00:00:00Z");
  g_assert_true (json_object_get_boolean_member (key, "active"));
  g_assert_cmpint (json_object_get_int_member (key, "uses"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (key, "created_by"),
                                                  "username"), ==, "m.chen");

  listed = roster_test_get (server, "/api/v1/methods/20/keys", token);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (listed),
                                                                         "keys")), ==, 3);
  assert_no_secret (listed, generated_secret);
  revealed = reveal (server, token, json_object_get_int_member (key, "id"));
  g_assert_cmpstr (revealed, ==, generated_secret);

  /* A chosen secret is kept as typed (trimmed) ... */
  chosen = add_key (server, token, 20, "{\"nickname\": \"Partners\", \"secret\": \" k7qm-2xpa-zz99 \"}");
  g_assert_cmpuint (chosen->status, ==, 201);
  g_assert_cmpstr (secret_of (chosen), ==, "k7qm-2xpa-zz99");

  /* ... and compared as typed by anyone: the same in other spelling,
   * in another course, is refused without saying where it is used. */
  clash = add_key (server, token, cs205_method, "{\"nickname\": \"Mine\", \"secret\": \"K7QM 2XPA ZZ99\"}");
  assert_error (clash, 409, "conflict");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (roster_test_response_object (clash),
                                                                                 "error"), "message"),
                   ==, "This key cannot be used; choose another.");

  /* A group key, in the group's own course only. */
  grouped = add_key (server, token, cs205_method, "{\"nickname\": \"Group A guests\", \"group_id\": 1}");
  g_assert_cmpuint (grouped->status, ==, 201);
  group = json_object_get_object_member (roster_test_response_object (grouped), "group");
  g_assert_cmpint (json_object_get_int_member (group, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Group A");

#define REFUSED(method, json, member) \
  G_STMT_START { \
    response = add_key (server, token, method, json); \
    assert_invalid (response, member); \
    roster_test_response_free (response); \
  } G_STMT_END

  REFUSED (cs205_method, "{\"nickname\": \"Seminar\", \"group_id\": 4}", "group_id");
  REFUSED (20, "{\"nickname\": \"Short\", \"secret\": \"abc-123\"}", "secret");
  REFUSED (20, "{\"nickname\": \"Dashes\", \"secret\": \"a-b-c-d-e-f-g\"}", "secret");
  REFUSED (20, "{\"secret\": \"no-nickname-given\"}", "nickname");
  REFUSED (20, "{\"nickname\": \"   \"}", "nickname");
  REFUSED (20, "{\"nickname\": \"Limited\", \"max_uses\": -1}", "max_uses");
  REFUSED (20, "{\"nickname\": \"Typo\", \"max_use\": 3}", "max_use");

#undef REFUSED

  response = add_key (server, token, 1, "{\"nickname\": \"Manual\"}");
  assert_error (response, 422, "validation_failed");
  roster_test_response_free (response);

  response = add_key (server, token, 20, "{\"nickname\": \"Partners\"}");
  assert_error (response, 409, "conflict");
  roster_test_response_free (response);

  /* Audited without the secret. */
  records = audit_records (server, "key.created");
  g_assert_cmpuint (records->len, ==, 3);
  for (guint i = 0; i < records->len; i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, i);

      g_assert_cmpint (record->actor_id, ==, 2);
      g_assert_cmpint (record->object_id, >, 2);
      g_assert_null (strstr (record->details, generated_secret));
      g_assert_null (strstr (record->details, "k7qm"));
    }
}

static void
test_edit (RosterTestFixture *fixture,
           gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "s.taylor");
  g_autofree char *student = login (server, "k.zhang");
  g_autoptr(RosterTestResponse) created = add_key (server, token, 20,
                                                   "{\"nickname\": \"Spring\", \"secret\": \"SPRING-2027-KEY\"}");
  g_autoptr(RosterTestResponse) reused = NULL;
  g_autoptr(GPtrArray) regenerated = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_secret = NULL;
  g_autofree char *revealed = NULL;
  RosterTestResponse *response;
  JsonObject *key;
  gint64 id;

  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_int_member (roster_test_response_object (created), "id");
  path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT, id);

#define EDIT(json) (response = send_json (server, "PATCH", path, token, json))

  /* Deactivate, limit, rename ... */
  EDIT ("{\"active\": false, \"nickname\": \"Spring 2027\", \"expires_at\": \"2027-05-31T23:59:59Z\","
        " \"max_uses\": 20}");
  g_assert_cmpuint (response->status, ==, 200);
  key = roster_test_response_object (response);
  g_assert_false (json_object_get_boolean_member (key, "active"));
  g_assert_cmpstr (json_object_get_string_member (key, "nickname"), ==, "Spring 2027");
  g_assert_cmpstr (json_object_get_string_member (key, "expires_at"), ==, "2027-05-31T23:59:59Z");
  g_assert_cmpint (json_object_get_int_member (key, "max_uses"), ==, 20);
  g_assert_false (json_object_has_member (key, "secret"));
  roster_test_response_free (response);

  /* ... reactivate, and lift the limits. */
  EDIT ("{\"active\": true, \"expires_at\": null, \"max_uses\": null}");
  g_assert_cmpuint (response->status, ==, 200);
  key = roster_test_response_object (response);
  g_assert_true (json_object_get_boolean_member (key, "active"));
  g_assert_true (json_object_get_null_member (key, "expires_at"));
  g_assert_cmpint (json_object_get_int_member (key, "max_uses"), ==, 0);
  roster_test_response_free (response);

  EDIT ("{\"nickname\": \"Summer school 2025\"}");
  assert_error (response, 409, "conflict");
  roster_test_response_free (response);
  EDIT ("{\"group_id\": 1}");
  assert_invalid (response, "group_id");
  roster_test_response_free (response);
  EDIT ("{\"secret\": \"CHOSEN-AGAIN-1\"}");
  assert_invalid (response, "secret");
  roster_test_response_free (response);
  EDIT ("{\"active\": \"no\"}");
  assert_invalid (response, "active");
  roster_test_response_free (response);
  /* Nothing to change. */
  EDIT ("{\"regenerate\": false}");
  g_assert_cmpuint (response->status, ==, 200);
  roster_test_response_free (response);

  /* A student of the course sees it, not its keys. */
  response = send_json (server, "PATCH", path, student, "{\"active\": false}");
  assert_error (response, 403, "forbidden");
  roster_test_response_free (response);

  g_assert_cmpuint (count_audit (server, "key.updated"), ==, 2);

  /* A new secret, handed over once; the old one stops working at once
   * (anyone may now choose it). */
  EDIT ("{\"regenerate\": true}");
  g_assert_cmpuint (response->status, ==, 200);
  new_secret = g_strdup (secret_of (response));
  g_assert_nonnull (new_secret);
  g_assert_cmpstr (new_secret, !=, "SPRING-2027-KEY");
  g_assert_cmpstr (json_object_get_string_member (roster_test_response_object (response), "nickname"),
                   ==, "Spring 2027");
  roster_test_response_free (response);

#undef EDIT

  revealed = reveal (server, token, id);
  g_assert_cmpstr (revealed, ==, new_secret);
  reused = add_key (server, token, 20, "{\"nickname\": \"Reused\", \"secret\": \"spring 2027 key\"}");
  g_assert_cmpuint (reused->status, ==, 201);

  regenerated = audit_records (server, "key.regenerated");
  g_assert_cmpuint (regenerated->len, ==, 1);
  g_assert_null (strstr (((RosterAuditRecord *) g_ptr_array_index (regenerated, 0))->details, new_secret));
  g_assert_cmpuint (count_audit (server, "key.updated"), ==, 2);
}

static void
test_delete (RosterTestFixture *fixture,
             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autofree char *teacher = login (server, "j.okafor");
  g_autoptr(RosterTestResponse) deleted = NULL;
  g_autoptr(RosterTestResponse) listed = NULL;
  g_autoptr(RosterTestResponse) revealed = NULL;
  g_autoptr(RosterTestResponse) edited = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) methods = NULL;
  g_autoptr(RosterTestResponse) by_teacher = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 method_id = add_self_method (server, token, 2);
  g_autoptr(RosterTestResponse) cs205_key = add_key (server, token, method_id, "{\"nickname\": \"CS205\"}");
  g_autofree char *cs205_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT,
                                                 json_object_get_int_member (roster_test_response_object (cs205_key),
                                                                             "id"));
  RosterAuditRecord *record;

  by_teacher = roster_test_request (server, "DELETE", cs205_path, teacher, NULL, NULL);
  assert_error (by_teacher, 403, "forbidden");

  deleted = roster_test_request (server, "DELETE", "/api/v1/keys/2", token, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);

  listed = roster_test_get (server, "/api/v1/methods/20/keys", token);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (roster_test_response_object (listed),
                                                                         "keys")), ==, 1);
  methods = roster_test_get (server, "/api/v1/courses/1/methods", token);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (
                     json_object_get_array_member (roster_test_response_object (methods), "methods"), 1),
                     "key_count"), ==, 1);

  revealed = post (server, "/api/v1/keys/2/reveal", token);
  assert_error (revealed, 404, "not_found");
  edited = send_json (server, "PATCH", "/api/v1/keys/2", token, "{\"active\": true}");
  assert_error (edited, 404, "not_found");
  again = roster_test_request (server, "DELETE", "/api/v1/keys/2", token, NULL, NULL);
  assert_error (again, 404, "not_found");

  /* The three who used it stay enrolled, with its nickname. */
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM enrolments WHERE key_nickname = 'Summer school 2025'"
                                      " AND key_id IS NULL AND method_id = 20"), ==, 3);
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM enrol_keys WHERE id = 2"), ==, 0);

  records = audit_records (server, "key.deleted");
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->object_id, ==, 2);
  g_assert_cmpint (record->course_id, ==, 1);
  g_assert_nonnull (strstr (record->details, "Summer school 2025"));
  g_assert_null (strstr (record->details, SUMMER_KEY));
}

static gboolean
file_contains (const char *path,
               const void *needle,
               gsize       needle_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return bytes_contain (contents, len, needle, needle_len);
}

/* roster.db or roster.db-wal, as bytes. */
static gboolean
database_contains (RosterTestServer *server,
                   const void       *needle,
                   gsize             needle_len)
{
  g_autofree char *db = g_build_filename (roster_test_server_get_data_dir (server), "roster.db", NULL);
  g_autofree char *wal = g_build_filename (roster_test_server_get_data_dir (server), "roster.db-wal", NULL);

  return file_contains (db, needle, needle_len) || file_contains (wal, needle, needle_len);
}

static void
assert_secret_not_stored (RosterTestServer *server,
                          const char       *secret)
{
  g_autofree char *normalised = roster_keys_normalise (secret);

  if (database_contains (server, secret, strlen (secret)) ||
      database_contains (server, normalised, strlen (normalised)))
    g_error ("the database files contain the secret %s", secret);
}

/* PostgreSQL's at-rest check, through SQL: no row of any table (the
 * keys, the audit log, the enrolments …) holds a secret in any column,
 * as text or as bytes, though the keys' rows do hold the nicknames
 * beside them; once a key is deleted no row keeps its sealed form. The
 * cluster's files are out of reach here: PostgreSQL keeps old row
 * versions until VACUUM (which roster-pg-keys.c runs after a secret is
 * destroyed) and its WAL until recycled, and the WAL of a key's
 * creation holds its sealed form, never the secret itself. */
static void
assert_secret_not_in_rows (RosterTestServer *server,
                           const char       *secret)
{
  g_autofree char *normalised = roster_keys_normalise (secret);

  if (roster_test_server_count_rows_with (server, secret, strlen (secret)) > 0 ||
      roster_test_server_count_rows_with (server, normalised, strlen (normalised)) > 0)
    g_error ("a row of the database holds the secret %s", secret);
}

static void
check_at_rest_postgresql (RosterTestServer   *server,
                          const char         *token,
                          RosterTestResponse *chosen,
                          RosterTestResponse *generated)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(RosterTestResponse) deleted = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *revealed = NULL;
  g_autofree char *delete_path = NULL;
  gint64 chosen_id = json_object_get_int_member (roster_test_response_object (chosen), "id");
  RosterAuditEvent audit = { .action = "key.revealed", .object_type = "key", .object_id = chosen_id };

  g_assert_cmpuint (chosen->status, ==, 201);
  g_assert_cmpuint (generated->status, ==, 201);
  revealed = reveal (server, token, 1);

  /* The search finds what is there. */
  g_assert_cmpuint (roster_test_server_count_rows_with (server, "Marker nickname 7731",
                                                        strlen ("Marker nickname 7731")), >, 0);

  assert_secret_not_in_rows (server, "ZEBRA-QUARTZ-8812-PLUM");
  assert_secret_not_in_rows (server, secret_of (generated));
  assert_secret_not_in_rows (server, roster_demo_get_active_key ());
  assert_secret_not_in_rows (server, SUMMER_KEY);

  /* Deleting destroys for good: not even the sealed form stays behind. */
  sealed = roster_storage_reveal_key (storage, chosen_id, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster_test_server_count_rows_with (server, g_bytes_get_data (sealed, NULL),
                                                        g_bytes_get_size (sealed)), ==, 1);

  delete_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT, chosen_id);
  deleted = roster_test_request (server, "DELETE", delete_path, token, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_cmpuint (roster_test_server_count_rows_with (server, g_bytes_get_data (sealed, NULL),
                                                        g_bytes_get_size (sealed)), ==, 0);
  assert_secret_not_in_rows (server, "ZEBRA-QUARTZ-8812-PLUM");
}

/* The test: keys at rest. The database files (with their
 * write-ahead log) hold no secret in any form, though they do hold the
 * nicknames beside them; a deleted key's sealed secret is gone too. */
static void
test_at_rest (RosterTestFixture *fixture,
              gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *token = login (server, "m.chen");
  g_autofree char *wal = g_build_filename (roster_test_server_get_data_dir (server), "roster.db-wal", NULL);
  g_autofree char *db_path = g_build_filename (roster_test_server_get_data_dir (server), "roster.db", NULL);
  g_autoptr(RosterTestResponse) chosen = add_key (server, token, 20,
                                                  "{\"nickname\": \"Marker nickname 7731\","
                                                  " \"secret\": \"ZEBRA-QUARTZ-8812-PLUM\"}");
  g_autoptr(RosterTestResponse) generated = add_key (server, token, 20, "{\"nickname\": \"Generated\"}");
  g_autoptr(RosterTestResponse) deleted = NULL;
  g_autofree char *delete_path = NULL;
  g_autofree guint8 *sealed = NULL;
  g_autofree char *revealed = NULL;
  gsize sealed_len;

  /* What follows reads SQLite's files; PostgreSQL's check reads its rows
   * (see check_at_rest_postgresql()). */
  if (roster_test_database_is_postgresql ())
    {
      check_at_rest_postgresql (server, token, chosen, generated);
      return;
    }

  g_assert_cmpuint (chosen->status, ==, 201);
  g_assert_cmpuint (generated->status, ==, 201);
  revealed = reveal (server, token, 1);

  /* The write-ahead log is where fresh writes are: it must be read too. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (database_contains (server, "Marker nickname 7731", strlen ("Marker nickname 7731")));

  assert_secret_not_stored (server, "ZEBRA-QUARTZ-8812-PLUM");
  assert_secret_not_stored (server, secret_of (generated));
  assert_secret_not_stored (server, roster_demo_get_active_key ());
  assert_secret_not_stored (server, SUMMER_KEY);

  /* Deleting destroys for good: not even the sealed form stays behind. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT secret_sealed FROM enrol_keys WHERE nickname = ?",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, "Marker nickname 7731", -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sealed_len = sqlite3_column_bytes (stmt, 0);
    sealed = g_memdup2 (sqlite3_column_blob (stmt, 0), sealed_len);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_true (database_contains (server, sealed, sealed_len));

  delete_path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT,
                                 json_object_get_int_member (roster_test_response_object (chosen), "id"));
  deleted = roster_test_request (server, "DELETE", delete_path, token, NULL, NULL);
  g_assert_cmpuint (deleted->status, ==, 204);
  g_assert_false (database_contains (server, sealed, sealed_len));
  assert_secret_not_stored (server, "ZEBRA-QUARTZ-8812-PLUM");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/list", test_list);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/reveal-refused", test_reveal_refused);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/reveal", test_reveal);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/create", test_create);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/edit", test_edit);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/delete", test_delete);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/keys/at-rest", test_at_rest);

  return g_test_run ();
}
