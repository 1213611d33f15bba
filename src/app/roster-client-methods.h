/* roster-client-methods.h: adding, changing and deleting a course's enrolment methods
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-method.h"

G_BEGIN_DECLS

/* Listing is roster_client_list_methods_async () in roster-client.h. */

void          roster_client_create_method_async  (RosterClient            *self,
                                                  gint64                   course_id,
                                                  RosterMethodType         type,
                                                  const RosterMethodPatch *settings,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
RosterMethod *roster_client_create_method_finish (RosterClient            *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

/* Also how methods are moved and switched on or off: a patch with only
 * ROSTER_METHOD_FIELD_SORT_ORDER or ROSTER_METHOD_FIELD_ENABLED. */
void          roster_client_update_method_async  (RosterClient            *self,
                                                  gint64                   method_id,
                                                  const RosterMethodPatch *patch,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
RosterMethod *roster_client_update_method_finish (RosterClient            *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

/* With @unenrol, the people enrolled through the method are unenrolled
 * in the same step; without, the server refuses while there are any. */
void          roster_client_delete_method_async  (RosterClient            *self,
                                                  gint64                   method_id,
                                                  gboolean                 unenrol,
                                                  GCancellable            *cancellable,
                                                  GAsyncReadyCallback      callback,
                                                  gpointer                 user_data);
gboolean      roster_client_delete_method_finish (RosterClient            *self,
                                                  GAsyncResult            *result,
                                                  GError                 **error);

G_END_DECLS
