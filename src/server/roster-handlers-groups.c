/* roster-handlers-groups.c: groups, members and the course group mode
 * (assignments and submissions: roster-handlers-assignments.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-handlers-groups-private.h"
#include "roster-json.h"

#define MAX_NAME_CHARS         255
#define MAX_DESCRIPTION_CHARS  2000

/* ---- shared with roster-handlers-assignments.c ---- */

gboolean
roster_handlers_access_object (RosterContext           *ctx,
                               RosterUser              *user,
                               gint64                   course_id,
                               RosterCourseCapability   cap,
                               RosterCourseAccess      *access,
                               const char              *not_found,
                               GError                 **error)
{
  g_autoptr(GError) local_error = NULL;

  if (roster_access_course (ctx, user, course_id, cap, access, &local_error))
    return TRUE;

  if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
    g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, not_found);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}


char *
roster_handlers_clean_name (const char  *member,
                            const char  *value,
                            GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (value));

  if (*name == '\0')
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must not be empty."), member);
      return NULL;
    }
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be at most %d characters long."), member, MAX_NAME_CHARS);
      return NULL;
    }

  return g_steal_pointer (&name);
}

void
roster_handlers_add_change (JsonObject *details,
                            const char *member,
                            const char *from,
                            const char *to)
{
  JsonObject *change = json_object_new ();

  if (from != NULL)
    json_object_set_string_member (change, "from", from);
  else
    json_object_set_null_member (change, "from");
  if (to != NULL)
    json_object_set_string_member (change, "to", to);
  else
    json_object_set_null_member (change, "to");
  json_object_set_object_member (details, member, change);
}

/* ---- helpers ---- */

static void
respond_group (RosterRequest *request,
               guint          status,
               RosterGroup   *group)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  roster_group_to_json (group, builder);
  roster_request_respond_builder (request, status, builder);
}

/* The group of the path's {gid}, once the caller may use @cap in its
 * course. */
static RosterGroup *
load_group (RosterContext           *ctx,
            RosterRequest           *request,
            RosterCourseCapability   cap,
            RosterCourseAccess      *access,
            GError                 **error)
{
  g_autoptr(RosterGroup) group = NULL;
  gint64 group_id;

  if (!roster_request_get_id_param (request, "gid", &group_id, error))
    return NULL;

  group = roster_storage_get_group (ctx->storage, group_id, error);
  if (group == NULL ||
      !roster_handlers_access_object (ctx, roster_request_get_user (request),
                                      roster_group_get_course_id (group), cap, access,
                                      _("No such group."), error))
    return NULL;

  return g_steal_pointer (&group);
}

/* An optional description: up to MAX_DESCRIPTION_CHARS once trimmed;
 * empty means none (*description NULL). */
static gboolean
get_description (JsonObject  *body,
                 char       **description,
                 GError     **error)
{
  const char *value = NULL;
  g_autofree char *trimmed = NULL;

  *description = NULL;
  if (!roster_json_get_string (body, "description", FALSE, &value, error))
    return FALSE;
  if (value == NULL)
    return TRUE;

  trimmed = g_strstrip (g_strdup (value));
  if (g_utf8_strlen (trimmed, -1) > MAX_DESCRIPTION_CHARS)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be at most %d characters long."), "description", MAX_DESCRIPTION_CHARS);
      return FALSE;
    }

  if (*trimmed != '\0')
    *description = g_steal_pointer (&trimmed);
  return TRUE;
}

/* ---- /courses/{cid}/groups ---- */

