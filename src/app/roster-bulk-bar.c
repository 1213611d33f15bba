/* roster-bulk-bar.c: actions on the selected participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-bulk-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-bulk-action.h"
#include "roster-bulk-bar.h"
#include "roster-group.h"
#include "roster-window.h"

struct _RosterBulkBar
{
  GtkWidget              parent_instance;

  RosterClient          *client;
  RosterParticipantList *list;
  GtkSelectionModel     *selection;
  GListModel            *groups;
  gboolean               can_manage_enrolments;
  gboolean               can_manage_groups;

  /* The action under way, if any. */
  RosterBulkAction      *running;
  GCancellable          *cancellable;

  GtkRevealer           *revealer;
  GtkLabel              *selected_label;
  GtkStack              *stack;
  GtkMenuButton         *role_button;
  GtkMenuButton         *group_button;
  GtkProgressBar        *progress_bar;
};

G_DEFINE_FINAL_TYPE (RosterBulkBar, roster_bulk_bar, GTK_TYPE_WIDGET)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static guint
get_n_selected (RosterBulkBar *self)
{
  g_autoptr(GtkBitset) selected = NULL;

  if (self->selection == NULL)
    return 0;
  selected = gtk_selection_model_get_selection (self->selection);
  return (guint) gtk_bitset_get_size (selected);
}

static GPtrArray *
dup_selected (RosterBulkBar *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (self->selection);
  GPtrArray *participants = g_ptr_array_new_full (gtk_bitset_get_size (selected), g_object_unref);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (participants, g_list_model_get_item (G_LIST_MODEL (self->selection), position));
  return participants;
}

static void
update_actions (RosterBulkBar *self)
{
  guint n_selected = get_n_selected (self);
  gboolean idle = self->running == NULL;
  gboolean enrolments = idle && n_selected > 0 && self->can_manage_enrolments;
  gboolean groups = idle && n_selected > 0 && self->can_manage_groups &&
                    self->groups != NULL && g_list_model_get_n_items (self->groups) > 0;
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.suspend", enrolments);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.reactivate", enrolments);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.change-role", enrolments);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.unenrol", enrolments);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.add-to-group", groups);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bulk.stop", !idle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->role_button), enrolments);
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_button), groups);

  /* Staff who may change nothing get no bar at all. */
  gtk_revealer_set_reveal_child (self->revealer,
                                 !idle || (n_selected > 0 && (self->can_manage_enrolments || self->can_manage_groups)));

  /* TRANSLATORS: how many rows of the participants table are selected. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n_selected), n_selected);
  gtk_label_set_text (self->selected_label, text);
}

static void
show_toast (RosterBulkBar *self,
            const char    *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* What was done, in words, for a toast. */
static char *
dup_summary (RosterBulkAction *action,
             const char       *target)
{
  guint n = roster_bulk_action_get_changed (action)->len;

  if (roster_bulk_action_get_n_total (action) == 0)
    return g_strdup (_("Nothing to change: the selected participants already are as asked"));

  switch (roster_bulk_action_get_kind (action))
    {
    case ROSTER_BULK_SUSPEND:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Suspended %u participant", "Suspended %u participants", n), n);
    case ROSTER_BULK_REACTIVATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reactivated %u participant", "Reactivated %u participants", n), n);
    case ROSTER_BULK_CHANGE_ROLE:
      /* TRANSLATORS: %2$s is a role within a sentence, e.g. "teacher". */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u participant is now %2$s", "%1$u participants are now %2$s", n),
                              n, target);
    case ROSTER_BULK_ADD_TO_GROUP:
      /* TRANSLATORS: %2$s is the name of a group. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %1$u participant to “%2$s”", "Added %1$u participants to “%2$s”", n),
                              n, target);
    case ROSTER_BULK_UNENROL:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unenrolled %u participant", "Unenrolled %u participants", n), n);
    }
}

static void
progress_cb (RosterBulkBar *self)
{
  guint done = roster_bulk_action_get_n_done (self->running);
  guint total = roster_bulk_action_get_n_total (self->running);
  g_autofree char *text = NULL;

  /* TRANSLATORS: progress of a change to many participants. */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
run_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterBulkBar) self = user_data;
  RosterBulkAction *action = ROSTER_BULK_ACTION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char *target = g_object_get_data (object, "roster-target");
  GPtrArray *changed = roster_bulk_action_get_changed (action);

  roster_bulk_action_run_finish (action, result, &error);

  /* Stopped because the page went away: nothing left to show it on. */
  if (self->stack == NULL)
    return;

  /* The rows the server changed are shown as they are now, even when
   * the rest was stopped. */
  if (self->list != NULL && changed->len > 0)
    {
      if (roster_bulk_action_get_kind (action) == ROSTER_BULK_UNENROL)
        roster_participant_list_remove (self->list, changed);
      else
        roster_participant_list_refilter (self->list);
    }

  summary = dup_summary (action, target);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *stopped = g_strdup_printf (_("Stopped. %s"), summary);
      show_toast (self, stopped);
    }
  else if (error != NULL)
    {
      g_autofree char *failed = g_strdup_printf (_("%s. The rest was not changed: %s"), summary, error->message);
      show_toast (self, failed);
    }
  else if (roster_bulk_action_get_n_failed (action) > 0)
    {
      guint n_failed = roster_bulk_action_get_n_failed (action);
      g_autofree char *failed = NULL;

      /* TRANSLATORS: %1$s says what was done; %3$s is the server's reason. */
      failed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s. %2$u could not be changed: %3$s",
                                             "%1$s. %2$u could not be changed: %3$s", n_failed),
                                summary, n_failed, roster_bulk_action_get_first_error (action));
      show_toast (self, failed);
    }
  else
    show_toast (self, summary);

  g_signal_handlers_disconnect_by_func (action, progress_cb, self);
  g_clear_object (&self->running);
  g_clear_object (&self->cancellable);
  gtk_stack_set_visible_child_name (self->stack, "actions");
  update_actions (self);
  g_signal_emit (self, signals[DONE], 0, action);
}

