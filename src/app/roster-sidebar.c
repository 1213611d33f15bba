/* roster-sidebar.c: the searchable list of courses beside the content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sidebar"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-course.h"
#include "roster-sidebar.h"

struct _RosterSidebar
{
  GtkWidget           parent_instance;

  RosterClient       *client;
  GCancellable       *cancellable;

  /* The client's courses (a GListModel of RosterCourse) under the
   * search, and the selection the list view shows. */
  GtkStringFilter    *full_name_filter;
  GtkStringFilter    *short_name_filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;

  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkListView        *course_list;
  GtkSpinner         *spinner;
  GtkLabel           *empty_label;
  GtkLabel           *error_label;
  GtkWidget          *admin_box;
  GtkListBox         *admin_list;
};

G_DEFINE_FINAL_TYPE (RosterSidebar, roster_sidebar, GTK_TYPE_WIDGET)

enum {
  COURSE_ACTIVATED,
  ADMIN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_page (RosterSidebar *self,
           const char    *name)
{
  gtk_spinner_set_spinning (self->spinner, g_str_equal (name, "loading"));
  gtk_stack_set_visible_child_name (self->stack, name);
}

/* Shows the list, or why it is empty: nothing enrolled, or nothing
 * matching the search. */
static void
update_page (RosterSidebar *self)
{
  GListModel *all = gtk_filter_list_model_get_model (self->filter_model);

  if (all == NULL)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    show_page (self, "list");
  else
    {
      if (g_list_model_get_n_items (all) == 0)
        gtk_label_set_text (self->empty_label, _("You are not in any course yet."));
      else
        gtk_label_set_text (self->empty_label, _("No course matches the search."));
      show_page (self, "empty");
    }
}

static void
filtered_items_changed_cb (RosterSidebar *self)
{
  update_page (self);
}

static void
list_courses_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterSidebar) self = user_data;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GError) error = NULL;

  courses = roster_client_list_courses_finish (ROSTER_CLIENT (object), result, &error);

  /* Cancelled: another client took over, or the sidebar is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (courses == NULL)
    {
      g_debug ("Listing courses failed: %s", error->message);
      gtk_label_set_text (self->error_label, error->message);
      show_page (self, "error");
      return;
    }

  gtk_filter_list_model_set_model (self->filter_model, courses);
  update_page (self);
}

static void
load_courses (RosterSidebar *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_filter_list_model_set_model (self->filter_model, NULL);

  if (self->client == NULL)
    {
      show_page (self, "list");
      return;
    }

  self->cancellable = g_cancellable_new ();
  show_page (self, "loading");
  roster_client_list_courses_async (self->client, NULL, self->cancellable,
                                    list_courses_cb, g_object_ref (self));
}

static void
search_changed_cb (RosterSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Both filters see the same text; the any-filter keeps a course that
   * either name matches. */
  gtk_string_filter_set_search (self->full_name_filter, text);
  gtk_string_filter_set_search (self->short_name_filter, text);
}

