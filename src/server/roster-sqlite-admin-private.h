/* roster-sqlite-admin-private.h: what the user administration files of
 * the SQLite driver share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-sqlite-private.h"

G_BEGIN_DECLS

/* The account as the API shows it, read inside the caller's
 * transaction; ROSTER_ERROR_NOT_FOUND when there is none. */
RosterUser *roster_sqlite_admin_read_user        (sqlite3      *db,
                                                  gint64        user_id,
                                                  GError      **error);
/* ROSTER_ERROR_CONFLICT when @user_id is the only active site
 * administrator left: somebody must still be able to run the site. */
gboolean    roster_sqlite_admin_check_last_admin (sqlite3      *db,
                                                  gint64        user_id,
                                                  GError      **error);
/* roster-sqlite-admin-change.c: */
RosterUser           *roster_sqlite_update_user             (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const RosterUserChanges   *changes,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);
RosterUser           *roster_sqlite_activate_user           (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const RosterAuditEvent    *audit_activated,
                                                             const RosterAuditEvent    *audit_reactivated,
                                                             GError                   **error);
RosterUser           *roster_sqlite_suspend_user            (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);
RosterUser           *roster_sqlite_unlock_user             (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);
gboolean              roster_sqlite_set_user_password       (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const char                *password_hash,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);

/* roster-sqlite-admin-erase.c: */
gboolean              roster_sqlite_erase_user              (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             RosterEmailHashFunc        hash_email,
                                                             gpointer                   hash_data,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);
gint64                roster_sqlite_create_removal_request  (RosterStorage             *storage,
                                                             gint64                     user_id,
                                                             const char                *reason,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);
GPtrArray            *roster_sqlite_list_removal_requests   (RosterStorage             *storage,
                                                             const RosterRemovalQuery  *query,
                                                             GError                   **error);
RosterRemovalRequest *roster_sqlite_decline_removal_request (RosterStorage             *storage,
                                                             gint64                     request_id,
                                                             gint64                     decided_by,
                                                             const char                *reason,
                                                             const RosterAuditEvent    *audit,
                                                             GError                   **error);

G_END_DECLS
