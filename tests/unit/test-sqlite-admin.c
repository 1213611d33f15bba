/* test-sqlite-admin.c: the SQLite driver's user administration:
 * listing, details, changes, account actions, erasure, removal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-storage.h"
#include "roster-text.h"

#include "storage-fixture.h"

enum {
  U_ROOT = 1,      /* the only site administrator */
  U_DNOVAK,        /* David Novák, locked, enrolled in DB101 and its group */
  U_DNOVAK2,       /* Dana Novak: a name like his, another person */
  U_NOKORO,        /* pending */
  U_TIVANOVA,      /* suspended */
  U_MCHEN,
  U_ZOE,
  U_TAKEN,         /* holds the name D.Novak's erasure would take */

  COURSE_DB = 10,
  GROUP_A = 20,
};

#define DNOVAK_EMAIL "david.novak@mail.example"

static void
add_user (RosterDataset   *dataset,
          gint64           id,
          const char      *username,
          const char      *email,
          const char      *first_name,
          const char      *last_name,
          RosterUserType   type,
          RosterUserState  state)
{
  RosterDatasetUser row = {
    .id = id,
    .username = roster_dataset_intern (dataset, username),
    .email = roster_dataset_intern (dataset, email),
    .first_name = roster_dataset_intern (dataset, first_name),
    .last_name = roster_dataset_intern (dataset, last_name),
    .type = type,
    .state = state,
    .password_hash = HASH,
    .site_admin = id == U_ROOT,
    .created_at = NOW - 1000,
  };

  if (id == U_DNOVAK)
    {
      row.failed_logins = 5;
      row.locked_until = G_GINT64_CONSTANT (4102444800);
    }

  g_array_append_val (dataset->users, row);
}

static void
load_people (Fixture *fixture,
             gboolean with_taken_name)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse course = { COURSE_DB, 0, "DB101", "Databases", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 };
  RosterDatasetGroup group = { GROUP_A, COURSE_DB, "Group A", NOW - 1000 };
  RosterDatasetMember member = { GROUP_A, U_DNOVAK, NOW - 900 };
  RosterDatasetEnrolment student = {
    .id = 1, .course_id = COURSE_DB, .user_id = U_DNOVAK, .role = ROSTER_ROLE_STUDENT,
    .status = ROSTER_ENROLMENT_ACTIVE, .created_at = NOW - 900,
  };
  RosterDatasetEnrolment leader = {
    .id = 2, .course_id = COURSE_DB, .user_id = U_MCHEN, .role = ROSTER_ROLE_MODULE_LEADER,
    .status = ROSTER_ENROLMENT_ACTIVE, .created_at = NOW - 900,
  };

  add_user (dataset, U_ROOT, "root", "root@uni.example", "Ada", "Admin",
            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  add_user (dataset, U_DNOVAK, "d.novak", DNOVAK_EMAIL, "David", "Nov\xc3\xa1k",
            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  add_user (dataset, U_DNOVAK2, "d.novak2", "dana@mail.example", "Dana", "Novak",
            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  add_user (dataset, U_NOKORO, "n.okoro", "ngozi.okoro@mail.example", "Ngozi", "Okoro",
            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_PENDING);
  add_user (dataset, U_TIVANOVA, "t.ivanova", "t.ivanova@student.uni.example",
            "\xd0\xa2\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f\xd0\xbd\xd0\xb0",
            "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0",
            ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_SUSPENDED);
  add_user (dataset, U_MCHEN, "m.chen", "m.chen@uni.example", "\xe6\x98\x8e", "\xe9\x99\x88",
            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  add_user (dataset, U_ZOE, "zoe", "zoe@uni.example", "Zo\xc3\xab", "M\xc3\xbcller",
            ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_ACTIVE);
  if (with_taken_name)
    add_user (dataset, U_TAKEN, "erased-2", "taken@uni.example", "Taken", "Name",
              ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);

  g_array_append_val (dataset->courses, course);
  g_array_append_val (dataset->groups, group);
  g_array_append_val (dataset->members, member);
  g_array_append_val (dataset->enrolments, student);
  g_array_append_val (dataset->enrolments, leader);

  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  storage_fixture_set_up (fixture, user_data);
  load_people (fixture, user_data != NULL);
}

static RosterAuditEvent
event (const char *action,
       gint64      target)
{
  RosterAuditEvent audit = { .actor_id = U_ROOT, .action = action, .target_user_id = target };

  return audit;
}

static guint
count_audit (RosterStorage *storage,
             gint64         user_id,
             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, user_id, action);

  return records->len;
}

static void
append_audit (RosterStorage *storage,
              gint64         target,
              const char    *details)
{
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = { .action = "test.note", .target_user_id = target, .details = details };

  g_assert_true (roster_storage_append_audit (storage, &audit, &error));
  g_assert_no_error (error);
}

static char *
give_token (RosterStorage *storage,
            gint64         user_id,
            const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *hash = g_strdup_printf ("token-hash-%s", name);

  g_assert_true (roster_storage_record_login_success (storage, user_id, hash, NOW, G_MAXINT64 / 2, NULL, &error));
  g_assert_no_error (error);
  return hash;
}

static gboolean
token_works (RosterStorage *storage,
             const char    *hash)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean expired = FALSE;

  user = roster_storage_lookup_token (storage, hash, NOW, &expired, &error);
  g_assert_no_error (error);
  return user != NULL;
}

/* ---- listing ---- */

static GPtrArray *
list (RosterStorage         *storage,
      const RosterUserQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *users = roster_storage_list_users (storage, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (users);
  return users;
}

/* "root zoe …": the usernames of @users, in order. */
static char *
usernames (GPtrArray *users)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < users->len; i++)
    {
      if (i > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, roster_user_get_username (g_ptr_array_index (users, i)));
    }

  return g_string_free (names, FALSE);
}

