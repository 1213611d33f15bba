/* roster-key.h: an enrolment key of a self-enrolment method, as the API
 * lists it: everything about the key except its secret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Longest nickname, in characters. */
#define ROSTER_KEY_MAX_NICKNAME 255

#define ROSTER_TYPE_KEY (roster_key_get_type ())

G_DECLARE_FINAL_TYPE (RosterKey, roster_key, ROSTER, KEY, GObject)

/* Has no room for the secret on purpose: whatever is in here may be
 * listed. The secret travels only in the answers that create, regenerate
 * or reveal it. */
RosterKey   *roster_key_new                     (void);
RosterKey   *roster_key_new_from_json           (JsonObject  *object,
                                                 GError     **error);
void         roster_key_to_json                 (RosterKey   *self,
                                                 JsonBuilder *builder);
/* Whether sign-up would accept the key at @now: active, not expired and
 * not used up. */
gboolean     roster_key_is_usable               (RosterKey   *self,
                                                 gint64       now);

gint64       roster_key_get_id                  (RosterKey   *self);
void         roster_key_set_id                  (RosterKey   *self,
                                                 gint64       id);
gint64       roster_key_get_course_id           (RosterKey   *self);
void         roster_key_set_course_id           (RosterKey   *self,
                                                 gint64       course_id);
gint64       roster_key_get_method_id           (RosterKey   *self);
void         roster_key_set_method_id           (RosterKey   *self,
                                                 gint64       method_id);
const char  *roster_key_get_nickname            (RosterKey   *self);
void         roster_key_set_nickname            (RosterKey   *self,
                                                 const char  *nickname);
gboolean     roster_key_get_active              (RosterKey   *self);
void         roster_key_set_active              (RosterKey   *self,
                                                 gboolean     active);
/* The group a key puts people in: 0 and NULL for none. */
gint64       roster_key_get_group_id            (RosterKey   *self);
void         roster_key_set_group_id            (RosterKey   *self,
                                                 gint64       group_id);
const char  *roster_key_get_group_name          (RosterKey   *self);
void         roster_key_set_group_name          (RosterKey   *self,
                                                 const char  *group_name);
gint64       roster_key_get_expires_at          (RosterKey   *self);
void         roster_key_set_expires_at          (RosterKey   *self,
                                                 gint64       expires_at);
/* 0: unlimited. */
gint64       roster_key_get_max_uses            (RosterKey   *self);
void         roster_key_set_max_uses            (RosterKey   *self,
                                                 gint64       max_uses);
gint64       roster_key_get_uses                (RosterKey   *self);
void         roster_key_set_uses                (RosterKey   *self,
                                                 gint64       uses);
gint64       roster_key_get_created_at          (RosterKey   *self);
void         roster_key_set_created_at          (RosterKey   *self,
                                                 gint64       created_at);
/* Who created the key: 0 and NULL when unknown (an erased account). */
gint64       roster_key_get_created_by_id       (RosterKey   *self);
void         roster_key_set_created_by_id       (RosterKey   *self,
                                                 gint64       user_id);
const char  *roster_key_get_created_by_username (RosterKey   *self);
void         roster_key_set_created_by_username (RosterKey   *self,
                                                 const char  *username);
/* When somebody last enrolled with the key; 0 for never. */
gint64       roster_key_get_last_used_at        (RosterKey   *self);
void         roster_key_set_last_used_at        (RosterKey   *self,
                                                 gint64       last_used_at);

G_END_DECLS
