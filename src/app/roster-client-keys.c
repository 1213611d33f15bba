/* roster-client-keys.c: the enrolment keys of a self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-client-keys.h"
#include "roster-client-private.h"
#include "roster-error.h"
#include "roster-json.h"

/* The server's policy for a chosen secret (src/server/roster-keys.h). */
#define SECRET_MIN_LENGTH 8
#define SECRET_MAX_LENGTH 128

static RosterKey *
key_from_answer (JsonObject  *object,
                 GError     **error)
{
  GError *local = NULL;
  RosterKey *key = roster_key_new_from_json (object, &local);

  if (key == NULL)
    g_propagate_error (error, roster_client_bad_answer (local));
  return key;
}

/* ---- listing ---- */

void
roster_client_list_keys_async (RosterClient        *self,
                               gint64               method_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (method_id > 0);

  path = g_strdup_printf ("/methods/%" G_GINT64_FORMAT "/keys", method_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_keys_async, cancellable, callback, user_data),
                           "GET", path, NULL, NULL);
}

/**
 * roster_client_list_keys_finish:
 *
 * Returns: (transfer full): a #GListModel of #RosterKey, or %NULL
 */
GListModel *
roster_client_list_keys_finish (RosterClient  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_list_keys_async, error);

  if (object == NULL)
    return NULL;
  return roster_client_list_member (object, "keys", ROSTER_TYPE_KEY,
                                    (RosterFromJsonFunc) key_from_answer, error);
}

/* ---- creating ---- */

void
roster_client_create_key_async (RosterClient        *self,
                                gint64               method_id,
                                const RosterKeySpec *spec,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (method_id > 0);
  g_return_if_fail (spec != NULL && spec->nickname != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "nickname");
  json_builder_add_string_value (builder, spec->nickname);
  if (spec->secret != NULL)
    {
      json_builder_set_member_name (builder, "secret");
      json_builder_add_string_value (builder, spec->secret);
    }
  if (spec->group_id > 0)
    {
      json_builder_set_member_name (builder, "group_id");
      json_builder_add_int_value (builder, spec->group_id);
    }
  if (spec->expires_at > 0)
    roster_json_builder_add_time (builder, "expires_at", spec->expires_at);
  if (spec->max_uses > 0)
    {
      json_builder_set_member_name (builder, "max_uses");
      json_builder_add_int_value (builder, spec->max_uses);
    }
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/methods/%" G_GINT64_FORMAT "/keys", method_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_create_key_async, cancellable, callback, user_data),
                           "POST", path, NULL, body);
}

/**
 * roster_client_create_key_finish:
 * @secret: (out) (optional): the key's secret
 *
 * Returns: (transfer full): the new #RosterKey, or %NULL
 */
RosterKey *
roster_client_create_key_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 char         **secret,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_create_key_async, error);
  g_autoptr(RosterKey) key = NULL;
  const char *value = NULL;

  if (object == NULL)
    return NULL;

  if (!roster_json_get_string (object, "secret", TRUE, &value, NULL))
    {
      g_propagate_error (error, roster_client_bad_answer (NULL));
      return NULL;
    }
  key = key_from_answer (object, error);
  if (key == NULL)
    return NULL;

  if (secret != NULL)
    *secret = g_strdup (value);
  return g_steal_pointer (&key);
}

/* ---- changing and deleting ---- */

void
roster_client_set_key_active_async (RosterClient        *self,
                                    gint64               key_id,
                                    gboolean             active,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (key_id > 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, !!active);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/keys/%" G_GINT64_FORMAT, key_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_set_key_active_async, cancellable, callback, user_data),
                           "PATCH", path, NULL, body);
}

/**
 * roster_client_set_key_active_finish:
 *
 * Returns: (transfer full): the key as it is now, or %NULL
 */
RosterKey *
roster_client_set_key_active_finish (RosterClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_set_key_active_async, error);

  return object != NULL ? key_from_answer (object, error) : NULL;
}

void
roster_client_delete_key_async (RosterClient        *self,
                                gint64               key_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (key_id > 0);

  path = g_strdup_printf ("/keys/%" G_GINT64_FORMAT, key_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_delete_key_async, cancellable, callback, user_data),
                           "DELETE", path, NULL, NULL);
}

gboolean
roster_client_delete_key_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_delete_key_async, error);

  return object != NULL;
}

/* ---- revealing ---- */

void
roster_client_reveal_key_async (RosterClient        *self,
                                gint64               key_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (key_id > 0);

  path = g_strdup_printf ("/keys/%" G_GINT64_FORMAT "/reveal", key_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_reveal_key_async, cancellable, callback, user_data),
                           "POST", path, NULL, NULL);
}

