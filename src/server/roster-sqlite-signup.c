/* roster-sqlite-signup.c: external users' sign-up and password recovery
 * in SQLite (RosterSignupStorage; following the links they are sent is
 * in roster-sqlite-signup-links.c, the enrolments a sign-up leads to are
 * made in roster-sqlite-signup-complete.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links sent by mail are kept only as the hashes of their tokens. Each
 * call that changes something is one transaction with its audit events
 * and its mail: when any step fails, nothing of it is kept.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-admin-private.h"
#include "roster-sqlite-signup-private.h"
#include "roster-text.h"

/* ---- helpers ---- */

/* Queues the caller's draft for @user_id. A draft without a recipient or
 * params is refused with an error, not just a critical, so that what
 * was already done in the transaction is rolled back with a reason. */
static gboolean
queue_mail (sqlite3                *db,
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
  return roster_sqlite_outbox_add (db, &draft, now, error);
}

static gboolean
insert_link (sqlite3                *db,
             const RosterMailToken  *token,
             const char             *purpose,
             gint64                  user_id,
             gint64                  now,
             GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                                " VALUES (?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, token->token_hash);
  roster_sqlite_bind_text (stmt, 2, purpose);
  sqlite3_bind_int64 (stmt, 3, user_id);
  sqlite3_bind_int64 (stmt, 4, now);
  sqlite3_bind_int64 (stmt, 5, token->expires_at);

  return roster_sqlite_step_done (db, stmt, "mail link", error);
}

/* Reads @key_id and checks it for @user_id at @now (0: an account about
 * to be made, which cannot be enrolled yet). */
static RosterSignupKey *
check_key (sqlite3  *db,
           gint64    key_id,
           gint64    user_id,
           gint64    now,
           GError  **error)
{
  g_autoptr(RosterSignupKey) key = NULL;
  g_autoptr(GError) local_error = NULL;
  RosterSignupRefusal refusal;

  key = roster_sqlite_signup_read_key (db, key_id, NULL, &local_error);
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
  else if (!roster_sqlite_signup_check (db, key, user_id, now, &refusal, error))
    return NULL;

  if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    {
      roster_signup_set_error (error, refusal);
      return NULL;
    }

  return g_steal_pointer (&key);
}

static gboolean
add_signup (sqlite3     *db,
            gint64       user_id,
            gint64       key_id,
            const char  *remote_address,
            gint64       now,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Signing up again with the same key only sends a new link. */
  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO signups (user_id, key_id, created_at, remote_address)"
                                " VALUES (?, ?, ?, ?) ON CONFLICT (user_id, key_id) DO NOTHING",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, key_id);
  sqlite3_bind_int64 (stmt, 3, now);
  roster_sqlite_bind_text (stmt, 4, remote_address);

  return roster_sqlite_step_done (db, stmt, "sign-up", error);
}

/* ---- reads ---- */

static RosterSignupKey *
sqlite_find_key (RosterSignupStorage  *storage,
                 const char           *lookup,
                 GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db;

  if (lookup == NULL || *lookup == '\0')
    return NULL;

  db = roster_sqlite_lease_acquire (&lease, self);
  return roster_sqlite_signup_read_key (db, 0, lookup, error);
}

static RosterUser *
sqlite_find_user_by_email (RosterSignupStorage  *storage,
                           const char           *email,
                           GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *email_key = roster_text_identity_key (email);
  sqlite3 *db;
  gint64 user_id;
  int rc;

  if (email_key == NULL || *email_key == '\0')
    return NULL;

  db = roster_sqlite_lease_acquire (&lease, self);

  /* Erasure clears email_key; the state is checked all the same. */
  stmt = roster_sqlite_prepare (db, "SELECT id FROM users WHERE email_key = ? AND state <> 'erased'", error);
  if (stmt == NULL)
    return NULL;
  roster_sqlite_bind_text (stmt, 1, email_key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "user by e-mail");
      return NULL;
    }
  user_id = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);

  return roster_sqlite_admin_read_user (db, user_id, error);
}

static gboolean
sqlite_is_enrolled (RosterSignupStorage  *storage,
                    gint64                course_id,
                    gint64                user_id,
                    gboolean             *enrolled,
                    GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT 1 FROM enrolments WHERE course_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "is enrolled");

  *enrolled = rc == SQLITE_ROW;
  return TRUE;
}

/* ---- sign-up ---- */

static gint64
insert_pending_user (sqlite3              *db,
                     const RosterNewUser  *user,
                     gint64                now,
                     GError              **error)
{
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *search_key = roster_sqlite_user_search_key (user->username, user->email,
                                                               user->first_name, user->last_name);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;

  if (username_key == NULL || *username_key == '\0' || email_key == NULL || *email_key == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("A username and an e-mail address are required."));
      return 0;
    }

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO users (username, username_key, email, email_key, first_name,"
                                "  last_name, search_key, type, state, password_hash, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, 'external', 'pending', ?, ?)",
                                error);
  if (stmt == NULL)
    return 0;
  roster_sqlite_bind_text (stmt, 1, user->username);
  roster_sqlite_bind_text (stmt, 2, username_key);
  roster_sqlite_bind_text (stmt, 3, user->email);
  roster_sqlite_bind_text (stmt, 4, email_key);
  roster_sqlite_bind_text (stmt, 5, user->first_name ? user->first_name : "");
  roster_sqlite_bind_text (stmt, 6, user->last_name ? user->last_name : "");
  roster_sqlite_bind_text (stmt, 7, search_key);
  roster_sqlite_bind_text (stmt, 8, user->password_hash);
  sqlite3_bind_int64 (stmt, 9, now);

  if (!roster_sqlite_step_done (db, stmt, "sign-up user", &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return 0;
    }

  return sqlite3_last_insert_rowid (db);
}

