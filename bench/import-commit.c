/* import-commit.c: a 100 000-row import from file to database, next to
 * the floor (PRODUCT.md §7, issue 4):
 *
 *   1. parse + validate: the CSV reader, the column mapping and the row
 *      checks over the whole file (target: under 1 s);
 *   2. the server's dry run: the same plus every check against the site;
 *   3. the server's real run, as a job does it: check every row, then
 *      write every account, enrolment, audit event and report row in one
 *      transaction;
 *   4. the floor: raw SQLite inserting the same users and enrolments
 *      (with the same keys) in one transaction, into the same schema.
 *
 * The server's commit time is (3); its ratio to (4) is the target
 * (at most 3x). Each database is a fresh demo in a temporary folder.
 *
 *   build/bench/import-commit [--database postgresql] [ROWS]
 *
 * With --database postgresql each site is a new database in a throwaway
 * cluster (tests/server/pg-cluster.sh start, stopped at the end), and
 * the floor is raw libpq writing the same rows with COPY in one
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "roster-csv.h"
#include "roster-demo.h"
#include "roster-import.h"
#include "roster-importer.h"
#include "roster-import-storage.h"
#include "roster-server-config.h"
#include "roster-storage.h"
#include "roster-text.h"

#define CS101 1

/* username,firstname,lastname,email,idnumber: mostly ASCII, every
 * tenth name in Chinese, every seventh with accents. */
static GBytes *
make_csv (guint n_rows)
{
  GString *csv = g_string_new ("username,firstname,lastname,email,idnumber\r\n");

  for (guint i = 0; i < n_rows; i++)
    {
      const char *first = i % 10 == 0 ? "小明" : i % 7 == 0 ? "Zoë" : "Alexandra";
      const char *last = i % 10 == 0 ? "王" : i % 7 == 0 ? "Ñúñez-García" : "Thompson";

      g_string_append_printf (csv, "import%06u,%s,%s,import.%06u@partner.example,U%08u\r\n",
                              i, first, last, i, 20000000 + i);
    }

  return g_string_free_to_bytes (csv);
}

/* With --database postgresql: the cluster's folder and URI (its
 * "postgres" database), else NULL. */
static char *pg_dir;
static char *pg_uri;

static void
pg_cluster_stop (void)
{
  const char *argv[] = { "sh", ROSTER_PG_CLUSTER, "stop", pg_dir, NULL };

  if (pg_dir != NULL)
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
pg_cluster_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "sh", ROSTER_PG_CLUSTER, "start", NULL, NULL };
  int status = 0;

  /* Empty, and of its own: as root the cluster belongs to "nobody". */
  pg_dir = g_dir_make_tmp ("roster-bench-pg-XXXXXX", &error);
  argv[3] = pg_dir;
  if (pg_dir == NULL ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("import-commit: could not start a PostgreSQL cluster: %s\n", error->message);
      exit (1);
    }
  atexit (pg_cluster_stop);
  pg_uri = g_strstrip (g_steal_pointer (&out));
}

static void
pg_admin (const char *sql)
{
  PGconn *conn = PQconnectdb (pg_uri);
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_printerr ("import-commit: %s: %s\n", sql, PQerrorMessage (conn));
      exit (1);
    }
  PQclear (result);
  PQfinish (conn);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("import-commit: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

static double
parse_and_validate (GBytes *csv,
                    guint   n_rows)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (csv);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (input, NULL);
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportValidator) validator = NULL;
  g_autoptr(GError) error = NULL;
  const GPtrArray *fields = NULL;
  guint line = 0;
  guint rows = 0;
  guint problems = 0;
  gint64 start = g_get_monotonic_time ();
  double elapsed;

  if (!roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    die ("reading the header", error);
  mapping = roster_import_mapping_new_from_header (fields);
  validator = roster_import_validator_new (mapping);

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &error))
    {
      g_autoptr(RosterImportRow) row = roster_import_validator_check (validator, fields, line);

      problems += row->problems->len;
      rows++;
    }
  elapsed = seconds_since (start);

  if (error != NULL)
    die ("reading", error);
  if (rows != n_rows || problems != 0)
    {
      g_printerr ("import-commit: %u rows, %u problems\n", rows, problems);
      exit (1);
    }

  return elapsed;
}

typedef struct
{
  char            *dir;
  char            *database;   /* PostgreSQL: the site's URI */
  char            *pg_name;
  RosterStorage   *storage;
  RosterSecretBox *box;
  RosterContext    ctx;
} Site;

