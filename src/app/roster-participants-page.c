/* roster-participants-page.c: a course's participants in a sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-participants-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-bulk-bar.h"
#include "roster-group.h"
#include "roster-method.h"
#include "roster-participant-cells.h"
#include "roster-participant-export.h"
#include "roster-participant-format.h"
#include "roster-participants-page.h"
#include "roster-window.h"

struct _RosterParticipantsPage
{
  GtkWidget              parent_instance;

  RosterClient          *client;
  gint64                 course_id;
  GCancellable          *cancellable;

  RosterParticipantList *list;
  GtkMultiSelection     *selection;

  GtkSearchEntry        *search_entry;
  GtkDropDown           *role_dropdown;
  GtkDropDown           *group_dropdown;
  GtkDropDown           *method_dropdown;
  /* The ids behind the group and method drop-downs' items, after their
   * fixed first ones. */
  GArray                *group_ids;
  GArray                *method_ids;
  RosterBulkBar         *bulk_bar;
  GtkDropDown           *status_dropdown;
  GtkDropDown           *type_dropdown;
  GtkRevealer           *error_revealer;
  GtkRevealer           *only_revealer;
  GtkLabel              *only_label;
  GtkLabel              *error_label;
  GtkColumnView         *column_view;
  GtkColumnViewColumn   *name_column;
  GtkColumnViewColumn   *email_column;
  GtkColumnViewColumn   *type_column;
  GtkColumnViewColumn   *roles_column;
  GtkColumnViewColumn   *groups_column;
  GtkColumnViewColumn   *status_column;
  GtkColumnViewColumn   *method_column;
  GtkColumnViewColumn   *last_access_column;
  GtkLabel              *count_label;
  GtkSpinner            *spinner;
  GtkLabel              *loading_label;

  GtkFileChooserNative  *export_chooser;
};

G_DEFINE_FINAL_TYPE (RosterParticipantsPage, roster_participants_page, GTK_TYPE_WIDGET)

static void
update_count (RosterParticipantsPage *self)
{
  guint shown = g_list_model_get_n_items (roster_participant_list_get_model (self->list));
  guint total = g_list_model_get_n_items (roster_participant_list_get_all (self->list));
  g_autofree char *text = NULL;

  /* TRANSLATORS: the participants shown after the search and filters, of all in the course. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u participant", "%u of %u participants", total),
                          shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
set_loading (RosterParticipantsPage *self,
             gboolean                loading,
             guint                   n_loaded)
{
  /* Shown by hand: GTK 4.8 notifies "spinning" before the value
   * changes, so a binding to it lags one change behind. */
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_label), loading);
  if (loading)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %u participant…", "Loaded %u participants…", n_loaded),
                              n_loaded);
      gtk_label_set_text (self->loading_label, text);
    }
}

static void
batch_cb (GPtrArray *batch,
          guint      n_loaded,
          gpointer   user_data)
{
  RosterParticipantsPage *self = user_data;

  roster_participant_list_append (self->list, batch);
  set_loading (self, TRUE, n_loaded);
}

static void
stream_participants_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(RosterParticipantsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  if (roster_client_stream_participants_finish (ROSTER_CLIENT (object), result, &n_rows, &error))
    {
      g_debug ("Loaded %u participants", n_rows);
      set_loading (self, FALSE, n_rows);
      return;
    }

  /* Cancelled: another course took over, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE, 0);
  gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* Groups and methods, for their filters ------------------------------ */

static void
set_dropdown_items (GtkDropDown        *dropdown,
                    const char * const *items)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
set_groups (RosterParticipantsPage *self,
            GListModel             *groups)
{
  guint n = groups != NULL ? g_list_model_get_n_items (groups) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (items, g_strdup (_("Any group")));
  g_ptr_array_add (items, g_strdup (_("No group")));
  g_array_set_size (self->group_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (groups, i);
      gint64 id = roster_group_get_id (group);

      g_array_append_val (self->group_ids, id);
      g_ptr_array_add (items, g_strdup (roster_group_get_name (group)));
    }
  g_ptr_array_add (items, NULL);

  set_dropdown_items (self->group_dropdown, (const char * const *) items->pdata);
  /* A course without groups has nothing to filter by. */
  gtk_widget_set_visible (GTK_WIDGET (self->group_dropdown), n > 0);
  roster_bulk_bar_set_groups (self->bulk_bar, groups);
}

static void
set_methods (RosterParticipantsPage *self,
             GListModel             *methods)
{
  guint n = methods != NULL ? g_list_model_get_n_items (methods) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (items, g_strdup (_("Any method")));
  g_array_set_size (self->method_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RosterMethod) method = g_list_model_get_item (methods, i);
      gint64 id = roster_method_get_id (method);

      g_array_append_val (self->method_ids, id);
      g_ptr_array_add (items, roster_method_dup_display_name (method));
    }
  g_ptr_array_add (items, NULL);

  set_dropdown_items (self->method_dropdown, (const char * const *) items->pdata);
  gtk_widget_set_visible (GTK_WIDGET (self->method_dropdown), n > 1);
}

