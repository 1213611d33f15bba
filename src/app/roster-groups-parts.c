/* roster-groups-parts.c: the rows and the name dialog of the Groups page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-groups-parts.h"

GtkWidget *
roster_group_row_new (RosterGroup *group)
{
  gint64 n = roster_group_get_member_count (group);
  g_autofree char *count = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (roster_group_get_name (group));
  GtkWidget *members;

  /* TRANSLATORS: how many people a group has. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", (gulong) n), (guint) n);
  members = gtk_label_new (count);
  gtk_widget_add_css_class (members, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), members);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

GtkWidget *
roster_member_row_new (RosterMember  *member,
                       GtkWidget    **remove_button)
{
  const char *role = roster_role_get_label (roster_member_get_role (member));
  const char *email = roster_member_get_email (member);
  g_autofree char *details = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (roster_member_get_full_name (member));
  GtkWidget *secondary;

  /* Someone no longer enrolled has no role. */
  details = g_strjoin (" · ", role != NULL ? role : _("Not enrolled"), email != NULL ? email : "", NULL);
  secondary = gtk_label_new (details);
  gtk_widget_add_css_class (secondary, "dim-label");
  gtk_widget_add_css_class (secondary, "caption");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (secondary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (secondary), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), secondary);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);

  if (remove_button != NULL)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      g_autofree char *label = NULL;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Remove from the group"));
      /* TRANSLATORS: the accessible name of an icon-only button; %s is a person. */
      label = g_strdup_printf (_("Remove %s from the group"), roster_member_get_full_name (member));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (button), "member", g_object_ref (member), g_object_unref);
      gtk_box_append (GTK_BOX (box), button);
      *remove_button = button;
    }

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

GtkWidget *
roster_participant_result_row_new (RosterParticipant *participant)
{
  g_autofree char *roles = roster_participant_dup_roles_label (participant);
  g_autofree char *text = g_strdup_printf ("%s (%s)", roster_participant_get_full_name (participant),
                                           roster_participant_get_username (participant));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (text);
  GtkWidget *role = gtk_label_new (roles);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (role, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), role);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

GtkWidget *
roster_placeholder_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_margin_bottom (label, 24);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  return label;
}

/* ---- the name dialog ---- */

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *name != '\0');
}

AdwMessageDialog *
roster_group_name_dialog_new (GtkWidget  *parent,
                              const char *heading,
                              const char *ok_label,
                              const char *name)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Group name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (entry, "changed", G_CALLBACK (name_changed_cb), dialog, 0);
  name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

char *
roster_group_name_dialog_get_name (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}
