/* roster-methods-page.c: a course's enrolment methods, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-methods-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-methods.h"
#include "roster-method-dialog.h"
#include "roster-methods-page.h"
#include "roster-window.h"

struct _RosterMethodsPage
{
  GtkWidget     parent_instance;

  RosterClient *client;
  gint64        course_id;
  gboolean      can_manage;
  /* Changes, cancelled only when the page goes; loads, by a new load. */
  GCancellable *cancellable;
  GCancellable *load_cancellable;
  GListStore   *methods;
  gboolean      loading;
  /* Whether the dialog open is for editing, not adding. */
  gboolean      editing;

  /* After a move, the focus goes back to the moved method's button
   * ("up" or "down"), so the keyboard can keep moving it; after a save,
   * to the saved method's row. */
  gint64        focus_method_id;
  const char   *focus_button;

  GtkRevealer  *error_revealer;
  GtkLabel     *error_label;
  GtkSpinner   *spinner;
  GtkButton    *add_button;
  GtkListBox   *list_box;
};

G_DEFINE_FINAL_TYPE (RosterMethodsPage, roster_methods_page, GTK_TYPE_WIDGET)

enum {
  SHOW_KEYS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load (RosterMethodsPage *self);

static void
show_toast (RosterMethodsPage *self,
            const char        *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static RosterMethod *
widget_method (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "roster-method");
}

static const char *
type_label (RosterMethodType type)
{
  switch (type)
    {
    case ROSTER_METHOD_MANUAL:
      return _("Manual enrolments");
    case ROSTER_METHOD_SELF:
      return _("Self enrolment");
    case ROSTER_METHOD_GUEST:
      return _("Guest access");
    default:
      return _("Enrolment method");
    }
}

static char *
row_subtitle (RosterMethod *method)
{
  g_autoptr(GString) text = g_string_new (type_label (roster_method_get_method_type (method)));
  const char *role = roster_role_get_label (roster_method_get_default_role (method));
  gint64 enrolled = roster_method_get_enrolled_count (method);

  if (role != NULL)
    /* TRANSLATORS: after the method's type: the role people get through it. */
    g_string_append_printf (text, _(" · joins as %s"), role);
  if (roster_method_get_method_type (method) == ROSTER_METHOD_SELF)
    {
      gint64 keys = roster_method_get_key_count (method);

      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d key", "%d keys", keys), (int) keys);
    }
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d enrolled", "%d enrolled", enrolled),
                          (int) enrolled);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Switching on and off ------------------------------------------------ */

typedef struct
{
  RosterMethodsPage *page;
  GtkSwitch         *toggle;
  gboolean           enabled;
} ToggleData;

static void
toggle_data_free (ToggleData *data)
{
  g_object_unref (data->page);
  g_object_unref (data->toggle);
  g_free (data);
}

static void enabled_changed_cb (GtkSwitch  *toggle,
                                GParamSpec *pspec,
                                gpointer    user_data);

static void
set_switch_quietly (GtkSwitch *toggle,
                    gboolean   active)
{
  g_signal_handlers_block_matched (toggle, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, enabled_changed_cb, NULL);
  gtk_switch_set_active (toggle, active);
  g_signal_handlers_unblock_matched (toggle, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, enabled_changed_cb, NULL);
}

static void
enabled_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ToggleData *data = user_data;
  g_autoptr(RosterMethod) updated = NULL;
  g_autoptr(GError) error = NULL;
  RosterMethod *method = widget_method (GTK_WIDGET (data->toggle));

  updated = roster_client_update_method_finish (ROSTER_CLIENT (object), result, &error);
  if (updated != NULL && method != NULL)
    roster_method_set_enabled (method, roster_method_get_enabled (updated));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Refused: the switch shows what the server still has. */
      set_switch_quietly (data->toggle, !data->enabled);
      show_toast (data->page, error->message);
    }

  toggle_data_free (data);
}

