/* roster-sqlite-keys.c: the keys of self-enrolment methods in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A key's secret is only ever here sealed (AES-256-GCM under the server
 * key) with a keyed hash beside it for lookups; this file never sees it
 * in the clear.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"

#define KEY_COLUMNS \
  "k.id, m.course_id, k.method_id, k.nickname, k.active, k.group_id, g.name, k.expires_at," \
  " k.max_uses, k.uses, k.created_at, k.created_by, u.username," \
  " (SELECT max(e.created_at) FROM enrolments e WHERE e.key_id = k.id)"

#define KEY_TABLES \
  " FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id" \
  " LEFT JOIN groups g ON g.id = k.group_id" \
  " LEFT JOIN users u ON u.id = k.created_by"

static RosterKey *
key_from_row (sqlite3_stmt *stmt)
{
  RosterKey *key = roster_key_new ();

  roster_key_set_id (key, sqlite3_column_int64 (stmt, 0));
  roster_key_set_course_id (key, sqlite3_column_int64 (stmt, 1));
  roster_key_set_method_id (key, sqlite3_column_int64 (stmt, 2));
  roster_key_set_nickname (key, (const char *) sqlite3_column_text (stmt, 3));
  roster_key_set_active (key, sqlite3_column_int (stmt, 4) != 0);
  roster_key_set_group_id (key, sqlite3_column_int64 (stmt, 5));
  roster_key_set_group_name (key, (const char *) sqlite3_column_text (stmt, 6));
  roster_key_set_expires_at (key, sqlite3_column_int64 (stmt, 7));
  roster_key_set_max_uses (key, sqlite3_column_int64 (stmt, 8));
  roster_key_set_uses (key, sqlite3_column_int64 (stmt, 9));
  roster_key_set_created_at (key, sqlite3_column_int64 (stmt, 10));
  /* The creator's account may be gone (ON DELETE SET NULL). */
  if (sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    {
      roster_key_set_created_by_id (key, sqlite3_column_int64 (stmt, 11));
      roster_key_set_created_by_username (key, (const char *) sqlite3_column_text (stmt, 12));
    }
  roster_key_set_last_used_at (key, sqlite3_column_int64 (stmt, 13));

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
get_self_method (sqlite3  *db,
                 gint64    method_id,
                 gint64   *course_id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT course_id, type FROM enrol_methods WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, method_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment method."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "key method");

  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "self") != 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Only self-enrolment methods have keys."));
      return FALSE;
    }

  *course_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Prepares @sql into *@stmt the first time and resets it after, so that
 * a batch of keys runs each check from one prepared statement. */
static sqlite3_stmt *
reuse (sqlite3       *db,
       sqlite3_stmt **stmt,
       const char    *sql,
       GError       **error)
{
  if (*stmt == NULL)
    return *stmt = roster_sqlite_prepare (db, sql, error);

  sqlite3_reset (*stmt);
  sqlite3_clear_bindings (*stmt);
  return *stmt;
}

/* A group key puts people in the group: one of the key's own course. */
static gboolean
check_group (sqlite3       *db,
             sqlite3_stmt **cache,
             gint64         group_id,
             gint64         course_id,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (group_id == 0)
    return TRUE;

  stmt = reuse (db, cache, "SELECT 1 FROM groups WHERE id = ? AND course_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, group_id);
  sqlite3_bind_int64 (stmt, 2, course_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "key group");

  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("“%s” must be a group of this course."), "group_id");
  return FALSE;
}

/* Runs @stmt (with its parameters bound) and fails with @message as a
 * conflict if it finds a row. */
static gboolean
check_absent (sqlite3      *db,
              sqlite3_stmt *stmt,
              const char   *message,
              GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "key check");

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT, message);
  return FALSE;
}

