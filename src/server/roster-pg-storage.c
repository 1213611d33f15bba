/* roster-pg-storage.c: the PostgreSQL driver's object: its connections,
 * transactions and schema (statements: roster-pg-statements.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-mail-storage.h"
#include "roster-pg-private.h"
#include "roster-pg-storage.h"
#include "roster-signup-storage.h"

/* How many times a transaction runs before a serialisation failure is
 * given back as "busy": two servers enrolling through one key at once
 * conflict a few times at most. */
#define MAX_ATTEMPTS 10

/* pg_advisory_xact_lock() key that makes concurrent migrations (several
 * servers started on one new database) take turns: "Roster" in ASCII. */
#define MIGRATION_LOCK "90638631855474"

struct _RosterPgStorage
{
  GObject      parent_instance;

  char        *uri;
  GAsyncQueue *pool;
  GAsyncQueue *reader_pool;
  guint        pool_size;
  int          schema_version;
};

static void storage_iface_init (RosterStorageInterface *iface);
static void import_iface_init (RosterImportStorageInterface *iface);
static void signup_iface_init (RosterSignupStorageInterface *iface);
static void mail_iface_init (RosterMailStorageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterPgStorage, roster_pg_storage, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_STORAGE, storage_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_IMPORT_STORAGE, import_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_SIGNUP_STORAGE, signup_iface_init)
                               G_IMPLEMENT_INTERFACE (ROSTER_TYPE_MAIL_STORAGE, mail_iface_init))

/* ---- connections ---- */

/* What the server says besides results (NOTICE: …) goes to the debug
 * log rather than to stderr. */
static void
notice_cb (void       *data,
           const char *message)
{
  g_debug ("%s", message);
}

/* A connection may go back only outside a transaction: the next user
 * would find itself inside this one. A lost connection is made again
 * here, so that one restart of the database server costs the requests
 * that were running, not every later one. */
static void
check_idle (PGconn *conn)
{
  PGTransactionStatusType status = PQtransactionStatus (conn);

  if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
    {
      g_autoptr(PGresult) result = NULL;

      g_critical ("A database connection went back to the pool inside a transaction");
      result = PQexec (conn, "ROLLBACK");
    }

  if (PQstatus (conn) == CONNECTION_BAD)
    {
      g_message ("The connection to the database was lost; connecting again");
      PQreset (conn);
      if (PQstatus (conn) == CONNECTION_OK)
        PQsetClientEncoding (conn, "UTF8");
    }
}

static PGconn *
lease (RosterPgLease   *lease,
       RosterPgStorage *storage,
       gboolean         reader)
{
  g_return_val_if_fail (lease->conn == NULL, lease->conn);

  lease->storage = g_object_ref (storage);
  lease->reader = reader;
  /* Blocks while every connection is in use: the pool is as large as
   * the number of threads that may run requests, so the wait is short. */
  lease->conn = g_async_queue_pop (reader ? storage->reader_pool : storage->pool);
  return lease->conn;
}

PGconn *
roster_pg_lease_acquire (RosterPgLease   *lease_,
                         RosterPgStorage *storage)
{
  return lease (lease_, storage, FALSE);
}

PGconn *
roster_pg_lease_acquire_reader (RosterPgLease   *lease_,
                                RosterPgStorage *storage)
{
  return lease (lease_, storage, TRUE);
}

void
roster_pg_lease_release (RosterPgLease *lease)
{
  PGconn *conn = g_steal_pointer (&lease->conn);

  if (conn == NULL)
    return;

  check_idle (conn);
  g_async_queue_push (lease->reader ? lease->storage->reader_pool : lease->storage->pool, conn);
  g_clear_object (&lease->storage);
}

static PGconn *
open_connection (const char  *uri,
                 GError     **error)
{
  PGconn *conn = PQconnectdb (uri);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = g_strchomp (g_strdup (PQerrorMessage (conn)));

      /* libpq's message names the host and port, never the password. */
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("Could not connect to the PostgreSQL database: %s"), message);
      PQfinish (conn);
      return NULL;
    }

  PQsetNoticeProcessor (conn, notice_cb, NULL);
  if (PQsetClientEncoding (conn, "UTF8") != 0)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("The PostgreSQL database does not take UTF-8 text"));
      PQfinish (conn);
      return NULL;
    }

  return conn;
}

