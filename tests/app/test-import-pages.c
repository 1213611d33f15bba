/* test-import-pages.c: the import wizard's preview, progress and report
 * pages on reports made from JSON as the server sends it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "roster-import-export.h"
#include "roster-import-preview-page.h"
#include "roster-import-progress-page.h"
#include "roster-import-report-page.h"
#include "widget-screenshot.h"

/* A dry run: 3 new, 1 enrolled, 2 unchanged, 1 skipped (blank), 2 errors
 * (one with a value a spreadsheet would run as a formula). */
static const char dry_run_json[] =
  "{ \"dry_run\": true,"
  "  \"file\": { \"encoding\": \"UTF-8\", \"encoding_detected\": true, \"delimiter\": \",\","
  "            \"delimiter_detected\": true, \"columns\": [], \"unknown_columns\": [], \"problems\": [] },"
  "  \"rows_total\": 9,"
  "  \"counts\": { \"create\": 3, \"update\": 0, \"enrol\": 1, \"unchanged\": 2, \"skipped\": 1, \"error\": 2 },"
  "  \"rows\": ["
  "    { \"line\": 2, \"outcome\": \"create\", \"user_id\": null, \"username\": \"ana.silva\","
  "      \"email\": \"ana.silva@partner.example\", \"problems\": [] },"
  "    { \"line\": 3, \"outcome\": \"create\", \"user_id\": null, \"username\": \"wang.wei\","
  "      \"email\": \"wang.wei@partner.example\", \"problems\": [] },"
  "    { \"line\": 4, \"outcome\": \"error\", \"user_id\": null, \"username\": \"=HYPERLINK(1)\","
  "      \"email\": \"not-an-address\", \"problems\": ["
  "        { \"column\": \"First name\", \"code\": \"required\", \"message\": \"“First name” is empty.\" },"
  "        { \"column\": \"Email address\", \"code\": \"invalid_email\","
  "          \"message\": \"“not-an-address” is not an e-mail address.\" } ] },"
  "    { \"line\": 5, \"outcome\": \"unchanged\", \"user_id\": 8, \"username\": \"r.fischer\","
  "      \"email\": \"rachel.fischer@partner.example\", \"problems\": [] },"
  "    { \"line\": 6, \"outcome\": \"skipped\", \"user_id\": null, \"username\": null, \"email\": null,"
  "      \"problems\": [ { \"column\": null, \"code\": \"blank_row\", \"message\": \"The row is blank.\" } ] },"
  "    { \"line\": 7, \"outcome\": \"enrol\", \"user_id\": 12, \"username\": \"j.okafor\","
  "      \"email\": \"j.okafor@example.edu\", \"problems\": [] },"
  "    { \"line\": 8, \"outcome\": \"error\", \"user_id\": null, \"username\": \"ana.silva2\","
  "      \"email\": \"ana.silva@partner.example\", \"problems\": ["
  "        { \"column\": \"Email address\", \"code\": \"duplicate_email\","
  "          \"message\": \"The same address is on line 2.\" } ] },"
  "    { \"line\": 9, \"outcome\": \"unchanged\", \"user_id\": 3, \"username\": \"m.chen\","
  "      \"email\": \"m.chen@example.edu\", \"problems\": [] },"
  "    { \"line\": 10, \"outcome\": \"create\", \"user_id\": null, \"username\": \"tom.baker\","
  "      \"email\": \"tom.baker@partner.example\", \"problems\": [] }"
  "  ] }";

static const char file_problems_json[] =
  "{ \"dry_run\": true,"
  "  \"file\": { \"encoding\": \"UTF-8\", \"encoding_detected\": true, \"delimiter\": \",\","
  "            \"delimiter_detected\": true, \"columns\": [], \"unknown_columns\": [],"
  "            \"problems\": [ { \"line\": 0, \"column\": \"email\", \"code\": \"missing_column\","
  "                              \"message\": \"No column holds the e-mail address.\" } ] },"
  "  \"rows_total\": 0,"
  "  \"counts\": { \"create\": 0, \"update\": 0, \"enrol\": 0, \"unchanged\": 0, \"skipped\": 0, \"error\": 0 },"
  "  \"rows\": [] }";

