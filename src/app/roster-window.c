/* roster-window.c: the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include "roster-window.h"

struct _RosterWindow
{
  AdwApplicationWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterWindow, roster_window, ADW_TYPE_APPLICATION_WINDOW)

static void
roster_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_WINDOW);

  G_OBJECT_CLASS (roster_window_parent_class)->dispose (object);
}

static void
roster_window_class_init (RosterWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-window.ui");
}

static void
roster_window_init (RosterWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RosterWindow *
roster_window_new (GtkApplication *application)
{
  return g_object_new (ROSTER_TYPE_WINDOW, "application", application, NULL);
}
