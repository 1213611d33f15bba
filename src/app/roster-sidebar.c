/* roster-sidebar.c: the searchable list of courses beside the content
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sidebar"

#include "config.h"

#include "roster-sidebar.h"

struct _RosterSidebar
{
  GtkWidget       parent_instance;

  GtkSearchEntry *search_entry;
  GtkListView    *course_list;
};

G_DEFINE_FINAL_TYPE (RosterSidebar, roster_sidebar, GTK_TYPE_WIDGET)

static void
roster_sidebar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_SIDEBAR);

  /* GTK 4.8 unparents only the template children it binds; a plain
   * GtkWidget has to let go of the others itself. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (roster_sidebar_parent_class)->dispose (object);
}

static void
roster_sidebar_class_init (RosterSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_sidebar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterSidebar, course_list);

  /* A plain box of children: the header bar, the search, the list. */
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-sidebar");
}

static void
roster_sidebar_init (RosterSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
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
