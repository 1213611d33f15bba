/* roster-import-storage.h: where imports keep their jobs and write their
 * rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A second interface of the storage drivers, beside RosterStorage: an
 * import writes thousands of rows as one unit, all of them or none. It
 * runs in an import session, one transaction on one connection of its
 * own with its statements prepared once; the importer (roster-importer.c)
 * decides what each row does, asks the session to find and to write,
 * and ends the session with a commit or a rollback.
 */

#pragma once

#include "roster-mail-draft.h"
#include "roster-storage.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_IMPORT_STATE_QUEUED,
  ROSTER_IMPORT_STATE_RUNNING,
  ROSTER_IMPORT_STATE_DONE,
  ROSTER_IMPORT_STATE_FAILED,
  ROSTER_IMPORT_STATE_CANCELLED,
} RosterImportState;

const char *roster_import_state_to_string   (RosterImportState state);
gboolean    roster_import_state_from_string (const char        *str,
                                             RosterImportState *state);

/* What happened (or, in a dry run, would happen) to one row. */
typedef enum
{
  ROSTER_IMPORT_OUTCOME_CREATE,      /* a new account (and its enrolments) */
  ROSTER_IMPORT_OUTCOME_UPDATE,      /* an existing account changed (update option) */
  ROSTER_IMPORT_OUTCOME_ENROL,       /* an existing account newly enrolled or grouped */
  ROSTER_IMPORT_OUTCOME_UNCHANGED,   /* nothing to do: all of it is there already */
  ROSTER_IMPORT_OUTCOME_SKIPPED,     /* had problems, left out (skip option) */
  ROSTER_IMPORT_OUTCOME_ERROR,       /* has problems */
} RosterImportOutcome;

#define ROSTER_IMPORT_N_OUTCOMES (ROSTER_IMPORT_OUTCOME_ERROR + 1)

const char *roster_import_outcome_to_string   (RosterImportOutcome outcome);
gboolean    roster_import_outcome_from_string (const char          *str,
                                               RosterImportOutcome *outcome);

typedef struct
{
  gint64             id;
  gint64             course_id;
  gint64             created_by;
  gint64             created_at;
  gint64             started_at;
  gint64             finished_at;
  RosterImportState  state;
  guint              rows_total;
  guint              rows_done;
  guint              counts[ROSTER_IMPORT_N_OUTCOMES];
  char              *file_name;
  char              *options;        /* JSON object */
  char              *file_info;      /* JSON object: encoding, delimiter, columns */
  char              *error;          /* why it failed, for people */
  gboolean           importing;      /* while running: writing (else checking), as last saved */
  gboolean           cancel_requested;  /* through a server that does not run it */
} RosterImportJob;

void roster_import_job_free (RosterImportJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportJob, roster_import_job_free)

/* One line of a job's report. */
typedef struct
{
  guint                line;
  RosterImportOutcome  outcome;
  gint64               user_id;      /* 0: none */
  char                *username;
  char                *email;
  char                *problems;     /* JSON array of {column, code, message}, or NULL */
} RosterImportReportRow;

void roster_import_report_row_free (RosterImportReportRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportReportRow, roster_import_report_row_free)

/* An account the importer found, by username or by e-mail address. */
typedef struct
{
  gint64           id;
  char            *username;
  char            *email;
  char            *first_name;
  char            *last_name;
  char            *idnumber;
  RosterUserType   type;
  RosterUserState  state;
} RosterImportUser;

void roster_import_user_free (RosterImportUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportUser, roster_import_user_free)

typedef struct _RosterImportSession RosterImportSession;

#define ROSTER_TYPE_IMPORT_STORAGE (roster_import_storage_get_type ())

G_DECLARE_INTERFACE (RosterImportStorage, roster_import_storage, ROSTER, IMPORT_STORAGE, GObject)

struct _RosterImportStorageInterface
{
  GTypeInterface parent_iface;

