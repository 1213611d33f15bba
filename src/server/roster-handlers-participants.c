/* roster-handlers-participants.c: /courses/{cid}/participants and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-auth.h"
#include "roster-csv-writer.h"
#include "roster-error.h"
#include "roster-groups.h"
#include "roster-handlers.h"
#include "roster-json.h"

#define DEFAULT_PAGE   100
#define MAX_PAGE       1000
#define MAX_QUERY      200

static const char * const sort_names[] = {
  [ROSTER_PARTICIPANT_SORT_NAME] = "name",
  [ROSTER_PARTICIPANT_SORT_EMAIL] = "email",
  [ROSTER_PARTICIPANT_SORT_LAST_ACCESS] = "last_access",
  [ROSTER_PARTICIPANT_SORT_ENROLLED] = "enrolled",
};

static gboolean
bad_parameter (const char  *name,
               GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
               _("The query parameter “%s” has a value that is not allowed."), name);
  return FALSE;
}

/* Reads the filters, order and cursor shared by the JSON list and the
 * CSV export; @only_groups receives the viewer's groups when the group
 * rule limits what they may see. */
static gboolean
parse_query (RosterContext           *ctx,
             RosterRequest           *request,
             const RosterCourseAccess *access,
             RosterParticipantQuery  *query,
             GArray                 **only_groups,
             GError                 **error)
{
  RosterUser *user = roster_request_get_user (request);
  const char *value;
  gint64 number;

  query->course_id = access->course_id;
  query->role = ROSTER_ROLE_NONE;
  query->status = -1;
  query->user_type = -1;
  query->method_type = -1;

  value = roster_request_get_query (request, "q");
  if (value != NULL && (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > MAX_QUERY))
    return bad_parameter ("q", error);
  query->query = value;

  value = roster_request_get_query (request, "role");
  if (value != NULL && !roster_role_from_string (value, &query->role))
    return bad_parameter ("role", error);

  value = roster_request_get_query (request, "status");
  if (value != NULL)
    {
      RosterEnrolmentStatus status;

      if (!roster_enrolment_status_from_string (value, &status))
        return bad_parameter ("status", error);
      query->status = status;
    }

  value = roster_request_get_query (request, "type");
  if (value != NULL)
    {
      RosterUserType type;

      if (!roster_user_type_from_string (value, &type))
        return bad_parameter ("type", error);
      query->user_type = type;
    }

  /* A method by id, or every method of one type. */
  value = roster_request_get_query (request, "method");
  if (value != NULL)
    {
      RosterMethodType type;

      if (roster_method_type_from_string (value, &type))
        query->method_type = type;
      else if (!roster_request_get_query_id (request, "method", &query->method_id, error))
        return FALSE;
    }

  value = roster_request_get_query (request, "group");
  if (g_strcmp0 (value, "none") == 0)
    query->group_id = -1;
  else if (!roster_request_get_query_id (request, "group", &query->group_id, error))
    return FALSE;

  value = roster_request_get_query (request, "sort");
  query->sort = ROSTER_PARTICIPANT_SORT_NAME;
  if (value != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (sort_names); i++)
        if (g_str_equal (value, sort_names[i]))
          break;
      if (i == G_N_ELEMENTS (sort_names))
        return bad_parameter ("sort", error);
      query->sort = i;
    }

  value = roster_request_get_query (request, "order");
  if (value != NULL && !g_str_equal (value, "asc") && !g_str_equal (value, "desc"))
    return bad_parameter ("order", error);
  query->descending = g_strcmp0 (value, "desc") == 0;

  if (!roster_request_get_query_int (request, "limit", 0, MAX_PAGE, DEFAULT_PAGE, &number, error))
    return FALSE;
  query->limit = number;

  /* Separate groups: people who may not see every group see the members
   * of their own groups, and themselves (the rule of roster-groups.h). */
  if (!roster_groups_visible_groups (ctx, access, roster_user_get_id (user), access->group_mode,
                                     only_groups, error))
    return FALSE;
  if (*only_groups != NULL)
    {
      query->only_groups = *only_groups;
      query->only_also_user_id = roster_user_get_id (user);
    }

  return TRUE;
}

/* A cursor names its sort order, so that one made for another order is
 * refused instead of giving a wrong page. */
