/* roster-pg-admin.c: user administration in PostgreSQL: what its files
 * share, listing and details (changes are in roster-pg-admin-change.c,
 * erasure and removal requests in roster-pg-admin-erase.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-admin.c: the same statements and rules.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-admin-private.h"

#define DEFAULT_LIMIT 100

#define ADMIN_USER_COLUMNS \
  "u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state, u.site_admin," \
  " u.locked_until, u.created_at, u.last_access, u.failed_logins"

static RosterUser *
user_from_row (const PGresult *result,
               int             row)
{
  RosterUser *user = roster_user_new ();
  RosterUserType type = ROSTER_USER_TYPE_STAFF;
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;

  roster_user_set_id (user, roster_pg_get_int (result, row, 0));
  roster_user_set_username (user, roster_pg_get_text (result, row, 1));
  roster_user_set_email (user, roster_pg_get_text (result, row, 2));
  roster_user_set_first_name (user, roster_pg_get_text (result, row, 3));
  roster_user_set_last_name (user, roster_pg_get_text (result, row, 4));
  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string (roster_pg_get_text (result, row, 5), &type);
  roster_user_state_from_string (roster_pg_get_text (result, row, 6), &state);
  roster_user_set_user_type (user, type);
  roster_user_set_state (user, state);
  roster_user_set_is_site_admin (user, roster_pg_get_bool (result, row, 7));
  roster_user_set_locked_until (user, roster_pg_get_int (result, row, 8));
  roster_user_set_created_at (user, roster_pg_get_int (result, row, 9));
  roster_user_set_last_access (user, roster_pg_get_int (result, row, 10));

  return user;
}

/* The row of @user_id, or NULL (with ROSTER_ERROR_NOT_FOUND when there
 * is none). */
static PGresult *
query_user (PGconn     *conn,
            gint64      user_id,
            const char *what,
            GError    **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT " ADMIN_USER_COLUMNS " FROM users u WHERE u.id = $1",
                            &params, what, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return NULL;
    }

  return g_steal_pointer (&result);
}

RosterUser *
roster_pg_admin_read_user (PGconn  *conn,
                           gint64   user_id,
                           GError **error)
{
  g_autoptr(PGresult) result = query_user (conn, user_id, "read user", error);

  return result != NULL ? user_from_row (result, 0) : NULL;
}

gboolean
roster_pg_admin_read_state (PGconn           *conn,
                            gint64            user_id,
                            RosterUserState  *state,
                            GError          **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT state FROM users WHERE id = $1", &params, "user state", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  /* A CHECK constraint keeps the column to known values. */
  roster_user_state_from_string (roster_pg_get_text (result, 0, 0), state);
  return TRUE;
}

gboolean
roster_pg_admin_check_last_admin (PGconn  *conn,
                                  gint64   user_id,
                                  GError **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  /* Counts the active administrators other than @user_id, but only when
   * @user_id is one itself: anyone else may go without a check. Under
   * SERIALIZABLE, two administrators taking each other's rights away at
   * once cannot both pass: one of them runs again and sees the other. */
  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn,
                            "SELECT coalesce ((SELECT (site_admin = 1 AND state = 'active')::integer"
                            "                  FROM users WHERE id = $1), 0),"
                            "  (SELECT count(*) FROM users WHERE site_admin = 1 AND state = 'active'"
                            "     AND id <> $1)",
                            &params, "last admin", error);
  if (result == NULL)
    return FALSE;

  if (roster_pg_get_bool (result, 0, 0) && roster_pg_get_int (result, 0, 1) == 0)
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
pg_list_users (RosterStorage          *storage,
               const RosterUserQuery  *query,
               GError                **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) sql = g_string_new ("SELECT " ADMIN_USER_COLUMNS " FROM users u WHERE TRUE");
  char *patterns[MAX_TERMS] = { NULL, };
  PGconn *conn;

  /* Only the filters in use, from fixed fragments numbered as they are
   * added. lower() under the "C" collation folds ASCII only, as SQLite's
   * NOCASE does, so "de Vries" sorts among the Ds in both; the cursor
   * compares the same way the rows are sorted. */
  if (query->query != NULL)
    roster_storage_user_like_patterns (query->query, patterns);
  for (guint i = 0; i < MAX_TERMS; i++)
    if (patterns[i] != NULL)
      {
        roster_pg_add_text (&params, patterns[i]);
        g_string_append_printf (sql, " AND u.search_key LIKE $%u ESCAPE '\\'", params.n);
        g_free (patterns[i]);
      }
  if (query->filter_state)
    {
      roster_pg_add_text (&params, roster_user_state_to_string (query->state));
      g_string_append_printf (sql, " AND u.state = $%u", params.n);
    }
  if (query->filter_type)
    {
      roster_pg_add_text (&params, roster_user_type_to_string (query->type));
      g_string_append_printf (sql, " AND u.type = $%u", params.n);
    }
  if (query->locked_at != 0)
    {
      roster_pg_add_int (&params, query->locked_at);
      g_string_append_printf (sql, " AND u.locked_until > $%u", params.n);
    }
  if (query->after_id != 0)
    {
      roster_pg_add_text (&params, query->after_last_name ? query->after_last_name : "");
      roster_pg_add_text (&params, query->after_first_name ? query->after_first_name : "");
      roster_pg_add_int (&params, query->after_id);
      g_string_append_printf (sql,
                              " AND (lower(u.last_name), lower(u.first_name), u.id)"
                              "       > (lower($%u COLLATE \"C\"), lower($%u COLLATE \"C\"), $%u)",
                              params.n - 2, params.n - 1, params.n);
    }
  roster_pg_add_int (&params, query->limit ? query->limit : DEFAULT_LIMIT);
  g_string_append_printf (sql, " ORDER BY lower(u.last_name), lower(u.first_name), u.id LIMIT $%u", params.n);

  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  result = roster_pg_query (conn, sql->str, &params, "list users", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (users, user_from_row (result, i));

  return g_steal_pointer (&users);
}

