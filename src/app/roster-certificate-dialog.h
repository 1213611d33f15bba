/* roster-certificate-dialog.h: asking whether to trust a server's certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-certificate-info.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_CERTIFICATE_DIALOG (roster_certificate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterCertificateDialog, roster_certificate_dialog, ROSTER, CERTIFICATE_DIALOG, AdwMessageDialog)

/* Responses: "cancel" (the default, also on Escape) and "trust". A
 * certificate with a pinned fingerprint (one that changed) is shown as
 * a warning. */
AdwMessageDialog      *roster_certificate_dialog_new      (GtkWindow               *parent,
                                                           RosterCertificateInfo   *info);
RosterCertificateInfo *roster_certificate_dialog_get_info (RosterCertificateDialog *self);

G_END_DECLS
