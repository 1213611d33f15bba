/* roster-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-csv-writer.h"

static gboolean
looks_like_formula (const char *cell)
{
  return cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL;
}

void
roster_csv_append_row (GString            *out,
                       const char * const *cells,
                       guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = cells[i] != NULL ? cells[i] : "";

      if (i > 0)
        g_string_append_c (out, ',');

      g_string_append_c (out, '"');
      if (looks_like_formula (cell))
        g_string_append_c (out, '\'');
      for (const char *p = cell; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}
