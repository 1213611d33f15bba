/* roster-participant.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-client-error.h"
#include "roster-enums.h"
#include "roster-json.h"
#include "roster-participant.h"
#include "roster-text.h"

struct _RosterParticipant
{
  GObject                parent_instance;

  gint64                 enrolment_id;
  gint64                 user_id;
  char                  *username;
  char                  *first_name;
  char                  *last_name;
  char                  *full_name;
  char                  *email;
  char                 **group_names;
  gint64                *group_ids;
  char                  *method_name;
  char                  *key_nickname;
  char                  *search_key;
  char                  *name_sort_key;
  gint64                 method_id;
  gint64                 start_at;
  gint64                 end_at;
  gint64                 enrolled_at;
  gint64                 last_access;
  guint                  n_groups;
  guint                  roles;
  RosterUserType         user_type : 4;
  RosterUserState        state : 4;
  RosterEnrolmentStatus  status : 4;
  RosterMethodType       method_type : 4;
};

G_DEFINE_FINAL_TYPE (RosterParticipant, roster_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENROLMENT_ID,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_USER_TYPE,
  PROP_STATE,
  PROP_ROLES_LABEL,
  PROP_GROUP_NAMES,
  PROP_STATUS,
  PROP_METHOD_NAME,
  PROP_KEY_NICKNAME,
  PROP_ENROLLED_AT,
  PROP_LAST_ACCESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields of a streamed row, in the order of field_names. */
enum {
  F_ENROLMENT_ID,
  F_USER_ID,
  F_USERNAME,
  F_FIRST_NAME,
  F_LAST_NAME,
  F_EMAIL,
  F_TYPE,
  F_STATE,
  F_ROLES,
  F_GROUPS,
  F_STATUS,
  F_START_AT,
  F_END_AT,
  F_METHOD_ID,
  F_METHOD_TYPE,
  F_METHOD_NAME,
  F_KEY_NICKNAME,
  F_ENROLLED_AT,
  F_LAST_ACCESS,
  N_FIELDS
};

G_STATIC_ASSERT (N_FIELDS == ROSTER_PARTICIPANT_N_FIELDS);

static const char * const field_names[N_FIELDS] = {
  "enrolment_id", "user_id", "username", "first_name", "last_name", "email", "type", "state",
  "roles", "groups", "status", "start_at", "end_at", "method_id", "method_type", "method_name",
  "key_nickname", "enrolled_at", "last_access",
};

/* Without these a row cannot be shown or acted on. */
static const guint required_fields[] = { F_ENROLMENT_ID, F_USER_ID, F_USERNAME, F_TYPE, F_ROLES, F_STATUS };

static void
roster_participant_finalize (GObject *object)
{
  RosterParticipant *self = (RosterParticipant *) object;

  g_free (self->username);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->full_name);
  g_free (self->email);
  g_strfreev (self->group_names);
  g_free (self->group_ids);
  g_free (self->method_name);
  g_free (self->key_nickname);
  g_free (self->search_key);
  g_free (self->name_sort_key);

  G_OBJECT_CLASS (roster_participant_parent_class)->finalize (object);
}

