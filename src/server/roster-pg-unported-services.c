/* roster-pg-unported-services.c: the import and sign-up methods
 * the PostgreSQL driver does not have yet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As roster-pg-unported.c: issue 10 ports the SQLite driver over several steps. Until a method
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
#include "roster-import-storage.h"
#include "roster-pg-private.h"
#include "roster-signup-storage.h"

static void
set_unported (GError     **error,
              const char  *method)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_UNAVAILABLE,
               _("%s is not ported to the PostgreSQL storage driver yet"), method);
}

static gint64
unported_importstorage_create_job (RosterImportStorage *self,
                                   const RosterImportJob *job,
                                   const RosterAuditEvent *audit,
                                   GError **error)
{
  set_unported (error, "RosterImportStorage.create_job");
  return 0;
}

static gboolean
unported_importstorage_update_job (RosterImportStorage *self,
                                   const RosterImportJob *job,
                                   GError **error)
{
  set_unported (error, "RosterImportStorage.update_job");
  return FALSE;
}

static RosterImportJob *
unported_importstorage_get_job (RosterImportStorage *self,
                                gint64 job_id,
                                GError **error)
{
  set_unported (error, "RosterImportStorage.get_job");
  return NULL;
}

static GPtrArray *
unported_importstorage_list_jobs (RosterImportStorage *self,
                                  gint64 course_id,
                                  gint64 before_id,
                                  guint limit,
                                  GError **error)
{
  set_unported (error, "RosterImportStorage.list_jobs");
  return NULL;
}

static GPtrArray *
unported_importstorage_list_report (RosterImportStorage *self,
                                    gint64 job_id,
                                    gboolean problems_only,
                                    guint after_line,
                                    guint limit,
                                    GError **error)
{
  set_unported (error, "RosterImportStorage.list_report");
  return NULL;
}

static RosterImportSession *
unported_importstorage_begin (RosterImportStorage *self,
                              gboolean write,
                              GError **error)
{
  set_unported (error, "RosterImportStorage.begin");
  return NULL;
}

static gboolean
unported_importstorage_end (RosterImportStorage *self,
                            RosterImportSession *session,
                            gboolean commit,
                            GError **error)
{
  set_unported (error, "RosterImportStorage.end");
  return FALSE;
}

static gboolean
unported_importstorage_find_user (RosterImportStorage *self,
                                  RosterImportSession *session,
                                  const char *username,
                                  const char *email,
                                  RosterImportUser **by_username,
                                  RosterImportUser **by_email,
                                  GError **error)
{
  set_unported (error, "RosterImportStorage.find_user");
  return FALSE;
}

static gint64
unported_importstorage_find_course (RosterImportStorage *self,
                                    RosterImportSession *session,
                                    const char *short_name,
                                    GError **error)
{
  set_unported (error, "RosterImportStorage.find_course");
  return 0;
}

static gint64
unported_importstorage_find_group (RosterImportStorage *self,
                                   RosterImportSession *session,
                                   gint64 course_id,
                                   const char *name,
                                   GError **error)
{
  set_unported (error, "RosterImportStorage.find_group");
  return 0;
}

static gboolean
unported_importstorage_is_enrolled (RosterImportStorage *self,
                                    RosterImportSession *session,
                                    gint64 course_id,
                                    gint64 user_id,
                                    gboolean *enrolled,
                                    GError **error)
{
  set_unported (error, "RosterImportStorage.is_enrolled");
  return FALSE;
}

static gboolean
unported_importstorage_is_member (RosterImportStorage *self,
                                  RosterImportSession *session,
                                  gint64 group_id,
                                  gint64 user_id,
                                  gboolean *member,
                                  GError **error)
{
  set_unported (error, "RosterImportStorage.is_member");
  return FALSE;
}

static gint64
unported_importstorage_create_group (RosterImportStorage *self,
                                     RosterImportSession *session,
                                     gint64 course_id,
                                     const char *name,
                                     const RosterAuditEvent *audit,
                                     GError **error)
{
  set_unported (error, "RosterImportStorage.create_group");
  return 0;
}

static gint64
unported_importstorage_create_user (RosterImportStorage *self,
                                    RosterImportSession *session,
                                    const RosterNewUser *user,
                                    const char *idnumber,
                                    const RosterAuditEvent *audit,
                                    GError **error)
{
  set_unported (error, "RosterImportStorage.create_user");
  return 0;
}

static gboolean
unported_importstorage_update_user (RosterImportStorage *self,
                                    RosterImportSession *session,
                                    gint64 user_id,
                                    const char *first_name,
                                    const char *last_name,
                                    const char *idnumber,
                                    const RosterAuditEvent *audit,
                                    GError **error)
{
  set_unported (error, "RosterImportStorage.update_user");
  return FALSE;
}

static gboolean
unported_importstorage_enrol (RosterImportStorage *self,
                              RosterImportSession *session,
                              gint64 course_id,
                              gint64 user_id,
                              RosterRole role,
                              RosterEnrolmentStatus status,
                              gint64 start_at,
                              gint64 end_at,
                              const RosterAuditEvent *audit,
                              GError **error)
{
  set_unported (error, "RosterImportStorage.enrol");
  return FALSE;
}

static gboolean
unported_importstorage_add_member (RosterImportStorage *self,
                                   RosterImportSession *session,
                                   gint64 group_id,
                                   gint64 user_id,
                                   const RosterAuditEvent *audit,
                                   GError **error)
{
  set_unported (error, "RosterImportStorage.add_member");
  return FALSE;
}

static gboolean
unported_importstorage_add_report_row (RosterImportStorage *self,
                                       RosterImportSession *session,
                                       gint64 job_id,
                                       const RosterImportReportRow *row,
                                       GError **error)
{
  set_unported (error, "RosterImportStorage.add_report_row");
  return FALSE;
}

static gboolean
unported_importstorage_invite (RosterImportStorage *self,
                               RosterImportSession *session,
                               gint64 user_id,
                               const RosterMailToken *token,
                               const RosterMailDraft *mail,
                               const RosterAuditEvent *audit,
                               GError **error)
{
  set_unported (error, "RosterImportStorage.invite");
  return FALSE;
}

static RosterSignupKey *
unported_signupstorage_find_key (RosterSignupStorage *self,
                                 const char *lookup,
                                 GError **error)
{
  set_unported (error, "RosterSignupStorage.find_key");
  return NULL;
}

static RosterUser *
unported_signupstorage_find_user_by_email (RosterSignupStorage *self,
                                           const char *email,
                                           GError **error)
{
  set_unported (error, "RosterSignupStorage.find_user_by_email");
  return NULL;
}

static gboolean
unported_signupstorage_is_enrolled (RosterSignupStorage *self,
                                    gint64 course_id,
                                    gint64 user_id,
                                    gboolean *enrolled,
                                    GError **error)
{
  set_unported (error, "RosterSignupStorage.is_enrolled");
  return FALSE;
}

static gint64
unported_signupstorage_create_pending (RosterSignupStorage *self,
                                       const RosterNewUser *user,
                                       gint64 key_id,
                                       const char *remote_address,
                                       const RosterMailToken *token,
                                       const RosterMailDraft *mail,
                                       const RosterAuditEvent *audit,
                                       GError **error)
{
  set_unported (error, "RosterSignupStorage.create_pending");
  return 0;
}

static gboolean
unported_signupstorage_add_pending (RosterSignupStorage *self,
                                    gint64 user_id,
                                    gint64 key_id,
                                    const char *remote_address,
                                    const RosterMailToken *token,
                                    const RosterMailDraft *mail,
                                    const RosterAuditEvent *audit,
                                    GError **error)
{
  set_unported (error, "RosterSignupStorage.add_pending");
  return FALSE;
}

static gboolean
unported_signupstorage_confirm (RosterSignupStorage *self,
                                const char *token_hash,
                                gint64 now,
                                const char *remote_address,
                                RosterSignupResult *result,
                                GError **error)
{
  set_unported (error, "RosterSignupStorage.confirm");
  return FALSE;
}

static gboolean
unported_signupstorage_enrol_with_key (RosterSignupStorage *self,
                                       gint64 user_id,
                                       gint64 key_id,
                                       gint64 now,
                                       const char *remote_address,
                                       RosterSignupEnrolment **enrolment,
                                       GError **error)
{
  set_unported (error, "RosterSignupStorage.enrol_with_key");
  return FALSE;
}

static gboolean
unported_signupstorage_create_reset (RosterSignupStorage *self,
                                     gint64 user_id,
                                     const RosterMailToken *token,
                                     const RosterMailDraft *mail,
                                     const RosterAuditEvent *audit,
                                     GError **error)
{
  set_unported (error, "RosterSignupStorage.create_reset");
  return FALSE;
}

static gboolean
unported_signupstorage_reset_password (RosterSignupStorage *self,
                                       const char *token_hash,
                                       const char *password_hash,
                                       gint64 now,
                                       const char *remote_address,
                                       RosterSignupResult *result,
                                       GError **error)
{
  set_unported (error, "RosterSignupStorage.reset_password");
  return FALSE;
}

void
roster_pg_unported_import_init (RosterImportStorageInterface *iface)
{
  iface->create_job = unported_importstorage_create_job;
  iface->update_job = unported_importstorage_update_job;
  iface->get_job = unported_importstorage_get_job;
  iface->list_jobs = unported_importstorage_list_jobs;
  iface->list_report = unported_importstorage_list_report;
  iface->begin = unported_importstorage_begin;
  iface->end = unported_importstorage_end;
  iface->find_user = unported_importstorage_find_user;
  iface->find_course = unported_importstorage_find_course;
  iface->find_group = unported_importstorage_find_group;
  iface->is_enrolled = unported_importstorage_is_enrolled;
  iface->is_member = unported_importstorage_is_member;
  iface->create_group = unported_importstorage_create_group;
  iface->create_user = unported_importstorage_create_user;
  iface->update_user = unported_importstorage_update_user;
  iface->enrol = unported_importstorage_enrol;
  iface->add_member = unported_importstorage_add_member;
  iface->add_report_row = unported_importstorage_add_report_row;
  iface->invite = unported_importstorage_invite;
}

void
roster_pg_unported_signup_init (RosterSignupStorageInterface *iface)
{
  iface->find_key = unported_signupstorage_find_key;
  iface->find_user_by_email = unported_signupstorage_find_user_by_email;
  iface->is_enrolled = unported_signupstorage_is_enrolled;
  iface->create_pending = unported_signupstorage_create_pending;
  iface->add_pending = unported_signupstorage_add_pending;
  iface->confirm = unported_signupstorage_confirm;
  iface->enrol_with_key = unported_signupstorage_enrol_with_key;
  iface->create_reset = unported_signupstorage_create_reset;
  iface->reset_password = unported_signupstorage_reset_password;
}

