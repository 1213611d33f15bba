/* test-keys.c: the enrolment keys of a self method, against a real
 * roster-server; and the preview of a CSV file of keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-keys.h"
#include "roster-client.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-key-import-preview.h"

/* CS101's self method "External visitors" in the demo, with two keys. */
#define CS101_ID  1
#define METHOD_ID 20

/* The server, and a client that trusts it. */
typedef RosterAppFixture Fixture;

/* m.chen leads CS101: she may manage and reveal its keys. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  roster_app_fixture_set_up (fixture, data);
  roster_app_fixture_sign_in (fixture, "m.chen");
}

static GListModel *
list_keys (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *keys;

  roster_client_list_keys_async (fixture->client, METHOD_ID, NULL, roster_app_test_result_cb, &result);
  keys = roster_client_list_keys_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  return keys;
}

static RosterKey *
create_key (Fixture              *fixture,
            const RosterKeySpec  *spec,
            char                **secret,
            GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_create_key_async (fixture->client, METHOD_ID, spec, NULL, roster_app_test_result_cb, &result);
  return roster_client_create_key_finish (fixture->client, roster_app_test_wait (&result), secret, error);
}

static char *
reveal (Fixture *fixture,
        gint64   key_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  roster_client_reveal_key_async (fixture->client, key_id, NULL, roster_app_test_result_cb, &result);
  secret = roster_client_reveal_key_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  return secret;
}

static void
test_list (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) keys = list_keys (fixture);
  g_autoptr(RosterKey) first = NULL;
  g_autoptr(RosterKey) second = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 2);
  first = g_list_model_get_item (keys, 0);
  second = g_list_model_get_item (keys, 1);
  g_assert_cmpstr (roster_key_get_nickname (first), ==, "Visiting lecturers 2026");
  g_assert_true (roster_key_get_active (first));
  g_assert_cmpint (roster_key_get_uses (first), ==, 8);
  g_assert_cmpstr (roster_key_get_nickname (second), ==, "Summer school 2025");
  g_assert_false (roster_key_get_active (second));
}

static void
test_create_generated (Fixture       *fixture,
                       gconstpointer  data)
{
  RosterKeySpec spec = { .nickname = "Partners 2027", .max_uses = 30,
                         .expires_at = g_get_real_time () / G_USEC_PER_SEC + 30 * 24 * 3600 };
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *revealed = NULL;
  g_autoptr(RosterKey) key = create_key (fixture, &spec, &secret, &error);
  g_autoptr(GListModel) keys = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Partners 2027");
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 30);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, spec.expires_at);
  /* 16 symbols in groups of four. */
  g_assert_cmpuint (strlen (secret), ==, 19);
  g_assert_true (roster_key_check_secret (secret, NULL));

  /* Reveal answers with what creating answered. */
  revealed = reveal (fixture, roster_key_get_id (key));
  g_assert_cmpstr (revealed, ==, secret);

  keys = list_keys (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 3);
}

static void
test_create_typed (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterKeySpec spec = { .nickname = "Open day", .secret = "OPEN-DAY-2027-LYON" };
  RosterKeySpec weak = { .nickname = "Weak", .secret = "ab-cd-ef" };
  RosterKeySpec again = { .nickname = "Again", .secret = "open day 2027 lyon" };
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *revealed = NULL;
  g_autoptr(RosterKey) key = create_key (fixture, &spec, &secret, &error);
  g_autoptr(RosterKey) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, "OPEN-DAY-2027-LYON");
  revealed = reveal (fixture, roster_key_get_id (key));
  g_assert_cmpstr (revealed, ==, "OPEN-DAY-2027-LYON");

  /* The app's check says what the server says. */
  g_assert_false (roster_key_check_secret (weak.secret, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  refused = create_key (fixture, &weak, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);

  /* The same secret in another form: taken, without saying where. */
  refused = create_key (fixture, &again, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

static void
test_policy (void)
{
  g_autofree char *long_secret = g_strnfill (129, 'A');

  g_assert_true (roster_key_check_secret ("K7QM-XPAR-3TWE-9HCN", NULL));
  g_assert_true (roster_key_check_secret ("  CS101-VISIT-7QMX  ", NULL));
  g_assert_false (roster_key_check_secret ("SHORT", NULL));
  g_assert_false (roster_key_check_secret ("a-b-c-d-e-f-g", NULL));
  g_assert_false (roster_key_check_secret ("ABCD\nEFGHIJ", NULL));
  g_assert_false (roster_key_check_secret (long_secret, NULL));
  g_assert_true (roster_key_check_secret (long_secret + 1, NULL));
}

static void
test_deactivate_delete (Fixture       *fixture,
                        gconstpointer  data)
{
  RosterKeySpec spec = { .nickname = "Short-lived" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = create_key (fixture, &spec, NULL, &error);
  g_autoptr(RosterKey) changed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GListModel) keys = NULL;

  g_assert_no_error (error);
  g_assert_true (roster_key_get_active (key));

  roster_client_set_key_active_async (fixture->client, roster_key_get_id (key), FALSE, NULL, roster_app_test_result_cb, &result);
  changed = roster_client_set_key_active_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_false (roster_key_get_active (changed));

  roster_client_delete_key_async (fixture->client, roster_key_get_id (key), NULL, roster_app_test_result_cb, &deleted);
  g_assert_true (roster_client_delete_key_finish (fixture->client, roster_app_test_wait (&deleted), &error));
  g_assert_no_error (error);

  keys = list_keys (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 2);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  static const char good[] = "nickname,secret,max_uses\nLyon,,30\nTurin,TURIN-2027-VISIT,\n";
  static const char bad[] = "nickname,secret\nBad,short\n";
  g_autoptr(GBytes) good_bytes = g_bytes_new_static (good, strlen (good));
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, strlen (bad));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) no_report = NULL;
  JsonArray *keys;

  roster_client_import_keys_async (fixture->client, CS101_ID, METHOD_ID, good_bytes, NULL, roster_app_test_result_cb, &result);
  answer = roster_client_import_keys_finish (fixture->client, roster_app_test_wait (&result), &no_report, &error);
  g_assert_no_error (error);
  g_assert_null (no_report);
  keys = json_object_get_array_member (answer, "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (keys, 1), "secret"), ==,
                   "TURIN-2027-VISIT");

  /* A refused file: the error, and the report of its rows. */
  roster_client_import_keys_async (fixture->client, CS101_ID, METHOD_ID, bad_bytes, NULL, roster_app_test_result_cb, &refused);
  g_assert_null (roster_client_import_keys_finish (fixture->client, roster_app_test_wait (&refused), &report, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_assert_nonnull (report);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "counts"), "error"), ==, 1);
}