static void
roster_participant_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterParticipant *self = ROSTER_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ENROLMENT_ID:
      g_value_set_int64 (value, self->enrolment_id);
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
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_USER_TYPE:
      g_value_set_enum (value, self->user_type);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ROLES_LABEL:
      g_value_take_string (value, roster_participant_dup_roles_label (self));
      break;
    case PROP_GROUP_NAMES:
      g_value_set_boxed (value, self->group_names);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_METHOD_NAME:
      g_value_set_string (value, self->method_name);
      break;
    case PROP_KEY_NICKNAME:
      g_value_set_string (value, self->key_nickname);
      break;
    case PROP_ENROLLED_AT:
      g_value_set_int64 (value, self->enrolled_at);
      break;
    case PROP_LAST_ACCESS:
      g_value_set_int64 (value, self->last_access);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_participant_class_init (RosterParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_participant_finalize;
  object_class->get_property = roster_participant_get_property;

  /* Read-only: a participant is what the server said; a change is a
   * request to the server and a new row from it. */
  properties[PROP_ENROLMENT_ID] = g_param_spec_int64 ("enrolment-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_FIRST_NAME] = g_param_spec_string ("first-name", NULL, NULL, NULL, flags);
  properties[PROP_LAST_NAME] = g_param_spec_string ("last-name", NULL, NULL, NULL, flags);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_USER_TYPE] = g_param_spec_enum ("user-type", NULL, NULL, ROSTER_TYPE_USER_TYPE,
                                                  ROSTER_USER_TYPE_STUDENT, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, ROSTER_TYPE_USER_STATE,
                                              ROSTER_USER_STATE_ACTIVE, flags);
  properties[PROP_ROLES_LABEL] = g_param_spec_string ("roles-label", NULL, NULL, NULL, flags);
  properties[PROP_GROUP_NAMES] = g_param_spec_boxed ("group-names", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, ROSTER_TYPE_ENROLMENT_STATUS,
                                               ROSTER_ENROLMENT_ACTIVE, flags);
  properties[PROP_METHOD_NAME] = g_param_spec_string ("method-name", NULL, NULL, NULL, flags);
  properties[PROP_KEY_NICKNAME] = g_param_spec_string ("key-nickname", NULL, NULL, NULL, flags);
  properties[PROP_ENROLLED_AT] = g_param_spec_int64 ("enrolled-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LAST_ACCESS] = g_param_spec_int64 ("last-access", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_participant_init (RosterParticipant *self)
{
}

int *
roster_participant_map_columns (JsonArray  *header,
                                GError    **error)
{
  g_autofree int *columns = g_new (int, N_FIELDS);
  guint length = json_array_get_length (header);

  for (guint f = 0; f < N_FIELDS; f++)
    columns[f] = -1;

  for (guint i = 0; i < length; i++)
    {
      JsonNode *node = json_array_get_element (header, i);
      const char *name;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        goto bad;
      name = json_node_get_string (node);
      /* Columns this version does not know are passed over: the
       * server may add some. */
      for (guint f = 0; f < N_FIELDS; f++)
        if (g_str_equal (name, field_names[f]) && columns[f] < 0)
          columns[f] = i;
    }

  for (guint r = 0; r < G_N_ELEMENTS (required_fields); r++)
    if (columns[required_fields[r]] < 0)
      goto bad;

  return g_steal_pointer (&columns);

bad:
  g_set_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
               _("The server sent a list of participants this version of Roster cannot read."));
  return NULL;
}

/* The element of @row for @field: NULL when the column is absent or
 * the value is null. */
static JsonNode *
field (JsonArray *row,
       const int *columns,
       guint      f)
{
  JsonNode *node;

  if (columns[f] < 0 || (guint) columns[f] >= json_array_get_length (row))
    return NULL;
  node = json_array_get_element (row, columns[f]);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static gboolean
field_string (JsonArray   *row,
              const int   *columns,
              guint        f,
              const char **value)
{
  JsonNode *node = field (row, columns, f);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
field_int (JsonArray *row,
           const int *columns,
           guint      f,
           gint64    *value)
{
  JsonNode *node = field (row, columns, f);

  *value = 0;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= 0;
}

static gboolean
field_time (JsonArray *row,
            const int *columns,
            guint      f,
            gint64    *value)
{
  const char *str;

  *value = 0;
  if (!field_string (row, columns, f, &str))
    return FALSE;
  return str == NULL || roster_json_parse_time (str, value);
}

static gboolean
read_roles (JsonNode *node,
            guint    *roles)
{
  JsonArray *array;

  *roles = 0;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      RosterRole role;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !roster_role_from_string (json_node_get_string (element), &role))
        return FALSE;
      *roles |= 1u << role;
    }
  return TRUE;
}

/* Groups are [id, name] pairs. */
static gboolean
read_groups (RosterParticipant *self,
             JsonNode          *node)
{
  JsonArray *array;
  guint n;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return TRUE;

  self->group_names = g_new0 (char *, n + 1);
  self->group_ids = g_new0 (gint64, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *values;
      JsonNode *id, *name;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (values = json_node_get_array (pair)) < 2)
        return FALSE;
      id = json_array_get_element (values, 0);
      name = json_array_get_element (values, 1);
      if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64 ||
          !JSON_NODE_HOLDS_VALUE (name) || json_node_get_value_type (name) != G_TYPE_STRING)
        return FALSE;
      self->group_ids[i] = json_node_get_int (id);
      self->group_names[i] = g_strdup (json_node_get_string (name));
      self->n_groups = i + 1;
    }
  return TRUE;
}

