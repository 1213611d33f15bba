/* roster-permissions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-permissions.h"

#define ML  (1u << ROSTER_ROLE_MODULE_LEADER)
#define TE  (1u << ROSTER_ROLE_TEACHER)
#define PS  (1u << ROSTER_ROLE_PROFESSIONAL_STAFF)
#define ST  (1u << ROSTER_ROLE_STUDENT)
#define GU  (1u << ROSTER_ROLE_GUEST)
#define EM  (1u << ROSTER_ROLE_EXTERNAL_MODERATOR)

/* PRODUCT.md §1: module leaders and departmental professional staff run
 * the course; (non-editing) teachers see participants and groups but no
 * keys and change no enrolment; external moderators see only the
 * submissions of their own groups; students and guests see the course. */
static const struct
{
  const char *name;
  guint       roles;
} course_caps[ROSTER_N_COURSE_CAPS] = {
  [ROSTER_CAP_COURSE_VIEW]             = { "course.view",             ML | TE | PS | ST | GU | EM },
  [ROSTER_CAP_PARTICIPANTS_VIEW]       = { "participants.view",       ML | TE | PS },
  [ROSTER_CAP_PARTICIPANTS_EXPORT]     = { "participants.export",     ML | TE | PS },
  [ROSTER_CAP_ENROLMENTS_MANAGE]       = { "enrolments.manage",       ML | PS },
  [ROSTER_CAP_METHODS_VIEW]            = { "methods.view",            ML | TE | PS },
  [ROSTER_CAP_METHODS_MANAGE]          = { "methods.manage",          ML | PS },
  [ROSTER_CAP_KEYS_REVEAL]             = { "keys.reveal",             ML | PS },
  [ROSTER_CAP_GROUPS_VIEW]             = { "groups.view",             ML | TE | PS },
  [ROSTER_CAP_GROUPS_MANAGE]           = { "groups.manage",           ML | PS },
  [ROSTER_CAP_GROUPS_ACCESS_ALL]       = { "groups.access_all",       ML | PS },
  [ROSTER_CAP_ASSIGNMENTS_VIEW]        = { "assignments.view",        ML | TE | PS | EM },
  [ROSTER_CAP_ASSIGNMENTS_MANAGE]      = { "assignments.manage",      ML | PS },
  [ROSTER_CAP_SUBMISSIONS_VIEW]        = { "submissions.view",        ML | TE | PS | EM },
  [ROSTER_CAP_SUBMISSIONS_PREVIEW_AS]  = { "submissions.preview_as",  ML | PS },
  [ROSTER_CAP_USERS_IMPORT]            = { "users.import",            ML | PS },
  [ROSTER_CAP_REPORTS_VIEW]            = { "reports.view",            ML | PS },
};

static const char * const site_cap_names[ROSTER_N_SITE_CAPS] = {
  [ROSTER_SITE_CAP_COURSES_VIEW_ALL] = "courses.view_all",
  [ROSTER_SITE_CAP_USERS_MANAGE]     = "users.manage",
  [ROSTER_SITE_CAP_AUDIT_VIEW]       = "audit.view",
};

gboolean
roster_permissions_course_allows (gboolean               is_site_admin,
                                  RosterRole             role,
                                  RosterCourseCapability cap)
{
  if ((guint) cap >= ROSTER_N_COURSE_CAPS)
    return FALSE;
  if (is_site_admin)
    return TRUE;
  if (role == ROSTER_ROLE_NONE || (guint) role >= ROSTER_N_ROLES)
    return FALSE;
  return (course_caps[cap].roles & (1u << role)) != 0;
}

gboolean
roster_permissions_site_allows (gboolean             is_site_admin,
                                RosterSiteCapability cap)
{
  return (guint) cap < ROSTER_N_SITE_CAPS && is_site_admin;
}

const char *
roster_course_capability_to_string (RosterCourseCapability cap)
{
  return (guint) cap < ROSTER_N_COURSE_CAPS ? course_caps[cap].name : NULL;
}

const char *
roster_site_capability_to_string (RosterSiteCapability cap)
{
  return (guint) cap < ROSTER_N_SITE_CAPS ? site_cap_names[cap] : NULL;
}
