/* roster-pg-migrate.c: moving a site from SQLite to PostgreSQL
 * (roster-server migrate-sqlite-to-postgresql)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The migration reads the tables and their columns from both databases'
 * catalogues rather than from a list of its own, so that it follows the
 * schema as migrations change it: PRAGMA table_info on the SQLite side,
 * information_schema and pg_constraint on the PostgreSQL side. Tables go
 * in the order of their foreign keys; columns by name. The rows go with
 * COPY … FROM STDIN in COPY's text format, as roster-pg-dataset.c loads
 * a dataset: values are data, never SQL. Only table and column names,
 * which come from the catalogues and are quoted, are put into SQL.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "roster-error.h"
#include "roster-pg-migrate.h"
#include "roster-pg-private.h"
#include "roster-pg-storage.h"
#include "roster-sqlite-storage.h"

/* Sent to the server whenever this much has built up. */
#define FLUSH_SIZE (256 * 1024)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ---- the tables ---- */

typedef struct
{
  char      *name;
  char      *quoted;       /* for SQL: "name" */
  GPtrArray *columns;      /* copied: names in the target's order */
  GArray    *bytea;        /* gboolean per copied column */
  char      *identity;     /* the identity column, or NULL */
  gint64     rows;
} Table;

static void
table_free (Table *table)
{
  g_free (table->name);
  g_free (table->quoted);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_pointer (&table->bytea, g_array_unref);
  g_free (table->identity);
  g_free (table);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Table, table_free)

static char *
pg_quote (PGconn     *conn,
          const char *name)
{
  char *escaped = PQescapeIdentifier (conn, name, strlen (name));
  char *quoted = g_strdup (escaped);

  PQfreemem (escaped);
  return quoted;
}

static char *
sqlite_quote (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static gboolean
sqlite_failed (GError     **error,
               sqlite3     *db,
               const char  *path)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
               _("Could not open the database %s: %s"), path, sqlite3_errmsg (db));
  return FALSE;
}

/* The target's tables, each before the tables whose foreign keys
 * reference it (ties by name, so that the order is always the same). */
static GPtrArray *
target_tables (PGconn  *conn,
               GError **error)
{
  g_autoptr(PGresult) tables = NULL;
  g_autoptr(PGresult) keys = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_free);

  tables = roster_pg_query (conn,
                            "SELECT c.relname FROM pg_class c"
                            " JOIN pg_namespace n ON n.oid = c.relnamespace"
                            " WHERE c.relkind = 'r' AND n.nspname = current_schema ()"
                            "   AND c.relname <> 'schema_version'"
                            " ORDER BY c.relname",
                            NULL, "migrate: tables", error);
  if (tables == NULL)
    return NULL;
  keys = roster_pg_query (conn,
                          "SELECT a.relname, b.relname FROM pg_constraint k"
                          " JOIN pg_class a ON a.oid = k.conrelid"
                          " JOIN pg_class b ON b.oid = k.confrelid"
                          " JOIN pg_namespace n ON n.oid = a.relnamespace"
                          " WHERE k.contype = 'f' AND n.nspname = current_schema ()"
                          "   AND a.oid <> b.oid",
                          NULL, "migrate: foreign keys", error);
  if (keys == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (tables); i++)
    g_ptr_array_add (pending, roster_pg_get_dup (tables, i, 0));

  while (pending->len > 0)
    {
      gboolean placed = FALSE;

      for (guint i = 0; i < pending->len; i++)
        {
          const char *name = g_ptr_array_index (pending, i);
          gboolean ready = TRUE;

          for (int k = 0; k < PQntuples (keys) && ready; k++)
            if (g_str_equal (roster_pg_get_text (keys, k, 0), name))
              {
                const char *parent = roster_pg_get_text (keys, k, 1);

                for (guint j = 0; j < pending->len && ready; j++)
                  ready = !g_str_equal (g_ptr_array_index (pending, j), parent);
              }
          if (ready)
            {
              g_ptr_array_add (ordered, g_ptr_array_steal_index (pending, i));
              placed = TRUE;
              break;
            }
        }

      if (!placed)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                       _("The foreign keys of the PostgreSQL schema form a cycle (table %s)"),
                       (const char *) g_ptr_array_index (pending, 0));
          return NULL;
        }
    }

  return g_steal_pointer (&ordered);
}

/* What both sides have of @name: the columns to copy, or an error for a
 * column the target could not be given. */
