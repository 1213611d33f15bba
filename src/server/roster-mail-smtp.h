/* roster-mail-smtp.h: handing messages to the SMTP relay, with libcurl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-mail-message.h"
#include "roster-server-config.h"

G_BEGIN_DECLS

#define ROSTER_MAIL_SMTP_ERROR (roster_mail_smtp_error_quark ())

typedef enum
{
  ROSTER_MAIL_SMTP_ERROR_TEMPORARY,   /* the relay could not take it now: try again later */
  ROSTER_MAIL_SMTP_ERROR_PERMANENT,   /* refused for good: a 5xx reply to RCPT or DATA */
} RosterMailSmtpError;

GQuark roster_mail_smtp_error_quark (void);

typedef struct _RosterMailSmtp RosterMailSmtp;

/* Sets libcurl up; call it from the main thread before a worker sends
 * (libcurl's global set-up is not safe everywhere alongside other
 * threads). roster_mail_smtp_new () calls it too. */
void            roster_mail_smtp_init (void);

/* A connection to the relay of @config (host, port, security, login),
 * made on the first message and kept for the next ones. */
RosterMailSmtp *roster_mail_smtp_new  (const RosterServerConfig  *config);
void            roster_mail_smtp_free (RosterMailSmtp            *self);
/* Sends @message. Errors are ROSTER_MAIL_SMTP_ERROR with libcurl's
 * description, or G_IO_ERROR_CANCELLED when @cancellable stopped it (the
 * relay then did not take the message). */
gboolean        roster_mail_smtp_send (RosterMailSmtp            *self,
                                       RosterMailMessage         *message,
                                       GCancellable              *cancellable,
                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterMailSmtp, roster_mail_smtp_free)

G_END_DECLS
