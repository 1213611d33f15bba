/* roster-connect-page.c: signing in to a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-connect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-account-store.h"
#include "roster-application.h"
#include "roster-certificate-dialog.h"
#include "roster-connect-page.h"
#include "roster-trust-store.h"

struct _RosterConnectPage
{
  AdwBin               parent_instance;

  GSettings           *settings;
  RosterTrustStore    *trust;
  RosterAccountStore  *accounts;
  /* The sign-in under way, if any, and what it is for. */
  RosterClient        *client;
  GCancellable        *cancellable;
  char                *server;
  char                *username;
  /* A remembered sign-in uses the keyring's token, not a password. */
  char                *resume_token;
  gboolean             resuming;

  AdwPreferencesGroup *form;
  AdwEntryRow         *server_row;
  AdwEntryRow         *username_row;
  AdwEntryRow         *password_row;
  GtkLabel            *error_label;
  GtkSpinner          *spinner;
};

G_DEFINE_FINAL_TYPE (RosterConnectPage, roster_connect_page, ADW_TYPE_BIN)

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_sign_in (RosterConnectPage *self);

/* "host:8443" is what people type; the API is only spoken over HTTPS. */
static char *
normalize_server (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  while (g_str_has_suffix (stripped, "/"))
    stripped[strlen (stripped) - 1] = '\0';

  if (g_str_has_prefix (stripped, "https://") || stripped[0] == '\0')
    return g_steal_pointer (&stripped);

  if (g_str_has_prefix (stripped, "http://"))
    return g_strconcat ("https://", stripped + strlen ("http://"), NULL);

  return g_strconcat ("https://", stripped, NULL);
}

static void
show_error (RosterConnectPage *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
set_busy (RosterConnectPage *self,
          gboolean           busy)
{
  /* Not insensitive: GTK 4.8 warns when the focused text goes
   * insensitive under the cursor ("did not receive a focus-out event"). */
  gtk_editable_set_editable (GTK_EDITABLE (self->server_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->username_row), !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->password_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.sign-in", !busy);
}

static gboolean
form_complete (RosterConnectPage *self)
{
  return *gtk_editable_get_text (GTK_EDITABLE (self->server_row)) != '\0' &&
         *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0' &&
         *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0';
}

static void
update_sign_in_enabled (RosterConnectPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.sign-in",
                                 form_complete (self) && self->cancellable == NULL);
}

static void
finish_attempt (RosterConnectPage *self)
{
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  update_sign_in_enabled (self);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Signed in all the same: the next start just asks for the password. */
  if (!roster_account_store_save_finish (ROSTER_ACCOUNT_STORE (object), result, &error))
    g_warning ("Could not keep the sign-in in the keyring: %s", error->message);
}

static void
signed_in (RosterConnectPage *self,
           const char        *token)
{
  g_autofree char *account = g_strdup_printf ("%s@%s", self->username, self->server);
  g_autoptr(RosterClient) client = g_steal_pointer (&self->client);

  if (token != NULL)
    roster_account_store_save_async (self->accounts, self->server, self->username,
                                     token, NULL, save_cb, NULL);
  g_settings_set_string (self->settings, "last-account", account);

  finish_attempt (self);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNED_IN], 0, client);
}

static void
certificate_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         RosterConnectPage *self)
{
  RosterCertificateInfo *info = roster_certificate_dialog_get_info (ROSTER_CERTIFICATE_DIALOG (dialog));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "trust") != 0)
    {
      show_error (self, _("Not connected: the server’s certificate was not trusted."));
      return;
    }

  if (!roster_trust_store_trust (self->trust,
                                 roster_certificate_info_get_host (info),
                                 roster_certificate_info_get_fingerprint (info),
                                 &error))
    {
      show_error (self, error->message);
      return;
    }

  start_sign_in (self);
}

static void
ask_about_certificate (RosterConnectPage *self)
{
  RosterCertificateInfo *info = roster_client_get_rejected_certificate (self->client);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (info == NULL)
    {
      show_error (self, _("The server’s certificate could not be read."));
      return;
    }

  dialog = roster_certificate_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, info);
  g_signal_connect_object (dialog, "response", G_CALLBACK (certificate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
handle_error (RosterConnectPage *self,
              const GError      *error)
{
  if (g_error_matches (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN) ||
      g_error_matches (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_CHANGED))
    {
      show_error (self, NULL);
      ask_about_certificate (self);
    }
  else if (g_error_matches (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN))
    {
      show_error (self, _("Your sign-in has expired. Enter your password to sign in again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    {
      /* The client's and the server's messages are written for people. */
      show_error (self, error->message);
    }
}

static void
attempt_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterConnectPage) self = user_data;
  RosterClient *client = ROSTER_CLIENT (object);
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (self->resuming)
    user = roster_client_get_me_finish (client, result, &error);
  else
    user = roster_client_login_finish (client, result, &token, &error);

  /* The page went away (dispose dropped the cancellable) or another
   * attempt replaced this one. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->cancellable == NULL || client != self->client)
    return;

  finish_attempt (self);

  if (user == NULL)
    handle_error (self, error);
  else
    signed_in (self, token);
}

static void
start_sign_in (RosterConnectPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->client);
  self->client = roster_client_new (self->server, self->trust);

  show_error (self, NULL);
  set_busy (self, TRUE);

  if (self->resuming)
    {
      roster_client_set_token (self->client, self->resume_token);
      roster_client_get_me_async (self->client, self->cancellable,
                                  attempt_cb, g_object_ref (self));
    }
  else
    {
      roster_client_login_async (self->client, self->username,
                                 gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                                 self->cancellable, attempt_cb, g_object_ref (self));
    }
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RosterConnectPage *self = ROSTER_CONNECT_PAGE (widget);
  g_autofree char *server = normalize_server (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));

  if (server[0] == '\0' || username[0] == '\0')
    return;

  g_free (self->server);
  self->server = g_steal_pointer (&server);
  g_free (self->username);
  self->username = g_strdup (username);
  self->resuming = FALSE;

  start_sign_in (self);
}

static void
row_activated_cb (RosterConnectPage *self)
{
  /* Enter in a form not yet filled in goes on to the empty field. */
  if (!form_complete (self))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self));
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.sign-in", NULL);
}

