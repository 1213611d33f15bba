/* test-users.c: the users page against a real roster-server: the client
 * calls it makes (filters, paging, a person's profile, refusals), and
 * the page's list, filters and details with the right actions for each
 * account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-fixture.h"
#include "roster-client-users.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-user-actions.h"
#include "roster-user-course.h"
#include "roster-user-pane.h"
#include "roster-users-page.h"

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

/* Signs in as the site administrator; gives their id. */
static gint64
sign_in_admin (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (fixture->client, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD, NULL,
                             roster_app_test_result_cb, &result);
  user = roster_client_login_finish (fixture->client, roster_app_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (roster_user_get_is_site_admin (user));
  return roster_user_get_id (user);
}

static GListModel *
list_users (Fixture                *fixture,
            const RosterUserFilter *filter,
            char                  **next_cursor,
            GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_users_async (fixture->client, filter, NULL, roster_app_test_result_cb, &result);
  return roster_client_list_users_finish (fixture->client, roster_app_test_wait (&result), next_cursor, error);
}

static GListModel *
list_users_ok (Fixture                *fixture,
               const RosterUserFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GListModel *users = list_users (fixture, filter, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (users);
  return users;
}

static RosterUser *
find_username (GListModel *users,
               const char *username)
{
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (roster_user_get_username (user), username))
        return user;
    }
  return NULL;
}

static RosterUserProfile *
get_user (Fixture  *fixture,
          gint64    user_id,
          GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_get_user_async (fixture->client, user_id, NULL, roster_app_test_result_cb, &result);
  return roster_client_get_user_finish (fixture->client, roster_app_test_wait (&result), error);
}

/* The id of @username, found through the API. */
static gint64
user_id (Fixture    *fixture,
         const char *username)
{
  RosterUserFilter filter;
  g_autoptr(GListModel) users = NULL;
  RosterUser *user;

  roster_user_filter_init (&filter);
  filter.query = username;
  users = list_users_ok (fixture, &filter);
  user = find_username (users, username);
  g_assert_nonnull (user);
  return roster_user_get_id (user);
}

/* The client --------------------------------------------------------- */

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  RosterUserFilter filter;
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(GListModel) suspended = NULL;
  g_autoptr(GListModel) externals = NULL;
  g_autoptr(GListModel) locked = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) chinese = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  sign_in_admin (fixture);

  roster_user_filter_init (&filter);
  filter.state = ROSTER_USER_STATE_PENDING;
  pending = list_users_ok (fixture, &filter);
  g_assert_nonnull (find_username (pending, "n.okoro"));
  for (guint i = 0; i < g_list_model_get_n_items (pending); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (pending, i);

      g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_PENDING);
    }

  roster_user_filter_init (&filter);
  filter.state = ROSTER_USER_STATE_SUSPENDED;
  suspended = list_users_ok (fixture, &filter);
  g_assert_nonnull (find_username (suspended, "t.ivanova"));
  for (guint i = 0; i < g_list_model_get_n_items (suspended); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (suspended, i);

      g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_SUSPENDED);
    }

  roster_user_filter_init (&filter);
  filter.type = ROSTER_USER_TYPE_EXTERNAL;
  externals = list_users_ok (fixture, &filter);
  g_assert_nonnull (find_username (externals, "d.novak"));
  g_assert_nonnull (find_username (externals, "r.fischer"));
  g_assert_null (find_username (externals, "k.zhang"));
  for (guint i = 0; i < g_list_model_get_n_items (externals); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (externals, i);

      g_assert_cmpint (roster_user_get_user_type (user), ==, ROSTER_USER_TYPE_EXTERNAL);
    }

  /* Locked out now: only d.novak, whatever their state. */
  roster_user_filter_init (&filter);
  filter.locked_only = TRUE;
  locked = list_users_ok (fixture, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (locked), ==, 1);
  g_assert_nonnull (find_username (locked, "d.novak"));
  g_assert_cmpint (roster_user_get_locked_until (find_username (locked, "d.novak")), >, now);

  /* Words in the name, without regard to accents; Chinese as it is. */
  roster_user_filter_init (&filter);
  filter.query = "novak";
  found = list_users_ok (fixture, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
  g_assert_nonnull (find_username (found, "d.novak"));
  roster_user_filter_init (&filter);
  filter.query = "张";
  chinese = list_users_ok (fixture, &filter);
  g_assert_nonnull (find_username (chinese, "k.zhang"));
}

