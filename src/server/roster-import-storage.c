/* roster-import-storage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-import-storage.h"

G_DEFINE_INTERFACE (RosterImportStorage, roster_import_storage, G_TYPE_OBJECT)

static void
roster_import_storage_default_init (RosterImportStorageInterface *iface)
{
}

static const char * const state_names[] = { "queued", "running", "done", "failed", "cancelled" };
static const char * const outcome_names[] = { "create", "update", "enrol", "unchanged", "skipped", "error" };

const char *
roster_import_state_to_string (RosterImportState state)
{
  return (guint) state < G_N_ELEMENTS (state_names) ? state_names[state] : NULL;
}

gboolean
roster_import_state_from_string (const char        *str,
                                 RosterImportState *state)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (str, state_names[i]))
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

const char *
roster_import_outcome_to_string (RosterImportOutcome outcome)
{
  return (guint) outcome < G_N_ELEMENTS (outcome_names) ? outcome_names[outcome] : NULL;
}

gboolean
roster_import_outcome_from_string (const char          *str,
                                   RosterImportOutcome *outcome)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (outcome_names); i++)
    if (g_str_equal (str, outcome_names[i]))
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

void
roster_import_job_free (RosterImportJob *job)
{
  if (job == NULL)
    return;

  g_free (job->file_name);
  g_free (job->options);
  g_free (job->file_info);
  g_free (job->error);
  g_free (job);
}

void
roster_import_report_row_free (RosterImportReportRow *row)
{
  if (row == NULL)
    return;

  g_free (row->username);
  g_free (row->email);
  g_free (row->problems);
  g_free (row);
}

void
roster_import_user_free (RosterImportUser *user)
{
  if (user == NULL)
    return;

  g_free (user->username);
  g_free (user->email);
  g_free (user->first_name);
  g_free (user->last_name);
  g_free (user->idnumber);
  g_free (user);
}

gint64
roster_import_storage_create_job (RosterImportStorage     *self,
                                  const RosterImportJob   *job,
                                  const RosterAuditEvent  *audit,
                                  GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), 0);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->create_job (self, job, audit, error);
}

gboolean
roster_import_storage_update_job (RosterImportStorage    *self,
                                  const RosterImportJob  *job,
                                  GError                **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->update_job (self, job, error);
}

RosterImportJob *
roster_import_storage_get_job (RosterImportStorage  *self,
                               gint64                job_id,
                               GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), NULL);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->get_job (self, job_id, error);
}

GPtrArray *
roster_import_storage_list_jobs (RosterImportStorage  *self,
                                 gint64                course_id,
                                 gint64                before_id,
                                 guint                 limit,
                                 GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->list_jobs (self, course_id, before_id, limit, error);
}

GPtrArray *
roster_import_storage_list_report (RosterImportStorage  *self,
                                   gint64                job_id,
                                   gboolean              problems_only,
                                   guint                 after_line,
                                   guint                 limit,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), NULL);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->list_report (self, job_id, problems_only, after_line, limit, error);
}

gboolean
roster_import_storage_fail_interrupted (RosterImportStorage  *self,
                                        const char           *reason,
                                        guint                *count,
                                        GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->fail_interrupted (self, reason, count, error);
}

gboolean
roster_import_storage_save_progress (RosterImportStorage  *self,
                                     gint64                job_id,
                                     guint                 rows_total,
                                     guint                 rows_done,
                                     gboolean              importing,
                                     gboolean             *cancel_requested,
                                     GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->save_progress (self, job_id, rows_total, rows_done, importing,
                                                                cancel_requested, error);
}

gboolean
roster_import_storage_request_cancel (RosterImportStorage     *self,
                                      gint64                   job_id,
                                      const RosterAuditEvent  *audit,
                                      gboolean                *requested,
                                      GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->request_cancel (self, job_id, audit, requested, error);
}

RosterImportSession *
roster_import_storage_begin (RosterImportStorage  *self,
                             gboolean              write,
                             GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), NULL);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->begin (self, write, error);
}

gboolean
roster_import_storage_end (RosterImportStorage  *self,
                           RosterImportSession  *session,
                           gboolean              commit,
                           GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->end (self, session, commit, error);
}

gboolean
roster_import_storage_find_user (RosterImportStorage  *self,
                                 RosterImportSession  *session,
                                 const char           *username,
                                 const char           *email,
                                 RosterImportUser    **by_username,
                                 RosterImportUser    **by_email,
                                 GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->find_user (self, session, username, email, by_username, by_email, error);
}

gint64
roster_import_storage_find_course (RosterImportStorage  *self,
                                   RosterImportSession  *session,
                                   const char           *short_name,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), 0);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->find_course (self, session, short_name, error);
}

gint64
roster_import_storage_find_group (RosterImportStorage  *self,
                                  RosterImportSession  *session,
                                  gint64                course_id,
                                  const char           *name,
                                  GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), 0);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->find_group (self, session, course_id, name, error);
}

gboolean
roster_import_storage_is_enrolled (RosterImportStorage  *self,
                                   RosterImportSession  *session,
                                   gint64                course_id,
                                   gint64                user_id,
                                   gboolean             *enrolled,
                                   GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->is_enrolled (self, session, course_id, user_id, enrolled, error);
}

gboolean
roster_import_storage_is_member (RosterImportStorage  *self,
                                 RosterImportSession  *session,
                                 gint64                group_id,
                                 gint64                user_id,
                                 gboolean             *member,
                                 GError              **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->is_member (self, session, group_id, user_id, member, error);
}

gint64
roster_import_storage_create_group (RosterImportStorage     *self,
                                    RosterImportSession     *session,
                                    gint64                   course_id,
                                    const char              *name,
                                    const RosterAuditEvent  *audit,
                                    GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), 0);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->create_group (self, session, course_id, name, audit, error);
}

gint64
roster_import_storage_create_user (RosterImportStorage     *self,
                                   RosterImportSession     *session,
                                   const RosterNewUser     *user,
                                   const char              *idnumber,
                                   const RosterAuditEvent  *audit,
                                   GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), 0);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->create_user (self, session, user, idnumber, audit, error);
}

gboolean
roster_import_storage_update_user (RosterImportStorage     *self,
                                   RosterImportSession     *session,
                                   gint64                   user_id,
                                   const char              *first_name,
                                   const char              *last_name,
                                   const char              *idnumber,
                                   const RosterAuditEvent  *audit,
                                   GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->update_user (self, session, user_id, first_name, last_name, idnumber, audit, error);
}

gboolean
roster_import_storage_enrol (RosterImportStorage     *self,
                             RosterImportSession     *session,
                             gint64                   course_id,
                             gint64                   user_id,
                             RosterRole               role,
                             RosterEnrolmentStatus    status,
                             gint64                   start_at,
                             gint64                   end_at,
                             const RosterAuditEvent  *audit,
                             GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->enrol (self, session, course_id, user_id, role, status, start_at, end_at, audit, error);
}

gboolean
roster_import_storage_add_member (RosterImportStorage     *self,
                                  RosterImportSession     *session,
                                  gint64                   group_id,
                                  gint64                   user_id,
                                  const RosterAuditEvent  *audit,
                                  GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->add_member (self, session, group_id, user_id, audit, error);
}

gboolean
roster_import_storage_add_report_row (RosterImportStorage          *self,
                                      RosterImportSession          *session,
                                      gint64                        job_id,
                                      const RosterImportReportRow  *row,
                                      GError                      **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->add_report_row (self, session, job_id, row, error);
}

gboolean
roster_import_storage_invite (RosterImportStorage     *self,
                              RosterImportSession     *session,
                              gint64                   user_id,
                              const RosterMailToken   *token,
                              const RosterMailDraft   *mail,
                              const RosterAuditEvent  *audit,
                              GError                 **error)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_STORAGE (self), FALSE);
  g_return_val_if_fail (session != NULL && token != NULL && mail != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ROSTER_IMPORT_STORAGE_GET_IFACE (self)->invite (self, session, user_id, token, mail, audit, error);
}