static gint64
sqlite_create_pending (RosterSignupStorage     *storage,
                       const RosterNewUser     *user,
                       gint64                   key_id,
                       const char              *remote_address,
                       const RosterMailToken   *token,
                       const RosterMailDraft   *mail,
                       const RosterAuditEvent  *audit,
                       GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterSignupKey) key = NULL;
  gint64 now = roster_sqlite_now ();
  gint64 id = 0;
  sqlite3 *db;

  g_return_val_if_fail (user != NULL && token != NULL && token->token_hash != NULL && mail != NULL, 0);
  g_return_val_if_fail (user->type == ROSTER_USER_TYPE_EXTERNAL && user->state == ROSTER_USER_STATE_PENDING, 0);

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error))
    goto out;

  if (key_id != 0 && (key = check_key (db, key_id, 0, now, error)) == NULL)
    goto out;

  id = insert_pending_user (db, user, now, error);
  if (id == 0)
    goto out;

  if ((key_id != 0 && !add_signup (db, id, key_id, remote_address, now, error)) ||
      !insert_link (db, token, "confirm", id, now, error) ||
      !queue_mail (db, mail, id, now, error) ||
      !roster_sqlite_insert_audit (db, audit, id, error) ||
      !roster_sqlite_commit (db, error))
    id = 0;

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

static gboolean
sqlite_add_pending (RosterSignupStorage     *storage,
                    gint64                   user_id,
                    gint64                   key_id,
                    const char              *remote_address,
                    const RosterMailToken   *token,
                    const RosterMailDraft   *mail,
                    const RosterAuditEvent  *audit,
                    GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterSignupKey) key = NULL;
  RosterUserState state = ROSTER_USER_STATE_PENDING;
  gint64 now = roster_sqlite_now ();
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (token != NULL && token->token_hash != NULL && mail != NULL, FALSE);

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state != ROSTER_USER_STATE_PENDING)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  if (key_id != 0 &&
      ((key = check_key (db, key_id, user_id, now, error)) == NULL ||
       !add_signup (db, user_id, key_id, remote_address, now, error)))
    goto out;

  ok = insert_link (db, token, "confirm", user_id, now, error) &&
       queue_mail (db, mail, user_id, now, error) &&
       roster_sqlite_insert_audit (db, audit, user_id, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static gboolean
sqlite_enrol_with_key (RosterSignupStorage    *storage,
                       gint64                  user_id,
                       gint64                  key_id,
                       gint64                  now,
                       const char             *remote_address,
                       RosterSignupEnrolment **enrolment,
                       GError                **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterSignupKey) key = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state != ROSTER_USER_STATE_ACTIVE)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  key = check_key (db, key_id, user_id, now, error);
  ok = key != NULL &&
       roster_sqlite_signup_enrol (db, user_id, key, now, FALSE, user_id, remote_address, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  else if (enrolment != NULL)
    *enrolment = roster_sqlite_signup_enrolment_new (key, ROSTER_SIGNUP_REFUSAL_NONE);
  return ok;
}

/* ---- passwords ---- */

static gboolean
sqlite_create_reset (RosterSignupStorage     *storage,
                     gint64                   user_id,
                     const RosterMailToken   *token,
                     const RosterMailDraft   *mail,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  gint64 now = roster_sqlite_now ();
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (token != NULL && token->token_hash != NULL && mail != NULL, FALSE);

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  /* The link could never be followed (see reset_password): no mail. */
  if (state == ROSTER_USER_STATE_SUSPENDED || state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  ok = insert_link (db, token, "reset", user_id, now, error) &&
       queue_mail (db, mail, user_id, now, error) &&
       roster_sqlite_insert_audit (db, audit, user_id, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

/* ---- expiry ---- */

static GArray *
unconfirmed_users (sqlite3  *db,
                   gint64    before,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT u.id FROM users u"
                                " WHERE u.state = 'pending' AND u.type = 'external' AND u.created_at < ?"
                                "   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)"
                                " ORDER BY u.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, before);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "unconfirmed users");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

static gboolean
remove_unconfirmed (sqlite3  *db,
                    gint64    user_id,
                    GError  **error)
{
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
  return roster_sqlite_exec_for_id (db, "DELETE FROM mail_outbox WHERE user_id = ?1 OR about_user_id = ?1", user_id, "sign-up", error) &&
         roster_sqlite_exec_for_id (db, "DELETE FROM users WHERE id = ?", user_id, "sign-up", error) &&
         roster_sqlite_insert_audit (db, &event, 0, error);
}

static gboolean
sqlite_purge_unconfirmed (RosterSignupStorage  *storage,
                          gint64                before,
                          guint                *count,
                          GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(GArray) ids = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  ids = unconfirmed_users (db, before, error);
  if (ids == NULL)
    goto out;

  for (guint i = 0; i < ids->len; i++)
    if (!remove_unconfirmed (db, g_array_index (ids, gint64, i), error))
      goto out;

  ok = roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  else if (count != NULL)
    *count = ids->len;
  return ok;
}

void
roster_sqlite_signup_iface_init (RosterSignupStorageInterface *iface)
{
  iface->find_key = sqlite_find_key;
  iface->find_user_by_email = sqlite_find_user_by_email;
  iface->is_enrolled = sqlite_is_enrolled;
  iface->create_pending = sqlite_create_pending;
  iface->add_pending = sqlite_add_pending;
  iface->enrol_with_key = sqlite_enrol_with_key;
  iface->create_reset = sqlite_create_reset;
  iface->purge_unconfirmed = sqlite_purge_unconfirmed;

  roster_sqlite_signup_links_init (iface);
}
