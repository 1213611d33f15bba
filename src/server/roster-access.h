/* roster-access.h: may this caller do this here? The permission table
 * (roster-permissions.h) applied to a signed-in user and a course.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-context.h"
#include "roster-permissions.h"

G_BEGIN_DECLS

/* What the caller is in one course. */
typedef struct
{
  gint64      course_id;
  RosterRole  role;            /* ROSTER_ROLE_NONE when not enrolled */
  gboolean    site_admin;
  RosterGroupMode group_mode;  /* the course's */
  gboolean    group_mode_forced;
} RosterCourseAccess;

/* Checks that @user may use @cap in @course_id. A course the user may not
 * see at all gives ROSTER_ERROR_NOT_FOUND (exactly like a course that
 * does not exist, so ids cannot be probed); a visible course without the
 * capability gives ROSTER_ERROR_FORBIDDEN. On success fills @access. */
gboolean roster_access_course   (RosterContext           *ctx,
                                 RosterUser              *user,
                                 gint64                   course_id,
                                 RosterCourseCapability   cap,
                                 RosterCourseAccess      *access,
                                 GError                 **error);
/* What a role may do, for a caller already known to see the course. */
gboolean roster_access_allows   (const RosterCourseAccess *access,
                                 RosterCourseCapability    cap);
/* Site administration: ROSTER_ERROR_FORBIDDEN for everyone else. */
gboolean roster_access_site     (RosterUser              *user,
                                 RosterSiteCapability     cap,
                                 GError                 **error);

G_END_DECLS
