/* roster-course.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-course.h"
#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-permissions.h"

struct _RosterCourse
{
  GObject          parent_instance;

  gint64           id;
  char            *short_name;
  char            *full_name;
  char            *department;
  RosterGroupMode  group_mode;
  RosterRole       my_role;
  gint64           participant_count;
  GStrv            capabilities;
  guint            group_mode_forced : 1;
};

G_DEFINE_FINAL_TYPE (RosterCourse, roster_course, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SHORT_NAME,
  PROP_FULL_NAME,
  PROP_DEPARTMENT,
  PROP_GROUP_MODE,
  PROP_GROUP_MODE_FORCED,
  PROP_MY_ROLE,
  PROP_PARTICIPANT_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_course_finalize (GObject *object)
{
  RosterCourse *self = (RosterCourse *) object;

  g_free (self->short_name);
  g_free (self->full_name);
  g_free (self->department);
  g_strfreev (self->capabilities);

  G_OBJECT_CLASS (roster_course_parent_class)->finalize (object);
}

static void
roster_course_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterCourse *self = ROSTER_COURSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_DEPARTMENT:
      g_value_set_string (value, self->department);
      break;
    case PROP_GROUP_MODE:
      g_value_set_enum (value, self->group_mode);
      break;
    case PROP_GROUP_MODE_FORCED:
      g_value_set_boolean (value, self->group_mode_forced);
      break;
    case PROP_MY_ROLE:
      g_value_set_enum (value, self->my_role);
      break;
    case PROP_PARTICIPANT_COUNT:
      g_value_set_int64 (value, self->participant_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_course_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterCourse *self = ROSTER_COURSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_course_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_SHORT_NAME:
      roster_course_set_short_name (self, g_value_get_string (value));
      break;
    case PROP_FULL_NAME:
      roster_course_set_full_name (self, g_value_get_string (value));
      break;
    case PROP_DEPARTMENT:
      roster_course_set_department (self, g_value_get_string (value));
      break;
    case PROP_GROUP_MODE:
      roster_course_set_group_mode (self, g_value_get_enum (value));
      break;
    case PROP_GROUP_MODE_FORCED:
      roster_course_set_group_mode_forced (self, g_value_get_boolean (value));
      break;
    case PROP_MY_ROLE:
      roster_course_set_my_role (self, g_value_get_enum (value));
      break;
    case PROP_PARTICIPANT_COUNT:
      roster_course_set_participant_count (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_course_class_init (RosterCourseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_course_finalize;
  object_class->get_property = roster_course_get_property;
  object_class->set_property = roster_course_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SHORT_NAME] = g_param_spec_string ("short-name", NULL, NULL, NULL, flags);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, NULL, flags);
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, NULL, flags);
  properties[PROP_GROUP_MODE] =
    g_param_spec_enum ("group-mode", NULL, NULL,
                       ROSTER_TYPE_GROUP_MODE, ROSTER_GROUP_MODE_NONE, flags);
  properties[PROP_GROUP_MODE_FORCED] = g_param_spec_boolean ("group-mode-forced", NULL, NULL, FALSE, flags);
  properties[PROP_MY_ROLE] =
    g_param_spec_enum ("my-role", NULL, NULL,
                       ROSTER_TYPE_ROLE, ROSTER_ROLE_NONE, flags);
  properties[PROP_PARTICIPANT_COUNT] =
    g_param_spec_int64 ("participant-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_course_init (RosterCourse *self)
{
}

RosterCourse *
roster_course_new (void)
{
  return g_object_new (ROSTER_TYPE_COURSE, NULL);
}

void
roster_course_to_json (RosterCourse *self,
                       JsonBuilder  *builder,
                       gboolean      viewer_is_site_admin)
{
  g_return_if_fail (ROSTER_IS_COURSE (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  roster_json_builder_add_string_or_null (builder, "short_name", self->short_name);
  roster_json_builder_add_string_or_null (builder, "full_name", self->full_name);
  roster_json_builder_add_string_or_null (builder, "department", self->department);
  json_builder_set_member_name (builder, "group_mode");
  json_builder_add_string_value (builder, roster_group_mode_to_string (self->group_mode));
  json_builder_set_member_name (builder, "group_mode_forced");
  json_builder_add_boolean_value (builder, self->group_mode_forced);
  json_builder_set_member_name (builder, "my_role");
  if (self->my_role != ROSTER_ROLE_NONE)
    json_builder_add_string_value (builder, roster_role_to_string (self->my_role));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "capabilities");
  json_builder_begin_array (builder);
  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    {
      if (roster_permissions_course_allows (viewer_is_site_admin, self->my_role, cap))
        json_builder_add_string_value (builder, roster_course_capability_to_string (cap));
    }
  json_builder_end_array (builder);

  /* Only people who may see participants learn how many there are. */
  if (roster_permissions_course_allows (viewer_is_site_admin, self->my_role,
                                        ROSTER_CAP_PARTICIPANTS_VIEW))
    {
      json_builder_set_member_name (builder, "participant_count");
      json_builder_add_int_value (builder, self->participant_count);
    }

  json_builder_end_object (builder);
}

