/* roster-sqlite-admin-erase.c: erasure (GDPR) and removal requests in
 * SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-mentions.h"
#include "roster-sqlite-admin-private.h"
#include "roster-text.h"

#define DEFAULT_LIMIT 100

#define REDACTED_DETAILS "{\"redacted\":true}"

/* ---- finding the person in audit details (roster-mentions.c) ---- */

static void
mentions_sql (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  const RosterMentions *mentions = sqlite3_user_data (context);
  const char *details = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_int (context, details != NULL && roster_mentions_in_details (mentions, details));
}

static gboolean
redact_audit (sqlite3         *db,
              RosterMentions  *mentions,
              guint           *n_redacted,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;
  int rc;

  /* Registered for this statement only: the function holds a pointer
   * to @mentions, which lives on the caller's stack. */
  rc = sqlite3_create_function_v2 (db, "roster_mentions", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                   mentions, mentions_sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return roster_sqlite_set_error (error, db, rc, "redact");

  stmt = roster_sqlite_prepare (db,
                                "UPDATE audit_events SET details = '" REDACTED_DETAILS "'"
                                " WHERE details IS NOT NULL AND details <> '" REDACTED_DETAILS "'"
                                "   AND roster_mentions (details)",
                                error);
  ok = stmt != NULL && roster_sqlite_step_done (db, stmt, "redact", error);
  if (ok)
    *n_redacted = sqlite3_changes (db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_create_function_v2 (db, "roster_mentions", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                              NULL, NULL, NULL, NULL, NULL);
  return ok;
}

/* ---- erasure ---- */

typedef struct
{
  char             *username;
  char             *email;
  char             *first_name;
  char             *last_name;
  RosterUserState   state;
} ErasedPerson;

static void
erased_person_clear (ErasedPerson *person)
{
  g_clear_pointer (&person->username, g_free);
  g_clear_pointer (&person->email, g_free);
  g_clear_pointer (&person->first_name, g_free);
  g_clear_pointer (&person->last_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErasedPerson, erased_person_clear)

static gboolean
read_person (sqlite3       *db,
             gint64         user_id,
             ErasedPerson  *person,
             GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT username, email, first_name, last_name, state FROM users WHERE id = ?",
                                error);
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
    return roster_sqlite_set_error (error, db, rc, "erase");

  person->username = roster_sqlite_column_dup (stmt, 0);
  person->email = roster_sqlite_column_dup (stmt, 1);
  person->first_name = roster_sqlite_column_dup (stmt, 2);
  person->last_name = roster_sqlite_column_dup (stmt, 3);
  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 4), &person->state);

  return TRUE;
}

static gboolean
replace_person (sqlite3     *db,
                gint64       user_id,
                const char  *email_hash,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *placeholder = g_strdup_printf ("erased-%" G_GINT64_FORMAT, user_id);

  stmt = roster_sqlite_prepare (db,
                                "UPDATE users SET username = :name, username_key = :name, email = NULL,"
                                "  email_key = NULL, first_name = '', last_name = '', idnumber = NULL,"
                                "  search_key = '', password_hash = NULL, state = 'erased', site_admin = 0,"
                                "  failed_logins = 0, locked_until = 0, erased_email_hash = :hash"
                                " WHERE id = :id",
                                error);
  if (stmt == NULL)
    return FALSE;

  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":name"), placeholder);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":hash"), email_hash);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":id"), user_id);

  return roster_sqlite_step_done (db, stmt, "erase", error);
}

static gboolean
run_delete_tokens (sqlite3  *db,
                   gint64    user_id,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "DELETE FROM auth_tokens WHERE user_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  return roster_sqlite_step_done (db, stmt, "erase tokens", error);
}

static gboolean
close_requests (sqlite3     *db,
                gint64       user_id,
                gint64       decided_by,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Every expression sees the row as it was, so the CASEs all test the
   * old status. Reasons are the person's own words: they go too. */
  stmt = roster_sqlite_prepare (db,
                                "UPDATE removal_requests SET"
                                "  status = CASE status WHEN 'pending' THEN 'erased' ELSE status END,"
                                "  decided_at = CASE status WHEN 'pending' THEN :now ELSE decided_at END,"
                                "  decided_by = CASE status WHEN 'pending' THEN :by ELSE decided_by END,"
                                "  reason = NULL, decision_reason = NULL"
                                " WHERE user_id = :user",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), roster_sqlite_now ());
  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":by"), decided_by);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":user"), user_id);

  return roster_sqlite_step_done (db, stmt, "erase requests", error);
}

/* Import reports keep usernames and addresses as the files had them:
 * those of the person go, the outcome of the line stays. */
static gboolean
scrub_import_rows (sqlite3            *db,
                   gint64              user_id,
                   const ErasedPerson *person,
                   GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE import_rows SET username = NULL, email = NULL, problems = NULL"
                                " WHERE user_id = :user"
                                "    OR (:email IS NOT NULL AND lower(email) = lower(:email))"
                                "    OR (:username IS NOT NULL AND lower(username) = lower(:username))",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":user"), user_id);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":email"), person->email);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":username"), person->username);

  return roster_sqlite_step_done (db, stmt, "erase import rows", error);
}

