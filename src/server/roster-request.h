/* roster-request.h: one API request and its answer, apart from the HTTP
 * connection so that handlers can run on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-user.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REQUEST (roster_request_get_type ())

G_DECLARE_FINAL_TYPE (RosterRequest, roster_request, ROSTER, REQUEST, GObject)

RosterRequest      *roster_request_new                  (const char          *method,
                                                         const char          *path,
                                                         GHashTable          *query,
                                                         SoupMessageHeaders  *headers,
                                                         GBytes              *body,
                                                         const char          *remote_address);

const char         *roster_request_get_method           (RosterRequest       *self);
const char         *roster_request_get_path             (RosterRequest       *self);
const char         *roster_request_get_remote_address   (RosterRequest       *self);
const char         *roster_request_get_header           (RosterRequest       *self,
                                                         const char          *name);
const char         *roster_request_get_query            (RosterRequest       *self,
                                                         const char          *name);
GBytes             *roster_request_get_body             (RosterRequest       *self);
SoupMessageHeaders *roster_request_get_headers          (RosterRequest       *self);
GHashTable         *roster_request_get_query_table      (RosterRequest       *self);
/* Typed query parameters: absent gives @fallback (0 for ids and times);
 * present but malformed or out of range gives ROSTER_ERROR_INVALID_REQUEST
 * naming the parameter. */
gboolean            roster_request_get_query_int        (RosterRequest       *self,
                                                         const char          *name,
                                                         gint64               min,
                                                         gint64               max,
                                                         gint64               fallback,
                                                         gint64              *value,
                                                         GError             **error);
gboolean            roster_request_get_query_id         (RosterRequest       *self,
                                                         const char          *name,
                                                         gint64              *id,
                                                         GError             **error);
/* An ISO 8601 time, or a date (YYYY-MM-DD, midnight UTC). */
gboolean            roster_request_get_query_time       (RosterRequest       *self,
                                                         const char          *name,
                                                         gint64              *unix_time,
                                                         GError             **error);

void                roster_request_set_params           (RosterRequest       *self,
                                                         GHashTable          *params);
const char         *roster_request_get_param            (RosterRequest       *self,
                                                         const char          *name);
/* A path id: a positive decimal number, or a 404 "not found" error. */
gboolean            roster_request_get_id_param         (RosterRequest       *self,
                                                         const char          *name,
                                                         gint64              *id,
                                                         GError             **error);
/* The body as a JSON object: 415 unless it is application/json, 400 for
 * anything that does not parse into an object. */
JsonObject         *roster_request_parse_json           (RosterRequest       *self,
                                                         GError             **error);

RosterUser         *roster_request_get_user             (RosterRequest       *self);
const char         *roster_request_get_token_hash       (RosterRequest       *self);
void                roster_request_set_auth             (RosterRequest       *self,
                                                         RosterUser          *user,
                                                         const char          *token_hash);

void                roster_request_respond_json         (RosterRequest       *self,
                                                         guint                status,
                                                         JsonNode            *node);
void                roster_request_respond_builder      (RosterRequest       *self,
                                                         guint                status,
                                                         JsonBuilder         *builder);
void                roster_request_respond_empty        (RosterRequest       *self,
                                                         guint                status);
/* Any other answer: a web page, a style sheet. */
void                roster_request_respond_bytes        (RosterRequest       *self,
                                                         guint                status,
                                                         const char          *content_type,
                                                         GBytes              *body);
/* @extra: members added to the "error" object (e.g. locked_until). */
void                roster_request_respond_error        (RosterRequest       *self,
                                                         const GError        *error,
                                                         JsonObject          *extra);
void                roster_request_add_response_header  (RosterRequest       *self,
                                                         const char          *name,
                                                         const char          *value);

/* Streaming: an answer written in chunks as it is produced (chunked
 * transfer encoding), for answers too large to hold in memory. Begin,
 * write any number of times, then end. A write blocks while the client
 * is behind (so memory stays bounded) and fails once the client is
 * gone. A handler that fails after beginning calls end with its error:
 * the connection is then cut so the client sees an incomplete answer
 * instead of a complete wrong one. */
gboolean            roster_request_stream_begin         (RosterRequest       *self,
                                                         guint                status,
                                                         const char          *content_type,
                                                         GError             **error);
gboolean            roster_request_stream_write         (RosterRequest       *self,
                                                         const void          *data,
                                                         gsize                length,
                                                         GError             **error);
gboolean            roster_request_stream_end           (RosterRequest       *self,
                                                         const GError        *failure,
                                                         GError             **error);
gboolean            roster_request_is_streaming         (RosterRequest       *self);

/* How the server carries a stream to the connection (roster-server.c);
 * handlers never use this. */
typedef struct
{
  void     (*begin) (gpointer             data,
                     guint                status,
                     const char          *content_type,
                     SoupMessageHeaders  *headers);
  gboolean (*write) (gpointer             data,
                     GBytes              *chunk,
                     GError             **error);
  void     (*end)   (gpointer             data,
                     gboolean             complete);
} RosterStreamSink;

void                roster_request_set_stream_sink      (RosterRequest       *self,
                                                         const RosterStreamSink *sink,
                                                         gpointer             data);

gboolean            roster_request_has_response         (RosterRequest       *self);
guint               roster_request_get_status           (RosterRequest       *self);
const char         *roster_request_get_content_type     (RosterRequest       *self);
GBytes             *roster_request_get_response_body    (RosterRequest       *self);
SoupMessageHeaders *roster_request_get_response_headers (RosterRequest       *self);

G_END_DECLS
