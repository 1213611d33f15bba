/* roster-groups-moderator.c: "Add External Moderator to Groups…"
 *
 * An external moderator sees only the submissions of their groups'
 * students (under separate groups), so putting them in the right groups
 * is how their access is limited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-groups-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "roster-group.h"
#include "roster-groups-moderator.h"
#include "roster-participant.h"
#include "roster-window.h"

typedef struct
{
  GtkWidget                 *parent;
  RosterClient              *client;
  GCancellable              *cancellable;
  GPtrArray                 *groups;      /* RosterGroup */
  GPtrArray                 *moderators;  /* RosterParticipant */
  GPtrArray                 *checks;      /* GtkCheckButton, one per group */
  GtkDropDown               *dropdown;
  AdwMessageDialog          *dialog;
  RosterGroupsModeratorDone  done;
  gpointer                   user_data;
  guint                      pending;
  guint                      added;
  char                      *failure;
  char                      *person;
} Run;

static void
run_clear (Run *run)
{
  g_clear_object (&run->parent);
  g_clear_object (&run->client);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->groups, g_ptr_array_unref);
  g_clear_pointer (&run->moderators, g_ptr_array_unref);
  g_clear_pointer (&run->checks, g_ptr_array_unref);
  g_clear_pointer (&run->failure, g_free);
  g_clear_pointer (&run->person, g_free);
}

static void
run_unref (Run *run)
{
  g_rc_box_release_full (run, (GDestroyNotify) run_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_unref)

static void
toast (Run        *run,
       const char *title)
{
  GtkRoot *root = gtk_widget_get_root (run->parent);

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (roster_client_add_group_member_finish (ROSTER_CLIENT (object), result, &error))
    run->added++;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (run->failure == NULL)
    run->failure = g_strdup (error->message);

  if (--run->pending > 0)
    return;

  if (run->failure != NULL)
    toast (run, run->failure);
  if (run->added > 0)
    {
      /* TRANSLATORS: "Added Rachel Fischer to 2 groups". */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %s to %u group", "Added %s to %u groups",
                                            run->added),
                               run->person, run->added);
      toast (run, title);
    }
  run->done (run->user_data);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Run              *run)
{
  RosterParticipant *moderator;
  guint selected = gtk_drop_down_get_selected (run->dropdown);

  if (g_strcmp0 (response, "add") != 0 || selected >= run->moderators->len)
    return;

  moderator = run->moderators->pdata[selected];
  g_free (run->person);
  run->person = g_strdup (roster_participant_get_full_name (moderator));
  for (guint i = 0; i < run->checks->len; i++)
    {
      /* Those they are in already are ticked but not sensitive. */
      if (!gtk_check_button_get_active (run->checks->pdata[i]) ||
          !gtk_widget_get_sensitive (run->checks->pdata[i]))
        continue;
      run->pending++;
      roster_client_add_group_member_async (run->client, roster_group_get_id (run->groups->pdata[i]),
                                            roster_participant_get_user_id (moderator), run->cancellable,
                                            added_cb, g_rc_box_acquire (run));
    }
}

static void
update_response (Run *run)
{
  gboolean any = FALSE;

  for (guint i = 0; i < run->checks->len; i++)
    any |= gtk_check_button_get_active (run->checks->pdata[i]) && gtk_widget_get_sensitive (run->checks->pdata[i]);
  adw_message_dialog_set_response_enabled (run->dialog, "add", any);
}

/* The groups the picked moderator is in already are ticked and cannot
 * be changed here (the members list removes); the others are for
 * ticking. */
static void
moderator_picked (Run *run)
{
  guint selected = gtk_drop_down_get_selected (run->dropdown);
  RosterParticipant *moderator;

  if (selected >= run->moderators->len)
    return;
  moderator = run->moderators->pdata[selected];
  for (guint i = 0; i < run->checks->len; i++)
    {
      gboolean member = roster_participant_in_group (moderator, roster_group_get_id (run->groups->pdata[i]));

      gtk_check_button_set_active (run->checks->pdata[i], member);
      gtk_widget_set_sensitive (run->checks->pdata[i], !member);
    }
  update_response (run);
}

static void
show_dialog (Run *run)
{
  GtkRoot *root = gtk_widget_get_root (run->parent);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;

  for (guint i = 0; i < run->moderators->len; i++)
    {
      RosterParticipant *moderator = run->moderators->pdata[i];
      g_autofree char *name = g_strdup_printf ("%s (%s)", roster_participant_get_full_name (moderator),
                                               roster_participant_get_username (moderator));

      gtk_string_list_append (names, name);
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add External Moderator to Groups"),
                                   _("Under separate groups, an external moderator sees only the submissions "
                                     "of their groups’ students."));
  run->dialog = ADW_MESSAGE_DIALOG (dialog);

  label = gtk_label_new_with_mnemonic (_("_External moderator"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  run->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (run->dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (run->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("External moderator"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (run->dropdown));

  label = gtk_label_new (_("Groups"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  for (guint i = 0; i < run->groups->len; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (roster_group_get_name (run->groups->pdata[i]));

      g_ptr_array_add (run->checks, check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_response), run);
      gtk_box_append (GTK_BOX (box), check);
    }

  adw_message_dialog_set_extra_child (run->dialog, box);
  adw_message_dialog_add_responses (run->dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add to Groups"),
                                    NULL);
  adw_message_dialog_set_response_appearance (run->dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (run->dialog, "add");
  adw_message_dialog_set_close_response (run->dialog, "cancel");

  /* The dialog holds the run until it is gone; each addition holds it
   * until its answer. */
  g_object_set_data_full (G_OBJECT (dialog), "run", g_rc_box_acquire (run), (GDestroyNotify) run_unref);
  g_signal_connect_swapped (run->dropdown, "notify::selected", G_CALLBACK (moderator_picked), run);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), run);
  moderator_picked (run);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
moderators_batch_cb (GPtrArray *batch,
                     guint      n_loaded,
                     gpointer   user_data)
{
  GPtrArray *moderators = user_data;

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (moderators, g_object_ref (batch->pdata[i]));
}

static void
moderators_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Run) run = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_client_stream_participants_finish (ROSTER_CLIENT (object), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (run, error->message);
      return;
    }
  if (run->moderators->len == 0)
    toast (run, _("Nobody in this course is an external moderator"));
  else if (run->groups->len == 0)
    toast (run, _("The course has no groups yet"));
  else
    show_dialog (run);
}

void
roster_groups_moderator_run (GtkWidget                 *parent,
                             RosterClient              *client,
                             gint64                     course_id,
                             GListModel                *groups,
                             GCancellable              *cancellable,
                             RosterGroupsModeratorDone  done,
                             gpointer                   user_data)
{
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  Run *run;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (G_IS_LIST_MODEL (groups));

  run = g_rc_box_new0 (Run);
  run->parent = g_object_ref (parent);
  run->client = g_object_ref (client);
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->groups = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    g_ptr_array_add (run->groups, g_list_model_get_item (groups, i));
  run->moderators = g_ptr_array_new_with_free_func (g_object_unref);
  run->checks = g_ptr_array_new ();
  run->done = done;
  run->user_data = user_data;

  g_hash_table_insert (filters, (char *) "role", (char *) "external_moderator");
  roster_client_stream_participants_async (client, course_id, filters, moderators_batch_cb,
                                           g_ptr_array_ref (run->moderators), (GDestroyNotify) g_ptr_array_unref,
                                           cancellable, moderators_loaded_cb, run);
}
