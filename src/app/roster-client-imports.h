/* roster-client-imports.h: bulk imports of people from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-import-report.h"
#include "roster-types.h"

G_BEGIN_DECLS

/* The options of POST /courses/{cid}/imports (docs/api.md). */
typedef struct
{
  gboolean         create_users;      /* TRUE */
  RosterUserType   user_type;         /* external */
  gboolean         update_users;      /* FALSE */
  gboolean         send_invitations;  /* FALSE */
  RosterRole       default_role;      /* student */
  const char      *group;             /* NULL: none */
  gboolean         create_groups;     /* TRUE */
  gint64           enrol_start;       /* Unix time, 0: none */
  gint64           enrol_end;         /* Unix time, 0: none */
  gboolean         skip_errors;       /* FALSE */
  const char      *encoding;          /* NULL: detect */
  char             delimiter;         /* '\0': detect */
  const char      *file_name;         /* NULL: none */
  /* NULL: the server guesses from the header. Else one entry per
   * column of the file, the field it holds as the API names it
   * ("firstname", "course2", …) or "" for a column to ignore, and a
   * NULL after the last. */
  const char * const *columns;
} RosterImportSettings;

/* The API's defaults. */
void                roster_import_settings_init         (RosterImportSettings *settings);

/* A dry run: the whole report, every row in it. The answer is parsed
 * in a worker thread (a 100 000-row report is tens of megabytes). */
void                roster_client_check_import_async    (RosterClient               *self,
                                                         gint64                      course_id,
                                                         GBytes                     *csv,
                                                         const RosterImportSettings *settings,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
RosterImportReport *roster_client_check_import_finish   (RosterClient               *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

/* Starts a job: the job as the server took it (queued or running). */
void                roster_client_start_import_async    (RosterClient               *self,
                                                         gint64                      course_id,
                                                         GBytes                     *csv,
                                                         const RosterImportSettings *settings,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
RosterImportReport *roster_client_start_import_finish   (RosterClient               *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

/* A job's state and progress, without rows. */
void                roster_client_get_import_async      (RosterClient               *self,
                                                         gint64                      import_id,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
RosterImportReport *roster_client_get_import_finish     (RosterClient               *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

/* Every report row of an ended job (all, or only those with problems),
 * page after page, appended to @store (of RosterImportResult) as they
 * come; the job as the last page described it. */
void                roster_client_fetch_import_rows_async  (RosterClient            *self,
                                                            gint64                   import_id,
                                                            gboolean                 problems_only,
                                                            GListStore              *store,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
RosterImportReport *roster_client_fetch_import_rows_finish (RosterClient            *self,
                                                            GAsyncResult            *result,
                                                            GError                 **error);

/* Asks the server to stop a job; it rolls back. The job as it was then
 * (poll get_import until it has ended). */
void                roster_client_cancel_import_async   (RosterClient               *self,
                                                         gint64                      import_id,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
RosterImportReport *roster_client_cancel_import_finish  (RosterClient               *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

/* The course's jobs, newest first (GET /courses/{cid}/imports): a
 * GListModel of RosterImportReport without rows. */
void                roster_client_list_imports_async    (RosterClient               *self,
                                                         gint64                      course_id,
                                                         GCancellable               *cancellable,
                                                         GAsyncReadyCallback         callback,
                                                         gpointer                    user_data);
GListModel         *roster_client_list_imports_finish   (RosterClient               *self,
                                                         GAsyncResult               *result,
                                                         GError                    **error);

G_END_DECLS
