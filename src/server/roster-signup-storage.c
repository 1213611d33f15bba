/* roster-signup-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-json.h"
#include "roster-signup-storage.h"

G_DEFINE_QUARK (roster-signup-error-quark, roster_signup_error)

G_DEFINE_INTERFACE (RosterSignupStorage, roster_signup_storage, G_TYPE_OBJECT)

static void
roster_signup_storage_default_init (RosterSignupStorageInterface *iface)
{
}

static const char * const refusal_names[] = {
  "none", "key_inactive", "key_expired", "key_used_up", "method_disabled",
  "not_open_yet", "closed", "course_full", "already_enrolled",
  "link_invalid", "link_used", "link_expired",
};

G_STATIC_ASSERT (G_N_ELEMENTS (refusal_names) == ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED + 1);

const char *
roster_signup_refusal_to_string (RosterSignupRefusal refusal)
{
  return (guint) refusal < G_N_ELEMENTS (refusal_names) ? refusal_names[refusal] : NULL;
}

const char *
roster_signup_refusal_message (RosterSignupRefusal refusal)
{
  switch (refusal)
    {
    case ROSTER_SIGNUP_REFUSAL_NONE:
      return "";
    case ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE:
      return _("This enrolment key is currently disabled. Ask the course’s staff for a new one.");
    case ROSTER_SIGNUP_REFUSAL_KEY_EXPIRED:
      return _("This enrolment key has expired. Ask the course’s staff for a new one.");
    case ROSTER_SIGNUP_REFUSAL_KEY_USED_UP:
      return _("This enrolment key has been used as many times as it may be. Ask the course’s staff for a new one.");
    case ROSTER_SIGNUP_REFUSAL_METHOD_DISABLED:
      return _("Self-enrolment in this course is switched off at the moment.");
    case ROSTER_SIGNUP_REFUSAL_NOT_OPEN_YET:
      return _("Enrolment in this course has not opened yet.");
    case ROSTER_SIGNUP_REFUSAL_CLOSED:
      return _("Enrolment in this course has closed.");
    case ROSTER_SIGNUP_REFUSAL_COURSE_FULL:
      return _("This course is full: no more people can enrol with this key.");
    case ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED:
      return _("You are already enrolled in this course.");
    case ROSTER_SIGNUP_REFUSAL_LINK_INVALID:
      return _("This link is not valid. Check that you copied all of it from the e-mail.");
    case ROSTER_SIGNUP_REFUSAL_LINK_USED:
      return _("This link has already been used.");
    case ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED:
      return _("This link has expired.");
    default:
      g_return_val_if_reached ("");
    }
}

void
roster_signup_set_error (GError             **error,
                         RosterSignupRefusal  refusal)
{
  g_return_if_fail (refusal != ROSTER_SIGNUP_REFUSAL_NONE);
  g_set_error_literal (error, ROSTER_SIGNUP_ERROR, refusal, roster_signup_refusal_message (refusal));
}

void
roster_signup_key_free (RosterSignupKey *key)
{
  if (key == NULL)
    return;

  g_free (key->key_nickname);
  g_free (key->group_name);
  g_free (key->method_name);
  g_free (key->welcome_message);
  g_free (key->course_short_name);
  g_free (key->course_full_name);
  g_free (key);
}

RosterSignupRefusal
roster_signup_key_check (const RosterSignupKey *key,
                         gint64                 now)
{
  if (!key->key_active)
    return ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE;
  if (key->key_expires_at != 0 && now >= key->key_expires_at)
    return ROSTER_SIGNUP_REFUSAL_KEY_EXPIRED;
  if (key->key_max_uses != 0 && key->key_uses >= key->key_max_uses)
    return ROSTER_SIGNUP_REFUSAL_KEY_USED_UP;
  if (!key->method_enabled)
    return ROSTER_SIGNUP_REFUSAL_METHOD_DISABLED;
  if (key->enrol_start != 0 && now < key->enrol_start)
    return ROSTER_SIGNUP_REFUSAL_NOT_OPEN_YET;
  if (key->enrol_end != 0 && now >= key->enrol_end)
    return ROSTER_SIGNUP_REFUSAL_CLOSED;
  if (key->max_enrolled != 0 && key->method_enrolled >= key->max_enrolled)
    return ROSTER_SIGNUP_REFUSAL_COURSE_FULL;
  return ROSTER_SIGNUP_REFUSAL_NONE;
}

void
roster_signup_enrolment_free (RosterSignupEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;

  g_free (enrolment->course_short_name);
  g_free (enrolment->course_full_name);
  g_free (enrolment->group_name);
  g_free (enrolment);
}

void
roster_signup_result_clear (RosterSignupResult *result)
{
  g_clear_pointer (&result->enrolments, g_ptr_array_unref);
  result->user_id = 0;
  result->activated = FALSE;
}

/* ---- dispatch ---- */

#define IFACE(self) ROSTER_SIGNUP_STORAGE_GET_IFACE (self)

RosterSignupKey *
roster_signup_storage_find_key (RosterSignupStorage  *self,
                                const char           *lookup,
                                GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), NULL);
  return IFACE (self)->find_key (self, lookup, error);
}

