/* roster-sqlite-admin.c: user administration in SQLite: what its files
 * share, listing and details (changes are in roster-sqlite-admin-change.c,
 * erasure and removal requests in roster-sqlite-admin-erase.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-admin-private.h"

#define DEFAULT_LIMIT 100

#define ADMIN_USER_COLUMNS \
  "u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state, u.site_admin," \
  " u.locked_until, u.created_at, u.last_access, u.failed_logins"

static RosterUser *
user_from_row (sqlite3_stmt *stmt)
{
  RosterUser *user = roster_user_new ();
  RosterUserType type = ROSTER_USER_TYPE_STAFF;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  roster_user_set_id (user, sqlite3_column_int64 (stmt, 0));
  roster_user_set_username (user, (const char *) sqlite3_column_text (stmt, 1));
  roster_user_set_email (user, (const char *) sqlite3_column_text (stmt, 2));
  roster_user_set_first_name (user, (const char *) sqlite3_column_text (stmt, 3));
  roster_user_set_last_name (user, (const char *) sqlite3_column_text (stmt, 4));
  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 5), &type);
  roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 6), &state);
  roster_user_set_user_type (user, type);
  roster_user_set_state (user, state);
  roster_user_set_is_site_admin (user, sqlite3_column_int (stmt, 7) != 0);
  roster_user_set_locked_until (user, sqlite3_column_int64 (stmt, 8));
  roster_user_set_created_at (user, sqlite3_column_int64 (stmt, 9));
  roster_user_set_last_access (user, sqlite3_column_int64 (stmt, 10));

  return user;
}

RosterUser *
roster_sqlite_admin_read_user (sqlite3  *db,
                               gint64    user_id,
                               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " ADMIN_USER_COLUMNS " FROM users u WHERE u.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return user_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
  else
    roster_sqlite_set_error (error, db, rc, "read user");

  return NULL;
}

gboolean
roster_sqlite_admin_check_last_admin (sqlite3  *db,
                                      gint64    user_id,
                                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Counts the active administrators other than @user_id, but only when
   * @user_id is one itself: anyone else may go without a check. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT (SELECT site_admin = 1 AND state = 'active' FROM users WHERE id = ?1),"
                                "  (SELECT count(*) FROM users WHERE site_admin = 1 AND state = 'active'"
                                "     AND id <> ?1)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, sqlite3_errcode (db), "last admin");

  if (sqlite3_column_int (stmt, 0) != 0 && sqlite3_column_int64 (stmt, 1) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This is the last active site administrator. Make someone else a "
                             "site administrator first."));
      return FALSE;
    }

  return TRUE;
}

#define MAX_TERMS ROSTER_USER_SEARCH_TERMS

/* ---- reading ---- */

