/* roster-client-stream.c: RosterClient's streamed participant list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server writes the list (limit=0) one JSON element per line: "["
 * and the column names, then ",[…]" per row, then "]". The body is read
 * a line at a time and each row is parsed by json-glib as it comes, so
 * the first rows are shown while the rest is still on its way, and the
 * whole answer is never held in memory.
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-client-private.h"
#include "roster-participant.h"

/* Lines are read from a buffer of this size, on the main context and
 * below the default priority, so drawing and input come first. */
#define BUFFER_SIZE (64 * 1024)

/* Rows are parsed on a worker thread, a chunk at a time and in order,
 * while the main context goes on reading: the main loop only copies
 * lines and hands out batches. */
typedef struct
{
  SoupMessage                *message;
  GDataInputStream           *data;
  JsonParser                 *parser;   /* the header line, on the main context */
  int                        *columns;
  GPtrArray                  *lines;    /* rows read, not yet given to the worker */
  GQueue                      chunks;   /* GPtrArray of lines waiting for it */
  GPtrArray                  *batch;
  RosterParticipantBatchFunc  batch_func;
  gpointer                    batch_data;
  GDestroyNotify              batch_destroy;
  guint                       n_rows;
  guint                       batch_size;
  guint                       ended : 1;      /* the closing "]" was read */
  guint                       read_all : 1;   /* and then the end of the body */
  guint                       parsing : 1;    /* a chunk is in the worker */
  guint                       finished : 1;   /* the task has returned */
} Stream;

typedef struct
{
  GPtrArray *lines;
  int       *columns;
} Chunk;

static void
chunk_free (Chunk *chunk)
{
  g_ptr_array_unref (chunk->lines);
  g_free (chunk->columns);
  g_free (chunk);
}

static void
stream_free (Stream *stream)
{
  if (stream->batch_destroy != NULL)
    stream->batch_destroy (stream->batch_data);
  g_clear_object (&stream->message);
  g_clear_object (&stream->data);
  g_clear_object (&stream->parser);
  g_clear_pointer (&stream->columns, g_free);
  g_clear_pointer (&stream->lines, g_ptr_array_unref);
  g_queue_clear_full (&stream->chunks, (GDestroyNotify) g_ptr_array_unref);
  g_clear_pointer (&stream->batch, g_ptr_array_unref);
  g_free (stream);
}

static GError *
incomplete_error (void)
{
  return g_error_new_literal (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_INCOMPLETE,
                              _("The list of participants ended before it was complete. Try again."));
}

static GError *
bad_list_error (void)
{
  return g_error_new_literal (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
                              _("The server sent a list of participants that could not be read."));
}

/* The task returns once: later reads and parsed chunks are dropped. */
static void
stream_fail (GTask  *task,
             GError *error)
{
  Stream *stream = g_task_get_task_data (task);

  if (stream->finished)
    {
      g_error_free (error);
      return;
    }
  stream->finished = TRUE;
  g_task_return_error (task, error);
}

static void
flush_batch (Stream       *stream,
             GCancellable *cancellable)
{
  if (stream->batch->len == 0)
    return;
  if (!g_cancellable_is_cancelled (cancellable))
    stream->batch_func (stream->batch, stream->n_rows, stream->batch_data);
  g_ptr_array_set_size (stream->batch, 0);
}

static void
maybe_succeed (GTask *task)
{
  Stream *stream = g_task_get_task_data (task);

  if (stream->finished || !stream->read_all || stream->parsing || !g_queue_is_empty (&stream->chunks))
    return;
  flush_batch (stream, g_task_get_cancellable (task));
  stream->finished = TRUE;
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

/* ---- the worker: rows → participants ---- */

static void
parse_chunk_thread (GTask        *worker,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Chunk *chunk = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) participants = g_ptr_array_new_full (chunk->lines->len, g_object_unref);

  for (guint i = 0; i < chunk->lines->len; i++)
    {
      const char *line = chunk->lines->pdata[i];
      RosterParticipant *participant;
      GError *error = NULL;
      JsonNode *root;

      /* Each line is ",[…]": the comma is the framing, the row is
       * json-glib's to read. */
      if (!json_parser_load_from_data (parser, line + 1, -1, NULL) ||
          !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
        {
          g_task_return_error (worker, bad_list_error ());
          return;
        }
      participant = roster_participant_new_from_row (json_node_get_array (root), chunk->columns, &error);
      if (participant == NULL)
        {
          g_task_return_error (worker, error);
          return;
        }
      /* Made here, off the main thread, before anyone else sees it. */
      roster_participant_get_search_key (participant);
      g_ptr_array_add (participants, participant);
    }

  g_task_return_pointer (worker, g_steal_pointer (&participants), (GDestroyNotify) g_ptr_array_unref);
}

static void parse_next (GTask *task);

static void
chunk_parsed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Stream *stream = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GPtrArray) participants = NULL;
  GError *error = NULL;

  stream->parsing = FALSE;
  participants = g_task_propagate_pointer (G_TASK (result), &error);
  if (stream->finished)
    {
      g_clear_error (&error);
      return;
    }
  if (participants == NULL)
    {
      stream_fail (task, error);
      return;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      stream_fail (task, error);
      return;
    }

  for (guint i = 0; i < participants->len; i++)
    g_ptr_array_add (stream->batch, g_object_ref (participants->pdata[i]));
  stream->n_rows += participants->len;
  /* The first rows go out at once; after them, full batches. */
  if (stream->batch->len >= stream->batch_size || stream->n_rows <= stream->batch_size)
    flush_batch (stream, cancellable);

  parse_next (task);
  maybe_succeed (task);
}

