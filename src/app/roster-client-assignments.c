/* roster-client-assignments.c: a course's assignments and their submissions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-assignments.h"
#include "roster-client-private.h"

/**
 * roster_client_list_assignments_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists a course's assignments with their group modes and how many
 * submissions the caller may see.
 */
void
roster_client_list_assignments_async (RosterClient        *self,
                                      gint64               course_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/assignments", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_assignments_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_list_assignments_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterAssignment, or %NULL
 */
GListModel *
roster_client_list_assignments_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_list_assignments_async, error);

  if (object == NULL)
    return NULL;
  return roster_client_list_member (object, "assignments", ROSTER_TYPE_ASSIGNMENT,
                                    (RosterFromJsonFunc) roster_assignment_new_from_json, error);
}

/**
 * roster_client_set_assignment_group_mode_async:
 * @self: a #RosterClient
 * @assignment_id: the assignment
 * @mode: its own group mode
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Changes an assignment's own group mode; refused while the course
 * forces its mode.
 */
void
roster_client_set_assignment_group_mode_async (RosterClient        *self,
                                               gint64               assignment_id,
                                               RosterGroupMode      mode,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (assignment_id > 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group_mode");
  json_builder_add_string_value (builder, roster_group_mode_to_string (mode));
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/assignments/%" G_GINT64_FORMAT, assignment_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_set_assignment_group_mode_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

/**
 * roster_client_set_assignment_group_mode_finish:
 *
 * Returns: (transfer full): the assignment as changed, or %NULL
 */
RosterAssignment *
roster_client_set_assignment_group_mode_finish (RosterClient  *self,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_set_assignment_group_mode_async, error);
  RosterAssignment *assignment;
  GError *local = NULL;

  if (object == NULL)
    return NULL;
  assignment = roster_assignment_new_from_json (object, &local);
  if (assignment == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return assignment;
}

/**
 * roster_client_list_submissions_async:
 * @self: a #RosterClient
 * @assignment_id: the assignment
 * @group_id: one group, or 0 for the viewer's default view
 * @as_user: whose view to preview, or 0 for the caller's own
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists the submissions a viewer may see, following the group mode in
 * force; the server decides, the app only shows.
 */
void
roster_client_list_submissions_async (RosterClient        *self,
                                      gint64               assignment_id,
                                      gint64               group_id,
                                      gint64               as_user,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (assignment_id > 0);

  if (group_id > 0)
    g_hash_table_insert (query, (char *) "group", g_strdup_printf ("%" G_GINT64_FORMAT, group_id));
  if (as_user > 0)
    g_hash_table_insert (query, (char *) "as_user", g_strdup_printf ("%" G_GINT64_FORMAT, as_user));

  path = g_strdup_printf ("/assignments/%" G_GINT64_FORMAT "/submissions", assignment_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_submissions_async, cancellable, callback, user_data),
                           "GET", path, query, NULL);
}

/**
 * roster_client_list_submissions_finish:
 *
 * Returns: (transfer full): the submissions and whose view they are, or %NULL
 */
RosterSubmissionSet *
roster_client_list_submissions_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_list_submissions_async, error);
  RosterSubmissionSet *set;
  GError *local = NULL;

  if (object == NULL)
    return NULL;
  set = roster_submission_set_new_from_json (object, &local);
  if (set == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return set;
}
