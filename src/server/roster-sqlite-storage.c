/* roster-sqlite-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-sqlite-storage.h"
#include "roster-text.h"

/* Long enough for a bulk import on another connection to finish its
 * commit; short enough that a stuck writer shows up as an error. */
#define BUSY_TIMEOUT_MS 10000

struct _RosterSqliteStorage
{
  GObject      parent_instance;

  char        *path;
  GAsyncQueue *pool;
  guint        pool_size;
  int          schema_version;
};

static void storage_iface_init (RosterStorageInterface *iface);

gboolean roster_sqlite_load_dataset (sqlite3        *db,
                                     RosterDataset  *dataset,
                                     GError        **error);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterSqliteStorage, roster_sqlite_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_STORAGE, storage_iface_init))

/* ---- helpers shared with the other driver files ---- */

gboolean
roster_sqlite_set_error (GError     **error,
                         sqlite3     *db,
                         int          rc,
                         const char  *what)
{
  int primary = rc & 0xff;

  if (primary == SQLITE_CONSTRAINT)
    {
      /* The caller turns this into a message about what clashed; the
       * details only help whoever reads the server's log. */
      g_debug ("%s: constraint: %s", what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("This would clash with data that already exists."));
    }
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    {
      g_warning ("%s: database busy: %s", what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("The database is busy; try again in a moment."));
    }
  else
    {
      g_warning ("%s: %s", what, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("The server could not read or write its database."));
    }

  return FALSE;
}

sqlite3_stmt *
roster_sqlite_prepare (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      roster_sqlite_set_error (error, db, rc, "prepare");
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

gboolean
roster_sqlite_exec (sqlite3     *db,
                    const char  *sql,
                    GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return roster_sqlite_set_error (error, db, rc, "exec");

  return TRUE;
}

gboolean
roster_sqlite_step_done (sqlite3       *db,
                         sqlite3_stmt  *stmt,
                         const char    *what,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, what);

  return TRUE;
}

void
roster_sqlite_bind_text (sqlite3_stmt *stmt,
                         int           index,
                         const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

void
roster_sqlite_bind_id (sqlite3_stmt *stmt,
                       int           index,
                       gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

char *
roster_sqlite_column_dup (sqlite3_stmt *stmt,
                          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* ---- connections ---- */

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static sqlite3 *
acquire (RosterSqliteStorage *self)
{
  /* Blocks while every connection is in use: the pool is as large as
   * the number of threads that may run requests, so the wait is short. */
  return g_async_queue_pop (self->pool);
}

static void
release (RosterSqliteStorage *self,
         sqlite3             *db)
{
  g_async_queue_push (self->pool, db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)

static sqlite3 *
open_connection (const char  *path,
                 GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("Could not open the database %s: %s"), path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      return NULL;
    }

  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!roster_sqlite_exec (db,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA journal_mode = WAL;"
                           "PRAGMA synchronous = FULL;",
                           error))
    return NULL;

  return g_steal_pointer (&db);
}

static gboolean
read_user_version (sqlite3  *db,
                   int      *version,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "PRAGMA user_version", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, sqlite3_errcode (db), "user_version");

  *version = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static gboolean
migrate (sqlite3  *db,
         int      *out_version,
         GError  **error)
{
  int version = 0;

  if (!read_user_version (db, &version, error))
    return FALSE;

  if (version > (int) roster_sqlite_n_migrations)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("The database has schema version %d, newer than this server knows (%u); "
                     "run a newer roster-server"),
                   version, roster_sqlite_n_migrations);
      return FALSE;
    }

  while (version < (int) roster_sqlite_n_migrations)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      /* Each step commits with its version number, so an interrupted
       * upgrade resumes where it stopped. */
      if (!roster_sqlite_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!roster_sqlite_exec (db, roster_sqlite_migrations[version], error) ||
          !roster_sqlite_exec (db, set_version, error) ||
          !roster_sqlite_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "Schema migration %d: ", version + 1);
          return FALSE;
        }

      version++;
      g_info ("Database schema migrated to version %d", version);
    }

  *out_version = version;
  return TRUE;
}

static void
roster_sqlite_storage_finalize (GObject *object)
{
  RosterSqliteStorage *self = (RosterSqliteStorage *) object;
  sqlite3 *db;

  if (self->pool != NULL)
    {
      while ((db = g_async_queue_try_pop (self->pool)) != NULL)
        sqlite3_close_v2 (db);
      g_async_queue_unref (self->pool);
    }
  g_free (self->path);

  G_OBJECT_CLASS (roster_sqlite_storage_parent_class)->finalize (object);
}

