/* roster-server.h: the HTTPS server: TLS, routing, handlers on threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "roster-context.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SERVER (roster_server_get_type ())

G_DECLARE_FINAL_TYPE (RosterServer, roster_server, ROSTER, SERVER, GObject)

/* Takes @config (resolved) in every case. Creates the data folder, the
 * server key, the database schema and, unless one is configured, a
 * self-signed certificate. */
RosterServer       *roster_server_new             (RosterServerConfig  *config,
                                                   GError             **error);
gboolean            roster_server_listen          (RosterServer        *self,
                                                   GError             **error);
/* Stops listening and waits for running handlers to answer. */
void                roster_server_shutdown        (RosterServer        *self);
const char         *roster_server_get_url         (RosterServer        *self);
const char         *roster_server_get_fingerprint (RosterServer        *self);
RosterStorage      *roster_server_get_storage     (RosterServer        *self);
RosterSecretBox    *roster_server_get_secret_box  (RosterServer        *self);
RosterServerConfig *roster_server_get_config      (RosterServer        *self);

G_END_DECLS
