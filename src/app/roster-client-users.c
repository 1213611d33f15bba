/* roster-client-users.c: user administration and removal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-private.h"
#include "roster-client-users.h"
#include "roster-json.h"

static gpointer
user_from_answer (JsonObject  *object,
                  GError     **error)
{
  GError *local = NULL;
  RosterUser *user = roster_user_new_from_json (object, &local);

  if (user == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return user;
}

static gpointer
request_from_answer (JsonObject  *object,
                     GError     **error)
{
  GError *local = NULL;
  RosterRemovalRequest *request = roster_removal_request_new_from_json (object, &local);

  if (request == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return request;
}

/* A page's "next_cursor": a string, or null on the last page. */
static gboolean
get_next_cursor (JsonObject  *object,
                 char       **next_cursor,
                 GError     **error)
{
  const char *cursor = NULL;
  GError *local = NULL;

  if (!roster_json_get_string (object, "next_cursor", FALSE, &cursor, &local))
    {
      g_propagate_error (error, roster_client_bad_answer (local));
      return FALSE;
    }
  if (next_cursor != NULL)
    *next_cursor = g_strdup (cursor);
  return TRUE;
}

static GListModel *
page_finish (RosterClient  *self,
             GAsyncResult  *result,
             gpointer       source_tag,
             const char    *member,
             GType          type,
             RosterFromJsonFunc from_json,
             char         **next_cursor,
             GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, source_tag, error);
  g_autoptr(GListModel) list = NULL;
  g_autofree char *cursor = NULL;

  if (next_cursor != NULL)
    *next_cursor = NULL;
  if (object == NULL)
    return NULL;

  list = roster_client_list_member (object, member, type, from_json, error);
  if (list == NULL || !get_next_cursor (object, &cursor, error))
    return NULL;

  if (next_cursor != NULL)
    *next_cursor = g_steal_pointer (&cursor);
  return g_steal_pointer (&list);
}

/* ---- finding people ---- */

void
roster_user_filter_init (RosterUserFilter *filter)
{
  g_return_if_fail (filter != NULL);

  *filter = (RosterUserFilter) { .state = -1, .type = -1 };
}

void
roster_client_list_users_async (RosterClient           *self,
                                const RosterUserFilter *filter,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (filter != NULL);

  if (filter->query != NULL && *filter->query != '\0')
    g_hash_table_insert (query, (char *) "q", g_strdup (filter->query));
  if (filter->state >= 0)
    g_hash_table_insert (query, (char *) "state", g_strdup (roster_user_state_to_string (filter->state)));
  if (filter->type >= 0)
    g_hash_table_insert (query, (char *) "type", g_strdup (roster_user_type_to_string (filter->type)));
  if (filter->locked_only)
    g_hash_table_insert (query, (char *) "locked", g_strdup ("true"));
  if (filter->cursor != NULL)
    g_hash_table_insert (query, (char *) "cursor", g_strdup (filter->cursor));
  if (filter->limit > 0)
    g_hash_table_insert (query, (char *) "limit", g_strdup_printf ("%u", filter->limit));

  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_users_async, cancellable, callback, user_data),
                           "GET", "/users", query, NULL);
}

/**
 * roster_client_list_users_finish:
 * @next_cursor: (out) (optional) (nullable): the next page's cursor
 *
 * Returns: (transfer full): a #GListModel of #RosterUser, or %NULL
 */
GListModel *
roster_client_list_users_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 char         **next_cursor,
                                 GError       **error)
{
  return page_finish (self, result, roster_client_list_users_async, "users", ROSTER_TYPE_USER,
                      user_from_answer, next_cursor, error);
}

void
roster_client_get_user_async (RosterClient        *self,
                              gint64               user_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (user_id > 0);

  path = g_strdup_printf ("/users/%" G_GINT64_FORMAT, user_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_get_user_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_get_user_finish:
 *
 * Returns: (transfer full): the person's profile, or %NULL
 */
RosterUserProfile *
roster_client_get_user_finish (RosterClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_get_user_async, error);
  RosterUserProfile *profile;
  GError *local = NULL;

  if (object == NULL)
    return NULL;

  profile = roster_user_profile_new_from_json (object, &local);
  if (profile == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return profile;
}

/* ---- actions ---- */

void
roster_client_change_user_async (RosterClient        *self,
                                 gint64               user_id,
                                 RosterUserChange     change,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  static const char * const actions[] = {
    [ROSTER_USER_CHANGE_ACTIVATE] = "activate",
    [ROSTER_USER_CHANGE_SUSPEND] = "suspend",
    [ROSTER_USER_CHANGE_UNLOCK] = "unlock",
  };
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (user_id > 0);
  g_return_if_fail ((guint) change < G_N_ELEMENTS (actions));

  path = g_strdup_printf ("/users/%" G_GINT64_FORMAT "/%s", user_id, actions[change]);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_change_user_async, cancellable, callback, user_data),
                           "POST", path, NULL, NULL);
}

