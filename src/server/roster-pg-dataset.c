/* roster-pg-dataset.c: loading a RosterDataset in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With COPY … FROM STDIN: one round trip per table rather than one per
 * row, which is what makes a 100 000-row dataset load in seconds over a
 * network. The rows are data in COPY's text format, never SQL: each
 * field is escaped (copy_text) and NULL is \N.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include "roster-dataset.h"
#include "roster-pg-private.h"
#include "roster-text.h"

/* Sent to the server whenever this much has built up. */
#define FLUSH_SIZE (256 * 1024)

typedef struct
{
  PGconn   *conn;
  GString  *buffer;
  gboolean  first;   /* no field yet on this line */
} Copy;

static void
separate (Copy *copy)
{
  if (!copy->first)
    g_string_append_c (copy->buffer, '\t');
  copy->first = FALSE;
}

static void
copy_text (Copy       *copy,
           const char *value)
{
  separate (copy);
  if (value == NULL)
    {
      g_string_append (copy->buffer, "\\N");
      return;
    }

  for (const char *p = value; *p; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (copy->buffer, "\\\\");
        break;
      case '\t':
        g_string_append (copy->buffer, "\\t");
        break;
      case '\n':
        g_string_append (copy->buffer, "\\n");
        break;
      case '\r':
        g_string_append (copy->buffer, "\\r");
        break;
      default:
        g_string_append_c (copy->buffer, *p);
        break;
      }
}

static void
copy_int (Copy   *copy,
          gint64  value)
{
  separate (copy);
  g_string_append_printf (copy->buffer, "%" G_GINT64_FORMAT, value);
}

/* 0 as NULL, as roster_pg_add_id(). */
static void
copy_id (Copy   *copy,
         gint64  id)
{
  if (id == 0)
    copy_text (copy, NULL);
  else
    copy_int (copy, id);
}

static void
copy_bool (Copy     *copy,
           gboolean  value)
{
  copy_int (copy, value ? 1 : 0);
}

static void
copy_bytes (Copy   *copy,
            GBytes *value)
{
  static const char hex[] = "0123456789abcdef";
  const guint8 *data;
  gsize size = 0;

  if (value == NULL)
    {
      copy_text (copy, NULL);
      return;
    }

  /* BYTEA's text form is \x…, and COPY wants its backslash doubled. */
  separate (copy);
  g_string_append (copy->buffer, "\\\\x");
  data = g_bytes_get_data (value, &size);
  for (gsize i = 0; i < size; i++)
    {
      g_string_append_c (copy->buffer, hex[data[i] >> 4]);
      g_string_append_c (copy->buffer, hex[data[i] & 0xf]);
    }
}

static gboolean
flush (Copy     *copy,
       GError  **error)
{
  if (copy->buffer->len > 0 &&
      PQputCopyData (copy->conn, copy->buffer->str, (int) copy->buffer->len) != 1)
    return roster_pg_set_error (error, copy->conn, NULL, "load dataset");

  g_string_truncate (copy->buffer, 0);
  return TRUE;
}

static gboolean
end_row (Copy     *copy,
         GError  **error)
{
  g_string_append_c (copy->buffer, '\n');
  copy->first = TRUE;

  return copy->buffer->len < FLUSH_SIZE || flush (copy, error);
}

static gboolean
copy_begin (Copy        *copy,
            PGconn      *conn,
            const char  *sql,
            GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);

  copy->conn = conn;
  copy->buffer = g_string_new (NULL);
  copy->first = TRUE;

  if (PQresultStatus (result) != PGRES_COPY_IN)
    return roster_pg_set_error (error, conn, result, "load dataset");
  return TRUE;
}

/* Ends the COPY: @ok FALSE abandons it (the transaction fails anyway). */
static gboolean
copy_end (Copy      *copy,
          gboolean   ok,
          GError   **error)
{
  PGresult *result;
  gboolean done = ok;

  if (ok)
    ok = flush (copy, error);
  g_string_free (g_steal_pointer (&copy->buffer), TRUE);

  if (PQputCopyEnd (copy->conn, ok ? NULL : "abandoned") != 1 && ok)
    ok = roster_pg_set_error (error, copy->conn, NULL, "load dataset");

  /* Every result must be read before the connection takes another
   * statement. */
  while ((result = PQgetResult (copy->conn)) != NULL)
    {
      if (ok && PQresultStatus (result) != PGRES_COMMAND_OK)
        ok = roster_pg_set_error (error, copy->conn, result, "load dataset");
      PQclear (result);
    }

  return ok && done;
}

