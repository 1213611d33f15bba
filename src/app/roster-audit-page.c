/* roster-audit-page.c: the audit log, for site administrators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events newest first, a page at a time (more as the list is scrolled
 * to its end), narrowed by kind, course, person and dates; every event
 * of the filters can be exported to CSV.
 */

#define G_LOG_DOMAIN "roster-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-details.h"
#include "roster-audit-export.h"
#include "roster-audit-format.h"
#include "roster-audit-page-private.h"
#include "roster-client-audit.h"
#include "roster-course.h"
#include "roster-window.h"

#define PAGE_SIZE 100

/* The events drop-down's items, as action filters. */
static const char * const event_kinds[] = { NULL, "key.revealed", "import.", "auth.", "user.", "enrolment." };

G_DEFINE_FINAL_TYPE (RosterAuditPage, roster_audit_page, GTK_TYPE_WIDGET)

void
roster_audit_page_add_toast (RosterAuditPage *self,
                             const char      *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
  else
    g_message ("%s", title);
}

/* The filters ------------------------------------------------------- */

void
roster_audit_page_get_filter (RosterAuditPage   *self,
                              RosterAuditFilter *filter)
{
  guint kind = gtk_drop_down_get_selected (self->events_dropdown);
  guint course = gtk_drop_down_get_selected (self->course_dropdown);

  *filter = (RosterAuditFilter) { 0 };
  if (kind < G_N_ELEMENTS (event_kinds))
    filter->action = event_kinds[kind];
  if (course != GTK_INVALID_LIST_POSITION && course > 0 && course <= self->course_ids->len)
    filter->course_id = g_array_index (self->course_ids, gint64, course - 1);
  filter->user_id = self->user_id;
  filter->since = self->since;
  filter->until = self->until;
}

/* The list ---------------------------------------------------------- */

static void
update_count (RosterAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->events));
  g_autofree char *text = NULL;

  if (self->next_cursor != NULL)
    /* TRANSLATORS: events of the audit log listed so far; there are older ones. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event shown, more to load", "%u events shown, more to load", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->load_more_button), self->next_cursor != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->load_more_button), !self->loading_more);
}

static void
show_loading (RosterAuditPage *self,
              gboolean         loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  if (loading)
    gtk_stack_set_visible_child_name (self->stack, "loading");
}

static void
list_audit_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterAuditPage) self = user_data;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  gboolean more = self->loading_more;
  guint n;

  events = roster_client_list_audit_finish (ROSTER_CLIENT (object), result, &next_cursor, &error);
  /* Cancelled: the filters changed, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_more = FALSE;
  show_loading (self, FALSE);
  if (events == NULL)
    {
      if (more)
        {
          g_autofree char *title = g_strdup_printf (_("Could not load more events: %s"), error->message);

          roster_audit_page_add_toast (self, title);
          update_count (self);
          return;
        }
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_label_set_text (self->count_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->load_more_button), FALSE);
      return;
    }

  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) entry = g_list_model_get_item (events, i);

      g_list_store_append (self->events, entry);
    }
  g_free (self->next_cursor);
  self->next_cursor = g_steal_pointer (&next_cursor);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->events)) > 0 ? "list" : "empty");
  update_count (self);
}

static void
load_events (RosterAuditPage *self,
             const char      *cursor)
{
  RosterAuditFilter filter;

  roster_audit_page_get_filter (self, &filter);
  filter.cursor = cursor;
  filter.limit = self->page_size;
  roster_client_list_audit_async (self->client, &filter, self->cancellable, list_audit_cb, g_object_ref (self));
}

/* From the first page, for the filters as they are now. */
void
roster_audit_page_reload_events (RosterAuditPage *self)
{
  if (self->client == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_list_store_remove_all (self->events);
  g_clear_pointer (&self->next_cursor, g_free);
  self->loading_more = FALSE;
  gtk_label_set_text (self->count_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->load_more_button), FALSE);
  show_loading (self, TRUE);
  load_events (self, NULL);
}

static void
load_more (RosterAuditPage *self)
{
  if (self->client == NULL || self->next_cursor == NULL || self->loading_more)
    return;

  self->loading_more = TRUE;
  update_count (self);
  load_events (self, self->next_cursor);
}

static void
edge_reached_cb (RosterAuditPage *self,
                 GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    load_more (self);
}

static void
load_more_clicked_cb (RosterAuditPage *self)
{
  load_more (self);
}