static void
roster_sqlite_storage_class_init (RosterSqliteStorageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_sqlite_storage_finalize;
}

static void
roster_sqlite_storage_init (RosterSqliteStorage *self)
{
  self->pool = g_async_queue_new ();
}

RosterSqliteStorage *
roster_sqlite_storage_new (const char  *path,
                           guint        pool_size,
                           GError     **error)
{
  g_autoptr(RosterSqliteStorage) self = NULL;
  sqlite3 *first;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_SQLITE_STORAGE, NULL);
  self->path = g_strdup (path);
  self->pool_size = MAX (pool_size, 1);

  first = open_connection (path, error);
  if (first == NULL)
    return NULL;
  if (!migrate (first, &self->schema_version, error))
    {
      sqlite3_close_v2 (first);
      return NULL;
    }
  release (self, first);

  for (guint i = 1; i < self->pool_size; i++)
    {
      sqlite3 *db = open_connection (path, error);

      if (db == NULL)
        return NULL;
      release (self, db);
    }

  return g_steal_pointer (&self);
}

/* ---- transactions and audit ---- */

static gboolean
begin (sqlite3  *db,
       GError  **error)
{
  /* IMMEDIATE takes the write lock up front, so two writers queue on the
   * busy timeout instead of one failing half-way with SQLITE_BUSY. */
  return roster_sqlite_exec (db, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (sqlite3  *db,
        GError  **error)
{
  if (!roster_sqlite_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
insert_audit (sqlite3                 *db,
              const RosterAuditEvent  *event,
              gint64                   target_user_id,
              GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (event == NULL)
    return TRUE;

  stmt = roster_sqlite_prepare (db,
                                "INSERT INTO audit_events (at, actor_id, action, course_id, target_user_id,"
                                "  object_type, object_id, remote_address, details)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, now_seconds ());
  roster_sqlite_bind_id (stmt, 2, event->actor_id);
  roster_sqlite_bind_text (stmt, 3, event->action);
  roster_sqlite_bind_id (stmt, 4, event->course_id);
  roster_sqlite_bind_id (stmt, 5, target_user_id ? target_user_id : event->target_user_id);
  roster_sqlite_bind_text (stmt, 6, event->object_type);
  roster_sqlite_bind_id (stmt, 7, event->object_id);
  roster_sqlite_bind_text (stmt, 8, event->remote_address);
  roster_sqlite_bind_text (stmt, 9, event->details);

  return roster_sqlite_step_done (db, stmt, "audit", error);
}

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

static char *
user_search_key (const char *username,
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

static gint64
sqlite_create_user (RosterStorage           *storage,
                    const RosterNewUser     *user,
                    const RosterAuditEvent  *audit,
                    GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *search_key = user_search_key (user->username, user->email,
                                                 user->first_name, user->last_name);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db = acquire (self);
  gint64 id = 0;

  if (username_key == NULL || *username_key == '\0')
    {
      release (self, db);
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("A username is required."));
      return 0;
    }

  if (!begin (db, error))
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
  sqlite3_bind_int64 (stmt, 12, now_seconds ());

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
  if (!insert_audit (db, audit, id, error) || !commit (db, error))
    id = 0;

out:
  if (id == 0)
    rollback (db);
  release (self, db);
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

static RosterUser *
sqlite_get_user (RosterStorage  *storage,
                 gint64          user_id,
                 GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  sqlite3 *db = acquire (self);
  RosterUser *user = get_user_locked (db, user_id, error);

  release (self, db);
  return user;
}

static RosterCredentials *
sqlite_get_credentials (RosterStorage  *storage,
                        const char     *username,
                        GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autofree char *key = roster_text_identity_key (username);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterCredentials *credentials = NULL;
  sqlite3 *db;
  int rc;

  if (key == NULL || *key == '\0')
    return NULL;

  db = acquire (self);

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
  release (self, db);
  return credentials;
}

static gboolean
sqlite_record_login_failure (RosterStorage           *storage,
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
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;
  guint failed;
  gint64 locked_until;

  if (!begin (db, error))
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
       insert_audit (db, audit_failure, 0, error) &&
       (result->locked_until == 0 || insert_audit (db, audit_lock, 0, error)) &&
       commit (db, error);

out:
  if (!ok)
    rollback (db);
  release (self, db);
  return ok;
}

static gboolean
sqlite_record_login_success (RosterStorage           *storage,
                             gint64                   user_id,
                             const char              *token_hash,
                             gint64                   now,
                             gint64                   expires_at,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) purge = NULL;
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;

  if (!begin (db, error))
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
       insert_audit (db, audit, 0, error) &&
       commit (db, error);

out:
  if (!ok)
    rollback (db);
  release (self, db);
  return ok;
}

static RosterUser *
sqlite_lookup_token (RosterStorage  *storage,
                     const char     *token_hash,
                     gint64          now,
                     gboolean       *expired,
                     GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterUser *user = NULL;
  sqlite3 *db = acquire (self);
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
  release (self, db);
  return user;
}

static gboolean
sqlite_delete_token (RosterStorage           *storage,
                     const char              *token_hash,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;

  if (!begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "DELETE FROM auth_tokens WHERE token_hash = ?", error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, token_hash);

  ok = roster_sqlite_step_done (db, stmt, "logout", error) &&
       insert_audit (db, audit, 0, error) &&
       commit (db, error);

out:
  if (!ok)
    rollback (db);
  release (self, db);
  return ok;
}

/* ---- courses ---- */

/* The viewer's role comes from a current, active enrolment only: a
 * suspended or ended enrolment shows no course. */
#define COURSE_SELECT \
  "SELECT c.id, c.short_name, c.full_name, d.name, c.group_mode, c.group_mode_forced, e.role," \
  "  (SELECT count(*) FROM enrolments x WHERE x.course_id = c.id)" \
  " FROM courses c" \
  " LEFT JOIN departments d ON d.id = c.department_id" \
  " LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = :viewer AND e.status = 'active'" \
  "   AND (e.start_at = 0 OR e.start_at <= :now) AND (e.end_at = 0 OR e.end_at > :now)"

static RosterCourse *
course_from_row (sqlite3_stmt *stmt)
{
  RosterCourse *course = roster_course_new ();
  RosterGroupMode mode = ROSTER_GROUP_MODE_NONE;
  RosterRole role = ROSTER_ROLE_NONE;

  roster_course_set_id (course, sqlite3_column_int64 (stmt, 0));
  roster_course_set_short_name (course, (const char *) sqlite3_column_text (stmt, 1));
  roster_course_set_full_name (course, (const char *) sqlite3_column_text (stmt, 2));
  roster_course_set_department (course, (const char *) sqlite3_column_text (stmt, 3));
  roster_group_mode_from_string ((const char *) sqlite3_column_text (stmt, 4), &mode);
  roster_course_set_group_mode (course, mode);
  roster_course_set_group_mode_forced (course, sqlite3_column_int (stmt, 5) != 0);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    roster_role_from_string ((const char *) sqlite3_column_text (stmt, 6), &role);
  roster_course_set_my_role (course, role);
  roster_course_set_participant_count (course, sqlite3_column_int64 (stmt, 7));

  return course;
}

static char *
like_pattern (const char *query)
{
  g_autofree char *key = roster_text_search_key (query);
  GString *pattern = g_string_new ("%");

  for (const char *p = key; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static GPtrArray *
sqlite_list_courses (RosterStorage  *storage,
                     gint64          viewer_id,
                     gboolean        all_courses,
                     const char     *query,
                     GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = NULL;
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                COURSE_SELECT
                                " WHERE (:all OR e.id IS NOT NULL)"
                                "   AND (:pattern IS NULL OR c.search_key LIKE :pattern ESCAPE '\\')"
                                " ORDER BY c.short_name",
                                error);
  if (stmt == NULL)
    goto out;

  if (query != NULL && *query != '\0')
    pattern = like_pattern (query);

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":viewer"), viewer_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), now_seconds ());
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":all"), all_courses ? 1 : 0);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":pattern"), pattern);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (courses, course_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list courses");
  else
    ok = TRUE;

out:
  release (self, db);
  return ok ? g_steal_pointer (&courses) : NULL;
}

