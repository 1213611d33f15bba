/* roster-pg-signup.c: external users' sign-up and password recovery in
 * PostgreSQL (RosterSignupStorage; following the links they are sent is
 * in roster-pg-signup-links.c, the enrolments a sign-up leads to are
 * made in roster-pg-signup-complete.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-signup.c: the same statements, events and
 * messages. Links sent by mail are kept only as the hashes of their
 * tokens. Each call that changes something is one transaction with its
 * audit events and its mail: when any step fails, nothing of it is
 * kept. Sign-ups only check a key (its use is counted when the account
 * is confirmed), at SERIALIZABLE; an enrolment through a key counts a
 * use, at READ COMMITTED with the key locked (roster-pg-signup-complete.c).
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-signup-private.h"
#include "roster-text.h"

/* ---- helpers ---- */

/* Queues the caller's draft for @user_id. A draft without a recipient or
 * params is refused with an error, not just a critical, so that what
 * was already done in the transaction is rolled back with a reason. */
static gboolean
queue_mail (PGconn                 *conn,
            const RosterMailDraft  *mail,
            gint64                  user_id,
            gint64                  now,
            GError                **error)
{
  RosterMailDraft draft = *mail;

  if (mail->recipient == NULL || mail->params == NULL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL, "a mail draft needs a recipient and params");
      return FALSE;
    }

  draft.user_id = user_id;
  return roster_pg_outbox_add (conn, &draft, now, error);
}

static gboolean
insert_link (PGconn                 *conn,
             const RosterMailToken  *token,
             const char             *purpose,
             gint64                  user_id,
             gint64                  now,
             GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_text (&params, token->token_hash);
  roster_pg_add_text (&params, purpose);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, token->expires_at);
  return roster_pg_exec (conn,
                         "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                         " VALUES ($1, $2, $3, $4, $5)",
                         &params, "mail link", error);
}

/* Reads @key_id and checks it for @user_id at @now (0: an account about
 * to be made, which cannot be enrolled yet); @lock as in
 * roster_pg_signup_read_key (). */
static RosterSignupKey *
check_key (PGconn   *conn,
           gint64    key_id,
           gint64    user_id,
           gint64    now,
           gboolean  lock,
           GError  **error)
{
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  RosterSignupRefusal refusal;

  key = roster_pg_signup_read_key (conn, key_id, NULL, lock, &local_error);
  if (key == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such key."));
      return NULL;
    }

  if (user_id == 0)
    refusal = roster_signup_key_check (key, now);
  else if (!roster_pg_signup_check (conn, key, user_id, now, &refusal, error))
    return NULL;

  if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    {
      roster_signup_set_error (error, refusal);
      return NULL;
    }

  return g_steal_pointer (&key);
}

static gboolean
add_signup (PGconn      *conn,
            gint64       user_id,
            gint64       key_id,
            const char  *remote_address,
            gint64       now,
            GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  /* Signing up again with the same key only sends a new link. */
  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, key_id);
  roster_pg_add_int (&params, now);
  roster_pg_add_text (&params, remote_address);
  return roster_pg_exec (conn,
                         "INSERT INTO signups (user_id, key_id, created_at, remote_address)"
                         " VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, key_id) DO NOTHING",
                         &params, "sign-up", error);
}

/* ---- reads ---- */

static RosterSignupKey *
pg_find_key (RosterSignupStorage  *storage,
             const char           *lookup,
             GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn;

  if (lookup == NULL || *lookup == '\0')
    return NULL;

  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  return roster_pg_signup_read_key (conn, 0, lookup, FALSE, error);
}

#define ADMIN_USER_COLUMNS \
  "u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state, u.site_admin," \
  " u.locked_until, u.created_at, u.last_access"

