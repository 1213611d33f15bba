/* roster-audit-page-export.c: the Audit page's export of every event of its filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-export.h"
#include "roster-audit-page-private.h"

/* The export ------------------------------------------------------------- */

static void
export_progress_cb (guint    n_events,
                    gpointer user_data)
{
  RosterAuditPage *self = user_data;
  g_autofree char *text = NULL;

  /* TRANSLATORS: the audit events read so far for an export. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exporting… %u event", "Exporting… %u events", n_events), n_events);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_pulse (self->export_progress);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterAuditPage *self = g_task_get_source_object (task);
  GError *error = NULL;
  guint n_events = 0;

  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  g_clear_object (&self->export_cancellable);

  if (!roster_audit_export_finish (result, &n_events, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_int (task, n_events);
}

void
roster_audit_page_export_async (RosterAuditPage     *self,
                                GFile               *file,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RosterAuditFilter filter;

  g_return_if_fail (ROSTER_IS_AUDIT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, roster_audit_page_export_async);
  if (self->client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("Sign in to export the audit log"));
      return;
    }
  if (self->export_cancellable != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, _("An export is already running"));
      return;
    }

  self->export_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  gtk_label_set_text (self->export_label, _("Exporting…"));
  gtk_progress_bar_set_fraction (self->export_progress, 0);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);

  roster_audit_page_get_filter (self, &filter);
  roster_audit_export_async (self->client, &filter, file, export_progress_cb, self, self->export_cancellable,
                             export_written_cb, g_steal_pointer (&task));
}

gboolean
roster_audit_page_export_finish (RosterAuditPage  *self,
                                 GAsyncResult     *result,
                                 guint            *n_events,
                                 GError          **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  n = g_task_propagate_int (G_TASK (result), error);
  if (n < 0)
    return FALSE;
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}

void
roster_audit_page_export_cancel_cb (RosterAuditPage *self)
{
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RosterAuditPage *self = ROSTER_AUDIT_PAGE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_events = 0;

  if (roster_audit_page_export_finish (self, result, &n_events, &error))
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u event", "Exported %u events", n_events), n_events);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    title = g_strdup (_("Export cancelled"));
  else
    title = g_strdup_printf (_("Could not export the audit log: %s"), error->message);
  roster_audit_page_add_toast (self, title);
}

static void
export_response_cb (RosterAuditPage *self,
                    int              response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->export_chooser));

      roster_audit_page_export_async (self, file, export_done_cb, NULL);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
}

void
roster_audit_page_export_clicked_cb (RosterAuditPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->export_chooser != NULL || self->client == NULL)
    return;

  self->export_chooser = gtk_file_chooser_native_new (_("Export Audit Log"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  /* TRANSLATORS: the suggested name of an exported audit log. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), _("audit-log.csv"));
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}