static RosterCourse *
sqlite_get_course (RosterStorage  *storage,
                   gint64          course_id,
                   gint64          viewer_id,
                   GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterCourse *course = NULL;
  sqlite3 *db = acquire (self);
  int rc;

  stmt = roster_sqlite_prepare (db, COURSE_SELECT " WHERE c.id = :course", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":viewer"), viewer_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), now_seconds ());
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":course"), course_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    course = course_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
  else
    roster_sqlite_set_error (error, db, rc, "get course");

out:
  release (self, db);
  return course;
}

static GPtrArray *
sqlite_list_course_roles (RosterStorage  *storage,
                          gint64          user_id,
                          GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_course_role_free);
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT c.id, c.short_name, e.role FROM enrolments e"
                                " JOIN courses c ON c.id = e.course_id"
                                " WHERE e.user_id = :user AND e.status = 'active'"
                                "   AND (e.start_at = 0 OR e.start_at <= :now)"
                                "   AND (e.end_at = 0 OR e.end_at > :now)"
                                " ORDER BY c.short_name",
                                error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":user"), user_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), now_seconds ());

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterCourseRole *role = g_new0 (RosterCourseRole, 1);

      role->course_id = sqlite3_column_int64 (stmt, 0);
      role->short_name = roster_sqlite_column_dup (stmt, 1);
      roster_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role->role);
      g_ptr_array_add (roles, role);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "course roles");
  else
    ok = TRUE;

