/* roster-pg-users.c: accounts, sign-in and tokens in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-users.c: the same statements and rules.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"
#include "roster-text.h"

/* ---- users ---- */

#define USER_COLUMNS \
  "u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state, u.site_admin," \
  " u.locked_until, u.created_at, u.last_access"

static RosterUser *
user_from_row (const PGresult *result,
               int             row,
               int             first)
{
  RosterUser *user = roster_user_new ();
  RosterUserType type = ROSTER_USER_TYPE_STAFF;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  roster_user_set_id (user, roster_pg_get_int (result, row, first + 0));
  roster_user_set_username (user, roster_pg_get_text (result, row, first + 1));
  roster_user_set_email (user, roster_pg_get_text (result, row, first + 2));
  roster_user_set_first_name (user, roster_pg_get_text (result, row, first + 3));
  roster_user_set_last_name (user, roster_pg_get_text (result, row, first + 4));
  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string (roster_pg_get_text (result, row, first + 5), &type);
  roster_user_state_from_string (roster_pg_get_text (result, row, first + 6), &state);
  roster_user_set_user_type (user, type);
  roster_user_set_state (user, state);
  roster_user_set_is_site_admin (user, roster_pg_get_bool (result, row, first + 7));
  roster_user_set_locked_until (user, roster_pg_get_int (result, row, first + 8));
  roster_user_set_created_at (user, roster_pg_get_int (result, row, first + 9));
  roster_user_set_last_access (user, roster_pg_get_int (result, row, first + 10));

  return user;
}

typedef struct
{
  const RosterNewUser    *user;
  const RosterAuditEvent *audit;
  gint64                  id;
} CreateUser;

static gboolean
create_user_work (PGconn    *conn,
                  gpointer   data,
                  GError   **error)
{
  CreateUser *create = data;
  const RosterNewUser *user = create->user;
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

  roster_pg_add_text (&params, user->username);
  roster_pg_add_text (&params, username_key);
  roster_pg_add_text (&params, user->email);
  roster_pg_add_text (&params, email_key);
  roster_pg_add_text (&params, user->first_name ? user->first_name : "");
  roster_pg_add_text (&params, user->last_name ? user->last_name : "");
  roster_pg_add_text (&params, search_key);
  roster_pg_add_text (&params, roster_user_type_to_string (user->type));
  roster_pg_add_text (&params, roster_user_state_to_string (user->state));
  roster_pg_add_text (&params, user->password_hash);
  roster_pg_add_bool (&params, user->site_admin);
  roster_pg_add_int (&params, roster_pg_now ());

  if (!roster_pg_query_int (conn,
                            "INSERT INTO users (username, username_key, email, email_key, first_name,"
                            "  last_name, search_key, type, state, password_hash, site_admin, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
                            " RETURNING id",
                            &params, "create user", NULL, &create->id, &local_error))
    {
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                             _("A user with this username or e-mail address already exists."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return roster_pg_insert_audit (conn, create->audit, create->id, error);
}

static gint64
pg_create_user (RosterStorage           *storage,
                const RosterNewUser     *user,
                const RosterAuditEvent  *audit,
                GError                 **error)
{
  g_autofree char *username_key = roster_text_identity_key (user->username);
  CreateUser create = { user, audit, 0 };

  if (username_key == NULL || *username_key == '\0')
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("A username is required."));
      return 0;
    }

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_user_work, &create, error))
    return 0;

  return create.id;
}

static RosterUser *
pg_get_user (RosterStorage  *storage,
             gint64          user_id,
             GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT " USER_COLUMNS " FROM users u WHERE u.id = $1",
                            &params, "get user", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return NULL;
    }

  return user_from_row (result, 0, 0);
}