  /* A new job (queued) for @job's course, author, file and options. */
  gint64                (*create_job) (RosterImportStorage     *self,
                                       const RosterImportJob   *job,
                                       const RosterAuditEvent  *audit,
                                       GError                 **error);
  /* Writes @job's state, counters, times, file information and error (its id says which). */
  gboolean              (*update_job) (RosterImportStorage    *self,
                                       const RosterImportJob  *job,
                                       GError                **error);
  RosterImportJob *     (*get_job) (RosterImportStorage  *self,
                                    gint64                job_id,
                                    GError              **error);
  /* A course's jobs with an id below @before_id (0: from the newest), newest first; of
   * RosterImportJob. */
  GPtrArray *           (*list_jobs) (RosterImportStorage  *self,
                                      gint64                course_id,
                                      gint64                before_id,
                                      guint                 limit,
                                      GError              **error);
  /* The report rows of a job after @after_line, by line; of RosterImportReportRow. */
  GPtrArray *           (*list_report) (RosterImportStorage  *self,
                                        gint64                job_id,
                                        gboolean              problems_only,
                                        guint                 after_line,
                                        guint                 limit,
                                        GError              **error);
  /* Jobs left queued or running by a server that stopped: failed, with @reason. Their
   * transaction never committed, so nothing of them is left over. */
  gboolean              (*fail_interrupted) (RosterImportStorage  *self,
                                             const char           *reason,
                                             guint                *count,
                                             GError              **error);
  /* Saves the progress of running job @job_id where every server reads it (SQLite, whose
   * one server shows it from memory and whose import holds the only write lock, does not)
   * and says in @cancel_requested whether someone asked (request_cancel) to cancel it. */
  gboolean              (*save_progress) (RosterImportStorage  *self,
                                          gint64                job_id,
                                          guint                 rows_total,
                                          guint                 rows_done,
                                          gboolean              importing,
                                          gboolean             *cancel_requested,
                                          GError              **error);
  /* Asks the server that owns job @job_id to cancel it, with @audit, when it is queued or
   * running; @requested says whether it was. */
  gboolean              (*request_cancel) (RosterImportStorage     *self,
                                           gint64                   job_id,
                                           const RosterAuditEvent  *audit,
                                           gboolean                *requested,
                                           GError                 **error);
  /* The session: one transaction (a write one when @write) on a connection of its own,
   * until end() commits or rolls back and frees it. */
  RosterImportSession * (*begin) (RosterImportStorage  *self,
                                  gboolean              write,
                                  GError              **error);
  gboolean              (*end) (RosterImportStorage  *self,
                                RosterImportSession  *session,
                                gboolean              commit,
                                GError              **error);
  /* The accounts @username and @email name (compared as identity keys), if any; either
   * may be NULL to look for the other only. */
  gboolean              (*find_user) (RosterImportStorage  *self,
                                      RosterImportSession  *session,
                                      const char           *username,
                                      const char           *email,
                                      RosterImportUser    **by_username,
                                      RosterImportUser    **by_email,
                                      GError              **error);
  /* 0 when there is none. */
  gint64                (*find_course) (RosterImportStorage  *self,
                                        RosterImportSession  *session,
                                        const char           *short_name,
                                        GError              **error);
  /* 0 when there is none. */
  gint64                (*find_group) (RosterImportStorage  *self,
                                       RosterImportSession  *session,
                                       gint64                course_id,
                                       const char           *name,
                                       GError              **error);
  gboolean              (*is_enrolled) (RosterImportStorage  *self,
                                        RosterImportSession  *session,
                                        gint64                course_id,
                                        gint64                user_id,
                                        gboolean             *enrolled,
                                        GError              **error);
  gboolean              (*is_member) (RosterImportStorage  *self,
                                      RosterImportSession  *session,
                                      gint64                group_id,
                                      gint64                user_id,
                                      gboolean             *member,
                                      GError              **error);
  gint64                (*create_group) (RosterImportStorage     *self,
                                         RosterImportSession     *session,
                                         gint64                   course_id,
                                         const char              *name,
                                         const RosterAuditEvent  *audit,
                                         GError                 **error);
  gint64                (*create_user) (RosterImportStorage     *self,
                                        RosterImportSession     *session,
                                        const RosterNewUser     *user,
                                        const char              *idnumber,
                                        const RosterAuditEvent  *audit,
                                        GError                 **error);
  /* NULL values stay as they are. */
  gboolean              (*update_user) (RosterImportStorage     *self,
                                        RosterImportSession     *session,
                                        gint64                   user_id,
                                        const char              *first_name,
                                        const char              *last_name,
                                        const char              *idnumber,
                                        const RosterAuditEvent  *audit,
                                        GError                 **error);
  /* Through the course's manual method (made when it has none). */
  gboolean              (*enrol) (RosterImportStorage     *self,
                                  RosterImportSession     *session,
                                  gint64                   course_id,
                                  gint64                   user_id,
                                  RosterRole               role,
                                  RosterEnrolmentStatus    status,
                                  gint64                   start_at,
                                  gint64                   end_at,
                                  const RosterAuditEvent  *audit,
                                  GError                 **error);
  gboolean              (*add_member) (RosterImportStorage     *self,
                                       RosterImportSession     *session,
                                       gint64                   group_id,
                                       gint64                   user_id,
                                       const RosterAuditEvent  *audit,
                                       GError                 **error);
  gboolean              (*add_report_row) (RosterImportStorage          *self,
                                           RosterImportSession          *session,
                                           gint64                        job_id,
                                           const RosterImportReportRow  *row,
                                           GError                      **error);
  /* Stores @token as a password link (the /reset page's) of @user_id and queues @mail,
   * in the session's transaction: a rolled-back import invites no one. */
  gboolean              (*invite) (RosterImportStorage     *self,
                                   RosterImportSession     *session,
                                   gint64                   user_id,
                                   const RosterMailToken   *token,
                                   const RosterMailDraft   *mail,
                                   const RosterAuditEvent  *audit,
                                   GError                 **error);
};

