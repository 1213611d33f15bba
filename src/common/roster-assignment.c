/* roster-assignment.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-assignment.h"
#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"

struct _RosterAssignment
{
  GObject          parent_instance;

  gint64           id;
  gint64           course_id;
  char            *name;
  gint64           due_at;
  RosterGroupMode  group_mode;
  RosterGroupMode  course_group_mode;
  gint64           submission_count;
  guint            forced : 1;
};

G_DEFINE_FINAL_TYPE (RosterAssignment, roster_assignment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COURSE_ID,
  PROP_NAME,
  PROP_DUE_AT,
  PROP_GROUP_MODE,
  PROP_COURSE_GROUP_MODE,
  PROP_FORCED,
  PROP_EFFECTIVE_GROUP_MODE,
  PROP_SUBMISSION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

RosterGroupMode
roster_group_mode_effective (RosterGroupMode course_mode,
                             gboolean        course_forced,
                             RosterGroupMode own_mode)
{
  return course_forced ? course_mode : own_mode;
}

static void
roster_assignment_finalize (GObject *object)
{
  RosterAssignment *self = (RosterAssignment *) object;

  g_free (self->name);

  G_OBJECT_CLASS (roster_assignment_parent_class)->finalize (object);
}

static void
roster_assignment_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RosterAssignment *self = ROSTER_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_COURSE_ID:
      g_value_set_int64 (value, self->course_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;
    case PROP_GROUP_MODE:
      g_value_set_enum (value, self->group_mode);
      break;
    case PROP_COURSE_GROUP_MODE:
      g_value_set_enum (value, self->course_group_mode);
      break;
    case PROP_FORCED:
      g_value_set_boolean (value, self->forced);
      break;
    case PROP_EFFECTIVE_GROUP_MODE:
      g_value_set_enum (value, roster_assignment_get_effective_group_mode (self));
      break;
    case PROP_SUBMISSION_COUNT:
      g_value_set_int64 (value, self->submission_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_assignment_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RosterAssignment *self = ROSTER_ASSIGNMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_assignment_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_COURSE_ID:
      roster_assignment_set_course_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      roster_assignment_set_name (self, g_value_get_string (value));
      break;
    case PROP_DUE_AT:
      roster_assignment_set_due_at (self, g_value_get_int64 (value));
      break;
    case PROP_GROUP_MODE:
      roster_assignment_set_group_mode (self, g_value_get_enum (value));
      break;
    case PROP_COURSE_GROUP_MODE:
      roster_assignment_set_course_group_mode (self, g_value_get_enum (value));
      break;
    case PROP_FORCED:
      roster_assignment_set_forced (self, g_value_get_boolean (value));
      break;
    case PROP_SUBMISSION_COUNT:
      roster_assignment_set_submission_count (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_assignment_class_init (RosterAssignmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_assignment_finalize;
  object_class->get_property = roster_assignment_get_property;
  object_class->set_property = roster_assignment_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COURSE_ID] = g_param_spec_int64 ("course-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DUE_AT] = g_param_spec_int64 ("due-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_GROUP_MODE] =
    g_param_spec_enum ("group-mode", NULL, NULL,
                       ROSTER_TYPE_GROUP_MODE, ROSTER_GROUP_MODE_NONE, flags);
  properties[PROP_COURSE_GROUP_MODE] =
    g_param_spec_enum ("course-group-mode", NULL, NULL,
                       ROSTER_TYPE_GROUP_MODE, ROSTER_GROUP_MODE_NONE, flags);
  properties[PROP_FORCED] = g_param_spec_boolean ("forced", NULL, NULL, FALSE, flags);
  properties[PROP_EFFECTIVE_GROUP_MODE] =
    g_param_spec_enum ("effective-group-mode", NULL, NULL,
                       ROSTER_TYPE_GROUP_MODE, ROSTER_GROUP_MODE_NONE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBMISSION_COUNT] =
    g_param_spec_int64 ("submission-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_assignment_init (RosterAssignment *self)
{
}

RosterAssignment *
roster_assignment_new (void)
{
  return g_object_new (ROSTER_TYPE_ASSIGNMENT, NULL);
}

void
roster_assignment_to_json (RosterAssignment *self,
                           JsonBuilder      *builder)
{
  g_return_if_fail (ROSTER_IS_ASSIGNMENT (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, self->course_id);
  roster_json_builder_add_string_or_null (builder, "name", self->name);
  roster_json_builder_add_time (builder, "due_at", self->due_at);
  json_builder_set_member_name (builder, "group_mode");
  json_builder_add_string_value (builder, roster_group_mode_to_string (self->group_mode));
  json_builder_set_member_name (builder, "effective_group_mode");
  json_builder_add_string_value (builder,
                                 roster_group_mode_to_string (roster_assignment_get_effective_group_mode (self)));
  json_builder_set_member_name (builder, "forced");
  json_builder_add_boolean_value (builder, self->forced);
  json_builder_set_member_name (builder, "submission_count");
  json_builder_add_int_value (builder, self->submission_count);
  json_builder_end_object (builder);
}

RosterAssignment *
roster_assignment_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(RosterAssignment) self = roster_assignment_new ();
  const char *name, *group_mode, *effective = NULL;
  gboolean forced = FALSE;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (object, "course_id", FALSE, &self->course_id, error) ||
      !roster_json_get_string (object, "name", TRUE, &name, error) ||
      !roster_json_get_time (object, "due_at", FALSE, &self->due_at, error) ||
      !roster_json_get_string (object, "group_mode", TRUE, &group_mode, error) ||
      !roster_json_get_string (object, "effective_group_mode", FALSE, &effective, error) ||
      !roster_json_get_bool (object, "forced", FALSE, &forced, error) ||
      !roster_json_get_int (object, "submission_count", FALSE, &self->submission_count, error))
    return NULL;

  if (!roster_group_mode_from_string (group_mode, &self->group_mode) ||
      (effective != NULL && !roster_group_mode_from_string (effective, &self->course_group_mode)))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown group mode in assignment “%s”."), name);
      return NULL;
    }

  /* The reply names only the mode in force; when the course does not
   * force one, the course's own mode does not matter here. */
  if (effective == NULL)
    self->course_group_mode = self->group_mode;
  self->name = g_strdup (name);
  self->forced = !!forced;

  return g_steal_pointer (&self);
}

