/* roster-handlers-users.c: /users, /users/{uid}: finding, creating,
 * reading and changing accounts (the actions on an account are in
 * roster-handlers-users-actions.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-handlers-users-private.h"
#include "roster-json.h"
#include "roster-password.h"
#include "roster-text.h"
#include "roster-users.h"

#define LIST_DEFAULT_LIMIT   100
#define LIST_MAX_LIMIT       1000
#define MAX_QUERY_CHARS      200
/* Staff looking for someone to enrol see a few matches, never a list. */
#define FINDER_LIMIT         20
#define FINDER_MIN_QUERY     2
#define RECENT_EVENTS        20
#define MAX_PASSWORD_BYTES   1024

/* ---- shared with roster-handlers-users-actions.c ---- */

gboolean
roster_users_handler_begin (RosterRequest *request,
                            gint64        *user_id)
{
  g_autoptr(GError) error = NULL;

  if (!roster_access_site (roster_request_get_user (request), ROSTER_SITE_CAP_USERS_MANAGE, &error) ||
      (user_id != NULL && !roster_request_get_id_param (request, "uid", user_id, &error)))
    {
      roster_request_respond_error (request, error, NULL);
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
user_node (RosterUser *user)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  roster_user_to_json (user, builder);
  return json_builder_get_root (builder);
}

void
roster_users_respond_user (RosterRequest *request,
                           guint          status,
                           RosterUser    *user)
{
  g_autoptr(JsonNode) node = user_node (user);

  roster_request_respond_json (request, status, node);
}

void
roster_users_add_problem (JsonArray    *problems,
                          const char   *field,
                          const GError *error)
{
  JsonObject *problem = json_object_new ();

  json_object_set_string_member (problem, "field", field);
  json_object_set_string_member (problem, "message", error->message);
  json_array_add_object_element (problems, problem);
}

void
roster_users_respond_problems (RosterRequest *request,
                               JsonArray     *problems)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *first = json_array_get_object_element (problems, 0);

  g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       json_object_get_string_member (first, "message"));
  json_object_set_array_member (extra, "details", json_array_ref (problems));
  roster_request_respond_error (request, error, extra);
}

/* ---- GET /users ---- */

static gboolean
bad_query (const char  *name,
           GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
               _("The query parameter “%s” has a value that is not allowed."), name);
  return FALSE;
}

/* Staff who may enrol people somewhere may look them up to enrol them. */
static gboolean
may_find_people (RosterContext  *ctx,
                 RosterUser     *user,
                 GError        **error)
{
  g_autoptr(GPtrArray) roles = roster_storage_list_course_roles (ctx->storage, roster_user_get_id (user), error);

  if (roles == NULL)
    return FALSE;

  for (guint i = 0; i < roles->len; i++)
    {
      RosterCourseRole *role = g_ptr_array_index (roles, i);

      if (roster_permissions_course_allows (FALSE, role->role, ROSTER_CAP_ENROLMENTS_MANAGE))
        return TRUE;
    }

  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                       _("Only site administrators and staff who manage enrolments may look people up."));
  return FALSE;
}

static gboolean
parse_filters (RosterRequest    *request,
               RosterUserQuery  *query,
               GError          **error)
{
  const char *q = roster_request_get_query (request, "q");
  const char *state = roster_request_get_query (request, "state");
  const char *type = roster_request_get_query (request, "type");
  const char *locked = roster_request_get_query (request, "locked");

  if (q != NULL && (!g_utf8_validate (q, -1, NULL) || g_utf8_strlen (q, -1) > MAX_QUERY_CHARS))
    return bad_query ("q", error);
  query->query = q;

  if (state != NULL && *state != '\0')
    {
      if (!roster_user_state_from_string (state, &query->state))
        return bad_query ("state", error);
      query->filter_state = TRUE;
    }

  if (type != NULL && *type != '\0')
    {
      if (!roster_user_type_from_string (type, &query->type))
        return bad_query ("type", error);
      query->filter_type = TRUE;
    }

  /* Locked is not a state but a time: those whose lock runs out later. */
  if (locked != NULL && *locked != '\0')
    {
      if (g_strcmp0 (locked, "true") == 0)
        query->locked_at = g_get_real_time () / G_USEC_PER_SEC;
      else if (g_strcmp0 (locked, "false") != 0)
        return bad_query ("locked", error);
    }

  return TRUE;
}

