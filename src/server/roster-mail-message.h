/* roster-mail-message.h: a message of the outbox, written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of each kind of message (roster-mail-draft.h), in the
 * server's language, with its links made from the public URL, as a
 * MIME message (GMime does the encoding). Writing is pure: the same row
 * and settings give the same message, so a retry sends the very message
 * the relay may have seen before (same Date, same Message-ID).
 */

#pragma once

#include <gmime/gmime.h>

#include "roster-mail-storage.h"
#include "roster-server-config.h"

G_BEGIN_DECLS

typedef struct _RosterMailMessage RosterMailMessage;

/* Writes @row out; links start at config->public_url, or at @server_url
 * when there is none. Fails when the row's params or addresses are not
 * what its kind needs: such a row can never be sent. */
RosterMailMessage *roster_mail_message_new           (const RosterOutboxMessage  *row,
                                                      const RosterServerConfig   *config,
                                                      const char                 *server_url,
                                                      GError                    **error);
void               roster_mail_message_free          (RosterMailMessage          *self);

GMimeMessage      *roster_mail_message_get_mime      (RosterMailMessage          *self);
/* The envelope: the address of From (MAIL FROM) and of To (RCPT TO). */
const char        *roster_mail_message_get_sender    (RosterMailMessage          *self);
const char        *roster_mail_message_get_recipient (RosterMailMessage          *self);
/* The message as sent: lines end in CRLF for SMTP, in LF for a file. */
GBytes            *roster_mail_message_to_bytes      (RosterMailMessage          *self,
                                                      gboolean                    crlf);

/* Whether config->mail_from names one address (no setting is fine:
 * messages then come from roster@ the public host, or this host). */
gboolean           roster_mail_message_check_sender  (const RosterServerConfig   *config,
                                                      GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterMailMessage, roster_mail_message_free)

G_END_DECLS
