/* roster-sqlite-courses.c: courses and course roles in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-sqlite-storage.h"
#include "roster-text.h"

/* ---- courses ---- */

/* The viewer's role comes from a current, active enrolment only: a
 * suspended or ended enrolment shows no course. */
#define COURSE_SELECT \
  "SELECT c.id, c.short_name, c.full_name, d.name, c.group_mode, c.group_mode_forced, e.role," \
  "  (SELECT count(*) FROM enrolments x WHERE x.course_id = c.id)" \
  " FROM courses c" \
  " LEFT JOIN departments d ON d.id = c.department_id" \
  " LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = :viewer AND e.status = 'active'" \
  "   AND (e.start_at = 0 OR e.start_at <= :now) AND (e.end_at = 0 OR e.end_at > :now)"

static RosterCourse *
course_from_row (sqlite3_stmt *stmt)
{
  RosterCourse *course = roster_course_new ();
  RosterGroupMode mode = ROSTER_GROUP_MODE_NONE;
  RosterRole role = ROSTER_ROLE_NONE;

  roster_course_set_id (course, sqlite3_column_int64 (stmt, 0));
  roster_course_set_short_name (course, (const char *) sqlite3_column_text (stmt, 1));
  roster_course_set_full_name (course, (const char *) sqlite3_column_text (stmt, 2));
  roster_course_set_department (course, (const char *) sqlite3_column_text (stmt, 3));
  roster_group_mode_from_string ((const char *) sqlite3_column_text (stmt, 4), &mode);
  roster_course_set_group_mode (course, mode);
  roster_course_set_group_mode_forced (course, sqlite3_column_int (stmt, 5) != 0);
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    roster_role_from_string ((const char *) sqlite3_column_text (stmt, 6), &role);
  roster_course_set_my_role (course, role);
  roster_course_set_participant_count (course, sqlite3_column_int64 (stmt, 7));

  return course;
}

static char *
like_pattern (const char *query)
{
  g_autofree char *key = roster_text_search_key (query);
  GString *pattern = g_string_new ("%");

  for (const char *p = key; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

GPtrArray *
roster_sqlite_list_courses (RosterStorage  *storage,
                            gint64          viewer_id,
                            gboolean        all_courses,
                            const char     *query,
                            GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                COURSE_SELECT
                                " WHERE (:all OR e.id IS NOT NULL)"
                                "   AND (:pattern IS NULL OR c.search_key LIKE :pattern ESCAPE '\\')"
                                " ORDER BY c.short_name",
                                error);
  if (stmt == NULL)
    goto out;

  if (query != NULL && *query != '\0')
    pattern = like_pattern (query);

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":viewer"), viewer_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), roster_sqlite_now ());
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":all"), all_courses ? 1 : 0);
  roster_sqlite_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":pattern"), pattern);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (courses, course_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list courses");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&courses) : NULL;
}

RosterCourse *
roster_sqlite_get_course (RosterStorage  *storage,
                          gint64          course_id,
                          gint64          viewer_id,
                          GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterCourse *course = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, COURSE_SELECT " WHERE c.id = :course", error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":viewer"), viewer_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), roster_sqlite_now ());
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":course"), course_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    course = course_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
  else
    roster_sqlite_set_error (error, db, rc, "get course");

out:
  return course;
}

GPtrArray *
roster_sqlite_list_course_roles (RosterStorage  *storage,
                                 gint64          user_id,
                                 GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_course_role_free);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT c.id, c.short_name, e.role FROM enrolments e"
                                " JOIN courses c ON c.id = e.course_id"
                                " WHERE e.user_id = :user AND e.status = 'active'"
                                "   AND (e.start_at = 0 OR e.start_at <= :now)"
                                "   AND (e.end_at = 0 OR e.end_at > :now)"
                                " ORDER BY c.short_name",
                                error);
  if (stmt == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":user"), user_id);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":now"), roster_sqlite_now ());

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RosterCourseRole *role = g_new0 (RosterCourseRole, 1);

      role->course_id = sqlite3_column_int64 (stmt, 0);
      role->short_name = roster_sqlite_column_dup (stmt, 1);
      roster_role_from_string ((const char *) sqlite3_column_text (stmt, 2), &role->role);
      g_ptr_array_add (roles, role);
    }

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "course roles");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&roles) : NULL;
}
