/* roster-client.h: the app's side of the Roster API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-certificate-info.h"
#include "roster-client-error.h"
#include "roster-trust-store.h"
#include "roster-user.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_CLIENT (roster_client_get_type ())

G_DECLARE_FINAL_TYPE (RosterClient, roster_client, ROSTER, CLIENT, GObject)

/* Rows of a streamed participant list as they arrive: @batch holds
 * RosterParticipant objects (transfer none: take references or splice
 * them into a store), @n_loaded the rows so far, this batch included. */
typedef void (*RosterParticipantBatchFunc) (GPtrArray *batch,
                                            guint      n_loaded,
                                            gpointer   user_data);

/* @base_url: "https://host:port". Certificates that the system trusts
 * are accepted; any other only when @trust has its fingerprint pinned
 * for this host and port. */
RosterClient          *roster_client_new                        (const char                 *base_url,
                                                                 RosterTrustStore           *trust);
const char            *roster_client_get_base_url               (RosterClient               *self);
/* "host:port", the key of the trust store. */
const char            *roster_client_get_host                   (RosterClient               *self);
const char            *roster_client_get_token                  (RosterClient               *self);
void                   roster_client_set_token                  (RosterClient               *self,
                                                                 const char                 *token);
/* The certificate of the last request that failed with
 * ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN or _CHANGED, to show before
 * asking whether to trust it. */
RosterCertificateInfo *roster_client_get_rejected_certificate   (RosterClient               *self);

void                   roster_client_login_async                (RosterClient               *self,
                                                                 const char                 *username,
                                                                 const char                 *password,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
/* On success the client keeps the token too; @token gets a copy. */
RosterUser            *roster_client_login_finish               (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 char                      **token,
                                                                 GError                    **error);

void                   roster_client_get_me_async               (RosterClient               *self,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
RosterUser            *roster_client_get_me_finish              (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

/* @query may be NULL. The result is a GListModel of RosterCourse. */
void                   roster_client_list_courses_async         (RosterClient               *self,
                                                                 const char                 *query,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
GListModel            *roster_client_list_courses_finish        (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

/* Every participant of a course (limit=0), handed to @batch_func on
 * the thread-default main context in batches as they are read. @filters
 * (nullable) maps query parameters (q, role, group, status, type,
 * method, sort, order) to values. */
void                   roster_client_stream_participants_async  (RosterClient               *self,
                                                                 gint64                      course_id,
                                                                 GHashTable                 *filters,
                                                                 RosterParticipantBatchFunc  batch_func,
                                                                 gpointer                    batch_data,
                                                                 GDestroyNotify              batch_destroy,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
/* The number of rows read; FALSE with @error if the list is not whole. */
gboolean               roster_client_stream_participants_finish (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 guint                      *n_rows,
                                                                 GError                    **error);

/* Rows per batch; 2 000 by default. */
void                   roster_client_set_batch_size             (RosterClient               *self,
                                                                 guint                       batch_size);

/* A course's groups, methods and enrolments (roster-client-course.c).
 * Lists are GListModels of RosterGroup and RosterMethod. */
void                   roster_client_list_groups_async          (RosterClient               *self,
                                                                 gint64                      course_id,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
GListModel            *roster_client_list_groups_finish         (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);
void                   roster_client_add_group_member_async     (RosterClient               *self,
                                                                 gint64                      group_id,
                                                                 gint64                      user_id,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
gboolean               roster_client_add_group_member_finish    (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);
void                   roster_client_list_methods_async         (RosterClient               *self,
                                                                 gint64                      course_id,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
GListModel            *roster_client_list_methods_finish        (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);
/* ROSTER_ROLE_NONE keeps the role, a @status of -1 the status. */
void                   roster_client_update_enrolment_async     (RosterClient               *self,
                                                                 gint64                      enrolment_id,
                                                                 RosterRole                  role,
                                                                 int                         status,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
gboolean               roster_client_update_enrolment_finish    (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);
void                   roster_client_delete_enrolment_async     (RosterClient               *self,
                                                                 gint64                      enrolment_id,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
gboolean               roster_client_delete_enrolment_finish    (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

/* The first @max participants matching @text, into @store. */
void                   roster_client_search_participants_async  (RosterClient               *self,
                                                                 gint64                      course_id,
                                                                 const char                 *text,
                                                                 GListStore                 *store,
                                                                 guint                       max,
                                                                 GCancellable               *cancellable,
                                                                 GAsyncReadyCallback         callback,
                                                                 gpointer                    user_data);
gboolean               roster_client_search_participants_finish (RosterClient               *self,
                                                                 GAsyncResult               *result,
                                                                 GError                    **error);

G_END_DECLS
