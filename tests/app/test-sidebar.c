/* test-sidebar.c: RosterSidebar and RosterCoursePage against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "roster-course-page.h"
#include "roster-demo.h"
#include "roster-sidebar.h"
#include "roster-test-server.h"

#define CS205_ID   2
#define CS205_SIZE 54

typedef struct
{
  RosterTestServer *server;
  RosterTrustStore *trust;
  RosterClient     *client;
  char             *dir;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; fails after 20 s. */
static void
wait_until (Condition  condition,
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
result_ready (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  RosterTestServerOptions options = { .demo = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) user = NULL;

  fixture->server = roster_test_server_start (&options);
  fixture->dir = g_dir_make_tmp ("roster-trust-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "roster", "trusted-certificates.ini", NULL);
  fixture->trust = roster_trust_store_new (path);
  fixture->client = roster_client_new (roster_test_server_get_url (fixture->server), fixture->trust);

  /* Signed in for real: the server's own certificate pinned, as a
   * person would after the certificate dialog. */
  cert_path = g_build_filename (roster_test_server_get_data_dir (fixture->server), "cert.pem", NULL);
  cert = g_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);
  fingerprint = roster_certificate_fingerprint (cert);
  roster_trust_store_trust (fixture->trust, roster_client_get_host (fixture->client), fingerprint, &error);
  g_assert_no_error (error);

  roster_client_login_async (fixture->client, "m.chen", ROSTER_DEMO_PASSWORD, NULL, login_cb, &result);
  wait_until (result_ready, &result);
  user = roster_client_login_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->trust);
  roster_test_server_stop (fixture->server);
  roster_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static const char *
sidebar_page (RosterSidebar *sidebar)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (sidebar, ROSTER_TYPE_SIDEBAR, "stack")));
}

static gboolean
sidebar_loaded (gpointer data)
{
  return g_strcmp0 (sidebar_page (data), "loading") != 0;
}

static guint
n_courses_shown (RosterSidebar *sidebar)
{
  GtkListView *list = GTK_LIST_VIEW (child (sidebar, ROSTER_TYPE_SIDEBAR, "course_list"));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

static gboolean
search_applied (gpointer data)
{
  return n_courses_shown (data) == 1;
}

static gboolean
search_found_none (gpointer data)
{
  return n_courses_shown (data) == 0;
}

static void
course_activated_cb (RosterSidebar  *sidebar,
                     RosterCourse   *course,
                     RosterCourse  **out)
{
  g_set_object (out, course);
}

static void
test_sidebar_courses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterSidebar) sidebar = g_object_ref_sink (g_object_new (ROSTER_TYPE_SIDEBAR, NULL));
  GtkEditable *search = GTK_EDITABLE (child (sidebar, ROSTER_TYPE_SIDEBAR, "search_entry"));
  g_autoptr(RosterCourse) activated = NULL;

  g_signal_connect (sidebar, "course-activated", G_CALLBACK (course_activated_cb), &activated);

  roster_sidebar_set_client (sidebar, fixture->client);
  g_assert_cmpstr (sidebar_page (sidebar), ==, "loading");
  wait_until (sidebar_loaded, sidebar);
  g_assert_cmpstr (sidebar_page (sidebar), ==, "list");
  g_assert_cmpuint (n_courses_shown (sidebar), >, 1);

  /* By full name, ignoring case; the entry applies it after a moment. */
  gtk_editable_set_text (search, "databases");
  wait_until (search_applied, sidebar);

  /* Enter in the search opens the one course left. */
  g_signal_emit_by_name (search, "activate");
  g_assert_nonnull (activated);
  g_assert_cmpint (roster_course_get_id (activated), ==, CS205_ID);
  g_assert_cmpstr (roster_course_get_short_name (activated), ==, "CS205");

  /* Nothing matches: the sidebar says so. */
  gtk_editable_set_text (search, "no such course at all");
  wait_until (search_found_none, sidebar);
  g_assert_cmpstr (sidebar_page (sidebar), ==, "empty");

  roster_sidebar_set_client (sidebar, NULL);
}

static void
admin_activated_cb (RosterSidebar  *sidebar,
                    const char     *name,
                    char          **out)
{
  g_free (*out);
  *out = g_strdup (name);
}

/* The Administration section: hidden until the window says the person
 * administers the site; a course and an admin page are never both
 * chosen. */