static void
enabled_changed_cb (GtkSwitch  *toggle,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  RosterMethodsPage *self = user_data;
  RosterMethod *method = widget_method (GTK_WIDGET (toggle));
  RosterMethodPatch patch = { .fields = ROSTER_METHOD_FIELD_ENABLED };
  ToggleData *data;

  if (method == NULL || self->client == NULL)
    return;

  patch.enabled = gtk_switch_get_active (toggle);
  data = g_new0 (ToggleData, 1);
  data->page = g_object_ref (self);
  data->toggle = g_object_ref (toggle);
  data->enabled = patch.enabled;
  roster_client_update_method_async (self->client, roster_method_get_id (method), &patch,
                                     self->cancellable, enabled_done_cb, data);
}

/* Moving, editing, deleting ------------------------------------------- */

static void
changed_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterMethodsPage) self = user_data;
  g_autoptr(RosterMethod) updated = NULL;
  g_autoptr(GError) error = NULL;

  updated = roster_client_update_method_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (updated == NULL)
    show_toast (self, error->message);
  /* Others moved too: the server's order is the truth. */
  load (self);
}

static void
move (RosterMethodsPage *self,
      GtkWidget         *button,
      int                delta)
{
  RosterMethod *method = widget_method (button);
  RosterMethodPatch patch = { .fields = ROSTER_METHOD_FIELD_SORT_ORDER };

  if (method == NULL || self->client == NULL)
    return;

  patch.sort_order = roster_method_get_sort_order (method) + delta;
  if (patch.sort_order < 0)
    return;
  self->focus_method_id = roster_method_get_id (method);
  self->focus_button = delta < 0 ? "up" : "down";
  roster_client_update_method_async (self->client, roster_method_get_id (method), &patch,
                                     self->cancellable, changed_done_cb, g_object_ref (self));
}

static void
move_up_cb (GtkButton         *button,
            RosterMethodsPage *self)
{
  move (self, GTK_WIDGET (button), -1);
}

static void
move_down_cb (GtkButton         *button,
              RosterMethodsPage *self)
{
  move (self, GTK_WIDGET (button), 1);
}

static void
keys_clicked_cb (GtkButton         *button,
                 RosterMethodsPage *self)
{
  RosterMethod *method = widget_method (GTK_WIDGET (button));

  if (method != NULL)
    g_signal_emit (self, signals[SHOW_KEYS], 0, method);
}

static void
saved_cb (RosterMethodsPage *self,
          RosterMethod      *method)
{
  g_autofree char *name = roster_method_dup_display_name (method);
  g_autofree char *title = g_strdup_printf (_("Saved “%s”"), name);

  show_toast (self, title);
  /* Back to the method's row: at Edit after an edit; at its switch
   * after adding, as a new method is on at once. */
  self->focus_method_id = roster_method_get_id (method);
  self->focus_button = self->editing ? "edit" : "enabled";
  load (self);
}

