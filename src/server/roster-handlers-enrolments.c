/* roster-handlers-enrolments.c: enrolling people by hand, changing and
 * ending enrolments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-json.h"

static void
add_enrolment (JsonBuilder     *builder,
               RosterEnrolment *enrolment)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, enrolment->id);
  json_builder_set_member_name (builder, "course_id");
  json_builder_add_int_value (builder, enrolment->course_id);
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_int_value (builder, enrolment->user_id);
  json_builder_set_member_name (builder, "role");
  json_builder_add_string_value (builder, roster_role_to_string (enrolment->role));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, roster_enrolment_status_to_string (enrolment->status));
  roster_json_builder_add_time (builder, "start_at", enrolment->start_at);
  roster_json_builder_add_time (builder, "end_at", enrolment->end_at);
  json_builder_set_member_name (builder, "method_id");
  if (enrolment->method_id != 0)
    json_builder_add_int_value (builder, enrolment->method_id);
  else
    json_builder_add_null_value (builder);
  roster_json_builder_add_string_or_null (builder, "key_nickname", enrolment->key_nickname);
  roster_json_builder_add_time (builder, "enrolled_at", enrolment->created_at);
  json_builder_end_object (builder);
}

static void
respond_enrolment (RosterContext *ctx,
                   RosterRequest *request,
                   gint64         enrolment_id,
                   guint          status)
{
  g_autoptr(RosterEnrolment) enrolment = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;

  enrolment = roster_storage_get_enrolment (ctx->storage, enrolment_id, &error);
  if (enrolment == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  add_enrolment (builder, enrolment);
  roster_request_respond_builder (request, status, builder);
}

/* Optional member "role", "status", "start_at", "end_at" of @body into
 * @change; a time member set to null clears it. */
static gboolean
parse_change (JsonObject             *body,
              RosterEnrolmentChange  *change,
              GError                **error)
{
  const char *role = NULL;
  const char *status = NULL;

  if (!roster_json_get_string (body, "role", FALSE, &role, error) ||
      !roster_json_get_string (body, "status", FALSE, &status, error) ||
      !roster_json_get_time (body, "start_at", FALSE, &change->start_at, error) ||
      !roster_json_get_time (body, "end_at", FALSE, &change->end_at, error))
    return FALSE;

  if (role != NULL)
    {
      if (!roster_role_from_string (role, &change->role))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” is not a role."), role);
          return FALSE;
        }
      change->set_role = TRUE;
    }

  if (status != NULL)
    {
      if (!roster_enrolment_status_from_string (status, &change->status))
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("The status must be “active” or “suspended”."));
          return FALSE;
        }
      change->set_status = TRUE;
    }

  change->set_start_at = json_object_has_member (body, "start_at");
  change->set_end_at = json_object_has_member (body, "end_at");
  return TRUE;
}

static gboolean
check_dates (gint64   start_at,
             gint64   end_at,
             GError **error)
{
  if (start_at != 0 && end_at != 0 && end_at <= start_at)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The enrolment must end after it starts."));
      return FALSE;
    }
  return TRUE;
}

static char *
change_details (const RosterEnrolmentChange *change)
{
  g_autoptr(JsonObject) details = json_object_new ();

  if (change->set_role)
    json_object_set_string_member (details, "role", roster_role_to_string (change->role));
  if (change->set_status)
    json_object_set_string_member (details, "status", roster_enrolment_status_to_string (change->status));
  if (change->set_start_at)
    json_object_set_int_member (details, "start_at", change->start_at);
  if (change->set_end_at)
    json_object_set_int_member (details, "end_at", change->end_at);

  return roster_json_object_to_string (details);
}

