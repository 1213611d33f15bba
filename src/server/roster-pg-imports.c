/* roster-pg-imports.c: import sessions in PostgreSQL: the reads and
 * writes of one import, in one transaction (the jobs themselves are in
 * roster-pg-import-jobs.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-imports.c. SQLite's BEGIN IMMEDIATE made a
 * written import run alone; here the write phase takes one advisory
 * lock for its transaction, so that imports from any number of servers
 * run one after another, while other requests go on. It runs at READ
 * COMMITTED under that lock (a serialisation failure after minutes of
 * work would cost too much) and locks FOR UPDATE the rows it decides
 * on: what it found stays as it found it until it commits. The check
 * pass and dry runs read one snapshot, REPEATABLE READ READ ONLY.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-pg-private.h"
#include "roster-text.h"

/* pg_advisory_xact_lock() key of the write phase of every import:
 * "Import" in ASCII. */
#define IMPORT_LOCK "80734386614900"

struct _RosterImportSession
{
  /* The connection, for the whole session: a writer's for a real run, a
   * reader's for a dry run or the check pass. */
  RosterPgLease  lease;
  PGconn        *conn;
  gboolean       write;
  /* Course id → its manual method. */
  GHashTable    *manual_methods;
  /* Short name as given → course id (0: none), see pg_find_course(). */
  GHashTable    *courses;
  /* SQL text (by address: the statements are literals) → the name it
   * was prepared under on this connection, see session_query(). */
  GHashTable    *prepared;
  guint          serial;
};

/* Numbers sessions, so that statement names never meet those of another
 * session, even one whose DEALLOCATE did not reach the server. */
static guint session_serial;

/* A deadlock (the only retry a READ COMMITTED transaction can meet)
 * cannot run the import again from here: the importer reports the job
 * failed, and it may be run again. */
static gboolean
session_failed (GError **error,
                GError  *local_error)
{
  if (g_error_matches (local_error, ROSTER_PG_ERROR, ROSTER_PG_ERROR_RETRY))
    {
      g_warning ("Import: %s", local_error->message);
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                           _("The database is busy; try again in a moment."));
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);

  return FALSE;
}

/* The per-row statements run tens of thousands of times a session:
 * each is parsed and planned once (PQprepare) the first time, then only
 * executed. Prepared statements belong to the connection, not to the
 * transaction, and the connection goes back to a pool: pg_end()
 * deallocates them (release_statements()). */
static PGresult *
session_query (RosterImportSession   *session,
               const char            *sql,
               const RosterPgParams  *params,
               const char            *what,
               GError               **error)
{
  GError *local_error = NULL;
  const char *name = g_hash_table_lookup (session->prepared, sql);
  int n_params = params ? (int) params->n : 0;
  g_autoptr(PGresult) result = NULL;
  ExecStatusType status;

  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("roster_import_%u_%u", session->serial,
                                                   g_hash_table_size (session->prepared));

      result = PQprepare (session->conn, new_name, sql, n_params, NULL);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          roster_pg_set_error (&local_error, session->conn, result, what);
          session_failed (error, local_error);
          return NULL;
        }
      g_clear_pointer (&result, PQclear);
      name = new_name;
      g_hash_table_insert (session->prepared, (gpointer) sql, g_steal_pointer (&new_name));
    }

  result = PQexecPrepared (session->conn, name, n_params,
                           params ? (const char * const *) params->values : NULL, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      roster_pg_set_error (&local_error, session->conn, result, what);
      session_failed (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&result);
}

/* Once the transaction is over (DEALLOCATE is refused in a failed one).
 * A connection that was lost has none left, and the pool connects it
 * again; the names being the session's own, one left behind by a failed
 * DEALLOCATE clashes with nothing. */
static void
release_statements (RosterImportSession *session)
{
  GHashTableIter iter;
  const char *name;

  if (PQstatus (session->conn) != CONNECTION_OK)
    return;

  g_hash_table_iter_init (&iter, session->prepared);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &name))
    {
      g_autofree char *sql = g_strconcat ("DEALLOCATE ", name, NULL);
      g_autoptr(PGresult) result = PQexec (session->conn, sql);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          g_warning ("Import: could not deallocate %s: %s", name, PQerrorMessage (session->conn));
          return;
        }
    }
}

static void
session_free (RosterImportSession *session)
{
  release_statements (session);
  roster_pg_lease_release (&session->lease);
  g_hash_table_unref (session->manual_methods);
  g_hash_table_unref (session->courses);
  g_hash_table_unref (session->prepared);
  g_free (session);
}

