/* roster-test-smtp-sink.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "roster-test-smtp-sink.h"

struct _RosterTestSmtpSink
{
  GSubprocess       *process;
  GDataInputStream  *out;
  char              *folder;
  char              *login;
  guint16            port;
  guint              stored;    /* the last "stored N" read */
};

/* ---- waiting with a deadline ---- */

typedef struct
{
  GCancellable *cancellable;
  gboolean      done;
  char         *line;
} LineRead;

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL, NULL);
  read->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* The sink's next line of output; NULL when it ended or said nothing
 * before @deadline (monotonic time). */
static char *
read_line (RosterTestSmtpSink *self,
           gint64              deadline)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = NULL;
  LineRead read = { g_cancellable_new (), FALSE, NULL };
  gint64 left = MAX (deadline - g_get_monotonic_time (), 0);

  g_main_context_push_thread_default (context);

  timeout = g_timeout_source_new (left / 1000);
  g_source_set_callback (timeout, cancel_cb, read.cancellable, NULL);
  g_source_attach (timeout, context);

  g_data_input_stream_read_line_async (self->out, G_PRIORITY_DEFAULT, read.cancellable, line_read_cb, &read);
  while (!read.done)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (timeout);
  g_main_context_pop_thread_default (context);
  g_object_unref (read.cancellable);

  return read.line;
}

/* ---- the process ---- */

static void
spawn (RosterTestSmtpSink *self)
{
  const char *python = g_getenv ("ROSTER_SMTP_SINK_PYTHON");
  const char *script = g_getenv ("ROSTER_SMTP_SINK");
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (python);
  g_assert_nonnull (script);

  g_ptr_array_add (argv, g_strdup (python));
  g_ptr_array_add (argv, g_strdup (script));
  g_ptr_array_add (argv, g_strdup (self->folder));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", self->port));
  if (self->login != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--login"));
      g_ptr_array_add (argv, g_strdup (self->login));
    }
  g_ptr_array_add (argv, NULL);

  self->process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));

  /* Python and aiosmtpd take a moment to load on a busy machine. */
  line = read_line (self, g_get_monotonic_time () + 60 * G_USEC_PER_SEC);
  if (line == NULL || !g_str_has_prefix (line, "port "))
    g_error ("the SMTP sink did not start (it said: %s)", line ? line : "nothing");

  self->port = (guint16) g_ascii_strtoull (line + strlen ("port "), NULL, 10);
  g_assert_cmpuint (self->port, >, 0);
}

RosterTestSmtpSink *
roster_test_smtp_sink_start (const RosterTestSmtpSinkOptions *options)
{
  RosterTestSmtpSink *self = g_new0 (RosterTestSmtpSink, 1);
  g_autoptr(GError) error = NULL;

  self->folder = g_dir_make_tmp ("roster-test-smtp-XXXXXX", &error);
  g_assert_no_error (error);
  if (options != NULL)
    {
      self->port = options->port;
      self->login = g_strdup (options->login);
    }

  spawn (self);
  return self;
}

void
roster_test_smtp_sink_stop (RosterTestSmtpSink *self)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&self->out);
  g_clear_object (&self->process);
}

void
roster_test_smtp_sink_restart (RosterTestSmtpSink *self)
{
  roster_test_smtp_sink_stop (self);
  spawn (self);
}

void
roster_test_smtp_sink_free (RosterTestSmtpSink *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self == NULL)
    return;

  roster_test_smtp_sink_stop (self);

  dir = g_dir_open (self->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (self->folder);

  g_free (self->folder);
  g_free (self->login);
  g_free (self);
}

guint16
roster_test_smtp_sink_get_port (RosterTestSmtpSink *self)
{
  return self->port;
}

void
roster_test_smtp_sink_set_reply (RosterTestSmtpSink *self,
                                 const char         *stage,
                                 const char         *reply)
{
  g_autofree char *name = g_strconcat ("reply-", stage, NULL);
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  if (reply == NULL)
    {
      g_unlink (path);
      return;
    }

  g_file_set_contents (path, reply, -1, &error);
  g_assert_no_error (error);
}

gboolean
roster_test_smtp_sink_wait_line (RosterTestSmtpSink *self,
                                 const char         *prefix,
                                 guint               timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *line = read_line (self, deadline);

      if (line == NULL)
        return FALSE;
      if (g_str_has_prefix (line, "stored "))
        self->stored = (guint) g_ascii_strtoull (line + strlen ("stored "), NULL, 10);
      if (g_str_has_prefix (line, prefix))
        return TRUE;
    }
}

gboolean
roster_test_smtp_sink_wait (RosterTestSmtpSink *self,
                            guint               n,
                            guint               timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (self->stored < n)
    {
      g_autofree char *line = read_line (self, deadline);

      if (line == NULL)
        return FALSE;
      if (g_str_has_prefix (line, "stored "))
        self->stored = (guint) g_ascii_strtoull (line + strlen ("stored "), NULL, 10);
    }

  return TRUE;
}

guint
roster_test_smtp_sink_count (RosterTestSmtpSink *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->folder, 0, NULL);
  const char *name;
  guint count = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      count++;

  return count;
}

GBytes *
roster_test_smtp_sink_get_message (RosterTestSmtpSink *self,
                                   guint               n)
{
  g_autofree char *name = g_strdup_printf ("%u.eml", n);
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

char *
roster_test_smtp_sink_get_envelope (RosterTestSmtpSink *self,
                                    guint               n)
{
  g_autofree char *name = g_strdup_printf ("%u.json", n);
  g_autofree char *path = g_build_filename (self->folder, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}
