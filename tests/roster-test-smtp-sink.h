/* roster-test-smtp-sink.h: a real SMTP server for a test (tests/smtp-sink.py)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sink runs as a child process on a free loopback port and keeps
 * every message it takes as a file in a temporary folder of its own.
 * It says "stored N" on its output before it answers the client, so a
 * test waits for that line (with a deadline), not for time to pass.
 * $ROSTER_SMTP_SINK_PYTHON runs $ROSTER_SMTP_SINK (tests/meson.build).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _RosterTestSmtpSink RosterTestSmtpSink;

typedef struct
{
  guint16     port;    /* 0: any free one */
  const char *login;   /* "name:password" the sink asks for, or NULL */
} RosterTestSmtpSinkOptions;

RosterTestSmtpSink *roster_test_smtp_sink_start       (const RosterTestSmtpSinkOptions *options);
/* Stops the sink and removes its folder. */
void                roster_test_smtp_sink_free        (RosterTestSmtpSink *self);
/* Stops the process only: the port is closed, the messages stay. */
void                roster_test_smtp_sink_stop        (RosterTestSmtpSink *self);
/* Starts it again on the same port and folder. */
void                roster_test_smtp_sink_restart     (RosterTestSmtpSink *self);
guint16             roster_test_smtp_sink_get_port    (RosterTestSmtpSink *self);
/* How RCPT or DATA ("rcpt", "data") is answered from now on, e.g.
 * "550 5.1.1 No such user"; NULL: accepted again. */
void                roster_test_smtp_sink_set_reply   (RosterTestSmtpSink *self,
                                                       const char         *stage,
                                                       const char         *reply);
/* Waits until the sink has said it stored its @n-th message; FALSE
 * after @timeout_seconds without that. */
gboolean            roster_test_smtp_sink_wait        (RosterTestSmtpSink *self,
                                                       guint               n,
                                                       guint               timeout_seconds);
/* The messages in its folder now (each is complete before the client
 * hears it was taken). */
guint               roster_test_smtp_sink_count       (RosterTestSmtpSink *self);
/* Waits for a line of the sink's output that starts with @prefix
 * ("hanging": it holds a DATA command unanswered, see smtp-sink.py). */
gboolean            roster_test_smtp_sink_wait_line   (RosterTestSmtpSink *self,
                                                       const char         *prefix,
                                                       guint               timeout_seconds);
/* The @n-th message (from 1) as received, and its envelope as JSON. */
GBytes             *roster_test_smtp_sink_get_message (RosterTestSmtpSink *self,
                                                       guint               n);
char               *roster_test_smtp_sink_get_envelope (RosterTestSmtpSink *self,
                                                        guint               n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterTestSmtpSink, roster_test_smtp_sink_free)

G_END_DECLS