/**
 * roster_client_reveal_key_finish:
 *
 * Returns: (transfer full): the secret, or %NULL
 */
char *
roster_client_reveal_key_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_reveal_key_async, error);
  const char *secret = NULL;

  if (object == NULL)
    return NULL;
  if (!roster_json_get_string (object, "secret", TRUE, &secret, NULL))
    {
      g_propagate_error (error, roster_client_bad_answer (NULL));
      return NULL;
    }
  return g_strdup (secret);
}

/* ---- importing ---- */

typedef struct
{
  SoupMessage *message;
  JsonObject  *report;   /* of a refused file */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->message);
  g_clear_pointer (&data->report, json_object_unref);
  g_free (data);
}

static void
import_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterClient *self = g_task_get_source_object (task);
  ImportData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, roster_client_map_send_error (self, data->message, g_steal_pointer (&error)));
      return;
    }

  status = soup_message_get_status (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* A refused file comes with the report of every row: keep it. */
      g_autoptr(JsonObject) answer = roster_json_parse_object (g_bytes_get_data (body, NULL),
                                                               g_bytes_get_size (body), NULL);
      JsonNode *node;

      if (answer != NULL &&
          (node = json_object_get_member (answer, "error")) != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
          (node = json_object_get_member (json_node_get_object (node), "report")) != NULL &&
          JSON_NODE_HOLDS_OBJECT (node))
        data->report = json_object_ref (json_node_get_object (node));
      g_task_return_error (task, roster_client_request_error (self, data->message, body));
      return;
    }

  object = roster_json_parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (object == NULL)
    {
      g_task_return_error (task, roster_client_bad_answer (g_steal_pointer (&error)));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) json_object_unref);
}

void
roster_client_import_keys_async (RosterClient        *self,
                                 gint64               course_id,
                                 gint64               method_id,
                                 GBytes              *csv,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  ImportData *data;
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *path = NULL;
  g_autofree char *method = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (method_id > 0);
  g_return_if_fail (csv != NULL);

  task = roster_client_new_task (self, roster_client_import_keys_async, cancellable, callback, user_data);
  data = g_new0 (ImportData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);

  method = g_strdup_printf ("%" G_GINT64_FORMAT, method_id);
  query = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (query, (gpointer) "method", method);
  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/keys/import", course_id);
  data->message = roster_client_new_message (self, "POST", path, query);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                               _("“%s” is not a server address."), roster_client_get_base_url (self));
      g_object_unref (task);
      return;
    }

  /* The server detects the encoding and the delimiter itself. */
  soup_message_set_request_body_from_bytes (data->message, "text/csv", csv);
  soup_session_send_and_read_async (roster_client_get_session (self), data->message, G_PRIORITY_DEFAULT,
                                    cancellable, import_sent_cb, task);
}

/**
 * roster_client_import_keys_finish:
 * @report: (out) (optional) (transfer full): the report of a refused file
 *
 * Returns: (transfer full): the answer { "keys": […] }, or %NULL
 */
JsonObject *
roster_client_import_keys_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  JsonObject   **report,
                                  GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_client_import_keys_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = data->report != NULL ? json_object_ref (data->report) : NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- secrets ---- */

char *
roster_key_signup_link (const char *base_url,
                        const char *secret)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (secret != NULL, NULL);

  escaped = g_uri_escape_string (secret, NULL, FALSE);
  return g_strdup_printf ("%s/signup?key=%s", base_url, escaped);
}

/* Spaces and hyphens of every kind do not count: a key pasted from a
 * word processor often has an en dash where the hyphen was. */
static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || g_unichar_type (c) == G_UNICODE_DASH_PUNCTUATION;
}

gboolean
roster_key_check_secret (const char  *secret,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  glong length = 0, counted = 0;

  if (secret == NULL || !g_utf8_validate (secret, -1, NULL))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("The key must be text."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (secret));
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("The key may not contain line breaks, tabs or other invisible characters."));
          return FALSE;
        }
      length++;
      if (!is_separator (c))
        counted++;
    }

  if (length > SECRET_MAX_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("The key may be at most %d characters long."), SECRET_MAX_LENGTH);
      return FALSE;
    }
  if (counted < SECRET_MIN_LENGTH)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("The key must have at least %d characters, not counting spaces and hyphens."),
                   SECRET_MIN_LENGTH);
      return FALSE;
    }

  return TRUE;
}
