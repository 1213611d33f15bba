/* roster-window-accounts.c: the window's remembered accounts, and
 * signing in again when a token expires
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-course-page.h"
#include "roster-window-private.h"

/* "username@server" of the signed-in account, "" while signed out. */
static char *
dup_current_id (RosterWindow *self)
{
  if (self->client == NULL)
    return g_strdup ("");
  return g_settings_get_string (self->settings, "last-account");
}

static const char *
server_host (RosterAccount *account)
{
  const char *server = roster_account_get_server (account);

  /* Every server is https://; the scheme says nothing in a menu. */
  return g_str_has_prefix (server, "https://") ? server + strlen ("https://") : server;
}

static char *
account_label (RosterAccount *account)
{
  /* Translators: an account in the main menu: a username on a server
   * address, as in "m.chen on roster.uni.example". */
  return g_strdup_printf (_("%s on %s"), roster_account_get_username (account), server_host (account));
}

/* The remembered accounts, and the signed-in one even while its token
 * is still on its way to the keyring. */
static GPtrArray *
collect_accounts (RosterWindow *self,
                  const char   *current_id)
{
  GPtrArray *accounts = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean has_current = FALSE;
  guint n = self->account_list != NULL ? g_list_model_get_n_items (self->account_list) : 0;

  for (guint i = 0; i < n; i++)
    {
      RosterAccount *account = g_list_model_get_item (self->account_list, i);
      g_autofree char *id = roster_account_dup_id (account);

      has_current |= g_str_equal (id, current_id);
      g_ptr_array_add (accounts, account);
    }

  if (!has_current && *current_id != '\0')
    {
      RosterAccount *current = roster_account_new_from_id (current_id);

      if (current != NULL)
        g_ptr_array_add (accounts, current);
    }

  return accounts;
}

static void
rebuild_menu (RosterWindow *self)
{
  g_autofree char *current_id = dup_current_id (self);
  g_autoptr(GPtrArray) accounts = collect_accounts (self, current_id);
  g_autoptr(GString) key = g_string_new (current_id);
  g_autoptr(GMenu) remove_menu = NULL;

  for (guint i = 0; i < accounts->len; i++)
    {
      g_autofree char *id = roster_account_dup_id (accounts->pdata[i]);

      g_string_append_printf (key, "\n%s", id);
    }
  if (g_strcmp0 (self->menu_key, key->str) == 0)
    return;
  g_free (self->menu_key);
  self->menu_key = g_strdup (key->str);

  g_menu_remove_all (self->accounts_section);
  g_menu_remove_all (self->account_actions_section);
  remove_menu = g_menu_new ();

  /* One radio item per account, through the state of switch-account;
   * the same accounts again under Remove Account. */
  for (guint i = 0; i < accounts->len; i++)
    {
      RosterAccount *account = accounts->pdata[i];
      g_autofree char *id = roster_account_dup_id (account);
      g_autofree char *label = account_label (account);
      g_autofree char *remove_label = NULL;
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);
      g_autoptr(GMenuItem) remove_item = NULL;

      g_menu_item_set_action_and_target (item, "win.switch-account", "s", id);
      g_menu_append_item (self->accounts_section, item);

      /* Translators: an item of the Remove Account submenu; a
       * confirmation follows. */
      remove_label = g_strdup_printf (_("Remove %s…"), label);
      remove_item = g_menu_item_new (remove_label, NULL);
      g_menu_item_set_action_and_target (remove_item, "win.remove-account", "s", id);
      g_menu_append_item (remove_menu, remove_item);
    }

  g_menu_append (self->account_actions_section, _("_Add Account…"), "win.add-account");
  if (accounts->len > 0)
    g_menu_append_submenu (self->account_actions_section, _("_Remove Account"), G_MENU_MODEL (remove_menu));
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterWindow) self = user_data;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;

  list = roster_account_store_list_finish (ROSTER_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* The menu keeps what it had; signing in still works. An item
   * removed while the search read it fails the search: the next
   * refresh (the menu shown, a removal done) sees it gone. */
  if (list == NULL)
    {
      g_debug ("Could not list the remembered accounts: %s", error->message);
      return;
    }

  g_set_object (&self->account_list, list);
  rebuild_menu (self);
}

/**
 * roster_window_accounts_refresh:
 * @self: a #RosterWindow
 *
 * Reads the remembered accounts from the keyring again, off the main
 * loop, and lists them in the primary menu.
 */
void
roster_window_accounts_refresh (RosterWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  roster_account_store_list_async (self->accounts, self->cancellable, list_cb, g_object_ref (self));
}

static void
menu_shown_cb (RosterWindow *self)
{
  /* Tokens come and go from elsewhere too (the connect page saves and
   * forgets them in the background): read them when they are shown. */
  roster_window_accounts_refresh (self);
}

/* Switching and adding -------------------------------------------- */

static void
switch_account_cb (GSimpleAction *action,
                   GVariant      *value,
                   gpointer       user_data)
{
  RosterWindow *self = user_data;
  const char *id = g_variant_get_string (value, NULL);
  g_autofree char *current_id = dup_current_id (self);
  g_autoptr(RosterAccount) account = roster_account_new_from_id (id);

  if (account == NULL || g_str_equal (id, current_id))
    return;

  /* The connect page shows while the account's token is tried, and
   * asks for its password if the keyring has none that works. */
  g_debug ("Switching to %s", id);
  roster_window_set_client (self, NULL);
  roster_connect_page_switch_to (self->connect_page, account);
}