static RosterCredentials *
pg_get_credentials (RosterStorage  *storage,
                    const char     *username,
                    GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *key = roster_text_identity_key (username);
  g_autoptr(PGresult) result = NULL;
  RosterCredentials *credentials;
  PGconn *conn;

  if (key == NULL || *key == '\0')
    return NULL;

  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  /* People type their e-mail address as often as their username; a
   * username always wins over somebody else's e-mail address. */
  roster_pg_add_text (&params, key);
  result = roster_pg_query (conn,
                            "SELECT id, state, password_hash, failed_logins, locked_until FROM users"
                            " WHERE username_key = $1 OR email_key = $1"
                            " ORDER BY username_key = $1 DESC LIMIT 1",
                            &params, "get credentials", error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  credentials = g_new0 (RosterCredentials, 1);
  credentials->user_id = roster_pg_get_int (result, 0, 0);
  roster_user_state_from_string (roster_pg_get_text (result, 0, 1), &credentials->state);
  credentials->password_hash = roster_pg_get_dup (result, 0, 2);
  credentials->failed_logins = (guint) roster_pg_get_int (result, 0, 3);
  credentials->locked_until = roster_pg_get_int (result, 0, 4);

  return credentials;
}

typedef struct
{
  gint64                  user_id;
  gint64                  now;
  guint                   threshold;
  gint64                  lock_seconds;
  const RosterAuditEvent *audit_failure;
  const RosterAuditEvent *audit_lock;
  RosterLoginFailure     *result;
} LoginFailure;

static gboolean
login_failure_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  LoginFailure *failure = data;
  g_auto(RosterPgParams) select = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  guint failed;
  gint64 locked_until;

  /* FOR UPDATE: the newest committed count, and nobody else's until
   * this transaction ends. */
  roster_pg_add_int (&select, failure->user_id);
  result = roster_pg_query (conn, "SELECT failed_logins, locked_until FROM users WHERE id = $1 FOR UPDATE",
                            &select, "login failure", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  failed = (guint) roster_pg_get_int (result, 0, 0);
  locked_until = roster_pg_get_int (result, 0, 1);

  /* A lock that has run out starts the count afresh. */
  if (locked_until != 0 && locked_until <= failure->now)
    {
      failed = 0;
      locked_until = 0;
    }

  failed++;
  failure->result->failed_logins = failed;
  failure->result->locked_until = 0;
  if (failed >= failure->threshold && locked_until == 0)
    {
      locked_until = failure->now + failure->lock_seconds;
      failure->result->locked_until = locked_until;
    }

  roster_pg_add_int (&update, failed);
  roster_pg_add_int (&update, locked_until);
  roster_pg_add_int (&update, failure->user_id);

  return roster_pg_exec (conn, "UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3",
                         &update, "login failure", error) &&
         roster_pg_insert_audit (conn, failure->audit_failure, 0, error) &&
         (failure->result->locked_until == 0 || roster_pg_insert_audit (conn, failure->audit_lock, 0, error));
}

static gboolean
pg_record_login_failure (RosterStorage           *storage,
                         gint64                   user_id,
                         gint64                   now,
                         guint                    threshold,
                         gint64                   lock_seconds,
                         const RosterAuditEvent  *audit_failure,
                         const RosterAuditEvent  *audit_lock,
                         RosterLoginFailure      *result,
                         GError                 **error)
{
  LoginFailure failure = { user_id, now, threshold, lock_seconds, audit_failure, audit_lock, result };

  /* A counter: READ COMMITTED with its row locked FOR UPDATE, so that
   * failures at once from several servers wait for each other and each
   * counts (SERIALIZABLE would fail all but one and run them again). */
  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                                login_failure_work, &failure, error);
}

typedef struct
{
  gint64                  user_id;
  const char             *token_hash;
  gint64                  now;
  gint64                  expires_at;
  const RosterAuditEvent *audit;
} LoginSuccess;

