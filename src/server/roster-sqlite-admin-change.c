/* roster-sqlite-admin-change.c: changes to accounts in SQLite: their
 * details, activation, suspension, unlocking and passwords
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-admin-private.h"
#include "roster-sqlite-signup-private.h"
#include "roster-text.h"

static gboolean
refresh_search_key (sqlite3  *db,
                    gint64    user_id,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autofree char *key = NULL;

  select = roster_sqlite_prepare (db, "SELECT username, email, first_name, last_name FROM users WHERE id = ?",
                                  error);
  if (select == NULL)
    return FALSE;
  sqlite3_bind_int64 (select, 1, user_id);
  if (sqlite3_step (select) != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, sqlite3_errcode (db), "search key");

  key = roster_sqlite_user_search_key ((const char *) sqlite3_column_text (select, 0),
                                       (const char *) sqlite3_column_text (select, 1),
                                       (const char *) sqlite3_column_text (select, 2),
                                       (const char *) sqlite3_column_text (select, 3));

  update = roster_sqlite_prepare (db, "UPDATE users SET search_key = ? WHERE id = ?", error);
  if (update == NULL)
    return FALSE;
  roster_sqlite_bind_text (update, 1, key);
  sqlite3_bind_int64 (update, 2, user_id);

  return roster_sqlite_step_done (db, update, "search key", error);
}

RosterUser *
roster_sqlite_update_user (RosterStorage            *storage,
                    gint64                    user_id,
                    const RosterUserChanges  *changes,
                    const RosterAuditEvent   *audit,
                    GError                  **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autofree char *username_key = roster_text_identity_key (changes->username);
  g_autofree char *email_key = roster_text_identity_key (changes->email);
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  if ((changes->username != NULL && (username_key == NULL || *username_key == '\0')) ||
      (changes->email != NULL && (email_key == NULL || *email_key == '\0')))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The username and the e-mail address cannot be empty."));
      goto out;
    }

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  if (changes->set_site_admin && !changes->site_admin &&
      !roster_sqlite_admin_check_last_admin (db, user_id, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE users SET username = coalesce (:username, username),"
                                "  username_key = coalesce (:username_key, username_key),"
                                "  email = coalesce (:email, email),"
                                "  email_key = coalesce (:email_key, email_key),"
                                "  first_name = coalesce (:first_name, first_name),"
                                "  last_name = coalesce (:last_name, last_name),"
                                "  type = coalesce (:type, type),"
                                "  site_admin = coalesce (:site_admin, site_admin)"
                                " WHERE id = :id",
                                error);
  if (stmt == NULL)
    goto out;

  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":username"), changes->username);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":username_key"),
                           changes->username ? username_key : NULL);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":email"), changes->email);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":email_key"),
                           changes->email ? email_key : NULL);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":first_name"), changes->first_name);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":last_name"), changes->last_name);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":type"),
                           changes->set_type ? roster_user_type_to_string (changes->type) : NULL);
  if (changes->set_site_admin)
    sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":site_admin"), changes->site_admin ? 1 : 0);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), user_id);

  if (!roster_sqlite_step_done (db, stmt, "update user", &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (!refresh_search_key (db, user_id, error) ||
      !roster_sqlite_insert_audit (db, audit, user_id, error))
    goto out;

  user = roster_sqlite_admin_read_user (db, user_id, error);
  if (user == NULL || !roster_sqlite_commit (db, error))
    g_clear_object (&user);

out:
  if (user == NULL)
    roster_sqlite_rollback (db);
  return g_steal_pointer (&user);
}

RosterUser *
roster_sqlite_activate_user (RosterStorage           *storage,
                      gint64                   user_id,
                      const RosterAuditEvent  *audit_activated,
                      const RosterAuditEvent  *audit_reactivated,
                      GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterUser) user = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state != ROSTER_USER_STATE_PENDING && state != ROSTER_USER_STATE_SUSPENDED)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  /* Activating a pending account does what confirming it would have:
   * the enrolments it signed up for are made (or refused) now, by the
   * administrator (PRODUCT.md §9). */
  if (state == ROSTER_USER_STATE_PENDING)
    {
      if (!roster_sqlite_signup_complete (db, user_id, roster_sqlite_now (),
                                          audit_activated ? audit_activated->actor_id : 0,
                                          audit_activated ? audit_activated->remote_address : NULL,
                                          NULL, error))
        goto out;
    }
  else if (!roster_sqlite_exec_for_id (db, "UPDATE users SET state = 'active' WHERE id = ?", user_id, "user change", error))
    goto out;

  if (!roster_sqlite_insert_audit (db, state == ROSTER_USER_STATE_PENDING ? audit_activated : audit_reactivated,
                                   user_id, error))
    goto out;

  user = roster_sqlite_admin_read_user (db, user_id, error);
  if (user == NULL || !roster_sqlite_commit (db, error))
    g_clear_object (&user);

out:
  if (user == NULL)
    roster_sqlite_rollback (db);
  return g_steal_pointer (&user);
}

RosterUser *
roster_sqlite_suspend_user (RosterStorage           *storage,
                     gint64                   user_id,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterUser) user = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

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
      goto out;
    }

  /* The sessions end with the suspension, in the same transaction. */
  if (!roster_sqlite_admin_check_last_admin (db, user_id, error) ||
      !roster_sqlite_exec_for_id (db, "UPDATE users SET state = 'suspended' WHERE id = ?", user_id, "user change", error) ||
      !roster_sqlite_exec_for_id (db, "DELETE FROM auth_tokens WHERE user_id = ?", user_id, "user change", error) ||
      !roster_sqlite_insert_audit (db, audit, user_id, error))
    goto out;

  user = roster_sqlite_admin_read_user (db, user_id, error);
  if (user == NULL || !roster_sqlite_commit (db, error))
    g_clear_object (&user);

out:
  if (user == NULL)
    roster_sqlite_rollback (db);
  return g_steal_pointer (&user);
}

RosterUser *
roster_sqlite_unlock_user (RosterStorage           *storage,
                    gint64                   user_id,
                    const RosterAuditEvent  *audit,
                    GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterUser) user = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  if (!roster_sqlite_exec_for_id (db, "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?", user_id, "user change", error) ||
      !roster_sqlite_insert_audit (db, audit, user_id, error))
    goto out;

  user = roster_sqlite_admin_read_user (db, user_id, error);
  if (user == NULL || !roster_sqlite_commit (db, error))
    g_clear_object (&user);

out:
  if (user == NULL)
    roster_sqlite_rollback (db);
  return g_steal_pointer (&user);
}

gboolean
roster_sqlite_set_user_password (RosterStorage           *storage,
                          gint64                   user_id,
                          const char              *password_hash,
                          const RosterAuditEvent  *audit,
                          GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  g_return_val_if_fail (password_hash != NULL, FALSE);

  if (!roster_sqlite_begin (db, error) ||
      !roster_sqlite_read_user_state (db, user_id, &state, error))
    goto out;

  if (state == ROSTER_USER_STATE_ERASED)
    {
      roster_storage_set_user_state_error (error, state);
      goto out;
    }

  stmt = roster_sqlite_prepare (db,
                                "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = 0"
                                " WHERE id = ?",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, password_hash);
  sqlite3_bind_int64 (stmt, 2, user_id);

  /* Whoever knew the old password may hold a session: all of them end. */
  ok = roster_sqlite_step_done (db, stmt, "set password", error) &&
       roster_sqlite_exec_for_id (db, "DELETE FROM auth_tokens WHERE user_id = ?", user_id, "user change", error) &&
       roster_sqlite_insert_audit (db, audit, user_id, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}
