/* roster-keys-window.c: the enrolment keys of one self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seed 000's hidden key revealed with an eye, seed 001's tokens: several
 * per method, with a nickname, deactivated and reactivated, deleted for
 * good. Secrets are never listed: each is asked for (and audited) when
 * someone presses the eye or copies it.
 */

#define G_LOG_DOMAIN "roster-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-keys.h"
#include "roster-key-dialog.h"
#include "roster-key-import-dialog.h"
#include "roster-key-row.h"
#include "roster-keys-window.h"

struct _RosterKeysWindow
{
  AdwWindow        parent_instance;

  RosterClient    *client;
  RosterCourse    *course;
  RosterMethod    *method;
  GCancellable    *cancellable;
  GListStore      *keys;
  gboolean         can_manage;
  gboolean         can_reveal;

  AdwWindowTitle  *window_title;
  GtkButton       *add_button;
  GtkButton       *import_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (RosterKeysWindow, roster_keys_window, ADW_TYPE_WINDOW)

static void
toast (RosterKeysWindow *self,
       const char       *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_list_or_empty (RosterKeysWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->keys)) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static RosterKeyRow *
find_row (RosterKeysWindow *self,
          gint64            key_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (ROSTER_IS_KEY_ROW (row) && roster_key_get_id (roster_key_row_get_key (ROSTER_KEY_ROW (row))) == key_id)
      return ROSTER_KEY_ROW (row);
  return NULL;
}

static gboolean
find_key (RosterKeysWindow *self,
          gint64            key_id,
          guint            *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->keys)); i++)
    {
      g_autoptr(RosterKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);

      if (roster_key_get_id (key) == key_id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  RosterKeysWindow *self = user_data;

  return roster_key_row_new (item, self->can_reveal, self->can_manage);
}

/* ---- loading ---- */

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterKeysWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) keys = roster_client_list_keys_finish (ROSTER_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (keys == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (keys); i++)
    g_ptr_array_add (items, g_list_model_get_item (keys, i));
  g_list_store_splice (self->keys, 0, g_list_model_get_n_items (G_LIST_MODEL (self->keys)),
                       items->pdata, items->len);
  show_list_or_empty (self);
}

