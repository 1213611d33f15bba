/* test-sqlite-storage-users.c: the SQLite driver of RosterStorage:
 * schema, users, credentials, sign-in and tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-storage.h"

#include "storage-fixture.h"

/* ---- helpers ---- */

static guint
count_audit (RosterStorage *storage,
             gint64         user_id,
             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, user_id, action);

  return records->len;
}

/* ---- schema ---- */

static void
test_migrate (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_assert_cmpuint (roster_sqlite_n_migrations, >=, 1);
  g_assert_cmpint (roster_storage_get_schema_version (fixture->storage), ==,
                   (int) roster_sqlite_n_migrations);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 0);

  storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");

  /* Opening it again migrates nothing and loses nothing. */
  storage_fixture_reopen (fixture);
  g_assert_cmpint (roster_storage_get_schema_version (fixture->storage), ==,
                   (int) roster_sqlite_n_migrations);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 1);
}

static void
test_newer_schema_refused (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) storage = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %u", roster_sqlite_n_migrations + 1);
  sqlite3 *db = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->storage));

  /* As if a newer server had been here. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  storage = roster_storage_open (fixture->path, 2, &error);
  g_assert_null (storage);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
}

static void
test_postgresql_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterStorage) storage = roster_storage_open ("postgresql://roster@localhost/roster", 2, &error);

  g_assert_null (storage);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE);
}

/* ---- users ---- */

static void
test_create_user (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GPtrArray) records = NULL;
  const RosterNewUser new_user = {
    .username = "Zoe.Muller",
    .email = "Zoe@Uni.example",
    .first_name = "Zo\xc3\xab",
    .last_name = "M\xc3\xbcller",
    .type = ROSTER_USER_TYPE_EXTERNAL,
    .state = ROSTER_USER_STATE_PENDING,
    .password_hash = HASH,
    .site_admin = TRUE,
  };
  const RosterAuditEvent audit = {
    .actor_id = 77,
    .action = "user.create",
    .remote_address = "192.0.2.1",
    .details = "{\"via\":\"test\"}",
  };
  const RosterAuditRecord *record;
  gint64 id;

  id = roster_storage_create_user (fixture->storage, &new_user, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 1);

  /* The names as given, not their folded keys. */
  user = roster_storage_get_user (fixture->storage, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (roster_user_get_id (user), ==, id);
  g_assert_cmpstr (roster_user_get_username (user), ==, "Zoe.Muller");
  g_assert_cmpstr (roster_user_get_email (user), ==, "Zoe@Uni.example");
  g_assert_cmpstr (roster_user_get_first_name (user), ==, "Zo\xc3\xab");
  g_assert_cmpstr (roster_user_get_last_name (user), ==, "M\xc3\xbcller");
  g_assert_cmpint (roster_user_get_user_type (user), ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_PENDING);
  g_assert_true (roster_user_get_is_site_admin (user));
  g_assert_cmpint (roster_user_get_locked_until (user), ==, 0);
  g_assert_cmpint (roster_user_get_created_at (user), >, 0);
  g_assert_cmpint (roster_user_get_last_access (user), ==, 0);

  /* The audit record, with the new user as its target. */
  records = storage_fixture_list_audit (fixture->storage, id, NULL);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->action, ==, "user.create");
  g_assert_cmpint (record->target_user_id, ==, id);
  g_assert_cmpint (record->actor_id, ==, 77);
  g_assert_cmpint (record->course_id, ==, 0);
  g_assert_cmpstr (record->remote_address, ==, "192.0.2.1");
  g_assert_cmpstr (record->details, ==, "{\"via\":\"test\"}");
  g_assert_cmpint (record->at, >, 0);
}