static void
retry_clicked_cb (RosterAuditPage *self)
{
  roster_audit_page_reload (self);
}

static void
filter_changed_cb (RosterAuditPage *self)
{
  /* Setting the course drop-down's items is no change of filter. */
  if (!self->filling_courses)
    roster_audit_page_reload_events (self);
}

/* The columns -------------------------------------------------------- */

typedef char *(*CellText) (RosterAuditEntry *entry);

static char *
time_text (RosterAuditEntry *entry)
{
  return roster_audit_format_time (roster_audit_entry_get_at (entry));
}

static char *
action_text (RosterAuditEntry *entry)
{
  return g_strdup (roster_audit_action_to_words (roster_audit_entry_get_action (entry)));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  CellText text_func = user_data;
  g_autofree char *text = text_func (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
}

static void
add_column (RosterAuditPage *self,
            const char      *title,
            CellText         text_func,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), text_func);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
}

static void
row_activated_cb (RosterAuditPage *self,
                  guint            position)
{
  g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->events), position);

  if (entry != NULL)
    roster_audit_show_details (GTK_WIDGET (self), entry);
}

/* Courses --------------------------------------------------------------- */

static void
list_courses_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterAuditPage) self = user_data;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) items = NULL;
  gint64 selected_id = 0;
  guint selected = 0;
  guint course = gtk_drop_down_get_selected (self->course_dropdown);

  courses = roster_client_list_courses_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (courses == NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Could not load the courses: %s"), error->message);

      roster_audit_page_add_toast (self, title);
      return;
    }

  if (course != GTK_INVALID_LIST_POSITION && course > 0 && course <= self->course_ids->len)
    selected_id = g_array_index (self->course_ids, gint64, course - 1);

  items = gtk_string_list_new (NULL);
  gtk_string_list_append (items, _("All courses"));
  g_array_set_size (self->course_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(RosterCourse) item = g_list_model_get_item (courses, i);
      gint64 id = roster_course_get_id (item);
      g_autofree char *label = g_strdup_printf ("%s — %s", roster_course_get_short_name (item),
                                                roster_course_get_full_name (item));

      gtk_string_list_append (items, label);
      g_array_append_val (self->course_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  roster_audit_page_init_person (self);
  self->filling_courses = TRUE;
  gtk_drop_down_set_model (self->course_dropdown, G_LIST_MODEL (items));
  gtk_drop_down_set_selected (self->course_dropdown, selected);
  self->filling_courses = FALSE;
}

/* The page ---------------------------------------------------------------- */

GtkWidget *
roster_audit_page_new (void)
{
  return g_object_new (ROSTER_TYPE_AUDIT_PAGE, NULL);
}

static void
cancel_all (RosterAuditPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->courses_cancellable != NULL)
    g_cancellable_cancel (self->courses_cancellable);
  g_clear_object (&self->courses_cancellable);
  if (self->person_cancellable != NULL)
    g_cancellable_cancel (self->person_cancellable);
  g_clear_object (&self->person_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

/**
 * roster_audit_page_set_client:
 * @client: (nullable): the signed-in client, or %NULL to empty the page
 * @me_id: the signed-in person
 *
 * Loads the courses and the newest events through @client.
 */
void
roster_audit_page_set_client (RosterAuditPage *self,
                              RosterClient    *client,
                              gint64           me_id)
{
  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  cancel_all (self);
  g_set_object (&self->client, client);
  self->me_id = me_id;
  g_list_store_remove_all (self->events);
  g_clear_pointer (&self->next_cursor, g_free);
  gtk_label_set_text (self->count_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->load_more_button), FALSE);
  if (client == NULL)
    {
      show_loading (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  roster_audit_page_reload (self);
}

/**
 * roster_audit_page_reload:
 *
 * Loads the courses and the first page of events again, keeping the
 * filters.
 */
void
roster_audit_page_reload (RosterAuditPage *self)
{
  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));

  if (self->client == NULL)
    return;
  roster_audit_page_reload_events (self);
  /* Apart from the events': a change of filter does not stop it. */
  if (self->courses_cancellable != NULL)
    g_cancellable_cancel (self->courses_cancellable);
  g_clear_object (&self->courses_cancellable);
  self->courses_cancellable = g_cancellable_new ();
  roster_client_list_courses_async (self->client, NULL, self->courses_cancellable, list_courses_cb, g_object_ref (self));
}

/**
 * roster_audit_page_focus_search:
 *
 * Opens the person filter with its search entry focused.
 */
void
roster_audit_page_focus_search (RosterAuditPage *self)
{
  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));

  gtk_menu_button_popup (self->person_button);
}