static char *
list_names (RosterStorage *storage,
            const char    *q)
{
  RosterUserQuery query = { .query = q };
  g_autoptr(GPtrArray) users = list (storage, &query);

  return usernames (users);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  RosterUserQuery all = { 0, };
  RosterUserQuery pending = { .filter_state = TRUE, .state = ROSTER_USER_STATE_PENDING };
  RosterUserQuery externals = { .filter_type = TRUE, .type = ROSTER_USER_TYPE_EXTERNAL };
  RosterUserQuery page = { .limit = 3 };
  g_autoptr(GPtrArray) users = list (fixture->storage, &all);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  g_autofree char *names = usernames (users);
  g_autofree char *joined = NULL;
  char *found;
  RosterUser *last;

  /* By last name without regard to ASCII case, then first name, then id. */
  g_assert_cmpstr (names, ==, "root zoe d.novak2 d.novak n.okoro t.ivanova m.chen");

  /* Pages continue after the last row's sort key. */
  first = list (fixture->storage, &page);
  g_assert_cmpuint (first->len, ==, 3);
  last = g_ptr_array_index (first, 2);
  page.after_last_name = roster_user_get_last_name (last);
  page.after_first_name = roster_user_get_first_name (last);
  page.after_id = roster_user_get_id (last);
  page.limit = 10;
  second = list (fixture->storage, &page);
  joined = usernames (second);
  g_assert_cmpstr (joined, ==, "d.novak n.okoro t.ivanova m.chen");

  filtered = list (fixture->storage, &pending);
  g_assert_cmpuint (filtered->len, ==, 1);
  g_assert_cmpint (roster_user_get_state (g_ptr_array_index (filtered, 0)), ==, ROSTER_USER_STATE_PENDING);
  g_clear_pointer (&filtered, g_ptr_array_unref);
  filtered = list (fixture->storage, &externals);
  g_assert_cmpuint (filtered->len, ==, 3);

  /* Names, usernames and addresses; case and accents do not matter. */
#define CHECK_QUERY(q, expected)                   \
  found = list_names (fixture->storage, q);        \
  g_assert_cmpstr (found, ==, expected);           \
  g_free (found)

  CHECK_QUERY ("NOV\xc3\x81K", "d.novak2 d.novak");
  CHECK_QUERY ("novak", "d.novak2 d.novak");
  CHECK_QUERY ("dana  novak", "d.novak2");
  CHECK_QUERY ("novak david", "d.novak");
  CHECK_QUERY ("zoe muller", "zoe");
  CHECK_QUERY ("\xe9\x99\x88", "m.chen");
  CHECK_QUERY ("\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd", "t.ivanova");
  CHECK_QUERY ("ngozi.okoro@", "n.okoro");
  CHECK_QUERY ("%", "");
  CHECK_QUERY ("_", "");
  CHECK_QUERY ("a b c d e", "");
  CHECK_QUERY ("   ", "root zoe d.novak2 d.novak n.okoro t.ivanova m.chen");

#undef CHECK_QUERY
}

