/* roster-sqlite-reports.c: the audit log and course reports in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads only. Reports aggregate in SQL (GROUP BY over the index on
 * enrolments (course_id, created_at)), so a course of 100 000 people
 * comes back as a few hundred grouped rows, not 100 000.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"

/* ---- audit ---- */

#define AUDIT_DEFAULT_LIMIT 100

/* The next string after every string that starts with @prefix (which
 * ends in "."): "auth." → "auth/", so that a prefix is a range the
 * index on action can serve. */
static char *
prefix_upper_bound (const char *prefix)
{
  char *upper = g_strdup (prefix);

  upper[strlen (upper) - 1] = '.' + 1;
  return upper;
}

static GPtrArray *
sqlite_list_audit (RosterStorage           *storage,
                   const RosterAuditQuery  *query,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_audit_record_free);
  g_autoptr(GString) sql = NULL;
  g_autofree char *action_upper = NULL;
  gboolean action_prefix;
  sqlite3 *db;
  gboolean ok = FALSE;
  int rc;

  action_prefix = query->action != NULL && g_str_has_suffix (query->action, ".");
  if (action_prefix)
    action_upper = prefix_upper_bound (query->action);

  /* Only the filters asked for go into the statement (fixed fragments,
   * values bound), so that SQLite can pick the index that fits. */
  sql = g_string_new ("SELECT a.id, a.at, a.actor_id, a.action, a.course_id, a.target_user_id,"
                      "  a.object_type, a.object_id, a.remote_address, a.details,"
                      "  ua.username, ua.first_name, ua.last_name,"
                      "  ut.username, ut.first_name, ut.last_name, c.short_name"
                      " FROM audit_events a"
                      " LEFT JOIN users ua ON ua.id = a.actor_id"
                      " LEFT JOIN users ut ON ut.id = a.target_user_id"
                      " LEFT JOIN courses c ON c.id = a.course_id"
                      " WHERE a.at >= :since");
  if (query->course_id != 0)
    g_string_append (sql, " AND a.course_id = :course");
  if (query->user_id != 0)
    g_string_append (sql, " AND (a.actor_id = :user OR a.target_user_id = :user)");
  if (query->until != 0)
    g_string_append (sql, " AND a.at < :until");
  if (query->before_id != 0)
    g_string_append (sql, " AND a.id < :before");
  if (action_prefix)
    g_string_append (sql, " AND a.action >= :action AND a.action < :action_upper");
  else if (query->action != NULL)
    g_string_append (sql, " AND a.action = :action");
  g_string_append (sql, " ORDER BY a.id DESC LIMIT :limit");

  db = roster_sqlite_lease_acquire (&lease, self);
  stmt = roster_sqlite_prepare (db, sql->str, error);
  if (stmt == NULL)
    goto out;

  /* Parameters that are not in the statement have index 0: binding
   * them is a harmless no-op. */
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":since"), query->since);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":course"), query->course_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":user"), query->user_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":until"), query->until);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":before"), query->before_id);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":action"), query->action);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":action_upper"), action_upper);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"),
                      query->limit ? query->limit : AUDIT_DEFAULT_LIMIT);

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
      record->actor_username = roster_sqlite_column_dup (stmt, 10);
      record->actor_first_name = roster_sqlite_column_dup (stmt, 11);
      record->actor_last_name = roster_sqlite_column_dup (stmt, 12);
      record->target_username = roster_sqlite_column_dup (stmt, 13);
      record->target_first_name = roster_sqlite_column_dup (stmt, 14);
      record->target_last_name = roster_sqlite_column_dup (stmt, 15);
      record->course_short_name = roster_sqlite_column_dup (stmt, 16);
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "audit");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&records) : NULL;
}

/* ---- enrolment report ---- */

static gboolean
step_error (sqlite3     *db,
            int          rc,
            const char  *what,
            GError     **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  return roster_sqlite_set_error (error, db, rc, what);
}

/* Fills *first with the time of the course's first enrolment (0 when it
 * has none); ROSTER_ERROR_NOT_FOUND when there is no such course. */
static gboolean
read_course_start (sqlite3  *db,
                   gint64    course_id,
                   gint64   *first,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* min() over the (course_id, created_at) index is one lookup. */
  stmt = roster_sqlite_prepare (db,
                                "SELECT (SELECT min(created_at) FROM enrolments WHERE course_id = c.id)"
                                " FROM courses c WHERE c.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "report start");

  *first = sqlite3_column_int64 (stmt, 0);
  return TRUE;
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
read_methods (sqlite3                *db,
              gint64                  course_id,
              RosterEnrolmentReport  *report,
              GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT id, type, name FROM enrol_methods WHERE course_id = ?"
                                " ORDER BY sort_order, id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterReportMethod method = { 0, };

      method.id = sqlite3_column_int64 (stmt, 0);
      roster_method_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &method.type);
      method.name = roster_sqlite_column_dup (stmt, 2);
      g_array_append_val (report->methods, method);
      /* Every method has a total, an unused one too. */
      add_method_count (report->by_method, method.id, 0);
    }

  return step_error (db, rc, "report methods", error);
}

