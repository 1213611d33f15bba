/* roster-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-server"

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-housekeeping.h"
#include "roster-import-queue.h"
#include "roster-mail-queue.h"
#include "roster-router.h"
#include "roster-server.h"
#include "roster-server-private.h"
#include "roster-tls.h"
#include "roster-web.h"

struct _RosterServer
{
  GObject          parent_instance;

  RosterContext    ctx;
  RosterRouter    *router;
  SoupServer      *soup;
  GTlsCertificate *certificate;
  char            *fingerprint;
  char            *url;
  guint            in_flight;
  GSocketService  *service;
  GCancellable    *cancellable;
  GHashTable      *streams;   /* of the requests running now */
  RosterHousekeeping *housekeeping;
};

G_DEFINE_FINAL_TYPE (RosterServer, roster_server, G_TYPE_OBJECT)

/* What the early handler learnt about a request body before it came. */
typedef struct
{
  GByteArray *data;
  gsize       limit;
  gboolean    too_large;
} BodyState;

typedef struct
{
  RosterRequest      *request;
  RosterServerStream *stream;
  const RosterRoute  *route;
  gint64              started;
} Job;

static GQuark body_state_quark;

static void
body_state_free (gpointer data)
{
  BodyState *state = data;

  g_byte_array_unref (state->data);
  g_free (state);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->request);
  g_clear_pointer (&job->stream, roster_server_stream_unref);
  g_free (job);
}

static void
roster_server_dispose (GObject *object)
{
  RosterServer *self = (RosterServer *) object;

  if (self->service != NULL)
    g_socket_service_stop (self->service);
  g_clear_object (&self->service);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);

  G_OBJECT_CLASS (roster_server_parent_class)->dispose (object);
}

static void
roster_server_finalize (GObject *object)
{
  RosterServer *self = (RosterServer *) object;

  g_clear_pointer (&self->router, roster_router_free);
  g_clear_pointer (&self->streams, g_hash_table_unref);
  g_clear_pointer (&self->housekeeping, roster_housekeeping_free);
  /* The import and mail workers use the storage until they stop. */
  g_clear_pointer (&self->ctx.imports, roster_import_queue_free);
  g_clear_pointer (&self->ctx.mail, roster_mail_queue_free);
  g_clear_object (&self->ctx.storage);
  g_clear_object (&self->ctx.secret_box);
  g_clear_pointer (&self->ctx.login_limiter, roster_rate_limiter_free);
  g_clear_pointer (&self->ctx.signup_limiter, roster_rate_limiter_free);
  g_clear_pointer (&self->ctx.key_limiter, roster_rate_limiter_free);
  g_clear_pointer (&self->ctx.config, roster_server_config_free);
  g_clear_object (&self->certificate);
  g_free (self->fingerprint);
  g_free (self->url);

  G_OBJECT_CLASS (roster_server_parent_class)->finalize (object);
}

static void
roster_server_class_init (RosterServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_server_dispose;
  object_class->finalize = roster_server_finalize;

  body_state_quark = g_quark_from_static_string ("roster-body-state");
}

static void
roster_server_init (RosterServer *self)
{
  self->cancellable = g_cancellable_new ();
  self->streams = g_hash_table_new (NULL, NULL);
  self->router = roster_router_new ();
  roster_handlers_add_all (self->router);
  roster_web_add_all (self->router);
}

/* ---- answering ---- */

static void
apply_response (SoupServerMessage *msg,
                RosterRequest     *request)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *extra = roster_request_get_response_headers (request);
  GBytes *body = roster_request_get_response_body (request);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, extra);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (g_ascii_strcasecmp (name, "Set-Cookie") == 0)
        soup_message_headers_append (headers, name, value);
      else
        soup_message_headers_replace (headers, name, value);
    }

  roster_server_add_standard_headers (headers);

  soup_server_message_set_status (msg, roster_request_get_status (request), NULL);
  if (body != NULL)
    {
      gsize len = 0;
      gconstpointer data = g_bytes_get_data (body, &len);

      soup_server_message_set_response (msg, roster_request_get_content_type (request),
                                        SOUP_MEMORY_COPY, data, len);
    }
}

