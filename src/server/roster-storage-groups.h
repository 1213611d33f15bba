/* roster-storage-groups.h: the records the groups part of RosterStorage takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include "roster-assignment.h"
#include "roster-group.h"
#include "roster-submission.h"
#include "roster-types.h"

G_BEGIN_DECLS

/* A member of a group, with their role in the group's course. */
typedef struct
{
  RosterUser *user;
  RosterRole  role;            /* ROSTER_ROLE_NONE once no longer enrolled */
  gint64      added_at;
} RosterGroupMember;

void roster_group_member_free (RosterGroupMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterGroupMember, roster_group_member_free)

/* What PATCH /assignments/{aid} changes; the rest stays. */
typedef struct
{
  const char      *name;           /* NULL: unchanged */
  gboolean         set_group_mode;
  RosterGroupMode  group_mode;
  gboolean         set_due_at;
  gint64           due_at;         /* 0: no due date */
} RosterAssignmentChange;

G_END_DECLS
