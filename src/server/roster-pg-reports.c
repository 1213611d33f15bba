/* roster-pg-reports.c: the audit log and course reports in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-reports.c, so far the audit log.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <string.h>

#include "roster-pg-private.h"

/* ---- audit ---- */

#define AUDIT_DEFAULT_LIMIT 100

/* The next string after every string that starts with @prefix (which
 * ends in "."): "auth." → "auth/", so that a prefix is a range the
 * index on action can serve (the column's collation is "C": bytes). */
static char *
prefix_upper_bound (const char *prefix)
{
  char *upper = g_strdup (prefix);

  upper[strlen (upper) - 1] = '.' + 1;
  return upper;
}

static GPtrArray *
pg_list_audit (RosterStorage           *storage,
               const RosterAuditQuery  *query,
               GError                 **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_audit_record_free);
  g_autoptr(GString) sql = NULL;
  PGconn *conn;

  /* Only the filters asked for go into the statement (fixed fragments,
   * values as parameters), so that the planner can pick the index that
   * fits. */
  sql = g_string_new ("SELECT a.id, a.at, a.actor_id, a.action, a.course_id, a.target_user_id,"
                      "  a.object_type, a.object_id, a.remote_address, a.details,"
                      "  ua.username, ua.first_name, ua.last_name,"
                      "  ut.username, ut.first_name, ut.last_name, c.short_name"
                      " FROM audit_events a"
                      " LEFT JOIN users ua ON ua.id = a.actor_id"
                      " LEFT JOIN users ut ON ut.id = a.target_user_id"
                      " LEFT JOIN courses c ON c.id = a.course_id");
  roster_pg_add_int (&params, query->since);
  g_string_append_printf (sql, " WHERE a.at >= $%u", params.n);
  if (query->course_id != 0)
    {
      roster_pg_add_int (&params, query->course_id);
      g_string_append_printf (sql, " AND a.course_id = $%u", params.n);
    }
  if (query->user_id != 0)
    {
      roster_pg_add_int (&params, query->user_id);
      g_string_append_printf (sql, " AND (a.actor_id = $%u OR a.target_user_id = $%u)", params.n, params.n);
    }
  if (query->until != 0)
    {
      roster_pg_add_int (&params, query->until);
      g_string_append_printf (sql, " AND a.at < $%u", params.n);
    }
  if (query->before_id != 0)
    {
      roster_pg_add_int (&params, query->before_id);
      g_string_append_printf (sql, " AND a.id < $%u", params.n);
    }
  if (query->action != NULL && g_str_has_suffix (query->action, "."))
    {
      g_autofree char *upper = prefix_upper_bound (query->action);

      roster_pg_add_text (&params, query->action);
      g_string_append_printf (sql, " AND a.action >= $%u", params.n);
      roster_pg_add_text (&params, upper);
      g_string_append_printf (sql, " AND a.action < $%u", params.n);
    }
  else if (query->action != NULL)
    {
      roster_pg_add_text (&params, query->action);
      g_string_append_printf (sql, " AND a.action = $%u", params.n);
    }
  roster_pg_add_int (&params, query->limit ? query->limit : AUDIT_DEFAULT_LIMIT);
  g_string_append_printf (sql, " ORDER BY a.id DESC LIMIT $%u", params.n);

  conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  result = roster_pg_query (conn, sql->str, &params, "audit", error);
  if (result == NULL)
    return NULL;

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
      record->actor_username = roster_pg_get_dup (result, i, 10);
      record->actor_first_name = roster_pg_get_dup (result, i, 11);
      record->actor_last_name = roster_pg_get_dup (result, i, 12);
      record->target_username = roster_pg_get_dup (result, i, 13);
      record->target_first_name = roster_pg_get_dup (result, i, 14);
      record->target_last_name = roster_pg_get_dup (result, i, 15);
      record->course_short_name = roster_pg_get_dup (result, i, 16);
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}

void
roster_pg_reports_init (RosterStorageInterface *iface)
{
  iface->list_audit = pg_list_audit;
}
