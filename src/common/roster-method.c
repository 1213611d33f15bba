/* roster-method.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-method.h"

struct _RosterMethod
{
  GObject           parent_instance;

  gint64            id;
  gint64            course_id;
  RosterMethodType  method_type;
  char             *name;
  gint64            sort_order;
  RosterRole        default_role;
  gint64            enrol_start;
  gint64            enrol_end;
  gint64            enrol_duration;
  gint64            max_enrolled;
  char             *welcome_message;
  gint64            key_count;
  gint64            enrolled_count;
  gint64            created_at;
  guint             enabled : 1;
  guint             notify_admins : 1;
};

G_DEFINE_FINAL_TYPE (RosterMethod, roster_method, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_COURSE_ID,
  PROP_METHOD_TYPE,
  PROP_NAME,
  PROP_SORT_ORDER,
  PROP_ENABLED,
  PROP_DEFAULT_ROLE,
  PROP_ENROL_START,
  PROP_ENROL_END,
  PROP_ENROL_DURATION,
  PROP_MAX_ENROLLED,
  PROP_WELCOME_MESSAGE,
  PROP_NOTIFY_ADMINS,
  PROP_KEY_COUNT,
  PROP_ENROLLED_COUNT,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_method_finalize (GObject *object)
{
  RosterMethod *self = (RosterMethod *) object;

  g_free (self->name);
  g_free (self->welcome_message);

  G_OBJECT_CLASS (roster_method_parent_class)->finalize (object);
}

static void
roster_method_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterMethod *self = ROSTER_METHOD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_COURSE_ID:
      g_value_set_int64 (value, self->course_id);
      break;
    case PROP_METHOD_TYPE:
      g_value_set_enum (value, self->method_type);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SORT_ORDER:
      g_value_set_int64 (value, self->sort_order);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_DEFAULT_ROLE:
      g_value_set_enum (value, self->default_role);
      break;
    case PROP_ENROL_START:
      g_value_set_int64 (value, self->enrol_start);
      break;
    case PROP_ENROL_END:
      g_value_set_int64 (value, self->enrol_end);
      break;
    case PROP_ENROL_DURATION:
      g_value_set_int64 (value, self->enrol_duration);
      break;
    case PROP_MAX_ENROLLED:
      g_value_set_int64 (value, self->max_enrolled);
      break;
    case PROP_WELCOME_MESSAGE:
      g_value_set_string (value, self->welcome_message);
      break;
    case PROP_NOTIFY_ADMINS:
      g_value_set_boolean (value, self->notify_admins);
      break;
    case PROP_KEY_COUNT:
      g_value_set_int64 (value, self->key_count);
      break;
    case PROP_ENROLLED_COUNT:
      g_value_set_int64 (value, self->enrolled_count);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_method_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterMethod *self = ROSTER_METHOD (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_method_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_COURSE_ID:
      roster_method_set_course_id (self, g_value_get_int64 (value));
      break;
    case PROP_METHOD_TYPE:
      roster_method_set_method_type (self, g_value_get_enum (value));
      break;
    case PROP_NAME:
      roster_method_set_name (self, g_value_get_string (value));
      break;
    case PROP_SORT_ORDER:
      roster_method_set_sort_order (self, g_value_get_int64 (value));
      break;
    case PROP_ENABLED:
      roster_method_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_DEFAULT_ROLE:
      roster_method_set_default_role (self, g_value_get_enum (value));
      break;
    case PROP_ENROL_START:
      roster_method_set_enrol_start (self, g_value_get_int64 (value));
      break;
    case PROP_ENROL_END:
      roster_method_set_enrol_end (self, g_value_get_int64 (value));
      break;
    case PROP_ENROL_DURATION:
      roster_method_set_enrol_duration (self, g_value_get_int64 (value));
      break;
    case PROP_MAX_ENROLLED:
      roster_method_set_max_enrolled (self, g_value_get_int64 (value));
      break;
    case PROP_WELCOME_MESSAGE:
      roster_method_set_welcome_message (self, g_value_get_string (value));
      break;
    case PROP_NOTIFY_ADMINS:
      roster_method_set_notify_admins (self, g_value_get_boolean (value));
      break;
    case PROP_KEY_COUNT:
      roster_method_set_key_count (self, g_value_get_int64 (value));
      break;
    case PROP_ENROLLED_COUNT:
      roster_method_set_enrolled_count (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_AT:
      roster_method_set_created_at (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_method_class_init (RosterMethodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_method_finalize;
  object_class->get_property = roster_method_get_property;
  object_class->set_property = roster_method_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COURSE_ID] = g_param_spec_int64 ("course-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_METHOD_TYPE] =
    g_param_spec_enum ("method-type", NULL, NULL,
                       ROSTER_TYPE_METHOD_TYPE, ROSTER_METHOD_MANUAL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SORT_ORDER] = g_param_spec_int64 ("sort-order", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_DEFAULT_ROLE] =
    g_param_spec_enum ("default-role", NULL, NULL,
                       ROSTER_TYPE_ROLE, ROSTER_ROLE_GUEST, flags);
  properties[PROP_ENROL_START] = g_param_spec_int64 ("enrol-start", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENROL_END] = g_param_spec_int64 ("enrol-end", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENROL_DURATION] =
    g_param_spec_int64 ("enrol-duration", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_MAX_ENROLLED] =
    g_param_spec_int64 ("max-enrolled", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_WELCOME_MESSAGE] = g_param_spec_string ("welcome-message", NULL, NULL, NULL, flags);
  properties[PROP_NOTIFY_ADMINS] = g_param_spec_boolean ("notify-admins", NULL, NULL, FALSE, flags);
  properties[PROP_KEY_COUNT] = g_param_spec_int64 ("key-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ENROLLED_COUNT] =
    g_param_spec_int64 ("enrolled-count", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_method_init (RosterMethod *self)
{
  self->enabled = TRUE;
  self->default_role = ROSTER_ROLE_GUEST;
}

RosterMethod *
roster_method_new (void)
{
  return g_object_new (ROSTER_TYPE_METHOD, NULL);
}

RosterMethod *
roster_method_new_for_type (RosterMethodType type)
{
  RosterMethod *self = roster_method_new ();

  self->method_type = type;
  /* PRODUCT.md §3: people who enrol themselves are guests unless staff
   * decide otherwise; people added by hand are usually students. */
  self->default_role = type == ROSTER_METHOD_MANUAL ? ROSTER_ROLE_STUDENT : ROSTER_ROLE_GUEST;

  return self;
}