static gboolean
session_exec (RosterImportSession   *session,
              const char            *sql,
              const RosterPgParams  *params,
              const char            *what,
              GError               **error)
{
  g_autoptr(PGresult) result = session_query (session, sql, params, what, error);

  return result != NULL;
}

/* The id a statement RETURNING id (or SELECT id) gives, 0 when none. */
static gboolean
session_query_id (RosterImportSession   *session,
                  const char            *sql,
                  const RosterPgParams  *params,
                  const char            *what,
                  gint64                *id,
                  GError               **error)
{
  g_autoptr(PGresult) result = session_query (session, sql, params, what, error);

  *id = 0;
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    *id = roster_pg_get_int (result, 0, 0);
  return TRUE;
}

/* ---- sessions ---- */

static RosterImportSession *
pg_begin (RosterImportStorage  *storage,
          gboolean              write,
          GError              **error)
{
  RosterPgStorage *self = ROSTER_PG_STORAGE (storage);
  RosterImportSession *session = g_new0 (RosterImportSession, 1);

  session->write = write;
  session->manual_methods = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  session->courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  session->prepared = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  session->serial = g_atomic_int_add (&session_serial, 1);

  /* A check pass reads from one snapshot, on a reader connection. The
   * write phase waits for the imports of every server before it, then
   * holds them off until it commits or rolls back. */
  if (write)
    session->conn = roster_pg_lease_acquire (&session->lease, self);
  else
    session->conn = roster_pg_lease_acquire_reader (&session->lease, self);

  if (!session_exec (session,
                     write ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     NULL, "import begin", error) ||
      (write && !session_exec (session, "SELECT pg_advisory_xact_lock (" IMPORT_LOCK ")", NULL, "import lock",
                               error)))
    {
      if (PQtransactionStatus (session->conn) != PQTRANS_IDLE)
        {
          g_autoptr(PGresult) result = PQexec (session->conn, "ROLLBACK");
        }
      session_free (session);
      return NULL;
    }

  return session;
}

static gboolean
pg_end (RosterImportStorage  *storage,
        RosterImportSession  *session,
        gboolean              commit,
        GError              **error)
{
  gboolean ok = TRUE;

  if (commit && session->write)
    ok = session_exec (session, "COMMIT", NULL, "import commit", error);

  /* After a failed COMMIT too: the connection goes back idle. */
  if (PQtransactionStatus (session->conn) != PQTRANS_IDLE)
    {
      g_autoptr(PGresult) result = PQexec (session->conn, "ROLLBACK");
    }

  session_free (session);

  return ok;
}

static gboolean
write_audit (RosterImportSession     *session,
             const RosterAuditEvent  *event,
             gint64                   target_user_id,
             GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  if (event == NULL)
    return TRUE;

  roster_pg_audit_params (&params, event, target_user_id);
  return session_exec (session, roster_pg_audit_insert_sql, &params, "audit", error);
}

static gboolean
refuse_read_only (RosterImportSession  *session,
                  GError              **error)
{
  if (session->write)
    return FALSE;

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL, "a dry run cannot write");
  return TRUE;
}

/* ---- reads ---- */

#define IMPORT_USER_COLUMNS "id, username, email, first_name, last_name, idnumber, type, state"

