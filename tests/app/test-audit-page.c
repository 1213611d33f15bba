/* test-audit-page.c: the Audit page against a real roster-server: the
 * rows of filtered queries and their CSV, a person found by name,
 * pages loaded at the end, dates, a refusal, an export cancelled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "audit-test-events.h"
#include "roster-audit-page-private.h"
#include "roster-error.h"
#include "widget-screenshot.h"

typedef RosterAppFixture Fixture;

typedef gboolean (*Done) (gpointer data);

static void
wait_until (Done     done,
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Loaded: not spinning, and showing the list, the empty or the error page. */
static gboolean
page_loaded (gpointer data)
{
  RosterAuditPage *page = data;
  const char *visible = gtk_stack_get_visible_child_name (page->stack);

  return !gtk_spinner_get_spinning (page->spinner) && !page->loading_more &&
         g_strcmp0 (visible, "loading") != 0;
}

static gboolean
courses_loaded (gpointer data)
{
  RosterAuditPage *page = data;

  return page->course_ids->len > 0;
}

static RosterAuditPage *
show_page (Fixture    *fixture,
           GtkWindow **window)
{
  RosterAuditPage *page = ROSTER_AUDIT_PAGE (roster_audit_page_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 700);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  gtk_window_present (*window);
  roster_audit_page_set_client (page, fixture->client, 1);
  wait_until (page_loaded, page);
  return page;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Destroys the window and waits for the page's calls to let it go. */
static void
close_page (GtkWindow       *window,
            RosterAuditPage *page)
{
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_destroy (window);
  wait_until (is_null, &page);
}

/* Some label inside @widget reads @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_text (c, text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Shown;

static gboolean
text_shown (gpointer data)
{
  Shown *shown = data;

  return shows_text (shown->widget, shown->text);
}

static AdwMessageDialog *
find_dialog_or_null (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog_or_null () != NULL && gtk_widget_get_mapped (GTK_WIDGET (find_dialog_or_null ()));
}

static gboolean
dialog_gone (gpointer data)
{
  return find_dialog_or_null () == NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  wait_until (dialog_shown, NULL);
  return find_dialog_or_null ();
}

static guint
n_rows (RosterAuditPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (page->events));
}

static RosterAuditEntry *
row (RosterAuditPage *page,
     guint            position)
{
  RosterAuditEntry *entry = g_list_model_get_item (G_LIST_MODEL (page->events), position);

  g_object_unref (entry);
  return entry;
}

static char *
export_page (Fixture         *fixture,
             RosterAuditPage *page,
             guint           *n_events)
{
  g_autofree char *path = export_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *csv = NULL;

  roster_audit_page_export_async (page, file, roster_app_test_result_cb, &result);
  g_assert_true (gtk_revealer_get_reveal_child (page->export_revealer));
  g_assert_true (roster_audit_page_export_finish (page, roster_app_test_wait (&result), n_events, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_revealer_get_reveal_child (page->export_revealer));
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  return csv;
}

/* The quick filter for key reveals, the course, a person found by
 * name: the rows are the server's, and so is the CSV. */
static void
test_page_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *window = NULL;
  RosterAuditPage *page;
  g_autoptr(GListModel) failed = NULL;
  g_autofree char *csv = NULL;
  AdwMessageDialog *details;
  Shown shown;
  guint n_events = 0;
  guint cs101 = 0;

  make_events (fixture);
  sign_in_admin (fixture);
  page = show_page (fixture, &window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "list");
  g_assert_cmpuint (n_rows (page), >=, 6);
  shown = (Shown) { GTK_WIDGET (page->column_view), "Sign-in failed" };
  wait_until (text_shown, &shown);
  roster_test_screenshot (GTK_WIDGET (window), g_getenv ("ROSTER_UI_OUTPUT"), "audit-page.png");

  /* Key reveals: the one reveal, in words, its course and its details. */
  gtk_drop_down_set_selected (page->events_dropdown, 1);
  wait_until (page_loaded, page);
  g_assert_cmpuint (n_rows (page), ==, 1);
  g_assert_cmpstr (roster_audit_entry_get_action (row (page, 0)), ==, "key.revealed");
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "1 event");
  shown = (Shown) { GTK_WIDGET (page->column_view), "Key revealed" };
  wait_until (text_shown, &shown);
  g_assert_true (shows_text (GTK_WIDGET (page->column_view), "CS101"));
  g_assert_true (shows_text (GTK_WIDGET (page->column_view), "nickname: Visiting lecturers 2026, method_id: 20"));
  roster_test_screenshot (GTK_WIDGET (window), g_getenv ("ROSTER_UI_OUTPUT"), "audit-page-key-reveals.png");

  /* Activating the row shows every field, the details pretty-printed. */
  g_signal_emit_by_name (page->column_view, "activate", 0);
  details = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (details), ==, "Key revealed");
  g_assert_true (shows_text (GTK_WIDGET (details), "key.revealed"));
  g_assert_true (shows_text (GTK_WIDGET (details), "CS101"));
  g_assert_true (shows_text (GTK_WIDGET (details), "key 1"));
  g_assert_true (shows_text (GTK_WIDGET (details),
                             "{\n  \"nickname\" : \"Visiting lecturers 2026\",\n  \"method_id\" : 20\n}"));
  roster_test_screenshot (GTK_WIDGET (details), g_getenv ("ROSTER_UI_OUTPUT"), "audit-page-details.png");
  gtk_window_close (GTK_WINDOW (details));
  wait_until (dialog_gone, NULL);

  csv = export_page (fixture, page, &n_events);
  g_assert_cmpuint (n_events, ==, 1);
  g_assert_nonnull (strstr (csv, "\"key.revealed\",\"Key revealed\""));
  g_assert_null (strstr (csv, "auth.login"));
  g_clear_pointer (&csv, g_free);

  /* The course drop-down, once the courses are there. */
  wait_until (courses_loaded, page);
  for (guint i = 0; i < page->course_ids->len; i++)
    if (g_array_index (page->course_ids, gint64, i) == CS101_ID)
      cs101 = i + 1;
  g_assert_cmpuint (cs101, >, 0);
  gtk_drop_down_set_selected (page->events_dropdown, 0);
  wait_until (page_loaded, page);
  gtk_drop_down_set_selected (page->course_dropdown, cs101);
  wait_until (page_loaded, page);
  g_assert_cmpuint (n_rows (page), >=, 1);
  for (guint i = 0; i < n_rows (page); i++)
    g_assert_cmpint (roster_audit_entry_get_course_id (row (page, i)), ==, CS101_ID);
  gtk_drop_down_set_selected (page->course_dropdown, 0);
  wait_until (page_loaded, page);

  /* A person found by name: k.zhang's events, their failed sign-in too. */
  roster_audit_page_focus_search (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->person_popover)));
  gtk_editable_set_text (GTK_EDITABLE (page->person_entry), "k.zhang");
  while (g_list_model_get_n_items (G_LIST_MODEL (page->people)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->people)), ==, 1);
  g_signal_emit_by_name (page->person_entry, "activate");
  g_assert_cmpint (page->user_id, ==, find_user_id (fixture, "k.zhang"));
  wait_until (page_loaded, page);
  failed = list_all (fixture, (RosterAuditFilter) { .user_id = page->user_id });
  g_assert_cmpuint (n_rows (page), ==, g_list_model_get_n_items (failed));
  for (guint i = 0; i < n_rows (page); i++)
    g_assert_true (roster_audit_entry_get_actor_id (row (page, i)) == page->user_id ||
                   roster_audit_entry_get_target_id (row (page, i)) == page->user_id);
  g_assert_nonnull (find_action (G_LIST_MODEL (page->events), "auth.login_failed"));

  /* Back to anyone, account changes: the names that look like formulas
   * are text in the CSV. */
  roster_audit_page_show_user (page, 0, NULL);
  wait_until (page_loaded, page);
  gtk_drop_down_set_selected (page->events_dropdown, 4);
  wait_until (page_loaded, page);
  g_assert_nonnull (find_action (G_LIST_MODEL (page->events), "user.created"));
  csv = export_page (fixture, page, &n_events);
  g_assert_cmpuint (n_events, ==, n_rows (page));
  g_assert_nonnull (strstr (csv, "\"'+evil\",\"'=HYPERLINK(1) @x\""));
  g_assert_null (strstr (csv, "\"=HYPERLINK"));

  close_page (window, page);
}