static Table *
describe_table (PGconn      *conn,
                sqlite3     *db,
                const char  *path,
                const char  *name,
                GError     **error)
{
  g_autoptr(Table) table = g_new0 (Table, 1);
  g_autoptr(GHashTable) source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) columns = NULL;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *pragma = NULL;
  g_autofree char *sqlite_name = sqlite_quote (name);
  int rc;

  table->name = g_strdup (name);
  table->quoted = pg_quote (conn, name);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->bytea = g_array_new (FALSE, FALSE, sizeof (gboolean));

  pragma = g_strdup_printf ("PRAGMA table_info (%s)", sqlite_name);
  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_failed (error, db, path);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (source, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      sqlite_failed (error, db, path);
      return NULL;
    }
  if (g_hash_table_size (source) == 0)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("The PostgreSQL database has a table %s that the SQLite database lacks"), name);
      return NULL;
    }

  roster_pg_add_text (&params, name);
  columns = roster_pg_query (conn,
                             "SELECT column_name, is_nullable = 'YES' OR column_default IS NOT NULL"
                             "         OR is_identity = 'YES',"
                             "       data_type = 'bytea', is_identity = 'YES'"
                             " FROM information_schema.columns"
                             " WHERE table_schema = current_schema () AND table_name = $1"
                             " ORDER BY ordinal_position",
                             &params, "migrate: columns", error);
  if (columns == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (columns); i++)
    {
      const char *column = roster_pg_get_text (columns, i, 0);
      gboolean bytea = roster_pg_get_bool (columns, i, 2);

      if (roster_pg_get_bool (columns, i, 3))
        table->identity = g_strdup (column);
      if (!g_hash_table_remove (source, column))
        {
          if (roster_pg_get_bool (columns, i, 1))
            continue;
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                       _("The column %s.%s of the PostgreSQL database has no counterpart in the "
                         "SQLite database, and no default"), name, column);
          return NULL;
        }
      g_ptr_array_add (table->columns, g_strdup (column));
      g_array_append_val (table->bytea, bytea);
    }

  if (g_hash_table_size (source) > 0)
    {
      GHashTableIter iter;
      const char *column = NULL;

      g_hash_table_iter_init (&iter, source);
      g_hash_table_iter_next (&iter, (gpointer *) &column, NULL);
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("The column %s.%s of the SQLite database has no counterpart in the "
                     "PostgreSQL database"), name, column);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/* ---- copying ---- */

static void
escape_text (GString    *buffer,
             const char *value,
             gsize       size)
{
  for (gsize i = 0; i < size; i++)
    switch (value[i])
      {
      case '\\': g_string_append (buffer, "\\\\"); break;
      case '\t': g_string_append (buffer, "\\t"); break;
      case '\n': g_string_append (buffer, "\\n"); break;
      case '\r': g_string_append (buffer, "\\r"); break;
      default: g_string_append_c (buffer, value[i]); break;
      }
}

/* BYTEA's text form is \x…, and COPY wants its backslash doubled. */
static void
escape_bytes (GString      *buffer,
              const guint8 *data,
              gsize         size)
{
  static const char hex[] = "0123456789abcdef";

  g_string_append (buffer, "\\\\x");
  for (gsize i = 0; i < size; i++)
    {
      g_string_append_c (buffer, hex[data[i] >> 4]);
      g_string_append_c (buffer, hex[data[i] & 0xf]);
    }
}

/* One value of the current row of @stmt, in COPY's text format. */
static void
append_value (GString      *buffer,
              sqlite3_stmt *stmt,
              int           column,
              gboolean      bytea)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      g_string_append (buffer, "\\N");
      break;
    case SQLITE_INTEGER:
      g_string_append_printf (buffer, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      {
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append (buffer, g_ascii_dtostr (number, sizeof number, sqlite3_column_double (stmt, column)));
      }
      break;
    default:
      /* TEXT or BLOB: as bytes when the target column is BYTEA. */
      if (bytea)
        {
          const guint8 *data = sqlite3_column_blob (stmt, column);

          escape_bytes (buffer, data, sqlite3_column_bytes (stmt, column));
        }
      else
        {
          const char *text = (const char *) sqlite3_column_text (stmt, column);

          escape_text (buffer, text, sqlite3_column_bytes (stmt, column));
        }
      break;
    }
}

static gboolean
put_copy_data (PGconn   *conn,
               GString  *buffer,
               GError  **error)
{
  if (buffer->len > 0 && PQputCopyData (conn, buffer->str, (int) buffer->len) != 1)
    return roster_pg_set_error (error, conn, NULL, "migrate: copy");

  g_string_truncate (buffer, 0);
  return TRUE;
}

