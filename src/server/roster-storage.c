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
  g_free (record->actor_username);
  g_free (record->actor_first_name);
  g_free (record->actor_last_name);
  g_free (record->target_username);
  g_free (record->target_first_name);
  g_free (record->target_last_name);
  g_free (record->course_short_name);
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

void
roster_group_member_free (RosterGroupMember *member)
{
  if (member == NULL)
    return;

  g_clear_object (&member->user);
  g_free (member);
}

GPtrArray *
roster_storage_list_groups (RosterStorage  *self,
                            gint64          course_id,
                            gint64          member_id,
                            GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_groups (self, course_id, member_id, error);
}

RosterGroup *
roster_storage_get_group (RosterStorage  *self,
                          gint64          group_id,
                          GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_group (self, group_id, error);
}

gint64
roster_storage_create_group (RosterStorage           *self,
                             gint64                   course_id,
                             const char              *name,
                             const char              *description,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  return IFACE (self)->create_group (self, course_id, name, description, audit, error);
}

gboolean
roster_storage_update_group (RosterStorage           *self,
                             gint64                   group_id,
                             const char              *name,
                             gboolean                 set_description,
                             const char              *description,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->update_group (self, group_id, name, set_description, description, audit, error);
}

gboolean
roster_storage_delete_group (RosterStorage           *self,
                             gint64                   group_id,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->delete_group (self, group_id, audit, error);
}

GPtrArray *
roster_storage_list_group_members (RosterStorage  *self,
                                   gint64          group_id,
                                   GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_group_members (self, group_id, error);
}

gboolean
roster_storage_add_group_member (RosterStorage           *self,
                                 gint64                   group_id,
                                 gint64                   user_id,
                                 const RosterAuditEvent  *audit,
                                 gboolean                *added,
                                 GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (added != NULL, FALSE);
  return IFACE (self)->add_group_member (self, group_id, user_id, audit, added, error);
}

gboolean
roster_storage_remove_group_member (RosterStorage           *self,
                                    gint64                   group_id,
                                    gint64                   user_id,
                                    const RosterAuditEvent  *audit,
                                    gboolean                *removed,
                                    GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (removed != NULL, FALSE);
  return IFACE (self)->remove_group_member (self, group_id, user_id, audit, removed, error);
}

gboolean
roster_storage_set_course_group_mode (RosterStorage           *self,
                                      gint64                   course_id,
                                      RosterGroupMode          mode,
                                      gboolean                 forced,
                                      const RosterAuditEvent  *audit,
                                      gboolean                *changed,
                                      GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);
  return IFACE (self)->set_course_group_mode (self, course_id, mode, forced, audit, changed, error);
}

GPtrArray *
roster_storage_list_assignments (RosterStorage  *self,
                                 gint64          course_id,
                                 GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_assignments (self, course_id, error);
}

RosterAssignment *
roster_storage_get_assignment (RosterStorage  *self,
                               gint64          assignment_id,
                               GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_assignment (self, assignment_id, error);
}

gboolean
roster_storage_update_assignment (RosterStorage                 *self,
                                  gint64                         assignment_id,
                                  const RosterAssignmentChange  *change,
                                  const RosterAuditEvent        *audit,
                                  GError                       **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  return IFACE (self)->update_assignment (self, assignment_id, change, audit, error);
}

GPtrArray *
roster_storage_list_submissions (RosterStorage  *self,
                                 gint64          assignment_id,
                                 const GArray   *group_ids,
                                 GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_submissions (self, assignment_id, group_ids, error);
}

gboolean
roster_storage_count_submissions (RosterStorage  *self,
                                  gint64          assignment_id,
                                  const GArray   *group_ids,
                                  gint64         *count,
                                  GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  return IFACE (self)->count_submissions (self, assignment_id, group_ids, count, error);
}

/* ---- end of groups ---- */


/* ---- participants and enrolments ---- */

void
roster_enrolment_free (RosterEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;

  g_free (enrolment->key_nickname);
  g_free (enrolment);
}

