/* roster-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-request"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-request.h"

struct _RosterRequest
{
  GObject             parent_instance;

  char               *method;
  char               *path;
  GHashTable         *query;
  GHashTable         *params;
  SoupMessageHeaders *headers;
  GBytes             *body;
  char               *remote_address;

  RosterUser         *user;
  char               *token_hash;

  const RosterStreamSink *sink;
  gpointer            sink_data;
  GByteArray         *stream_buffer;
  guint               streaming : 1;
  guint               stream_ended : 1;

  guint               status;
  char               *content_type;
  GBytes             *response_body;
  SoupMessageHeaders *response_headers;
};

G_DEFINE_FINAL_TYPE (RosterRequest, roster_request, G_TYPE_OBJECT)

static void
roster_request_finalize (GObject *object)
{
  RosterRequest *self = (RosterRequest *) object;

  g_free (self->method);
  g_free (self->path);
  g_clear_pointer (&self->query, g_hash_table_unref);
  g_clear_pointer (&self->params, g_hash_table_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->remote_address);
  g_clear_object (&self->user);
  g_free (self->token_hash);
  g_free (self->content_type);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  g_clear_pointer (&self->response_headers, soup_message_headers_unref);
  g_clear_pointer (&self->stream_buffer, g_byte_array_unref);

  G_OBJECT_CLASS (roster_request_parent_class)->finalize (object);
}

static void
roster_request_class_init (RosterRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_request_finalize;
}

static void
roster_request_init (RosterRequest *self)
{
  self->response_headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
}

static void
copy_header (const char *name,
             const char *value,
             gpointer    user_data)
{
  soup_message_headers_append (user_data, name, value);
}

RosterRequest *
roster_request_new (const char         *method,
                    const char         *path,
                    GHashTable         *query,
                    SoupMessageHeaders *headers,
                    GBytes             *body,
                    const char         *remote_address)
{
  RosterRequest *self = g_object_new (ROSTER_TYPE_REQUEST, NULL);

  self->method = g_strdup (method);
  self->path = g_strdup (path);
  self->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->query, g_strdup (key), g_strdup (value));
    }

  /* A private copy: the message's own headers belong to the main
   * thread, and handlers run on workers. */
  self->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  if (headers != NULL)
    soup_message_headers_foreach (headers, copy_header, self->headers);

  self->body = body ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->remote_address = g_strdup (remote_address);

  return self;
}

const char *
roster_request_get_method (RosterRequest *self)
{
  return self->method;
}

const char *
roster_request_get_path (RosterRequest *self)
{
  return self->path;
}

const char *
roster_request_get_remote_address (RosterRequest *self)
{
  return self->remote_address;
}

const char *
roster_request_get_header (RosterRequest *self,
                           const char    *name)
{
  return soup_message_headers_get_one (self->headers, name);
}

const char *
roster_request_get_query (RosterRequest *self,
                          const char    *name)
{
  return g_hash_table_lookup (self->query, name);
}

GBytes *
roster_request_get_body (RosterRequest *self)
{
  return self->body;
}

SoupMessageHeaders *
roster_request_get_headers (RosterRequest *self)
{
  return self->headers;
}

GHashTable *
roster_request_get_query_table (RosterRequest *self)
{
  return self->query;
}

static gboolean
bad_query (const char  *name,
           GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
               _("The query parameter “%s” has a value that is not allowed."), name);
  return FALSE;
}

gboolean
roster_request_get_query_int (RosterRequest  *self,
                              const char     *name,
                              gint64          min,
                              gint64          max,
                              gint64          fallback,
                              gint64         *value,
                              GError        **error)
{
  const char *str = roster_request_get_query (self, name);

  if (str == NULL || *str == '\0')
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (str, 10, min, max, value, NULL))
    return bad_query (name, error);

  return TRUE;
}

gboolean
roster_request_get_query_id (RosterRequest  *self,
                             const char     *name,
                             gint64         *id,
                             GError        **error)
{
  return roster_request_get_query_int (self, name, 1, G_MAXINT64, 0, id, error);
}