static void
test_details (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RosterUserDetails) details = NULL;
  g_autoptr(RosterUserDetails) missing = NULL;
  g_autoptr(GError) error = NULL;
  RosterUserEnrolment *enrolment;
  RosterAuditRecord *record;

  /* Three about him, one by him, one about somebody else. */
  append_audit (fixture->storage, U_DNOVAK, "{\"n\":1}");
  append_audit (fixture->storage, U_DNOVAK, "{\"n\":2}");
  append_audit (fixture->storage, U_ZOE, "{\"n\":3}");
  {
    RosterAuditEvent by_him = { .actor_id = U_DNOVAK, .action = "test.by", .details = "{\"n\":4}" };

    g_assert_true (roster_storage_append_audit (fixture->storage, &by_him, &error));
  }

  details = roster_storage_get_user_details (fixture->storage, U_DNOVAK, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_username (details->user), ==, "d.novak");
  g_assert_cmpuint (details->failed_logins, ==, 5);
  g_assert_cmpint (roster_user_get_locked_until (details->user), >, NOW);

  g_assert_cmpuint (details->enrolments->len, ==, 1);
  enrolment = g_ptr_array_index (details->enrolments, 0);
  g_assert_cmpint (enrolment->id, ==, 1);
  g_assert_cmpint (enrolment->course_id, ==, COURSE_DB);
  g_assert_cmpstr (enrolment->short_name, ==, "DB101");
  g_assert_cmpstr (enrolment->full_name, ==, "Databases");
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_STUDENT);
  g_assert_cmpint (enrolment->status, ==, ROSTER_ENROLMENT_ACTIVE);
  g_assert_cmpint (enrolment->enrolled_at, ==, NOW - 900);

  /* The newest @n_events about or by him, newest first. */
  g_assert_cmpuint (details->recent_events->len, ==, 2);
  record = g_ptr_array_index (details->recent_events, 0);
  g_assert_cmpstr (record->details, ==, "{\"n\":4}");
  record = g_ptr_array_index (details->recent_events, 1);
  g_assert_cmpstr (record->details, ==, "{\"n\":2}");

  missing = roster_storage_get_user_details (fixture->storage, 999, 20, &error);
  g_assert_null (missing);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

