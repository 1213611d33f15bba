/* roster-handlers-audit.c: the audit log and course reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-audit-entry.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-json.h"

#define AUDIT_DEFAULT_LIMIT 100
#define AUDIT_MAX_LIMIT     1000
#define ACTION_MAX_LENGTH   64

static gboolean
bad_query (const char  *name,
           GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
               _("The query parameter “%s” has a value that is not allowed."), name);
  return FALSE;
}

/* ---- GET /audit ---- */

/* An action name ("auth.login") or a prefix ending in a dot ("auth."). */
static gboolean
get_action (RosterRequest  *request,
            const char    **action,
            GError        **error)
{
  const char *str = roster_request_get_query (request, "action");
  gsize len;

  *action = NULL;
  if (str == NULL || *str == '\0')
    return TRUE;

  len = strlen (str);
  if (len > ACTION_MAX_LENGTH || str[0] == '.' ||
      strspn (str, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != len)
    return bad_query ("action", error);

  *action = str;
  return TRUE;
}

/* The cursor holds the id of the last event of the page before. */
static gboolean
get_cursor (RosterRequest  *request,
            gint64         *before_id,
            GError        **error)
{
  const char *str = roster_request_get_query (request, "cursor");
  g_autoptr(JsonArray) values = NULL;
  JsonNode *node;

  *before_id = 0;
  if (str == NULL || *str == '\0')
    return TRUE;

  values = roster_cursor_decode (str, error);
  if (values == NULL)
    return FALSE;

  node = json_array_get_length (values) == 1 ? json_array_get_element (values, 0) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) <= 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                           _("The cursor is not valid; start again from the first page."));
      return FALSE;
    }

  *before_id = json_node_get_int (node);
  return TRUE;
}

static RosterAuditEntry *
entry_from_record (const RosterAuditRecord *record)
{
  RosterAuditEntry *entry = roster_audit_entry_new (record->id, record->at, record->action);

  roster_audit_entry_set_actor (entry, record->actor_id, record->actor_username,
                                record->actor_first_name, record->actor_last_name);
  roster_audit_entry_set_target (entry, record->target_user_id, record->target_username,
                                 record->target_first_name, record->target_last_name);
  roster_audit_entry_set_course (entry, record->course_id, record->course_short_name);
  roster_audit_entry_set_object (entry, record->object_type, record->object_id);
  roster_audit_entry_set_remote_address (entry, record->remote_address);

  if (record->details != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) details = roster_json_parse_object (record->details, -1, &error);

      /* Written by the server itself, so this is a fault worth a line
       * in the log, not a reason to hide the event. */
      if (details == NULL)
        g_warning ("Audit event %" G_GINT64_FORMAT " has unreadable details: %s",
                   record->id, error->message);
      roster_audit_entry_set_details (entry, details);
    }

  return entry;
}

static void
list_audit_cb (RosterContext *ctx,
               RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditQuery query = { 0, };
  gint64 limit = 0;
  gboolean more;

  if (!roster_access_site (user, ROSTER_SITE_CAP_AUDIT_VIEW, &error) ||
      !roster_request_get_query_id (request, "course", &query.course_id, &error) ||
      !roster_request_get_query_id (request, "user", &query.user_id, &error) ||
      !roster_request_get_query_time (request, "since", &query.since, &error) ||
      !roster_request_get_query_time (request, "until", &query.until, &error) ||
      !get_action (request, &query.action, &error) ||
      !get_cursor (request, &query.before_id, &error) ||
      !roster_request_get_query_int (request, "limit", 1, AUDIT_MAX_LIMIT, AUDIT_DEFAULT_LIMIT, &limit, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  /* One more than asked for tells whether there is a next page. */
  query.limit = (guint) limit + 1;
  records = roster_storage_list_audit (ctx->storage, &query, &error);
  if (records == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  more = records->len > (guint) limit;
  if (more)
    g_ptr_array_set_size (records, (guint) limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(RosterAuditEntry) entry = entry_from_record (g_ptr_array_index (records, i));

      roster_audit_entry_to_json (entry, builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "next_cursor");
  if (more)
    {
      const RosterAuditRecord *last = g_ptr_array_index (records, records->len - 1);
      g_autoptr(JsonArray) values = json_array_new ();
      g_autofree char *cursor = NULL;

      json_array_add_int_element (values, last->id);
      cursor = roster_cursor_encode (values);
      json_builder_add_string_value (builder, cursor);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

/* ---- GET /courses/{cid}/reports/enrolments ---- */

static const RosterUserType user_types[] = {
  ROSTER_USER_TYPE_STAFF, ROSTER_USER_TYPE_STUDENT, ROSTER_USER_TYPE_EXTERNAL,
};

static void
add_count (JsonBuilder *builder,
           const char  *member,
           gint64       count)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, count);
}

static void
add_by_type (JsonBuilder  *builder,
             const gint64 *by_type)
{
  json_builder_set_member_name (builder, "by_type");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (user_types); i++)
    add_count (builder, roster_user_type_to_string (user_types[i]), by_type[user_types[i]]);
  json_builder_end_object (builder);
}

static void
add_by_method (JsonBuilder *builder,
               GArray      *counts)
{
  json_builder_set_member_name (builder, "by_method");
  json_builder_begin_object (builder);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const RosterReportMethodCount *count = &g_array_index (counts, RosterReportMethodCount, i);
      char id[24];

      g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, count->method_id);
      add_count (builder, id, count->count);
    }
  json_builder_end_object (builder);
}

static void
add_by_key (JsonBuilder *builder,
            GArray      *counts)
{
  json_builder_set_member_name (builder, "by_key");
  json_builder_begin_object (builder);
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      const RosterReportKeyCount *count = &g_array_index (counts, RosterReportKeyCount, i);

      add_count (builder, count->nickname, count->count);
    }
  json_builder_end_object (builder);
}

