/* roster-pg-courses.c: courses and course roles in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-courses.c: the same statements and rules.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"
#include "roster-text.h"

/* The viewer's role comes from a current, active enrolment only: a
 * suspended or ended enrolment shows no course. $1 is the viewer, $2
 * the time. */
#define COURSE_SELECT \
  "SELECT c.id, c.short_name, c.full_name, d.name, c.group_mode, c.group_mode_forced, e.role," \
  "  (SELECT count(*) FROM enrolments x WHERE x.course_id = c.id)" \
  " FROM courses c" \
  " LEFT JOIN departments d ON d.id = c.department_id" \
  " LEFT JOIN enrolments e ON e.course_id = c.id AND e.user_id = $1 AND e.status = 'active'" \
  "   AND (e.start_at = 0 OR e.start_at <= $2) AND (e.end_at = 0 OR e.end_at > $2)"

static RosterCourse *
course_from_row (const PGresult *result,
                 int             row)
{
  RosterCourse *course = roster_course_new ();
  RosterGroupMode mode = ROSTER_GROUP_MODE_NONE;
  RosterRole role = ROSTER_ROLE_NONE;

  roster_course_set_id (course, roster_pg_get_int (result, row, 0));
  roster_course_set_short_name (course, roster_pg_get_text (result, row, 1));
  roster_course_set_full_name (course, roster_pg_get_text (result, row, 2));
  roster_course_set_department (course, roster_pg_get_text (result, row, 3));
  roster_group_mode_from_string (roster_pg_get_text (result, row, 4), &mode);
  roster_course_set_group_mode (course, mode);
  roster_course_set_group_mode_forced (course, roster_pg_get_bool (result, row, 5));
  if (!PQgetisnull (result, row, 6))
    roster_role_from_string (roster_pg_get_text (result, row, 6), &role);
  roster_course_set_my_role (course, role);
  roster_course_set_participant_count (course, roster_pg_get_int (result, row, 7));

  return course;
}

/* A LIKE pattern finding @query anywhere, with LIKE's own characters
 * taken literally. */
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

static GPtrArray *
pg_list_courses (RosterStorage  *storage,
                 gint64          viewer_id,
                 gboolean        all_courses,
                 const char     *query,
                 GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) courses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *pattern = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  if (query != NULL && *query != '\0')
    pattern = like_pattern (query);

  roster_pg_add_int (&params, viewer_id);
  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_bool (&params, all_courses);
  roster_pg_add_text (&params, pattern);
  result = roster_pg_query (conn,
                            COURSE_SELECT
                            " WHERE ($3::integer = 1 OR e.id IS NOT NULL)"
                            "   AND ($4::text IS NULL OR c.search_key LIKE $4 ESCAPE '\\')"
                            " ORDER BY c.short_name",
                            &params, "list courses", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (courses, course_from_row (result, i));

  return g_steal_pointer (&courses);
}

static RosterCourse *
pg_get_course (RosterStorage  *storage,
               gint64          course_id,
               gint64          viewer_id,
               GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, viewer_id);
  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_int (&params, course_id);
  result = roster_pg_query (conn, COURSE_SELECT " WHERE c.id = $3", &params, "get course", error);
  if (result == NULL)
    return NULL;

  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
      return NULL;
    }

  return course_from_row (result, 0);
}

static GPtrArray *
pg_list_course_roles (RosterStorage  *storage,
                      gint64          user_id,
                      GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) roles = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_course_role_free);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, roster_pg_now ());
  result = roster_pg_query (conn,
                            "SELECT c.id, c.short_name, e.role FROM enrolments e"
                            " JOIN courses c ON c.id = e.course_id"
                            " WHERE e.user_id = $1 AND e.status = 'active'"
                            "   AND (e.start_at = 0 OR e.start_at <= $2)"
                            "   AND (e.end_at = 0 OR e.end_at > $2)"
                            " ORDER BY c.short_name",
                            &params, "course roles", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      RosterCourseRole *role = g_new0 (RosterCourseRole, 1);

      role->course_id = roster_pg_get_int (result, i, 0);
      role->short_name = roster_pg_get_dup (result, i, 1);
      roster_role_from_string (roster_pg_get_text (result, i, 2), &role->role);
      g_ptr_array_add (roles, role);
    }

  return g_steal_pointer (&roles);
}

void
roster_pg_courses_init (RosterStorageInterface *iface)
{
  iface->list_courses = pg_list_courses;
  iface->get_course = pg_get_course;
  iface->list_course_roles = pg_list_course_roles;
}