static gboolean
login_success_work (PGconn    *conn,
                    gpointer   data,
                    GError   **error)
{
  LoginSuccess *login = data;
  g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) insert = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) purge = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&update, login->now);
  roster_pg_add_int (&update, login->user_id);
  roster_pg_add_text (&insert, login->token_hash);
  roster_pg_add_int (&insert, login->user_id);
  roster_pg_add_int (&insert, login->now);
  roster_pg_add_int (&insert, login->expires_at);
  roster_pg_add_int (&purge, login->now - 24 * 3600);

  /* Expired tokens are kept a day so that their owners hear "expired"
   * rather than "invalid", then swept here, where a write is due anyway. */
  return roster_pg_exec (conn,
                         "UPDATE users SET failed_logins = 0, locked_until = 0, last_access = $1"
                         " WHERE id = $2",
                         &update, "login", error) &&
         roster_pg_exec (conn,
                         "INSERT INTO auth_tokens (token_hash, user_id, created_at, expires_at)"
                         " VALUES ($1, $2, $3, $4)",
                         &insert, "login", error) &&
         roster_pg_exec (conn, "DELETE FROM auth_tokens WHERE expires_at < $1", &purge, "login", error) &&
         roster_pg_insert_audit (conn, login->audit, 0, error);
}

static gboolean
pg_record_login_success (RosterStorage           *storage,
                         gint64                   user_id,
                         const char              *token_hash,
                         gint64                   now,
                         gint64                   expires_at,
                         const RosterAuditEvent  *audit,
                         GError                 **error)
{
  LoginSuccess login = { user_id, token_hash, now, expires_at, audit };

  /* READ COMMITTED: nothing here is read before it is written, and the
   * sweep of expired tokens would make every two sign-ins at once
   * conflict under SERIALIZABLE. */
  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                                login_success_work, &login, error);
}

static RosterUser *
pg_lookup_token (RosterStorage  *storage,
                 const char     *token_hash,
                 gint64          now,
                 gboolean       *expired,
                 GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterUser *user = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  *expired = FALSE;

  roster_pg_add_text (&params, token_hash);
  result = roster_pg_query (conn,
                            "SELECT t.expires_at, " USER_COLUMNS
                            " FROM auth_tokens t JOIN users u ON u.id = t.user_id"
                            " WHERE t.token_hash = $1",
                            &params, "token", error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  if (roster_pg_get_int (result, 0, 0) <= now)
    {
      *expired = TRUE;
      return NULL;
    }
  user = user_from_row (result, 0, 1);

  /* Last access is kept to the minute: writing it on every request would
   * turn every read into a write. A failure here costs nothing but
   * precision. */
  if (roster_user_get_last_access (user) < now - 60)
    {
      g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;

      roster_pg_add_int (&update, now);
      roster_pg_add_int (&update, roster_user_get_id (user));
      if (roster_pg_exec (conn, "UPDATE users SET last_access = $1 WHERE id = $2", &update, "token", NULL))
        roster_user_set_last_access (user, now);
    }

  return user;
}

typedef struct
{
  const char             *token_hash;
  const RosterAuditEvent *audit;
} DeleteToken;

static gboolean
delete_token_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  DeleteToken *delete = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_text (&params, delete->token_hash);
  return roster_pg_exec (conn, "DELETE FROM auth_tokens WHERE token_hash = $1", &params, "logout", error) &&
         roster_pg_insert_audit (conn, delete->audit, 0, error);
}

static gboolean
pg_delete_token (RosterStorage           *storage,
                 const char              *token_hash,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  DeleteToken delete = { token_hash, audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                                delete_token_work, &delete, error);
}

void
roster_pg_users_init (RosterStorageInterface *iface)
{
  iface->create_user = pg_create_user;
  iface->get_user = pg_get_user;
  iface->get_credentials = pg_get_credentials;
  iface->record_login_failure = pg_record_login_failure;
  iface->record_login_success = pg_record_login_success;
  iface->lookup_token = pg_lookup_token;
  iface->delete_token = pg_delete_token;
}
