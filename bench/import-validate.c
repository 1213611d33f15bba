/* import-validate.c: the import's column mapping and row checks over
 * 100 000 valid rows of 8 fields, as the CSV reader hands them over
 * (PRODUCT.md §7: parse and validate under 1 s together).
 *   build/bench/import-validate [ROWS] [RUNS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include "roster-import.h"

static GPtrArray *
make_row (const char * const *cells)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; cells[i] != NULL; i++)
    g_ptr_array_add (row, g_strdup (cells[i]));

  return row;
}

/* Mostly ASCII, as university lists are, with every tenth person's
 * name in Chinese and every seventh with accents. */
static GPtrArray *
make_rows (guint n_rows)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *username = g_strdup_printf ("student%06u", i);
      g_autofree char *email = g_strdup_printf ("Student.%06u@Example.ac.uk", i);
      g_autofree char *idnumber = g_strdup_printf ("U%08u", 20000000 + i);
      const char *first = i % 10 == 0 ? "小明" : i % 7 == 0 ? "Zoë" : "Alexandra";
      const char *last = i % 10 == 0 ? "王" : i % 7 == 0 ? "Ñúñez-García" : "Thompson";
      const char * const cells[] = {
        username, first, last, email, idnumber, "student", "CS101", i % 2 ? "student" : "Student", NULL,
      };

      g_ptr_array_add (rows, make_row (cells));
    }

  return rows;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  const char * const header_cells[] = {
    "username", "firstname", "lastname", "email", "idnumber", "type", "course1", "role1", NULL,
  };
  guint n_rows = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : 100000;
  guint n_runs = argc > 2 ? (guint) strtoul (argv[2], NULL, 10) : 7;
  g_autoptr(GPtrArray) header = make_row (header_cells);
  g_autoptr(GPtrArray) rows = make_rows (n_rows);
  g_autofree double *times = g_new0 (double, MAX (n_runs, 1));

  for (guint run = 0; run < n_runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(RosterImportMapping) mapping = roster_import_mapping_new_from_header (header);
      g_autoptr(GPtrArray) problems = roster_import_mapping_check (mapping);
      g_autoptr(RosterImportValidator) validator = roster_import_validator_new (mapping);
      guint n_invalid = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(RosterImportRow) row =
            roster_import_validator_check (validator, g_ptr_array_index (rows, i), i + 2);

          n_invalid += row->problems->len > 0;
        }
      /* Freeing the validator (its table of addresses seen) is part of
       * the work. */
      g_clear_pointer (&validator, roster_import_validator_free);
      times[run] = (g_get_monotonic_time () - start) / 1e6;

      if (problems->len > 0 || n_invalid > 0)
        {
          g_printerr ("import-validate: %u rows had problems\n", n_invalid);
          return 1;
        }
    }

  qsort (times, n_runs, sizeof *times, compare_doubles);
  g_print ("checked %u rows of %u fields: best %.3f s, median %.3f s of %u runs (%.0f rows/s)\n",
           n_rows, header->len, times[0], times[n_runs / 2], n_runs, n_rows / times[n_runs / 2]);

  return 0;
}
