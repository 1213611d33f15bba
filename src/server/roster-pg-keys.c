/* roster-pg-keys.c: the keys of self-enrolment methods in PostgreSQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-keys.c: the same statements and rules. A
 * key's secret is only ever here sealed (AES-256-GCM under the server
 * key) with a keyed hash beside it for lookups; this file never sees it
 * in the clear.
 *
 * Where SQLite overwrites a destroyed secret (secure_delete, and a WAL
 * checkpoint), PostgreSQL keeps the old row version until VACUUM, and
 * in its WAL until recycled: after a secret is destroyed the table is
 * vacuumed (best effort, as SQLite's checkpoint is); what the WAL keeps
 * is still sealed under the server key.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"

#define KEY_COLUMNS \
  "k.id, m.course_id, k.method_id, k.nickname, k.active, k.group_id, g.name, k.expires_at," \
  " k.max_uses, k.uses, k.created_at, k.created_by, u.username," \
  " (SELECT max(e.created_at) FROM enrolments e WHERE e.key_id = k.id)"

#define KEY_TABLES \
  " FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id" \
  " LEFT JOIN groups g ON g.id = k.group_id" \
  " LEFT JOIN users u ON u.id = k.created_by"

static RosterKey *
key_from_row (const PGresult *result,
              int             row)
{
  RosterKey *key = roster_key_new ();

  roster_key_set_id (key, roster_pg_get_int (result, row, 0));
  roster_key_set_course_id (key, roster_pg_get_int (result, row, 1));
  roster_key_set_method_id (key, roster_pg_get_int (result, row, 2));
  roster_key_set_nickname (key, roster_pg_get_text (result, row, 3));
  roster_key_set_active (key, roster_pg_get_bool (result, row, 4));
  roster_key_set_group_id (key, roster_pg_get_int (result, row, 5));
  roster_key_set_group_name (key, roster_pg_get_text (result, row, 6));
  roster_key_set_expires_at (key, roster_pg_get_int (result, row, 7));
  roster_key_set_max_uses (key, roster_pg_get_int (result, row, 8));
  roster_key_set_uses (key, roster_pg_get_int (result, row, 9));
  roster_key_set_created_at (key, roster_pg_get_int (result, row, 10));
  /* The creator's account may be gone (ON DELETE SET NULL). */
  if (!PQgetisnull (result, row, 12))
    {
      roster_key_set_created_by_id (key, roster_pg_get_int (result, row, 11));
      roster_key_set_created_by_username (key, roster_pg_get_text (result, row, 12));
    }
  roster_key_set_last_used_at (key, roster_pg_get_int (result, row, 13));

  return key;
}

static gboolean
not_found (GError **error)
{
  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such key."));
  return FALSE;
}

/* The method a new key goes to: it must exist and be a self method. */
static gboolean
get_self_method (PGconn   *conn,
                 gint64    method_id,
                 gint64   *course_id,
                 GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, method_id);
  result = roster_pg_query (conn, "SELECT course_id, type FROM enrol_methods WHERE id = $1",
                            &params, "key method", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment method."));
      return FALSE;
    }
  if (g_strcmp0 (roster_pg_get_text (result, 0, 1), "self") != 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Only self-enrolment methods have keys."));
      return FALSE;
    }

  *course_id = roster_pg_get_int (result, 0, 0);
  return TRUE;
}

/* Runs @sql and fails with @message as a conflict if it finds a row. */
static gboolean
check_absent (PGconn               *conn,
              const char           *sql,
              const RosterPgParams *params,
              const char           *message,
              GError              **error)
{
  gint64 found = 0;

  if (!roster_pg_query_int (conn, sql, params, "key check", NULL, &found, error))
    return FALSE;
  if (found == 0)
    return TRUE;

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT, message);
  return FALSE;
}

/* A group key puts people in the group: one of the key's own course. */
static gboolean
check_group (PGconn   *conn,
             gint64    group_id,
             gint64    course_id,
             GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 found = 0;

  if (group_id == 0)
    return TRUE;

  roster_pg_add_int (&params, group_id);
  roster_pg_add_int (&params, course_id);
  if (!roster_pg_query_int (conn, "SELECT 1 FROM groups WHERE id = $1 AND course_id = $2",
                            &params, "key group", NULL, &found, error))
    return FALSE;
  if (found != 0)
    return TRUE;

  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("“%s” must be a group of this course."), "group_id");
  return FALSE;
}

