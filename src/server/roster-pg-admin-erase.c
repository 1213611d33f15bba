/* roster-pg-admin-erase.c: erasure (GDPR) and removal requests in
 * PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-admin-erase.c: the same rows are removed or
 * overwritten, with the same statements, and the audit log is redacted
 * by the same rules (roster-mentions.c).
 *
 * What is left on disk differs. SQLite runs with secure_delete (freed
 * space is overwritten with zeros) and checkpoints its WAL after an
 * erasure, so no earlier image of a page stays in its files. PostgreSQL
 * has no such setting: an UPDATE or DELETE leaves the old row version
 * in the table (and its index entries) until VACUUM, and the change is
 * in the WAL (and any WAL archive or base backup) until that is
 * recycled. So after an erasure the tables it changed are vacuumed
 * (best effort, outside the transaction, as SQLite's checkpoint is):
 * that removes the old versions once no transaction can still see them,
 * so no query or dump reads them again; their bytes may stay in the
 * files' free space until it is reused, and in the WAL until it is
 * recycled. VACUUM FULL would rewrite the tables into new files but
 * lock them against every request for as long as it runs, and only
 * unlinks the old files. Sites that need more than this at rest keep
 * the cluster (and its WAL archive and backups) on encrypted storage;
 * docs/architecture.md says so.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-mentions.h"
#include "roster-pg-admin-private.h"
#include "roster-text.h"

#define DEFAULT_LIMIT 100

#define REDACTED_DETAILS "{\"redacted\":true}"

/* ---- finding the person in audit details ---- */

typedef struct
{
  const RosterMentions *mentions;
  GArray               *ids;
} Redaction;

static gboolean
redaction_row (const PGresult  *row,
               gpointer         data,
               GError         **error)
{
  Redaction *redaction = data;

  if (roster_mentions_in_details (redaction->mentions, roster_pg_get_text (row, 0, 1)))
    {
      gint64 id = roster_pg_get_int (row, 0, 0);

      g_array_append_val (redaction->ids, id);
    }

  return TRUE;
}

static gboolean
redact_audit (PGconn                *conn,
              const RosterMentions  *mentions,
              guint                 *n_redacted,
              GError               **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Redaction redaction = { mentions, ids };
  gint64 changes = 0;

  /* SQLite asks a function of its own in the UPDATE; here the rows are
   * streamed to the same test in C and the ones that mention the person
   * are then redacted by id, in the same transaction. Reading the whole
   * log at SERIALIZABLE means an event committed meanwhile by another
   * SERIALIZABLE transaction that read the person's row makes one of
   * the two run again. (A READ COMMITTED writer, a failed sign-in, that
   * commits meanwhile is as if it came just after the erasure, which in
   * SQLite too leaves what was typed.) */
  if (!roster_pg_foreach_row (conn,
                              "SELECT id, details FROM audit_events"
                              " WHERE details IS NOT NULL AND details <> '" REDACTED_DETAILS "'",
                              NULL, "redact", redaction_row, &redaction, error))
    return FALSE;

  *n_redacted = 0;
  if (ids->len == 0)
    return TRUE;

  roster_pg_add_ids (&params, ids);
  if (!roster_pg_exec_changes (conn,
                               "UPDATE audit_events SET details = '" REDACTED_DETAILS "'"
                               " WHERE id = ANY ($1::bigint[])",
                               &params, "redact", &changes, error))
    return FALSE;

  *n_redacted = (guint) changes;
  return TRUE;
}

/* ---- erasure ---- */

typedef struct
{
  char             *username;
  char             *email;
  char             *first_name;
  char             *last_name;
  RosterUserState   state;
} ErasedPerson;

