/* roster-tls.h: the server's certificate: made when there is none, and
 * its fingerprint for people to compare
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes a new self-signed certificate (ECDSA P-256, SHA-256, SAN
 * localhost, 127.0.0.1 and ::1) and its private key (mode 0600). */
gboolean  roster_tls_generate_self_signed (const char  *cert_path,
                                           const char  *key_path,
                                           GError     **error);
/* "AB:CD:…": the SHA-256 of the certificate's DER encoding. */
char     *roster_tls_fingerprint_sha256   (GTlsCertificate *certificate);

G_END_DECLS
