/* roster-assignment.h: an assignment (the minimal activity) and its group mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_ASSIGNMENT (roster_assignment_get_type ())

G_DECLARE_FINAL_TYPE (RosterAssignment, roster_assignment, ROSTER, ASSIGNMENT, GObject)

/* The group mode that applies to an activity: the course's when the
 * course forces its mode, else the activity's own. */
RosterGroupMode    roster_group_mode_effective                     (RosterGroupMode    course_mode,
                                                                    gboolean           course_forced,
                                                                    RosterGroupMode    own_mode);

RosterAssignment  *roster_assignment_new                           (void);
RosterAssignment  *roster_assignment_new_from_json                 (JsonObject        *object,
                                                                    GError           **error);
/* { id, course_id, name, due_at, group_mode, effective_group_mode,
 *   forced, submission_count } */
void               roster_assignment_to_json                       (RosterAssignment  *self,
                                                                    JsonBuilder       *builder);

gint64             roster_assignment_get_id                        (RosterAssignment  *self);
void               roster_assignment_set_id                        (RosterAssignment  *self,
                                                                    gint64             id);
gint64             roster_assignment_get_course_id                 (RosterAssignment  *self);
void               roster_assignment_set_course_id                 (RosterAssignment  *self,
                                                                    gint64             course_id);
const char        *roster_assignment_get_name                      (RosterAssignment  *self);
void               roster_assignment_set_name                      (RosterAssignment  *self,
                                                                    const char        *name);
gint64             roster_assignment_get_due_at                    (RosterAssignment  *self);
void               roster_assignment_set_due_at                    (RosterAssignment  *self,
                                                                    gint64             due_at);
/* The assignment's own mode, kept even while the course forces another. */
RosterGroupMode    roster_assignment_get_group_mode                (RosterAssignment  *self);
void               roster_assignment_set_group_mode                (RosterAssignment  *self,
                                                                    RosterGroupMode    mode);
RosterGroupMode    roster_assignment_get_course_group_mode         (RosterAssignment  *self);
void               roster_assignment_set_course_group_mode         (RosterAssignment  *self,
                                                                    RosterGroupMode    mode);
/* Whether the course forces its group mode on this assignment. */
gboolean           roster_assignment_get_forced                    (RosterAssignment  *self);
void               roster_assignment_set_forced                    (RosterAssignment  *self,
                                                                    gboolean           forced);
RosterGroupMode    roster_assignment_get_effective_group_mode      (RosterAssignment  *self);
/* How many submissions the viewer it was counted for may see. */
gint64             roster_assignment_get_submission_count          (RosterAssignment  *self);
void               roster_assignment_set_submission_count          (RosterAssignment  *self,
                                                                    gint64             count);

G_END_DECLS
