/* test-import-util.h: rows and problems for the import tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "roster-import.h"

/* The cells of @strv, as the CSV reader gives a row. */
static inline GPtrArray *
test_fields_from_strv (const char * const *strv)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strv[i] != NULL; i++)
    g_ptr_array_add (fields, g_strdup (strv[i]));

  return fields;
}

/* The cells of @line split at commas; "" is one empty cell, as a blank
 * line in the middle of a file is. */
static inline GPtrArray *
test_fields (const char *line)
{
  g_auto(GStrv) cells = g_strsplit (line, ",", -1);
  GPtrArray *fields = test_fields_from_strv ((const char * const *) cells);

  if (fields->len == 0)
    g_ptr_array_add (fields, g_strdup (""));

  return fields;
}

/* "LINE:CODE@COLUMN …" for each problem (no "@" for the whole row),
 * freed when the test ends: for comparing with one g_assert_cmpstr. */
static inline const char *
test_problem_codes (GPtrArray *problems)
{
  GString *out = g_string_new (NULL);
  char *codes;

  for (guint i = 0; i < problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_nonnull (problem->message);
      g_assert_cmpstr (problem->message, !=, "");
      g_string_append_printf (out, "%s%u:%s", i > 0 ? " " : "", problem->line, problem->code);
      if (problem->column != NULL)
        g_string_append_printf (out, "@%s", problem->column);
    }

  codes = g_string_free (out, FALSE);
  g_test_queue_free (codes);
  return codes;
}

static inline RosterImportValidator *
test_validator_for (const char *header)
{
  g_autoptr(GPtrArray) fields = test_fields (header);
  g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (fields);

  /* The validator keeps its own reference. */
  return roster_import_validator_new (mapping);
}

static inline RosterImportRow *
test_check_line (RosterImportValidator *validator,
                 const char            *line,
                 guint                  number)
{
  g_autoptr(GPtrArray) fields = test_fields (line);

  return roster_import_validator_check (validator, fields, number);
}

static inline RosterImportRow *
test_check_strv (RosterImportValidator *validator,
                 const char * const    *cells,
                 guint                  number)
{
  g_autoptr(GPtrArray) fields = test_fields_from_strv (cells);

  return roster_import_validator_check (validator, fields, number);
}

/* The problems of @line, as line 2 under @header. */
static inline const char *
test_codes_of (const char *header,
               const char *line)
{
  g_autoptr(RosterImportValidator) validator = test_validator_for (header);
  g_autoptr(RosterImportRow) row = test_check_line (validator, line, 2);

  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpuint (row->enrolments->len, >=, 1);
  return test_problem_codes (row->problems);
}

static inline RosterImportEnrolment *
test_enrolment_at (RosterImportRow *row,
                   guint            i)
{
  g_assert_cmpuint (i, <, row->enrolments->len);
  return g_ptr_array_index (row->enrolments, i);
}
