/* roster-user-actions.c: what an administrator does to an account,
 * with the asking and the telling around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-user-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-users.h"
#include "roster-password-dialog.h"
#include "roster-user-actions.h"
#include "roster-window.h"

gboolean
roster_user_action_applies (RosterUserAction  action,
                            RosterUser       *user,
                            gint64            me_id)
{
  RosterUserState state;
  gboolean is_me;

  g_return_val_if_fail (ROSTER_IS_USER (user), FALSE);

  state = roster_user_get_state (user);
  is_me = me_id > 0 && roster_user_get_id (user) == me_id;

  switch (action)
    {
    case ROSTER_USER_ACTION_ACTIVATE:
      return state == ROSTER_USER_STATE_PENDING;
    case ROSTER_USER_ACTION_REACTIVATE:
      return state == ROSTER_USER_STATE_SUSPENDED;
    case ROSTER_USER_ACTION_SUSPEND:
      /* The last administrator is the server's to refuse: only it knows. */
      return state == ROSTER_USER_STATE_ACTIVE && !is_me;
    case ROSTER_USER_ACTION_UNLOCK:
      return state != ROSTER_USER_STATE_ERASED &&
             roster_user_get_locked_until (user) > g_get_real_time () / G_USEC_PER_SEC;
    case ROSTER_USER_ACTION_SET_PASSWORD:
      return state != ROSTER_USER_STATE_ERASED;
    case ROSTER_USER_ACTION_ERASE:
      return state != ROSTER_USER_STATE_ERASED && !is_me;
    default:
      g_return_val_if_reached (FALSE);
    }
}

typedef struct
{
  GtkWidget        *parent;
  RosterClient     *client;
  RosterUser       *user;
  RosterUserAction  action;
  char             *name;
  GtkWindow        *dialog;         /* while one is asking */
  gulong            cancelled_id;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->client);
  g_clear_object (&data->user);
  g_free (data->name);
  g_free (data);
}

/* The person's name, or their username when they have none. */
static char *
dup_name (RosterUser *user)
{
  g_autofree char *name = roster_user_dup_full_name (user);

  if (name == NULL || *name == '\0')
    return g_strdup (roster_user_get_username (user));
  return g_steal_pointer (&name);
}

static void
show_toast (GtkWidget  *parent,
            const char *title)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 6);
  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Says what was done, or what went wrong, and finishes @task. */
static void
finish (GTask      *task,
        RosterUser *user,
        GError     *error)
{
  RunData *data = g_task_get_task_data (task);
  g_autofree char *text = NULL;

  if (data->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (task), data->cancelled_id);
  data->cancelled_id = 0;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* TRANSLATORS: %s is a person's name, the second %s why it failed. */
          text = g_strdup_printf (_("Nothing was changed for %s: %s"), data->name, error->message);
          show_toast (data->parent, text);
        }
      g_task_return_error (task, error);
      return;
    }

  switch (data->action)
    {
    case ROSTER_USER_ACTION_ACTIVATE:
      /* TRANSLATORS: %s is a person's name. */
      text = g_strdup_printf (_("%s can sign in now"), data->name);
      break;
    case ROSTER_USER_ACTION_REACTIVATE:
    case ROSTER_USER_ACTION_UNLOCK:
      /* TRANSLATORS: %s is a person's name. */
      text = g_strdup_printf (_("%s can sign in again"), data->name);
      break;
    case ROSTER_USER_ACTION_SUSPEND:
      /* TRANSLATORS: %s is a person's name. */
      text = g_strdup_printf (_("%s is suspended and was signed out everywhere"), data->name);
      break;
    case ROSTER_USER_ACTION_SET_PASSWORD:
      /* TRANSLATORS: %s is a person's name. */
      text = g_strdup_printf (_("%s has a new password and was signed out everywhere"), data->name);
      break;
    case ROSTER_USER_ACTION_ERASE:
      /* TRANSLATORS: %s is the name the person had. */
      text = g_strdup_printf (_("%s's personal data was erased"), data->name);
      break;
    default:
      g_assert_not_reached ();
    }
  show_toast (data->parent, text);
  g_task_return_pointer (task, user, user != NULL ? g_object_unref : NULL);
}

