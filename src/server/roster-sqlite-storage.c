/* roster-sqlite-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-mail-storage.h"
#include "roster-signup-storage.h"
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
  GAsyncQueue *reader_pool;
  guint        pool_size;
  int          schema_version;
};

static void storage_iface_init (RosterStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterSqliteStorage, roster_sqlite_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_STORAGE, storage_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_IMPORT_STORAGE,
                                                      roster_sqlite_imports_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_SIGNUP_STORAGE,
                                                      roster_sqlite_signup_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_MAIL_STORAGE,
                                                      roster_sqlite_mail_iface_init))

/* ---- helpers shared with the other driver files ---- */

/* Inside a transaction the caller opened. */
gboolean
roster_sqlite_read_user_state (sqlite3          *db,
                               gint64            user_id,
                               RosterUserState  *state,
                               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT state FROM users WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "user state");

  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 0), state);
  return TRUE;
}

gboolean
roster_sqlite_exec_for_id (sqlite3     *db,
                           const char  *sql,
                           gint64       id,
                           const char  *what,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return roster_sqlite_step_done (db, stmt, what, error);
}

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

gint64
roster_sqlite_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* A connection may go back to a pool only when nothing of this thread's
 * is left on it: in multi-thread mode, finalising a statement (or ending
 * a transaction) while another thread uses the connection is a data race.
 * What is left is a bug of the caller: it is named, and the transaction
 * ended, so that the next user does not find itself inside it. The
 * statements cannot be finalised here: their owner still will. (SQLite
 * keeps no statements of its own on a connection for this schema; a
 * virtual table such as FTS5 would, and this check would have to allow
 * for them.) */
static void
check_idle (sqlite3 *db)
{
  sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL);

  if (stmt != NULL)
    g_critical ("A database connection went back to the pool with a statement still open on it: %s",
                sqlite3_sql (stmt));

  if (!sqlite3_get_autocommit (db))
    {
      g_critical ("A database connection went back to the pool inside a transaction");
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    }
}

sqlite3 *
roster_sqlite_storage_acquire (RosterSqliteStorage *self)
{
  /* Blocks while every connection is in use: the pool is as large as
   * the number of threads that may run requests, so the wait is short. */
  return g_async_queue_pop (self->pool);
}

void
roster_sqlite_storage_release (RosterSqliteStorage *self,
                               sqlite3             *db)
{
  check_idle (db);
  g_async_queue_push (self->pool, db);
}

/* Long reads (a whole course streamed to a client, at the client's pace)
 * use connections of their own, so that a slow client can never take the
 * connections every other request needs. */
sqlite3 *
roster_sqlite_storage_acquire_reader (RosterSqliteStorage *self)
{
  return g_async_queue_pop (self->reader_pool);
}

void
roster_sqlite_storage_release_reader (RosterSqliteStorage *self,
                                      sqlite3             *db)
{
  check_idle (db);
  g_async_queue_push (self->reader_pool, db);
}

sqlite3 *
roster_sqlite_lease_acquire (RosterSqliteLease   *lease,
                             RosterSqliteStorage *storage)
{
  g_return_val_if_fail (lease->db == NULL, lease->db);

  lease->storage = g_object_ref (storage);
  lease->reader = FALSE;
  lease->db = roster_sqlite_storage_acquire (storage);
  return lease->db;
}

sqlite3 *
roster_sqlite_lease_acquire_reader (RosterSqliteLease   *lease,
                                    RosterSqliteStorage *storage)
{
  g_return_val_if_fail (lease->db == NULL, lease->db);

  lease->storage = g_object_ref (storage);
  lease->reader = TRUE;
  lease->db = roster_sqlite_storage_acquire_reader (storage);
  return lease->db;
}

