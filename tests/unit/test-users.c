/* test-users.c: the rules of user administration (roster-users.c) and
 * the removal request model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-removal-request.h"
#include "roster-secret-box.h"
#include "roster-users.h"

static void
test_username (void)
{
  static const struct { const char *username; gboolean ok; } cases[] = {
    { "d.novak", TRUE },
    { "Anna_Maria-2", TRUE },
    { "ana@uni.example", TRUE },
    { "王丽", TRUE },
    { "", FALSE },
    { "two words", FALSE },
    { " lead", FALSE },
    { "tab\there", FALSE },
    { "ideographic\xe3\x80\x80space", FALSE },
    { "zero\xe2\x80\x8bwidth", FALSE },
    { "erased-12", FALSE },
    { "ERASED-x", FALSE },
    /* Full-width letters fold to "erased-" as well. */
    { "\xef\xbd\x85rased-3", FALSE },
    { "erased", TRUE },
    { "not-erased-1", TRUE },
  };
  g_autofree char *long_name = g_strnfill (ROSTER_USERS_MAX_USERNAME_CHARS + 1, 'a');
  g_autofree char *max_name = g_strnfill (ROSTER_USERS_MAX_USERNAME_CHARS, 'a');
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("username “%s”", cases[i].username);
      g_assert_cmpint (roster_users_check_username (cases[i].username, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
      g_clear_error (&error);
    }

  g_assert_true (roster_users_check_username (max_name, NULL));
  g_assert_false (roster_users_check_username (long_name, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (roster_users_check_username (NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_email (void)
{
  static const struct { const char *email; gboolean ok; } cases[] = {
    { "ana@uni.example", TRUE },
    { "Ana.Smith+roster@Uni.Example", TRUE },
    { "张伟@例子.中国", TRUE },
    { "", FALSE },
    { "ana.uni.example", FALSE },
    { "@uni.example", FALSE },
    { "ana@", FALSE },
    { "ana@b@c", FALSE },
    { "ana @uni.example", FALSE },
    { "ana@uni.example ", FALSE },
    { "ana@uni\n.example", FALSE },
  };
  g_autofree char *local = g_strnfill (250, 'a');
  g_autofree char *too_long = g_strconcat (local, "@b.cd", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("e-mail “%s”", cases[i].email);
      g_assert_cmpint (roster_users_check_email (cases[i].email, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
      g_clear_error (&error);
    }

  g_assert_false (roster_users_check_email (too_long, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_name (void)
{
  g_autofree char *long_name = g_strnfill (ROSTER_USERS_MAX_NAME_CHARS + 1, 'x');
  g_autoptr(GString) cjk = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Counted in characters: 100 Chinese characters are 300 bytes. */
  for (guint i = 0; i < ROSTER_USERS_MAX_NAME_CHARS; i++)
    g_string_append (cjk, "陈");

  g_assert_true (roster_users_check_name ("first_name", "Émilie", NULL));
  g_assert_true (roster_users_check_name ("first_name", "", NULL));
  g_assert_true (roster_users_check_name ("last_name", "O’Brien-Ó Briain", NULL));
  g_assert_true (roster_users_check_name ("last_name", cjk->str, NULL));

  g_assert_false (roster_users_check_name ("last_name", long_name, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "last_name"));
  g_clear_error (&error);
  g_assert_false (roster_users_check_name ("first_name", "Bad\x01name", &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (roster_users_check_name ("first_name", NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_generated_password (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counts[128] = { 0, };
  guint n_symbols = 0;
  const guint n_passwords = 2000;
  double chi2 = 0;

  for (guint i = 0; i < n_passwords; i++)
    {
      g_autoptr(GError) error = NULL;
      char *password = roster_users_generate_password (&error);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (password), ==, ROSTER_USERS_PASSWORD_LENGTH);
      for (const char *p = password; *p; p++)
        {
          g_assert_true (roster_users_is_password_alphabet ((guchar) *p));
          counts[(guchar) *p]++;
        }
      /* 92 bits: never the same twice. */
      g_assert_true (g_hash_table_add (seen, password));
    }

  /* No look-alikes … */
  for (const char *p = "0Oo1lIi"; *p; p++)
    {
      g_assert_false (roster_users_is_password_alphabet ((guchar) *p));
      g_assert_cmpuint (counts[(guchar) *p], ==, 0);
    }

  /* … and every symbol equally likely. Pearson's χ² over 32 000 draws
   * and 55 symbols (54 degrees of freedom, mean 54): above 125 has a
   * chance below one in a million. A plain modulo of a byte, which makes
   * the first 36 symbols 5/4 as likely as the others, scores about 330. */
  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      double expected = n_passwords * ROSTER_USERS_PASSWORD_LENGTH / 55.0;

      if (!roster_users_is_password_alphabet (c))
        continue;
      n_symbols++;
      chi2 += (counts[c] - expected) * (counts[c] - expected) / expected;
    }
  g_test_message ("chi2 = %.1f", chi2);
  g_assert_cmpfloat (chi2, <, 125.0);
  g_assert_cmpuint (n_symbols, ==, 55);
}

static void
test_email_hash (void)
{
  static const guint8 key[32] = { 1, 2, 3 };
  static const guint8 other_key[32] = { 3, 2, 1 };
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_for_key (key, sizeof key);
  g_autoptr(RosterSecretBox) other = roster_secret_box_new_for_key (other_key, sizeof other_key);
  g_autofree char *hash = roster_users_email_hash ("ana@uni.example", box);
  g_autofree char *again = roster_users_email_hash ("ana@uni.example", box);
  g_autofree char *elsewhere = roster_users_email_hash ("ana@uni.example", other);
  g_autofree char *expected = roster_secret_box_lookup_hash (box, "ana@uni.example");

  /* Keyed: the same server finds it again, another server's key (or a
   * dictionary of addresses without the key) does not. */
  g_assert_cmpstr (hash, ==, again);
  g_assert_cmpstr (hash, ==, expected);
  g_assert_cmpstr (hash, !=, elsewhere);
  g_assert_null (strstr (hash, "ana"));
}

/* ---- the removal request model ---- */

static char *
to_json (RosterRemovalRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  roster_removal_request_to_json (request, builder);
  root = json_builder_get_root (builder);
  return roster_json_object_to_string (json_node_get_object (root));
}

static void
test_removal_request_json (void)
{
  g_autoptr(RosterRemovalRequest) request = roster_removal_request_new ();
  g_autoptr(RosterRemovalRequest) copy = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  roster_removal_request_set_id (request, 7);
  roster_removal_request_set_user_id (request, 12);
  roster_removal_request_set_username (request, "n.okoro");
  roster_removal_request_set_first_name (request, "Ngozi");
  roster_removal_request_set_last_name (request, "Okoro");
  roster_removal_request_set_email (request, "ngozi.okoro@mail.example");
  roster_removal_request_set_user_state (request, ROSTER_USER_STATE_PENDING);
  roster_removal_request_set_requested_at (request, 1790000000);
  roster_removal_request_set_reason (request, "No longer needed");
  roster_removal_request_set_status (request, ROSTER_REMOVAL_STATUS_DECLINED);
  roster_removal_request_set_decided_at (request, 1790003600);
  roster_removal_request_set_decided_by (request, 1);
  roster_removal_request_set_decision_reason (request, "Exams first");

  json = to_json (request);
  g_assert_cmpstr (json, ==,
                   "{\"id\":7,\"user\":{\"id\":12,\"username\":\"n.okoro\",\"first_name\":\"Ngozi\","
                   "\"last_name\":\"Okoro\",\"email\":\"ngozi.okoro@mail.example\",\"state\":\"pending\"},"
                   "\"requested_at\":\"2026-09-21T14:13:20Z\",\"reason\":\"No longer needed\","
                   "\"status\":\"declined\",\"decided_at\":\"2026-09-21T15:13:20Z\",\"decided_by\":1,"
                   "\"decision_reason\":\"Exams first\"}");

  object = roster_json_parse_object (json, -1, &error);
  g_assert_no_error (error);
  copy = roster_removal_request_new_from_json (object, &error);
  g_assert_no_error (error);
  json_again = to_json (copy);
  g_assert_cmpstr (json_again, ==, json);

  /* Properties, for the app's list models and expressions. */
  {
    g_autofree char *username = NULL;
    RosterRemovalStatus status = ROSTER_REMOVAL_STATUS_PENDING;

    g_object_get (copy, "username", &username, "status", &status, NULL);
    g_assert_cmpstr (username, ==, "n.okoro");
    g_assert_cmpint (status, ==, ROSTER_REMOVAL_STATUS_DECLINED);
  }
}

static void
test_removal_request_pending_json (void)
{
  g_autoptr(RosterRemovalRequest) request = roster_removal_request_new ();
  g_autofree char *json = NULL;

  roster_removal_request_set_id (request, 1);
  roster_removal_request_set_user_id (request, 2);
  roster_removal_request_set_username (request, "erased-2");
  roster_removal_request_set_first_name (request, "");
  roster_removal_request_set_last_name (request, "");
  roster_removal_request_set_user_state (request, ROSTER_USER_STATE_ERASED);
  roster_removal_request_set_requested_at (request, 1790000000);

  /* Nothing decided: nulls, not zeros. */
  json = to_json (request);
  g_assert_cmpstr (json, ==,
                   "{\"id\":1,\"user\":{\"id\":2,\"username\":\"erased-2\",\"first_name\":\"\","
                   "\"last_name\":\"\",\"email\":null,\"state\":\"erased\"},"
                   "\"requested_at\":\"2026-09-21T14:13:20Z\",\"reason\":null,\"status\":\"pending\","
                   "\"decided_at\":null,\"decided_by\":null,\"decision_reason\":null}");
}

static void
test_removal_request_bad_json (void)
{
  static const char * const bad[] = {
    "{\"id\":1,\"requested_at\":\"2026-09-21T14:13:20Z\",\"status\":\"pending\"}",
    "{\"id\":1,\"user\":{\"id\":2,\"username\":\"x\",\"state\":\"active\"},"
    "\"requested_at\":\"2026-09-21T14:13:20Z\",\"status\":\"maybe\"}",
    "{\"id\":1,\"user\":{\"id\":2,\"username\":\"x\",\"state\":\"gone\"},"
    "\"requested_at\":\"2026-09-21T14:13:20Z\",\"status\":\"pending\"}",
    "{\"id\":\"1\",\"user\":{\"id\":2,\"username\":\"x\",\"state\":\"active\"},"
    "\"requested_at\":\"2026-09-21T14:13:20Z\",\"status\":\"pending\"}",
    "{\"id\":1,\"user\":{\"id\":2,\"username\":\"x\",\"state\":\"active\"},"
    "\"requested_at\":\"yesterday\",\"status\":\"pending\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonObject) object = roster_json_parse_object (bad[i], -1, NULL);
      g_autoptr(RosterRemovalRequest) request = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (object);
      request = roster_removal_request_new_from_json (object, &error);
      g_assert_null (request);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

static void
test_removal_status (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ROSTER_TYPE_REMOVAL_STATUS);
  RosterRemovalStatus status;

  g_assert_cmpuint (klass->n_values, ==, 3);
  for (guint i = 0; i < klass->n_values; i++)
    {
      const char *name = roster_removal_status_to_string (klass->values[i].value);

      g_assert_cmpstr (name, ==, klass->values[i].value_nick);
      g_assert_true (roster_removal_status_from_string (name, &status));
      g_assert_cmpint (status, ==, klass->values[i].value);
    }
  g_assert_false (roster_removal_status_from_string ("Pending", &status));
  g_assert_false (roster_removal_status_from_string (NULL, &status));
  g_assert_null (roster_removal_status_to_string (42));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/users/username", test_username);
  g_test_add_func ("/users/email", test_email);
  g_test_add_func ("/users/name", test_name);
  g_test_add_func ("/users/generated-password", test_generated_password);
  g_test_add_func ("/users/email-hash", test_email_hash);
  g_test_add_func ("/removal-request/json", test_removal_request_json);
  g_test_add_func ("/removal-request/pending-json", test_removal_request_pending_json);
  g_test_add_func ("/removal-request/bad-json", test_removal_request_bad_json);
  g_test_add_func ("/removal-request/status", test_removal_status);

  return g_test_run ();
}