static void
erased_person_clear (ErasedPerson *person)
{
  g_clear_pointer (&person->username, g_free);
  g_clear_pointer (&person->email, g_free);
  g_clear_pointer (&person->first_name, g_free);
  g_clear_pointer (&person->last_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ErasedPerson, erased_person_clear)

static gboolean
read_person (PGconn        *conn,
             gint64         user_id,
             ErasedPerson  *person,
             GError       **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT username, email, first_name, last_name, state FROM users WHERE id = $1",
                            &params, "erase", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  person->username = roster_pg_get_dup (result, 0, 0);
  person->email = roster_pg_get_dup (result, 0, 1);
  person->first_name = roster_pg_get_dup (result, 0, 2);
  person->last_name = roster_pg_get_dup (result, 0, 3);
  roster_user_state_from_string (roster_pg_get_text (result, 0, 4), &person->state);

  return TRUE;
}

static gboolean
replace_person (PGconn      *conn,
                gint64       user_id,
                const char  *email_hash,
                GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autofree char *placeholder = g_strdup_printf ("erased-%" G_GINT64_FORMAT, user_id);

  roster_pg_add_text (&params, placeholder);
  roster_pg_add_text (&params, email_hash);
  roster_pg_add_int (&params, user_id);

  return roster_pg_exec (conn,
                         "UPDATE users SET username = $1, username_key = $1, email = NULL,"
                         "  email_key = NULL, first_name = '', last_name = '', idnumber = NULL,"
                         "  search_key = '', password_hash = NULL, state = 'erased', site_admin = 0,"
                         "  failed_logins = 0, locked_until = 0, erased_email_hash = $2"
                         " WHERE id = $3",
                         &params, "erase", error);
}

static gboolean
close_requests (PGconn  *conn,
                gint64   user_id,
                gint64   decided_by,
                GError **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  /* Every expression sees the row as it was, so the CASEs all test the
   * old status. Reasons are the person's own words: they go too. */
  roster_pg_add_int (&params, roster_pg_now ());
  roster_pg_add_id (&params, decided_by);
  roster_pg_add_int (&params, user_id);

  return roster_pg_exec (conn,
                         "UPDATE removal_requests SET"
                         "  status = CASE status WHEN 'pending' THEN 'erased' ELSE status END,"
                         "  decided_at = CASE status WHEN 'pending' THEN $1::bigint ELSE decided_at END,"
                         "  decided_by = CASE status WHEN 'pending' THEN $2::bigint ELSE decided_by END,"
                         "  reason = NULL, decision_reason = NULL"
                         " WHERE user_id = $3",
                         &params, "erase requests", error);
}

/* Import reports keep usernames and addresses as the files had them:
 * those of the person go, the outcome of the line stays. lower() under
 * the "C" collation folds ASCII only, as SQLite's does. */
static gboolean
scrub_import_rows (PGconn             *conn,
                   gint64              user_id,
                   const ErasedPerson *person,
                   GError            **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, user_id);
  roster_pg_add_text (&params, person->email);
  roster_pg_add_text (&params, person->username);

  return roster_pg_exec (conn,
                         "UPDATE import_rows SET username = NULL, email = NULL, problems = NULL"
                         " WHERE user_id = $1"
                         "    OR ($2::text IS NOT NULL AND lower(email) = lower($2::text COLLATE \"C\"))"
                         "    OR ($3::text IS NOT NULL AND lower(username) = lower($3::text COLLATE \"C\"))",
                         &params, "erase import rows", error);
}

/* Sessions end; mail waiting to go to the person, or telling of them,
 * goes with them: its params hold their name and links. (Rows already
 * sent or given up keep only an address and a time, and go too.) A
 * message the worker is sending at this moment may still leave; it is
 * not recorded again. The links they were sent, and the sign-ups waiting
 * for them, end with the account (the user row stays, so no cascade
 * removes them). */
static gboolean
delete_rows (PGconn  *conn,
             gint64   user_id,
             GError **error)
{
  static const char * const statements[] = {
    "DELETE FROM auth_tokens WHERE user_id = $1",
    "DELETE FROM mail_outbox WHERE user_id = $1 OR about_user_id = $1",
    "DELETE FROM mail_tokens WHERE user_id = $1",
    "DELETE FROM signups WHERE user_id = $1",
  };
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, user_id);
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!roster_pg_exec (conn, statements[i], &params, "erase", error))
      return FALSE;

  return TRUE;
}

typedef struct
{
  gint64                  user_id;
  RosterEmailHashFunc     hash_email;
  gpointer                hash_data;
  const RosterAuditEvent *audit;
} Erasure;

static gboolean
erase_user_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  Erasure *erasure = data;
  g_auto(ErasedPerson) person = { NULL, };
  g_autofree char *email_hash = NULL;
  g_autofree char *details = NULL;
  RosterMentions mentions = { NULL, };
  RosterAuditEvent event = { 0, };
  guint n_redacted = 0;
  gboolean ok;

  if (!read_person (conn, erasure->user_id, &person, error))
    return FALSE;

  if (person.state == ROSTER_USER_STATE_ERASED)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has already been erased."));
      return FALSE;
    }

  if (!roster_pg_admin_check_last_admin (conn, erasure->user_id, error))
    return FALSE;

  if (person.email != NULL && erasure->hash_email != NULL)
    {
      g_autofree char *email_key = roster_text_identity_key (person.email);

      if (email_key != NULL && *email_key != '\0')
        email_hash = erasure->hash_email (email_key, erasure->hash_data);
    }

  roster_mentions_init (&mentions, person.username, person.email, person.first_name, person.last_name);

  ok = replace_person (conn, erasure->user_id, email_hash, error) &&
       redact_audit (conn, &mentions, &n_redacted, error) &&
       scrub_import_rows (conn, erasure->user_id, &person, error) &&
       delete_rows (conn, erasure->user_id, error) &&
       close_requests (conn, erasure->user_id, erasure->audit ? erasure->audit->actor_id : 0, error);
  roster_mentions_clear (&mentions);
  if (!ok)
    return FALSE;

  if (erasure->audit != NULL)
    {
      event = *erasure->audit;
      /* How much of the log was redacted is worth knowing; nothing about
       * the person is. */
      if (event.details == NULL)
        event.details = details = g_strdup_printf ("{\"redacted_events\":%u}", n_redacted);
    }

  return roster_pg_insert_audit (conn, erasure->audit ? &event : NULL, erasure->user_id, error);
}

