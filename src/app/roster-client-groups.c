/* roster-client-groups.c: a course's groups, their members and group mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-groups.h"
#include "roster-client-private.h"
#include "roster-member.h"

/* The answer's group, all or nothing. */
static RosterGroup *
group_finish (RosterClient  *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, source_tag, error);
  RosterGroup *group;
  GError *local = NULL;

  if (object == NULL)
    return NULL;
  group = roster_group_new_from_json (object, &local);
  if (group == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return group;
}

static JsonNode *
name_body (const char *name,
           const char *description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  if (description != NULL && *description != '\0')
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, description);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * roster_client_create_group_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @name: the new group's name, unique in the course
 * @description: (nullable): what the group is for
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Creates a group in a course.
 */
void
roster_client_create_group_async (RosterClient        *self,
                                  gint64               course_id,
                                  const char          *name,
                                  const char          *description,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (name != NULL);

  body = name_body (name, description);
  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/groups", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_create_group_async, cancellable, callback, user_data),
                           "POST", path, NULL, body);
}

/**
 * roster_client_create_group_finish:
 *
 * Returns: (transfer full): the new group, or %NULL
 */
RosterGroup *
roster_client_create_group_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return group_finish (self, result, roster_client_create_group_async, error);
}

/**
 * roster_client_rename_group_async:
 * @self: a #RosterClient
 * @group_id: the group
 * @name: its new name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Renames a group; its description stays.
 */
void
roster_client_rename_group_async (RosterClient        *self,
                                  gint64               group_id,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (group_id > 0);
  g_return_if_fail (name != NULL);

  body = name_body (name, NULL);
  path = g_strdup_printf ("/groups/%" G_GINT64_FORMAT, group_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_rename_group_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

/**
 * roster_client_rename_group_finish:
 *
 * Returns: (transfer full): the group as renamed, or %NULL
 */
RosterGroup *
roster_client_rename_group_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return group_finish (self, result, roster_client_rename_group_async, error);
}

/**
 * roster_client_delete_group_async:
 * @self: a #RosterClient
 * @group_id: the group
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a group and its memberships; its members stay enrolled.
 */
void
roster_client_delete_group_async (RosterClient        *self,
                                  gint64               group_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (group_id > 0);

  path = g_strdup_printf ("/groups/%" G_GINT64_FORMAT, group_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_delete_group_async, cancellable, callback, user_data),
                           "DELETE", path, NULL, NULL);
}

gboolean
roster_client_delete_group_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_delete_group_async, error);

  return object != NULL;
}

/**
 * roster_client_list_group_members_async:
 * @self: a #RosterClient
 * @group_id: the group
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists a group's members with their role in the course.
 */
void
roster_client_list_group_members_async (RosterClient        *self,
                                        gint64               group_id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (group_id > 0);

  path = g_strdup_printf ("/groups/%" G_GINT64_FORMAT "/members", group_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_group_members_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_list_group_members_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterMember, or %NULL
 */
GListModel *
roster_client_list_group_members_finish (RosterClient  *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_list_group_members_async, error);

  if (object == NULL)
    return NULL;
  return roster_client_list_member (object, "members", ROSTER_TYPE_MEMBER,
                                    (RosterFromJsonFunc) roster_member_new_from_json, error);
}

/**
 * roster_client_remove_group_member_async:
 * @self: a #RosterClient
 * @group_id: the group
 * @user_id: the person
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Takes a person out of a group; they stay enrolled in the course.
 */
void
roster_client_remove_group_member_async (RosterClient        *self,
                                         gint64               group_id,
                                         gint64               user_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (group_id > 0);
  g_return_if_fail (user_id > 0);

  path = g_strdup_printf ("/groups/%" G_GINT64_FORMAT "/members/%" G_GINT64_FORMAT, group_id, user_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_remove_group_member_async, cancellable, callback, user_data),
                           "DELETE", path, NULL, NULL);
}

gboolean
roster_client_remove_group_member_finish (RosterClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_remove_group_member_async, error);

  return object != NULL;
}

/**
 * roster_client_set_course_group_mode_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @mode: the course's group mode
 * @forced: whether the course imposes @mode on its activities, or -1
 *   to keep that as it is
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Changes a course's group mode.
 */
void
roster_client_set_course_group_mode_async (RosterClient        *self,
                                           gint64               course_id,
                                           RosterGroupMode      mode,
                                           int                  forced,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_mode");
  json_builder_add_string_value (builder, roster_group_mode_to_string (mode));
  if (forced >= 0)
    {
      json_builder_set_member_name (builder, "group_mode_forced");
      json_builder_add_boolean_value (builder, forced != 0);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT, course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_set_course_group_mode_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

/**
 * roster_client_set_course_group_mode_finish:
 *
 * Returns: (transfer full): the course as changed, or %NULL
 */
RosterCourse *
roster_client_set_course_group_mode_finish (RosterClient  *self,
                                            GAsyncResult  *result,
                                            GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_set_course_group_mode_async, error);
  RosterCourse *course;
  GError *local = NULL;

  if (object == NULL)
    return NULL;
  course = roster_course_new_from_json (object, &local);
  if (course == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return course;
}
