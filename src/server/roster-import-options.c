/* roster-import-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-options.h"
#include "roster-json.h"

void
roster_import_options_init (RosterImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->create_users = TRUE;
  options->user_type = ROSTER_USER_TYPE_EXTERNAL;
  options->default_role = ROSTER_ROLE_STUDENT;
  options->create_groups = TRUE;
}

void
roster_import_options_clear (RosterImportOptions *options)
{
  g_clear_pointer (&options->group, g_free);
  g_clear_pointer (&options->encoding, g_free);
  g_clear_pointer (&options->file_name, g_free);
  g_clear_pointer (&options->columns, g_array_unref);
}

void
roster_import_options_copy (RosterImportOptions       *dest,
                            const RosterImportOptions *src)
{
  *dest = *src;
  dest->group = g_strdup (src->group);
  dest->encoding = g_strdup (src->encoding);
  dest->file_name = g_strdup (src->file_name);
  if (src->columns != NULL)
    dest->columns = g_array_ref (src->columns);
}

static gboolean
bad_option (const char  *name,
            GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("The import option “%s” has a value that is not allowed."), name);
  return FALSE;
}

gboolean
roster_import_option_text (GHashTable   *query,
                           JsonObject   *object,
                           const char   *name,
                           char        **value,
                           GError      **error)
{
  *value = NULL;

  if (object != NULL && json_object_has_member (object, name))
    {
      JsonNode *node = json_object_get_member (object, name);

      if (JSON_NODE_HOLDS_NULL (node))
        return TRUE;
      if (!JSON_NODE_HOLDS_VALUE (node))
        return bad_option (name, error);

      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          *value = g_strdup (json_node_get_string (node));
          return TRUE;
        case G_TYPE_BOOLEAN:
          *value = g_strdup (json_node_get_boolean (node) ? "true" : "false");
          return TRUE;
        default:
          return bad_option (name, error);
        }
    }

  if (query != NULL && g_hash_table_contains (query, name))
    *value = g_strdup (g_hash_table_lookup (query, name));

  return TRUE;
}

gboolean
roster_import_option_bool (GHashTable  *query,
                           JsonObject  *object,
                           const char  *name,
                           gboolean    *value,
                           GError     **error)
{
  g_autofree char *text = NULL;

  if (!roster_import_option_text (query, object, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (g_str_equal (text, "true") || g_str_equal (text, "1") || g_str_equal (text, "yes"))
    *value = TRUE;
  else if (g_str_equal (text, "false") || g_str_equal (text, "0") || g_str_equal (text, "no"))
    *value = FALSE;
  else
    return bad_option (name, error);

  return TRUE;
}

gboolean
roster_import_option_delimiter (GHashTable  *query,
                                JsonObject  *object,
                                const char  *name,
                                char        *value,
                                GError     **error)
{
  g_autofree char *text = NULL;

  if (!roster_import_option_text (query, object, name, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  /* "tab" for the character that is hard to put in a URL. */
  if (g_str_equal (text, "tab") || g_str_equal (text, "\t"))
    *value = '\t';
  else if (strlen (text) == 1 && strchr (",;|", text[0]) != NULL)
    *value = text[0];
  else
    return bad_option (name, error);

  return TRUE;
}

/* A field as the API names it ("email", "course2"); slotted fields need
 * their number, as the report's columns show them. */
static gboolean
parse_column_field (const char               *name,
                    RosterImportColumnChoice *choice)
{
  for (RosterImportField field = ROSTER_IMPORT_FIELD_USERNAME; field < ROSTER_IMPORT_N_FIELDS; field++)
    {
      g_autofree char *base = roster_import_field_column_name (field, 0);
      const char *digits;
      guint64 slot = 0;

      if (!g_str_has_prefix (name, base))
        continue;
      digits = name + strlen (base);

      if (!roster_import_field_has_slots (field))
        {
          if (*digits != '\0')
            continue;
        }
      else if (*digits < '1' || *digits > '9' || strlen (digits) > 3 ||
               !g_ascii_string_to_unsigned (digits, 10, 1, ROSTER_IMPORT_MAX_SLOT, &slot, NULL))
        continue;

      choice->field = field;
      choice->slot = (guint) slot;
      return TRUE;
    }

  return FALSE;
}

static gboolean
bad_column (guint    index,
            GError **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("The import option “columns” names no field for column %u: give a field such as "
                 "“email” or “course1”, or null to ignore the column."), index + 1);
  return FALSE;
}

/* "columns": only in the JSON object, as an array of field names or
 * nulls; whether it fits the file is for the import to say. */
static gboolean
option_columns (JsonObject  *object,
                GArray     **columns,
                GError     **error)
{
  JsonNode *node;
  JsonArray *array;
  g_autoptr(GArray) choices = NULL;

  if (object == NULL || !json_object_has_member (object, "columns"))
    return TRUE;

  node = json_object_get_member (object, "columns");
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return bad_option ("columns", error);

  array = json_node_get_array (node);
  choices = g_array_sized_new (FALSE, TRUE, sizeof (RosterImportColumnChoice), json_array_get_length (array));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      RosterImportColumnChoice choice = { ROSTER_IMPORT_FIELD_IGNORED, 0 };

      /* null, or "" as a form's empty choice: the column is ignored. */
      if (JSON_NODE_HOLDS_NULL (element))
        ;
      else if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return bad_column (i, error);
      else if (*json_node_get_string (element) != '\0' &&
               !parse_column_field (json_node_get_string (element), &choice))
        return bad_column (i, error);
      g_array_append_val (choices, choice);
    }

  *columns = g_steal_pointer (&choices);
  return TRUE;
}

