/* test-reports.c: a course's enrolment report against a real
 * roster-server (the demo's CS101 and CS205), its CSV tables, the chart
 * (hover, one bucket, ten years of days) and the page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "app-fixture.h"
#include "roster-client-reports.h"
#include "roster-csv-writer.h"
#include "roster-course-page.h"
#include "roster-enrolment-chart.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-report-export.h"
#include "roster-reports-page.h"
#include "widget-screenshot.h"

#define CS101_ID 1
#define CS205_ID 2
#define DAY      (24 * 60 * 60)

typedef RosterAppFixture Fixture;

static void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static RosterCourseReport *
get_report (Fixture                *fixture,
            gint64                  course_id,
            RosterEnrolmentBucket   bucket,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_get_enrolment_report_async (fixture->client, course_id, bucket, 0, 0, NULL,
                                            roster_app_test_result_cb, &result);
  return roster_client_get_enrolment_report_finish (fixture->client, roster_app_test_wait (&result), error);
}

static guint
sum_totals (RosterCourseReport *report,
            RosterReportDimension  by)
{
  g_autoptr(GPtrArray) keys = roster_course_report_list_keys (report, by);
  guint sum = 0;

  for (guint i = 0; i < keys->len; i++)
    sum += roster_course_report_get_total (report, by, keys->pdata[i]);
  return sum;
}

/* What every report keeps: the totals add up to the participants, the
 * series to what was enrolled in its range, points a bucket apart. */
static void
check_consistent (RosterCourseReport *report,
                  RosterCourse          *course)
{
  guint participants = roster_course_report_get_participants (report);
  guint n = roster_course_report_get_n_points (report);
  gint64 width = roster_course_report_get_bucket (report) == ROSTER_ENROLMENT_BUCKET_WEEK ? 7 * DAY : DAY;
  guint series = 0;

  g_assert_cmpint (participants, ==, roster_course_get_participant_count (course));
  g_assert_cmpuint (sum_totals (report, ROSTER_REPORT_BY_TYPE), ==, participants);
  g_assert_cmpuint (sum_totals (report, ROSTER_REPORT_BY_ROLE), ==, participants);
  g_assert_cmpuint (sum_totals (report, ROSTER_REPORT_BY_METHOD), ==, participants);
  g_assert_cmpuint (sum_totals (report, ROSTER_REPORT_BY_STATUS), ==, participants);

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpint (roster_course_report_get_point_start (report, 0), ==, roster_course_report_get_since (report));
  g_assert_cmpint (roster_course_report_get_until (report) - roster_course_report_get_since (report), ==, n * width);
  for (guint p = 0; p < n; p++)
    {
      guint by_type = 0;
      g_autoptr(GPtrArray) types = roster_course_report_list_keys (report, ROSTER_REPORT_BY_TYPE);

      g_assert_cmpint (roster_course_report_get_point_start (report, p), ==, roster_course_report_get_since (report) + p * width);
      for (guint i = 0; i < types->len; i++)
        by_type += roster_course_report_get_point_count (report, p, ROSTER_REPORT_BY_TYPE, types->pdata[i]);
      g_assert_cmpuint (by_type, ==, roster_course_report_get_point_total (report, p));
      series += roster_course_report_get_point_total (report, p);
    }
  /* From the first enrolment to now: every enrolment of the course. */
  g_assert_cmpuint (series, ==, participants);
}

