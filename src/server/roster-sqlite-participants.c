/* roster-sqlite-participants.c: participants and enrolments in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"

/* The sort orders' SQL: a text or an integer value, then the enrolment
 * id to make every order total (and cursors exact). lower() folds ASCII
 * only; clients that need a collation for every script sort again. */
static const struct
{
  const char *expression;
  gboolean    is_text;
} sort_orders[] = {
  [ROSTER_PARTICIPANT_SORT_NAME] = { "lower(u.last_name) || char(31) || lower(u.first_name)", TRUE },
  [ROSTER_PARTICIPANT_SORT_EMAIL] = { "lower(coalesce(u.email, ''))", TRUE },
  [ROSTER_PARTICIPANT_SORT_LAST_ACCESS] = { "u.last_access", FALSE },
  [ROSTER_PARTICIPANT_SORT_ENROLLED] = { "e.created_at", FALSE },
};

/* The statement for @query. Every value is a parameter; only the choice
 * of fixed fragments (sort order, number of group placeholders) varies. */
static char *
participant_sql (const RosterParticipantQuery *query)
{
  const char *sort = sort_orders[query->sort].expression;
  const char *direction = query->descending ? "DESC" : "ASC";
  GString *sql = g_string_new (NULL);

  /* Two steps: the inner query finds the rows and their order from as
   * little as it can (the sort key of every candidate), the outer one
   * reads the details of the rows chosen only; joining the methods or
   * reading every column of all 100 000 candidates made a page ten
   * times slower. */
  g_string_append_printf (sql,
                          "SELECT e.id, u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,"
                          "  e.role, e.status, e.start_at, e.end_at, coalesce(e.method_id, 0), m.type, m.name,"
                          "  e.key_nickname, e.created_at, u.last_access, k.sort_value,"
                          "  (SELECT group_concat(g.id || char(31) || g.name, char(30))"
                          "     FROM group_members gm JOIN groups g ON g.id = gm.group_id"
                          "    WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)"
                          " FROM ("
                          "SELECT e.id AS enrolment_id, %s AS sort_value"
                          " FROM enrolments e"
                          " JOIN users u ON u.id = e.user_id"
                          " WHERE e.course_id = :course",
                          sort);

  /* Only the conditions in use: "(:x IS NULL OR …)" for the others made
   * SQLite sort every candidate in full instead of keeping the top rows. */
  if (query->query != NULL && *query->query != '\0')
    g_string_append (sql, " AND u.search_key LIKE :pattern ESCAPE '\\'");
  if (query->role != ROSTER_ROLE_NONE)
    g_string_append (sql, " AND e.role = :role");
  if (query->status >= 0)
    g_string_append (sql, " AND e.status = :status");
  if (query->user_type >= 0)
    g_string_append (sql, " AND u.type = :type");
  if (query->method_id > 0)
    g_string_append (sql, " AND e.method_id = :method");
  if (query->method_type >= 0)
    g_string_append (sql,
                     " AND e.method_id IN (SELECT id FROM enrol_methods"
                     "                      WHERE course_id = :course AND type = :method_type)");

  if (query->group_id > 0)
    g_string_append (sql,
                     " AND EXISTS (SELECT 1 FROM group_members gm"
                     "              WHERE gm.user_id = e.user_id AND gm.group_id = :group)");
  else if (query->group_id < 0)
    g_string_append (sql,
                     " AND NOT EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id"
                     "                  WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)");

  if (query->only_groups != NULL)
    {
      g_string_append (sql, " AND (e.user_id = :viewer");
      if (query->only_groups->len > 0)
        {
          g_string_append (sql,
                           " OR EXISTS (SELECT 1 FROM group_members gm"
                           "             WHERE gm.user_id = e.user_id AND gm.group_id IN (");
          for (guint i = 0; i < query->only_groups->len; i++)
            g_string_append (sql, i ? ", ?" : "?");
          g_string_append (sql, "))");
        }
      g_string_append (sql, ")");
    }

  if (query->has_after)
    g_string_append_printf (sql, " AND (%s, e.id) %s (:after_value, :after_id)",
                            sort, query->descending ? "<" : ">");

  g_string_append_printf (sql, " ORDER BY %s %s, e.id %s", sort, direction, direction);
  if (query->limit > 0)
    g_string_append (sql, " LIMIT :limit");

  g_string_append_printf (sql,
                          ") k"
                          " JOIN enrolments e ON e.id = k.enrolment_id"
                          " JOIN users u ON u.id = e.user_id"
                          " LEFT JOIN enrol_methods m ON m.id = e.method_id"
                          " ORDER BY k.sort_value %s, k.enrolment_id %s",
                          direction, direction);

  return g_string_free (sql, FALSE);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    roster_sqlite_bind_text (stmt, index, value);
}

