/* roster-user-profile.c: what an administrator sees of one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-audit-entry.h"
#include "roster-json.h"
#include "roster-user-course.h"
#include "roster-user-profile.h"

struct _RosterUserProfile
{
  GObject     parent_instance;

  RosterUser *user;
  guint       failed_logins;
  GListStore *enrolments;
  GListStore *recent_events;
};

G_DEFINE_FINAL_TYPE (RosterUserProfile, roster_user_profile, G_TYPE_OBJECT)

static void
roster_user_profile_dispose (GObject *object)
{
  RosterUserProfile *self = ROSTER_USER_PROFILE (object);

  g_clear_object (&self->user);
  g_clear_object (&self->enrolments);
  g_clear_object (&self->recent_events);

  G_OBJECT_CLASS (roster_user_profile_parent_class)->dispose (object);
}

static void
roster_user_profile_class_init (RosterUserProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = roster_user_profile_dispose;
}

static void
roster_user_profile_init (RosterUserProfile *self)
{
  self->enrolments = g_list_store_new (ROSTER_TYPE_USER_COURSE);
  self->recent_events = g_list_store_new (ROSTER_TYPE_AUDIT_ENTRY);
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *name,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "%s: not a list", name);
      return NULL;
    }
  return json_node_get_array (node);
}

/* The profile's events carry ids only; the person's own names and the
 * short names of their courses are at hand, so say them where they fit. */
static RosterAuditEntry *
event_from_json (RosterUserProfile  *self,
                 JsonObject         *object,
                 GError            **error)
{
  g_autoptr(RosterAuditEntry) entry = NULL;
  const char *action = NULL;
  JsonNode *details = NULL;
  gint64 id = 0, at = 0, actor_id = 0, course_id = 0;

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_time (object, "at", TRUE, &at, error) ||
      !roster_json_get_string (object, "action", TRUE, &action, error) ||
      !roster_json_get_int (object, "actor_id", FALSE, &actor_id, error) ||
      !roster_json_get_int (object, "course_id", FALSE, &course_id, error))
    return NULL;

  details = json_object_get_member (object, "details");
  if (details != NULL && !JSON_NODE_HOLDS_NULL (details) && !JSON_NODE_HOLDS_OBJECT (details))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA, "details: not an object");
      return NULL;
    }

  entry = roster_audit_entry_new (id, at, action);
  if (actor_id == roster_user_get_id (self->user))
    roster_audit_entry_set_actor (entry, actor_id,
                                  roster_user_get_username (self->user),
                                  roster_user_get_first_name (self->user),
                                  roster_user_get_last_name (self->user));
  else if (actor_id > 0)
    roster_audit_entry_set_actor (entry, actor_id, NULL, NULL, NULL);

  if (course_id > 0)
    {
      const char *short_name = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->enrolments)); i++)
        {
          g_autoptr(RosterUserCourse) course = g_list_model_get_item (G_LIST_MODEL (self->enrolments), i);

          if (roster_user_course_get_course_id (course) == course_id)
            short_name = roster_user_course_get_short_name (course);
        }
      roster_audit_entry_set_course (entry, course_id, short_name);
    }

  if (details != NULL && JSON_NODE_HOLDS_OBJECT (details))
    roster_audit_entry_set_details (entry, json_node_get_object (details));

  return g_steal_pointer (&entry);
}

/**
 * roster_user_profile_new_from_json:
 * @object: the answer of GET /api/v1/users/{uid}
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
RosterUserProfile *
roster_user_profile_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(RosterUserProfile) self = g_object_new (ROSTER_TYPE_USER_PROFILE, NULL);
  JsonArray *enrolments, *events;
  gint64 failed_logins = 0;

  self->user = roster_user_new_from_json (object, error);
  if (self->user == NULL ||
      !roster_json_get_int (object, "failed_logins", FALSE, &failed_logins, error) ||
      (enrolments = get_array (object, "enrolments", error)) == NULL ||
      (events = get_array (object, "recent_events", error)) == NULL)
    return NULL;
  self->failed_logins = (guint) CLAMP (failed_logins, 0, G_MAXUINT);

  for (guint i = 0; i < json_array_get_length (enrolments); i++)
    {
      JsonNode *node = json_array_get_element (enrolments, i);
      g_autoptr(RosterUserCourse) course = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (course = roster_user_course_new_from_json (json_node_get_object (node), error)) == NULL)
        {
          g_prefix_error (error, "enrolments: ");
          return NULL;
        }
      g_list_store_append (self->enrolments, course);
    }

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      g_autoptr(RosterAuditEntry) entry = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (entry = event_from_json (self, json_node_get_object (node), error)) == NULL)
        {
          g_prefix_error (error, "recent_events: ");
          return NULL;
        }
      g_list_store_append (self->recent_events, entry);
    }

  return g_steal_pointer (&self);
}

/**
 * roster_user_profile_get_user:
 *
 * Returns: (transfer none): the account
 */
RosterUser *
roster_user_profile_get_user (RosterUserProfile *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PROFILE (self), NULL);
  return self->user;
}

guint
roster_user_profile_get_failed_logins (RosterUserProfile *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PROFILE (self), 0);
  return self->failed_logins;
}

/**
 * roster_user_profile_get_enrolments:
 *
 * Returns: (transfer none): a #GListModel of #RosterUserCourse
 */
GListModel *
roster_user_profile_get_enrolments (RosterUserProfile *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PROFILE (self), NULL);
  return G_LIST_MODEL (self->enrolments);
}

/**
 * roster_user_profile_get_recent_events:
 *
 * Returns: (transfer none): a #GListModel of #RosterAuditEntry
 */
GListModel *
roster_user_profile_get_recent_events (RosterUserProfile *self)
{
  g_return_val_if_fail (ROSTER_IS_USER_PROFILE (self), NULL);
  return G_LIST_MODEL (self->recent_events);
}