gboolean
roster_request_get_query_time (RosterRequest  *self,
                               const char     *name,
                               gint64         *unix_time,
                               GError        **error)
{
  const char *str = roster_request_get_query (self, name);
  g_autofree char *with_time = NULL;

  *unix_time = 0;
  if (str == NULL || *str == '\0')
    return TRUE;

  if (roster_json_parse_time (str, unix_time))
    return TRUE;

  /* A plain date means its first moment, in UTC. */
  with_time = g_strconcat (str, "T00:00:00Z", NULL);
  if (strlen (str) == 10 && roster_json_parse_time (with_time, unix_time))
    return TRUE;

  return bad_query (name, error);
}

void
roster_request_set_params (RosterRequest *self,
                           GHashTable    *params)
{
  g_clear_pointer (&self->params, g_hash_table_unref);
  self->params = params ? g_hash_table_ref (params) : NULL;
}

const char *
roster_request_get_param (RosterRequest *self,
                          const char    *name)
{
  return self->params ? g_hash_table_lookup (self->params, name) : NULL;
}

gboolean
roster_request_get_id_param (RosterRequest  *self,
                             const char     *name,
                             gint64         *id,
                             GError        **error)
{
  const char *str = roster_request_get_param (self, name);
  guint64 value;

  if (str == NULL || !g_ascii_string_to_unsigned (str, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND,
                           _("There is nothing at this address."));
      return FALSE;
    }

  *id = (gint64) value;
  return TRUE;
}

JsonObject *
roster_request_parse_json (RosterRequest  *self,
                           GError        **error)
{
  const char *content_type;
  gsize length = 0;
  const char *data;

  content_type = soup_message_headers_get_content_type (self->headers, NULL);
  data = g_bytes_get_data (self->body, &length);

  /* `curl -d '{…}'` labels JSON as a form; a form body that is a JSON
   * object is read as the JSON it is. This opens no cross-site hole: the
   * API authenticates with bearer tokens, which browsers never add on
   * their own. Any other type is refused. */
  if (content_type == NULL ||
      !(g_ascii_strcasecmp (content_type, "application/json") == 0 ||
        (g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0 &&
         length > 0 && data[0] == '{')))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("The request body must be JSON (Content-Type: application/json)."));
      return NULL;
    }

  if (length > 0 && !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON,
                           _("The request body is not valid UTF-8."));
      return NULL;
    }

  return roster_json_parse_object (data, length, error);
}

RosterUser *
roster_request_get_user (RosterRequest *self)
{
  return self->user;
}

const char *
roster_request_get_token_hash (RosterRequest *self)
{
  return self->token_hash;
}

void
roster_request_set_auth (RosterRequest *self,
                         RosterUser    *user,
                         const char    *token_hash)
{
  g_set_object (&self->user, user);
  g_free (self->token_hash);
  self->token_hash = g_strdup (token_hash);
}

static void
set_response (RosterRequest *self,
              guint          status,
              const char    *content_type,
              GBytes        *body)
{
  self->status = status;
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  g_clear_pointer (&self->response_body, g_bytes_unref);
  self->response_body = body;
}

void
roster_request_respond_json (RosterRequest *self,
                             guint          status,
                             JsonNode      *node)
{
  set_response (self, status, "application/json; charset=utf-8", roster_json_to_bytes (node));
}

void
roster_request_respond_builder (RosterRequest *self,
                                guint          status,
                                JsonBuilder   *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  roster_request_respond_json (self, status, root);
}

void
roster_request_respond_empty (RosterRequest *self,
                              guint          status)
{
  set_response (self, status, NULL, NULL);
}

void
roster_request_respond_bytes (RosterRequest *self,
                              guint          status,
                              const char    *content_type,
                              GBytes        *body)
{
  set_response (self, status, content_type, body != NULL ? g_bytes_ref (body) : NULL);
}

