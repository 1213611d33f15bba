/* roster-course.h: a course, as the API shows it to one viewer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_COURSE (roster_course_get_type ())

G_DECLARE_FINAL_TYPE (RosterCourse, roster_course, ROSTER, COURSE, GObject)

RosterCourse    *roster_course_new                   (void);
RosterCourse    *roster_course_new_from_json         (JsonObject    *object,
                                                      GError       **error);
/* Writes the course with the viewer's role and what that role may do
 * here, so a client can hide what it may not use. */
void             roster_course_to_json               (RosterCourse  *self,
                                                      JsonBuilder   *builder,
                                                      gboolean       viewer_is_site_admin);

gint64           roster_course_get_id                (RosterCourse  *self);
void             roster_course_set_id                (RosterCourse  *self,
                                                      gint64         id);
const char      *roster_course_get_short_name        (RosterCourse  *self);
void             roster_course_set_short_name        (RosterCourse  *self,
                                                      const char    *short_name);
const char      *roster_course_get_full_name         (RosterCourse  *self);
void             roster_course_set_full_name         (RosterCourse  *self,
                                                      const char    *full_name);
const char      *roster_course_get_department        (RosterCourse  *self);
void             roster_course_set_department        (RosterCourse  *self,
                                                      const char    *department);
RosterGroupMode  roster_course_get_group_mode        (RosterCourse  *self);
void             roster_course_set_group_mode        (RosterCourse  *self,
                                                      RosterGroupMode mode);
gboolean         roster_course_get_group_mode_forced (RosterCourse  *self);
void             roster_course_set_group_mode_forced (RosterCourse  *self,
                                                      gboolean       forced);
RosterRole       roster_course_get_my_role           (RosterCourse  *self);
void             roster_course_set_my_role           (RosterCourse  *self,
                                                      RosterRole     role);
gint64           roster_course_get_participant_count (RosterCourse  *self);
void             roster_course_set_participant_count (RosterCourse  *self,
                                                      gint64         count);
gboolean         roster_course_has_capability        (RosterCourse  *self,
                                                      const char    *capability);

G_END_DECLS