static void
site_open (Site *site)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean created = FALSE;
  static const guint8 key[32] = { 1, };

  site->dir = g_dir_make_tmp ("roster-bench-XXXXXX", &error);
  if (site->dir == NULL)
    die ("making a folder", error);
  path = g_build_filename (site->dir, "roster.db", NULL);
  if (pg_uri != NULL)
    {
      static guint counter;
      g_autofree char *create = NULL;
      g_autofree char *base = g_strndup (pg_uri, strrchr (pg_uri, '/') - pg_uri);

      site->pg_name = g_strdup_printf ("bench_%u", ++counter);
      create = g_strdup_printf ("CREATE DATABASE %s", site->pg_name);
      pg_admin (create);
      site->database = g_strdup_printf ("%s/%s", base, site->pg_name);
    }

  site->storage = roster_storage_open (site->database ? site->database : path, 2, &error);
  if (site->storage == NULL)
    die ("opening the database", error);
  site->box = roster_secret_box_new_for_key (key, sizeof key);
  if (!roster_demo_ensure (site->storage, site->box, 0, &created, &error))
    die ("making the demo", error);

  site->ctx.config = roster_server_config_new ();
  site->ctx.storage = site->storage;
  site->ctx.secret_box = site->box;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
site_close (Site *site)
{
  roster_server_config_free (site->ctx.config);
  g_object_unref (site->box);
  g_object_unref (site->storage);
  if (site->pg_name != NULL)
    {
      g_autofree char *drop = g_strdup_printf ("DROP DATABASE %s WITH (FORCE)", site->pg_name);

      pg_admin (drop);
    }
  remove_dir (site->dir);
  g_free (site->dir);
  g_free (site->database);
  g_free (site->pg_name);
}

typedef struct
{
  RosterImportStorage *store;
  gint64               job_id;
  gint64               saved_at;
} Saver;

/* What the queue (roster-import-queue.c) does after each row: read the
 * clock, and once a second save the progress (and read whether another
 * server was asked to cancel the job). */
static void
save_progress (RosterImportProgress *progress,
               gpointer              user_data)
{
  Saver *saver = user_data;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_monotonic_time ();
  gboolean cancel_requested = FALSE;

  if (now - saver->saved_at < G_USEC_PER_SEC)
    return;
  saver->saved_at = now;
  if (!roster_import_storage_save_progress (saver->store, saver->job_id, progress->rows_total, progress->rows_done,
                                            progress->importing, &cancel_requested, &error))
    die ("saving the progress", error);
}

/* The importer as a job runs it; a dry run when @job is FALSE. */
static double
server_run (GBytes   *csv,
            guint     n_rows,
            gboolean  job)
{
  Site site = { 0, };
  g_auto(RosterImportOptions) options = { 0, };
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(RosterUser) admin = NULL;
  g_autoptr(GError) error = NULL;
  RosterImportProgress progress = { 0, };
  RosterImportJob record = { 0, };
  Saver saver = { 0, };
  RosterAuditEvent audit = { .actor_id = 1, .action = "import.started", .course_id = CS101, .object_type = "import" };
  gint64 job_id = 0;
  gint64 start;
  double elapsed;

  site_open (&site);
  admin = roster_storage_get_user (site.storage, 1, &error);
  if (admin == NULL)
    die ("finding the administrator", error);

  roster_import_options_init (&options);
  options.dry_run = !job;

  if (job)
    {
      record.course_id = CS101;
      record.created_by = 1;
      record.options = (char *) "{}";
      job_id = roster_import_storage_create_job (ROSTER_IMPORT_STORAGE (site.storage), &record, &audit, &error);
      if (job_id == 0)
        die ("recording the job", error);
      saver.store = ROSTER_IMPORT_STORAGE (site.storage);
      saver.job_id = job_id;
      progress.poll = save_progress;
      progress.poll_data = &saver;
    }

  start = g_get_monotonic_time ();
  saver.saved_at = start;
  if (!roster_importer_run (&site.ctx, admin, CS101, csv, &options, job_id, &progress, &report, &error))
    die ("importing", error);
  elapsed = seconds_since (start);

  if (report->counts[ROSTER_IMPORT_OUTCOME_CREATE] != n_rows)
    {
      g_printerr ("import-commit: %u rows made accounts, not %u\n", report->counts[ROSTER_IMPORT_OUTCOME_CREATE],
                  n_rows);
      exit (1);
    }

  site_close (&site);
  return elapsed;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_printerr ("import-commit: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
}

static sqlite3_stmt *
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("import-commit: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (1);
    }
  return stmt;
}

