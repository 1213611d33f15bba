/* roster-groups-page.c: a course's groups, their members and the group mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-groups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-groups.h"
#include "roster-member.h"
#include "roster-groups-moderator.h"
#include "roster-groups-page.h"
#include "roster-groups-parts.h"
#include "roster-participant.h"
#include "roster-window.h"

/* Rows a search of the participants shows at most: enough to pick
 * from, and a course of thousands stays quick. */
#define MAX_RESULTS 100

struct _RosterGroupsPage
{
  GtkWidget      parent_instance;

  RosterClient  *client;
  RosterCourse  *course;
  /* Loads, cancelled by the next load; changes, cancelled on dispose
   * only so that a reload does not lose them; the participant search. */
  GCancellable  *cancellable;
  GCancellable  *members_cancellable;
  GCancellable  *changes_cancellable;
  GCancellable  *search_cancellable;

  GListStore    *groups;
  GListStore    *members;
  GListStore    *results;
  gint64         selected_id;
  /* While the lists or the mode's widgets are set from the server's
   * answer, their signals are not the user's doing. */
  gboolean       restoring;

  GtkDropDown   *mode_dropdown;
  GtkCheckButton *force_check;
  GtkWidget     *moderator_button;
  GtkRevealer   *error_revealer;
  GtkLabel      *error_label;
  GtkListBox    *groups_list;
  GtkWidget     *group_actions;
  GtkWidget     *rename_button;
  GtkWidget     *delete_button;
  GtkLabel      *members_title;
  GtkWidget     *add_member_button;
  GtkPopover    *add_member_popover;
  GtkSearchEntry *member_search_entry;
  GtkListBox    *results_list;
  GtkListBox    *members_list;
};

G_DEFINE_FINAL_TYPE (RosterGroupsPage, roster_groups_page, GTK_TYPE_WIDGET)

/* What a change in flight needs to report when it is done. */
typedef struct
{
  RosterGroupsPage *self;
  char             *person;
  char             *group;
} Change;

static Change *
change_new (RosterGroupsPage *self,
            const char       *person,
            const char       *group)
{
  Change *change = g_new0 (Change, 1);

  change->self = self;
  change->person = g_strdup (person);
  change->group = g_strdup (group);
  return change;
}

static void
change_free (Change *change)
{
  g_free (change->person);
  g_free (change->group);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

static void load_groups (RosterGroupsPage *self);

static gboolean
can_manage (RosterGroupsPage *self)
{
  return self->course != NULL && roster_course_has_capability (self->course, "groups.manage");
}

static void
toast (RosterGroupsPage *self,
       const char       *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
}

static RosterGroup *
selected_group (RosterGroupsPage *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->groups)); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (G_LIST_MODEL (self->groups), i);

      if (roster_group_get_id (group) == self->selected_id)
        return group;
    }
  return NULL;
}

static void
update_actions (RosterGroupsPage *self)
{
  RosterGroup *group = selected_group (self);
  gboolean manage = can_manage (self);

  gtk_widget_set_visible (self->group_actions, manage);
  gtk_widget_set_visible (self->moderator_button, manage);
  gtk_widget_set_visible (self->add_member_button, manage);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_dropdown), manage);
  gtk_widget_set_sensitive (GTK_WIDGET (self->force_check), manage);
  gtk_widget_set_sensitive (self->rename_button, group != NULL);
  gtk_widget_set_sensitive (self->delete_button, group != NULL);
  gtk_widget_set_sensitive (self->add_member_button, group != NULL);
  gtk_label_set_text (self->members_title, group != NULL ? roster_group_get_name (group) : _("No group selected"));
}

/* The course's mode as the widgets show it, without that being taken
 * for a change. */
static void
show_mode (RosterGroupsPage *self)
{
  self->restoring = TRUE;
  gtk_drop_down_set_selected (self->mode_dropdown,
                              self->course != NULL ? roster_course_get_group_mode (self->course) : 0);
  gtk_check_button_set_active (self->force_check,
                               self->course != NULL && roster_course_get_group_mode_forced (self->course));
  self->restoring = FALSE;
}

static void remove_member_clicked_cb (RosterGroupsPage *self,
                                      GtkButton        *button);

static GtkWidget *
group_row_new (gpointer item,
               gpointer user_data)
{
  return roster_group_row_new (item);
}