static gboolean
parse_cursor (RosterRequest           *request,
              RosterParticipantQuery  *query,
              char                   **after_text,
              GError                 **error)
{
  const char *cursor = roster_request_get_query (request, "cursor");
  g_autoptr(JsonArray) values = NULL;

  if (cursor == NULL)
    return TRUE;

  values = roster_cursor_decode (cursor, error);
  if (values == NULL)
    return FALSE;

  if (json_array_get_length (values) != 4 ||
      g_strcmp0 (json_array_get_string_element (values, 0), sort_names[query->sort]) != 0 ||
      json_array_get_boolean_element (values, 1) != query->descending ||
      json_node_get_value_type (json_array_get_element (values, 3)) != G_TYPE_INT64)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                           _("The cursor belongs to another sort order; start again from the first page."));
      return FALSE;
    }

  query->has_after = TRUE;
  if (json_node_get_value_type (json_array_get_element (values, 2)) == G_TYPE_STRING)
    query->after_text = *after_text = g_strdup (json_array_get_string_element (values, 2));
  else
    query->after_int = json_array_get_int_element (values, 2);
  query->after_id = json_array_get_int_element (values, 3);

  return TRUE;
}

static char *
make_cursor (const RosterParticipantQuery *query,
             const char                   *sort_text,
             gint64                        sort_int,
             gint64                        enrolment_id)
{
  g_autoptr(JsonArray) values = json_array_new ();

  json_array_add_string_element (values, sort_names[query->sort]);
  json_array_add_boolean_element (values, query->descending);
  if (query->sort == ROSTER_PARTICIPANT_SORT_NAME || query->sort == ROSTER_PARTICIPANT_SORT_EMAIL)
    json_array_add_string_element (values, sort_text ? sort_text : "");
  else
    json_array_add_int_element (values, sort_int);
  json_array_add_int_element (values, enrolment_id);

  return roster_cursor_encode (values);
}

static void
add_groups (JsonBuilder *builder,
            const char  *groups)
{
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  if (groups != NULL)
    {
      g_auto(GStrv) entries = g_strsplit (groups, "\x1e", -1);

      for (guint i = 0; entries[i] != NULL; i++)
        {
          const char *sep = strchr (entries[i], '\x1f');

          if (sep == NULL)
            continue;
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, g_ascii_strtoll (entries[i], NULL, 10));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, sep + 1);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

static void
add_participant (JsonBuilder                *builder,
                 const RosterParticipantRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enrolment_id");
  json_builder_add_int_value (builder, row->enrolment_id);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_int_value (builder, row->user_id);
  roster_json_builder_add_string_or_null (builder, "username", row->username);
  roster_json_builder_add_string_or_null (builder, "first_name", row->first_name);
  roster_json_builder_add_string_or_null (builder, "last_name", row->last_name);
  roster_json_builder_add_string_or_null (builder, "email", row->email);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, roster_user_type_to_string (row->user_type));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, roster_user_state_to_string (row->user_state));
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, roster_role_to_string (row->role));
  json_builder_end_array (builder);
  add_groups (builder, row->groups);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, roster_enrolment_status_to_string (row->status));
  roster_json_builder_add_time (builder, "start_at", row->start_at);
  roster_json_builder_add_time (builder, "end_at", row->end_at);
  json_builder_set_member_name (builder, "method");
  if (row->method_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, row->method_id);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, roster_method_type_to_string (row->method_type));
      roster_json_builder_add_string_or_null (builder, "name", row->method_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  roster_json_builder_add_string_or_null (builder, "key_nickname", row->key_nickname);
  roster_json_builder_add_time (builder, "enrolled_at", row->enrolled_at);
  roster_json_builder_add_time (builder, "last_access", row->last_access);
  json_builder_end_object (builder);
}

/* The streamed list's rows are arrays, in the order of these columns
 * (its first element names them): per row an array costs a third of an
 * object to build and half of it to send and parse, which is what keeps
 * 100 000 rows within a few times the database's own reading time. */
static const char * const compact_columns[] = {
  "enrolment_id", "user_id", "username", "first_name", "last_name", "email", "type", "state",
  "roles", "groups", "status", "start_at", "end_at", "method_id", "method_type", "method_name",
  "key_nickname", "enrolled_at", "last_access",
};

static void
add_time_element (JsonArray *array,
                  gint64     unix_time)
{
  g_autofree char *str = roster_json_format_time (unix_time);

  if (str != NULL)
    json_array_add_string_element (array, str);
  else
    json_array_add_null_element (array);
}

static void
add_string_element (JsonArray  *array,
                    const char *str)
{
  if (str != NULL)
    json_array_add_string_element (array, str);
  else
    json_array_add_null_element (array);
}