void
roster_sqlite_lease_release (RosterSqliteLease *lease)
{
  sqlite3 *db = g_steal_pointer (&lease->db);

  if (db == NULL)
    return;

  if (lease->reader)
    roster_sqlite_storage_release_reader (lease->storage, db);
  else
    roster_sqlite_storage_release (lease->storage, db);
  g_clear_object (&lease->storage);
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
                           /* Erased personal data must not linger in
                            * free pages of the file. */
                           "PRAGMA secure_delete = ON;"
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
  if (self->reader_pool != NULL)
    {
      while ((db = g_async_queue_try_pop (self->reader_pool)) != NULL)
        sqlite3_close_v2 (db);
      g_async_queue_unref (self->reader_pool);
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
  self->reader_pool = g_async_queue_new ();
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
  roster_sqlite_storage_release (self, first);

  for (guint i = 1; i < self->pool_size; i++)
    {
      sqlite3 *db = open_connection (path, error);

      if (db == NULL)
        return NULL;
      roster_sqlite_storage_release (self, db);
    }

  for (guint i = 0; i < self->pool_size; i++)
    {
      sqlite3 *db = open_connection (path, error);

      if (db == NULL)
        return NULL;
      roster_sqlite_storage_release_reader (self, db);
    }

  return g_steal_pointer (&self);
}

/* ---- transactions and audit ---- */

gboolean
roster_sqlite_begin (sqlite3  *db,
                     GError  **error)
{
  /* IMMEDIATE takes the write lock up front, so two writers queue on the
   * busy timeout instead of one failing half-way with SQLITE_BUSY. */
  return roster_sqlite_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
roster_sqlite_commit (sqlite3  *db,
                      GError  **error)
{
  if (!roster_sqlite_exec (db, "COMMIT", error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
roster_sqlite_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

void
roster_sqlite_bind_audit (sqlite3_stmt           *stmt,
                          const RosterAuditEvent *event,
                          gint64                  target_user_id)
{
  sqlite3_bind_int64 (stmt, 1, roster_sqlite_now ());
  roster_sqlite_bind_id (stmt, 2, event->actor_id);
  roster_sqlite_bind_text (stmt, 3, event->action);
  roster_sqlite_bind_id (stmt, 4, event->course_id);
  roster_sqlite_bind_id (stmt, 5, target_user_id ? target_user_id : event->target_user_id);
  roster_sqlite_bind_text (stmt, 6, event->object_type);
  roster_sqlite_bind_id (stmt, 7, event->object_id);
  roster_sqlite_bind_text (stmt, 8, event->remote_address);
  roster_sqlite_bind_text (stmt, 9, event->details);
}

gboolean
roster_sqlite_insert_audit (sqlite3                 *db,
                            const RosterAuditEvent  *event,
                            gint64                   target_user_id,
                            GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (event == NULL)
    return TRUE;

  stmt = roster_sqlite_prepare (db, ROSTER_SQLITE_AUDIT_INSERT, error);
  if (stmt == NULL)
    return FALSE;

  roster_sqlite_bind_audit (stmt, event, target_user_id);
  return roster_sqlite_step_done (db, stmt, "audit", error);
}

/* ---- audit ---- */

static gboolean
sqlite_append_audit (RosterStorage           *storage,
                     const RosterAuditEvent  *event,
                     GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  return roster_sqlite_insert_audit (db, event, 0, error);
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
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
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

  return ok;
}

static gboolean
sqlite_load_dataset (RosterStorage  *storage,
                     RosterDataset  *dataset,
                     GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (roster_sqlite_begin (db, error))
    ok = roster_sqlite_load_dataset (db, dataset, error) && roster_sqlite_commit (db, error);

  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static void
storage_iface_init (RosterStorageInterface *iface)
{
  iface->get_schema_version = sqlite_get_schema_version;
  iface->count_users = sqlite_count_users;
  iface->load_dataset = sqlite_load_dataset;
  iface->create_user = roster_sqlite_create_user;
  iface->get_user = roster_sqlite_get_user;
  iface->get_credentials = roster_sqlite_get_credentials;
  iface->record_login_failure = roster_sqlite_record_login_failure;
  iface->record_login_success = roster_sqlite_record_login_success;
  iface->lookup_token = roster_sqlite_lookup_token;
  iface->delete_token = roster_sqlite_delete_token;
  iface->list_courses = roster_sqlite_list_courses;
  iface->get_course = roster_sqlite_get_course;
  iface->list_course_roles = roster_sqlite_list_course_roles;
  iface->append_audit = sqlite_append_audit;

  roster_sqlite_groups_init (iface);
  roster_sqlite_participants_init (iface);
  roster_sqlite_methods_init (iface);
  roster_sqlite_admin_init (iface);
  roster_sqlite_reports_init (iface);
}
