/* roster-pg-admin-change.c: changes to accounts in PostgreSQL: their
 * details, activation, suspension, unlocking and passwords
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-admin-change.c: the same statements and
 * rules. Each method reads the account's state, decides, then writes:
 * its work runs at SERIALIZABLE (roster_pg_transaction() runs it again
 * after a serialisation failure), so it only sets its output at the end.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-admin-private.h"
#include "roster-pg-signup-private.h"
#include "roster-text.h"

/* Runs @sql with the one parameter @user_id. */
static gboolean
exec_for_user (PGconn      *conn,
               const char  *sql,
               gint64       user_id,
               GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, user_id);
  return roster_pg_exec (conn, sql, &params, "user change", error);
}

/* The account as it is now, for the caller, in place of whatever an
 * earlier run of the work left there. */
static gboolean
read_result (PGconn       *conn,
             gint64        user_id,
             RosterUser  **user,
             GError      **error)
{
  g_clear_object (user);
  *user = roster_pg_admin_read_user (conn, user_id, error);
  return *user != NULL;
}

/* ---- details ---- */

static gboolean
refresh_search_key (PGconn  *conn,
                    gint64   user_id,
                    GError **error)
{
  g_auto(RosterPgParams) select = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *key = NULL;

  roster_pg_add_int (&select, user_id);
  result = roster_pg_query (conn, "SELECT username, email, first_name, last_name FROM users WHERE id = $1",
                            &select, "search key", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  /* What roster_sqlite_user_search_key() makes, as roster-pg-users.c
   * does at creation. */
  joined = g_strjoin ("\x1f",
                      roster_pg_get_text (result, 0, 2) ? roster_pg_get_text (result, 0, 2) : "",
                      roster_pg_get_text (result, 0, 3) ? roster_pg_get_text (result, 0, 3) : "",
                      roster_pg_get_text (result, 0, 0) ? roster_pg_get_text (result, 0, 0) : "",
                      roster_pg_get_text (result, 0, 1) ? roster_pg_get_text (result, 0, 1) : "",
                      NULL);
  key = roster_text_search_key (joined);

  roster_pg_add_text (&update, key);
  roster_pg_add_int (&update, user_id);
  return roster_pg_exec (conn, "UPDATE users SET search_key = $1 WHERE id = $2", &update, "search key", error);
}

typedef struct
{
  gint64                   user_id;
  const RosterUserChanges *changes;
  const char              *username_key;
  const char              *email_key;
  const RosterAuditEvent  *audit;
  RosterUser              *user;
} UpdateUser;

static gboolean
update_user_work (PGconn    *conn,
                  gpointer   data,
                  GError   **error)
{
  UpdateUser *update = data;
  const RosterUserChanges *changes = update->changes;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(GError) local_error = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  if (!roster_pg_admin_read_state (conn, update->user_id, &state, error))
    return FALSE;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  if (changes->set_site_admin && !changes->site_admin &&
      !roster_pg_admin_check_last_admin (conn, update->user_id, error))
    return FALSE;

  roster_pg_add_text (&params, changes->username);
  roster_pg_add_text (&params, changes->username ? update->username_key : NULL);
  roster_pg_add_text (&params, changes->email);
  roster_pg_add_text (&params, changes->email ? update->email_key : NULL);
  roster_pg_add_text (&params, changes->first_name);
  roster_pg_add_text (&params, changes->last_name);
  roster_pg_add_text (&params, changes->set_type ? roster_user_type_to_string (changes->type) : NULL);
  if (changes->set_site_admin)
    roster_pg_add_bool (&params, changes->site_admin);
  else
    roster_pg_add_text (&params, NULL);
  roster_pg_add_int (&params, update->user_id);

  if (!roster_pg_exec (conn,
                       "UPDATE users SET username = coalesce ($1, username),"
                       "  username_key = coalesce ($2, username_key),"
                       "  email = coalesce ($3, email),"
                       "  email_key = coalesce ($4, email_key),"
                       "  first_name = coalesce ($5, first_name),"
                       "  last_name = coalesce ($6, last_name),"
                       "  type = coalesce ($7, type),"
                       "  site_admin = coalesce ($8::integer, site_admin)"
                       " WHERE id = $9",
                       &params, "update user", &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return refresh_search_key (conn, update->user_id, error) &&
         roster_pg_insert_audit (conn, update->audit, update->user_id, error) &&
         read_result (conn, update->user_id, &update->user, error);
}

static RosterUser *
pg_update_user (RosterStorage            *storage,
                gint64                    user_id,
                const RosterUserChanges  *changes,
                const RosterAuditEvent   *audit,
                GError                  **error)
{
  g_autofree char *username_key = roster_text_identity_key (changes->username);
  g_autofree char *email_key = roster_text_identity_key (changes->email);
  UpdateUser update = { user_id, changes, username_key, email_key, audit, NULL };

  if ((changes->username != NULL && (username_key == NULL || *username_key == '\0')) ||
      (changes->email != NULL && (email_key == NULL || *email_key == '\0')))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The username and the e-mail address cannot be empty."));
      return NULL;
    }

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              update_user_work, &update, error))
    {
      g_clear_object (&update.user);
      return NULL;
    }

  return update.user;
}

