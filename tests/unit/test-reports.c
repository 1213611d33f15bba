/* test-reports.c: the enrolment report's time axis (roster-reports.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-reports.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define WEEK (7 * DAY)

static gint64
utc (int year,
     int month,
     int day,
     int hour)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
test_bucket_names (void)
{
  RosterReportBucket bucket = ROSTER_REPORT_BUCKET_WEEK;

  g_assert_true (roster_report_bucket_from_string ("day", &bucket));
  g_assert_cmpint (bucket, ==, ROSTER_REPORT_BUCKET_DAY);
  g_assert_true (roster_report_bucket_from_string ("week", &bucket));
  g_assert_cmpint (bucket, ==, ROSTER_REPORT_BUCKET_WEEK);
  g_assert_cmpstr (roster_report_bucket_to_string (ROSTER_REPORT_BUCKET_DAY), ==, "day");
  g_assert_cmpstr (roster_report_bucket_to_string (ROSTER_REPORT_BUCKET_WEEK), ==, "week");

  g_assert_false (roster_report_bucket_from_string ("Week", &bucket));
  g_assert_false (roster_report_bucket_from_string ("month", &bucket));
  g_assert_false (roster_report_bucket_from_string ("", &bucket));
  g_assert_false (roster_report_bucket_from_string (NULL, &bucket));
  g_assert_cmpint (bucket, ==, ROSTER_REPORT_BUCKET_WEEK);
}

/* Weeks start on Monday at midnight UTC, days at midnight UTC, also
 * before 1970. */
static void
test_bucket_start (void)
{
  static const struct { int y, m, d, h; RosterReportBucket bucket; int ey, em, ed; } cases[] = {
    { 2026, 9, 1, 9, ROSTER_REPORT_BUCKET_DAY, 2026, 9, 1 },
    { 2026, 9, 1, 0, ROSTER_REPORT_BUCKET_DAY, 2026, 9, 1 },
    { 2026, 9, 1, 9, ROSTER_REPORT_BUCKET_WEEK, 2026, 8, 31 },    /* Tuesday */
    { 2026, 8, 31, 0, ROSTER_REPORT_BUCKET_WEEK, 2026, 8, 31 },   /* Monday */
    { 2026, 9, 6, 23, ROSTER_REPORT_BUCKET_WEEK, 2026, 8, 31 },   /* Sunday */
    { 2026, 9, 7, 0, ROSTER_REPORT_BUCKET_WEEK, 2026, 9, 7 },
    { 2027, 1, 1, 12, ROSTER_REPORT_BUCKET_WEEK, 2026, 12, 28 },  /* across the year */
    { 1970, 1, 1, 0, ROSTER_REPORT_BUCKET_WEEK, 1969, 12, 29 },
    { 1969, 12, 31, 5, ROSTER_REPORT_BUCKET_DAY, 1969, 12, 31 },
    { 1960, 6, 15, 5, ROSTER_REPORT_BUCKET_WEEK, 1960, 6, 13 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 start = roster_report_bucket_start (cases[i].bucket,
                                                 utc (cases[i].y, cases[i].m, cases[i].d, cases[i].h));
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (start);

      g_test_message ("case %u", i);
      g_assert_cmpint (start, ==, utc (cases[i].ey, cases[i].em, cases[i].ed, 0));
      if (cases[i].bucket == ROSTER_REPORT_BUCKET_WEEK)
        g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);
    }
}

static void
test_resolve_explicit (void)
{
  g_autoptr(GError) error = NULL;
  gint64 now = utc (2026, 11, 20, 15);
  gint64 start = 0, end = 0;

  /* Widened to whole buckets; until itself is not covered. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2026, 9, 1, 9), utc (2026, 9, 3, 0),
                                              0, now, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, utc (2026, 9, 1, 0));
  g_assert_cmpint (end, ==, utc (2026, 9, 3, 0));

  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2026, 9, 1, 9), utc (2026, 9, 3, 1),
                                              0, now, &start, &end, &error));
  g_assert_cmpint (end, ==, utc (2026, 9, 4, 0));

  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_WEEK, utc (2026, 9, 2, 0), 0,
                                              utc (2020, 1, 1, 0), now, &start, &end, &error));
  g_assert_cmpint (start, ==, utc (2026, 8, 31, 0));
  g_assert_cmpint (end, ==, utc (2026, 11, 23, 0));

  /* Exactly the limit, and one more. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2026, 1, 1, 0),
                                              utc (2026, 1, 1, 0) + ROSTER_REPORT_MAX_BUCKETS * DAY,
                                              0, now, &start, &end, &error));
  g_assert_cmpint ((end - start) / DAY, ==, ROSTER_REPORT_MAX_BUCKETS);
  g_assert_false (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2026, 1, 1, 0),
                                               utc (2026, 1, 1, 0) + ROSTER_REPORT_MAX_BUCKETS * DAY + 1,
                                               0, now, &start, &end, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  /* since must come before until. */
  g_assert_false (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2026, 9, 2, 0), utc (2026, 9, 2, 0),
                                               0, now, &start, &end, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
  g_clear_error (&error);
  g_assert_false (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, utc (2027, 1, 1, 0), 0,
                                               0, now, &start, &end, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
}

static void
test_resolve_defaults (void)
{
  g_autoptr(GError) error = NULL;
  gint64 now = utc (2026, 11, 20, 15);
  gint64 start = 0, end = 0;

  /* From the first enrolment to today. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, 0, 0, utc (2025, 7, 3, 10), now,
                                              &start, &end, &error));
  g_assert_cmpint (start, ==, utc (2025, 7, 3, 0));
  g_assert_cmpint (end, ==, utc (2026, 11, 21, 0));

  /* No enrolment yet: today only. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_WEEK, 0, 0, 0, now, &start, &end, &error));
  g_assert_cmpint (start, ==, utc (2026, 11, 16, 0));
  g_assert_cmpint (end, ==, utc (2026, 11, 23, 0));

  /* A first enrolment after until: just until's bucket. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, 0, utc (2026, 9, 1, 0),
                                              utc (2026, 10, 1, 0), now, &start, &end, &error));
  g_assert_cmpint (start, ==, utc (2026, 8, 31, 0));
  g_assert_cmpint (end, ==, utc (2026, 9, 1, 0));

  /* Forty years back: the last ten are shown, rather than an error. */
  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_DAY, 0, 0, utc (1986, 1, 1, 0), now,
                                              &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (end, ==, utc (2026, 11, 21, 0));
  g_assert_cmpint ((end - start) / DAY, ==, ROSTER_REPORT_MAX_BUCKETS);

  g_assert_true (roster_report_resolve_range (ROSTER_REPORT_BUCKET_WEEK, 0, 0, utc (1986, 1, 1, 0), now,
                                              &start, &end, &error));
  g_assert_cmpint (start, ==, utc (1985, 12, 30, 0));
  g_assert_cmpint ((end - start) % WEEK, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/bucket-names", test_bucket_names);
  g_test_add_func ("/reports/bucket-start", test_bucket_start);
  g_test_add_func ("/reports/resolve-explicit", test_resolve_explicit);
  g_test_add_func ("/reports/resolve-defaults", test_resolve_defaults);

  return g_test_run ();
}