static void
bind_named_int (sqlite3_stmt *stmt,
                const char   *name,
                gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_query (sqlite3_stmt                  *stmt,
            const RosterParticipantQuery  *query)
{
  g_autofree char *pattern = NULL;
  int first_group;

  if (query->query != NULL && *query->query != '\0')
    pattern = roster_storage_like_pattern (query->query);

  bind_named_int (stmt, ":course", query->course_id);
  bind_named_text (stmt, ":pattern", pattern);
  bind_named_text (stmt, ":role", query->role != ROSTER_ROLE_NONE ? roster_role_to_string (query->role) : NULL);
  bind_named_text (stmt, ":status", query->status >= 0 ? roster_enrolment_status_to_string (query->status) : NULL);
  bind_named_text (stmt, ":type", query->user_type >= 0 ? roster_user_type_to_string (query->user_type) : NULL);
  if (query->method_id > 0)
    bind_named_int (stmt, ":method", query->method_id);
  bind_named_text (stmt, ":method_type",
                   query->method_type >= 0 ? roster_method_type_to_string (query->method_type) : NULL);
  if (query->group_id > 0)
    bind_named_int (stmt, ":group", query->group_id);
  if (query->only_groups != NULL)
    bind_named_int (stmt, ":viewer", query->only_also_user_id);

  /* The group ids are the anonymous parameters, right after :viewer. */
  first_group = sqlite3_bind_parameter_index (stmt, ":viewer") + 1;
  for (guint i = 0; query->only_groups != NULL && i < query->only_groups->len; i++)
    sqlite3_bind_int64 (stmt, first_group + i, g_array_index (query->only_groups, gint64, i));

  if (query->has_after)
    {
      if (sort_orders[query->sort].is_text)
        bind_named_text (stmt, ":after_value", query->after_text ? query->after_text : "");
      else
        bind_named_int (stmt, ":after_value", query->after_int);
      bind_named_int (stmt, ":after_id", query->after_id);
    }
  if (query->limit > 0)
    bind_named_int (stmt, ":limit", query->limit);
}

static gboolean
sqlite_foreach_participant (RosterStorage                 *storage,
                            const RosterParticipantQuery  *query,
                            RosterParticipantFunc          func,
                            gpointer                       user_data,
                            GError                       **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) callback_error = NULL;
  g_autofree char *sql = participant_sql (query);
  gboolean unlimited = query->limit == 0;
  gboolean ok = FALSE;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail ((guint) query->sort < G_N_ELEMENTS (sort_orders), FALSE);

  if (unlimited)
    db = roster_sqlite_lease_acquire_reader (&lease, self);
  else
    db = roster_sqlite_lease_acquire (&lease, self);

  stmt = roster_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    goto out;
  bind_query (stmt, query);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterParticipantRow row = {
        .enrolment_id = sqlite3_column_int64 (stmt, 0),
        .user_id = sqlite3_column_int64 (stmt, 1),
        .username = (const char *) sqlite3_column_text (stmt, 2),
        .email = (const char *) sqlite3_column_text (stmt, 3),
        .first_name = (const char *) sqlite3_column_text (stmt, 4),
        .last_name = (const char *) sqlite3_column_text (stmt, 5),
        .start_at = sqlite3_column_int64 (stmt, 10),
        .end_at = sqlite3_column_int64 (stmt, 11),
        .method_id = sqlite3_column_int64 (stmt, 12),
        .method_name = (const char *) sqlite3_column_text (stmt, 14),
        .key_nickname = (const char *) sqlite3_column_text (stmt, 15),
        .enrolled_at = sqlite3_column_int64 (stmt, 16),
        .last_access = sqlite3_column_int64 (stmt, 17),
        .groups = (const char *) sqlite3_column_text (stmt, 19),
      };

      /* CHECK constraints keep these columns to known values. */
      roster_user_type_from_string ((const char *) sqlite3_column_text (stmt, 6), &row.user_type);
      roster_user_state_from_string ((const char *) sqlite3_column_text (stmt, 7), &row.user_state);
      roster_role_from_string ((const char *) sqlite3_column_text (stmt, 8), &row.role);
      roster_enrolment_status_from_string ((const char *) sqlite3_column_text (stmt, 9), &row.status);
      if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
        roster_method_type_from_string ((const char *) sqlite3_column_text (stmt, 13), &row.method_type);
      if (sort_orders[query->sort].is_text)
        row.sort_text = (const char *) sqlite3_column_text (stmt, 18);
      else
        row.sort_int = sqlite3_column_int64 (stmt, 18);

      if (!func (&row, user_data, &callback_error))
        {
          if (callback_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&callback_error));
              goto out;
            }
          break;
        }
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "participants");
  else
    ok = TRUE;