void
roster_method_to_json (RosterMethod *self,
                       JsonBuilder  *builder)
{
  g_return_if_fail (ROSTER_IS_METHOD (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, self->course_id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, roster_method_type_to_string (self->method_type));
  roster_json_builder_add_string_or_null (builder, "name", self->name);
  json_builder_set_member_name (builder, "sort_order");
  json_builder_add_int_value (builder, self->sort_order);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, self->enabled);
  json_builder_set_member_name (builder, "default_role");
  json_builder_add_string_value (builder, roster_role_to_string (self->default_role));
  roster_json_builder_add_time (builder, "enrol_start", self->enrol_start);
  roster_json_builder_add_time (builder, "enrol_end", self->enrol_end);
  json_builder_set_member_name (builder, "enrol_duration");
  json_builder_add_int_value (builder, self->enrol_duration);
  json_builder_set_member_name (builder, "max_enrolled");
  json_builder_add_int_value (builder, self->max_enrolled);
  roster_json_builder_add_string_or_null (builder, "welcome_message", self->welcome_message);
  json_builder_set_member_name (builder, "notify_admins");
  json_builder_add_boolean_value (builder, self->notify_admins);
  /* Only self enrolment has keys. */
  if (self->method_type == ROSTER_METHOD_SELF)
    {
      json_builder_set_member_name (builder, "key_count");
      json_builder_add_int_value (builder, self->key_count);
    }
  json_builder_set_member_name (builder, "enrolled_count");
  json_builder_add_int_value (builder, self->enrolled_count);
  roster_json_builder_add_time (builder, "created_at", self->created_at);
  json_builder_end_object (builder);
}

