/* roster-pg-participants.c: participants and enrolments in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-participants.c: the same statements and
 * rules. A whole course is streamed a row at a time (single-row mode),
 * so memory does not grow with the course, on a reader connection when
 * there is no limit, as in SQLite.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"

/* The sort orders' SQL: a text or an integer value, then the enrolment
 * id to make every order total (and cursors exact). lower() under the
 * columns' "C" collation folds ASCII only, as in SQLite; clients that
 * need a collation for every script sort again. */
static const struct
{
  const char *expression;
  gboolean    is_text;
} sort_orders[] = {
  [ROSTER_PARTICIPANT_SORT_NAME] = { "lower(u.last_name) || chr(31) || lower(u.first_name)", TRUE },
  [ROSTER_PARTICIPANT_SORT_EMAIL] = { "lower(coalesce(u.email, ''))", TRUE },
  [ROSTER_PARTICIPANT_SORT_LAST_ACCESS] = { "u.last_access", FALSE },
  [ROSTER_PARTICIPANT_SORT_ENROLLED] = { "e.created_at", FALSE },
};

/* The statement for @query, its parameters added to @params as their
 * numbers appear. Every value is a parameter; only the choice of fixed
 * fragments varies. */
static char *
participant_sql (const RosterParticipantQuery *query,
                 RosterPgParams               *params)
{
  const char *sort = sort_orders[query->sort].expression;
  const char *direction = query->descending ? "DESC" : "ASC";
  GString *sql = g_string_new (NULL);

  /* Two steps, as in SQLite: the inner query finds the rows and their
   * order from as little as it can, the outer one reads the details of
   * the rows chosen only. $1 is the course throughout. */
  roster_pg_add_int (params, query->course_id);
  g_string_append_printf (sql,
                          "SELECT e.id, u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,"
                          "  e.role, e.status, e.start_at, e.end_at, coalesce(e.method_id, 0), m.type, m.name,"
                          "  e.key_nickname, e.created_at, u.last_access, k.sort_value,"
                          "  (SELECT string_agg(g.id || chr(31) || g.name, chr(30))"
                          "     FROM group_members gm JOIN groups g ON g.id = gm.group_id"
                          "    WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)"
                          " FROM ("
                          "SELECT e.id AS enrolment_id, %s AS sort_value"
                          " FROM enrolments e"
                          " JOIN users u ON u.id = e.user_id"
                          " WHERE e.course_id = $1",
                          sort);

  if (query->query != NULL && *query->query != '\0')
    {
      g_autofree char *pattern = roster_storage_like_pattern (query->query);

      roster_pg_add_text (params, pattern);
      g_string_append_printf (sql, " AND u.search_key LIKE $%u ESCAPE '\\'", params->n);
    }
  if (query->role != ROSTER_ROLE_NONE)
    {
      roster_pg_add_text (params, roster_role_to_string (query->role));
      g_string_append_printf (sql, " AND e.role = $%u", params->n);
    }
  if (query->status >= 0)
    {
      roster_pg_add_text (params, roster_enrolment_status_to_string (query->status));
      g_string_append_printf (sql, " AND e.status = $%u", params->n);
    }
  if (query->user_type >= 0)
    {
      roster_pg_add_text (params, roster_user_type_to_string (query->user_type));
      g_string_append_printf (sql, " AND u.type = $%u", params->n);
    }
  if (query->method_id > 0)
    {
      roster_pg_add_int (params, query->method_id);
      g_string_append_printf (sql, " AND e.method_id = $%u", params->n);
    }
  if (query->method_type >= 0)
    {
      roster_pg_add_text (params, roster_method_type_to_string (query->method_type));
      g_string_append_printf (sql,
                              " AND e.method_id IN (SELECT id FROM enrol_methods"
                              "                      WHERE course_id = $1 AND type = $%u)",
                              params->n);
    }

  if (query->group_id > 0)
    {
      roster_pg_add_int (params, query->group_id);
      g_string_append_printf (sql,
                              " AND EXISTS (SELECT 1 FROM group_members gm"
                              "              WHERE gm.user_id = e.user_id AND gm.group_id = $%u)",
                              params->n);
    }
  else if (query->group_id < 0)
    g_string_append (sql,
                     " AND NOT EXISTS (SELECT 1 FROM group_members gm JOIN groups g ON g.id = gm.group_id"
                     "                  WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)");

  if (query->only_groups != NULL)
    {
      roster_pg_add_int (params, query->only_also_user_id);
      roster_pg_add_ids (params, query->only_groups);
      g_string_append_printf (sql,
                              " AND (e.user_id = $%u"
                              "      OR EXISTS (SELECT 1 FROM group_members gm"
                              "                  WHERE gm.user_id = e.user_id AND gm.group_id = ANY ($%u::bigint[])))",
                              params->n - 1, params->n);
    }

  if (query->has_after)
    {
      if (sort_orders[query->sort].is_text)
        roster_pg_add_text (params, query->after_text ? query->after_text : "");
      else
        roster_pg_add_int (params, query->after_int);
      roster_pg_add_int (params, query->after_id);
      g_string_append_printf (sql, " AND (%s, e.id) %s ($%u, $%u)",
                              sort, query->descending ? "<" : ">", params->n - 1, params->n);
    }

  g_string_append_printf (sql, " ORDER BY %s %s, e.id %s", sort, direction, direction);
  if (query->limit > 0)
    {
      roster_pg_add_int (params, query->limit);
      g_string_append_printf (sql, " LIMIT $%u", params->n);
    }

  g_string_append_printf (sql,
                          ") k"
                          " JOIN enrolments e ON e.id = k.enrolment_id"
                          " JOIN users u ON u.id = e.user_id"
                          " LEFT JOIN enrol_methods m ON m.id = e.method_id"
                          " ORDER BY k.sort_value %s, k.enrolment_id %s",
                          direction, direction);

  return g_string_free (sql, FALSE);
}

