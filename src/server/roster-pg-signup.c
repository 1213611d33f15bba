/* roster-pg-signup.c: external users' sign-ups in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-signup.c, so far its expiry (the server's
 * housekeeping runs it from the start).
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include "roster-pg-private.h"
#include "roster-signup-storage.h"

/* ---- expiry ---- */

typedef struct
{
  gint64 before;
  guint  count;
} Purge;

static gboolean
remove_unconfirmed (PGconn  *conn,
                    gint64   user_id,
                    GError **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterAuditEvent event = {
    .action = "signup.expired",
    .target_user_id = user_id,
    .object_type = "user",
    .object_id = user_id,
  };

  /* Mail rows only lose their reference when an account goes (ON DELETE
   * SET NULL): a confirmation mail still queued must not go out with a
   * link to nothing, and none of them should keep a name or address.
   * Sign-ups and links go with the account (ON DELETE CASCADE). */
  roster_pg_add_int (&params, user_id);
  return roster_pg_exec (conn, "DELETE FROM mail_outbox WHERE user_id = $1 OR about_user_id = $1",
                         &params, "sign-up", error) &&
         roster_pg_exec (conn, "DELETE FROM users WHERE id = $1", &params, "sign-up", error) &&
         roster_pg_insert_audit (conn, &event, 0, error);
}

static gboolean
purge_work (PGconn    *conn,
            gpointer   data,
            GError   **error)
{
  Purge *purge = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  purge->count = 0;
  roster_pg_add_int (&params, purge->before);
  result = roster_pg_query (conn,
                            "SELECT u.id FROM users u"
                            " WHERE u.state = 'pending' AND u.type = 'external' AND u.created_at < $1"
                            "   AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = u.id)"
                            " ORDER BY u.id",
                            &params, "unconfirmed users", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    if (!remove_unconfirmed (conn, roster_pg_get_int (result, i, 0), error))
      return FALSE;

  purge->count = PQntuples (result);
  return TRUE;
}

static gboolean
pg_purge_unconfirmed (RosterSignupStorage  *storage,
                      gint64                before,
                      guint                *count,
                      GError              **error)
{
  Purge purge = { before, 0 };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              purge_work, &purge, error))
    return FALSE;

  if (count != NULL)
    *count = purge.count;
  return TRUE;
}

void
roster_pg_signup_init (RosterSignupStorageInterface *iface)
{
  iface->purge_unconfirmed = pg_purge_unconfirmed;
}