/* Mail waiting to go to the person, or telling of them, goes with them:
 * its params hold their name and links. (Rows already sent or given up
 * keep only an address and a time, and go too.) A message the worker is
 * sending at this moment may still leave; it is not recorded again. */
static gboolean
delete_mail (sqlite3  *db,
             gint64    user_id,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* The links they were sent, and the sign-ups waiting for them, end
   * with the account (the user row stays, so no cascade removes them). */
  static const char * const statements[] = {
    "DELETE FROM mail_outbox WHERE user_id = ?1 OR about_user_id = ?1",
    "DELETE FROM mail_tokens WHERE user_id = ?1",
    "DELETE FROM signups WHERE user_id = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      stmt = roster_sqlite_prepare (db, statements[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, user_id);
      if (!roster_sqlite_step_done (db, stmt, "erase mail", error))
        return FALSE;
    }

  return TRUE;
}

/* Copies every page the WAL holds back into the database file and empties
 * the WAL, so no image of a page from before the erasure is left there. */
static void
checkpoint (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    g_warning ("Checkpoint after erasure failed: %s", sqlite3_errmsg (db));
  else if (sqlite3_column_int (stmt, 0) != 0)
    g_message ("Checkpoint after erasure could not finish while other connections were reading; "
               "the next checkpoint completes it");
}

gboolean
roster_sqlite_erase_user (RosterStorage           *storage,
                          gint64                   user_id,
                          RosterEmailHashFunc      hash_email,
                          gpointer                 hash_data,
                          const RosterAuditEvent  *audit,
                          GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_auto(ErasedPerson) person = { NULL, };
  g_autofree char *email_hash = NULL;
  g_autofree char *details = NULL;
  RosterMentions mentions = { NULL, };
  RosterAuditEvent event = { 0, };
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  guint n_redacted = 0;
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !read_person (db, user_id, &person, error))
    goto out;

  if (person.state == ROSTER_USER_STATE_ERASED)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has already been erased."));
      goto out;
    }

  if (!roster_sqlite_admin_check_last_admin (db, user_id, error))
    goto out;

  if (person.email != NULL && hash_email != NULL)
    {
      g_autofree char *email_key = roster_text_identity_key (person.email);

      if (email_key != NULL && *email_key != '\0')
        email_hash = hash_email (email_key, hash_data);
    }

  roster_mentions_init (&mentions, person.username, person.email, person.first_name, person.last_name);

  if (!replace_person (db, user_id, email_hash, error) ||
      !run_delete_tokens (db, user_id, error) ||
      !redact_audit (db, &mentions, &n_redacted, error) ||
      !scrub_import_rows (db, user_id, &person, error) ||
      !delete_mail (db, user_id, error) ||
      !close_requests (db, user_id, audit ? audit->actor_id : 0, error))
    goto out;

  if (audit != NULL)
    {
      event = *audit;
      /* How much of the log was redacted is worth knowing; nothing about
       * the person is. */
      if (event.details == NULL)
        event.details = details = g_strdup_printf ("{\"redacted_events\":%u}", n_redacted);
    }

  ok = roster_sqlite_insert_audit (db, audit ? &event : NULL, user_id, error) &&
       roster_sqlite_commit (db, error);
  if (ok)
    checkpoint (db);

out:
  roster_mentions_clear (&mentions);
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

/* ---- removal requests ---- */

#define REQUEST_SELECT \
  "SELECT r.id, r.user_id, u.username, u.first_name, u.last_name, u.email, u.state, r.requested_at," \
  "  r.reason, r.status, r.decided_at, r.decided_by, r.decision_reason" \
  " FROM removal_requests r JOIN users u ON u.id = r.user_id"

static RosterRemovalRequest *
request_from_row (sqlite3_stmt *stmt)
{
  RosterRemovalRequest *request = roster_removal_request_new ();
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  RosterRemovalStatus status = ROSTER_REMOVAL_STATUS_PENDING;

  roster_removal_request_set_id (request, sqlite3_column_int64 (stmt, 0));
  roster_removal_request_set_user_id (request, sqlite3_column_int64 (stmt, 1));
  roster_removal_request_set_username (request, (const char *) sqlite3_column_text (stmt, 2));
  roster_removal_request_set_first_name (request, (const char *) sqlite3_column_text (stmt, 3));
  roster_removal_request_set_last_name (request, (const char *) sqlite3_column_text (stmt, 4));
  roster_removal_request_set_email (request, (const char *) sqlite3_column_text (stmt, 5));
  /* CHECK constraints keep these columns to known values. */
  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &state);
  roster_removal_request_set_user_state (request, state);
  roster_removal_request_set_requested_at (request, sqlite3_column_int64 (stmt, 7));
  roster_removal_request_set_reason (request, (const char *) sqlite3_column_text (stmt, 8));
  roster_removal_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &status);
  roster_removal_request_set_status (request, status);
  roster_removal_request_set_decided_at (request, sqlite3_column_int64 (stmt, 10));
  roster_removal_request_set_decided_by (request, sqlite3_column_int64 (stmt, 11));
  roster_removal_request_set_decision_reason (request, (const char *) sqlite3_column_text (stmt, 12));

  return request;
}

