/* roster-pg-private.h: what the PostgreSQL driver's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value goes to the server as a parameter of PQexecParams() in
 * text format ($1, $2, …), built with RosterPgParams; results are read
 * back in text format with the roster_pg_get_*() helpers. Booleans are
 * INTEGER columns holding 0 or 1, as in the SQLite schema, so that the
 * SQL of both drivers stays alike.
 *
 * Transactions (see docs/architecture.md, "PostgreSQL"): a method that
 * writes runs its work in roster_pg_transaction(), at SERIALIZABLE by
 * default. That is what the SQLite driver's methods were written for
 * (BEGIN IMMEDIATE: one writer at a time, so a read then a write never
 * interleaves with another writer); PostgreSQL gives the same outcome
 * by failing one of two conflicting transactions with a serialisation
 * error, and roster_pg_transaction() runs the work again. Counters that
 * many requests update at once (failed sign-ins; a key's uses against
 * its max uses) run at READ COMMITTED instead and lock their row with
 * SELECT … FOR UPDATE: the second transaction waits for the first, then
 * reads its committed count, so contention queues instead of failing
 * and running again (under SERIALIZABLE, FOR UPDATE of a row changed
 * meanwhile is itself a serialisation failure). Reads of one statement
 * run outside any transaction.
 */

#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "roster-mail-draft.h"
#include "roster-pg-storage.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

extern const char * const roster_pg_migrations[];
extern const guint        roster_pg_n_migrations;

/* ---- errors ---- */

/* Inside the driver only: a serialisation failure or a deadlock, which
 * roster_pg_transaction() answers by running the work again. It never
 * leaves the driver: once the retries are spent it becomes
 * ROSTER_ERROR_UNAVAILABLE. */
#define ROSTER_PG_ERROR (roster_pg_error_quark ())
GQuark         roster_pg_error_quark     (void);
enum { ROSTER_PG_ERROR_RETRY };

/* Sets @error from a failed @result (or from @conn when there is no
 * result), the way the SQLite driver does: a broken constraint is
 * ROSTER_ERROR_CONFLICT (the caller words what clashed), a lost
 * connection or a lock timeout ROSTER_ERROR_UNAVAILABLE, anything else
 * ROSTER_ERROR_INTERNAL; the details go to the log. Returns FALSE. */
gboolean       roster_pg_set_error       (GError       **error,
                                          PGconn        *conn,
                                          PGresult      *result,
                                          const char    *what);

/* ---- parameters ---- */

#define ROSTER_PG_MAX_PARAMS 32

typedef struct
{
  guint  n;
  char  *values[ROSTER_PG_MAX_PARAMS];   /* NULL is SQL NULL */
} RosterPgParams;

#define ROSTER_PG_PARAMS_INIT { 0, { NULL, } }

void           roster_pg_params_clear    (RosterPgParams *params);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterPgParams, roster_pg_params_clear)

/* Each appends the next parameter. */
void           roster_pg_add_text        (RosterPgParams *params,
                                          const char     *value);
void           roster_pg_add_int         (RosterPgParams *params,
                                          gint64          value);
/* 0 as NULL: ids of 0 mean "none" throughout the server. */
void           roster_pg_add_id          (RosterPgParams *params,
                                          gint64          id);
/* 1 or 0, for the INTEGER columns that hold booleans. */
void           roster_pg_add_bool        (RosterPgParams *params,
                                          gboolean        value);
/* A BIGINT[] array literal ({1,2,3}) of @ids, NULL when @ids is NULL:
 * use it as $n::bigint[] (… = ANY ($n::bigint[])). */
void           roster_pg_add_ids         (RosterPgParams *params,
                                          const GArray   *ids);
/* A BYTEA value, in its text form (\x and hex digits). */
void           roster_pg_add_bytes       (RosterPgParams *params,
                                          GBytes         *value);

/* ---- statements ---- */

/* Runs @sql with @params (may be NULL for none); the result when it
 * succeeded (with or without rows), else NULL with @error set. */