/* Ends the COPY: @ok FALSE abandons it (the transaction fails anyway). */
static gboolean
end_copy (PGconn   *conn,
          gboolean  ok,
          GError  **error)
{
  PGresult *result;
  gboolean done = ok;

  if (PQputCopyEnd (conn, ok ? NULL : "abandoned") != 1 && ok)
    ok = roster_pg_set_error (error, conn, NULL, "migrate: copy");

  /* Every result must be read before the connection takes another
   * statement. */
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        ok = roster_pg_set_error (error, conn, result, "migrate: copy");
      PQclear (result);
    }

  return ok && done;
}

static gboolean
copy_rows (PGconn      *conn,
           sqlite3     *db,
           const char  *path,
           Table       *table,
           GError     **error)
{
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GString) copy = g_string_new (NULL);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PGresult) started = NULL;
  gboolean ok = TRUE;
  int rc;

  g_string_append_printf (copy, "COPY %s (", table->quoted);
  for (guint i = 0; i < table->columns->len; i++)
    {
      const char *column = g_ptr_array_index (table->columns, i);
      g_autofree char *in_sqlite = sqlite_quote (column);
      g_autofree char *in_pg = pg_quote (conn, column);

      g_string_append_printf (select, "%s%s", i ? ", " : "", in_sqlite);
      g_string_append_printf (copy, "%s%s", i ? ", " : "", in_pg);
    }
  {
    g_autofree char *from = sqlite_quote (table->name);

    g_string_append_printf (select, " FROM %s", from);
  }
  g_string_append (copy, ") FROM STDIN");

  if (sqlite3_prepare_v2 (db, select->str, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (error, db, path);

  started = PQexec (conn, copy->str);
  if (PQresultStatus (started) != PGRES_COPY_IN)
    return roster_pg_set_error (error, conn, started, "migrate: copy");

  table->rows = 0;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < table->columns->len; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, '\t');
          append_value (buffer, stmt, (int) i, g_array_index (table->bytea, gboolean, i));
        }
      g_string_append_c (buffer, '\n');
      table->rows++;

      if (buffer->len >= FLUSH_SIZE)
        ok = put_copy_data (conn, buffer, error);
    }
  if (ok && rc != SQLITE_DONE)
    ok = sqlite_failed (error, db, path);
  if (ok)
    ok = put_copy_data (conn, buffer, error);

  return end_copy (conn, ok, error);
}

/* The identity's sequence past the copied ids (the next row made the
 * usual way must not take one), the rows counted again, the table's
 * statistics. */
static gboolean
finish_table (PGconn  *conn,
              Table   *table,
              GError **error)
{
  g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s", table->quoted);
  gint64 count = 0;

  if (table->identity != NULL)
    {
      g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
      g_autofree char *column = pg_quote (conn, table->identity);
      g_autofree char *sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ($1, $2),"
                                              " COALESCE ((SELECT max (%s) FROM %s), 0) + 1, false)",
                                              column, table->quoted);

      roster_pg_add_text (&params, table->quoted);
      roster_pg_add_text (&params, table->identity);
      if (!roster_pg_exec (conn, sql, &params, "migrate: sequence", error))
        return FALSE;
    }

  if (!roster_pg_query_int (conn, count_sql, NULL, "migrate: count", NULL, &count, error))
    return FALSE;

  /* Statistics now: the planner would otherwise take the new tables
   * for nearly empty until autovacuum analyses them (nested loops over
   * a 100 000-person course, twice the time, bench/participants.sh). */
  {
    g_autofree char *analyze = g_strdup_printf ("ANALYZE %s", table->quoted);

    if (!roster_pg_exec (conn, analyze, NULL, "migrate: analyze", error))
      return FALSE;
  }
  if (count != table->rows)
    {
      g_autofree char *read = g_strdup_printf ("%" G_GINT64_FORMAT, table->rows);
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, count);

      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   _("Table %s: %s rows read, but %s in PostgreSQL"), table->name, read, found);
      return FALSE;
    }

  return TRUE;
}

/* ---- the whole ---- */

/* A first look, before the file is opened for writing: that it exists
 * and is a Roster database (it has users), so that a wrong path neither
 * becomes a new empty database nor gets the schema added to it. */
