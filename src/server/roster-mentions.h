/* roster-mentions.h: whether audit details mention a person, for erasure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What may not stay in the audit log once a person is erased, as
 * identity keys (case-folded, so "D.Novak" typed at sign-in is found
 * as well as "d.novak"). */
typedef struct
{
  GPtrArray *inside;   /* may not appear inside any text, as a whole word */
  GPtrArray *whole;    /* may not be a whole value (a first or a last name) */
  GPtrArray *quick;    /* everything above, also as escaped in JSON text */
} RosterMentions;

void           roster_mentions_init       (RosterMentions       *mentions,
                                           const char           *username,
                                           const char           *email,
                                           const char           *first_name,
                                           const char           *last_name);
void           roster_mentions_clear      (RosterMentions       *mentions);
/* Whether @details (an event's JSON text) names the person. */
gboolean       roster_mentions_in_details (const RosterMentions *mentions,
                                           const char           *details);

G_END_DECLS