static void
respond_now (SoupServerMessage *msg,
             const char        *path,
             RosterErrorCode    code,
             const char        *message,
             const char        *allow)
{
  g_autoptr(RosterRequest) request = NULL;
  g_autoptr(GError) error = g_error_new_literal (ROSTER_ERROR, code, message);

  request = roster_request_new (soup_server_message_get_method (msg), path, NULL, NULL, NULL, NULL);
  if (allow != NULL)
    roster_request_add_response_header (request, "Allow", allow);
  roster_request_respond_error (request, error, NULL);
  apply_response (msg, request);
}

/* ---- request bodies ---- */

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  BodyState *state = user_data;
  gsize len = g_bytes_get_size (chunk);

  /* Past the limit nothing more is kept: the request is refused once it
   * has been read, and memory never grows with what a client sends. */
  if (state->too_large || state->data->len + len > state->limit)
    {
      state->too_large = TRUE;
      return;
    }

  g_byte_array_append (state->data, g_bytes_get_data (chunk, NULL), len);
}

static gsize
body_limit (RosterServer *self,
            const char   *method,
            const char   *path)
{
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *allow = NULL;
  const RosterRoute *route = NULL;

  if (roster_router_match (self->router, method, path, &route, &params, &allow) == ROSTER_ROUTE_FOUND &&
      route->max_body != 0)
    return route->max_body;

  return self->ctx.config->max_body_size;
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  RosterServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  BodyState *state;
  gsize limit = body_limit (self, soup_server_message_get_method (msg), path);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) limit)
    {
      /* Answered before the body is read; the connection closes, since
       * the unread body would otherwise be taken for the next request. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      respond_now (msg, path, ROSTER_ERROR_PAYLOAD_TOO_LARGE,
                   _("The request is too large."), NULL);
      return;
    }

  state = g_new0 (BodyState, 1);
  state->data = g_byte_array_new ();
  state->limit = limit;
  g_object_set_qdata_full (G_OBJECT (msg), body_state_quark, state, body_state_free);

  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), state);
}

/* ---- running handlers ---- */

static void
request_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RosterServer *self = source_object;
  Job *job = task_data;
  RosterRequest *request = job->request;

  if (!(job->route->flags & ROSTER_ROUTE_PUBLIC))
    {
      g_autoptr(RosterUser) user = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *token_hash = NULL;

      user = roster_auth_authenticate (&self->ctx,
                                       roster_request_get_header (request, "Authorization"),
                                       &token_hash, &error);
      if (user == NULL)
        {
          if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_UNAUTHORIZED) ||
              g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_TOKEN_EXPIRED))
            roster_request_add_response_header (request, "WWW-Authenticate", "Bearer realm=\"roster\"");
          roster_request_respond_error (request, error, NULL);
          g_task_return_boolean (task, TRUE);
          return;
        }

      roster_request_set_auth (request, user, token_hash);
    }

  job->route->handler (&self->ctx, request);

  if (!roster_request_has_response (request))
    {
      g_autoptr(GError) error = g_error_new (ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                                             "handler for %s gave no answer",
                                             job->route->pattern);
      roster_request_respond_error (request, error, NULL);
    }

  g_task_return_boolean (task, TRUE);
}

