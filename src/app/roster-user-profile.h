/* roster-user-profile.h: what an administrator sees of one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET /api/v1/users/{uid}: the account, its failed sign-ins, every
 * enrolment and the 20 newest audit events about or by the person.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-user.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_USER_PROFILE (roster_user_profile_get_type ())

G_DECLARE_FINAL_TYPE (RosterUserProfile, roster_user_profile, ROSTER, USER_PROFILE, GObject)

RosterUserProfile *roster_user_profile_new_from_json     (JsonObject        *object,
                                                          GError           **error);
RosterUser        *roster_user_profile_get_user          (RosterUserProfile *self);
guint              roster_user_profile_get_failed_logins (RosterUserProfile *self);
/* A GListModel of RosterUserCourse, by course short name. */
GListModel        *roster_user_profile_get_enrolments    (RosterUserProfile *self);
/* A GListModel of RosterAuditEntry, newest first. The API gives ids
 * only here: actor and target have no names, the course no short name
 * (except what the enrolments tell). */
GListModel        *roster_user_profile_get_recent_events (RosterUserProfile *self);

G_END_DECLS