gboolean
roster_storage_foreach_participant (RosterStorage                 *self,
                                    const RosterParticipantQuery  *query,
                                    RosterParticipantFunc          func,
                                    gpointer                       user_data,
                                    GError                       **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->foreach_participant (self, query, func, user_data, error);
}

gint64
roster_storage_create_enrolment (RosterStorage           *self,
                                 gint64                   course_id,
                                 gint64                   user_id,
                                 RosterRole               role,
                                 RosterEnrolmentStatus    status,
                                 gint64                   start_at,
                                 gint64                   end_at,
                                 const RosterAuditEvent  *audit,
                                 GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  return IFACE (self)->create_enrolment (self, course_id, user_id, role, status, start_at, end_at,
                                         audit, error);
}

RosterEnrolment *
roster_storage_get_enrolment (RosterStorage  *self,
                              gint64          enrolment_id,
                              GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_enrolment (self, enrolment_id, error);
}

gboolean
roster_storage_update_enrolment (RosterStorage                *self,
                                 gint64                        enrolment_id,
                                 const RosterEnrolmentChange  *change,
                                 const RosterAuditEvent       *audit,
                                 GError                      **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->update_enrolment (self, enrolment_id, change, audit, error);
}

gboolean
roster_storage_delete_enrolment (RosterStorage           *self,
                                 gint64                   enrolment_id,
                                 const RosterAuditEvent  *audit,
                                 GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  return IFACE (self)->delete_enrolment (self, enrolment_id, audit, error);
}

/* ---- end of participants and enrolments ---- */


/* ---- methods and keys ---- */

GPtrArray *
roster_storage_list_methods (RosterStorage  *self,
                             gint64          course_id,
                             GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_methods (self, course_id, error);
}

RosterMethod *
roster_storage_get_method (RosterStorage  *self,
                           gint64          method_id,
                           GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_method (self, method_id, error);
}

gint64
roster_storage_create_method (RosterStorage           *self,
                              RosterMethod            *method,
                              const RosterAuditEvent  *audit,
                              GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), 0);
  g_return_val_if_fail (audit != NULL, 0);
  return IFACE (self)->create_method (self, method, audit, error);
}

gboolean
roster_storage_update_method (RosterStorage            *self,
                              gint64                    method_id,
                              const RosterMethodPatch  *patch,
                              const RosterAuditEvent   *audit,
                              GError                  **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (patch != NULL && audit != NULL, FALSE);
  return IFACE (self)->update_method (self, method_id, patch, audit, error);
}

gboolean
roster_storage_delete_method (RosterStorage           *self,
                              gint64                   method_id,
                              gboolean                 unenrol,
                              const RosterAuditEvent  *audit,
                              gint64                  *n_enrolled,
                              GError                 **error)
{
  gint64 ignored = 0;

  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (audit != NULL, FALSE);
  return IFACE (self)->delete_method (self, method_id, unenrol, audit,
                                      n_enrolled ? n_enrolled : &ignored, error);
}

GPtrArray *
roster_storage_list_keys (RosterStorage  *self,
                          gint64          method_id,
                          GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->list_keys (self, method_id, error);
}

RosterKey *
roster_storage_get_key (RosterStorage  *self,
                        gint64          key_id,
                        GError        **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  return IFACE (self)->get_key (self, key_id, error);
}

gint64
roster_storage_create_key (RosterStorage           *self,
                           const RosterNewKey      *key,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), 0);
  g_return_val_if_fail (key != NULL && key->secret_sealed != NULL && key->secret_lookup != NULL, 0);
  g_return_val_if_fail (audit != NULL, 0);
  return IFACE (self)->create_key (self, key, audit, error);
}

gboolean
roster_storage_update_key (RosterStorage           *self,
                           gint64                   key_id,
                           const RosterKeyPatch    *patch,
                           const RosterAuditEvent  *audit_update,
                           const RosterAuditEvent  *audit_regenerate,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (patch != NULL, FALSE);
  g_return_val_if_fail (!(patch->fields & ROSTER_KEY_FIELD_SECRET) ||
                        (patch->secret_sealed != NULL && patch->secret_lookup != NULL &&
                         audit_regenerate != NULL), FALSE);
  g_return_val_if_fail (!(patch->fields & ~ROSTER_KEY_FIELD_SECRET) || audit_update != NULL, FALSE);
  return IFACE (self)->update_key (self, key_id, patch, audit_update, audit_regenerate, error);
}

