/* app-import-preview.c: a 100 000-row dry run in the import wizard's
 * preview, and how long the main loop stalls while it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   xvfb-run -a build/bench/app-import-preview [N]
 *
 * Builds the JSON of a dry run of N rows (default 100 000; every tenth
 * row an error with two problems), parses it on a worker thread into a
 * RosterImportReport as the client does, and shows it in a
 * RosterImportPreviewPage in a window. Meanwhile a high-priority 1 ms
 * timeout notes the gaps between its runs: the longest gap is the
 * longest the main loop could not answer (and how much of it the main
 * thread spent on the CPU). Measured phases: the first table the
 * process shows (100 rows: styles, fonts and icons load once), the big
 * report parsed, set on the page, "Errors only" on and off, the table
 * scrolled from top to bottom (with the time from each scroll to its
 * frame painted), and the report set again after an empty page. Before
 * them, the wizard's first step: a CSV file of N rows read from disk
 * by a RosterImportFilePage (its first rows shown, all rows counted).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "roster-import-columns.h"
#include "roster-import-file-page.h"
#include "roster-import-preview-page.h"

/* The longest gap, and how much of it the main thread spent on the
 * CPU: on a busy machine the rest is waiting for a core (or for the X
 * server drawing the frame). */
typedef struct
{
  gint64 last;
  gint64 last_cpu;
  gint64 longest;
  gint64 longest_cpu;
} Stalls;

static Stalls stalls;

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (stalls.last != 0 && now - stalls.last > stalls.longest)
    {
      stalls.longest = now - stalls.last;
      stalls.longest_cpu = cpu - stalls.last_cpu;
    }
  stalls.last = now;
  stalls.last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
phase_start (void)
{
  stalls.last = g_get_monotonic_time ();
  stalls.last_cpu = thread_cpu_time ();
  stalls.longest = 0;
  stalls.longest_cpu = 0;
}

static double
phase_end (void)
{
  tick_cb (NULL);
  g_print ("  (longest stall %.1f ms, of it %.1f ms on the CPU)\n", stalls.longest / 1000.0,
           stalls.longest_cpu / 1000.0);
  return stalls.longest / 1000.0;
}

/* Runs the main loop for @ms, or until *@done. */
static void
run_for (guint           ms,
         const gboolean *done)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end && (done == NULL || !*done))
    g_main_context_iteration (NULL, TRUE);
}

/* The file step on a file of @n rows: read and counted off the main
 * loop, its first rows shown. */
static double
measure_file_step (guint n)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(GString) text = g_string_new ("username,firstname,lastname,email,course1,role1,group1\n");
  g_autoptr(GFile) file = NULL;
  GtkWidget *window = gtk_window_new ();
  RosterImportFilePage *page = ROSTER_IMPORT_FILE_PAGE (roster_import_file_page_new ());
  gint64 start;
  double stall;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "user%06u,First%u,Last%u,user%06u@example.edu,CS205,student,Group A\n",
                            i, i, i, i);
  if (!g_file_set_contents (path, text->str, text->len, NULL))
    g_error ("cannot write %s", path);
  file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  run_for (500, NULL);

  phase_start ();
  start = g_get_monotonic_time ();
  roster_import_file_page_open_file (page, file);
  while (!roster_import_file_page_get_ready (page) || roster_import_file_page_get_loading (page))
    g_main_context_iteration (NULL, TRUE);
  run_for (300, NULL);
  stall = phase_end ();
  g_print ("file step: %.1f MB read and its rows counted in %.0f ms; longest stall %.1f ms\n",
           text->len / 1e6, (g_get_monotonic_time () - start) / 1000.0, stall);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
  return stall;
}

