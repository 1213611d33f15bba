/* roster-reports.h: the rules of the enrolment report's time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report counts enrolments in whole buckets: days from midnight UTC,
 * or weeks from Monday midnight UTC (ISO 8601 weeks). These rules are
 * the same for every storage driver, so they live here.
 */

#pragma once

#include <glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_REPORT_BUCKET_DAY,
  ROSTER_REPORT_BUCKET_WEEK,
} RosterReportBucket;

#define ROSTER_REPORT_N_USER_TYPES (ROSTER_USER_TYPE_EXTERNAL + 1)
#define ROSTER_REPORT_N_STATUSES   (ROSTER_ENROLMENT_SUSPENDED + 1)

/* Ten years of days: enough for any chart, small enough to answer fast. */
#define ROSTER_REPORT_MAX_BUCKETS 3660

const char *roster_report_bucket_to_string   (RosterReportBucket  bucket);
gboolean    roster_report_bucket_from_string (const char         *str,
                                              RosterReportBucket *bucket);
/* In seconds. */
gint64      roster_report_bucket_width       (RosterReportBucket  bucket);
/* The start of the bucket @unix_time falls in. */
gint64      roster_report_bucket_start       (RosterReportBucket  bucket,
                                              gint64              unix_time);

/* The whole buckets a report covers, [*start, *end):
 *
 * - @since: 0 = from @first (the course's first enrolment; 0 if it has
 *   none), limited to the last ROSTER_REPORT_MAX_BUCKETS buckets;
 * - @until: exclusive; 0 = up to and including @now;
 * - both are widened to whole buckets.
 *
 * ROSTER_ERROR_INVALID_REQUEST, naming the parameter, when @since is not
 * before @until or when the caller's range has more buckets than allowed. */
gboolean    roster_report_resolve_range      (RosterReportBucket  bucket,
                                              gint64              since,
                                              gint64              until,
                                              gint64              first,
                                              gint64              now,
                                              gint64             *start,
                                              gint64             *end,
                                              GError            **error);

G_END_DECLS
