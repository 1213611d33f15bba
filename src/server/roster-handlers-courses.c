/* roster-handlers-courses.c: /courses, /courses/{cid}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-permissions.h"

static void
list_courses_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  gboolean admin = roster_user_get_is_site_admin (user);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) courses = NULL;
  g_autoptr(GError) error = NULL;

  courses = roster_storage_list_courses (ctx->storage, roster_user_get_id (user),
                                         roster_permissions_site_allows (admin, ROSTER_SITE_CAP_COURSES_VIEW_ALL),
                                         roster_request_get_query (request, "q"), &error);
  if (courses == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "courses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < courses->len; i++)
    roster_course_to_json (g_ptr_array_index (courses, i), builder, admin);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
get_course_cb (RosterContext *ctx,
               RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  gboolean admin = roster_user_get_is_site_admin (user);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  gint64 course_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  course = roster_storage_get_course (ctx->storage, course_id, roster_user_get_id (user), &error);

  /* A course the caller may not see answers exactly like one that does
   * not exist, so ids cannot be probed. */
  if (course != NULL &&
      !roster_permissions_course_allows (admin, roster_course_get_my_role (course),
                                         ROSTER_CAP_COURSE_VIEW))
    {
      g_clear_object (&course);
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
    }

  if (course == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  roster_course_to_json (course, builder, admin);
  roster_request_respond_builder (request, 200, builder);
}

static const RosterRoute course_routes[] = {
  { "GET", "/api/v1/courses", list_courses_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/courses/{cid}", get_course_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_courses (RosterRouter *router)
{
  roster_router_add (router, course_routes, G_N_ELEMENTS (course_routes));
}