static void
add_account_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  RosterWindow *self = user_data;
  g_autofree char *current_id = dup_current_id (self);
  g_autoptr(RosterAccount) current = roster_account_new_from_id (current_id);

  /* The current account stays remembered, one click away in the menu;
   * a second account is often on the same server. */
  roster_window_set_client (self, NULL);
  roster_connect_page_prefill (self->connect_page,
                               current != NULL ? roster_account_get_server (current) : NULL, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->connect_page));
}

/* Removing -------------------------------------------------------- */

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!roster_account_store_remove_finish (ROSTER_ACCOUNT_STORE (object), result, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Could not remove the account: %s"), error->message);

      roster_window_add_toast (self, adw_toast_new (title));
    }
  roster_window_accounts_refresh (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RosterWindow     *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "roster-account-id");
  g_autofree char *current_id = dup_current_id (self);
  g_autoptr(RosterAccount) account = roster_account_new_from_id (id);

  if (g_strcmp0 (response, "remove") != 0 || account == NULL)
    return;

  /* The signed-in account cannot stay in use without its token. */
  if (g_str_equal (id, current_id))
    roster_window_sign_out (self);

  /* Not cancelled with the window: the token must go even if the
   * window closes right after. */
  roster_account_store_remove_async (self->accounts,
                                     roster_account_get_server (account),
                                     roster_account_get_username (account),
                                     NULL, remove_cb, g_object_ref (self));
}

static void
remove_account_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  RosterWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(RosterAccount) account = roster_account_new_from_id (id);
  g_autofree char *label = NULL;
  AdwMessageDialog *dialog;

  if (account == NULL)
    return;

  label = account_label (account);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Remove Account?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Roster forgets the sign-in of %s on this computer. "
                                    "To use the account again, you will need its password."),
                                  label);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "roster-account-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Signing in again ------------------------------------------------ */

static void
sign_in_dialog_signed_in_cb (RosterWindow *self)
{
  GtkWidget *course_page = adw_bin_get_child (self->course_bin);

  /* The dialog closes itself once it has answered. */
  self->sign_in_dialog = NULL;

  /* Only what failed loads again: the course, its search and its
   * selection stay as they were. */
  roster_sidebar_reload_failed (self->sidebar);
  if (course_page != NULL)
    roster_course_page_reload_failed (ROSTER_COURSE_PAGE (course_page));
}

static void
sign_in_dialog_cancelled_cb (RosterWindow *self)
{
  /* Signing out changes the client, which would close the dialog
   * again while it is closing itself. */
  self->sign_in_dialog = NULL;
  roster_window_sign_out (self);
}

static void
sign_in_dialog_destroy_cb (RosterWindow *self)
{
  self->sign_in_dialog = NULL;
}

static void
sign_in_needed_cb (RosterWindow *self,
                   RosterClient *client)
{
  g_autofree char *current_id = dup_current_id (self);
  g_autoptr(RosterAccount) account = roster_account_new_from_id (current_id);

  if (self->sign_in_dialog != NULL || account == NULL)
    return;

  self->sign_in_dialog = roster_sign_in_dialog_new (GTK_WINDOW (self), client, account);
  g_signal_connect_object (self->sign_in_dialog, "signed-in",
                           G_CALLBACK (sign_in_dialog_signed_in_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_in_dialog, "cancelled",
                           G_CALLBACK (sign_in_dialog_cancelled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sign_in_dialog, "destroy",
                           G_CALLBACK (sign_in_dialog_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->sign_in_dialog));
}

/* Setup ----------------------------------------------------------- */

static const GActionEntry account_entries[] = {
  { "switch-account", NULL, "s", "''", switch_account_cb },
  { "add-account", add_account_cb },
  { "remove-account", remove_account_cb, "s" },
};

void
roster_window_accounts_client_changed (RosterWindow *self,
                                       RosterClient *old_client)
{
  g_autofree char *current_id = dup_current_id (self);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "switch-account");

  if (old_client != NULL)
    g_signal_handlers_disconnect_by_data (old_client, self);
  if (self->client != NULL)
    g_signal_connect_object (self->client, "sign-in-needed",
                             G_CALLBACK (sign_in_needed_cb), self, G_CONNECT_SWAPPED);

  /* A dialog for the old client has nothing left to sign in. */
  if (self->sign_in_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->sign_in_dialog));

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (current_id));
  rebuild_menu (self);
  roster_window_accounts_refresh (self);
}

void
roster_window_accounts_init (RosterWindow *self)
{
  GtkPopover *popover;

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   account_entries, G_N_ELEMENTS (account_entries),
                                   self);
  self->accounts = roster_account_store_new ();

  popover = gtk_menu_button_get_popover (self->primary_menu_button);
  if (popover != NULL)
    g_signal_connect_object (popover, "show", G_CALLBACK (menu_shown_cb), self, G_CONNECT_SWAPPED);

  rebuild_menu (self);
  roster_window_accounts_refresh (self);
}

void
roster_window_accounts_dispose (RosterWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->sign_in_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->sign_in_dialog));
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->account_list);
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->menu_key, g_free);
}