static char *
make_json (guint n)
{
  GString *json = g_string_new (NULL);
  guint counts[ROSTER_IMPORT_RESULT_N_OUTCOMES] = { 0, };

  g_string_append (json, "{\"dry_run\":true,\"file\":{\"encoding\":\"UTF-8\",\"encoding_detected\":true,"
                         "\"delimiter\":\",\",\"delimiter_detected\":true,\"columns\":[],\"unknown_columns\":[],"
                         "\"problems\":[]},\"rows\":[");
  for (guint i = 0; i < n; i++)
    {
      guint line = i + 2;

      if (i > 0)
        g_string_append_c (json, ',');
      if (i % 10 == 9)
        {
          counts[ROSTER_IMPORT_RESULT_ERROR]++;
          g_string_append_printf (json,
                                  "{\"line\":%u,\"outcome\":\"error\",\"user_id\":null,\"username\":\"user%06u\","
                                  "\"email\":\"user%06u-at-example.org\",\"problems\":["
                                  "{\"column\":\"First name\",\"code\":\"required\","
                                  "\"message\":\"“First name” is empty; every row needs a value there.\"},"
                                  "{\"column\":\"Email address\",\"code\":\"invalid_email\","
                                  "\"message\":\"“user%06u-at-example.org” is not an e-mail address: it needs "
                                  "one “@” with a name before it, a domain with a dot after it, and no spaces.\"}]}",
                                  line, i, i, i);
        }
      else
        {
          RosterImportResultOutcome outcome = i % 3 == 0 ? ROSTER_IMPORT_RESULT_UNCHANGED
                                              : i % 3 == 1 ? ROSTER_IMPORT_RESULT_CREATE : ROSTER_IMPORT_RESULT_ENROL;
          char user_id[16] = "null";

          /* New accounts have no id yet. */
          if (outcome != ROSTER_IMPORT_RESULT_CREATE)
            g_snprintf (user_id, sizeof user_id, "%u", 1000 + i);

          counts[outcome]++;
          g_string_append_printf (json,
                                  "{\"line\":%u,\"outcome\":\"%s\",\"user_id\":%s,\"username\":\"user%06u\","
                                  "\"email\":\"user%06u@example.org\",\"problems\":[]}",
                                  line, roster_import_result_outcome_to_string (outcome),
                                  user_id, i, i);
        }
    }
  g_string_append_printf (json, "],\"rows_total\":%u,\"counts\":{", n);
  for (RosterImportResultOutcome o = 0; o < ROSTER_IMPORT_RESULT_N_OUTCOMES; o++)
    g_string_append_printf (json, "%s\"%s\":%u", o > 0 ? "," : "", roster_import_result_outcome_to_string (o),
                            counts[o]);
  g_string_append (json, "}}");
  return g_string_free (json, FALSE);
}