RosterGroupMode
roster_assignment_get_effective_group_mode (RosterAssignment *self)
{
  g_return_val_if_fail (ROSTER_IS_ASSIGNMENT (self), ROSTER_GROUP_MODE_NONE);

  return roster_group_mode_effective (self->course_group_mode, self->forced, self->group_mode);
}

const char *
roster_assignment_get_name (RosterAssignment *self)
{
  g_return_val_if_fail (ROSTER_IS_ASSIGNMENT (self), NULL);
  return self->name;
}

void
roster_assignment_set_name (RosterAssignment *self,
                            const char       *name)
{
  g_return_if_fail (ROSTER_IS_ASSIGNMENT (self));

  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
}

/* The effective mode follows the three it is made of. */
static void
notify_mode (RosterAssignment *self,
             guint             prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_GROUP_MODE]);
}

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP, NOTIFY)                \
  Type                                                                    \
  roster_assignment_get_##field (RosterAssignment *self)                  \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_ASSIGNMENT (self), (Type) 0);         \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_assignment_set_##field (RosterAssignment *self,                  \
                                 Type              value)                 \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_ASSIGNMENT (self));                       \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        NOTIFY (self, PROP);                                              \
      }                                                                   \
  }

#define NOTIFY_ONE(self, prop) g_object_notify_by_pspec (G_OBJECT (self), properties[prop])

DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID, NOTIFY_ONE)
DEFINE_SCALAR_ACCESSORS (course_id, gint64, PROP_COURSE_ID, NOTIFY_ONE)
DEFINE_SCALAR_ACCESSORS (due_at, gint64, PROP_DUE_AT, NOTIFY_ONE)
DEFINE_SCALAR_ACCESSORS (submission_count, gint64, PROP_SUBMISSION_COUNT, NOTIFY_ONE)
DEFINE_SCALAR_ACCESSORS (group_mode, RosterGroupMode, PROP_GROUP_MODE, notify_mode)
DEFINE_SCALAR_ACCESSORS (course_group_mode, RosterGroupMode, PROP_COURSE_GROUP_MODE, notify_mode)

gboolean
roster_assignment_get_forced (RosterAssignment *self)
{
  g_return_val_if_fail (ROSTER_IS_ASSIGNMENT (self), FALSE);
  return self->forced;
}

void
roster_assignment_set_forced (RosterAssignment *self,
                              gboolean          forced)
{
  g_return_if_fail (ROSTER_IS_ASSIGNMENT (self));

  forced = !!forced;
  if (self->forced != forced)
    {
      self->forced = forced;
      notify_mode (self, PROP_FORCED);
    }
}
