/* test-method-models.c: RosterMethod and RosterKey: JSON both ways, the
 * rules a method keeps, and what makes a key usable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-key.h"
#include "roster-method.h"

static JsonObject *
round_trip (JsonBuilder *builder,
            char       **text)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_generator_set_root (generator, root);
  *text = json_generator_to_data (generator, NULL);
  object = roster_json_parse_object (*text, -1, &error);
  g_assert_no_error (error);

  return object;
}

/* ---- methods ---- */

static RosterMethod *
self_method (void)
{
  RosterMethod *method = roster_method_new_for_type (ROSTER_METHOD_SELF);

  roster_method_set_id (method, 20);
  roster_method_set_course_id (method, 1);
  roster_method_set_name (method, "External visitors");
  roster_method_set_sort_order (method, 1);
  roster_method_set_enrol_start (method, 1788000000);
  roster_method_set_enrol_end (method, 1790000000);
  roster_method_set_enrol_duration (method, 30 * 24 * 3600);
  roster_method_set_max_enrolled (method, 40);
  roster_method_set_welcome_message (method, "Welcome! 欢迎");
  roster_method_set_notify_admins (method, TRUE);
  roster_method_set_key_count (method, 2);
  roster_method_set_enrolled_count (method, 11);
  roster_method_set_created_at (method, 1780000000);

  return method;
}

static void
test_method_defaults (void)
{
  g_autoptr(RosterMethod) self = roster_method_new_for_type (ROSTER_METHOD_SELF);
  g_autoptr(RosterMethod) manual = roster_method_new_for_type (ROSTER_METHOD_MANUAL);
  g_autoptr(RosterMethod) guest = roster_method_new_for_type (ROSTER_METHOD_GUEST);

  /* PRODUCT.md §3: Guest unless changed. */
  g_assert_cmpint (roster_method_get_default_role (self), ==, ROSTER_ROLE_GUEST);
  g_assert_cmpint (roster_method_get_default_role (guest), ==, ROSTER_ROLE_GUEST);
  g_assert_cmpint (roster_method_get_default_role (manual), ==, ROSTER_ROLE_STUDENT);
  g_assert_true (roster_method_get_enabled (self));
  g_assert_false (roster_method_get_notify_admins (self));
  g_assert_null (roster_method_get_name (self));
}

static void
test_method_json (void)
{
  g_autoptr(RosterMethod) method = self_method ();
  g_autoptr(RosterMethod) parsed = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  roster_method_to_json (method, builder);
  object = round_trip (builder, &text);

  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "self");
  g_assert_cmpstr (json_object_get_string_member (object, "default_role"), ==, "guest");
  g_assert_cmpstr (json_object_get_string_member (object, "enrol_end"), ==, "2026-09-21T14:13:20Z");
  g_assert_cmpint (json_object_get_int_member (object, "key_count"), ==, 2);

  parsed = roster_method_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_method_get_id (parsed), ==, 20);
  g_assert_cmpint (roster_method_get_course_id (parsed), ==, 1);
  g_assert_cmpint (roster_method_get_method_type (parsed), ==, ROSTER_METHOD_SELF);
  g_assert_cmpstr (roster_method_get_name (parsed), ==, "External visitors");
  g_assert_cmpint (roster_method_get_sort_order (parsed), ==, 1);
  g_assert_true (roster_method_get_enabled (parsed));
  g_assert_cmpint (roster_method_get_enrol_start (parsed), ==, 1788000000);
  g_assert_cmpint (roster_method_get_enrol_end (parsed), ==, 1790000000);
  g_assert_cmpint (roster_method_get_enrol_duration (parsed), ==, 30 * 24 * 3600);
  g_assert_cmpint (roster_method_get_max_enrolled (parsed), ==, 40);
  g_assert_cmpstr (roster_method_get_welcome_message (parsed), ==, "Welcome! 欢迎");
  g_assert_true (roster_method_get_notify_admins (parsed));
  g_assert_cmpint (roster_method_get_key_count (parsed), ==, 2);
  g_assert_cmpint (roster_method_get_enrolled_count (parsed), ==, 11);
  g_assert_cmpint (roster_method_get_created_at (parsed), ==, 1780000000);
}

