/* roster-sqlite-private.h: what the SQLite driver's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "roster-sqlite-storage.h"
#include "roster-mail-draft.h"

G_BEGIN_DECLS

extern const char * const roster_sqlite_migrations[];
extern const guint        roster_sqlite_n_migrations;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS

G_BEGIN_DECLS


gboolean       roster_sqlite_set_error   (GError       **error,
                                          sqlite3       *db,
                                          int            rc,
                                          const char    *what);
sqlite3_stmt  *roster_sqlite_prepare     (sqlite3       *db,
                                          const char    *sql,
                                          GError       **error);
gboolean       roster_sqlite_exec        (sqlite3       *db,
                                          const char    *sql,
                                          GError       **error);
gboolean       roster_sqlite_step_done   (sqlite3       *db,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          GError       **error);
void           roster_sqlite_bind_text   (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *value);
/* Binds 0 as NULL: ids of 0 mean "none" throughout the server. */
void           roster_sqlite_bind_id     (sqlite3_stmt  *stmt,
                                          int            index,
                                          gint64         id);
char          *roster_sqlite_column_dup  (sqlite3_stmt  *stmt,
                                          int            column);

gint64         roster_sqlite_now         (void);

/* Inside a transaction the caller opened: the state of an account
 * (ROSTER_ERROR_NOT_FOUND for none), and a statement whose only
 * parameter is an id. */
gboolean       roster_sqlite_read_user_state (sqlite3          *db,
                                              gint64            user_id,
                                              RosterUserState  *state,
                                              GError          **error);
gboolean       roster_sqlite_exec_for_id (sqlite3       *db,
                                          const char    *sql,
                                          gint64         id,
                                          const char    *what,
                                          GError       **error);

/* Connections come from a pool: one per thread at a time. They are
 * opened without a mutex of their own (SQLITE_OPEN_NOMUTEX), so every
 * statement on one must be finalised, and its transaction ended, before
 * it goes back: once it is back, another thread may be using it. The
 * release functions check both, with a critical. */
sqlite3       *roster_sqlite_storage_acquire (RosterSqliteStorage *self);
void           roster_sqlite_storage_release (RosterSqliteStorage *self,
                                              sqlite3             *db);
/* For reads that may last as long as a slow client takes. */
sqlite3       *roster_sqlite_storage_acquire_reader (RosterSqliteStorage *self);
void           roster_sqlite_storage_release_reader (RosterSqliteStorage *self,
                                                     sqlite3             *db);

/* A connection leased for the length of a scope, the usual way to get
 * one:
 *
 *   g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
 *   g_autoptr(sqlite3_stmt) stmt = NULL;
 *   sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
 *
 * The lease is declared before the statements prepared on its
 * connection: cleanups run in the reverse order of the declarations, so
 * the statements are finalised first and the connection goes back to the
 * pool last, on every way out of the scope. */
typedef struct
{
  RosterSqliteStorage *storage;
  sqlite3             *db;
  gboolean             reader;
} RosterSqliteLease;

#define ROSTER_SQLITE_LEASE_INIT { NULL, NULL, FALSE }

sqlite3       *roster_sqlite_lease_acquire        (RosterSqliteLease   *lease,
                                                   RosterSqliteStorage *storage);
sqlite3       *roster_sqlite_lease_acquire_reader (RosterSqliteLease   *lease,
                                                   RosterSqliteStorage *storage);
/* Gives the connection back (nothing if there is none); the lease may
 * be used again. */
void           roster_sqlite_lease_release        (RosterSqliteLease   *lease);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterSqliteLease, roster_sqlite_lease_release)

gboolean       roster_sqlite_begin       (sqlite3       *db,
                                          GError       **error);
gboolean       roster_sqlite_commit      (sqlite3       *db,
                                          GError       **error);
/* Rolls back if a transaction is open; harmless otherwise. */
void           roster_sqlite_rollback    (sqlite3       *db);
#define ROSTER_SQLITE_AUDIT_INSERT \
  "INSERT INTO audit_events (at, actor_id, action, course_id, target_user_id," \
  "  object_type, object_id, remote_address, details)" \
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* Binds @event to a statement of ROSTER_SQLITE_AUDIT_INSERT (for callers
 * that keep the statement prepared across many rows). */
void           roster_sqlite_bind_audit  (sqlite3_stmt            *stmt,
                                          const RosterAuditEvent  *event,
                                          gint64                   target_user_id);

/* The id of the course's manual method, made when the course has none:
 * a course must always let staff add people by hand. Inside a write
 * transaction. */
gint64         roster_sqlite_manual_method (sqlite3               *db,
                                            gint64                 course_id,
                                            GError               **error);

