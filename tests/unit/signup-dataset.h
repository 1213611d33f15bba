/* signup-dataset.h: what the tests of the SQLite driver of sign-up
 * share: a small site, a fixture around it and helpers that read the
 * database past the storage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by test-sqlite-signup.c and test-sqlite-signup-reset.c; the
 * helpers are static inline so that each test uses what it needs.
 */

#pragma once

#include <string.h>
#include <sqlite3.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-keys.h"
#include "roster-signup-storage.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  ROOT = 1,     /* site administrator, and a module leader of CS */
  ADMIN_OFF,    /* site administrator, suspended */
  LEADER,       /* module leader of CS */
  OLD_LEADER,   /* module leader of CS, enrolment suspended */
  TEACHER,      /* teacher in CS */
  HIST_LEADER,  /* module leader of HIST only */
  ANA,          /* external, active, enrolled in HIST by hand */
  NGOZI,        /* external, pending since NOW - 1000 */
  CS = 10, HIST = 11,
  CS_MANUAL = 100, CS_SELF = 101, CS_QUIET = 102, HIST_MANUAL = 110, HIST_SELF = 111,
  CS_GROUP = 200,
  KEY_CS = 300, KEY_QUIET = 301, KEY_HIST = 310,
};

#define KEY_CS_SECRET "PARTNER-KEY-7QM2"
#define CS_DURATION   (30 * 24 * 3600)
#define WELCOME       "Welcome to Computing; the first session is on Monday."
/* Links expire long after any real clock a test runs at. */
#define FAR           G_GINT64_CONSTANT (4102444800)

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
         gint64           group)
{
  g_autofree char *lookup = roster_keys_lookup_hash (box, secret);
  RosterDatasetKey row = {
    .id = id,
    .method_id = method,
    .nickname = roster_dataset_intern (ds, nickname),
    .secret_sealed = roster_secret_box_encrypt (box, secret, NULL),
    .secret_lookup = roster_dataset_intern (ds, lookup),
    .active = TRUE,
    .group_id = group,
    .created_by = ROOT,
    .created_at = NOW - 500,
  };

  g_array_append_val (ds->keys, row);
}

static inline void
add_enrolment (RosterDataset         *ds,
               gint64                 id,
               gint64                 course,
               gint64                 user,
               RosterRole             role,
               RosterEnrolmentStatus  status,
               gint64                 method)
{
  RosterDatasetEnrolment row = {
    .id = id, .course_id = course, .user_id = user, .role = role, .status = status,
    .method_id = method, .created_at = NOW - 900,
  };

  g_array_append_val (ds->enrolments, row);
}

/* CS has a self method that notifies, welcomes and puts people in a
 * group for 30 days, and a quiet one that does none of that; HIST has a
 * quiet self method. Staff of every kind are there to be notified, or
 * not. */
