/* test-audit-entry.c: RosterAuditEntry and its JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-audit-entry.h"
#include "roster-error.h"
#include "roster-json.h"

static JsonObject *
to_json (RosterAuditEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  roster_audit_entry_to_json (entry, builder);
  root = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (root));
}

static void
test_round_trip (void)
{
  g_autoptr(RosterAuditEntry) entry = roster_audit_entry_new (42, 1788253200, "key.revealed");
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(RosterAuditEntry) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor_name = NULL;
  g_autofree char *target_name = NULL;
  JsonObject *actor;

  json_object_set_string_member (details, "nickname", "Visiting lecturers 2026");
  roster_audit_entry_set_actor (entry, 2, "m.chen", "明", "陈");
  roster_audit_entry_set_target (entry, 9, "k.zhang", NULL, NULL);
  roster_audit_entry_set_course (entry, 1, "CS101");
  roster_audit_entry_set_object (entry, "key", 7);
  roster_audit_entry_set_remote_address (entry, "2001:db8::1");
  roster_audit_entry_set_details (entry, details);

  object = to_json (entry);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 42);
  g_assert_cmpstr (json_object_get_string_member (object, "at"), ==, "2026-09-01T09:00:00Z");
  actor = json_object_get_object_member (object, "actor");
  g_assert_cmpint (json_object_get_int_member (actor, "id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (actor, "username"), ==, "m.chen");
  g_assert_true (json_object_get_null_member (json_object_get_object_member (object, "target"), "first_name"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "course"), "short_name"),
                   ==, "CS101");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "details"), "nickname"),
                   ==, "Visiting lecturers 2026");

  copy = roster_audit_entry_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_audit_entry_get_id (copy), ==, 42);
  g_assert_cmpint (roster_audit_entry_get_at (copy), ==, 1788253200);
  g_assert_cmpstr (roster_audit_entry_get_action (copy), ==, "key.revealed");
  g_assert_cmpint (roster_audit_entry_get_actor_id (copy), ==, 2);
  g_assert_cmpstr (roster_audit_entry_get_actor_username (copy), ==, "m.chen");
  g_assert_cmpstr (roster_audit_entry_get_actor_first_name (copy), ==, "明");
  g_assert_cmpstr (roster_audit_entry_get_actor_last_name (copy), ==, "陈");
  g_assert_cmpint (roster_audit_entry_get_target_id (copy), ==, 9);
  g_assert_cmpstr (roster_audit_entry_get_target_username (copy), ==, "k.zhang");
  g_assert_null (roster_audit_entry_get_target_first_name (copy));
  g_assert_null (roster_audit_entry_get_target_last_name (copy));
  g_assert_cmpint (roster_audit_entry_get_course_id (copy), ==, 1);
  g_assert_cmpstr (roster_audit_entry_get_course_short_name (copy), ==, "CS101");
  g_assert_cmpstr (roster_audit_entry_get_object_type (copy), ==, "key");
  g_assert_cmpint (roster_audit_entry_get_object_id (copy), ==, 7);
  g_assert_cmpstr (roster_audit_entry_get_remote_address (copy), ==, "2001:db8::1");
  g_assert_cmpstr (json_object_get_string_member (roster_audit_entry_get_details (copy), "nickname"),
                   ==, "Visiting lecturers 2026");

  /* Names read as people write them; a bare username otherwise. */
  actor_name = roster_audit_entry_dup_actor_name (copy);
  target_name = roster_audit_entry_dup_target_name (copy);
  g_assert_cmpstr (actor_name, ==, "明 陈");
  g_assert_cmpstr (target_name, ==, "k.zhang");
}

/* A failed sign-in of an unknown name: nobody, on nothing. */
static void
test_nulls (void)
{
  g_autoptr(RosterAuditEntry) entry = roster_audit_entry_new (1, 1788253200, "auth.login_failed");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(RosterAuditEntry) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *actor_name = NULL;
  gint64 object_id = -1;

  object = to_json (entry);
  g_assert_true (json_object_get_null_member (object, "actor"));
  g_assert_true (json_object_get_null_member (object, "target"));
  g_assert_true (json_object_get_null_member (object, "course"));
  g_assert_true (json_object_get_null_member (object, "object_type"));
  g_assert_true (json_object_get_null_member (object, "object_id"));
  g_assert_true (json_object_get_null_member (object, "remote_address"));
  g_assert_true (json_object_get_null_member (object, "details"));

  copy = roster_audit_entry_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_audit_entry_get_actor_id (copy), ==, 0);
  g_assert_cmpint (roster_audit_entry_get_course_id (copy), ==, 0);
  g_assert_null (roster_audit_entry_get_details (copy));
  actor_name = roster_audit_entry_dup_actor_name (copy);
  g_assert_null (actor_name);

  g_object_get (copy, "object-id", &object_id, NULL);
  g_assert_cmpint (object_id, ==, 0);
}

static void
test_invalid (void)
{
  static const char * const cases[] = {
    "{\"at\": \"2026-09-01T09:00:00Z\", \"action\": \"auth.login\"}",
    "{\"id\": 1, \"at\": \"yesterday\", \"action\": \"auth.login\"}",
    "{\"id\": 1, \"at\": \"2026-09-01T09:00:00Z\"}",
    "{\"id\": 1, \"at\": \"2026-09-01T09:00:00Z\", \"action\": \"auth.login\", \"actor\": 3}",
    "{\"id\": 1, \"at\": \"2026-09-01T09:00:00Z\", \"action\": \"auth.login\", \"actor\": {\"username\": \"x\"}}",
    "{\"id\": 1, \"at\": \"2026-09-01T09:00:00Z\", \"action\": \"auth.login\", \"course\": {\"id\": \"1\"}}",
    "{\"id\": 1, \"at\": \"2026-09-01T09:00:00Z\", \"action\": \"auth.login\", \"details\": \"x\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = roster_json_parse_object (cases[i], -1, &error);
      g_autoptr(RosterAuditEntry) entry = NULL;

      g_assert_no_error (error);
      entry = roster_audit_entry_new_from_json (object, &error);
      g_test_message ("%s", cases[i]);
      g_assert_null (entry);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GString *names = user_data;

  g_string_append_printf (names, "%s ", pspec->name);
}

static void
test_notify (void)
{
  g_autoptr(RosterAuditEntry) entry = roster_audit_entry_new (1, 1, "auth.login");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *username = NULL;

  g_signal_connect (entry, "notify", G_CALLBACK (on_notify), names);
  roster_audit_entry_set_actor (entry, 5, "anna", "Anna", "Smith");
  roster_audit_entry_set_actor (entry, 5, "anna", "Anna", "Smith");
  roster_audit_entry_set_course (entry, 3, "CS101");
  roster_audit_entry_set_remote_address (entry, "127.0.0.1");
  g_assert_cmpstr (names->str, ==, "actor-username actor-id course-id course-short-name remote-address ");

  g_object_get (entry, "actor-username", &username, NULL);
  g_assert_cmpstr (username, ==, "anna");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/audit-entry/round-trip", test_round_trip);
  g_test_add_func ("/audit-entry/nulls", test_nulls);
  g_test_add_func ("/audit-entry/invalid", test_invalid);
  g_test_add_func ("/audit-entry/notify", test_notify);

  return g_test_run ();
}
