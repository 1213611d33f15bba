/* roster-client-audit.c: the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-audit.h"
#include "roster-client-private.h"

static void
add_time (GHashTable *query,
          const char *name,
          gint64      unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  if (time != NULL)
    g_hash_table_insert (query, (char *) name, g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ"));
}

/**
 * roster_client_list_audit_async:
 * @self: a #RosterClient
 * @filter: which events, and which page of them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Lists one page of the audit log, newest first. Site administrators
 * only: anyone else is refused with %ROSTER_ERROR_FORBIDDEN.
 */
void
roster_client_list_audit_async (RosterClient            *self,
                                const RosterAuditFilter *filter,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (filter != NULL);

  if (filter->course_id > 0)
    g_hash_table_insert (query, (char *) "course", g_strdup_printf ("%" G_GINT64_FORMAT, filter->course_id));
  if (filter->user_id > 0)
    g_hash_table_insert (query, (char *) "user", g_strdup_printf ("%" G_GINT64_FORMAT, filter->user_id));
  if (filter->since != 0)
    add_time (query, "since", filter->since);
  if (filter->until != 0)
    add_time (query, "until", filter->until);
  if (filter->action != NULL && filter->action[0] != '\0')
    g_hash_table_insert (query, (char *) "action", g_strdup (filter->action));
  if (filter->cursor != NULL && filter->cursor[0] != '\0')
    g_hash_table_insert (query, (char *) "cursor", g_strdup (filter->cursor));
  if (filter->limit > 0)
    g_hash_table_insert (query, (char *) "limit", g_strdup_printf ("%u", filter->limit));

  roster_client_send_json (self, roster_client_new_task (self, roster_client_list_audit_async, cancellable, callback, user_data),
                           "GET", "/audit", query, NULL);
}

/**
 * roster_client_list_audit_finish:
 * @next_cursor: (out) (optional) (nullable): the cursor of the next
 *   page, %NULL on the last one
 *
 * Returns: (transfer full): a #GListModel of #RosterAuditEntry, or %NULL
 */
GListModel *
roster_client_list_audit_finish (RosterClient  *self,
                                 GAsyncResult  *result,
                                 char         **next_cursor,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_list_audit_async, error);
  GListModel *events;
  JsonNode *cursor;

  if (next_cursor != NULL)
    *next_cursor = NULL;
  if (object == NULL)
    return NULL;

  cursor = json_object_get_member (object, "next_cursor");
  if (cursor != NULL && !JSON_NODE_HOLDS_NULL (cursor)
      && (!JSON_NODE_HOLDS_VALUE (cursor) || json_node_get_value_type (cursor) != G_TYPE_STRING))
    {
      g_propagate_error (error, roster_client_bad_answer (NULL));
      return NULL;
    }

  events = roster_client_list_member (object, "events", ROSTER_TYPE_AUDIT_ENTRY,
                                      (RosterFromJsonFunc) roster_audit_entry_new_from_json, error);
  if (events != NULL && next_cursor != NULL && cursor != NULL && !JSON_NODE_HOLDS_NULL (cursor))
    *next_cursor = g_strdup (json_node_get_string (cursor));
  return events;
}