static void
step_or_die (sqlite3      *db,
             sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_printerr ("import-commit: %s\n", sqlite3_errmsg (db));
      exit (1);
    }
  sqlite3_reset (stmt);
}

/* Raw SQLite: the same rows, the same keys, one transaction, the same
 * settings the server opens its database with. */
static double
floor_run (guint n_rows)
{
  Site site = { 0, };
  g_autofree char *path = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *user;
  sqlite3_stmt *enrol;
  gint64 start;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double elapsed;

  site_open (&site);
  path = g_build_filename (site.dir, "roster.db", NULL);
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_printerr ("import-commit: cannot open %s\n", path);
      exit (1);
    }
  exec_or_die (db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = FULL;");

  start = g_get_monotonic_time ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  user = prepare_or_die (db, "INSERT INTO users (username, username_key, email, email_key, first_name, last_name,"
                             "  idnumber, search_key, type, state, site_admin, created_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'external', 'active', 0, ?)");
  enrol = prepare_or_die (db, "INSERT INTO enrolments (course_id, user_id, role, status, method_id, created_at)"
                              " VALUES (?, ?, 'student', 'active', ?, ?)");

  for (guint i = 0; i < n_rows; i++)
    {
      const char *first = i % 10 == 0 ? "小明" : i % 7 == 0 ? "Zoë" : "Alexandra";
      const char *last = i % 10 == 0 ? "王" : i % 7 == 0 ? "Ñúñez-García" : "Thompson";
      g_autofree char *username = g_strdup_printf ("import%06u", i);
      g_autofree char *email = g_strdup_printf ("import.%06u@partner.example", i);
      g_autofree char *idnumber = g_strdup_printf ("U%08u", 20000000 + i);
      g_autofree char *username_key = roster_text_identity_key (username);
      g_autofree char *email_key = roster_text_identity_key (email);
      g_autofree char *joined = g_strjoin ("\x1f", first, last, username, email, NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      sqlite3_bind_text (user, 1, username, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 2, username_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 3, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 4, email_key, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 5, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 6, last, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 7, idnumber, -1, SQLITE_STATIC);
      sqlite3_bind_text (user, 8, search_key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (user, 9, now);
      step_or_die (db, user);

      sqlite3_bind_int64 (enrol, 1, CS101);
      sqlite3_bind_int64 (enrol, 2, sqlite3_last_insert_rowid (db));
      sqlite3_bind_int64 (enrol, 3, CS101);   /* the course's manual method */
      sqlite3_bind_int64 (enrol, 4, now);
      step_or_die (db, enrol);
    }

  sqlite3_finalize (user);
  sqlite3_finalize (enrol);
  exec_or_die (db, "COMMIT");
  elapsed = seconds_since (start);

  sqlite3_close (db);
  site_close (&site);
  return elapsed;
}

static void
pg_put (PGconn  *conn,
        GString *rows)
{
  if (PQputCopyData (conn, rows->str, (int) rows->len) != 1)
    {
      g_printerr ("import-commit: COPY: %s\n", PQerrorMessage (conn));
      exit (1);
    }
  g_string_truncate (rows, 0);
}

static void
pg_exec_or_die (PGconn     *conn,
                const char *sql)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_COPY_IN)
    {
      g_printerr ("import-commit: %s: %s\n", sql, PQerrorMessage (conn));
      exit (1);
    }
  PQclear (result);
}

static void
pg_copy_end (PGconn *conn)
{
  PGresult *result;

  if (PQputCopyEnd (conn, NULL) != 1)
    {
      g_printerr ("import-commit: COPY: %s\n", PQerrorMessage (conn));
      exit (1);
    }
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          g_printerr ("import-commit: COPY: %s\n", PQerrorMessage (conn));
          exit (1);
        }
      PQclear (result);
    }
}

/* Raw PostgreSQL: the same rows and keys, one transaction, each table
 * with one COPY (the fastest way in; the ids are chosen here). The
 * values hold no tab, newline or backslash, so they need no escaping. */
