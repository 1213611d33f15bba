/* roster-key.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-key.h"

struct _RosterKey
{
  GObject  parent_instance;

  gint64   id;
  gint64   course_id;
  gint64   method_id;
  char    *nickname;
  gint64   group_id;
  char    *group_name;
  gint64   expires_at;
  gint64   max_uses;
  gint64   uses;
  gint64   created_at;
  gint64   created_by_id;
  char    *created_by_username;
  gint64   last_used_at;
  guint    active : 1;
};

G_DEFINE_FINAL_TYPE (RosterKey, roster_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COURSE_ID,
  PROP_METHOD_ID,
  PROP_NICKNAME,
  PROP_ACTIVE,
  PROP_GROUP_ID,
  PROP_GROUP_NAME,
  PROP_EXPIRES_AT,
  PROP_MAX_USES,
  PROP_USES,
  PROP_CREATED_AT,
  PROP_CREATED_BY_ID,
  PROP_CREATED_BY_USERNAME,
  PROP_LAST_USED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_key_finalize (GObject *object)
{
  RosterKey *self = (RosterKey *) object;

  g_free (self->nickname);
  g_free (self->group_name);
  g_free (self->created_by_username);

  G_OBJECT_CLASS (roster_key_parent_class)->finalize (object);
}

static void
roster_key_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  RosterKey *self = ROSTER_KEY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_COURSE_ID:
      g_value_set_int64 (value, self->course_id);
      break;
    case PROP_METHOD_ID:
      g_value_set_int64 (value, self->method_id);
      break;
    case PROP_NICKNAME:
      g_value_set_string (value, self->nickname);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_GROUP_ID:
      g_value_set_int64 (value, self->group_id);
      break;
    case PROP_GROUP_NAME:
      g_value_set_string (value, self->group_name);
      break;
    case PROP_EXPIRES_AT:
      g_value_set_int64 (value, self->expires_at);
      break;
    case PROP_MAX_USES:
      g_value_set_int64 (value, self->max_uses);
      break;
    case PROP_USES:
      g_value_set_int64 (value, self->uses);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_CREATED_BY_ID:
      g_value_set_int64 (value, self->created_by_id);
      break;
    case PROP_CREATED_BY_USERNAME:
      g_value_set_string (value, self->created_by_username);
      break;
    case PROP_LAST_USED_AT:
      g_value_set_int64 (value, self->last_used_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_key_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  RosterKey *self = ROSTER_KEY (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_key_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_COURSE_ID:
      roster_key_set_course_id (self, g_value_get_int64 (value));
      break;
    case PROP_METHOD_ID:
      roster_key_set_method_id (self, g_value_get_int64 (value));
      break;
    case PROP_NICKNAME:
      roster_key_set_nickname (self, g_value_get_string (value));
      break;
    case PROP_ACTIVE:
      roster_key_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_GROUP_ID:
      roster_key_set_group_id (self, g_value_get_int64 (value));
      break;
    case PROP_GROUP_NAME:
      roster_key_set_group_name (self, g_value_get_string (value));
      break;
    case PROP_EXPIRES_AT:
      roster_key_set_expires_at (self, g_value_get_int64 (value));
      break;
    case PROP_MAX_USES:
      roster_key_set_max_uses (self, g_value_get_int64 (value));
      break;
    case PROP_USES:
      roster_key_set_uses (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_AT:
      roster_key_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_BY_ID:
      roster_key_set_created_by_id (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_BY_USERNAME:
      roster_key_set_created_by_username (self, g_value_get_string (value));
      break;
    case PROP_LAST_USED_AT:
      roster_key_set_last_used_at (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_key_class_init (RosterKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_key_finalize;
  object_class->get_property = roster_key_get_property;
  object_class->set_property = roster_key_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COURSE_ID] = g_param_spec_int64 ("course-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_METHOD_ID] = g_param_spec_int64 ("method-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NICKNAME] = g_param_spec_string ("nickname", NULL, NULL, NULL, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);
  properties[PROP_GROUP_ID] = g_param_spec_int64 ("group-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_GROUP_NAME] = g_param_spec_string ("group-name", NULL, NULL, NULL, flags);
  properties[PROP_EXPIRES_AT] = g_param_spec_int64 ("expires-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MAX_USES] = g_param_spec_int64 ("max-uses", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USES] = g_param_spec_int64 ("uses", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_BY_ID] =
    g_param_spec_int64 ("created-by-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_BY_USERNAME] =
    g_param_spec_string ("created-by-username", NULL, NULL, NULL, flags);
  properties[PROP_LAST_USED_AT] = g_param_spec_int64 ("last-used-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_key_init (RosterKey *self)
{
  self->active = TRUE;
}

RosterKey *
roster_key_new (void)
{
  return g_object_new (ROSTER_TYPE_KEY, NULL);
}

gboolean
roster_key_is_usable (RosterKey *self,
                      gint64     now)
{
  g_return_val_if_fail (ROSTER_IS_KEY (self), FALSE);

  return self->active &&
         (self->expires_at == 0 || now < self->expires_at) &&
         (self->max_uses == 0 || self->uses < self->max_uses);
}

void
roster_key_to_json (RosterKey   *self,
                    JsonBuilder *builder)
{
  g_return_if_fail (ROSTER_IS_KEY (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, self->course_id);
  json_builder_set_member_name (builder, "method_id");
  json_builder_add_int_value (builder, self->method_id);
  roster_json_builder_add_string_or_null (builder, "nickname", self->nickname);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, self->active);

  json_builder_set_member_name (builder, "group");
  if (self->group_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, self->group_id);
      roster_json_builder_add_string_or_null (builder, "name", self->group_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  roster_json_builder_add_time (builder, "expires_at", self->expires_at);
  json_builder_set_member_name (builder, "max_uses");
  json_builder_add_int_value (builder, self->max_uses);
  json_builder_set_member_name (builder, "uses");
  json_builder_add_int_value (builder, self->uses);
  roster_json_builder_add_time (builder, "created_at", self->created_at);

  json_builder_set_member_name (builder, "created_by");
  if (self->created_by_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, self->created_by_id);
      roster_json_builder_add_string_or_null (builder, "username", self->created_by_username);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  roster_json_builder_add_time (builder, "last_used_at", self->last_used_at);
  json_builder_end_object (builder);
}

/* "group" and "created_by": an object with an id and a name, or null. */
static gboolean
get_reference (JsonObject  *object,
               const char  *member,
               const char  *name_member,
               gint64      *id,
               const char **name,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonObject *reference;

  *id = 0;
  *name = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be an object or null."), member);
      return FALSE;
    }

  reference = json_node_get_object (node);
  return roster_json_get_int (reference, "id", TRUE, id, error) &&
         roster_json_get_string (reference, name_member, FALSE, name, error);
}

