/* roster-submission.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-submission.h"

G_DEFINE_ENUM_TYPE (RosterSubmissionStatus, roster_submission_status,
                    G_DEFINE_ENUM_VALUE (ROSTER_SUBMISSION_DRAFT, "draft"),
                    G_DEFINE_ENUM_VALUE (ROSTER_SUBMISSION_SUBMITTED, "submitted"),
                    G_DEFINE_ENUM_VALUE (ROSTER_SUBMISSION_GRADED, "graded"))

static const char * const status_names[] = { "draft", "submitted", "graded" };

const char *
roster_submission_status_to_string (RosterSubmissionStatus status)
{
  return (guint) status < G_N_ELEMENTS (status_names) ? status_names[status] : NULL;
}

gboolean
roster_submission_status_from_string (const char             *str,
                                      RosterSubmissionStatus *status)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (status_names[i], str))
        {
          *status = (RosterSubmissionStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

struct _RosterSubmission
{
  GObject                 parent_instance;

  gint64                  id;
  gint64                  assignment_id;
  RosterUser             *student;
  RosterSubmissionStatus  status;
  gint64                  submitted_at;
  GPtrArray              *groups;
};

G_DEFINE_FINAL_TYPE (RosterSubmission, roster_submission, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ASSIGNMENT_ID,
  PROP_STUDENT,
  PROP_STATUS,
  PROP_SUBMITTED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_submission_finalize (GObject *object)
{
  RosterSubmission *self = (RosterSubmission *) object;

  g_clear_object (&self->student);
  g_ptr_array_unref (self->groups);

  G_OBJECT_CLASS (roster_submission_parent_class)->finalize (object);
}

static void
roster_submission_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RosterSubmission *self = ROSTER_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_ASSIGNMENT_ID:
      g_value_set_int64 (value, self->assignment_id);
      break;
    case PROP_STUDENT:
      g_value_set_object (value, self->student);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_SUBMITTED_AT:
      g_value_set_int64 (value, self->submitted_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_submission_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RosterSubmission *self = ROSTER_SUBMISSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      roster_submission_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_ASSIGNMENT_ID:
      roster_submission_set_assignment_id (self, g_value_get_int64 (value));
      break;
    case PROP_STUDENT:
      roster_submission_set_student (self, g_value_get_object (value));
      break;
    case PROP_STATUS:
      roster_submission_set_status (self, g_value_get_enum (value));
      break;
    case PROP_SUBMITTED_AT:
      roster_submission_set_submitted_at (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_submission_class_init (RosterSubmissionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = roster_submission_finalize;
  object_class->get_property = roster_submission_get_property;
  object_class->set_property = roster_submission_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ASSIGNMENT_ID] = g_param_spec_int64 ("assignment-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STUDENT] = g_param_spec_object ("student", NULL, NULL, ROSTER_TYPE_USER, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       ROSTER_TYPE_SUBMISSION_STATUS, ROSTER_SUBMISSION_DRAFT, flags);
  properties[PROP_SUBMITTED_AT] = g_param_spec_int64 ("submitted-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_submission_init (RosterSubmission *self)
{
  self->groups = g_ptr_array_new_with_free_func (g_object_unref);
}

RosterSubmission *
roster_submission_new (void)
{
  return g_object_new (ROSTER_TYPE_SUBMISSION, NULL);
}

void
roster_submission_to_json (RosterSubmission *self,
                           JsonBuilder      *builder)
{
  g_return_if_fail (ROSTER_IS_SUBMISSION (self));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, self->id);

  /* Only what identifies the student: a moderator has no business with
   * account states or sign-in times. */
  json_builder_set_member_name (builder, "student");
  if (self->student != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, roster_user_get_id (self->student));
      roster_json_builder_add_string_or_null (builder, "username", roster_user_get_username (self->student));
      roster_json_builder_add_string_or_null (builder, "first_name", roster_user_get_first_name (self->student));
      roster_json_builder_add_string_or_null (builder, "last_name", roster_user_get_last_name (self->student));
      roster_json_builder_add_string_or_null (builder, "email", roster_user_get_email (self->student));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, roster_submission_status_to_string (self->status));
  roster_json_builder_add_time (builder, "submitted_at", self->submitted_at);

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->groups->len; i++)
    roster_group_to_json_brief (g_ptr_array_index (self->groups, i), builder);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static RosterUser *
