/* test-sqlite-methods.c: the SQLite driver of RosterStorage: enrolment
 * methods and their keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "roster-error.h"
#include "roster-keys.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  DEPT = 1,
  ALICE = 1, BOB, CAROL, DAN,
  CS = 10, HIST = 11,
  CS_MANUAL = 100, CS_SELF = 101, CS_SELF2 = 102, HIST_MANUAL = 110,
  CS_GROUP = 200, HIST_GROUP = 210,
  KEY_ONE = 300, KEY_TWO = 301,
};

#define KEY_ONE_SECRET "ALPHA-1234-XYZ"

static RosterSecretBox *
test_box (void)
{
  guint8 key[32];

  memset (key, 42, sizeof key);
  return roster_secret_box_new_for_key (key, sizeof key);
}

static void
add_key (RosterDataset   *ds,
         RosterSecretBox *box,
         gint64           id,
         gint64           method,
         const char      *nickname,
         const char      *secret,
         gboolean         active)
{
  g_autofree char *lookup = roster_keys_lookup_hash (box, secret);
  RosterDatasetKey row = {
    .id = id,
    .method_id = method,
    .nickname = roster_dataset_intern (ds, nickname),
    .secret_sealed = roster_secret_box_encrypt (box, secret, NULL),
    .secret_lookup = roster_dataset_intern (ds, lookup),
    .active = active,
    .created_by = ALICE,
    .created_at = NOW - 500,
  };

  g_array_append_val (ds->keys, row);
}

static void
add_enrolment (RosterDataset *ds,
               gint64         id,
               gint64         course,
               gint64         user,
               gint64         method,
               gint64         key,
               const char    *nickname,
               gint64         created_at)
{
  RosterDatasetEnrolment row = {
    .id = id, .course_id = course, .user_id = user, .role = ROSTER_ROLE_GUEST,
    .status = ROSTER_ENROLMENT_ACTIVE, .method_id = method, .key_id = key,
    .key_nickname = roster_dataset_intern (ds, nickname), .created_at = created_at,
  };

  g_array_append_val (ds->enrolments, row);
}

/* CS has a manual method and two self methods; the first has two keys,
 * through one of which Bob and Carol enrolled (Bob is also in the CS
 * group). Dan came in by hand and is in the group too. HIST has only a
 * manual method, and a group of its own. */
static void
load_dataset (RosterStorage   *storage,
              RosterSecretBox *box)
{
  g_autoptr(RosterDataset) ds = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  static const char * const users[] = { "alice", "bob", "carol", "dan" };
  RosterDatasetDepartment dept = { DEPT, "Computer Science" };

  g_array_append_val (ds->departments, dept);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autofree char *email = g_strdup_printf ("%s@uni.example", users[i]);
      RosterDatasetUser row = {
        .id = i + 1, .username = users[i], .email = roster_dataset_intern (ds, email),
        .first_name = users[i], .last_name = "Test", .type = ROSTER_USER_TYPE_STAFF,
        .state = ROSTER_USER_STATE_ACTIVE, .password_hash = HASH, .created_at = NOW - 1000,
      };
      g_array_append_val (ds->users, row);
    }

  {
    RosterDatasetCourse cs = { .id = CS, .department_id = DEPT, .short_name = "CS", .full_name = "Computing",
                               .created_at = NOW - 1000 };
    RosterDatasetCourse hist = { .id = HIST, .department_id = DEPT, .short_name = "HIST",
                                 .full_name = "Secret History", .created_at = NOW - 1000 };
    RosterDatasetMethod methods[] = {
      { .id = CS_MANUAL, .course_id = CS, .type = ROSTER_METHOD_MANUAL, .sort_order = 0, .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT, .created_at = NOW - 1000 },
      { .id = CS_SELF, .course_id = CS, .type = ROSTER_METHOD_SELF, .sort_order = 1, .name = "Visitors",
        .enabled = TRUE, .default_role = ROSTER_ROLE_GUEST, .enrol_end = NOW + 1000, .created_at = NOW - 900 },
      { .id = CS_SELF2, .course_id = CS, .type = ROSTER_METHOD_SELF, .sort_order = 2, .enabled = FALSE,
        .default_role = ROSTER_ROLE_GUEST, .created_at = NOW - 800 },
      { .id = HIST_MANUAL, .course_id = HIST, .type = ROSTER_METHOD_MANUAL, .sort_order = 0, .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT, .created_at = NOW - 1000 },
    };
    RosterDatasetGroup groups[] = {
      { CS_GROUP, CS, "Group A", NOW - 700 },
      { HIST_GROUP, HIST, "Seminar", NOW - 700 },
    };
    RosterDatasetMember members[] = { { CS_GROUP, BOB, NOW - 50 }, { CS_GROUP, DAN, NOW - 50 } };

    g_array_append_val (ds->courses, cs);
    g_array_append_val (ds->courses, hist);
    g_array_append_vals (ds->methods, methods, G_N_ELEMENTS (methods));
    g_array_append_vals (ds->groups, groups, G_N_ELEMENTS (groups));
    g_array_append_vals (ds->members, members, G_N_ELEMENTS (members));
  }

  add_key (ds, box, KEY_ONE, CS_SELF, "K1", KEY_ONE_SECRET, TRUE);
  add_key (ds, box, KEY_TWO, CS_SELF, "K2", "BRAVO-5678-QRS", FALSE);

  add_enrolment (ds, 1, CS, ALICE, CS_MANUAL, 0, NULL, NOW - 900);
  add_enrolment (ds, 2, CS, DAN, CS_MANUAL, 0, NULL, NOW - 800);
  add_enrolment (ds, 3, CS, BOB, CS_SELF, KEY_ONE, "K1", NOW - 100);
  add_enrolment (ds, 4, CS, CAROL, CS_SELF, KEY_ONE, "K1", NOW - 50);

  g_assert_true (roster_storage_load_dataset (storage, ds, &error));
  g_assert_no_error (error);
}