static GtkWidget *
member_row_new (gpointer item,
                gpointer user_data)
{
  RosterGroupsPage *self = user_data;
  GtkWidget *button = NULL;
  GtkWidget *row = roster_member_row_new (item, can_manage (self) ? &button : NULL);

  if (button != NULL)
    g_signal_connect_object (button, "clicked", G_CALLBACK (remove_member_clicked_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static GtkWidget *
result_row_new (gpointer item,
                gpointer user_data)
{
  return roster_participant_result_row_new (item);
}

/* ---- loading ---- */

static void
show_error (RosterGroupsPage *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
members_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GError) error = NULL;
  RosterGroupsPage *self;

  members = roster_client_list_group_members_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_GROUPS_PAGE (user_data);
  if (members == NULL)
    {
      show_error (self, error);
      return;
    }

  g_list_store_remove_all (self->members);
  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(GObject) member = g_list_model_get_item (members, i);

      g_list_store_append (self->members, member);
    }
}

static void
load_members (RosterGroupsPage *self)
{
  g_cancellable_cancel (self->members_cancellable);
  g_clear_object (&self->members_cancellable);
  g_list_store_remove_all (self->members);
  update_actions (self);
  if (self->client == NULL || self->selected_id == 0)
    return;

  self->members_cancellable = g_cancellable_new ();
  roster_client_list_group_members_async (self->client, self->selected_id, self->members_cancellable,
                                          members_loaded_cb, self);
}

static void
groups_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(GError) error = NULL;
  RosterGroupsPage *self;
  GtkListBoxRow *row = NULL;

  groups = roster_client_list_groups_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_GROUPS_PAGE (user_data);
  if (groups == NULL)
    {
      show_error (self, error);
      return;
    }

  /* The rows are made anew: the selection goes with them, and comes
   * back to the group that was selected if it is still there. */
  self->restoring = TRUE;
  g_list_store_remove_all (self->groups);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (groups, i);

      g_list_store_append (self->groups, group);
      if (roster_group_get_id (group) == self->selected_id)
        row = gtk_list_box_get_row_at_index (self->groups_list, (int) i);
    }
  self->restoring = FALSE;

  if (row != NULL)
    gtk_list_box_select_row (self->groups_list, row);
  else
    self->selected_id = 0;
  load_members (self);
}

static void
load_groups (RosterGroupsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (self->client == NULL || self->course == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  roster_client_list_groups_async (self->client, roster_course_get_id (self->course), self->cancellable,
                                   groups_loaded_cb, self);
}

static void
retry_clicked_cb (RosterGroupsPage *self)
{
  load_groups (self);
}

static void
group_selected_cb (RosterGroupsPage *self,
                   GtkListBoxRow    *row)
{
  g_autoptr(RosterGroup) group = NULL;

  if (self->restoring)
    return;
  if (row != NULL)
    group = g_list_model_get_item (G_LIST_MODEL (self->groups), gtk_list_box_row_get_index (row));
  self->selected_id = group != NULL ? roster_group_get_id (group) : 0;
  load_members (self);
}

/* ---- the group mode ---- */

static void
mode_set_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GError) error = NULL;
  RosterGroupsPage *self;

  course = roster_client_set_course_group_mode_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = ROSTER_GROUPS_PAGE (user_data);
  if (course == NULL)
    {
      toast (self, error->message);
      show_mode (self);
      return;
    }

  /* The course object is the window's: the other pages see the change. */
  roster_course_set_group_mode (self->course, roster_course_get_group_mode (course));
  roster_course_set_group_mode_forced (self->course, roster_course_get_group_mode_forced (course));
  show_mode (self);
  toast (self, _("Group mode changed"));
}

static void
mode_changed_cb (RosterGroupsPage *self)
{
  if (self->restoring || self->client == NULL || self->course == NULL)
    return;

  roster_client_set_course_group_mode_async (self->client, roster_course_get_id (self->course),
                                             gtk_drop_down_get_selected (self->mode_dropdown),
                                             gtk_check_button_get_active (self->force_check),
                                             self->changes_cancellable, mode_set_cb, self);
}

/* ---- new, rename, delete ---- */

static void
group_saved_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  /* The same callback for both: the source tag tells which it was. */
  if (g_task_get_source_tag (G_TASK (result)) == roster_client_create_group_async)
    {
      group = roster_client_create_group_finish (ROSTER_CLIENT (object), result, &error);
      /* TRANSLATORS: %s is a group's name. */
      title = group != NULL ? g_strdup_printf (_("Created group “%s”"), roster_group_get_name (group)) : NULL;
    }
  else
    {
      group = roster_client_rename_group_finish (ROSTER_CLIENT (object), result, &error);
      /* TRANSLATORS: %s is a group's new name. */
      title = group != NULL ? g_strdup_printf (_("Renamed the group to “%s”"), roster_group_get_name (group)) : NULL;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (group == NULL)
    {
      toast (change->self, error->message);
      return;
    }

  change->self->selected_id = roster_group_get_id (group);
  toast (change->self, title);
  load_groups (change->self);
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 RosterGroupsPage *self)
{
  g_autofree char *name = roster_group_name_dialog_get_name (dialog);

  if (g_strcmp0 (response, "ok") != 0 || *name == '\0')
    return;
  roster_client_create_group_async (self->client, roster_course_get_id (self->course), name, NULL,
                                    self->changes_cancellable, group_saved_cb, change_new (self, NULL, name));
}

