/* roster-sqlite-imports.c: import sessions in SQLite: the reads and
 * writes of one import, in one transaction (the jobs themselves are in
 * roster-sqlite-import-jobs.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include "roster-error.h"
#include "roster-import-storage.h"
#include "roster-sqlite-private.h"
#include "roster-text.h"

struct _RosterImportSession
{
  /* The connection, for the whole session: a writer's for a real run, a
   * reader's for a dry run. */
  RosterSqliteLease    lease;
  sqlite3             *db;
  gboolean             write;
  /* Statements by their (static) SQL text: prepared once per session,
   * since every row of a 100 000-row file runs the same few. They are
   * finalised before the lease ends (sqlite_end ()). */
  GHashTable          *statements;
  /* Course id → its manual method. */
  GHashTable          *manual_methods;
};

/* ---- sessions ---- */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static RosterImportSession *
sqlite_begin (RosterImportStorage  *storage,
              gboolean              write,
              GError              **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  RosterImportSession *session = g_new0 (RosterImportSession, 1);

  session->write = write;
  session->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
  session->manual_methods = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* A dry run reads from one snapshot, on a reader connection: it never
   * holds up writers. A real run holds the write lock from the start, so
   * that what it checked stays true until it commits. */
  if (write)
    session->db = roster_sqlite_lease_acquire (&session->lease, self);
  else
    session->db = roster_sqlite_lease_acquire_reader (&session->lease, self);
  if (!roster_sqlite_exec (session->db, write ? "BEGIN IMMEDIATE" : "BEGIN", error))
    {
      g_hash_table_unref (session->statements);
      g_hash_table_unref (session->manual_methods);
      roster_sqlite_lease_release (&session->lease);
      g_free (session);
      return NULL;
    }

  return session;
}

static gboolean
sqlite_end (RosterImportStorage  *storage,
            RosterImportSession  *session,
            gboolean              commit,
            GError              **error)
{
  gboolean ok = TRUE;

  /* Statements must be finished before the transaction ends, and before
   * the connection goes back to the pool. */
  g_clear_pointer (&session->statements, g_hash_table_unref);

  if (commit && session->write)
    ok = roster_sqlite_commit (session->db, error);
  else
    roster_sqlite_rollback (session->db);

  roster_sqlite_lease_release (&session->lease);

  g_hash_table_unref (session->manual_methods);
  g_free (session);

  return ok;
}

/* The session's statement for @sql (a string constant: its address is
 * the key), reset and unbound, ready for this row's values. */
static sqlite3_stmt *
statement (RosterImportSession  *session,
           const char           *sql,
           GError              **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (session->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = roster_sqlite_prepare (session->db, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (session->statements, (gpointer) sql, stmt);

  return stmt;
}

static gboolean
write_audit (RosterImportSession     *session,
             const RosterAuditEvent  *event,
             gint64                   target_user_id,
             GError                 **error)
{
  sqlite3_stmt *stmt;

  if (event == NULL)
    return TRUE;

  stmt = statement (session, ROSTER_SQLITE_AUDIT_INSERT, error);
  if (stmt == NULL)
    return FALSE;

  roster_sqlite_bind_audit (stmt, event, target_user_id);
  return roster_sqlite_step_done (session->db, stmt, "import audit", error);
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

static RosterImportUser *
find_one_user (RosterImportSession  *session,
               const char           *sql,
               const char           *key,
               GError              **error)
{
  sqlite3_stmt *stmt = statement (session, sql, error);
  RosterImportUser *user;
  int rc;

  if (stmt == NULL)
    return NULL;
  roster_sqlite_bind_text (stmt, 1, key);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, session->db, rc, "import user");
      return NULL;
    }

  user = g_new0 (RosterImportUser, 1);
  user->id = sqlite3_column_int64 (stmt, 0);
  user->username = roster_sqlite_column_dup (stmt, 1);
  user->email = roster_sqlite_column_dup (stmt, 2);
  user->first_name = roster_sqlite_column_dup (stmt, 3);
  user->last_name = roster_sqlite_column_dup (stmt, 4);
  user->idnumber = roster_sqlite_column_dup (stmt, 5);
  roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 6), &user->type);
  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &user->state);

  return user;
}

