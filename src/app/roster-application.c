/* roster-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-application"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-application.h"
#include "roster-window.h"

struct _RosterApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (RosterApplication, roster_application, ADW_TYPE_APPLICATION)

static void
roster_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (roster_window_new (GTK_APPLICATION (application)));

  gtk_window_present (window);
}

static void
roster_application_class_init (RosterApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->activate = roster_application_activate;
}

static void
roster_application_init (RosterApplication *self)
{
}

RosterApplication *
roster_application_new (void)
{
  return g_object_new (ROSTER_TYPE_APPLICATION,
                       "application-id", ROSTER_APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/rosterdesk/Roster",
                       NULL);
}