static gboolean
check_nickname_free (sqlite3       *db,
                     sqlite3_stmt **cache,
                     gint64         method_id,
                     const char    *nickname,
                     gint64         key_id,
                     GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = reuse (db, cache, "SELECT 1 FROM enrol_keys WHERE method_id = ? AND nickname = ? AND id IS NOT ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, method_id);
  roster_sqlite_bind_text (stmt, 2, nickname);
  roster_sqlite_bind_id (stmt, 3, key_id);

  return check_absent (db, stmt, _("This method already has a key with this nickname."), error);
}

#define SECRET_TAKEN_SQL "SELECT 1 FROM enrol_keys WHERE secret_lookup = ? AND id IS NOT ?"

/* Secrets are unique across the site, so that sign-up finds exactly one
 * key. The message says nothing about the key it clashes with: not its
 * course, not even that it is in another one. */
static gboolean
check_secret_free (sqlite3       *db,
                   sqlite3_stmt **cache,
                   const char    *lookup,
                   gint64         key_id,
                   GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = reuse (db, cache, SECRET_TAKEN_SQL, error);
  if (stmt == NULL)
    return FALSE;
  roster_sqlite_bind_text (stmt, 1, lookup);
  roster_sqlite_bind_id (stmt, 2, key_id);

  return check_absent (db, stmt, _("This key cannot be used; choose another."), error);
}

static void
bind_bytes (sqlite3_stmt *stmt,
            int           index,
            GBytes       *bytes)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  sqlite3_bind_blob64 (stmt, index, data, len, SQLITE_TRANSIENT);
}

/* SQLite overwrites deleted content with zeros (secure_delete), but in
 * WAL mode the page as it was before may still sit in the -wal file until
 * it is checkpointed and truncated. A destroyed secret must not: so
 * after destroying one, the WAL is folded into the database and emptied.
 * A reader in the middle of a transaction can keep a checkpoint from
 * finishing; the next one completes it. */
static void
flush_destroyed_secret (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
    g_debug ("A reader kept the checkpoint after a key change from completing");
}

static GPtrArray *
sqlite_list_keys (RosterStorage  *storage,
                  gint64          method_id,
                  GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " KEY_COLUMNS KEY_TABLES " WHERE k.method_id = ? ORDER BY k.id", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, method_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, key_from_row (stmt));

  if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "list keys");
  else
    ok = TRUE;

out:
  return ok ? g_steal_pointer (&keys) : NULL;
}

static RosterKey *
sqlite_get_key (RosterStorage  *storage,
                gint64          key_id,
                GError        **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterKey *key = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT " KEY_COLUMNS KEY_TABLES " WHERE k.id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, key_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    key = key_from_row (stmt);
  else if (rc != SQLITE_DONE)
    roster_sqlite_set_error (error, db, rc, "get key");
  else
    not_found (error);

out:
  return key;
}

/* The statements that write new keys, prepared once for a batch. */
typedef struct
{
  sqlite3_stmt *group;
  sqlite3_stmt *nickname;
  sqlite3_stmt *secret;
  sqlite3_stmt *insert;
  sqlite3_stmt *audit;
} KeyStatements;

