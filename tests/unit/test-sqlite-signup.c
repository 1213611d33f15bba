/* test-sqlite-signup.c: the SQLite driver of RosterSignupStorage:
 * sign-up, confirmation and enrolment through keys (password resets,
 * expiry and administrators' activation are in
 * test-sqlite-signup-reset.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "signup-dataset.h"

/* ---- reads ---- */

static void
test_find (SignupFixture *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lookup = roster_keys_lookup_hash (fixture->box, " partner key 7qm2 ");
  g_autofree char *unknown = roster_keys_lookup_hash (fixture->box, "NO-SUCH-KEY-1234");
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(RosterSignupKey) none = NULL;
  g_autoptr(RosterUser) ana = NULL;
  g_autoptr(RosterUser) nobody = NULL;
  gboolean enrolled = TRUE;

  /* The secret as people type it finds the key, with everything the
   * checks need. */
  key = roster_signup_storage_find_key (fixture->signup, lookup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpint (key->key_id, ==, KEY_CS);
  g_assert_cmpstr (key->key_nickname, ==, "Partner key");
  g_assert_true (key->key_active);
  g_assert_cmpint (key->group_id, ==, CS_GROUP);
  g_assert_cmpstr (key->group_name, ==, "Partners");
  g_assert_cmpint (key->method_id, ==, CS_SELF);
  g_assert_cmpstr (key->method_name, ==, "Visitors");
  g_assert_true (key->method_enabled);
  g_assert_cmpint (key->enrol_duration, ==, CS_DURATION);
  g_assert_cmpint (key->default_role, ==, ROSTER_ROLE_GUEST);
  g_assert_cmpstr (key->welcome_message, ==, WELCOME);
  g_assert_true (key->notify_admins);
  g_assert_cmpint (key->course_id, ==, CS);
  g_assert_cmpstr (key->course_short_name, ==, "CS101");
  g_assert_cmpstr (key->course_full_name, ==, "Computing");
  g_assert_cmpuint (key->method_enrolled, ==, 0);
  g_assert_cmpint (roster_signup_key_check (key, NOW), ==, ROSTER_SIGNUP_REFUSAL_NONE);

  none = roster_signup_storage_find_key (fixture->signup, unknown, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* E-mail addresses are one person however they are written. */
  ana = roster_signup_storage_find_user_by_email (fixture->signup, " ANA@Mail.Example ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ana);
  g_assert_cmpint (roster_user_get_id (ana), ==, ANA);
  nobody = roster_signup_storage_find_user_by_email (fixture->signup, "nobody@mail.example", &error);
  g_assert_no_error (error);
  g_assert_null (nobody);

  g_assert_true (roster_signup_storage_is_enrolled (fixture->signup, HIST, ANA, &enrolled, &error));
  g_assert_no_error (error);
  g_assert_true (enrolled);
  g_assert_true (roster_signup_storage_is_enrolled (fixture->signup, CS, ANA, &enrolled, &error));
  g_assert_false (enrolled);
}

/* ---- sign-up ---- */

static void
test_create_pending (SignupFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *params = NULL;
  g_autofree char *expected = confirm_params ("plain-token", "Nia");
  g_autofree char *address = NULL;
  g_autofree char *hash = NULL;
  gint64 id;

  id = sign_up_ok (fixture, "nia", KEY_CS, "hash-of-link-1");

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'pending'"
                              " AND type = 'external' AND email_key = 'nia@mail.example'", id), ==, 1);

  /* It waits for the key's enrolment, and for nothing else yet. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT key_id FROM signups WHERE user_id = ?1", id), ==, KEY_CS);
  address = query_text (fixture, "SELECT remote_address FROM signups WHERE user_id = ?1", id);
  g_assert_cmpstr (address, ==, "192.0.2.7");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 0);

  /* The link is kept as its hash only. */
  hash = query_text (fixture, "SELECT token_hash FROM mail_tokens WHERE user_id = ?1 AND purpose = 'confirm'", id);
  g_assert_cmpstr (hash, ==, "hash-of-link-1");
  g_assert_cmpint (query_int (fixture, "SELECT expires_at FROM mail_tokens WHERE user_id = ?1", id), ==, FAR);

  /* The confirmation mail, with the params it was given. */
  g_assert_cmpint (count_mail (fixture, "confirm", id), ==, 1);
  params = query_text (fixture, "SELECT params FROM mail_outbox WHERE user_id = ?1", id);
  g_assert_cmpstr (params, ==, expected);

  record = last_audit (fixture, id, "signup.created");
  g_assert_cmpint (record->target_user_id, ==, id);
  g_assert_cmpstr (record->remote_address, ==, "192.0.2.7");

  /* A sign-up without a key makes only the account, its link and mail. */
  id = sign_up_ok (fixture, "zeno", 0, "hash-of-link-2");
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (count_mail (fixture, "confirm", id), ==, 1);
}

static void
test_create_pending_refused (SignupFixture *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  exec_sql (fixture, "UPDATE enrol_keys SET active = 0 WHERE id = ?1", KEY_CS);
  before = snapshot (fixture);

  g_assert_cmpint (sign_up (fixture, "nia", "nia@mail.example", KEY_CS, "hash-1", &error), ==, 0);
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE);
  g_assert_cmpstr (error->message, ==, roster_signup_refusal_message (ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE));
  g_clear_error (&error);

  /* A key deleted since the page found it. */
  g_assert_cmpint (sign_up (fixture, "nia", "nia@mail.example", 9999, "hash-1", &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (query_text (fixture, "SELECT username FROM users WHERE username = 'nia'", 0));
}

static void
test_create_pending_taken (SignupFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;

  /* Ana's address, in other letters. */
  g_assert_cmpint (sign_up (fixture, "ana2", "Ana@MAIL.example", KEY_CS, "hash-1", &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Her username, with a new address. */
  g_assert_cmpint (sign_up (fixture, "ANA", "ana.other@mail.example", KEY_CS, "hash-1", &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  /* No address at all. */
  g_assert_cmpint (sign_up (fixture, "nobody", "  ", KEY_CS, "hash-1", &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_add_pending (SignupFixture *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-1");

  /* A second course to wait for, with a link of its own. */
  g_assert_true (add_pending (fixture, id, KEY_HIST, "hash-2", &error));
  g_assert_no_error (error);
  /* The same key again: a new link, the same sign-up. */
  g_assert_true (add_pending (fixture, id, KEY_CS, "hash-3", &error));
  g_assert_no_error (error);
  /* No key: a new link only. */
  g_assert_true (add_pending (fixture, id, 0, "hash-4", &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1", id), ==, 4);
  g_assert_cmpint (count_mail (fixture, "confirm", id), ==, 4);
  g_assert_cmpuint (count_audit (fixture, id, "signup.added"), ==, 3);

  /* Refusals change nothing: a disabled key, an account not pending. */
  exec_sql (fixture, "UPDATE enrol_keys SET active = 0 WHERE id = ?1", KEY_QUIET);
  before = snapshot (fixture);
  g_assert_false (add_pending (fixture, id, KEY_QUIET, "hash-5", &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE);
  g_clear_error (&error);
  g_assert_false (add_pending (fixture, ANA, KEY_CS, "hash-5", &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (add_pending (fixture, 9999, KEY_CS, "hash-5", &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);

  /* The first link still works, and does both enrolments. */
  g_assert_true (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.activated);
  g_assert_cmpuint (result.enrolments->len, ==, 2);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 2);
  /* … and every other confirmation link is used up with it. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE used_at = 0 AND user_id = ?1",
                              id), ==, 0);
}

/* ---- confirmation ---- */

static void
test_confirm (SignupFixture *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(RosterAuditRecord) enrolled = NULL;
  g_autoptr(RosterAuditRecord) confirmed = NULL;
  g_autofree char *nickname = NULL;
  g_autofree char *role = NULL;
  RosterSignupEnrolment *enrolment;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-1");

  g_assert_true (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.user_id, ==, id);
  g_assert_true (result.activated);
  g_assert_cmpuint (result.enrolments->len, ==, 1);
  enrolment = g_ptr_array_index (result.enrolments, 0);
  g_assert_cmpint (enrolment->refusal, ==, ROSTER_SIGNUP_REFUSAL_NONE);
  g_assert_cmpint (enrolment->key_id, ==, KEY_CS);
  g_assert_cmpint (enrolment->course_id, ==, CS);
  g_assert_cmpstr (enrolment->course_short_name, ==, "CS101");
  g_assert_cmpstr (enrolment->course_full_name, ==, "Computing");
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_GUEST);
  g_assert_cmpstr (enrolment->group_name, ==, "Partners");

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'active'", id), ==, 1);

  /* The enrolment, as the method and key make it. */
  role = query_text (fixture, "SELECT role FROM enrolments WHERE user_id = ?1", id);
  g_assert_cmpstr (role, ==, "guest");
  nickname = query_text (fixture, "SELECT key_nickname FROM enrolments WHERE user_id = ?1", id);
  g_assert_cmpstr (nickname, ==, "Partner key");
  g_assert_cmpint (query_int (fixture, "SELECT course_id FROM enrolments WHERE user_id = ?1", id), ==, CS);
  g_assert_cmpint (query_int (fixture, "SELECT method_id FROM enrolments WHERE user_id = ?1", id), ==, CS_SELF);
  g_assert_cmpint (query_int (fixture, "SELECT key_id FROM enrolments WHERE user_id = ?1", id), ==, KEY_CS);
  g_assert_cmpint (query_int (fixture, "SELECT start_at FROM enrolments WHERE user_id = ?1", id), ==, NOW);
  g_assert_cmpint (query_int (fixture, "SELECT end_at FROM enrolments WHERE user_id = ?1", id), ==,
                   NOW + CS_DURATION);
  g_assert_cmpint (query_int (fixture, "SELECT status = 'active' FROM enrolments WHERE user_id = ?1", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM group_members WHERE user_id = ?1 AND group_id = 200",
                              id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT uses FROM enrol_keys WHERE id = ?1", KEY_CS), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT used_at FROM mail_tokens WHERE user_id = ?1", id), ==, NOW);

  /* The welcome, with the method's message. */
  g_assert_cmpint (count_mail (fixture, "welcome", id), ==, 1);
  welcome = mail_params (fixture, "welcome", id);
  g_assert_cmpstr (json_object_get_string_member (welcome, "first_name"), ==, "Nia");
  g_assert_cmpstr (json_object_get_string_member (welcome, "course_short_name"), ==, "CS101");
  g_assert_cmpstr (json_object_get_string_member (welcome, "course_full_name"), ==, "Computing");
  g_assert_cmpstr (json_object_get_string_member (welcome, "role"), ==, "guest");
  g_assert_cmpstr (json_object_get_string_member (welcome, "message"), ==, WELCOME);

  /* Every active administrator and module leader of the course, once
   * each: not the suspended administrator, not the leader whose
   * enrolment is suspended, not the teacher, not another course's
   * leader. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE kind = 'notify_enrolment'", 0),
                   ==, 2);
  g_assert_cmpint (count_mail (fixture, "notify_enrolment", ROOT), ==, 1);
  g_assert_cmpint (count_mail (fixture, "notify_enrolment", LEADER), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE kind = 'notify_enrolment'"
                              " AND about_user_id = ?1", id), ==, 2);
  notify = mail_params (fixture, "notify_enrolment", LEADER);
  g_assert_cmpstr (json_object_get_string_member (notify, "course_short_name"), ==, "CS101");
  g_assert_cmpstr (json_object_get_string_member (notify, "course_full_name"), ==, "Computing");
  g_assert_cmpstr (json_object_get_string_member (notify, "user_name"), ==, "Nia Ndlovu");
  g_assert_cmpstr (json_object_get_string_member (notify, "user_email"), ==, "nia@mail.example");
  g_assert_cmpstr (json_object_get_string_member (notify, "role"), ==, "guest");
  g_assert_cmpstr (json_object_get_string_member (notify, "method_name"), ==, "Visitors");
  g_assert_cmpstr (json_object_get_string_member (notify, "key_nickname"), ==, "Partner key");
  g_assert_true (json_object_get_boolean_member (notify, "new_account"));

  confirmed = last_audit (fixture, id, "signup.confirmed");
  g_assert_cmpint (confirmed->actor_id, ==, id);
  g_assert_cmpstr (confirmed->remote_address, ==, "192.0.2.8");
  enrolled = last_audit (fixture, id, "signup.enrolled");
  g_assert_cmpint (enrolled->actor_id, ==, id);
  g_assert_cmpint (enrolled->course_id, ==, CS);
  g_assert_cmpstr (enrolled->object_type, ==, "enrolment");
  g_assert_cmpint (enrolled->object_id, ==, query_int (fixture, "SELECT id FROM enrolments WHERE user_id = ?1", id));
  g_assert_cmpstr (enrolled->details, ==, "{\"key_id\":300,\"nickname\":\"Partner key\"}");
  g_assert_cmpuint (count_audit (fixture, id, "signup.refused"), ==, 0);
}

static void
test_confirm_quiet (SignupFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(JsonObject) welcome = NULL;
  g_autofree char *role = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_QUIET, "hash-1");

  g_assert_true (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_no_error (error);

  /* The method's role, no end, no group; a welcome without a message,
   * and nobody told. */
  role = query_text (fixture, "SELECT role FROM enrolments WHERE user_id = ?1", id);
  g_assert_cmpstr (role, ==, "student");
  g_assert_cmpint (query_int (fixture, "SELECT end_at FROM enrolments WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM group_members WHERE user_id = ?1", id), ==, 0);
  g_assert_null (((RosterSignupEnrolment *) g_ptr_array_index (result.enrolments, 0))->group_name);
  welcome = mail_params (fixture, "welcome", id);
  g_assert_false (json_object_has_member (welcome, "message"));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE kind = 'notify_enrolment'", 0),
                   ==, 0);
}

/* What changes between a sign-up and its confirmation, and how the
 * confirmation then refuses the enrolment. */
typedef struct
{
  const char          *name;
  const char          *sql;     /* ?1: the new account */
  RosterSignupRefusal  refusal;
} Refusal;

static const Refusal refusals[] = {
  { "key-inactive", "UPDATE enrol_keys SET active = 0 WHERE id = 300", ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE },
  { "key-expired", "UPDATE enrol_keys SET expires_at = 1700000000 WHERE id = 300",
    ROSTER_SIGNUP_REFUSAL_KEY_EXPIRED },
  { "key-used-up", "UPDATE enrol_keys SET max_uses = 2, uses = 2 WHERE id = 300",
    ROSTER_SIGNUP_REFUSAL_KEY_USED_UP },
  { "method-disabled", "UPDATE enrol_methods SET enabled = 0 WHERE id = 101",
    ROSTER_SIGNUP_REFUSAL_METHOD_DISABLED },
  { "not-open-yet", "UPDATE enrol_methods SET enrol_start = 1700000001 WHERE id = 101",
    ROSTER_SIGNUP_REFUSAL_NOT_OPEN_YET },
  { "closed", "UPDATE enrol_methods SET enrol_end = 1700000000 WHERE id = 101", ROSTER_SIGNUP_REFUSAL_CLOSED },
  { "course-full",
    "UPDATE enrol_methods SET max_enrolled = 1 WHERE id = 101;",
    ROSTER_SIGNUP_REFUSAL_COURSE_FULL },
  { "already-enrolled",
    "INSERT INTO enrolments (course_id, user_id, role, method_id, created_at) VALUES (10, ?1, 'student', 100, 0)",
    ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED },
};

static void
test_confirm_refused (SignupFixture *fixture,
                      gconstpointer  data)
{
  const Refusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *details = NULL;
  RosterSignupEnrolment *enrolment;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-1");
  gint64 enrolments;

  /* A course is full with one enrolment through its method: Ana's. */
  if (refusal->refusal == ROSTER_SIGNUP_REFUSAL_COURSE_FULL)
    exec_sql (fixture, "INSERT INTO enrolments (course_id, user_id, role, method_id, key_id, created_at)"
                       " VALUES (10, ?1, 'guest', 101, 300, 0)", ANA);
  exec_sql (fixture, refusal->sql, id);
  enrolments = query_int (fixture, "SELECT count(*) FROM enrolments", 0);

  /* The person has proved their address: the account is activated all
   * the same, and told what was not done. */
  g_assert_true (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_true (result.activated);
  g_assert_cmpuint (result.enrolments->len, ==, 1);
  enrolment = g_ptr_array_index (result.enrolments, 0);
  g_assert_cmpint (enrolment->refusal, ==, refusal->refusal);
  g_assert_cmpint (enrolment->course_id, ==, CS);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'active'", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments", 0), ==, enrolments);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE key_id = 300 AND user_id = ?1", id),
                   ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM group_members WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (count_mail (fixture, "welcome", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE kind = 'notify_enrolment'", 0),
                   ==, 0);
  g_assert_cmpuint (count_audit (fixture, id, "signup.enrolled"), ==, 0);

  record = last_audit (fixture, id, "signup.refused");
  g_assert_cmpint (record->course_id, ==, CS);
  g_assert_cmpint (record->target_user_id, ==, id);
  details = g_strdup_printf ("{\"key_id\":300,\"nickname\":\"Partner key\",\"refusal\":\"%s\"}",
                             roster_signup_refusal_to_string (refusal->refusal));
  g_assert_cmpstr (record->details, ==, details);
}

static void
test_links (SignupFixture *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-1");

  exec_sql (fixture, "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                     " VALUES ('hash-expired', 'confirm', ?1, 0, 1700000000)", id);
  exec_sql (fixture, "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at, used_at)"
                     " VALUES ('hash-used', 'confirm', ?1, 0, 1700000000, 5)", id);
  exec_sql (fixture, "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                     " VALUES ('hash-reset', 'reset', ?1, 0, 4102444800)", id);
  before = snapshot (fixture);

  g_assert_false (confirm (fixture, "no-such-hash", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
  g_clear_error (&error);
  /* A link made for something else is no confirmation link. */
  g_assert_false (confirm (fixture, "hash-reset", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
  g_clear_error (&error);
  /* Used and expired: used is said first. */
  g_assert_false (confirm (fixture, "hash-used", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
  g_clear_error (&error);
  /* A link stops working at its expiry time. */
  g_assert_false (confirm (fixture, "hash-expired", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED);
  g_clear_error (&error);

  g_assert_null (result.enrolments);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);

  g_assert_true (confirm (fixture, "hash-expired", NOW - 1, &result, &error));
  g_assert_no_error (error);
  roster_signup_result_clear (&result);

  /* Single use. */
  g_assert_false (confirm (fixture, "hash-expired", NOW - 1, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
  g_clear_error (&error);
  g_assert_false (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_USED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 1);
}

/* ---- enrolment of people who have an account ---- */

static gboolean
enrol (SignupFixture          *fixture,
       gint64                  user_id,
       gint64                  key_id,
       RosterSignupEnrolment **enrolment,
       GError                **error)
{
  return roster_signup_storage_enrol_with_key (fixture->signup, user_id, key_id, NOW, "192.0.2.9",
                                               enrolment, error);
}

static void
test_enrol_with_key (SignupFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSignupEnrolment) enrolment = NULL;
  g_autoptr(JsonObject) notify = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 pending;

  g_assert_true (enrol (fixture, ANA, KEY_CS, &enrolment, &error));
  g_assert_no_error (error);
  g_assert_nonnull (enrolment);
  g_assert_cmpint (enrolment->refusal, ==, ROSTER_SIGNUP_REFUSAL_NONE);
  g_assert_cmpint (enrolment->course_id, ==, CS);
  g_assert_cmpint (enrolment->role, ==, ROSTER_ROLE_GUEST);
  g_assert_cmpstr (enrolment->group_name, ==, "Partners");

  g_assert_cmpint (query_int (fixture, "SELECT key_id FROM enrolments WHERE user_id = ?1 AND course_id = 10", ANA),
                   ==, KEY_CS);
  g_assert_cmpint (query_int (fixture, "SELECT end_at FROM enrolments WHERE user_id = ?1 AND course_id = 10", ANA),
                   ==, NOW + CS_DURATION);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM group_members WHERE user_id = ?1", ANA), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT uses FROM enrol_keys WHERE id = ?1", KEY_CS), ==, 1);
  g_assert_cmpint (count_mail (fixture, "welcome", ANA), ==, 1);
  notify = mail_params (fixture, "notify_enrolment", ROOT);
  g_assert_false (json_object_get_boolean_member (notify, "new_account"));
  g_assert_cmpstr (json_object_get_string_member (notify, "user_name"), ==, "Ana Silva");
  record = last_audit (fixture, ANA, "signup.enrolled");
  g_assert_cmpint (record->actor_id, ==, ANA);
  g_assert_cmpstr (record->remote_address, ==, "192.0.2.9");

  /* Refusals change nothing: already enrolled, a disabled key, an
   * account that cannot sign in. */
  pending = sign_up_ok (fixture, "nia", KEY_QUIET, "hash-1");
  exec_sql (fixture, "UPDATE enrol_keys SET active = 0 WHERE id = ?1", KEY_HIST);
  before = snapshot (fixture);

  g_assert_false (enrol (fixture, ANA, KEY_CS, NULL, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED);
  g_clear_error (&error);
  /* Through another key of the same course, too. */
  g_assert_false (enrol (fixture, ANA, KEY_QUIET, NULL, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED);
  g_clear_error (&error);
  g_assert_false (enrol (fixture, TEACHER, KEY_HIST, NULL, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE);
  g_clear_error (&error);
  g_assert_false (enrol (fixture, pending, KEY_CS, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (enrol (fixture, ADMIN_OFF, KEY_CS, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (enrol (fixture, TEACHER, 9999, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* ---- nothing half-made ---- */

static void
test_atomic_create (SignupFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  const RosterNewUser user = {
    .username = "nia", .email = "nia@mail.example", .type = ROSTER_USER_TYPE_EXTERNAL,
    .state = ROSTER_USER_STATE_PENDING, .password_hash = HASH,
  };
  const RosterMailToken token = { .token_hash = "hash-1", .expires_at = FAR };
  const RosterMailDraft no_params = { .kind = ROSTER_MAIL_CONFIRM, .recipient = "nia@mail.example" };
  const RosterAuditEvent audit = { .action = "signup.created" };

  /* The mail, the last step but one, cannot be queued. */
  g_assert_cmpint (roster_signup_storage_create_pending (fixture->signup, &user, KEY_CS, NULL, &token, &no_params,
                                                         &audit, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
  g_clear_error (&error);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);

  /* Nor can the audit event, the very last. */
  exec_sql (fixture, "CREATE TRIGGER no_audit BEFORE INSERT ON audit_events"
                     " BEGIN SELECT RAISE (ABORT, 'no audit'); END", 0);
  g_clear_pointer (&before, g_free);
  before = snapshot (fixture);
  g_assert_cmpint (sign_up (fixture, "nia", "nia@mail.example", KEY_CS, "hash-1", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_atomic_confirm (SignupFixture *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-1");

  /* The notifications come after the account, the enrolment, the group,
   * the key's use and the welcome: when they fail, all of it goes. */
  exec_sql (fixture, "CREATE TRIGGER no_notify BEFORE INSERT ON mail_outbox WHEN NEW.kind = 'notify_enrolment'"
                     " BEGIN SELECT RAISE (ABORT, 'no notifications'); END", 0);
  before = snapshot (fixture);

  g_assert_false (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (result.enrolments);

  after = snapshot (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM users WHERE id = ?1 AND state = 'pending'", id), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 1);

  /* Once it can go through, the same link does all of it. */
  exec_sql (fixture, "DROP TRIGGER no_notify", 0);
  g_assert_true (confirm (fixture, "hash-1", NOW, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM enrolments WHERE user_id = ?1", id), ==, 1);
}

static char *
constant_hash (const char *email_key,
               gpointer    user_data)
{
  return g_strdup ("erased-address-hash");
}

/* Erasing a pending person ends their links and what their sign-up
 * waited for: the user row stays (anonymised), so nothing cascades. */
static void
test_erase_pending (SignupFixture *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(RosterSignupResult) result = { 0, };
  const RosterAuditEvent audit = { .action = "user.erased" };
  gint64 id = sign_up_ok (fixture, "nia", KEY_CS, "hash-of-link-1");

  g_assert_true (roster_storage_erase_user (fixture->base.storage, id, constant_hash, NULL, &audit, &error));
  g_assert_no_error (error);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM signups WHERE user_id = ?1", id), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE user_id = ?1", id), ==, 0);

  g_assert_false (roster_signup_storage_confirm (fixture->signup, "hash-of-link-1", NOW, NULL, &result, &error));
  g_assert_error (error, ROSTER_SIGNUP_ERROR, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ((path), SignupFixture, NULL, set_up, (func), tear_down)

  ADD ("/sqlite-signup/find", test_find);
  ADD ("/sqlite-signup/create-pending", test_create_pending);
  ADD ("/sqlite-signup/erase-pending", test_erase_pending);
  ADD ("/sqlite-signup/create-pending-refused", test_create_pending_refused);
  ADD ("/sqlite-signup/create-pending-taken", test_create_pending_taken);
  ADD ("/sqlite-signup/add-pending", test_add_pending);
  ADD ("/sqlite-signup/confirm", test_confirm);
  ADD ("/sqlite-signup/confirm-quiet", test_confirm_quiet);
  ADD ("/sqlite-signup/links", test_links);
  ADD ("/sqlite-signup/enrol-with-key", test_enrol_with_key);
  ADD ("/sqlite-signup/atomic-create", test_atomic_create);
  ADD ("/sqlite-signup/atomic-confirm", test_atomic_confirm);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sqlite-signup/confirm-refused/%s", refusals[i].name);

      g_test_add (path, SignupFixture, &refusals[i], set_up, test_confirm_refused, tear_down);
    }

#undef ADD

  return g_test_run ();
}
