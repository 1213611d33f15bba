/* roster-server-stream.c: carrying a streamed answer from a handler's
 * worker thread to its connection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker produces chunks; the main thread, which alone may touch the
 * SoupServerMessage, appends them to the response body and lets libsoup
 * write them (chunked encoding). The worker waits while more than
 * HIGH_WATER bytes are queued and unwritten, so a 100 000-row answer never
 * sits in memory whole, and gives up when the client is gone or has not
 * read anything for WRITE_TIMEOUT.
 */

#define G_LOG_DOMAIN "roster-server"

#include "config.h"

#include "roster-error.h"
#include "roster-server-private.h"

#define HIGH_WATER    (1024 * 1024)
#define WRITE_TIMEOUT (60 * G_TIME_SPAN_SECOND)

struct _RosterServerStream
{
  gatomicrefcount     ref_count;

  /* Main thread only. The message is kept alive by the request's task
   * until every queued operation below has run. */
  SoupServerMessage  *msg;
  gboolean            begun;

  GMutex              lock;
  GCond               cond;
  gsize               pending;
  gboolean            gone;
};

void
roster_server_add_standard_headers (SoupMessageHeaders *headers)
{
  /* API answers are personal: no cache may keep them. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");

  /* One request per connection. libsoup 3.2 (Debian 12) never releases a
   * kept-alive connection whose client goes away without a TLS
   * close_notify before sending its next request: each such client
   * would cost the server a file descriptor for good, until it could
   * accept no more. A TLS handshake per request is the cheaper price. */
  soup_message_headers_replace (headers, "Connection", "close");
}

RosterServerStream *
roster_server_stream_new (SoupServerMessage *msg)
{
  RosterServerStream *self = g_new0 (RosterServerStream, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->msg = msg;

  return self;
}

RosterServerStream *
roster_server_stream_ref (RosterServerStream *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
roster_server_stream_unref (RosterServerStream *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

gboolean
roster_server_stream_has_begun (RosterServerStream *self)
{
  return self->begun;
}

void
roster_server_stream_cancel (RosterServerStream *self)
{
  g_mutex_lock (&self->lock);
  self->gone = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static gboolean
is_gone (RosterServerStream *self)
{
  gboolean gone;

  g_mutex_lock (&self->lock);
  gone = self->gone;
  g_mutex_unlock (&self->lock);

  return gone;
}

/* ---- main thread ---- */

static void
wrote_body_data_cb (SoupServerMessage *msg,
                    guint              size,
                    gpointer           user_data)
{
  RosterServerStream *self = user_data;

  g_mutex_lock (&self->lock);
  self->pending -= MIN (self->pending, size);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
gone_cb (SoupServerMessage *msg,
         gpointer           user_data)
{
  roster_server_stream_cancel (user_data);
}

static void
closure_unref (gpointer  data,
               GClosure *closure)
{
  roster_server_stream_unref (data);
}

typedef struct
{
  RosterServerStream *stream;
  guint               status;
  char               *content_type;
  SoupMessageHeaders *headers;
  GBytes             *chunk;
  gboolean            complete;
} Operation;

static void
operation_free (gpointer data)
{
  Operation *op = data;

  roster_server_stream_unref (op->stream);
  g_free (op->content_type);
  g_clear_pointer (&op->headers, soup_message_headers_unref);
  g_clear_pointer (&op->chunk, g_bytes_unref);
  g_free (op);
}

static gboolean
begin_main (gpointer data)
{
  Operation *op = data;
  RosterServerStream *self = op->stream;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (self->msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  self->begun = TRUE;
  if (is_gone (self))
    return G_SOURCE_REMOVE;

  soup_message_headers_iter_init (&iter, op->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_replace (headers, name, value);
  roster_server_add_standard_headers (headers);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, op->content_type, NULL);
  soup_server_message_set_status (self->msg, op->status, NULL);

  /* Written chunks are dropped at once instead of kept for the end. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (self->msg), FALSE);

  g_signal_connect_data (self->msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb),
                         roster_server_stream_ref (self), closure_unref, 0);
  g_signal_connect_data (self->msg, "finished", G_CALLBACK (gone_cb),
                         roster_server_stream_ref (self), closure_unref, 0);
  g_signal_connect_data (self->msg, "disconnected", G_CALLBACK (gone_cb),
                         roster_server_stream_ref (self), closure_unref, 0);

  soup_server_message_unpause (self->msg);
  return G_SOURCE_REMOVE;
}

static gboolean
append_main (gpointer data)
{
  Operation *op = data;
  RosterServerStream *self = op->stream;

  if (is_gone (self))
    return G_SOURCE_REMOVE;

  soup_message_body_append_bytes (soup_server_message_get_response_body (self->msg), op->chunk);
  soup_server_message_unpause (self->msg);
  return G_SOURCE_REMOVE;
}

static gboolean
end_main (gpointer data)
{
  Operation *op = data;
  RosterServerStream *self = op->stream;

  if (is_gone (self))
    return G_SOURCE_REMOVE;

  if (op->complete)
    {
      soup_message_body_complete (soup_server_message_get_response_body (self->msg));
      soup_server_message_unpause (self->msg);
    }
  else
    {
      /* Cut the connection: a chunked answer that never ends is the one
       * signal a client cannot mistake for a complete answer. */
      g_autoptr(GIOStream) connection = soup_server_message_steal_connection (self->msg);

      roster_server_stream_cancel (self);
      if (connection != NULL)
        g_io_stream_close (connection, NULL, NULL);
    }

  return G_SOURCE_REMOVE;
}

static void
run_on_main (GSourceFunc  func,
             Operation   *op)
{
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, func, op, operation_free);
}

/* ---- worker thread (the sink a RosterRequest writes to) ---- */

static void
sink_begin (gpointer            data,
            guint               status,
            const char         *content_type,
            SoupMessageHeaders *headers)
{
  Operation *op = g_new0 (Operation, 1);

  op->stream = roster_server_stream_ref (data);
  op->status = status;
  op->content_type = g_strdup (content_type);
  op->headers = soup_message_headers_ref (headers);
  run_on_main (begin_main, op);
}

static gboolean
sink_write (gpointer   data,
            GBytes    *chunk,
            GError   **error)
{
  RosterServerStream *self = data;
  gint64 deadline = g_get_monotonic_time () + WRITE_TIMEOUT;
  gboolean gone;
  Operation *op;

  g_mutex_lock (&self->lock);
  while (!self->gone && self->pending >= HIGH_WATER)
    {
      if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
        {
          /* The client stopped reading; give its thread back. */
          self->gone = TRUE;
          break;
        }
    }
  gone = self->gone;
  if (!gone)
    self->pending += g_bytes_get_size (chunk);
  g_mutex_unlock (&self->lock);

  if (gone)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           "the client went away or stopped reading");
      return FALSE;
    }

  op = g_new0 (Operation, 1);
  op->stream = roster_server_stream_ref (self);
  op->chunk = g_bytes_ref (chunk);
  run_on_main (append_main, op);

  return TRUE;
}

static void
sink_end (gpointer data,
          gboolean complete)
{
  Operation *op = g_new0 (Operation, 1);

  op->stream = roster_server_stream_ref (data);
  op->complete = complete;
  run_on_main (end_main, op);
}

const RosterStreamSink *
roster_server_stream_get_sink (void)
{
  static const RosterStreamSink sink = {
    .begin = sink_begin,
    .write = sink_write,
    .end = sink_end,
  };

  return &sink;
}