RosterKey *
roster_key_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(RosterKey) self = roster_key_new ();
  const char *nickname = NULL, *group_name = NULL, *creator = NULL;
  gboolean active = TRUE;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (object, "course_id", FALSE, &self->course_id, error) ||
      !roster_json_get_int (object, "method_id", TRUE, &self->method_id, error) ||
      !roster_json_get_string (object, "nickname", TRUE, &nickname, error) ||
      !roster_json_get_bool (object, "active", FALSE, &active, error) ||
      !get_reference (object, "group", "name", &self->group_id, &group_name, error) ||
      !roster_json_get_time (object, "expires_at", FALSE, &self->expires_at, error) ||
      !roster_json_get_int (object, "max_uses", FALSE, &self->max_uses, error) ||
      !roster_json_get_int (object, "uses", FALSE, &self->uses, error) ||
      !roster_json_get_time (object, "created_at", FALSE, &self->created_at, error) ||
      !get_reference (object, "created_by", "username", &self->created_by_id, &creator, error) ||
      !roster_json_get_time (object, "last_used_at", FALSE, &self->last_used_at, error))
    return NULL;

  self->nickname = g_strdup (nickname);
  self->group_name = g_strdup (group_name);
  self->created_by_username = g_strdup (creator);
  self->active = !!active;

  return g_steal_pointer (&self);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_key_get_##field (RosterKey *self)                                \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_KEY (self), NULL);                    \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_key_set_##field (RosterKey  *self,                               \
                          const char *value)                              \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_KEY (self));                              \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_INT64_ACCESSORS(field, PROP)                               \
  gint64                                                                  \
  roster_key_get_##field (RosterKey *self)                                \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_KEY (self), 0);                       \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_key_set_##field (RosterKey *self,                                \
                          gint64     value)                               \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_KEY (self));                              \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (nickname, PROP_NICKNAME)
DEFINE_STRING_ACCESSORS (group_name, PROP_GROUP_NAME)
DEFINE_STRING_ACCESSORS (created_by_username, PROP_CREATED_BY_USERNAME)
DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (course_id, PROP_COURSE_ID)
DEFINE_INT64_ACCESSORS (method_id, PROP_METHOD_ID)
DEFINE_INT64_ACCESSORS (group_id, PROP_GROUP_ID)
DEFINE_INT64_ACCESSORS (expires_at, PROP_EXPIRES_AT)
DEFINE_INT64_ACCESSORS (max_uses, PROP_MAX_USES)
DEFINE_INT64_ACCESSORS (uses, PROP_USES)
DEFINE_INT64_ACCESSORS (created_at, PROP_CREATED_AT)
DEFINE_INT64_ACCESSORS (created_by_id, PROP_CREATED_BY_ID)
DEFINE_INT64_ACCESSORS (last_used_at, PROP_LAST_USED_AT)

gboolean
roster_key_get_active (RosterKey *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY (self), FALSE);
  return self->active;
}

void
roster_key_set_active (RosterKey *self,
                       gboolean   active)
{
  g_return_if_fail (ROSTER_IS_KEY (self));

  active = !!active;
  if (self->active != (guint) active)
    {
      self->active = active;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
    }
}