RosterMethod *
roster_method_new_from_json (JsonObject  *object,
                             GError     **error)
{
  g_autoptr(RosterMethod) self = roster_method_new ();
  const char *type = NULL, *name = NULL, *role = NULL, *welcome = NULL;
  gboolean enabled = TRUE, notify = FALSE;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (object, "course_id", FALSE, &self->course_id, error) ||
      !roster_json_get_string (object, "type", TRUE, &type, error) ||
      !roster_json_get_string (object, "name", FALSE, &name, error) ||
      !roster_json_get_int (object, "sort_order", FALSE, &self->sort_order, error) ||
      !roster_json_get_bool (object, "enabled", FALSE, &enabled, error) ||
      !roster_json_get_string (object, "default_role", TRUE, &role, error) ||
      !roster_json_get_time (object, "enrol_start", FALSE, &self->enrol_start, error) ||
      !roster_json_get_time (object, "enrol_end", FALSE, &self->enrol_end, error) ||
      !roster_json_get_int (object, "enrol_duration", FALSE, &self->enrol_duration, error) ||
      !roster_json_get_int (object, "max_enrolled", FALSE, &self->max_enrolled, error) ||
      !roster_json_get_string (object, "welcome_message", FALSE, &welcome, error) ||
      !roster_json_get_bool (object, "notify_admins", FALSE, &notify, error) ||
      !roster_json_get_int (object, "key_count", FALSE, &self->key_count, error) ||
      !roster_json_get_int (object, "enrolled_count", FALSE, &self->enrolled_count, error) ||
      !roster_json_get_time (object, "created_at", FALSE, &self->created_at, error))
    return NULL;

  if (!roster_method_type_from_string (type, &self->method_type) ||
      !roster_role_from_string (role, &self->default_role))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown enrolment method type or role “%s”/“%s”."), type, role);
      return NULL;
    }

  self->name = g_strdup (name);
  self->welcome_message = g_strdup (welcome);
  self->enabled = !!enabled;
  self->notify_admins = !!notify;

  return g_steal_pointer (&self);
}

void
roster_method_apply_patch (RosterMethod            *self,
                           const RosterMethodPatch *patch)
{
  g_return_if_fail (ROSTER_IS_METHOD (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (patch->fields & ROSTER_METHOD_FIELD_NAME)
    roster_method_set_name (self, patch->name);
  if (patch->fields & ROSTER_METHOD_FIELD_ENABLED)
    roster_method_set_enabled (self, patch->enabled);
  if (patch->fields & ROSTER_METHOD_FIELD_SORT_ORDER)
    roster_method_set_sort_order (self, patch->sort_order);
  if (patch->fields & ROSTER_METHOD_FIELD_DEFAULT_ROLE)
    roster_method_set_default_role (self, patch->default_role);
  if (patch->fields & ROSTER_METHOD_FIELD_ENROL_START)
    roster_method_set_enrol_start (self, patch->enrol_start);
  if (patch->fields & ROSTER_METHOD_FIELD_ENROL_END)
    roster_method_set_enrol_end (self, patch->enrol_end);
  if (patch->fields & ROSTER_METHOD_FIELD_ENROL_DURATION)
    roster_method_set_enrol_duration (self, patch->enrol_duration);
  if (patch->fields & ROSTER_METHOD_FIELD_MAX_ENROLLED)
    roster_method_set_max_enrolled (self, patch->max_enrolled);
  if (patch->fields & ROSTER_METHOD_FIELD_WELCOME_MESSAGE)
    roster_method_set_welcome_message (self, patch->welcome_message);
  if (patch->fields & ROSTER_METHOD_FIELD_NOTIFY_ADMINS)
    roster_method_set_notify_admins (self, patch->notify_admins);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Sets a validation error; always FALSE, so checks can return it. */
#define INVALID(error, ...) \
  (g_set_error ((error), ROSTER_ERROR, ROSTER_ERROR_VALIDATION, __VA_ARGS__), FALSE)

gboolean
roster_method_validate (RosterMethod  *self,
                        GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_METHOD (self), FALSE);

  if (roster_method_type_to_string (self->method_type) == NULL)
    return INVALID (error, _("“%s” must be manual, self or guest."), "type");

  if (self->name != NULL &&
      (!g_utf8_validate (self->name, -1, NULL) || g_utf8_strlen (self->name, -1) > ROSTER_METHOD_MAX_NAME))
    return INVALID (error, _("“%s” may be at most %d characters long."), "name", ROSTER_METHOD_MAX_NAME);

  if (self->welcome_message != NULL &&
      (!g_utf8_validate (self->welcome_message, -1, NULL) ||
       g_utf8_strlen (self->welcome_message, -1) > ROSTER_METHOD_MAX_WELCOME))
    return INVALID (error, _("“%s” may be at most %d characters long."), "welcome_message",
                    ROSTER_METHOD_MAX_WELCOME);

  if (self->default_role == ROSTER_ROLE_NONE || roster_role_to_string (self->default_role) == NULL)
    return INVALID (error, _("“%s” must be a course role."), "default_role");

  if (self->sort_order < 0)
    return INVALID (error, _("“%s” may not be negative."), "sort_order");
  if (self->enrol_duration < 0)
    return INVALID (error, _("“%s” may not be negative."), "enrol_duration");
  if (self->max_enrolled < 0)
    return INVALID (error, _("“%s” may not be negative."), "max_enrolled");
  if (self->enrol_start < 0)
    return INVALID (error, _("“%s” may not be negative."), "enrol_start");
  if (self->enrol_end < 0)
    return INVALID (error, _("“%s” may not be negative."), "enrol_end");

  if (self->enrol_start != 0 && self->enrol_end != 0 && self->enrol_start >= self->enrol_end)
    return INVALID (error, _("“%s” must be later than “%s”."), "enrol_end", "enrol_start");

  /* These settings only mean something where people enrol themselves;
   * on other methods they would be silently ignored, so say so. */
  if (self->method_type != ROSTER_METHOD_SELF)
    {
      const char *member = NULL;

      if (self->enrol_start != 0)
        member = "enrol_start";
      else if (self->enrol_end != 0)
        member = "enrol_end";
      else if (self->max_enrolled != 0)
        member = "max_enrolled";
      else if (self->welcome_message != NULL)
        member = "welcome_message";
      else if (self->notify_admins)
        member = "notify_admins";
      else if (self->enrol_duration != 0 && self->method_type == ROSTER_METHOD_GUEST)
        member = "enrol_duration";

      if (member != NULL)
        return INVALID (error, _("“%s” applies only to self enrolment."), member);
    }

  return TRUE;
}

char *
roster_method_dup_display_name (RosterMethod *self)
{
  g_return_val_if_fail (ROSTER_IS_METHOD (self), NULL);

  if (self->name != NULL && *self->name != '\0')
    return g_strdup (self->name);

  switch (self->method_type)
    {
    case ROSTER_METHOD_MANUAL:
      return g_strdup (_("Manual enrolments"));
    case ROSTER_METHOD_SELF:
      return g_strdup (_("Self enrolment"));
    case ROSTER_METHOD_GUEST:
      return g_strdup (_("Guest access"));
    default:
      return g_strdup (_("Enrolment method"));
    }
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_method_get_##field (RosterMethod *self)                          \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_METHOD (self), NULL);                 \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_method_set_##field (RosterMethod *self,                          \
                             const char   *value)                         \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_METHOD (self));                           \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP)                        \
  Type                                                                    \
  roster_method_get_##field (RosterMethod *self)                          \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_METHOD (self), (Type) 0);             \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_method_set_##field (RosterMethod *self,                          \
                             Type          value)                         \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_METHOD (self));                           \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_BOOLEAN_ACCESSORS(field, PROP)                             \
  gboolean                                                                \
  roster_method_get_##field (RosterMethod *self)                          \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_METHOD (self), FALSE);                \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_method_set_##field (RosterMethod *self,                          \
                             gboolean      value)                         \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_METHOD (self));                           \
    value = !!value;                                                      \
    if (self->field != (guint) value)                                     \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (name, PROP_NAME)
