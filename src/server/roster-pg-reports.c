/* roster-pg-reports.c: the audit log and course reports in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-reports.c. Reads only; reports aggregate in
 * SQL, so a course of 100 000 people comes back as a few hundred
 * grouped rows.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
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

/* ---- enrolment report ---- */

/* Fills *first with the time of the course's first enrolment (0 when it
 * has none); ROSTER_ERROR_NOT_FOUND when there is no such course. */
static gboolean
read_course_start (PGconn   *conn,
                   gint64    course_id,
                   gint64   *first,
                   GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  /* min() over the (course_id, created_at) index is one lookup. */
  roster_pg_add_int (&params, course_id);
  return roster_pg_query_int (conn,
                              "SELECT (SELECT min(created_at) FROM enrolments WHERE course_id = c.id)"
                              " FROM courses c WHERE c.id = $1",
                              &params, "report start", _("No such course."), first, error);
}

static void
add_method_count (GArray *counts,
                  gint64  method_id,
                  gint64  count)
{
  RosterReportMethodCount row = { method_id, count };

  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, RosterReportMethodCount, i).method_id == method_id)
      {
        g_array_index (counts, RosterReportMethodCount, i).count += count;
        return;
      }

  g_array_append_val (counts, row);
}

static gboolean
read_methods (PGconn                 *conn,
              gint64                  course_id,
              RosterEnrolmentReport  *report,
              GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn,
                            "SELECT id, type, name FROM enrol_methods WHERE course_id = $1"
                            " ORDER BY sort_order, id",
                            &params, "report methods", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterReportMethod method = { 0, };

      method.id = roster_pg_get_int (result, i, 0);
      roster_method_type_from_string (roster_pg_get_text (result, i, 1), &method.type);
      method.name = roster_pg_get_dup (result, i, 2);
      g_array_append_val (report->methods, method);
      /* Every method has a total, an unused one too. */
      add_method_count (report->by_method, method.id, 0);
    }

  return TRUE;
}

/* One pass over the course's enrolments gives both the series (the
 * ones made inside the range, by bucket) and the totals (all of them). */
static gboolean
read_enrolments (PGconn                 *conn,
                 gint64                  course_id,
                 gint64                  width,
                 RosterEnrolmentReport  *report,
                 GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, report->since);
  roster_pg_add_int (&params, report->until);
  roster_pg_add_int (&params, width);
  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn,
                            "SELECT CASE WHEN e.created_at >= $1 AND e.created_at < $2"
                            "         THEN (e.created_at - $1) / $3::bigint END,"
                            "  u.type, e.method_id, e.key_nickname, e.role, e.status, count(*)"
                            " FROM enrolments e JOIN users u ON u.id = e.user_id"
                            " WHERE e.course_id = $4"
                            " GROUP BY 1, 2, 3, 4, 5, 6",
                            &params, "report enrolments", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 count = roster_pg_get_int (result, i, 6);
      gboolean has_type, has_method = !PQgetisnull (result, i, 2);
      gint64 method_id = roster_pg_get_int (result, i, 2);
      const char *nickname = roster_pg_get_text (result, i, 3);
      RosterUserType type = ROSTER_USER_TYPE_STAFF;
      RosterRole role;
      RosterEnrolmentStatus status;

      has_type = roster_user_type_from_string (roster_pg_get_text (result, i, 1), &type);

      report->participants += count;
      if (has_type)
        report->by_type[type] += count;
      if (roster_role_from_string (roster_pg_get_text (result, i, 4), &role))
        report->by_role[role] += count;
      if (roster_enrolment_status_from_string (roster_pg_get_text (result, i, 5), &status))
        report->by_status[status] += count;
      if (has_method)
        add_method_count (report->by_method, method_id, count);

      /* NULL: made outside the range. */
      if (!PQgetisnull (result, i, 0))
        {
          gint64 index = roster_pg_get_int (result, i, 0);
          RosterReportPoint *point;

          if (index < 0 || index >= report->series->len)
            continue;
          point = &g_array_index (report->series, RosterReportPoint, index);
          point->total += count;
          if (has_type)
            point->by_type[type] += count;
          if (has_method)
            roster_report_point_add_method (point, method_id, count);
          if (nickname != NULL)
            roster_report_point_add_key (point, nickname, count);
        }
    }

  return TRUE;
}

static gboolean
read_keys (PGconn                 *conn,
           gint64                  course_id,
           RosterEnrolmentReport  *report,
           GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  /* Counted through the index on enrolments (key_id). */
  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn,
                            "SELECT k.id, k.nickname, k.method_id, k.active, k.uses, k.max_uses, k.expires_at,"
                            "  (SELECT count(*) FROM enrolments e WHERE e.key_id = k.id),"
                            "  (SELECT max(e.created_at) FROM enrolments e WHERE e.key_id = k.id)"
                            " FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id"
                            " WHERE m.course_id = $1"
                            " ORDER BY m.sort_order, m.id, k.id",
                            &params, "report keys", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterReportKey key = {
        .id = roster_pg_get_int (result, i, 0),
        .nickname = roster_pg_get_dup (result, i, 1),
        .method_id = roster_pg_get_int (result, i, 2),
        .active = roster_pg_get_bool (result, i, 3),
        .uses = roster_pg_get_int (result, i, 4),
        .max_uses = roster_pg_get_int (result, i, 5),
        .expires_at = roster_pg_get_int (result, i, 6),
        .enrolled = roster_pg_get_int (result, i, 7),
        .last_used_at = roster_pg_get_int (result, i, 8),
      };

      g_array_append_val (report->keys, key);
    }

  return TRUE;
}

typedef struct
{
  const RosterEnrolmentReportQuery *query;
  RosterEnrolmentReport            *report;
} Report;

static gboolean
report_work (PGconn    *conn,
             gpointer   data,
             GError   **error)
{
  Report *work = data;
  const RosterEnrolmentReportQuery *query = work->query;
  gint64 width = roster_report_bucket_width (query->bucket);
  RosterEnrolmentReport *report;
  gint64 first = 0;

  g_clear_pointer (&work->report, roster_enrolment_report_free);
  report = work->report = roster_enrolment_report_new ();
  report->course_id = query->course_id;
  report->bucket = query->bucket;

  if (!read_course_start (conn, query->course_id, &first, error) ||
      !roster_report_resolve_range (query->bucket, query->since, query->until, first, query->now,
                                    &report->since, &report->until, error))
    return FALSE;

  g_array_set_size (report->series, (report->until - report->since) / width);
  for (guint i = 0; i < report->series->len; i++)
    g_array_index (report->series, RosterReportPoint, i).start = report->since + i * width;

  /* The methods first: the totals list every one of them, in order. */
  return read_methods (conn, query->course_id, report, error) &&
         read_enrolments (conn, query->course_id, width, report, error) &&
         read_keys (conn, query->course_id, report, error);
}

static RosterEnrolmentReport *
pg_enrolment_report (RosterStorage                     *storage,
                     const RosterEnrolmentReportQuery  *query,
                     GError                           **error)
{
  Report work = { query, NULL };

  /* One snapshot for every part of the report. */
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_REPEATABLE_READ_ONLY,
                              report_work, &work, error))
    {
      g_clear_pointer (&work.report, roster_enrolment_report_free);
      return NULL;
    }

  return work.report;
}

void
roster_pg_reports_init (RosterStorageInterface *iface)
{
  iface->list_audit = pg_list_audit;
  iface->enrolment_report = pg_enrolment_report;
}