static void
row_changed_cb (RosterConnectPage *self)
{
  update_sign_in_enabled (self);
}

static void
lookup_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RosterConnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = roster_account_store_lookup_token_finish (ROSTER_ACCOUNT_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->cancellable == NULL)
    return;

  finish_attempt (self);

  if (token == NULL)
    {
      if (error != NULL)
        show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  self->resuming = TRUE;
  g_free (self->resume_token);
  self->resume_token = g_steal_pointer (&token);
  start_sign_in (self);
}

/* "username@server": the username may hold an "@" itself, a server
 * address may not. */
static gboolean
parse_account (const char  *account,
               char       **server,
               char       **username)
{
  const char *at = strrchr (account, '@');

  if (at == NULL || at == account || at[1] == '\0')
    return FALSE;

  *username = g_strndup (account, at - account);
  *server = g_strdup (at + 1);
  return TRUE;
}

static void
resume_account (RosterConnectPage *self,
                const char        *server,
                const char        *username)
{
  roster_connect_page_prefill (self, server, username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_error (self, NULL);
  g_free (self->server);
  self->server = g_strdup (server);
  g_free (self->username);
  self->username = g_strdup (username);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  roster_account_store_lookup_token_async (self->accounts, self->server, self->username,
                                           self->cancellable, lookup_token_cb,
                                           g_object_ref (self));
}

gboolean
roster_connect_page_resume (RosterConnectPage *self)
{
  g_autofree char *account = NULL;
  g_autofree char *server = NULL;
  g_autofree char *username = NULL;

  g_return_val_if_fail (ROSTER_IS_CONNECT_PAGE (self), FALSE);

  account = g_settings_get_string (self->settings, "last-account");
  if (!parse_account (account, &server, &username))
    return FALSE;

  resume_account (self, server, username);
  return TRUE;
}

void
roster_connect_page_switch_to (RosterConnectPage *self,
                               RosterAccount     *account)
{
  g_return_if_fail (ROSTER_IS_CONNECT_PAGE (self));
  g_return_if_fail (ROSTER_IS_ACCOUNT (account));

  resume_account (self, roster_account_get_server (account), roster_account_get_username (account));
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!roster_account_store_remove_finish (ROSTER_ACCOUNT_STORE (object), result, &error))
    g_warning ("Could not remove the sign-in from the keyring: %s", error->message);
}

void
roster_connect_page_sign_out (RosterConnectPage *self)
{
  g_autofree char *account = NULL;
  g_autofree char *server = NULL;
  g_autofree char *username = NULL;

  g_return_if_fail (ROSTER_IS_CONNECT_PAGE (self));

  account = g_settings_get_string (self->settings, "last-account");
  if (parse_account (account, &server, &username))
    {
      /* Not cancelled with the page: the token must go even if the
       * window closes right after. */
      roster_account_store_remove_async (self->accounts, server, username,
                                         NULL, remove_cb, NULL);
      roster_connect_page_prefill (self, server, username);
    }
  g_settings_set_string (self->settings, "last-account", "");
  show_error (self, NULL);
}

void
roster_connect_page_prefill (RosterConnectPage *self,
                             const char        *server,
                             const char        *username)
{
  g_return_if_fail (ROSTER_IS_CONNECT_PAGE (self));

  if (server != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->server_row), server);
  if (username != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
}

static gboolean
roster_connect_page_grab_focus (GtkWidget *widget)
{
  RosterConnectPage *self = ROSTER_CONNECT_PAGE (widget);

  /* The first empty field is where typing starts. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  if (*gtk_editable_get_text (GTK_EDITABLE (self->username_row)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  return gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
roster_connect_page_dispose (GObject *object)
{
  RosterConnectPage *self = ROSTER_CONNECT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_CONNECT_PAGE);
  g_clear_object (&self->client);
  g_clear_object (&self->accounts);
  g_clear_object (&self->trust);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (roster_connect_page_parent_class)->dispose (object);
}

static void
roster_connect_page_finalize (GObject *object)
{
  RosterConnectPage *self = ROSTER_CONNECT_PAGE (object);

  g_free (self->server);
  g_free (self->username);
  g_free (self->resume_token);

  G_OBJECT_CLASS (roster_connect_page_parent_class)->finalize (object);
}

static void
roster_connect_page_class_init (RosterConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_connect_page_dispose;
  object_class->finalize = roster_connect_page_finalize;
  widget_class->grab_focus = roster_connect_page_grab_focus;

  /**
   * RosterConnectPage::signed-in:
   * @client: the signed-in client, with its token
   */
  signals[SIGNED_IN] = g_signal_new ("signed-in",
                                     G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, ROSTER_TYPE_CLIENT);

  gtk_widget_class_install_action (widget_class, "connect.sign-in", NULL, sign_in_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, form);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterConnectPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
}

static void
roster_connect_page_init (RosterConnectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (ROSTER_APPLICATION_ID);
  self->trust = roster_trust_store_new (NULL);
  self->accounts = roster_account_store_new ();
  update_sign_in_enabled (self);
}

GtkWidget *
roster_connect_page_new (void)
{
  return g_object_new (ROSTER_TYPE_CONNECT_PAGE, NULL);
}