static void
activate_position (RosterSidebar *self,
                   guint          position)
{
  g_autoptr(RosterCourse) course = NULL;

  course = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (course == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  /* One place is chosen at a time: a course or an admin page. */
  gtk_list_box_unselect_all (self->admin_list);
  g_signal_emit (self, signals[COURSE_ACTIVATED], 0, course);
}

static void
search_activate_cb (RosterSidebar *self)
{
  /* Enter in the search opens the first course that matches, so a
   * course is a few keys away; typed faster than the search's delay,
   * the filter first has to catch up with the text. */
  search_changed_cb (self);
  activate_position (self, 0);
}

static gboolean
search_key_pressed_cb (RosterSidebar   *self,
                       guint            keyval,
                       guint            keycode,
                       GdkModifierType  state)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return GDK_EVENT_PROPAGATE;

  /* Down goes from the search to the courses it found, the first one
   * focused, as in Settings' search. */
  gtk_widget_activate_action (GTK_WIDGET (self->course_list), "list.scroll-to-item", "u", 0);
  if (!gtk_widget_has_focus (GTK_WIDGET (self->course_list)) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->course_list)) == NULL)
    gtk_widget_child_focus (GTK_WIDGET (self->course_list), GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

static void
course_activate_cb (RosterSidebar *self,
                    guint          position)
{
  activate_position (self, position);
}

static void
admin_row_activated_cb (RosterSidebar *self,
                        GtkListBoxRow *row)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_box_select_row (self->admin_list, row);
  g_signal_emit (self, signals[ADMIN_ACTIVATED], 0, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
retry_clicked_cb (RosterSidebar *self)
{
  load_courses (self);
}

static void
roster_sidebar_dispose (GObject *object)
{
  RosterSidebar *self = ROSTER_SIDEBAR (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_SIDEBAR);

  /* GTK 4.8 unparents only the template children it binds; a plain
   * GtkWidget has to let go of the others itself. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_sidebar_parent_class)->dispose (object);
}

static void
roster_sidebar_class_init (RosterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_sidebar_dispose;

  /**
   * RosterSidebar::course-activated:
   * @self: the sidebar
   * @course: the #RosterCourse chosen
   *
   * A course was chosen, with a click, Enter in the list, or Enter in
   * the search.
   */
  signals[COURSE_ACTIVATED] =
    g_signal_new ("course-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, ROSTER_TYPE_COURSE);

  /**
   * RosterSidebar::admin-activated:
   * @self: the sidebar
   * @name: "users", "removal-requests" or "audit"
   *
   * A page of the Administration section was chosen.
   */
  signals[ADMIN_ACTIVATED] =
    g_signal_new ("admin-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The row factory's template names the type. */
  g_type_ensure (ROSTER_TYPE_COURSE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, course_list);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, empty_label);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, admin_box);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, admin_list);
  gtk_widget_class_bind_template_callback (widget_class, admin_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, course_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  /* A plain box of children: the search, then the list or its state. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-sidebar");
}

static void
roster_sidebar_init (RosterSidebar *self)
{
  GtkAnyFilter *any;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* Substrings of either name, ignoring case and accents. */
  self->full_name_filter =
    gtk_string_filter_new (gtk_property_expression_new (ROSTER_TYPE_COURSE, NULL, "full-name"));
  self->short_name_filter =
    gtk_string_filter_new (gtk_property_expression_new (ROSTER_TYPE_COURSE, NULL, "short-name"));
  any = gtk_any_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (self->full_name_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (any), GTK_FILTER (self->short_name_filter));

  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (any));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* Nothing is chosen until a course is activated. */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filter_model));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_list_view_set_model (self->course_list, GTK_SELECTION_MODEL (self->selection));
}

/**
 * roster_sidebar_focus_search:
 * @self: a #RosterSidebar
 *
 * Moves the keyboard focus to the course search, selecting what is
 * already typed there so the next keys replace it.
 */
void
roster_sidebar_focus_search (RosterSidebar *self)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * roster_sidebar_set_client:
 * @self: a #RosterSidebar
 * @client: (nullable): a signed-in #RosterClient
 *
 * Lists the courses @client can see, or none for %NULL. Courses still
 * loading for a previous client are dropped.
 */
void
roster_sidebar_set_client (RosterSidebar *self,
                           RosterClient  *client)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  if (!g_set_object (&self->client, client))
    return;

  load_courses (self);
}

/**
 * roster_sidebar_reload:
 * @self: a #RosterSidebar
 *
 * Asks the server for the courses again.
 */
void
roster_sidebar_reload (RosterSidebar *self)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));

  load_courses (self);
}

/**
 * roster_sidebar_reload_failed:
 * @self: a #RosterSidebar
 *
 * Lists the courses again if listing them failed (after a new
 * sign-in, say); a list that loaded keeps its search and selection.
 */
void
roster_sidebar_reload_failed (RosterSidebar *self)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "error") == 0)
    load_courses (self);
}

/**
 * roster_sidebar_set_admin:
 * @self: a #RosterSidebar
 * @is_admin: whether the signed-in person administers the site
 *
 * Shows or hides the Administration section. The server refuses its
 * pages to anyone else anyway; this keeps them out of sight.
 */
void
roster_sidebar_set_admin (RosterSidebar *self,
                          gboolean       is_admin)
{
  g_return_if_fail (ROSTER_IS_SIDEBAR (self));

  if (!is_admin)
    gtk_list_box_unselect_all (self->admin_list);
  gtk_widget_set_visible (self->admin_box, is_admin);
}

/**
 * roster_sidebar_select_admin:
 * @self: a #RosterSidebar
 * @name: (nullable): an admin page's name, or %NULL for none
 *
 * Marks the admin page shown, as when it is opened from elsewhere.
 */
void
roster_sidebar_select_admin (RosterSidebar *self,
                             const char    *name)
{
  GtkWidget *child;

  g_return_if_fail (ROSTER_IS_SIDEBAR (self));

  gtk_list_box_unselect_all (self->admin_list);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->admin_list));
       child != NULL && name != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && g_strcmp0 (gtk_widget_get_name (child), name) == 0)
      {
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
        gtk_list_box_select_row (self->admin_list, GTK_LIST_BOX_ROW (child));
      }
}