static void
test_sidebar_admin (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RosterSidebar) sidebar = g_object_ref_sink (g_object_new (ROSTER_TYPE_SIDEBAR, NULL));
  GtkWidget *admin_box = child (sidebar, ROSTER_TYPE_SIDEBAR, "admin_box");
  GtkListBox *admin_list = GTK_LIST_BOX (child (sidebar, ROSTER_TYPE_SIDEBAR, "admin_list"));
  GtkEditable *search = GTK_EDITABLE (child (sidebar, ROSTER_TYPE_SIDEBAR, "search_entry"));
  g_autoptr(RosterCourse) activated = NULL;
  g_autofree char *admin = NULL;
  const char *names[] = { "users", "removal-requests", "audit" };

  g_signal_connect (sidebar, "course-activated", G_CALLBACK (course_activated_cb), &activated);
  g_signal_connect (sidebar, "admin-activated", G_CALLBACK (admin_activated_cb), &admin);
  g_assert_false (gtk_widget_get_visible (admin_box));

  roster_sidebar_set_admin (sidebar, TRUE);
  g_assert_true (gtk_widget_get_visible (admin_box));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (admin_list, i);

      g_assert_nonnull (row);
      g_signal_emit_by_name (admin_list, "row-activated", row);
      g_assert_cmpstr (admin, ==, names[i]);
      g_assert_true (gtk_list_box_get_selected_row (admin_list) == row);
    }

  /* Opening a course unselects the admin page. */
  roster_sidebar_set_client (sidebar, fixture->client);
  wait_until (sidebar_loaded, sidebar);
  gtk_editable_set_text (search, "databases");
  wait_until (search_applied, sidebar);
  g_signal_emit_by_name (search, "activate");
  g_assert_nonnull (activated);
  g_assert_null (gtk_list_box_get_selected_row (admin_list));

  /* Opened from elsewhere (the users page's Audit Log): marked, and the
   * course no longer is. */
  roster_sidebar_select_admin (sidebar, "audit");
  g_assert_true (gtk_list_box_get_selected_row (admin_list) == gtk_list_box_get_row_at_index (admin_list, 2));

  /* Signed in as someone else: out of sight, nothing chosen. */
  roster_sidebar_set_admin (sidebar, FALSE);
  g_assert_false (gtk_widget_get_visible (admin_box));
  g_assert_null (gtk_list_box_get_selected_row (admin_list));

  roster_sidebar_set_client (sidebar, NULL);
}

static gboolean
list_drawn (gpointer data)
{
  GtkWidget *list = child (data, ROSTER_TYPE_SIDEBAR, "course_list");

  return gtk_widget_get_mapped (list) && gtk_widget_get_height (list) > 0 &&
         gtk_widget_get_first_child (list) != NULL;
}

static gboolean
focus_in_list (gpointer data)
{
  GtkWidget *list = child (data, ROSTER_TYPE_SIDEBAR, "course_list");
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (list));

  return focus != NULL && (focus == list || gtk_widget_is_ancestor (focus, list));
}

/* The search's own key controller, which sees keys before its text. */
static GtkEventController *
search_keys (GtkWidget *search)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (search);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return controller;
    }
  g_assert_not_reached ();
}

/* Down in the search moves the focus to the courses; with nothing
 * found, it stays in the search. */
static void
test_sidebar_down_key (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  RosterSidebar *sidebar = g_object_new (ROSTER_TYPE_SIDEBAR, NULL);
  GtkWidget *search = child (sidebar, ROSTER_TYPE_SIDEBAR, "search_entry");
  gboolean handled = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (sidebar));
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 400);
  roster_sidebar_set_client (sidebar, fixture->client);
  wait_until (sidebar_loaded, sidebar);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (list_drawn, sidebar);

  gtk_widget_grab_focus (search);
  g_assert_false (focus_in_list (sidebar));
  g_signal_emit_by_name (search_keys (search), "key-pressed", GDK_KEY_Up, 0, 0, &handled);
  g_assert_false (handled);
  g_signal_emit_by_name (search_keys (search), "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  wait_until (focus_in_list, sidebar);

  gtk_editable_set_text (GTK_EDITABLE (search), "no such course at all");
  wait_until (search_found_none, sidebar);
  gtk_widget_grab_focus (search);
  g_signal_emit_by_name (search_keys (search), "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_false (handled);

  roster_sidebar_set_client (sidebar, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sidebar_error (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(RosterSidebar) sidebar = g_object_ref_sink (g_object_new (ROSTER_TYPE_SIDEBAR, NULL));
  g_autoptr(RosterClient) client = NULL;
  GtkLabel *error_label = GTK_LABEL (child (sidebar, ROSTER_TYPE_SIDEBAR, "error_label"));

  /* Port 1 on this machine: nothing listens there. */
  client = roster_client_new ("https://127.0.0.1:1", fixture->trust);
  roster_sidebar_set_client (sidebar, client);
  wait_until (sidebar_loaded, sidebar);
  g_assert_cmpstr (sidebar_page (sidebar), ==, "error");
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");

  /* Retry asks again. */
  /* The Retry button, beside the message. */
  g_signal_emit_by_name (gtk_widget_get_next_sibling (GTK_WIDGET (error_label)), "clicked");
  g_assert_cmpstr (sidebar_page (sidebar), ==, "loading");
  wait_until (sidebar_loaded, sidebar);
  g_assert_cmpstr (sidebar_page (sidebar), ==, "error");

  roster_sidebar_set_client (sidebar, NULL);
}

static gboolean
participants_loaded (gpointer data)
{
  RosterParticipantsPage *page = data;
  GtkSpinner *spinner = GTK_SPINNER (child (page, ROSTER_TYPE_PARTICIPANTS_PAGE, "spinner"));
  RosterParticipantList *list = roster_participants_page_get_list (page);

  return !gtk_spinner_get_spinning (spinner) && !roster_participant_list_get_busy (list);
}

static guint
n_visible_pages (RosterCoursePage *page)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (roster_course_page_get_stack (page));
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) stack_page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      n += adw_view_stack_page_get_visible (stack_page);
    }
  return n;
}

