/* roster-pg-signup-complete.c: enrolments through keys in PostgreSQL,
 * and the completion of what a pending account waited for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The port of roster-sqlite-signup-complete.c. SQLite's single writer
 * made "read the key, check its uses, enrol, count the use" safe; here
 * several servers may enrol through one key at once, so a key is read
 * locked: its row and its method's FOR UPDATE, then read again, at READ
 * COMMITTED (docs/architecture.md, "Key uses against max uses"). The
 * next enrolment through the key waits for the lock and then reads the
 * committed uses and the method's committed enrolments, so neither max
 * uses nor the method's max enrolled is ever overrun.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-pg-signup-private.h"

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
column_count (const PGresult *result,
              int             column)
{
  return (guint) CLAMP (roster_pg_get_int (result, 0, column), 0, G_MAXUINT);
}

RosterSignupKey *
roster_pg_signup_read_key (PGconn      *conn,
                           gint64       key_id,
                           const char  *lookup,
                           gboolean     lock,
                           GError     **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  RosterSignupKey *key;
  RosterRole role = ROSTER_ROLE_GUEST;

  if (key_id == 0 && lookup == NULL)
    return NULL;

  if (key_id != 0)
    roster_pg_add_int (&params, key_id);
  else
    roster_pg_add_text (&params, lookup);

  /* Locked apart from the read: at READ COMMITTED the read that follows
   * takes a new snapshot, after the lock was granted, so it sees what
   * the enrolment before this one committed (counts included). */
  if (lock && key_id != 0 &&
      !roster_pg_exec (conn,
                       "SELECT 1 FROM enrol_keys k JOIN enrol_methods m ON m.id = k.method_id"
                       " WHERE k.id = $1 FOR UPDATE OF k, m",
                       &params, "sign-up key", error))
    return NULL;

  result = roster_pg_query (conn, key_id != 0 ? KEY_SELECT "k.id = $1" : KEY_SELECT "k.secret_lookup = $1",
                            &params, "sign-up key", error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;

  key = g_new0 (RosterSignupKey, 1);
  key->key_id = roster_pg_get_int (result, 0, 0);
  key->key_nickname = roster_pg_get_dup (result, 0, 1);
  key->key_active = roster_pg_get_bool (result, 0, 2);
  key->key_expires_at = roster_pg_get_int (result, 0, 3);
  key->key_max_uses = column_count (result, 4);
  key->key_uses = column_count (result, 5);
  key->group_id = roster_pg_get_int (result, 0, 6);
  key->group_name = roster_pg_get_dup (result, 0, 7);

  key->method_id = roster_pg_get_int (result, 0, 8);
  key->method_name = roster_pg_get_dup (result, 0, 9);
  key->method_enabled = roster_pg_get_bool (result, 0, 10);
  key->enrol_start = roster_pg_get_int (result, 0, 11);
  key->enrol_end = roster_pg_get_int (result, 0, 12);
  key->enrol_duration = roster_pg_get_int (result, 0, 13);
  key->max_enrolled = column_count (result, 14);
  /* A CHECK constraint keeps the role to known values. */
  roster_role_from_string (roster_pg_get_text (result, 0, 15), &role);
  key->default_role = role;
  key->welcome_message = roster_pg_get_dup (result, 0, 16);
  key->notify_admins = roster_pg_get_bool (result, 0, 17);

  key->course_id = roster_pg_get_int (result, 0, 18);
  key->course_short_name = roster_pg_get_dup (result, 0, 19);
  key->course_full_name = roster_pg_get_dup (result, 0, 20);
  key->method_enrolled = column_count (result, 21);

  return key;
}