static void
create_enrolment_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  RosterUser *user = roster_request_get_user (request);
  RosterEnrolmentChange change = { 0, };
  RosterCourseAccess access;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  gint64 target = 0;
  gint64 id;

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_ENROLMENTS_MANAGE, &access, &error) ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !roster_json_get_int (body, "user_id", TRUE, &target, &error) ||
      !parse_change (body, &change, &error) ||
      !check_dates (change.start_at, change.end_at, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  if (!change.set_role)
    change.role = ROSTER_ROLE_STUDENT;
  if (!change.set_status)
    change.status = ROSTER_ENROLMENT_ACTIVE;

  change.set_role = change.set_status = TRUE;
  details = change_details (&change);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (user),
      .action = "enrolment.created",
      .course_id = access.course_id,
      .target_user_id = target,
      .object_type = "enrolment",
      .remote_address = roster_request_get_remote_address (request),
      .details = details,
    };

    id = roster_storage_create_enrolment (ctx->storage, access.course_id, target, change.role, change.status,
                                          change.start_at, change.end_at, &audit, &error);
  }

  if (id == 0)
    {
      /* The person to enrol is part of the request: not finding them is
       * a problem with the request, not a missing address. */
      if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        {
          g_clear_error (&error);
          g_set_error_literal (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("There is no user with this id."));
        }
      roster_request_respond_error (request, error, NULL);
      return;
    }

  respond_enrolment (ctx, request, id, 201);
}

/* The enrolment named in the path, if the caller may manage enrolments
 * in its course (else it is "not found" or "forbidden" like the course). */
static RosterEnrolment *
managed_enrolment (RosterContext  *ctx,
                   RosterRequest  *request,
                   GError        **error)
{
  g_autoptr(RosterEnrolment) enrolment = NULL;
  gint64 enrolment_id;

  if (!roster_request_get_id_param (request, "eid", &enrolment_id, error))
    return NULL;

  enrolment = roster_storage_get_enrolment (ctx->storage, enrolment_id, error);
  if (enrolment == NULL)
    return NULL;

  if (!roster_access_course (ctx, roster_request_get_user (request), enrolment->course_id,
                             ROSTER_CAP_ENROLMENTS_MANAGE, NULL, error))
    {
      if (g_error_matches (*error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        {
          g_clear_error (error);
          g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment."));
        }
      return NULL;
    }

  return g_steal_pointer (&enrolment);
}

static void
update_enrolment_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  RosterEnrolmentChange change = { 0, };
  g_autoptr(RosterEnrolment) enrolment = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;

  if ((enrolment = managed_enrolment (ctx, request, &error)) == NULL ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !parse_change (body, &change, &error) ||
      !check_dates (change.set_start_at ? change.start_at : enrolment->start_at,
                    change.set_end_at ? change.end_at : enrolment->end_at, &error))
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  details = change_details (&change);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (roster_request_get_user (request)),
      .action = "enrolment.updated",
      .course_id = enrolment->course_id,
      .target_user_id = enrolment->user_id,
      .object_type = "enrolment",
      .object_id = enrolment->id,
      .remote_address = roster_request_get_remote_address (request),
      .details = details,
    };

    if (!roster_storage_update_enrolment (ctx->storage, enrolment->id, &change, &audit, &error))
      {
        roster_request_respond_error (request, error, NULL);
        return;
      }
  }

  respond_enrolment (ctx, request, enrolment->id, 200);
}

static void
delete_enrolment_cb (RosterContext *ctx,
                     RosterRequest *request)
{
  g_autoptr(RosterEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) details_object = json_object_new ();
  g_autofree char *details = NULL;

  enrolment = managed_enrolment (ctx, request, &error);
  if (enrolment == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_object_set_string_member (details_object, "role", roster_role_to_string (enrolment->role));
  details = roster_json_object_to_string (details_object);

  {
    RosterAuditEvent audit = {
      .actor_id = roster_user_get_id (roster_request_get_user (request)),
      .action = "enrolment.deleted",
      .course_id = enrolment->course_id,
      .target_user_id = enrolment->user_id,
      .object_type = "enrolment",
      .object_id = enrolment->id,
      .remote_address = roster_request_get_remote_address (request),
      .details = details,
    };

    if (!roster_storage_delete_enrolment (ctx->storage, enrolment->id, &audit, &error))
      {
        roster_request_respond_error (request, error, NULL);
        return;
      }
  }

  roster_request_respond_empty (request, 204);
}

static const RosterRoute enrolment_routes[] = {
  { "POST", "/api/v1/courses/{cid}/enrolments", create_enrolment_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH", "/api/v1/enrolments/{eid}", update_enrolment_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "DELETE", "/api/v1/enrolments/{eid}", delete_enrolment_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_enrolments (RosterRouter *router)
{
  roster_router_add (router, enrolment_routes, G_N_ELEMENTS (enrolment_routes));
}