static double
pg_floor_run (guint n_rows)
{
  Site site = { 0, };
  g_autoptr(GString) rows = g_string_new (NULL);
  PGconn *conn;
  PGresult *result;
  gint64 first_id;
  gint64 start;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double elapsed;

  site_open (&site);
  conn = PQconnectdb (site.database);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_printerr ("import-commit: %s\n", PQerrorMessage (conn));
      exit (1);
    }

  start = g_get_monotonic_time ();
  pg_exec_or_die (conn, "BEGIN");
  result = PQexec (conn, "SELECT coalesce(max(id), 0) + 1 FROM users");
  first_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);

  pg_exec_or_die (conn, "COPY users (id, username, username_key, email, email_key, first_name, last_name,"
                        "  idnumber, search_key, type, state, site_admin, created_at) FROM STDIN");
  for (guint i = 0; i < n_rows; i++)
    {
      const char *first = i % 10 == 0 ? "小明" : i % 7 == 0 ? "Zoë" : "Alexandra";
      const char *last = i % 10 == 0 ? "王" : i % 7 == 0 ? "Ñúñez-García" : "Thompson";
      g_autofree char *username = g_strdup_printf ("import%06u", i);
      g_autofree char *email = g_strdup_printf ("import.%06u@partner.example", i);
      g_autofree char *username_key = roster_text_identity_key (username);
      g_autofree char *email_key = roster_text_identity_key (email);
      g_autofree char *joined = g_strjoin ("\x1f", first, last, username, email, NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      g_string_append_printf (rows, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\tU%08u\t%s"
                              "\texternal\tactive\t0\t%" G_GINT64_FORMAT "\n",
                              first_id + i, username, username_key, email, email_key, first, last,
                              20000000 + i, search_key, now);
      if (rows->len > 256 * 1024)
        pg_put (conn, rows);
    }
  pg_put (conn, rows);
  pg_copy_end (conn);

  pg_exec_or_die (conn, "COPY enrolments (course_id, user_id, role, status, method_id, created_at) FROM STDIN");
  for (guint i = 0; i < n_rows; i++)
    {
      /* The course's manual method is CS101's own id. */
      g_string_append_printf (rows, "%d\t%" G_GINT64_FORMAT "\tstudent\tactive\t%d\t%" G_GINT64_FORMAT "\n",
                              CS101, first_id + i, CS101, now);
      if (rows->len > 256 * 1024)
        pg_put (conn, rows);
    }
  pg_put (conn, rows);
  pg_copy_end (conn);
  pg_exec_or_die (conn, "COMMIT");
  elapsed = seconds_since (start);

  PQfinish (conn);
  site_close (&site);
  return elapsed;
}

int
main (int   argc,
      char *argv[])
{
  guint n_rows;
  g_autoptr(GBytes) csv = NULL;
  double parse, dry, real, floor_time;

  if (argc > 2 && g_str_equal (argv[1], "--database"))
    {
      if (g_str_equal (argv[2], "postgresql"))
        pg_cluster_start ();
      else if (!g_str_equal (argv[2], "sqlite"))
        {
          g_printerr ("usage: import-commit [--database sqlite|postgresql] [ROWS]\n");
          return 2;
        }
      argc -= 2;
      argv += 2;
    }

  n_rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  if (n_rows == 0)
    {
      g_printerr ("usage: import-commit [--database sqlite|postgresql] [ROWS]\n");
      return 2;
    }
  g_print ("database: %s\n", pg_uri ? "postgresql" : "sqlite");

  csv = make_csv (n_rows);
  g_print ("%u rows, %.1f MiB of CSV\n", n_rows, g_bytes_get_size (csv) / 1048576.0);

  parse = parse_and_validate (csv, n_rows);
  g_print ("parse + validate:            %7.3f s  (target < 1 s)\n", parse);

  dry = server_run (csv, n_rows, FALSE);
  g_print ("server dry run:              %7.3f s\n", dry);

  real = server_run (csv, n_rows, TRUE);
  g_print ("server job (check + commit): %7.3f s\n", real);

  if (pg_uri != NULL)
    {
      floor_time = pg_floor_run (n_rows);
      g_print ("raw PostgreSQL floor (COPY): %7.3f s\n", floor_time);
    }
  else
    {
      floor_time = floor_run (n_rows);
      g_print ("raw SQLite floor:            %7.3f s\n", floor_time);
    }
  g_print ("ratio job / floor:           %7.2f x (target <= 3x)\n", real / floor_time);
  g_print ("ratio writing / floor:       %7.2f x (job minus dry run)\n", (real - dry) / floor_time);

  return 0;
}