static gboolean
load_departments (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn, "COPY departments (id, name) FROM STDIN", error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetDepartment *row = &g_array_index (rows, RosterDatasetDepartment, i);

      copy_int (&copy, row->id);
      copy_text (&copy, row->name);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_users (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY users (id, username, username_key, email, email_key, first_name,"
                            "  last_name, idnumber, search_key, type, state, password_hash, site_admin,"
                            "  failed_logins, locked_until, created_at, last_access) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetUser *row = &g_array_index (rows, RosterDatasetUser, i);
      g_autofree char *username_key = roster_text_identity_key (row->username);
      g_autofree char *email_key = roster_text_identity_key (row->email);
      g_autofree char *joined = g_strjoin ("\x1f", row->first_name ? row->first_name : "",
                                           row->last_name ? row->last_name : "",
                                           row->username, row->email ? row->email : "", NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      copy_int (&copy, row->id);
      copy_text (&copy, row->username);
      copy_text (&copy, username_key);
      copy_text (&copy, row->email);
      copy_text (&copy, email_key);
      copy_text (&copy, row->first_name ? row->first_name : "");
      copy_text (&copy, row->last_name ? row->last_name : "");
      copy_text (&copy, row->idnumber);
      copy_text (&copy, search_key);
      copy_text (&copy, roster_user_type_to_string (row->type));
      copy_text (&copy, roster_user_state_to_string (row->state));
      copy_text (&copy, row->password_hash);
      copy_bool (&copy, row->site_admin);
      copy_int (&copy, row->failed_logins);
      copy_int (&copy, row->locked_until);
      copy_int (&copy, row->created_at);
      copy_int (&copy, row->last_access);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_courses (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY courses (id, short_name, full_name, search_key, department_id,"
                            "  group_mode, group_mode_forced, created_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetCourse *row = &g_array_index (rows, RosterDatasetCourse, i);
      g_autofree char *joined = g_strjoin ("\x1f", row->short_name, row->full_name, NULL);
      g_autofree char *search_key = roster_text_search_key (joined);

      copy_int (&copy, row->id);
      copy_text (&copy, row->short_name);
      copy_text (&copy, row->full_name);
      copy_text (&copy, search_key);
      copy_id (&copy, row->department_id);
      copy_text (&copy, roster_group_mode_to_string (row->group_mode));
      copy_bool (&copy, row->group_mode_forced);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_methods (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY enrol_methods (id, course_id, type, sort_order, name, enabled,"
                            "  default_role, enrol_start, enrol_end, enrol_duration, max_enrolled,"
                            "  welcome_message, notify_admins, created_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetMethod *row = &g_array_index (rows, RosterDatasetMethod, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->course_id);
      copy_text (&copy, roster_method_type_to_string (row->type));
      copy_int (&copy, row->sort_order);
      copy_text (&copy, row->name);
      copy_bool (&copy, row->enabled);
      copy_text (&copy, roster_role_to_string (row->default_role));
      copy_int (&copy, row->enrol_start);
      copy_int (&copy, row->enrol_end);
      copy_int (&copy, row->enrol_duration);
      copy_int (&copy, row->max_enrolled);
      copy_text (&copy, row->welcome_message);
      copy_bool (&copy, row->notify_admins);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_groups (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn, "COPY groups (id, course_id, name, created_at) FROM STDIN", error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetGroup *row = &g_array_index (rows, RosterDatasetGroup, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->course_id);
      copy_text (&copy, row->name);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_keys (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY enrol_keys (id, method_id, nickname, secret_sealed, secret_lookup,"
                            "  active, group_id, expires_at, max_uses, uses, created_by, created_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetKey *row = &g_array_index (rows, RosterDatasetKey, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->method_id);
      copy_text (&copy, row->nickname);
      copy_bytes (&copy, row->secret_sealed);
      copy_text (&copy, row->secret_lookup);
      copy_bool (&copy, row->active);
      copy_id (&copy, row->group_id);
      copy_int (&copy, row->expires_at);
      copy_int (&copy, row->max_uses);
      copy_int (&copy, row->uses);
      copy_id (&copy, row->created_by);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_enrolments (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY enrolments (id, course_id, user_id, role, status, start_at, end_at,"
                            "  method_id, key_id, key_nickname, created_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetEnrolment *row = &g_array_index (rows, RosterDatasetEnrolment, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->course_id);
      copy_int (&copy, row->user_id);
      copy_text (&copy, roster_role_to_string (row->role));
      copy_text (&copy, roster_enrolment_status_to_string (row->status));
      copy_int (&copy, row->start_at);
      copy_int (&copy, row->end_at);
      copy_id (&copy, row->method_id);
      copy_id (&copy, row->key_id);
      copy_text (&copy, row->key_nickname);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_members (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn, "COPY group_members (group_id, user_id, added_at) FROM STDIN", error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetMember *row = &g_array_index (rows, RosterDatasetMember, i);

      copy_int (&copy, row->group_id);
      copy_int (&copy, row->user_id);
      copy_int (&copy, row->added_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_assignments (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY assignments (id, course_id, name, group_mode, due_at, created_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetAssignment *row = &g_array_index (rows, RosterDatasetAssignment, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->course_id);
      copy_text (&copy, row->name);
      copy_text (&copy, roster_group_mode_to_string (row->group_mode));
      copy_int (&copy, row->due_at);
      copy_int (&copy, row->created_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_submissions (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY submissions (assignment_id, user_id, status, submitted_at) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetSubmission *row = &g_array_index (rows, RosterDatasetSubmission, i);

      copy_int (&copy, row->assignment_id);
      copy_int (&copy, row->user_id);
      copy_text (&copy, row->status);
      copy_int (&copy, row->submitted_at);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

static gboolean
load_removal_requests (PGconn *conn, GArray *rows, GError **error)
{
  Copy copy;
  gboolean ok = copy_begin (&copy, conn,
                            "COPY removal_requests (id, user_id, requested_at, reason, status,"
                            " decided_by, decided_at, decision_reason) FROM STDIN",
                            error);

  for (guint i = 0; ok && i < rows->len; i++)
    {
      const RosterDatasetRemovalRequest *row = &g_array_index (rows, RosterDatasetRemovalRequest, i);

      copy_int (&copy, row->id);
      copy_int (&copy, row->user_id);
      copy_int (&copy, row->requested_at);
      copy_text (&copy, row->reason);
      copy_text (&copy, row->status);
      copy_id (&copy, row->decided_by);
      copy_int (&copy, row->decided_at);
      copy_text (&copy, row->decision_reason);
      ok = end_row (&copy, error);
    }

  return copy_end (&copy, ok, error);
}

/* The rows came with their ids: the identities' sequences must start
 * past them, or the next row made the usual way would take one. */
static gboolean
move_sequences (PGconn  *conn,
                GError **error)
{
  static const char * const tables[] = {
    "departments", "users", "courses", "enrol_methods", "groups", "enrol_keys",
    "enrolments", "assignments", "submissions", "removal_requests",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* The names are the constants above, never data. */
      g_autofree char *sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'),"
                                              " COALESCE ((SELECT max (id) FROM %s), 0) + 1, false)",
                                              tables[i], tables[i]);

      if (!roster_pg_exec (conn, sql, NULL, "load dataset", error))
        return FALSE;
    }

  return TRUE;
}

/* In dependency order, so foreign keys hold at every row. */
gboolean
roster_pg_load_dataset (PGconn         *conn,
                        RosterDataset  *dataset,
                        GError        **error)
{
  return load_departments (conn, dataset->departments, error) &&
         load_users (conn, dataset->users, error) &&
         load_courses (conn, dataset->courses, error) &&
         load_methods (conn, dataset->methods, error) &&
         load_groups (conn, dataset->groups, error) &&
         load_keys (conn, dataset->keys, error) &&
         load_enrolments (conn, dataset->enrolments, error) &&
         load_members (conn, dataset->members, error) &&
         load_assignments (conn, dataset->assignments, error) &&
         load_submissions (conn, dataset->submissions, error) &&
         load_removal_requests (conn, dataset->removal_requests, error) &&
         move_sequences (conn, error);
}