gint64                roster_import_storage_create_job (RosterImportStorage     *self,
                                                        const RosterImportJob   *job,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean              roster_import_storage_update_job (RosterImportStorage    *self,
                                                        const RosterImportJob  *job,
                                                        GError                **error);
RosterImportJob *     roster_import_storage_get_job (RosterImportStorage  *self,
                                                     gint64                job_id,
                                                     GError              **error);
GPtrArray *           roster_import_storage_list_jobs (RosterImportStorage  *self,
                                                       gint64                course_id,
                                                       gint64                before_id,
                                                       guint                 limit,
                                                       GError              **error);
GPtrArray *           roster_import_storage_list_report (RosterImportStorage  *self,
                                                         gint64                job_id,
                                                         gboolean              problems_only,
                                                         guint                 after_line,
                                                         guint                 limit,
                                                         GError              **error);
gboolean              roster_import_storage_fail_interrupted (RosterImportStorage  *self,
                                                              const char           *reason,
                                                              guint                *count,
                                                              GError              **error);
gboolean              roster_import_storage_save_progress (RosterImportStorage  *self,
                                                           gint64                job_id,
                                                           guint                 rows_total,
                                                           guint                 rows_done,
                                                           gboolean              importing,
                                                           gboolean             *cancel_requested,
                                                           GError              **error);
gboolean              roster_import_storage_request_cancel (RosterImportStorage     *self,
                                                            gint64                   job_id,
                                                            const RosterAuditEvent  *audit,
                                                            gboolean                *requested,
                                                            GError                 **error);
RosterImportSession * roster_import_storage_begin (RosterImportStorage  *self,
                                                   gboolean              write,
                                                   GError              **error);
gboolean              roster_import_storage_end (RosterImportStorage  *self,
                                                 RosterImportSession  *session,
                                                 gboolean              commit,
                                                 GError              **error);
gboolean              roster_import_storage_find_user (RosterImportStorage  *self,
                                                       RosterImportSession  *session,
                                                       const char           *username,
                                                       const char           *email,
                                                       RosterImportUser    **by_username,
                                                       RosterImportUser    **by_email,
                                                       GError              **error);
gint64                roster_import_storage_find_course (RosterImportStorage  *self,
                                                         RosterImportSession  *session,
                                                         const char           *short_name,
                                                         GError              **error);
gint64                roster_import_storage_find_group (RosterImportStorage  *self,
                                                        RosterImportSession  *session,
                                                        gint64                course_id,
                                                        const char           *name,
                                                        GError              **error);
gboolean              roster_import_storage_is_enrolled (RosterImportStorage  *self,
                                                         RosterImportSession  *session,
                                                         gint64                course_id,
                                                         gint64                user_id,
                                                         gboolean             *enrolled,
                                                         GError              **error);
gboolean              roster_import_storage_is_member (RosterImportStorage  *self,
                                                       RosterImportSession  *session,
                                                       gint64                group_id,
                                                       gint64                user_id,
                                                       gboolean             *member,
                                                       GError              **error);
gint64                roster_import_storage_create_group (RosterImportStorage     *self,
                                                          RosterImportSession     *session,
                                                          gint64                   course_id,
                                                          const char              *name,
                                                          const RosterAuditEvent  *audit,
                                                          GError                 **error);
gint64                roster_import_storage_create_user (RosterImportStorage     *self,
                                                         RosterImportSession     *session,
                                                         const RosterNewUser     *user,
                                                         const char              *idnumber,
                                                         const RosterAuditEvent  *audit,
                                                         GError                 **error);
gboolean              roster_import_storage_update_user (RosterImportStorage     *self,
                                                         RosterImportSession     *session,
                                                         gint64                   user_id,
                                                         const char              *first_name,
                                                         const char              *last_name,
                                                         const char              *idnumber,
                                                         const RosterAuditEvent  *audit,
                                                         GError                 **error);
gboolean              roster_import_storage_enrol (RosterImportStorage     *self,
                                                   RosterImportSession     *session,
                                                   gint64                   course_id,
                                                   gint64                   user_id,
                                                   RosterRole               role,
                                                   RosterEnrolmentStatus    status,
                                                   gint64                   start_at,
                                                   gint64                   end_at,
                                                   const RosterAuditEvent  *audit,
                                                   GError                 **error);
gboolean              roster_import_storage_add_member (RosterImportStorage     *self,
                                                        RosterImportSession     *session,
                                                        gint64                   group_id,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean              roster_import_storage_add_report_row (RosterImportStorage          *self,
                                                            RosterImportSession          *session,
                                                            gint64                        job_id,
                                                            const RosterImportReportRow  *row,
                                                            GError                      **error);
gboolean              roster_import_storage_invite (RosterImportStorage     *self,
                                                    RosterImportSession     *session,
                                                    gint64                   user_id,
                                                    const RosterMailToken   *token,
                                                    const RosterMailDraft   *mail,
                                                    const RosterAuditEvent  *audit,
                                                    GError                 **error);

G_END_DECLS
