/* roster-pg-unported.c: the methods the PostgreSQL driver does not have yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 10 ports the SQLite driver over several steps. Until a method
 * is ported it is here, failing with ROSTER_ERROR_UNAVAILABLE and a
 * message that says so (never a made-up answer), and roster_storage_open()
 * keeps the driver behind ROSTER_EXPERIMENTAL_PG=1. Porting a method
 * means writing it in its area's roster-pg-*.c, assigning it in that
 * file's init (which runs after these) and deleting it here; when this
 * file is empty it goes, and so does the environment variable.
 */

#define G_LOG_DOMAIN "roster-pg"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-pg-private.h"

static void
set_unported (GError     **error,
              const char  *method)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
               _("%s is not ported to the PostgreSQL storage driver yet"), method);
}

static GPtrArray *
unported_storage_list_users (RosterStorage *self,
                             const RosterUserQuery *query,
                             GError **error)
{
  set_unported (error, "RosterStorage.list_users");
  return NULL;
}

static RosterUserDetails *
unported_storage_get_user_details (RosterStorage *self,
                                   gint64 user_id,
                                   guint n_events,
                                   GError **error)
{
  set_unported (error, "RosterStorage.get_user_details");
  return NULL;
}

static gboolean
unported_storage_is_erased_email (RosterStorage *self,
                                  const char *email_hash,
                                  gboolean *erased,
                                  GError **error)
{
  set_unported (error, "RosterStorage.is_erased_email");
  return FALSE;
}

static RosterUser *
unported_storage_update_user (RosterStorage *self,
                              gint64 user_id,
                              const RosterUserChanges *changes,
                              const RosterAuditEvent *audit,
                              GError **error)
{
  set_unported (error, "RosterStorage.update_user");
  return NULL;
}

static RosterUser *
unported_storage_activate_user (RosterStorage *self,
                                gint64 user_id,
                                const RosterAuditEvent *audit_activated,
                                const RosterAuditEvent *audit_reactivated,
                                GError **error)
{
  set_unported (error, "RosterStorage.activate_user");
  return NULL;
}

static RosterUser *
unported_storage_suspend_user (RosterStorage *self,
                               gint64 user_id,
                               const RosterAuditEvent *audit,
                               GError **error)
{
  set_unported (error, "RosterStorage.suspend_user");
  return NULL;
}

static RosterUser *
unported_storage_unlock_user (RosterStorage *self,
                              gint64 user_id,
                              const RosterAuditEvent *audit,
                              GError **error)
{
  set_unported (error, "RosterStorage.unlock_user");
  return NULL;
}

static gboolean
unported_storage_set_user_password (RosterStorage *self,
                                    gint64 user_id,
                                    const char *password_hash,
                                    const RosterAuditEvent *audit,
                                    GError **error)
{
  set_unported (error, "RosterStorage.set_user_password");
  return FALSE;
}

static gboolean
unported_storage_erase_user (RosterStorage *self,
                             gint64 user_id,
                             RosterEmailHashFunc hash_email,
                             gpointer hash_data,
                             const RosterAuditEvent *audit,
                             GError **error)
{
  set_unported (error, "RosterStorage.erase_user");
  return FALSE;
}

static gint64
unported_storage_create_removal_request (RosterStorage *self,
                                         gint64 user_id,
                                         const char *reason,
                                         const RosterAuditEvent *audit,
                                         GError **error)
{
  set_unported (error, "RosterStorage.create_removal_request");
  return 0;
}

static GPtrArray *
unported_storage_list_removal_requests (RosterStorage *self,
                                        const RosterRemovalQuery *query,
                                        GError **error)
{
  set_unported (error, "RosterStorage.list_removal_requests");
  return NULL;
}

static RosterRemovalRequest *
unported_storage_decline_removal_request (RosterStorage *self,
                                          gint64 request_id,
                                          gint64 decided_by,
                                          const char *reason,
                                          const RosterAuditEvent *audit,
                                          GError **error)
{
  set_unported (error, "RosterStorage.decline_removal_request");
  return NULL;
}

void
roster_pg_unported_storage_init (RosterStorageInterface *iface)
{
  iface->list_users = unported_storage_list_users;
  iface->get_user_details = unported_storage_get_user_details;
  iface->is_erased_email = unported_storage_is_erased_email;
  iface->update_user = unported_storage_update_user;
  iface->activate_user = unported_storage_activate_user;
  iface->suspend_user = unported_storage_suspend_user;
  iface->unlock_user = unported_storage_unlock_user;
  iface->set_user_password = unported_storage_set_user_password;
  iface->erase_user = unported_storage_erase_user;
  iface->create_removal_request = unported_storage_create_removal_request;
  iface->list_removal_requests = unported_storage_list_removal_requests;
  iface->decline_removal_request = unported_storage_decline_removal_request;
}