static void
key_statements_clear (KeyStatements *stmts)
{
  g_clear_pointer (&stmts->group, sqlite3_finalize);
  g_clear_pointer (&stmts->nickname, sqlite3_finalize);
  g_clear_pointer (&stmts->secret, sqlite3_finalize);
  g_clear_pointer (&stmts->insert, sqlite3_finalize);
  g_clear_pointer (&stmts->audit, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KeyStatements, key_statements_clear)

/* Checks and inserts one key, with its audit record, inside the open
 * transaction. Returns its id, 0 on error. */
static gint64
insert_key (sqlite3                 *db,
            KeyStatements           *stmts,
            const RosterNewKey      *key,
            gint64                   course_id,
            const RosterAuditEvent  *audit,
            const char              *details,
            GError                 **error)
{
  RosterAuditEvent event = *audit;
  sqlite3_stmt *stmt;

  if (!check_group (db, &stmts->group, key->group_id, course_id, error) ||
      !check_nickname_free (db, &stmts->nickname, key->method_id, key->nickname, 0, error) ||
      !check_secret_free (db, &stmts->secret, key->secret_lookup, 0, error))
    return 0;

  stmt = reuse (db, &stmts->insert,
                "INSERT INTO enrol_keys (method_id, nickname, secret_sealed, secret_lookup, active,"
                "  group_id, expires_at, max_uses, created_by, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, key->method_id);
  roster_sqlite_bind_text (stmt, 2, key->nickname);
  bind_bytes (stmt, 3, key->secret_sealed);
  roster_sqlite_bind_text (stmt, 4, key->secret_lookup);
  sqlite3_bind_int (stmt, 5, key->active ? 1 : 0);
  roster_sqlite_bind_id (stmt, 6, key->group_id);
  sqlite3_bind_int64 (stmt, 7, key->expires_at);
  sqlite3_bind_int64 (stmt, 8, key->max_uses);
  roster_sqlite_bind_id (stmt, 9, key->created_by);
  sqlite3_bind_int64 (stmt, 10, roster_sqlite_now ());
  if (!roster_sqlite_step_done (db, stmt, "create key", error))
    return 0;

  event.object_id = sqlite3_last_insert_rowid (db);
  if (details != NULL)
    event.details = details;

  stmt = reuse (db, &stmts->audit, ROSTER_SQLITE_AUDIT_INSERT, error);
  if (stmt == NULL)
    return 0;
  roster_sqlite_bind_audit (stmt, &event, 0);
  if (!roster_sqlite_step_done (db, stmt, "audit", error))
    return 0;

  return event.object_id;
}

/* Every key in one transaction: all of them, or none. */
static gboolean
create_keys (RosterSqliteStorage      *self,
             const RosterNewKey       *keys,
             guint                     n_keys,
             const RosterAuditEvent   *audit,
             const char * const       *details,
             gint64                   *ids,
             GError                  **error)
{
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_auto(KeyStatements) stmts = { NULL, };
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 method_id = 0;
  gint64 course_id = 0;
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error))
    goto out;

  for (guint i = 0; i < n_keys; i++)
    {
      /* Batches are of one method in practice; any may be checked. */
      if ((i == 0 || keys[i].method_id != method_id) &&
          !get_self_method (db, keys[i].method_id, &course_id, error))
        goto out;
      method_id = keys[i].method_id;

      ids[i] = insert_key (db, &stmts, &keys[i], course_id, audit, details ? details[i] : NULL, error);
      if (ids[i] == 0)
        goto out;
    }

  ok = roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static gint64
sqlite_create_key (RosterStorage           *storage,
                   const RosterNewKey      *key,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  gint64 id = 0;

  if (!create_keys (ROSTER_SQLITE_STORAGE (storage), key, 1, audit, NULL, &id, error))
    return 0;
  return id;
}

static gboolean
sqlite_create_keys (RosterStorage           *storage,
                    const RosterNewKey      *keys,
                    guint                    n_keys,
                    const RosterAuditEvent  *audit,
                    const char * const      *details,
                    gint64                  *ids,
                    GError                 **error)
{
  return create_keys (ROSTER_SQLITE_STORAGE (storage), keys, n_keys, audit, details, ids, error);
}

static gboolean
sqlite_find_key_secrets (RosterStorage       *storage,
                         const char * const  *lookups,
                         guint                n_lookups,
                         gboolean            *in_use,
                         GError             **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_lookups && ok; i++)
    {
      int rc;

      if (reuse (db, &stmt, SECRET_TAKEN_SQL, error) == NULL)
        {
          ok = FALSE;
          break;
        }
      roster_sqlite_bind_text (stmt, 1, lookups[i]);

      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ok = roster_sqlite_set_error (error, db, rc, "find key secrets");
      in_use[i] = rc == SQLITE_ROW;
    }

  return ok;
}