out:
  release (self, db);
  return ok ? g_steal_pointer (&roles) : NULL;
}

/* ---- audit ---- */

static gboolean
sqlite_append_audit (RosterStorage           *storage,
                     const RosterAuditEvent  *event,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  sqlite3 *db = acquire (self);
  gboolean ok = insert_audit (db, event, 0, error);

  release (self, db);
  return ok;
}

static GPtrArray *
sqlite_list_audit (RosterStorage           *storage,
                   const RosterAuditQuery  *query,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_audit_record_free);
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT id, at, actor_id, action, course_id, target_user_id, object_type,"
                                "  object_id, remote_address, details FROM audit_events"
                                " WHERE (:course IS NULL OR course_id = :course)"
                                "   AND (:user IS NULL OR actor_id = :user OR target_user_id = :user)"
                                "   AND at >= :since"
                                "   AND (:action IS NULL OR action = :action)"
                                " ORDER BY id DESC LIMIT :limit",
                                error);
  if (stmt == NULL)
    goto out;

  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":course"), query->course_id);
  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":user"), query->user_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":since"), query->since);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":action"), query->action);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                    query->limit ? query->limit : 100);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterAuditRecord *record = g_new0 (RosterAuditRecord, 1);

      record->id = sqlite3_column_int64 (stmt, 0);
      record->at = sqlite3_column_int64 (stmt, 1);
      record->actor_id = sqlite3_column_int64 (stmt, 2);
      record->action = roster_sqlite_column_dup (stmt, 3);
      record->course_id = sqlite3_column_int64 (stmt, 4);
      record->target_user_id = sqlite3_column_int64 (stmt, 5);
      record->object_type = roster_sqlite_column_dup (stmt, 6);
      record->object_id = sqlite3_column_int64 (stmt, 7);
      record->remote_address = roster_sqlite_column_dup (stmt, 8);
      record->details = roster_sqlite_column_dup (stmt, 9);
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "audit");
  else
    ok = TRUE;

out:
  release (self, db);
  return ok ? g_steal_pointer (&records) : NULL;
}

/* ---- bulk ---- */

static int
sqlite_get_schema_version (RosterStorage *storage)
{
  return ROSTER_SQLITE_STORAGE (storage)->schema_version;
}

static gboolean
sqlite_count_users (RosterStorage  *storage,
                    gint64         *count,
                    GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;

  stmt = roster_sqlite_prepare (db, "SELECT count(*) FROM users", error);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          *count = sqlite3_column_int64 (stmt, 0);
          ok = TRUE;
        }
      else
        roster_sqlite_set_error (error, db, sqlite3_errcode (db), "count users");
    }

  release (self, db);
  return ok;
}

static gboolean
sqlite_load_dataset (RosterStorage  *storage,
                     RosterDataset  *dataset,
                     GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  sqlite3 *db = acquire (self);
  gboolean ok = FALSE;

  if (begin (db, error))
    ok = roster_sqlite_load_dataset (db, dataset, error) && commit (db, error);

  if (!ok)
    rollback (db);
  release (self, db);
  return ok;
}

static void
storage_iface_init (RosterStorageInterface *iface)
{
  iface->get_schema_version = sqlite_get_schema_version;
  iface->count_users = sqlite_count_users;
  iface->load_dataset = sqlite_load_dataset;
  iface->create_user = sqlite_create_user;
  iface->get_user = sqlite_get_user;
  iface->get_credentials = sqlite_get_credentials;
  iface->record_login_failure = sqlite_record_login_failure;
  iface->record_login_success = sqlite_record_login_success;
  iface->lookup_token = sqlite_lookup_token;
  iface->delete_token = sqlite_delete_token;
  iface->list_courses = sqlite_list_courses;
  iface->get_course = sqlite_get_course;
  iface->list_course_roles = sqlite_list_course_roles;
  iface->append_audit = sqlite_append_audit;
  iface->list_audit = sqlite_list_audit;
}
