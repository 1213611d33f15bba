/* test-sqlite-methods.c: the SQLite driver of RosterStorage: enrolment
 * methods (their keys are in test-sqlite-keys.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "methods-dataset.h"

/* "id:sort_order id:sort_order …" of a course's methods, in order. */
static char *
method_order (RosterStorage *storage,
              gint64         course_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = roster_storage_list_methods (storage, course_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < methods->len; i++)
    {
      RosterMethod *method = g_ptr_array_index (methods, i);

      g_string_append_printf (out, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i ? " " : "",
                              roster_method_get_id (method), roster_method_get_sort_order (method));
    }

  return g_string_free (out, FALSE);
}

static void
test_list_methods (MethodsFixture *fixture,
                   gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) methods = roster_storage_list_methods (storage, CS, &error);
  g_autoptr(GPtrArray) none = roster_storage_list_methods (storage, 999, &error);
  g_autoptr(RosterMethod) missing = NULL;
  RosterMethod *manual, *self;

  g_assert_no_error (error);
  g_assert_cmpuint (methods->len, ==, 3);
  g_assert_cmpuint (none->len, ==, 0);

  manual = g_ptr_array_index (methods, 0);
  self = g_ptr_array_index (methods, 1);
  g_assert_cmpint (roster_method_get_id (manual), ==, CS_MANUAL);
  g_assert_cmpint (roster_method_get_enrolled_count (manual), ==, 2);
  g_assert_cmpint (roster_method_get_key_count (manual), ==, 0);
  g_assert_cmpint (roster_method_get_id (self), ==, CS_SELF);
  g_assert_cmpint (roster_method_get_method_type (self), ==, ROSTER_METHOD_SELF);
  g_assert_cmpstr (roster_method_get_name (self), ==, "Visitors");
  g_assert_cmpint (roster_method_get_key_count (self), ==, 2);
  g_assert_cmpint (roster_method_get_enrolled_count (self), ==, 2);
  g_assert_cmpint (roster_method_get_enrol_end (self), ==, NOW + 1000);
  g_assert_cmpint (roster_method_get_course_id (self), ==, CS);
  g_assert_false (roster_method_get_enabled (g_ptr_array_index (methods, 2)));

  missing = roster_storage_get_method (storage, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static gint64
create_method (RosterStorage     *storage,
               gint64             course_id,
               RosterMethodType   type,
               gint64             sort_order,
               GError           **error)
{
  g_autoptr(RosterMethod) method = roster_method_new_for_type (type);
  RosterAuditEvent event = audit ("method.created", course_id);

  roster_method_set_course_id (method, course_id);
  roster_method_set_sort_order (method, sort_order);
  return roster_storage_create_method (storage, method, &event, error);
}

static void
test_create_method (MethodsFixture *fixture,
                    gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) created = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *order = NULL;
  gint64 self_id, guest_id, first_id;

  /* Appended. */
  self_id = create_method (storage, CS, ROSTER_METHOD_SELF, G_MAXINT64, &error);
  g_assert_no_error (error);
  created = roster_storage_get_method (storage, self_id, &error);
  g_assert_cmpint (roster_method_get_sort_order (created), ==, 3);
  g_assert_cmpint (roster_method_get_default_role (created), ==, ROSTER_ROLE_GUEST);
  g_assert_true (roster_method_get_enabled (created));
  g_assert_cmpint (roster_method_get_created_at (created), >, 0);

  record = last_audit (storage, "method.created");
  g_assert_cmpint (record->object_id, ==, self_id);
  g_assert_cmpint (record->course_id, ==, CS);

  /* One guest method at most, one manual method. */
  guest_id = create_method (storage, CS, ROSTER_METHOD_GUEST, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (create_method (storage, CS, ROSTER_METHOD_GUEST, G_MAXINT64, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (create_method (storage, CS, ROSTER_METHOD_MANUAL, G_MAXINT64, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Put first: the others move down by one. */
  first_id = create_method (storage, CS, ROSTER_METHOD_SELF, 0, &error);
  g_assert_no_error (error);
  order = method_order (storage, CS);
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ":0 100:1 101:2 102:3 %" G_GINT64_FORMAT ":4 %"
                                                 G_GINT64_FORMAT ":5", first_id, self_id, guest_id);
    g_assert_cmpstr (order, ==, expected);
  }

  g_assert_cmpint (create_method (storage, 999, ROSTER_METHOD_SELF, 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (storage, "method.created"), ==, 3);
}

static void
test_create_method_invalid (MethodsFixture *fixture,
                            gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(RosterMethod) method = roster_method_new_for_type (ROSTER_METHOD_SELF);
  g_autoptr(GError) error = NULL;
  g_autofree char *order = NULL;
  RosterAuditEvent event = audit ("method.created", CS);

  roster_method_set_course_id (method, CS);
  roster_method_set_enrol_start (method, NOW);
  roster_method_set_enrol_end (method, NOW - 1);

  g_assert_cmpint (roster_storage_create_method (storage, method, &event, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);

  order = method_order (storage, CS);
  g_assert_cmpstr (order, ==, "100:0 101:1 102:2");
  g_assert_cmpuint (count_audit (storage, "method.created"), ==, 0);
}

static gboolean
update_method (RosterStorage            *storage,
               gint64                    method_id,
               const RosterMethodPatch  *patch,
               GError                  **error)
{
  RosterAuditEvent event = audit ("method.updated", CS);

  return roster_storage_update_method (storage, method_id, patch, &event, error);
}

static void
test_update_method (MethodsFixture *fixture,
                    gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) method = NULL;
  RosterMethodPatch rename = {
    .fields = ROSTER_METHOD_FIELD_NAME | ROSTER_METHOD_FIELD_ENABLED | ROSTER_METHOD_FIELD_WELCOME_MESSAGE |
              ROSTER_METHOD_FIELD_MAX_ENROLLED | ROSTER_METHOD_FIELD_DEFAULT_ROLE,
    .name = "Partners",
    .enabled = FALSE,
    .welcome_message = "Welcome",
    .max_enrolled = 25,
    .default_role = ROSTER_ROLE_EXTERNAL_MODERATOR,
  };
  /* After the stored end: refused, and nothing changes. */
  RosterMethodPatch late_start = {
    .fields = ROSTER_METHOD_FIELD_ENROL_START | ROSTER_METHOD_FIELD_NAME,
    .enrol_start = NOW + 2000,
    .name = "Never kept",
  };
  RosterMethodPatch clear_end_too = {
    .fields = ROSTER_METHOD_FIELD_ENROL_START | ROSTER_METHOD_FIELD_ENROL_END,
    .enrol_start = NOW + 2000,
    .enrol_end = 0,
  };

  g_assert_true (update_method (storage, CS_SELF, &rename, &error));
  g_assert_no_error (error);
  method = roster_storage_get_method (storage, CS_SELF, &error);
  g_assert_cmpstr (roster_method_get_name (method), ==, "Partners");
  g_assert_false (roster_method_get_enabled (method));
  g_assert_cmpstr (roster_method_get_welcome_message (method), ==, "Welcome");
  g_assert_cmpint (roster_method_get_max_enrolled (method), ==, 25);
  g_assert_cmpint (roster_method_get_default_role (method), ==, ROSTER_ROLE_EXTERNAL_MODERATOR);
  g_assert_cmpint (roster_method_get_enrol_end (method), ==, NOW + 1000);
  g_clear_object (&method);

  g_assert_false (update_method (storage, CS_SELF, &late_start, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  method = roster_storage_get_method (storage, CS_SELF, &error);
  g_assert_cmpstr (roster_method_get_name (method), ==, "Partners");
  g_clear_object (&method);

  g_assert_true (update_method (storage, CS_SELF, &clear_end_too, &error));
  g_assert_no_error (error);

  g_assert_false (update_method (storage, 999, &rename, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);

  g_assert_cmpuint (count_audit (storage, "method.updated"), ==, 2);
}

static void
test_reorder_methods (MethodsFixture *fixture,
                      gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  RosterMethodPatch to_front = { .fields = ROSTER_METHOD_FIELD_SORT_ORDER, .sort_order = 0 };
  RosterMethodPatch to_middle = { .fields = ROSTER_METHOD_FIELD_SORT_ORDER, .sort_order = 1 };
  RosterMethodPatch past_end = { .fields = ROSTER_METHOD_FIELD_SORT_ORDER, .sort_order = 50 };
  char *order;

  g_assert_true (update_method (storage, CS_SELF2, &to_front, &error));
  order = method_order (storage, CS);
  g_assert_cmpstr (order, ==, "102:0 100:1 101:2");
  g_free (order);

  g_assert_true (update_method (storage, CS_SELF, &to_middle, &error));
  order = method_order (storage, CS);
  g_assert_cmpstr (order, ==, "102:0 101:1 100:2");
  g_free (order);

  g_assert_true (update_method (storage, CS_SELF2, &past_end, &error));
  g_assert_no_error (error);
  order = method_order (storage, CS);
  g_assert_cmpstr (order, ==, "101:0 100:1 102:2");
  g_free (order);

  /* Other courses keep their own order. */
  order = method_order (storage, HIST);
  g_assert_cmpstr (order, ==, "110:0");
  g_free (order);
}

static gboolean
delete_method (RosterStorage  *storage,
               gint64          method_id,
               gboolean        unenrol,
               gint64         *n_enrolled,
               GError        **error)
{
  RosterAuditEvent event = audit ("method.deleted", CS);

  event.details = "{\"type\":\"self\"}";
  return roster_storage_delete_method (storage, method_id, unenrol, &event, n_enrolled, error);
}

static void
test_delete_method (MethodsFixture *fixture,
                    gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autofree char *order = NULL;
  gint64 n = -1;

  /* Two people came in through it: refused, saying so, changing nothing. */
  g_assert_false (delete_method (storage, CS_SELF, FALSE, &n, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2 people"));
  g_assert_cmpint (n, ==, 2);
  g_clear_error (&error);
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM enrolments"), ==, 4);
  g_assert_cmpuint (count_audit (storage, "method.deleted"), ==, 0);

  /* The manual method stays. */
  g_assert_false (delete_method (storage, CS_MANUAL, TRUE, &n, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (delete_method (storage, CS_SELF, TRUE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);

  /* Bob and Carol are out, and Bob out of the course's group; Alice and
   * Dan (manual) stay, Dan in the group. */
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM enrolments"), ==, 2);
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM enrolments WHERE user_id IN (2, 3)"), ==, 0);
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM group_members WHERE user_id = 2"), ==, 0);
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM group_members WHERE user_id = 4"), ==, 1);

  /* Its keys went with it; the order has no gap. */
  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_null (key);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (&fixture->base, "SELECT count(*) FROM enrol_keys"), ==, 0);
  order = method_order (storage, CS);
  g_assert_cmpstr (order, ==, "100:0 102:1");

  record = last_audit (storage, "method.deleted");
  g_assert_cmpstr (record->details, ==, "{\"type\":\"self\",\"unenrolled\":2}");

  /* Nobody enrolled: no need to say unenrol. */
  g_assert_true (delete_method (storage, CS_SELF2, FALSE, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);

  g_assert_false (delete_method (storage, CS_SELF2, FALSE, &n, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}
int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, MethodsFixture, NULL, set_up, func, tear_down)

  ADD ("/sqlite/methods/list", test_list_methods);
  ADD ("/sqlite/methods/create", test_create_method);
  ADD ("/sqlite/methods/create-invalid", test_create_method_invalid);
  ADD ("/sqlite/methods/update", test_update_method);
  ADD ("/sqlite/methods/reorder", test_reorder_methods);
  ADD ("/sqlite/methods/delete", test_delete_method);

#undef ADD

  return g_test_run ();
}