/**
 * roster_audit_page_show_user:
 * @user_id: the person, or 0 for anyone
 * @name: (nullable): their name, shown on the person filter
 *
 * Narrows the page to the events @user_id did or that were done to them.
 */
void
roster_audit_page_show_user (RosterAuditPage *self,
                             gint64           user_id,
                             const char      *name)
{
  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));

  roster_audit_page_set_person (self, user_id, name != NULL && name[0] != '\0' ? name : _("Someone"));
  roster_audit_page_reload_events (self);
}

void
roster_audit_page_set_page_size (RosterAuditPage *self,
                                 guint            page_size)
{
  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));
  g_return_if_fail (page_size >= 1 && page_size <= 1000);

  self->page_size = page_size;
}

static void
roster_audit_page_dispose (GObject *object)
{
  RosterAuditPage *self = ROSTER_AUDIT_PAGE (object);
  GtkWidget *child;

  cancel_all (self);
  g_clear_object (&self->export_cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_AUDIT_PAGE);
  /* The template's outer box is not bound, so not disposed above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_audit_page_parent_class)->dispose (object);
}

static void
roster_audit_page_finalize (GObject *object)
{
  RosterAuditPage *self = ROSTER_AUDIT_PAGE (object);

  g_clear_object (&self->events);
  g_clear_object (&self->people);
  g_free (self->next_cursor);
  g_array_unref (self->course_ids);

  G_OBJECT_CLASS (roster_audit_page_parent_class)->finalize (object);
}

static void
roster_audit_page_class_init (RosterAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_audit_page_dispose;
  object_class->finalize = roster_audit_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-audit-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RosterAuditPage, name)
  BIND (events_dropdown);
  BIND (course_dropdown);
  BIND (person_button);
  BIND (person_popover);
  BIND (person_entry);
  BIND (person_list);
  BIND (person_status);
  BIND (since_button);
  BIND (since_popover);
  BIND (since_calendar);
  BIND (until_button);
  BIND (until_popover);
  BIND (until_calendar);
  BIND (export_button);
  BIND (export_revealer);
  BIND (export_label);
  BIND (export_progress);
  BIND (export_cancel_button);
  BIND (stack);
  BIND (spinner);
  BIND (column_view);
  BIND (error_page);
  BIND (retry_button);
  BIND (count_label);
  BIND (load_more_button);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "person_popover_show_cb", G_CALLBACK (roster_audit_page_person_popover_show_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "person_search_changed_cb", G_CALLBACK (roster_audit_page_person_search_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "person_entry_activate_cb", G_CALLBACK (roster_audit_page_person_entry_activate_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "person_activated_cb", G_CALLBACK (roster_audit_page_person_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "anyone_clicked_cb", G_CALLBACK (roster_audit_page_anyone_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "since_apply_cb", G_CALLBACK (roster_audit_page_since_apply_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "since_clear_cb", G_CALLBACK (roster_audit_page_since_clear_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "until_apply_cb", G_CALLBACK (roster_audit_page_until_apply_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "until_clear_cb", G_CALLBACK (roster_audit_page_until_clear_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "export_clicked_cb", G_CALLBACK (roster_audit_page_export_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "export_cancel_cb", G_CALLBACK (roster_audit_page_export_cancel_cb));
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, load_more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
roster_audit_page_init (RosterAuditPage *self)
{
  const char * const no_courses[] = { _("All courses"), NULL };
  g_autoptr(GtkStringList) courses = gtk_string_list_new (no_courses);
  g_autoptr(GtkNoSelection) selection = NULL;

  self->page_size = PAGE_SIZE;
  self->events = g_list_store_new (ROSTER_TYPE_AUDIT_ENTRY);
  self->course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  roster_audit_page_init_person (self);
  self->filling_courses = TRUE;
  gtk_drop_down_set_model (self->course_dropdown, G_LIST_MODEL (courses));
  self->filling_courses = FALSE;

  /* TRANSLATORS: the columns of the audit log. */
  add_column (self, _("Time"), time_text, FALSE);
  add_column (self, _("Event"), action_text, FALSE);
  add_column (self, _("By"), roster_audit_format_actor, FALSE);
  add_column (self, _("About"), roster_audit_format_target, FALSE);
  add_column (self, _("Course"), roster_audit_format_course, FALSE);
  add_column (self, _("Details"), roster_audit_format_details, TRUE);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->events)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
