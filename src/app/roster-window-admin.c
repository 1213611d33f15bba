/* roster-window-admin.c: the window's Administration pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * People, removal requests and the audit log, for site administrators
 * only: the window asks who is signed in after every sign-in and shows
 * the sidebar's Administration section to administrators. Each page
 * loads the first time it is shown for a client, not at sign-in.
 */

#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-page.h"
#include "roster-removal-requests-page.h"
#include "roster-users-page.h"
#include "roster-window-private.h"

enum {
  ADMIN_USERS = 1 << 0,
  ADMIN_REMOVAL_REQUESTS = 1 << 1,
  ADMIN_AUDIT = 1 << 2,
};

static const struct {
  const char *name;
  guint       flag;
  const char *title;
} admin_pages[] = {
  { "users", ADMIN_USERS, N_("People") },
  { "removal-requests", ADMIN_REMOVAL_REQUESTS, N_("Removal Requests") },
  { "audit", ADMIN_AUDIT, N_("Audit Log") },
};

/* Hands the client to a page the first time it is shown for it. */
static void
load_page (RosterWindow *self,
           guint         flag)
{
  if ((self->admin_loaded & flag) != 0)
    return;
  self->admin_loaded |= flag;

  switch (flag)
    {
    case ADMIN_USERS:
      roster_users_page_set_client (self->users_page, self->client, self->me_id);
      break;
    case ADMIN_REMOVAL_REQUESTS:
      roster_removal_requests_page_set_client (self->removal_requests_page, self->client, self->me_id);
      break;
    case ADMIN_AUDIT:
      roster_audit_page_set_client (self->audit_page, self->client, self->me_id);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * roster_window_show_admin:
 * @self: a #RosterWindow
 * @name: "users", "removal-requests" or "audit"
 *
 * Shows an Administration page in place of a course. Does nothing
 * unless the signed-in person administers the site.
 */
void
roster_window_show_admin (RosterWindow *self,
                          const char   *name)
{
  g_return_if_fail (ROSTER_IS_WINDOW (self));

  if (!self->is_admin)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (admin_pages); i++)
    {
      if (g_strcmp0 (admin_pages[i].name, name) != 0)
        continue;

      load_page (self, admin_pages[i].flag);

      /* A course shown before goes, with its downloads. */
      adw_view_switcher_title_set_stack (self->switcher_title, NULL);
      adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
      adw_bin_set_child (self->course_bin, NULL);
      adw_view_switcher_title_set_title (self->switcher_title, _(admin_pages[i].title));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);

      roster_sidebar_select_admin (self->sidebar, name);
      gtk_stack_set_visible_child_name (self->content_stack, name);
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      return;
    }

  g_warning ("No administration page “%s”", name);
}

static void
admin_activated_cb (RosterWindow *self,
                    const char   *name)
{
  roster_window_show_admin (self, name);

  /* As with a course: the keyboard goes on to the page's search. */
  if (g_str_equal (name, "users"))
    roster_users_page_focus_search (self->users_page);
  else if (g_str_equal (name, "removal-requests"))
    roster_removal_requests_page_focus_search (self->removal_requests_page);
  else if (g_str_equal (name, "audit"))
    /* Its search is a person picker in a popover: not to be opened
     * unasked, so the keyboard starts at the filters. */
    gtk_widget_child_focus (GTK_WIDGET (self->audit_page), GTK_DIR_TAB_FORWARD);
}

/* win.show-admin (Ctrl+Shift+U, R, L): as if chosen in the sidebar. */
static void
show_admin_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  admin_activated_cb (ROSTER_WINDOW (user_data), g_variant_get_string (parameter, NULL));
}

static void
show_audit_cb (RosterWindow *self,
               gint64        user_id,
               const char   *name)
{
  roster_window_show_admin (self, "audit");
  roster_audit_page_show_user (self->audit_page, user_id, name);
}

/* Ctrl+F on an admin page searches there, unless the focus is in the
 * sidebar (whose search is the courses'): a button that hid itself
 * after its action may have left the focus nowhere. */
gboolean
roster_window_admin_focus_search (RosterWindow *self,
                                  GtkWidget    *focus)
{
  const char *shown = gtk_stack_get_visible_child_name (self->content_stack);

  if (!self->is_admin || shown == NULL ||
      (focus != NULL && gtk_widget_is_ancestor (focus, self->sidebar_box)))
    return FALSE;

  if (g_str_equal (shown, "users"))
    roster_users_page_focus_search (self->users_page);
  else if (g_str_equal (shown, "removal-requests"))
    roster_removal_requests_page_focus_search (self->removal_requests_page);
  else if (g_str_equal (shown, "audit"))
    roster_audit_page_focus_search (self->audit_page);
  else
    return FALSE;
  return TRUE;
}

static void
set_admin (RosterWindow *self,
           gboolean      is_admin,
           gint64        me_id)
{
  self->is_admin = is_admin;
  self->me_id = me_id;
  self->admin_loaded = 0;
  roster_sidebar_set_admin (self->sidebar, is_admin);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "show-admin")),
                               is_admin);

  /* Pages keep nothing of an account that is no longer signed in. */
  roster_users_page_set_client (self->users_page, NULL, 0);
  roster_removal_requests_page_set_client (self->removal_requests_page, NULL, 0);
  roster_audit_page_set_client (self->audit_page, NULL, 0);
}

static void
get_me_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  RosterClient *client = ROSTER_CLIENT (object);
  g_autoptr(RosterUser) me = NULL;
  g_autoptr(GError) error = NULL;
  RosterWindow *self;

  me = roster_client_get_me_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = ROSTER_WINDOW (user_data);
  if (client != self->client)
    return;

  /* Without an answer the section stays hidden: the courses show the
   * same failure, with a Retry. */
  if (me == NULL)
    {
      g_debug ("Could not tell whether %s administers the site: %s",
               roster_client_get_host (client), error->message);
      return;
    }

  set_admin (self, roster_user_get_is_site_admin (me), roster_user_get_id (me));
}

/* After a sign-in, a sign-out or a switch of account. */
void
roster_window_admin_client_changed (RosterWindow *self)
{
  g_cancellable_cancel (self->me_cancellable);
  g_clear_object (&self->me_cancellable);

  set_admin (self, FALSE, 0);
  if (self->client == NULL)
    return;

  self->me_cancellable = g_cancellable_new ();
  /* The window outlives its requests: dispose cancels them. */
  roster_client_get_me_async (self->client, self->me_cancellable, get_me_cb, self);
}

void
roster_window_admin_init (RosterWindow *self)
{
  static const GActionEntry entries[] = {
    { "show-admin", show_admin_cb, "s" },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "show-admin")),
                               FALSE);
  g_signal_connect_swapped (self->sidebar, "admin-activated", G_CALLBACK (admin_activated_cb), self);
  g_signal_connect_swapped (self->users_page, "show-audit", G_CALLBACK (show_audit_cb), self);
}

void
roster_window_admin_dispose (RosterWindow *self)
{
  g_cancellable_cancel (self->me_cancellable);
  g_clear_object (&self->me_cancellable);
}
