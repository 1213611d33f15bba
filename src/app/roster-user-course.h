/* roster-user-course.h: one enrolment of a person, as their profile
 * lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_USER_COURSE (roster_user_course_get_type ())

G_DECLARE_FINAL_TYPE (RosterUserCourse, roster_user_course, ROSTER, USER_COURSE, GObject)

RosterUserCourse      *roster_user_course_new_from_json       (JsonObject        *object,
                                                               GError           **error);
/* The enrolment's id. */
gint64                 roster_user_course_get_id              (RosterUserCourse  *self);
gint64                 roster_user_course_get_course_id       (RosterUserCourse  *self);
const char            *roster_user_course_get_short_name      (RosterUserCourse  *self);
const char            *roster_user_course_get_full_name       (RosterUserCourse  *self);
RosterRole             roster_user_course_get_role            (RosterUserCourse  *self);
RosterEnrolmentStatus  roster_user_course_get_status          (RosterUserCourse  *self);
gint64                 roster_user_course_get_enrolled_at     (RosterUserCourse  *self);

G_END_DECLS