static void
list_groups_cb (RosterContext *ctx,
                RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  RosterCourseAccess access;
  gint64 course_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, user, course_id, ROSTER_CAP_COURSE_VIEW, &access, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  /* Without the right to see groups (an external moderator), a caller
   * still learns their own, to offer them as a filter. */
  groups = roster_storage_list_groups (ctx->storage, course_id,
                                       roster_access_allows (&access, ROSTER_CAP_GROUPS_VIEW)
                                       ? 0 : roster_user_get_id (user),
                                       &error);
  if (groups == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < groups->len; i++)
    roster_group_to_json (g_ptr_array_index (groups, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
create_group_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  static const char * const allowed[] = { "name", "description", NULL };
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *details_json = NULL;
  const char *raw_name = NULL;
  RosterCourseAccess access;
  gint64 course_id;
  gint64 group_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, user, course_id, ROSTER_CAP_GROUPS_MANAGE, &access, &error) ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_check_members (body, allowed, &error) ||
      !roster_json_get_string (body, "name", TRUE, &raw_name, &error) ||
      (name = roster_handlers_clean_name ("name", raw_name, &error)) == NULL ||
      !get_description (body, &description, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_object_set_string_member (details, "name", name);
  details_json = roster_json_object_to_string (details);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = "group.created",
      .course_id = course_id,
      .object_type = "group",
      .remote_address = roster_request_get_remote_address (request),
      .details = details_json,
    };

    group_id = roster_storage_create_group (ctx->storage, course_id, name, description, &audit, &error);
  }

  if (group_id == 0 || (group = roster_storage_get_group (ctx->storage, group_id, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  respond_group (request, 201, group);
}

/* ---- /groups/{gid} ---- */

static void
update_group_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  static const char * const allowed[] = { "name", "description", NULL };
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(RosterGroup) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  g_autofree char *details_json = NULL;
  const char *raw_name = NULL;
  gboolean rename, set_description;
  RosterCourseAccess access;

  if ((group = load_group (ctx, request, ROSTER_CAP_GROUPS_MANAGE, &access, &error)) == NULL ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_check_members (body, allowed, &error) ||
      !roster_json_get_string (body, "name", FALSE, &raw_name, &error) ||
      (raw_name != NULL && (name = roster_handlers_clean_name ("name", raw_name, &error)) == NULL) ||
      !get_description (body, &description, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (json_object_get_size (body) == 0)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Give a new “name” or “description”."));
      roster_request_respond_error (request, error, NULL);
      return;
    }

  rename = name != NULL && g_strcmp0 (name, roster_group_get_name (group)) != 0;
  set_description = json_object_has_member (body, "description") &&
                    g_strcmp0 (description, roster_group_get_description (group)) != 0;

  /* Nothing to change is not a change: no write, no audit record. */
  if (!rename && !set_description)
    {
      respond_group (request, 200, group);
      return;
    }

  if (rename)
    roster_handlers_add_change (details, "name", roster_group_get_name (group), name);
  if (set_description)
    json_object_set_boolean_member (details, "description_changed", TRUE);
  details_json = roster_json_object_to_string (details);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = rename ? "group.renamed" : "group.updated",
      .course_id = access.course_id,
      .object_type = "group",
      .object_id = roster_group_get_id (group),
      .remote_address = roster_request_get_remote_address (request),
      .details = details_json,
    };

    if (!roster_storage_update_group (ctx->storage, roster_group_get_id (group),
                                      rename ? name : NULL, set_description, description,
                                      &audit, &error) ||
        (updated = roster_storage_get_group (ctx->storage, roster_group_get_id (group), &error)) == NULL)
      {
        roster_request_respond_error (request, error, NULL);
        return;
      }
  }

  respond_group (request, 200, updated);
}

static void
delete_group_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details_json = NULL;
  RosterCourseAccess access;

  if ((group = load_group (ctx, request, ROSTER_CAP_GROUPS_MANAGE, &access, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_object_set_string_member (details, "name", roster_group_get_name (group));
  json_object_set_int_member (details, "member_count", roster_group_get_member_count (group));
  details_json = roster_json_object_to_string (details);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = "group.deleted",
      .course_id = access.course_id,
      .object_type = "group",
      .object_id = roster_group_get_id (group),
      .remote_address = roster_request_get_remote_address (request),
      .details = details_json,
    };

    if (!roster_storage_delete_group (ctx->storage, roster_group_get_id (group), &audit, &error))
      {
        roster_request_respond_error (request, error, NULL);
        return;
      }
  }

  roster_request_respond_empty (request, 204);
}

/* ---- /groups/{gid}/members ---- */

static void
list_members_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GError) error = NULL;
  RosterCourseAccess access;

  if ((group = load_group (ctx, request, ROSTER_CAP_GROUPS_VIEW, &access, &error)) == NULL ||
      (members = roster_storage_list_group_members (ctx->storage, roster_group_get_id (group), &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "group");
  roster_group_to_json (group, builder);
  json_builder_set_member_name (builder, "members");
  json_builder_begin_array (builder);
  for (guint i = 0; i < members->len; i++)
    {
      RosterGroupMember *member = g_ptr_array_index (members, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, roster_user_get_id (member->user));
      roster_json_builder_add_string_or_null (builder, "username", roster_user_get_username (member->user));
      roster_json_builder_add_string_or_null (builder, "first_name", roster_user_get_first_name (member->user));
      roster_json_builder_add_string_or_null (builder, "last_name", roster_user_get_last_name (member->user));
      roster_json_builder_add_string_or_null (builder, "email", roster_user_get_email (member->user));
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, roster_user_type_to_string (roster_user_get_user_type (member->user)));
      roster_json_builder_add_string_or_null (builder, "role",
                                              member->role != ROSTER_ROLE_NONE
                                              ? roster_role_to_string (member->role) : NULL);
      roster_json_builder_add_time (builder, "added_at", member->added_at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
change_member (RosterContext *ctx,
               RosterRequest *request,
               gboolean       add)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details_json = NULL;
  RosterCourseAccess access;
  gint64 member_id;
  gboolean changed = FALSE;
  gboolean ok;

  if ((group = load_group (ctx, request, ROSTER_CAP_GROUPS_MANAGE, &access, &error)) == NULL ||
      !roster_request_get_id_param (request, "uid", &member_id, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_object_set_string_member (details, "group", roster_group_get_name (group));
  details_json = roster_json_object_to_string (details);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = add ? "group.member_added" : "group.member_removed",
      .course_id = access.course_id,
      .target_user_id = member_id,
      .object_type = "group",
      .object_id = roster_group_get_id (group),
      .remote_address = roster_request_get_remote_address (request),
      .details = details_json,
    };

    if (add)
      ok = roster_storage_add_group_member (ctx->storage, roster_group_get_id (group), member_id,
                                            &audit, &changed, &error);
    else
      ok = roster_storage_remove_group_member (ctx->storage, roster_group_get_id (group), member_id,
                                               &audit, &changed, &error);
  }

  if (!ok)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  /* The same answer whether or not this call changed anything: what the
   * caller wanted is true either way. */
  roster_request_respond_empty (request, 204);
}

static void
put_member_cb (RosterContext *ctx,
               RosterRequest *request)
{
  change_member (ctx, request, TRUE);
}

static void
delete_member_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  change_member (ctx, request, FALSE);
}

/* ---- PATCH /courses/{cid} ---- */

static gboolean
get_group_mode (JsonObject       *body,
                RosterGroupMode  *mode,
                GError          **error)
{
  const char *value = NULL;

  if (!roster_json_get_string (body, "group_mode", FALSE, &value, error))
    return FALSE;
  if (value != NULL && !roster_group_mode_from_string (value, mode))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be one of none, separate or visible."), "group_mode");
      return FALSE;
    }

  return TRUE;
}