static void
present_dialog (RosterMethodsPage  *self,
                RosterMethodDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (RosterMethodsPage *self)
{
  if (self->client == NULL)
    return;
  self->editing = FALSE;
  present_dialog (self, roster_method_dialog_new_self (self->client, self->course_id));
}

static void
edit_clicked_cb (GtkButton         *button,
                 RosterMethodsPage *self)
{
  RosterMethod *method = widget_method (GTK_WIDGET (button));

  if (method == NULL || self->client == NULL)
    return;
  self->editing = TRUE;
  present_dialog (self, roster_method_dialog_new_edit (self->client, method));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterMethodsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_client_delete_method_finish (ROSTER_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Such as the manual method, which the server keeps. */
      show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Enrolment method deleted"));
  load (self);
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    RosterMethodsPage *self)
{
  RosterMethod *method = widget_method (GTK_WIDGET (dialog));

  if (g_strcmp0 (response, "delete") != 0 || method == NULL || self->client == NULL)
    return;

  roster_client_delete_method_async (self->client, roster_method_get_id (method),
                                     roster_method_get_enrolled_count (method) > 0,
                                     self->cancellable, deleted_cb, g_object_ref (self));
}

static void
delete_clicked_cb (GtkButton         *button,
                   RosterMethodsPage *self)
{
  RosterMethod *method = widget_method (GTK_WIDGET (button));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  gint64 enrolled;
  GtkWidget *dialog;

  if (method == NULL || self->client == NULL)
    return;

  /* The server keeps the manual method whatever is asked: nothing can
   * be lost, so no question; its answer says what to do instead. */
  if (roster_method_get_method_type (method) == ROSTER_METHOD_MANUAL)
    {
      roster_client_delete_method_async (self->client, roster_method_get_id (method), FALSE,
                                         self->cancellable, deleted_cb, g_object_ref (self));
      return;
    }

  name = roster_method_dup_display_name (method);
  enrolled = roster_method_get_enrolled_count (method);
  heading = g_strdup_printf (_("Delete “%s”?"), name);
  if (enrolled > 0)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d person enrolled through it will be unenrolled and taken out of the course’s groups. Its keys are destroyed. This cannot be undone.",
                                         "%d people enrolled through it will be unenrolled and taken out of the course’s groups. Its keys are destroyed. This cannot be undone.",
                                         enrolled),
                            (int) enrolled);
  else
    body = g_strdup (_("Nobody has enrolled through it. Its keys are destroyed. This cannot be undone."));

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "roster-method", g_object_ref (method), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rows ------------------------------------------------------------------ */

static GtkWidget *
row_button (RosterMethodsPage *self,
            RosterMethod      *method,
            const char        *name,
            const char        *icon_name,
            const char        *label,
            GCallback          callback)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (icon_name != NULL)
    {
      /* Icon-only: the label is its name for screen readers. */
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_add_css_class (button, "flat");
    }
  g_object_set_data_full (G_OBJECT (button), "roster-method", g_object_ref (method), g_object_unref);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static GtkWidget *
create_row (RosterMethodsPage *self,
            RosterMethod      *method,
            guint              position,
            guint              n_methods)
{
  g_autofree char *name = roster_method_dup_display_name (method);
  g_autofree char *subtitle = row_subtitle (method);
  g_autofree char *up_label = g_strdup_printf (_("Move “%s” up"), name);
  g_autofree char *down_label = g_strdup_printf (_("Move “%s” down"), name);
  g_autofree char *edit_label = g_strdup_printf (_("Edit “%s”"), name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), name);
  g_autofree char *enabled_label = g_strdup_printf (_("“%s” enabled"), name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  GtkWidget *toggle;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "roster-method", g_object_ref (method), g_object_unref);

  if (roster_method_get_method_type (method) == ROSTER_METHOD_SELF)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button (self, method, "keys", NULL, _("_Keys…"), G_CALLBACK (keys_clicked_cb)));

  if (self->can_manage)
    {
      button = row_button (self, method, "up", "go-up-symbolic", up_label, G_CALLBACK (move_up_cb));
      gtk_widget_set_sensitive (button, position > 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = row_button (self, method, "down", "go-down-symbolic", down_label, G_CALLBACK (move_down_cb));
      gtk_widget_set_sensitive (button, position + 1 < n_methods);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, method, "edit", "document-edit-symbolic", edit_label,
                                             G_CALLBACK (edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, method, "delete", "user-trash-symbolic", delete_label,
                                             G_CALLBACK (delete_clicked_cb)));
    }

  toggle = gtk_switch_new ();
  gtk_widget_set_name (toggle, "enabled");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), roster_method_get_enabled (method));
  gtk_widget_set_sensitive (toggle, self->can_manage);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, enabled_label, -1);
  g_object_set_data_full (G_OBJECT (toggle), "roster-method", g_object_ref (method), g_object_unref);
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (enabled_changed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);

  return row;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list box's factory: a row for each method of the store. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  RosterMethodsPage *self = user_data;
  guint position = 0;

  g_list_store_find (self->methods, item, &position);
  return create_row (self, item, position, g_list_model_get_n_items (G_LIST_MODEL (self->methods)));
}