static gboolean
find_one_user (RosterImportSession  *session,
               const char           *sql,
               const char           *key,
               RosterImportUser    **user,
               GError              **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_text (&params, key);
  result = session_query (session, sql, &params, "import user", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return TRUE;

  *user = g_new0 (RosterImportUser, 1);
  (*user)->id = roster_pg_get_int (result, 0, 0);
  (*user)->username = roster_pg_get_dup (result, 0, 1);
  (*user)->email = roster_pg_get_dup (result, 0, 2);
  (*user)->first_name = roster_pg_get_dup (result, 0, 3);
  (*user)->last_name = roster_pg_get_dup (result, 0, 4);
  (*user)->idnumber = roster_pg_get_dup (result, 0, 5);
  roster_user_type_from_string (roster_pg_get_text (result, 0, 6), &(*user)->type);
  roster_user_state_from_string (roster_pg_get_text (result, 0, 7), &(*user)->state);

  return TRUE;
}

/* Each read has a locking twin for the write phase: a row it decides
 * on cannot change under it (the check pass reads a snapshot, where
 * FOR UPDATE is not allowed). */
#define READ(session, sql) ((session)->write ? sql " FOR UPDATE" : sql)

static gboolean
pg_find_user (RosterImportStorage  *storage,
              RosterImportSession  *session,
              const char           *username,
              const char           *email,
              RosterImportUser    **by_username,
              RosterImportUser    **by_email,
              GError              **error)
{
  g_autofree char *username_key = roster_text_identity_key (username);
  g_autofree char *email_key = roster_text_identity_key (email);

  *by_username = NULL;
  *by_email = NULL;

  if (username_key != NULL && *username_key != '\0' &&
      !find_one_user (session, READ (session, "SELECT " IMPORT_USER_COLUMNS " FROM users WHERE username_key = $1"),
                      username_key, by_username, error))
    return FALSE;

  if (email_key != NULL && *email_key != '\0' &&
      !find_one_user (session, READ (session, "SELECT " IMPORT_USER_COLUMNS " FROM users WHERE email_key = $1"),
                      email_key, by_email, error))
    {
      g_clear_pointer (by_username, roster_import_user_free);
      return FALSE;
    }

  return TRUE;
}

static gint64
pg_find_course (RosterImportStorage  *storage,
                RosterImportSession  *session,
                const char           *short_name,
                GError              **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gpointer cached;
  gint64 id = 0;

  /* Every row names its course: the answer is looked up once a session.
   * The check pass reads one snapshot, where it cannot change; in the
   * write phase the course found cannot go away (KEY SHARE), and the
   * SQLite driver, where no one writes during an import, gives the same
   * answer for every row too. */
  if (short_name != NULL && g_hash_table_lookup_extended (session->courses, short_name, NULL, &cached))
    return cached == NULL ? 0 : *(gint64 *) cached;

  /* Course short names are compared as people type them: without regard
   * to case or surrounding spaces. The write phase keeps the course from
   * going away (KEY SHARE), not from being edited meanwhile. */
  roster_pg_add_text (&params, short_name);
  if (session_query_id (session,
                        session->write
                        ? "SELECT id FROM courses WHERE lower(short_name) = lower(trim($1)) FOR KEY SHARE"
                        : "SELECT id FROM courses WHERE lower(short_name) = lower(trim($1))",
                        &params, "import lookup", &id, error) &&
      short_name != NULL)
    g_hash_table_insert (session->courses, g_strdup (short_name), id == 0 ? NULL : g_memdup2 (&id, sizeof id));
  return id;
}

static gint64
pg_find_group (RosterImportStorage  *storage,
               RosterImportSession  *session,
               gint64                course_id,
               const char           *name,
               GError              **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 id = 0;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_text (&params, name);
  session_query_id (session,
                    READ (session, "SELECT id FROM groups WHERE course_id = $1 AND lower(name) = lower(trim($2))"),
                    &params, "import lookup", &id, error);
  return id;
}

static gboolean
exists (RosterImportSession  *session,
        const char           *sql,
        gint64                a,
        gint64                b,
        gboolean             *found,
        GError              **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, a);
  roster_pg_add_int (&params, b);
  result = session_query (session, sql, &params, "import lookup", error);
  if (result == NULL)
    return FALSE;

  *found = PQntuples (result) > 0;
  return TRUE;
}

static gboolean
pg_is_enrolled (RosterImportStorage  *storage,
                RosterImportSession  *session,
                gint64                course_id,
                gint64                user_id,
                gboolean             *enrolled,
                GError              **error)
{
  return exists (session, READ (session, "SELECT 1 FROM enrolments WHERE course_id = $1 AND user_id = $2"),
                 course_id, user_id, enrolled, error);
}

static gboolean
pg_is_member (RosterImportStorage  *storage,
              RosterImportSession  *session,
              gint64                group_id,
              gint64                user_id,
              gboolean             *member,
              GError              **error)
{
  return exists (session, READ (session, "SELECT 1 FROM group_members WHERE group_id = $1 AND user_id = $2"),
                 group_id, user_id, member, error);
}

/* ---- writes ---- */

static gint64
pg_create_group (RosterImportStorage     *storage,
                 RosterImportSession     *session,
                 gint64                   course_id,
                 const char              *name,
                 const RosterAuditEvent  *audit,
                 GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 id = 0;

  if (refuse_read_only (session, error))
    return 0;

  roster_pg_add_int (&params, course_id);
  roster_pg_add_text (&params, name);
  roster_pg_add_int (&params, roster_pg_now ());
  if (!session_query_id (session,
                         "INSERT INTO groups (course_id, name, created_at) VALUES ($1, $2, $3) RETURNING id",
                         &params, "import group", &id, error))
    return 0;

  if (audit != NULL)
    {
      RosterAuditEvent event = *audit;

      event.object_id = id;
      if (!write_audit (session, &event, 0, error))
        return 0;
    }

  return id;
}

