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

/* ---- end of users ---- */


/* ---- audit and reports ---- */

/* ---- end of audit and reports ---- */