static void
reload (RosterKeysWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  roster_client_list_keys_async (self->client, roster_method_get_id (self->method), self->cancellable,
                                 list_cb, g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reload (ROSTER_KEYS_WINDOW (widget));
}

/* ---- adding ---- */

static void
key_created_cb (RosterKeysWindow *self,
                RosterKey        *key)
{
  g_autofree char *text = g_strdup_printf (_("Key “%s” added"), roster_key_get_nickname (key));
  RosterKeyRow *row;

  g_list_store_append (self->keys, key);
  show_list_or_empty (self);
  row = find_row (self, roster_key_get_id (key));
  if (row != NULL)
    {
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  toast (self, text);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RosterKeysWindow *self = ROSTER_KEYS_WINDOW (widget);
  GtkWidget *dialog = roster_key_dialog_new (GTK_WINDOW (self), self->client, self->course, self->method);

  g_signal_connect_object (dialog, "key-created", G_CALLBACK (key_created_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- importing ---- */

/* The server takes files up to 4 MiB. */
#define MAX_IMPORT_SIZE (4 * 1024 * 1024)

static void
keys_imported_cb (RosterKeysWindow *self,
                  guint             n_keys)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key added", "%u keys added", n_keys),
                                           n_keys);

  toast (self, text);
  reload (self);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterKeysWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;
  GtkWidget *dialog;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  if (length > MAX_IMPORT_SIZE)
    {
      toast (self, _("The file is larger than 4 MiB: split it in two."));
      return;
    }

  name = g_file_get_basename (G_FILE (source));
  dialog = roster_key_import_dialog_new (GTK_WINDOW (self), self->client, self->course, self->method, name, bytes);
  g_signal_connect_object (dialog, "keys-imported", G_CALLBACK (keys_imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     RosterKeysWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    g_file_load_contents_async (file, self->cancellable, file_loaded_cb, g_object_ref (self));
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterKeysWindow *self = ROSTER_KEYS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a File of Keys"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* The chooser frees itself in its response. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the secret: shown, copied, copied as a link ---- */

typedef enum
{
  REVEAL_SHOW,
  REVEAL_COPY,
  REVEAL_COPY_LINK,
} RevealPurpose;

typedef struct
{
  RosterKeysWindow *self;
  gint64            key_id;
  RevealPurpose     purpose;
} Reveal;

static void
use_secret (RosterKeysWindow *self,
            gint64            key_id,
            const char       *secret,
            RevealPurpose     purpose)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  RosterKeyRow *row = find_row (self, key_id);

  switch (purpose)
    {
    case REVEAL_SHOW:
      if (row != NULL)
        roster_key_row_set_secret (row, secret);
      break;
    case REVEAL_COPY:
      gdk_clipboard_set_text (clipboard, secret);
      toast (self, _("Key copied"));
      break;
    case REVEAL_COPY_LINK:
      {
        g_autofree char *link = roster_key_signup_link (roster_client_get_base_url (self->client), secret);

        gdk_clipboard_set_text (clipboard, link);
        toast (self, _("Sign-up link copied"));
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
reveal_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Reveal *reveal = user_data;
  g_autoptr(RosterKeysWindow) self = reveal->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = roster_client_reveal_key_finish (ROSTER_CLIENT (source), result, &error);

  if (secret != NULL)
    use_secret (self, reveal->key_id, secret, reveal->purpose);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  g_free (reveal);
}

static void
reveal_for (RosterKeysWindow *self,
            gint64            key_id,
            RevealPurpose     purpose)
{
  RosterKeyRow *row = find_row (self, key_id);
  Reveal *reveal;

  /* Shown already: the server was asked (and audited it) once. */
  if (row != NULL && roster_key_row_get_secret (row) != NULL)
    {
      if (purpose == REVEAL_SHOW)
        roster_key_row_set_secret (row, NULL);
      else
        use_secret (self, key_id, roster_key_row_get_secret (row), purpose);
      return;
    }

  reveal = g_new0 (Reveal, 1);
  reveal->self = g_object_ref (self);
  reveal->key_id = key_id;
  reveal->purpose = purpose;
  roster_client_reveal_key_async (self->client, key_id, self->cancellable, reveal_cb, reveal);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RevealPurpose purpose = REVEAL_SHOW;

  if (g_str_equal (action_name, "keys.copy"))
    purpose = REVEAL_COPY;
  else if (g_str_equal (action_name, "keys.copy-link"))
    purpose = REVEAL_COPY_LINK;
  reveal_for (ROSTER_KEYS_WINDOW (widget), g_variant_get_int64 (parameter), purpose);
}

/* ---- deactivating, reactivating ---- */

typedef struct
{
  RosterKeysWindow *self;
  gint64            key_id;
} SetActive;

static void
set_active_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree SetActive *op = user_data;
  g_autoptr(RosterKeysWindow) self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) changed = roster_client_set_key_active_finish (ROSTER_CLIENT (source), result, &error);
  g_autofree char *text = NULL;
  guint position;

  if (changed == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, error->message);
      /* The switch goes back to what the server still has. */
      if (find_key (self, op->key_id, &position))
        {
          g_autoptr(RosterKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), position);

          g_object_notify (G_OBJECT (key), "active");
        }
      return;
    }

  if (find_key (self, roster_key_get_id (changed), &position))
    {
      g_autoptr(RosterKey) key = g_list_model_get_item (G_LIST_MODEL (self->keys), position);

      /* The row follows its key. */
      roster_key_set_active (key, roster_key_get_active (changed));
    }
  text = g_strdup_printf (roster_key_get_active (changed) ? _("Key “%s” reactivated") : _("Key “%s” deactivated"),
                          roster_key_get_nickname (changed));
  toast (self, text);
}

static void
set_active_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RosterKeysWindow *self = ROSTER_KEYS_WINDOW (widget);
  SetActive *op = g_new0 (SetActive, 1);
  gboolean active;

  g_variant_get (parameter, "(xb)", &op->key_id, &active);
  op->self = g_object_ref (self);
  roster_client_set_key_active_async (self->client, op->key_id, active, self->cancellable, set_active_cb, op);
}

/* ---- deleting ---- */

typedef struct
{
  RosterKeysWindow *self;
  RosterKey        *key;
} Delete;

static void
delete_free (Delete *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->key);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Delete, delete_free)

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Delete) op = user_data;
  RosterKeysWindow *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint position;

  if (!roster_client_delete_key_finish (ROSTER_CLIENT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  if (find_key (self, roster_key_get_id (op->key), &position))
    g_list_store_remove (self->keys, position);
  show_list_or_empty (self);
  text = g_strdup_printf (_("Key “%s” deleted"), roster_key_get_nickname (op->key));
  toast (self, text);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RosterKey        *key)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  RosterKeysWindow *self;
  Delete *op;

  if (g_strcmp0 (response, "delete") != 0 || !ROSTER_IS_KEYS_WINDOW (parent))
    return;
  self = ROSTER_KEYS_WINDOW (parent);

  op = g_new0 (Delete, 1);
  op->self = g_object_ref (self);
  op->key = g_object_ref (key);
  roster_client_delete_key_async (self->client, roster_key_get_id (key), self->cancellable, deleted_cb, op);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterKeysWindow *self = ROSTER_KEYS_WINDOW (widget);
  g_autoptr(RosterKey) key = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  guint position;

  if (!find_key (self, g_variant_get_int64 (parameter), &position))
    return;
  key = g_list_model_get_item (G_LIST_MODEL (self->keys), position);

  heading = g_strdup_printf (_("Delete key “%s”?"), roster_key_get_nickname (key));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Deleting is permanent: the key stops working at once and cannot be "
                                     "restored. People who enrolled with it stay enrolled. To stop it "
                                     "for a while, deactivate it instead."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb),
                         g_object_ref (key), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the window ---- */