/* show_user () and dates; pages of two, loaded at the list's end. */
static void
test_page_person_and_pages (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWindow *window = NULL;
  RosterAuditPage *page;
  g_autoptr(GListModel) chen_events = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 chen = find_user_id (fixture, "m.chen");
  guint total;

  make_events (fixture);
  sign_in_admin (fixture);
  chen_events = list_all (fixture, (RosterAuditFilter) { .user_id = chen });
  total = g_list_model_get_n_items (chen_events);
  g_assert_cmpuint (total, >=, 3);

  page = show_page (fixture, &window);
  roster_audit_page_set_page_size (page, 2);
  roster_audit_page_show_user (page, chen, "Ming Chen");
  g_assert_cmpstr (gtk_menu_button_get_label (page->person_button), ==, "Ming Chen");
  wait_until (page_loaded, page);
  g_assert_cmpuint (n_rows (page), ==, 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->load_more_button)));
  g_assert_cmpstr (gtk_label_get_text (page->count_label), ==, "2 events shown, more to load");

  while (gtk_widget_get_visible (GTK_WIDGET (page->load_more_button)))
    {
      guint before = n_rows (page);

      g_signal_emit_by_name (page->load_more_button, "clicked");
      wait_until (page_loaded, page);
      g_assert_cmpuint (n_rows (page), >, before);
    }
  g_assert_cmpuint (n_rows (page), ==, total);
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (chen_events, i);

      g_assert_cmpint (roster_audit_entry_get_id (row (page, i)), ==, roster_audit_entry_get_id (entry));
    }

  /* From tomorrow: nothing, and the empty page says so. */
  {
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

    gtk_calendar_select_day (page->since_calendar, tomorrow);
  }
  roster_audit_page_since_apply_cb (page);
  wait_until (page_loaded, page);
  g_assert_cmpuint (n_rows (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "empty");
  roster_test_screenshot (GTK_WIDGET (window), g_getenv ("ROSTER_UI_OUTPUT"), "audit-page-empty.png");

  /* To today, from any date: all of them again. */
  roster_audit_page_since_clear_cb (page);
  wait_until (page_loaded, page);
  gtk_calendar_select_day (page->until_calendar, now);
  roster_audit_page_until_apply_cb (page);
  wait_until (page_loaded, page);
  g_assert_cmpuint (n_rows (page), ==, 2);
  g_assert_cmpint (page->until, >, g_date_time_to_unix (now));

  close_page (window, page);
}

