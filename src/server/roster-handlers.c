/* roster-handlers.c: the whole API, area by area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-handlers.h"

void
roster_handlers_add_all (RosterRouter *router)
{
  roster_handlers_add_auth (router);
  roster_handlers_add_courses (router);
  roster_handlers_add_participants (router);
  roster_handlers_add_enrolments (router);
  roster_handlers_add_methods (router);
  roster_handlers_add_groups (router);
  roster_handlers_add_users (router);
  roster_handlers_add_audit (router);
  roster_handlers_add_imports (router);
  roster_handlers_add_keys_import (router);
}

gboolean
roster_handlers_course_access (RosterContext           *ctx,
                               RosterRequest           *request,
                               const char              *param,
                               RosterCourseCapability   cap,
                               RosterCourseAccess      *access,
                               GError                 **error)
{
  gint64 course_id;

  return roster_request_get_id_param (request, param, &course_id, error) &&
         roster_access_course (ctx, roster_request_get_user (request), course_id, cap, access, error);
}
