/* roster-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-import-report.h"
#include "roster-json.h"

/* {line, column, code, message}; a row's problems leave out the line,
 * which is the row's. */
static void
add_problem (JsonBuilder               *builder,
             const RosterImportProblem *problem,
             gboolean                   with_line)
{
  json_builder_begin_object (builder);
  if (with_line)
    {
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, problem->line);
    }
  roster_json_builder_add_string_or_null (builder, "column", problem->column);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, problem->code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, problem->message);
  json_builder_end_object (builder);
}

void
roster_import_report_free (RosterImportReport *report)
{
  if (report == NULL)
    return;

  g_free (report->encoding);
  g_clear_pointer (&report->columns, json_node_unref);
  g_strfreev (report->unknown_columns);
  g_clear_pointer (&report->file_problems, g_ptr_array_unref);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_free (report);
}

RosterImportReport *
roster_import_report_new (void)
{
  RosterImportReport *report = g_new0 (RosterImportReport, 1);

  report->file_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_report_row_free);
  return report;
}

void
roster_import_report_row_to_json (const RosterImportReportRow *row,
                                  JsonBuilder                 *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, row->line);
  json_builder_set_member_name (builder, "outcome");
  json_builder_add_string_value (builder, roster_import_outcome_to_string (row->outcome));
  json_builder_set_member_name (builder, "user_id");
  if (row->user_id != 0)
    json_builder_add_int_value (builder, row->user_id);
  else
    json_builder_add_null_value (builder);
  roster_json_builder_add_string_or_null (builder, "username", row->username);
  roster_json_builder_add_string_or_null (builder, "email", row->email);
  json_builder_set_member_name (builder, "problems");
  if (row->problems != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, row->problems, -1, NULL))
        json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
      else
        json_builder_add_null_value (builder);
    }
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

char *
roster_import_problems_to_string (GPtrArray *problems)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (problems == NULL || problems->len == 0)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (problems, i);

      add_problem (builder, problem, FALSE);
    }
  json_builder_end_array (builder);

  generator = json_generator_new ();
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

void
roster_import_add_counts (JsonBuilder *builder,
                          const guint *counts)
{
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ROSTER_IMPORT_N_OUTCOMES; i++)
    {
      json_builder_set_member_name (builder, roster_import_outcome_to_string (i));
      json_builder_add_int_value (builder, counts[i]);
    }
  json_builder_end_object (builder);
}

JsonNode *
roster_import_report_file_to_json (RosterImportReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  char delimiter[2] = { report->delimiter, '\0' };

  json_builder_begin_object (builder);
  roster_json_builder_add_string_or_null (builder, "encoding", report->encoding);
  json_builder_set_member_name (builder, "encoding_detected");
  json_builder_add_boolean_value (builder, report->encoding_detected);
  roster_json_builder_add_string_or_null (builder, "delimiter", report->delimiter ? delimiter : NULL);
  json_builder_set_member_name (builder, "delimiter_detected");
  json_builder_add_boolean_value (builder, report->delimiter_detected);

  json_builder_set_member_name (builder, "columns");
  if (report->columns != NULL)
    json_builder_add_value (builder, json_node_copy (report->columns));
  else
    {
      json_builder_begin_array (builder);
      json_builder_end_array (builder);
    }

  json_builder_set_member_name (builder, "unknown_columns");
  json_builder_begin_array (builder);
  for (guint i = 0; report->unknown_columns != NULL && report->unknown_columns[i] != NULL; i++)
    json_builder_add_string_value (builder, report->unknown_columns[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->file_problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (report->file_problems, i);

      add_problem (builder, problem, TRUE);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
