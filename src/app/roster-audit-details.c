/* roster-audit-details.c: one event of the audit log, every field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-audit-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-details.h"
#include "roster-audit-format.h"

static void
add_field (GtkGrid    *grid,
           int         row,
           const char *name,
           const char *value)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name_label), 1);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  /* Wrapped labels are asked for their height at their narrowest: a
   * floor keeps the dialog from growing a column of single words. */
  gtk_label_set_width_chars (GTK_LABEL (value_label), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 60);
  gtk_widget_set_hexpand (value_label, TRUE);
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, value_label, 1, row, 1, 1);
}

/**
 * roster_audit_show_details:
 * @parent: the widget whose window the dialog belongs to
 * @entry: the event
 *
 * Shows every field of @entry, its details pretty-printed, in a dialog
 * that Escape or Close closes.
 */
void
roster_audit_show_details (GtkWidget        *parent,
                           RosterAuditEntry *entry)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *time = roster_audit_format_time (roster_audit_entry_get_at (entry));
  g_autofree char *actor = roster_audit_format_actor (entry);
  g_autofree char *target = roster_audit_format_target (entry);
  g_autofree char *course = roster_audit_format_course (entry);
  g_autofree char *object = NULL;
  g_autofree char *details = roster_audit_format_details_json (entry);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dialog;
  int row = 0;

  if (roster_audit_entry_get_object_type (entry) != NULL)
    object = g_strdup_printf ("%s %" G_GINT64_FORMAT, roster_audit_entry_get_object_type (entry),
                              roster_audit_entry_get_object_id (entry));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  add_field (GTK_GRID (grid), row++, _("Time"), time);
  add_field (GTK_GRID (grid), row++, _("Action"), roster_audit_entry_get_action (entry));
  add_field (GTK_GRID (grid), row++, _("By"), actor);
  add_field (GTK_GRID (grid), row++, _("About"), target);
  add_field (GTK_GRID (grid), row++, _("Course"), course);
  add_field (GTK_GRID (grid), row++, _("Object"), object != NULL ? object : "—");
  add_field (GTK_GRID (grid), row++, _("Address"),
             roster_audit_entry_get_remote_address (entry) != NULL ? roster_audit_entry_get_remote_address (entry) : "—");
  add_field (GTK_GRID (grid), row, _("Details"), details != NULL ? details : "—");
  gtk_widget_add_css_class (gtk_grid_get_child_at (GTK_GRID (grid), 1, row), "monospace");

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   roster_audit_action_to_words (roster_audit_entry_get_action (entry)), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}
