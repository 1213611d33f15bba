/* roster-key-import-report.c: what a check of a file of keys found,
 * as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-json.h"
#include "roster-key-import.h"

static void
add_problems (JsonBuilder *builder,
              GPtrArray   *problems)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (problems, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
      roster_json_builder_add_string_or_null (builder, "column", problem->column);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, problem->code);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_file (JsonBuilder     *builder,
          RosterKeyImport *self)
{
  char delimiter[2] = { self->delimiter, '\0' };

  json_builder_set_member_name (builder, "file");
  json_builder_begin_object (builder);
  roster_json_builder_add_string_or_null (builder, "encoding", self->encoding);
  json_builder_set_member_name (builder, "encoding_detected");
  json_builder_add_boolean_value (builder, self->encoding_detected);
  roster_json_builder_add_string_or_null (builder, "delimiter", self->delimiter ? delimiter : NULL);
  json_builder_set_member_name (builder, "delimiter_detected");
  json_builder_add_boolean_value (builder, self->delimiter_detected);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->column_names->len; i++)
    {
      RosterKeyImportField field = g_array_index (self->column_fields, RosterKeyImportField, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, g_ptr_array_index (self->column_names, i));
      roster_json_builder_add_string_or_null (builder, "field", roster_key_import_field_to_string (field));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "unknown_columns");
  json_builder_begin_array (builder);
  for (guint i = 0; self->unknown_columns != NULL && self->unknown_columns[i] != NULL; i++)
    json_builder_add_string_value (builder, self->unknown_columns[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  add_problems (builder, self->file_problems);
  json_builder_end_object (builder);
}

/* What the row would make; whether its secret is chosen, never which. */
static void
add_row (JsonBuilder        *builder,
         RosterKeyImportRow *row)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, row->line);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, roster_key_import_outcome_to_string (row->outcome));
  roster_json_builder_add_string_or_null (builder, "nickname", row->nickname);
  json_builder_set_member_name (builder, "secret_chosen");
  json_builder_add_boolean_value (builder, row->secret_chosen);
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, row->active);
  json_builder_set_member_name (builder, "group");
  if (row->group_id != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, row->group_id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->group_name);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  roster_json_builder_add_time (builder, "expires_at", row->expires_at);
  json_builder_set_member_name (builder, "max_uses");
  json_builder_add_int_value (builder, row->max_uses);
  json_builder_set_member_name (builder, "problems");
  add_problems (builder, row->problems);
  json_builder_end_object (builder);
}

JsonNode *
roster_key_import_to_json (RosterKeyImport *self,
                           gint64           method_id,
                           gboolean         dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  json_builder_set_member_name (builder, "method_id");
  json_builder_add_int_value (builder, method_id);
  add_file (builder, self);
  json_builder_set_member_name (builder, "rows_total");
  json_builder_add_int_value (builder, self->rows->len);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ROSTER_KEY_IMPORT_N_OUTCOMES; i++)
    {
      json_builder_set_member_name (builder, roster_key_import_outcome_to_string (i));
      json_builder_add_int_value (builder, self->counts[i]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rows->len; i++)
    add_row (builder, g_ptr_array_index (self->rows, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonArray *
roster_key_import_problems (RosterKeyImport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_ptr_array_extend (all, self->file_problems, NULL, NULL);
  for (guint i = 0; i < self->rows->len; i++)
    {
      RosterKeyImportRow *row = g_ptr_array_index (self->rows, i);

      /* A blank row's note is no reason to refuse the file. */
      if (row->outcome == ROSTER_KEY_IMPORT_ERROR)
        g_ptr_array_extend (all, row->problems, NULL, NULL);
    }

  add_problems (builder, all);
  root = json_builder_get_root (builder);
  return json_array_ref (json_node_get_array (root));
}