static void
test_course_page_participants (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(GtkWidget) page = NULL;
  RosterParticipantsPage *participants;
  g_autofree char *expected = NULL;

  roster_course_set_id (course, CS205_ID);
  page = g_object_ref_sink (roster_course_page_new (fixture->client, course));
  participants = roster_course_page_get_participants_page (ROSTER_COURSE_PAGE (page));

  wait_until (participants_loaded, participants);
  expected = g_strdup_printf ("%u of %u participants", CS205_SIZE, CS205_SIZE);
  g_assert_cmpstr (roster_participants_page_get_count_text (participants), ==, expected);

  /* Only the pages the course's capabilities allow: it has none here,
   * so Participants alone. */
  g_assert_cmpuint (n_visible_pages (ROSTER_COURSE_PAGE (page)), ==, 1);
}

static void
count_cb (RosterClient *client,
          guint        *count)
{
  (*count)++;
}

/* A token refused mid-view: the page fails and says so; once signed in
 * again on the same client, reload_failed () loads it, and a second
 * call leaves the good list alone. */
static void
test_course_page_reload_failed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(GtkWidget) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  RosterParticipantsPage *participants;
  RosterParticipantList *list;
  guint needed = 0;

  g_signal_connect (fixture->client, "sign-in-needed", G_CALLBACK (count_cb), &needed);
  roster_client_set_token (fixture->client, "expired");
  roster_course_set_id (course, CS205_ID);
  page = g_object_ref_sink (roster_course_page_new (fixture->client, course));
  participants = roster_course_page_get_participants_page (ROSTER_COURSE_PAGE (page));
  list = roster_participants_page_get_list (participants);

  wait_until (participants_loaded, participants);
  g_assert_true (roster_participants_page_get_failed (participants));
  g_assert_cmpuint (needed, ==, 1);

  roster_client_login_async (fixture->client, "m.chen", ROSTER_DEMO_PASSWORD, NULL, login_cb, &result);
  wait_until (result_ready, &result);
  user = roster_client_login_finish (fixture->client, result, NULL, &error);
  g_assert_no_error (error);

  roster_course_page_reload_failed (ROSTER_COURSE_PAGE (page));
  wait_until (participants_loaded, participants);
  g_assert_false (roster_participants_page_get_failed (participants));
  expected = g_strdup_printf ("%u of %u participants", CS205_SIZE, CS205_SIZE);
  g_assert_cmpstr (roster_participants_page_get_count_text (participants), ==, expected);

  /* Nothing failed: no new load (which would clear the rows first). */
  roster_course_page_reload_failed (ROSTER_COURSE_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (roster_participant_list_get_all (list)), ==, CS205_SIZE);
  g_assert_true (participants_loaded (participants));
  g_signal_handlers_disconnect_by_data (fixture->client, &needed);
}

static void
test_course_page_gone (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(RosterCourse) course = roster_course_new ();
  GtkWidget *page;

  /* Going away mid-load cancels it: nothing lands on a freed page. */
  roster_course_set_id (course, CS205_ID);
  page = g_object_ref_sink (roster_course_page_new (fixture->client, course));
  g_main_context_iteration (NULL, FALSE);
  g_object_run_dispose (G_OBJECT (page));
  g_object_unref (page);

  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so the labels can be compared; no accessibility bus
   * in the test's X server. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/sidebar/courses", test_sidebar_courses);
  ADD ("/sidebar/error", test_sidebar_error);
  ADD ("/sidebar/down-key", test_sidebar_down_key);
  ADD ("/sidebar/admin", test_sidebar_admin);
  ADD ("/course-page/participants", test_course_page_participants);
  ADD ("/course-page/gone", test_course_page_gone);
  ADD ("/course-page/reload-failed", test_course_page_reload_failed);

  return g_test_run ();
}
