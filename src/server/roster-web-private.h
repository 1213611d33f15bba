/* roster-web-private.h: what the web page files share beyond
 * roster-web.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "roster-mail-draft.h"
#include "roster-signup-storage.h"
#include "roster-web.h"

G_BEGIN_DECLS

/* Longest value of a name field, and of a typed enrolment key. */
#define ROSTER_WEB_MAX_FIELD_CHARS 200

/* A single-use link to send by mail: the token goes into the message,
 * only its hash is stored. */
typedef struct
{
  char            *token;
  char            *token_hash;
  gint64           expires_at;
  RosterMailToken  stored;
} RosterWebLink;

gboolean roster_web_link_new          (RosterWebLink       *link,
                                       gint64               lifetime,
                                       GError             **error);
void     roster_web_link_clear        (RosterWebLink       *link);
/* The params of a confirm or reset mail (roster-mail-draft.h). */
char    *roster_web_confirm_params    (const char          *first_name,
                                       const char * const  *courses,
                                       const RosterWebLink *link);
char    *roster_web_reset_params      (const char          *first_name,
                                       const RosterWebLink *link);
char    *roster_web_user_display_name (RosterUser          *user);

static inline RosterSignupStorage *
roster_web_signup_storage (RosterWebCall *call)
{
  return ROSTER_SIGNUP_STORAGE (call->ctx->storage);
}

/* The mail worker should look at the outbox now. */
void     roster_web_mail_queued       (RosterWebCall       *call);

/* Sends the confirmation mail again to a pending account (and, with
 * @key_id, adds one more enrolment for it to wait for). */
gboolean roster_web_resend_confirmation (RosterWebCall     *call,
                                         RosterUser        *user,
                                         gint64             key_id,
                                         const char        *course_name,
                                         GError           **error);

/* The account page's list of what a sign-up or confirmation did. */
void     roster_web_page_enrolments   (RosterWebPage       *page,
                                       GPtrArray           *enrolments);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterWebLink, roster_web_link_clear)

G_END_DECLS