/* A job that ended, with its report rows: ids of the people it made. */
static const char job_json[] =
  "{ \"id\": 4, \"course_id\": 2, \"state\": \"done\", \"phase\": null, \"rows_total\": 5, \"rows_done\": 5,"
  "  \"counts\": { \"create\": 2, \"update\": 0, \"enrol\": 1, \"unchanged\": 1, \"skipped\": 1, \"error\": 0 },"
  "  \"created_at\": \"2026-11-24T10:02:11Z\", \"finished_at\": \"2026-11-24T10:02:12Z\","
  "  \"file_name\": \"visitors autumn.csv\", \"error\": null,"
  "  \"file\": { \"encoding\": \"UTF-8\", \"encoding_detected\": true, \"delimiter\": \",\","
  "            \"delimiter_detected\": true, \"columns\": [], \"unknown_columns\": [], \"problems\": [] },"
  "  \"rows\": ["
  "    { \"line\": 2, \"outcome\": \"create\", \"user_id\": 101, \"username\": \"ana.silva\","
  "      \"email\": \"ana.silva@partner.example\", \"problems\": [] },"
  "    { \"line\": 3, \"outcome\": \"create\", \"user_id\": 102, \"username\": \"+wang.wei\","
  "      \"email\": \"wang.wei@partner.example\", \"problems\": [] },"
  "    { \"line\": 4, \"outcome\": \"skipped\", \"user_id\": null, \"username\": \"bad.row\","
  "      \"email\": \"not-an-address\", \"problems\": ["
  "        { \"column\": \"email\", \"code\": \"invalid_email\", \"message\": \"Not an address.\" } ] },"
  "    { \"line\": 5, \"outcome\": \"unchanged\", \"user_id\": 8, \"username\": \"r.fischer\","
  "      \"email\": \"rachel.fischer@partner.example\", \"problems\": [] },"
  "    { \"line\": 6, \"outcome\": \"enrol\", \"user_id\": 12, \"username\": \"j.okafor\","
  "      \"email\": \"j.okafor@example.edu\", \"problems\": [] }"
  "  ], \"next_cursor\": null }";

static RosterImportReport *
report_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  RosterImportReport *report;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  report = roster_import_report_new_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gpointer
child (gpointer    page,
       GType       type,
       const char *id)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), type, id);

  g_assert_nonnull (object);
  return object;
}

/* Action-driven buttons follow their action once in a window, as in
 * the app. */
static GtkWidget *
show_in_window (gpointer page)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  return window;
}