static gboolean
check_nickname_free (PGconn      *conn,
                     gint64       method_id,
                     const char  *nickname,
                     gint64       key_id,
                     GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_int (&params, method_id);
  roster_pg_add_text (&params, nickname);
  roster_pg_add_id (&params, key_id);
  return check_absent (conn,
                       "SELECT 1 FROM enrol_keys WHERE method_id = $1 AND nickname = $2"
                       " AND id IS DISTINCT FROM $3",
                       &params, _("This method already has a key with this nickname."), error);
}

#define SECRET_TAKEN_SQL "SELECT 1 FROM enrol_keys WHERE secret_lookup = $1 AND id IS DISTINCT FROM $2"

/* Secrets are unique across the site, so that sign-up finds exactly one
 * key. The message says nothing about the key it clashes with: not its
 * course, not even that it is in another one. */
static gboolean
check_secret_free (PGconn      *conn,
                   const char  *lookup,
                   gint64       key_id,
                   GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;

  roster_pg_add_text (&params, lookup);
  roster_pg_add_id (&params, key_id);
  return check_absent (conn, SECRET_TAKEN_SQL, &params, _("This key cannot be used; choose another."), error);
}

/* After a secret was destroyed (deleted or replaced), once its
 * transaction is over: see the top of the file. */
static void
vacuum_destroyed_secret (RosterStorage *storage)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));
  g_autoptr(GError) error = NULL;

  if (!roster_pg_exec (conn, "VACUUM enrol_keys", NULL, "vacuum keys", &error))
    g_debug ("The key table could not be vacuumed after a key change: %s", error->message);
}

static GPtrArray *
pg_list_keys (RosterStorage  *storage,
              gint64          method_id,
              GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, method_id);
  result = roster_pg_query (conn, "SELECT " KEY_COLUMNS KEY_TABLES " WHERE k.method_id = $1 ORDER BY k.id",
                            &params, "list keys", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (keys, key_from_row (result, i));

  return g_steal_pointer (&keys);
}

static RosterKey *
pg_get_key (RosterStorage  *storage,
            gint64          key_id,
            GError        **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  roster_pg_add_int (&params, key_id);
  result = roster_pg_query (conn, "SELECT " KEY_COLUMNS KEY_TABLES " WHERE k.id = $1", &params, "get key", error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      not_found (error);
      return NULL;
    }

  return key_from_row (result, 0);
}

/* Checks and inserts one key, with its audit record, inside the open
 * transaction. Returns its id, 0 on error. */
static gint64
insert_key (PGconn                  *conn,
            const RosterNewKey      *key,
            gint64                   course_id,
            const RosterAuditEvent  *audit,
            const char              *details,
            GError                 **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  RosterAuditEvent event = *audit;

  if (!check_group (conn, key->group_id, course_id, error) ||
      !check_nickname_free (conn, key->method_id, key->nickname, 0, error) ||
      !check_secret_free (conn, key->secret_lookup, 0, error))
    return 0;

  roster_pg_add_int (&params, key->method_id);
  roster_pg_add_text (&params, key->nickname);
  roster_pg_add_bytes (&params, key->secret_sealed);
  roster_pg_add_text (&params, key->secret_lookup);
  roster_pg_add_bool (&params, key->active);
  roster_pg_add_id (&params, key->group_id);
  roster_pg_add_int (&params, key->expires_at);
  roster_pg_add_int (&params, key->max_uses);
  roster_pg_add_id (&params, key->created_by);
  roster_pg_add_int (&params, roster_pg_now ());
  if (!roster_pg_query_int (conn,
                            "INSERT INTO enrol_keys (method_id, nickname, secret_sealed, secret_lookup, active,"
                            "  group_id, expires_at, max_uses, created_by, created_at)"
                            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                            &params, "create key", NULL, &event.object_id, error))
    return 0;

  if (details != NULL)
    event.details = details;
  if (!roster_pg_insert_audit (conn, &event, 0, error))
    return 0;

  return event.object_id;
}

typedef struct
{
  const RosterNewKey     *keys;
  guint                   n_keys;
  const RosterAuditEvent *audit;
  const char * const     *details;
  gint64                 *ids;
} CreateKeys;

static gboolean
create_keys_work (PGconn    *conn,
                  gpointer   data,
                  GError   **error)
{
  CreateKeys *create = data;
  gint64 method_id = 0;
  gint64 course_id = 0;

  for (guint i = 0; i < create->n_keys; i++)
    {
      const RosterNewKey *key = &create->keys[i];

      /* Batches are of one method in practice; any may be checked. */
      if ((i == 0 || key->method_id != method_id) &&
          !get_self_method (conn, key->method_id, &course_id, error))
        return FALSE;
      method_id = key->method_id;

      create->ids[i] = insert_key (conn, key, course_id, create->audit,
                                   create->details ? create->details[i] : NULL, error);
      if (create->ids[i] == 0)
        return FALSE;
    }

  return TRUE;
}

