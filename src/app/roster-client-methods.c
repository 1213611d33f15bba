/* roster-client-methods.c: adding, changing and deleting a course's enrolment methods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-methods.h"
#include "roster-client-private.h"
#include "roster-json.h"

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  /* 0 means "none" in a patch; the API clears with null. */
  if (value != 0)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* The members of @patch that are set, as the API spells them. */
static JsonNode *
patch_to_json (const char              *type,
               const RosterMethodPatch *patch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  RosterMethodFields fields = patch != NULL ? patch->fields : 0;

  json_builder_begin_object (builder);
  if (type != NULL)
    {
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type);
    }
  if (fields & ROSTER_METHOD_FIELD_NAME)
    roster_json_builder_add_string_or_null (builder, "name", patch->name);
  if (fields & ROSTER_METHOD_FIELD_ENABLED)
    {
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, patch->enabled);
    }
  if (fields & ROSTER_METHOD_FIELD_SORT_ORDER)
    {
      json_builder_set_member_name (builder, "sort_order");
      json_builder_add_int_value (builder, patch->sort_order);
    }
  if (fields & ROSTER_METHOD_FIELD_DEFAULT_ROLE)
    {
      json_builder_set_member_name (builder, "default_role");
      json_builder_add_string_value (builder, roster_role_to_string (patch->default_role));
    }
  if (fields & ROSTER_METHOD_FIELD_ENROL_START)
    roster_json_builder_add_time (builder, "enrol_start", patch->enrol_start);
  if (fields & ROSTER_METHOD_FIELD_ENROL_END)
    roster_json_builder_add_time (builder, "enrol_end", patch->enrol_end);
  if (fields & ROSTER_METHOD_FIELD_ENROL_DURATION)
    add_int_or_null (builder, "enrol_duration", patch->enrol_duration);
  if (fields & ROSTER_METHOD_FIELD_MAX_ENROLLED)
    add_int_or_null (builder, "max_enrolled", patch->max_enrolled);
  if (fields & ROSTER_METHOD_FIELD_WELCOME_MESSAGE)
    roster_json_builder_add_string_or_null (builder, "welcome_message", patch->welcome_message);
  if (fields & ROSTER_METHOD_FIELD_NOTIFY_ADMINS)
    {
      json_builder_set_member_name (builder, "notify_admins");
      json_builder_add_boolean_value (builder, patch->notify_admins);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static RosterMethod *
method_finish (RosterClient  *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_autoptr(JsonObject) object = NULL;
  GError *local = NULL;
  RosterMethod *method;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  object = roster_client_json_finish (result, error);
  if (object == NULL)
    return NULL;

  method = roster_method_new_from_json (object, &local);
  if (method == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return method;
}

/**
 * roster_client_create_method_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @type: the kind of method
 * @settings: (nullable): the settings to give it; the others keep the
 *   server's defaults
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Adds an enrolment method to the course, last unless @settings gives
 * a sort order.
 */
void
roster_client_create_method_async (RosterClient            *self,
                                   gint64                   course_id,
                                   RosterMethodType         type,
                                   const RosterMethodPatch *settings,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (roster_method_type_to_string (type) != NULL);

  body = patch_to_json (roster_method_type_to_string (type), settings);
  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/methods", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_create_method_async, cancellable, callback, user_data),
                           "POST", path, NULL, body);
}

/**
 * roster_client_create_method_finish:
 *
 * Returns: (transfer full): the method as the server made it, or %NULL
 */
RosterMethod *
roster_client_create_method_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return method_finish (self, result, roster_client_create_method_async, error);
}

/**
 * roster_client_update_method_async:
 * @self: a #RosterClient
 * @method_id: the method
 * @patch: the settings to change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Changes a method's settings; a new sort order moves it there and
 * shifts the others.
 */
void
roster_client_update_method_async (RosterClient            *self,
                                   gint64                   method_id,
                                   const RosterMethodPatch *patch,
                                   GCancellable            *cancellable,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (method_id > 0);
  g_return_if_fail (patch != NULL);

  body = patch_to_json (NULL, patch);
  path = g_strdup_printf ("/methods/%" G_GINT64_FORMAT, method_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_update_method_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

/**
 * roster_client_update_method_finish:
 *
 * Returns: (transfer full): the method as it is now, or %NULL
 */
RosterMethod *
roster_client_update_method_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return method_finish (self, result, roster_client_update_method_async, error);
}

/**
 * roster_client_delete_method_async:
 * @self: a #RosterClient
 * @method_id: the method
 * @unenrol: whether to unenrol the people enrolled through it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes a method and its keys. The server refuses while people are
 * enrolled through it (unless @unenrol), and always for the manual
 * method; its message says why.
 */
void
roster_client_delete_method_async (RosterClient        *self,
                                   gint64               method_id,
                                   gboolean             unenrol,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (method_id > 0);

  g_hash_table_insert (query, (char *) "unenrol", (char *) (unenrol ? "true" : "false"));
  path = g_strdup_printf ("/methods/%" G_GINT64_FORMAT, method_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_delete_method_async, cancellable, callback, user_data),
                           "DELETE", path, query, NULL);
}

gboolean
roster_client_delete_method_finish (RosterClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_delete_method_async, FALSE);

  object = roster_client_json_finish (result, error);
  return object != NULL;
}