static void
request_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RosterServer *self = ROSTER_SERVER (object);
  g_autoptr(SoupServerMessage) msg = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));

  /* A streamed answer is already on its way (roster-server-stream.c). */
  if (!roster_server_stream_has_begun (job->stream))
    {
      apply_response (msg, job->request);
      soup_server_message_unpause (msg);
    }
  g_hash_table_remove (self->streams, job->stream);

  g_info ("%s %s %u %" G_GINT64_FORMAT "ms",
          roster_request_get_method (job->request),
          roster_request_get_path (job->request),
          roster_request_get_status (job->request),
          (g_get_monotonic_time () - job->started) / 1000);

  self->in_flight--;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  RosterServer *self = user_data;
  BodyState *state = g_object_get_qdata (G_OBJECT (msg), body_state_quark);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *allow = NULL;
  const RosterRoute *route = NULL;
  const char *method = soup_server_message_get_method (msg);
  Job *job;

  switch (roster_router_match (self->router, method, path, &route, &params, &allow))
    {
    case ROSTER_ROUTE_NO_PATH:
      respond_now (msg, path, ROSTER_ERROR_NOT_FOUND, _("There is nothing at this address."), NULL);
      g_info ("%s %s 404", method, path);
      return;

    case ROSTER_ROUTE_NO_METHOD:
      respond_now (msg, path, ROSTER_ERROR_METHOD_NOT_ALLOWED,
                   _("This address does not accept this method."), allow);
      g_info ("%s %s 405", method, path);
      return;

    case ROSTER_ROUTE_FOUND:
    default:
      break;
    }

  if (state != NULL && state->too_large)
    {
      respond_now (msg, path, ROSTER_ERROR_PAYLOAD_TOO_LARGE, _("The request is too large."), NULL);
      g_info ("%s %s 413", method, path);
      return;
    }

  if (state != NULL)
    body = g_byte_array_free_to_bytes (g_byte_array_ref (state->data));

  job = g_new0 (Job, 1);
  job->route = route;
  job->started = g_get_monotonic_time ();
  job->request = roster_request_new (method, path, query,
                                     soup_server_message_get_request_headers (msg),
                                     body, soup_server_message_get_remote_host (msg));
  roster_request_set_params (job->request, params);
  job->stream = roster_server_stream_new (msg);
  roster_request_set_stream_sink (job->request, roster_server_stream_get_sink (), job->stream);
  g_hash_table_add (self->streams, job->stream);

  /* The handler runs on a worker thread (hashing a password takes tens
   * of milliseconds, a database may wait on a lock); the main loop stays
   * free to accept and answer other requests meanwhile. */
  soup_server_message_pause (msg);
  self->in_flight++;

  task = g_task_new (self, NULL, request_done_cb, g_object_ref (msg));
  g_task_set_source_tag (task, handler_cb);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, request_thread);
}

/* ---- connections ----
 *
 * We accept connections and do the TLS handshake ourselves, then hand
 * the encrypted stream to libsoup. libsoup 3.2's own listener keeps a
 * reference to every socket it accepts, so a long-running server would
 * grow by one socket object per connection.
 */

#define HANDSHAKE_TIMEOUT_SECONDS 15

typedef struct
{
  RosterServer    *server;
  GTlsConnection  *tls;
  GSocketAddress  *local;
  GSocketAddress  *remote;
  GCancellable    *cancellable;
  guint            timeout_id;
} Handshake;

static void
handshake_free (Handshake *handshake)
{
  g_clear_handle_id (&handshake->timeout_id, g_source_remove);
  g_clear_object (&handshake->server);
  g_clear_object (&handshake->tls);
  g_clear_object (&handshake->local);
  g_clear_object (&handshake->remote);
  g_clear_object (&handshake->cancellable);
  g_free (handshake);
}

static gboolean
handshake_timeout_cb (gpointer user_data)
{
  Handshake *handshake = user_data;

  /* A client that opens a connection and says nothing holds a socket;
   * it gets a fixed time to finish the handshake. */
  handshake->timeout_id = 0;
  g_cancellable_cancel (handshake->cancellable);
  return G_SOURCE_REMOVE;
}

