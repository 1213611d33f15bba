/* roster-access.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"

gboolean
roster_access_course (RosterContext           *ctx,
                      RosterUser              *user,
                      gint64                   course_id,
                      RosterCourseCapability   cap,
                      RosterCourseAccess      *access,
                      GError                 **error)
{
  g_autoptr(RosterCourse) course = NULL;
  gboolean admin = roster_user_get_is_site_admin (user);

  course = roster_storage_get_course (ctx->storage, course_id, roster_user_get_id (user), error);
  if (course == NULL)
    return FALSE;

  if (!roster_permissions_course_allows (admin, roster_course_get_my_role (course), ROSTER_CAP_COURSE_VIEW))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such course."));
      return FALSE;
    }

  if (!roster_permissions_course_allows (admin, roster_course_get_my_role (course), cap))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                           _("Your role in this course does not allow this."));
      return FALSE;
    }

  if (access != NULL)
    {
      access->course_id = course_id;
      access->role = roster_course_get_my_role (course);
      access->site_admin = admin;
      access->group_mode = roster_course_get_group_mode (course);
      access->group_mode_forced = roster_course_get_group_mode_forced (course);
    }

  return TRUE;
}

gboolean
roster_access_allows (const RosterCourseAccess *access,
                      RosterCourseCapability    cap)
{
  return roster_permissions_course_allows (access->site_admin, access->role, cap);
}

gboolean
roster_access_site (RosterUser            *user,
                    RosterSiteCapability   cap,
                    GError               **error)
{
  if (roster_permissions_site_allows (roster_user_get_is_site_admin (user), cap))
    return TRUE;

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                       _("Only site administrators may do this."));
  return FALSE;
}