static void
settle (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
cancel_requested_cb (RosterImportProgressPage *page,
                     gpointer                  user_data)
{
  (*(guint *) user_data)++;
}

static const char *
count_text (GtkWidget  *counts,
            const char *outcome)
{
  g_autofree char *name = g_strconcat ("count-", outcome, NULL);

  for (GtkWidget *label = gtk_widget_get_first_child (counts); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    if (g_strcmp0 (gtk_widget_get_name (label), name) == 0)
      return gtk_label_get_text (GTK_LABEL (label));
  return NULL;
}

/* The view lets new rows in over a few frames: waits until it shows
 * all of @rows (directly, or through a filter model when @filtered). */
static GListModel *
wait_rows_shown (GtkColumnView *view,
                 GListModel    *rows,
                 gboolean       filtered)
{
  GtkSliceListModel *slice = GTK_SLICE_LIST_MODEL (gtk_no_selection_get_model (GTK_NO_SELECTION (gtk_column_view_get_model (view))));

  for (;;)
    {
      GListModel *shown = gtk_slice_list_model_get_model (slice);

      if (gtk_slice_list_model_get_size (slice) == G_MAXUINT && shown != NULL
          && (filtered ? GTK_IS_FILTER_LIST_MODEL (shown)
                         && gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (shown)) == rows
                       : shown == rows))
        return shown;
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
wait_filtered (GtkFilterListModel *model)
{
  while (gtk_filter_list_model_get_pending (model) > 0 || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_preview (void)
{
  g_autoptr(RosterImportPreviewPage) page = g_object_ref_sink (ROSTER_IMPORT_PREVIEW_PAGE (roster_import_preview_page_new ()));
  g_autoptr(RosterImportReport) report = report_from_json (dry_run_json);
  GtkStack *stack = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "stack");
  GtkWidget *counts = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "counts");
  GtkWidget *skip_box = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "skip_box");
  GtkCheckButton *skip_check = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "skip_check");
  GtkLabel *skip_label = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "skip_label");
  GtkToggleButton *errors_only = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "errors_only_button");
  GtkEditable *search = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "search_entry");
  GtkColumnView *view = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "column_view");
  GtkFilterListModel *model;
  GtkWidget *window = show_in_window (page);
  guint notified = 0;

  g_signal_connect (page, "notify::can-import", G_CALLBACK (notify_count_cb), &notified);

  /* Nothing yet: a spinner while the dry run runs. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (roster_import_preview_page_get_can_import (page));

  roster_import_preview_page_set_report (page, report);
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "rows");
  g_assert_cmpstr (count_text (counts, "create"), ==, "3 new accounts");
  g_assert_cmpstr (count_text (counts, "enrol"), ==, "1 enrolled");
  g_assert_cmpstr (count_text (counts, "unchanged"), ==, "2 unchanged");
  g_assert_cmpstr (count_text (counts, "update"), ==, "0 updated");
  g_assert_cmpstr (count_text (counts, "skipped"), ==, "1 skipped");
  g_assert_cmpstr (count_text (counts, "error"), ==, "2 errors");

  /* The rows are the report's own, all shown. */
  model = GTK_FILTER_LIST_MODEL (wait_rows_shown (view, roster_import_report_get_rows (report), TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 9);

  gtk_toggle_button_set_active (errors_only, TRUE);
  wait_filtered (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  gtk_editable_set_text (search, "ana");
  /* The search entry waits a moment before it says the text changed. */
  g_signal_emit_by_name (search, "search-changed");
  wait_filtered (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  gtk_toggle_button_set_active (errors_only, FALSE);
  wait_filtered (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  wait_filtered (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 9);

  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "import-preview.png");

  /* Errors hold the import back until skipping them is chosen. */
  g_assert_true (gtk_widget_get_visible (skip_box));
  g_assert_cmpstr (gtk_label_get_text (skip_label), ==, "2 rows with errors will not be imported; the others will be.");
  g_assert_false (roster_import_preview_page_get_can_import (page));
  g_assert_false (roster_import_preview_page_get_skip_errors (page));
  gtk_check_button_set_active (skip_check, TRUE);
  g_assert_true (roster_import_preview_page_get_skip_errors (page));
  g_assert_true (roster_import_preview_page_get_can_import (page));
  g_assert_cmpuint (notified, ==, 1);

  /* A new report starts with the choice off again. */
  roster_import_preview_page_set_report (page, NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (roster_import_preview_page_get_can_import (page));
  g_assert_cmpuint (notified, ==, 2);
  roster_import_preview_page_set_report (page, report);
  settle ();
  g_assert_false (gtk_check_button_get_active (skip_check));
  g_assert_false (roster_import_preview_page_get_skip_errors (page));
  g_assert_false (roster_import_preview_page_get_can_import (page));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_preview_file_problems (void)
{
  g_autoptr(RosterImportPreviewPage) page = g_object_ref_sink (ROSTER_IMPORT_PREVIEW_PAGE (roster_import_preview_page_new ()));
  g_autoptr(RosterImportReport) report = report_from_json (file_problems_json);
  GtkStack *stack = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "stack");
  AdwStatusPage *status = child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "file_problems_status");
  GtkWidget *window = show_in_window (page);

  roster_import_preview_page_set_report (page, report);
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "import-preview-file-problems.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "file-problems");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "No column holds the e-mail address.\n\nFix the file in the spreadsheet and choose it again.");
  g_assert_false (roster_import_preview_page_get_can_import (page));
  g_assert_false (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "skip_box")));
}

/* A report with nothing but unchanged rows can be imported again. */
static void
test_preview_clean (void)
{
  static const char json[] =
    "{ \"dry_run\": true, \"file\": { \"problems\": [] }, \"rows_total\": 1,"
    "  \"counts\": { \"create\": 0, \"update\": 0, \"enrol\": 0, \"unchanged\": 1, \"skipped\": 0, \"error\": 0 },"
    "  \"rows\": [ { \"line\": 2, \"outcome\": \"unchanged\", \"user_id\": 8, \"username\": \"r.fischer\","
    "                \"email\": \"rachel.fischer@partner.example\", \"problems\": [] } ] }";
  g_autoptr(RosterImportPreviewPage) page = g_object_ref_sink (ROSTER_IMPORT_PREVIEW_PAGE (roster_import_preview_page_new ()));
  g_autoptr(RosterImportReport) report = report_from_json (json);

  roster_import_preview_page_set_report (page, report);
  g_assert_true (roster_import_preview_page_get_can_import (page));
  g_assert_false (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_PREVIEW_PAGE, "skip_box")));
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
export (GListModel             *rows,
        RosterImportExportKind  kind,
        guint                  *n_rows)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "rows.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  roster_import_export_async (rows, kind, file, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (roster_import_export_finish (result, n_rows, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
  return contents;
}