static RosterUser *
pg_find_user_by_email (RosterSignupStorage  *storage,
                       const char           *email,
                       GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *email_key = roster_text_identity_key (email);
  RosterUser *user;
  RosterUserType type = ROSTER_USER_TYPE_STAFF;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  PGconn *conn;

  if (email_key == NULL || *email_key == '\0')
    return NULL;

  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* Erasure clears email_key; the state is checked all the same. */
  roster_pg_add_text (&params, email_key);
  result = roster_pg_query (conn,
                            "SELECT " ADMIN_USER_COLUMNS " FROM users u"
                            " WHERE u.email_key = $1 AND u.state <> 'erased'",
                            &params, "user by e-mail", error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  user = roster_user_new ();
  roster_user_set_id (user, roster_pg_get_int (result, 0, 0));
  roster_user_set_username (user, roster_pg_get_text (result, 0, 1));
  roster_user_set_email (user, roster_pg_get_text (result, 0, 2));
  roster_user_set_first_name (user, roster_pg_get_text (result, 0, 3));
  roster_user_set_last_name (user, roster_pg_get_text (result, 0, 4));
  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string (roster_pg_get_text (result, 0, 5), &type);
  roster_user_state_from_string (roster_pg_get_text (result, 0, 6), &state);
  roster_user_set_user_type (user, type);
  roster_user_set_state (user, state);
  roster_user_set_is_site_admin (user, roster_pg_get_bool (result, 0, 7));
  roster_user_set_locked_until (user, roster_pg_get_int (result, 0, 8));
  roster_user_set_created_at (user, roster_pg_get_int (result, 0, 9));
  roster_user_set_last_access (user, roster_pg_get_int (result, 0, 10));

  return user;
}

static gboolean
pg_is_enrolled (RosterSignupStorage  *storage,
                gint64                course_id,
                gint64                user_id,
                gboolean             *enrolled,
                GError              **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  gint64 found = 0;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_int (&params, user_id);
  if (!roster_pg_query_int (conn, "SELECT 1 FROM enrolments WHERE course_id = $1 AND user_id = $2",
                            &params, "is enrolled", NULL, &found, error))
    return FALSE;

  *enrolled = found != 0;
  return TRUE;
}

/* ---- sign-up ---- */

typedef struct
{
  const RosterNewUser    *user;
  gint64                  user_id;       /* add_pending */
  gint64                  key_id;
  const char             *remote_address;
  const RosterMailToken  *token;
  const RosterMailDraft  *mail;
  const RosterAuditEvent *audit;
  gint64                  now;
  gint64                  id;            /* create_pending's new account */
} Pending;

static gint64
insert_pending_user (PGconn               *conn,
                     const RosterNewUser  *user,
                     gint64                now,
                     GError              **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *joined = g_strjoin ("\x1f",
                                       user->first_name ? user->first_name : "",
                                       user->last_name ? user->last_name : "",
                                       user->username ? user->username : "",
                                       user->email ? user->email : "",
                                       NULL);
  g_autofree char *search_key = roster_text_search_key (joined);
  g_autoptr(GError) local_error = NULL;
  gint64 id = 0;

  if (username_key == NULL || *username_key == '\0' || email_key == NULL || *email_key == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("A username and an e-mail address are required."));
      return 0;
    }

  roster_pg_add_text (&params, user->username);
  roster_pg_add_text (&params, username_key);
  roster_pg_add_text (&params, user->email);
  roster_pg_add_text (&params, email_key);
  roster_pg_add_text (&params, user->first_name ? user->first_name : "");
  roster_pg_add_text (&params, user->last_name ? user->last_name : "");
  roster_pg_add_text (&params, search_key);
  roster_pg_add_text (&params, user->password_hash);
  roster_pg_add_int (&params, now);

  if (!roster_pg_query_int (conn,
                            "INSERT INTO users (username, username_key, email, email_key, first_name,"
                            "  last_name, search_key, type, state, password_hash, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, 'external', 'pending', $8, $9)"
                            " RETURNING id",
                            &params, "sign-up user", NULL, &id, &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return id;
}

static gboolean
create_pending_work (PGconn    *conn,
                     gpointer   data,
                     GError   **error)
{
  Pending *pending = data;
  g_autoptr(RosterSignupKey) key = NULL;
  gint64 id;

  pending->id = 0;

  if (pending->key_id != 0 &&
      (key = check_key (conn, pending->key_id, 0, pending->now, FALSE, error)) == NULL)
    return FALSE;

  id = insert_pending_user (conn, pending->user, pending->now, error);
  if (id == 0)
    return FALSE;

  if ((pending->key_id != 0 &&
       !add_signup (conn, id, pending->key_id, pending->remote_address, pending->now, error)) ||
      !insert_link (conn, pending->token, "confirm", id, pending->now, error) ||
      !queue_mail (conn, pending->mail, id, pending->now, error) ||
      !roster_pg_insert_audit (conn, pending->audit, id, error))
    return FALSE;

  pending->id = id;
  return TRUE;
}

static gint64
pg_create_pending (RosterSignupStorage     *storage,
                   const RosterNewUser     *user,
                   gint64                   key_id,
                   const char              *remote_address,
                   const RosterMailToken   *token,
                   const RosterMailDraft   *mail,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  Pending pending = {
    .user = user,
    .key_id = key_id,
    .remote_address = remote_address,
    .token = token,
    .mail = mail,
    .audit = audit,
    .now = roster_pg_now (),
  };

  g_return_val_if_fail (user != NULL && token != NULL && token->token_hash != NULL && mail != NULL, 0);
  g_return_val_if_fail (user->type == ROSTER_USER_TYPE_EXTERNAL && user->state == ROSTER_USER_STATE_PENDING, 0);

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_pending_work, &pending, error))
    return 0;

  return pending.id;
}