gboolean
roster_storage_delete_key (RosterStorage           *self,
                           gint64                   key_id,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (audit != NULL, FALSE);
  return IFACE (self)->delete_key (self, key_id, audit, error);
}

GBytes *
roster_storage_reveal_key (RosterStorage           *self,
                           gint64                   key_id,
                           const RosterAuditEvent  *audit,
                           GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  g_return_val_if_fail (audit != NULL, NULL);
  return IFACE (self)->reveal_key (self, key_id, audit, error);
}

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

static void
clear_point (RosterReportPoint *point)
{
  g_clear_pointer (&point->by_method, g_array_unref);
  g_clear_pointer (&point->by_key, g_array_unref);
}

static void
clear_method (RosterReportMethod *method)
{
  g_free (method->name);
}

static void
clear_key (RosterReportKey *key)
{
  g_free (key->nickname);
}

static void
clear_key_count (RosterReportKeyCount *count)
{
  g_free (count->nickname);
}

void
roster_report_point_add_method (RosterReportPoint *point,
                                gint64             method_id,
                                gint64             count)
{
  RosterReportMethodCount *slot = NULL;

  if (point->by_method == NULL)
    point->by_method = g_array_new (FALSE, TRUE, sizeof (RosterReportMethodCount));

  for (guint i = 0; i < point->by_method->len && slot == NULL; i++)
    if (g_array_index (point->by_method, RosterReportMethodCount, i).method_id == method_id)
      slot = &g_array_index (point->by_method, RosterReportMethodCount, i);

  if (slot != NULL)
    slot->count += count;
  else
    {
      RosterReportMethodCount row = { method_id, count };
      g_array_append_val (point->by_method, row);
    }
}

void
roster_report_point_add_key (RosterReportPoint *point,
                             const char        *nickname,
                             gint64             count)
{
  RosterReportKeyCount *slot = NULL;

  if (point->by_key == NULL)
    {
      point->by_key = g_array_new (FALSE, TRUE, sizeof (RosterReportKeyCount));
      g_array_set_clear_func (point->by_key, (GDestroyNotify) clear_key_count);
    }

  for (guint i = 0; i < point->by_key->len && slot == NULL; i++)
    if (g_strcmp0 (g_array_index (point->by_key, RosterReportKeyCount, i).nickname, nickname) == 0)
      slot = &g_array_index (point->by_key, RosterReportKeyCount, i);

  if (slot != NULL)
    slot->count += count;
  else
    {
      RosterReportKeyCount row = { g_strdup (nickname), count };
      g_array_append_val (point->by_key, row);
    }
}

RosterEnrolmentReport *
roster_enrolment_report_new (void)
{
  RosterEnrolmentReport *report = g_new0 (RosterEnrolmentReport, 1);

  report->series = g_array_new (FALSE, TRUE, sizeof (RosterReportPoint));
  g_array_set_clear_func (report->series, (GDestroyNotify) clear_point);
  report->methods = g_array_new (FALSE, TRUE, sizeof (RosterReportMethod));
  g_array_set_clear_func (report->methods, (GDestroyNotify) clear_method);
  report->keys = g_array_new (FALSE, TRUE, sizeof (RosterReportKey));
  g_array_set_clear_func (report->keys, (GDestroyNotify) clear_key);
  report->by_method = g_array_new (FALSE, TRUE, sizeof (RosterReportMethodCount));

  return report;
}

void
roster_enrolment_report_free (RosterEnrolmentReport *report)
{
  if (report == NULL)
    return;

  g_array_unref (report->series);
  g_array_unref (report->methods);
  g_array_unref (report->keys);
  g_array_unref (report->by_method);
  g_free (report);
}

RosterEnrolmentReport *
roster_storage_enrolment_report (RosterStorage                     *self,
                                 const RosterEnrolmentReportQuery  *query,
                                 GError                           **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  return IFACE (self)->enrolment_report (self, query, error);
}

/* ---- end of audit and reports ---- */