/* ---- changes ---- */

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  RosterUserChanges changes = {
    .first_name = "Zoey", .email = "Zoey.Muller@Uni.example",
    .set_type = TRUE, .type = ROSTER_USER_TYPE_STAFF,
  };
  RosterUserChanges clash = { .username = "D.NOVAK" };
  RosterUserChanges demote = { .set_site_admin = TRUE, .site_admin = FALSE };
  RosterUserChanges promote = { .set_site_admin = TRUE, .site_admin = TRUE };
  RosterAuditEvent audit = event ("user.updated", U_ZOE);
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;

  user = roster_storage_update_user (fixture->storage, U_ZOE, &changes, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_first_name (user), ==, "Zoey");
  g_assert_cmpstr (roster_user_get_last_name (user), ==, "M\xc3\xbcller");
  g_assert_cmpstr (roster_user_get_email (user), ==, "Zoey.Muller@Uni.example");
  g_assert_cmpint (roster_user_get_user_type (user), ==, ROSTER_USER_TYPE_STAFF);
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "user.updated"), ==, 1);

  /* The new address signs in and the new name is found; the old are not. */
  credentials = storage_fixture_get_credentials (fixture->storage, "zoey.muller@uni.EXAMPLE");
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->user_id, ==, U_ZOE);
  g_clear_pointer (&credentials, roster_credentials_free);
  credentials = storage_fixture_get_credentials (fixture->storage, "zoe@uni.example");
  g_assert_null (credentials);
  found = list_names (fixture->storage, "zoey");
  g_assert_cmpstr (found, ==, "zoe");

  /* Another person's name, in any case: nothing changes, nothing is logged. */
  g_clear_object (&user);
  user = roster_storage_update_user (fixture->storage, U_ZOE, &clash, &audit, &error);
  g_assert_null (user);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "user.updated"), ==, 1);

  /* The only active administrator keeps the flag … */
  user = roster_storage_update_user (fixture->storage, U_ROOT, &demote, &audit, &error);
  g_assert_null (user);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* … until there is another one. */
  user = roster_storage_update_user (fixture->storage, U_MCHEN, &promote, &audit, &error);
  g_assert_no_error (error);
  g_assert_true (roster_user_get_is_site_admin (user));
  g_clear_object (&user);
  user = roster_storage_update_user (fixture->storage, U_ROOT, &demote, &audit, &error);
  g_assert_no_error (error);
  g_assert_false (roster_user_get_is_site_admin (user));
  g_clear_object (&user);

  user = roster_storage_update_user (fixture->storage, 999, &changes, &audit, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
test_activate_suspend (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RosterAuditEvent activated = event ("user.activated", 0);
  RosterAuditEvent reactivated = event ("user.reactivated", 0);
  RosterAuditEvent suspended = event ("user.suspended", 0);
  g_autofree char *token = give_token (fixture->storage, U_ZOE, "zoe");
  g_autofree char *root_token = give_token (fixture->storage, U_ROOT, "root");
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = roster_storage_activate_user (fixture->storage, U_NOKORO, &activated, &reactivated, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_cmpuint (count_audit (fixture->storage, U_NOKORO, "user.activated"), ==, 1);
  g_clear_object (&user);

  user = roster_storage_activate_user (fixture->storage, U_TIVANOVA, &activated, &reactivated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit (fixture->storage, U_TIVANOVA, "user.reactivated"), ==, 1);
  g_assert_cmpuint (count_audit (fixture->storage, U_TIVANOVA, "user.activated"), ==, 0);
  g_clear_object (&user);

  user = roster_storage_activate_user (fixture->storage, U_ZOE, &activated, &reactivated, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Suspension ends every session at once. */
  g_assert_true (token_works (fixture->storage, token));
  user = roster_storage_suspend_user (fixture->storage, U_ZOE, &suspended, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_SUSPENDED);
  g_clear_object (&user);
  g_assert_false (token_works (fixture->storage, token));
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "user.suspended"), ==, 1);

  user = roster_storage_suspend_user (fixture->storage, U_ZOE, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  user = roster_storage_suspend_user (fixture->storage, U_NOKORO + 100, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The last active administrator stays, sessions and all. */
  user = roster_storage_suspend_user (fixture->storage, U_ROOT, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_true (token_works (fixture->storage, root_token));
  g_assert_cmpuint (count_audit (fixture->storage, 0, "user.suspended"), ==, 1);
}

static void
test_unlock_password (Fixture       *fixture,
                      gconstpointer  user_data)
{
  RosterAuditEvent unlocked = event ("user.unlocked", 0);
  RosterAuditEvent password = event ("user.password_set", 0);
  g_autofree char *token = give_token (fixture->storage, U_ZOE, "zoe");
  g_autofree char *other = give_token (fixture->storage, U_MCHEN, "chen");
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  RosterLoginFailure failure = { 0, };

  user = roster_storage_unlock_user (fixture->storage, U_DNOVAK, &unlocked, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_locked_until (user), ==, 0);
  credentials = storage_fixture_get_credentials (fixture->storage, "d.novak");
  g_assert_cmpuint (credentials->failed_logins, ==, 0);
  g_assert_cmpint (credentials->locked_until, ==, 0);
  g_clear_pointer (&credentials, roster_credentials_free);
  g_assert_cmpuint (count_audit (fixture->storage, U_DNOVAK, "user.unlocked"), ==, 1);

  /* A new password: the sessions end and the failure count goes. */
  g_assert_true (roster_storage_record_login_failure (fixture->storage, U_ZOE, NOW, 5, 900, NULL, NULL,
                                                      &failure, &error));
  g_assert_true (roster_storage_set_user_password (fixture->storage, U_ZOE, "$argon2id$new", &password, &error));
  g_assert_no_error (error);
  credentials = storage_fixture_get_credentials (fixture->storage, "zoe");
  g_assert_cmpstr (credentials->password_hash, ==, "$argon2id$new");
  g_assert_cmpuint (credentials->failed_logins, ==, 0);
  g_assert_false (token_works (fixture->storage, token));
  g_assert_true (token_works (fixture->storage, other));
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "user.password_set"), ==, 1);

  g_assert_false (roster_storage_set_user_password (fixture->storage, 999, "$argon2id$new", &password, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

/* ---- erasure ---- */

typedef struct
{
  char *key;
} HashCall;

static char *
fake_hash (const char *email_key,
           gpointer    user_data)
{
  HashCall *call = user_data;

  g_free (call->key);
  call->key = g_strdup (email_key);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, email_key, -1);
}

static guint
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0, n = strlen (needle);
  guint count = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return 0;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (contents + i, needle, n) == 0)
      count++;

  return count;
}

static guint
count_in_database (Fixture    *fixture,
                   const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return count_in_file (fixture->path, needle) + count_in_file (wal, needle);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* What the log may hold about him, and what it holds about others. */
  static const struct { const char *details; gboolean redacted; } notes[] = {
    { "{\"username\":\"D.NOVAK\"}", TRUE },
    { "{\"username\":\"" DNOVAK_EMAIL "\"}", TRUE },
    { "{\"note\":\"written by David Nov\xc3\xa1k today\"}", TRUE },
    { "{\"list\":[{\"name\":\"NOV\xc3\x81K\"}]}", TRUE },
    { "not JSON, but d.novak", TRUE },
    { "{\"username\":\"d.novak2\"}", FALSE },
    { "{\"group\":\"Novak Lab\"}", FALSE },
    { "{\"name\":\"David\",\"by\":\"Dana Novak\"}", TRUE },
    { "{\"course\":\"DB101\"}", FALSE },
  };
  RosterAuditEvent audit = event ("user.erased", 0);
  RosterAuditEvent request_audit = event ("removal_request.created", 0);
  RosterAuditEvent decline_audit = event ("removal_request.declined", 0);
  g_autofree char *token = give_token (fixture->storage, U_DNOVAK, "novak");
  g_autoptr(RosterUserDetails) details = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(RosterRemovalRequest) declined = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 first_request, second_request;
  HashCall call = { NULL };
  RosterRemovalQuery all = { 0, };
  gboolean erased = FALSE;
  RosterUser *user;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    append_audit (fixture->storage, i % 2 ? U_DNOVAK : 0, notes[i].details);

  /* An older request he withdrew by asking again, then one that waits. */
  first_request = roster_storage_create_removal_request (fixture->storage, U_DNOVAK, "Delete David's data",
                                                         &request_audit, &error);
  g_assert_no_error (error);
  declined = roster_storage_decline_removal_request (fixture->storage, first_request, U_ROOT,
                                                     "Asked David Nov\xc3\xa1k to wait", &decline_audit, &error);
  g_assert_no_error (error);
  second_request = roster_storage_create_removal_request (fixture->storage, U_DNOVAK, "Please, David Nov\xc3\xa1k",
                                                          &request_audit, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_in_database (fixture, DNOVAK_EMAIL), >, 0);

  g_assert_true (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_no_error (error);

  /* The keyed hash of the folded address is all that is kept of it. */
  g_assert_cmpstr (call.key, ==, DNOVAK_EMAIL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, DNOVAK_EMAIL, -1);
  g_assert_true (roster_storage_is_erased_email (fixture->storage, hash, &erased, &error));
  g_assert_true (erased);
  g_assert_true (roster_storage_is_erased_email (fixture->storage, "0123456789abcdef", &erased, &error));
  g_assert_false (erased);

  details = roster_storage_get_user_details (fixture->storage, U_DNOVAK, 50, &error);
  g_assert_no_error (error);
  user = details->user;
  g_assert_cmpstr (roster_user_get_username (user), ==, "erased-2");
  g_assert_null (roster_user_get_email (user));
  g_assert_cmpstr (roster_user_get_first_name (user), ==, "");
  g_assert_cmpstr (roster_user_get_last_name (user), ==, "");
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ERASED);
  g_assert_cmpint (roster_user_get_locked_until (user), ==, 0);
  g_assert_cmpuint (details->failed_logins, ==, 0);

  /* Enrolments and groups stay, so that counts stay true. */
  g_assert_cmpuint (details->enrolments->len, ==, 1);
  groups = roster_storage_list_user_group_ids (fixture->storage, COURSE_DB, U_DNOVAK, &error);
  g_assert_cmpuint (groups->len, ==, 1);

  /* Nobody signs in as him, by any old name or session. */
  g_assert_false (token_works (fixture->storage, token));
  credentials = storage_fixture_get_credentials (fixture->storage, "d.novak");
  g_assert_null (credentials);
  credentials = storage_fixture_get_credentials (fixture->storage, DNOVAK_EMAIL);
  g_assert_null (credentials);
  credentials = storage_fixture_get_credentials (fixture->storage, "erased-2");
  g_assert_nonnull (credentials);
  g_assert_null (credentials->password_hash);

  /* The log keeps every event; what named him is redacted. */
  records = storage_fixture_list_audit (fixture->storage, 0, "test.note");
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (notes));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, G_N_ELEMENTS (notes) - 1 - i);

      g_test_message ("note %u: %s", i, notes[i].details);
      if (notes[i].redacted)
        g_assert_cmpstr (record->details, ==, "{\"redacted\":true}");
      else
        g_assert_cmpstr (record->details, ==, notes[i].details);
    }
  g_clear_pointer (&records, g_ptr_array_unref);
  records = storage_fixture_list_audit (fixture->storage, U_DNOVAK, "user.erased");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->details, ==,
                   "{\"redacted_events\":6}");

  /* His requests are closed; their words are gone. */
  requests = roster_storage_list_removal_requests (fixture->storage, &all, &error);
  g_assert_cmpuint (requests->len, ==, 2);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterRemovalRequest *request = g_ptr_array_index (requests, i);

      g_assert_null (roster_removal_request_get_reason (request));
      g_assert_null (roster_removal_request_get_decision_reason (request));
      g_assert_cmpstr (roster_removal_request_get_username (request), ==, "erased-2");
      g_assert_null (roster_removal_request_get_email (request));
      g_assert_cmpint (roster_removal_request_get_user_state (request), ==, ROSTER_USER_STATE_ERASED);
      if (roster_removal_request_get_id (request) == second_request)
        {
          g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_ERASED);
          g_assert_cmpint (roster_removal_request_get_decided_by (request), ==, U_ROOT);
          g_assert_cmpint (roster_removal_request_get_decided_at (request), >, 0);
        }
      else
        g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_DECLINED);
    }

  /* And the database's files hold none of it any more. */
  g_assert_cmpuint (count_in_database (fixture, DNOVAK_EMAIL), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "Nov\xc3\xa1k"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "NOV\xc3\x81K"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "David"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "D.NOVAK"), ==, 0);

  g_assert_false (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (roster_storage_erase_user (fixture->storage, 999, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The last administrator is not erased. */
  g_assert_false (roster_storage_erase_user (fixture->storage, U_ROOT, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  g_free (call.key);
}

/* A failure half-way (here: the name erasure gives him is taken) keeps
 * everything as it was. */
static void
test_erase_atomic (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RosterAuditEvent audit = event ("user.erased", 0);
  g_autofree char *token = give_token (fixture->storage, U_DNOVAK, "novak");
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  HashCall call = { NULL };

  append_audit (fixture->storage, U_DNOVAK, "{\"username\":\"d.novak\"}");

  g_assert_false (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  credentials = storage_fixture_get_credentials (fixture->storage, DNOVAK_EMAIL);
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->state, ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_true (token_works (fixture->storage, token));
  records = storage_fixture_list_audit (fixture->storage, U_DNOVAK, "test.note");
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->details, ==, "{\"username\":\"d.novak\"}");
  g_assert_cmpuint (count_audit (fixture->storage, U_DNOVAK, "user.erased"), ==, 0);

  g_free (call.key);
}

/* ---- removal requests ---- */

static void
test_removal_requests (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RosterAuditEvent created = event ("removal_request.created", 0);
  RosterAuditEvent declined_audit = event ("removal_request.declined", 0);
  RosterAuditEvent erased_audit = event ("user.erased", 0);
  RosterRemovalQuery pending = { .filter_status = TRUE, .status = ROSTER_REMOVAL_STATUS_PENDING };
  RosterRemovalQuery declined = { .filter_status = TRUE, .status = ROSTER_REMOVAL_STATUS_DECLINED };
  RosterRemovalQuery page = { .limit = 1 };
  g_autoptr(RosterRemovalRequest) decided = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalRequest *request;
  gint64 zoe_request, chen_request, again;
  HashCall call = { NULL };

  zoe_request = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Finished", &created, &error);
  g_assert_no_error (error);
  chen_request = roster_storage_create_removal_request (fixture->storage, U_MCHEN, "", &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chen_request, >, zoe_request);

  /* One waiting request per person. */
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Again", &created, &error);
  g_assert_cmpint (again, ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  again = roster_storage_create_removal_request (fixture->storage, 999, NULL, &created, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Audited, about the person, naming the request. */
  records = storage_fixture_list_audit (fixture->storage, U_ZOE, "removal_request.created");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->object_type, ==, "removal_request");
  g_assert_cmpint (((RosterAuditRecord *) g_ptr_array_index (records, 0))->object_id, ==, zoe_request);

  list = roster_storage_list_removal_requests (fixture->storage, &pending, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  request = g_ptr_array_index (list, 0);
  g_assert_cmpint (roster_removal_request_get_id (request), ==, zoe_request);
  g_assert_cmpint (roster_removal_request_get_user_id (request), ==, U_ZOE);
  g_assert_cmpstr (roster_removal_request_get_username (request), ==, "zoe");
  g_assert_cmpstr (roster_removal_request_get_first_name (request), ==, "Zo\xc3\xab");
  g_assert_cmpstr (roster_removal_request_get_email (request), ==, "zoe@uni.example");
  g_assert_cmpstr (roster_removal_request_get_reason (request), ==, "Finished");
  g_assert_cmpint (roster_removal_request_get_requested_at (request), >, 0);
  g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_PENDING);
  /* An empty reason is no reason. */
  g_assert_null (roster_removal_request_get_reason (g_ptr_array_index (list, 1)));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = roster_storage_list_removal_requests (fixture->storage, &page, &error);
  g_assert_cmpuint (list->len, ==, 1);
  page.after_id = roster_removal_request_get_id (g_ptr_array_index (list, 0));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = roster_storage_list_removal_requests (fixture->storage, &page, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (roster_removal_request_get_id (g_ptr_array_index (list, 0)), ==, chen_request);
  g_clear_pointer (&list, g_ptr_array_unref);

  decided = roster_storage_decline_removal_request (fixture->storage, zoe_request, U_ROOT, "Exams first",
                                                    &declined_audit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_removal_request_get_status (decided), ==, ROSTER_REMOVAL_STATUS_DECLINED);
  g_assert_cmpint (roster_removal_request_get_decided_by (decided), ==, U_ROOT);
  g_assert_cmpstr (roster_removal_request_get_decision_reason (decided), ==, "Exams first");
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "removal_request.declined"), ==, 1);
  g_clear_object (&decided);

  decided = roster_storage_decline_removal_request (fixture->storage, zoe_request, U_ROOT, NULL,
                                                    &declined_audit, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  decided = roster_storage_decline_removal_request (fixture->storage, 999, U_ROOT, NULL, &declined_audit, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_audit (fixture->storage, U_ZOE, "removal_request.declined"), ==, 1);

  list = roster_storage_list_removal_requests (fixture->storage, &declined, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Once declined, a person may ask again; once erased, not. */
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Now?", &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, 0);
  g_assert_true (roster_storage_erase_user (fixture->storage, U_ZOE, fake_hash, &call, &erased_audit, &error));
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, NULL, &created, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  g_free (call.key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, set_up, func, storage_fixture_tear_down)

  ADD ("/sqlite-admin/list", test_list, NULL);
  ADD ("/sqlite-admin/details", test_details, NULL);
  ADD ("/sqlite-admin/update", test_update, NULL);
  ADD ("/sqlite-admin/activate-suspend", test_activate_suspend, NULL);
  ADD ("/sqlite-admin/unlock-password", test_unlock_password, NULL);
  ADD ("/sqlite-admin/erase", test_erase, NULL);
  ADD ("/sqlite-admin/erase-atomic", test_erase_atomic, "taken name");
  ADD ("/sqlite-admin/removal-requests", test_removal_requests, NULL);

#undef ADD

  return g_test_run ();
}
