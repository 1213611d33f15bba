/* roster-sqlite-signup-private.h: what the sign-up files of the SQLite
 * driver share with each other and with administrators' activation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs inside a write transaction its caller opened
 * and ends: a sign-up is made whole, with its audit events and mail, or
 * not at all.
 */

#pragma once

#include "roster-signup-storage.h"
#include "roster-sqlite-private.h"

G_BEGIN_DECLS

/* roster-sqlite-signup-links.c: confirm () and reset_password (). */
void                   roster_sqlite_signup_links_init    (RosterSignupStorageInterface *iface);

/* roster-sqlite-signup-complete.c: the key @key_id, or else the key whose secret_lookup is @lookup, with
 * its method and course as they are now; NULL without an error when
 * there is none. */
RosterSignupKey       *roster_sqlite_signup_read_key      (sqlite3                 *db,
                                                           gint64                   key_id,
                                                           const char              *lookup,
                                                           GError                 **error);
/* Why @key refuses @user_id at @now: roster_signup_key_check (), then
 * "already enrolled" in the key's course. */
gboolean               roster_sqlite_signup_check         (sqlite3                 *db,
                                                           const RosterSignupKey   *key,
                                                           gint64                   user_id,
                                                           gint64                   now,
                                                           RosterSignupRefusal     *refusal,
                                                           GError                 **error);
/* Enrols @user_id through @key, which the caller has just checked: the
 * enrolment, the key's group, a use of the key, the welcome mail, the
 * notification the method asks for (@new_account tells it whether the
 * account came with this sign-up) and a "signup.enrolled" event by
 * @actor_id. */
gboolean               roster_sqlite_signup_enrol         (sqlite3                 *db,
                                                           gint64                   user_id,
                                                           const RosterSignupKey   *key,
                                                           gint64                   now,
                                                           gboolean                 new_account,
                                                           gint64                   actor_id,
                                                           const char              *remote_address,
                                                           GError                 **error);
/* What became of an enrolment through @key. */
RosterSignupEnrolment *roster_sqlite_signup_enrolment_new (const RosterSignupKey   *key,
                                                           RosterSignupRefusal      refusal);
/* Activates the pending account @user_id and completes what it waited
 * for: each of its sign-ups (table signups) is checked again at @now and
 * enrolled, or refused with a "signup.refused" event; none is left
 * waiting. Used by confirmation, by a password reset of a pending
 * account and by an administrator's activation (@actor_id is whoever
 * did it). @result, if not NULL, must be cleared; it is filled in. */
gboolean               roster_sqlite_signup_complete      (sqlite3                 *db,
                                                           gint64                   user_id,
                                                           gint64                   now,
                                                           gint64                   actor_id,
                                                           const char              *remote_address,
                                                           RosterSignupResult      *result,
                                                           GError                 **error);

G_END_DECLS
