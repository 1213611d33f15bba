/* roster-server-private.h: what roster-server.c shares with its helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "roster-request.h"

G_BEGIN_DECLS

/* Headers every API answer carries. */
void                    roster_server_add_standard_headers (SoupMessageHeaders *headers);

typedef struct _RosterServerStream RosterServerStream;

/* Made on the main thread for a message that the main thread keeps
 * alive until the request's handler is done. */
RosterServerStream     *roster_server_stream_new       (SoupServerMessage  *msg);
RosterServerStream     *roster_server_stream_ref       (RosterServerStream *self);
void                    roster_server_stream_unref     (RosterServerStream *self);
/* Main thread: whether the handler began streaming (then the answer is
 * already on its way and must not be set again). */
gboolean                roster_server_stream_has_begun (RosterServerStream *self);
/* Any thread: stop waiting for the client (shutting down). */
void                    roster_server_stream_cancel    (RosterServerStream *self);
const RosterStreamSink *roster_server_stream_get_sink  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterServerStream, roster_server_stream_unref)

G_END_DECLS
