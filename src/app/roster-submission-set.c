/* roster-submission-set.c: the submissions one viewer may see, as the server answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-group.h"
#include "roster-json.h"
#include "roster-submission-set.h"
#include "roster-submission.h"

struct _RosterSubmissionSet
{
  GObject          parent_instance;

  gint64           viewer_id;
  char            *viewer_name;
  RosterRole       viewer_role;
  gboolean         preview;
  RosterGroupMode  group_mode;
  char            *scope;
  GListStore      *groups;
  GListStore      *submissions;
};

G_DEFINE_FINAL_TYPE (RosterSubmissionSet, roster_submission_set, G_TYPE_OBJECT)

static void
roster_submission_set_finalize (GObject *object)
{
  RosterSubmissionSet *self = ROSTER_SUBMISSION_SET (object);

  g_free (self->viewer_name);
  g_free (self->scope);
  g_clear_object (&self->groups);
  g_clear_object (&self->submissions);

  G_OBJECT_CLASS (roster_submission_set_parent_class)->finalize (object);
}

static void
roster_submission_set_class_init (RosterSubmissionSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_submission_set_finalize;
}

static void
roster_submission_set_init (RosterSubmissionSet *self)
{
  self->groups = g_list_store_new (ROSTER_TYPE_GROUP);
  self->submissions = g_list_store_new (ROSTER_TYPE_SUBMISSION);
}

typedef gpointer (*FromJsonFunc) (JsonObject *object,
                                  GError    **error);

static gboolean
bad (GError     **error,
     const char  *member)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, "“%s” is missing or malformed", member);
  return FALSE;
}

/* Each element of the array @member through @from_json into @store. */
static gboolean
read_array (JsonObject  *object,
            const char  *member,
            FromJsonFunc from_json,
            GListStore  *store,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad (error, member);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return bad (error, member);
      item = from_json (json_node_get_object (element), error);
      if (item == NULL)
        return FALSE;
      g_list_store_append (store, item);
    }
  return TRUE;
}

RosterSubmissionSet *
roster_submission_set_new_from_json (JsonObject  *object,
                                     GError     **error)
{
  g_autoptr(RosterSubmissionSet) self = g_object_new (ROSTER_TYPE_SUBMISSION_SET, NULL);
  JsonNode *viewer = json_object_get_member (object, "viewer");
  JsonObject *viewer_object;
  const char *first_name = NULL;
  const char *last_name = NULL;
  const char *username = NULL;
  const char *role = NULL;
  const char *mode = NULL;
  const char *scope = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (viewer == NULL || !JSON_NODE_HOLDS_OBJECT (viewer))
    {
      bad (error, "viewer");
      return NULL;
    }
  viewer_object = json_node_get_object (viewer);
  if (!roster_json_get_int (viewer_object, "id", TRUE, &self->viewer_id, error) ||
      !roster_json_get_string (viewer_object, "username", TRUE, &username, error) ||
      !roster_json_get_string (viewer_object, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (viewer_object, "last_name", FALSE, &last_name, error) ||
      !roster_json_get_string (viewer_object, "role", FALSE, &role, error) ||
      !roster_json_get_bool (object, "preview", TRUE, &self->preview, error) ||
      !roster_json_get_string (object, "effective_group_mode", TRUE, &mode, error) ||
      !roster_json_get_string (object, "scope", TRUE, &scope, error))
    return NULL;

  self->viewer_role = ROSTER_ROLE_NONE;
  if ((role != NULL && !roster_role_from_string (role, &self->viewer_role)) ||
      !roster_group_mode_from_string (mode, &self->group_mode))
    {
      bad (error, role != NULL ? "viewer" : "effective_group_mode");
      return NULL;
    }
  name = g_strstrip (g_strdup_printf ("%s %s", first_name != NULL ? first_name : "",
                                      last_name != NULL ? last_name : ""));
  self->viewer_name = *name != '\0' ? g_steal_pointer (&name) : g_strdup (username);
  self->scope = g_strdup (scope);

  if (!read_array (object, "groups", (FromJsonFunc) roster_group_new_from_json, self->groups, error) ||
      !read_array (object, "submissions", (FromJsonFunc) roster_submission_new_from_json, self->submissions, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
roster_submission_set_get_viewer_name (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), NULL);
  return self->viewer_name;
}

RosterRole
roster_submission_set_get_viewer_role (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), ROSTER_ROLE_NONE);
  return self->viewer_role;
}

gint64
roster_submission_set_get_viewer_id (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), 0);
  return self->viewer_id;
}

gboolean
roster_submission_set_get_preview (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), FALSE);
  return self->preview;
}

RosterGroupMode
roster_submission_set_get_group_mode (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), ROSTER_GROUP_MODE_NONE);
  return self->group_mode;
}

const char *
roster_submission_set_get_scope (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), NULL);
  return self->scope;
}

GListModel *
roster_submission_set_get_groups (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), NULL);
  return G_LIST_MODEL (self->groups);
}

GListModel *
roster_submission_set_get_submissions (RosterSubmissionSet *self)
{
  g_return_val_if_fail (ROSTER_IS_SUBMISSION_SET (self), NULL);
  return G_LIST_MODEL (self->submissions);
}