static void
test_list_paging (Fixture       *fixture,
                  gconstpointer  data)
{
  RosterUserFilter filter;
  g_autoptr(GListModel) first = NULL;
  g_autoptr(GListModel) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *last_cursor = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  sign_in_admin (fixture);

  roster_user_filter_init (&filter);
  filter.limit = 5;
  first = list_users (fixture, &filter, &cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, 5);
  g_assert_nonnull (cursor);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (first, i);

      g_hash_table_add (seen, g_memdup2 (&(gint64) { roster_user_get_id (user) }, sizeof (gint64)));
    }

  filter.cursor = cursor;
  second = list_users (fixture, &filter, &last_cursor, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (second), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (second, i);
      gint64 id = roster_user_get_id (user);

      g_assert_false (g_hash_table_contains (seen, &id));
    }

  /* The last page says so. */
  roster_user_filter_init (&filter);
  filter.state = ROSTER_USER_STATE_SUSPENDED;
  g_clear_object (&second);
  g_clear_pointer (&last_cursor, g_free);
  second = list_users (fixture, &filter, &last_cursor, &error);
  g_assert_no_error (error);
  g_assert_null (last_cursor);
}

static void
test_get_user (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(RosterUserProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) short_names = g_ptr_array_new ();
  GListModel *enrolments;
  GListModel *events;
  RosterUser *user;

  /* k.zhang signs in first: their newest event. */
  roster_app_fixture_sign_in (fixture, "k.zhang");
  sign_in_admin (fixture);

  profile = get_user (fixture, user_id (fixture, "k.zhang"), &error);
  g_assert_no_error (error);
  user = roster_user_profile_get_user (profile);
  g_assert_cmpstr (roster_user_get_username (user), ==, "k.zhang");
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_cmpuint (roster_user_profile_get_failed_logins (profile), ==, 0);

  enrolments = roster_user_profile_get_enrolments (profile);
  for (guint i = 0; i < g_list_model_get_n_items (enrolments); i++)
    {
      g_autoptr(RosterUserCourse) course = g_list_model_get_item (enrolments, i);

      g_ptr_array_add (short_names, (gpointer) roster_user_course_get_short_name (course));
      g_assert_cmpint (roster_user_course_get_role (course), ==, ROSTER_ROLE_STUDENT);
    }
  g_assert_cmpuint (short_names->len, ==, 2);
  g_assert_cmpstr (short_names->pdata[0], ==, "CS101");
  g_assert_cmpstr (short_names->pdata[1], ==, "CS205");

  events = roster_user_profile_get_recent_events (profile);
  g_assert_cmpuint (g_list_model_get_n_items (events), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (events), <=, 20);
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  RosterUserFilter filter;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(RosterUserProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  gint64 zhang_id;

  sign_in_admin (fixture);
  zhang_id = user_id (fixture, "k.zhang");
  profile = get_user (fixture, 999999, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_assert_null (profile);
  g_clear_error (&error);

  /* A module leader may look people up to enrol them, not administer. */
  roster_app_fixture_sign_in (fixture, "m.chen");
  roster_user_filter_init (&filter);
  filter.state = ROSTER_USER_STATE_ACTIVE;
  users = list_users (fixture, &filter, NULL, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_null (users);
  g_clear_error (&error);
  profile = get_user (fixture, zhang_id, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_null (profile);
}

/* The page ----------------------------------------------------------- */

typedef struct
{
  GtkWindow       *window;
  RosterUsersPage *page;
  gint64           me_id;
} Page;

static gpointer
page_child (RosterUsersPage *page,
            const char      *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), ROSTER_TYPE_USERS_PAGE, name);

  g_assert_nonnull (object);
  return object;
}

static gpointer
pane_child (RosterUserPane *pane,
            const char     *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (pane), ROSTER_TYPE_USER_PANE, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
page_loaded (gpointer data)
{
  RosterUsersPage *page = data;

  /* A failure on the way shows in the log. */
  if (gtk_revealer_get_reveal_child (page_child (page, "error_revealer")))
    g_test_message ("error: %s", gtk_label_get_text (page_child (page, "error_label")));

  return !gtk_widget_get_visible (page_child (page, "spinner"));
}

static void
open_page_sized (Fixture *fixture,
                 Page    *page,
                 int      width)
{
  page->me_id = sign_in_admin (fixture);
  page->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (page->window, width, 800);
  page->page = ROSTER_USERS_PAGE (roster_users_page_new ());
  gtk_window_set_child (page->window, GTK_WIDGET (page->page));
  gtk_window_present (page->window);
  roster_users_page_set_client (page->page, fixture->client, page->me_id);
  g_assert_false (page_loaded (page->page));
  wait_until (page_loaded, page->page);
}

static void
open_page (Fixture *fixture,
           Page    *page)
{
  open_page_sized (fixture, page, 1200);
}

/* GtkButton's activate clicks a moment later: click now. */
static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
client_free (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
close_page (Fixture *fixture,
            Page    *page)
{
  g_object_add_weak_pointer (G_OBJECT (page->window), (gpointer *) &page->window);
  gtk_window_destroy (page->window);
  wait_until (is_null, &page->window);
  wait_until (client_free, fixture->client);
}

static GListModel *
rows (Page *page)
{
  return G_LIST_MODEL (gtk_column_view_get_model (page_child (page->page, "column_view")));
}

/* The page shows what the API says for the same filter. */
static void
assert_rows (Fixture                *fixture,
             Page                   *page,
             const RosterUserFilter *filter)
{
  g_autoptr(GListModel) expected = list_users_ok (fixture, filter);
  GListModel *shown = rows (page);

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (expected); i++)
    {
      g_autoptr(RosterUser) a = g_list_model_get_item (expected, i);
      g_autoptr(RosterUser) b = g_list_model_get_item (shown, i);

      g_assert_cmpint (roster_user_get_id (a), ==, roster_user_get_id (b));
    }
}

static void
set_dropdown (Page       *page,
              const char *name,
              guint       position)
{
  gtk_drop_down_set_selected (page_child (page->page, name), position);
  wait_until (page_loaded, page->page);
}

static void
search (Page       *page,
        const char *text)
{
  GtkEditable *entry = page_child (page->page, "search_entry");

  gtk_editable_set_text (entry, text);
  /* Said at once, not after the entry's pause. */
  g_signal_emit_by_name (entry, "search-changed");
  wait_until (page_loaded, page->page);
}

static void
test_page_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  Page page;
  RosterUserFilter filter;
  GtkButton *more;
  guint n_first;

  open_page (fixture, &page);
  roster_user_filter_init (&filter);
  assert_rows (fixture, &page, &filter);

  /* More people than a page: the rest come on asking. */
  more = page_child (page.page, "more_button");
  n_first = g_list_model_get_n_items (rows (&page));
  g_assert_cmpuint (n_first, ==, 100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (more)));
  g_assert_cmpstr (gtk_label_get_text (page_child (page.page, "count_label")), ==, "100 people shown, more to load");
  click (more);
  wait_until (page_loaded, page.page);
  g_assert_cmpuint (g_list_model_get_n_items (rows (&page)), >, n_first);

  set_dropdown (&page, "state_dropdown", 4);
  filter.locked_only = TRUE;
  assert_rows (fixture, &page, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (rows (&page)), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (page_child (page.page, "count_label")), ==, "1 person");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (more)));

  set_dropdown (&page, "state_dropdown", 1);
  roster_user_filter_init (&filter);
  filter.state = ROSTER_USER_STATE_PENDING;
  assert_rows (fixture, &page, &filter);

  set_dropdown (&page, "state_dropdown", 3);
  filter.state = ROSTER_USER_STATE_SUSPENDED;
  assert_rows (fixture, &page, &filter);

  set_dropdown (&page, "state_dropdown", 0);
  set_dropdown (&page, "type_dropdown", 3);
  roster_user_filter_init (&filter);
  filter.type = ROSTER_USER_TYPE_EXTERNAL;
  assert_rows (fixture, &page, &filter);

  search (&page, "novák");
  filter.query = "novák";
  assert_rows (fixture, &page, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (rows (&page)), ==, 1);

  /* Nobody: the empty state, not an empty table. */
  search (&page, "nobody-by-this-name");
  g_assert_cmpuint (g_list_model_get_n_items (rows (&page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page.page, "list_stack")), ==, "empty");

  close_page (fixture, &page);
}