static JsonNode *
participant_array (const RosterParticipantRow *row)
{
  JsonArray *array = json_array_sized_new (G_N_ELEMENTS (compact_columns));
  JsonArray *roles = json_array_sized_new (1);
  JsonArray *groups = json_array_new ();
  JsonNode *node;

  json_array_add_string_element (roles, roster_role_to_string (row->role));
  if (row->groups != NULL)
    {
      g_auto(GStrv) entries = g_strsplit (row->groups, "\x1e", -1);

      for (guint i = 0; entries[i] != NULL; i++)
        {
          const char *sep = strchr (entries[i], '\x1f');
          JsonArray *group;

          if (sep == NULL)
            continue;
          group = json_array_sized_new (2);
          json_array_add_int_element (group, g_ascii_strtoll (entries[i], NULL, 10));
          json_array_add_string_element (group, sep + 1);
          json_array_add_array_element (groups, group);
        }
    }

  json_array_add_int_element (array, row->enrolment_id);
  json_array_add_int_element (array, row->user_id);
  add_string_element (array, row->username);
  add_string_element (array, row->first_name);
  add_string_element (array, row->last_name);
  add_string_element (array, row->email);
  json_array_add_string_element (array, roster_user_type_to_string (row->user_type));
  json_array_add_string_element (array, roster_user_state_to_string (row->user_state));
  json_array_add_array_element (array, roles);
  json_array_add_array_element (array, groups);
  json_array_add_string_element (array, roster_enrolment_status_to_string (row->status));
  add_time_element (array, row->start_at);
  add_time_element (array, row->end_at);
  if (row->method_id != 0)
    {
      json_array_add_int_element (array, row->method_id);
      json_array_add_string_element (array, roster_method_type_to_string (row->method_type));
    }
  else
    {
      json_array_add_null_element (array);
      json_array_add_null_element (array);
    }
  add_string_element (array, row->method_name);
  add_string_element (array, row->key_nickname);
  add_time_element (array, row->enrolled_at);
  add_time_element (array, row->last_access);

  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

/* ---- one page ---- */

typedef struct
{
  const RosterParticipantQuery *query;
  JsonBuilder                  *builder;
  guint                         limit;
  guint                         count;
  char                         *next_cursor;
  char                         *last_text;
  gint64                        last_int;
  gint64                        last_id;
} Page;

static gboolean
page_row_cb (const RosterParticipantRow  *row,
             gpointer                     user_data,
             GError                     **error)
{
  Page *page = user_data;

  /* One row more than the page was asked for: only to know there is a
   * next page, which starts after the last row shown. */
  if (page->count == page->limit)
    {
      page->next_cursor = make_cursor (page->query, page->last_text, page->last_int, page->last_id);
      return FALSE;
    }

  add_participant (page->builder, row);
  page->count++;
  g_free (page->last_text);
  page->last_text = g_strdup (row->sort_text);
  page->last_int = row->sort_int;
  page->last_id = row->enrolment_id;

  return TRUE;
}

/* ---- everything, streamed ---- */

typedef struct
{
  RosterRequest *request;
  JsonGenerator *generator;
  GString       *text;
} Stream;

static gboolean
stream_row_cb (const RosterParticipantRow  *row,
               gpointer                     user_data,
               GError                     **error)
{
  Stream *stream = user_data;
  g_autoptr(JsonNode) node = participant_array (row);

  g_string_truncate (stream->text, 0);
  g_string_append_c (stream->text, ',');
  json_generator_set_root (stream->generator, node);
  json_generator_to_gstring (stream->generator, stream->text);
  g_string_append_c (stream->text, '\n');

  return roster_request_stream_write (stream->request, stream->text->str, stream->text->len, error);
}

static void
stream_participants (RosterContext                *ctx,
                     RosterRequest                *request,
                     const RosterParticipantQuery *query)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GString) text = g_string_sized_new (1024);
  g_autoptr(JsonArray) columns = json_array_new ();
  g_autoptr(JsonNode) header = NULL;
  g_autoptr(GError) error = NULL;
  Stream stream = { request, generator, text };
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (compact_columns); i++)
    json_array_add_string_element (columns, compact_columns[i]);
  header = json_node_init_array (json_node_alloc (), columns);
  /* One element per line (compact JSON never holds a raw newline), so
   * a client can read the list a line at a time and parse each row as
   * it comes instead of waiting for the whole array. */
  g_string_append_c (text, '[');
  json_generator_set_root (generator, header);
  json_generator_to_gstring (generator, text);
  g_string_append_c (text, '\n');

  if (!roster_request_stream_begin (request, 200, "application/json; charset=utf-8", &error) ||
      !roster_request_stream_write (request, text->str, text->len, &error))
    {
      if (!roster_request_is_streaming (request))
        roster_request_respond_error (request, error, NULL);
      else
        roster_request_stream_end (request, error, NULL);
      return;
    }

  ok = roster_storage_foreach_participant (ctx->storage, query, stream_row_cb, &stream, &error) &&
       roster_request_stream_write (request, "]\n", 2, &error);

  roster_request_stream_end (request, ok ? NULL : error, NULL);
}