static void
test_cs101 (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterCourseReport) report = NULL;
  g_autoptr(RosterCourseReport) weekly = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKeyUsage) first = NULL;
  g_autoptr(RosterKeyUsage) second = NULL;
  g_autofree char *label = NULL;
  GListModel *keys;
  guint by_key = 0;

  roster_app_fixture_sign_in (fixture, "m.chen");
  course = roster_app_fixture_fetch_course (fixture, CS101_ID);
  g_assert_true (roster_course_has_capability (course, "reports.view"));

  report = get_report (fixture, CS101_ID, ROSTER_ENROLMENT_BUCKET_DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_course_report_get_course_id (report), ==, CS101_ID);
  g_assert_cmpint (roster_course_report_get_bucket (report), ==, ROSTER_ENROLMENT_BUCKET_DAY);
  check_consistent (report, course);

  /* The demo's self method and its two keys: 8 and 3 guests. */
  label = roster_course_report_dup_label (report, ROSTER_REPORT_BY_METHOD, "20");
  g_assert_cmpstr (label, ==, "External visitors");
  g_assert_cmpuint (roster_course_report_get_total (report, ROSTER_REPORT_BY_METHOD, "20"), ==, 11);
  g_assert_cmpuint (roster_course_report_get_total (report, ROSTER_REPORT_BY_TYPE, "external"), >=, 11);
  keys = roster_course_report_get_keys (report);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 2);
  first = g_list_model_get_item (keys, 0);
  second = g_list_model_get_item (keys, 1);
  g_assert_cmpstr (roster_key_usage_get_nickname (first), ==, "Visiting lecturers 2026");
  g_assert_true (roster_key_usage_get_active (first));
  g_assert_cmpint (roster_key_usage_get_enrolled (first), ==, 8);
  g_assert_cmpint (roster_key_usage_get_last_used_at (first), >, 0);
  g_assert_cmpstr (roster_key_usage_get_nickname (second), ==, "Summer school 2025");
  g_assert_false (roster_key_usage_get_active (second));
  g_assert_cmpint (roster_key_usage_get_enrolled (second), ==, 3);
  for (guint p = 0; p < roster_course_report_get_n_points (report); p++)
    by_key += roster_course_report_get_point_count (report, p, ROSTER_REPORT_BY_KEY, "Visiting lecturers 2026");
  g_assert_cmpuint (by_key, ==, 8);

  /* Weeks begin on Monday. */
  weekly = get_report (fixture, CS101_ID, ROSTER_ENROLMENT_BUCKET_WEEK, &error);
  g_assert_no_error (error);
  check_consistent (weekly, course);
  {
    g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (roster_course_report_get_since (weekly));

    g_assert_cmpint (g_date_time_get_day_of_week (since), ==, 1);
  }
}

static void
test_cs205 (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterCourseReport) report = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  report = get_report (fixture, CS205_ID, ROSTER_ENROLMENT_BUCKET_WEEK, &error);
  g_assert_no_error (error);
  check_consistent (report, course);
  g_assert_cmpuint (roster_course_report_get_total (report, ROSTER_REPORT_BY_ROLE, "module_leader"), ==, 1);
  g_assert_cmpuint (roster_course_report_get_total (report, ROSTER_REPORT_BY_ROLE, "external_moderator"), ==, 1);
  g_assert_cmpuint (roster_course_report_get_total (report, ROSTER_REPORT_BY_ROLE, "teacher"), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (roster_course_report_get_keys (report)), ==, 0);
}

/* A teacher may not see reports: the server says so, in plain words. */
static void
test_teacher_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterCourseReport) report = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  g_assert_false (roster_course_has_capability (course, "reports.view"));
  report = get_report (fixture, CS205_ID, ROSTER_ENROLMENT_BUCKET_DAY, &error);
  g_assert_null (report);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, !=, "");
}

/* ---- made-up reports ---- */

static RosterCourseReport *
report_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = roster_json_parse_object (json, -1, &error);
  RosterCourseReport *report;

  g_assert_no_error (error);
  report = roster_course_report_new_from_json (object, &error);
  g_assert_no_error (error);
  return report;
}