typedef struct
{
  const RosterParticipantQuery *query;
  RosterParticipantFunc         func;
  gpointer                      user_data;
} Stream;

static gboolean
participant_row (const PGresult  *result,
                 gpointer         data,
                 GError         **error)
{
  Stream *stream = data;
  RosterParticipantRow row = {
    .enrolment_id = roster_pg_get_int (result, 0, 0),
    .user_id = roster_pg_get_int (result, 0, 1),
    .username = roster_pg_get_text (result, 0, 2),
    .email = roster_pg_get_text (result, 0, 3),
    .first_name = roster_pg_get_text (result, 0, 4),
    .last_name = roster_pg_get_text (result, 0, 5),
    .start_at = roster_pg_get_int (result, 0, 10),
    .end_at = roster_pg_get_int (result, 0, 11),
    .method_id = roster_pg_get_int (result, 0, 12),
    .method_name = roster_pg_get_text (result, 0, 14),
    .key_nickname = roster_pg_get_text (result, 0, 15),
    .enrolled_at = roster_pg_get_int (result, 0, 16),
    .last_access = roster_pg_get_int (result, 0, 17),
    .groups = roster_pg_get_text (result, 0, 19),
  };

  /* CHECK constraints keep these columns to known values. */
  roster_user_type_from_string (roster_pg_get_text (result, 0, 6), &row.user_type);
  roster_user_state_from_string (roster_pg_get_text (result, 0, 7), &row.user_state);
  roster_role_from_string (roster_pg_get_text (result, 0, 8), &row.role);
  roster_enrolment_status_from_string (roster_pg_get_text (result, 0, 9), &row.status);
  if (!PQgetisnull (result, 0, 13))
    roster_method_type_from_string (roster_pg_get_text (result, 0, 13), &row.method_type);
  if (sort_orders[stream->query->sort].is_text)
    row.sort_text = roster_pg_get_text (result, 0, 18);
  else
    row.sort_int = roster_pg_get_int (result, 0, 18);

  return stream->func (&row, stream->user_data, error);
}

static gboolean
pg_foreach_participant (RosterStorage                 *storage,
                        const RosterParticipantQuery  *query,
                        RosterParticipantFunc          func,
                        gpointer                       user_data,
                        GError                       **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *sql = NULL;
  Stream stream = { query, func, user_data };
  PGconn *conn;

  g_return_val_if_fail ((guint) query->sort < G_N_ELEMENTS (sort_orders), FALSE);

  sql = participant_sql (query, &params);
  if (query->limit == 0)
    conn = roster_pg_lease_acquire_reader (&lease, ROSTER_PG_STORAGE (storage));
  else
    conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  return roster_pg_foreach_row (conn, sql, &params, "participants", participant_row, &stream, error);
}

/* ---- enrolments ---- */