PGresult      *roster_pg_query           (PGconn               *conn,
                                          const char           *sql,
                                          const RosterPgParams *params,
                                          const char           *what,
                                          GError              **error);
gboolean       roster_pg_exec            (PGconn               *conn,
                                          const char           *sql,
                                          const RosterPgParams *params,
                                          const char           *what,
                                          GError              **error);
/* The same, with the number of rows the statement changed (INSERT,
 * UPDATE, DELETE), as sqlite3_changes() gives it. */
gboolean       roster_pg_exec_changes    (PGconn               *conn,
                                          const char           *sql,
                                          const RosterPgParams *params,
                                          const char           *what,
                                          gint64               *changes,
                                          GError              **error);
/* For the statements that end in RETURNING id or SELECT one number:
 * the first column of the first row (ROSTER_ERROR_NOT_FOUND with
 * @not_found when there is no row, if @not_found is not NULL; else 0). */
gboolean       roster_pg_query_int       (PGconn               *conn,
                                          const char           *sql,
                                          const RosterPgParams *params,
                                          const char           *what,
                                          const char           *not_found,
                                          gint64               *value,
                                          GError              **error);

/* Streams the rows of @sql one at a time (libpq's single-row mode), so
 * that memory does not grow with the result: @func gets a result of one
 * row (row 0), valid until it returns. @func returning FALSE stops: with
 * @error set that is a failure, else the rest is not wanted (the query
 * is cancelled). */
typedef gboolean (*RosterPgRowFunc) (const PGresult  *row,
                                     gpointer         data,
                                     GError         **error);
gboolean       roster_pg_foreach_row     (PGconn               *conn,
                                          const char           *sql,
                                          const RosterPgParams *params,
                                          const char           *what,
                                          RosterPgRowFunc       func,
                                          gpointer              data,
                                          GError              **error);

/* Values of a result: NULL reads as 0, FALSE or NULL. */
gint64         roster_pg_get_int         (const PGresult *result,
                                          int             row,
                                          int             column);
gboolean       roster_pg_get_bool        (const PGresult *result,
                                          int             row,
                                          int             column);
const char    *roster_pg_get_text        (const PGresult *result,
                                          int             row,
                                          int             column);
char          *roster_pg_get_dup         (const PGresult *result,
                                          int             row,
                                          int             column);
GBytes        *roster_pg_get_bytes       (const PGresult *result,
                                          int             row,
                                          int             column);

gint64         roster_pg_now             (void);

/* ---- connections ---- */

/* A connection leased for the length of a scope, as in the SQLite
 * driver:
 *
 *   g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
 *   PGconn *conn = roster_pg_lease_acquire (&lease, self);
 *
 * Results are plain memory (PQclear() whenever): only the transaction
 * must be over before the connection goes back, which the release
 * checks, with a critical. Readers come from a pool of their own, for
 * reads that last as long as a slow client takes. */
typedef struct
{
  RosterPgStorage *storage;
  PGconn          *conn;
  gboolean         reader;
} RosterPgLease;

#define ROSTER_PG_LEASE_INIT { NULL, NULL, FALSE }

PGconn        *roster_pg_lease_acquire        (RosterPgLease   *lease,
                                               RosterPgStorage *storage);
PGconn        *roster_pg_lease_acquire_reader (RosterPgLease   *lease,
                                               RosterPgStorage *storage);
void           roster_pg_lease_release        (RosterPgLease   *lease);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterPgLease, roster_pg_lease_release)

/* ---- transactions ---- */

typedef enum
{
  ROSTER_PG_SERIALIZABLE,
  /* For reads of several statements that must agree with each other. */
  ROSTER_PG_REPEATABLE_READ_ONLY,
  /* For counters locked FOR UPDATE, writes that read nothing first, and
   * long writers that serialise themselves with a lock of their own (an
   * import takes an advisory lock): a serialisation failure at the end
   * of minutes of work would cost too much. */
  ROSTER_PG_READ_COMMITTED,
} RosterPgIsolation;