static gboolean
read_enrolments (PGconn             *conn,
                 gint64              user_id,
                 RosterUserDetails  *details,
                 GError            **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn,
                            "SELECT e.id, c.id, c.short_name, c.full_name, e.role, e.status, e.created_at"
                            " FROM enrolments e JOIN courses c ON c.id = e.course_id"
                            " WHERE e.user_id = $1 ORDER BY c.short_name, e.id",
                            &params, "user enrolments", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterUserEnrolment *enrolment = g_new0 (RosterUserEnrolment, 1);

      enrolment->id = roster_pg_get_int (result, i, 0);
      enrolment->course_id = roster_pg_get_int (result, i, 1);
      enrolment->short_name = roster_pg_get_dup (result, i, 2);
      enrolment->full_name = roster_pg_get_dup (result, i, 3);
      roster_role_from_string (roster_pg_get_text (result, i, 4), &enrolment->role);
      roster_enrolment_status_from_string (roster_pg_get_text (result, i, 5), &enrolment->status);
      enrolment->enrolled_at = roster_pg_get_int (result, i, 6);
      g_ptr_array_add (details->enrolments, enrolment);
    }

  return TRUE;
}

static gboolean
read_recent_events (PGconn             *conn,
                    gint64              user_id,
                    guint               n_events,
                    RosterUserDetails  *details,
                    GError            **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  /* Each half uses its own index; their union is at most twice the
   * limit, whatever the size of the log. */
  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, n_events);
  result = roster_pg_query (conn,
                            "SELECT id, at, actor_id, action, course_id, target_user_id, object_type,"
                            "  object_id, remote_address, details FROM audit_events"
                            " WHERE id IN (SELECT id FROM (SELECT id FROM audit_events WHERE actor_id = $1"
                            "                                ORDER BY id DESC LIMIT $2) a"
                            "              UNION"
                            "              SELECT id FROM (SELECT id FROM audit_events WHERE target_user_id = $1"
                            "                                ORDER BY id DESC LIMIT $2) t)"
                            " ORDER BY id DESC LIMIT $2",
                            &params, "user events", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterAuditRecord *record = g_new0 (RosterAuditRecord, 1);

      record->id = roster_pg_get_int (result, i, 0);
      record->at = roster_pg_get_int (result, i, 1);
      record->actor_id = roster_pg_get_int (result, i, 2);
      record->action = roster_pg_get_dup (result, i, 3);
      record->course_id = roster_pg_get_int (result, i, 4);
      record->target_user_id = roster_pg_get_int (result, i, 5);
      record->object_type = roster_pg_get_dup (result, i, 6);
      record->object_id = roster_pg_get_int (result, i, 7);
      record->remote_address = roster_pg_get_dup (result, i, 8);
      record->details = roster_pg_get_dup (result, i, 9);
      g_ptr_array_add (details->recent_events, record);
    }

  return TRUE;
}

typedef struct
{
  gint64              user_id;
  guint               n_events;
  RosterUserDetails  *details;
} UserDetails;

static void
details_reset (RosterUserDetails *details)
{
  g_clear_object (&details->user);
  details->failed_logins = 0;
  g_ptr_array_set_size (details->enrolments, 0);
  g_ptr_array_set_size (details->recent_events, 0);
}

static gboolean
user_details_work (PGconn    *conn,
                   gpointer   data,
                   GError   **error)
{
  UserDetails *read = data;
  g_autoptr(PGresult) result = NULL;

  details_reset (read->details);

  result = query_user (conn, read->user_id, "user details", error);
  if (result == NULL)
    return FALSE;
  read->details->user = user_from_row (result, 0);
  read->details->failed_logins = (guint) roster_pg_get_int (result, 0, 11);

  return read_enrolments (conn, read->user_id, read->details, error) &&
         read_recent_events (conn, read->user_id, read->n_events, read->details, error);
}

static RosterUserDetails *
pg_get_user_details (RosterStorage  *storage,
                     gint64          user_id,
                     guint           n_events,
                     GError        **error)
{
  g_autoptr(RosterUserDetails) details = g_new0 (RosterUserDetails, 1);
  UserDetails read = { user_id, n_events, details };

  details->enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_user_enrolment_free);
  details->recent_events = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_audit_record_free);

  /* The account, its enrolments and its events as they were at one
   * moment. */
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_REPEATABLE_READ_ONLY,
                              user_details_work, &read, error))
    return NULL;

  return g_steal_pointer (&details);
}

static gboolean
pg_is_erased_email (RosterStorage  *storage,
                    const char     *email_hash,
                    gboolean       *erased,
                    GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  *erased = FALSE;

  roster_pg_add_text (&params, email_hash);
  result = roster_pg_query (conn, "SELECT 1 FROM users WHERE erased_email_hash = $1 LIMIT 1",
                            &params, "erased e-mail", error);
  if (result == NULL)
    return FALSE;

  *erased = PQntuples (result) > 0;
  return TRUE;
}

void
roster_pg_admin_init (RosterStorageInterface *iface)
{
  iface->list_users = pg_list_users;
  iface->get_user_details = pg_get_user_details;
  iface->is_erased_email = pg_is_erased_email;
  roster_pg_admin_change_init (iface);
  roster_pg_admin_erase_init (iface);
}