gboolean
roster_pg_signup_check (PGconn                 *conn,
                        const RosterSignupKey  *key,
                        gint64                  user_id,
                        gint64                  now,
                        RosterSignupRefusal    *refusal,
                        GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 found = 0;

  *refusal = roster_signup_key_check (key, now);
  if (*refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    return TRUE;

  roster_pg_add_int (&params, key->course_id);
  roster_pg_add_int (&params, user_id);
  if (!roster_pg_query_int (conn, "SELECT 1 FROM enrolments WHERE course_id = $1 AND user_id = $2",
                            &params, "sign-up check", NULL, &found, error))
    return FALSE;

  if (found != 0)
    *refusal = ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED;
  return TRUE;
}

RosterSignupEnrolment *
roster_pg_signup_enrolment_new (const RosterSignupKey *key,
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

gboolean
roster_pg_signup_user_state (PGconn           *conn,
                             gint64            user_id,
                             gboolean          lock,
                             RosterUserState  *state,
                             GError          **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn,
                            lock ? "SELECT state FROM users WHERE id = $1 FOR UPDATE"
                                 : "SELECT state FROM users WHERE id = $1",
                            &params, "user state", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  roster_user_state_from_string (roster_pg_get_text (result, 0, 0), state);
  return TRUE;
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
read_person (PGconn   *conn,
             gint64    user_id,
             Person   *person,
             GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT email, first_name, last_name FROM users WHERE id = $1",
                            &params, "sign-up person", error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such user."));
      return FALSE;
    }

  person->email = roster_pg_get_dup (result, 0, 0);
  person->first_name = roster_pg_get_dup (result, 0, 1);
  person->name = roster_signup_join_name (roster_pg_get_text (result, 0, 1), roster_pg_get_text (result, 0, 2));
  return TRUE;
}

static gboolean
queue_welcome (PGconn                 *conn,
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

  return roster_pg_outbox_add (conn, &draft, now, error);
}

/* Tells every active site administrator and every active module leader
 * of the course, each once, that @user_id has enrolled. */
static gboolean
queue_notifications (PGconn                 *conn,
                     gint64                  user_id,
                     const Person           *person,
                     const RosterSignupKey  *key,
                     gboolean                new_account,
                     gint64                  now,
                     GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autofree char *text = NULL;

  text = roster_signup_notification_params (key, person->name, person->email, new_account);

  roster_pg_add_int (&params, user_id);
  roster_pg_add_int (&params, key->course_id);
  result = roster_pg_query (conn,
                            "SELECT u.id, u.email, u.first_name, u.last_name FROM users u"
                            " WHERE u.state = 'active' AND u.id <> $1"
                            "   AND u.email IS NOT NULL AND u.email <> ''"
                            "   AND (u.site_admin = 1 OR EXISTS (SELECT 1 FROM enrolments e"
                            "          WHERE e.user_id = u.id AND e.course_id = $2"
                            "            AND e.role = 'module_leader' AND e.status = 'active'))"
                            " ORDER BY u.id",
                            &params, "sign-up notification", error);
  if (result == NULL)
    return FALSE;

  for (int i = 0; i < PQntuples (result); i++)
    {
      g_autofree char *name = roster_signup_join_name (roster_pg_get_text (result, i, 2), roster_pg_get_text (result, i, 3));
      RosterMailDraft draft = {
        .kind = ROSTER_MAIL_NOTIFY_ENROLMENT,
        .user_id = roster_pg_get_int (result, i, 0),
        .about_user_id = user_id,
        .recipient = roster_pg_get_text (result, i, 1),
        .recipient_name = name,
        .params = text,
      };

      if (!roster_pg_outbox_add (conn, &draft, now, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
audit_key (PGconn                 *conn,
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

  return roster_pg_insert_audit (conn, &event, 0, error);
}

/* ---- enrolment ---- */

static gint64
insert_enrolment (PGconn                 *conn,
                  gint64                  user_id,
                  const RosterSignupKey  *key,
                  gint64                  now,
                  GError                **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 enrolment_id = 0;

  roster_pg_add_int (&params, key->course_id);
  roster_pg_add_int (&params, user_id);
  roster_pg_add_text (&params, roster_role_to_string (key->default_role));
  roster_pg_add_int (&params, now);
  roster_pg_add_int (&params, key->enrol_duration > 0 ? now + key->enrol_duration : 0);
  roster_pg_add_int (&params, key->method_id);
  roster_pg_add_int (&params, key->key_id);
  roster_pg_add_text (&params, key->key_nickname);
  roster_pg_add_int (&params, now);

  /* The same person enrolling twice at once: the unique key on
   * (course_id, user_id) refuses the second as a conflict. */
  if (!roster_pg_query_int (conn,
                            "INSERT INTO enrolments (course_id, user_id, role, status, start_at, end_at,"
                            "  method_id, key_id, key_nickname, created_at)"
                            " VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9) RETURNING id",
                            &params, "sign-up enrolment", NULL, &enrolment_id, error))
    return 0;

  return enrolment_id;
}

gboolean
roster_pg_signup_enrol (PGconn                 *conn,
                        gint64                  user_id,
                        const RosterSignupKey  *key,
                        gint64                  now,
                        gboolean                new_account,
                        gint64                  actor_id,
                        const char             *remote_address,
                        GError                **error)
{
  g_auto(Person) person = { NULL, };
  g_auto(RosterPgParams) member = ROSTER_PG_PARAMS_INIT;
  g_auto(RosterPgParams) use = ROSTER_PG_PARAMS_INIT;
  gint64 enrolment_id;

  enrolment_id = insert_enrolment (conn, user_id, key, now, error);
  if (enrolment_id == 0)
    return FALSE;

  /* Somebody signed in may already be in the group without having been
   * enrolled; that is no reason to refuse them. */
  if (key->group_id != 0)
    {
      roster_pg_add_int (&member, key->group_id);
      roster_pg_add_int (&member, user_id);
      roster_pg_add_int (&member, now);
      if (!roster_pg_exec (conn,
                           "INSERT INTO group_members (group_id, user_id, added_at) VALUES ($1, $2, $3)"
                           " ON CONFLICT (group_id, user_id) DO NOTHING",
                           &member, "sign-up group", error))
        return FALSE;
    }

  /* The key's row is locked (roster_pg_signup_read_key ()). */
  roster_pg_add_int (&use, key->key_id);
  return roster_pg_exec (conn, "UPDATE enrol_keys SET uses = uses + 1 WHERE id = $1",
                         &use, "sign-up key use", error) &&
         read_person (conn, user_id, &person, error) &&
         queue_welcome (conn, user_id, &person, key, now, error) &&
         (!key->notify_admins ||
          queue_notifications (conn, user_id, &person, key, new_account, now, error)) &&
         audit_key (conn, "signup.enrolled", user_id, key, ROSTER_SIGNUP_REFUSAL_NONE,
                    "enrolment", enrolment_id, actor_id, remote_address, error);
}

/* ---- completion ---- */

static gboolean
activate_pending (PGconn   *conn,
                  gint64    user_id,
                  GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  gint64 changes = 0;

  roster_pg_add_int (&params, user_id);
  if (!roster_pg_exec_changes (conn, "UPDATE users SET state = 'active' WHERE id = $1 AND state = 'pending'",
                               &params, "sign-up activation", &changes, error))
    return FALSE;

  /* The callers have read the state in this transaction: another state
   * here is a bug of theirs, not something a person did. */
  if (changes != 1)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL, "the account is not pending");
      return FALSE;
    }

  return TRUE;
}

static GArray *
waiting_keys (PGconn   *conn,
              gint64    user_id,
              GError  **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(PGresult) result = NULL;
  g_autoptr(GArray) key_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  roster_pg_add_int (&params, user_id);
  result = roster_pg_query (conn, "SELECT key_id FROM signups WHERE user_id = $1 ORDER BY created_at, key_id",
                            &params, "sign-ups", error);
  if (result == NULL)
    return NULL;

  for (int i = 0; i < PQntuples (result); i++)
    {
      gint64 key_id = roster_pg_get_int (result, i, 0);

      g_array_append_val (key_ids, key_id);
    }

  return g_steal_pointer (&key_ids);
}

gboolean
roster_pg_signup_complete (PGconn              *conn,
                           gint64               user_id,
                           gint64               now,
                           gint64               actor_id,
                           const char          *remote_address,
                           RosterSignupResult  *result,
                           GError             **error)
{
  g_auto(RosterPgParams) params = ROSTER_PG_PARAMS_INIT;
  g_autoptr(GArray) key_ids = NULL;
  g_autoptr(GPtrArray) enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_signup_enrolment_free);

  if (!activate_pending (conn, user_id, error))
    return FALSE;

  key_ids = waiting_keys (conn, user_id, error);
  if (key_ids == NULL)
    return FALSE;

  for (guint i = 0; i < key_ids->len; i++)
    {
      g_autoptr(RosterSignupKey) key = NULL;
      g_autoptr(GError) local_error = NULL;
      RosterSignupRefusal refusal = ROSTER_SIGNUP_REFUSAL_NONE;

      /* A deleted key takes its sign-ups with it (ON DELETE CASCADE). */
      key = roster_pg_signup_read_key (conn, g_array_index (key_ids, gint64, i), NULL, TRUE, &local_error);
      if (key == NULL)
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          continue;
        }

      if (!roster_pg_signup_check (conn, key, user_id, now, &refusal, error))
        return FALSE;

      /* A refusal does not hold up the account, nor the other sign-ups:
       * the person has proved their address and is told what was not
       * done. */
      if (refusal == ROSTER_SIGNUP_REFUSAL_NONE)
        {
          if (!roster_pg_signup_enrol (conn, user_id, key, now, TRUE, actor_id, remote_address, error))
            return FALSE;
        }
      else if (!audit_key (conn, "signup.refused", user_id, key, refusal, "key", key->key_id,
                           actor_id, remote_address, error))
        return FALSE;

      g_ptr_array_add (enrolments, roster_pg_signup_enrolment_new (key, refusal));
    }

  roster_pg_add_int (&params, user_id);
  if (!roster_pg_exec (conn, "DELETE FROM signups WHERE user_id = $1", &params, "sign-ups", error))
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