/* Every key in one transaction: all of them, or none. */
static gboolean
create_keys (RosterStorage            *storage,
             const RosterNewKey       *keys,
             guint                     n_keys,
             const RosterAuditEvent   *audit,
             const char * const       *details,
             gint64                   *ids,
             GError                  **error)
{
  CreateKeys create = { keys, n_keys, audit, details, ids };

  return roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                                create_keys_work, &create, error);
}

static gint64
pg_create_key (RosterStorage           *storage,
               const RosterNewKey      *key,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  gint64 id = 0;

  if (!create_keys (storage, key, 1, audit, NULL, &id, error))
    return 0;

  return id;
}

static gboolean
pg_create_keys (RosterStorage           *storage,
                const RosterNewKey      *keys,
                guint                    n_keys,
                const RosterAuditEvent  *audit,
                const char * const      *details,
                gint64                  *ids,
                GError                 **error)
{
  return create_keys (storage, keys, n_keys, audit, details, ids, error);
}

static gboolean
pg_find_key_secrets (RosterStorage       *storage,
                     const char * const  *lookups,
                     guint                n_lookups,
                     gboolean            *in_use,
                     GError             **error)
{
  g_auto(RosterPgLease) lease = ROSTER_PG_LEASE_INIT;
  PGconn *conn = roster_pg_lease_acquire (&lease, ROSTER_PG_STORAGE (storage));

  for (guint i = 0; i < n_lookups; i++)
    {
      g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
      gint64 found = 0;

      roster_pg_add_text (&params, lookups[i]);
      roster_pg_add_id (&params, 0);
      if (!roster_pg_query_int (conn, SECRET_TAKEN_SQL, &params, "find key secrets", NULL, &found, error))
        return FALSE;
      in_use[i] = found != 0;
    }

  return TRUE;
}

/* The key's method and course, or a "no such key" error. */
static gboolean
get_key_owner (PGconn   *conn,
               gint64    key_id,
               gint64   *method_id,
               gint64   *course_id,
               GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, key_id);
  result = roster_pg_query (conn,
                            "SELECT k.method_id, m.course_id FROM enrol_keys k"
                            " JOIN enrol_methods m ON m.id = k.method_id WHERE k.id = $1",
                            &params, "key", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return not_found (error);

  *method_id = roster_pg_get_int (result, 0, 0);
  *course_id = roster_pg_get_int (result, 0, 1);
  return TRUE;
}

typedef struct
{
  gint64                  key_id;
  const RosterKeyPatch   *patch;
  const RosterAuditEvent *audit;
  const RosterAuditEvent *audit_regenerate;
  GBytes                 *sealed;
} KeyChange;

static gboolean
update_key_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  KeyChange *change = data;
  const RosterKeyPatch *patch = change->patch;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gboolean regenerate = (patch->fields & ROSTER_KEY_FIELD_SECRET) != 0;
  gboolean settings = (patch->fields & ~ROSTER_KEY_FIELD_SECRET) != 0;
  gint64 method_id = 0, course_id = 0;

  if (!get_key_owner (conn, change->key_id, &method_id, &course_id, error))
    return FALSE;

  if (((patch->fields & ROSTER_KEY_FIELD_GROUP) &&
       !check_group (conn, patch->group_id, course_id, error)) ||
      ((patch->fields & ROSTER_KEY_FIELD_NICKNAME) &&
       !check_nickname_free (conn, method_id, patch->nickname, change->key_id, error)) ||
      (regenerate && !check_secret_free (conn, patch->secret_lookup, change->key_id, error)))
    return FALSE;

  roster_pg_add_bool (&params, (patch->fields & ROSTER_KEY_FIELD_NICKNAME) != 0);
  roster_pg_add_text (&params, patch->nickname);
  roster_pg_add_bool (&params, (patch->fields & ROSTER_KEY_FIELD_ACTIVE) != 0);
  roster_pg_add_bool (&params, patch->active);
  roster_pg_add_bool (&params, (patch->fields & ROSTER_KEY_FIELD_GROUP) != 0);
  roster_pg_add_id (&params, patch->group_id);
  roster_pg_add_bool (&params, (patch->fields & ROSTER_KEY_FIELD_EXPIRES_AT) != 0);
  roster_pg_add_int (&params, patch->expires_at);
  roster_pg_add_bool (&params, (patch->fields & ROSTER_KEY_FIELD_MAX_USES) != 0);
  roster_pg_add_int (&params, patch->max_uses);
  roster_pg_add_bool (&params, regenerate);
  roster_pg_add_bytes (&params, regenerate ? patch->secret_sealed : NULL);
  roster_pg_add_text (&params, regenerate ? patch->secret_lookup : NULL);
  roster_pg_add_int (&params, change->key_id);

  return roster_pg_exec (conn,
                         "UPDATE enrol_keys SET"
                         "  nickname = CASE WHEN $1::integer = 1 THEN $2 ELSE nickname END,"
                         "  active = CASE WHEN $3::integer = 1 THEN $4::integer ELSE active END,"
                         "  group_id = CASE WHEN $5::integer = 1 THEN $6::bigint ELSE group_id END,"
                         "  expires_at = CASE WHEN $7::integer = 1 THEN $8::bigint ELSE expires_at END,"
                         "  max_uses = CASE WHEN $9::integer = 1 THEN $10::bigint ELSE max_uses END,"
                         "  secret_sealed = CASE WHEN $11::integer = 1 THEN $12::bytea ELSE secret_sealed END,"
                         "  secret_lookup = CASE WHEN $11::integer = 1 THEN $13 ELSE secret_lookup END"
                         " WHERE id = $14",
                         &params, "update key", error) &&
         (!settings || roster_pg_insert_audit (conn, change->audit, 0, error)) &&
         (!regenerate || roster_pg_insert_audit (conn, change->audit_regenerate, 0, error));
}

