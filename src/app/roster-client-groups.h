/* roster-client-groups.h: a course's groups, their members and group mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-course.h"
#include "roster-group.h"

G_BEGIN_DECLS

/* Listing a course's groups and adding a member are in roster-client.h
 * (roster-client-course.c). */

/* @description (nullable): NULL or "" for none. */
void         roster_client_create_group_async          (RosterClient         *self,
                                                        gint64                course_id,
                                                        const char           *name,
                                                        const char           *description,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
RosterGroup *roster_client_create_group_finish         (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void         roster_client_rename_group_async          (RosterClient         *self,
                                                        gint64                group_id,
                                                        const char           *name,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
RosterGroup *roster_client_rename_group_finish         (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void         roster_client_delete_group_async          (RosterClient         *self,
                                                        gint64                group_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     roster_client_delete_group_finish         (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* The result is a GListModel of RosterMember, by last and first name. */
void         roster_client_list_group_members_async    (RosterClient         *self,
                                                        gint64                group_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GListModel  *roster_client_list_group_members_finish   (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void         roster_client_remove_group_member_async   (RosterClient         *self,
                                                        gint64                group_id,
                                                        gint64                user_id,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean     roster_client_remove_group_member_finish  (RosterClient         *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* @forced: TRUE or FALSE, or -1 to keep it. The result is the course as
 * the server has it now. */
void         roster_client_set_course_group_mode_async (RosterClient         *self,
                                                        gint64                course_id,
                                                        RosterGroupMode       mode,
                                                        int                   forced,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
RosterCourse *roster_client_set_course_group_mode_finish (RosterClient       *self,
                                                          GAsyncResult       *result,
                                                          GError            **error);

G_END_DECLS
