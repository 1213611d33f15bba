/* test-sqlite-signup-reset.c: the SQLite driver of RosterSignupStorage:
 * password resets, the expiry of unconfirmed sign-ups, and an
 * administrator's activation completing a sign-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signup-dataset.h"

static gboolean
create_reset (SignupFixture  *fixture,
              gint64          user_id,
              const char     *token_hash,
              gint64          expires_at,
              GError        **error)
{
  const RosterMailToken token = { .token_hash = token_hash, .expires_at = expires_at };
  const RosterMailDraft mail = {
    .kind = ROSTER_MAIL_RESET,
    .recipient = "someone@mail.example",
    .params = "{\"token\":\"plain\",\"first_name\":\"Ana\",\"expires_at\":4102444800}",
  };
  const RosterAuditEvent audit = { .action = "signup.reset_requested", .remote_address = "192.0.2.5" };

  return roster_signup_storage_create_reset (fixture->signup, user_id, &token, &mail, &audit, error);
}

static void
create_reset_ok (SignupFixture *fixture,
                 gint64         user_id,
                 const char    *token_hash)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (create_reset (fixture, user_id, token_hash, FAR, &error));
  g_assert_no_error (error);
}

static gboolean
reset_password (SignupFixture       *fixture,
                const char          *token_hash,
                gint64               now,
                RosterSignupResult  *result,
                GError             **error)
{
  return roster_signup_storage_reset_password (fixture->signup, token_hash, "new-password-hash", now,
                                               "192.0.2.6", result, error);
}

static void
test_reset (SignupFixture *fixture,
            gconstpointer  data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *session_1 = storage_fixture_give_token (storage, ANA, "ana-1");
  g_autofree char *session_2 = storage_fixture_give_token (storage, ANA, "ana-2");
  g_autofree char *other = storage_fixture_give_token (storage, ROOT, "root");
  g_autofree char *password = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* Ana has locked herself out. */
  exec_sql (fixture, "UPDATE users SET failed_logins = 5, locked_until = 4102444800 WHERE id = ?1", ANA);

  create_reset_ok (fixture, ANA, "reset-1");
  create_reset_ok (fixture, ANA, "reset-2");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1 AND purpose = 'reset'",
                              ANA), ==, 2);
  g_assert_cmpint (count_mail (fixture, "reset", ANA), ==, 2);
  record = last_audit (fixture, ANA, "signup.reset_requested");
  g_assert_cmpint (record->target_user_id, ==, ANA);
  g_clear_pointer (&record, roster_audit_record_free);

  g_assert_true (reset_password (fixture, "reset-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.user_id, ==, ANA);
  g_assert_false (result.activated);
  g_assert_nonnull (result.enrolments);
  g_assert_cmpuint (result.enrolments->len, ==, 0);

  password = query_text (fixture, "SELECT password_hash FROM users WHERE id = ?1", ANA);
  g_assert_cmpstr (password, ==, "new-password-hash");
  g_assert_cmpint (query_int (fixture, "SELECT failed_logins FROM users WHERE id = ?1", ANA), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT locked_until FROM users WHERE id = ?1", ANA), ==, 0);
  /* Every session of hers ended, nobody else's. */
  g_assert_false (storage_fixture_token_works (storage, session_1));
  g_assert_false (storage_fixture_token_works (storage, session_2));
  g_assert_true (storage_fixture_token_works (storage, other));
  /* Both her links are used up. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1 AND used_at = 1700000000",
                              ANA), ==, 2);

  record = last_audit (fixture, ANA, "signup.password_reset");
  g_assert_cmpint (record->actor_id, ==, ANA);
  g_assert_cmpstr (record->remote_address, ==, "192.0.2.6");
  g_assert_cmpuint (count_audit (fixture, ANA, "signup.confirmed"), ==, 0);

  before = snapshot (fixture);
  g_assert_false (reset_password (fixture, "reset-2", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
  g_clear_error (&error);
  g_assert_false (reset_password (fixture, "reset-1", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_reset_pending (SignupFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_auto(RosterSignupResult) again = { 0, };
  RosterSignupEnrolment *enrolment;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "confirm-1");

  /* She never got the confirmation and asks for a new password: the
   * reset link proves her address just as well. */
  create_reset_ok (fixture, id, "reset-1");
  g_assert_true (reset_password (fixture, "reset-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.user_id, ==, id);
  g_assert_true (result.activated);
  g_assert_cmpuint (result.enrolments->len, ==, 1);
  enrolment = g_ptr_array_index (result.enrolments, 0);
  g_assert_cmpint (enrolment->refusal, ==, ROSTER_SIGNUP_REFUSAL_NONE);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'active'", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (count_mail (fixture, "welcome", id), ==, 1);
  g_assert_cmpuint (count_audit (fixture, id, "signup.confirmed"), ==, 1);
  g_assert_cmpuint (count_audit (fixture, id, "signup.password_reset"), ==, 1);

  /* The confirmation link is used up with it. */
  g_assert_false (confirm (fixture, "confirm-1", NOW, &again, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
}

static void
test_reset_refused (SignupFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *password = NULL;

  create_reset_ok (fixture, ANA, "reset-ana");
  g_assert_true (create_reset (fixture, ROOT, "reset-root", NOW, &error));
  g_assert_no_error (error);
  exec_sql (fixture, "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                     " VALUES ('confirm-root', 'confirm', ?1, 0, 4102444800)", ROOT);

  /* Suspended since she asked: the link no longer opens the account. */
  exec_sql (fixture, "UPDATE users SET state = 'suspended' WHERE id = ?1", ANA);
  before = snapshot (fixture);

  g_assert_false (reset_password (fixture, "reset-ana", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
  g_clear_error (&error);
  g_assert_false (reset_password (fixture, "reset-root", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED);
  g_clear_error (&error);
  g_assert_false (reset_password (fixture, "confirm-root", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
  g_clear_error (&error);
  g_assert_false (reset_password (fixture, "no-such-link", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
  g_clear_error (&error);

  /* No new link for an account that could not use it, nor for nobody. */
  g_assert_false (create_reset (fixture, ANA, "reset-ana-2", FAR, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (create_reset (fixture, 9999, "reset-nobody", FAR, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  password = query_text (fixture, "SELECT password_hash FROM users WHERE id = ?1", ANA);
  g_assert_cmpstr (password, ==, HASH);
}

/* ---- expiry ---- */

static void
test_purge (SignupFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gint64 recent = sign_up_ok (fixture, "recent", KEY_CS, "confirm-recent");
  gint64 kept, staff;
  guint count = 99;

  /* Ngozi signed up long ago and waits for CS: her link, her mail. */
  exec_sql (fixture, "INSERT INTO signups (user_id, key_id, created_at) VALUES (?1, 300, 0)", NGOZI);
  exec_sql (fixture, "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                     " VALUES ('confirm-ngozi', 'confirm', ?1, 0, 1)", NGOZI);
  exec_sql (fixture, "INSERT INTO mail_outbox (kind, user_id, recipient, params, created_at, next_attempt_at)"
                     " VALUES ('confirm', ?1, 'ngozi@mail.example', '{}', 0, 0)", NGOZI);

  /* As old, but enrolled by hand meanwhile; and a pending staff account. */
  exec_sql (fixture, "INSERT INTO users (username, username_key, type, state, created_at)"
                     " VALUES ('kept', 'kept', 'external', 'pending', 0)", 0);
  kept = query_int (fixture, "SELECT id FROM users WHERE username = 'kept'", 0);
  exec_sql (fixture, "INSERT INTO enrolments (course_id, user_id, role, created_at) VALUES (11, ?1, 'guest', 0)",
            kept);
  exec_sql (fixture, "INSERT INTO users (username, username_key, type, state, created_at)"
                     " VALUES ('staffer', 'staffer', 'staff', 'pending', 0)", 0);
  staff = query_int (fixture, "SELECT id FROM users WHERE username = 'staffer'", 0);

  g_assert_true (roster_signup_storage_purge_unconfirmed (fixture->signup, NOW, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1", NGOZI), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", NGOZI), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1", NGOZI), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE recipient = 'ngozi@mail.example'", 0),
                   ==, 0);
  records = storage_fixture_list_audit (fixture->base.storage, NGOZI, "signup.expired");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpint (((RosterAuditRecord *) g_ptr_array_index (records, 0))->target_user_id, ==, NGOZI);

  /* The recent sign-up, the enrolled account and the staff member stay. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1", recent), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1", kept), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1", staff), ==, 1);
  g_assert_cmpint (count_mail (fixture, "confirm", recent), ==, 1);

  g_assert_true (roster_signup_storage_purge_unconfirmed (fixture->signup, NOW, &count, &error));
  g_assert_cmpuint (count, ==, 0);
}

/* ---- administrators' activation ---- */

static RosterUser *
activate (SignupFixture  *fixture,
          gint64          user_id,
          GError        **error)
{
  const RosterAuditEvent activated = {
    .actor_id = ROOT, .action = "user.activated", .target_user_id = user_id,
    .remote_address = "198.51.100.1",
  };
  const RosterAuditEvent reactivated = { .actor_id = ROOT, .action = "user.reactivated" };

  return roster_storage_activate_user (fixture->base.storage, user_id, &activated, &reactivated, error);
}

static void
test_admin_activate (SignupFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(RosterAuditRecord) enrolled = NULL;
  g_autoptr(RosterAuditRecord) refused = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autofree char *nickname = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "confirm-1");

  g_assert_true (add_pending (fixture, id, KEY_HIST, "confirm-2", &error));
  g_assert_no_error (error);
  exec_sql (fixture, "UPDATE enrol_keys SET active = 0 WHERE id = ?1", KEY_HIST);

  user = activate (fixture, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_cmpuint (count_audit (fixture, id, "user.activated"), ==, 1);

  /* What she waited for is done, by the administrator. */
  nickname = query_text (fixture, "SELECT key_nickname FROM enrolments WHERE user_id = ?1 AND course_id = 10", id);
  g_assert_cmpstr (nickname, ==, "Partner key");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM group_members WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT uses FROM enrol_keys WHERE id = ?1", KEY_CS), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (count_mail (fixture, "welcome", id), ==, 1);
  g_assert_cmpint (count_mail (fixture, "notify_enrolment", LEADER), ==, 1);

  enrolled = last_audit (fixture, id, "signup.enrolled");
  g_assert_cmpint (enrolled->actor_id, ==, ROOT);
  g_assert_cmpstr (enrolled->remote_address, ==, "198.51.100.1");
  refused = last_audit (fixture, id, "signup.refused");
  g_assert_cmpint (refused->actor_id, ==, ROOT);
  g_assert_cmpint (refused->course_id, ==, HIST);
  g_assert_cmpstr (refused->details, ==, "{\"key_id\":310,\"nickname\":\"History key\",\"refusal\":\"key_inactive\"}");

  /* Her confirmation link, followed afterwards, finds nothing left to
   * do, and says so. */
  g_assert_true (confirm (fixture, "confirm-2", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.user_id, ==, id);
  g_assert_false (result.activated);
  g_assert_cmpuint (result.enrolments->len, ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1 AND used_at = 0", id),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (count_mail (fixture, "welcome", id), ==, 1);
  g_assert_cmpuint (count_audit (fixture, id, "signup.confirmed"), ==, 1);
}

static void
test_admin_activate_atomic (SignupFixture *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "confirm-1");

  exec_sql (fixture, "CREATE TRIGGER no_welcome BEFORE INSERT ON mail_outbox WHEN NEW.kind = 'welcome'"
                     " BEGIN SELECT RAISE (ABORT, 'no welcome'); END", 0);
  before = snapshot (fixture);

  user = activate (fixture, id, &error);
  g_assert_null (user);
  g_assert_nonnull (error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'pending'", id), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), SignupFixture, NULL, set_up, (func), tear_down)

  ADD ("/sqlite-signup/reset", test_reset);
  ADD ("/sqlite-signup/reset-pending", test_reset_pending);
  ADD ("/sqlite-signup/reset-refused", test_reset_refused);
  ADD ("/sqlite-signup/purge", test_purge);
  ADD ("/sqlite-signup/admin-activate", test_admin_activate);
  ADD ("/sqlite-signup/admin-activate-atomic", test_admin_activate_atomic);

#undef ADD

  return g_test_run ();
}