static gboolean
pane_idle (gpointer data)
{
  RosterUserPane *pane = data;

  return !roster_user_pane_get_loading (pane) && !roster_user_pane_get_running (pane);
}

static RosterUserPane *
open_details (Page       *page,
              const char *username)
{
  RosterUserPane *pane = page_child (page->page, "pane");
  GListModel *shown;
  guint position = GTK_INVALID_LIST_POSITION;

  search (page, username);
  shown = rows (page);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (shown, i);

      if (g_str_equal (roster_user_get_username (user), username))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  /* As Enter on the row does. */
  g_signal_emit_by_name (page_child (page->page, "column_view"), "activate", position);
  g_assert_true (roster_user_pane_get_loading (pane));
  wait_until (pane_idle, pane);
  g_assert_false (gtk_revealer_get_reveal_child (pane_child (pane, "error_revealer")));
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "username_label")), ==, username);
  return pane;
}

static gboolean
button_shown (RosterUserPane *pane,
              const char     *name)
{
  GtkWidget *button = pane_child (pane, name);

  return gtk_widget_get_visible (button) && gtk_widget_get_visible (gtk_widget_get_parent (button)) &&
         gtk_widget_get_visible (pane_child (pane, "button_box"));
}

/* Each button shows exactly when its action applies. */
static void
assert_buttons (Page           *page,
                RosterUserPane *pane)
{
  static const struct { RosterUserAction action; const char *button; } buttons[] = {
    { ROSTER_USER_ACTION_ACTIVATE, "activate_button" },
    { ROSTER_USER_ACTION_REACTIVATE, "reactivate_button" },
    { ROSTER_USER_ACTION_SUSPEND, "suspend_button" },
    { ROSTER_USER_ACTION_UNLOCK, "unlock_button" },
    { ROSTER_USER_ACTION_SET_PASSWORD, "password_button" },
    { ROSTER_USER_ACTION_ERASE, "erase_button" },
  };
  RosterUser *user = roster_user_pane_get_user (pane);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    g_assert_cmpint (button_shown (pane, buttons[i].button), ==,
                     roster_user_action_applies (buttons[i].action, user, page->me_id));
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
show_audit_cb (RosterUsersPage *page,
               gint64           user_id,
               const char      *name,
               gpointer         user_data)
{
  char **shown = user_data;

  g_free (*shown);
  *shown = g_strdup_printf ("%" G_GINT64_FORMAT " %s", user_id, name);
}

static void
test_page_details (Fixture       *fixture,
                   gconstpointer  data)
{
  Page page;
  RosterUserPane *pane;
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;

  /* k.zhang signs in first: an event of theirs to show. */
  roster_app_fixture_sign_in (fixture, "k.zhang");
  open_page (fixture, &page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pane_child (page_child (page.page, "pane"), "stack")), ==, "empty");

  pane = open_details (&page, "n.okoro");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "state_label")), ==, "Pending");
  g_assert_true (button_shown (pane, "activate_button"));
  g_assert_false (button_shown (pane, "reactivate_button"));
  assert_buttons (&page, pane);

  pane = open_details (&page, "d.novak");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "name_label")), ==, "David Novák");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "state_label")), ==, "Locked");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "failed_label")), ==, "5");
  g_assert_true (gtk_widget_get_visible (pane_child (pane, "locked_row")));
  g_assert_true (button_shown (pane, "unlock_button"));
  assert_buttons (&page, pane);

  pane = open_details (&page, "t.ivanova");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "state_label")), ==, "Suspended");
  g_assert_true (button_shown (pane, "reactivate_button"));
  g_assert_false (button_shown (pane, "suspend_button"));
  assert_buttons (&page, pane);

  pane = open_details (&page, "k.zhang");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "state_label")), ==, "Active");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "type_label")), ==, "Student");
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "email_label")), ==, "k.zhang@student.uni.example");
  g_assert_false (gtk_widget_get_visible (pane_child (pane, "locked_row")));
  g_assert_true (button_shown (pane, "suspend_button"));
  g_assert_true (button_shown (pane, "erase_button"));
  g_assert_false (button_shown (pane, "activate_button"));
  g_assert_false (button_shown (pane, "unlock_button"));
  assert_buttons (&page, pane);
  g_assert_cmpuint (n_rows (pane_child (pane, "enrolments_list")), ==, 2);
  g_assert_cmpuint (n_rows (pane_child (pane, "events_list")), >=, 1);

  /* The whole trail is the audit page's. */
  g_signal_connect (page.page, "show-audit", G_CALLBACK (show_audit_cb), &audit);
  click (pane_child (pane, "audit_button"));
  expected = g_strdup_printf ("%" G_GINT64_FORMAT " 凯 张", roster_user_get_id (roster_user_pane_get_user (pane)));
  g_assert_cmpstr (audit, ==, expected);

  /* Their own account: never suspended or erased from here. */
  pane = open_details (&page, ROSTER_DEMO_ADMIN_USERNAME);
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "admin_label")), ==, "Yes");
  g_assert_false (button_shown (pane, "suspend_button"));
  g_assert_false (button_shown (pane, "erase_button"));
  assert_buttons (&page, pane);

  close_page (fixture, &page);
}

