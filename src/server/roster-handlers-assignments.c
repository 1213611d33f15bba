/* roster-handlers-assignments.c: assignments, their group mode, and
 * submissions as the group rules let each viewer see them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-groups.h"
#include "roster-handlers.h"
#include "roster-handlers-groups-private.h"
#include "roster-json.h"

/* How many submissions of @assignment the viewer of @access may see. */
static gboolean
count_visible (RosterContext             *ctx,
               const RosterCourseAccess  *access,
               gint64                     viewer_id,
               RosterAssignment          *assignment,
               GError                   **error)
{
  g_autoptr(GArray) group_ids = NULL;
  gint64 count = 0;

  if (!roster_groups_visible_groups (ctx, access, viewer_id,
                                     roster_assignment_get_effective_group_mode (assignment),
                                     &group_ids, error) ||
      !roster_storage_count_submissions (ctx->storage, roster_assignment_get_id (assignment),
                                         group_ids, &count, error))
    return FALSE;

  roster_assignment_set_submission_count (assignment, count);
  return TRUE;
}

/* The assignment of the path's {aid}, once the caller may use @cap in
 * its course. */
static RosterAssignment *
load_assignment (RosterContext           *ctx,
                 RosterRequest           *request,
                 RosterCourseCapability   cap,
                 RosterCourseAccess      *access,
                 GError                 **error)
{
  g_autoptr(RosterAssignment) assignment = NULL;
  gint64 assignment_id;

  if (!roster_request_get_id_param (request, "aid", &assignment_id, error))
    return NULL;

  assignment = roster_storage_get_assignment (ctx->storage, assignment_id, error);
  if (assignment == NULL ||
      !roster_handlers_access_object (ctx, roster_request_get_user (request),
                                      roster_assignment_get_course_id (assignment), cap, access,
                                      _("No such assignment."), error))
    return NULL;

  return g_steal_pointer (&assignment);
}

/* ---- /courses/{cid}/assignments ---- */