out:
  return ok;
}

/* ---- enrolments ---- */

static RosterEnrolment *
get_enrolment_locked (sqlite3  *db,
                      gint64    enrolment_id,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterEnrolment *enrolment;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT id, course_id, user_id, role, status, start_at, end_at,"
                                "  coalesce(method_id, 0), key_nickname, created_at"
                                " FROM enrolments WHERE id = ?",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, enrolment_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "enrolment");
      return NULL;
    }

  enrolment = g_new0 (RosterEnrolment, 1);
  enrolment->id = sqlite3_column_int64 (stmt, 0);
  enrolment->course_id = sqlite3_column_int64 (stmt, 1);
  enrolment->user_id = sqlite3_column_int64 (stmt, 2);
  roster_role_from_string ((const char *) sqlite3_column_text (stmt, 3), &enrolment->role);
  roster_enrolment_status_from_string ((const char *) sqlite3_column_text (stmt, 4), &enrolment->status);
  enrolment->start_at = sqlite3_column_int64 (stmt, 5);
  enrolment->end_at = sqlite3_column_int64 (stmt, 6);
  enrolment->method_id = sqlite3_column_int64 (stmt, 7);
  enrolment->key_nickname = roster_sqlite_column_dup (stmt, 8);
  enrolment->created_at = sqlite3_column_int64 (stmt, 9);

  return enrolment;
}

static RosterEnrolment *
sqlite_get_enrolment (RosterStorage  *storage,
                      gint64          enrolment_id,
                      GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  RosterEnrolment *enrolment = get_enrolment_locked (db, enrolment_id, error);

  return enrolment;
}

gint64
roster_sqlite_manual_method (sqlite3  *db,
                             gint64    course_id,
                             GError  **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) make = NULL;
  int rc;

  find = roster_sqlite_prepare (db,
                                "SELECT id FROM enrol_methods WHERE course_id = ? AND type = 'manual'"
                                " ORDER BY sort_order LIMIT 1",
                                error);
  if (find == NULL)
    return 0;
  sqlite3_bind_int64 (find, 1, course_id);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "manual method");
      return 0;
    }

  make = roster_sqlite_prepare (db,
                                "INSERT INTO enrol_methods (course_id, type, sort_order, enabled, default_role, created_at)"
                                " VALUES (?, 'manual',"
                                "   (SELECT coalesce(max(sort_order) + 1, 0) FROM enrol_methods WHERE course_id = ?),"
                                "   1, 'student', ?)",
                                error);
  if (make == NULL)
    return 0;
  sqlite3_bind_int64 (make, 1, course_id);
  sqlite3_bind_int64 (make, 2, course_id);
  sqlite3_bind_int64 (make, 3, roster_sqlite_now ());
  if (!roster_sqlite_step_done (db, make, "manual method", error))
    return 0;

  return sqlite3_last_insert_rowid (db);
}