static void
test_get_user_missing (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = roster_storage_get_user (fixture->storage, 12345, &error);

  g_assert_null (user);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
assert_create_conflicts (RosterStorage *storage,
                         const char    *username,
                         const char    *email)
{
  g_autoptr(GError) error = NULL;
  const RosterNewUser user = {
    .username = username,
    .email = email,
    .type = ROSTER_USER_TYPE_STUDENT,
    .state = ROSTER_USER_STATE_ACTIVE,
  };
  const RosterAuditEvent audit = { .action = "user.create" };
  gint64 before = storage_fixture_count_users (storage);
  guint audit_before = count_audit (storage, 0, "user.create");
  gint64 id = roster_storage_create_user (storage, &user, &audit, &error);

  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  /* Neither the user nor its audit record. */
  g_assert_cmpint (storage_fixture_count_users (storage), ==, before);
  g_assert_cmpuint (count_audit (storage, 0, "user.create"), ==, audit_before);
}

static void
test_duplicate_username (Fixture       *fixture,
                         gconstpointer  user_data)
{
  storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");

  assert_create_conflicts (fixture->storage, "ALICE", "other@uni.example");
  assert_create_conflicts (fixture->storage, "Alice", NULL);
  assert_create_conflicts (fixture->storage, " alice ", "third@uni.example");
  /* Ａｌｉｃｅ in fullwidth letters is the same name after NFKC. */
  assert_create_conflicts (fixture->storage, "\xef\xbc\xa1\xef\xbd\x8c\xef\xbd\x89\xef\xbd\x83\xef\xbd\x85",
                           "fourth@uni.example");

  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 1);
  g_assert_cmpuint (count_audit (fixture->storage, 0, "user.create"), ==, 1);
}

static void
test_duplicate_email (Fixture       *fixture,
                      gconstpointer  user_data)
{
  storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");

  assert_create_conflicts (fixture->storage, "bob", "alice@uni.example");
  assert_create_conflicts (fixture->storage, "carol", "Alice@UNI.example");

  /* No e-mail at all is not a clash. */
  storage_fixture_create_user (fixture->storage, "dave", NULL);
  storage_fixture_create_user (fixture->storage, "erin", NULL);

  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 3);
}

static void
test_empty_username (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char * const names[] = { "", "   ", "bad\xff" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      const RosterNewUser user = {
        .username = names[i],
        .type = ROSTER_USER_TYPE_STAFF,
        .state = ROSTER_USER_STATE_ACTIVE,
      };
      gint64 id = roster_storage_create_user (fixture->storage, &user, NULL, &error);

      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }

  g_assert_cmpint (storage_fixture_count_users (fixture->storage), ==, 0);
}

/* ---- credentials ---- */

static void
test_get_credentials (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char * const spellings[] = {
    "alice", "ALICE", "  Alice ", "alice@uni.example", "Alice@UNI.Example", " alice@uni.example",
  };
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, spellings[i]);

      g_assert_nonnull (credentials);
      g_assert_cmpint (credentials->user_id, ==, alice);
      g_assert_cmpint (credentials->state, ==, ROSTER_USER_STATE_ACTIVE);
      g_assert_cmpstr (credentials->password_hash, ==, HASH);
      g_assert_cmpuint (credentials->failed_logins, ==, 0);
      g_assert_cmpint (credentials->locked_until, ==, 0);
    }

  {
    g_autoptr(RosterCredentials) unknown = storage_fixture_get_credentials (fixture->storage, "mallory");
    g_autoptr(RosterCredentials) empty = storage_fixture_get_credentials (fixture->storage, "");
    g_autoptr(RosterCredentials) partial = storage_fixture_get_credentials (fixture->storage, "alic");

    g_assert_null (unknown);
    g_assert_null (empty);
    g_assert_null (partial);
  }
}

static void
test_credentials_username_wins (Fixture       *fixture,
                                gconstpointer  user_data)
{
  /* One person's e-mail address is another's username. */
  gint64 bob = storage_fixture_create_user (fixture->storage, "bob", "shared@uni.example");
  gint64 shared = storage_fixture_create_user (fixture->storage, "shared@uni.example", "someone@uni.example");
  g_autoptr(RosterCredentials) by_shared = storage_fixture_get_credentials (fixture->storage,
                                                                            "Shared@Uni.Example");
  g_autoptr(RosterCredentials) by_bob = storage_fixture_get_credentials (fixture->storage, "bob");

  g_assert_cmpint (bob, !=, shared);
  g_assert_nonnull (by_shared);
  g_assert_cmpint (by_shared->user_id, ==, shared);
  g_assert_nonnull (by_bob);
  g_assert_cmpint (by_bob->user_id, ==, bob);
}