DEFINE_STRING_ACCESSORS (welcome_message, PROP_WELCOME_MESSAGE)
DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID)
DEFINE_SCALAR_ACCESSORS (course_id, gint64, PROP_COURSE_ID)
DEFINE_SCALAR_ACCESSORS (method_type, RosterMethodType, PROP_METHOD_TYPE)
DEFINE_SCALAR_ACCESSORS (sort_order, gint64, PROP_SORT_ORDER)
DEFINE_SCALAR_ACCESSORS (default_role, RosterRole, PROP_DEFAULT_ROLE)
DEFINE_SCALAR_ACCESSORS (enrol_start, gint64, PROP_ENROL_START)
DEFINE_SCALAR_ACCESSORS (enrol_end, gint64, PROP_ENROL_END)
DEFINE_SCALAR_ACCESSORS (enrol_duration, gint64, PROP_ENROL_DURATION)
DEFINE_SCALAR_ACCESSORS (max_enrolled, gint64, PROP_MAX_ENROLLED)
DEFINE_SCALAR_ACCESSORS (key_count, gint64, PROP_KEY_COUNT)
DEFINE_SCALAR_ACCESSORS (enrolled_count, gint64, PROP_ENROLLED_COUNT)
DEFINE_SCALAR_ACCESSORS (created_at, gint64, PROP_CREATED_AT)
DEFINE_BOOLEAN_ACCESSORS (enabled, PROP_ENABLED)
DEFINE_BOOLEAN_ACCESSORS (notify_admins, PROP_NOTIFY_ADMINS)
