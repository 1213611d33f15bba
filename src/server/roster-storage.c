/* roster-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-storage.h"
#include "roster-storage.h"

G_DEFINE_INTERFACE (RosterStorage, roster_storage, G_TYPE_OBJECT)

static void
roster_storage_default_init (RosterStorageInterface *iface)
{
}

void
roster_audit_record_free (RosterAuditRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->action);
  g_free (record->object_type);
  g_free (record->remote_address);
  g_free (record->details);
  g_free (record);
}

void
roster_credentials_free (RosterCredentials *credentials)
{
  if (credentials == NULL)
    return;

  g_free (credentials->password_hash);
  g_free (credentials);
}

void
roster_course_role_free (RosterCourseRole *course_role)
{
  if (course_role == NULL)
    return;

  g_free (course_role->short_name);
  g_free (course_role);
}

RosterStorage *
roster_storage_open (const char  *database,
                     guint        pool_size,
                     GError     **error)
{
  g_return_val_if_fail (database != NULL, NULL);

  if (g_str_has_prefix (database, "postgresql://") || g_str_has_prefix (database, "postgres://"))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
                   _("PostgreSQL storage is not available in this build of roster-server; "
                     "use an SQLite database file"));
      return NULL;
    }

  return ROSTER_STORAGE (roster_sqlite_storage_new (database, pool_size, error));
}

#define IFACE(self) ROSTER_STORAGE_GET_IFACE (self)

int
roster_storage_get_schema_version (RosterStorage *self)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), -1);
  return IFACE (self)->get_schema_version (self);
}

gboolean
roster_storage_count_users (RosterStorage  *self,
                            gint64         *count,
                            GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->count_users (self, count, error);
}

gboolean
roster_storage_load_dataset (RosterStorage  *self,
                             RosterDataset  *dataset,
                             GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->load_dataset (self, dataset, error);
}

gint64
roster_storage_create_user (RosterStorage           *self,
                            const RosterNewUser     *user,
                            const RosterAuditEvent  *audit,
                            GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  return IFACE (self)->create_user (self, user, audit, error);
}

RosterUser *
roster_storage_get_user (RosterStorage  *self,
                         gint64          user_id,
                         GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_user (self, user_id, error);
}

RosterCredentials *
roster_storage_get_credentials (RosterStorage  *self,
                                const char     *username,
                                GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_credentials (self, username, error);
}

gboolean
roster_storage_record_login_failure (RosterStorage           *self,
                                     gint64                   user_id,
                                     gint64                   now,
                                     guint                    threshold,
                                     gint64                   lock_seconds,
                                     const RosterAuditEvent  *audit_failure,
                                     const RosterAuditEvent  *audit_lock,
                                     RosterLoginFailure      *result,
                                     GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->record_login_failure (self, user_id, now, threshold, lock_seconds,
                                             audit_failure, audit_lock, result, error);
}

gboolean
roster_storage_record_login_success (RosterStorage           *self,
                                     gint64                   user_id,
                                     const char              *token_hash,
                                     gint64                   now,
                                     gint64                   expires_at,
                                     const RosterAuditEvent  *audit,
                                     GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->record_login_success (self, user_id, token_hash, now, expires_at,
                                             audit, error);
}

RosterUser *
roster_storage_lookup_token (RosterStorage  *self,
                             const char     *token_hash,
                             gint64          now,
                             gboolean       *expired,
                             GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->lookup_token (self, token_hash, now, expired, error);
}

gboolean
roster_storage_delete_token (RosterStorage           *self,
                             const char              *token_hash,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->delete_token (self, token_hash, audit, error);
}

GPtrArray *
roster_storage_list_courses (RosterStorage  *self,
                             gint64          viewer_id,
                             gboolean        all_courses,
                             const char     *query,
                             GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_courses (self, viewer_id, all_courses, query, error);
}

RosterCourse *
roster_storage_get_course (RosterStorage  *self,
                           gint64          course_id,
                           gint64          viewer_id,
                           GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_course (self, course_id, viewer_id, error);
}

GPtrArray *
roster_storage_list_course_roles (RosterStorage  *self,
                                  gint64          user_id,
                                  GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_course_roles (self, user_id, error);
}

gboolean
roster_storage_append_audit (RosterStorage           *self,
                             const RosterAuditEvent  *event,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->append_audit (self, event, error);
}

GPtrArray *
roster_storage_list_audit (RosterStorage           *self,
                           const RosterAuditQuery  *query,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_audit (self, query, error);
}

/* ---- groups ---- */

GArray *
roster_storage_list_user_group_ids (RosterStorage  *self,
                                    gint64          course_id,
                                    gint64          user_id,
                                    GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_user_group_ids (self, course_id, user_id, error);
}

/* ---- end of groups ---- */


/* ---- participants and enrolments ---- */

/* ---- end of participants and enrolments ---- */


/* ---- methods and keys ---- */

/* ---- end of methods and keys ---- */


/* ---- users, erasure, removal requests ---- */

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

/* ---- end of users ---- */


/* ---- audit and reports ---- */

/* ---- end of audit and reports ---- */