/* Not an administrator: the error, and Retry asks again. */
static void
test_page_forbidden (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWindow *window = NULL;
  RosterAuditPage *page;

  roster_app_fixture_sign_in (fixture, "m.chen");
  page = show_page (fixture, &window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "error");
  g_assert_nonnull (adw_status_page_get_description (page->error_page));
  roster_test_screenshot (GTK_WIDGET (window), g_getenv ("ROSTER_UI_OUTPUT"), "audit-page-forbidden.png");
  g_signal_emit_by_name (page->retry_button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "loading");
  wait_until (page_loaded, page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page->stack), ==, "error");

  close_page (window, page);
}

/* Cancel Export stops it: an error, no file, the bar hidden. */
static void
test_page_export_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWindow *window = NULL;
  RosterAuditPage *page;
  g_autofree char *path = export_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_admin (fixture);
  page = show_page (fixture, &window);
  roster_audit_page_export_async (page, file, roster_app_test_result_cb, &result);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->export_button)));
  g_signal_emit_by_name (page->export_cancel_button, "clicked");
  g_assert_false (roster_audit_page_export_finish (page, roster_app_test_wait (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (gtk_revealer_get_reveal_child (page->export_revealer));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (page->export_button)));

  /* The result holds the page. */
  g_clear_object (&result);
  close_page (window, page);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so words can be compared; no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  ADD ("/audit-page/filters", test_page_filters);
  ADD ("/audit-page/person-and-pages", test_page_person_and_pages);
  ADD ("/audit-page/forbidden", test_page_forbidden);
  ADD ("/audit-page/export-cancel", test_page_export_cancel);

  return g_test_run ();
}
