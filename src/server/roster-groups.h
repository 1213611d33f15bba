/* roster-groups.h: who sees whose work, by groups (PRODUCT.md §3, seed 000)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A course, and each activity in it, has a group mode:
 *
 *   none      groups do not limit anyone;
 *   separate  a viewer whose role lacks "groups.access_all" (teachers,
 *             external moderators) sees only the students who share a
 *             group with them: none at all when they are in no group;
 *   visible   such a viewer may see everyone, but is shown the students
 *             of their own groups until they choose otherwise.
 *
 * Module leaders, professional staff and site administrators have
 * "groups.access_all" and see everyone whatever the mode. An activity's
 * mode is the course's when the course forces it
 * (roster_group_mode_effective() in roster-assignment.h).
 */

#pragma once

#include "roster-access.h"

G_BEGIN_DECLS

/* Whom a view shows. */
typedef enum
{
  ROSTER_GROUP_SCOPE_EVERYONE,    /* no limit by groups */
  ROSTER_GROUP_SCOPE_OWN_GROUPS,  /* the students of any of the viewer's groups */
  ROSTER_GROUP_SCOPE_GROUP,       /* the students of one group */
} RosterGroupScope;

/* What a viewer asked for with "group=": nothing (the default view),
 * "all", or a group id (> 0). */
#define ROSTER_GROUP_FILTER_DEFAULT  G_GINT64_CONSTANT (0)
#define ROSTER_GROUP_FILTER_ALL      G_GINT64_CONSTANT (-1)

typedef struct
{
  RosterGroupScope scope;
  gint64           group_id;        /* for ROSTER_GROUP_SCOPE_GROUP */
  /* Which groups the viewer may pick from: every group of the course,
   * or (under separate groups, without access to all) only their own. */
  gboolean         any_group;
} RosterGroupView;

/* TRUE when @mode keeps a viewer without access to all groups to the
 * students of their own groups: the whole visibility rule in one line. */
gboolean roster_groups_limits_to_own  (gboolean                   access_all,
                                       RosterGroupMode            mode);

/* The pure rule behind GET /assignments/{aid}/submissions: from the
 * viewer's rights, the mode in force, the viewer's groups, the course's
 * groups and the requested filter, decides what is shown. Errors:
 * ROSTER_ERROR_INVALID_REQUEST for a group id that is not a group of
 * the course; ROSTER_ERROR_FORBIDDEN for a group the viewer may not
 * choose (separate groups, not their own). */
gboolean roster_groups_resolve_view   (gboolean                   access_all,
                                       RosterGroupMode            mode,
                                       const GArray              *own_group_ids,
                                       const GArray              *course_group_ids,
                                       gint64                     requested,
                                       RosterGroupView           *view,
                                       GError                   **error);

/* Whether @viewer_access (the caller's, or a previewed person's) has
 * "groups.access_all" in its course. */
gboolean roster_groups_access_all     (const RosterCourseAccess  *viewer_access);

/* The groups whose members @viewer_id may see in the course of
 * @viewer_access under @effective_mode (the course's own mode for
 * course-wide lists such as participants; an activity's effective mode
 * for its submissions).
 *
 * On success *@group_ids is NULL when groups do not limit the viewer
 * (access to all groups, or mode none or visible), else a new array of
 * the viewer's group ids (gint64), possibly empty: then they see nobody.
 * The caller frees it with g_array_unref(). Reads the viewer's groups
 * from storage only when it has to. */
gboolean roster_groups_visible_groups (RosterContext             *ctx,
                                       const RosterCourseAccess  *viewer_access,
                                       gint64                     viewer_id,
                                       RosterGroupMode            effective_mode,
                                       GArray                   **group_ids,
                                       GError                   **error);

G_END_DECLS
