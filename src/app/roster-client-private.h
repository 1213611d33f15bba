/* roster-client-private.h: what the parts of RosterClient share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-client.h"

G_BEGIN_DECLS

/* A message to @path under /api/v1, with the token and the certificate
 * check attached. */
SoupMessage *roster_client_new_message     (RosterClient  *self,
                                            const char    *method,
                                            const char    *path,
                                            GHashTable    *query);
SoupSession *roster_client_get_session     (RosterClient  *self);
guint        roster_client_get_batch_size  (RosterClient  *self);
/* Turns a failure to send @message into a RosterClient error in plain
 * words (certificate, network, TLS); takes @error. */
GError      *roster_client_map_send_error  (RosterClient  *self,
                                            SoupMessage   *message,
                                            GError        *error);
/* The error for an answer with a status other than 2xx, from its body
 * ({"error": {"code", "message"}}) when there is one. */
GError      *roster_client_status_error    (SoupMessage   *message,
                                            GBytes        *body);
/* roster_client_status_error () for a request of @self: a refused token
 * also emits RosterClient::sign-in-needed (once per token). */
GError      *roster_client_request_error   (RosterClient  *self,
                                            SoupMessage   *message,
                                            GBytes        *body);

/* Sends a request with an optional JSON @body; @task (which this takes)
 * returns the answer's JSON object (an empty one for 204) to
 * roster_client_json_finish (). */
void         roster_client_send_json       (RosterClient  *self,
                                            GTask         *task,
                                            const char    *method,
                                            const char    *path,
                                            GHashTable    *query,
                                            JsonNode      *body);
JsonObject  *roster_client_json_finish     (GAsyncResult  *result,
                                            GError       **error);
/* The error for an answer that is not what the API documents; takes
 * @cause (nullable), which is only logged. */
GError      *roster_client_bad_answer      (GError        *cause);

/* What every call of the client's parts does: a task tagged with its
 * call; its JSON answer, checked to be that call's; an array member of
 * the answer as a GListModel of @type, all or nothing. */
typedef gpointer (*RosterFromJsonFunc) (JsonObject  *object,
                                        GError     **error);

GTask       *roster_client_new_task        (RosterClient         *self,
                                            gpointer              source_tag,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonObject  *roster_client_object_finish   (RosterClient         *self,
                                            GAsyncResult         *result,
                                            gpointer              source_tag,
                                            GError              **error);
GListModel  *roster_client_list_member     (JsonObject           *object,
                                            const char           *name,
                                            GType                 type,
                                            RosterFromJsonFunc    from_json,
                                            GError              **error);

G_END_DECLS
