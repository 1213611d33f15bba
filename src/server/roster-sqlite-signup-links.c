/* roster-sqlite-signup-links.c: following the links sent by mail, in
 * SQLite: confirming an account, resetting a password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A link is single use, and only the hash of its token is stored. A link
 * that does not work (unknown, used, expired) changes nothing.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include "roster-json.h"
#include "roster-sqlite-signup-private.h"

/* The user of the link @token_hash made for @purpose, if it still works
 * at @now; the reasons it does not are checked in this order. */
static gboolean
find_link (sqlite3     *db,
           const char  *token_hash,
           const char  *purpose,
           gint64       now,
           gint64      *user_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT user_id, expires_at, used_at FROM mail_tokens"
                                " WHERE token_hash = ? AND purpose = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, token_hash);
  roster_sqlite_bind_text (stmt, 2, purpose);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "mail link");

  if (sqlite3_column_int64 (stmt, 2) != 0)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_USED);
      return FALSE;
    }
  if (now >= sqlite3_column_int64 (stmt, 1))
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED);
      return FALSE;
    }

  *user_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Uses up every link of @user_id made for @purpose: one followed link
 * proves what all of them would have. */
static gboolean
use_links (sqlite3     *db,
           gint64       user_id,
           const char  *purpose,
           gint64       now,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE mail_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, user_id);
  roster_sqlite_bind_text (stmt, 3, purpose);

  return roster_sqlite_step_done (db, stmt, "mail link", error);
}

static gboolean
audit_person (sqlite3     *db,
              const char  *action,
              gint64       user_id,
              const char  *remote_address,
              const char  *details,
              GError     **error)
{
  RosterAuditEvent event = {
    .actor_id = user_id,
    .action = action,
    .target_user_id = user_id,
    .object_type = "user",
    .object_id = user_id,
    .remote_address = remote_address,
    .details = details,
  };

  return roster_sqlite_insert_audit (db, &event, 0, error);
}

/* Confirms @user_id, whose address a link has just proved: a pending
 * account is activated with what it waited for; any other is left as it
 * is (an administrator activated it meanwhile, and so completed its
 * sign-ups). Audited as "signup.confirmed" either way. */
static gboolean
confirm_account (sqlite3             *db,
                 gint64               user_id,
                 RosterUserState      state,
                 gint64               now,
                 const char          *remote_address,
                 RosterSignupResult  *result,
                 GError             **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *text = NULL;

  if (!use_links (db, user_id, "confirm", now, error))
    return FALSE;

  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!roster_sqlite_signup_complete (db, user_id, now, user_id, remote_address, result, error))
        return FALSE;
    }
  else
    {
      result->user_id = user_id;
      result->activated = FALSE;
      result->enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_signup_enrolment_free);
    }

  json_object_set_boolean_member (details, "activated", result->activated);
  text = roster_json_object_to_string (details);
  return audit_person (db, "signup.confirmed", user_id, remote_address, text, error);
}

/* Hands @done over to the caller's @result. */
static void
give_result (RosterSignupResult *result,
             RosterSignupResult *done)
{
  roster_signup_result_clear (result);
  *result = *done;
  *done = (RosterSignupResult) { 0, };
}

static gboolean
sqlite_confirm (RosterSignupStorage  *storage,
                const char           *token_hash,
                gint64                now,
                const char           *remote_address,
                RosterSignupResult   *result,
                GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_auto(RosterSignupResult) done = { 0, };
  RosterUserState state = ROSTER_USER_STATE_PENDING;
  gint64 user_id = 0;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (result != NULL, FALSE);

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error) ||
      !find_link (db, token_hash, "confirm", now, &user_id, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  /* An erased account has nothing left to confirm. */
  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      goto out;
    }

  ok = confirm_account (db, user_id, state, now, remote_address, &done, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  else
    give_result (result, &done);
  return ok;
}

/* The new password, and the end of every session of the account: whoever
 * knew the old password may hold one. A lock and the failed sign-ins
 * that led to it go too. */
static gboolean
set_password (sqlite3     *db,
              gint64       user_id,
              const char  *password_hash,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) sessions = NULL;

  update = roster_sqlite_prepare (db,
                                  "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0"
                                  " WHERE id = ?",
                                  error);
  sessions = roster_sqlite_prepare (db, "DELETE FROM auth_tokens WHERE user_id = ?", error);
  if (update == NULL || sessions == NULL)
    return FALSE;
  roster_sqlite_bind_text (update, 1, password_hash);
  sqlite3_bind_int64 (update, 2, user_id);
  sqlite3_bind_int64 (sessions, 1, user_id);

  return roster_sqlite_step_done (db, update, "reset password", error) &&
         roster_sqlite_step_done (db, sessions, "reset password", error);
}

static gboolean
sqlite_reset_password (RosterSignupStorage  *storage,
                       const char           *token_hash,
                       const char           *password_hash,
                       gint64                now,
                       const char           *remote_address,
                       RosterSignupResult   *result,
                       GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_auto(RosterSignupResult) done = { 0, };
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  gint64 user_id = 0;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (password_hash != NULL && result != NULL, FALSE);

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error) ||
      !find_link (db, token_hash, "reset", now, &user_id, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  /* A suspended account stays shut until an administrator opens it. */
  if (state == ROSTER_USER_STATE_SUSPENDED || state == ROSTER_USER_STATE_ERASED)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      goto out;
    }

  if (!set_password (db, user_id, password_hash, error) ||
      !use_links (db, user_id, "reset", now, error))
    goto out;

  /* The link came to the account's address: that proves it as well as
   * a confirmation link would. */
  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!confirm_account (db, user_id, state, now, remote_address, &done, error))
        goto out;
    }
  else
    {
      done.user_id = user_id;
      done.enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_signup_enrolment_free);
    }

  ok = audit_person (db, "signup.password_reset", user_id, remote_address, NULL, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  else
    give_result (result, &done);
  return ok;
}

void
roster_sqlite_signup_links_init (RosterSignupStorageInterface *iface)
{
  iface->confirm = sqlite_confirm;
  iface->reset_password = sqlite_reset_password;
}
