/* roster-group.h: a group of people in one course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_GROUP (roster_group_get_type ())

G_DECLARE_FINAL_TYPE (RosterGroup, roster_group, ROSTER, GROUP, GObject)

RosterGroup *roster_group_new                (void);
/* Reads what roster_group_to_json() writes; "id" and "name" are
 * required, the rest optional (a submission lists its student's groups
 * with only those two). */
RosterGroup *roster_group_new_from_json      (JsonObject   *object,
                                              GError      **error);
/* { id, course_id, name, description, member_count } */
void         roster_group_to_json            (RosterGroup  *self,
                                              JsonBuilder  *builder);
/* { id, name }: where a group is only named. */
void         roster_group_to_json_brief      (RosterGroup  *self,
                                              JsonBuilder  *builder);

gint64       roster_group_get_id             (RosterGroup  *self);
void         roster_group_set_id             (RosterGroup  *self,
                                              gint64        id);
gint64       roster_group_get_course_id      (RosterGroup  *self);
void         roster_group_set_course_id      (RosterGroup  *self,
                                              gint64        course_id);
const char  *roster_group_get_name           (RosterGroup  *self);
void         roster_group_set_name           (RosterGroup  *self,
                                              const char   *name);
const char  *roster_group_get_description    (RosterGroup  *self);
void         roster_group_set_description    (RosterGroup  *self,
                                              const char   *description);
gint64       roster_group_get_member_count   (RosterGroup  *self);
void         roster_group_set_member_count   (RosterGroup  *self,
                                              gint64        member_count);

G_END_DECLS
