/* test-removal-requests.c: the removal requests page against a real
 * roster-server, with the demo's two requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "admin-test-util.h"
#include "roster-client-users.h"
#include "roster-removal-requests-page.h"

typedef struct
{
  RosterRemovalRequestsPage *page;
  guint                      n_rows;
} PageState;

static guint
n_rows (RosterRemovalRequestsPage *page)
{
  GtkWidget *list_box = template_child (page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_box); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
page_shows (gpointer data)
{
  PageState *state = data;
  GtkWidget *spinner = template_child (state->page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "spinner");

  return !gtk_widget_get_visible (spinner) && n_rows (state->page) == state->n_rows;
}

static gboolean
page_empty (gpointer data)
{
  PageState *state = data;
  GtkStack *stack = GTK_STACK (template_child (state->page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "stack"));

  return page_shows (data) && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_widget (root, GTK_TYPE_LABEL, NULL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_page_decline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) declined = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list_box;
  AdwMessageDialog *dialog;
  GtkWidget *text_view;
  PageState state = { NULL, 1 };
  g_autoptr(RosterRemovalRequest) mine = NULL;

  sign_in_admin (fixture);
  state.page = ROSTER_REMOVAL_REQUESTS_PAGE (roster_removal_requests_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (state.page));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  roster_removal_requests_page_set_client (state.page, fixture->client, 1);

  /* The demo's pending request, with its reason and the person. */
  wait_until (page_shows, &state);
  list_box = template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");
  g_assert_true (strstr (label_text (list_box, "reason"), "summer course") != NULL);
  g_assert_null (find_widget (list_box, GTK_TYPE_LABEL, NULL, "decision"));

  /* All: the declined one too, with the decision. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                             "status_dropdown")), 3);
  state.n_rows = 2;
  wait_until (page_shows, &state);
  g_assert_true (strstr (label_text (list_box, "decision"), "open-day feedback") != NULL);
  screenshot (window, "removal-requests-all.png");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                             "status_dropdown")), 0);
  state.n_rows = 1;
  wait_until (page_shows, &state);

  /* Decline, with a reason. */
  g_signal_emit_by_name (find_widget (list_box, GTK_TYPE_BUTTON, NULL, "decline"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  text_view = find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL, "decline-reason");
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Your certificate must be kept until March.", -1);
  screenshot (dialog, "removal-requests-decline.png");
  g_signal_emit_by_name (button (dialog, "_Decline Request"), "clicked");
  state.n_rows = 0;
  wait_until (page_empty, &state);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (template_child (state.page,
                                                                               ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                                               "empty_page"))),
                   ==, "No one has asked to be removed");
  screenshot (window, "removal-requests-empty.png");

  declined = list_requests (fixture, ROSTER_REMOVAL_STATUS_DECLINED);
  g_assert_cmpuint (g_list_model_get_n_items (declined), ==, 2);
  mine = g_list_model_get_item (declined, 1);
  g_assert_cmpstr (roster_removal_request_get_decision_reason (mine), ==, "Your certificate must be kept until March.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_page_erase (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(GListModel) erased = NULL;
  g_autoptr(RosterRemovalRequest) request = NULL;
  g_autoptr(RosterRemovalRequest) after = NULL;
  g_autoptr(RosterUserProfile) profile = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list_box;
  GtkWidget *entry;
  AdwMessageDialog *dialog;
  PageState state = { NULL, 1 };

  sign_in_admin (fixture);
  pending = list_requests (fixture, ROSTER_REMOVAL_STATUS_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  request = g_list_model_get_item (pending, 0);

  state.page = ROSTER_REMOVAL_REQUESTS_PAGE (roster_removal_requests_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (state.page));
  gtk_window_present (GTK_WINDOW (window));
  roster_removal_requests_page_set_client (state.page, fixture->client, 1);
  wait_until (page_shows, &state);
  list_box = template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");

  g_signal_emit_by_name (find_widget (list_box, GTK_TYPE_BUTTON, NULL, "erase"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), roster_removal_request_get_last_name (request)) != NULL);
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, "confirm-username");
  gtk_editable_set_text (GTK_EDITABLE (entry), roster_removal_request_get_username (request));
  g_signal_emit_by_name (button (dialog, "_Erase"), "clicked");
  state.n_rows = 0;
  wait_until (page_empty, &state);

  erased = list_requests (fixture, ROSTER_REMOVAL_STATUS_ERASED);
  g_assert_cmpuint (g_list_model_get_n_items (erased), ==, 1);
  after = g_list_model_get_item (erased, 0);
  g_assert_cmpint (roster_removal_request_get_id (after), ==, roster_removal_request_get_id (request));
  g_assert_cmpint (roster_removal_request_get_user_state (after), ==, ROSTER_USER_STATE_ERASED);
  g_assert_null (roster_removal_request_get_reason (after));
  profile = get_profile (fixture, roster_removal_request_get_user_id (request));
  g_assert_cmpint (roster_user_get_state (roster_user_profile_get_user (profile)), ==, ROSTER_USER_STATE_ERASED);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so messages can be compared; no accessibility bus;
   * screenshots drawn with cairo, not llvmpipe (see test-import-pages). */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The cursor's blink timeout warns ("GtkText - did not receive a
   * focus-out event") when it fires while another window on the shared
   * Xvfb has the focus: no blinking in tests. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  ADD ("/removal-requests/decline", test_page_decline);
  ADD ("/removal-requests/erase", test_page_erase);

  return g_test_run ();
}