static void
set_strings (RosterParticipant *self,
             const char        *username,
             const char        *first_name,
             const char        *last_name,
             const char        *email,
             const char        *method_name,
             const char        *key_nickname)
{
  self->username = g_strdup (username);
  self->first_name = g_strdup (first_name);
  self->last_name = g_strdup (last_name);
  self->email = g_strdup (email);
  self->method_name = g_strdup (method_name);
  self->key_nickname = g_strdup (key_nickname);

  if (first_name != NULL && last_name != NULL)
    self->full_name = g_strdup_printf ("%s %s", first_name, last_name);
  else
    self->full_name = g_strdup (first_name != NULL ? first_name : last_name != NULL ? last_name : username);
}

RosterParticipant *
roster_participant_new_from_row (JsonArray  *row,
                                 const int  *columns,
                                 GError    **error)
{
  g_autoptr(RosterParticipant) self = g_object_new (ROSTER_TYPE_PARTICIPANT, NULL);
  const char *username, *first_name, *last_name, *email, *type, *state, *status;
  const char *method_type, *method_name, *key_nickname;
  RosterUserType user_type = ROSTER_USER_TYPE_STUDENT;
  RosterUserState user_state = ROSTER_USER_STATE_ACTIVE;
  RosterEnrolmentStatus enrolment_status = ROSTER_ENROLMENT_ACTIVE;
  RosterMethodType method = ROSTER_METHOD_MANUAL;

  g_return_val_if_fail (row != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  if (!field_int (row, columns, F_ENROLMENT_ID, &self->enrolment_id) || self->enrolment_id == 0 ||
      !field_int (row, columns, F_USER_ID, &self->user_id) || self->user_id == 0 ||
      !field_string (row, columns, F_USERNAME, &username) || username == NULL ||
      !field_string (row, columns, F_FIRST_NAME, &first_name) ||
      !field_string (row, columns, F_LAST_NAME, &last_name) ||
      !field_string (row, columns, F_EMAIL, &email) ||
      !field_string (row, columns, F_TYPE, &type) || type == NULL ||
      !roster_user_type_from_string (type, &user_type) ||
      !field_string (row, columns, F_STATE, &state) ||
      (state != NULL && !roster_user_state_from_string (state, &user_state)) ||
      !read_roles (field (row, columns, F_ROLES), &self->roles) ||
      !read_groups (self, field (row, columns, F_GROUPS)) ||
      !field_string (row, columns, F_STATUS, &status) || status == NULL ||
      !roster_enrolment_status_from_string (status, &enrolment_status) ||
      !field_time (row, columns, F_START_AT, &self->start_at) ||
      !field_time (row, columns, F_END_AT, &self->end_at) ||
      !field_int (row, columns, F_METHOD_ID, &self->method_id) ||
      !field_string (row, columns, F_METHOD_TYPE, &method_type) ||
      (method_type != NULL && !roster_method_type_from_string (method_type, &method)) ||
      !field_string (row, columns, F_METHOD_NAME, &method_name) ||
      !field_string (row, columns, F_KEY_NICKNAME, &key_nickname) ||
      !field_time (row, columns, F_ENROLLED_AT, &self->enrolled_at) ||
      !field_time (row, columns, F_LAST_ACCESS, &self->last_access))
    {
      g_set_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
                   _("The server sent a participant this version of Roster cannot read."));
      return NULL;
    }

  set_strings (self, username, first_name, last_name, email, method_name, key_nickname);
  self->user_type = user_type;
  self->state = user_state;
  self->status = enrolment_status;
  self->method_type = method;

  return g_steal_pointer (&self);
}

#define GETTER(type, field, fallback)                                  \
  type                                                                 \
  roster_participant_get_##field (RosterParticipant *self)             \
  {                                                                    \
    g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), fallback);     \
    return self->field;                                                \
  }

GETTER (gint64, enrolment_id, 0)
GETTER (gint64, user_id, 0)
GETTER (const char *, username, NULL)
GETTER (const char *, first_name, NULL)
GETTER (const char *, last_name, NULL)
GETTER (const char *, full_name, NULL)
GETTER (const char *, email, NULL)
GETTER (RosterUserType, user_type, 0)
GETTER (RosterUserState, state, 0)
GETTER (guint, roles, 0)
GETTER (guint, n_groups, 0)
GETTER (RosterEnrolmentStatus, status, 0)
GETTER (gint64, method_id, 0)
GETTER (const char *, method_name, NULL)
GETTER (const char *, key_nickname, NULL)
GETTER (gint64, start_at, 0)
GETTER (gint64, end_at, 0)
GETTER (gint64, enrolled_at, 0)
GETTER (gint64, last_access, 0)

