/* roster-pg-admin-private.h: what the user administration files of the
 * PostgreSQL driver share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-pg-private.h"

G_BEGIN_DECLS

/* The account as the API shows it, read inside the caller's
 * transaction; ROSTER_ERROR_NOT_FOUND when there is none. */
RosterUser *roster_pg_admin_read_user        (PGconn           *conn,
                                              gint64            user_id,
                                              GError          **error);
/* The state of @user_id; ROSTER_ERROR_NOT_FOUND when there is none. */
gboolean    roster_pg_admin_read_state       (PGconn           *conn,
                                              gint64            user_id,
                                              RosterUserState  *state,
                                              GError          **error);
/* ROSTER_ERROR_CONFLICT when @user_id is the only active site
 * administrator left: somebody must still be able to run the site. */
gboolean    roster_pg_admin_check_last_admin (PGconn           *conn,
                                              gint64            user_id,
                                              GError          **error);
/* roster-pg-admin-change.c, roster-pg-admin-erase.c */
void        roster_pg_admin_change_init      (RosterStorageInterface *iface);
void        roster_pg_admin_erase_init       (RosterStorageInterface *iface);

G_END_DECLS