static gboolean
add_pending_work (PGconn    *conn,
                  gpointer   data,
                  GError   **error)
{
  Pending *pending = data;
  g_autoptr(RosterSignupKey) key = NULL;
  RosterUserState state = ROSTER_USER_STATE_PENDING;

  if (!roster_pg_signup_user_state (conn, pending->user_id, FALSE, &state, error))
    return FALSE;

  if (state != ROSTER_USER_STATE_PENDING)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  if (pending->key_id != 0 &&
      ((key = check_key (conn, pending->key_id, pending->user_id, pending->now, FALSE, error)) == NULL ||
       !add_signup (conn, pending->user_id, pending->key_id, pending->remote_address, pending->now, error)))
    return FALSE;

  return insert_link (conn, pending->token, "confirm", pending->user_id, pending->now, error) &&
         queue_mail (conn, pending->mail, pending->user_id, pending->now, error) &&
         roster_pg_insert_audit (conn, pending->audit, pending->user_id, error);
}

static gboolean
pg_add_pending (RosterSignupStorage     *storage,
                gint64                   user_id,
                gint64                   key_id,
                const char              *remote_address,
                const RosterMailToken   *token,
                const RosterMailDraft   *mail,
                const RosterAuditEvent  *audit,
                GError                 **error)
{
  Pending pending = {
    .user_id = user_id,
    .key_id = key_id,
    .remote_address = remote_address,
    .token = token,
    .mail = mail,
    .audit = audit,
    .now = roster_pg_now (),
  };

  g_return_val_if_fail (token != NULL && token->token_hash != NULL && mail != NULL, FALSE);

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                add_pending_work, &pending, error);
}

typedef struct
{
  gint64                  user_id;
  gint64                  key_id;
  gint64                  now;
  const char             *remote_address;
  RosterSignupKey        *key;
} EnrolWithKey;

/* A counter (docs/architecture.md, "Key uses against max uses"): at READ
 * COMMITTED, the account's row and the key's locked before they are
 * read, so that exactly max_uses enrolments get through, from any
 * number of servers. */
static gboolean
enrol_with_key_work (PGconn    *conn,
                     gpointer   data,
                     GError   **error)
{
  EnrolWithKey *enrol = data;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  g_clear_pointer (&enrol->key, roster_signup_key_free);

  if (!roster_pg_signup_user_state (conn, enrol->user_id, TRUE, &state, error))
    return FALSE;

  if (state != ROSTER_USER_STATE_ACTIVE)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  enrol->key = check_key (conn, enrol->key_id, enrol->user_id, enrol->now, TRUE, error);
  return enrol->key != NULL &&
         roster_pg_signup_enrol (conn, enrol->user_id, enrol->key, enrol->now, FALSE, enrol->user_id,
                                 enrol->remote_address, error);
}