static gboolean
option_time (GHashTable  *query,
             JsonObject  *object,
             const char  *name,
             gint64      *value,
             GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *midnight = NULL;

  if (!roster_import_option_text (query, object, name, &text, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    return TRUE;

  midnight = g_strconcat (text, "T00:00:00Z", NULL);
  if (roster_json_parse_time (text, value) || (strlen (text) == 10 && roster_json_parse_time (midnight, value)))
    return TRUE;

  return bad_option (name, error);
}

gboolean
roster_import_options_parse (RosterImportOptions  *options,
                             GHashTable           *query,
                             JsonObject           *object,
                             GError              **error)
{
  static const char * const known[] = {
    "dry_run", "create_users", "user_type", "update_users", "send_invitations", "default_role", "group",
    "create_groups", "enrol_start", "enrol_end", "skip_errors", "encoding", "delimiter", "file_name", "columns", NULL,
  };
  g_autofree char *type = NULL;
  g_autofree char *role = NULL;

  if (object != NULL && !roster_json_check_members (object, known, error))
    return FALSE;

  if (!roster_import_option_bool (query, object, "dry_run", &options->dry_run, error) ||
      !roster_import_option_bool (query, object, "create_users", &options->create_users, error) ||
      !roster_import_option_bool (query, object, "update_users", &options->update_users, error) ||
      !roster_import_option_bool (query, object, "send_invitations", &options->send_invitations, error) ||
      !roster_import_option_bool (query, object, "create_groups", &options->create_groups, error) ||
      !roster_import_option_bool (query, object, "skip_errors", &options->skip_errors, error) ||
      !roster_import_option_text (query, object, "user_type", &type, error) ||
      !roster_import_option_text (query, object, "default_role", &role, error) ||
      !roster_import_option_text (query, object, "group", &options->group, error) ||
      !roster_import_option_text (query, object, "encoding", &options->encoding, error) ||
      !roster_import_option_delimiter (query, object, "delimiter", &options->delimiter, error) ||
      !roster_import_option_text (query, object, "file_name", &options->file_name, error) ||
      !option_time (query, object, "enrol_start", &options->enrol_start, error) ||
      !option_time (query, object, "enrol_end", &options->enrol_end, error) ||
      !option_columns (object, &options->columns, error))
    return FALSE;

  if (type != NULL && !roster_user_type_from_string (type, &options->user_type))
    return bad_option ("user_type", error);
  if (role != NULL && !roster_role_from_string (role, &options->default_role))
    return bad_option ("default_role", error);

  if (options->group != NULL)
    {
      g_strstrip (options->group);
      if (*options->group == '\0' || g_utf8_strlen (options->group, -1) > 255)
        return bad_option ("group", error);
    }

  if (options->enrol_start != 0 && options->enrol_end != 0 && options->enrol_end <= options->enrol_start)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The enrolments must end after they start."));
      return FALSE;
    }

  return TRUE;
}

JsonNode *
roster_import_options_to_json (const RosterImportOptions *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char delimiter[2] = { options->delimiter, '\0' };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "create_users");
  json_builder_add_boolean_value (builder, options->create_users);
  json_builder_set_member_name (builder, "user_type");
  json_builder_add_string_value (builder, roster_user_type_to_string (options->user_type));
  json_builder_set_member_name (builder, "update_users");
  json_builder_add_boolean_value (builder, options->update_users);
  json_builder_set_member_name (builder, "send_invitations");
  json_builder_add_boolean_value (builder, options->send_invitations);
  json_builder_set_member_name (builder, "default_role");
  json_builder_add_string_value (builder, roster_role_to_string (options->default_role));
  roster_json_builder_add_string_or_null (builder, "group", options->group);
  json_builder_set_member_name (builder, "create_groups");
  json_builder_add_boolean_value (builder, options->create_groups);
  roster_json_builder_add_time (builder, "enrol_start", options->enrol_start);
  roster_json_builder_add_time (builder, "enrol_end", options->enrol_end);
  json_builder_set_member_name (builder, "skip_errors");
  json_builder_add_boolean_value (builder, options->skip_errors);
  roster_json_builder_add_string_or_null (builder, "encoding", options->encoding);
  roster_json_builder_add_string_or_null (builder, "delimiter", options->delimiter ? delimiter : NULL);
  roster_json_builder_add_string_or_null (builder, "file_name", options->file_name);
  json_builder_set_member_name (builder, "columns");
  if (options->columns == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < options->columns->len; i++)
        {
          const RosterImportColumnChoice *choice = &g_array_index (options->columns, RosterImportColumnChoice, i);
          g_autofree char *name = roster_import_field_column_name (choice->field, choice->slot);

          if (name != NULL)
            json_builder_add_string_value (builder, name);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