static void
update_course_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  static const char * const allowed[] = { "group_mode", "group_mode_forced", NULL };
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details_json = NULL;
  RosterCourseAccess access;
  RosterGroupMode mode;
  gboolean forced;
  gboolean changed = FALSE;
  gint64 course_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, user, course_id, ROSTER_CAP_GROUPS_MANAGE, &access, &error) ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_check_members (body, allowed, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  mode = access.group_mode;
  forced = access.group_mode_forced;
  if (!get_group_mode (body, &mode, &error) ||
      !roster_json_get_bool (body, "group_mode_forced", FALSE, &forced, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }
  if (json_object_get_size (body) == 0)
    {
      g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Give a new “group_mode” or “group_mode_forced”."));
      roster_request_respond_error (request, error, NULL);
      return;
    }

  roster_handlers_add_change (details, "group_mode", roster_group_mode_to_string (access.group_mode),
                              roster_group_mode_to_string (mode));
  {
    JsonObject *forcing = json_object_new ();

    json_object_set_boolean_member (forcing, "from", access.group_mode_forced);
    json_object_set_boolean_member (forcing, "to", forced);
    json_object_set_object_member (details, "group_mode_forced", forcing);
  }
  details_json = roster_json_object_to_string (details);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = "course.group_mode_changed",
      .course_id = course_id,
      .object_type = "course",
      .object_id = course_id,
      .remote_address = roster_request_get_remote_address (request),
      .details = details_json,
    };

    if (!roster_storage_set_course_group_mode (ctx->storage, course_id, mode, !!forced, &audit,
                                               &changed, &error) ||
        (course = roster_storage_get_course (ctx->storage, course_id, roster_user_get_id (user), &error)) == NULL)
      {
        roster_request_respond_error (request, error, NULL);
        return;
      }
  }

  roster_course_to_json (course, builder, access.site_admin);
  roster_request_respond_builder (request, 200, builder);
}

static const RosterRoute group_routes[] = {
  { "PATCH", "/api/v1/courses/{cid}", update_course_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/courses/{cid}/groups", list_groups_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/courses/{cid}/groups", create_group_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH", "/api/v1/groups/{gid}", update_group_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "DELETE", "/api/v1/groups/{gid}", delete_group_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/groups/{gid}/members", list_members_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PUT", "/api/v1/groups/{gid}/members/{uid}", put_member_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "DELETE", "/api/v1/groups/{gid}/members/{uid}", delete_member_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_groups (RosterRouter *router)
{
  roster_router_add (router, group_routes, G_N_ELEMENTS (group_routes));
  roster_handlers_add_assignments (router);
}
