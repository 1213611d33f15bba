/* test-import-window.c: the import wizard's window against a real
 * roster-server: the steps, going back without losing choices, a stale
 * dry run, a refusal shown by its option, a job to its report, a job
 * opened again, closing, and a file dropped on the course page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-imports.h"
#include "roster-course-page.h"
#include "roster-import-columns-page.h"
#include "roster-import-file-page.h"
#include "roster-import-options-page.h"
#include "roster-import-preview-page.h"
#include "roster-import-window.h"

#define CS205_ID 2

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

static gpointer
child (gpointer    widget,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), ROSTER_TYPE_IMPORT_WINDOW, name);

  g_assert_nonnull (object);
  return object;
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_build_filename (ROSTER_IMPORT_DATA_DIR, name, NULL);

  return g_file_new_for_path (path);
}


typedef struct
{
  RosterImportWindow *window;
  const char         *step;
} StepWait;

static gboolean
at_step (gpointer data)
{
  StepWait *wait = data;

  /* A failure on the way shows in the log. */
  if (gtk_revealer_get_reveal_child (child (wait->window, "error_revealer")))
    g_test_message ("error: %s", gtk_label_get_text (child (wait->window, "error_label")));
  return g_strcmp0 (roster_import_window_get_step (wait->window), wait->step) == 0;
}

static void
wait_for_step (RosterImportWindow *window,
               const char         *step)
{
  StepWait wait = { window, step };

  wait_until (at_step, &wait);
}

static gboolean
next_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (child (data, "next_button"));
}

static const char *
next_label (RosterImportWindow *window)
{
  return gtk_button_get_label (child (window, "next_button"));
}

static void
next (RosterImportWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "import.next", NULL);
}

static void
back (RosterImportWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "import.back", NULL);
}

/* The calls a closed window had under way hold the client until their
 * cancellation comes back; the fixture wants it free at the end. */
static gboolean
client_free (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Destroys @window and waits until its calls under way have been
 * cancelled and it is gone (they hold the client the fixture checks). */
static void
destroy_window (RosterImportWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (is_null, &window);
}

static void
wait_for_client (Fixture *fixture)
{
  wait_until (client_free, fixture->client);
}

static RosterImportWindow *
open_window (Fixture    *fixture,
             const char *file_name)
{
  g_autoptr(RosterCourse) course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  g_autoptr(GFile) file = fixture_file (file_name);
  RosterImportWindow *window = roster_import_window_new (NULL, fixture->client, course);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (window)));
  roster_import_window_open_file (window, file);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "file");
  wait_until (next_sensitive, window);
  return window;
}

static gboolean
error_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (child (data, "error_revealer"));
}

static gboolean
options_loaded (gpointer data)
{
  return !roster_import_options_page_get_loading (data);
}

/* Forward and back through the first steps: nothing is lost, a change
 * makes the dry run stale, an unchanged one is not run again. */