/* The cursor is the sort key of the last row sent: [last, first, id]. */
static gboolean
parse_cursor (RosterRequest    *request,
              JsonArray       **values,
              RosterUserQuery  *query,
              GError          **error)
{
  const char *cursor = roster_request_get_query (request, "cursor");
  JsonNode *last, *first, *id;

  if (cursor == NULL || *cursor == '\0')
    return TRUE;

  *values = roster_cursor_decode (cursor, error);
  if (*values == NULL)
    return FALSE;

  if (json_array_get_length (*values) != 3 ||
      !JSON_NODE_HOLDS_VALUE (last = json_array_get_element (*values, 0)) ||
      json_node_get_value_type (last) != G_TYPE_STRING ||
      !JSON_NODE_HOLDS_VALUE (first = json_array_get_element (*values, 1)) ||
      json_node_get_value_type (first) != G_TYPE_STRING ||
      !JSON_NODE_HOLDS_VALUE (id = json_array_get_element (*values, 2)) ||
      json_node_get_value_type (id) != G_TYPE_INT64 || json_node_get_int (id) <= 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                           _("The cursor is not valid; start again from the first page."));
      return FALSE;
    }

  query->after_last_name = json_node_get_string (last);
  query->after_first_name = json_node_get_string (first);
  query->after_id = json_node_get_int (id);
  return TRUE;
}

static char *
cursor_after (RosterUser *user)
{
  g_autoptr(JsonArray) values = json_array_new ();

  json_array_add_string_element (values, roster_user_get_last_name (user));
  json_array_add_string_element (values, roster_user_get_first_name (user));
  json_array_add_int_element (values, roster_user_get_id (user));

  return roster_cursor_encode (values);
}

static void
add_found_person (JsonBuilder *builder,
                  RosterUser  *user)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, roster_user_get_id (user));
  roster_json_builder_add_string_or_null (builder, "username", roster_user_get_username (user));
  roster_json_builder_add_string_or_null (builder, "first_name", roster_user_get_first_name (user));
  roster_json_builder_add_string_or_null (builder, "last_name", roster_user_get_last_name (user));
  roster_json_builder_add_string_or_null (builder, "email", roster_user_get_email (user));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, roster_user_type_to_string (roster_user_get_user_type (user)));
  json_builder_end_object (builder);
}

static void
list_users_cb (RosterContext *ctx,
               RosterRequest *request)
{
  RosterUser *caller = roster_request_get_user (request);
  gboolean admin = roster_permissions_site_allows (roster_user_get_is_site_admin (caller),
                                                   ROSTER_SITE_CAP_USERS_MANAGE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonArray) cursor_values = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  RosterUserQuery query = { 0, };
  gint64 limit = 0;

  if (!admin && !may_find_people (ctx, caller, &error))
    goto fail;

  if (!parse_filters (request, &query, &error) ||
      !roster_request_get_query_int (request, "limit", 1, admin ? LIST_MAX_LIMIT : FINDER_LIMIT,
                                     admin ? LIST_DEFAULT_LIMIT : FINDER_LIMIT, &limit, &error))
    goto fail;

  if (admin)
    {
      if (!parse_cursor (request, &cursor_values, &query, &error))
        goto fail;
    }
  else
    {
      g_autofree char *q = g_strstrip (g_strdup (query.query ? query.query : ""));

      if (query.filter_state || query.locked_at != 0 || roster_request_get_query (request, "cursor") != NULL)
        {
          g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                               _("Only site administrators may filter people by state or page "
                                 "through all of them."));
          goto fail;
        }
      if (g_utf8_strlen (q, -1) < FINDER_MIN_QUERY)
        {
          g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Type at least %d character of a name, username or e-mail address.",
                                    "Type at least %d characters of a name, username or e-mail address.",
                                    FINDER_MIN_QUERY),
                       FINDER_MIN_QUERY);
          goto fail;
        }
      /* Only people who can take part now: no pending, suspended or
       * erased accounts. */
      query.filter_state = TRUE;
      query.state = ROSTER_USER_STATE_ACTIVE;
    }

  /* One more than asked, to know whether there is a next page. */
  query.limit = limit + 1;
  users = roster_storage_list_users (ctx->storage, &query, &error);
  if (users == NULL)
    goto fail;

  if (users->len > (guint) limit)
    {
      g_ptr_array_set_size (users, limit);
      if (admin)
        next = cursor_after (g_ptr_array_index (users, users->len - 1));
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; i < users->len; i++)
    {
      if (admin)
        roster_user_to_json (g_ptr_array_index (users, i), builder);
      else
        add_found_person (builder, g_ptr_array_index (users, i));
    }
  json_builder_end_array (builder);
  roster_json_builder_add_string_or_null (builder, "next_cursor", next);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

