/* roster-client-assignments.h: a course's assignments and their submissions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-assignment.h"
#include "roster-client.h"
#include "roster-submission-set.h"

G_BEGIN_DECLS

/* The result is a GListModel of RosterAssignment, by due date. */
void                 roster_client_list_assignments_async          (RosterClient         *self,
                                                                    gint64                course_id,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
GListModel          *roster_client_list_assignments_finish         (RosterClient         *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);
void                 roster_client_set_assignment_group_mode_async (RosterClient         *self,
                                                                    gint64                assignment_id,
                                                                    RosterGroupMode       mode,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
RosterAssignment    *roster_client_set_assignment_group_mode_finish (RosterClient        *self,
                                                                     GAsyncResult        *result,
                                                                     GError             **error);
/* @group_id: a group, or 0 for the viewer's default view; @as_user: the
 * person whose view to preview, or 0 for the caller's own. */
void                 roster_client_list_submissions_async          (RosterClient         *self,
                                                                    gint64                assignment_id,
                                                                    gint64                group_id,
                                                                    gint64                as_user,
                                                                    GCancellable         *cancellable,
                                                                    GAsyncReadyCallback   callback,
                                                                    gpointer              user_data);
RosterSubmissionSet *roster_client_list_submissions_finish         (RosterClient         *self,
                                                                    GAsyncResult         *result,
                                                                    GError              **error);

G_END_DECLS
