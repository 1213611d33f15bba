/* roster-user-course.c: one enrolment of a person, as their profile
 * lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-json.h"
#include "roster-user-course.h"

struct _RosterUserCourse
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 course_id;
  char                  *short_name;
  char                  *full_name;
  RosterRole             role;
  RosterEnrolmentStatus  status;
  gint64                 enrolled_at;
};

G_DEFINE_FINAL_TYPE (RosterUserCourse, roster_user_course, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHORT_NAME,
  PROP_FULL_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_user_course_finalize (GObject *object)
{
  RosterUserCourse *self = ROSTER_USER_COURSE (object);

  g_free (self->short_name);
  g_free (self->full_name);

  G_OBJECT_CLASS (roster_user_course_parent_class)->finalize (object);
}

static void
roster_user_course_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterUserCourse *self = ROSTER_USER_COURSE (object);

  switch (prop_id)
    {
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;

    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_user_course_class_init (RosterUserCourseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_user_course_finalize;
  object_class->get_property = roster_user_course_get_property;

  properties[PROP_SHORT_NAME] =
    g_param_spec_string ("short-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULL_NAME] =
    g_param_spec_string ("full-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_user_course_init (RosterUserCourse *self)
{
}

/**
 * roster_user_course_new_from_json:
 * @object: one member of the "enrolments" of GET /users/{uid}
 *
 * Returns: (transfer full): the enrolment, or %NULL with @error set
 */
RosterUserCourse *
roster_user_course_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(RosterUserCourse) self = g_object_new (ROSTER_TYPE_USER_COURSE, NULL);
  const char *role = NULL, *status = NULL, *short_name = NULL, *full_name = NULL;
  JsonNode *course_node = json_object_get_member (object, "course");
  JsonObject *course;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_string (object, "role", TRUE, &role, error) ||
      !roster_json_get_string (object, "status", TRUE, &status, error) ||
      !roster_json_get_time (object, "enrolled_at", FALSE, &self->enrolled_at, error))
    return NULL;

  if (!roster_role_from_string (role, &self->role) || self->role == ROSTER_ROLE_NONE)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "role: unknown “%s”", role);
      return NULL;
    }
  if (!roster_enrolment_status_from_string (status, &self->status))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "status: unknown “%s”", status);
      return NULL;
    }

  if (course_node == NULL || !JSON_NODE_HOLDS_OBJECT (course_node))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "course: missing");
      return NULL;
    }
  course = json_node_get_object (course_node);
  if (!roster_json_get_int (course, "id", TRUE, &self->course_id, error) ||
      !roster_json_get_string (course, "short_name", TRUE, &short_name, error) ||
      !roster_json_get_string (course, "full_name", FALSE, &full_name, error))
    return NULL;

  self->short_name = g_strdup (short_name);
  self->full_name = g_strdup (full_name);
  return g_steal_pointer (&self);
}

gint64
roster_user_course_get_id (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), 0);
  return self->id;
}

gint64
roster_user_course_get_course_id (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), 0);
  return self->course_id;
}

const char *
roster_user_course_get_short_name (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), NULL);
  return self->short_name;
}

const char *
roster_user_course_get_full_name (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), NULL);
  return self->full_name;
}

RosterRole
roster_user_course_get_role (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), ROSTER_ROLE_NONE);
  return self->role;
}

RosterEnrolmentStatus
roster_user_course_get_status (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), 0);
  return self->status;
}

gint64
roster_user_course_get_enrolled_at (RosterUserCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_COURSE (self), 0);
  return self->enrolled_at;
}