static void
test_method_json_manual (void)
{
  g_autoptr(RosterMethod) method = roster_method_new_for_type (ROSTER_METHOD_MANUAL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(RosterMethod) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  roster_method_set_id (method, 1);
  roster_method_to_json (method, builder);
  object = round_trip (builder, &text);

  /* No keys on a manual method, so no count of them; the default name
   * and "no limit" travel as null. */
  g_assert_false (json_object_has_member (object, "key_count"));
  g_assert_true (json_object_get_null_member (object, "name"));
  g_assert_true (json_object_get_null_member (object, "enrol_start"));
  g_assert_true (json_object_get_null_member (object, "welcome_message"));

  parsed = roster_method_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_method_get_default_role (parsed), ==, ROSTER_ROLE_STUDENT);
  g_assert_null (roster_method_get_name (parsed));

  bad = roster_json_parse_object ("{\"id\": 1, \"type\": \"ldap\", \"default_role\": \"guest\"}", -1, NULL);
  g_assert_null (roster_method_new_from_json (bad, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
check_invalid (RosterMethod *method,
               const char   *member)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", member);

  g_assert_false (roster_method_validate (method, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  if (strstr (error->message, quoted) == NULL)
    g_error ("“%s” does not name %s", error->message, member);
}

static void
test_method_validate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (ROSTER_METHOD_MAX_NAME + 1, 'x');
  g_autofree char *long_welcome = g_strnfill (ROSTER_METHOD_MAX_WELCOME + 1, 'x');
  GString *cjk_name = g_string_new (NULL);

  {
    g_autoptr(RosterMethod) method = self_method ();

    g_assert_true (roster_method_validate (method, &error));
    g_assert_no_error (error);

    roster_method_set_name (method, long_name);
    check_invalid (method, "name");

    /* Characters, not bytes: 255 Chinese characters are fine. */
    for (guint i = 0; i < ROSTER_METHOD_MAX_NAME; i++)
      g_string_append (cjk_name, "课");
    roster_method_set_name (method, cjk_name->str);
    g_assert_true (roster_method_validate (method, NULL));

    roster_method_set_welcome_message (method, long_welcome);
    check_invalid (method, "welcome_message");
  }

  {
    g_autoptr(RosterMethod) method = self_method ();

    roster_method_set_enrol_end (method, roster_method_get_enrol_start (method));
    check_invalid (method, "enrol_end");
    /* Either end alone is fine. */
    roster_method_set_enrol_start (method, 0);
    g_assert_true (roster_method_validate (method, NULL));
  }

  {
    g_autoptr(RosterMethod) method = self_method ();

    roster_method_set_enrol_duration (method, -1);
    check_invalid (method, "enrol_duration");
    roster_method_set_enrol_duration (method, 0);
    roster_method_set_max_enrolled (method, -5);
    check_invalid (method, "max_enrolled");
    roster_method_set_max_enrolled (method, 0);
    roster_method_set_default_role (method, ROSTER_ROLE_NONE);
    check_invalid (method, "default_role");
    roster_method_set_default_role (method, ROSTER_ROLE_EXTERNAL_MODERATOR);
    g_assert_true (roster_method_validate (method, NULL));
  }

  /* Self-enrolment settings on other types would be ignored: refused. */
  {
    g_autoptr(RosterMethod) manual = roster_method_new_for_type (ROSTER_METHOD_MANUAL);
    g_autoptr(RosterMethod) guest = roster_method_new_for_type (ROSTER_METHOD_GUEST);

    g_assert_true (roster_method_validate (manual, NULL));
    roster_method_set_enrol_duration (manual, 3600);
    g_assert_true (roster_method_validate (manual, NULL));
    roster_method_set_welcome_message (manual, "Hello");
    check_invalid (manual, "welcome_message");

    roster_method_set_enrol_duration (guest, 3600);
    check_invalid (guest, "enrol_duration");
    roster_method_set_enrol_duration (guest, 0);
    roster_method_set_notify_admins (guest, TRUE);
    check_invalid (guest, "notify_admins");
    roster_method_set_notify_admins (guest, FALSE);
    roster_method_set_max_enrolled (guest, 3);
    check_invalid (guest, "max_enrolled");
  }

  g_string_free (cjk_name, TRUE);
}

static void
test_method_patch (void)
{
  g_autoptr(RosterMethod) method = self_method ();
  RosterMethodPatch patch = {
    .fields = ROSTER_METHOD_FIELD_NAME | ROSTER_METHOD_FIELD_ENABLED | ROSTER_METHOD_FIELD_ENROL_START,
    .name = NULL,
    .enabled = FALSE,
    .enrol_start = 0,
    /* Not in .fields: left alone. */
    .max_enrolled = 99,
    .welcome_message = "ignored",
  };
  g_autofree char *name = NULL;

  roster_method_apply_patch (method, &patch);

  g_assert_null (roster_method_get_name (method));
  g_assert_false (roster_method_get_enabled (method));
  g_assert_cmpint (roster_method_get_enrol_start (method), ==, 0);
  g_assert_cmpint (roster_method_get_enrol_end (method), ==, 1790000000);
  g_assert_cmpint (roster_method_get_max_enrolled (method), ==, 40);
  g_assert_cmpstr (roster_method_get_welcome_message (method), ==, "Welcome! 欢迎");

  /* Without a name of its own, a method is called after its type. */
  name = roster_method_dup_display_name (method);
  g_assert_cmpstr (name, ==, "Self enrolment");
}

/* ---- keys ---- */

static RosterKey *
group_key (void)
{
  RosterKey *key = roster_key_new ();

  roster_key_set_id (key, 7);
  roster_key_set_course_id (key, 2);
  roster_key_set_method_id (key, 30);
  roster_key_set_nickname (key, "Partners 2027");
  roster_key_set_group_id (key, 4);
  roster_key_set_group_name (key, "Group A");
  roster_key_set_expires_at (key, 1800000000);
  roster_key_set_max_uses (key, 10);
  roster_key_set_uses (key, 3);
  roster_key_set_created_at (key, 1780000000);
  roster_key_set_created_by_id (key, 2);
  roster_key_set_created_by_username (key, "m.chen");
  roster_key_set_last_used_at (key, 1781000000);

  return key;
}

static void
test_key_json (void)
{
  g_autoptr(RosterKey) key = group_key ();
  g_autoptr(RosterKey) parsed = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *group;

  roster_key_to_json (key, builder);
  object = round_trip (builder, &text);

  g_assert_false (json_object_has_member (object, "secret"));
  group = json_object_get_object_member (object, "group");
  g_assert_cmpint (json_object_get_int_member (group, "id"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (group, "name"), ==, "Group A");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "created_by"),
                                                  "username"), ==, "m.chen");

  parsed = roster_key_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_key_get_id (parsed), ==, 7);
  g_assert_cmpint (roster_key_get_course_id (parsed), ==, 2);
  g_assert_cmpint (roster_key_get_method_id (parsed), ==, 30);
  g_assert_cmpstr (roster_key_get_nickname (parsed), ==, "Partners 2027");
  g_assert_true (roster_key_get_active (parsed));
  g_assert_cmpint (roster_key_get_group_id (parsed), ==, 4);
  g_assert_cmpstr (roster_key_get_group_name (parsed), ==, "Group A");
  g_assert_cmpint (roster_key_get_expires_at (parsed), ==, 1800000000);
  g_assert_cmpint (roster_key_get_max_uses (parsed), ==, 10);
  g_assert_cmpint (roster_key_get_uses (parsed), ==, 3);
  g_assert_cmpint (roster_key_get_created_at (parsed), ==, 1780000000);
  g_assert_cmpint (roster_key_get_created_by_id (parsed), ==, 2);
  g_assert_cmpstr (roster_key_get_created_by_username (parsed), ==, "m.chen");
  g_assert_cmpint (roster_key_get_last_used_at (parsed), ==, 1781000000);
}