void
roster_request_respond_error (RosterRequest *self,
                              const GError  *error,
                              JsonObject    *extra)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  RosterErrorCode code = ROSTER_ERROR_INTERNAL;
  const char *message;

  if (error->domain == ROSTER_ERROR)
    code = error->code;

  /* Anything that is not one of ours is a fault of the server; its text
   * may name files or queries, so it goes to the log, not the client. */
  if (error->domain != ROSTER_ERROR || code == ROSTER_ERROR_INTERNAL)
    {
      g_warning ("%s %s failed: %s", self->method, self->path, error->message);
      code = ROSTER_ERROR_INTERNAL;
      message = _("Something went wrong on the server. The problem has been logged.");
    }
  else
    message = error->message;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, roster_error_code_to_string (code));
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);

  if (extra != NULL && json_object_has_member (extra, "details"))
    {
      json_builder_set_member_name (builder, "details");
      json_builder_add_value (builder, json_node_copy (json_object_get_member (extra, "details")));
    }
  else
    {
      json_builder_set_member_name (builder, "details");
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (g_str_equal (name, "details") || g_str_equal (name, "code") || g_str_equal (name, "message"))
            continue;
          json_builder_set_member_name (builder, name);
          json_builder_add_value (builder, json_node_copy (value));
        }
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (self, roster_error_code_http_status (code), builder);
}

void
roster_request_add_response_header (RosterRequest *self,
                                    const char    *name,
                                    const char    *value)
{
  /* Each cookie is a header of its own. */
  if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
    soup_message_headers_append (self->response_headers, name, value);
  else
    soup_message_headers_replace (self->response_headers, name, value);
}

gboolean
roster_request_has_response (RosterRequest *self)
{
  return self->status != 0 && (!self->streaming || self->stream_ended);
}

guint
roster_request_get_status (RosterRequest *self)
{
  return self->status;
}

const char *
roster_request_get_content_type (RosterRequest *self)
{
  return self->content_type;
}

GBytes *
roster_request_get_response_body (RosterRequest *self)
{
  return self->response_body;
}

SoupMessageHeaders *
roster_request_get_response_headers (RosterRequest *self)
{
  return self->response_headers;
}

/* Chunks of this size go to the connection: large enough that the
 * per-chunk cost vanishes, small enough that memory stays flat. */
#define STREAM_CHUNK_SIZE (64 * 1024)

void
roster_request_set_stream_sink (RosterRequest          *self,
                                const RosterStreamSink *sink,
                                gpointer                data)
{
  self->sink = sink;
  self->sink_data = data;
}

gboolean
roster_request_is_streaming (RosterRequest *self)
{
  return self->streaming;
}

gboolean
roster_request_stream_begin (RosterRequest  *self,
                             guint           status,
                             const char     *content_type,
                             GError        **error)
{
  g_return_val_if_fail (!self->streaming, FALSE);

  if (self->sink == NULL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                           "this request cannot stream its answer");
      return FALSE;
    }

  self->streaming = TRUE;
  self->status = status;
  g_free (self->content_type);
  self->content_type = g_strdup (content_type);
  self->stream_buffer = g_byte_array_sized_new (STREAM_CHUNK_SIZE);
  self->sink->begin (self->sink_data, status, content_type, self->response_headers);

  return TRUE;
}

static gboolean
flush_stream (RosterRequest  *self,
              GError        **error)
{
  g_autoptr(GBytes) chunk = NULL;

  if (self->stream_buffer->len == 0)
    return TRUE;

  chunk = g_byte_array_free_to_bytes (g_steal_pointer (&self->stream_buffer));
  self->stream_buffer = g_byte_array_sized_new (STREAM_CHUNK_SIZE);

  return self->sink->write (self->sink_data, chunk, error);
}

gboolean
roster_request_stream_write (RosterRequest  *self,
                             const void     *data,
                             gsize           length,
                             GError        **error)
{
  g_return_val_if_fail (self->streaming && !self->stream_ended, FALSE);

  g_byte_array_append (self->stream_buffer, data, length);
  if (self->stream_buffer->len >= STREAM_CHUNK_SIZE)
    return flush_stream (self, error);

  return TRUE;
}

gboolean
roster_request_stream_end (RosterRequest  *self,
                           const GError   *failure,
                           GError        **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (self->streaming && !self->stream_ended, FALSE);

  if (failure == NULL)
    ok = flush_stream (self, error);
  else
    g_warning ("%s %s failed while streaming: %s", self->method, self->path, failure->message);

  self->stream_ended = TRUE;
  self->sink->end (self->sink_data, failure == NULL && ok);

  return ok && failure == NULL;
}