static void
list_participants_cb (RosterContext *ctx,
                      RosterRequest *request)
{
  RosterParticipantQuery query = { 0, };
  RosterCourseAccess access;
  g_autoptr(GArray) only_groups = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after_text = NULL;
  Page page = { 0, };

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_PARTICIPANTS_VIEW, &access, &error) ||
      !parse_query (ctx, request, &access, &query, &only_groups, &error) ||
      !parse_cursor (request, &query, &after_text, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (query.limit == 0)
    {
      stream_participants (ctx, request, &query);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "participants");
  json_builder_begin_array (builder);

  page.query = &query;
  page.builder = builder;
  page.limit = query.limit;
  query.limit = page.limit + 1;

  if (!roster_storage_foreach_participant (ctx->storage, &query, page_row_cb, &page, &error))
    {
      g_free (page.last_text);
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_end_array (builder);
  roster_json_builder_add_string_or_null (builder, "next_cursor", page.next_cursor);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
  g_free (page.next_cursor);
  g_free (page.last_text);
}

/* ---- CSV ---- */

typedef struct
{
  RosterRequest *request;
  GString       *text;
} Csv;

static char *
csv_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (unix_time);
  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : NULL;
}

static gboolean
csv_row_cb (const RosterParticipantRow  *row,
            gpointer                     user_data,
            GError                     **error)
{
  Csv *csv = user_data;
  g_autofree char *groups = NULL;
  g_autofree char *enrolled = csv_time (row->enrolled_at);
  g_autofree char *last_access = csv_time (row->last_access);
  const char *method = row->method_id != 0 ? roster_method_type_to_string (row->method_type) : NULL;
  const char *cells[13];

  if (row->groups != NULL)
    {
      g_auto(GStrv) entries = g_strsplit (row->groups, "\x1e", -1);
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;

      for (guint i = 0; entries[i] != NULL; i++)
        {
          const char *sep = strchr (entries[i], '\x1f');
          if (sep != NULL)
            g_strv_builder_add (names, sep + 1);
        }
      list = g_strv_builder_end (names);
      groups = g_strjoinv ("; ", list);
    }

  cells[0] = row->username;
  cells[1] = row->first_name;
  cells[2] = row->last_name;
  cells[3] = row->email;
  cells[4] = roster_user_type_to_string (row->user_type);
  cells[5] = roster_user_state_to_string (row->user_state);
  cells[6] = roster_role_to_string (row->role);
  cells[7] = groups;
  cells[8] = roster_enrolment_status_to_string (row->status);
  cells[9] = row->method_name != NULL ? row->method_name : method;
  cells[10] = row->key_nickname;
  cells[11] = enrolled;
  cells[12] = last_access;

  g_string_truncate (csv->text, 0);
  roster_csv_append_row (csv->text, cells, G_N_ELEMENTS (cells));

  return roster_request_stream_write (csv->request, csv->text->str, csv->text->len, error);
}

static void
export_participants_cb (RosterContext *ctx,
                        RosterRequest *request)
{
  RosterParticipantQuery query = { 0, };
  RosterCourseAccess access;
  g_autoptr(GArray) only_groups = NULL;
  g_autoptr(GString) text = g_string_sized_new (512);
  g_autoptr(GError) error = NULL;
  g_autofree char *disposition = NULL;
  Csv csv = { request, text };
  const char *header[] = {
    _("Username"), _("First name"), _("Last name"), _("E-mail"), _("Type"), _("Account state"),
    _("Role"), _("Groups"), _("Enrolment status"), _("Enrolment method"), _("Key"),
    _("Enrolled (UTC)"), _("Last access (UTC)"),
  };
  gboolean ok;

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_PARTICIPANTS_EXPORT, &access, &error) ||
      !parse_query (ctx, request, &access, &query, &only_groups, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }
  /* The export is always the whole list. */
  query.limit = 0;

  disposition = g_strdup_printf ("attachment; filename=\"participants-%" G_GINT64_FORMAT ".csv\"",
                                 access.course_id);
  roster_request_add_response_header (request, "Content-Disposition", disposition);

  g_string_append (text, ROSTER_CSV_BOM);
  roster_csv_append_row (text, header, G_N_ELEMENTS (header));

  if (!roster_request_stream_begin (request, 200, "text/csv; charset=utf-8", &error) ||
      !roster_request_stream_write (request, text->str, text->len, &error))
    {
      if (!roster_request_is_streaming (request))
        roster_request_respond_error (request, error, NULL);
      else
        roster_request_stream_end (request, error, NULL);
      return;
    }

  ok = roster_storage_foreach_participant (ctx->storage, &query, csv_row_cb, &csv, &error);
  roster_request_stream_end (request, ok ? NULL : error, NULL);
}

static const RosterRoute participant_routes[] = {
  { "GET", "/api/v1/courses/{cid}/participants", list_participants_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/courses/{cid}/participants.csv", export_participants_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_participants (RosterRouter *router)
{
  roster_router_add (router, participant_routes, G_N_ELEMENTS (participant_routes));
}
