/* roster-sign-in-dialog.c: asking for the password again when a token expired
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sign-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-account-store.h"
#include "roster-sign-in-dialog.h"

struct _RosterSignInDialog
{
  AdwWindow           parent_instance;

  RosterClient       *client;
  RosterAccount      *account;
  GCancellable       *cancellable;
  /* "signed-in" or "cancelled" was emitted: closing says no more. */
  gboolean            done;

  AdwActionRow       *username_row;
  AdwActionRow       *server_row;
  AdwEntryRow        *password_row;
  GtkSpinner         *spinner;
  GtkLabel           *error_label;
};

G_DEFINE_FINAL_TYPE (RosterSignInDialog, roster_sign_in_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNED_IN,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (RosterSignInDialog *self)
{
  gboolean busy = self->cancellable != NULL;
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.sign-in", !busy && *password != '\0');
}

static void
set_busy (RosterSignInDialog *self,
          gboolean            busy)
{
  /* Not insensitive: GTK 4.8 warns when the focused text goes
   * insensitive under the cursor. */
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_actions (self);
}

static void
finish (RosterSignInDialog *self,
        guint               signal)
{
  if (self->done)
    return;
  self->done = TRUE;
  g_signal_emit (self, signals[signal], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Signed in all the same: only the next start will ask again. */
  if (!roster_account_store_save_finish (ROSTER_ACCOUNT_STORE (object), result, &error))
    g_warning ("Could not keep the new sign-in in the keyring: %s", error->message);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RosterSignInDialog) self = user_data;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  user = roster_client_login_finish (ROSTER_CLIENT (object), result, &token, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (user == NULL)
    {
      /* The server's words ("wrong password", "locked") are for people. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  {
    /* Not cancelled with the dialog, which closes right away. */
    g_autoptr(RosterAccountStore) store = roster_account_store_new ();

    roster_account_store_save_async (store,
                                     roster_account_get_server (self->account),
                                     roster_account_get_username (self->account),
                                     token, NULL, save_cb, NULL);
  }
  finish (self, SIGNED_IN);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterSignInDialog *self = ROSTER_SIGN_IN_DIALOG (widget);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->cancellable != NULL || *password == '\0')
    return;

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  roster_client_login_async (self->client, roster_account_get_username (self->account),
                             password, self->cancellable, login_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterSignInDialog *self = ROSTER_SIGN_IN_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  finish (self, CANCELLED);
}

static void
password_activated_cb (RosterSignInDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign-in.sign-in", NULL);
}

static void
password_changed_cb (RosterSignInDialog *self)
{
  update_actions (self);
}

static gboolean
roster_sign_in_dialog_close_request (GtkWindow *window)
{
  RosterSignInDialog *self = ROSTER_SIGN_IN_DIALOG (window);

  /* Closed without an answer: the same as Cancel. */
  if (!self->done)
    {
      g_cancellable_cancel (self->cancellable);
      self->done = TRUE;
      g_signal_emit (self, signals[CANCELLED], 0);
    }

  return GTK_WINDOW_CLASS (roster_sign_in_dialog_parent_class)->close_request (window);
}

static void
roster_sign_in_dialog_dispose (GObject *object)
{
  RosterSignInDialog *self = ROSTER_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_SIGN_IN_DIALOG);
  g_clear_object (&self->client);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (roster_sign_in_dialog_parent_class)->dispose (object);
}

static void
roster_sign_in_dialog_class_init (RosterSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = roster_sign_in_dialog_dispose;
  window_class->close_request = roster_sign_in_dialog_close_request;

  /**
   * RosterSignInDialog::signed-in:
   *
   * The client has a new token; requests that failed can run again.
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);
  /**
   * RosterSignInDialog::cancelled:
   *
   * The person chose not to sign in again.
   */
  signals[CANCELLED] = g_signal_new ("cancelled",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "sign-in.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "sign-in.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sign-in.cancel", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterSignInDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, RosterSignInDialog, server_row);
  gtk_widget_class_bind_template_child (widget_class, RosterSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, RosterSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterSignInDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, password_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
}

static void
roster_sign_in_dialog_init (RosterSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_actions (self);
}

RosterSignInDialog *
roster_sign_in_dialog_new (GtkWindow     *parent,
                           RosterClient  *client,
                           RosterAccount *account)
{
  RosterSignInDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (account), NULL);

  self = g_object_new (ROSTER_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->account = g_object_ref (account);
  adw_action_row_set_subtitle (self->username_row, roster_account_get_username (account));
  adw_action_row_set_subtitle (self->server_row, roster_account_get_server (account));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));

  return self;
}