/* docs/api.md's example, with a key nickname a spreadsheet would run. */
static const char example[] =
  "{\"course_id\": 1, \"bucket\": \"week\", \"since\": \"2026-08-31T00:00:00Z\", \"until\": \"2026-09-14T00:00:00Z\","
  " \"series\": ["
  "  {\"start\": \"2026-08-31T00:00:00Z\", \"total\": 21, \"by_method\": {\"1\": 20, \"20\": 1},"
  "   \"by_key\": {\"=HYPERLINK(1)\": 1}, \"by_type\": {\"staff\": 0, \"student\": 20, \"external\": 1}},"
  "  {\"start\": \"2026-09-07T00:00:00Z\", \"total\": 24, \"by_method\": {\"1\": 23, \"20\": 1},"
  "   \"by_key\": {\"=HYPERLINK(1)\": 1}, \"by_type\": {\"staff\": 0, \"student\": 23, \"external\": 1}}],"
  " \"methods\": [{\"id\": 1, \"type\": \"manual\", \"name\": null}, {\"id\": 20, \"type\": \"self\", \"name\": \"External visitors\"}],"
  " \"totals\": {\"participants\": 85, \"by_type\": {\"staff\": 4, \"student\": 70, \"external\": 11},"
  "  \"by_role\": {\"module_leader\": 1, \"teacher\": 2, \"professional_staff\": 1, \"student\": 70, \"guest\": 11, \"external_moderator\": 0},"
  "  \"by_method\": {\"1\": 74, \"20\": 11}, \"by_status\": {\"active\": 85, \"suspended\": 0}},"
  " \"keys\": [{\"id\": 1, \"nickname\": \"=HYPERLINK(1)\", \"method_id\": 20, \"active\": true, \"uses\": 8, \"enrolled\": 8,"
  "  \"last_used_at\": \"2026-11-15T11:44:28Z\", \"max_uses\": null, \"expires_at\": null}]}";

