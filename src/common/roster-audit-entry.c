/* roster-audit-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-audit-entry.h"
#include "roster-error.h"
#include "roster-json.h"

typedef struct
{
  gint64  id;
  char   *username;
  char   *first_name;
  char   *last_name;
} Person;

struct _RosterAuditEntry
{
  GObject     parent_instance;

  gint64      id;
  gint64      at;
  char       *action;
  Person      actor;
  Person      target;
  gint64      course_id;
  char       *course_short_name;
  char       *object_type;
  gint64      object_id;
  char       *remote_address;
  JsonObject *details;
};

G_DEFINE_FINAL_TYPE (RosterAuditEntry, roster_audit_entry, G_TYPE_OBJECT)

/* Read-only: an entry is a record of the past. The setters exist for
 * whoever builds one, and notify like any other change. */
enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_ACTION,
  PROP_ACTOR_ID,
  PROP_ACTOR_USERNAME,
  PROP_TARGET_ID,
  PROP_TARGET_USERNAME,
  PROP_COURSE_ID,
  PROP_COURSE_SHORT_NAME,
  PROP_OBJECT_TYPE,
  PROP_OBJECT_ID,
  PROP_REMOTE_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
person_clear (Person *person)
{
  g_clear_pointer (&person->username, g_free);
  g_clear_pointer (&person->first_name, g_free);
  g_clear_pointer (&person->last_name, g_free);
  person->id = 0;
}

static void
roster_audit_entry_finalize (GObject *object)
{
  RosterAuditEntry *self = (RosterAuditEntry *) object;

  g_free (self->action);
  person_clear (&self->actor);
  person_clear (&self->target);
  g_free (self->course_short_name);
  g_free (self->object_type);
  g_free (self->remote_address);
  g_clear_pointer (&self->details, json_object_unref);

  G_OBJECT_CLASS (roster_audit_entry_parent_class)->finalize (object);
}

static void
roster_audit_entry_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RosterAuditEntry *self = ROSTER_AUDIT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_ACTOR_ID:
      g_value_set_int64 (value, self->actor.id);
      break;
    case PROP_ACTOR_USERNAME:
      g_value_set_string (value, self->actor.username);
      break;
    case PROP_TARGET_ID:
      g_value_set_int64 (value, self->target.id);
      break;
    case PROP_TARGET_USERNAME:
      g_value_set_string (value, self->target.username);
      break;
    case PROP_COURSE_ID:
      g_value_set_int64 (value, self->course_id);
      break;
    case PROP_COURSE_SHORT_NAME:
      g_value_set_string (value, self->course_short_name);
      break;
    case PROP_OBJECT_TYPE:
      g_value_set_string (value, self->object_type);
      break;
    case PROP_OBJECT_ID:
      g_value_set_int64 (value, self->object_id);
      break;
    case PROP_REMOTE_ADDRESS:
      g_value_set_string (value, self->remote_address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_audit_entry_class_init (RosterAuditEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_audit_entry_finalize;
  object_class->get_property = roster_audit_entry_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_int64 ("at", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR_ID] = g_param_spec_int64 ("actor-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ACTOR_USERNAME] = g_param_spec_string ("actor-username", NULL, NULL, NULL, flags);
  properties[PROP_TARGET_ID] = g_param_spec_int64 ("target-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TARGET_USERNAME] = g_param_spec_string ("target-username", NULL, NULL, NULL, flags);
  properties[PROP_COURSE_ID] = g_param_spec_int64 ("course-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COURSE_SHORT_NAME] = g_param_spec_string ("course-short-name", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_TYPE] = g_param_spec_string ("object-type", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_ID] = g_param_spec_int64 ("object-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_REMOTE_ADDRESS] = g_param_spec_string ("remote-address", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_audit_entry_init (RosterAuditEntry *self)
{
}

RosterAuditEntry *
roster_audit_entry_new (gint64      id,
                        gint64      at,
                        const char *action)
{
  RosterAuditEntry *self = g_object_new (ROSTER_TYPE_AUDIT_ENTRY, NULL);

  self->id = id;
  self->at = at;
  self->action = g_strdup (action);

  return self;
}

/* ---- JSON ---- */

static void
person_to_json (JsonBuilder  *builder,
                const char   *member,
                const Person *person)
{
  json_builder_set_member_name (builder, member);
  if (person->id == 0)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, person->id);
  roster_json_builder_add_string_or_null (builder, "username", person->username);
  roster_json_builder_add_string_or_null (builder, "first_name", person->first_name);
  roster_json_builder_add_string_or_null (builder, "last_name", person->last_name);
  json_builder_end_object (builder);
}

void
roster_audit_entry_to_json (RosterAuditEntry *self,
                            JsonBuilder      *builder)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);
  roster_json_builder_add_time (builder, "at", self->at);
  roster_json_builder_add_string_or_null (builder, "action", self->action);
  person_to_json (builder, "actor", &self->actor);
  person_to_json (builder, "target", &self->target);

  json_builder_set_member_name (builder, "course");
  if (self->course_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, self->course_id);
      roster_json_builder_add_string_or_null (builder, "short_name", self->course_short_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  roster_json_builder_add_string_or_null (builder, "object_type", self->object_type);
  json_builder_set_member_name (builder, "object_id");
  if (self->object_id != 0)
    json_builder_add_int_value (builder, self->object_id);
  else
    json_builder_add_null_value (builder);
  roster_json_builder_add_string_or_null (builder, "remote_address", self->remote_address);

  json_builder_set_member_name (builder, "details");
  if (self->details != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->details);

      json_builder_add_value (builder, g_steal_pointer (&node));
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
}

/* @member: an object (filled into @object_out) or null/absent (NULL). */
static gboolean
get_optional_object (JsonObject  *object,
                     const char  *member,
                     JsonObject **object_out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *object_out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), member, _("an object"));
      return FALSE;
    }

  *object_out = json_node_get_object (node);
  return TRUE;
}

