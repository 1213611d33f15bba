/* roster-handlers-methods.c: /courses/{cid}/methods, /methods/{mid}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys of self-enrolment methods are in roster-handlers-keys.c.
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-handlers-methods-private.h"
#include "roster-json.h"

/* ---- shared with roster-handlers-keys.c ---- */

void
roster_handlers_audit_init (RosterAuditEvent *event,
                            RosterRequest    *request,
                            const char       *action,
                            gint64            course_id,
                            const char       *object_type,
                            gint64            object_id,
                            const char       *details)
{
  *event = (RosterAuditEvent) {
    .actor_id = roster_user_get_id (roster_request_get_user (request)),
    .action = action,
    .course_id = course_id,
    .object_type = object_type,
    .object_id = object_id,
    .remote_address = roster_request_get_remote_address (request),
    .details = details,
  };
}


static gboolean
is_null (JsonObject *body,
         const char *member)
{
  JsonNode *node = json_object_get_member (body, member);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

gboolean
roster_handlers_get_flag (JsonObject  *body,
                          const char  *member,
                          gboolean    *value,
                          GError     **error)
{
  if (is_null (body, member))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), member, _("true or false"));
      return FALSE;
    }
  return roster_json_get_bool (body, member, TRUE, value, error);
}

gboolean
roster_handlers_get_count (JsonObject  *body,
                           const char  *member,
                           gboolean     nullable,
                           gint64      *value,
                           GError     **error)
{
  if (is_null (body, member))
    {
      if (nullable)
        {
          *value = 0;
          return TRUE;
        }
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), member, _("a whole number"));
      return FALSE;
    }

  if (!roster_json_get_int (body, member, TRUE, value, error))
    return FALSE;
  if (*value < 0)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” may not be negative."), member);
      return FALSE;
    }
  return TRUE;
}

gboolean
roster_handlers_get_time_or_null (JsonObject  *body,
                                  const char  *member,
                                  gint64      *value,
                                  GError     **error)
{
  const char *text = NULL;

  *value = 0;
  if (is_null (body, member))
    return TRUE;
  if (!roster_json_get_string (body, member, TRUE, &text, error))
    return FALSE;

  /* A date alone, as the query parameters allow, means midnight UTC. */
  if (strlen (text) == 10)
    {
      g_autofree char *midnight = g_strconcat (text, "T00:00:00Z", NULL);

      if (roster_json_parse_time (midnight, value))
        return TRUE;
    }

  return roster_json_get_time (body, member, TRUE, value, error);
}