static void
list_assignments_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  RosterCourseAccess access;
  gint64 course_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, user, course_id, ROSTER_CAP_ASSIGNMENTS_VIEW, &access, &error) ||
      (assignments = roster_storage_list_assignments (ctx->storage, course_id, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  for (guint i = 0; i < assignments->len; i++)
    {
      if (!count_visible (ctx, &access, roster_user_get_id (user), g_ptr_array_index (assignments, i), &error))
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "assignments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < assignments->len; i++)
    roster_assignment_to_json (g_ptr_array_index (assignments, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

/* ---- PATCH /assignments/{aid} ---- */

/* Reads the body into @change, leaving out what equals @current, and
 * writes what changes into @details. */
static gboolean
parse_change (JsonObject              *body,
              RosterAssignment        *current,
              RosterAssignmentChange  *change,
              char                   **name,
              JsonObject              *details,
              GError                 **error)
{
  static const char * const allowed[] = { "name", "group_mode", "due_at", NULL };
  const char *raw_name = NULL;
  const char *mode_name = NULL;
  JsonNode *due = json_object_get_member (body, "due_at");
  gint64 due_at = 0;

  if (!roster_json_check_members (body, allowed, error) ||
      !roster_json_get_string (body, "name", FALSE, &raw_name, error) ||
      !roster_json_get_string (body, "group_mode", FALSE, &mode_name, error) ||
      !roster_json_get_time (body, "due_at", FALSE, &due_at, error))
    return FALSE;

  if (json_object_get_size (body) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("Give a new “name”, “group_mode” or “due_at”."));
      return FALSE;
    }

  if (raw_name != NULL)
    {
      *name = roster_handlers_clean_name ("name", raw_name, error);
      if (*name == NULL)
        return FALSE;
      if (g_strcmp0 (*name, roster_assignment_get_name (current)) != 0)
        {
          change->name = *name;
          roster_handlers_add_change (details, "name", roster_assignment_get_name (current), *name);
        }
    }

  if (mode_name != NULL)
    {
      if (!roster_group_mode_from_string (mode_name, &change->group_mode))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("“%s” must be one of none, separate or visible."), "group_mode");
          return FALSE;
        }
      if (change->group_mode != roster_assignment_get_group_mode (current))
        {
          change->set_group_mode = TRUE;
          roster_handlers_add_change (details, "group_mode",
                                      roster_group_mode_to_string (roster_assignment_get_group_mode (current)),
                                      roster_group_mode_to_string (change->group_mode));
        }
    }

  /* "due_at": null takes the due date away. */
  if (due != NULL && due_at != roster_assignment_get_due_at (current))
    {
      g_autofree char *from = roster_json_format_time (roster_assignment_get_due_at (current));
      g_autofree char *to = roster_json_format_time (due_at);

      change->set_due_at = TRUE;
      change->due_at = due_at;
      roster_handlers_add_change (details, "due_at", from, to);
    }

  return TRUE;
}

static void
update_assignment_cb (RosterContext *ctx,
                      RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterAssignment) assignment = NULL;
  g_autoptr(RosterAssignment) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *details_json = NULL;
  RosterAssignmentChange change = { NULL, };
  RosterCourseAccess access;

  if ((assignment = load_assignment (ctx, request, ROSTER_CAP_ASSIGNMENTS_MANAGE, &access, &error)) == NULL ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !parse_change (body, assignment, &change, &name, details, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (json_object_get_size (details) == 0)
    /* Nothing to change is not a change: no write, no audit record. */
    updated = g_object_ref (assignment);
  else
    {
      RosterAuditEvent audit = {
        .actor_id = roster_user_get_id (user),
        .action = "assignment.updated",
        .course_id = access.course_id,
        .object_type = "assignment",
        .object_id = roster_assignment_get_id (assignment),
        .remote_address = roster_request_get_remote_address (request),
      };

      details_json = roster_json_object_to_string (details);
      audit.details = details_json;
      if (!roster_storage_update_assignment (ctx->storage, roster_assignment_get_id (assignment),
                                             &change, &audit, &error) ||
          (updated = roster_storage_get_assignment (ctx->storage, roster_assignment_get_id (assignment),
                                                    &error)) == NULL)
        {
          roster_request_respond_error (request, error, NULL);
          return;
        }
    }

  if (!count_visible (ctx, &access, roster_user_get_id (user), updated, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  roster_assignment_to_json (updated, builder);
  roster_request_respond_builder (request, 200, builder);
}

/* ---- GET /assignments/{aid}/submissions ---- */

typedef struct
{
  RosterUser         *user;     /* whose view this is */
  RosterCourseAccess  access;   /* what their role allows */
  gboolean            preview;  /* someone else's view, for the caller */
} Viewer;

static void
viewer_clear (Viewer *viewer)
{
  g_clear_object (&viewer->user);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Viewer, viewer_clear)

/* The caller, or with "as_user" the person whose view the caller wants
 * to see: then it is that person's role that counts, exactly as if they
 * had asked, and the caller's own powers (a site administrator's
 * included) do not carry over. */
static gboolean
resolve_viewer (RosterContext             *ctx,
                RosterRequest             *request,
                const RosterCourseAccess  *caller_access,
                Viewer                    *viewer,
                GError                   **error)
{
  RosterUser *caller = roster_request_get_user (request);
  g_autoptr(RosterUser) target = NULL;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 as_user = 0;

  if (!roster_request_get_query_id (request, "as_user", &as_user, error))
    return FALSE;

  if (as_user == 0 || as_user == roster_user_get_id (caller))
    {
      viewer->user = g_object_ref (caller);
      viewer->access = *caller_access;
      viewer->preview = FALSE;
      return TRUE;
    }

  if (!roster_access_allows (caller_access, ROSTER_CAP_SUBMISSIONS_PREVIEW_AS))
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                           _("Your role in this course does not allow seeing what others see."));
      return FALSE;
    }

  target = roster_storage_get_user (ctx->storage, as_user, &local_error);
  if (target == NULL)
    {
      if (!g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("User %lld is not enrolled in this course."), (long long) as_user);
      return FALSE;
    }

  /* Their role comes from a current, active enrolment, as when they
   * sign in themselves. */
  course = roster_storage_get_course (ctx->storage, caller_access->course_id, as_user, error);
  if (course == NULL)
    return FALSE;
  if (roster_course_get_my_role (course) == ROSTER_ROLE_NONE)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” is not enrolled in this course."), roster_user_get_username (target));
      return FALSE;
    }

  viewer->user = g_steal_pointer (&target);
  viewer->access = *caller_access;
  viewer->access.role = roster_course_get_my_role (course);
  viewer->access.site_admin = roster_user_get_is_site_admin (viewer->user);
  viewer->preview = TRUE;

  if (!roster_access_allows (&viewer->access, ROSTER_CAP_SUBMISSIONS_VIEW))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN,
                   _("“%s” may not see submissions in this course."), roster_user_get_username (viewer->user));
      return FALSE;
    }

  return TRUE;
}

/* "group=": absent or empty for the default view, "all", or an id. */
static gboolean
get_group_filter (RosterRequest  *request,
                  gint64         *requested,
                  GError        **error)
{
  const char *value = roster_request_get_query (request, "group");

  if (g_strcmp0 (value, "all") == 0)
    {
      *requested = ROSTER_GROUP_FILTER_ALL;
      return TRUE;
    }

  return roster_request_get_query_id (request, "group", requested, error);
}

static GArray *
group_ids_of (GPtrArray *groups)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), groups->len);

  for (guint i = 0; i < groups->len; i++)
    {
      gint64 id = roster_group_get_id (g_ptr_array_index (groups, i));
      g_array_append_val (ids, id);
    }

  return ids;
}

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static const char *
scope_to_string (RosterGroupScope scope)
{
  switch (scope)
    {
    case ROSTER_GROUP_SCOPE_OWN_GROUPS:
      return "own_groups";
    case ROSTER_GROUP_SCOPE_GROUP:
      return "group";
    case ROSTER_GROUP_SCOPE_EVERYONE:
    default:
      return "everyone";
    }
}

