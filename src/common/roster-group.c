/* roster-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-group.h"
#include "roster-json.h"

struct _RosterGroup
{
  GObject  parent_instance;

  gint64   id;
  gint64   course_id;
  char    *name;
  char    *description;
  gint64   member_count;
};

G_DEFINE_FINAL_TYPE (RosterGroup, roster_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COURSE_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MEMBER_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_group_finalize (GObject *object)
{
  RosterGroup *self = (RosterGroup *) object;

  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (roster_group_parent_class)->finalize (object);
}

static void
roster_group_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RosterGroup *self = ROSTER_GROUP (object);

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
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MEMBER_COUNT:
      g_value_set_int64 (value, self->member_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_group_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  RosterGroup *self = ROSTER_GROUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_group_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_COURSE_ID:
      roster_group_set_course_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      roster_group_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      roster_group_set_description (self, g_value_get_string (value));
      break;
    case PROP_MEMBER_COUNT:
      roster_group_set_member_count (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_group_class_init (RosterGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_group_finalize;
  object_class->get_property = roster_group_get_property;
  object_class->set_property = roster_group_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COURSE_ID] = g_param_spec_int64 ("course-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_MEMBER_COUNT] = g_param_spec_int64 ("member-count", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_group_init (RosterGroup *self)
{
}

RosterGroup *
roster_group_new (void)
{
  return g_object_new (ROSTER_TYPE_GROUP, NULL);
}

void
roster_group_to_json (RosterGroup *self,
                      JsonBuilder *builder)
{
  g_return_if_fail (ROSTER_IS_GROUP (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, self->course_id);
  roster_json_builder_add_string_or_null (builder, "name", self->name);
  roster_json_builder_add_string_or_null (builder, "description", self->description);
  json_builder_set_member_name (builder, "member_count");
  json_builder_add_int_value (builder, self->member_count);
  json_builder_end_object (builder);
}

void
roster_group_to_json_brief (RosterGroup *self,
                            JsonBuilder *builder)
{
  g_return_if_fail (ROSTER_IS_GROUP (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  roster_json_builder_add_string_or_null (builder, "name", self->name);
  json_builder_end_object (builder);
}

RosterGroup *
roster_group_new_from_json (JsonObject  *object,
                            GError     **error)
{
  g_autoptr(RosterGroup) self = roster_group_new ();
  const char *name, *description;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (object, "course_id", FALSE, &self->course_id, error) ||
      !roster_json_get_string (object, "name", TRUE, &name, error) ||
      !roster_json_get_string (object, "description", FALSE, &description, error) ||
      !roster_json_get_int (object, "member_count", FALSE, &self->member_count, error))
    return NULL;

  self->name = g_strdup (name);
  self->description = g_strdup (description);

  return g_steal_pointer (&self);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_group_get_##field (RosterGroup *self)                            \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_GROUP (self), NULL);                  \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_group_set_##field (RosterGroup *self,                            \
                            const char  *value)                           \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_GROUP (self));                            \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_INT64_ACCESSORS(field, PROP)                               \
  gint64                                                                  \
  roster_group_get_##field (RosterGroup *self)                            \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_GROUP (self), 0);                     \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_group_set_##field (RosterGroup *self,                            \
                            gint64       value)                           \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_GROUP (self));                            \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (description, PROP_DESCRIPTION)
DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (course_id, PROP_COURSE_ID)
DEFINE_INT64_ACCESSORS (member_count, PROP_MEMBER_COUNT)