char *
roster_handlers_get_text (JsonObject  *body,
                          const char  *member,
                          gboolean     strip,
                          GError     **error)
{
  const char *value = NULL;
  char *copy;

  if (!roster_json_get_string (body, member, FALSE, &value, error) || value == NULL)
    return NULL;

  copy = g_strdup (value);
  if (strip)
    g_strstrip (copy);
  /* An empty text is no text: the default name, no welcome message. */
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

char *
roster_handlers_details (const char *first_member,
                         ...)
{
  g_autoptr(JsonObject) object = json_object_new ();
  const char *member = first_member;
  va_list args;

  /* Pairs of member name and string value (NULL becomes null). */
  va_start (args, first_member);
  while (member != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        json_object_set_string_member (object, member, value);
      else
        json_object_set_null_member (object, member);
      member = va_arg (args, const char *);
    }
  va_end (args);

  return roster_json_object_to_string (object);
}

/* ---- methods ---- */

RosterMethod *
roster_handlers_method_for_request (RosterContext           *ctx,
                                    RosterRequest           *request,
                                    RosterCourseCapability   cap,
                                    GError                 **error)
{
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 method_id;

  if (!roster_request_get_id_param (request, "mid", &method_id, error))
    return NULL;

  method = roster_storage_get_method (ctx->storage, method_id, error);
  if (method == NULL)
    return NULL;

  if (!roster_access_course (ctx, roster_request_get_user (request), roster_method_get_course_id (method),
                             cap, NULL, &local_error))
    {
      /* A method of a course the caller cannot see is answered exactly
       * like one that does not exist. */
      if (g_error_matches (local_error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND))
        g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND, _("No such enrolment method."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return g_steal_pointer (&method);
}

static void
respond_method (RosterRequest *request,
                guint          status,
                RosterMethod  *method)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  roster_method_to_json (method, builder);
  roster_request_respond_builder (request, status, builder);
}

static const char * const method_members[] = {
  "type", "name", "enabled", "sort_order", "default_role", "enrol_start", "enrol_end",
  "enrol_duration", "max_enrolled", "welcome_message", "notify_admins", NULL
};

/* What a create or edit request sets; owns the texts the patch points to. */
typedef struct
{
  RosterMethodPatch  patch;
  GPtrArray         *changed;    /* member names, for the audit record */
  char              *name;
  char              *welcome_message;
} MethodInput;

static void
method_input_clear (MethodInput *input)
{
  g_clear_pointer (&input->changed, g_ptr_array_unref);
  g_clear_pointer (&input->name, g_free);
  g_clear_pointer (&input->welcome_message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MethodInput, method_input_clear)

static void
mark (MethodInput        *input,
      RosterMethodFields  field,
      const char         *member)
{
  input->patch.fields |= field;
  g_ptr_array_add (input->changed, (gpointer) member);
}

static gboolean
parse_method_input (JsonObject   *body,
                    MethodInput  *input,
                    GError      **error)
{
  RosterMethodPatch *patch = &input->patch;
  g_autoptr(GError) local_error = NULL;

  input->changed = g_ptr_array_new ();

  if (!roster_json_check_members (body, method_members, error))
    return FALSE;

  if (json_object_has_member (body, "name"))
    {
      input->name = roster_handlers_get_text (body, "name", TRUE, &local_error);
      if (local_error != NULL)
        goto fail;
      patch->name = input->name;
      mark (input, ROSTER_METHOD_FIELD_NAME, "name");
    }
  if (json_object_has_member (body, "welcome_message"))
    {
      input->welcome_message = roster_handlers_get_text (body, "welcome_message", FALSE, &local_error);
      if (local_error != NULL)
        goto fail;
      patch->welcome_message = input->welcome_message;
      mark (input, ROSTER_METHOD_FIELD_WELCOME_MESSAGE, "welcome_message");
    }
  if (json_object_has_member (body, "enabled"))
    {
      if (!roster_handlers_get_flag (body, "enabled", &patch->enabled, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_ENABLED, "enabled");
    }
  if (json_object_has_member (body, "notify_admins"))
    {
      if (!roster_handlers_get_flag (body, "notify_admins", &patch->notify_admins, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_NOTIFY_ADMINS, "notify_admins");
    }
  if (json_object_has_member (body, "sort_order"))
    {
      if (!roster_handlers_get_count (body, "sort_order", FALSE, &patch->sort_order, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_SORT_ORDER, "sort_order");
    }
  if (json_object_has_member (body, "enrol_duration"))
    {
      if (!roster_handlers_get_count (body, "enrol_duration", TRUE, &patch->enrol_duration, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_ENROL_DURATION, "enrol_duration");
    }
  if (json_object_has_member (body, "max_enrolled"))
    {
      if (!roster_handlers_get_count (body, "max_enrolled", TRUE, &patch->max_enrolled, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_MAX_ENROLLED, "max_enrolled");
    }
  if (json_object_has_member (body, "enrol_start"))
    {
      if (!roster_handlers_get_time_or_null (body, "enrol_start", &patch->enrol_start, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_ENROL_START, "enrol_start");
    }
  if (json_object_has_member (body, "enrol_end"))
    {
      if (!roster_handlers_get_time_or_null (body, "enrol_end", &patch->enrol_end, error))
        return FALSE;
      mark (input, ROSTER_METHOD_FIELD_ENROL_END, "enrol_end");
    }
  if (json_object_has_member (body, "default_role"))
    {
      const char *role = NULL;

      if (!roster_json_get_string (body, "default_role", TRUE, &role, error))
        return FALSE;
      if (!roster_role_from_string (role, &patch->default_role) || patch->default_role == ROSTER_ROLE_NONE)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be a course role."),
                       "default_role");
          return FALSE;
        }
      mark (input, ROSTER_METHOD_FIELD_DEFAULT_ROLE, "default_role");
    }

  return TRUE;

fail:
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static void
list_methods_cb (RosterContext *ctx,
                 RosterRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) methods = NULL;
  g_autoptr(GError) error = NULL;
  gint64 course_id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, roster_request_get_user (request), course_id,
                             ROSTER_CAP_METHODS_VIEW, NULL, &error) ||
      (methods = roster_storage_list_methods (ctx->storage, course_id, &error)) == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (guint i = 0; i < methods->len; i++)
    roster_method_to_json (g_ptr_array_index (methods, i), builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  roster_request_respond_builder (request, 200, builder);
}

static void
create_method_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  g_auto(MethodInput) input = { { 0, }, };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(RosterMethod) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details = NULL;
  RosterMethodType type;
  RosterAuditEvent audit;
  const char *type_name = NULL;
  gint64 course_id, id;

  if (!roster_request_get_id_param (request, "cid", &course_id, &error) ||
      !roster_access_course (ctx, roster_request_get_user (request), course_id,
                             ROSTER_CAP_METHODS_MANAGE, NULL, &error) ||
      (body = roster_request_parse_json (request, &error)) == NULL ||
      !parse_method_input (body, &input, &error) ||
      !roster_json_get_string (body, "type", TRUE, &type_name, &error))
    goto fail;

  if (!roster_method_type_from_string (type_name, &type))
    {
      g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be manual, self or guest."), "type");
      goto fail;
    }

  method = roster_method_new_for_type (type);
  roster_method_set_course_id (method, course_id);
  /* Without a place of its own, a new method goes last. */
  roster_method_set_sort_order (method, G_MAXINT64);
  roster_method_apply_patch (method, &input.patch);

  details = roster_handlers_details ("type", type_name, "name", input.name, NULL);
  roster_handlers_audit_init (&audit, request, "method.created", course_id, "method", 0, details);

  id = roster_storage_create_method (ctx->storage, method, &audit, &error);
  if (id == 0 || (created = roster_storage_get_method (ctx->storage, id, &error)) == NULL)
    goto fail;

  respond_method (request, 201, created);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static void
update_method_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  g_auto(MethodInput) input = { { 0, }, };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonArray) changed = json_array_new ();
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(RosterMethod) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *details_text = NULL;
  RosterAuditEvent audit;

  if ((method = roster_handlers_method_for_request (ctx, request, ROSTER_CAP_METHODS_MANAGE,
                                                    &error)) == NULL ||
      (body = roster_request_parse_json (request, &error)) == NULL)
    goto fail;

  if (json_object_has_member (body, "type"))
    {
      g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” cannot be changed; add a method of the other type instead."), "type");
      goto fail;
    }
  if (!parse_method_input (body, &input, &error))
    goto fail;

  /* Nothing to change is no change: no write, no audit record. */
  if (input.patch.fields == 0)
    {
      respond_method (request, 200, method);
      return;
    }

  for (guint i = 0; i < input.changed->len; i++)
    json_array_add_string_element (changed, g_ptr_array_index (input.changed, i));
  json_object_set_array_member (details, "changed", g_steal_pointer (&changed));
  details_text = roster_json_object_to_string (details);
  roster_handlers_audit_init (&audit, request, "method.updated", roster_method_get_course_id (method),
                              "method", roster_method_get_id (method), details_text);

  if (!roster_storage_update_method (ctx->storage, roster_method_get_id (method), &input.patch, &audit, &error) ||
      (updated = roster_storage_get_method (ctx->storage, roster_method_get_id (method), &error)) == NULL)
    goto fail;

  respond_method (request, 200, updated);
  return;

fail:
  roster_request_respond_error (request, error, NULL);
}

static void
delete_method_cb (RosterContext *ctx,
                  RosterRequest *request)
{
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *details = NULL;
  const char *unenrol_param = roster_request_get_query (request, "unenrol");
  gboolean unenrol = FALSE;
  RosterAuditEvent audit;
  gint64 enrolled = 0;

  if (unenrol_param != NULL)
    {
      if (g_str_equal (unenrol_param, "true") || g_str_equal (unenrol_param, "1"))
        unenrol = TRUE;
      else if (!g_str_equal (unenrol_param, "false") && !g_str_equal (unenrol_param, "0"))
        {
          g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                       _("“%s” must be true or false."), "unenrol");
          roster_request_respond_error (request, error, NULL);
          return;
        }
    }

  method = roster_handlers_method_for_request (ctx, request, ROSTER_CAP_METHODS_MANAGE, &error);
  if (method == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }

  details = roster_handlers_details ("type", roster_method_type_to_string (roster_method_get_method_type (method)),
                                     "name", roster_method_get_name (method), NULL);
  roster_handlers_audit_init (&audit, request, "method.deleted", roster_method_get_course_id (method),
                              "method", roster_method_get_id (method), details);

  if (!roster_storage_delete_method (ctx->storage, roster_method_get_id (method), unenrol, &audit,
                                     &enrolled, &error))
    {
      /* Says how many, so that a client can ask before unenrolling. */
      if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT) && enrolled > 0 && !unenrol)
        {
          extra = json_object_new ();
          json_object_set_int_member (extra, "enrolled", enrolled);
        }
      roster_request_respond_error (request, error, extra);
      return;
    }

  roster_request_respond_empty (request, 204);
}

static const RosterRoute method_routes[] = {
  { "GET", "/api/v1/courses/{cid}/methods", list_methods_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST", "/api/v1/courses/{cid}/methods", create_method_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH", "/api/v1/methods/{mid}", update_method_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "DELETE", "/api/v1/methods/{mid}", delete_method_cb, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

void
roster_handlers_add_methods (RosterRouter *router)
{
  roster_router_add (router, method_routes, G_N_ELEMENTS (method_routes));
  roster_handlers_add_keys (router);
}
