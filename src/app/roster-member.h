/* roster-member.h: a person in a group, with their role in the course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_MEMBER (roster_member_get_type ())

G_DECLARE_FINAL_TYPE (RosterMember, roster_member, ROSTER, MEMBER, GObject)

/* One of GET /groups/{gid}/members' "members": id and username are
 * required; a role of null (someone no longer enrolled) is
 * ROSTER_ROLE_NONE. */
RosterMember *roster_member_new_from_json (JsonObject         *object,
                                                      GError            **error);
gint64             roster_member_get_id        (RosterMember  *self);
const char        *roster_member_get_username  (RosterMember  *self);
/* "First Last", or the username when the account has no name. */
const char        *roster_member_get_full_name (RosterMember  *self);
const char        *roster_member_get_email     (RosterMember  *self);
RosterRole         roster_member_get_role      (RosterMember  *self);

G_END_DECLS