static void
change_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  RosterUser *user = roster_client_change_user_finish (ROSTER_CLIENT (object), result, &error);

  finish (task, user, error);
}

static void
erase_user_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  roster_client_erase_user_finish (ROSTER_CLIENT (object), result, &error);
  finish (task, NULL, error);
}

static void
start (GTask *task)
{
  RunData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  gint64 id = roster_user_get_id (data->user);

  switch (data->action)
    {
    case ROSTER_USER_ACTION_ACTIVATE:
    case ROSTER_USER_ACTION_REACTIVATE:
      roster_client_change_user_async (data->client, id, ROSTER_USER_CHANGE_ACTIVATE, cancellable,
                                       change_user_cb, g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_SUSPEND:
      roster_client_change_user_async (data->client, id, ROSTER_USER_CHANGE_SUSPEND, cancellable,
                                       change_user_cb, g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_UNLOCK:
      roster_client_change_user_async (data->client, id, ROSTER_USER_CHANGE_UNLOCK, cancellable,
                                       change_user_cb, g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_ERASE:
      roster_client_erase_user_async (data->client, id, cancellable, erase_user_cb, g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_SET_PASSWORD:
    default:
      g_assert_not_reached ();
    }
}

static void
said_no (GTask *task)
{
  finish (task, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The administrator said no")));
}

/* ---- the questions ---- */

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GTask            *task)
{
  RunData *data = g_task_get_task_data (task);

  /* Once: the dialog goes, and so does this task's hold on it. */
  g_signal_handlers_disconnect_by_data (dialog, task);
  data->dialog = NULL;

  if (g_strcmp0 (response, "suspend") == 0 || g_strcmp0 (response, "erase") == 0)
    start (task);
  else
    said_no (task);
  g_object_unref (task);
}

static void
confirm_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  const char *username = g_object_get_data (G_OBJECT (entry), "roster-username");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gboolean typed = g_strcmp0 (text, username) == 0;

  adw_message_dialog_set_response_enabled (dialog, "erase", typed);
  /* Enter erases only once the username is there; before, it does nothing. */
  adw_message_dialog_set_default_response (dialog, typed ? "erase" : "cancel");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), typed);
}

static GtkWindow *
ask_suspend (RunData *data)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  /* TRANSLATORS: %s is a person's name. */
  heading = g_strdup_printf (_("Suspend %s?"), data->name);
  dialog = adw_message_dialog_new (parent_window (data->parent), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* TRANSLATORS: %s is a person's name. */
                                  _("All of %s's sessions end at once, and they cannot sign in until "
                                    "an administrator reactivates the account. Their enrolments stay as they are."),
                                  data->name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "suspend", _("_Suspend"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "suspend", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return GTK_WINDOW (dialog);
}

/* The deliberate step: the username typed again, which also makes sure
 * it is this person and not the one next to them in the list. */
static GtkWindow *
ask_erase (RunData *data)
{
  const char *username = roster_user_get_username (data->user);
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *entry;
  g_autofree char *heading = NULL;
  g_autofree char *prompt = NULL;

  /* TRANSLATORS: %s is a person's name. */
  heading = g_strdup_printf (_("Erase %s?"), data->name);
  dialog = adw_message_dialog_new (parent_window (data->parent), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* TRANSLATORS: %s is a person's name. */
                                  _("Erasing %s's personal data cannot be undone.\n\n"
                                    "Destroyed: their names, e-mail address, username and password, the reasons "
                                    "they gave in removal requests, and all mail to them.\n\n"
                                    "Kept, anonymised: their enrolments and group memberships, so course counts "
                                    "stay true; the audit log, with their name removed from it."),
                                  data->name);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* TRANSLATORS: %s is a username. */
  prompt = g_strdup_printf (_("To confirm, type the username “%s”:"), username);
  label = gtk_label_new (prompt);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  entry = gtk_entry_new ();
  gtk_widget_set_name (entry, "confirm-username");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Username to confirm"), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
  g_object_set_data_full (G_OBJECT (entry), "roster-username", g_strdup (username), g_free);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "erase", _("_Erase"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "erase", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "erase", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (confirm_changed_cb), dialog);
  gtk_window_set_focus (GTK_WINDOW (dialog), entry);
  return GTK_WINDOW (dialog);
}

/* The password dialog does the request itself, to show the server's
 * objections inline; the task is done once the server has the
 * password (the dialog may stay, to show a generated one). */
static void
password_set_cb (RosterPasswordDialog *dialog,
                 gboolean              generated,
                 GTask                *task)
{
  RunData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  RosterUser *after;

  g_signal_handlers_disconnect_by_data (dialog, task);
  data->dialog = NULL;

  /* The account as it is now: the same, but no longer locked. */
  roster_user_to_json (data->user, builder);
  node = json_builder_get_root (builder);
  after = roster_user_new_from_json (json_node_get_object (node), NULL);
  if (after == NULL)
    after = g_object_ref (data->user);
  roster_user_set_locked_until (after, 0);

  finish (task, after, NULL);
  g_object_unref (task);
}

static void
password_destroy_cb (GtkWidget *dialog,
                     GTask     *task)
{
  RunData *data = g_task_get_task_data (task);

  g_signal_handlers_disconnect_by_data (dialog, task);
  data->dialog = NULL;
  said_no (task);
  g_object_unref (task);
}

static void
close_question (GTask *task)
{
  RunData *data = g_task_get_task_data (task);

  /* Every way a question ends clears data->dialog first. */
  if (data->dialog != NULL)
    gtk_window_close (data->dialog);
  g_object_unref (task);
}

static void
cancelled_cb (GCancellable *cancellable,
              GTask        *task)
{
  /* Only a question still open is ours to end here; a request in flight
   * ends through its own cancellable. From an idle, as finishing
   * disconnects this handler, which it must not do from inside it. */
  g_idle_add_once ((GSourceOnceFunc) close_question, g_object_ref (task));
}

void
roster_user_action_run_async (GtkWidget           *parent,
                              RosterClient        *client,
                              RosterUser          *user,
                              RosterUserAction     action,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (ROSTER_IS_CLIENT (client));
  g_return_if_fail (ROSTER_IS_USER (user));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_user_action_run_async);
  /* Once the server has done it, say so, even if cancelled meanwhile:
   * every way of saying no returns G_IO_ERROR_CANCELLED itself. */
  g_task_set_check_cancellable (task, FALSE);
  data = g_new0 (RunData, 1);
  data->parent = g_object_ref (parent);
  data->client = g_object_ref (client);
  data->user = g_object_ref (user);
  data->action = action;
  data->name = dup_name (user);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  switch (action)
    {
    case ROSTER_USER_ACTION_ACTIVATE:
    case ROSTER_USER_ACTION_REACTIVATE:
    case ROSTER_USER_ACTION_UNLOCK:
      start (task);
      return;
    case ROSTER_USER_ACTION_SUSPEND:
      data->dialog = ask_suspend (data);
      g_signal_connect (data->dialog, "response", G_CALLBACK (dialog_response_cb), g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_ERASE:
      data->dialog = ask_erase (data);
      g_signal_connect (data->dialog, "response", G_CALLBACK (dialog_response_cb), g_object_ref (task));
      break;
    case ROSTER_USER_ACTION_SET_PASSWORD:
      data->dialog = GTK_WINDOW (roster_password_dialog_new (parent_window (parent), client, user));
      g_signal_connect (data->dialog, "password-set", G_CALLBACK (password_set_cb), g_object_ref (task));
      /* The same reference: whichever comes first drops it. */
      g_signal_connect (data->dialog, "destroy", G_CALLBACK (password_destroy_cb), task);
      break;
    default:
      g_return_if_reached ();
    }

  if (cancellable != NULL)
    data->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), task, NULL);
  gtk_window_present (data->dialog);
}

/**
 * roster_user_action_run_finish:
 * @erased: (out) (optional): whether the account was erased
 *
 * Returns: (transfer full) (nullable): the account as it is afterwards
 */
RosterUser *
roster_user_action_run_finish (GAsyncResult  *result,
                               gboolean      *erased,
                               GError       **error)
{
  RunData *data;
  RosterUser *user;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == roster_user_action_run_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  user = g_task_propagate_pointer (G_TASK (result), error);
  if (erased != NULL)
    *erased = user == NULL && !g_task_had_error (G_TASK (result)) && data->action == ROSTER_USER_ACTION_ERASE;
  return user;
}
