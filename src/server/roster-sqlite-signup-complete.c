/* roster-sqlite-signup-complete.c: enrolments through keys in SQLite,
 * and the completion of what a pending account waited for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Confirmation, a password reset that confirms, an administrator's
 * activation and a signed-in person's key all come here, inside their
 * own transactions, so that a key is counted, checked and used the same
 * way whoever uses it.
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-sqlite-signup-private.h"

/* The method's enrolments are counted here, in the same transaction as
 * the enrolment they may refuse. */
#define KEY_SELECT \
  "SELECT k.id, k.nickname, k.active, k.expires_at, k.max_uses, k.uses, k.group_id, g.name," \
  "  m.id, m.name, m.enabled, m.enrol_start, m.enrol_end, m.enrol_duration, m.max_enrolled," \
  "  m.default_role, m.welcome_message, m.notify_admins," \
  "  c.id, c.short_name, c.full_name," \
  "  (SELECT count(*) FROM enrolments e WHERE e.method_id = m.id)" \
  " FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id" \
  " JOIN courses c ON c.id = m.course_id" \
  " LEFT JOIN groups g ON g.id = k.group_id" \
  " WHERE m.type = 'self' AND "

static guint
column_count (sqlite3_stmt *stmt,
              int           column)
{
  return (guint) CLAMP (sqlite3_column_int64 (stmt, column), 0, G_MAXUINT);
}

RosterSignupKey *
roster_sqlite_signup_read_key (sqlite3     *db,
                               gint64       key_id,
                               const char  *lookup,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RosterSignupKey *key;
  RosterRole role = ROSTER_ROLE_GUEST;
  int rc;

  if (key_id == 0 && lookup == NULL)
    return NULL;

  stmt = roster_sqlite_prepare (db, key_id != 0 ? KEY_SELECT "k.id = ?" : KEY_SELECT "k.secret_lookup = ?", error);
  if (stmt == NULL)
    return NULL;
  if (key_id != 0)
    sqlite3_bind_int64 (stmt, 1, key_id);
  else
    roster_sqlite_bind_text (stmt, 1, lookup);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      roster_sqlite_set_error (error, db, rc, "sign-up key");
      return NULL;
    }

  key = g_new0 (RosterSignupKey, 1);
  key->key_id = sqlite3_column_int64 (stmt, 0);
  key->key_nickname = roster_sqlite_column_dup (stmt, 1);
  key->key_active = sqlite3_column_int (stmt, 2) != 0;
  key->key_expires_at = sqlite3_column_int64 (stmt, 3);
  key->key_max_uses = column_count (stmt, 4);
  key->key_uses = column_count (stmt, 5);
  key->group_id = sqlite3_column_int64 (stmt, 6);
  key->group_name = roster_sqlite_column_dup (stmt, 7);

  key->method_id = sqlite3_column_int64 (stmt, 8);
  key->method_name = roster_sqlite_column_dup (stmt, 9);
  key->method_enabled = sqlite3_column_int (stmt, 10) != 0;
  key->enrol_start = sqlite3_column_int64 (stmt, 11);
  key->enrol_end = sqlite3_column_int64 (stmt, 12);
  key->enrol_duration = sqlite3_column_int64 (stmt, 13);
  key->max_enrolled = column_count (stmt, 14);
  /* A CHECK constraint keeps the role to known values. */
  roster_role_from_string ((const char *) sqlite3_column_text (stmt, 15), &role);
  key->default_role = role;
  key->welcome_message = roster_sqlite_column_dup (stmt, 16);
  key->notify_admins = sqlite3_column_int (stmt, 17) != 0;

  key->course_id = sqlite3_column_int64 (stmt, 18);
  key->course_short_name = roster_sqlite_column_dup (stmt, 19);
  key->course_full_name = roster_sqlite_column_dup (stmt, 20);
  key->method_enrolled = column_count (stmt, 21);

  return key;
}