static gboolean
person_from_json (JsonObject  *object,
                  const char  *member,
                  Person      *person,
                  GError     **error)
{
  JsonObject *inner = NULL;
  const char *username = NULL, *first_name = NULL, *last_name = NULL;
  gint64 id = 0;

  if (!get_optional_object (object, member, &inner, error))
    return FALSE;
  if (inner == NULL)
    return TRUE;

  if (!roster_json_get_int (inner, "id", TRUE, &id, error) ||
      !roster_json_get_string (inner, "username", FALSE, &username, error) ||
      !roster_json_get_string (inner, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (inner, "last_name", FALSE, &last_name, error))
    {
      g_prefix_error (error, "%s: ", member);
      return FALSE;
    }

  person->id = id;
  person->username = g_strdup (username);
  person->first_name = g_strdup (first_name);
  person->last_name = g_strdup (last_name);
  return TRUE;
}

RosterAuditEntry *
roster_audit_entry_new_from_json (JsonObject  *object,
                                  GError     **error)
{
  g_autoptr(RosterAuditEntry) self = NULL;
  const char *action = NULL, *object_type = NULL, *remote_address = NULL, *short_name = NULL;
  JsonObject *course = NULL, *details = NULL;
  gint64 id = 0, at = 0;

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_time (object, "at", TRUE, &at, error) ||
      !roster_json_get_string (object, "action", TRUE, &action, error))
    return NULL;

  self = roster_audit_entry_new (id, at, action);

  if (!person_from_json (object, "actor", &self->actor, error) ||
      !person_from_json (object, "target", &self->target, error) ||
      !get_optional_object (object, "course", &course, error) ||
      !roster_json_get_string (object, "object_type", FALSE, &object_type, error) ||
      !roster_json_get_int (object, "object_id", FALSE, &self->object_id, error) ||
      !roster_json_get_string (object, "remote_address", FALSE, &remote_address, error) ||
      !get_optional_object (object, "details", &details, error))
    return NULL;

  if (course != NULL &&
      (!roster_json_get_int (course, "id", TRUE, &self->course_id, error) ||
       !roster_json_get_string (course, "short_name", FALSE, &short_name, error)))
    {
      g_prefix_error (error, "course: ");
      return NULL;
    }

  self->course_short_name = g_strdup (short_name);
  self->object_type = g_strdup (object_type);
  self->remote_address = g_strdup (remote_address);
  if (details != NULL)
    self->details = json_object_ref (details);

  return g_steal_pointer (&self);
}

