/* roster-pg-signup-private.h: what the sign-up files of the PostgreSQL
 * driver share with each other (and with administrators' activation,
 * when it is ported)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here runs inside a transaction its caller opened. The
 * ones that use a key (enrol, complete) need READ COMMITTED and the key
 * read with @lock (docs/architecture.md, "Key uses against max uses"):
 * the key's row and its method's are then locked until the end of the
 * transaction, and the uses read are the last committed ones.
 */

#pragma once

#include "roster-pg-private.h"
#include "roster-signup-storage.h"

G_BEGIN_DECLS

/* roster-pg-signup-links.c: confirm () and reset_password (). */
void                   roster_pg_signup_links_init    (RosterSignupStorageInterface *iface);

/* roster-pg-signup-complete.c: the key @key_id, or else the key whose
 * secret_lookup is @lookup, with its method and course as they are now;
 * NULL without an error when there is none. With @lock, the key's and
 * its method's rows are locked FOR UPDATE first (only by @key_id). */
RosterSignupKey       *roster_pg_signup_read_key      (PGconn                  *conn,
                                                       gint64                   key_id,
                                                       const char              *lookup,
                                                       gboolean                 lock,
                                                       GError                 **error);
/* Why @key refuses @user_id at @now: roster_signup_key_check (), then
 * "already enrolled" in the key's course. */
gboolean               roster_pg_signup_check         (PGconn                  *conn,
                                                       const RosterSignupKey   *key,
                                                       gint64                   user_id,
                                                       gint64                   now,
                                                       RosterSignupRefusal     *refusal,
                                                       GError                 **error);
/* Enrols @user_id through @key, which the caller has just read locked
 * and checked: as roster_sqlite_signup_enrol (). */
gboolean               roster_pg_signup_enrol         (PGconn                  *conn,
                                                       gint64                   user_id,
                                                       const RosterSignupKey   *key,
                                                       gint64                   now,
                                                       gboolean                 new_account,
                                                       gint64                   actor_id,
                                                       const char              *remote_address,
                                                       GError                 **error);
RosterSignupEnrolment *roster_pg_signup_enrolment_new (const RosterSignupKey   *key,
                                                       RosterSignupRefusal      refusal);
/* Activates the pending account @user_id and completes its sign-ups, as
 * roster_sqlite_signup_complete (); at READ COMMITTED. */
gboolean               roster_pg_signup_complete      (PGconn                  *conn,
                                                       gint64                   user_id,
                                                       gint64                   now,
                                                       gint64                   actor_id,
                                                       const char              *remote_address,
                                                       RosterSignupResult      *result,
                                                       GError                 **error);
/* The state of @user_id; with @lock its row is locked FOR UPDATE. */
gboolean               roster_pg_signup_user_state    (PGconn                  *conn,
                                                       gint64                   user_id,
                                                       gboolean                 lock,
                                                       RosterUserState         *state,
                                                       GError                 **error);

G_END_DECLS
