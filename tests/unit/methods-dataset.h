/* methods-dataset.h: what the tests of the SQLite driver of methods and
 * keys share: a small dataset and a fixture around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by test-sqlite-methods.c and test-sqlite-keys.c; the helpers
 * are static inline so that each test uses what it needs.
 */

#pragma once

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

static inline RosterSecretBox *
test_box (void)
{
  guint8 key[32];

  memset (key, 42, sizeof key);
  return roster_secret_box_new_for_key (key, sizeof key);
}

static inline void
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

static inline void
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
static inline void
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

static inline void
set_up (MethodsFixture *fixture,
        gconstpointer   data)
{
  storage_fixture_set_up (&fixture->base, data);
  fixture->box = test_box ();
  load_dataset (fixture->base.storage, fixture->box);
}

static inline void
tear_down (MethodsFixture *fixture,
           gconstpointer   data)
{
  g_clear_object (&fixture->box);
  storage_fixture_tear_down (&fixture->base, data);
}

static inline RosterAuditEvent
audit (const char *action,
       gint64      course_id)
{
  return (RosterAuditEvent) { .actor_id = ALICE, .action = action, .course_id = course_id };
}

static inline guint
count_audit (RosterStorage *storage,
             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, ALICE, action);

  return records->len;
}

static inline RosterAuditRecord *
last_audit (RosterStorage *storage,
            const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, ALICE, action);

  g_assert_cmpuint (records->len, >, 0);
  return g_ptr_array_steal_index (records, 0);
}

static inline sqlite3 *
open_raw (Fixture *fixture)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

/* One integer the query gives, read past the storage. */
static inline gint64
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
