/* roster-sqlite-users.c: accounts, sign-in and tokens in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-sqlite-storage.h"
#include "roster-text.h"

/* ---- users ---- */

#define USER_COLUMNS \
  "u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state, u.site_admin," \
  " u.locked_until, u.created_at, u.last_access"

static RosterUser *
user_from_row (sqlite3_stmt *stmt,
               int           first)
{
  RosterUser *user = roster_user_new ();
  RosterUserType type = ROSTER_USER_TYPE_STAFF;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  roster_user_set_id (user, sqlite3_column_int64 (stmt, first + 0));
  roster_user_set_username (user, (const char *) sqlite3_column_text (stmt, first + 1));
  roster_user_set_email (user, (const char *) sqlite3_column_text (stmt, first + 2));
  roster_user_set_first_name (user, (const char *) sqlite3_column_text (stmt, first + 3));
  roster_user_set_last_name (user, (const char *) sqlite3_column_text (stmt, first + 4));
  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, first + 5), &type);
  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, first + 6), &state);
  roster_user_set_user_type (user, type);
  roster_user_set_state (user, state);
  roster_user_set_is_site_admin (user, sqlite3_column_int (stmt, first + 7) != 0);
  roster_user_set_locked_until (user, sqlite3_column_int64 (stmt, first + 8));
  roster_user_set_created_at (user, sqlite3_column_int64 (stmt, first + 9));
  roster_user_set_last_access (user, sqlite3_column_int64 (stmt, first + 10));

  return user;
}

char *
roster_sqlite_user_search_key (const char *username,
                               const char *email,
                               const char *first_name,
                               const char *last_name)
{
  g_autofree char *joined = g_strjoin ("\x1f",
                                       first_name ? first_name : "",
                                       last_name ? last_name : "",
                                       username ? username : "",
                                       email ? email : "",
                                       NULL);
  return roster_text_search_key (joined);
}

gint64
roster_sqlite_create_user (RosterStorage           *storage,
                           const RosterNewUser     *user,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *search_key = roster_sqlite_user_search_key (user->username, user->email,
                                                               user->first_name, user->last_name);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id = 0;
  sqlite3 *db;

  if (username_key == NULL || *username_key == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("A username is required."));
      return 0;
    }

  db = roster_sqlite_lease_acquire (&lease, self);
  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO users (username, username_key, email, email_key, first_name,"
                                "  last_name, search_key, type, state, password_hash, site_admin, created_at)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    goto out;

  roster_sqlite_bind_text (stmt, 1, user->username);
  roster_sqlite_bind_text (stmt, 2, username_key);
  roster_sqlite_bind_text (stmt, 3, user->email);
  roster_sqlite_bind_text (stmt, 4, email_key);
  roster_sqlite_bind_text (stmt, 5, user->first_name ? user->first_name : "");
  roster_sqlite_bind_text (stmt, 6, user->last_name ? user->last_name : "");
  roster_sqlite_bind_text (stmt, 7, search_key);
  roster_sqlite_bind_text (stmt, 8, roster_user_type_to_string (user->type));
  roster_sqlite_bind_text (stmt, 9, roster_user_state_to_string (user->state));
  roster_sqlite_bind_text (stmt, 10, user->password_hash);
  sqlite3_bind_int (stmt, 11, user->site_admin ? 1 : 0);
  sqlite3_bind_int64 (stmt, 12, roster_sqlite_now ());

  if (!roster_sqlite_step_done (db, stmt, "create user", &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  id = sqlite3_last_insert_rowid (db);
  if (!roster_sqlite_insert_audit (db, audit, id, error) || !roster_sqlite_commit (db, error))
    id = 0;

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

static RosterUser *
get_user_locked (sqlite3  *db,
                 gint64    user_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " USER_COLUMNS " FROM users u WHERE u.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return user_from_row (stmt, 0);
  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "get user");
  else
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));

  return NULL;
}

RosterUser *
roster_sqlite_get_user (RosterStorage  *storage,
                        gint64          user_id,
                        GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  RosterUser *user = get_user_locked (db, user_id, error);

  return user;
}