/* ---- POST /users and PATCH /users/{uid}: reading the body ---- */

typedef struct
{
  const char      *username;
  const char      *email;
  char            *first_name;    /* trimmed copies */
  char            *last_name;
  gboolean         has_type;
  RosterUserType   type;
  const char      *password;
  gboolean         has_site_admin;
  gboolean         site_admin;
} UserFields;

static void
user_fields_clear (UserFields *fields)
{
  g_clear_pointer (&fields->first_name, g_free);
  g_clear_pointer (&fields->last_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserFields, user_fields_clear)

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, message);
  return FALSE;
}

static const char * const user_members[] = {
  "username", "email", "first_name", "last_name", "type", "site_admin", "password", NULL,
};

/* Reads the members of @body into @fields. @creating: every member but
 * "password" and "site_admin" is required; else none is, and "password"
 * is not taken (it has its own action). */
static void
read_user_fields (JsonObject  *body,
                  gboolean     creating,
                  UserFields  *fields,
                  JsonArray   *problems)
{
  g_autoptr(GList) members = json_object_get_members (body);
  const char *type = NULL;
  const char *first = NULL;
  const char *last = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (g_strv_contains (user_members, l->data) && (creating || !g_str_equal (l->data, "password")))
        continue;
      g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” cannot be given here."), (const char *) l->data);
      roster_users_add_problem (problems, l->data, error);
    }

  /* Runs @call with a fresh error, noting its problem for @field. */
#define CHECK(field, call)                                  \
  G_STMT_START {                                            \
    g_autoptr(GError) error_ = NULL;                        \
    GError **error = &error_;                               \
    if (!(call))                                            \
      roster_users_add_problem (problems, field, error_);   \
  } G_STMT_END

  CHECK ("username", roster_json_get_string (body, "username", creating, &fields->username, error) &&
                     (fields->username == NULL || roster_users_check_username (fields->username, error)));
  CHECK ("email", roster_json_get_string (body, "email", creating, &fields->email, error) &&
                  (fields->email == NULL || roster_users_check_email (fields->email, error)));

  CHECK ("first_name", roster_json_get_string (body, "first_name", creating, &first, error));
  CHECK ("last_name", roster_json_get_string (body, "last_name", creating, &last, error));
  if (first != NULL)
    {
      fields->first_name = g_strstrip (g_strdup (first));
      CHECK ("first_name", roster_users_check_name ("first_name", fields->first_name, error));
    }
  if (last != NULL)
    {
      fields->last_name = g_strstrip (g_strdup (last));
      CHECK ("last_name", roster_users_check_name ("last_name", fields->last_name, error));
    }
  if (fields->first_name != NULL && fields->last_name != NULL)
    CHECK ("last_name", *fields->first_name != '\0' || *fields->last_name != '\0' ||
                        invalid (error, _("Give a first name, a last name or both.")));

  CHECK ("type", roster_json_get_string (body, "type", creating, &type, error));
  if (type != NULL)
    {
      fields->has_type = roster_user_type_from_string (type, &fields->type);
      CHECK ("type", fields->has_type ||
                     invalid (error, _("“type” must be “staff”, “student” or “external”.")));
    }

  fields->has_site_admin = json_object_has_member (body, "site_admin") &&
                           !json_object_get_null_member (body, "site_admin");
  CHECK ("site_admin", roster_json_get_bool (body, "site_admin", FALSE, &fields->site_admin, error));

  if (creating)
    {
      CHECK ("password", roster_json_get_string (body, "password", FALSE, &fields->password, error));
      if (fields->password != NULL)
        CHECK ("password", (strlen (fields->password) <= MAX_PASSWORD_BYTES ||
                            invalid (error, _("The password is too long."))) &&
                           roster_password_check_policy (fields->password, error));
    }

#undef CHECK
}

static char *
audit_details (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return roster_json_object_to_string (json_node_get_object (root));
}

/* ---- POST /users ---- */