/* One pass over the course's enrolments gives both the series (the
 * ones made inside the range, by bucket) and the totals (all of them).
 * The rows are fetched in rowid order — the IN list is sorted — which
 * is the order of the file: fetched straight through the (course_id,
 * created_at) index they would come in time order, scattered over the
 * file, and with 100 000 of them that took twice as long. */
static gboolean
read_enrolments (sqlite3                *db,
                 gint64                  course_id,
                 gint64                  width,
                 RosterEnrolmentReport  *report,
                 GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT CASE WHEN e.created_at >= :start AND e.created_at < :end"
                                "         THEN (e.created_at - :start) / :width END,"
                                "  u.type, e.method_id, e.key_nickname, e.role, e.status, count(*)"
                                " FROM enrolments e JOIN users u ON u.id = e.user_id"
                                " WHERE e.rowid IN (SELECT rowid FROM enrolments WHERE course_id = :course)"
                                " GROUP BY 1, 2, 3, 4, 5, 6",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":start"), report->since);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":end"), report->until);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":width"), width);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":course"), course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 count = sqlite3_column_int64 (stmt, 6);
      gboolean has_type, has_method = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      gint64 method_id = sqlite3_column_int64 (stmt, 2);
      const char *nickname = (const char *) sqlite3_column_text (stmt, 3);
      RosterUserType type = ROSTER_USER_TYPE_STAFF;
      RosterRole role;
      RosterEnrolmentStatus status;

      has_type = roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &type);

      report->participants += count;
      if (has_type)
        report->by_type[type] += count;
      if (roster_role_from_string ((const char *) sqlite3_column_text (stmt, 4), &role))
        report->by_role[role] += count;
      if (roster_enrolment_status_from_string ((const char *) sqlite3_column_text (stmt, 5), &status))
        report->by_status[status] += count;
      if (has_method)
        add_method_count (report->by_method, method_id, count);

      /* NULL: made outside the range. */
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          gint64 index = sqlite3_column_int64 (stmt, 0);
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

  return step_error (db, rc, "report enrolments", error);
}

static gboolean
read_keys (sqlite3                *db,
           gint64                  course_id,
           RosterEnrolmentReport  *report,
           GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Counted through the index on enrolments (key_id). */
  stmt = roster_sqlite_prepare (db,
                                "SELECT k.id, k.nickname, k.method_id, k.active, k.uses, k.max_uses, k.expires_at,"
                                "  (SELECT count(*) FROM enrolments e WHERE e.key_id = k.id),"
                                "  (SELECT max(e.created_at) FROM enrolments e WHERE e.key_id = k.id)"
                                " FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id"
                                " WHERE m.course_id = ?"
                                " ORDER BY m.sort_order, m.id, k.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterReportKey key = {
        .id = sqlite3_column_int64 (stmt, 0),
        .nickname = roster_sqlite_column_dup (stmt, 1),
        .method_id = sqlite3_column_int64 (stmt, 2),
        .active = sqlite3_column_int (stmt, 3) != 0,
        .uses = sqlite3_column_int64 (stmt, 4),
        .max_uses = sqlite3_column_int64 (stmt, 5),
        .expires_at = sqlite3_column_int64 (stmt, 6),
        .enrolled = sqlite3_column_int64 (stmt, 7),
        .last_used_at = sqlite3_column_int64 (stmt, 8),
      };

      g_array_append_val (report->keys, key);
    }

  return step_error (db, rc, "report keys", error);
}

static RosterEnrolmentReport *
sqlite_enrolment_report (RosterStorage                     *storage,
                         const RosterEnrolmentReportQuery  *query,
                         GError                           **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(RosterEnrolmentReport) report = roster_enrolment_report_new ();
  gint64 width = roster_report_bucket_width (query->bucket);
  gint64 first = 0;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  report->course_id = query->course_id;
  report->bucket = query->bucket;

  /* A deferred transaction: one snapshot for every part of the report,
   * without taking the write lock. */
  if (!roster_sqlite_exec (db, "BEGIN", error) ||
      !read_course_start (db, query->course_id, &first, error) ||
      !roster_report_resolve_range (query->bucket, query->since, query->until, first, query->now,
                                    &report->since, &report->until, error))
    goto out;

  g_array_set_size (report->series, (report->until - report->since) / width);
  for (guint i = 0; i < report->series->len; i++)
    g_array_index (report->series, RosterReportPoint, i).start = report->since + i * width;

  /* The methods first: the totals list every one of them, in order. */
  ok = read_methods (db, query->course_id, report, error) &&
       read_enrolments (db, query->course_id, width, report, error) &&
       read_keys (db, query->course_id, report, error);

out:
  /* Nothing was written: ending the transaction either way is the same. */
  roster_sqlite_rollback (db);
  return ok ? g_steal_pointer (&report) : NULL;
}

void
roster_sqlite_reports_init (RosterStorageInterface *iface)
{
  iface->list_audit = sqlite_list_audit;
  iface->enrolment_report = sqlite_enrolment_report;
}