/* Hands the next waiting chunk to the worker, one at a time so rows
 * keep their order. */
static void
parse_next (GTask *task)
{
  Stream *stream = g_task_get_task_data (task);
  GTask *worker;
  Chunk *chunk;

  if (stream->parsing || stream->finished || g_queue_is_empty (&stream->chunks))
    return;

  chunk = g_new0 (Chunk, 1);
  chunk->lines = g_queue_pop_head (&stream->chunks);
  chunk->columns = g_memdup2 (stream->columns, sizeof (int) * ROSTER_PARTICIPANT_N_FIELDS);

  stream->parsing = TRUE;
  worker = g_task_new (NULL, NULL, chunk_parsed_cb, g_object_ref (task));
  g_task_set_source_tag (worker, parse_next);
  g_task_set_task_data (worker, chunk, (GDestroyNotify) chunk_free);
  g_task_run_in_thread (worker, parse_chunk_thread);
  g_object_unref (worker);
}

static void
queue_lines (GTask *task)
{
  Stream *stream = g_task_get_task_data (task);

  if (stream->lines->len == 0)
    return;
  g_queue_push_tail (&stream->chunks, g_steal_pointer (&stream->lines));
  stream->lines = g_ptr_array_new_with_free_func (g_free);
  parse_next (task);
}

/* ---- the reader ---- */

/* One line of the list: FALSE with @error when it is not what the
 * server writes. Rows are only framed here and taken from @line_inout
 * for the worker to parse. */
static gboolean
handle_line (Stream      *stream,
             char       **line_inout,
             gsize        length,
             GError     **error)
{
  const char *line = *line_inout;
  JsonNode *root;

  if (stream->ended)
    {
      /* Nothing but blank lines may follow the closing bracket. */
      if (length == 0)
        return TRUE;
      g_propagate_error (error, bad_list_error ());
      return FALSE;
    }

  if (stream->columns == NULL)
    {
      if (length < 2 || line[0] != '[' ||
          !json_parser_load_from_data (stream->parser, line + 1, length - 1, NULL) ||
          !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (stream->parser)))
        {
          g_propagate_error (error, bad_list_error ());
          return FALSE;
        }
      stream->columns = roster_participant_map_columns (json_node_get_array (root), error);
      return stream->columns != NULL;
    }

  if (length == 1 && line[0] == ']')
    {
      stream->ended = TRUE;
      return TRUE;
    }

  if (length < 2 || line[0] != ',' || strlen (line) != length)
    {
      g_propagate_error (error, bad_list_error ());
      return FALSE;
    }
  g_ptr_array_add (stream->lines, g_steal_pointer (line_inout));
  return TRUE;
}

/* TRUE when the buffer holds a whole line, so reading it cannot block. */
static gboolean
line_buffered (GDataInputStream *data)
{
  gsize available;
  const char *buffer = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (data), &available);

  return available > 0 && memchr (buffer, '\n', available) != NULL;
}

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next (GTask *task)
{
  Stream *stream = g_task_get_task_data (task);

  /* At the default priority, as libsoup reads: a lower one starves
   * while the window redraws without pause (a spinner on a software
   * renderer), and the list would never arrive. Each callback only
   * frames what is buffered; parsing is on the worker. */
  g_data_input_stream_read_upto_async (stream->data, "\n", 1, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                       read_line_cb, task);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Stream *stream = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  char *line = NULL;
  GError *error = NULL;
  gsize length = 0;

  line = g_data_input_stream_read_upto_finish (stream->data, result, &length, &error);

  for (;;)
    {
      if (error != NULL)
        {
          g_free (line);
          /* A cut connection: the server failed half-way, or the
           * network did. The rows so far are not the whole list. */
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              error->domain == ROSTER_CLIENT_ERROR)
            stream_fail (task, error);
          else if (error->domain == G_IO_ERROR || error->domain == G_TLS_ERROR)
            {
              g_debug ("stream cut: %s", error->message);
              g_clear_error (&error);
              stream_fail (task, incomplete_error ());
            }
          else
            {
              g_debug ("bad stream: %s", error->message);
              g_clear_error (&error);
              stream_fail (task, bad_list_error ());
            }
          return;
        }

      if (stream->finished)
        {
          g_free (line);
          return;
        }

      if (line == NULL)
        {
          /* The end of the body: whole only after the closing bracket. */
          if (!stream->ended)
            {
              stream_fail (task, incomplete_error ());
              return;
            }
          stream->read_all = TRUE;
          queue_lines (task);
          maybe_succeed (task);
          return;
        }

      /* read_upto leaves the newline in the buffer; none there means
       * the body ended in the middle of a line: the server was cut off. */
      if (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (stream->data)) == 0)
        {
          if (length > 0)
            {
              g_free (line);
              stream_fail (task, incomplete_error ());
              return;
            }
        }
      else
        g_buffered_input_stream_read_byte (G_BUFFERED_INPUT_STREAM (stream->data), NULL, NULL);

      if (!g_utf8_validate (line, length, NULL))
        error = bad_list_error ();
      else
        handle_line (stream, &line, length, &error);
      g_clear_pointer (&line, g_free);
      if (error != NULL)
        continue;

      if (stream->lines->len >= stream->batch_size)
        queue_lines (task);

      if (!line_buffered (stream->data))
        break;
      line = g_data_input_stream_read_upto (stream->data, "\n", 1, &length, cancellable, &error);
    }

  /* The first rows go to the worker as soon as the buffer is used up,
   * so they show at once; after them, full chunks. */
  if (stream->n_rows == 0 && !stream->parsing && g_queue_is_empty (&stream->chunks))
    queue_lines (task);

  if (g_cancellable_is_cancelled (cancellable))
    {
      GError *cancelled = NULL;

      g_cancellable_set_error_if_cancelled (cancellable, &cancelled);
      stream_fail (task, cancelled);
      return;
    }
  read_next (g_steal_pointer (&task));
}

