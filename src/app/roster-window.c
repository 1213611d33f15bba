/* roster-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-application.h"
#include "roster-course-page.h"
#include "roster-window-private.h"

G_DEFINE_FINAL_TYPE (RosterWindow, roster_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Signing in and out: the client the rest of the window works with. */

void
roster_window_set_client (RosterWindow *self,
                          RosterClient *client)
{
  g_autoptr(RosterClient) old_client = NULL;

  if (self->client == client)
    return;

  old_client = g_steal_pointer (&self->client);
  self->client = client != NULL ? g_object_ref (client) : NULL;
  roster_window_accounts_client_changed (self, old_client);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out")),
                               client != NULL);
  if (client != NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      /* Folded, the sidebar would hide the form. */
      gtk_stack_set_visible_child_name (self->content_stack, "connect");
      adw_leaflet_set_visible_child (self->leaflet, self->content_box);
      gtk_widget_grab_focus (GTK_WIDGET (self->connect_page));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
connect_page_signed_in_cb (RosterWindow *self,
                           RosterClient *client)
{
  roster_window_set_client (self, client);
}

/* Forgets the current account's token and shows the form. */
void
roster_window_sign_out (RosterWindow *self)
{
  roster_connect_page_sign_out (self->connect_page);
  roster_window_set_client (self, NULL);
}

static void
sign_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  roster_window_sign_out (ROSTER_WINDOW (user_data));
}

/**
 * roster_window_start:
 * @self: a #RosterWindow
 * @server: (nullable): a server address to fill in
 * @username: (nullable): a username to fill in
 *
 * Signs in again with the last account, silently, unless @server or
 * @username ask for the form to be filled in instead.
 */
void
roster_window_start (RosterWindow *self,
                     const char   *server,
                     const char   *username)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  if (server != NULL || username != NULL)
    roster_connect_page_prefill (self->connect_page, server, username);
  else
    roster_connect_page_resume (self->connect_page);

  gtk_widget_grab_focus (GTK_WIDGET (self->connect_page));
}

/**
 * roster_window_get_client:
 * @self: a #RosterWindow
 *
 * Returns: (transfer none) (nullable): the signed-in client, or %NULL
 *   while no one is signed in; see #RosterWindow:client
 */
RosterClient *
roster_window_get_client (RosterWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_WINDOW (self), NULL);

  return self->client;
}

static void
roster_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
search_courses_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RosterWindow *self = user_data;
  GtkWidget *course_page = adw_bin_get_child (self->course_bin);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Ctrl+F searches where the focus is: inside a course, its page. */
  if (roster_window_admin_focus_search (self, focus))
    return;
  if (course_page != NULL && focus != NULL && gtk_widget_is_ancestor (focus, course_page))
    {
      roster_course_page_focus_search (ROSTER_COURSE_PAGE (course_page));
      return;
    }

  /* Folded, the search may be on the page out of sight. */
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  roster_sidebar_focus_search (self->sidebar);
}

static void
show_courses_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  RosterWindow *self = user_data;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

/* In the window's own action map (the "win." group of
 * GtkApplicationWindow), so GtkApplication's accelerators and the
 * shortcuts window find them. */
static const GActionEntry win_entries[] = {
  { "search-courses", search_courses_cb },
  { "show-courses", show_courses_cb },
  { "sign-out", sign_out_cb },
};

/* Courses and their pages ----------------------------------------- */

