/* roster-client-users.h: user administration and removal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For site administrators (docs/api.md, "Users and removal requests").
 */

#pragma once

#include "roster-client.h"
#include "roster-removal-request.h"
#include "roster-user-profile.h"

G_BEGIN_DECLS

/* Which people GET /users lists. */
typedef struct
{
  const char *query;        /* words to find; NULL or "": anyone */
  int         state;        /* a RosterUserState, or -1: any */
  int         type;         /* a RosterUserType, or -1: any */
  gboolean    locked_only;  /* only people locked out now (locked=true) */
  const char *cursor;       /* NULL: the first page */
  guint       limit;        /* 0: the server's default (100) */
} RosterUserFilter;

void                roster_user_filter_init                    (RosterUserFilter     *filter);

/* One page: a GListModel of RosterUser; @next_cursor (nullable out)
 * gets NULL on the last page. */
void                roster_client_list_users_async             (RosterClient         *self,
                                                                const RosterUserFilter *filter,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GListModel         *roster_client_list_users_finish            (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                char                **next_cursor,
                                                                GError              **error);

/* A person with their enrolments and recent audit events. */
void                roster_client_get_user_async               (RosterClient         *self,
                                                                gint64                user_id,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
RosterUserProfile  *roster_client_get_user_finish              (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* The admin actions without a body. Each finishes with the account as
 * it is afterwards. */
typedef enum
{
  ROSTER_USER_CHANGE_ACTIVATE,   /* pending or suspended → active */
  ROSTER_USER_CHANGE_SUSPEND,
  ROSTER_USER_CHANGE_UNLOCK,
} RosterUserChange;

void                roster_client_change_user_async            (RosterClient         *self,
                                                                gint64                user_id,
                                                                RosterUserChange      change,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
RosterUser         *roster_client_change_user_finish           (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* @password NULL: the server makes one, and @generated gets it (shown
 * once); else @generated gets NULL. */
void                roster_client_set_password_async           (RosterClient         *self,
                                                                gint64                user_id,
                                                                const char           *password,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            roster_client_set_password_finish          (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                char                **generated,
                                                                GError              **error);

/* DELETE /users/{uid}: erases the person's personal data. */
void                roster_client_erase_user_async             (RosterClient         *self,
                                                                gint64                user_id,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            roster_client_erase_user_finish            (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* @status: a RosterRemovalStatus, or -1 for all. A GListModel of
 * RosterRemovalRequest, oldest first. */
void                roster_client_list_removal_requests_async  (RosterClient         *self,
                                                                int                   status,
                                                                const char           *cursor,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GListModel         *roster_client_list_removal_requests_finish (RosterClient         *self,
                                                                GAsyncResult         *result,
                                                                char                **next_cursor,
                                                                GError              **error);

/* @reason may be NULL or "": declined without one. */
void                roster_client_decline_removal_request_async  (RosterClient       *self,
                                                                  gint64              request_id,
                                                                  const char         *reason,
                                                                  GCancellable       *cancellable,
                                                                  GAsyncReadyCallback callback,
                                                                  gpointer            user_data);
RosterRemovalRequest *roster_client_decline_removal_request_finish (RosterClient       *self,
                                                                    GAsyncResult       *result,
                                                                    GError            **error);

G_END_DECLS