static void
handshake_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Handshake *handshake = user_data;
  RosterServer *self = handshake->server;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      g_debug ("TLS handshake failed: %s", error->message);
      g_io_stream_close (G_IO_STREAM (handshake->tls), NULL, NULL);
    }
  else if (self->soup != NULL &&
           !soup_server_accept_iostream (self->soup, G_IO_STREAM (handshake->tls),
                                         handshake->local, handshake->remote, &error))
    {
      g_warning ("Could not take a connection: %s", error->message);
      g_io_stream_close (G_IO_STREAM (handshake->tls), NULL, NULL);
    }

  handshake_free (handshake);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  RosterServer *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) tls = NULL;
  GSocket *socket = g_socket_connection_get_socket (connection);
  Handshake *handshake;

  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  /* No certificate database: clients are not asked for certificates, and
   * the default one makes GnuTLS parse the whole system trust store for
   * every connection, which took three quarters of the server's time. */
  tls = g_initable_new (g_tls_backend_get_server_connection_type (g_tls_backend_get_default ()),
                        NULL, &error,
                        "base-io-stream", connection,
                        "certificate", self->certificate,
                        "database", NULL,
                        "require-close-notify", FALSE,
                        NULL);
  if (tls == NULL)
    {
      g_warning ("Could not set up TLS for a connection: %s", error->message);
      return TRUE;
    }
  /* (require-close-notify is off: clients that just drop the connection,
   * laptops closing, networks changing, are common and no error.) */

  handshake = g_new0 (Handshake, 1);
  handshake->server = g_object_ref (self);
  handshake->tls = G_TLS_CONNECTION (g_steal_pointer (&tls));
  handshake->local = g_socket_connection_get_local_address (connection, NULL);
  handshake->remote = g_socket_connection_get_remote_address (connection, NULL);
  handshake->cancellable = g_cancellable_new ();
  /* Stopping the server cancels handshakes under way. */
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           handshake->cancellable, G_CONNECT_SWAPPED);

  if (handshake->local == NULL || handshake->remote == NULL)
    {
      g_io_stream_close (G_IO_STREAM (handshake->tls), NULL, NULL);
      handshake_free (handshake);
      return TRUE;
    }

  handshake->timeout_id = g_timeout_add_seconds (HANDSHAKE_TIMEOUT_SECONDS, handshake_timeout_cb, handshake);
  g_tls_connection_handshake_async (handshake->tls, G_PRIORITY_DEFAULT, handshake->cancellable,
                                    handshake_done_cb, handshake);
  return TRUE;
}

/* ---- set-up ---- */

static gboolean
load_certificate (RosterServer  *self,
                  GError       **error)
{
  RosterServerConfig *config = self->ctx.config;

  if (!g_file_test (config->tls_certificate, G_FILE_TEST_EXISTS) ||
      !g_file_test (config->tls_key, G_FILE_TEST_EXISTS))
    {
      if (!config->tls_generate)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The TLS certificate %s or its key %s does not exist"),
                       config->tls_certificate, config->tls_key);
          return FALSE;
        }

      g_message ("Creating a self-signed TLS certificate in %s", config->tls_certificate);
      if (!roster_tls_generate_self_signed (config->tls_certificate, config->tls_key, error))
        return FALSE;
    }

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("TLS is not available: install glib-networking"));
      return FALSE;
    }

  self->certificate = g_tls_certificate_new_from_files (config->tls_certificate, config->tls_key, error);
  if (self->certificate == NULL)
    {
      g_prefix_error (error, "%s: ", config->tls_certificate);
      return FALSE;
    }

  self->fingerprint = roster_tls_fingerprint_sha256 (self->certificate);
  return TRUE;
}

