/* roster-user.h: a person known to Roster, as the API shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_USER (roster_user_get_type ())

G_DECLARE_FINAL_TYPE (RosterUser, roster_user, ROSTER, USER, GObject)

/* Never holds a password hash or any other secret: whatever is in here
 * may be written to JSON. */
RosterUser      *roster_user_new               (void);
RosterUser      *roster_user_new_from_json     (JsonObject      *object,
                                                GError         **error);
void             roster_user_to_json           (RosterUser      *self,
                                                JsonBuilder     *builder);

gint64           roster_user_get_id            (RosterUser      *self);
void             roster_user_set_id            (RosterUser      *self,
                                                gint64           id);
const char      *roster_user_get_username      (RosterUser      *self);
void             roster_user_set_username      (RosterUser      *self,
                                                const char      *username);
const char      *roster_user_get_email         (RosterUser      *self);
void             roster_user_set_email         (RosterUser      *self,
                                                const char      *email);
const char      *roster_user_get_first_name    (RosterUser      *self);
void             roster_user_set_first_name    (RosterUser      *self,
                                                const char      *first_name);
const char      *roster_user_get_last_name     (RosterUser      *self);
void             roster_user_set_last_name     (RosterUser      *self,
                                                const char      *last_name);
char            *roster_user_dup_full_name     (RosterUser      *self);
RosterUserType   roster_user_get_user_type     (RosterUser      *self);
void             roster_user_set_user_type     (RosterUser      *self,
                                                RosterUserType   type);
RosterUserState  roster_user_get_state         (RosterUser      *self);
void             roster_user_set_state         (RosterUser      *self,
                                                RosterUserState  state);
gboolean         roster_user_get_is_site_admin (RosterUser      *self);
void             roster_user_set_is_site_admin (RosterUser      *self,
                                                gboolean         is_site_admin);
gint64           roster_user_get_locked_until  (RosterUser      *self);
void             roster_user_set_locked_until  (RosterUser      *self,
                                                gint64           locked_until);
gint64           roster_user_get_created_at    (RosterUser      *self);
void             roster_user_set_created_at    (RosterUser      *self,
                                                gint64           created_at);
gint64           roster_user_get_last_access   (RosterUser      *self);
void             roster_user_set_last_access   (RosterUser      *self,
                                                gint64           last_access);

G_END_DECLS
