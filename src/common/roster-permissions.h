/* roster-permissions.h: the one table of who may do what
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

/* Capabilities inside one course. A site administrator has all of them
 * in every course; everyone else has what their course role grants. */
typedef enum
{
  ROSTER_CAP_COURSE_VIEW,
  ROSTER_CAP_PARTICIPANTS_VIEW,
  ROSTER_CAP_PARTICIPANTS_EXPORT,
  ROSTER_CAP_ENROLMENTS_MANAGE,
  ROSTER_CAP_METHODS_VIEW,
  ROSTER_CAP_METHODS_MANAGE,
  ROSTER_CAP_KEYS_REVEAL,
  ROSTER_CAP_GROUPS_VIEW,
  ROSTER_CAP_GROUPS_MANAGE,
  ROSTER_CAP_GROUPS_ACCESS_ALL,
  ROSTER_CAP_ASSIGNMENTS_VIEW,
  ROSTER_CAP_ASSIGNMENTS_MANAGE,
  ROSTER_CAP_SUBMISSIONS_VIEW,
  ROSTER_CAP_SUBMISSIONS_PREVIEW_AS,
  ROSTER_CAP_USERS_IMPORT,
  ROSTER_CAP_REPORTS_VIEW,
} RosterCourseCapability;

#define ROSTER_N_COURSE_CAPS (ROSTER_CAP_REPORTS_VIEW + 1)

/* Capabilities across the site: only site administrators have them. */
typedef enum
{
  ROSTER_SITE_CAP_COURSES_VIEW_ALL,
  ROSTER_SITE_CAP_USERS_MANAGE,
  ROSTER_SITE_CAP_AUDIT_VIEW,
} RosterSiteCapability;

#define ROSTER_N_SITE_CAPS (ROSTER_SITE_CAP_AUDIT_VIEW + 1)

gboolean    roster_permissions_course_allows        (gboolean                is_site_admin,
                                                     RosterRole              role,
                                                     RosterCourseCapability  cap);
gboolean    roster_permissions_site_allows          (gboolean                is_site_admin,
                                                     RosterSiteCapability    cap);
const char *roster_course_capability_to_string      (RosterCourseCapability  cap);
const char *roster_site_capability_to_string        (RosterSiteCapability    cap);

G_END_DECLS