static void
test_steps (Fixture       *fixture,
            gconstpointer  data)
{
  RosterImportWindow *window;
  RosterImportColumnsPage *columns;
  RosterImportFilePage *file_page;
  RosterImportOptionsPage *options;
  AdwWindowTitle *title;
  g_auto(GStrv) chosen = NULL;
  g_auto(GStrv) again = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  window = open_window (fixture, "moodle-upload-users.csv");
  columns = child (window, "columns_page");
  file_page = child (window, "file_page");
  options = child (window, "options_page");
  title = child (window, "window_title");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 1 of 6 — File");
  g_assert_false (gtk_widget_get_visible (child (window, "back_button")));

  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "columns");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 2 of 6 — Columns");
  g_assert_true (gtk_widget_get_visible (child (window, "back_button")));

  /* Without an e-mail column the step cannot be left. */
  roster_import_columns_page_set_field (columns, 3, ROSTER_IMPORT_FIELD_IGNORED, 0);
  g_assert_false (gtk_widget_get_sensitive (child (window, "next_button")));
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "columns");
  roster_import_columns_page_set_field (columns, 3, ROSTER_IMPORT_FIELD_EMAIL, 0);
  roster_import_columns_page_set_field (columns, 7, ROSTER_IMPORT_FIELD_IDNUMBER, 0);
  chosen = roster_import_columns_page_dup_columns (columns);

  /* Back to the file and forward again: the choice is kept. */
  back (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "file");
  next (window);
  again = roster_import_columns_page_dup_columns (columns);
  g_assert_cmpstrv (again, chosen);
  g_clear_pointer (&again, g_strfreev);

  /* Another delimiter and back: the same header, the same choices. */
  back (window);
  roster_import_file_page_set_delimiter (file_page, ';');
  wait_until (next_sensitive, window);
  roster_import_file_page_set_delimiter (file_page, '\0');
  wait_until (next_sensitive, window);
  again = roster_import_columns_page_dup_columns (columns);
  g_assert_cmpstrv (again, chosen);
  next (window);

  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "options");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 3 of 6 — Options");
  g_assert_cmpstr (next_label (window), ==, "_Check File");
  wait_until (options_loaded, options);
  roster_import_options_page_set_group (options, "Group C");

  /* The dry run: a bad e-mail and a duplicate are errors. */
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "checking");
  g_assert_false (gtk_widget_get_visible (child (window, "next_button")));
  wait_for_step (window, "preview");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Step 4 of 6 — Preview");
  g_assert_cmpstr (next_label (window), ==, "_Import");
  g_assert_false (roster_import_preview_page_get_can_import (child (window, "preview_page")));
  g_assert_false (gtk_widget_get_sensitive (child (window, "next_button")));

  /* Back and forward without a change: the same dry run. */
  back (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "options");
  g_assert_cmpstr (next_label (window), ==, "_Next");
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "preview");

  /* A change makes it stale: it runs again. */
  back (window);
  back (window);
  roster_import_columns_page_set_field (columns, 7, ROSTER_IMPORT_FIELD_IGNORED, 0);
  next (window);
  g_assert_cmpstr (next_label (window), ==, "_Check File");
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "checking");

  /* Escape stops a dry run, and goes back to the options. */
  gtk_widget_activate_action (GTK_WIDGET (window), "import.escape", NULL);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "options");
  g_assert_cmpstr (next_label (window), ==, "_Check File");

  destroy_window (window);
  wait_for_client (fixture);
}

/* A teacher may not import: the server's refusal is shown inline, in
 * its own words, with Retry; the choices stay. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  RosterImportWindow *window;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  window = open_window (fixture, "gbk-names.csv");
  next (window);
  next (window);
  next (window);
  wait_until (error_shown, window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "options");
  g_assert_cmpstr (gtk_label_get_text (child (window, "error_label")), !=, "");
  g_assert_true (gtk_widget_get_visible (child (window, "retry_button")));
  g_assert_cmpstr (next_label (window), ==, "_Check File");

  /* Retry asks again, and is refused again. */
  g_signal_emit_by_name (child (window, "retry_button"), "clicked");
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "checking");
  g_assert_false (gtk_revealer_get_reveal_child (child (window, "error_revealer")));
  wait_until (error_shown, window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "options");

  /* Going on hides it. */
  back (window);
  g_assert_false (gtk_revealer_get_reveal_child (child (window, "error_revealer")));

  destroy_window (window);
  wait_for_client (fixture);
}

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
ids_cb (gpointer  object,
        GArray   *ids,
        GArray  **out)
{
  *out = g_array_ref (ids);
}

static GtkWindow *find_message_dialog (void);

static gint64
last_import_id (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(RosterImportReport) job = NULL;

  roster_client_list_imports_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  jobs = roster_client_list_imports_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), >, 0);
  job = g_list_model_get_item (jobs, 0);
  return roster_import_report_get_id (job);
}