static void
new_clicked_cb (RosterGroupsPage *self)
{
  AdwMessageDialog *dialog = roster_group_name_dialog_new (GTK_WIDGET (self), _("New Group"), _("C_reate"), "");

  g_signal_connect_object (dialog, "response", G_CALLBACK (new_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RosterGroupsPage *self)
{
  g_autofree char *name = roster_group_name_dialog_get_name (dialog);
  RosterGroup *group = selected_group (self);

  if (g_strcmp0 (response, "ok") != 0 || *name == '\0' || group == NULL)
    return;
  roster_client_rename_group_async (self->client, roster_group_get_id (group), name,
                                    self->changes_cancellable, group_saved_cb, change_new (self, NULL, name));
}

static void
rename_clicked_cb (RosterGroupsPage *self)
{
  RosterGroup *group = selected_group (self);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (group == NULL)
    return;
  /* TRANSLATORS: %s is a group's name. */
  heading = g_strdup_printf (_("Rename “%s”"), roster_group_get_name (group));
  dialog = roster_group_name_dialog_new (GTK_WIDGET (self), heading, _("Re_name"), roster_group_get_name (group));
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
group_deleted_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (!roster_client_delete_group_finish (ROSTER_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (change->self, error->message);
      return;
    }

  /* TRANSLATORS: %s is a group's name. */
  title = g_strdup_printf (_("Deleted group “%s”"), change->group);
  toast (change->self, title);
  load_groups (change->self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RosterGroupsPage *self)
{
  gint64 group_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "group-id"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "group-name");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  roster_client_delete_group_async (self->client, group_id, self->changes_cancellable,
                                    group_deleted_cb, change_new (self, NULL, name));
}

static void
delete_clicked_cb (RosterGroupsPage *self)
{
  RosterGroup *group = selected_group (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  gint64 n;

  if (group == NULL)
    return;
  n = roster_group_get_member_count (group);
  /* TRANSLATORS: %s is a group's name. */
  heading = g_strdup_printf (_("Delete “%s”?"), roster_group_get_name (group));
  if (n == 0)
    body = g_strdup (_("The group has no members."));
  else
    /* TRANSLATORS: the people of a group that is about to be deleted. */
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its %u member will leave the group but stay enrolled in the course.",
                                         "Its %u members will leave the group but stay enrolled in the course.",
                                         (gulong) n), (guint) n);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "group-id", GSIZE_TO_POINTER ((gsize) roster_group_get_id (group)));
  g_object_set_data_full (G_OBJECT (dialog), "group-name", g_strdup (roster_group_get_name (group)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- members ---- */

static void
member_changed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Change) change = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean added = g_task_get_source_tag (G_TASK (result)) == roster_client_add_group_member_async;
  gboolean done;

  if (added)
    done = roster_client_add_group_member_finish (ROSTER_CLIENT (object), result, &error);
  else
    done = roster_client_remove_group_member_finish (ROSTER_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (!done)
    {
      toast (change->self, error->message);
      return;
    }

  /* TRANSLATORS: "Added Rachel Fischer to Group A". */
  title = g_strdup_printf (added ? _("Added %s to %s") : _("Removed %s from %s"), change->person, change->group);
  toast (change->self, title);
  /* The groups' counts change too. */
  load_groups (change->self);
}

static void
remove_member_clicked_cb (RosterGroupsPage *self,
                          GtkButton        *button)
{
  RosterMember *member = g_object_get_data (G_OBJECT (button), "member");
  RosterGroup *group = selected_group (self);

  if (group == NULL || self->client == NULL)
    return;
  roster_client_remove_group_member_async (self->client, roster_group_get_id (group),
                                           roster_member_get_id (member), self->changes_cancellable,
                                           member_changed_cb,
                                           change_new (self, roster_member_get_full_name (member),
                                                       roster_group_get_name (group)));
}

static void
results_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!roster_client_search_participants_finish (ROSTER_CLIENT (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (ROSTER_GROUPS_PAGE (user_data), error->message);
}

static void
member_search_changed_cb (RosterGroupsPage *self)
{
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_list_store_remove_all (self->results);
  if (self->client == NULL || self->course == NULL)
    return;

  self->search_cancellable = g_cancellable_new ();
  roster_client_search_participants_async (self->client, roster_course_get_id (self->course),
                                           gtk_editable_get_text (GTK_EDITABLE (self->member_search_entry)),
                                           self->results, MAX_RESULTS, self->search_cancellable,
                                           results_done_cb, self);
}

static void
add_member_shown_cb (RosterGroupsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->member_search_entry), "");
  member_search_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->member_search_entry));
}