static gint64
pg_create_user (RosterImportStorage     *storage,
                RosterImportSession     *session,
                const RosterNewUser     *user,
                const char              *idnumber,
                const RosterAuditEvent  *audit,
                GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *joined = NULL;
  g_autofree char *search_key = NULL;
  gint64 id = 0;

  if (refuse_read_only (session, error))
    return 0;

  /* The same search key as accounts made one by one (roster-pg-users.c). */
  joined = g_strjoin ("\x1f", user->first_name ? user->first_name : "", user->last_name ? user->last_name : "",
                      user->username, user->email ? user->email : "", NULL);
  search_key = roster_text_search_key (joined);

  roster_pg_add_text (&params, user->username);
  roster_pg_add_text (&params, username_key);
  roster_pg_add_text (&params, user->email);
  roster_pg_add_text (&params, email_key);
  roster_pg_add_text (&params, user->first_name ? user->first_name : "");
  roster_pg_add_text (&params, user->last_name ? user->last_name : "");
  roster_pg_add_text (&params, idnumber);
  roster_pg_add_text (&params, search_key);
  roster_pg_add_text (&params, roster_user_type_to_string (user->type));
  roster_pg_add_text (&params, roster_user_state_to_string (user->state));
  roster_pg_add_text (&params, user->password_hash);
  roster_pg_add_int (&params, roster_pg_now ());

  if (audit == NULL)
    {
      session_query_id (session,
                        "INSERT INTO users (username, username_key, email, email_key, first_name, last_name,"
                        "  idnumber, search_key, type, state, password_hash, site_admin, created_at)"
                        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12)"
                        " RETURNING id",
                        &params, "import user", &id, error);
      return id;
    }

  /* The account and its audit event in one statement: a round trip less
   * a row. The event's parameters come in roster_pg_audit_params()'s
   * order; its target is the new account ($17 stands in for it only if
   * there were none, which cannot be). */
  roster_pg_audit_params (&params, audit, 0);
  session_query_id (session,
                    "WITH inserted AS ("
                    "  INSERT INTO users (username, username_key, email, email_key, first_name, last_name,"
                    "    idnumber, search_key, type, state, password_hash, site_admin, created_at)"
                    "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12)"
                    "  RETURNING id)"
                    " INSERT INTO audit_events (at, actor_id, action, course_id, target_user_id,"
                    "   object_type, object_id, remote_address, details)"
                    " SELECT $13::bigint, $14::bigint, $15, $16::bigint, coalesce (inserted.id, $17::bigint),"
                    "   $18, $19::bigint, $20, $21"
                    " FROM inserted"
                    " RETURNING target_user_id",
                    &params, "import user", &id, error);
  return id;
}

static gboolean
pg_update_user (RosterImportStorage     *storage,
                RosterImportSession     *session,
                gint64                   user_id,
                const char              *first_name,
                const char              *last_name,
                const char              *idnumber,
                const RosterAuditEvent  *audit,
                GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) key_params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *search_key = NULL;

  if (refuse_read_only (session, error))
    return FALSE;

  /* The search key follows the names (same recipe as when it was made). */
  roster_pg_add_text (&params, first_name);
  roster_pg_add_text (&params, last_name);
  roster_pg_add_text (&params, idnumber);
  roster_pg_add_int (&params, user_id);
  result = session_query (session,
                          "UPDATE users SET first_name = coalesce($1, first_name),"
                          "  last_name = coalesce($2, last_name), idnumber = coalesce($3, idnumber)"
                          " WHERE id = $4"
                          " RETURNING first_name, last_name, username, coalesce(email, '')",
                          &params, "import user", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                           _("The server could not read or write its database."));
      return FALSE;
    }

  joined = g_strjoin ("\x1f", roster_pg_get_text (result, 0, 0), roster_pg_get_text (result, 0, 1),
                      roster_pg_get_text (result, 0, 2), roster_pg_get_text (result, 0, 3), NULL);
  search_key = roster_text_search_key (joined);
  roster_pg_add_text (&key_params, search_key);
  roster_pg_add_int (&key_params, user_id);

  return session_exec (session, "UPDATE users SET search_key = $1 WHERE id = $2", &key_params, "import user",
                       error) &&
         write_audit (session, audit, user_id, error);
}

