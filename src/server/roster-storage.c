/* roster-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-storage.h"
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
    return ROSTER_STORAGE (roster_pg_storage_new (database, pool_size, error));

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