RosterCredentials *
roster_sqlite_get_credentials (RosterStorage  *storage,
                               const char     *username,
                               GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autofree char *key = roster_text_identity_key (username);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterCredentials *credentials = NULL;
  sqlite3 *db;
  int rc;

  if (key == NULL || *key == '\0')
    return NULL;

  db = roster_sqlite_lease_acquire (&lease, self);

  /* People type their e-mail address as often as their username; a
   * username always wins over somebody else's e-mail address. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT id, state, password_hash, failed_logins, locked_until FROM users"
                                " WHERE username_key = ?1 OR email_key = ?1"
                                " ORDER BY username_key = ?1 DESC LIMIT 1",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      credentials = g_new0 (RosterCredentials, 1);
      credentials->user_id = sqlite3_column_int64 (stmt, 0);
      roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &credentials->state);
      credentials->password_hash = roster_sqlite_column_dup (stmt, 2);
      credentials->failed_logins = sqlite3_column_int (stmt, 3);
      credentials->locked_until = sqlite3_column_int64 (stmt, 4);
    }
  else if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "get credentials");

out:
  return credentials;
}

gboolean
roster_sqlite_record_login_failure (RosterStorage           *storage,
                                    gint64                   user_id,
                                    gint64                   now,
                                    guint                    threshold,
                                    gint64                   lock_seconds,
                                    const RosterAuditEvent  *audit_failure,
                                    const RosterAuditEvent  *audit_lock,
                                    RosterLoginFailure      *result,
                                    GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  guint failed;
  gint64 locked_until;

  if (!roster_sqlite_begin (db, error))
    goto out;

  select = roster_sqlite_prepare (db, "SELECT failed_logins, locked_until FROM users WHERE id = ?", error);
  if (select == NULL)
    goto out;
  sqlite3_bind_int64 (select, 1, user_id);
  switch (sqlite3_step (select))
    {
    case SQLITE_ROW:
      break;
    case SQLITE_DONE:
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      goto out;
    default:
      roster_sqlite_set_error (error, db, sqlite3_errcode (db), "login failure");
      goto out;
    }

  failed = sqlite3_column_int (select, 0);
  locked_until = sqlite3_column_int64 (select, 1);

  /* A lock that has run out starts the count afresh. */
  if (locked_until != 0 && locked_until <= now)
    {
      failed = 0;
      locked_until = 0;
    }

  failed++;
  result->failed_logins = failed;
  result->locked_until = 0;
  if (failed >= threshold && locked_until == 0)
    {
      locked_until = now + lock_seconds;
      result->locked_until = locked_until;
    }

  update = roster_sqlite_prepare (db, "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", error);
  if (update == NULL)
    goto out;
  sqlite3_bind_int (update, 1, failed);
  sqlite3_bind_int64 (update, 2, locked_until);
  sqlite3_bind_int64 (update, 3, user_id);

  ok = roster_sqlite_step_done (db, update, "login failure", error) &&
       roster_sqlite_insert_audit (db, audit_failure, 0, error) &&
       (result->locked_until == 0 || roster_sqlite_insert_audit (db, audit_lock, 0, error)) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

gboolean
roster_sqlite_record_login_success (RosterStorage           *storage,
                                    gint64                   user_id,
                                    const char              *token_hash,
                                    gint64                   now,
                                    gint64                   expires_at,
                                    const RosterAuditEvent  *audit,
                                    GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) purge = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  update = roster_sqlite_prepare (db,
                                  "UPDATE users SET failed_logins = 0, locked_until = 0, last_access = ?"
                                  " WHERE id = ?",
                                  error);
  insert = roster_sqlite_prepare (db,
                                  "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at)"
                                  " VALUES (?, ?, ?, ?)",
                                  error);
  /* Expired tokens are kept a day so that their owners hear "expired"
   * rather than "invalid", then swept here, where a write is due anyway. */
  purge = roster_sqlite_prepare (db, "DELETE FROM auth_tokens WHERE expires_at < ?", error);
  if (update == NULL || insert == NULL || purge == NULL)
    goto out;

  sqlite3_bind_int64 (update, 1, now);
  sqlite3_bind_int64 (update, 2, user_id);
  roster_sqlite_bind_text (insert, 1, token_hash);
  sqlite3_bind_int64 (insert, 2, user_id);
  sqlite3_bind_int64 (insert, 3, now);
  sqlite3_bind_int64 (insert, 4, expires_at);
  sqlite3_bind_int64 (purge, 1, now - 24 * 3600);

  ok = roster_sqlite_step_done (db, update, "login", error) &&
       roster_sqlite_step_done (db, insert, "login", error) &&
       roster_sqlite_step_done (db, purge, "login", error) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

RosterUser *
roster_sqlite_lookup_token (RosterStorage  *storage,
                            const char     *token_hash,
                            gint64          now,
                            gboolean       *expired,
                            GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterUser *user = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  *expired = FALSE;

  stmt = roster_sqlite_prepare (db,
                                "SELECT t.expires_at, " USER_COLUMNS
                                " FROM auth_tokens t JOIN users u ON u.id = t.user_id"
                                " WHERE t.token_hash = ?",
                                error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, token_hash);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) <= now)
        *expired = TRUE;
      else
        user = user_from_row (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "token");

  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Last access is kept to the minute: writing it on every request would
   * turn every read into a write. */
  if (user != NULL && roster_user_get_last_access (user) < now - 60)
    {
      stmt = roster_sqlite_prepare (db, "UPDATE users SET last_access = ? WHERE id = ?", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, now);
          sqlite3_bind_int64 (stmt, 2, roster_user_get_id (user));
          if (sqlite3_step (stmt) == SQLITE_DONE)
            roster_user_set_last_access (user, now);
        }
    }

out:
  return user;
}

gboolean
roster_sqlite_delete_token (RosterStorage           *storage,
                            const char              *token_hash,
                            const RosterAuditEvent  *audit,
                            GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "DELETE FROM auth_tokens WHERE token_hash = ?", error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, token_hash);

  ok = roster_sqlite_step_done (db, stmt, "logout", error) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}