static GPtrArray *
sqlite_list_users (RosterStorage          *storage,
                   const RosterUserQuery  *query,
                   GError                **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  char *patterns[MAX_TERMS] = { NULL, };
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  /* NOCASE so that "de Vries" sorts among the Ds; the cursor compares
   * the same way the rows are sorted. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT " ADMIN_USER_COLUMNS " FROM users u"
                                " WHERE (:p1 IS NULL OR u.search_key LIKE :p1 ESCAPE '\\')"
                                "   AND (:p2 IS NULL OR u.search_key LIKE :p2 ESCAPE '\\')"
                                "   AND (:p3 IS NULL OR u.search_key LIKE :p3 ESCAPE '\\')"
                                "   AND (:p4 IS NULL OR u.search_key LIKE :p4 ESCAPE '\\')"
                                "   AND (:state IS NULL OR u.state = :state)"
                                "   AND (:type IS NULL OR u.type = :type)"
                                "   AND (:locked_at IS NULL OR u.locked_until > :locked_at)"
                                "   AND (:after_id IS NULL OR"
                                "        (u.last_name COLLATE NOCASE, u.first_name COLLATE NOCASE, u.id)"
                                "          > (:after_last, :after_first, :after_id))"
                                " ORDER BY u.last_name COLLATE NOCASE, u.first_name COLLATE NOCASE, u.id"
                                " LIMIT :limit",
                                error);
  if (stmt == NULL)
    goto out;

  if (query->query != NULL)
    roster_storage_user_like_patterns (query->query, patterns);
  for (guint i = 0; i < MAX_TERMS; i++)
    {
      g_autofree char *name = g_strdup_printf (":p%u", i + 1);

      roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, name), patterns[i]);
    }
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":state"),
                           query->filter_state ? roster_user_state_to_string (query->state) : NULL);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":type"),
                           query->filter_type ? roster_user_type_to_string (query->type) : NULL);
  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":locked_at"), query->locked_at);
  roster_sqlite_bind_id (stmt, sqlite3_bind_parameter_index (stmt, ":after_id"), query->after_id);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":after_last"),
                           query->after_last_name ? query->after_last_name : "");
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":after_first"),
                           query->after_first_name ? query->after_first_name : "");
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      query->limit ? query->limit : DEFAULT_LIMIT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (users, user_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list users");
  else
    ok = TRUE;

out:
  for (guint i = 0; i < MAX_TERMS; i++)
    g_free (patterns[i]);
  return ok ? g_steal_pointer (&users) : NULL;
}

static gboolean
read_enrolments (sqlite3            *db,
                 gint64              user_id,
                 RosterUserDetails  *details,
                 GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT e.id, c.id, c.short_name, c.full_name, e.role, e.status, e.created_at"
                                " FROM enrolments e JOIN courses c ON c.id = e.course_id"
                                " WHERE e.user_id = ? ORDER BY c.short_name, e.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterUserEnrolment *enrolment = g_new0 (RosterUserEnrolment, 1);

      enrolment->id = sqlite3_column_int64 (stmt, 0);
      enrolment->course_id = sqlite3_column_int64 (stmt, 1);
      enrolment->short_name = roster_sqlite_column_dup (stmt, 2);
      enrolment->full_name = roster_sqlite_column_dup (stmt, 3);
      roster_role_from_string ((const char *) sqlite3_column_text (stmt, 4), &enrolment->role);
      roster_enrolment_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &enrolment->status);
      enrolment->enrolled_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (details->enrolments, enrolment);
    }

  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "user enrolments");

  return TRUE;
}

static gboolean
read_recent_events (sqlite3            *db,
                    gint64              user_id,
                    guint               n_events,
                    RosterUserDetails  *details,
                    GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Each half uses its own index; their union is at most twice the
   * limit, whatever the size of the log. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT id, at, actor_id, action, course_id, target_user_id, object_type,"
                                "  object_id, remote_address, details FROM audit_events"
                                " WHERE id IN (SELECT id FROM (SELECT id FROM audit_events WHERE actor_id = ?1"
                                "                                ORDER BY id DESC LIMIT ?2)"
                                "              UNION"
                                "              SELECT id FROM (SELECT id FROM audit_events WHERE target_user_id = ?1"
                                "                                ORDER BY id DESC LIMIT ?2))"
                                " ORDER BY id DESC LIMIT ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, n_events);

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
      g_ptr_array_add (details->recent_events, record);
    }

  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "user events");

  return TRUE;
}

static RosterUserDetails *
sqlite_get_user_details (RosterStorage  *storage,
                         gint64          user_id,
                         guint           n_events,
                         GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterUserDetails) details = g_new0 (RosterUserDetails, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  details->enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_user_enrolment_free);
  details->recent_events = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_audit_record_free);

  /* A read transaction: the account, its enrolments and its events as
   * they were at one moment. */
  if (!roster_sqlite_exec (db, "BEGIN", error))
    goto out;

  stmt = roster_sqlite_prepare (db, "SELECT " ADMIN_USER_COLUMNS " FROM users u WHERE u.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, user_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "user details");
      goto out;
    }
  details->user = user_from_row (stmt);
  details->failed_logins = sqlite3_column_int (stmt, 11);
  g_clear_pointer (&stmt, sqlite3_finalize);

  ok = read_enrolments (db, user_id, details, error) &&
       read_recent_events (db, user_id, n_events, details, error);

out:
  g_clear_pointer (&stmt, sqlite3_finalize);
  roster_sqlite_rollback (db);
  return ok ? g_steal_pointer (&details) : NULL;
}

static gboolean
sqlite_is_erased_email (RosterStorage  *storage,
                        const char     *email_hash,
                        gboolean       *erased,
                        GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  *erased = FALSE;

  stmt = roster_sqlite_prepare (db, "SELECT 1 FROM users WHERE erased_email_hash = ? LIMIT 1", error);
  if (stmt == NULL)
    goto out;
  roster_sqlite_bind_text (stmt, 1, email_hash);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *erased = rc == SQLITE_ROW;
      ok = TRUE;
    }
  else
    roster_sqlite_set_error (error, db, rc, "erased e-mail");

out:
  return ok;
}

void
roster_sqlite_admin_init (RosterStorageInterface *iface)
{
  iface->list_users = sqlite_list_users;
  iface->get_user_details = sqlite_get_user_details;
  iface->is_erased_email = sqlite_is_erased_email;
  iface->update_user = roster_sqlite_update_user;
  iface->activate_user = roster_sqlite_activate_user;
  iface->suspend_user = roster_sqlite_suspend_user;
  iface->unlock_user = roster_sqlite_unlock_user;
  iface->set_user_password = roster_sqlite_set_user_password;
  iface->erase_user = roster_sqlite_erase_user;
  iface->create_removal_request = roster_sqlite_create_removal_request;
  iface->list_removal_requests = roster_sqlite_list_removal_requests;
  iface->decline_removal_request = roster_sqlite_decline_removal_request;
}