/**
 * roster_client_change_user_finish:
 *
 * Returns: (transfer full): the account as it is now, or %NULL
 */
RosterUser *
roster_client_change_user_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_change_user_async, error);

  if (object == NULL)
    return NULL;
  return user_from_answer (object, error);
}

void
roster_client_set_password_async (RosterClient        *self,
                                  gint64               user_id,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (user_id > 0);

  json_builder_begin_object (builder);
  if (password != NULL)
    {
      json_builder_set_member_name (builder, "password");
      json_builder_add_string_value (builder, password);
    }
  else
    {
      json_builder_set_member_name (builder, "generate");
      json_builder_add_boolean_value (builder, TRUE);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/users/%" G_GINT64_FORMAT "/password", user_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_set_password_async, cancellable, callback, user_data),
                           "POST", path, NULL, body);
}

/**
 * roster_client_set_password_finish:
 * @generated: (out) (optional) (nullable): the password the server made
 */
gboolean
roster_client_set_password_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   char         **generated,
                                   GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_set_password_async, error);
  const char *password = NULL;
  GError *local = NULL;

  if (generated != NULL)
    *generated = NULL;
  if (object == NULL)
    return FALSE;

  /* 204 for a chosen password: an empty object. */
  if (!roster_json_get_string (object, "password", FALSE, &password, &local))
    {
      g_propagate_error (error, roster_client_bad_answer (local));
      return FALSE;
    }
  if (generated != NULL)
    *generated = g_strdup (password);
  return TRUE;
}

void
roster_client_erase_user_async (RosterClient        *self,
                                gint64               user_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (user_id > 0);

  path = g_strdup_printf ("/users/%" G_GINT64_FORMAT, user_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_erase_user_async, cancellable, callback, user_data),
                           "DELETE", path, NULL, NULL);
}

gboolean
roster_client_erase_user_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_erase_user_async, error);

  return object != NULL;
}

/* ---- removal requests ---- */

void
roster_client_list_removal_requests_async (RosterClient        *self,
                                           int                  status,
                                           const char          *cursor,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  g_hash_table_insert (query, (char *) "status",
                       (char *) (status < 0 ? "all" : roster_removal_status_to_string (status)));
  if (cursor != NULL)
    g_hash_table_insert (query, (char *) "cursor", (char *) cursor);

  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_removal_requests_async, cancellable, callback, user_data),
                           "GET", "/removal-requests", query, NULL);
}

/**
 * roster_client_list_removal_requests_finish:
 * @next_cursor: (out) (optional) (nullable): the next page's cursor
 *
 * Returns: (transfer full): a #GListModel of #RosterRemovalRequest, or %NULL
 */
GListModel *
roster_client_list_removal_requests_finish (RosterClient  *self,
                                            GAsyncResult  *result,
                                            char         **next_cursor,
                                            GError       **error)
{
  return page_finish (self, result, roster_client_list_removal_requests_async, "removal_requests",
                      ROSTER_TYPE_REMOVAL_REQUEST, request_from_answer, next_cursor, error);
}

void
roster_client_decline_removal_request_async (RosterClient        *self,
                                             gint64               request_id,
                                             const char          *reason,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (request_id > 0);

  if (reason != NULL && *reason != '\0')
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, reason);
      json_builder_end_object (builder);
      body = json_builder_get_root (builder);
    }

  path = g_strdup_printf ("/removal-requests/%" G_GINT64_FORMAT "/decline", request_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_decline_removal_request_async, cancellable, callback, user_data),
                           "POST", path, NULL, body);
}

/**
 * roster_client_decline_removal_request_finish:
 *
 * Returns: (transfer full): the request, now declined, or %NULL
 */
RosterRemovalRequest *
roster_client_decline_removal_request_finish (RosterClient  *self,
                                              GAsyncResult  *result,
                                              GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_decline_removal_request_async, error);

  if (object == NULL)
    return NULL;
  return request_from_answer (object, error);
}