gint64
roster_sqlite_create_removal_request (RosterStorage           *storage,
                                      gint64                   user_id,
                                      const char              *reason,
                                      const RosterAuditEvent  *audit,
                                      GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) pending = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_auto(ErasedPerson) person = { NULL, };
  RosterAuditEvent event = { 0, };
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 id = 0;
  int rc;

  if (!roster_sqlite_begin (db, error) ||
      !read_person (db, user_id, &person, error))
    goto out;

  if (person.state == ROSTER_USER_STATE_ERASED)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has already been erased."));
      goto out;
    }

  pending = roster_sqlite_prepare (db,
                                   "SELECT 1 FROM removal_requests WHERE user_id = ? AND status = 'pending'",
                                   error);
  if (pending == NULL)
    goto out;
  sqlite3_bind_int64 (pending, 1, user_id);
  rc = sqlite3_step (pending);
  if (rc == SQLITE_ROW)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("A request to remove this account is already waiting for an administrator."));
      goto out;
    }
  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "removal request");
      goto out;
    }

  insert = roster_sqlite_prepare (db,
                                  "INSERT INTO removal_requests (user_id, requested_at, reason, status)"
                                  " VALUES (?, ?, ?, 'pending')",
                                  error);
  if (insert == NULL)
    goto out;
  sqlite3_bind_int64 (insert, 1, user_id);
  sqlite3_bind_int64 (insert, 2, roster_sqlite_now ());
  roster_sqlite_bind_text (insert, 3, reason != NULL && *reason != '\0' ? reason : NULL);
  if (!roster_sqlite_step_done (db, insert, "removal request", error))
    goto out;

  id = sqlite3_last_insert_rowid (db);
  if (audit != NULL)
    {
      event = *audit;
      event.object_type = "removal_request";
      event.object_id = id;
    }
  if (!roster_sqlite_insert_audit (db, audit ? &event : NULL, user_id, error) ||
      !roster_sqlite_commit (db, error))
    id = 0;

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

GPtrArray *
roster_sqlite_list_removal_requests (RosterStorage             *storage,
                                     const RosterRemovalQuery  *query,
                                     GError                   **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                REQUEST_SELECT
                                " WHERE (:status IS NULL OR r.status = :status) AND r.id > :after"
                                " ORDER BY r.id LIMIT :limit",
                                error);
  if (stmt == NULL)
    goto out;

  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":status"),
                           query->filter_status ? roster_removal_status_to_string (query->status) : NULL);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":after"), query->after_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      query->limit ? query->limit : DEFAULT_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (requests, request_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "removal requests");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&requests) : NULL;
}

RosterRemovalRequest *
roster_sqlite_decline_removal_request (RosterStorage           *storage,
                                       gint64                   request_id,
                                       gint64                   decided_by,
                                       const char              *reason,
                                       const RosterAuditEvent  *audit,
                                       GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(RosterRemovalRequest) request = NULL;
  RosterAuditEvent event = { 0, };
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 now = roster_sqlite_now ();
  gboolean ok = FALSE;
  int rc;

  if (reason != NULL && *reason == '\0')
    reason = NULL;

  if (!roster_sqlite_begin (db, error))
    goto out;

  select = roster_sqlite_prepare (db, REQUEST_SELECT " WHERE r.id = ?", error);
  if (select == NULL)
    goto out;
  sqlite3_bind_int64 (select, 1, request_id);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such removal request."));
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "decline request");
      goto out;
    }
  request = request_from_row (select);

  if (roster_removal_request_get_status (request) != ROSTER_REMOVAL_STATUS_PENDING)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This request has already been decided."));
      goto out;
    }

  update = roster_sqlite_prepare (db,
                                  "UPDATE removal_requests SET status = 'declined', decided_by = ?,"
                                  "  decided_at = ?, decision_reason = ? WHERE id = ?",
                                  error);
  if (update == NULL)
    goto out;
  roster_sqlite_bind_id (update, 1, decided_by);
  sqlite3_bind_int64 (update, 2, now);
  roster_sqlite_bind_text (update, 3, reason);
  sqlite3_bind_int64 (update, 4, request_id);

  if (audit != NULL)
    {
      event = *audit;
      event.object_type = "removal_request";
      event.object_id = request_id;
    }

  ok = roster_sqlite_step_done (db, update, "decline request", error) &&
       roster_sqlite_insert_audit (db, audit ? &event : NULL, roster_removal_request_get_user_id (request),
                                   error) &&
       roster_sqlite_commit (db, error);

  if (ok)
    {
      roster_removal_request_set_status (request, ROSTER_REMOVAL_STATUS_DECLINED);
      roster_removal_request_set_decided_by (request, decided_by);
      roster_removal_request_set_decided_at (request, now);
      roster_removal_request_set_decision_reason (request, reason);
    }

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok ? g_steal_pointer (&request) : NULL;
}