/* ---- state ---- */

typedef struct
{
  gint64                  user_id;
  const RosterAuditEvent *audit;
  const RosterAuditEvent *audit_reactivated;
  RosterUser             *user;
} StateChange;

/* Activating a pending account does what confirming it would have: the
 * enrolments it signed up for are made (or refused) now, by the
 * administrator (PRODUCT.md §9), as roster_sqlite_signup_complete()
 * does: roster_pg_signup_complete() (roster-pg-signup-complete.c), at
 * the caller's READ COMMITTED with the account's row locked. */
static gboolean
activate_pending (PGconn      *conn,
                  gint64       user_id,
                  gint64       actor_id,
                  const char  *remote_address,
                  GError     **error)
{
  return roster_pg_signup_complete (conn, user_id, roster_pg_now (), actor_id, remote_address, NULL, error);
}

/* At READ COMMITTED, the account's row locked before its state is read:
 * completing sign-ups counts key uses, which are locked counters (see
 * roster-pg-private.h), and nothing else here is read to decide. */
static gboolean
activate_user_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  StateChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  roster_pg_add_int (&params, change->user_id);
  result = roster_pg_query (conn, "SELECT state FROM users WHERE id = $1 FOR UPDATE", &params, "user state", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }
  /* A CHECK constraint keeps the column to known values. */
  roster_user_state_from_string (roster_pg_get_text (result, 0, 0), &state);

  if (state != ROSTER_USER_STATE_PENDING && state != ROSTER_USER_STATE_SUSPENDED)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!activate_pending (conn, change->user_id,
                             change->audit ? change->audit->actor_id : 0,
                             change->audit ? change->audit->remote_address : NULL,
                             error))
        return FALSE;
    }
  else if (!exec_for_user (conn, "UPDATE users SET state = 'active' WHERE id = $1", change->user_id, error))
    return FALSE;

  return roster_pg_insert_audit (conn,
                                 state == ROSTER_USER_STATE_PENDING ? change->audit : change->audit_reactivated,
                                 change->user_id, error) &&
         read_result (conn, change->user_id, &change->user, error);
}

static RosterUser *
run_state_change (RosterStorage      *storage,
                  RosterPgIsolation   isolation,
                  RosterPgWork        work,
                  StateChange        *change,
                  GError            **error)
{
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), isolation, work, change, error))
    {
      g_clear_object (&change->user);
      return NULL;
    }

  return change->user;
}