static void
roster_keys_window_dispose (GObject *object)
{
  RosterKeysWindow *self = ROSTER_KEYS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_KEYS_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->keys);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->method);

  G_OBJECT_CLASS (roster_keys_window_parent_class)->dispose (object);
}

static void
roster_keys_window_class_init (RosterKeysWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_keys_window_dispose;

  g_type_ensure (ROSTER_TYPE_KEY_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-keys-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterKeysWindow, list_box);

  gtk_widget_class_install_action (widget_class, "keys.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "keys.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "keys.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "keys.reveal", "x", reveal_action);
  gtk_widget_class_install_action (widget_class, "keys.copy", "x", reveal_action);
  gtk_widget_class_install_action (widget_class, "keys.copy-link", "x", reveal_action);
  gtk_widget_class_install_action (widget_class, "keys.set-active", "(xb)", set_active_action);
  gtk_widget_class_install_action (widget_class, "keys.delete", "x", delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "keys.add", NULL);
}

static void
roster_keys_window_init (RosterKeysWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->keys = g_list_store_new (ROSTER_TYPE_KEY);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->keys), create_row, self, NULL);
}

/**
 * roster_keys_window_new:
 * @client: a signed-in #RosterClient
 * @course: the method's course, for its capabilities
 * @method: a self-enrolment method
 *
 * A window (not modal) that lists the method's keys and manages them as
 * far as the course's capabilities allow: methods.manage to add,
 * change and delete, keys.reveal to see and copy secrets.
 */
GtkWidget *
roster_keys_window_new (RosterClient *client,
                        RosterCourse *course,
                        RosterMethod *method)
{
  RosterKeysWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_COURSE (course), NULL);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), NULL);

  self = g_object_new (ROSTER_TYPE_KEYS_WINDOW, NULL);
  self->client = g_object_ref (client);
  self->course = g_object_ref (course);
  self->method = g_object_ref (method);
  self->can_manage = roster_course_has_capability (course, "methods.manage");
  self->can_reveal = roster_course_has_capability (course, "keys.reveal");

  name = roster_method_dup_display_name (method);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.add", self->can_manage);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "keys.import", self->can_manage);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), self->can_manage);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), self->can_manage);

  reload (self);
  return GTK_WIDGET (self);
}