#define IMPORT_USER_COLUMNS "id, username, email, first_name, last_name, idnumber, type, state"

static gboolean
sqlite_find_user (RosterImportStorage  *storage,
                  RosterImportSession  *session,
                  const char           *username,
                  const char           *email,
                  RosterImportUser    **by_username,
                  RosterImportUser    **by_email,
                  GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *username_key = roster_text_identity_key (username);
  g_autofree char *email_key = roster_text_identity_key (email);

  *by_username = NULL;
  *by_email = NULL;

  if (username_key != NULL && *username_key != '\0')
    {
      *by_username = find_one_user (session, "SELECT " IMPORT_USER_COLUMNS " FROM users WHERE username_key = ?",
                                    username_key, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (email_key != NULL && *email_key != '\0')
    {
      *by_email = find_one_user (session, "SELECT " IMPORT_USER_COLUMNS " FROM users WHERE email_key = ?",
                                 email_key, &local_error);
      if (local_error != NULL)
        {
          g_clear_pointer (by_username, roster_import_user_free);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

static gint64
find_id (RosterImportSession  *session,
         const char           *sql,
         gint64                number,
         const char           *text,
         GError              **error)
{
  sqlite3_stmt *stmt = statement (session, sql, error);
  int rc;

  if (stmt == NULL)
    return 0;

  if (number != 0)
    {
      sqlite3_bind_int64 (stmt, 1, number);
      roster_sqlite_bind_text (stmt, 2, text);
    }
  else
    roster_sqlite_bind_text (stmt, 1, text);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, session->db, rc, "import lookup");

  return 0;
}

static gint64
sqlite_find_course (RosterImportStorage  *storage,
                    RosterImportSession  *session,
                    const char           *short_name,
                    GError              **error)
{
  /* Course short names are compared as people type them: without regard
   * to case or surrounding spaces. */
  return find_id (session, "SELECT id FROM courses WHERE lower(short_name) = lower(trim(?))", 0, short_name, error);
}

static gint64
sqlite_find_group (RosterImportStorage  *storage,
                   RosterImportSession  *session,
                   gint64                course_id,
                   const char           *name,
                   GError              **error)
{
  return find_id (session, "SELECT id FROM groups WHERE course_id = ? AND lower(name) = lower(trim(?))",
                  course_id, name, error);
}

static gboolean
exists (RosterImportSession  *session,
        const char           *sql,
        gint64                a,
        gint64                b,
        gboolean             *found,
        GError              **error)
{
  sqlite3_stmt *stmt = statement (session, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, session->db, rc, "import lookup");

  *found = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
sqlite_is_enrolled (RosterImportStorage  *storage,
                    RosterImportSession  *session,
                    gint64                course_id,
                    gint64                user_id,
                    gboolean             *enrolled,
                    GError              **error)
{
  return exists (session, "SELECT 1 FROM enrolments WHERE course_id = ? AND user_id = ?",
                 course_id, user_id, enrolled, error);
}

static gboolean
sqlite_is_member (RosterImportStorage  *storage,
                  RosterImportSession  *session,
                  gint64                group_id,
                  gint64                user_id,
                  gboolean             *member,
                  GError              **error)
{
  return exists (session, "SELECT 1 FROM group_members WHERE group_id = ? AND user_id = ?",
                 group_id, user_id, member, error);
}

static gint64
sqlite_create_group (RosterImportStorage     *storage,
                     RosterImportSession     *session,
                     gint64                   course_id,
                     const char              *name,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (refuse_read_only (session, error))
    return 0;

  stmt = statement (session, "INSERT INTO groups (course_id, name, created_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, course_id);
  roster_sqlite_bind_text (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, roster_sqlite_now ());
  if (!roster_sqlite_step_done (session->db, stmt, "import group", error))
    return 0;

  id = sqlite3_last_insert_rowid (session->db);
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
sqlite_create_user (RosterImportStorage     *storage,
                    RosterImportSession     *session,
                    const RosterNewUser     *user,
                    const char              *idnumber,
                    const RosterAuditEvent  *audit,
                    GError                 **error)
{
  g_autofree char *username_key = roster_text_identity_key (user->username);
  g_autofree char *email_key = roster_text_identity_key (user->email);
  g_autofree char *joined = NULL;
  g_autofree char *search_key = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (refuse_read_only (session, error))
    return 0;

  /* The same search key as accounts made one by one (roster-sqlite-users.c). */
  joined = g_strjoin ("\x1f", user->first_name ? user->first_name : "", user->last_name ? user->last_name : "",
                      user->username, user->email ? user->email : "", NULL);
  search_key = roster_text_search_key (joined);

  stmt = statement (session,
                    "INSERT INTO users (username, username_key, email, email_key, first_name, last_name,"
                    "  idnumber, search_key, type, state, password_hash, site_admin, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                    error);
  if (stmt == NULL)
    return 0;

  roster_sqlite_bind_text (stmt, 1, user->username);
  roster_sqlite_bind_text (stmt, 2, username_key);
  roster_sqlite_bind_text (stmt, 3, user->email);
  roster_sqlite_bind_text (stmt, 4, email_key);
  roster_sqlite_bind_text (stmt, 5, user->first_name ? user->first_name : "");
  roster_sqlite_bind_text (stmt, 6, user->last_name ? user->last_name : "");
  roster_sqlite_bind_text (stmt, 7, idnumber);
  roster_sqlite_bind_text (stmt, 8, search_key);
  roster_sqlite_bind_text (stmt, 9, roster_user_type_to_string (user->type));
  roster_sqlite_bind_text (stmt, 10, roster_user_state_to_string (user->state));
  roster_sqlite_bind_text (stmt, 11, user->password_hash);
  sqlite3_bind_int64 (stmt, 12, roster_sqlite_now ());

  if (!roster_sqlite_step_done (session->db, stmt, "import user", error))
    return 0;

  id = sqlite3_last_insert_rowid (session->db);
  if (!write_audit (session, audit, id, error))
    return 0;

  return id;
}

static gboolean
sqlite_update_user (RosterImportStorage     *storage,
                    RosterImportSession     *session,
                    gint64                   user_id,
                    const char              *first_name,
                    const char              *last_name,
                    const char              *idnumber,
                    const RosterAuditEvent  *audit,
                    GError                 **error)
{
  sqlite3_stmt *stmt;

  if (refuse_read_only (session, error))
    return FALSE;

  /* The search key follows the names (same recipe as when it was made). */
  stmt = statement (session,
                    "UPDATE users SET first_name = coalesce(?1, first_name), last_name = coalesce(?2, last_name),"
                    "  idnumber = coalesce(?3, idnumber)"
                    " WHERE id = ?4"
                    " RETURNING first_name, last_name, username, coalesce(email, '')",
                    error);
  if (stmt == NULL)
    return FALSE;

  roster_sqlite_bind_text (stmt, 1, first_name);
  roster_sqlite_bind_text (stmt, 2, last_name);
  roster_sqlite_bind_text (stmt, 3, idnumber);
  sqlite3_bind_int64 (stmt, 4, user_id);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *joined = g_strjoin ("\x1f", (const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2),
                                           (const char *) sqlite3_column_text (stmt, 3), NULL);
      g_autofree char *search_key = roster_text_search_key (joined);
      sqlite3_stmt *key;

      sqlite3_reset (stmt);
      key = statement (session, "UPDATE users SET search_key = ? WHERE id = ?", error);
      if (key == NULL)
        return FALSE;
      roster_sqlite_bind_text (key, 1, search_key);
      sqlite3_bind_int64 (key, 2, user_id);
      if (!roster_sqlite_step_done (session->db, key, "import user", error))
        return FALSE;
    }
  else
    return roster_sqlite_set_error (error, session->db, sqlite3_errcode (session->db), "import user");

  return write_audit (session, audit, user_id, error);
}

static gboolean
sqlite_enrol (RosterImportStorage     *storage,
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
  sqlite3_stmt *stmt;
  gint64 id;

  if (refuse_read_only (session, error))
    return FALSE;

  if (method == NULL)
    {
      gint64 method_id = roster_sqlite_manual_method (session->db, course_id, error);

      if (method_id == 0)
        return FALSE;
      method = g_memdup2 (&method_id, sizeof method_id);
      g_hash_table_insert (session->manual_methods, g_memdup2 (&course_id, sizeof course_id), method);
    }

  stmt = statement (session,
                    "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at, method_id,"
                    "  created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  roster_sqlite_bind_text (stmt, 3, roster_role_to_string (role));
  roster_sqlite_bind_text (stmt, 4, roster_enrolment_status_to_string (status));
  sqlite3_bind_int64 (stmt, 5, start_at);
  sqlite3_bind_int64 (stmt, 6, end_at);
  sqlite3_bind_int64 (stmt, 7, *method);
  sqlite3_bind_int64 (stmt, 8, roster_sqlite_now ());

  if (!roster_sqlite_step_done (session->db, stmt, "import enrolment", error))
    return FALSE;

  id = sqlite3_last_insert_rowid (session->db);
  if (audit != NULL)
    {
      RosterAuditEvent event = *audit;

      event.object_id = id;
      return write_audit (session, &event, user_id, error);
    }

  return TRUE;
}

static gboolean
sqlite_add_member (RosterImportStorage     *storage,
                   RosterImportSession     *session,
                   gint64                   group_id,
                   gint64                   user_id,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  sqlite3_stmt *stmt;

  if (refuse_read_only (session, error))
    return FALSE;

  stmt = statement (session, "INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, roster_sqlite_now ());

  return roster_sqlite_step_done (session->db, stmt, "import group member", error) &&
         write_audit (session, audit, user_id, error);
}

static gboolean
sqlite_add_report_row (RosterImportStorage          *storage,
                       RosterImportSession          *session,
                       gint64                        job_id,
                       const RosterImportReportRow  *row,
                       GError                      **error)
{
  sqlite3_stmt *stmt;

  if (refuse_read_only (session, error))
    return FALSE;

  stmt = statement (session,
                    "INSERT INTO import_rows (job_id, line, outcome, user_id, username, email, problems)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, job_id);
  sqlite3_bind_int (stmt, 2, row->line);
  roster_sqlite_bind_text (stmt, 3, roster_import_outcome_to_string (row->outcome));
  roster_sqlite_bind_id (stmt, 4, row->user_id);
  roster_sqlite_bind_text (stmt, 5, row->username);
  roster_sqlite_bind_text (stmt, 6, row->email);
  roster_sqlite_bind_text (stmt, 7, row->problems);

  return roster_sqlite_step_done (session->db, stmt, "import report", error);
}

static gboolean
sqlite_invite (RosterImportStorage     *storage,
               RosterImportSession     *session,
               gint64                   user_id,
               const RosterMailToken   *token,
               const RosterMailDraft   *mail,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  RosterMailDraft draft = *mail;
  sqlite3_stmt *stmt;
  gint64 now = roster_sqlite_now ();

  if (refuse_read_only (session, error))
    return FALSE;

  /* A 'reset' link: the /reset page sets the first password as any other. */
  stmt = statement (session,
                    "INSERT INTO mail_tokens (token_hash, purpose, user_id, created_at, expires_at)"
                    " VALUES (?, 'reset', ?, ?, ?)",
                    error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, token->token_hash);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, token->expires_at);
  if (!roster_sqlite_step_done (session->db, stmt, "invitation link", error))
    return FALSE;

  draft.user_id = user_id;
  return roster_sqlite_outbox_add (session->db, &draft, now, error) &&
         write_audit (session, audit, user_id, error);
}

void
roster_sqlite_imports_iface_init (RosterImportStorageInterface *iface)
{
  roster_sqlite_import_jobs_iface_init (iface);
  iface->begin = sqlite_begin;
  iface->end = sqlite_end;
  iface->find_user = sqlite_find_user;
  iface->find_course = sqlite_find_course;
  iface->find_group = sqlite_find_group;
  iface->is_enrolled = sqlite_is_enrolled;
  iface->is_member = sqlite_is_member;
  iface->create_group = sqlite_create_group;
  iface->create_user = sqlite_create_user;
  iface->update_user = sqlite_update_user;
  iface->enrol = sqlite_enrol;
  iface->add_member = sqlite_add_member;
  iface->add_report_row = sqlite_add_report_row;
  iface->invite = sqlite_invite;
}
