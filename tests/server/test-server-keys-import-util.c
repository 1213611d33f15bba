/* test-server-keys-import-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-json.h"
#include "roster-keys.h"
#include "test-server-keys-import-util.h"

RosterTestResponse *
keys_import_post (RosterTestServer *server,
                  const char       *token,
                  const char       *path,
                  const char       *csv)
{
  return import_post (server, token, path, "text/csv", csv, -1);
}

void
keys_import_assert_status (RosterTestResponse *response,
                           guint               status)
{
  if (response->status != status)
    g_error ("expected %u, got %u: %.*s", status, response->status,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));
}

void
keys_import_assert_error (RosterTestResponse *response,
                          guint               status,
                          const char         *code)
{
  keys_import_assert_status (response, status);
  g_assert_cmpstr (roster_test_response_error_code (response), ==, code);
}

JsonObject *
keys_import_error (RosterTestResponse *response)
{
  return json_object_get_object_member (roster_test_response_object (response), "error");
}

gboolean
keys_import_body_contains (RosterTestResponse *response,
                           const char         *needle)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (response->body, &len);

  return data != NULL && memmem (data, len, needle, strlen (needle)) != NULL;
}

/* Neither as written nor as compared. */
void
keys_import_assert_no_secret (RosterTestResponse *response,
                              const char         *secret)
{
  g_autofree char *normalised = roster_keys_normalise (secret);

  g_assert_false (keys_import_body_contains (response, secret));
  g_assert_false (keys_import_body_contains (response, normalised));
}

/* A dry run of @csv into CS101 (with @query, or NULL), asserting 200. */
JsonObject *
keys_import_dry_run (RosterTestServer *server,
                     const char       *token,
                     const char       *query,
                     const char       *csv)
{
  g_autofree char *path = g_strdup_printf (CS101_KEYS_IMPORT "?dry_run=true%s%s", query ? "&" : "", query ? query : "");
  g_autoptr(RosterTestResponse) response = keys_import_post (server, token, path, csv);

  keys_import_assert_status (response, 200);
  g_assert_true (json_object_get_boolean_member (roster_test_response_object (response), "dry_run"));
  return json_object_ref (roster_test_response_object (response));
}

JsonArray *
keys_import_rows (JsonObject *report)
{
  return json_object_get_array_member (report, "rows");
}

gint64
keys_import_count (JsonObject *report,
                   const char *outcome)
{
  return json_object_get_int_member (json_object_get_object_member (report, "counts"), outcome);
}

/* "column:code …" of row @index of @report. */
char *
keys_import_row_codes (JsonObject *report,
                       guint       index)
{
  JsonObject *row = json_array_get_object_element (keys_import_rows (report), index);

  return import_problem_codes (json_object_get_array_member (row, "problems"));
}

JsonArray *
keys_import_list (RosterTestServer *server,
                  const char       *token,
                  gint64            method_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", method_id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  keys_import_assert_status (response, 200);
  g_assert_false (keys_import_body_contains (response, "\"secret\""));
  return json_array_ref (json_object_get_array_member (roster_test_response_object (response), "keys"));
}

guint
keys_import_count_keys (RosterTestServer *server,
                        const char       *token,
                        gint64            method_id)
{
  g_autoptr(JsonArray) keys = keys_import_list (server, token, method_id);

  return json_array_get_length (keys);
}

/* The key.created records, oldest first, with their details parsed. */
GPtrArray *
keys_import_created_records (RosterTestServer *server)
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
