/* roster-csv-sniff.c: which delimiter a CSV file uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-csv-private.h"

/* The delimiter is the one that splits these first records best. */
#define SNIFF_RECORDS 50

static const char delimiter_candidates[] = { ',', ';', '\t', '|' };
#define N_CANDIDATES G_N_ELEMENTS (delimiter_candidates)

/* The count most records share (the larger on a tie), and how many do. */
static guint
most_common_count (const guint *counts,
                   guint        n_records,
                   guint       *frequency)
{
  guint best = 0;
  guint best_frequency = 0;

  for (guint i = 0; i < n_records; i++)
    {
      guint frequency_i = 0;

      for (guint j = 0; j < n_records; j++)
        frequency_i += counts[j] == counts[i];
      if (frequency_i > best_frequency ||
          (frequency_i == best_frequency && counts[i] > best))
        {
          best = counts[i];
          best_frequency = frequency_i;
        }
    }

  *frequency = best_frequency;
  return best;
}

/* Counts each candidate outside quotes in the first records of @text
 * (a quote toggles: two in a row leave it as it was) and picks the one
 * that most records have the same non-zero number of; then the one
 * that makes more fields. '\0' when none appears. */
char
roster_csv_sniff_delimiter (const char *text,
                            gsize       len,
                            gboolean    complete)
{
  guint counts[N_CANDIDATES][SNIFF_RECORDS];
  guint current[N_CANDIDATES] = { 0 };
  guint n_records = 0;
  gboolean in_quotes = FALSE;
  gboolean has_content = FALSE;
  char best = '\0';
  guint best_frequency = 0;
  guint best_count = 0;

  for (gsize i = 0; i < len && n_records < SNIFF_RECORDS; i++)
    {
      char c = text[i];

      if (c == '"')
        in_quotes = !in_quotes;
      if (in_quotes || c == '"')
        {
          has_content = TRUE;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          /* Blank lines, and the LF of a CRLF, are no records. */
          if (has_content)
            {
              for (guint k = 0; k < N_CANDIDATES; k++)
                counts[k][n_records] = current[k];
              n_records++;
            }
          memset (current, 0, sizeof current);
          has_content = FALSE;
          continue;
        }

      has_content = TRUE;
      for (guint k = 0; k < N_CANDIDATES; k++)
        current[k] += c == delimiter_candidates[k];
    }

  /* The last record counts if the file ends there, or if the sample
   * holds no whole record at all. */
  if (has_content && n_records < SNIFF_RECORDS && (complete || n_records == 0))
    {
      for (guint k = 0; k < N_CANDIDATES; k++)
        counts[k][n_records] = current[k];
      n_records++;
    }

  for (guint k = 0; k < N_CANDIDATES; k++)
    {
      guint frequency;
      guint count = most_common_count (counts[k], n_records, &frequency);

      if (count == 0)
        continue;
      if (frequency > best_frequency ||
          (frequency == best_frequency && count > best_count))
        {
          best = delimiter_candidates[k];
          best_frequency = frequency;
          best_count = count;
        }
    }

  return best;
}