/* A button starts its action; what it leaves shows in the pane and the
 * list. Unlock asks nothing (roster-user-actions.h). */
static void
test_page_action (Fixture       *fixture,
                  gconstpointer  data)
{
  Page page;
  RosterUserPane *pane;
  g_autoptr(RosterUser) row = NULL;
  GtkSingleSelection *selection;

  open_page (fixture, &page);
  pane = open_details (&page, "d.novak");
  g_assert_true (button_shown (pane, "unlock_button"));

  click (pane_child (pane, "unlock_button"));
  g_assert_true (roster_user_pane_get_running (pane));
  wait_until (pane_idle, pane);

  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "state_label")), ==, "Active");
  g_assert_false (button_shown (pane, "unlock_button"));
  g_assert_false (gtk_widget_get_visible (pane_child (pane, "locked_row")));
  g_assert_cmpstr (gtk_label_get_text (pane_child (pane, "failed_label")), ==, "0");

  /* The row was replaced by the account as it is now, still selected. */
  selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (page_child (page.page, "column_view")));
  row = g_object_ref (gtk_single_selection_get_selected_item (selection));
  g_assert_cmpstr (roster_user_get_username (row), ==, "d.novak");
  g_assert_cmpint (roster_user_get_locked_until (row), <=, g_get_real_time () / G_USEC_PER_SEC);

  close_page (fixture, &page);
}