static void
test_export_errors (void)
{
  g_autoptr(RosterImportReport) report = report_from_json (dry_run_json);
  g_autofree char *csv = NULL;
  guint n_rows = 0;

  csv = export (roster_import_report_get_rows (report), ROSTER_IMPORT_EXPORT_ERRORS, &n_rows);
  g_assert_cmpuint (n_rows, ==, 2);
  /* One line per problem; the username a spreadsheet would run is
   * defused with an apostrophe. */
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf\"Line\",\"Username\",\"E-mail\",\"Column\",\"Problem\"\r\n"
                   "\"4\",\"'=HYPERLINK(1)\",\"not-an-address\",\"First name\",\"“First name” is empty.\"\r\n"
                   "\"4\",\"'=HYPERLINK(1)\",\"not-an-address\",\"Email address\","
                   "\"“not-an-address” is not an e-mail address.\"\r\n"
                   "\"8\",\"ana.silva2\",\"ana.silva@partner.example\",\"Email address\","
                   "\"The same address is on line 2.\"\r\n");
}

static void
test_progress (void)
{
  g_autoptr(RosterImportProgressPage) page = g_object_ref_sink (ROSTER_IMPORT_PROGRESS_PAGE (roster_import_progress_page_new ()));
  AdwStatusPage *status = child (page, ROSTER_TYPE_IMPORT_PROGRESS_PAGE, "status");
  GtkProgressBar *bar = child (page, ROSTER_TYPE_IMPORT_PROGRESS_PAGE, "progress_bar");
  GtkWidget *cancel = child (page, ROSTER_TYPE_IMPORT_PROGRESS_PAGE, "cancel_button");
  g_autoptr(RosterImportReport) queued = report_from_json ("{ \"id\": 5, \"course_id\": 2, \"state\": \"queued\", \"phase\": null, "
                      "\"rows_total\": 0, \"rows_done\": 0, \"counts\": {} }");
  g_autoptr(RosterImportReport) checking =
    report_from_json ("{ \"id\": 5, \"course_id\": 2, \"state\": \"running\", \"phase\": \"checking\", "
                      "\"rows_total\": 100000, \"rows_done\": 12000, \"counts\": {} }");
  g_autoptr(RosterImportReport) importing =
    report_from_json ("{ \"id\": 5, \"course_id\": 2, \"state\": \"running\", \"phase\": \"importing\", "
                      "\"rows_total\": 100000, \"rows_done\": 40000, \"counts\": {} }");
  guint cancelled = 0;

  GtkWidget *window = show_in_window (page);

  g_signal_connect (page, "cancel-requested", G_CALLBACK (cancel_requested_cb), &cancelled);

  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Starting the Import…");
  roster_import_progress_page_set_job (page, queued);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Waiting for other imports to finish…");
  roster_import_progress_page_set_job (page, checking);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Checking rows…");
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "12000 of 100000 rows");
  g_assert_cmpfloat_with_epsilon (gtk_progress_bar_get_fraction (bar), 0.12, 1e-9);
  roster_import_progress_page_set_job (page, importing);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Importing…");
  g_assert_cmpstr (gtk_progress_bar_get_text (bar), ==, "40000 of 100000 rows");
  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "import-progress.png");

  settle ();
  g_assert_true (gtk_widget_is_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_cmpuint (cancelled, ==, 1);

  roster_import_progress_page_set_cancelling (page, TRUE);
  settle ();
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Cancelling… nothing will be kept");
  g_assert_false (gtk_widget_is_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_cmpuint (cancelled, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
show_participants_cb (RosterImportReportPage *page,
                      GArray                 *ids,
                      gpointer                user_data)
{
  GArray **out = user_data;

  *out = g_array_ref (ids);
}

static void
test_report (void)
{
  g_autoptr(RosterImportReportPage) page = g_object_ref_sink (ROSTER_IMPORT_REPORT_PAGE (roster_import_report_page_new ()));
  g_autoptr(RosterImportReport) job = report_from_json (job_json);
  g_autoptr(GListStore) rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  GListModel *all = roster_import_report_get_rows (job);
  GtkWidget *counts = child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "counts");
  g_autoptr(GArray) ids = NULL;
  g_autofree char *csv = NULL;
  GtkWidget *window = show_in_window (page);
  guint n_rows = 0;

  /* The rows come a page at a time: the first three first. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (all, i);
      g_list_store_append (rows, row);
    }
  roster_import_report_page_set_job (page, job, G_LIST_MODEL (rows));
  wait_rows_shown (child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "column_view"), G_LIST_MODEL (rows), FALSE);
  g_assert_cmpstr (gtk_label_get_text (child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "title_label")), ==,
                   "Import Finished");
  g_assert_cmpstr (count_text (counts, "create"), ==, "2 new accounts");
  g_assert_cmpstr (count_text (counts, "skipped"), ==, "1 skipped");
  g_assert_cmpstr (gtk_label_get_text (child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "skipped_label")), ==,
                   "1 row was skipped: it is listed below with its problems or the reason it was left out.");

  for (guint i = 3; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (all, i);
      g_list_store_append (rows, row);
    }
  settle ();
  g_signal_connect (page, "show-participants", G_CALLBACK (show_participants_cb), &ids);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "report.show-participants", NULL));
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, 101);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, 102);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, 8);
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, 12);

  roster_test_screenshot (window, g_getenv ("ROSTER_UI_OUTPUT"), "import-report.png");

  csv = export (G_LIST_MODEL (rows), ROSTER_IMPORT_EXPORT_ALL, &n_rows);
  g_assert_cmpuint (n_rows, ==, 5);
  g_assert_cmpstr (csv, ==,
                   "\xef\xbb\xbf\"Line\",\"Outcome\",\"Username\",\"E-mail\",\"Problems\"\r\n"
                   "\"2\",\"Create\",\"ana.silva\",\"ana.silva@partner.example\",\"\"\r\n"
                   "\"3\",\"Create\",\"'+wang.wei\",\"wang.wei@partner.example\",\"\"\r\n"
                   "\"4\",\"Skipped\",\"bad.row\",\"not-an-address\",\"Not an address.\"\r\n"
                   "\"5\",\"Unchanged\",\"r.fischer\",\"rachel.fischer@partner.example\",\"\"\r\n"
                   "\"6\",\"Enrol\",\"j.okafor\",\"j.okafor@example.edu\",\"\"\r\n");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_report_ended (void)
{
  g_autoptr(RosterImportReportPage) page = g_object_ref_sink (ROSTER_IMPORT_REPORT_PAGE (roster_import_report_page_new ()));
  g_autoptr(RosterImportReport) failed =
    report_from_json ("{ \"id\": 6, \"course_id\": 2, \"state\": \"failed\", \"rows_total\": 0, \"rows_done\": 0, "
                      "\"counts\": {}, \"error\": \"The server stopped before this import finished; "
                      "nothing of it was kept. Run it again.\", \"rows\": [] }");
  g_autoptr(RosterImportReport) cancelled = report_from_json ("{ \"id\": 7, \"course_id\": 2, \"state\": \"cancelled\", \"rows_total\": 0, "
                      "\"rows_done\": 0, \"counts\": {}, \"rows\": [] }");
  GtkLabel *title = child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "title_label");
  GtkLabel *description = child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "description_label");
  g_autoptr(GArray) ids = NULL;

  roster_import_report_page_set_job (page, failed, roster_import_report_get_rows (failed));
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Import Failed");
  g_assert_cmpstr (gtk_label_get_text (description), ==,
                   "The server stopped before this import finished; nothing of it was kept. Run it again.");
  /* Nobody to show: the action is off. */
  g_signal_connect (page, "show-participants", G_CALLBACK (show_participants_cb), &ids);
  gtk_widget_activate_action (GTK_WIDGET (page), "report.show-participants", NULL);
  g_assert_null (ids);
  g_assert_null (gtk_widget_get_first_child (child (page, ROSTER_TYPE_IMPORT_REPORT_PAGE, "counts")));

  roster_import_report_page_set_job (page, cancelled, roster_import_report_get_rows (cancelled));
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Import cancelled: nothing was changed");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (description)));
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so the texts can be compared. */
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-pages/preview", test_preview);
  g_test_add_func ("/import-pages/preview/file-problems", test_preview_file_problems);
  g_test_add_func ("/import-pages/preview/clean", test_preview_clean);
  g_test_add_func ("/import-pages/export-errors", test_export_errors);
  g_test_add_func ("/import-pages/progress", test_progress);
  g_test_add_func ("/import-pages/report", test_report);
  g_test_add_func ("/import-pages/report/ended", test_report_ended);

  return g_test_run ();
}
