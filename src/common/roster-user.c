/* roster-user.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-user.h"

struct _RosterUser
{
  GObject          parent_instance;

  gint64           id;
  char            *username;
  char            *email;
  char            *first_name;
  char            *last_name;
  RosterUserType   user_type;
  RosterUserState  state;
  gint64           locked_until;
  gint64           created_at;
  gint64           last_access;
  guint            is_site_admin : 1;
};

G_DEFINE_FINAL_TYPE (RosterUser, roster_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_USERNAME,
  PROP_EMAIL,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_USER_TYPE,
  PROP_STATE,
  PROP_IS_SITE_ADMIN,
  PROP_LOCKED_UNTIL,
  PROP_CREATED_AT,
  PROP_LAST_ACCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_user_finalize (GObject *object)
{
  RosterUser *self = (RosterUser *) object;

  g_free (self->username);
  g_free (self->email);
  g_free (self->first_name);
  g_free (self->last_name);

  G_OBJECT_CLASS (roster_user_parent_class)->finalize (object);
}

static void
roster_user_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  RosterUser *self = ROSTER_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;
    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;
    case PROP_USER_TYPE:
      g_value_set_enum (value, self->user_type);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_IS_SITE_ADMIN:
      g_value_set_boolean (value, self->is_site_admin);
      break;
    case PROP_LOCKED_UNTIL:
      g_value_set_int64 (value, self->locked_until);
      break;
    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;
    case PROP_LAST_ACCESS:
      g_value_set_int64 (value, self->last_access);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_user_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  RosterUser *self = ROSTER_USER (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_user_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_USERNAME:
      roster_user_set_username (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      roster_user_set_email (self, g_value_get_string (value));
      break;
    case PROP_FIRST_NAME:
      roster_user_set_first_name (self, g_value_get_string (value));
      break;
    case PROP_LAST_NAME:
      roster_user_set_last_name (self, g_value_get_string (value));
      break;
    case PROP_USER_TYPE:
      roster_user_set_user_type (self, g_value_get_enum (value));
      break;
    case PROP_STATE:
      roster_user_set_state (self, g_value_get_enum (value));
      break;
    case PROP_IS_SITE_ADMIN:
      roster_user_set_is_site_admin (self, g_value_get_boolean (value));
      break;
    case PROP_LOCKED_UNTIL:
      roster_user_set_locked_until (self, g_value_get_int64 (value));
      break;
    case PROP_CREATED_AT:
      roster_user_set_created_at (self, g_value_get_int64 (value));
      break;
    case PROP_LAST_ACCESS:
      roster_user_set_last_access (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_user_class_init (RosterUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_user_finalize;
  object_class->get_property = roster_user_get_property;
  object_class->set_property = roster_user_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_USER_TYPE] =
    g_param_spec_enum ("user-type", NULL, NULL,
                       ROSTER_TYPE_USER_TYPE, ROSTER_USER_TYPE_STAFF, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       ROSTER_TYPE_USER_STATE, ROSTER_USER_STATE_ACTIVE, flags);
  properties[PROP_IS_SITE_ADMIN] = g_param_spec_boolean ("is-site-admin", NULL, NULL, FALSE, flags);
  properties[PROP_LOCKED_UNTIL] = g_param_spec_int64 ("locked-until", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ACCESS] = g_param_spec_int64 ("last-access", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_user_init (RosterUser *self)
{
  self->state = ROSTER_USER_STATE_ACTIVE;
}

RosterUser *
roster_user_new (void)
{
  return g_object_new (ROSTER_TYPE_USER, NULL);
}

void
roster_user_to_json (RosterUser  *self,
                     JsonBuilder *builder)
{
  g_return_if_fail (ROSTER_IS_USER (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  roster_json_builder_add_string_or_null (builder, "username", self->username);
  roster_json_builder_add_string_or_null (builder, "email", self->email);
  roster_json_builder_add_string_or_null (builder, "first_name", self->first_name);
  roster_json_builder_add_string_or_null (builder, "last_name", self->last_name);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, roster_user_type_to_string (self->user_type));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, roster_user_state_to_string (self->state));
  json_builder_set_member_name (builder, "site_admin");
  json_builder_add_boolean_value (builder, self->is_site_admin);
  roster_json_builder_add_time (builder, "locked_until", self->locked_until);
  roster_json_builder_add_time (builder, "created_at", self->created_at);
  roster_json_builder_add_time (builder, "last_access", self->last_access);
  json_builder_end_object (builder);
}

RosterUser *
roster_user_new_from_json (JsonObject  *object,
                           GError     **error)
{
  g_autoptr(RosterUser) self = roster_user_new ();
  const char *username, *email, *first_name, *last_name, *type, *state;
  gboolean site_admin = FALSE;
  gint64 id = 0;

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_string (object, "username", TRUE, &username, error) ||
      !roster_json_get_string (object, "email", FALSE, &email, error) ||
      !roster_json_get_string (object, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (object, "last_name", FALSE, &last_name, error) ||
      !roster_json_get_string (object, "type", TRUE, &type, error) ||
      !roster_json_get_string (object, "state", TRUE, &state, error) ||
      !roster_json_get_bool (object, "site_admin", FALSE, &site_admin, error) ||
      !roster_json_get_time (object, "locked_until", FALSE, &self->locked_until, error) ||
      !roster_json_get_time (object, "created_at", FALSE, &self->created_at, error) ||
      !roster_json_get_time (object, "last_access", FALSE, &self->last_access, error))
    return NULL;

  if (!roster_user_type_from_string (type, &self->user_type) ||
      !roster_user_state_from_string (state, &self->state))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown user type or state “%s”/“%s”."), type, state);
      return NULL;
    }

  self->id = id;
  self->username = g_strdup (username);
  self->email = g_strdup (email);
  self->first_name = g_strdup (first_name);
  self->last_name = g_strdup (last_name);
  self->is_site_admin = !!site_admin;

  return g_steal_pointer (&self);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_user_get_##field (RosterUser *self)                              \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_USER (self), NULL);                   \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_user_set_##field (RosterUser *self,                              \
                           const char *value)                             \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_USER (self));                             \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP)                        \
  Type                                                                    \
  roster_user_get_##field (RosterUser *self)                              \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_USER (self), (Type) 0);               \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_user_set_##field (RosterUser *self,                              \
                           Type        value)                             \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_USER (self));                             \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (username, PROP_USERNAME)
DEFINE_STRING_ACCESSORS (email, PROP_EMAIL)
DEFINE_STRING_ACCESSORS (first_name, PROP_FIRST_NAME)
DEFINE_STRING_ACCESSORS (last_name, PROP_LAST_NAME)
DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID)
DEFINE_SCALAR_ACCESSORS (user_type, RosterUserType, PROP_USER_TYPE)
DEFINE_SCALAR_ACCESSORS (state, RosterUserState, PROP_STATE)
DEFINE_SCALAR_ACCESSORS (locked_until, gint64, PROP_LOCKED_UNTIL)
DEFINE_SCALAR_ACCESSORS (created_at, gint64, PROP_CREATED_AT)
DEFINE_SCALAR_ACCESSORS (last_access, gint64, PROP_LAST_ACCESS)

gboolean
roster_user_get_is_site_admin (RosterUser *self)
{
  g_return_val_if_fail (ROSTER_IS_USER (self), FALSE);
  return self->is_site_admin;
}

void
roster_user_set_is_site_admin (RosterUser *self,
                               gboolean    is_site_admin)
{
  g_return_if_fail (ROSTER_IS_USER (self));

  is_site_admin = !!is_site_admin;
  if (self->is_site_admin != is_site_admin)
    {
      self->is_site_admin = is_site_admin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_SITE_ADMIN]);
    }
}

/* Names are shown as "first last"; a missing part is simply left out so
 * that mononymous people and half-filled imports still read well. */
char *
roster_user_dup_full_name (RosterUser *self)
{
  g_return_val_if_fail (ROSTER_IS_USER (self), NULL);

  if (self->first_name != NULL && *self->first_name && self->last_name != NULL && *self->last_name)
    return g_strdup_printf ("%s %s", self->first_name, self->last_name);
  if (self->first_name != NULL && *self->first_name)
    return g_strdup (self->first_name);
  if (self->last_name != NULL && *self->last_name)
    return g_strdup (self->last_name);
  return g_strdup (self->username);
}