/* ---- accessors ---- */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
set_person (RosterAuditEntry *self,
            Person           *person,
            gint64            id,
            const char       *username,
            const char       *first_name,
            const char       *last_name,
            guint             prop_id,
            guint             prop_username)
{
  gboolean id_changed = person->id != id;

  person->id = id;
  set_string (&person->first_name, first_name);
  set_string (&person->last_name, last_name);
  if (set_string (&person->username, username))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_username]);
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

gint64
roster_audit_entry_get_id (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->id;
}

gint64
roster_audit_entry_get_at (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->at;
}

const char *
roster_audit_entry_get_action (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->action;
}

void
roster_audit_entry_set_actor (RosterAuditEntry *self,
                              gint64            id,
                              const char       *username,
                              const char       *first_name,
                              const char       *last_name)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));
  set_person (self, &self->actor, id, username, first_name, last_name, PROP_ACTOR_ID, PROP_ACTOR_USERNAME);
}

gint64
roster_audit_entry_get_actor_id (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->actor.id;
}

const char *
roster_audit_entry_get_actor_username (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->actor.username;
}

const char *
roster_audit_entry_get_actor_first_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->actor.first_name;
}

const char *
roster_audit_entry_get_actor_last_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->actor.last_name;
}

void
roster_audit_entry_set_target (RosterAuditEntry *self,
                               gint64            id,
                               const char       *username,
                               const char       *first_name,
                               const char       *last_name)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));
  set_person (self, &self->target, id, username, first_name, last_name, PROP_TARGET_ID, PROP_TARGET_USERNAME);
}

gint64
roster_audit_entry_get_target_id (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->target.id;
}

const char *
roster_audit_entry_get_target_username (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->target.username;
}

const char *
roster_audit_entry_get_target_first_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->target.first_name;
}

const char *
roster_audit_entry_get_target_last_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->target.last_name;
}

void
roster_audit_entry_set_course (RosterAuditEntry *self,
                               gint64            id,
                               const char       *short_name)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));

  if (self->course_id != id)
    {
      self->course_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE_ID]);
    }
  if (set_string (&self->course_short_name, short_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE_SHORT_NAME]);
}

gint64
roster_audit_entry_get_course_id (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->course_id;
}

const char *
roster_audit_entry_get_course_short_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->course_short_name;
}

void
roster_audit_entry_set_object (RosterAuditEntry *self,
                               const char       *type,
                               gint64            id)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));

  if (set_string (&self->object_type, type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT_TYPE]);
  if (self->object_id != id)
    {
      self->object_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OBJECT_ID]);
    }
}

const char *
roster_audit_entry_get_object_type (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->object_type;
}

gint64
roster_audit_entry_get_object_id (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), 0);
  return self->object_id;
}

void
roster_audit_entry_set_remote_address (RosterAuditEntry *self,
                                       const char       *remote_address)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));

  if (set_string (&self->remote_address, remote_address))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOTE_ADDRESS]);
}

const char *
roster_audit_entry_get_remote_address (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->remote_address;
}

void
roster_audit_entry_set_details (RosterAuditEntry *self,
                                JsonObject       *details)
{
  g_return_if_fail (ROSTER_IS_AUDIT_ENTRY (self));

  if (details != NULL)
    json_object_ref (details);
  g_clear_pointer (&self->details, json_object_unref);
  self->details = details;
}

JsonObject *
roster_audit_entry_get_details (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return self->details;
}

/* As roster_user_dup_full_name (): a missing part is left out. */
static char *
person_dup_name (const Person *person)
{
  gboolean has_first = person->first_name != NULL && *person->first_name;
  gboolean has_last = person->last_name != NULL && *person->last_name;

  if (has_first && has_last)
    return g_strdup_printf ("%s %s", person->first_name, person->last_name);
  if (has_first)
    return g_strdup (person->first_name);
  if (has_last)
    return g_strdup (person->last_name);
  return g_strdup (person->username);
}

char *
roster_audit_entry_dup_actor_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return person_dup_name (&self->actor);
}

char *
roster_audit_entry_dup_target_name (RosterAuditEntry *self)
{
  g_return_val_if_fail (ROSTER_IS_AUDIT_ENTRY (self), NULL);
  return person_dup_name (&self->target);
}