/* ---- sign-in ---- */

static void
record_failure (RosterStorage      *storage,
                gint64              user_id,
                gint64              now,
                RosterLoginFailure *result)
{
  g_autoptr(GError) error = NULL;
  const RosterAuditEvent failure = { .action = "auth.login_failed", .target_user_id = user_id };
  const RosterAuditEvent lock = { .action = "auth.account_locked", .target_user_id = user_id };

  g_assert_true (roster_storage_record_login_failure (storage, user_id, now, 5, 900,
                                                      &failure, &lock, result, &error));
  g_assert_no_error (error);
}

static void
test_login_failures_lock (Fixture       *fixture,
                          gconstpointer  user_data)
{
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  RosterLoginFailure result;

  for (guint i = 1; i <= 4; i++)
    {
      g_autoptr(RosterCredentials) credentials = NULL;

      record_failure (fixture->storage, alice, NOW, &result);
      g_assert_cmpuint (result.failed_logins, ==, i);
      g_assert_cmpint (result.locked_until, ==, 0);

      credentials = storage_fixture_get_credentials (fixture->storage, "alice");
      g_assert_cmpuint (credentials->failed_logins, ==, i);
      g_assert_cmpint (credentials->locked_until, ==, 0);
    }

  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.login_failed"), ==, 4);
  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.account_locked"), ==, 0);

  /* The fifth locks the account for 900 s from now. */
  record_failure (fixture->storage, alice, NOW, &result);
  g_assert_cmpuint (result.failed_logins, ==, 5);
  g_assert_cmpint (result.locked_until, ==, NOW + 900);

  {
    g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, "alice");
    g_autoptr(RosterUser) user = roster_storage_get_user (fixture->storage, alice, NULL);

    g_assert_cmpuint (credentials->failed_logins, ==, 5);
    g_assert_cmpint (credentials->locked_until, ==, NOW + 900);
    g_assert_cmpint (roster_user_get_locked_until (user), ==, NOW + 900);
  }

  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.login_failed"), ==, 5);
  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.account_locked"), ==, 1);

  /* Failing again while locked counts, but neither extends the lock nor
   * locks again. */
  record_failure (fixture->storage, alice, NOW + 10, &result);
  g_assert_cmpuint (result.failed_logins, ==, 6);
  g_assert_cmpint (result.locked_until, ==, 0);
  {
    g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, "alice");

    g_assert_cmpint (credentials->locked_until, ==, NOW + 900);
  }
  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.account_locked"), ==, 1);
}

static void
test_login_failure_after_lock (Fixture       *fixture,
                               gconstpointer  user_data)
{
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  RosterLoginFailure result;

  for (guint i = 1; i <= 5; i++)
    record_failure (fixture->storage, alice, NOW, &result);
  g_assert_cmpint (result.locked_until, ==, NOW + 900);

  /* Once the lock has run out, counting starts afresh. */
  record_failure (fixture->storage, alice, NOW + 901, &result);
  g_assert_cmpuint (result.failed_logins, ==, 1);
  g_assert_cmpint (result.locked_until, ==, 0);

  {
    g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, "alice");

    g_assert_cmpuint (credentials->failed_logins, ==, 1);
    g_assert_cmpint (credentials->locked_until, ==, 0);
  }

  /* And it takes another five to lock again. */
  for (guint i = 2; i <= 4; i++)
    {
      record_failure (fixture->storage, alice, NOW + 901 + i, &result);
      g_assert_cmpuint (result.failed_logins, ==, i);
      g_assert_cmpint (result.locked_until, ==, 0);
    }
  record_failure (fixture->storage, alice, NOW + 1000, &result);
  g_assert_cmpuint (result.failed_logins, ==, 5);
  g_assert_cmpint (result.locked_until, ==, NOW + 1900);
  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.account_locked"), ==, 2);
}