student_from_json (JsonObject  *object,
                   GError     **error)
{
  g_autoptr(RosterUser) student = roster_user_new ();
  const char *username, *first_name, *last_name, *email;
  gint64 id = 0;

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_string (object, "username", TRUE, &username, error) ||
      !roster_json_get_string (object, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (object, "last_name", FALSE, &last_name, error) ||
      !roster_json_get_string (object, "email", FALSE, &email, error))
    return NULL;

  roster_user_set_id (student, id);
  roster_user_set_username (student, username);
  roster_user_set_first_name (student, first_name);
  roster_user_set_last_name (student, last_name);
  roster_user_set_email (student, email);
  roster_user_set_user_type (student, ROSTER_USER_TYPE_STUDENT);

  return g_steal_pointer (&student);
}

RosterSubmission *
roster_submission_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(RosterSubmission) self = roster_submission_new ();
  const char *status;
  JsonNode *student = json_object_get_member (object, "student");
  JsonNode *groups = json_object_get_member (object, "groups");

  if (!roster_json_get_int (object, "id", FALSE, &self->id, error) ||
      !roster_json_get_string (object, "status", TRUE, &status, error) ||
      !roster_json_get_time (object, "submitted_at", FALSE, &self->submitted_at, error))
    return NULL;

  if (!roster_submission_status_from_string (status, &self->status))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("Unknown submission status “%s”."), status);
      return NULL;
    }

  if (student == NULL || !JSON_NODE_HOLDS_OBJECT (student))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   _("“%s” must be %s."), "student", _("an object"));
      return NULL;
    }
  self->student = student_from_json (json_node_get_object (student), error);
  if (self->student == NULL)
    return NULL;

  if (groups != NULL && JSON_NODE_HOLDS_ARRAY (groups))
    {
      JsonArray *array = json_node_get_array (groups);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          RosterGroup *group;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("“%s” must be %s."), "groups", _("a list of groups"));
              return NULL;
            }
          group = roster_group_new_from_json (json_node_get_object (element), error);
          if (group == NULL)
            return NULL;
          g_ptr_array_add (self->groups, group);
        }
    }

  return g_steal_pointer (&self);
}

GPtrArray *
roster_submission_get_groups (RosterSubmission *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION (self), NULL);
  return self->groups;
}

void
roster_submission_add_group (RosterSubmission *self,
                             RosterGroup      *group)
{
  g_return_if_fail (ROSTER_IS_SUBMISSION (self));
  g_return_if_fail (ROSTER_IS_GROUP (group));

  g_ptr_array_add (self->groups, g_object_ref (group));
}

RosterUser *
roster_submission_get_student (RosterSubmission *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION (self), NULL);
  return self->student;
}

void
roster_submission_set_student (RosterSubmission *self,
                               RosterUser       *student)
{
  g_return_if_fail (ROSTER_IS_SUBMISSION (self));

  if (g_set_object (&self->student, student))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUDENT]);
}

#define DEFINE_SCALAR_ACCESSORS(field, Type, PROP)                        \
  Type                                                                    \
  roster_submission_get_##field (RosterSubmission *self)                  \
  {                                                                       \
    g_return_val_if_fail (ROSTER_IS_SUBMISSION (self), (Type) 0);         \
    return self->field;                                                   \
  }                                                                       \
                                                                          \
  void                                                                    \
  roster_submission_set_##field (RosterSubmission *self,                  \
                                 Type              value)                 \
  {                                                                       \
    g_return_if_fail (ROSTER_IS_SUBMISSION (self));                       \
    if (self->field != value)                                             \
      {                                                                   \
        self->field = value;                                              \
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);     \
      }                                                                   \
  }

DEFINE_SCALAR_ACCESSORS (id, gint64, PROP_ID)
DEFINE_SCALAR_ACCESSORS (assignment_id, gint64, PROP_ASSIGNMENT_ID)
DEFINE_SCALAR_ACCESSORS (status, RosterSubmissionStatus, PROP_STATUS)
DEFINE_SCALAR_ACCESSORS (submitted_at, gint64, PROP_SUBMITTED_AT)