gboolean
roster_sqlite_signup_check (sqlite3                *db,
                            const RosterSignupKey  *key,
                            gint64                  user_id,
                            gint64                  now,
                            RosterSignupRefusal    *refusal,
                            GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  *refusal = roster_signup_key_check (key, now);
  if (*refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    return TRUE;

  stmt = roster_sqlite_prepare (db, "SELECT 1 FROM enrolments WHERE course_id = ? AND user_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key->course_id);
  sqlite3_bind_int64 (stmt, 2, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *refusal = ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED;
  else if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "sign-up check");

  return TRUE;
}

RosterSignupEnrolment *
roster_sqlite_signup_enrolment_new (const RosterSignupKey *key,
                                    RosterSignupRefusal    refusal)
{
  RosterSignupEnrolment *enrolment = g_new0 (RosterSignupEnrolment, 1);

  enrolment->key_id = key->key_id;
  enrolment->course_id = key->course_id;
  enrolment->course_short_name = g_strdup (key->course_short_name);
  enrolment->course_full_name = g_strdup (key->course_full_name);
  enrolment->role = key->default_role;
  enrolment->group_name = g_strdup (key->group_name);
  enrolment->refusal = refusal;

  return enrolment;
}

/* ---- mail and audit ---- */

/* The person a sign-up is about, as their mail needs them. */
typedef struct
{
  char *email;
  char *first_name;
  char *name;        /* first and last, or NULL when both are empty */
} Person;

static void
person_clear (Person *person)
{
  g_clear_pointer (&person->email, g_free);
  g_clear_pointer (&person->first_name, g_free);
  g_clear_pointer (&person->name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Person, person_clear)

static gboolean
read_person (sqlite3  *db,
             gint64    user_id,
             Person   *person,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT email, first_name, last_name FROM users WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return roster_sqlite_set_error (error, db, rc, "sign-up person");

  person->email = roster_sqlite_column_dup (stmt, 0);
  person->first_name = roster_sqlite_column_dup (stmt, 1);
  person->name = roster_signup_join_name ((const char *) sqlite3_column_text (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2));
  return TRUE;
}

static gboolean
queue_welcome (sqlite3                *db,
               gint64                  user_id,
               const Person           *person,
               const RosterSignupKey  *key,
               gint64                  now,
               GError                **error)
{
  g_autofree char *text = NULL;
  RosterMailDraft draft = {
    .kind = ROSTER_MAIL_WELCOME,
    .user_id = user_id,
    .recipient = person->email,
    .recipient_name = person->name,
  };

  /* An account without an address (made by hand) cannot be written to. */
  if (person->email == NULL || *person->email == '\0')
    return TRUE;

  text = roster_signup_welcome_params (key, person->first_name);
  draft.params = text;

  return roster_sqlite_outbox_add (db, &draft, now, error);
}

/* Tells every active site administrator and every active module leader
 * of the course, each once, that @user_id has enrolled. */
static gboolean
queue_notifications (sqlite3                *db,
                     gint64                  user_id,
                     const Person           *person,
                     const RosterSignupKey  *key,
                     gboolean                new_account,
                     gint64                  now,
                     GError                **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  int rc;

  text = roster_signup_notification_params (key, person->name, person->email, new_account);

  stmt = roster_sqlite_prepare (db,
                                "SELECT u.id, u.email, u.first_name, u.last_name FROM users u"
                                " WHERE u.state = 'active' AND u.id <> ?1"
                                "   AND u.email IS NOT NULL AND u.email <> ''"
                                "   AND (u.site_admin = 1 OR EXISTS (SELECT 1 FROM enrolments e"
                                "          WHERE e.user_id = u.id AND e.course_id = ?2"
                                "            AND e.role = 'module_leader' AND e.status = 'active'))"
                                " ORDER BY u.id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int64 (stmt, 2, key->course_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = roster_signup_join_name ((const char *) sqlite3_column_text (stmt, 2),
                                                       (const char *) sqlite3_column_text (stmt, 3));
      RosterMailDraft draft = {
        .kind = ROSTER_MAIL_NOTIFY_ENROLMENT,
        .user_id = sqlite3_column_int64 (stmt, 0),
        .about_user_id = user_id,
        .recipient = (const char *) sqlite3_column_text (stmt, 1),
        .recipient_name = name,
        .params = text,
      };

      if (!roster_sqlite_outbox_add (db, &draft, now, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    return roster_sqlite_set_error (error, db, rc, "sign-up notification");

  return TRUE;
}

static gboolean
audit_key (sqlite3                *db,
           const char             *action,
           gint64                  user_id,
           const RosterSignupKey  *key,
           RosterSignupRefusal     refusal,
           const char             *object_type,
           gint64                  object_id,
           gint64                  actor_id,
           const char             *remote_address,
           GError                **error)
{
  g_autofree char *details = roster_signup_key_details (key, refusal);
  RosterAuditEvent event = {
    .actor_id = actor_id,
    .action = action,
    .course_id = key->course_id,
    .target_user_id = user_id,
    .object_type = object_type,
    .object_id = object_id,
    .remote_address = remote_address,
    .details = details,
  };

  return roster_sqlite_insert_audit (db, &event, 0, error);
}

/* ---- enrolment ---- */

gboolean
roster_sqlite_signup_enrol (sqlite3                *db,
                            gint64                  user_id,
                            const RosterSignupKey  *key,
                            gint64                  now,
                            gboolean                new_account,
                            gint64                  actor_id,
                            const char             *remote_address,
                            GError                **error)
{
  g_auto(Person) person = { NULL, };
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) member = NULL;
  g_autoptr(sqlite3_stmt) use = NULL;
  gint64 enrolment_id;

  insert = roster_sqlite_prepare (db,
                                  "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at,"
                                  "  method_id, key_id, key_nickname, created_at)"
                                  " VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)",
                                  error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, key->course_id);
  sqlite3_bind_int64 (insert, 2, user_id);
  roster_sqlite_bind_text (insert, 3, roster_role_to_string (key->default_role));
  sqlite3_bind_int64 (insert, 4, now);
  sqlite3_bind_int64 (insert, 5, key->enrol_duration > 0 ? now + key->enrol_duration : 0);
  sqlite3_bind_int64 (insert, 6, key->method_id);
  sqlite3_bind_int64 (insert, 7, key->key_id);
  roster_sqlite_bind_text (insert, 8, key->key_nickname);
  sqlite3_bind_int64 (insert, 9, now);
  if (!roster_sqlite_step_done (db, insert, "sign-up enrolment", error))
    return FALSE;
  enrolment_id = sqlite3_last_insert_rowid (db);

  /* Somebody signed in may already be in the group without having been
   * enrolled; that is no reason to refuse them. */
  if (key->group_id != 0)
    {
      member = roster_sqlite_prepare (db,
                                      "INSERT INTO group_members (group_id, user_id, added_at) VALUES (?, ?, ?)"
                                      " ON CONFLICT (group_id, user_id) DO NOTHING",
                                      error);
      if (member == NULL)
        return FALSE;
      sqlite3_bind_int64 (member, 1, key->group_id);
      sqlite3_bind_int64 (member, 2, user_id);
      sqlite3_bind_int64 (member, 3, now);
      if (!roster_sqlite_step_done (db, member, "sign-up group", error))
        return FALSE;
    }

  use = roster_sqlite_prepare (db, "UPDATE enrol_keys SET uses = uses + 1 WHERE id = ?", error);
  if (use == NULL)
    return FALSE;
  sqlite3_bind_int64 (use, 1, key->key_id);

  return roster_sqlite_step_done (db, use, "sign-up key use", error) &&
         read_person (db, user_id, &person, error) &&
         queue_welcome (db, user_id, &person, key, now, error) &&
         (!key->notify_admins ||
          queue_notifications (db, user_id, &person, key, new_account, now, error)) &&
         audit_key (db, "signup.enrolled", user_id, key, ROSTER_SIGNUP_REFUSAL_NONE,
                    "enrolment", enrolment_id, actor_id, remote_address, error);
}

/* ---- completion ---- */

static gboolean
activate_pending (sqlite3  *db,
                  gint64    user_id,
                  GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = roster_sqlite_prepare (db, "UPDATE users SET state = 'active' WHERE id = ? AND state = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (!roster_sqlite_step_done (db, stmt, "sign-up activation", error))
    return FALSE;

  /* The callers have read the state in this transaction: another state
   * here is a bug of theirs, not something a person did. */
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL, "the account is not pending");
      return FALSE;
    }

  return TRUE;
}

static GArray *
waiting_keys (sqlite3  *db,
              gint64    user_id,
              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) key_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = roster_sqlite_prepare (db, "SELECT key_id FROM signups WHERE user_id = ? ORDER BY created_at, key_id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 key_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (key_ids, key_id);
    }
  if (rc != SQLITE_DONE)
    {
      roster_sqlite_set_error (error, db, rc, "sign-ups");
      return NULL;
    }

  return g_steal_pointer (&key_ids);
}

static gboolean
forget_signups (sqlite3  *db,
                gint64    user_id,
                GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = roster_sqlite_prepare (db, "DELETE FROM signups WHERE user_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);

  return roster_sqlite_step_done (db, stmt, "sign-ups", error);
}

gboolean
roster_sqlite_signup_complete (sqlite3             *db,
                               gint64               user_id,
                               gint64               now,
                               gint64               actor_id,
                               const char          *remote_address,
                               RosterSignupResult  *result,
                               GError             **error)
{
  g_autoptr(GArray) key_ids = NULL;
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_signup_enrolment_free);

  if (!activate_pending (db, user_id, error))
    return FALSE;

  key_ids = waiting_keys (db, user_id, error);
  if (key_ids == NULL)
    return FALSE;

  for (guint i = 0; i < key_ids->len; i++)
    {
      g_autoptr(RosterSignupKey) key = NULL;
      g_autoptr(GError) local_error = NULL;
      RosterSignupRefusal refusal = ROSTER_SIGNUP_REFUSAL_NONE;

      /* A deleted key takes its sign-ups with it (ON DELETE CASCADE). */
      key = roster_sqlite_signup_read_key (db, g_array_index (key_ids, gint64, i), NULL, &local_error);
      if (key == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }

      if (!roster_sqlite_signup_check (db, key, user_id, now, &refusal, error))
        return FALSE;

      /* A refusal does not hold up the account, nor the other sign-ups:
       * the person has proved their address and is told what was not
       * done. */
      if (refusal == ROSTER_SIGNUP_REFUSAL_NONE)
        {
          if (!roster_sqlite_signup_enrol (db, user_id, key, now, TRUE, actor_id, remote_address, error))
            return FALSE;
        }
      else if (!audit_key (db, "signup.refused", user_id, key, refusal, "key", key->key_id,
                           actor_id, remote_address, error))
        return FALSE;

      g_ptr_array_add (enrolments, roster_sqlite_signup_enrolment_new (key, refusal));
    }

  if (!forget_signups (db, user_id, error))
    return FALSE;

  if (result != NULL)
    {
      result->user_id = user_id;
      result->activated = TRUE;
      g_clear_pointer (&result->enrolments, g_ptr_array_unref);
      result->enrolments = g_steal_pointer (&enrolments);
    }

  return TRUE;
}