/* ---- transactions ---- */

static const char *
begin_statement (RosterPgIsolation isolation)
{
  switch (isolation)
    {
    case ROSTER_PG_SERIALIZABLE:
      return "BEGIN ISOLATION LEVEL SERIALIZABLE";
    case ROSTER_PG_REPEATABLE_READ_ONLY:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    case ROSTER_PG_READ_COMMITTED:
      return "BEGIN ISOLATION LEVEL READ COMMITTED";
    default:
      g_assert_not_reached ();
    }
}

gboolean
roster_pg_transaction (RosterPgStorage    *self,
                       RosterPgIsolation   isolation,
                       RosterPgWork        work,
                       gpointer            data,
                       GError            **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, self);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (roster_pg_exec (conn, begin_statement (isolation), NULL, "begin", &local_error) &&
          work (conn, data, &local_error) &&
          roster_pg_exec (conn, "COMMIT", NULL, "commit", &local_error))
        return TRUE;

      if (PQtransactionStatus (conn) != PQTRANS_IDLE)
        {
          g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");
        }

      if (!g_error_matches (local_error, ROSTER_PG_ERROR, ROSTER_PG_ERROR_RETRY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (attempt == MAX_ATTEMPTS)
        {
          g_warning ("Gave up after %u serialisation failures: %s", attempt, local_error->message);
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                       _("The database is busy; try again in a moment."));
          return FALSE;
        }

      /* Another transaction won; a pause of random length keeps the
       * losers from meeting again at once. */
      g_usleep (g_random_int_range (1000, 5000) * attempt);
    }
}

#define AUDIT_INSERT \
  "INSERT INTO audit_events (at, actor_id, action, course_id, target_user_id," \
  "  object_type, object_id, remote_address, details)" \
  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"

gboolean
roster_pg_insert_audit (PGconn                  *conn,
                        const RosterAuditEvent  *event,
                        gint64                   target_user_id,
                        GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  if (event == NULL)
    return TRUE;

  roster_pg_audit_params (&params, event, target_user_id);
  return roster_pg_exec (conn, AUDIT_INSERT, &params, "audit", error);
}

const char roster_pg_audit_insert_sql[] = AUDIT_INSERT;

void
roster_pg_audit_params (RosterPgParams          *params,
                        const RosterAuditEvent  *event,
                        gint64                   target_user_id)
{
  roster_pg_add_int (params, roster_pg_now ());
  roster_pg_add_id (params, event->actor_id);
  roster_pg_add_text (params, event->action);
  roster_pg_add_id (params, event->course_id);
  roster_pg_add_id (params, target_user_id ? target_user_id : event->target_user_id);
  roster_pg_add_text (params, event->object_type);
  roster_pg_add_id (params, event->object_id);
  roster_pg_add_text (params, event->remote_address);
  roster_pg_add_text (params, event->details);
}

/* ---- schema ---- */

static gboolean
migrate_step (PGconn    *conn,
              gpointer   data,
              GError   **error)
{
  int *version = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 current = 0;

  /* Under the lock, the version another server may just have reached. */
  if (!roster_pg_exec (conn, "SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", NULL, "migrate", error) ||
      !roster_pg_exec (conn,
                       "DO $$ BEGIN"
                       "  IF to_regclass ('schema_version') IS NULL THEN"
                       "    CREATE TABLE schema_version (version INTEGER NOT NULL);"
                       "  END IF;"
                       " END $$",
                       NULL, "migrate", error) ||
      !roster_pg_exec (conn,
                       "INSERT INTO schema_version (version)"
                       " SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)",
                       NULL, "migrate", error) ||
      !roster_pg_query_int (conn, "SELECT version FROM schema_version", NULL, "migrate", NULL,
                            &current, error))
    return FALSE;

  *version = (int) current;
  if (current > (gint64) roster_pg_n_migrations)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("The database has schema version %d, newer than this server knows (%u); "
                     "run a newer roster-server"),
                   *version, roster_pg_n_migrations);
      return FALSE;
    }
  if (current == (gint64) roster_pg_n_migrations)
    return TRUE;

  /* PQexec: a migration is several statements, and has no parameters. */
  {
    g_autoptr(PGresult) result = PQexec (conn, roster_pg_migrations[current]);

    if (PQresultStatus (result) != PGRES_COMMAND_OK)
      {
        roster_pg_set_error (error, conn, result, "migrate");
        g_prefix_error (error, "Schema migration %d: ", *version + 1);
        return FALSE;
      }
  }

  roster_pg_add_int (&params, current + 1);
  if (!roster_pg_exec (conn, "UPDATE schema_version SET version = $1", &params, "migrate", error))
    return FALSE;

  *version = (int) current + 1;
  return TRUE;
}