static void
error_body_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Stream *stream = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (source), result, &error) < 0)
    {
      RosterClient *self = g_task_get_source_object (task);

      g_task_return_error (task, roster_client_map_send_error (self, stream->message, error));
      return;
    }
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (source));
  g_task_return_error (task, roster_client_request_error (g_task_get_source_object (task),
                                                          stream->message, bytes));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterClient *self = g_task_get_source_object (task);
  Stream *stream = g_task_get_task_data (task);
  g_autoptr(GInputStream) body = NULL;
  GError *error = NULL;

  body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, roster_client_map_send_error (self, stream->message, error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (stream->message)))
    {
      /* Error answers are small JSON objects: read one whole, without
       * waiting on the network. */
      g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_output_stream_splice_async (sink, body,
                                    G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                    G_PRIORITY_DEFAULT, cancellable,
                                    error_body_cb, g_steal_pointer (&task));
      return;
    }

  stream->data = g_data_input_stream_new (body);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (stream->data), BUFFER_SIZE);
  g_data_input_stream_set_newline_type (stream->data, G_DATA_STREAM_NEWLINE_TYPE_LF);
  read_next (g_steal_pointer (&task));
}

void
roster_client_stream_participants_async (RosterClient               *self,
                                         gint64                      course_id,
                                         GHashTable                 *filters,
                                         RosterParticipantBatchFunc  batch_func,
                                         gpointer                    batch_data,
                                         GDestroyNotify              batch_destroy,
                                         GCancellable               *cancellable,
                                         GAsyncReadyCallback         callback,
                                         gpointer                    user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = NULL;
  GHashTableIter iter;
  gpointer key, value;
  Stream *stream;
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);
  g_return_if_fail (batch_func != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_stream_participants_async);

  stream = g_new0 (Stream, 1);
  stream->batch_func = batch_func;
  stream->batch_data = batch_data;
  stream->batch_destroy = batch_destroy;
  stream->parser = json_parser_new_immutable ();
  stream->lines = g_ptr_array_new_with_free_func (g_free);
  stream->batch = g_ptr_array_new_with_free_func (g_object_unref);
  stream->batch_size = roster_client_get_batch_size (self);
  g_queue_init (&stream->chunks);
  g_task_set_task_data (task, stream, (GDestroyNotify) stream_free);

  if (filters != NULL)
    {
      g_hash_table_iter_init (&iter, filters);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value != NULL && g_strcmp0 (key, "limit") != 0 && g_strcmp0 (key, "cursor") != 0)
          g_hash_table_insert (query, key, value);
    }
  g_hash_table_insert (query, (gpointer) "limit", (gpointer) "0");

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/participants", course_id);
  stream->message = roster_client_new_message (self, "GET", path, query);
  if (stream->message == NULL)
    {
      g_task_return_new_error (task, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                               _("“%s” is not a server address."), roster_client_get_base_url (self));
      g_object_unref (task);
      return;
    }

  soup_session_send_async (roster_client_get_session (self), stream->message, G_PRIORITY_DEFAULT,
                           cancellable, send_cb, task);
}

gboolean
roster_client_stream_participants_finish (RosterClient  *self,
                                          GAsyncResult  *result,
                                          guint         *n_rows,
                                          GError       **error)
{
  Stream *stream;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  stream = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = stream->n_rows;
  return g_task_propagate_boolean (G_TASK (result), error);
}