/* Shows @methods (NULL: none) in place of what was there. */
static void
replace_methods (RosterMethodsPage *self,
                 GListModel        *methods)
{
  guint n = methods != NULL ? g_list_model_get_n_items (methods) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (methods, i));
  /* One change, so each row is made knowing all the others. */
  g_list_store_splice (self->methods, 0, g_list_model_get_n_items (G_LIST_MODEL (self->methods)),
                       items->pdata, items->len);

  for (guint i = 0; i < n && self->focus_method_id != 0; i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, i));
      GtkWidget *button;

      if (roster_method_get_id (items->pdata[i]) != self->focus_method_id)
        continue;
      button = find_named (row, self->focus_button);
      /* At the top or bottom now: the other way is what is left. */
      if (button != NULL && !gtk_widget_get_sensitive (button))
        button = find_named (row, g_strcmp0 (self->focus_button, "up") == 0 ? "down" : "up");
      if (button != NULL)
        gtk_widget_grab_focus (button);
    }
  self->focus_method_id = 0;
}

/* Loading --------------------------------------------------------------- */

static void
set_loading (RosterMethodsPage *self,
             gboolean           loading)
{
  self->loading = loading;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterMethodsPage) self = user_data;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GError) error = NULL;

  methods = roster_client_list_methods_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (methods == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      return;
    }

  replace_methods (self, methods);
}

static void
load (RosterMethodsPage *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->client == NULL || self->course_id <= 0)
    {
      replace_methods (self, NULL);
      set_loading (self, FALSE);
      return;
    }

  set_loading (self, TRUE);
  roster_client_list_methods_async (self->client, self->course_id, self->load_cancellable,
                                    list_cb, g_object_ref (self));
}

static void
retry_clicked_cb (RosterMethodsPage *self)
{
  load (self);
}

static void
roster_methods_page_dispose (GObject *object)
{
  RosterMethodsPage *self = ROSTER_METHODS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_METHODS_PAGE);
  /* The template's box has no id, so dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->methods);

  G_OBJECT_CLASS (roster_methods_page_parent_class)->dispose (object);
}

static void
roster_methods_page_class_init (RosterMethodsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_methods_page_dispose;

  /**
   * RosterMethodsPage::show-keys:
   * @method: a self enrolment method
   *
   * Someone asked to see the method's keys.
   */
  signals[SHOW_KEYS] = g_signal_new ("show-keys", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_METHOD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-methods-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterMethodsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodsPage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-methods-page");
}

static void
roster_methods_page_init (RosterMethodsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->methods = g_list_store_new (ROSTER_TYPE_METHOD);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->methods), create_row_cb, self, NULL);
}

void
roster_methods_page_set_course (RosterMethodsPage *self,
                                RosterClient      *client,
                                RosterCourse      *course)
{
  g_return_if_fail (ROSTER_IS_METHODS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));
  g_return_if_fail (course == NULL || ROSTER_IS_COURSE (course));

  g_set_object (&self->client, client);
  self->course_id = course != NULL ? roster_course_get_id (course) : 0;
  self->can_manage = course != NULL && roster_course_has_capability (course, "methods.manage");
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->can_manage);
  load (self);
}

GListModel *
roster_methods_page_get_methods (RosterMethodsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_METHODS_PAGE (self), NULL);

  return G_LIST_MODEL (self->methods);
}

gboolean
roster_methods_page_get_loading (RosterMethodsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_METHODS_PAGE (self), FALSE);

  return self->loading;
}

gboolean
roster_methods_page_get_failed (RosterMethodsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_METHODS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->error_revealer);
}