static void
list_groups_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterParticipantsPage) self = user_data;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;

  groups = roster_client_list_groups_finish (ROSTER_CLIENT (object), result, &error);
  if (groups != NULL)
    set_groups (self, groups);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The list itself still works; only this filter is missing. */
    g_debug ("No groups for the filter: %s", error->message);
}

static void
list_methods_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterParticipantsPage) self = user_data;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GError) error = NULL;

  /* Staff without methods.view are refused: no method filter then. */
  methods = roster_client_list_methods_finish (ROSTER_CLIENT (object), result, &error);
  if (methods != NULL)
    set_methods (self, methods);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No methods for the filter: %s", error->message);
}

static void
load (RosterParticipantsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  roster_participant_list_clear (self->list);
  set_loading (self, FALSE, 0);
  set_groups (self, NULL);
  set_methods (self, NULL);

  if (self->client == NULL || self->course_id <= 0)
    return;

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE, 0);
  roster_client_list_groups_async (self->client, self->course_id, self->cancellable,
                                   list_groups_cb, g_object_ref (self));
  roster_client_list_methods_async (self->client, self->course_id, self->cancellable,
                                    list_methods_cb, g_object_ref (self));
  roster_client_stream_participants_async (self->client, self->course_id, NULL,
                                           batch_cb, g_object_ref (self), g_object_unref,
                                           self->cancellable,
                                           stream_participants_cb, g_object_ref (self));
}

static void
retry_clicked_cb (RosterParticipantsPage *self)
{
  load (self);
}

static void
show_everyone_clicked_cb (RosterParticipantsPage *self)
{
  roster_participants_page_show_only (self, NULL);
}

static void
search_changed_cb (RosterParticipantsPage *self)
{
  roster_participant_list_set_search_text (self->list,
                                           gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Down in the search goes on to the rows, as in Files: search, then
 * arrows and Space to pick what was found. */
static gboolean
search_key_pressed_cb (RosterParticipantsPage *self,
                       guint                   keyval,
                       guint                   keycode,
                       GdkModifierType         state,
                       GtkEventControllerKey  *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  if (g_list_model_get_n_items (roster_participant_list_get_model (self->list)) == 0)
    return GDK_EVENT_PROPAGATE;

  /* To the first row, not the one focused before the search changed.
   * GTK 4.8 has no gtk_column_view_scroll_to (): its inner list view
   * scrolls to the top, and then the first of its rows is row 0. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        GtkWidget *row;

        gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
        row = gtk_widget_get_first_child (child);
        if (row != NULL && gtk_widget_grab_focus (row))
          return GDK_EVENT_STOP;
      }

  return gtk_widget_child_focus (GTK_WIDGET (self->column_view), GTK_DIR_TAB_FORWARD);
}

/* The first item of each drop-down is "any"; the others follow the
 * order of their enum. */
static void
filter_changed_cb (RosterParticipantsPage *self)
{
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint group = gtk_drop_down_get_selected (self->group_dropdown);
  guint method = gtk_drop_down_get_selected (self->method_dropdown);

  /* Called while the template is built, before the list exists. */
  if (self->list == NULL || self->group_ids == NULL)
    return;

  roster_participant_list_set_role (self->list,
                                    role < ROSTER_N_ROLES ? (RosterRole) role : ROSTER_ROLE_NONE);
  roster_participant_list_set_status (self->list,
                                      status == 0 || status == GTK_INVALID_LIST_POSITION ? -1 : (int) status - 1);
  roster_participant_list_set_user_type (self->list,
                                         type == 0 || type == GTK_INVALID_LIST_POSITION ? -1 : (int) type - 1);
  /* Groups: any, none, then the course's; methods: any, then each. */
  if (group == 1)
    roster_participant_list_set_group (self->list, -1);
  else if (group >= 2 && group - 2 < self->group_ids->len)
    roster_participant_list_set_group (self->list, g_array_index (self->group_ids, gint64, group - 2));
  else
    roster_participant_list_set_group (self->list, 0);
  if (method >= 1 && method - 1 < self->method_ids->len)
    roster_participant_list_set_method (self->list, g_array_index (self->method_ids, gint64, method - 1));
  else
    roster_participant_list_set_method (self->list, 0);
}

/* Export ----------------------------------------------------------- */

static void
show_toast (RosterParticipantsPage *self,
            const char             *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterParticipantsPage *self = ROSTER_PARTICIPANTS_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_rows = 0;

  if (!roster_participants_page_export_finish (self, result, &n_rows, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not export the participants: %s"), error->message);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u participant", "Exported %u participants", n_rows),
                             n_rows);
  show_toast (self, title);
}

static void
export_response_cb (RosterParticipantsPage *self,
                    int                     response,
                    GtkFileChooserNative   *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      roster_participants_page_export_async (self, file, NULL, export_done_cb, NULL);
    }

  g_clear_object (&self->export_chooser);
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RosterParticipantsPage *self = ROSTER_PARTICIPANTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->export_chooser != NULL)
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export Participants"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* TRANSLATORS: the suggested name of an exported file of participants. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), _("participants.csv"));
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
focus_search_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  roster_participants_page_focus_search (ROSTER_PARTICIPANTS_PAGE (widget));
}

static void
roster_participants_page_dispose (GObject *object)
{
  RosterParticipantsPage *self = ROSTER_PARTICIPANTS_PAGE (object);
  GtkWidget *child;

  /* Leaving the page stops the download. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);

  /* Disposing the column view empties its sorter, which would resort
   * the list and update labels already gone: let go of both first. */
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (roster_participant_list_get_model (self->list), self);
      g_signal_handlers_disconnect_by_data (roster_participant_list_get_all (self->list), self);
      roster_participant_list_set_sorter (self->list, NULL);
    }

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_PARTICIPANTS_PAGE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_pointer (&self->group_ids, g_array_unref);
  g_clear_pointer (&self->method_ids, g_array_unref);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_participants_page_parent_class)->dispose (object);
}

