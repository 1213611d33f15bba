/* roster-removal-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-removal-request.h"

G_DEFINE_ENUM_TYPE (RosterRemovalStatus, roster_removal_status,
                    G_DEFINE_ENUM_VALUE (ROSTER_REMOVAL_STATUS_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (ROSTER_REMOVAL_STATUS_DECLINED, "declined"),
                    G_DEFINE_ENUM_VALUE (ROSTER_REMOVAL_STATUS_ERASED, "erased"))

static const char * const status_names[] = { "pending", "declined", "erased" };

const char *
roster_removal_status_to_string (RosterRemovalStatus status)
{
  return (guint) status < G_N_ELEMENTS (status_names) ? status_names[status] : NULL;
}

gboolean
roster_removal_status_from_string (const char          *str,
                                   RosterRemovalStatus *status)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (str, status_names[i]))
        {
          *status = (RosterRemovalStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

struct _RosterRemovalRequest
{
  GObject              parent_instance;

  gint64               id;
  gint64               user_id;
  char                *username;
  char                *first_name;
  char                *last_name;
  char                *email;
  RosterUserState      user_state;
  gint64               requested_at;
  char                *reason;
  RosterRemovalStatus  status;
  gint64               decided_at;
  gint64               decided_by;
  char                *decision_reason;
};

G_DEFINE_FINAL_TYPE (RosterRemovalRequest, roster_removal_request, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_USER_STATE,
  PROP_REQUESTED_AT,
  PROP_REASON,
  PROP_STATUS,
  PROP_DECIDED_AT,
  PROP_DECIDED_BY,
  PROP_DECISION_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_removal_request_finalize (GObject *object)
{
  RosterRemovalRequest *self = (RosterRemovalRequest *) object;

  g_free (self->username);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->email);
  g_free (self->reason);
  g_free (self->decision_reason);

  G_OBJECT_CLASS (roster_removal_request_parent_class)->finalize (object);
}

static void
roster_removal_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RosterRemovalRequest *self = ROSTER_REMOVAL_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;
    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_USER_STATE:
      g_value_set_enum (value, self->user_state);
      break;
    case PROP_REQUESTED_AT:
      g_value_set_int64 (value, self->requested_at);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_DECIDED_AT:
      g_value_set_int64 (value, self->decided_at);
      break;
    case PROP_DECIDED_BY:
      g_value_set_int64 (value, self->decided_by);
      break;
    case PROP_DECISION_REASON:
      g_value_set_string (value, self->decision_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_removal_request_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RosterRemovalRequest *self = ROSTER_REMOVAL_REQUEST (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_removal_request_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_USER_ID:
      roster_removal_request_set_user_id (self, g_value_get_int64 (value));
      break;
    case PROP_USERNAME:
      roster_removal_request_set_username (self, g_value_get_string (value));
      break;
    case PROP_FIRST_NAME:
      roster_removal_request_set_first_name (self, g_value_get_string (value));
      break;
    case PROP_LAST_NAME:
      roster_removal_request_set_last_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      roster_removal_request_set_email (self, g_value_get_string (value));
      break;
    case PROP_USER_STATE:
      roster_removal_request_set_user_state (self, g_value_get_enum (value));
      break;
    case PROP_REQUESTED_AT:
      roster_removal_request_set_requested_at (self, g_value_get_int64 (value));
      break;
    case PROP_REASON:
      roster_removal_request_set_reason (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      roster_removal_request_set_status (self, g_value_get_enum (value));
      break;
    case PROP_DECIDED_AT:
      roster_removal_request_set_decided_at (self, g_value_get_int64 (value));
      break;
    case PROP_DECIDED_BY:
      roster_removal_request_set_decided_by (self, g_value_get_int64 (value));
      break;
    case PROP_DECISION_REASON:
      roster_removal_request_set_decision_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_removal_request_class_init (RosterRemovalRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_removal_request_finalize;
  object_class->get_property = roster_removal_request_get_property;
  object_class->set_property = roster_removal_request_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_USER_STATE] =
    g_param_spec_enum ("user-state", NULL, NULL,
                       ROSTER_TYPE_USER_STATE, ROSTER_USER_STATE_ACTIVE, flags);
  properties[PROP_REQUESTED_AT] = g_param_spec_int64 ("requested-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ROSTER_TYPE_REMOVAL_STATUS, ROSTER_REMOVAL_STATUS_PENDING, flags);
  properties[PROP_DECIDED_AT] = g_param_spec_int64 ("decided-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DECIDED_BY] = g_param_spec_int64 ("decided-by", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_DECISION_REASON] = g_param_spec_string ("decision-reason", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_removal_request_init (RosterRemovalRequest *self)
{
  self->user_state = ROSTER_USER_STATE_ACTIVE;
  self->status = ROSTER_REMOVAL_STATUS_PENDING;
}

RosterRemovalRequest *
roster_removal_request_new (void)
{
  return g_object_new (ROSTER_TYPE_REMOVAL_REQUEST, NULL);
}

static void
add_id_or_null (JsonBuilder *builder,
                const char  *member,
                gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id != 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

void
roster_removal_request_to_json (RosterRemovalRequest *self,
                                JsonBuilder          *builder)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_REQUEST (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);

  json_builder_set_member_name (builder, "user");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->user_id);
  roster_json_builder_add_string_or_null (builder, "username", self->username);
  roster_json_builder_add_string_or_null (builder, "first_name", self->first_name);
  roster_json_builder_add_string_or_null (builder, "last_name", self->last_name);
  roster_json_builder_add_string_or_null (builder, "email", self->email);
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, roster_user_state_to_string (self->user_state));
  json_builder_end_object (builder);

  roster_json_builder_add_time (builder, "requested_at", self->requested_at);
  roster_json_builder_add_string_or_null (builder, "reason", self->reason);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, roster_removal_status_to_string (self->status));
  roster_json_builder_add_time (builder, "decided_at", self->decided_at);
  add_id_or_null (builder, "decided_by", self->decided_by);
  roster_json_builder_add_string_or_null (builder, "decision_reason", self->decision_reason);
  json_builder_end_object (builder);
}

RosterRemovalRequest *
roster_removal_request_new_from_json (JsonObject  *object,
                                      GError     **error)
{
  g_autoptr(RosterRemovalRequest) self = roster_removal_request_new ();
  const char *username, *first_name, *last_name, *email, *state, *reason, *status, *decision_reason;
  JsonNode *user_node;
  JsonObject *user;

  user_node = json_object_get_member (object, "user");
  if (user_node == NULL || !JSON_NODE_HOLDS_OBJECT (user_node))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” is required."), "user");
      return NULL;
    }
  user = json_node_get_object (user_node);

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (user, "id", TRUE, &self->user_id, error) ||
      !roster_json_get_string (user, "username", TRUE, &username, error) ||
      !roster_json_get_string (user, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (user, "last_name", FALSE, &last_name, error) ||
      !roster_json_get_string (user, "email", FALSE, &email, error) ||
      !roster_json_get_string (user, "state", TRUE, &state, error) ||
      !roster_json_get_time (object, "requested_at", TRUE, &self->requested_at, error) ||
      !roster_json_get_string (object, "reason", FALSE, &reason, error) ||
      !roster_json_get_string (object, "status", TRUE, &status, error) ||
      !roster_json_get_time (object, "decided_at", FALSE, &self->decided_at, error) ||
      !roster_json_get_int (object, "decided_by", FALSE, &self->decided_by, error) ||
      !roster_json_get_string (object, "decision_reason", FALSE, &decision_reason, error))
    return NULL;

  if (!roster_user_state_from_string (state, &self->user_state) ||
      !roster_removal_status_from_string (status, &self->status))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown user state or request status “%s”/“%s”."), state, status);
      return NULL;
    }

  self->username = g_strdup (username);
  self->first_name = g_strdup (first_name);
  self->last_name = g_strdup (last_name);
  self->email = g_strdup (email);
  self->reason = g_strdup (reason);
  self->decision_reason = g_strdup (decision_reason);

  return g_steal_pointer (&self);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                              \
  const char *                                                            \
  roster_removal_request_get_##field (RosterRemovalRequest *self)         \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_REMOVAL_REQUEST (self), NULL);        \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_removal_request_set_##field (RosterRemovalRequest *self,         \
                                      const char           *value)        \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_REMOVAL_REQUEST (self));                  \
    if (g_strcmp0 (self->field, value) != 0)                              \
      {                                                                   \
        g_free (self->field);                                             \
        self->field = g_strdup (value);                                   \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP)                        \
  Type                                                                    \
  roster_removal_request_get_##field (RosterRemovalRequest *self)         \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_REMOVAL_REQUEST (self), (Type) 0);    \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_removal_request_set_##field (RosterRemovalRequest *self,         \
                                      Type                  value)        \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_REMOVAL_REQUEST (self));                  \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_STRING_ACCESSORS (username, PROP_USERNAME)
DEFINE_STRING_ACCESSORS (first_name, PROP_FIRST_NAME)
DEFINE_STRING_ACCESSORS (last_name, PROP_LAST_NAME)
DEFINE_STRING_ACCESSORS (email, PROP_EMAIL)
DEFINE_STRING_ACCESSORS (reason, PROP_REASON)
DEFINE_STRING_ACCESSORS (decision_reason, PROP_DECISION_REASON)
DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID)
DEFINE_SCALAR_ACCESSORS (user_id, gint64, PROP_USER_ID)
DEFINE_SCALAR_ACCESSORS (user_state, RosterUserState, PROP_USER_STATE)
DEFINE_SCALAR_ACCESSORS (requested_at, gint64, PROP_REQUESTED_AT)
DEFINE_SCALAR_ACCESSORS (status, RosterRemovalStatus, PROP_STATUS)
DEFINE_SCALAR_ACCESSORS (decided_at, gint64, PROP_DECIDED_AT)
DEFINE_SCALAR_ACCESSORS (decided_by, gint64, PROP_DECIDED_BY)