static void
add_viewer (JsonBuilder  *builder,
            const Viewer *viewer)
{
  json_builder_set_member_name (builder, "viewer");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, roster_user_get_id (viewer->user));
  roster_json_builder_add_string_or_null (builder, "username", roster_user_get_username (viewer->user));
  roster_json_builder_add_string_or_null (builder, "first_name", roster_user_get_first_name (viewer->user));
  roster_json_builder_add_string_or_null (builder, "last_name", roster_user_get_last_name (viewer->user));
  roster_json_builder_add_string_or_null (builder, "role",
                                          viewer->access.role != ROSTER_ROLE_NONE
                                          ? roster_role_to_string (viewer->access.role) : NULL);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "preview");
  json_builder_add_boolean_value (builder, viewer->preview);
}

static void
list_submissions_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(RosterAssignment) assignment = NULL;
  g_autoptr(GPtrArray) course_groups = NULL;
  g_autoptr(GArray) course_group_ids = NULL;
  g_autoptr(GArray) own_group_ids = NULL;
  g_autoptr(GArray) shown_ids = NULL;
  g_autoptr(GPtrArray) submissions = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Viewer) viewer = { NULL, };
  RosterCourseAccess access;
  RosterGroupView view;
  RosterGroupMode mode;
  gboolean access_all;
  gint64 requested = ROSTER_GROUP_FILTER_DEFAULT;

  if ((assignment = load_assignment (ctx, request, ROSTER_CAP_SUBMISSIONS_VIEW, &access, &error)) == NULL ||
      !get_group_filter (request, &requested, &error) ||
      !resolve_viewer (ctx, request, &access, &viewer, &error) ||
      (course_groups = roster_storage_list_groups (ctx->storage, access.course_id, 0, &error)) == NULL ||
      (own_group_ids = roster_storage_list_user_group_ids (ctx->storage, access.course_id,
                                                           roster_user_get_id (viewer.user), &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  mode = roster_assignment_get_effective_group_mode (assignment);
  access_all = roster_groups_access_all (&viewer.access);
  course_group_ids = group_ids_of (course_groups);

  if (!roster_groups_resolve_view (access_all, mode, own_group_ids, course_group_ids, requested,
                                   &view, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  switch (view.scope)
    {
    case ROSTER_GROUP_SCOPE_OWN_GROUPS:
      shown_ids = g_array_ref (own_group_ids);
      break;
    case ROSTER_GROUP_SCOPE_GROUP:
      shown_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (shown_ids, view.group_id);
      break;
    case ROSTER_GROUP_SCOPE_EVERYONE:
    default:
      break;
    }

  submissions = roster_storage_list_submissions (ctx->storage, roster_assignment_get_id (assignment),
                                                 shown_ids, &error);
  if (submissions == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "assignment_id");
  json_builder_add_int_value (builder, roster_assignment_get_id (assignment));
  add_viewer (builder, &viewer);
  json_builder_set_member_name (builder, "effective_group_mode");
  json_builder_add_string_value (builder, roster_group_mode_to_string (mode));
  json_builder_set_member_name (builder, "access_all_groups");
  json_builder_add_boolean_value (builder, access_all);
  json_builder_set_member_name (builder, "scope");
  json_builder_add_string_value (builder, scope_to_string (view.scope));
  json_builder_set_member_name (builder, "filter");
  if (view.scope == ROSTER_GROUP_SCOPE_GROUP)
    json_builder_add_int_value (builder, view.group_id);
  else
    json_builder_add_null_value (builder);

  /* What the viewer may filter by: under separate groups without access
   * to all, only their own groups, whose names are all they learn. */
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < course_groups->len; i++)
    {
      RosterGroup *group = g_ptr_array_index (course_groups, i);
      gboolean own = has_id (own_group_ids, roster_group_get_id (group));

      if (!view.any_group && !own)
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, roster_group_get_id (group));
      roster_json_builder_add_string_or_null (builder, "name", roster_group_get_name (group));
      json_builder_set_member_name (builder, "own");
      json_builder_add_boolean_value (builder, own);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "submissions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < submissions->len; i++)
    {
      RosterSubmission *submission = g_ptr_array_index (submissions, i);
      GPtrArray *groups = roster_submission_get_groups (submission);

      /* Nor do a student's other groups show through. */
      for (guint g = groups->len; !view.any_group && g > 0; g--)
        {
          if (!has_id (own_group_ids, roster_group_get_id (g_ptr_array_index (groups, g - 1))))
            g_ptr_array_remove_index (groups, g - 1);
        }
      roster_submission_to_json (submission, builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static const RosterRoute assignment_routes[] = {
  { "GET", "/api/v1/courses/{cid}/assignments", list_assignments_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH", "/api/v1/assignments/{aid}", update_assignment_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET", "/api/v1/assignments/{aid}/submissions", list_submissions_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_assignments (RosterRouter *router)
{
  roster_router_add (router, assignment_routes, G_N_ELEMENTS (assignment_routes));
}
