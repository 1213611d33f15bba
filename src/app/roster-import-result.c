/* roster-import-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-result-private.h"
#include "roster-import-result.h"
#include "roster-json.h"

struct _RosterImportResult
{
  GObject                    parent_instance;

  guint                      line;
  RosterImportResultOutcome  outcome;
  gint64                     user_id;
  char                      *username;
  char                      *email;
  GPtrArray                 *problems;
};

G_DEFINE_FINAL_TYPE (RosterImportResult, roster_import_result, G_TYPE_OBJECT)

/* Read-only: for list items' expressions in the wizard's pages. */
enum {
  PROP_0,
  PROP_LINE,
  PROP_OUTCOME,
  PROP_USER_ID,
  PROP_USERNAME,
  PROP_EMAIL,
  PROP_HAS_PROBLEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const outcome_names[ROSTER_IMPORT_RESULT_N_OUTCOMES] = {
  "create", "update", "enrol", "unchanged", "skipped", "error",
};

const char *
roster_import_result_outcome_to_string (RosterImportResultOutcome outcome)
{
  g_return_val_if_fail (outcome < ROSTER_IMPORT_RESULT_N_OUTCOMES, NULL);

  return outcome_names[outcome];
}

gboolean
roster_import_result_outcome_from_string (const char                *str,
                                          RosterImportResultOutcome *outcome)
{
  for (guint i = 0; str != NULL && i < ROSTER_IMPORT_RESULT_N_OUTCOMES; i++)
    if (g_str_equal (str, outcome_names[i]))
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

const char *
roster_import_result_outcome_get_label (RosterImportResultOutcome outcome)
{
  /* A context: "Create" and "Error" are also buttons and titles. */
  switch (outcome)
    {
    case ROSTER_IMPORT_RESULT_CREATE:
      return C_("import outcome", "Create");
    case ROSTER_IMPORT_RESULT_UPDATE:
      return C_("import outcome", "Update");
    case ROSTER_IMPORT_RESULT_ENROL:
      return C_("import outcome", "Enrol");
    case ROSTER_IMPORT_RESULT_UNCHANGED:
      return C_("import outcome", "Unchanged");
    case ROSTER_IMPORT_RESULT_SKIPPED:
      return C_("import outcome", "Skipped");
    case ROSTER_IMPORT_RESULT_ERROR:
      return C_("import outcome", "Error");
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
bad_member (const char  *member,
            GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("“%s” is not what an import report holds there."), member);
  return FALSE;
}

GPtrArray *
roster_import_problems_from_json (JsonNode  *node,
                                  guint      line,
                                  GError   **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
  JsonArray *array;

  /* The server writes null for a stored list it could not read back. */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_steal_pointer (&problems);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      bad_member ("problems", error);
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *column = NULL, *code = NULL, *message = NULL;
      gint64 own_line = line;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          bad_member ("problems", error);
          return NULL;
        }
      object = json_node_get_object (element);
      if (!roster_json_get_int (object, "line", FALSE, &own_line, error) ||
          !roster_json_get_string (object, "column", FALSE, &column, error) ||
          !roster_json_get_string (object, "code", TRUE, &code, error) ||
          !roster_json_get_string (object, "message", TRUE, &message, error))
        return NULL;
      if (own_line < 0 || own_line > G_MAXUINT)
        {
          bad_member ("line", error);
          return NULL;
        }
      g_ptr_array_add (problems, roster_import_problem_new (own_line, column, code, message));
    }

  return g_steal_pointer (&problems);
}

static void
roster_import_result_finalize (GObject *object)
{
  RosterImportResult *self = (RosterImportResult *) object;

  g_free (self->username);
  g_free (self->email);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_import_result_parent_class)->finalize (object);
}

static void
roster_import_result_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterImportResult *self = ROSTER_IMPORT_RESULT (object);

  switch (prop_id)
    {
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_OUTCOME:
      g_value_set_uint (value, self->outcome);
      break;
    case PROP_USER_ID:
      g_value_set_int64 (value, self->user_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_HAS_PROBLEMS:
      g_value_set_boolean (value, roster_import_result_has_problems (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_result_class_init (RosterImportResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_import_result_finalize;
  object_class->get_property = roster_import_result_get_property;

  properties[PROP_LINE] = g_param_spec_uint ("line", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* A RosterImportResultOutcome. */
  properties[PROP_OUTCOME] = g_param_spec_uint ("outcome", NULL, NULL, 0, ROSTER_IMPORT_RESULT_N_OUTCOMES - 1, 0, flags);
  properties[PROP_USER_ID] = g_param_spec_int64 ("user-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL, flags);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, flags);
  properties[PROP_HAS_PROBLEMS] = g_param_spec_boolean ("has-problems", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_import_result_init (RosterImportResult *self)
{
}

/**
 * roster_import_result_new_from_json:
 *
 * Returns: (transfer full): the row, or %NULL
 */
RosterImportResult *
roster_import_result_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(RosterImportResult) self = NULL;
  const char *outcome = NULL, *username = NULL, *email = NULL;
  gint64 line = 0, user_id = 0;

  g_return_val_if_fail (object != NULL, NULL);

  if (!roster_json_get_int (object, "line", TRUE, &line, error) ||
      !roster_json_get_string (object, "outcome", TRUE, &outcome, error) ||
      !roster_json_get_int (object, "user_id", FALSE, &user_id, error) ||
      !roster_json_get_string (object, "username", FALSE, &username, error) ||
      !roster_json_get_string (object, "email", FALSE, &email, error))
    return NULL;
  if (line < 1 || line > G_MAXUINT)
    {
      bad_member ("line", error);
      return NULL;
    }
  if (user_id < 0)
    {
      bad_member ("user_id", error);
      return NULL;
    }

  self = g_object_new (ROSTER_TYPE_IMPORT_RESULT, NULL);
  if (!roster_import_result_outcome_from_string (outcome, &self->outcome))
    {
      bad_member ("outcome", error);
      return NULL;
    }
  self->line = line;
  self->user_id = user_id;
  self->username = g_strdup (username);
  self->email = g_strdup (email);
  self->problems = roster_import_problems_from_json (json_object_get_member (object, "problems"), line, error);
  if (self->problems == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

guint
roster_import_result_get_line (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), 0);

  return self->line;
}

RosterImportResultOutcome
roster_import_result_get_outcome (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), ROSTER_IMPORT_RESULT_ERROR);

  return self->outcome;
}

gint64
roster_import_result_get_user_id (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), 0);

  return self->user_id;
}

const char *
roster_import_result_get_username (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), NULL);

  return self->username;
}

const char *
roster_import_result_get_email (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), NULL);

  return self->email;
}

/**
 * roster_import_result_get_problems:
 *
 * Returns: (transfer none) (element-type RosterImportProblem): never %NULL
 */
GPtrArray *
roster_import_result_get_problems (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), NULL);

  return self->problems;
}

gboolean
roster_import_result_has_problems (RosterImportResult *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), FALSE);

  return self->problems->len > 0;
}

char *
roster_import_result_dup_problem_text (RosterImportResult *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (ROSTER_IS_IMPORT_RESULT (self), NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (self->problems, i);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, problem->message);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