/* The body of a transaction: it may run more than once, so it must
 * only change what it returns through @data at its start. */
typedef gboolean (*RosterPgWork) (PGconn    *conn,
                                  gpointer   data,
                                  GError   **error);

/* BEGIN at @isolation, @work, COMMIT; ROLLBACK when @work fails. A
 * serialisation failure or a deadlock (in @work or at COMMIT) runs it all
 * again, a few times, after a short random pause. */
gboolean       roster_pg_transaction     (RosterPgStorage    *self,
                                          RosterPgIsolation   isolation,
                                          RosterPgWork        work,
                                          gpointer            data,
                                          GError            **error);

/* Writes @event (nothing if NULL); a non-zero @target_user_id stands in
 * for the event's own, for rows whose id is only known now. */
gboolean       roster_pg_insert_audit    (PGconn                  *conn,
                                          const RosterAuditEvent  *event,
                                          gint64                   target_user_id,
                                          GError                 **error);
/* The same statement and its parameters, for those who run it their own
 * way (imports prepare it once a session). */
extern const char roster_pg_audit_insert_sql[];
void           roster_pg_audit_params    (RosterPgParams          *params,
                                          const RosterAuditEvent  *event,
                                          gint64                   target_user_id);

/* ---- the methods, by file ---- */

/* roster-pg-users.c */
void           roster_pg_users_init      (RosterStorageInterface  *iface);
/* roster-pg-courses.c */
void           roster_pg_courses_init    (RosterStorageInterface  *iface);
/* roster-pg-groups.c, which calls roster_pg_assignments_init(). */
void           roster_pg_groups_init     (RosterStorageInterface  *iface);
void           roster_pg_assignments_init (RosterStorageInterface *iface);
/* roster-pg-participants.c, with the course's manual method (made
 * when it has none: a course must always let staff add people by hand),
 * inside a write transaction. */
void           roster_pg_participants_init (RosterStorageInterface *iface);
gint64         roster_pg_manual_method   (PGconn                  *conn,
                                          gint64                   course_id,
                                          GError                 **error);
/* roster-pg-methods.c, roster-pg-keys.c */
void           roster_pg_methods_init    (RosterStorageInterface  *iface);
void           roster_pg_keys_init       (RosterStorageInterface  *iface);
/* roster-pg-reports.c */
void           roster_pg_reports_init    (RosterStorageInterface  *iface);
/* roster-pg-admin.c (users' administration, with roster-pg-admin-change.c
 * and roster-pg-admin-erase.c) */
void           roster_pg_admin_init      (RosterStorageInterface  *iface);
/* roster-pg-dataset.c: inside a transaction the caller opened. */
gboolean       roster_pg_load_dataset    (PGconn                  *conn,
                                          RosterDataset           *dataset,
                                          GError                 **error);

typedef struct _RosterImportStorageInterface RosterImportStorageInterface;
typedef struct _RosterSignupStorageInterface RosterSignupStorageInterface;
typedef struct _RosterMailStorageInterface RosterMailStorageInterface;

/* roster-pg-import-jobs.c, which calls roster_pg_imports_init()
 * (roster-pg-imports.c: the sessions). */
void           roster_pg_import_jobs_init (RosterImportStorageInterface *iface);
void           roster_pg_imports_init    (RosterImportStorageInterface *iface);
/* roster-pg-signup.c */
void           roster_pg_signup_init     (RosterSignupStorageInterface *iface);
/* roster-pg-mail.c, with what queues mail inside a transaction the
 * caller opened (mail goes with what it tells of, or not at all). */
void           roster_pg_mail_init       (RosterMailStorageInterface   *iface);
gboolean       roster_pg_outbox_add      (PGconn                  *conn,
                                          const RosterMailDraft   *draft,
                                          gint64                   now,
                                          GError                 **error);

G_END_DECLS