RosterUser *
roster_signup_storage_find_user_by_email (RosterSignupStorage  *self,
                                          const char           *email,
                                          GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), NULL);
  return IFACE (self)->find_user_by_email (self, email, error);
}

gboolean
roster_signup_storage_is_enrolled (RosterSignupStorage  *self,
                                   gint64                course_id,
                                   gint64                user_id,
                                   gboolean             *enrolled,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->is_enrolled (self, course_id, user_id, enrolled, error);
}

gint64
roster_signup_storage_create_pending (RosterSignupStorage     *self,
                                      const RosterNewUser     *user,
                                      gint64                   key_id,
                                      const char              *remote_address,
                                      const RosterMailToken   *token,
                                      const RosterMailDraft   *mail,
                                      const RosterAuditEvent  *audit,
                                      GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), 0);
  return IFACE (self)->create_pending (self, user, key_id, remote_address, token, mail, audit, error);
}

gboolean
roster_signup_storage_add_pending (RosterSignupStorage     *self,
                                   gint64                   user_id,
                                   gint64                   key_id,
                                   const char              *remote_address,
                                   const RosterMailToken   *token,
                                   const RosterMailDraft   *mail,
                                   const RosterAuditEvent  *audit,
                                   GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->add_pending (self, user_id, key_id, remote_address, token, mail, audit, error);
}

gboolean
roster_signup_storage_confirm (RosterSignupStorage  *self,
                               const char           *token_hash,
                               gint64                now,
                               const char           *remote_address,
                               RosterSignupResult   *result,
                               GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->confirm (self, token_hash, now, remote_address, result, error);
}

gboolean
roster_signup_storage_enrol_with_key (RosterSignupStorage    *self,
                                      gint64                  user_id,
                                      gint64                  key_id,
                                      gint64                  now,
                                      const char             *remote_address,
                                      RosterSignupEnrolment **enrolment,
                                      GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->enrol_with_key (self, user_id, key_id, now, remote_address, enrolment, error);
}

gboolean
roster_signup_storage_create_reset (RosterSignupStorage     *self,
                                    gint64                   user_id,
                                    const RosterMailToken   *token,
                                    const RosterMailDraft   *mail,
                                    const RosterAuditEvent  *audit,
                                    GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->create_reset (self, user_id, token, mail, audit, error);
}

gboolean
roster_signup_storage_reset_password (RosterSignupStorage  *self,
                                      const char           *token_hash,
                                      const char           *password_hash,
                                      gint64                now,
                                      const char           *remote_address,
                                      RosterSignupResult   *result,
                                      GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->reset_password (self, token_hash, password_hash, now, remote_address, result, error);
}

gboolean
roster_signup_storage_purge_unconfirmed (RosterSignupStorage  *self,
                                         gint64                before,
                                         guint                *count,
                                         GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_SIGNUP_STORAGE (self), FALSE);
  return IFACE (self)->purge_unconfirmed (self, before, count, error);
}

char *
roster_signup_join_name (const char *first_name,
                         const char *last_name)
{
  g_autofree char *name = g_strdup_printf ("%s %s", first_name ? first_name : "", last_name ? last_name : "");

  g_strstrip (name);
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}

char *
roster_signup_welcome_params (const RosterSignupKey *key,
                              const char            *first_name)
{
  g_autoptr(JsonObject) params = json_object_new ();

  json_object_set_string_member (params, "first_name", first_name ? first_name : "");
  json_object_set_string_member (params, "course_short_name", key->course_short_name);
  json_object_set_string_member (params, "course_full_name", key->course_full_name);
  json_object_set_string_member (params, "role", roster_role_to_string (key->default_role));
  if (key->welcome_message != NULL && *key->welcome_message != '\0')
    json_object_set_string_member (params, "message", key->welcome_message);
  return roster_json_object_to_string (params);
}

char *
roster_signup_notification_params (const RosterSignupKey *key,
                                   const char            *user_name,
                                   const char            *user_email,
                                   gboolean               new_account)
{
  g_autoptr(JsonObject) params = json_object_new ();

  json_object_set_string_member (params, "course_short_name", key->course_short_name);
  json_object_set_string_member (params, "course_full_name", key->course_full_name);
  json_object_set_string_member (params, "user_name", user_name ? user_name : "");
  json_object_set_string_member (params, "user_email", user_email ? user_email : "");
  json_object_set_string_member (params, "role", roster_role_to_string (key->default_role));
  /* The writer of the message names an unnamed method itself. */
  json_object_set_string_member (params, "method_name", key->method_name ? key->method_name : "");
  json_object_set_string_member (params, "key_nickname", key->key_nickname);
  json_object_set_boolean_member (params, "new_account", new_account);
  return roster_json_object_to_string (params);
}

char *
roster_signup_key_details (const RosterSignupKey *key,
                           RosterSignupRefusal    refusal)
{
  g_autoptr(JsonObject) details = json_object_new ();

  json_object_set_int_member (details, "key_id", key->key_id);
  json_object_set_string_member (details, "nickname", key->key_nickname);
  if (refusal != ROSTER_SIGNUP_REFUSAL_NONE)
    json_object_set_string_member (details, "refusal", roster_signup_refusal_to_string (refusal));

  return roster_json_object_to_string (details);
}