/* Removes the old row versions the erasure left: see the top of the
 * file. It cannot run in a transaction, so it comes after the commit;
 * versions a transaction still open may see are kept until the next
 * VACUUM (autovacuum's). */
static void
vacuum_erased (RosterStorage *storage)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  g_autoptr(GError) error = NULL;

  if (!roster_pg_exec (conn,
                       "VACUUM users, audit_events, auth_tokens, import_rows, mail_outbox, mail_tokens,"
                       "  signups, removal_requests",
                       NULL, "vacuum after erasure", &error))
    g_warning ("Vacuum after erasure failed: %s", error->message);
}

static gboolean
pg_erase_user (RosterStorage           *storage,
               gint64                   user_id,
               RosterEmailHashFunc      hash_email,
               gpointer                 hash_data,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  Erasure erasure = { user_id, hash_email, hash_data, audit };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              erase_user_work, &erasure, error))
    return FALSE;

  vacuum_erased (storage);
  return TRUE;
}

/* ---- removal requests ---- */

#define REQUEST_SELECT \
  "SELECT r.id, r.user_id, u.username, u.first_name, u.last_name, u.email, u.state, r.requested_at," \
  "  r.reason, r.status, r.decided_at, r.decided_by, r.decision_reason" \
  " FROM removal_requests r JOIN users u ON u.id = r.user_id"

static RosterRemovalRequest *
request_from_row (const PGresult *result,
                  int             row)
{
  RosterRemovalRequest *request = roster_removal_request_new ();
  RosterUserState state = ROSTER_USER_STATE_ACTIVE;
  RosterRemovalStatus status = ROSTER_REMOVAL_STATUS_PENDING;

  roster_removal_request_set_id (request, roster_pg_get_int (result, row, 0));
  roster_removal_request_set_user_id (request, roster_pg_get_int (result, row, 1));
  roster_removal_request_set_username (request, roster_pg_get_text (result, row, 2));
  roster_removal_request_set_first_name (request, roster_pg_get_text (result, row, 3));
  roster_removal_request_set_last_name (request, roster_pg_get_text (result, row, 4));
  roster_removal_request_set_email (request, roster_pg_get_text (result, row, 5));
  /* CHECK constraints keep these columns to known values. */
  roster_user_state_from_string (roster_pg_get_text (result, row, 6), &state);
  roster_removal_request_set_user_state (request, state);
  roster_removal_request_set_requested_at (request, roster_pg_get_int (result, row, 7));
  roster_removal_request_set_reason (request, roster_pg_get_text (result, row, 8));
  roster_removal_status_from_string (roster_pg_get_text (result, row, 9), &status);
  roster_removal_request_set_status (request, status);
  roster_removal_request_set_decided_at (request, roster_pg_get_int (result, row, 10));
  roster_removal_request_set_decided_by (request, roster_pg_get_int (result, row, 11));
  roster_removal_request_set_decision_reason (request, roster_pg_get_text (result, row, 12));

  return request;
}

typedef struct
{
  gint64                  user_id;
  const char             *reason;
  const RosterAuditEvent *audit;
  gint64                  id;
} NewRequest;