/* Writes @event (nothing if NULL); a non-zero @target_user_id stands in
 * for the event's own, for rows whose id is only known now. */
gboolean       roster_sqlite_insert_audit (sqlite3                 *db,
                                           const RosterAuditEvent  *event,
                                           gint64                   target_user_id,
                                           GError                 **error);

/* roster-sqlite-users.c: what users.search_key holds for an account with
 * these details; every file that writes an account stores the same key. */
char               *roster_sqlite_user_search_key      (const char              *username,
                                                        const char              *email,
                                                        const char              *first_name,
                                                        const char              *last_name);

/* RosterStorage methods, by file. roster-sqlite-users.c: */
gint64              roster_sqlite_create_user          (RosterStorage           *storage,
                                                        const RosterNewUser     *user,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser         *roster_sqlite_get_user             (RosterStorage           *storage,
                                                        gint64                   user_id,
                                                        GError                 **error);
RosterCredentials  *roster_sqlite_get_credentials      (RosterStorage           *storage,
                                                        const char              *username,
                                                        GError                 **error);
gboolean            roster_sqlite_record_login_failure (RosterStorage           *storage,
                                                        gint64                   user_id,
                                                        gint64                   now,
                                                        guint                    threshold,
                                                        gint64                   lock_seconds,
                                                        const RosterAuditEvent  *audit_failure,
                                                        const RosterAuditEvent  *audit_lock,
                                                        RosterLoginFailure      *result,
                                                        GError                 **error);
gboolean            roster_sqlite_record_login_success (RosterStorage           *storage,
                                                        gint64                   user_id,
                                                        const char              *token_hash,
                                                        gint64                   now,
                                                        gint64                   expires_at,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser         *roster_sqlite_lookup_token         (RosterStorage           *storage,
                                                        const char              *token_hash,
                                                        gint64                   now,
                                                        gboolean                *expired,
                                                        GError                 **error);
gboolean            roster_sqlite_delete_token         (RosterStorage           *storage,
                                                        const char              *token_hash,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);

/* roster-sqlite-courses.c: */
GPtrArray          *roster_sqlite_list_courses         (RosterStorage           *storage,
                                                        gint64                   viewer_id,
                                                        gboolean                 all_courses,
                                                        const char              *query,
                                                        GError                 **error);
RosterCourse       *roster_sqlite_get_course           (RosterStorage           *storage,
                                                        gint64                   course_id,
                                                        gint64                   viewer_id,
                                                        GError                 **error);
GPtrArray          *roster_sqlite_list_course_roles    (RosterStorage           *storage,
                                                        gint64                   user_id,
                                                        GError                 **error);

/* Each area's file fills in its part of the interface. */
void                roster_sqlite_groups_init          (RosterStorageInterface  *iface);
/* Called by roster_sqlite_groups_init(): the groups area's second file. */
void                roster_sqlite_assignments_init     (RosterStorageInterface  *iface);
void                roster_sqlite_participants_init    (RosterStorageInterface  *iface);
void                roster_sqlite_methods_init         (RosterStorageInterface  *iface);
/* roster-sqlite-keys.c, called by roster_sqlite_methods_init(). */
void                roster_sqlite_keys_init            (RosterStorageInterface  *iface);
void                roster_sqlite_admin_init           (RosterStorageInterface  *iface);
void                roster_sqlite_reports_init         (RosterStorageInterface  *iface);

typedef struct _RosterImportStorageInterface RosterImportStorageInterface;
void                roster_sqlite_imports_iface_init   (RosterImportStorageInterface *iface);
void                roster_sqlite_import_jobs_iface_init (RosterImportStorageInterface *iface);

typedef struct _RosterSignupStorageInterface RosterSignupStorageInterface;
void                roster_sqlite_signup_iface_init    (RosterSignupStorageInterface *iface);
typedef struct _RosterMailStorageInterface RosterMailStorageInterface;
void                roster_sqlite_mail_iface_init      (RosterMailStorageInterface *iface);

/* roster-sqlite-outbox.c: queues @draft, inside a transaction the caller
 * opened (mail goes with what it tells of, or not at all). */
gboolean            roster_sqlite_outbox_add           (sqlite3                 *db,
                                                        const RosterMailDraft   *draft,
                                                        gint64                   now,
                                                        GError                 **error);

/* roster-sqlite-dataset.c: inside a transaction the caller opened. */
gboolean            roster_sqlite_load_dataset         (sqlite3                 *db,
                                                        RosterDataset           *dataset,
                                                        GError                 **error);

G_END_DECLS