RosterCourse *
roster_course_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(RosterCourse) self = roster_course_new ();
  const char *short_name, *full_name, *department, *group_mode, *my_role;
  gboolean forced = FALSE;
  JsonNode *caps;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_string (object, "short_name", TRUE, &short_name, error) ||
      !roster_json_get_string (object, "full_name", FALSE, &full_name, error) ||
      !roster_json_get_string (object, "department", FALSE, &department, error) ||
      !roster_json_get_string (object, "group_mode", TRUE, &group_mode, error) ||
      !roster_json_get_bool (object, "group_mode_forced", FALSE, &forced, error) ||
      !roster_json_get_string (object, "my_role", FALSE, &my_role, error) ||
      !roster_json_get_int (object, "participant_count", FALSE, &self->participant_count, error))
    return NULL;

  if (!roster_group_mode_from_string (group_mode, &self->group_mode) ||
      (my_role != NULL && !roster_role_from_string (my_role, &self->my_role)))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown group mode or role in course “%s”."), short_name);
      return NULL;
    }

  caps = json_object_get_member (object, "capabilities");
  if (caps != NULL && JSON_NODE_HOLDS_ARRAY (caps))
    {
      JsonArray *array = json_node_get_array (caps);
      g_autoptr(GStrvBuilder) strv = g_strv_builder_new ();

      /* Only strings are capabilities; anything else in a reply from
       * a newer or broken server is passed over. */
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (strv, json_node_get_string (element));
        }
      self->capabilities = g_strv_builder_end (strv);
    }

  self->short_name = g_strdup (short_name);
  self->full_name = g_strdup (full_name);
  self->department = g_strdup (department);
  self->group_mode_forced = !!forced;

  return g_steal_pointer (&self);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_course_get_##field (RosterCourse *self)                          \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_COURSE (self), NULL);                 \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_course_set_##field (RosterCourse *self,                          \
                             const char   *value)                         \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_COURSE (self));                           \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP)                        \
  Type                                                                    \
  roster_course_get_##field (RosterCourse *self)                          \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_COURSE (self), (Type) 0);             \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_course_set_##field (RosterCourse *self,                          \
                             Type          value)                         \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_COURSE (self));                           \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (short_name, PROP_SHORT_NAME)
DEFINE_STRING_ACCESSORS (full_name, PROP_FULL_NAME)
DEFINE_STRING_ACCESSORS (department, PROP_DEPARTMENT)
DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID)
DEFINE_SCALAR_ACCESSORS (group_mode, RosterGroupMode, PROP_GROUP_MODE)
DEFINE_SCALAR_ACCESSORS (my_role, RosterRole, PROP_MY_ROLE)
DEFINE_SCALAR_ACCESSORS (participant_count, gint64, PROP_PARTICIPANT_COUNT)

gboolean
roster_course_get_group_mode_forced (RosterCourse *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE (self), FALSE);
  return self->group_mode_forced;
}

void
roster_course_set_group_mode_forced (RosterCourse *self,
                                     gboolean      forced)
{
  g_return_if_fail (ROSTER_IS_COURSE (self));

  forced = !!forced;
  if (self->group_mode_forced != forced)
    {
      self->group_mode_forced = forced;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_MODE_FORCED]);
    }
}

/* What the server said this viewer may do; a course built locally (no
 * list from the server) answers from the shared permission table. */
gboolean
roster_course_has_capability (RosterCourse *self,
                              const char   *capability)
{
  g_return_val_if_fail (ROSTER_IS_COURSE (self), FALSE);

  if (self->capabilities != NULL)
    return g_strv_contains ((const char * const *) self->capabilities, capability);

  for (guint cap = 0; cap < ROSTER_N_COURSE_CAPS; cap++)
    {
      if (g_strcmp0 (roster_course_capability_to_string (cap), capability) == 0)
        return roster_permissions_course_allows (FALSE, self->my_role, cap);
    }

  return FALSE;
}