static RosterEnrolment *
pg_get_enrolment (RosterStorage  *storage,
                  gint64          enrolment_id,
                  GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterEnrolment *enrolment;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, enrolment_id);
  result = roster_pg_query (conn,
                            "SELECT id, course_id, user_id, role, status, start_at, end_at,"
                            "  coalesce(method_id, 0), key_nickname, created_at"
                            " FROM enrolments WHERE id = $1",
                            &params, "enrolment", error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      return NULL;
    }

  enrolment = g_new0 (RosterEnrolment, 1);
  enrolment->id = roster_pg_get_int (result, 0, 0);
  enrolment->course_id = roster_pg_get_int (result, 0, 1);
  enrolment->user_id = roster_pg_get_int (result, 0, 2);
  roster_role_from_string (roster_pg_get_text (result, 0, 3), &enrolment->role);
  roster_enrolment_status_from_string (roster_pg_get_text (result, 0, 4), &enrolment->status);
  enrolment->start_at = roster_pg_get_int (result, 0, 5);
  enrolment->end_at = roster_pg_get_int (result, 0, 6);
  enrolment->method_id = roster_pg_get_int (result, 0, 7);
  enrolment->key_nickname = roster_pg_get_dup (result, 0, 8);
  enrolment->created_at = roster_pg_get_int (result, 0, 9);

  return enrolment;
}

gint64
roster_pg_manual_method (PGconn   *conn,
                         gint64    course_id,
                         GError  **error)
{
  g_auto(RosterPgParams) find = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) make = ROSTER_PG_PARAMS_INIT;
  gint64 id = 0;

  roster_pg_add_int (&find, course_id);
  if (!roster_pg_query_int (conn,
                            "SELECT id FROM enrol_methods WHERE course_id = $1 AND type = 'manual'"
                            " ORDER BY sort_order LIMIT 1",
                            &find, "manual method", NULL, &id, error))
    return 0;
  if (id != 0)
    return id;

  roster_pg_add_int (&make, course_id);
  roster_pg_add_int (&make, roster_pg_now ());
  if (!roster_pg_query_int (conn,
                            "INSERT INTO enrol_methods (course_id, type, sort_order, enabled, default_role, created_at)"
                            " VALUES ($1, 'manual',"
                            "   (SELECT coalesce(max(sort_order) + 1, 0) FROM enrol_methods WHERE course_id = $1),"
                            "   1, 'student', $2)"
                            " RETURNING id",
                            &make, "manual method", NULL, &id, error))
    return 0;

  return id;
}

typedef struct
{
  gint64                  course_id;
  gint64                  user_id;
  RosterRole              role;
  RosterEnrolmentStatus   status;
  gint64                  start_at;
  gint64                  end_at;
  const RosterAuditEvent *audit;
  gint64                  id;
} CreateEnrolment;

static gboolean
create_enrolment_work (PGconn    *conn,
                       gpointer   data,
                       GError   **error)
{
  CreateEnrolment *create = data;
  g_auto(RosterPgParams) user = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) existing = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) insert = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) state = NULL;
  gint64 found = 0, method_id;

  create->id = 0;

  roster_pg_add_int (&user, create->user_id);
  state = roster_pg_query (conn, "SELECT state FROM users WHERE id = $1", &user, "enrol", error);
  if (state == NULL)
    return FALSE;
  if (PQntuples (state) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }
  if (g_strcmp0 (roster_pg_get_text (state, 0, 0), "erased") == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has been erased and cannot be enrolled."));
      return FALSE;
    }

  roster_pg_add_int (&existing, create->course_id);
  roster_pg_add_int (&existing, create->user_id);
  if (!roster_pg_query_int (conn, "SELECT id FROM enrolments WHERE course_id = $1 AND user_id = $2",
                            &existing, "enrol", NULL, &found, error))
    return FALSE;
  if (found != 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This person is already enrolled in the course."));
      return FALSE;
    }

  method_id = roster_pg_manual_method (conn, create->course_id, error);
  if (method_id == 0)
    return FALSE;

  roster_pg_add_int (&insert, create->course_id);
  roster_pg_add_int (&insert, create->user_id);
  roster_pg_add_text (&insert, roster_role_to_string (create->role));
  roster_pg_add_text (&insert, roster_enrolment_status_to_string (create->status));
  roster_pg_add_int (&insert, create->start_at);
  roster_pg_add_int (&insert, create->end_at);
  roster_pg_add_int (&insert, method_id);
  roster_pg_add_int (&insert, roster_pg_now ());
  if (!roster_pg_query_int (conn,
                            "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at,"
                            "  method_id, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                            &insert, "enrol", NULL, &create->id, error))
    return FALSE;

  {
    RosterAuditEvent event = *create->audit;

    event.object_id = create->id;
    return roster_pg_insert_audit (conn, &event, 0, error);
  }
}

static gint64
pg_create_enrolment (RosterStorage           *storage,
                     gint64                   course_id,
                     gint64                   user_id,
                     RosterRole               role,
                     RosterEnrolmentStatus    status,
                     gint64                   start_at,
                     gint64                   end_at,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  CreateEnrolment create = { course_id, user_id, role, status, start_at, end_at, audit, 0 };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_enrolment_work, &create, error))
    return 0;

  return create.id;
}