static void
result_activated_cb (RosterGroupsPage *self,
                     GtkListBoxRow    *row)
{
  g_autoptr(RosterParticipant) participant = NULL;
  RosterGroup *group = selected_group (self);

  participant = g_list_model_get_item (G_LIST_MODEL (self->results), gtk_list_box_row_get_index (row));
  if (participant == NULL || group == NULL || self->client == NULL)
    return;

  gtk_popover_popdown (self->add_member_popover);
  roster_client_add_group_member_async (self->client, roster_group_get_id (group),
                                        roster_participant_get_user_id (participant), self->changes_cancellable,
                                        member_changed_cb,
                                        change_new (self, roster_participant_get_full_name (participant),
                                                    roster_group_get_name (group)));
}

/* Enter in the search adds the first person found. */
static void
member_search_activate_cb (RosterGroupsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (row != NULL)
    result_activated_cb (self, row);
}

/* ---- external moderators ---- */

static void
moderator_done_cb (gpointer user_data)
{
  load_groups (ROSTER_GROUPS_PAGE (user_data));
}

static void
moderator_clicked_cb (RosterGroupsPage *self)
{
  if (self->client == NULL || self->course == NULL)
    return;
  roster_groups_moderator_run (GTK_WIDGET (self), self->client, roster_course_get_id (self->course),
                               G_LIST_MODEL (self->groups), self->changes_cancellable,
                               moderator_done_cb, self);
}

/* ---- the widget ---- */

static void
roster_groups_page_dispose (GObject *object)
{
  RosterGroupsPage *self = ROSTER_GROUPS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->members_cancellable);
  g_cancellable_cancel (self->changes_cancellable);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->members_cancellable);
  g_clear_object (&self->changes_cancellable);
  g_clear_object (&self->search_cancellable);

  /* The lists emit row-selected while their rows go: not the user's doing. */
  self->restoring = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_GROUPS_PAGE);
  /* The template's top-level children that have no id of their own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->groups);
  g_clear_object (&self->members);
  g_clear_object (&self->results);

  G_OBJECT_CLASS (roster_groups_page_parent_class)->dispose (object);
}

static void
roster_groups_page_class_init (RosterGroupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_groups_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-groups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, force_check);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, moderator_button);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, group_actions);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, rename_button);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, members_title);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, add_member_button);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, add_member_popover);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, member_search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, RosterGroupsPage, members_list);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, moderator_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_member_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-groups-page");
}

static void
roster_groups_page_init (RosterGroupsPage *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));
  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);

  self->changes_cancellable = g_cancellable_new ();
  self->groups = g_list_store_new (ROSTER_TYPE_GROUP);
  self->members = g_list_store_new (ROSTER_TYPE_MEMBER);
  self->results = g_list_store_new (ROSTER_TYPE_PARTICIPANT);
  gtk_list_box_bind_model (self->groups_list, G_LIST_MODEL (self->groups), group_row_new, self, NULL);
  gtk_list_box_bind_model (self->members_list, G_LIST_MODEL (self->members), member_row_new, self, NULL);
  gtk_list_box_bind_model (self->results_list, G_LIST_MODEL (self->results), result_row_new, self, NULL);
  gtk_list_box_set_placeholder (self->groups_list, roster_placeholder_new (_("No groups yet")));
  gtk_list_box_set_placeholder (self->members_list, roster_placeholder_new (_("No members")));
  update_actions (self);
}

void
roster_groups_page_set_course (RosterGroupsPage *self,
                               RosterClient     *client,
                               RosterCourse     *course)
{
  g_return_if_fail (ROSTER_IS_GROUPS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));
  g_return_if_fail (course == NULL || ROSTER_IS_COURSE (course));

  g_set_object (&self->client, client);
  g_set_object (&self->course, course);
  show_mode (self);
  update_actions (self);
  load_groups (self);
}

gboolean
roster_groups_page_get_failed (RosterGroupsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_GROUPS_PAGE (self), FALSE);

  return gtk_revealer_get_reveal_child (self->error_revealer);
}