static gboolean
check_source (const char  *path,
              GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND,
                   _("Could not open the database %s: %s"), path, g_strerror (ENOENT));
      return FALSE;
    }

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return sqlite_failed (error, db, path);

  if (sqlite3_column_int (stmt, 0) != 1)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND,
                   _("%s is an SQLite database, but not a Roster site’s"), path);
      return FALSE;
    }

  return TRUE;
}

/* The SQLite tables all have a counterpart (the other way round is
 * checked table by table). */
static gboolean
check_source_tables (sqlite3     *db,
                     const char  *path,
                     GPtrArray   *tables,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_failed (error, db, path);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_ptr_array_find_with_equal_func (tables, name, g_str_equal, NULL))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                       _("The SQLite database has a table %s that the PostgreSQL database lacks"), name);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return sqlite_failed (error, db, path);

  return TRUE;
}

typedef struct
{
  sqlite3                 *db;
  const char              *path;
  RosterPgMigrateProgress  progress;
  gpointer                 data;
} Migration;

/* Inside the target's transaction. */
static gboolean
copy_all (PGconn     *conn,
          Migration  *migration,
          GError    **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autoptr(GString) lock = g_string_new ("LOCK TABLE ");

  names = target_tables (conn, error);
  if (names == NULL ||
      !check_source_tables (migration->db, migration->path, names, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      Table *table = describe_table (conn, migration->db, migration->path,
                                     g_ptr_array_index (names, i), error);

      if (table == NULL)
        return FALSE;
      g_ptr_array_add (tables, table);
      g_string_append_printf (lock, "%s%s", i ? ", " : "", table->quoted);
    }

  /* No server on the target writes while the tables are found empty
   * and filled. */
  g_string_append (lock, " IN EXCLUSIVE MODE");
  if (!roster_pg_exec (conn, lock->str, NULL, "migrate: lock", error))
    return FALSE;

  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) AS any_row", table->quoted);
      gint64 any = 0;

      if (!roster_pg_query_int (conn, sql, NULL, "migrate: empty", NULL, &any, error))
        return FALSE;
      if (any)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                       _("The PostgreSQL database already holds data (table %s); migrate into a new, "
                         "empty database. Nothing was changed."), table->name);
          return FALSE;
        }
    }

  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);

      if (!copy_rows (conn, migration->db, migration->path, table, error) ||
          !finish_table (conn, table, error))
        {
          g_prefix_error (error, "%s: ", table->name);
          return FALSE;
        }
      if (migration->progress != NULL)
        migration->progress (table->name, table->rows, migration->data);
    }

  return TRUE;
}

gboolean
roster_pg_migrate_from_sqlite (const char               *sqlite_path,
                               const char               *uri,
                               RosterPgMigrateProgress   progress,
                               gpointer                  data,
                               GError                  **error)
{
  g_autoptr(RosterStorage) source = NULL;
  g_autoptr(RosterStorage) target = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  Migration migration = { NULL, sqlite_path, progress, data };
  PGconn *conn;
  int source_version, target_version;
  gboolean ok;

  /* Both schemas up to date, each by its own driver. */
  if (!check_source (sqlite_path, error))
    return FALSE;
  source = roster_storage_open (sqlite_path, 1, error);
  if (source == NULL)
    return FALSE;
  source_version = roster_storage_get_schema_version (source);
  g_clear_object (&source);

  target = roster_storage_open (uri, 1, error);
  if (target == NULL)
    return FALSE;
  if (!ROSTER_IS_PG_STORAGE (target))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("The target database must be a postgresql:// URI"));
      return FALSE;
    }
  target_version = roster_storage_get_schema_version (target);
  if (source_version != target_version)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                   _("The SQLite database has schema version %d and the PostgreSQL database %d; "
                     "both must be the same. Nothing was changed."),
                   source_version, target_version);
      return FALSE;
    }

  /* Read in one read transaction: one state of the file, whatever
   * else has it open. */
  if (sqlite3_open_v2 (sqlite_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return sqlite_failed (error, db, sqlite_path);
  migration.db = db;

  /* One transaction of our own rather than roster_pg_transaction(): it
   * must not run again (the progress has been told), and the tables are
   * locked, so nothing can conflict with it. */
  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (target));
  ok = roster_pg_exec (conn, "BEGIN ISOLATION LEVEL READ COMMITTED", NULL, "migrate: begin", error) &&
       copy_all (conn, &migration, error) &&
       roster_pg_exec (conn, "COMMIT", NULL, "migrate: commit", error);
  if (!ok && PQtransactionStatus (conn) != PQTRANS_IDLE)
    {
      g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");
    }

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return ok;
}