static void
run (RosterBulkBar  *self,
     RosterBulkKind  kind,
     RosterRole      role,
     RosterGroup    *group)
{
  g_autoptr(GPtrArray) participants = NULL;

  if (self->running != NULL || self->client == NULL || self->selection == NULL)
    return;

  participants = dup_selected (self);
  self->running = roster_bulk_action_new (self->client, kind, participants);
  if (role != ROSTER_ROLE_NONE)
    {
      roster_bulk_action_set_role (self->running, role);
      g_object_set_data (G_OBJECT (self->running), "roster-target", (gpointer) roster_role_get_noun (role));
    }
  if (group != NULL)
    {
      roster_bulk_action_set_group (self->running, roster_group_get_id (group), roster_group_get_name (group));
      g_object_set_data_full (G_OBJECT (self->running), "roster-target",
                              g_strdup (roster_group_get_name (group)), g_free);
    }

  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->running, "notify::n-done", G_CALLBACK (progress_cb), self, G_CONNECT_SWAPPED);
  roster_bulk_action_run_async (self->running, self->cancellable, run_done_cb, g_object_ref (self));

  progress_cb (self);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
}

static void
suspend_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  run (ROSTER_BULK_BAR (widget), ROSTER_BULK_SUSPEND, ROSTER_ROLE_NONE, NULL);
}

static void
reactivate_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  run (ROSTER_BULK_BAR (widget), ROSTER_BULK_REACTIVATE, ROSTER_ROLE_NONE, NULL);
}

static void
change_role_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterRole role;

  if (!roster_role_from_string (g_variant_get_string (parameter, NULL), &role))
    g_return_if_reached ();
  run (ROSTER_BULK_BAR (widget), ROSTER_BULK_CHANGE_ROLE, role, NULL);
}

static void
add_to_group_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RosterBulkBar *self = ROSTER_BULK_BAR (widget);
  gint64 group_id = g_variant_get_int64 (parameter);

  for (guint i = 0; self->groups != NULL && i < g_list_model_get_n_items (self->groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (self->groups, i);

      if (roster_group_get_id (group) == group_id)
        {
          run (self, ROSTER_BULK_ADD_TO_GROUP, ROSTER_ROLE_NONE, group);
          return;
        }
    }
}

static void
unenrol_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RosterBulkBar    *self)
{
  if (g_strcmp0 (response, "unenrol") == 0)
    run (self, ROSTER_BULK_UNENROL, ROSTER_ROLE_NONE, NULL);
}