static gboolean
migrate (RosterPgStorage  *self,
         GError          **error)
{
  /* Each step commits with its version number, so an interrupted
   * upgrade resumes where it stopped. */
  for (;;)
    {
      int before = self->schema_version;

      if (!roster_pg_transaction (self, ROSTER_PG_SERIALIZABLE, migrate_step, &self->schema_version, error))
        return FALSE;
      if (self->schema_version != before)
        g_info ("Database schema migrated to version %d", self->schema_version);
      if (self->schema_version == (int) roster_pg_n_migrations)
        return TRUE;
    }
}

/* ---- the object ---- */

static void
close_all (GAsyncQueue *pool)
{
  PGconn *conn;

  if (pool == NULL)
    return;

  while ((conn = g_async_queue_try_pop (pool)) != NULL)
    PQfinish (conn);
  g_async_queue_unref (pool);
}

static void
roster_pg_storage_finalize (GObject *object)
{
  RosterPgStorage *self = (RosterPgStorage *) object;

  close_all (self->pool);
  close_all (self->reader_pool);
  g_free (self->uri);

  G_OBJECT_CLASS (roster_pg_storage_parent_class)->finalize (object);
}

static void
roster_pg_storage_class_init (RosterPgStorageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_pg_storage_finalize;
}

static void
roster_pg_storage_init (RosterPgStorage *self)
{
  self->pool = g_async_queue_new ();
  self->reader_pool = g_async_queue_new ();
}

RosterPgStorage *
roster_pg_storage_new (const char  *uri,
                       guint        pool_size,
                       GError     **error)
{
  g_autoptr(RosterPgStorage) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_PG_STORAGE, NULL);
  self->uri = g_strdup (uri);
  self->pool_size = MAX (pool_size, 1);

  for (guint i = 0; i < 2 * self->pool_size; i++)
    {
      PGconn *conn = open_connection (uri, error);

      if (conn == NULL)
        return NULL;
      g_async_queue_push (i < self->pool_size ? self->pool : self->reader_pool, conn);
    }

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* ---- bulk ---- */

static int
pg_get_schema_version (RosterStorage *storage)
{
  return ROSTER_PG_STORAGE (storage)->schema_version;
}

static gboolean
pg_count_users (RosterStorage  *storage,
                gint64         *count,
                GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  return roster_pg_query_int (conn, "SELECT count(*) FROM users", NULL, "count users", NULL, count, error);
}

static gboolean
load_dataset_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  return roster_pg_load_dataset (conn, data, error);
}

static gboolean
pg_load_dataset (RosterStorage  *storage,
                 RosterDataset  *dataset,
                 GError        **error)
{
  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                load_dataset_work, dataset, error);
}

static gboolean
pg_append_audit (RosterStorage           *storage,
                 const RosterAuditEvent  *event,
                 GError                 **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  return roster_pg_insert_audit (conn, event, 0, error);
}

static void
storage_iface_init (RosterStorageInterface *iface)
{
  iface->get_schema_version = pg_get_schema_version;
  iface->count_users = pg_count_users;
  iface->load_dataset = pg_load_dataset;
  iface->append_audit = pg_append_audit;
  roster_pg_users_init (iface);
  roster_pg_courses_init (iface);
  roster_pg_groups_init (iface);
  roster_pg_participants_init (iface);
  roster_pg_methods_init (iface);
  roster_pg_keys_init (iface);
  roster_pg_reports_init (iface);
  roster_pg_admin_init (iface);
}

static void
import_iface_init (RosterImportStorageInterface *iface)
{
  roster_pg_import_jobs_init (iface);
}

static void
signup_iface_init (RosterSignupStorageInterface *iface)
{
  roster_pg_signup_init (iface);
}

static void
mail_iface_init (RosterMailStorageInterface *iface)
{
  roster_pg_mail_init (iface);
}
