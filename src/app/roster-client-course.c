/* roster-client-course.c: a course's groups, methods and enrolments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-private.h"
#include "roster-group.h"
#include "roster-json.h"
#include "roster-method.h"

static GListModel *
list_finish (RosterClient        *self,
             GAsyncResult        *result,
             gpointer             source_tag,
             const char          *member,
             GType                type,
             RosterFromJsonFunc   from_json,
             GError             **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, source_tag, error);

  if (object == NULL)
    return NULL;
  return roster_client_list_member (object, member, type, from_json, error);
}

static gboolean
done_finish (RosterClient  *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, source_tag, error);

  return object != NULL;
}

/* ---- groups ---- */

/**
 * roster_client_list_groups_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists the course's groups, by name: all of them for staff who may see
 * groups, else only the caller's own.
 */
void
roster_client_list_groups_async (RosterClient        *self,
                                 gint64               course_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/groups", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_groups_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_list_groups_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterGroup, or %NULL
 */
GListModel *
roster_client_list_groups_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return list_finish (self, result, roster_client_list_groups_async, "groups",
                      ROSTER_TYPE_GROUP, (RosterFromJsonFunc) roster_group_new_from_json, error);
}

/**
 * roster_client_add_group_member_async:
 * @self: a #RosterClient
 * @group_id: the group
 * @user_id: a person enrolled in the group's course
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Puts a person in a group; one already in it stays.
 */
void
roster_client_add_group_member_async (RosterClient        *self,
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
  roster_client_send_json (self, roster_client_new_task (self, roster_client_add_group_member_async, cancellable, callback, user_data),
                           "PUT", path, NULL, NULL);
}

gboolean
roster_client_add_group_member_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return done_finish (self, result, roster_client_add_group_member_async, error);
}

/* ---- methods ---- */

/**
 * roster_client_list_methods_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists the course's enrolment methods, in their order.
 */
void
roster_client_list_methods_async (RosterClient        *self,
                                  gint64               course_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/methods", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_methods_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_list_methods_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterMethod, or %NULL
 */
GListModel *
roster_client_list_methods_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return list_finish (self, result, roster_client_list_methods_async, "methods",
                      ROSTER_TYPE_METHOD, (RosterFromJsonFunc) roster_method_new_from_json, error);
}

/* ---- enrolments ---- */

/**
 * roster_client_update_enrolment_async:
 * @self: a #RosterClient
 * @enrolment_id: the enrolment
 * @role: the new role, or %ROSTER_ROLE_NONE to keep it
 * @status: the new #RosterEnrolmentStatus, or -1 to keep it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Changes an enrolment's role or status (suspends or reactivates).
 */
void
roster_client_update_enrolment_async (RosterClient        *self,
                                      gint64               enrolment_id,
                                      RosterRole           role,
                                      int                  status,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (enrolment_id > 0);
  g_return_if_fail (role != ROSTER_ROLE_NONE || status >= 0);

  json_builder_begin_object (builder);
  if (role != ROSTER_ROLE_NONE)
    {
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, roster_role_to_string (role));
    }
  if (status >= 0)
    {
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, roster_enrolment_status_to_string (status));
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/enrolments/%" G_GINT64_FORMAT, enrolment_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_update_enrolment_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

gboolean
roster_client_update_enrolment_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return done_finish (self, result, roster_client_update_enrolment_async, error);
}

/**
 * roster_client_delete_enrolment_async:
 * @self: a #RosterClient
 * @enrolment_id: the enrolment
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Unenrols: the person leaves the course and its groups.
 */
void
roster_client_delete_enrolment_async (RosterClient        *self,
                                      gint64               enrolment_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (enrolment_id > 0);

  path = g_strdup_printf ("/enrolments/%" G_GINT64_FORMAT, enrolment_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_delete_enrolment_async, cancellable, callback, user_data),
                           "DELETE", path, NULL, NULL);
}

gboolean
roster_client_delete_enrolment_finish (RosterClient  *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return done_finish (self, result, roster_client_delete_enrolment_async, error);
}

/* ---- a quick search of the participants ---- */

typedef struct
{
  GListStore *store;
  guint       max;
} Search;

static void
search_free (Search *search)
{
  g_object_unref (search->store);
  g_free (search);
}

/* Rows go straight into the caller's store, which the search holds: no
 * pointer to a page outlives it. */
static void
search_batch_cb (GPtrArray *batch,
                 guint      n_loaded,
                 gpointer   user_data)
{
  Search *search = user_data;

  for (guint i = 0; i < batch->len && g_list_model_get_n_items (G_LIST_MODEL (search->store)) < search->max; i++)
    g_list_store_append (search->store, batch->pdata[i]);
}

/**
 * roster_client_search_participants_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @text: part of a name, username or e-mail; "" for everyone
 * @store: a #GListStore of #RosterParticipant the first @max are added to
 * @max: how many to keep
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the search is over
 * @user_data: data for @callback
 *
 * Finds participants to pick from (a member to add, a person to
 * preview as), streamed so the first show at once.
 */
void
roster_client_search_participants_async (RosterClient        *self,
                                         gint64               course_id,
                                         const char          *text,
                                         GListStore          *store,
                                         guint                max,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  Search *search;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (G_IS_LIST_STORE (store));

  if (*text != '\0')
    g_hash_table_insert (filters, (char *) "q", (char *) text);
  search = g_new0 (Search, 1);
  search->store = g_object_ref (store);
  search->max = max;
  roster_client_stream_participants_async (self, course_id, filters,
                                           search_batch_cb, search, (GDestroyNotify) search_free,
                                           cancellable, callback, user_data);
}

gboolean
roster_client_search_participants_finish (RosterClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return roster_client_stream_participants_finish (self, result, NULL, error);
}
