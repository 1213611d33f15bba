/* roster-key-row.c: one enrolment key in the keys window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-key-row.h"

struct _RosterKeyRow
{
  AdwExpanderRow  parent_instance;

  RosterKey      *key;
  char           *secret;

  GtkSwitch      *active_switch;
  AdwActionRow   *secret_row;
  GtkEntry       *secret_entry;
  GtkButton      *reveal_button;
  GtkButton      *copy_button;
  GtkButton      *link_button;
  AdwActionRow   *delete_row;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (RosterKeyRow, roster_key_row, ADW_TYPE_EXPANDER_ROW)

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d") : g_strdup ("?");
}

/* "Group B · expires 2027-01-31 · 3 of 30 uses", all in one line. */
static void
update (RosterKeyRow *self)
{
  RosterKey *key = self->key;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *uses = NULL;
  g_autofree char *used = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), roster_key_get_nickname (key));

  if (!roster_key_get_active (key))
    g_string_append_printf (text, "%s · ", _("Deactivated"));
  if (roster_key_get_group_name (key) != NULL)
    g_string_append (text, roster_key_get_group_name (key));
  else
    g_string_append (text, _("No group"));

  if (roster_key_get_expires_at (key) > 0)
    {
      g_autofree char *date = format_date (roster_key_get_expires_at (key));

      g_string_append (text, " · ");
      g_string_append_printf (text, _("expires %s"), date);
    }
  else
    g_string_append_printf (text, " · %s", _("never expires"));

  /* Numbers as text first: a format macro in a message hides it from xgettext. */
  used = g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_get_uses (key));
  if (roster_key_get_max_uses (key) > 0)
    {
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_get_max_uses (key));

      uses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s use", "%s of %s uses",
                                           (gulong) MIN (roster_key_get_max_uses (key), G_MAXULONG)),
                              used, max);
    }
  else
    uses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s use, no limit", "%s uses, no limit",
                                         (gulong) MIN (roster_key_get_uses (key), G_MAXULONG)),
                            used);
  g_string_append_printf (text, " · %s", uses);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), text->str);

  /* The switch follows the server: it moves once the change is made. */
  gtk_switch_set_state (self->active_switch, roster_key_get_active (key));
  gtk_switch_set_active (self->active_switch, roster_key_get_active (key));
}

static void
key_notify_cb (RosterKeyRow *self)
{
  update (self);
}

static gboolean
state_set_cb (RosterKeyRow *self,
              gboolean      state)
{
  if (!!state != !!roster_key_get_active (self->key))
    gtk_widget_activate_action (GTK_WIDGET (self), "keys.set-active", "(xb)",
                                roster_key_get_id (self->key), state);
  /* Keep the state: update () sets it from the server's answer. */
  return TRUE;
}

static void
roster_key_row_dispose (GObject *object)
{
  RosterKeyRow *self = ROSTER_KEY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_KEY_ROW);
  g_clear_object (&self->key);

  G_OBJECT_CLASS (roster_key_row_parent_class)->dispose (object);
}

static void
roster_key_row_finalize (GObject *object)
{
  RosterKeyRow *self = ROSTER_KEY_ROW (object);

  g_free (self->secret);

  G_OBJECT_CLASS (roster_key_row_parent_class)->finalize (object);
}

static void
roster_key_row_class_init (RosterKeyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_key_row_dispose;
  object_class->finalize = roster_key_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-key-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, secret_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, link_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, delete_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, state_set_cb);
}

static void
roster_key_row_init (RosterKeyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  roster_key_row_set_secret (self, NULL);
}

GtkWidget *
roster_key_row_new (RosterKey *key,
                    gboolean   can_reveal,
                    gboolean   can_manage)
{
  RosterKeyRow *self;
  g_autoptr(GVariant) target = NULL;

  g_return_val_if_fail (ROSTER_IS_KEY (key), NULL);

  self = g_object_new (ROSTER_TYPE_KEY_ROW, NULL);
  self->key = g_object_ref (key);

  target = g_variant_ref_sink (g_variant_new_int64 (roster_key_get_id (key)));
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->reveal_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->link_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button), target);

  /* Without keys.reveal there is nothing to show: no eye, no copy. */
  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), can_reveal);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_row), can_manage);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), can_manage);

  g_signal_connect_object (key, "notify", G_CALLBACK (key_notify_cb), self, G_CONNECT_SWAPPED);
  update (self);

  return GTK_WIDGET (self);
}

RosterKey *
roster_key_row_get_key (RosterKeyRow *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_ROW (self), NULL);

  return self->key;
}

const char *
roster_key_row_get_secret (RosterKeyRow *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_ROW (self), NULL);

  return self->secret;
}

void
roster_key_row_set_secret (RosterKeyRow *self,
                           const char   *secret)
{
  const char *label;

  g_return_if_fail (ROSTER_IS_KEY_ROW (self));

  g_free (self->secret);
  self->secret = g_strdup (secret);

  /* Hidden, the entry holds nothing: the secret is not in the widget
   * tree (nor in AT-SPI) until the server was asked for it. */
  gtk_editable_set_text (GTK_EDITABLE (self->secret_entry), secret != NULL ? secret : "");
  gtk_entry_set_visibility (self->secret_entry, secret != NULL);
  gtk_button_set_icon_name (self->reveal_button, secret != NULL ? "view-conceal-symbolic" : "view-reveal-symbolic");
  label = secret != NULL ? _("Hide Key") : _("Show Key");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