static void
roster_participants_page_class_init (RosterParticipantsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_participants_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-participants-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, bulk_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, only_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, only_label);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, type_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, roles_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, groups_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, method_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, last_access_column);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterParticipantsPage, loading_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_everyone_clicked_cb);

  /* Ctrl+F while the focus is in the table; the window's Ctrl+F sends
   * it here too when the course is in view. */
  gtk_widget_class_install_action (widget_class, "participants.search", NULL, focus_search_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "participants.search", NULL);
  gtk_widget_class_install_action (widget_class, "participants.export", NULL, export_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-participants-page");
}

static void
roster_participants_page_init (RosterParticipantsPage *self)
{
  GtkEventController *key;
  GListModel *model;

  g_type_ensure (ROSTER_TYPE_BULK_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* Filtered and sorted a part at a time, so 100 000 rows never stall
   * a frame. */
  self->list = roster_participant_list_new (TRUE);

  roster_participant_column_setup (self->name_column, ROSTER_PARTICIPANT_COLUMN_NAME);
  roster_participant_column_setup (self->email_column, ROSTER_PARTICIPANT_COLUMN_EMAIL);
  roster_participant_column_setup (self->type_column, ROSTER_PARTICIPANT_COLUMN_TYPE);
  roster_participant_column_setup (self->roles_column, ROSTER_PARTICIPANT_COLUMN_ROLES);
  roster_participant_column_setup (self->groups_column, ROSTER_PARTICIPANT_COLUMN_GROUPS);
  roster_participant_column_setup (self->status_column, ROSTER_PARTICIPANT_COLUMN_STATUS);
  roster_participant_column_setup (self->method_column, ROSTER_PARTICIPANT_COLUMN_METHOD);
  roster_participant_column_setup (self->last_access_column, ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS);

  /* Clicking a header sets the column view's sorter; the list sorts
   * with it. */
  roster_participant_list_set_sorter (self->list, gtk_column_view_get_sorter (self->column_view));

  model = roster_participant_list_get_model (self->list);
  self->selection = gtk_multi_selection_new (g_object_ref (model));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  roster_bulk_bar_setup (self->bulk_bar, self->list, GTK_SELECTION_MODEL (self->selection));

  key = gtk_event_controller_key_new ();
  g_signal_connect_object (key, "key-pressed", G_CALLBACK (search_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), key);

  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->method_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  set_groups (self, NULL);
  set_methods (self, NULL);

  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (roster_participant_list_get_all (self->list), "items-changed",
                           G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  update_count (self);
}

GtkWidget *
roster_participants_page_new (void)
{
  return g_object_new (ROSTER_TYPE_PARTICIPANTS_PAGE, NULL);
}

/**
 * roster_participants_page_load:
 * @self: a #RosterParticipantsPage
 * @client: (nullable): a signed-in #RosterClient
 * @course_id: the course, or 0 for none
 *
 * Lists the participants of @course_id, streaming them in; a load
 * still going on for another course is cancelled.
 */
void
roster_participants_page_load (RosterParticipantsPage *self,
                               RosterClient           *client,
                               gint64                  course_id)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
  self->course_id = course_id;
  load (self);
}

/**
 * roster_participants_page_set_course:
 * @self: a #RosterParticipantsPage
 * @client: (nullable): a signed-in #RosterClient
 * @course: (nullable): the course, or %NULL for none
 *
 * As roster_participants_page_load (), and offers the bulk actions the
 * user may take in @course.
 */
void
roster_participants_page_set_course (RosterParticipantsPage *self,
                                     RosterClient           *client,
                                     RosterCourse           *course)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (course == NULL || ROSTER_IS_COURSE (course));

  roster_bulk_bar_set_course (self->bulk_bar, client,
                              course != NULL && roster_course_has_capability (course, "enrolments.manage"),
                              course != NULL && roster_course_has_capability (course, "groups.manage"));
  roster_participants_page_load (self, client, course != NULL ? roster_course_get_id (course) : 0);
}