typedef struct
{
  gint64                       enrolment_id;
  const RosterEnrolmentChange *change;
  const RosterAuditEvent      *audit;
} EnrolmentChange;

static gboolean
update_enrolment_work (PGconn    *conn,
                       gpointer   data,
                       GError   **error)
{
  EnrolmentChange *update = data;
  const RosterEnrolmentChange *change = update->change;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 changes = 0;

  roster_pg_add_bool (&params, change->set_role);
  roster_pg_add_text (&params, roster_role_to_string (change->set_role ? change->role : ROSTER_ROLE_STUDENT));
  roster_pg_add_bool (&params, change->set_status);
  roster_pg_add_text (&params, roster_enrolment_status_to_string (change->set_status ? change->status
                                                                                     : ROSTER_ENROLMENT_ACTIVE));
  roster_pg_add_bool (&params, change->set_start_at);
  roster_pg_add_int (&params, change->start_at);
  roster_pg_add_bool (&params, change->set_end_at);
  roster_pg_add_int (&params, change->end_at);
  roster_pg_add_int (&params, update->enrolment_id);
  if (!roster_pg_exec_changes (conn,
                               "UPDATE enrolments SET"
                               "  role = CASE WHEN $1::integer = 1 THEN $2 ELSE role END,"
                               "  status = CASE WHEN $3::integer = 1 THEN $4 ELSE status END,"
                               "  start_at = CASE WHEN $5::integer = 1 THEN $6::bigint ELSE start_at END,"
                               "  end_at = CASE WHEN $7::integer = 1 THEN $8::bigint ELSE end_at END"
                               " WHERE id = $9",
                               &params, "update enrolment", &changes, error))
    return FALSE;

  if (changes == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      return FALSE;
    }

  return roster_pg_insert_audit (conn, update->audit, 0, error);
}

static gboolean
pg_update_enrolment (RosterStorage                *storage,
                     gint64                        enrolment_id,
                     const RosterEnrolmentChange  *change,
                     const RosterAuditEvent       *audit,
                     GError                      **error)
{
  EnrolmentChange update = { enrolment_id, change, audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                update_enrolment_work, &update, error);
}

static gboolean
delete_enrolment_work (PGconn    *conn,
                       gpointer   data,
                       GError   **error)
{
  EnrolmentChange *delete = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 changes = 0;

  /* Leaving a course means leaving its groups too. */
  roster_pg_add_int (&params, delete->enrolment_id);
  if (!roster_pg_exec (conn,
                       "DELETE FROM group_members gm USING groups g, enrolments e"
                       " WHERE g.id = gm.group_id AND e.course_id = g.course_id AND e.user_id = gm.user_id"
                       "   AND e.id = $1",
                       &params, "unenrol", error) ||
      !roster_pg_exec_changes (conn, "DELETE FROM enrolments WHERE id = $1", &params, "unenrol",
                               &changes, error))
    return FALSE;

  if (changes == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
      return FALSE;
    }

  return roster_pg_insert_audit (conn, delete->audit, 0, error);
}

static gboolean
pg_delete_enrolment (RosterStorage           *storage,
                     gint64                   enrolment_id,
                     const RosterAuditEvent  *audit,
                     GError                 **error)
{
  EnrolmentChange delete = { enrolment_id, NULL, audit };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                delete_enrolment_work, &delete, error);
}

void
roster_pg_participants_init (RosterStorageInterface *iface)
{
  iface->foreach_participant = pg_foreach_participant;
  iface->create_enrolment = pg_create_enrolment;
  iface->get_enrolment = pg_get_enrolment;
  iface->update_enrolment = pg_update_enrolment;
  iface->delete_enrolment = pg_delete_enrolment;
}