static void
test_model (void)
{
  g_autoptr(RosterCourseReport) report = report_from_json (example);
  g_autoptr(GPtrArray) methods = roster_course_report_list_keys (report, ROSTER_REPORT_BY_METHOD);
  g_autoptr(GPtrArray) roles = roster_course_report_list_keys (report, ROSTER_REPORT_BY_ROLE);
  g_autofree char *manual = roster_course_report_dup_label (report, ROSTER_REPORT_BY_METHOD, "1");
  g_autofree char *visitors = roster_course_report_dup_label (report, ROSTER_REPORT_BY_METHOD, "20");
  g_autofree char *guest = roster_course_report_dup_label (report, ROSTER_REPORT_BY_ROLE, "guest");
  static const char *bad[] = {
    "{}",
    "{\"course_id\": 1, \"bucket\": \"month\", \"since\": \"2026-08-31T00:00:00Z\", \"until\": \"2026-09-14T00:00:00Z\"}",
  };

  g_assert_cmpuint (roster_course_report_get_n_points (report), ==, 2);
  g_assert_cmpuint (roster_course_report_get_point_count (report, 1, ROSTER_REPORT_BY_METHOD, "1"), ==, 23);
  g_assert_cmpuint (roster_course_report_get_point_count (report, 1, ROSTER_REPORT_BY_METHOD, "99"), ==, 0);
  g_assert_cmpuint (methods->len, ==, 2);
  g_assert_cmpstr (methods->pdata[0], ==, "1");
  g_assert_cmpstr (methods->pdata[1], ==, "20");
  g_assert_cmpstr (roles->pdata[0], ==, "module_leader");
  g_assert_cmpstr (roles->pdata[5], ==, "external_moderator");
  /* No name: the type in words. */
  g_assert_cmpstr (manual, ==, "Manual enrolments");
  g_assert_cmpstr (visitors, ==, "External visitors");
  g_assert_cmpstr (guest, ==, "Guest");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = roster_json_parse_object (bad[i], -1, &error);
      g_autoptr(RosterCourseReport) none = NULL;

      g_assert_no_error (error);
      none = roster_course_report_new_from_json (object, &error);
      g_assert_null (none);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

static char *
table_csv (RosterCourseReport *report,
           RosterReportTable      table)
{
  g_autoptr(GPtrArray) rows = roster_course_report_dup_table (report, table);
  g_autoptr(GString) csv = roster_report_export_format (rows);

  g_assert_true (g_str_has_prefix (csv->str, ROSTER_CSV_BOM));
  return g_strdup (csv->str + strlen (ROSTER_CSV_BOM));
}

static void
test_csv (void)
{
  g_autoptr(RosterCourseReport) report = report_from_json (example);
  g_autofree char *types = table_csv (report, ROSTER_REPORT_TABLE_TYPES);
  g_autofree char *methods = table_csv (report, ROSTER_REPORT_TABLE_METHODS);
  g_autofree char *series = table_csv (report, ROSTER_REPORT_TABLE_SERIES);
  g_autofree char *keys = table_csv (report, ROSTER_REPORT_TABLE_KEYS);
  g_autofree char *roles = table_csv (report, ROSTER_REPORT_TABLE_ROLES);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "roster-test-reports-XXXXXX", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  int fd;

  g_assert_cmpstr (types, ==,
                   "\"User Type\",\"Participants\"\r\n"
                   "\"Staff\",\"4\"\r\n\"Student\",\"70\"\r\n\"External\",\"11\"\r\n");
  g_assert_cmpstr (methods, ==,
                   "\"Method\",\"Participants\"\r\n"
                   "\"Manual enrolments\",\"74\"\r\n\"External visitors\",\"11\"\r\n");
  g_assert_true (g_str_has_prefix (roles, "\"Role\",\"Participants\"\r\n\"Module leader\",\"1\"\r\n"));
  /* The nickname is defused, in the header as in the rows. */
  g_assert_cmpstr (series, ==,
                   "\"Start\",\"Enrolments\",\"Staff\",\"Student\",\"External\",\"Manual enrolments\",\"External visitors\",\"'=HYPERLINK(1)\"\r\n"
                   "\"2026-08-31\",\"21\",\"0\",\"20\",\"1\",\"20\",\"1\",\"1\"\r\n"
                   "\"2026-09-07\",\"24\",\"0\",\"23\",\"1\",\"23\",\"1\",\"1\"\r\n");
  g_assert_cmpstr (keys, ==,
                   "\"Nickname\",\"Method\",\"Active\",\"Uses\",\"Enrolled\",\"Last Used\"\r\n"
                   "\"'=HYPERLINK(1)\",\"External visitors\",\"Yes\",\"8\",\"8\",\"2026-11-15T11:44:28Z\"\r\n");

  /* Written off the main loop, the same text. */
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  file = g_file_new_for_path (path);
  roster_report_export_async (roster_course_report_dup_table (report, ROSTER_REPORT_TABLE_TYPES), file, NULL,
                              roster_app_test_result_cb, &result);
  g_assert_true (roster_report_export_finish (roster_app_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_true (g_str_has_prefix (written, ROSTER_CSV_BOM));
  g_assert_cmpstr (written + strlen (ROSTER_CSV_BOM), ==, types);
  g_unlink (path);
}

/* ---- the chart ---- */

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0 && gtk_widget_get_mapped (widget);
}

static GtkWidget *
chart_plot (GtkWidget *chart)
{
  /* The template's box, then the drawing area at its top. */
  GtkWidget *plot = gtk_widget_get_first_child (gtk_widget_get_first_child (chart));

  g_assert_true (GTK_IS_DRAWING_AREA (plot));
  return plot;
}

/* What a pointer over the plot at @fraction of its width does; a
 * negative @fraction is pixels from its right edge, where the chart
 * keeps 8 pixels free: -9 is over the last bar. */
static void
hover (GtkWidget *chart,
       double     fraction)
{
  GtkWidget *plot = chart_plot (chart);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (plot);

  wait_until (is_drawn, plot);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        {
          double width = gtk_widget_get_width (plot);

          g_signal_emit_by_name (controller, "motion", fraction < 0 ? width + fraction : fraction * width,
                                 gtk_widget_get_height (plot) / 2.0);
          return;
        }
    }
  g_assert_not_reached ();
}

static RosterCourseReport *
report_of_days (guint n)
{
  g_autoptr(GString) json = g_string_new (NULL);
  gint64 since = 1451865600;   /* Monday 4 January 2016 */
  g_autofree char *since_text = roster_json_format_time (since);
  g_autofree char *until_text = roster_json_format_time (since + (gint64) n * DAY);

  g_string_append_printf (json, "{\"course_id\": 1, \"bucket\": \"day\", \"since\": \"%s\", \"until\": \"%s\", \"series\": [",
                          since_text, until_text);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = roster_json_format_time (since + (gint64) i * DAY);

      /* A key for one of three, a manual enrolment for the rest. */
      g_string_append_printf (json, "%s{\"start\": \"%s\", \"total\": %u, \"by_method\": {\"1\": %u, \"20\": 1},"
                              " \"by_key\": {\"Visitors\": 1}, \"by_type\": {\"student\": %u, \"external\": 1}}",
                              i > 0 ? "," : "", start, i % 3 + 2, i % 3 + 1, i % 3 + 1);
    }
  g_string_append (json, "], \"methods\": [{\"id\": 1, \"type\": \"manual\", \"name\": null},"
                   " {\"id\": 20, \"type\": \"self\", \"name\": \"External visitors\"}],"
                   " \"totals\": {\"participants\": 0, \"by_type\": {}, \"by_role\": {}, \"by_method\": {}, \"by_status\": {}},"
                   " \"keys\": [{\"id\": 1, \"nickname\": \"Visitors\", \"method_id\": 20, \"active\": true, \"uses\": 1,"
                   " \"enrolled\": 1, \"last_used_at\": null, \"max_uses\": null, \"expires_at\": null}]}");
  return report_from_json (json->str);
}