static void
unenrol_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RosterBulkBar *self = ROSTER_BULK_BAR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  guint n = get_n_selected (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (n == 0 || self->running != NULL)
    return;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Unenrol %u participant?", "Unenrol %u participants?", n), n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("They leave the course and all its groups, and lose access at once. "
                                     "Enrolling them again does not bring their groups back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unenrol", _("_Unenrol"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unenrol", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (unenrol_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
stop_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  g_cancellable_cancel (ROSTER_BULK_BAR (widget)->cancellable);
}

static void
rebuild_group_menu (RosterBulkBar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint i = 0; self->groups != NULL && i < g_list_model_get_n_items (self->groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (self->groups, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (roster_group_get_name (group), NULL);

      g_menu_item_set_action_and_target_value (item, "bulk.add-to-group",
                                               g_variant_new_int64 (roster_group_get_id (group)));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->group_button, G_MENU_MODEL (menu));
}

static void
roster_bulk_bar_dispose (GObject *object)
{
  RosterBulkBar *self = ROSTER_BULK_BAR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_BULK_BAR);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->running);
  g_clear_object (&self->client);
  g_clear_object (&self->list);
  g_clear_object (&self->selection);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (roster_bulk_bar_parent_class)->dispose (object);
}

static void
roster_bulk_bar_class_init (RosterBulkBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_bulk_bar_dispose;

  /**
   * RosterBulkBar::done:
   * @action: the #RosterBulkAction that ended
   *
   * Emitted when an action ends, however it ended.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_BULK_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-bulk-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, selected_label);
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, role_button);
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, group_button);
  gtk_widget_class_bind_template_child (widget_class, RosterBulkBar, progress_bar);

  gtk_widget_class_install_action (widget_class, "bulk.suspend", NULL, suspend_cb);
  gtk_widget_class_install_action (widget_class, "bulk.reactivate", NULL, reactivate_cb);
  gtk_widget_class_install_action (widget_class, "bulk.change-role", "s", change_role_cb);
  gtk_widget_class_install_action (widget_class, "bulk.add-to-group", "x", add_to_group_cb);
  gtk_widget_class_install_action (widget_class, "bulk.unenrol", NULL, unenrol_cb);
  gtk_widget_class_install_action (widget_class, "bulk.stop", NULL, stop_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-bulk-bar");
}

static void
roster_bulk_bar_init (RosterBulkBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rebuild_group_menu (self);
  update_actions (self);
}

GtkWidget *
roster_bulk_bar_new (void)
{
  return g_object_new (ROSTER_TYPE_BULK_BAR, NULL);
}

/**
 * roster_bulk_bar_setup:
 * @self: a #RosterBulkBar
 * @list: the participants, for taking out the unenrolled
 * @selection: the view's selection, whose rows the actions change
 *
 * Connects the bar to a table; done once.
 */
void
roster_bulk_bar_setup (RosterBulkBar         *self,
                       RosterParticipantList *list,
                       GtkSelectionModel     *selection)
{
  g_return_if_fail (ROSTER_IS_BULK_BAR (self));
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (list));
  g_return_if_fail (GTK_IS_SELECTION_MODEL (selection));
  g_return_if_fail (self->selection == NULL);

  self->list = g_object_ref (list);
  self->selection = g_object_ref (selection);
  g_signal_connect_object (selection, "selection-changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/**
 * roster_bulk_bar_set_course:
 * @self: a #RosterBulkBar
 * @client: (nullable): the signed-in client
 * @can_manage_enrolments: whether the user may suspend, change roles and unenrol
 * @can_manage_groups: whether the user may put people in groups
 *
 * Says whose rows the bar changes and what it may offer; an action
 * under way for another course is stopped.
 */
void
roster_bulk_bar_set_course (RosterBulkBar *self,
                            RosterClient  *client,
                            gboolean       can_manage_enrolments,
                            gboolean       can_manage_groups)
{
  g_return_if_fail (ROSTER_IS_BULK_BAR (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->client, client);
  self->can_manage_enrolments = can_manage_enrolments;
  self->can_manage_groups = can_manage_groups;
  roster_bulk_bar_set_groups (self, NULL);
}

/**
 * roster_bulk_bar_set_groups:
 * @self: a #RosterBulkBar
 * @groups: (nullable): the course's groups, a #GListModel of #RosterGroup
 *
 * The groups "Add to Group" offers.
 */
void
roster_bulk_bar_set_groups (RosterBulkBar *self,
                            GListModel    *groups)
{
  g_return_if_fail (ROSTER_IS_BULK_BAR (self));
  g_return_if_fail (groups == NULL || G_IS_LIST_MODEL (groups));

  g_set_object (&self->groups, groups);
  rebuild_group_menu (self);
  update_actions (self);
}

gboolean
roster_bulk_bar_get_busy (RosterBulkBar *self)
{
  g_return_val_if_fail (ROSTER_IS_BULK_BAR (self), FALSE);

  return self->running != NULL;
}