static gboolean
create_request_work (PGconn    *conn,
                     gpointer   data,
                     GError   **error)
{
  NewRequest *request = data;
  g_auto(ErasedPerson) person = { NULL, };
  g_auto(RosterPgParams) pending = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) insert = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterAuditEvent event = { 0, };
  gint64 id = 0;

  request->id = 0;

  if (!read_person (conn, request->user_id, &person, error))
    return FALSE;

  if (person.state == ROSTER_USER_STATE_ERASED)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has already been erased."));
      return FALSE;
    }

  roster_pg_add_int (&pending, request->user_id);
  result = roster_pg_query (conn, "SELECT 1 FROM removal_requests WHERE user_id = $1 AND status = 'pending'",
                            &pending, "removal request", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) > 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("A request to remove this account is already waiting for an administrator."));
      return FALSE;
    }

  roster_pg_add_int (&insert, request->user_id);
  roster_pg_add_int (&insert, roster_pg_now ());
  roster_pg_add_text (&insert, request->reason != NULL && *request->reason != '\0' ? request->reason : NULL);
  if (!roster_pg_query_int (conn,
                            "INSERT INTO removal_requests (user_id, requested_at, reason, status)"
                            " VALUES ($1, $2, $3, 'pending') RETURNING id",
                            &insert, "removal request", NULL, &id, error))
    return FALSE;

  if (request->audit != NULL)
    {
      event = *request->audit;
      event.object_type = "removal_request";
      event.object_id = id;
    }
  if (!roster_pg_insert_audit (conn, request->audit ? &event : NULL, request->user_id, error))
    return FALSE;

  request->id = id;
  return TRUE;
}

static gint64
pg_create_removal_request (RosterStorage           *storage,
                           gint64                   user_id,
                           const char              *reason,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  NewRequest request = { user_id, reason, audit, 0 };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              create_request_work, &request, error))
    return 0;

  return request.id;
}

static GPtrArray *
pg_list_removal_requests (RosterStorage             *storage,
                          const RosterRemovalQuery  *query,
                          GError                   **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func (g_object_unref);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_text (&params, query->filter_status ? roster_removal_status_to_string (query->status) : NULL);
  roster_pg_add_int (&params, query->after_id);
  roster_pg_add_int (&params, query->limit ? query->limit : DEFAULT_LIMIT);
  result = roster_pg_query (conn,
                            REQUEST_SELECT
                            " WHERE ($1::text IS NULL OR r.status = $1::text) AND r.id > $2"
                            " ORDER BY r.id LIMIT $3",
                            &params, "removal requests", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (requests, request_from_row (result, i));

  return g_steal_pointer (&requests);
}

typedef struct
{
  gint64                  request_id;
  gint64                  decided_by;
  const char             *reason;
  gint64                  now;
  const RosterAuditEvent *audit;
  RosterRemovalRequest   *request;
} Decline;

static gboolean
decline_request_work (PGconn    *conn,
                      gpointer   data,
                      GError   **error)
{
  Decline *decline = data;
  g_auto(RosterPgParams) select = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) update = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterAuditEvent event = { 0, };

  g_clear_object (&decline->request);

  roster_pg_add_int (&select, decline->request_id);
  result = roster_pg_query (conn, REQUEST_SELECT " WHERE r.id = $1", &select, "decline request", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such removal request."));
      return FALSE;
    }
  decline->request = request_from_row (result, 0);

  if (roster_removal_request_get_status (decline->request) != ROSTER_REMOVAL_STATUS_PENDING)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This request has already been decided."));
      return FALSE;
    }

  roster_pg_add_id (&update, decline->decided_by);
  roster_pg_add_int (&update, decline->now);
  roster_pg_add_text (&update, decline->reason);
  roster_pg_add_int (&update, decline->request_id);

  if (decline->audit != NULL)
    {
      event = *decline->audit;
      event.object_type = "removal_request";
      event.object_id = decline->request_id;
    }

  return roster_pg_exec (conn,
                         "UPDATE removal_requests SET status = 'declined', decided_by = $1,"
                         "  decided_at = $2, decision_reason = $3 WHERE id = $4",
                         &update, "decline request", error) &&
         roster_pg_insert_audit (conn, decline->audit ? &event : NULL,
                                 roster_removal_request_get_user_id (decline->request), error);
}

static RosterRemovalRequest *
pg_decline_removal_request (RosterStorage           *storage,
                            gint64                   request_id,
                            gint64                   decided_by,
                            const char              *reason,
                            const RosterAuditEvent  *audit,
                            GError                 **error)
{
  Decline decline = { request_id, decided_by, reason, roster_pg_now (), audit, NULL };

  if (reason != NULL && *reason == '\0')
    decline.reason = NULL;

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              decline_request_work, &decline, error))
    {
      g_clear_object (&decline.request);
      return NULL;
    }

  roster_removal_request_set_status (decline.request, ROSTER_REMOVAL_STATUS_DECLINED);
  roster_removal_request_set_decided_by (decline.request, decided_by);
  roster_removal_request_set_decided_at (decline.request, decline.now);
  roster_removal_request_set_decision_reason (decline.request, decline.reason);

  return decline.request;
}

void
roster_pg_admin_erase_init (RosterStorageInterface *iface)
{
  iface->erase_user = pg_erase_user;
  iface->create_removal_request = pg_create_removal_request;
  iface->list_removal_requests = pg_list_removal_requests;
  iface->decline_removal_request = pg_decline_removal_request;
}