static GtkWidget *
show_in_window (GtkWidget *widget,
                int        width)
{
  GtkWidget *window = adw_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, 500);
  adw_window_set_content (ADW_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
test_chart_one_bucket (void)
{
  g_autoptr(RosterCourseReport) report = report_of_days (1);
  GtkWidget *chart = roster_enrolment_chart_new ();
  GtkWidget *window = show_in_window (chart, 600);
  g_autofree char *described = NULL;
  g_autofree char *summary = NULL;

  roster_enrolment_chart_set_report (ROSTER_ENROLMENT_CHART (chart), report);
  described = roster_enrolment_chart_describe_bucket (ROSTER_ENROLMENT_CHART (chart), 0);
  g_assert_cmpstr (described, ==, "4 Jan 2016: 2 enrolments (Manual enrolments: 1, External visitors: 1)");
  summary = roster_enrolment_chart_dup_summary (ROSTER_ENROLMENT_CHART (chart));
  g_assert_cmpstr (summary, ==, "2 enrolments from 4 Jan 2016 to 4 Jan 2016");

  g_assert_cmpstr (roster_enrolment_chart_get_hover_text (ROSTER_ENROLMENT_CHART (chart)), ==, "");
  hover (chart, 0.5);
  g_assert_cmpstr (roster_enrolment_chart_get_hover_text (ROSTER_ENROLMENT_CHART (chart)), ==, described);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (chart_plot (chart)), ==, described);
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "reports-chart-one-bucket.png");

  /* By key: what no key counts is a stack of its own. */
  roster_enrolment_chart_set_stacking (ROSTER_ENROLMENT_CHART (chart), ROSTER_REPORT_BY_KEY);
  g_clear_pointer (&described, g_free);
  described = roster_enrolment_chart_describe_bucket (ROSTER_ENROLMENT_CHART (chart), 0);
  g_assert_cmpstr (described, ==, "4 Jan 2016: 2 enrolments (Visitors: 1, Without a key: 1)");
  /* Out of the bars: nothing. */
  hover (chart, 0.0);
  g_assert_cmpstr (roster_enrolment_chart_get_hover_text (ROSTER_ENROLMENT_CHART (chart)), ==, "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ten years of days on 600 pixels: buckets share bars, and a bar's
 * text says which days it holds. */
static void
test_chart_many_buckets (void)
{
  g_autoptr(RosterCourseReport) report = report_of_days (3660);
  GtkWidget *chart = roster_enrolment_chart_new ();
  GtkWidget *window = show_in_window (chart, 600);
  g_autofree char *summary = NULL;
  g_autofree char *last = NULL;
  const char *text;

  roster_enrolment_chart_set_report (ROSTER_ENROLMENT_CHART (chart), report);
  summary = roster_enrolment_chart_dup_summary (ROSTER_ENROLMENT_CHART (chart));
  /* 3660 days: 1220 of each of 2, 3 and 4. */
  g_assert_cmpstr (summary, ==, "10980 enrolments from 4 Jan 2016 to 10 Jan 2026");

  hover (chart, -9);
  text = roster_enrolment_chart_get_hover_text (ROSTER_ENROLMENT_CHART (chart));
  g_assert_nonnull (strstr (text, " – 10 Jan 2026: "));
  last = roster_enrolment_chart_describe_bucket (ROSTER_ENROLMENT_CHART (chart), 3659);
  g_assert_true (g_str_has_prefix (last, "10 Jan 2026: "));
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "reports-chart-3660-days.png");
  /* The dark style: the axes and text in its light foreground. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  roster_enrolment_chart_set_stacking (ROSTER_ENROLMENT_CHART (chart), ROSTER_REPORT_BY_KEY);
  hover (chart, 0.5);
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "reports-chart-3660-days-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- the page ---- */

static gboolean
client_let_go (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

/* A destroyed page's loads end cancelled on later iterations, and only
 * then let the client go. */
static void
destroy_window (Fixture   *fixture,
                GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (client_let_go, fixture->client);
}

static gpointer
page_child (GtkWidget  *page,
            const char *name)
{
  GObject *object = gtk_widget_get_template_child (page, ROSTER_TYPE_REPORTS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
page_shows_report (gpointer page)
{
  GtkStack *stack = page_child (page, "state_stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "report") == 0 &&
         gtk_widget_get_first_child (page_child (page, "types_list")) != NULL;
}

/* Each row of @list as "name=count". */
static char *
list_text (GtkListBox *list)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      GtkWidget *name = gtk_widget_get_first_child (box);

      g_string_append_printf (text, "%s=%s;", gtk_label_get_text (GTK_LABEL (name)),
                              gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (name))));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
expected_text (RosterCourseReport *report,
               RosterReportDimension  by)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) keys = roster_course_report_list_keys (report, by);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *label = roster_course_report_dup_label (report, by, keys->pdata[i]);

      g_string_append_printf (text, "%s=%u;", label, roster_course_report_get_total (report, by, keys->pdata[i]));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
check_list (GtkWidget             *page,
            const char            *name,
            RosterCourseReport *report,
            RosterReportDimension  by)
{
  g_autofree char *shown = list_text (page_child (page, name));
  g_autofree char *expected = expected_text (report, by);

  g_assert_cmpstr (shown, ==, expected);
}

static void
test_page (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterCourseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page = roster_reports_page_new ();
  GtkWidget *window = show_in_window (page, 1100);
  GtkWidget *chart = page_child (page, "chart");
  g_autofree char *heading = NULL;
  g_autofree char *described = NULL;
  guint n;

  roster_app_fixture_sign_in (fixture, "m.chen");
  course = roster_app_fixture_fetch_course (fixture, CS101_ID);
  roster_reports_page_set_course (ROSTER_REPORTS_PAGE (page), fixture->client, course);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "state_stack")), ==, "loading");
  g_assert_true (gtk_spinner_get_spinning (page_child (page, "spinner")));
  wait_until (page_shows_report, page);
  g_assert_false (gtk_spinner_get_spinning (page_child (page, "spinner")));

  /* What the page shows is what the API answers. */
  report = get_report (fixture, CS101_ID, ROSTER_ENROLMENT_BUCKET_DAY, &error);
  g_assert_no_error (error);
  heading = g_strdup_printf ("%u participants", roster_course_report_get_participants (report));
  g_assert_cmpstr (gtk_label_get_text (page_child (page, "participants_label")), ==, heading);
  check_list (page, "types_list", report, ROSTER_REPORT_BY_TYPE);
  check_list (page, "roles_list", report, ROSTER_REPORT_BY_ROLE);
  check_list (page, "methods_list", report, ROSTER_REPORT_BY_METHOD);
  g_assert_true (gtk_widget_get_visible (page_child (page, "keys_frame")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "no_keys_label")));

  /* Weeks: a new report, and a bar per week under the pointer. */
  g_clear_object (&report);
  gtk_toggle_button_set_active (page_child (page, "week_button"), TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "state_stack")), ==, "loading");
  wait_until (page_shows_report, page);
  report = get_report (fixture, CS101_ID, ROSTER_ENROLMENT_BUCKET_WEEK, &error);
  g_assert_no_error (error);
  n = roster_course_report_get_n_points (report);
  hover (chart, -9);
  described = roster_enrolment_chart_describe_bucket (ROSTER_ENROLMENT_CHART (chart), n - 1);
  g_assert_cmpstr (roster_enrolment_chart_get_hover_text (ROSTER_ENROLMENT_CHART (chart)), ==, described);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (chart, ROSTER_TYPE_ENROLMENT_CHART, "hover_label"))),
                   ==, described);
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "reports-page-weeks.png");

  destroy_window (fixture, window);
}