static void
test_login_success (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  const RosterAuditEvent audit = { .actor_id = alice, .action = "auth.login" };
  RosterLoginFailure result;
  gboolean expired = TRUE;

  for (guint i = 1; i <= 5; i++)
    record_failure (fixture->storage, alice, NOW, &result);

  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "token-hash-1",
                                                      NOW + 1000, NOW + 1000 + 3600, &audit, &error));
  g_assert_no_error (error);

  {
    g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, "alice");

    g_assert_cmpuint (credentials->failed_logins, ==, 0);
    g_assert_cmpint (credentials->locked_until, ==, 0);
  }
  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.login"), ==, 1);

  {
    g_autoptr(RosterUser) user = roster_storage_lookup_token (fixture->storage, "token-hash-1",
                                                              NOW + 1001, &expired, &error);

    g_assert_no_error (error);
    g_assert_nonnull (user);
    g_assert_false (expired);
    g_assert_cmpint (roster_user_get_id (user), ==, alice);
    g_assert_cmpstr (roster_user_get_username (user), ==, "alice");
    /* The sign-in is the last access. */
    g_assert_cmpint (roster_user_get_last_access (user), ==, NOW + 1000);
  }
}

static RosterUser *
lookup (RosterStorage *storage,
        const char    *token_hash,
        gint64         now,
        gboolean      *expired)
{
  g_autoptr(GError) error = NULL;
  RosterUser *user;

  *expired = (gboolean) 42;
  user = roster_storage_lookup_token (storage, token_hash, now, expired, &error);
  g_assert_no_error (error);
  return user;
}

static void
test_login_success_rolls_back (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  gint64 bob = storage_fixture_create_user (fixture->storage, "bob", "bob@uni.example");
  const RosterAuditEvent audit = { .action = "auth.login" };
  RosterLoginFailure result;
  gboolean expired;

  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "same-hash",
                                                      NOW, NOW + 3600, &audit, NULL));
  record_failure (fixture->storage, bob, NOW, &result);

  /* A token hash that is already taken: nothing of the sign-in stays. */
  g_assert_false (roster_storage_record_login_success (fixture->storage, bob, "same-hash",
                                                       NOW + 1, NOW + 3600, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  {
    g_autoptr(RosterCredentials) credentials = storage_fixture_get_credentials (fixture->storage, "bob");
    g_autoptr(RosterUser) owner = lookup (fixture->storage, "same-hash", NOW + 2, &expired);

    g_assert_cmpuint (credentials->failed_logins, ==, 1);
    g_assert_nonnull (owner);
    g_assert_cmpint (roster_user_get_id (owner), ==, alice);
  }
  g_assert_cmpuint (count_audit (fixture->storage, bob, "auth.login"), ==, 0);
  g_assert_cmpuint (count_audit (fixture->storage, 0, "auth.login"), ==, 1);
}

static void
test_token_expiry (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  gboolean expired;

  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "hash-a",
                                                      NOW, NOW + 3600, NULL, NULL));

  {
    g_autoptr(RosterUser) user = lookup (fixture->storage, "hash-a", NOW, &expired);

    g_assert_nonnull (user);
    g_assert_false (expired);
  }

  {
    g_autoptr(RosterUser) user = lookup (fixture->storage, "hash-a", NOW + 3599, &expired);
    g_autoptr(RosterUser) again = NULL;

    g_assert_nonnull (user);
    g_assert_false (expired);
    /* Last access follows use, to the minute. */
    g_assert_cmpint (roster_user_get_last_access (user), ==, NOW + 3599);
    again = roster_storage_get_user (fixture->storage, alice, NULL);
    g_assert_cmpint (roster_user_get_last_access (again), ==, NOW + 3599);
  }

  {
    /* At the expiry time exactly, and after it. */
    g_autoptr(RosterUser) at = lookup (fixture->storage, "hash-a", NOW + 3600, &expired);

    g_assert_null (at);
    g_assert_true (expired);
  }

  {
    g_autoptr(RosterUser) after = lookup (fixture->storage, "hash-a", NOW + 7200, &expired);

    g_assert_null (after);
    g_assert_true (expired);
  }

  {
    g_autoptr(RosterUser) unknown = lookup (fixture->storage, "no-such-hash", NOW, &expired);

    g_assert_null (unknown);
    g_assert_false (expired);
  }
}