/* The key's method and course, or a "no such key" error. */
static gboolean
get_key_owner (sqlite3  *db,
               gint64    key_id,
               gint64   *method_id,
               gint64   *course_id,
               GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db,
                                "SELECT k.method_id, m.course_id FROM enrol_keys k"
                                " JOIN enrol_methods m ON m.id = k.method_id WHERE k.id = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return not_found (error);
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "key");

  *method_id = sqlite3_column_int64 (stmt, 0);
  *course_id = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

/* The change and its audit records, in one transaction. */
static gboolean
update_key_locked (sqlite3                 *db,
                   gint64                   key_id,
                   const RosterKeyPatch    *patch,
                   const RosterAuditEvent  *audit_update,
                   const RosterAuditEvent  *audit_regenerate,
                   GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) group_check = NULL;
  g_autoptr(sqlite3_stmt) nickname_check = NULL;
  g_autoptr(sqlite3_stmt) secret_check = NULL;
  gboolean regenerate = (patch->fields & ROSTER_KEY_FIELD_SECRET) != 0;
  gboolean settings = (patch->fields & ~ROSTER_KEY_FIELD_SECRET) != 0;
  gint64 method_id = 0, course_id = 0;
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !get_key_owner (db, key_id, &method_id, &course_id, error))
    goto out;

  if (((patch->fields & ROSTER_KEY_FIELD_GROUP) &&
       !check_group (db, &group_check, patch->group_id, course_id, error)) ||
      ((patch->fields & ROSTER_KEY_FIELD_NICKNAME) &&
       !check_nickname_free (db, &nickname_check, method_id, patch->nickname, key_id, error)) ||
      (regenerate && !check_secret_free (db, &secret_check, patch->secret_lookup, key_id, error)))
    goto out;

  stmt = roster_sqlite_prepare (db,
                                "UPDATE enrol_keys SET"
                                "  nickname = CASE WHEN :set_nickname THEN :nickname ELSE nickname END,"
                                "  active = CASE WHEN :set_active THEN :active ELSE active END,"
                                "  group_id = CASE WHEN :set_group THEN :group_id ELSE group_id END,"
                                "  expires_at = CASE WHEN :set_expires THEN :expires_at ELSE expires_at END,"
                                "  max_uses = CASE WHEN :set_max_uses THEN :max_uses ELSE max_uses END,"
                                "  secret_sealed = CASE WHEN :set_secret THEN :sealed ELSE secret_sealed END,"
                                "  secret_lookup = CASE WHEN :set_secret THEN :lookup ELSE secret_lookup END"
                                " WHERE id = :id",
                                error);
  if (stmt == NULL)
    goto out;

#define PARAM(name) sqlite3_bind_parameter_index (stmt, name)
  sqlite3_bind_int (stmt, PARAM (":set_nickname"), (patch->fields & ROSTER_KEY_FIELD_NICKNAME) != 0);
  roster_sqlite_bind_text (stmt, PARAM (":nickname"), patch->nickname);
  sqlite3_bind_int (stmt, PARAM (":set_active"), (patch->fields & ROSTER_KEY_FIELD_ACTIVE) != 0);
  sqlite3_bind_int (stmt, PARAM (":active"), patch->active ? 1 : 0);
  sqlite3_bind_int (stmt, PARAM (":set_group"), (patch->fields & ROSTER_KEY_FIELD_GROUP) != 0);
  roster_sqlite_bind_id (stmt, PARAM (":group_id"), patch->group_id);
  sqlite3_bind_int (stmt, PARAM (":set_expires"), (patch->fields & ROSTER_KEY_FIELD_EXPIRES_AT) != 0);
  sqlite3_bind_int64 (stmt, PARAM (":expires_at"), patch->expires_at);
  sqlite3_bind_int (stmt, PARAM (":set_max_uses"), (patch->fields & ROSTER_KEY_FIELD_MAX_USES) != 0);
  sqlite3_bind_int64 (stmt, PARAM (":max_uses"), patch->max_uses);
  sqlite3_bind_int (stmt, PARAM (":set_secret"), regenerate);
  if (regenerate)
    {
      bind_bytes (stmt, PARAM (":sealed"), patch->secret_sealed);
      roster_sqlite_bind_text (stmt, PARAM (":lookup"), patch->secret_lookup);
    }
  sqlite3_bind_int64 (stmt, PARAM (":id"), key_id);