RosterServer *
roster_server_new (RosterServerConfig  *config,
                   GError             **error)
{
  g_autoptr(RosterServer) self = g_object_new (ROSTER_TYPE_SERVER, NULL);
  g_autofree char *server_key_dir = NULL;

  self->ctx.config = config;

  if (g_mkdir_with_parents (config->data_dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the data folder %s: %s"), config->data_dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  self->ctx.secret_box = roster_secret_box_new_from_file (config->server_key, error);
  if (self->ctx.secret_box == NULL)
    return NULL;

  self->ctx.storage = roster_storage_open (config->database, config->storage_pool_size, error);
  if (self->ctx.storage == NULL)
    return NULL;

  if (!load_certificate (self, error))
    return NULL;

  if (config->login_rate_limit > 0)
    self->ctx.login_limiter = roster_rate_limiter_new (config->login_rate_limit);
  if (config->signup_rate_limit > 0)
    self->ctx.signup_limiter = roster_rate_limiter_new_window (config->signup_rate_limit,
                                                               config->signup_rate_window);
  if (config->key_rate_limit > 0)
    self->ctx.key_limiter = roster_rate_limiter_new_window (config->key_rate_limit,
                                                            config->signup_rate_window);

  /* Imports a stopped server left unfinished never committed anything:
   * say so on their jobs, then take new ones. */
  {
    guint interrupted = 0;

    if (!roster_import_storage_fail_interrupted (ROSTER_IMPORT_STORAGE (self->ctx.storage),
                                                 roster_import_queue_interrupted_message (),
                                                 &interrupted, error))
      return NULL;
    if (interrupted > 0)
      g_message ("%u unfinished imports marked as failed", interrupted);
  }
  self->ctx.imports = roster_import_queue_new (&self->ctx);
  self->housekeeping = roster_housekeeping_new (&self->ctx);

  self->soup = soup_server_new ("server-header", "roster-server", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);

  return g_steal_pointer (&self);
}

gboolean
roster_server_listen (RosterServer  *self,
                      GError       **error)
{
  RosterServerConfig *config = self->ctx.config;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *host = NULL;
  guint16 port;

  g_return_val_if_fail (ROSTER_IS_SERVER (self), FALSE);

  inet = g_inet_address_new_from_string (config->listen_address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), config->listen_address);
      return FALSE;
    }

  address = g_inet_socket_address_new (inet, config->listen_port);
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &local, error))
    {
      g_prefix_error (error, _("Could not listen on %s:%u: "), config->listen_address, config->listen_port);
      return FALSE;
    }
  g_signal_connect_object (self->service, "incoming", G_CALLBACK (incoming_cb), self, 0);
  g_socket_service_start (self->service);

  /* Port 0 asks the system for a free port: read back which. */
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));

  host = g_inet_address_to_string (inet);
  g_free (self->url);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("https://[%s]:%u", host, port);
  else
    self->url = g_strdup_printf ("https://%s:%u", host, port);

  /* Mail starts once the server's own URL is known: links fall back to
   * it when no public URL is set ("every address" is no place to link
   * to: the host's name stands in for it). */
  if (self->ctx.mail == NULL)
    {
      g_autofree char *mail_url = NULL;

      if (g_inet_address_get_is_any (inet))
        mail_url = g_strdup_printf ("https://%s:%u", g_get_host_name (), port);
      self->ctx.mail = roster_mail_queue_new (&self->ctx, mail_url ? mail_url : self->url);
    }

  return TRUE;
}

void
roster_server_shutdown (RosterServer *self)
{
  g_return_if_fail (ROSTER_IS_SERVER (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  g_cancellable_cancel (self->cancellable);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);

  /* Streams waiting for slow clients give up now. */
  {
    GHashTableIter iter;
    gpointer stream;

    g_hash_table_iter_init (&iter, self->streams);
    while (g_hash_table_iter_next (&iter, &stream, NULL))
      roster_server_stream_cancel (stream);
  }

  /* Let handlers already on worker threads finish and be answered, so
   * no write is cut off half-way and nothing is left running. */
  while (self->in_flight > 0)
    g_main_context_iteration (NULL, TRUE);

  g_clear_pointer (&self->housekeeping, roster_housekeeping_free);

  /* An import under way is cancelled and rolls back; a message being
   * sent stays queued for the next start. */
  g_clear_pointer (&self->ctx.imports, roster_import_queue_free);
  g_clear_pointer (&self->ctx.mail, roster_mail_queue_free);

  /* Let libsoup finish closing the connections of those last answers. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

const char *
roster_server_get_url (RosterServer *self)
{
  g_return_val_if_fail (ROSTER_IS_SERVER (self), NULL);
  return self->url;
}

const char *
roster_server_get_fingerprint (RosterServer *self)
{
  g_return_val_if_fail (ROSTER_IS_SERVER (self), NULL);
  return self->fingerprint;
}

RosterStorage *
roster_server_get_storage (RosterServer *self)
{
  g_return_val_if_fail (ROSTER_IS_SERVER (self), NULL);
  return self->ctx.storage;
}

RosterSecretBox *
roster_server_get_secret_box (RosterServer *self)
{
  g_return_val_if_fail (ROSTER_IS_SERVER (self), NULL);
  return self->ctx.secret_box;
}

RosterServerConfig *
roster_server_get_config (RosterServer *self)
{
  g_return_val_if_fail (ROSTER_IS_SERVER (self), NULL);
  return self->ctx.config;
}
