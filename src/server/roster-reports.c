/* roster-reports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-reports.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define WEEK (7 * DAY)

/* 1970-01-05, the first Monday of the Unix epoch. */
#define FIRST_MONDAY (4 * DAY)

const char *
roster_report_bucket_to_string (RosterReportBucket bucket)
{
  return bucket == ROSTER_REPORT_BUCKET_WEEK ? "week" : "day";
}

gboolean
roster_report_bucket_from_string (const char         *str,
                                  RosterReportBucket *bucket)
{
  if (g_strcmp0 (str, "day") == 0)
    *bucket = ROSTER_REPORT_BUCKET_DAY;
  else if (g_strcmp0 (str, "week") == 0)
    *bucket = ROSTER_REPORT_BUCKET_WEEK;
  else
    return FALSE;

  return TRUE;
}

gint64
roster_report_bucket_width (RosterReportBucket bucket)
{
  return bucket == ROSTER_REPORT_BUCKET_WEEK ? WEEK : DAY;
}

/* Rounds towards minus infinity, so times before an origin land in the
 * bucket before it, not after. */
static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && a < 0) ? q - 1 : q;
}

gint64
roster_report_bucket_start (RosterReportBucket bucket,
                            gint64             unix_time)
{
  gint64 width = roster_report_bucket_width (bucket);
  gint64 origin = bucket == ROSTER_REPORT_BUCKET_WEEK ? FIRST_MONDAY : 0;

  return origin + floor_div (unix_time - origin, width) * width;
}

gboolean
roster_report_resolve_range (RosterReportBucket   bucket,
                             gint64               since,
                             gint64               until,
                             gint64               first,
                             gint64               now,
                             gint64              *start,
                             gint64              *end,
                             GError             **error)
{
  gint64 width = roster_report_bucket_width (bucket);
  gint64 last;

  /* The last moment covered; until itself is not. */
  last = until != 0 ? until - 1 : now;
  *end = roster_report_bucket_start (bucket, last) + width;

  if (since != 0)
    {
      if (since > last)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                       _("The query parameter “%s” must be before “%s”."), "since", "until");
          return FALSE;
        }
      *start = roster_report_bucket_start (bucket, since);
      if ((*end - *start) / width > ROSTER_REPORT_MAX_BUCKETS)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                       _("The report would have more than %d points; choose a shorter range "
                         "(“since”, “until”) or weekly points (“bucket=week”)."),
                       ROSTER_REPORT_MAX_BUCKETS);
          return FALSE;
        }
      return TRUE;
    }

  /* By default: from the first enrolment, but no further back than the
   * limit, so that a request without a range always has an answer. */
  if (first == 0 || first > last)
    first = last;
  *start = roster_report_bucket_start (bucket, first);
  *start = MAX (*start, *end - ROSTER_REPORT_MAX_BUCKETS * width);

  return TRUE;
}