#undef PARAM

  ok = roster_sqlite_step_done (db, stmt, "update key", error) &&
       (!settings || roster_sqlite_insert_audit (db, audit_update, 0, error)) &&
       (!regenerate || roster_sqlite_insert_audit (db, audit_regenerate, 0, error)) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static gboolean
sqlite_update_key (RosterStorage           *storage,
                   gint64                   key_id,
                   const RosterKeyPatch    *patch,
                   const RosterAuditEvent  *audit_update,
                   const RosterAuditEvent  *audit_regenerate,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);

  if (!update_key_locked (db, key_id, patch, audit_update, audit_regenerate, error))
    return FALSE;

  /* Only once the change's statements are finalised: a check that found
   * its row still holds a read snapshot until then, and a checkpoint
   * cannot run past a reader, not even one on its own connection. */
  if (patch->fields & ROSTER_KEY_FIELD_SECRET)
    flush_destroyed_secret (db);

  return TRUE;
}

static gboolean
sqlite_delete_key (RosterStorage           *storage,
                   gint64                   key_id,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gint64 method_id = 0, course_id = 0;
  gboolean ok = FALSE;

  if (!roster_sqlite_begin (db, error) ||
      !get_key_owner (db, key_id, &method_id, &course_id, error))
    goto out;

  /* Enrolments through the key keep its nickname; their key_id becomes
   * NULL (ON DELETE SET NULL). */
  stmt = roster_sqlite_prepare (db, "DELETE FROM enrol_keys WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, key_id);

  ok = roster_sqlite_step_done (db, stmt, "delete key", error) &&
       roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

  if (ok)
    flush_destroyed_secret (db);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok;
}

static GBytes *
sqlite_reveal_key (RosterStorage           *storage,
                   gint64                   key_id,
                   const RosterAuditEvent  *audit,
                   GError                 **error)
{
  RosterSqliteStorage *self = ROSTER_SQLITE_STORAGE (storage);
  g_auto(RosterSqliteLease) lease = ROSTER_SQLITE_LEASE_INIT;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) sealed = NULL;
  sqlite3 *db = roster_sqlite_lease_acquire (&lease, self);
  gboolean ok = FALSE;
  int rc;

  if (!roster_sqlite_begin (db, error))
    goto out;

  stmt = roster_sqlite_prepare (db, "SELECT secret_sealed FROM enrol_keys WHERE id = ?", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, key_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      not_found (error);
      goto out;
    }
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "reveal key");
      goto out;
    }

  sealed = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  ok = roster_sqlite_insert_audit (db, audit, 0, error) &&
       roster_sqlite_commit (db, error);

out:
  if (!ok)
    roster_sqlite_rollback (db);
  return ok ? g_steal_pointer (&sealed) : NULL;
}

void
roster_sqlite_keys_init (RosterStorageInterface *iface)
{
  iface->list_keys = sqlite_list_keys;
  iface->get_key = sqlite_get_key;
  iface->create_key = sqlite_create_key;
  iface->update_key = sqlite_update_key;
  iface->delete_key = sqlite_delete_key;
  iface->reveal_key = sqlite_reveal_key;
  iface->find_key_secrets = sqlite_find_key_secrets;
  iface->create_keys = sqlite_create_keys;
}