/* A failure is shown with Retry, which loads again. */
static void
test_page_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  GtkWidget *page = roster_reports_page_new ();
  GtkWidget *window = show_in_window (page, 800);
  GtkStack *stack = page_child (page, "state_stack");

  /* j.okafor teaches CS205, without reports.view: the server refuses. */
  roster_app_fixture_sign_in (fixture, "j.okafor");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  roster_reports_page_set_course (ROSTER_REPORTS_PAGE (page), fixture->client, course);
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_cmpstr (adw_status_page_get_description (page_child (page, "error_page")), !=, "");

  g_signal_emit_by_name (page_child (page, "retry_button"), "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");

  destroy_window (fixture, window);
}

/* The course page has the tab for those with reports.view only. */
static void
check_course_page (Fixture    *fixture,
                   const char *username,
                   gint64      course_id,
                   gboolean    visible)
{
  g_autoptr(RosterCourse) course = NULL;
  GtkWidget *page;
  GtkWidget *window;
  AdwViewStack *stack;
  GtkWidget *reports;

  roster_app_fixture_sign_in (fixture, username);
  course = roster_app_fixture_fetch_course (fixture, course_id);
  page = roster_course_page_new (fixture->client, course);
  window = show_in_window (page, 1000);
  stack = roster_course_page_get_stack (ROSTER_COURSE_PAGE (page));
  reports = adw_view_stack_get_child_by_name (stack, "reports");
  g_assert_true (ROSTER_IS_REPORTS_PAGE (reports));
  g_assert_cmpint (adw_view_stack_page_get_visible (adw_view_stack_get_page (stack, reports)), ==, visible);
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (stack, reports)), ==, "Reports");
  if (visible)
    wait_until (page_shows_report, reports);
  destroy_window (fixture, window);
}

static void
test_course_page_tab (Fixture       *fixture,
                      gconstpointer  data)
{
  check_course_page (fixture, "m.chen", CS101_ID, TRUE);
  check_course_page (fixture, "j.okafor", CS205_ID, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so texts can be compared; no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  g_test_add_func ("/reports/model", test_model);
  g_test_add_func ("/reports/csv", test_csv);
  g_test_add_func ("/reports/chart/one-bucket", test_chart_one_bucket);
  g_test_add_func ("/reports/chart/many-buckets", test_chart_many_buckets);
  ADD ("/reports/cs101", test_cs101);
  ADD ("/reports/cs205", test_cs205);
  ADD ("/reports/teacher-refused", test_teacher_refused);
  ADD ("/reports/page", test_page);
  ADD ("/reports/page-error", test_page_error);
  ADD ("/reports/course-page-tab", test_course_page_tab);

  return g_test_run ();
}