static gboolean
pg_update_key (RosterStorage           *storage,
               gint64                   key_id,
               const RosterKeyPatch    *patch,
               const RosterAuditEvent  *audit_update,
               const RosterAuditEvent  *audit_regenerate,
               GError                 **error)
{
  KeyChange change = { key_id, patch, audit_update, audit_regenerate, NULL };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              update_key_work, &change, error))
    return FALSE;

  if (patch->fields & ROSTER_KEY_FIELD_SECRET)
    vacuum_destroyed_secret (storage);
  return TRUE;
}

static gboolean
delete_key_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  KeyChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 method_id = 0, course_id = 0;

  if (!get_key_owner (conn, change->key_id, &method_id, &course_id, error))
    return FALSE;

  /* Enrolments through the key keep its nickname; their key_id becomes
   * NULL (ON DELETE SET NULL). */
  roster_pg_add_int (&params, change->key_id);
  return roster_pg_exec (conn, "DELETE FROM enrol_keys WHERE id = $1", &params, "delete key", error) &&
         roster_pg_insert_audit (conn, change->audit, 0, error);
}

static gboolean
pg_delete_key (RosterStorage           *storage,
               gint64                   key_id,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  KeyChange change = { key_id, NULL, audit, NULL, NULL };

  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_SERIALIZABLE,
                              delete_key_work, &change, error))
    return FALSE;

  vacuum_destroyed_secret (storage);
  return TRUE;
}

static gboolean
reveal_key_work (PGconn    *conn,
                 gpointer   data,
                 GError   **error)
{
  KeyChange *change = data;
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  g_clear_pointer (&change->sealed, g_bytes_unref);
  roster_pg_add_int (&params, change->key_id);
  result = roster_pg_query (conn, "SELECT secret_sealed FROM enrol_keys WHERE id = $1",
                            &params, "reveal key", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    return not_found (error);

  change->sealed = roster_pg_get_bytes (result, 0, 0);
  return roster_pg_insert_audit (conn, change->audit, 0, error);
}

static GBytes *
pg_reveal_key (RosterStorage           *storage,
               gint64                   key_id,
               const RosterAuditEvent  *audit,
               GError                 **error)
{
  KeyChange change = { key_id, NULL, audit, NULL, NULL };

  /* READ COMMITTED: one read and an insert; nothing to serialise. */
  if (!roster_pg_transaction (ROSTER_PG_STORAGE (storage), ROSTER_PG_READ_COMMITTED,
                              reveal_key_work, &change, error))
    {
      g_clear_pointer (&change.sealed, g_bytes_unref);
      return NULL;
    }

  return change.sealed;
}

void
roster_pg_keys_init (RosterStorageInterface *iface)
{
  iface->list_keys = pg_list_keys;
  iface->get_key = pg_get_key;
  iface->create_key = pg_create_key;
  iface->update_key = pg_update_key;
  iface->delete_key = pg_delete_key;
  iface->reveal_key = pg_reveal_key;
  iface->find_key_secrets = pg_find_key_secrets;
  iface->create_keys = pg_create_keys;
}