RosterParticipantList *
roster_participants_page_get_list (RosterParticipantsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self), NULL);

  return self->list;
}

GtkColumnView *
roster_participants_page_get_column_view (RosterParticipantsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self), NULL);

  return self->column_view;
}

const char *
roster_participants_page_get_count_text (RosterParticipantsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self), NULL);

  return gtk_label_get_text (self->count_label);
}

void
roster_participants_page_focus_search (RosterParticipantsPage *self)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * roster_participants_page_set_search_text:
 * @self: a #RosterParticipantsPage
 * @text: what to search for
 *
 * Types @text into the search, as a person would.
 */
void
roster_participants_page_set_search_text (RosterParticipantsPage *self,
                                          const char             *text)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* The entry waits a moment before it says the search changed; a
   * caller setting the text wants it applied now. */
  search_changed_cb (self);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  guint n_rows = 0;

  if (roster_participant_export_finish (result, &n_rows, &error))
    g_task_return_int (task, n_rows);
  else
    g_task_return_error (task, error);
}

/**
 * roster_participants_page_export_async:
 * @self: a #RosterParticipantsPage
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the rows shown, in their order and with the columns' titles
 * as headers, to @file as CSV (UTF-8 with a byte order mark, cells a
 * spreadsheet would run as formulas defused). The rows are taken now;
 * the file is written on a worker thread.
 */
void
roster_participants_page_export_async (RosterParticipantsPage *self,
                                       GFile                  *file,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GListModel *columns;
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_auto(GStrv) header_strv = NULL;

  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The columns' titles, as shown, head the file. */
  columns = gtk_column_view_get_columns (self->column_view);
  for (guint c = 0; c < g_list_model_get_n_items (columns); c++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, c);

      g_strv_builder_add (headers, gtk_column_view_column_get_title (column));
    }
  header_strv = g_strv_builder_end (headers);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_participants_page_export_async);
  roster_participant_export_async (roster_participant_list_get_model (self->list),
                                   (const char * const *) header_strv, file, cancellable,
                                   export_written_cb, g_steal_pointer (&task));
}

/**
 * roster_participants_page_export_finish:
 * @self: a #RosterParticipantsPage
 * @result: the result given to the callback
 * @n_rows: (out) (optional): the rows written
 * @error: return location for a #GError
 *
 * Returns: %TRUE if the file was written.
 */
gboolean
roster_participants_page_export_finish (RosterParticipantsPage  *self,
                                        GAsyncResult            *result,
                                        guint                   *n_rows,
                                        GError                 **error)
{
  gssize written;

  g_return_val_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  written = g_task_propagate_int (G_TASK (result), error);
  if (written < 0)
    return FALSE;
  if (n_rows != NULL)
    *n_rows = (guint) written;
  return TRUE;
}

/**
 * roster_participants_page_get_failed:
 * @self: a #RosterParticipantsPage
 *
 * Returns: whether the last load failed (its error shows), so that a
 *   new sign-in can run it again and leave a good list alone
 */
gboolean
roster_participants_page_get_failed (RosterParticipantsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->error_revealer);
}

/**
 * roster_participants_page_show_only:
 * @self: a #RosterParticipantsPage
 * @user_ids: (nullable) (element-type gint64): the people to show, or
 *   %NULL for everyone
 *
 * Narrows the list to some people (those an import brought), with a
 * bar that says so and shows everyone again.
 */
void
roster_participants_page_show_only (RosterParticipantsPage *self,
                                    GArray                 *user_ids)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANTS_PAGE (self));

  roster_participant_list_set_user_ids (self->list, user_ids);
  if (user_ids != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Showing the %u person of the import.",
                                                            "Showing the %u people of the import.",
                                                            user_ids->len),
                                               user_ids->len);

      gtk_label_set_text (self->only_label, text);
    }
  gtk_revealer_set_reveal_child (self->only_revealer, user_ids != NULL);
}