/* On a worker thread, as the client parses a dry run's answer. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  RosterImportReport *report;

  if (!json_parser_load_from_data (parser, task_data, -1, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = roster_import_report_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, g_object_unref);
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

typedef struct
{
  gint64 painted;
} Frames;

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *frames)
{
  frames->painted = g_get_monotonic_time ();
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *json = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) parsed = NULL;
  g_autoptr(RosterImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  RosterImportPreviewPage *page;
  GtkToggleButton *errors_only;
  GtkColumnView *view;
  GtkFilterListModel *model;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  Frames frames = { 0 };
  double file_stall, cold_stall, parse_stall, set_stall, on_stall, off_stall, scroll_stall, again_stall;
  double worst_frame = 0, total_frames = 0;
  gint64 start;
  double set_ms, on_ms;
  guint steps = 0;

  gtk_init ();
  adw_init ();

  json = make_json (n);
  g_print ("dry run of %u rows: %.1f MB of JSON\n", n, strlen (json) / 1e6);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = ROSTER_IMPORT_PREVIEW_PAGE (roster_import_preview_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  run_for (500, NULL);

  g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, NULL, NULL);

  /* The first table this process shows pays for styles, fonts and
   * icons once, whatever its size; in the app other pages have paid
   * it already. Measured apart, on a small report. */
  {
    g_autofree char *small_json = make_json (100);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(RosterImportReport) small = NULL;

    json_parser_load_from_data (parser, small_json, -1, &error);
    g_assert_no_error (error);
    small = roster_import_report_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
    g_assert_no_error (error);
    phase_start ();
    roster_import_preview_page_set_report (page, small);
    run_for (1000, NULL);
    cold_stall = phase_end ();
    g_print ("first table of the process (100 rows): longest stall %.1f ms\n", cold_stall);
    roster_import_preview_page_set_report (page, NULL);
    run_for (300, NULL);
  }

  file_stall = measure_file_step (n);

  /* Parsed away from the main loop. */
  phase_start ();
  start = g_get_monotonic_time ();
  task = g_task_new (NULL, NULL, parsed_cb, &parsed);
  g_task_set_task_data (task, json, NULL);
  g_task_run_in_thread (task, parse_thread);
  while (parsed == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = g_task_propagate_pointer (G_TASK (parsed), &error);
  if (report == NULL)
    {
      g_printerr ("app-import-preview: %s\n", error->message);
      return 1;
    }
  parse_stall = phase_end ();
  g_print ("parsed on a worker thread in %.0f ms; longest stall meanwhile %.1f ms\n",
           (g_get_monotonic_time () - start) / 1000.0, parse_stall);

  phase_start ();
  start = g_get_monotonic_time ();
  roster_import_preview_page_set_report (page, report);
  set_ms = (g_get_monotonic_time () - start) / 1000.0;
  run_for (1000, NULL);
  set_stall = phase_end ();
  g_print ("set_report: %.1f ms; longest stall in the next second (first frames included) %.1f ms\n",
           set_ms, set_stall);

  errors_only = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page), ROSTER_TYPE_IMPORT_PREVIEW_PAGE,
                                                                  "errors_only_button"));
  view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), ROSTER_TYPE_IMPORT_PREVIEW_PAGE,
                                                         "column_view"));
  /* The rows the view let in over the frames after set_report. */
  model = GTK_FILTER_LIST_MODEL (roster_import_columns_get_rows (view));

  phase_start ();
  start = g_get_monotonic_time ();
  gtk_toggle_button_set_active (errors_only, TRUE);
  while (gtk_filter_list_model_get_pending (model) > 0)
    g_main_context_iteration (NULL, TRUE);
  on_ms = (g_get_monotonic_time () - start) / 1000.0;
  run_for (300, NULL);
  on_stall = phase_end ();
  g_print ("errors only: %u rows, all filtered in %.0f ms; longest stall %.1f ms\n",
           g_list_model_get_n_items (G_LIST_MODEL (model)), on_ms, on_stall);

  phase_start ();
  gtk_toggle_button_set_active (errors_only, FALSE);
  run_for (300, NULL);
  off_stall = phase_end ();
  g_print ("errors only off: %u rows; longest stall %.1f ms\n", g_list_model_get_n_items (G_LIST_MODEL (model)),
           off_stall);

  /* Scrolled top to bottom in 50 jumps, each waiting for its frame. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  phase_start ();
  for (steps = 0; steps <= 50; steps++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      gint64 asked = g_get_monotonic_time ();
      double frame_ms;

      gtk_adjustment_set_value (adjustment, upper * steps / 50.0);
      frames.painted = 0;
      while (frames.painted == 0)
        g_main_context_iteration (NULL, TRUE);
      frame_ms = (frames.painted - asked) / 1000.0;
      worst_frame = MAX (worst_frame, frame_ms);
      total_frames += frame_ms;
    }
  scroll_stall = phase_end ();
  g_print ("scrolled in 51 jumps: scroll to painted frame mean %.1f ms, worst %.1f ms; longest stall %.1f ms\n",
           total_frames / steps, worst_frame, scroll_stall);

  /* Back to the options and forward again: a new dry run, the same rows. */
  roster_import_preview_page_set_report (page, NULL);
  run_for (300, NULL);
  phase_start ();
  start = g_get_monotonic_time ();
  roster_import_preview_page_set_report (page, report);
  set_ms = (g_get_monotonic_time () - start) / 1000.0;
  run_for (1000, NULL);
  again_stall = phase_end ();
  g_print ("set_report again: %.1f ms; longest stall in the next second %.1f ms\n", set_ms, again_stall);

  g_print ("\nlongest main-loop stall with 100 000 rows: %.1f ms (target: under 100 ms)\n",
           MAX (MAX (MAX (parse_stall, set_stall), MAX (on_stall, off_stall)),
                MAX (MAX (scroll_stall, again_stall), file_stall)));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