static gboolean
folded (gpointer data)
{
  return adw_leaflet_get_folded (page_child (data, "leaflet"));
}

/* Narrow, the details cover the list, and Back or Escape go back;
 * Ctrl+F's search is in the list. */
static void
test_page_narrow (Fixture       *fixture,
                  gconstpointer  data)
{
  Page page;
  AdwLeaflet *leaflet;
  GtkWidget *focus;

  open_page_sized (fixture, &page, 500);
  leaflet = page_child (page.page, "leaflet");
  wait_until (folded, page.page);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (page.page, "list_side"));

  open_details (&page, "t.ivanova");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (page.page, "pane_side"));
  g_assert_true (gtk_widget_get_visible (page_child (page.page, "back_button")));
  click (page_child (page.page, "back_button"));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (page.page, "list_side"));

  open_details (&page, "t.ivanova");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (page.page, "pane_side"));
  roster_users_page_focus_search (page.page);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == page_child (page.page, "list_side"));
  focus = gtk_root_get_focus (GTK_ROOT (page.window));
  g_assert_nonnull (focus);
  g_assert_true (focus == page_child (page.page, "search_entry") ||
                 gtk_widget_is_ancestor (focus, page_child (page.page, "search_entry")));

  close_page (fixture, &page);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/users/client/list-filters", Fixture, NULL, roster_app_fixture_set_up, test_list_filters,
              roster_app_fixture_tear_down);
  g_test_add ("/users/client/list-paging", Fixture, NULL, roster_app_fixture_set_up, test_list_paging,
              roster_app_fixture_tear_down);
  g_test_add ("/users/client/get-user", Fixture, NULL, roster_app_fixture_set_up, test_get_user,
              roster_app_fixture_tear_down);
  g_test_add ("/users/client/errors", Fixture, NULL, roster_app_fixture_set_up, test_errors,
              roster_app_fixture_tear_down);
  g_test_add ("/users/page/filters", Fixture, NULL, roster_app_fixture_set_up, test_page_filters,
              roster_app_fixture_tear_down);
  g_test_add ("/users/page/details", Fixture, NULL, roster_app_fixture_set_up, test_page_details,
              roster_app_fixture_tear_down);
  g_test_add ("/users/page/narrow", Fixture, NULL, roster_app_fixture_set_up, test_page_narrow,
              roster_app_fixture_tear_down);
  g_test_add ("/users/page/action", Fixture, NULL, roster_app_fixture_set_up, test_page_action,
              roster_app_fixture_tear_down);

  return g_test_run ();
}