static gint64
sqlite_create_enrolment (RosterStorage           *storage,
                         gint64                   course_id,
                         gint64                   user_id,
                         RosterRole               role,
                         RosterEnrolmentStatus    status,
                         gint64                   start_at,
                         gint64                   end_at,
                         const RosterAuditEvent  *audit,
                         GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) user = NULL;
  g_autoptr(sqlite3_stmt) existing = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 method_id;
  gint64 id = 0;
  int rc;

  if (!roster_sqlite_begin (db, error))
    goto out;

  user = roster_sqlite_prepare (db, "SELECT state FROM users WHERE id = ?", error);
  if (user == NULL)
    goto out;
  sqlite3_bind_int64 (user, 1, user_id);
  rc = sqlite3_step (user);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "enrol");
      goto out;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (user, 0), "erased") == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has been erased and cannot be enrolled."));
      goto out;
    }

  existing = roster_sqlite_prepare (db, "SELECT id FROM enrolments WHERE course_id = ? AND user_id = ?", error);
  if (existing == NULL)
    goto out;
  sqlite3_bind_int64 (existing, 1, course_id);
  sqlite3_bind_int64 (existing, 2, user_id);
  rc = sqlite3_step (existing);
  if (rc == SQLITE_ROW)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This person is already enrolled in the course."));
      goto out;
    }
  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "enrol");
      goto out;
    }

  method_id = roster_sqlite_manual_method (db, course_id, error);
  if (method_id == 0)
    goto out;

  insert = roster_sqlite_prepare (db,
                                  "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at,"
                                  "  method_id, created_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (insert == NULL)
    goto out;
  sqlite3_bind_int64 (insert, 1, course_id);
  sqlite3_bind_int64 (insert, 2, user_id);
  roster_sqlite_bind_text (insert, 3, roster_role_to_string (role));
  roster_sqlite_bind_text (insert, 4, roster_enrolment_status_to_string (status));
  sqlite3_bind_int64 (insert, 5, start_at);
  sqlite3_bind_int64 (insert, 6, end_at);
  sqlite3_bind_int64 (insert, 7, method_id);
  sqlite3_bind_int64 (insert, 8, roster_sqlite_now ());
  if (!roster_sqlite_step_done (db, insert, "enrol", error))
    goto out;

  id = sqlite3_last_insert_rowid (db);
  {
    RosterAuditEvent event = *audit;

    event.object_id = id;
    if (!roster_sqlite_insert_audit (db, &event, 0, error) || !roster_sqlite_commit (db, error))
      id = 0;
  }

out:
  if (id == 0)
    roster_sqlite_rollback (db);
  return id;
}

static gboolean
sqlite_update_enrolment (RosterStorage                *storage,
                         gint64                        enrolment_id,
                         const RosterEnrolmentChange  *change,
                         const RosterAuditEvent       *audit,
                         GError                      **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE enrolments SET"
                                "  role = CASE WHEN :set_role THEN :role ELSE role END,"
                                "  status = CASE WHEN :set_status THEN :status ELSE status END,"
                                "  start_at = CASE WHEN :set_start THEN :start ELSE start_at END,"
                                "  end_at = CASE WHEN :set_end THEN :end ELSE end_at END"
                                " WHERE id = :id",
                                error);
  if (stmt == NULL)
    goto out;

  bind_named_int (stmt, ":set_role", change->set_role);
  bind_named_text (stmt, ":role", roster_role_to_string (change->set_role ? change->role : ROSTER_ROLE_STUDENT));
  bind_named_int (stmt, ":set_status", change->set_status);
  bind_named_text (stmt, ":status", roster_enrolment_status_to_string (change->set_status ? change->status
                                                                                          : ROSTER_ENROLMENT_ACTIVE));
  bind_named_int (stmt, ":set_start", change->set_start_at);
  bind_named_int (stmt, ":start", change->start_at);
  bind_named_int (stmt, ":set_end", change->set_end_at);
  bind_named_int (stmt, ":end", change->end_at);
  bind_named_int (stmt, ":id", enrolment_id);

  if (!roster_sqlite_step_done (db, stmt, "update enrolment", error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      goto out;
    }

  ok = roster_sqlite_insert_audit (db, audit, 0, error) && roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static gboolean
sqlite_delete_enrolment (RosterStorage           *storage,
                         gint64                   enrolment_id,
                         const RosterAuditEvent  *audit,
                         GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  /* Leaving a course means leaving its groups too. */
  groups = roster_sqlite_prepare (db,
                                  "DELETE FROM group_members WHERE rowid IN ("
                                  "  SELECT gm.rowid FROM group_members gm"
                                  "    JOIN groups g ON g.id = gm.group_id"
                                  "    JOIN enrolments e ON e.course_id = g.course_id AND e.user_id = gm.user_id"
                                  "   WHERE e.id = ?)",
                                  error);
  stmt = roster_sqlite_prepare (db, "DELETE FROM enrolments WHERE id = ?", error);
  if (groups == NULL || stmt == NULL)
    goto out;
  sqlite3_bind_int64 (groups, 1, enrolment_id);
  sqlite3_bind_int64 (stmt, 1, enrolment_id);

  if (!roster_sqlite_step_done (db, groups, "unenrol", error) ||
      !roster_sqlite_step_done (db, stmt, "unenrol", error))
    goto out;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      goto out;
    }

  ok = roster_sqlite_insert_audit (db, audit, 0, error) && roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

void
roster_sqlite_participants_init (RosterStorageInterface *iface)
{
  iface->foreach_participant = sqlite_foreach_participant;
  iface->create_enrolment = sqlite_create_enrolment;
  iface->get_enrolment = sqlite_get_enrolment;
  iface->update_enrolment = sqlite_update_enrolment;
  iface->delete_enrolment = sqlite_delete_enrolment;
}
