/* roster-audit-page-filters.c: the Audit page's person and date filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-page-private.h"
#include "roster-client-users.h"

#define PEOPLE_FOUND 20

/* The person ------------------------------------------------------------- */

void
roster_audit_page_set_person (RosterAuditPage *self,
                              gint64           user_id,
                              const char      *name)
{
  self->user_id = user_id;
  gtk_menu_button_set_label (self->person_button, user_id > 0 ? name : _("Anyone"));
}

void
roster_audit_page_person_activated_cb (RosterAuditPage *self,
                                       guint            position)
{
  g_autoptr(RosterUser) user = g_list_model_get_item (G_LIST_MODEL (self->people), position);
  g_autofree char *name = NULL;

  if (user == NULL)
    return;
  name = roster_user_dup_full_name (user);
  gtk_popover_popdown (self->person_popover);
  roster_audit_page_set_person (self, roster_user_get_id (user), name);
  roster_audit_page_reload_events (self);
}

/* Enter in the search entry picks the first person found. */
void
roster_audit_page_person_entry_activate_cb (RosterAuditPage *self)
{
  roster_audit_page_person_activated_cb (self, 0);
}

void
roster_audit_page_anyone_clicked_cb (RosterAuditPage *self)
{
  gtk_popover_popdown (self->person_popover);
  if (self->user_id == 0)
    return;
  roster_audit_page_set_person (self, 0, NULL);
  roster_audit_page_reload_events (self);
}

static void
set_person_message (RosterAuditPage *self,
                    const char      *message)
{
  gtk_label_set_text (self->person_status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->person_status), message != NULL);
}

static void
list_users_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterAuditPage) self = user_data;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  users = roster_client_list_users_finish (ROSTER_CLIENT (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (users == NULL)
    {
      set_person_message (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) user = g_list_model_get_item (users, i);

      g_list_store_append (self->people, user);
    }
  set_person_message (self, n == 0 ? _("Nobody found") : NULL);
}

static void
setup_person_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_person_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  RosterUser *user = gtk_list_item_get_item (item);
  g_autofree char *name = roster_user_dup_full_name (user);
  g_autofree char *text = g_strdup_printf ("%s (%s)", name, roster_user_get_username (user));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The list of people found: a factory's rows over self->people. */
void
roster_audit_page_init_person (RosterAuditPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  self->people = g_list_store_new (ROSTER_TYPE_USER);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_person_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_person_cb), NULL);
  gtk_list_view_set_factory (self->person_list, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->people)));
  gtk_list_view_set_model (self->person_list, GTK_SELECTION_MODEL (selection));
}

void
roster_audit_page_person_search_changed_cb (RosterAuditPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->person_entry));
  RosterUserFilter filter;

  if (self->person_cancellable != NULL)
    g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  g_list_store_remove_all (self->people);
  set_person_message (self, NULL);
  if (self->client == NULL || text[0] == '\0')
    return;

  self->person_cancellable = g_cancellable_new ();
  roster_user_filter_init (&filter);
  filter.query = text;
  filter.limit = PEOPLE_FOUND;
  roster_client_list_users_async (self->client, &filter, self->person_cancellable, list_users_cb, g_object_ref (self));
}

void
roster_audit_page_person_popover_show_cb (RosterAuditPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->person_entry));
}

/* Dates --------------------------------------------------------------------- */

/* Local midnight of the calendar's day, @days_after it. */
static gint64
calendar_day (GtkCalendar *calendar,
              int          days_after)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                                         g_date_time_get_day_of_month (date), 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (midnight, days_after);

  return g_date_time_to_unix (day);
}

static void
set_date_label (GtkMenuButton *button,
                GtkCalendar   *calendar,
                gboolean       set)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (!set)
    {
      gtk_menu_button_set_label (button, _("Any date"));
      return;
    }
  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_menu_button_set_label (button, text);
}

void
roster_audit_page_since_apply_cb (RosterAuditPage *self)
{
  gtk_popover_popdown (self->since_popover);
  self->since = calendar_day (self->since_calendar, 0);
  set_date_label (self->since_button, self->since_calendar, TRUE);
  roster_audit_page_reload_events (self);
}

void
roster_audit_page_since_clear_cb (RosterAuditPage *self)
{
  gtk_popover_popdown (self->since_popover);
  if (self->since == 0)
    return;
  self->since = 0;
  set_date_label (self->since_button, self->since_calendar, FALSE);
  roster_audit_page_reload_events (self);
}

/* The last day shown is the one picked: up to its end. */
void
roster_audit_page_until_apply_cb (RosterAuditPage *self)
{
  gtk_popover_popdown (self->until_popover);
  self->until = calendar_day (self->until_calendar, 1);
  set_date_label (self->until_button, self->until_calendar, TRUE);
  roster_audit_page_reload_events (self);
}

void
roster_audit_page_until_clear_cb (RosterAuditPage *self)
{
  gtk_popover_popdown (self->until_popover);
  if (self->until == 0)
    return;
  self->until = 0;
  set_date_label (self->until_button, self->until_calendar, FALSE);
  roster_audit_page_reload_events (self);
}
