/* roster-client-reports.c: a course's enrolment report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include "roster-client-private.h"
#include "roster-client-reports.h"
#include "roster-json.h"

/**
 * roster_client_get_enrolment_report_async:
 * @self: a #RosterClient
 * @course_id: the course
 * @bucket: a day or a week per point of the series
 * @since: the first time of the range, or 0 for the first enrolment
 * @until: the end of the range (not in it), or 0 for now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks for the course's enrolments over time, by method, key and type
 * of user (needs the capability "reports.view").
 */
void
roster_client_get_enrolment_report_async (RosterClient        *self,
                                          gint64               course_id,
                                          RosterEnrolmentBucket   bucket,
                                          gint64               since,
                                          gint64               until,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GHashTable) query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *path = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (course_id > 0);

  g_hash_table_insert (query, (char *) "bucket", g_strdup (roster_enrolment_bucket_to_string (bucket)));
  if (since != 0)
    g_hash_table_insert (query, (char *) "since", roster_json_format_time (since));
  if (until != 0)
    g_hash_table_insert (query, (char *) "until", roster_json_format_time (until));

  path = g_strdup_printf ("/courses/%" G_GINT64_FORMAT "/reports/enrolments", course_id);
  roster_client_send_json (self, roster_client_new_task (self, roster_client_get_enrolment_report_async, cancellable, callback, user_data),
                           "GET", path, query, NULL);
}

/**
 * roster_client_get_enrolment_report_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
RosterCourseReport *
roster_client_get_enrolment_report_finish (RosterClient  *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_autoptr(JsonObject) object = roster_client_object_finish (self, result, roster_client_get_enrolment_report_async, error);
  g_autoptr(GError) local_error = NULL;
  RosterCourseReport *report;

  if (object == NULL)
    return NULL;
  /* An answer not as documented is the server's fault, not the user's. */
  report = roster_course_report_new_from_json (object, &local_error);
  if (report == NULL)
    g_propagate_error (error, roster_client_bad_answer (g_steal_pointer (&local_error)));
  return report;
}