static inline void
load_dataset (RosterStorage   *storage,
              RosterSecretBox *box)
{
  g_autoptr(RosterDataset) ds = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetUser *row;

  row = storage_fixture_add_user (ds, ROOT, "root", "root@uni.example", "Ada", "Admin",
                                  ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  row->site_admin = TRUE;
  row = storage_fixture_add_user (ds, ADMIN_OFF, "old.admin", "old.admin@uni.example", "Otto", "Admin",
                                  ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_SUSPENDED);
  row->site_admin = TRUE;
  storage_fixture_add_user (ds, LEADER, "leader", "leader@uni.example", "Lee", "Leader",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (ds, OLD_LEADER, "old.leader", "old.leader@uni.example", "Olga", "Leader",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (ds, TEACHER, "teacher", "teacher@uni.example", "Tom", "Teacher",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (ds, HIST_LEADER, "historian", "historian@uni.example", "Hugo", "Historian",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (ds, ANA, "ana", "ana@mail.example", "Ana", "Silva",
                            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (ds, NGOZI, "ngozi", "ngozi@mail.example", "Ngozi", "Okoro",
                            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_PENDING);

  {
    RosterDatasetCourse courses[] = {
      { .id = CS, .short_name = "CS101", .full_name = "Computing", .created_at = NOW - 1000 },
      { .id = HIST, .short_name = "HIST1", .full_name = "History", .created_at = NOW - 1000 },
    };
    RosterDatasetMethod methods[] = {
      { .id = CS_MANUAL, .course_id = CS, .type = ROSTER_METHOD_MANUAL, .sort_order = 0, .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT, .created_at = NOW - 1000 },
      { .id = CS_SELF, .course_id = CS, .type = ROSTER_METHOD_SELF, .sort_order = 1, .name = "Visitors",
        .enabled = TRUE, .default_role = ROSTER_ROLE_GUEST, .enrol_duration = CS_DURATION,
        .welcome_message = WELCOME, .notify_admins = TRUE, .created_at = NOW - 900 },
      { .id = CS_QUIET, .course_id = CS, .type = ROSTER_METHOD_SELF, .sort_order = 2, .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT, .created_at = NOW - 800 },
      { .id = HIST_MANUAL, .course_id = HIST, .type = ROSTER_METHOD_MANUAL, .sort_order = 0, .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT, .created_at = NOW - 1000 },
      { .id = HIST_SELF, .course_id = HIST, .type = ROSTER_METHOD_SELF, .sort_order = 1, .enabled = TRUE,
        .default_role = ROSTER_ROLE_GUEST, .created_at = NOW - 800 },
    };
    RosterDatasetGroup group = { CS_GROUP, CS, "Partners", NOW - 700 };

    g_array_append_vals (ds->courses, courses, G_N_ELEMENTS (courses));
    g_array_append_vals (ds->methods, methods, G_N_ELEMENTS (methods));
    g_array_append_val (ds->groups, group);
  }

  add_key (ds, box, KEY_CS, CS_SELF, "Partner key", KEY_CS_SECRET, CS_GROUP);
  add_key (ds, box, KEY_QUIET, CS_QUIET, "Quiet key", "QUIET-KEY-2XPA", 0);
  add_key (ds, box, KEY_HIST, HIST_SELF, "History key", "HISTORY-KEY-TW9R", 0);

  add_enrolment (ds, 1, CS, ROOT, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_ACTIVE, CS_MANUAL);
  add_enrolment (ds, 2, CS, LEADER, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_ACTIVE, CS_MANUAL);
  add_enrolment (ds, 3, CS, OLD_LEADER, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_SUSPENDED, CS_MANUAL);
  add_enrolment (ds, 4, CS, TEACHER, ROSTER_ROLE_TEACHER, ROSTER_ENROLMENT_ACTIVE, CS_MANUAL);
  add_enrolment (ds, 5, HIST, HIST_LEADER, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_ACTIVE, HIST_MANUAL);
  add_enrolment (ds, 6, HIST, ANA, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE, HIST_MANUAL);

  g_assert_true (roster_storage_load_dataset (storage, ds, &error));
  g_assert_no_error (error);
}

typedef struct
{
  Fixture              base;
  RosterSecretBox     *box;
  RosterSignupStorage *signup;   /* the same object as base.storage */
} SignupFixture;

static inline void
set_up (SignupFixture *fixture,
        gconstpointer  data)
{
  storage_fixture_set_up (&fixture->base, data);
  fixture->box = test_box ();
  load_dataset (fixture->base.storage, fixture->box);
  g_assert_true (ROSTER_IS_SIGNUP_STORAGE (fixture->base.storage));
  fixture->signup = ROSTER_SIGNUP_STORAGE (fixture->base.storage);
}

static inline void
tear_down (SignupFixture *fixture,
           gconstpointer  data)
{
  g_clear_object (&fixture->box);
  fixture->signup = NULL;
  storage_fixture_tear_down (&fixture->base, data);
}

/* ---- the database, read and changed past the storage ---- */

static inline sqlite3 *
open_raw (SignupFixture *fixture,
          gboolean       write)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->base.path, &db,
                                    write ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* Runs @sql, which may bind one integer as ?1 (@id), for changes the
 * storage has no call for: a key disabled by hand, a trigger. */
static inline void
exec_sql (SignupFixture *fixture,
          const char    *sql,
          gint64         id)
{
  sqlite3 *db = open_raw (fixture, TRUE);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The one integer @sql gives (?1 is @id when it has one). */
static inline gint64
query_int (SignupFixture *fixture,
           const char    *sql,
           gint64         id)
{
  sqlite3 *db = open_raw (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The text @sql gives, or NULL for none (a NULL or no row). */
static inline char *
query_text (SignupFixture *fixture,
            const char    *sql,
            gint64         id)
{
  sqlite3 *db = open_raw (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Everything a failed call must have left as it was, in one number per
 * table, so that "nothing changed" is one comparison. */
static inline char *
snapshot (SignupFixture *fixture)
{
  static const char * const tables[] = {
    "users", "enrolments", "group_members", "mail_outbox", "mail_tokens", "signups", "audit_events",
    "auth_tokens",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_string_append_printf (text, "%s=%" G_GINT64_FORMAT " ", tables[i], query_int (fixture, sql, 0));
    }
  g_string_append_printf (text, "uses=%" G_GINT64_FORMAT " ",
                          query_int (fixture, "SELECT sum(uses) FROM enrol_keys", 0));
  g_string_append_printf (text, "pending=%" G_GINT64_FORMAT " ",
                          query_int (fixture, "SELECT count(*) FROM users WHERE state = 'pending'", 0));
  g_string_append_printf (text, "used=%" G_GINT64_FORMAT,
                          query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE used_at <> 0", 0));

  return g_string_free (text, FALSE);
}

/* ---- calls ---- */

/* "{"token":…,"first_name":…,"courses":[…],"expires_at":…}" as the web
 * pages would queue it; @token is the plain token. */
static inline char *
confirm_params (const char *token,
                const char *first_name)
{
  return g_strdup_printf ("{\"token\":\"%s\",\"first_name\":\"%s\",\"courses\":[\"Computing\"],"
                          "\"expires_at\":%" G_GINT64_FORMAT "}",
                          token, first_name, FAR);
}

/* Signs @username up through @key_id (0: none) with the link
 * @token_hash; returns the new account's id, or 0 and @error. */
static inline gint64
sign_up (SignupFixture  *fixture,
         const char     *username,
         const char     *email,
         gint64          key_id,
         const char     *token_hash,
         GError        **error)
{
  g_autofree char *params = confirm_params ("plain-token", "Nia");
  const RosterNewUser user = {
    .username = username,
    .email = email,
    .first_name = "Nia",
    .last_name = "Ndlovu",
    .type = ROSTER_USER_TYPE_EXTERNAL,
    .state = ROSTER_USER_STATE_PENDING,
    .password_hash = HASH,
  };
  const RosterMailToken token = { .token_hash = token_hash, .expires_at = FAR };
  const RosterMailDraft mail = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = email,
    .recipient_name = "Nia Ndlovu",
    .params = params,
  };
  const RosterAuditEvent audit = { .action = "signup.created", .remote_address = "192.0.2.7" };

  return roster_signup_storage_create_pending (fixture->signup, &user, key_id, "192.0.2.7",
                                               &token, &mail, &audit, error);
}

/* The same, for a sign-up that must succeed. */
static inline gint64
sign_up_ok (SignupFixture *fixture,
            const char    *username,
            gint64         key_id,
            const char    *token_hash)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@mail.example", username);
  gint64 id = sign_up (fixture, username, email, key_id, token_hash, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* One more sign-up for the pending account @user_id, with a new link. */
static inline gboolean
add_pending (SignupFixture  *fixture,
             gint64          user_id,
             gint64          key_id,
             const char     *token_hash,
             GError        **error)
{
  const RosterMailToken token = { .token_hash = token_hash, .expires_at = FAR };
  const RosterMailDraft mail = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = "someone@mail.example",
    .params = "{\"token\":\"t\",\"first_name\":\"N\",\"courses\":[],\"expires_at\":1}",
  };
  const RosterAuditEvent audit = { .action = "signup.added" };

  return roster_signup_storage_add_pending (fixture->signup, user_id, key_id, NULL, &token, &mail, &audit, error);
}

static inline gboolean
confirm (SignupFixture       *fixture,
         const char          *token_hash,
         gint64               now,
         RosterSignupResult  *result,
         GError             **error)
{
  return roster_signup_storage_confirm (fixture->signup, token_hash, now, "192.0.2.8", result, error);
}

/* The number of audit events @action about @user_id. */
static inline guint
count_audit (SignupFixture *fixture,
             gint64         user_id,
             const char    *action)
{
  return storage_fixture_count_audit (fixture->base.storage, user_id, action);
}

/* The newest audit event @action about @user_id. */
static inline RosterAuditRecord *
last_audit (SignupFixture *fixture,
            gint64         user_id,
            const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (fixture->base.storage, user_id, action);

  g_assert_cmpuint (records->len, >, 0);
  return g_ptr_array_steal_index (records, 0);
}

static inline gint64
count_mail (SignupFixture *fixture,
            const char    *kind,
            gint64         user_id)
{
  sqlite3 *db = open_raw (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM mail_outbox WHERE kind = ? AND user_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The params of the newest mail of @kind to @user_id, parsed. */
static inline JsonObject *
mail_params (SignupFixture *fixture,
             const char    *kind,
             gint64         user_id)
{
  sqlite3 *db = open_raw (fixture, FALSE);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *params;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT params FROM mail_outbox WHERE kind = ? AND user_id = ?"
                                       " ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  params = roster_json_parse_object ((const char *) sqlite3_column_text (stmt, 0), -1, &error);
  g_assert_no_error (error);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return params;
}