static void
test_key_json_nulls (void)
{
  g_autoptr(RosterKey) key = roster_key_new ();
  g_autoptr(RosterKey) parsed = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonObject) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  roster_key_set_id (key, 1);
  roster_key_set_method_id (key, 20);
  roster_key_set_nickname (key, "Visitors");
  roster_key_set_active (key, FALSE);
  roster_key_to_json (key, builder);
  object = round_trip (builder, &text);

  g_assert_true (json_object_get_null_member (object, "group"));
  g_assert_true (json_object_get_null_member (object, "created_by"));
  g_assert_true (json_object_get_null_member (object, "expires_at"));
  g_assert_true (json_object_get_null_member (object, "last_used_at"));

  parsed = roster_key_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_false (roster_key_get_active (parsed));
  g_assert_cmpint (roster_key_get_group_id (parsed), ==, 0);
  g_assert_null (roster_key_get_group_name (parsed));
  g_assert_cmpint (roster_key_get_created_by_id (parsed), ==, 0);

  bad = roster_json_parse_object ("{\"id\": 1, \"method_id\": 2, \"nickname\": \"x\", \"group\": 4}", -1, NULL);
  g_assert_null (roster_key_new_from_json (bad, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
}

static void
test_key_usable (void)
{
  g_autoptr(RosterKey) key = group_key ();
  const gint64 now = 1790000000;

  g_assert_true (roster_key_is_usable (key, now));

  roster_key_set_active (key, FALSE);
  g_assert_false (roster_key_is_usable (key, now));
  roster_key_set_active (key, TRUE);

  /* Expired at the moment of expiry. */
  g_assert_false (roster_key_is_usable (key, 1800000000));
  roster_key_set_expires_at (key, 0);
  g_assert_true (roster_key_is_usable (key, 1800000000));

  roster_key_set_uses (key, 10);
  g_assert_false (roster_key_is_usable (key, now));
  roster_key_set_max_uses (key, 0);
  g_assert_true (roster_key_is_usable (key, now));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/models/method/defaults", test_method_defaults);
  g_test_add_func ("/models/method/json", test_method_json);
  g_test_add_func ("/models/method/json-manual", test_method_json_manual);
  g_test_add_func ("/models/method/validate", test_method_validate);
  g_test_add_func ("/models/method/patch", test_method_patch);
  g_test_add_func ("/models/key/json", test_key_json);
  g_test_add_func ("/models/key/json-nulls", test_key_json_nulls);
  g_test_add_func ("/models/key/usable", test_key_usable);

  return g_test_run ();
}
