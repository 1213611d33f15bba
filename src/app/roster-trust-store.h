/* roster-trust-store.h: the certificates a person chose to trust, per server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_TRUST_STORE (roster_trust_store_get_type ())

G_DECLARE_FINAL_TYPE (RosterTrustStore, roster_trust_store, ROSTER, TRUST_STORE, GObject)

/* A key file of SHA-256 fingerprints by "host:port". Fingerprints are
 * not secret, so it is a plain file: by default
 * $XDG_CONFIG_HOME/roster/trusted-certificates.ini. */
RosterTrustStore *roster_trust_store_new         (const char        *path);
const char       *roster_trust_store_get_path    (RosterTrustStore  *self);
/* The pinned fingerprint of @host, or NULL. */
char             *roster_trust_store_lookup      (RosterTrustStore  *self,
                                                  const char        *host);
/* Pins @fingerprint for @host (replacing any other): only call it on a
 * person's explicit consent. */
gboolean          roster_trust_store_trust       (RosterTrustStore  *self,
                                                  const char        *host,
                                                  const char        *fingerprint,
                                                  GError           **error);
gboolean          roster_trust_store_forget      (RosterTrustStore  *self,
                                                  const char        *host,
                                                  GError           **error);

G_END_DECLS
