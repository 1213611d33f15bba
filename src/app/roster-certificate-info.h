/* roster-certificate-info.h: what a person needs to decide on a certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_CERTIFICATE_INFO (roster_certificate_info_get_type ())

G_DECLARE_FINAL_TYPE (RosterCertificateInfo, roster_certificate_info, ROSTER, CERTIFICATE_INFO, GObject)

/* @host is "host:port", the key certificates are pinned under. */
RosterCertificateInfo *roster_certificate_info_new             (const char            *host,
                                                                GTlsCertificate       *certificate);
const char            *roster_certificate_info_get_host        (RosterCertificateInfo *self);
const char            *roster_certificate_info_get_subject     (RosterCertificateInfo *self);
const char            *roster_certificate_info_get_issuer      (RosterCertificateInfo *self);
GDateTime             *roster_certificate_info_get_not_before  (RosterCertificateInfo *self);
GDateTime             *roster_certificate_info_get_not_after   (RosterCertificateInfo *self);
/* SHA-256 of the DER form, as upper-case hex pairs joined by colons,
 * the form roster-server prints at start. */
const char            *roster_certificate_info_get_fingerprint (RosterCertificateInfo *self);
/* The fingerprint pinned for the host before, when this certificate
 * differs from it; NULL for a host never trusted. */
const char            *roster_certificate_info_get_pinned_fingerprint (RosterCertificateInfo *self);
void                   roster_certificate_info_set_pinned_fingerprint (RosterCertificateInfo *self,
                                                                       const char            *fingerprint);

char                  *roster_certificate_fingerprint          (GTlsCertificate       *certificate);

G_END_DECLS