static gboolean
pg_enrol (RosterImportStorage     *storage,
          RosterImportSession     *session,
          gint64                   course_id,
          gint64                   user_id,
          RosterRole               role,
          RosterEnrolmentStatus    status,
          gint64                   start_at,
          gint64                   end_at,
          const RosterAuditEvent  *audit,
          GError                 **error)
{
  gint64 *method = g_hash_table_lookup (session->manual_methods, &course_id);
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 id = 0;

  if (refuse_read_only (session, error))
    return FALSE;

  if (method == NULL)
    {
      GError *local_error = NULL;
      gint64 method_id = roster_pg_manual_method (session->conn, course_id, &local_error);

      if (method_id == 0)
        return session_failed (error, local_error);
      method = g_memdup2 (&method_id, sizeof method_id);
      g_hash_table_insert (session->manual_methods, g_memdup2 (&course_id, sizeof course_id), method);
    }

  roster_pg_add_int (&params, course_id);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_text (&params, roster_role_to_string (role));
  roster_pg_add_text (&params, roster_enrolment_status_to_string (status));
  roster_pg_add_int (&params, start_at);
  roster_pg_add_int (&params, end_at);
  roster_pg_add_int (&params, *method);
  roster_pg_add_int (&params, roster_pg_now ());

  if (audit == NULL)
    return session_query_id (session,
                             "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at, method_id,"
                             "  created_at)"
                             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                             " RETURNING id",
                             &params, "import enrolment", &id, error);

  /* The enrolment and its audit event in one statement, as accounts in
   * pg_create_user(): the event's object is the new enrolment. */
  roster_pg_audit_params (&params, audit, user_id);
  return session_query_id (session,
                           "WITH inserted AS ("
                           "  INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at, method_id,"
                           "    created_at)"
                           "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                           "  RETURNING id)"
                           " INSERT INTO audit_events (at, actor_id, action, course_id, target_user_id,"
                           "   object_type, object_id, remote_address, details)"
                           " SELECT $9::bigint, $10::bigint, $11, $12::bigint, $13::bigint, $14,"
                           "   coalesce (inserted.id, $15::bigint), $16, $17"
                           " FROM inserted"
                           " RETURNING object_id",
                           &params, "import enrolment", &id, error);
}

static gboolean
pg_add_member (RosterImportStorage     *storage,
               RosterImportSession     *session,
               gint64                   group_id,
               gint64                   user_id,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  if (refuse_read_only (session, error))
    return FALSE;

  roster_pg_add_int (&params, group_id);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, roster_pg_now ());

  return session_exec (session, "INSERT INTO group_members (group_id, user_id, added_at) VALUES ($1, $2, $3)",
                       &params, "import group member", error) &&
         write_audit (session, audit, user_id, error);
}

static gboolean
pg_add_report_row (RosterImportStorage          *storage,
                   RosterImportSession          *session,
                   gint64                        job_id,
                   const RosterImportReportRow  *row,
                   GError                      **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  if (refuse_read_only (session, error))
    return FALSE;

  roster_pg_add_int (&params, job_id);
  roster_pg_add_int (&params, row->line);
  roster_pg_add_text (&params, roster_import_outcome_to_string (row->outcome));
  roster_pg_add_id (&params, row->user_id);
  roster_pg_add_text (&params, row->username);
  roster_pg_add_text (&params, row->email);
  roster_pg_add_text (&params, row->problems);

  return session_exec (session,
                       "INSERT INTO import_rows (job_id, line, outcome, user_id, username, email, problems)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       &params, "import report", error);
}

static gboolean
pg_invite (RosterImportStorage     *storage,
           RosterImportSession     *session,
           gint64                   user_id,
           const RosterMailToken   *token,
           const RosterMailDraft   *mail,
           const RosterAuditEvent  *audit,
           GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterMailDraft draft = *mail;
  GError *local_error = NULL;
  gint64 now = roster_pg_now ();

  if (refuse_read_only (session, error))
    return FALSE;

  /* A 'reset' link: the /reset page sets the first password as any other. */
  roster_pg_add_text (&params, token->token_hash);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, token->expires_at);
  if (!session_exec (session,
                     "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                     " VALUES ($1, 'reset', $2, $3, $4)",
                     &params, "invitation link", error))
    return FALSE;

  draft.user_id = user_id;
  if (!roster_pg_outbox_add (session->conn, &draft, now, &local_error))
    return session_failed (error, local_error);

  return write_audit (session, audit, user_id, error);
}

void
roster_pg_imports_init (RosterImportStorageInterface *iface)
{
  iface->begin = pg_begin;
  iface->end = pg_end;
  iface->find_user = pg_find_user;
  iface->find_course = pg_find_course;
  iface->find_group = pg_find_group;
  iface->is_enrolled = pg_is_enrolled;
  iface->is_member = pg_is_member;
  iface->create_group = pg_create_group;
  iface->create_user = pg_create_user;
  iface->update_user = pg_update_user;
  iface->enrol = pg_enrol;
  iface->add_member = pg_add_member;
  iface->add_report_row = pg_add_report_row;
  iface->invite = pg_invite;
}