#undef GETTER

gboolean
roster_participant_has_role (RosterParticipant *self,
                             RosterRole         role)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), FALSE);

  return (self->roles & (1u << role)) != 0;
}

char *
roster_participant_dup_roles_label (RosterParticipant *self)
{
  g_autoptr(GString) label = g_string_new (NULL);

  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), NULL);

  for (guint r = 0; r < ROSTER_N_ROLES; r++)
    if (roster_role_get_label (r) != NULL && (self->roles & (1u << r)) != 0)
      {
        if (label->len > 0)
          g_string_append (label, ", ");
        g_string_append (label, roster_role_get_label (r));
      }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

const char * const *
roster_participant_get_group_names (RosterParticipant *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), none);

  return self->group_names != NULL ? (const char * const *) self->group_names : none;
}

gboolean
roster_participant_in_group (RosterParticipant *self,
                             gint64             group_id)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), FALSE);

  for (guint i = 0; i < self->n_groups; i++)
    if (self->group_ids[i] == group_id)
      return TRUE;
  return FALSE;
}

gboolean
roster_participant_get_method_type (RosterParticipant *self,
                                    RosterMethodType  *type)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), FALSE);

  if (type != NULL)
    *type = self->method_type;
  return self->method_id != 0;
}

/* roster_text_search_key () of @text, appended: the same as that of a
 * whole key, since it folds and decomposes each character on its own
 * and the separators are no marks. Plain ASCII (most names, usernames
 * and e-mail addresses) folds to itself in lower case, with no Unicode
 * tables: a third of the time the stream spent per row. */
static void
append_folded (GString    *key,
               const char *text)
{
  gsize start = key->len;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return;
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        {
          g_string_truncate (key, start);
          folded = roster_text_search_key (text);
          g_string_append (key, folded);
          return;
        }
      g_string_append_c (key, g_ascii_tolower (*p));
    }
}

const char *
roster_participant_get_search_key (RosterParticipant *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), NULL);

  /* Everything the search box looks in, one key with separators that
   * no search text contains. */
  if (self->search_key == NULL)
    {
      GString *key = g_string_sized_new (128);

      append_folded (key, self->full_name);
      g_string_append_c (key, '\x1f');
      append_folded (key, self->username);
      g_string_append_c (key, '\x1f');
      append_folded (key, self->email);
      self->search_key = g_string_free (key, FALSE);
    }
  return self->search_key;
}

const char *
roster_participant_get_name_sort_key (RosterParticipant *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT (self), NULL);

  /* Last name, then first name, as the server orders them. */
  if (self->name_sort_key == NULL)
    {
      g_autofree char *text = g_strjoin ("\x01", self->last_name ? self->last_name : "",
                                         self->first_name ? self->first_name : "", self->username, NULL);

      self->name_sort_key = g_utf8_collate_key (text, -1);
    }
  return self->name_sort_key;
}

/* Changes made in the app (bulk actions) once the server agreed; they
 * notify, so that cells bound to the properties follow. */

void
roster_participant_set_status (RosterParticipant     *self,
                               RosterEnrolmentStatus  status)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

/* An enrolment has one role: the new one replaces the others. */
void
roster_participant_set_role (RosterParticipant *self,
                             RosterRole         role)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT (self));
  g_return_if_fail (role < ROSTER_N_ROLES);

  if (self->roles == (1u << role))
    return;
  self->roles = 1u << role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLES_LABEL]);
}

void
roster_participant_add_group (RosterParticipant *self,
                              gint64             group_id,
                              const char        *name)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT (self));
  g_return_if_fail (group_id > 0);
  g_return_if_fail (name != NULL);

  if (roster_participant_in_group (self, group_id))
    return;

  self->group_ids = g_renew (gint64, self->group_ids, self->n_groups + 1);
  self->group_names = g_renew (char *, self->group_names, self->n_groups + 2);
  self->group_ids[self->n_groups] = group_id;
  self->group_names[self->n_groups] = g_strdup (name);
  self->group_names[self->n_groups + 1] = NULL;
  self->n_groups++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_NAMES]);
}
