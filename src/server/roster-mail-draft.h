/* roster-mail-draft.h: a message to send, as the code that decides to
 * send it describes it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draft is queued in the outbox (mail_outbox) in the same transaction
 * as what it tells of, so nothing is ever done without its mail nor
 * mailed without being done. The delivery worker writes the message out
 * from the draft's kind and params when it sends it (roster-mail-*.c).
 *
 * Params, a JSON object, by kind (all strings unless said):
 *
 *   confirm           token, first_name, courses (array of course full
 *                     names the sign-up waits for; may be empty),
 *                     expires_at (integer, Unix time)
 *   reset             token, first_name, expires_at (integer)
 *   welcome           first_name, course_short_name, course_full_name,
 *                     role (a RosterRole string), message (the method's
 *                     welcome message; absent when it has none)
 *   notify_enrolment  course_short_name, course_full_name, user_name,
 *                     user_email, role, method_name, key_nickname,
 *                     new_account (boolean)
 *   invite            token (a reset link's), first_name, username,
 *                     course_full_name (the course imported into),
 *                     expires_at (integer)
 *
 * "token" is the plain token of a link (/confirm?t=…, /reset?t=…); the
 * link itself is made from the configured public URL when the message
 * is written.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTER_MAIL_CONFIRM,
  ROSTER_MAIL_RESET,
  ROSTER_MAIL_WELCOME,
  ROSTER_MAIL_NOTIFY_ENROLMENT,
  ROSTER_MAIL_INVITE,
} RosterMailKind;

const char *roster_mail_kind_to_string   (RosterMailKind  kind);
gboolean    roster_mail_kind_from_string (const char     *str,
                                          RosterMailKind *kind);

typedef struct
{
  RosterMailKind  kind;
  gint64          user_id;          /* the recipient's account, 0: none */
  gint64          about_user_id;    /* whom a notification tells of, 0: none */
  const char     *recipient;        /* an e-mail address */
  const char     *recipient_name;   /* may be NULL */
  const char     *params;           /* a JSON object, see above */
} RosterMailDraft;

/* A single-use link's token as stored: its hash and when it stops working. */
typedef struct
{
  const char *token_hash;
  gint64      expires_at;
} RosterMailToken;

G_END_DECLS
