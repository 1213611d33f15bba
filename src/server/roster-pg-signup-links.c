/* roster-pg-signup-links.c: following the links sent by mail, in
 * PostgreSQL: confirming an account, resetting a password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-signup-links.c. A link is single use, and
 * only the hash of its token is stored. A link that does not work
 * (unknown, used, expired) changes nothing. Following one may enrol
 * through keys (roster_pg_signup_complete ()), so both run at READ
 * COMMITTED with what they decide on locked: the link's row, then the
 * account's, then each key's. The same link followed twice at once:
 * the second waits for the first and then finds it used.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include "roster-json.h"
#include "roster-pg-signup-private.h"

/* The user of the link @token_hash made for @purpose, if it still works
 * at @now; the reasons it does not are checked in this order. */
static gboolean
find_link (PGconn      *conn,
           const char  *token_hash,
           const char  *purpose,
           gint64       now,
           gint64      *user_id,
           GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_text (&params, token_hash);
  roster_pg_add_text (&params, purpose);
  result = roster_pg_query (conn,
                            "SELECT user_id, expires_at, used_at FROM mail_tokens"
                            " WHERE token_hash = $1 AND purpose = $2 FOR UPDATE",
                            &params, "mail link", error);
  if (result == NULL)
    return FALSE;

  if (PQntuples (result) == 0)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      return FALSE;
    }
  if (roster_pg_get_int (result, 0, 2) != 0)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_USED);
      return FALSE;
    }
  if (now >= roster_pg_get_int (result, 0, 1))
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED);
      return FALSE;
    }

  *user_id = roster_pg_get_int (result, 0, 0);
  return TRUE;
}

/* Uses up every link of @user_id made for @purpose: one followed link
 * proves what all of them would have. */
static gboolean
use_links (PGconn      *conn,
           gint64       user_id,
           const char  *purpose,
           gint64       now,
           GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_text (&params, purpose);
  return roster_pg_exec (conn,
                         "UPDATE mail_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at = 0",
                         &params, "mail link", error);
}

static gboolean
audit_person (PGconn      *conn,
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

  return roster_pg_insert_audit (conn, &event, 0, error);
}

/* Confirms @user_id, whose address a link has just proved: a pending
 * account is activated with what it waited for; any other is left as it
 * is (an administrator activated it meanwhile, and so completed its
 * sign-ups). Audited as "signup.confirmed" either way. */
static gboolean
confirm_account (PGconn              *conn,
                 gint64               user_id,
                 RosterUserState      state,
                 gint64               now,
                 const char          *remote_address,
                 RosterSignupResult  *result,
                 GError             **error)
{
  g_autoptr(JsonObject) details = json_object_new ();
  g_autofree char *text = NULL;

  if (!use_links (conn, user_id, "confirm", now, error))
    return FALSE;

  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!roster_pg_signup_complete (conn, user_id, now, user_id, remote_address, result, error))
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
  return audit_person (conn, "signup.confirmed", user_id, remote_address, text, error);
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

typedef struct
{
  const char         *token_hash;
  const char         *password_hash;   /* reset_password */
  gint64              now;
  const char         *remote_address;
  RosterSignupResult  done;
} Link;

static gboolean
confirm_work (PGconn    *conn,
              gpointer   data,
              GError   **error)
{
  Link *link = data;
  RosterUserState state = ROSTER_USER_STATE_PENDING;
  gint64 user_id = 0;

  roster_signup_result_clear (&link->done);

  if (!find_link (conn, link->token_hash, "confirm", link->now, &user_id, error) ||
      !roster_pg_signup_user_state (conn, user_id, TRUE, &state, error))
    return FALSE;

  /* An erased account has nothing left to confirm. */
  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      return FALSE;
    }

  return confirm_account (conn, user_id, state, link->now, link->remote_address, &link->done, error);
}

static gboolean
pg_confirm (RosterSignupStorage  *storage,
            const char           *token_hash,
            gint64                now,
            const char           *remote_address,
            RosterSignupResult   *result,
            GError              **error)
{
  Link link = { token_hash, NULL, now, remote_address, { 0, } };
  gboolean ok;

  g_return_val_if_fail (result != NULL, FALSE);

  ok = roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                              confirm_work, &link, error);
  if (ok)
    give_result (result, &link.done);

  roster_signup_result_clear (&link.done);
  return ok;
}

/* The new password, and the end of every session of the account: whoever
 * knew the old password may hold one. A lock and the failed sign-ins
 * that led to it go too. */
static gboolean
set_password (PGconn      *conn,
              gint64       user_id,
              const char  *password_hash,
              GError     **error)
{
  g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) sessions = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_text (&update, password_hash);
  roster_pg_add_int (&update, user_id);
  roster_pg_add_int (&sessions, user_id);
  return roster_pg_exec (conn,
                         "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = 0"
                         " WHERE id = $2",
                         &update, "reset password", error) &&
         roster_pg_exec (conn, "DELETE FROM auth_tokens WHERE user_id = $1", &sessions, "reset password", error);
}

static gboolean
reset_password_work (PGconn    *conn,
                     gpointer   data,
                     GError   **error)
{
  Link *link = data;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  gint64 user_id = 0;

  roster_signup_result_clear (&link->done);

  if (!find_link (conn, link->token_hash, "reset", link->now, &user_id, error) ||
      !roster_pg_signup_user_state (conn, user_id, TRUE, &state, error))
    return FALSE;

  /* A suspended account stays shut until an administrator opens it. */
  if (state == ROSTER_USER_STATE_SUSPENDED || state == ROSTER_USER_STATE_ERASED)
    {
      roster_signup_set_error (error, ROSTER_SIGNUP_REFUSAL_LINK_INVALID);
      return FALSE;
    }

  if (!set_password (conn, user_id, link->password_hash, error) ||
      !use_links (conn, user_id, "reset", link->now, error))
    return FALSE;

  /* The link came to the account's address: that proves it as well as
   * a confirmation link would. */
  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!confirm_account (conn, user_id, state, link->now, link->remote_address, &link->done, error))
        return FALSE;
    }
  else
    {
      link->done.user_id = user_id;
      link->done.enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_signup_enrolment_free);
    }

  return audit_person (conn, "signup.password_reset", user_id, link->remote_address, NULL, error);
}

static gboolean
pg_reset_password (RosterSignupStorage  *storage,
                   const char           *token_hash,
                   const char           *password_hash,
                   gint64                now,
                   const char           *remote_address,
                   RosterSignupResult   *result,
                   GError              **error)
{
  Link link = { token_hash, password_hash, now, remote_address, { 0, } };
  gboolean ok;

  g_return_val_if_fail (password_hash != NULL && result != NULL, FALSE);

  ok = roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                              reset_password_work, &link, error);
  if (ok)
    give_result (result, &link.done);

  roster_signup_result_clear (&link.done);
  return ok;
}

void
roster_pg_signup_links_init (RosterSignupStorageInterface *iface)
{
  iface->confirm = pg_confirm;
  iface->reset_password = pg_reset_password;
}
