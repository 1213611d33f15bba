/* roster-storage-users.c: RosterStorage, user administration, erasure, removal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-storage.h"
#include "roster-text.h"

#define IFACE(self) ROSTER_STORAGE_GET_IFACE (self)

void
roster_user_enrolment_free (RosterUserEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;

  g_free (enrolment->short_name);
  g_free (enrolment->full_name);
  g_free (enrolment);
}

void
roster_user_details_free (RosterUserDetails *details)
{
  if (details == NULL)
    return;

  g_clear_object (&details->user);
  g_clear_pointer (&details->enrolments, g_ptr_array_unref);
  g_clear_pointer (&details->recent_events, g_ptr_array_unref);
  g_free (details);
}

GPtrArray *
roster_storage_list_users (RosterStorage          *self,
                           const RosterUserQuery  *query,
                           GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_users (self, query, error);
}

RosterUserDetails *
roster_storage_get_user_details (RosterStorage  *self,
                                 gint64          user_id,
                                 guint           n_events,
                                 GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_user_details (self, user_id, n_events, error);
}

gboolean
roster_storage_is_erased_email (RosterStorage  *self,
                                const char     *email_hash,
                                gboolean       *erased,
                                GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->is_erased_email (self, email_hash, erased, error);
}

RosterUser *
roster_storage_update_user (RosterStorage            *self,
                            gint64                    user_id,
                            const RosterUserChanges  *changes,
                            const RosterAuditEvent   *audit,
                            GError                  **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->update_user (self, user_id, changes, audit, error);
}

RosterUser *
roster_storage_activate_user (RosterStorage           *self,
                              gint64                   user_id,
                              const RosterAuditEvent  *audit_activated,
                              const RosterAuditEvent  *audit_reactivated,
                              GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->activate_user (self, user_id, audit_activated, audit_reactivated, error);
}

RosterUser *
roster_storage_suspend_user (RosterStorage           *self,
                             gint64                   user_id,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->suspend_user (self, user_id, audit, error);
}

RosterUser *
roster_storage_unlock_user (RosterStorage           *self,
                            gint64                   user_id,
                            const RosterAuditEvent  *audit,
                            GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->unlock_user (self, user_id, audit, error);
}

gboolean
roster_storage_set_user_password (RosterStorage           *self,
                                  gint64                   user_id,
                                  const char              *password_hash,
                                  const RosterAuditEvent  *audit,
                                  GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->set_user_password (self, user_id, password_hash, audit, error);
}

gboolean
roster_storage_erase_user (RosterStorage           *self,
                           gint64                   user_id,
                           RosterEmailHashFunc      hash_email,
                           gpointer                 hash_data,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->erase_user (self, user_id, hash_email, hash_data, audit, error);
}

gint64
roster_storage_create_removal_request (RosterStorage           *self,
                                       gint64                   user_id,
                                       const char              *reason,
                                       const RosterAuditEvent  *audit,
                                       GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  return IFACE (self)->create_removal_request (self, user_id, reason, audit, error);
}

GPtrArray *
roster_storage_list_removal_requests (RosterStorage             *self,
                                      const RosterRemovalQuery  *query,
                                      GError                   **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_removal_requests (self, query, error);
}

RosterRemovalRequest *
roster_storage_decline_removal_request (RosterStorage           *self,
                                        gint64                   request_id,
                                        gint64                   decided_by,
                                        const char              *reason,
                                        const RosterAuditEvent  *audit,
                                        GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->decline_removal_request (self, request_id, decided_by, reason, audit, error);
}

/* Why an account in @state cannot take the change asked for; shared
 * by both drivers so the messages stay the same. */
void
roster_storage_set_user_state_error (GError          **error,
                                     RosterUserState   state)
{
  switch (state)
    {
    case ROSTER_USER_STATE_PENDING:
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has not been activated yet."));
      break;
    case ROSTER_USER_STATE_ACTIVE:
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account is already active."));
      break;
    case ROSTER_USER_STATE_SUSPENDED:
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account is suspended."));
      break;
    case ROSTER_USER_STATE_ERASED:
    default:
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT,
                           _("This account has been erased; it cannot be changed any more."));
      break;
    }
}


static void
append_escaped (GString    *pattern,
                const char *text,
                gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, text[i]);
    }
}

/* One LIKE pattern per word of @query, so that "kai zhang" finds Kai
 * Zhang whatever separates the names in the search key. Words past the
 * last pattern join it, in order. The search key and the patterns are
 * both folded, so LIKE's case rules do not matter; both drivers match
 * them with ESCAPE '\\'. */
void
roster_storage_user_like_patterns (const char *query,
                                   char       *patterns[ROSTER_USER_SEARCH_TERMS])
{
  g_autofree char *key = roster_text_search_key (query);
  GString *current = NULL;
  guint n = 0;
  const char *p = key;

  while (*p)
    {
      const char *start;

      while (*p && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      start = p;
      while (*p && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (current == NULL || n < ROSTER_USER_SEARCH_TERMS)
        {
          if (current != NULL)
            {
              g_string_append_c (current, '%');
              patterns[n - 1] = g_string_free (current, FALSE);
            }
          current = g_string_new ("%");
          n++;
        }
      else
        g_string_append_c (current, '%');
      append_escaped (current, start, p - start);
    }

  if (current != NULL)
    {
      g_string_append_c (current, '%');
      patterns[n - 1] = g_string_free (current, FALSE);
    }
}

/* One LIKE pattern matching @query anywhere in a search key, with
 * ESCAPE '\\' (the participant lists' search, both drivers). */
char *
roster_storage_like_pattern (const char *query)
{
  g_autofree char *key = roster_text_search_key (query);
  GString *pattern = g_string_new ("%");

  append_escaped (pattern, key, strlen (key));
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}
