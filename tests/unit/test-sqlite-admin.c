/* test-sqlite-admin.c: the SQLite driver's user administration:
 * listing, details, changes and account actions (erasure and removal
 * requests are in test-sqlite-erase.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  U_ROOT = 1,      /* the only site administrator */
  U_DNOVAK,        /* David Novák, locked, enrolled in DB101 */
  U_DNOVAK2,       /* Dana Novak: a name like his, another person */
  U_NOKORO,        /* pending */
  U_TIVANOVA,      /* suspended */
  U_MCHEN,
  U_ZOE,

  COURSE_DB = 10,
};

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse course = { COURSE_DB, 0, "DB101", "Databases", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 };
  RosterDatasetEnrolment student = {
    .id = 1, .course_id = COURSE_DB, .user_id = U_DNOVAK, .role = ROSTER_ROLE_STUDENT,
    .status = ROSTER_ENROLMENT_ACTIVE, .created_at = NOW - 900,
  };
  RosterDatasetUser *row;

  storage_fixture_set_up (fixture, user_data);

  row = storage_fixture_add_user (dataset, U_ROOT, "root", "root@uni.example", "Ada", "Admin",
                                  ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  row->site_admin = TRUE;
  row = storage_fixture_add_user (dataset, U_DNOVAK, "d.novak", "david.novak@mail.example", "David", "Nov\xc3\xa1k",
                                  ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  row->failed_logins = 5;
  row->locked_until = G_GINT64_CONSTANT (4102444800);
  storage_fixture_add_user (dataset, U_DNOVAK2, "d.novak2", "dana@mail.example", "Dana", "Novak",
                            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (dataset, U_NOKORO, "n.okoro", "ngozi.okoro@mail.example", "Ngozi", "Okoro",
                            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_PENDING);
  storage_fixture_add_user (dataset, U_TIVANOVA, "t.ivanova", "t.ivanova@student.uni.example",
                            "\xd0\xa2\xd0\xb0\xd1\x82\xd1\x8c\xd1\x8f\xd0\xbd\xd0\xb0",
                            "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xb0",
                            ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_SUSPENDED);
  storage_fixture_add_user (dataset, U_MCHEN, "m.chen", "m.chen@uni.example", "\xe6\x98\x8e", "\xe9\x99\x88",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (dataset, U_ZOE, "zoe", "zoe@uni.example", "Zo\xc3\xab", "M\xc3\xbcller",
                            ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_ACTIVE);

  g_array_append_val (dataset->courses, course);
  g_array_append_val (dataset->enrolments, student);

  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
}

static RosterAuditEvent
event (const char *action,
       gint64      target)
{
  RosterAuditEvent audit = { .actor_id = U_ROOT, .action = action, .target_user_id = target };

  return audit;
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
  storage_fixture_append_note (fixture->storage, U_DNOVAK, "{\"n\":1}");
  storage_fixture_append_note (fixture->storage, U_DNOVAK, "{\"n\":2}");
  storage_fixture_append_note (fixture->storage, U_ZOE, "{\"n\":3}");
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
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "user.updated"), ==, 1);

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
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "user.updated"), ==, 1);

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
  g_autofree char *token = storage_fixture_give_token (fixture->storage, U_ZOE, "zoe");
  g_autofree char *root_token = storage_fixture_give_token (fixture->storage, U_ROOT, "root");
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = roster_storage_activate_user (fixture->storage, U_NOKORO, &activated, &reactivated, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_NOKORO, "user.activated"), ==, 1);
  g_clear_object (&user);

  user = roster_storage_activate_user (fixture->storage, U_TIVANOVA, &activated, &reactivated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_TIVANOVA, "user.reactivated"), ==, 1);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_TIVANOVA, "user.activated"), ==, 0);
  g_clear_object (&user);

  user = roster_storage_activate_user (fixture->storage, U_ZOE, &activated, &reactivated, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Suspension ends every session at once. */
  g_assert_true (storage_fixture_token_works (fixture->storage, token));
  user = roster_storage_suspend_user (fixture->storage, U_ZOE, &suspended, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_SUSPENDED);
  g_clear_object (&user);
  g_assert_false (storage_fixture_token_works (fixture->storage, token));
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "user.suspended"), ==, 1);

  user = roster_storage_suspend_user (fixture->storage, U_ZOE, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  user = roster_storage_suspend_user (fixture->storage, U_NOKORO + 100, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The last active administrator stays, sessions and all. */
  user = roster_storage_suspend_user (fixture->storage, U_ROOT, &suspended, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_true (storage_fixture_token_works (fixture->storage, root_token));
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "user.suspended"), ==, 1);
}

static void
test_unlock_password (Fixture       *fixture,
                      gconstpointer  user_data)
{
  RosterAuditEvent unlocked = event ("user.unlocked", 0);
  RosterAuditEvent password = event ("user.password_set", 0);
  g_autofree char *token = storage_fixture_give_token (fixture->storage, U_ZOE, "zoe");
  g_autofree char *other = storage_fixture_give_token (fixture->storage, U_MCHEN, "chen");
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
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_DNOVAK, "user.unlocked"), ==, 1);

  /* A new password: the sessions end and the failure count goes. */
  g_assert_true (roster_storage_record_login_failure (fixture->storage, U_ZOE, NOW, 5, 900, NULL, NULL,
                                                      &failure, &error));
  g_assert_true (roster_storage_set_user_password (fixture->storage, U_ZOE, "$argon2id$new", &password, &error));
  g_assert_no_error (error);
  credentials = storage_fixture_get_credentials (fixture->storage, "zoe");
  g_assert_cmpstr (credentials->password_hash, ==, "$argon2id$new");
  g_assert_cmpuint (credentials->failed_logins, ==, 0);
  g_assert_false (storage_fixture_token_works (fixture->storage, token));
  g_assert_true (storage_fixture_token_works (fixture->storage, other));
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "user.password_set"), ==, 1);

  g_assert_false (roster_storage_set_user_password (fixture->storage, 999, "$argon2id$new", &password, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, set_up, func, storage_fixture_tear_down)

  ADD ("/sqlite-admin/list", test_list);
  ADD ("/sqlite-admin/details", test_details);
  ADD ("/sqlite-admin/update", test_update);
  ADD ("/sqlite-admin/activate-suspend", test_activate_suspend);
  ADD ("/sqlite-admin/unlock-password", test_unlock_password);

#undef ADD

  return g_test_run ();
}