static void
show_course (RosterWindow *self,
             RosterCourse *course)
{
  GtkWidget *page = NULL;
  AdwViewStack *stack = NULL;

  /* A new page per course: the old one goes, and with it its
   * downloads (it cancels them when disposed). */
  if (course != NULL)
    {
      page = roster_course_page_new (self->client, course);
      stack = roster_course_page_get_stack (ROSTER_COURSE_PAGE (page));
    }

  adw_view_switcher_title_set_stack (self->switcher_title, stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, stack);
  adw_bin_set_child (self->course_bin, page);

  if (course != NULL)
    {
      adw_view_switcher_title_set_title (self->switcher_title, roster_course_get_full_name (course));
      adw_view_switcher_title_set_subtitle (self->switcher_title, roster_course_get_short_name (course));
      gtk_stack_set_visible_child_name (self->content_stack, "course");
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
    }
  else
    {
      adw_view_switcher_title_set_title (self->switcher_title, _("Roster"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      /* Signed out, the connect page stays. */
      gtk_stack_set_visible_child_name (self->content_stack, self->client != NULL ? "empty" : "connect");
    }
}

static void
course_activated_cb (RosterWindow *self,
                     RosterCourse *course)
{
  GtkWidget *page;

  show_course (self, course);
  /* Picking a course is the step before working in it: the keyboard
   * goes on to its search, as the pointer went to the course. */
  page = adw_bin_get_child (self->course_bin);
  if (page != NULL)
    roster_course_page_focus_search (ROSTER_COURSE_PAGE (page));
}

/* A new sign-in (or signing out): the sidebar lists the courses of the
 * new client; a course shown for another account goes.
 * roster_window_set_client () notifies only when the client really
 * changed. */
static void
client_changed_cb (RosterWindow *self)
{
  show_course (self, NULL);
  roster_sidebar_set_client (self->sidebar, self->client);
  roster_window_admin_client_changed (self);
}

static void
restore_state (RosterWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_state (RosterWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  /* The default size follows the unmaximized size, so a window closed
   * maximized comes back to the size it had before. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
roster_window_close_request (GtkWindow *window)
{
  save_state (ROSTER_WINDOW (window));

  return GTK_WINDOW_CLASS (roster_window_parent_class)->close_request (window);
}

static void
roster_window_dispose (GObject *object)
{
  RosterWindow *self = ROSTER_WINDOW (object);

  roster_window_accounts_dispose (self);
  roster_window_admin_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_window_parent_class)->dispose (object);
}

static void
roster_window_class_init (RosterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = roster_window_dispose;
  object_class->get_property = roster_window_get_property;
  window_class->close_request = roster_window_close_request;

  g_type_ensure (ROSTER_TYPE_SIDEBAR);
  g_type_ensure (ROSTER_TYPE_COURSE_PAGE);
  g_type_ensure (ROSTER_TYPE_CONNECT_PAGE);
  g_type_ensure (ROSTER_TYPE_USERS_PAGE);
  g_type_ensure (ROSTER_TYPE_REMOVAL_REQUESTS_PAGE);
  g_type_ensure (ROSTER_TYPE_AUDIT_PAGE);

  /**
   * RosterWindow:client:
   *
   * The signed-in client, %NULL while no one is signed in. Notified
   * when a sign-in completes and on signing out.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, ROSTER_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, course_bin);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, accounts_section);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, account_actions_section);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, users_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, removal_requests_page);
  gtk_widget_class_bind_template_child (widget_class, RosterWindow, audit_page);
  gtk_widget_class_bind_template_callback (widget_class, connect_page_signed_in_cb);
}

static void
roster_window_init (RosterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_entries, G_N_ELEMENTS (win_entries),
                                   self);

  self->settings = g_settings_new (ROSTER_APPLICATION_ID);
  restore_state (self);

  g_signal_connect_swapped (self->sidebar, "course-activated", G_CALLBACK (course_activated_cb), self);
  g_signal_connect (self, "notify::client", G_CALLBACK (client_changed_cb), NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out")),
                               FALSE);
  roster_window_accounts_init (self);
  roster_window_admin_init (self);
}

RosterWindow *
roster_window_new (GtkApplication *application)
{
  return g_object_new (ROSTER_TYPE_WINDOW, "application", application, NULL);
}

/**
 * roster_window_add_toast:
 * @self: a #RosterWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the content of the window.
 */
void
roster_window_add_toast (RosterWindow *self,
                         AdwToast     *toast)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