/* The GBK file has no errors: checked, imported, reported; the window
 * opened again on the job shows its report. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  RosterImportWindow *window;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint finished = 0;
  gint64 first_id;
  gint64 import_id;

  roster_app_fixture_sign_in (fixture, "m.chen");
  window = open_window (fixture, "gbk-names.csv");
  g_signal_connect (window, "import-finished", G_CALLBACK (count_cb), &finished);
  next (window);
  next (window);
  next (window);
  wait_for_step (window, "preview");
  wait_until (next_sensitive, window);
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "progress");
  g_assert_false (gtk_widget_get_visible (child (window, "back_button")));
  /* The progress page says the window may be closed. */
  g_assert_true (gtk_widget_get_visible (child (window, "progress_page")));
  wait_for_step (window, "report");
  g_assert_cmpuint (finished, ==, 1);
  g_assert_cmpstr (next_label (window), ==, "_Close");
  /* Closing after the report asks nothing. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  wait_until (is_null, &window);
  wait_for_client (fixture);
  first_id = last_import_id (fixture);

  /* Another file, closed right after Import, before the server has
   * answered: no question, and the job goes on on the server. */
  window = open_window (fixture, "windows-1252-semicolon.csv");
  next (window);
  next (window);
  next (window);
  wait_for_step (window, "preview");
  wait_until (next_sensitive, window);
  next (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_null (find_message_dialog ());
  wait_until (is_null, &window);
  wait_for_client (fixture);

  /* Opened again on the second job: its report, once it has ended. */
  import_id = last_import_id (fixture);
  g_assert_cmpint (import_id, >, first_id);
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  window = roster_import_window_new (NULL, fixture->client, course);
  g_signal_connect (window, "show-participants", G_CALLBACK (ids_cb), &ids);
  roster_import_window_show_job (window, import_id);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "progress");
  wait_for_step (window, "report");
  g_signal_emit_by_name (child (window, "report_page"), "show-participants", none);
  g_assert_true (ids == none);
  destroy_window (window);
  wait_for_client (fixture);
}

/* The first job waits after writing row 2 until it is cancelled
 * (ROSTER_TEST_IMPORT_STALL, read by the server the fixture starts). */
static void
stalling_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  g_setenv ("ROSTER_TEST_IMPORT_STALL", "1:importing:2", TRUE);
  roster_app_fixture_set_up (fixture, data);
  g_unsetenv ("ROSTER_TEST_IMPORT_STALL");
}

/* The window has the job's id once it polls it. */
static gboolean
job_polled (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *log = roster_test_server_read_log (fixture->server);

  return strstr (log, "waits after row 2") != NULL && strstr (log, "GET /api/v1/imports/1") != NULL;
}

/* Cancel on the progress page: the server rolls back, the window polls
 * until the job says so and shows its report; nothing was imported.
 * @data: TRUE to press Cancel before the server has answered the start. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  gboolean at_once = GPOINTER_TO_INT (data);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jobs = NULL;
  g_autoptr(RosterImportReport) job = NULL;
  RosterImportWindow *window;
  guint finished = 0;

  roster_app_fixture_sign_in (fixture, "m.chen");
  window = open_window (fixture, "gbk-names.csv");
  g_signal_connect (window, "import-finished", G_CALLBACK (count_cb), &finished);
  next (window);
  next (window);
  next (window);
  wait_for_step (window, "preview");
  wait_until (next_sensitive, window);
  next (window);
  g_assert_cmpstr (roster_import_window_get_step (window), ==, "progress");
  if (!at_once)
    wait_until (job_polled, fixture);
  g_signal_emit_by_name (child (window, "progress_page"), "cancel-requested");
  wait_for_step (window, "report");
  g_assert_cmpuint (finished, ==, 0);
  g_assert_false (gtk_revealer_get_reveal_child (child (window, "error_revealer")));
  destroy_window (window);
  wait_for_client (fixture);

  roster_client_list_imports_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  jobs = roster_client_list_imports_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  job = g_list_model_get_item (jobs, 0);
  g_assert_cmpint (roster_import_report_get_state (job), ==, ROSTER_IMPORT_REPORT_CANCELLED);
}

static GtkWindow *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return window;
    }
  return NULL;
}

/* Closing with a file chosen asks first; nothing chosen, it does not. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  RosterImportWindow *window;
  GtkWindow *dialog;

  roster_app_fixture_sign_in (fixture, "m.chen");
  window = open_window (fixture, "gbk-names.csv");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_widget_activate_action (GTK_WIDGET (window), "import.escape", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_nonnull (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "import.escape", NULL);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  wait_until (is_null, &window);

  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  window = roster_import_window_new (NULL, fixture->client, course);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "import.escape", NULL);
  wait_until (is_null, &window);
  wait_until (client_free, fixture->client);
}

/* The import window the application shows, or NULL. */
static RosterImportWindow *
find_import_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ROSTER_IS_IMPORT_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* What GTK does when a file is dropped on the page: its drop target's
 * "drop" with the files. */