static gboolean
pg_enrol_with_key (RosterSignupStorage    *storage,
                   gint64                  user_id,
                   gint64                  key_id,
                   gint64                  now,
                   const char             *remote_address,
                   RosterSignupEnrolment **enrolment,
                   GError                **error)
{
  EnrolWithKey enrol = { user_id, key_id, now, remote_address, NULL };
  gboolean ok;

  ok = roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                              enrol_with_key_work, &enrol, error);
  if (ok && enrolment != NULL)
    *enrolment = roster_pg_signup_enrolment_new (enrol.key, ROSTER_SIGNUP_REFUSAL_NONE);

  g_clear_pointer (&enrol.key, roster_signup_key_free);
  return ok;
}

/* ---- passwords ---- */

static gboolean
create_reset_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  Pending *pending = data;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  if (!roster_pg_signup_user_state (conn, pending->user_id, FALSE, &state, error))
    return FALSE;

  /* The link could never be followed (see reset_password): no mail. */
  if (state == ROSTER_USER_STATE_SUSPENDED || state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  return insert_link (conn, pending->token, "reset", pending->user_id, pending->now, error) &&
         queue_mail (conn, pending->mail, pending->user_id, pending->now, error) &&
         roster_pg_insert_audit (conn, pending->audit, pending->user_id, error);
}

static gboolean
pg_create_reset (RosterSignupStorage     *storage,
                 gint64                   user_id,
                 const RosterMailToken   *token,
                 const RosterMailDraft   *mail,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  Pending pending = {
    .user_id = user_id,
    .token = token,
    .mail = mail,
    .audit = audit,
    .now = roster_pg_now (),
  };

  g_return_val_if_fail (token != NULL && token->token_hash != NULL && mail != NULL, FALSE);

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                create_reset_work, &pending, error);
}

/* ---- expiry ---- */

typedef struct
{
  gint64 before;
  guint  count;
} Purge;

static gboolean
remove_unconfirmed (PGconn  *conn,
                    gint64   user_id,
                    GError **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterAuditEvent event = {
    .action = "signup.expired",
    .target_user_id = user_id,
    .object_type = "user",
    .object_id = user_id,
  };

  /* Mail rows only lose their reference when an account goes (ON DELETE
   * SET NULL): a confirmation mail still queued must not go out with a
   * link to nothing, and none of them should keep a name or address.
   * Sign-ups and links go with the account (ON DELETE CASCADE). */
  roster_pg_add_int (&params, user_id);
  return roster_pg_exec (conn, "DELETE FROM mail_outbox WHERE user_id = $1 OR about_user_id = $1",
                         &params, "sign-up", error) &&
         roster_pg_exec (conn, "DELETE FROM users WHERE id = $1", &params, "sign-up", error) &&
         roster_pg_insert_audit (conn, &event, 0, error);
}

static gboolean
purge_work (PGconn    *conn,
            gpointer   data,
            GError   **error)
{
  Purge *purge = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  purge->count = 0;
  roster_pg_add_int (&params, purge->before);
  result = roster_pg_query (conn,
                            "SELECT u.id FROM users u"
                            " WHERE u.state = 'pending' AND u.type = 'external' AND u.created_at < $1"
                            "   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)"
                            " ORDER BY u.id",
                            &params, "unconfirmed users", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    if (!remove_unconfirmed (conn, roster_pg_get_int (result, i, 0), error))
      return FALSE;

  purge->count = PQntuples (result);
  return TRUE;
}

static gboolean
pg_purge_unconfirmed (RosterSignupStorage  *storage,
                      gint64                before,
                      guint                *count,
                      GError              **error)
{
  Purge purge = { before, 0 };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              purge_work, &purge, error))
    return FALSE;

  if (count != NULL)
    *count = purge.count;
  return TRUE;
}

void
roster_pg_signup_init (RosterSignupStorageInterface *iface)
{
  iface->find_key = pg_find_key;
  iface->find_user_by_email = pg_find_user_by_email;
  iface->is_enrolled = pg_is_enrolled;
  iface->create_pending = pg_create_pending;
  iface->add_pending = pg_add_pending;
  iface->enrol_with_key = pg_enrol_with_key;
  iface->create_reset = pg_create_reset;
  iface->purge_unconfirmed = pg_purge_unconfirmed;

  roster_pg_signup_links_init (iface);
}