typedef struct
{
  Fixture          base;
  RosterSecretBox *box;
} MethodsFixture;

static void
set_up (MethodsFixture *fixture,
        gconstpointer   data)
{
  storage_fixture_set_up (&fixture->base, data);
  fixture->box = test_box ();
  load_dataset (fixture->base.storage, fixture->box);
}

static void
tear_down (MethodsFixture *fixture,
           gconstpointer   data)
{
  g_clear_object (&fixture->box);
  storage_fixture_tear_down (&fixture->base, data);
}

static RosterAuditEvent
audit (const char *action,
       gint64      course_id)
{
  return (RosterAuditEvent) { .actor_id = ALICE, .action = action, .course_id = course_id };
}

static guint
count_audit (RosterStorage *storage,
             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, ALICE, action);

  return records->len;
}

static RosterAuditRecord *
last_audit (RosterStorage *storage,
            const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, ALICE, action);

  g_assert_cmpuint (records->len, >, 0);
  return g_ptr_array_steal_index (records, 0);
}

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

static sqlite3 *
open_raw (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* One integer the query gives, read past the storage. */
static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = open_raw (fixture);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* ---- methods ---- */

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

/* ---- keys ---- */

static void
test_list_keys (MethodsFixture *fixture,
                gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = roster_storage_list_keys (storage, CS_SELF, &error);
  g_autoptr(GPtrArray) none = roster_storage_list_keys (storage, CS_SELF2, &error);
  RosterKey *one, *two;

  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpuint (none->len, ==, 0);

  one = g_ptr_array_index (keys, 0);
  two = g_ptr_array_index (keys, 1);
  g_assert_cmpint (roster_key_get_id (one), ==, KEY_ONE);
  g_assert_cmpint (roster_key_get_course_id (one), ==, CS);
  g_assert_cmpint (roster_key_get_method_id (one), ==, CS_SELF);
  g_assert_cmpstr (roster_key_get_nickname (one), ==, "K1");
  g_assert_true (roster_key_get_active (one));
  g_assert_false (roster_key_get_active (two));
  g_assert_cmpint (roster_key_get_created_by_id (one), ==, ALICE);
  g_assert_cmpstr (roster_key_get_created_by_username (one), ==, "alice");
  /* The latest enrolment through the key: Carol's. */
  g_assert_cmpint (roster_key_get_last_used_at (one), ==, NOW - 50);
  g_assert_cmpint (roster_key_get_last_used_at (two), ==, 0);
  g_assert_cmpint (roster_key_get_group_id (one), ==, 0);
}

/* A new key of @method_id with @secret; returns its id, or 0 and @error. */
static gint64
create_key (MethodsFixture  *fixture,
            gint64           method_id,
            const char      *nickname,
            const char      *secret,
            gint64           group_id,
            GError         **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *lookup = NULL;
  RosterAuditEvent event = audit ("key.created", CS);
  RosterNewKey key = {
    .method_id = method_id, .nickname = nickname, .active = TRUE, .group_id = group_id,
    .max_uses = 5, .expires_at = NOW + 3600, .created_by = BOB,
  };

  g_assert_true (roster_keys_seal (fixture->box, secret, &sealed, &lookup, NULL));
  key.secret_sealed = sealed;
  key.secret_lookup = lookup;

  return roster_storage_create_key (fixture->base.storage, &key, &event, error);
}

static void
test_create_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  gint64 id;

  id = create_key (fixture, CS_SELF, "Partners", "K7QM-2XPA-TW9R", CS_GROUP, &error);
  g_assert_no_error (error);
  key = roster_storage_get_key (storage, id, &error);
  g_assert_nonnull (key);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Partners");
  g_assert_cmpint (roster_key_get_group_id (key), ==, CS_GROUP);
  g_assert_cmpstr (roster_key_get_group_name (key), ==, "Group A");
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 5);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, NOW + 3600);
  g_assert_cmpint (roster_key_get_uses (key), ==, 0);
  g_assert_cmpstr (roster_key_get_created_by_username (key), ==, "bob");

  record = last_audit (storage, "key.created");
  g_assert_cmpint (record->object_id, ==, id);

  /* A group of another course. */
  g_assert_cmpint (create_key (fixture, CS_SELF, "Seminar", "SEMINAR-KEY-1", HIST_GROUP, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);

  /* Keys are for self methods only. */
  g_assert_cmpint (create_key (fixture, CS_MANUAL, "Manual", "MANUAL-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpint (create_key (fixture, 999, "Nowhere", "NOWHERE-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A nickname once per method; in another method it is fine. */
  g_assert_cmpint (create_key (fixture, CS_SELF, "K1", "ANOTHER-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (create_key (fixture, CS_SELF2, "K1", "ANOTHER-KEY-1", 0, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpuint (count_audit (storage, "key.created"), ==, 2);
}

static void
test_create_key_clash (MethodsFixture *fixture,
                       gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) hist_self = roster_method_new_for_type (ROSTER_METHOD_SELF);
  RosterAuditEvent event = audit ("method.created", HIST);
  gint64 hist_self_id;

  roster_method_set_course_id (hist_self, HIST);
  roster_method_set_sort_order (hist_self, G_MAXINT64);
  hist_self_id = roster_storage_create_method (storage, hist_self, &event, &error);
  g_assert_no_error (error);

  /* The same secret typed another way, in another course: refused with
   * words that give nothing away about where it is used. */
  g_assert_cmpint (create_key (fixture, hist_self_id, "Mine", " alpha 1234\u2013xyz ", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "This key cannot be used; choose another.");
  g_clear_error (&error);

  /* Deactivated keys count too: reactivating one must not clash. */
  g_assert_cmpint (create_key (fixture, CS_SELF2, "Again", "bravo5678qrs", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (storage, "key.created"), ==, 0);
}

static gboolean
update_key (MethodsFixture        *fixture,
            gint64                 key_id,
            const RosterKeyPatch  *patch,
            GError               **error)
{
  RosterAuditEvent updated = audit ("key.updated", CS);
  RosterAuditEvent regenerated = audit ("key.regenerated", CS);

  return roster_storage_update_key (fixture->base.storage, key_id, patch, &updated, &regenerated, error);
}

static char *
reveal (MethodsFixture *fixture,
        gint64          key_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  RosterAuditEvent event = audit ("key.revealed", CS);
  char *secret;

  sealed = roster_storage_reveal_key (fixture->base.storage, key_id, &event, &error);
  g_assert_no_error (error);
  secret = roster_secret_box_decrypt (fixture->box, sealed, &error);
  g_assert_no_error (error);

  return secret;
}

static void
test_update_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *secret = NULL;
  RosterKeyPatch settings = {
    .fields = ROSTER_KEY_FIELD_NICKNAME | ROSTER_KEY_FIELD_ACTIVE | ROSTER_KEY_FIELD_GROUP |
              ROSTER_KEY_FIELD_EXPIRES_AT | ROSTER_KEY_FIELD_MAX_USES,
    .nickname = "Renamed", .active = FALSE, .group_id = CS_GROUP, .expires_at = NOW + 60, .max_uses = 3,
  };
  RosterKeyPatch clear = { .fields = ROSTER_KEY_FIELD_GROUP | ROSTER_KEY_FIELD_EXPIRES_AT, };
  RosterKeyPatch taken = { .fields = ROSTER_KEY_FIELD_NICKNAME, .nickname = "K2" };
  RosterKeyPatch foreign = { .fields = ROSTER_KEY_FIELD_GROUP, .group_id = HIST_GROUP };
  RosterKeyPatch regenerate = { .fields = ROSTER_KEY_FIELD_SECRET };

  g_assert_true (update_key (fixture, KEY_ONE, &settings, &error));
  g_assert_no_error (error);
  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Renamed");
  g_assert_false (roster_key_get_active (key));
  g_assert_cmpint (roster_key_get_group_id (key), ==, CS_GROUP);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, NOW + 60);
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 3);
  g_clear_object (&key);

  g_assert_true (update_key (fixture, KEY_ONE, &clear, &error));
  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_cmpint (roster_key_get_group_id (key), ==, 0);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, 0);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Renamed");
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 3);

  g_assert_false (update_key (fixture, KEY_ONE, &taken, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (update_key (fixture, KEY_ONE, &foreign, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (update_key (fixture, 999, &clear, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (storage, "key.updated"), ==, 2);
  g_assert_cmpuint (count_audit (storage, "key.regenerated"), ==, 0);

  /* A new secret: the old one is gone, the new one comes out. */
  g_assert_true (roster_keys_seal (fixture->box, "NEW-SECRET-4242", &sealed, &lookup, NULL));
  regenerate.secret_sealed = sealed;
  regenerate.secret_lookup = lookup;
  g_assert_true (update_key (fixture, KEY_ONE, &regenerate, &error));
  g_assert_no_error (error);
  secret = reveal (fixture, KEY_ONE);
  g_assert_cmpstr (secret, ==, "NEW-SECRET-4242");
  g_assert_cmpuint (count_audit (storage, "key.regenerated"), ==, 1);
  g_assert_cmpuint (count_audit (storage, "key.updated"), ==, 2);

  /* Another key cannot take it. */
  g_assert_false (update_key (fixture, KEY_TWO, &regenerate, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

static void
test_delete_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  RosterAuditEvent event = audit ("key.deleted", CS);

  g_assert_true (roster_storage_delete_key (storage, KEY_ONE, &event, &error));
  g_assert_no_error (error);

  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_null (key);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bob and Carol stay enrolled, and their enrolments keep the
   * nickname of the key they used. */
  g_assert_cmpint (query_int (&fixture->base,
                              "SELECT count(*) FROM enrolments WHERE key_nickname = 'K1' AND key_id IS NULL"
                              " AND method_id = 101"), ==, 2);

  /* Nothing left to reveal. */
  {
    RosterAuditEvent reveal_event = audit ("key.revealed", CS);

    sealed = roster_storage_reveal_key (storage, KEY_ONE, &reveal_event, &error);
    g_assert_null (sealed);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_false (roster_storage_delete_key (storage, KEY_ONE, &event, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);

  g_assert_cmpuint (count_audit (storage, "key.deleted"), ==, 1);
  g_assert_cmpuint (count_audit (storage, "key.revealed"), ==, 0);
}

static void
test_reveal_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autofree char *secret = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;

  secret = reveal (fixture, KEY_ONE);
  g_assert_cmpstr (secret, ==, KEY_ONE_SECRET);

  record = last_audit (storage, "key.revealed");
  g_assert_cmpint (record->actor_id, ==, ALICE);
  g_assert_cmpint (record->course_id, ==, CS);
}

static gboolean
file_contains (const char   *path,
               const guint8 *needle,
               gsize         needle_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, needle_len) != NULL;
}

static gboolean
database_contains (Fixture      *fixture,
                   const guint8 *needle,
                   gsize         needle_len)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return file_contains (fixture->path, needle, needle_len) || file_contains (wal, needle, needle_len);
}

/* The database files hold no secret in any form, and a deleted key's
 * sealed secret is gone from them too (overwritten, WAL emptied). */
static void
test_secret_at_rest (MethodsFixture *fixture,
                     gconstpointer   data)
{
  static const char secret[] = "ZEBRA-QUARTZ-8812-PLUM";
  static const char marker[] = "Marker nickname 7731";
  RosterAuditEvent event = audit ("key.deleted", CS);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *blob = NULL;
  gsize blob_len;
  gint64 id;

  id = create_key (fixture, CS_SELF, marker, secret, 0, &error);
  g_assert_no_error (error);

  /* The search works: the nickname is there, in the clear. */
  g_assert_true (database_contains (&fixture->base, (const guint8 *) marker, strlen (marker)));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) secret, strlen (secret)));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) "ZEBRAQUARTZ8812PLUM", 19));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) KEY_ONE_SECRET, strlen (KEY_ONE_SECRET)));

  {
    sqlite3 *db = open_raw (&fixture->base);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT secret_sealed FROM enrol_keys WHERE id = ?", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, id);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    blob_len = sqlite3_column_bytes (stmt, 0);
    blob = g_memdup2 (sqlite3_column_blob (stmt, 0), blob_len);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_true (database_contains (&fixture->base, blob, blob_len));

  g_assert_true (roster_storage_delete_key (fixture->base.storage, id, &event, &error));
  g_assert_no_error (error);
  g_assert_false (database_contains (&fixture->base, blob, blob_len));
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
  ADD ("/sqlite/keys/list", test_list_keys);
  ADD ("/sqlite/keys/create", test_create_key);
  ADD ("/sqlite/keys/create-clash", test_create_key_clash);
  ADD ("/sqlite/keys/update", test_update_key);
  ADD ("/sqlite/keys/delete", test_delete_key);
  ADD ("/sqlite/keys/reveal", test_reveal_key);
  ADD ("/sqlite/keys/secret-at-rest", test_secret_at_rest);

#undef ADD

  return g_test_run ();
}