static RosterUser *
pg_activate_user (RosterStorage           *storage,
                  gint64                   user_id,
                  const RosterAuditEvent  *audit_activated,
                  const RosterAuditEvent  *audit_reactivated,
                  GError                 **error)
{
  StateChange change = { user_id, audit_activated, audit_reactivated, NULL };

  return run_state_change (storage, ROSTER_PG_READ_COMMITTED, activate_user_work, &change, error);
}

static gboolean
suspend_user_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  StateChange *change = data;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  if (!roster_pg_admin_read_state (conn, change->user_id, &state, error))
    return FALSE;

  if (state != ROSTER_USER_STATE_ACTIVE)
    {
      if (state == ROSTER_USER_STATE_PENDING)
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("Only an active account can be suspended; this one has not been "
                               "activated yet."));
      else if (state == ROSTER_USER_STATE_SUSPENDED)
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("This account is already suspended."));
      else
        roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  /* The sessions end with the suspension, in the same transaction. */
  return roster_pg_admin_check_last_admin (conn, change->user_id, error) &&
         exec_for_user (conn, "UPDATE users SET state = 'suspended' WHERE id = $1", change->user_id, error) &&
         exec_for_user (conn, "DELETE FROM auth_tokens WHERE user_id = $1", change->user_id, error) &&
         roster_pg_insert_audit (conn, change->audit, change->user_id, error) &&
         read_result (conn, change->user_id, &change->user, error);
}

static RosterUser *
pg_suspend_user (RosterStorage           *storage,
                 gint64                   user_id,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  StateChange change = { user_id, audit, NULL, NULL };

  return run_state_change (storage, ROSTER_PG_SERIALIZABLE, suspend_user_work, &change, error);
}

static gboolean
unlock_user_work (PGconn    *conn,
                  gpointer   data,
                  GError   **error)
{
  StateChange *change = data;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  if (!roster_pg_admin_read_state (conn, change->user_id, &state, error))
    return FALSE;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  return exec_for_user (conn, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = $1",
                        change->user_id, error) &&
         roster_pg_insert_audit (conn, change->audit, change->user_id, error) &&
         read_result (conn, change->user_id, &change->user, error);
}

static RosterUser *
pg_unlock_user (RosterStorage           *storage,
                gint64                   user_id,
                const RosterAuditEvent  *audit,
                GError                 **error)
{
  StateChange change = { user_id, audit, NULL, NULL };

  return run_state_change (storage, ROSTER_PG_SERIALIZABLE, unlock_user_work, &change, error);
}

/* ---- passwords ---- */

typedef struct
{
  gint64                  user_id;
  const char             *password_hash;
  const RosterAuditEvent *audit;
} SetPassword;

static gboolean
set_password_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  SetPassword *set = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  if (!roster_pg_admin_read_state (conn, set->user_id, &state, error))
    return FALSE;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      return FALSE;
    }

  roster_pg_add_text (&params, set->password_hash);
  roster_pg_add_int (&params, set->user_id);

  /* Whoever knew the old password may hold a session: all of them end. */
  return roster_pg_exec (conn,
                         "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = 0"
                         " WHERE id = $2",
                         &params, "set password", error) &&
         exec_for_user (conn, "DELETE FROM auth_tokens WHERE user_id = $1", set->user_id, error) &&
         roster_pg_insert_audit (conn, set->audit, set->user_id, error);
}

static gboolean
pg_set_user_password (RosterStorage           *storage,
                      gint64                   user_id,
                      const char              *password_hash,
                      const RosterAuditEvent  *audit,
                      GError                 **error)
{
  SetPassword set = { user_id, password_hash, audit };

  g_return_val_if_fail (password_hash != NULL, FALSE);

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                set_password_work, &set, error);
}

void
roster_pg_admin_change_init (RosterStorageInterface *iface)
{
  iface->update_user = pg_update_user;
  iface->activate_user = pg_activate_user;
  iface->suspend_user = pg_suspend_user;
  iface->unlock_user = pg_unlock_user;
  iface->set_user_password = pg_set_user_password;
}
