/* roster-password-dialog.c: an administrator sets a new password for someone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The password never leaves this dialog except to the server: it is not
 * logged, kept or put anywhere but on the clipboard when asked to.
 */

#define G_LOG_DOMAIN "roster-password-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-users.h"
#include "roster-password-dialog.h"

/* The server's password policy (docs/api.md, POST /users). */
#define MIN_PASSWORD_CHARS 12
#define MAX_PASSWORD_CHARS 128

struct _RosterPasswordDialog
{
  AdwWindow       parent_instance;

  RosterClient   *client;
  RosterUser     *user;
  GCancellable   *cancellable;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *set_button;
  GtkButton      *done_button;
  GtkSpinner     *spinner;
  GtkStack       *stack;
  GtkCheckButton *generate_check;
  GtkCheckButton *type_check;
  GtkPasswordEntry *password_entry;
  GtkLabel       *error_label;
  GtkLabel       *note_label;
  GtkLabel       *password_label;
  GtkButton      *copy_button;
  GtkLabel       *reminder_label;
};

G_DEFINE_FINAL_TYPE (RosterPasswordDialog, roster_password_dialog, ADW_TYPE_WINDOW)

enum {
  PASSWORD_SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_name (RosterUser *user)
{
  g_autofree char *name = roster_user_dup_full_name (user);

  if (name == NULL || *name == '\0')
    return g_strdup (roster_user_get_username (user));
  return g_steal_pointer (&name);
}

static void
show_error (RosterPasswordDialog *self,
            const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (RosterPasswordDialog *self,
          gboolean              busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->set_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->generate_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry),
                            !busy && gtk_check_button_get_active (self->type_check));
}

static void
choice_toggled_cb (RosterPasswordDialog *self)
{
  gboolean typed = gtk_check_button_get_active (self->type_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry), typed);
  show_error (self, NULL);
  if (typed)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
}

static void
password_changed_cb (RosterPasswordDialog *self)
{
  show_error (self, NULL);
}

static void
show_generated (RosterPasswordDialog *self,
                const char           *password)
{
  g_autofree char *name = dup_name (self->user);
  g_autofree char *reminder = NULL;

  gtk_label_set_text (self->password_label, password);
  /* TRANSLATORS: %s is a person's name. */
  reminder = g_strdup_printf (_("Tell %s this password in a safe way: it is shown only now and is not stored "
                                "anywhere you can see it again. All their sessions were ended."),
                              name);
  gtk_label_set_text (self->reminder_label, reminder);
  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->set_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), TRUE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->copy_button));
}

static void
set_password_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterPasswordDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;

  if (!roster_client_set_password_finish (ROSTER_CLIENT (object), result, &generated, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      /* The server's words, e.g. the policy's for a 422. */
      show_error (self, error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_signal_emit (self, signals[PASSWORD_SET], 0, generated != NULL);
  if (generated != NULL)
    show_generated (self, generated);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_clicked_cb (RosterPasswordDialog *self)
{
  const char *password = NULL;

  if (self->cancellable != NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->set_button)))
    return;

  if (gtk_check_button_get_active (self->type_check))
    {
      glong n_chars;

      password = gtk_editable_get_text (GTK_EDITABLE (self->password_entry));
      n_chars = g_utf8_strlen (password, -1);
      /* Checked here as well, so a password that cannot do is not sent. */
      if (n_chars < MIN_PASSWORD_CHARS)
        {
          show_error (self, _("The password is too short: it needs at least 12 characters."));
          gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
          return;
        }
      if (n_chars > MAX_PASSWORD_CHARS)
        {
          show_error (self, _("The password is too long: it may have at most 128 characters."));
          gtk_widget_grab_focus (GTK_WIDGET (self->password_entry));
          return;
        }
    }

  show_error (self, NULL);
  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  roster_client_set_password_async (self->client, roster_user_get_id (self->user), password, self->cancellable,
                                    set_password_cb, g_object_ref (self));
}

static void
copy_clicked_cb (RosterPasswordDialog *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));

  gdk_clipboard_set_text (clipboard, gtk_label_get_text (self->password_label));
  gtk_button_set_label (self->copy_button, _("C_opied"));
}

static void
roster_password_dialog_dispose (GObject *object)
{
  RosterPasswordDialog *self = ROSTER_PASSWORD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (roster_password_dialog_parent_class)->dispose (object);
}

static void
roster_password_dialog_class_init (RosterPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_password_dialog_dispose;

  /**
   * RosterPasswordDialog::password-set:
   * @generated: whether the server made the password
   *
   * The server has the new password.
   */
  signals[PASSWORD_SET] = g_signal_new ("password-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, set_button);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, generate_check);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, type_check);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, password_label);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, RosterPasswordDialog, reminder_label);
  gtk_widget_class_bind_template_callback (widget_class, set_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_password_dialog_init (RosterPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RosterPasswordDialog *
roster_password_dialog_new (GtkWindow    *parent,
                            RosterClient *client,
                            RosterUser   *user)
{
  RosterPasswordDialog *self;
  g_autofree char *name = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_USER (user), NULL);

  self = g_object_new (ROSTER_TYPE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->user = g_object_ref (user);

  name = dup_name (user);
  /* TRANSLATORS: a person's name and their username. */
  subtitle = g_strdup_printf (_("%s (%s)"), name, roster_user_get_username (user));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* TRANSLATORS: %s is a person's name. */
  note = g_strdup_printf (_("All of %s's sessions end, and a lock after failed sign-ins is lifted."), name);
  gtk_label_set_text (self->note_label, note);

  return self;
}

gboolean
roster_password_dialog_get_busy (RosterPasswordDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_PASSWORD_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
