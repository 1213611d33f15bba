/* admin-test-util.c: what the tests of the administrators' pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "admin-test-util.h"
#include "widget-screenshot.h"
#include "roster-client-users.h"
#include "roster-demo.h"

GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *result;
}

void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Signs @username in with a client of its own; the error, if refused. */
gboolean
try_sign_in (Fixture     *fixture,
             const char  *username,
             const char  *password,
             GError     **error)
{
  g_autoptr(RosterClient) client = roster_client_new (roster_client_get_base_url (fixture->client), fixture->trust);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (client, username, password, NULL, roster_app_test_result_cb, &result);
  user = roster_client_login_finish (client, wait_for (&result), NULL, error);
  return user != NULL;
}

void
sign_in_admin (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (fixture->client, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD, NULL,
                             roster_app_test_result_cb, &result);
  user = roster_client_login_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
}

RosterUser *
find_user (Fixture    *fixture,
           const char *username)
{
  RosterUserFilter filter;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;

  roster_user_filter_init (&filter);
  filter.query = username;
  roster_client_list_users_async (fixture->client, &filter, NULL, roster_app_test_result_cb, &result);
  users = roster_client_list_users_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (roster_user_get_username (user), username))
        return g_steal_pointer (&user);
    }
  g_assert_not_reached ();
}

RosterUserProfile *
get_profile (Fixture *fixture,
             gint64   user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterUserProfile *profile;

  roster_client_get_user_async (fixture->client, user_id, NULL, roster_app_test_result_cb, &result);
  profile = roster_client_get_user_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  return profile;
}

GListModel *
list_requests (Fixture *fixture,
               int      status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *requests;

  roster_client_list_removal_requests_async (fixture->client, status, NULL, NULL, roster_app_test_result_cb, &result);
  requests = roster_client_list_removal_requests_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  return requests;
}

gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return window;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
no_toplevel (gpointer type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, GPOINTER_TO_SIZE (type)))
        return FALSE;
    }
  return TRUE;
}

/* Depth first: the first widget of @type with @label (a button's) or
 * @name (its widget name). */
GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
button (gpointer    root,
        const char *label)
{
  GtkWidget *found = find_widget (GTK_WIDGET (root), GTK_TYPE_BUTTON, label, NULL);

  g_assert_nonnull (found);
  return found;
}

GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* Saves what @window shows into ROSTER_UI_OUTPUT_DIR as @name, for
 * people to look at (nothing is compared). */
void
screenshot (gpointer    window,
            const char *name)
{
  roster_test_screenshot (GTK_WIDGET (window), ROSTER_UI_OUTPUT_DIR, name);
}
