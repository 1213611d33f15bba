/* roster-storage-methods.c: RosterStorage, enrolment methods and keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-storage.h"

#define IFACE(self) ROSTER_STORAGE_GET_IFACE (self)

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

gboolean
roster_storage_find_key_secrets (RosterStorage       *self,
                                 const char * const  *lookups,
                                 guint                n_lookups,
                                 gboolean            *in_use,
                                 GError             **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (n_lookups == 0 || (lookups != NULL && in_use != NULL), FALSE);
  return IFACE (self)->find_key_secrets (self, lookups, n_lookups, in_use, error);
}

gboolean
roster_storage_create_keys (RosterStorage           *self,
                            const RosterNewKey      *keys,
                            guint                    n_keys,
                            const RosterAuditEvent  *audit,
                            const char * const      *details,
                            gint64                  *ids,
                            GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), FALSE);
  g_return_val_if_fail (n_keys == 0 || (keys != NULL && ids != NULL), FALSE);
  g_return_val_if_fail (audit != NULL, FALSE);
  for (guint i = 0; i < n_keys; i++)
    g_return_val_if_fail (keys[i].secret_sealed != NULL && keys[i].secret_lookup != NULL, FALSE);
  return IFACE (self)->create_keys (self, keys, n_keys, audit, details, ids, error);
}