static void
test_preview (void)
{
  /* Semicolons and Windows-1252, as Excel writes in much of Europe. */
  static const char csv[] = "Nickname;Secret;Max uses:;Notes\r\n"
                            "Lyc\xe9" "e Lyon;;30;first\r\n"
                            "Turin;TURIN-2027-VISIT;;\r\n"
                            "\r\n"
                            "Guests;;;\r\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, strlen (csv));
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKeyImportPreview) preview = NULL;

  preview = roster_key_import_preview_new_from_bytes (bytes, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_key_import_preview_get_delimiter (preview), ==, ';');
  g_assert_cmpuint (roster_key_import_preview_get_n_columns (preview), ==, 4);
  g_assert_cmpstr (roster_key_import_preview_get_field (preview, 0), ==, "nickname");
  g_assert_cmpstr (roster_key_import_preview_get_field (preview, 1), ==, "secret");
  g_assert_cmpstr (roster_key_import_preview_get_field (preview, 2), ==, "max_uses");
  g_assert_null (roster_key_import_preview_get_field (preview, 3));
  g_assert_cmpstr (roster_key_import_preview_get_column (preview, 2), ==, "Max uses:");
  g_assert_true (roster_key_import_preview_has_nickname (preview));
  g_assert_cmpuint (roster_key_import_preview_get_n_rows (preview), ==, 2);
  g_assert_cmpuint (roster_key_import_preview_get_total_rows (preview), ==, 3);
  g_assert_cmpstr (roster_key_import_preview_get_value (preview, 0, 0), ==, "Lycée Lyon");
  g_assert_cmpstr (roster_key_import_preview_get_value (preview, 1, 1), ==, "TURIN-2027-VISIT");
  g_assert_cmpstr (roster_key_import_preview_get_value (preview, 1, 9), ==, "");

  g_assert_cmpstr (roster_key_import_column_field ("expires_at"), ==, "expires");
  g_assert_cmpstr (roster_key_import_column_field ("GROUP"), ==, "group");
  g_assert_null (roster_key_import_column_field ("nick"));
}

static void
test_signup_link (void)
{
  g_autofree char *link = roster_key_signup_link ("https://roster.example:8443", "K7QM-XPAR 3TWE");

  g_assert_cmpstr (link, ==, "https://roster.example:8443/signup?key=K7QM-XPAR%203TWE");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/policy", test_policy);
  g_test_add_func ("/keys/preview", test_preview);
  g_test_add_func ("/keys/signup-link", test_signup_link);
  g_test_add ("/keys/list", Fixture, NULL, fixture_set_up, test_list, roster_app_fixture_tear_down);
  g_test_add ("/keys/create-generated", Fixture, NULL, fixture_set_up, test_create_generated, roster_app_fixture_tear_down);
  g_test_add ("/keys/create-typed", Fixture, NULL, fixture_set_up, test_create_typed, roster_app_fixture_tear_down);
  g_test_add ("/keys/deactivate-delete", Fixture, NULL, fixture_set_up, test_deactivate_delete, roster_app_fixture_tear_down);
  g_test_add ("/keys/import", Fixture, NULL, fixture_set_up, test_import, roster_app_fixture_tear_down);

  return g_test_run ();
}
