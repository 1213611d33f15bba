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
  AdwApplication  parent_instance;

  /* From --server and --username: fill in the connect page. */
  char           *server;
  char           *username;
};

G_DEFINE_FINAL_TYPE (RosterApplication, roster_application, ADW_TYPE_APPLICATION)

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *application = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing each window, rather than g_application_quit(), lets them
   * save their state; the application ends with the last one. */
  windows = g_list_copy (gtk_application_get_windows (application));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Roster developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "modal", TRUE,
                        "application-name", _("Roster"),
                        "application-icon", ROSTER_APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Roster developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Roster developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://rosterdesk.github.io/",
                        "issue-url", "https://github.com/rosterdesk/roster/issues",
                        /* Translators: your names, one a line, to be credited in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_entries[] = {
  { "quit", quit_cb },
  { "about", about_cb },
};

static void
roster_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  /* Site administrators' pages; the window ignores them for others. */
  static const char *people_accels[] = { "<Control><Shift>u", NULL };
  static const char *removal_accels[] = { "<Control><Shift>r", NULL };
  static const char *audit_accels[] = { "<Control><Shift>l", NULL };

  G_APPLICATION_CLASS (roster_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_entries, G_N_ELEMENTS (app_entries),
                                   application);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-help-overlay", help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.search-courses", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-admin::users", people_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-admin::removal-requests",
                                         removal_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "win.show-admin::audit", audit_accels);
}

static void
roster_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      RosterApplication *self = ROSTER_APPLICATION (application);

      window = GTK_WINDOW (roster_window_new (GTK_APPLICATION (application)));
      roster_window_start (ROSTER_WINDOW (window), self->server, self->username);
    }

  gtk_window_present (window);
}

static int
roster_application_handle_local_options (GApplication *application,
                                         GVariantDict *options)
{
  RosterApplication *self = ROSTER_APPLICATION (application);

  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->username, g_free);
  g_variant_dict_lookup (options, "server", "s", &self->server);
  g_variant_dict_lookup (options, "username", "s", &self->username);

  /* Go on to register and activate. */
  return -1;
}

static void
roster_application_finalize (GObject *object)
{
  RosterApplication *self = ROSTER_APPLICATION (object);

  g_free (self->server);
  g_free (self->username);

  G_OBJECT_CLASS (roster_application_parent_class)->finalize (object);
}

static void
roster_application_class_init (RosterApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = roster_application_finalize;
  application_class->startup = roster_application_startup;
  application_class->activate = roster_application_activate;
  application_class->handle_local_options = roster_application_handle_local_options;
}

static void
roster_application_init (RosterApplication *self)
{
  static const GOptionEntry entries[] = {
    { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("The server address to fill in"), N_("URL") },
    { "username", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("The username to fill in"), N_("NAME") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
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