static void
create_user_cb (RosterContext *ctx,
                RosterRequest *request)
{
  RosterUser *caller = roster_request_get_user (request);
  g_auto(UserFields) fields = { NULL, };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) problems = json_array_new ();
  g_autoptr(JsonBuilder) details = json_builder_new ();
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *email_key = NULL;
  g_autofree char *email_hash = NULL;
  g_autofree char *details_json = NULL;
  g_autofree char *location = NULL;
  gboolean previously_erased = FALSE;
  RosterNewUser new_user = { 0, };
  RosterAuditEvent audit = {
    .actor_id = roster_user_get_id (caller),
    .action = "user.created",
    .object_type = "user",
    .remote_address = roster_request_get_remote_address (request),
  };
  gint64 id;

  if (!roster_users_handler_begin (request, NULL))
    return;

  body = roster_request_parse_json (request, &error);
  if (body == NULL)
    goto fail;

  read_user_fields (body, TRUE, &fields, problems);
  if (json_array_get_length (problems) > 0)
    {
      roster_users_respond_problems (request, problems);
      return;
    }

  if (fields.password != NULL)
    {
      password_hash = roster_password_hash (fields.password, &error);
      if (password_hash == NULL)
        goto fail;
    }

  /* Someone whose account was erased may come back; the keyed hash of
   * their address is all that tells. */
  email_key = roster_text_identity_key (fields.email);
  email_hash = roster_users_email_hash (email_key, ctx->secret_box);
  if (!roster_storage_is_erased_email (ctx->storage, email_hash, &previously_erased, &error))
    goto fail;

  json_builder_begin_object (details);
  json_builder_set_member_name (details, "type");
  json_builder_add_string_value (details, roster_user_type_to_string (fields.type));
  json_builder_set_member_name (details, "site_admin");
  json_builder_add_boolean_value (details, fields.site_admin);
  json_builder_set_member_name (details, "password_set");
  json_builder_add_boolean_value (details, password_hash != NULL);
  json_builder_set_member_name (details, "previously_erased");
  json_builder_add_boolean_value (details, previously_erased);
  json_builder_end_object (details);
  details_json = audit_details (details);
  audit.details = details_json;

  /* Made by an administrator: active at once, no e-mail (seed 002,
   * batch registration). */
  new_user.username = fields.username;
  new_user.email = fields.email;
  new_user.first_name = fields.first_name;
  new_user.last_name = fields.last_name;
  new_user.type = fields.type;
  new_user.state = ROSTER_USER_STATE_ACTIVE;
  new_user.password_hash = password_hash;
  new_user.site_admin = fields.site_admin;

  id = roster_storage_create_user (ctx->storage, &new_user, &audit, &error);
  if (id == 0)
    goto fail;

  user = roster_storage_get_user (ctx->storage, id, &error);
  if (user == NULL)
    goto fail;

  node = user_node (user);
  json_object_set_boolean_member (json_node_get_object (node), "previously_erased", previously_erased);
  location = g_strdup_printf ("/api/v1/users/%" G_GINT64_FORMAT, id);
  roster_request_add_response_header (request, "Location", location);
  roster_request_respond_json (request, 201, node);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

/* ---- GET /users/{uid} ---- */

static void
add_enrolments (JsonObject *object,
                GPtrArray  *enrolments)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < enrolments->len; i++)
    {
      RosterUserEnrolment *enrolment = g_ptr_array_index (enrolments, i);
      JsonObject *item = json_object_new ();
      JsonObject *course = json_object_new ();
      g_autofree char *enrolled_at = roster_json_format_time (enrolment->enrolled_at);

      json_object_set_int_member (course, "id", enrolment->course_id);
      json_object_set_string_member (course, "short_name", enrolment->short_name);
      json_object_set_string_member (course, "full_name", enrolment->full_name);

      json_object_set_int_member (item, "id", enrolment->id);
      json_object_set_object_member (item, "course", course);
      json_object_set_string_member (item, "role", roster_role_to_string (enrolment->role));
      json_object_set_string_member (item, "status", roster_enrolment_status_to_string (enrolment->status));
      if (enrolled_at != NULL)
        json_object_set_string_member (item, "enrolled_at", enrolled_at);
      else
        json_object_set_null_member (item, "enrolled_at");
      json_array_add_object_element (array, item);
    }

  json_object_set_array_member (object, "enrolments", array);
}

static void
set_id_or_null (JsonObject *object,
                const char *member,
                gint64      id)
{
  if (id != 0)
    json_object_set_int_member (object, member, id);
  else
    json_object_set_null_member (object, member);
}

static void
add_events (JsonObject *object,
            GPtrArray  *events)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < events->len; i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (events, i);
      JsonObject *item = json_object_new ();
      g_autofree char *at = roster_json_format_time (record->at);
      JsonNode *details = record->details ? json_from_string (record->details, NULL) : NULL;

      json_object_set_int_member (item, "id", record->id);
      json_object_set_string_member (item, "at", at);
      json_object_set_string_member (item, "action", record->action);
      set_id_or_null (item, "actor_id", record->actor_id);
      set_id_or_null (item, "course_id", record->course_id);
      json_object_set_member (item, "details", details ? details : json_node_new (JSON_NODE_NULL));
      json_array_add_object_element (array, item);
    }

  json_object_set_array_member (object, "recent_events", array);
}