static gboolean
drop_files (GtkWidget *page,
            GSList    *files)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (page);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
          return accepted;
        }
    }
  g_assert_not_reached ();
}

static gboolean
client_let_go (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

/* A destroyed course page's loads end cancelled on later iterations,
 * and only then let the client go. */
static void
destroy_course_window (Fixture   *fixture,
                       GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  wait_until (client_let_go, fixture->client);
}

static gboolean
file_read (gpointer data)
{
  return roster_import_file_page_get_ready (child (data, "file_page"));
}

/* A file dropped on the course page opens the wizard on it; two files
 * at once are refused; a teacher, who may not import, has no wizard. */
static void
test_drop_on_course_page (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GFile) file = fixture_file ("moodle-upload-users.csv");
  g_autoptr(GFile) other = fixture_file ("gbk-names.csv");
  g_autoptr(GSList) two = NULL;
  GSList one = { file, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  RosterImportWindow *importer;

  roster_app_fixture_sign_in (fixture, "m.chen");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  page = roster_course_page_new (fixture->client, course);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  two = g_slist_prepend (g_slist_prepend (NULL, other), file);
  g_assert_false (drop_files (page, two));
  g_assert_null (find_import_window ());

  g_assert_true (drop_files (page, &one));
  importer = find_import_window ();
  g_assert_nonnull (importer);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (importer)) == GTK_WINDOW (window));
  g_assert_cmpstr (roster_import_window_get_step (importer), ==, "file");
  wait_until (file_read, importer);
  g_assert_cmpstr (roster_import_file_page_get_file_name (child (importer, "file_page")), ==,
                   "moodle-upload-users.csv");

  /* A second drop goes to the same window. */
  g_assert_true (drop_files (page, &one));
  g_assert_true (find_import_window () == importer);

  gtk_window_destroy (GTK_WINDOW (importer));
  destroy_course_window (fixture, window);
}

static void
test_drop_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GFile) file = fixture_file ("moodle-upload-users.csv");
  GSList one = { file, NULL };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  g_assert_false (roster_course_has_capability (course, "users.import"));
  page = roster_course_page_new (fixture->client, course);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_false (drop_files (page, &one));
  g_assert_null (find_import_window ());
  /* Nor Ctrl+I. */
  gtk_widget_activate_action (page, "course.import", NULL);
  g_assert_null (find_import_window ());

  destroy_course_window (fixture, window);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so messages can be compared; no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  ADD ("/import-window/steps", test_steps);
  ADD ("/import-window/refused", test_refused);
  ADD ("/import-window/drop-on-course-page", test_drop_on_course_page);
  ADD ("/import-window/drop-refused", test_drop_refused);
  ADD ("/import-window/import", test_import);
  ADD ("/import-window/close", test_close);
  g_test_add ("/import-window/cancel", Fixture, GINT_TO_POINTER (FALSE),
              stalling_set_up, test_cancel, roster_app_fixture_tear_down);
  g_test_add ("/import-window/cancel-at-once", Fixture, GINT_TO_POINTER (TRUE),
              stalling_set_up, test_cancel, roster_app_fixture_tear_down);

  return g_test_run ();
}