static void
test_token_purged (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  gint64 later = NOW + 3600 + 24 * 3600 + 1;
  gboolean expired;

  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "old",
                                                      NOW, NOW + 3600, NULL, NULL));

  /* A day after it expired, the next sign-in sweeps the old token away:
   * it no longer reads as "expired", just as unknown. */
  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "new",
                                                      later, later + 3600, NULL, NULL));

  {
    g_autoptr(RosterUser) old = lookup (fixture->storage, "old", later, &expired);

    g_assert_null (old);
    g_assert_false (expired);
  }

  {
    g_autoptr(RosterUser) current = lookup (fixture->storage, "new", later, &expired);

    g_assert_nonnull (current);
    g_assert_false (expired);
  }
}

static void
test_delete_token (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 alice = storage_fixture_create_user (fixture->storage, "alice", "alice@uni.example");
  const RosterAuditEvent logout = { .actor_id = alice, .action = "auth.logout" };
  gboolean expired;

  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "hash-1",
                                                      NOW, NOW + 3600, NULL, NULL));
  g_assert_true (roster_storage_record_login_success (fixture->storage, alice, "hash-2",
                                                      NOW, NOW + 3600, NULL, NULL));

  g_assert_true (roster_storage_delete_token (fixture->storage, "hash-1", &logout, &error));
  g_assert_no_error (error);

  {
    g_autoptr(RosterUser) gone = lookup (fixture->storage, "hash-1", NOW + 1, &expired);
    /* Only that token: another session of the same user stays. */
    g_autoptr(RosterUser) other = lookup (fixture->storage, "hash-2", NOW + 1, &expired);

    g_assert_null (gone);
    g_assert_nonnull (other);
  }

  {
    g_autoptr(RosterUser) gone = lookup (fixture->storage, "hash-1", NOW + 1, &expired);

    g_assert_null (gone);
    g_assert_false (expired);
  }

  g_assert_cmpuint (count_audit (fixture->storage, alice, "auth.logout"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sqlite-storage/postgresql-unavailable", test_postgresql_unavailable);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, storage_fixture_set_up, func, storage_fixture_tear_down)

  ADD_TEST ("/sqlite-storage/schema/migrate", test_migrate);
  ADD_TEST ("/sqlite-storage/schema/newer-refused", test_newer_schema_refused);
  ADD_TEST ("/sqlite-storage/users/create", test_create_user);
  ADD_TEST ("/sqlite-storage/users/get-missing", test_get_user_missing);
  ADD_TEST ("/sqlite-storage/users/duplicate-username", test_duplicate_username);
  ADD_TEST ("/sqlite-storage/users/duplicate-email", test_duplicate_email);
  ADD_TEST ("/sqlite-storage/users/empty-username", test_empty_username);
  ADD_TEST ("/sqlite-storage/credentials/lookup", test_get_credentials);
  ADD_TEST ("/sqlite-storage/credentials/username-wins", test_credentials_username_wins);
  ADD_TEST ("/sqlite-storage/login/failures-lock", test_login_failures_lock);
  ADD_TEST ("/sqlite-storage/login/failure-after-lock", test_login_failure_after_lock);
  ADD_TEST ("/sqlite-storage/login/success", test_login_success);
  ADD_TEST ("/sqlite-storage/login/success-rolls-back", test_login_success_rolls_back);
  ADD_TEST ("/sqlite-storage/token/expiry", test_token_expiry);
  ADD_TEST ("/sqlite-storage/token/purged", test_token_purged);
  ADD_TEST ("/sqlite-storage/token/delete", test_delete_token);

#undef ADD_TEST

  return g_test_run ();
}