static void
get_user_cb (RosterContext *ctx,
             RosterRequest *request)
{
  g_autoptr(RosterUserDetails) details = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  details = roster_storage_get_user_details (ctx->storage, user_id, RECENT_EVENTS, &error);
  if (details == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  node = user_node (details->user);
  object = json_node_get_object (node);
  json_object_set_int_member (object, "failed_logins", details->failed_logins);
  add_enrolments (object, details->enrolments);
  add_events (object, details->recent_events);

  roster_request_respond_json (request, 200, node);
}

/* ---- PATCH /users/{uid} ---- */

static void
patch_user_cb (RosterContext *ctx,
               RosterRequest *request)
{
  RosterUser *caller = roster_request_get_user (request);
  g_auto(UserFields) fields = { NULL, };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonArray) problems = json_array_new ();
  g_autoptr(JsonBuilder) details = json_builder_new ();
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details_json = NULL;
  RosterUserChanges changes = { 0, };
  RosterAuditEvent audit = {
    .actor_id = roster_user_get_id (caller),
    .action = "user.updated",
    .object_type = "user",
    .remote_address = roster_request_get_remote_address (request),
  };
  gint64 user_id;

  if (!roster_users_handler_begin (request, &user_id))
    return;

  body = roster_request_parse_json (request, &error);
  if (body == NULL)
    goto fail;

  read_user_fields (body, FALSE, &fields, problems);
  if (json_array_get_length (problems) == 0 &&
      fields.username == NULL && fields.email == NULL && fields.first_name == NULL &&
      fields.last_name == NULL && !fields.has_type && !fields.has_site_admin)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Nothing to change: give at least one of “username”, “email”, "
                             "“first_name”, “last_name”, “type” and “site_admin”."));
      goto fail;
    }
  if (json_array_get_length (problems) > 0)
    {
      roster_users_respond_problems (request, problems);
      return;
    }

  changes.username = fields.username;
  changes.email = fields.email;
  changes.first_name = fields.first_name;
  changes.last_name = fields.last_name;
  changes.set_type = fields.has_type;
  changes.type = fields.type;
  changes.set_site_admin = fields.has_site_admin;
  changes.site_admin = fields.site_admin;

  /* Which fields changed, not their values: the log keeps no personal
   * data of its own. Granting or taking site administration is named. */
  json_builder_begin_object (details);
  json_builder_set_member_name (details, "fields");
  json_builder_begin_array (details);
  for (guint i = 0; user_members[i] != NULL; i++)
    {
      if (json_object_has_member (body, user_members[i]) && !json_object_get_null_member (body, user_members[i]))
        json_builder_add_string_value (details, user_members[i]);
    }
  json_builder_end_array (details);
  if (fields.has_site_admin)
    {
      json_builder_set_member_name (details, "site_admin");
      json_builder_add_boolean_value (details, fields.site_admin);
    }
  json_builder_end_object (details);
  details_json = audit_details (details);
  audit.details = details_json;
  audit.object_id = user_id;

  user = roster_storage_update_user (ctx->storage, user_id, &changes, &audit, &error);
  if (user == NULL)
    goto fail;

  roster_users_respond_user (request, 200, user);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static const RosterRoute user_routes[] = {
  { "GET", "/api/v1/users", list_users_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/users", create_user_cb, ROSTER_ROUTE_AUTHENTICATED, 64 * 1024 },
  { "GET", "/api/v1/users/{uid}", get_user_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH", "/api/v1/users/{uid}", patch_user_cb, ROSTER_ROUTE_AUTHENTICATED, 64 * 1024 },
  { "DELETE", "/api/v1/users/{uid}", roster_users_erase_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/users/{uid}/activate", roster_users_activate_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/users/{uid}/suspend", roster_users_suspend_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/users/{uid}/unlock", roster_users_unlock_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/users/{uid}/password", roster_users_password_cb, ROSTER_ROUTE_AUTHENTICATED, 16 * 1024 },
  { "GET", "/api/v1/removal-requests", roster_users_list_removals_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/removal-requests/{rid}/decline", roster_users_decline_removal_cb,
    ROSTER_ROUTE_AUTHENTICATED, 64 * 1024 },
};

void
roster_handlers_add_users (RosterRouter *router)
{
  roster_router_add (router, user_routes, G_N_ELEMENTS (user_routes));
}
