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

/* gtk_list_box_remove_all () is GTK 4.12. */
static void
remove_people (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

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
roster_audit_page_person_row_activated_cb (RosterAuditPage *self,
                         GtkListBoxRow   *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "user-id");
  const char *name = g_object_get_data (G_OBJECT (row), "user-name");

  gtk_popover_popdown (self->person_popover);
  roster_audit_page_set_person (self, *id, name);
  roster_audit_page_reload_events (self);
}

void
roster_audit_page_person_entry_activate_cb (RosterAuditPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->person_list, 0);

  if (first != NULL && g_object_get_data (G_OBJECT (first), "user-id") != NULL)
    roster_audit_page_person_row_activated_cb (self, first);
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
  GtkWidget *label = gtk_label_new (message);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  remove_people (self->person_list);
  gtk_list_box_append (self->person_list, label);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->person_list, 0), FALSE);
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
  if (n == 0)
    {
      set_person_message (self, _("Nobody found"));
      return;
    }

  remove_people (self->person_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (users, i);
      g_autofree char *name = roster_user_dup_full_name (user);
      g_autofree char *text = g_strdup_printf ("%s (%s)", name, roster_user_get_username (user));
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "user-id", g_memdup2 (&(gint64) { roster_user_get_id (user) }, sizeof (gint64)), g_free);
      g_object_set_data_full (G_OBJECT (row), "user-name", g_steal_pointer (&name), g_free);
      gtk_list_box_append (self->person_list, row);
    }
}

void
roster_audit_page_person_search_changed_cb (RosterAuditPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->person_entry));
  RosterUserFilter filter;

  if (self->person_cancellable != NULL)
    g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  remove_people (self->person_list);
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