static void
add_totals (JsonBuilder                 *builder,
            const RosterEnrolmentReport *report)
{
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  add_count (builder, "participants", report->participants);
  add_by_type (builder, report->by_type);

  json_builder_set_member_name (builder, "by_role");
  json_builder_begin_object (builder);
  for (RosterRole role = ROSTER_ROLE_MODULE_LEADER; role < ROSTER_N_ROLES; role++)
    add_count (builder, roster_role_to_string (role), report->by_role[role]);
  json_builder_end_object (builder);

  add_by_method (builder, report->by_method);

  json_builder_set_member_name (builder, "by_status");
  json_builder_begin_object (builder);
  for (RosterEnrolmentStatus status = ROSTER_ENROLMENT_ACTIVE; status < ROSTER_REPORT_N_STATUSES; status++)
    add_count (builder, roster_enrolment_status_to_string (status), report->by_status[status]);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static void
add_keys (JsonBuilder                 *builder,
          const RosterEnrolmentReport *report)
{
  json_builder_set_member_name (builder, "keys");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->keys->len; i++)
    {
      const RosterReportKey *key = &g_array_index (report->keys, RosterReportKey, i);

      json_builder_begin_object (builder);
      add_count (builder, "id", key->id);
      roster_json_builder_add_string_or_null (builder, "nickname", key->nickname);
      add_count (builder, "method_id", key->method_id);
      json_builder_set_member_name (builder, "active");
      json_builder_add_boolean_value (builder, key->active);
      add_count (builder, "uses", key->uses);
      add_count (builder, "enrolled", key->enrolled);
      roster_json_builder_add_time (builder, "last_used_at", key->last_used_at);
      json_builder_set_member_name (builder, "max_uses");
      if (key->max_uses > 0)
        json_builder_add_int_value (builder, key->max_uses);
      else
        json_builder_add_null_value (builder);
      roster_json_builder_add_time (builder, "expires_at", key->expires_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
get_bucket (RosterRequest       *request,
            RosterReportBucket  *bucket,
            GError             **error)
{
  const char *str = roster_request_get_query (request, "bucket");

  *bucket = ROSTER_REPORT_BUCKET_DAY;
  if (str == NULL || *str == '\0' || roster_report_bucket_from_string (str, bucket))
    return TRUE;

  return bad_query ("bucket", error);
}

static void
enrolment_report_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterEnrolmentReport) report = NULL;
  g_autoptr(GError) error = NULL;
  RosterEnrolmentReportQuery query = { 0, };

  if (!roster_request_get_id_param (request, "cid", &query.course_id, &error) ||
      !roster_access_course (ctx, user, query.course_id, ROSTER_CAP_REPORTS_VIEW, NULL, &error) ||
      !get_bucket (request, &query.bucket, &error) ||
      !roster_request_get_query_time (request, "since", &query.since, &error) ||
      !roster_request_get_query_time (request, "until", &query.until, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  query.now = g_get_real_time () / G_USEC_PER_SEC;
  report = roster_storage_enrolment_report (ctx->storage, &query, &error);
  if (report == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  add_count (builder, "course_id", report->course_id);
  json_builder_set_member_name (builder, "bucket");
  json_builder_add_string_value (builder, roster_report_bucket_to_string (report->bucket));
  roster_json_builder_add_time (builder, "since", report->since);
  roster_json_builder_add_time (builder, "until", report->until);

  json_builder_set_member_name (builder, "series");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->series->len; i++)
    {
      const RosterReportPoint *point = &g_array_index (report->series, RosterReportPoint, i);

      json_builder_begin_object (builder);
      roster_json_builder_add_time (builder, "start", point->start);
      add_count (builder, "total", point->total);
      add_by_method (builder, point->by_method);
      add_by_key (builder, point->by_key);
      add_by_type (builder, point->by_type);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->methods->len; i++)
    {
      const RosterReportMethod *method = &g_array_index (report->methods, RosterReportMethod, i);

      json_builder_begin_object (builder);
      add_count (builder, "id", method->id);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, roster_method_type_to_string (method->type));
      roster_json_builder_add_string_or_null (builder, "name", method->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_totals (builder, report);
  add_keys (builder, report);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static const RosterRoute audit_routes[] = {
  { "GET", "/api/v1/audit", list_audit_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/courses/{cid}/reports/enrolments", enrolment_report_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_audit (RosterRouter *router)
{
  roster_router_add (router, audit_routes, G_N_ELEMENTS (audit_routes));
}
