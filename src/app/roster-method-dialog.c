/* roster-method-dialog.c: adding or editing an enrolment method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-method-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-methods.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-method-dialog.h"

#define SECONDS_PER_DAY (24 * 60 * 60)

struct _RosterMethodDialog
{
  AdwWindow          parent_instance;

  RosterClient      *client;
  gint64             course_id;
  /* NULL when adding a self enrolment method. */
  RosterMethod      *method;
  /* The duration as stored, which may not be whole days: kept as it
   * is unless the days are changed. */
  gint64             stored_duration;
  RosterMethodType   type;
  GCancellable      *cancellable;
  char              *problem;
  /* The name as typed, trimmed: what the patch points to. */
  char              *name;
  gboolean           saving;

  GtkButton         *save_button;
  GtkLabel          *error_label;
  AdwEntryRow       *name_row;
  AdwComboRow       *role_row;
  AdwActionRow      *duration_row;
  GtkSpinButton     *duration_spin;
  AdwPreferencesGroup *self_group;
  AdwEntryRow       *start_row;
  AdwEntryRow       *end_row;
  GtkSpinButton     *max_spin;
  GtkSwitch         *notify_switch;
  AdwPreferencesGroup *welcome_group;
  GtkTextView       *welcome_view;
};

G_DEFINE_FINAL_TYPE (RosterMethodDialog, roster_method_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The role combo lists the roles from ROSTER_ROLE_MODULE_LEADER on. */
static RosterRole
selected_role (RosterMethodDialog *self)
{
  return ROSTER_ROLE_MODULE_LEADER + adw_combo_row_get_selected (self->role_row);
}

/* A date alone (midnight UTC) or a full ISO 8601 time; "" is none. */
static gboolean
parse_date (const char *text,
            gint64     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  int year, month, day;
  char rest;

  *out = 0;
  if (*trimmed == '\0')
    return TRUE;

  if (sscanf (trimmed, "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3)
    {
      g_autoptr(GDateTime) dt = NULL;

      if (!g_date_valid_dmy (day, month, year))
        return FALSE;
      dt = g_date_time_new_utc (year, month, day, 0, 0, 0);
      *out = g_date_time_to_unix (dt);
      return TRUE;
    }

  return roster_json_parse_time (trimmed, out) && *out > 0;
}

static char *
format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  dt = g_date_time_new_from_unix_utc (unix_time);
  if (g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0 && g_date_time_get_second (dt) == 0)
    return g_date_time_format (dt, "%Y-%m-%d");
  return roster_json_format_time (unix_time);
}

static char *
welcome_text (RosterMethodDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->welcome_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gboolean
invalid (GError    **error,
         GtkWidget  *widget,
         const char *message)
{
  if (widget != NULL)
    gtk_widget_add_css_class (widget, "error");
  g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, message);
  return FALSE;
}

/**
 * roster_method_dialog_get_patch:
 * @self: a #RosterMethodDialog
 * @patch: (out caller-allocates): the settings as typed
 * @welcome: (out) (transfer full): the welcome message, kept by the caller
 * @error: the problem, in plain words
 *
 * The settings the method's type has, checked by the server's rules.
 */
gboolean
roster_method_dialog_get_patch (RosterMethodDialog  *self,
                                RosterMethodPatch   *patch,
                                char               **welcome,
                                GError             **error)
{
  g_autoptr(RosterMethod) check = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) rule_error = NULL;
  const char *name;

  g_return_val_if_fail (ROSTER_IS_METHOD_DIALOG (self), FALSE);

  g_free (self->name);
  self->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  name = self->name;

  *patch = (RosterMethodPatch) { 0 };
  *welcome = NULL;
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->start_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->end_row), "error");

  /* Blank is the type's default name, as the server takes null. */
  patch->fields = ROSTER_METHOD_FIELD_NAME | ROSTER_METHOD_FIELD_DEFAULT_ROLE;
  patch->name = *name != '\0' ? name : NULL;
  if (g_utf8_strlen (name, -1) > ROSTER_METHOD_MAX_NAME)
    {
      message = g_strdup_printf (_("The name may be at most %d characters long."), ROSTER_METHOD_MAX_NAME);
      return invalid (error, GTK_WIDGET (self->name_row), message);
    }
  patch->default_role = selected_role (self);

  if (self->type != ROSTER_METHOD_GUEST)
    {
      patch->fields |= ROSTER_METHOD_FIELD_ENROL_DURATION;
      patch->enrol_duration = (gint64) gtk_spin_button_get_value_as_int (self->duration_spin) * SECONDS_PER_DAY;
      if (patch->enrol_duration / SECONDS_PER_DAY == self->stored_duration / SECONDS_PER_DAY)
        patch->enrol_duration = self->stored_duration;
    }

  if (self->type == ROSTER_METHOD_SELF)
    {
      patch->fields |= ROSTER_METHOD_FIELD_ENROL_START | ROSTER_METHOD_FIELD_ENROL_END |
                       ROSTER_METHOD_FIELD_MAX_ENROLLED | ROSTER_METHOD_FIELD_WELCOME_MESSAGE |
                       ROSTER_METHOD_FIELD_NOTIFY_ADMINS;
      if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &patch->enrol_start))
        return invalid (error, GTK_WIDGET (self->start_row),
                        _("The start of enrolment is not a date: write it as 2027-01-31."));
      if (!parse_date (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &patch->enrol_end))
        return invalid (error, GTK_WIDGET (self->end_row),
                        _("The end of enrolment is not a date: write it as 2027-01-31."));
      if (patch->enrol_start != 0 && patch->enrol_end != 0 && patch->enrol_end <= patch->enrol_start)
        return invalid (error, GTK_WIDGET (self->end_row), _("Enrolment must end after it starts."));
      patch->max_enrolled = gtk_spin_button_get_value_as_int (self->max_spin);
      patch->notify_admins = gtk_switch_get_active (self->notify_switch);
      *welcome = welcome_text (self);
      if (**welcome == '\0')
        g_clear_pointer (welcome, g_free);
      patch->welcome_message = *welcome;
      if (*welcome != NULL && g_utf8_strlen (*welcome, -1) > ROSTER_METHOD_MAX_WELCOME)
        {
          message = g_strdup_printf (_("The welcome message may be at most %d characters long."),
                                     ROSTER_METHOD_MAX_WELCOME);
          g_clear_pointer (welcome, g_free);
          return invalid (error, NULL, message);
        }
    }

  /* The model's own rules, the server's too, as a last check. */
  check = roster_method_new_for_type (self->type);
  roster_method_apply_patch (check, patch);
  if (!roster_method_validate (check, &rule_error))
    {
      g_clear_pointer (welcome, g_free);
      return invalid (error, NULL, rule_error->message);
    }

  return TRUE;
}

static void
update_problem (RosterMethodDialog *self)
{
  RosterMethodPatch patch;
  g_autofree char *welcome = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->problem, g_free);
  if (!roster_method_dialog_get_patch (self, &patch, &welcome, &error))
    self->problem = g_strdup (error->message);

  gtk_label_set_text (self->error_label, self->problem != NULL ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->problem != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), self->problem == NULL && !self->saving);
}

static void
field_changed_cb (RosterMethodDialog *self)
{
  update_problem (self);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RosterMethodDialog) self = user_data;
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(GError) error = NULL;

  if (self->method != NULL)
    method = roster_client_update_method_finish (ROSTER_CLIENT (object), result, &error);
  else
    method = roster_client_create_method_finish (ROSTER_CLIENT (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->saving = FALSE;
  if (method == NULL)
    {
      /* The server's message is meant for people: show it as it is. */
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, method);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (RosterMethodDialog *self)
{
  RosterMethodPatch patch;
  g_autofree char *welcome = NULL;
  g_autoptr(GError) error = NULL;

  if (self->saving || self->client == NULL)
    return;
  if (!roster_method_dialog_get_patch (self, &patch, &welcome, &error))
    {
      update_problem (self);
      return;
    }

  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  if (self->method != NULL)
    roster_client_update_method_async (self->client, roster_method_get_id (self->method), &patch,
                                       self->cancellable, save_done_cb, g_object_ref (self));
  else
    roster_client_create_method_async (self->client, self->course_id, self->type, &patch,
                                       self->cancellable, save_done_cb, g_object_ref (self));
}

static void
roster_method_dialog_dispose (GObject *object)
{
  RosterMethodDialog *self = ROSTER_METHOD_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->method);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (roster_method_dialog_parent_class)->dispose (object);
}

static void
roster_method_dialog_class_init (RosterMethodDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_method_dialog_dispose;

  /**
   * RosterMethodDialog::saved:
   * @method: the method as the server saved it
   *
   * The server took the settings; the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_METHOD);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-method-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, duration_row);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, self_group);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, end_row);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, max_spin);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, notify_switch);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, welcome_group);
  gtk_widget_class_bind_template_child (widget_class, RosterMethodDialog, welcome_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
roster_method_dialog_init (RosterMethodDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->type = ROSTER_METHOD_SELF;
  g_signal_connect_object (gtk_text_view_get_buffer (self->welcome_view), "changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

static void
show_type (RosterMethodDialog *self)
{
  gboolean self_type = self->type == ROSTER_METHOD_SELF;

  gtk_widget_set_visible (GTK_WIDGET (self->self_group), self_type);
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_group), self_type);
  gtk_widget_set_visible (GTK_WIDGET (self->duration_row), self->type != ROSTER_METHOD_GUEST);
  update_problem (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

RosterMethodDialog *
roster_method_dialog_new_self (RosterClient *client,
                               gint64        course_id)
{
  RosterMethodDialog *self;

  g_return_val_if_fail (client == NULL || ROSTER_IS_CLIENT (client), NULL);

  self = g_object_new (ROSTER_TYPE_METHOD_DIALOG,
                       "title", _("Add Self Enrolment"),
                       NULL);
  g_set_object (&self->client, client);
  self->course_id = course_id;
  /* External people join as guests unless someone decides otherwise. */
  adw_combo_row_set_selected (self->role_row, ROSTER_ROLE_GUEST - ROSTER_ROLE_MODULE_LEADER);
  gtk_button_set_label (self->save_button, _("_Add Method"));
  show_type (self);
  return self;
}

RosterMethodDialog *
roster_method_dialog_new_edit (RosterClient *client,
                               RosterMethod *method)
{
  RosterMethodDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *welcome;

  g_return_val_if_fail (client == NULL || ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), NULL);

  title = roster_method_dup_display_name (method);
  self = g_object_new (ROSTER_TYPE_METHOD_DIALOG, "title", title, NULL);
  g_set_object (&self->client, client);
  self->method = g_object_ref (method);
  self->course_id = roster_method_get_course_id (method);
  self->type = roster_method_get_method_type (method);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                         roster_method_get_name (method) != NULL ? roster_method_get_name (method) : "");
  if (roster_method_get_default_role (method) >= ROSTER_ROLE_MODULE_LEADER)
    adw_combo_row_set_selected (self->role_row, roster_method_get_default_role (method) - ROSTER_ROLE_MODULE_LEADER);
  self->stored_duration = roster_method_get_enrol_duration (method);
  gtk_spin_button_set_value (self->duration_spin, (double) (self->stored_duration / SECONDS_PER_DAY));
  start = format_date (roster_method_get_enrol_start (method));
  end = format_date (roster_method_get_enrol_end (method));
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end);
  gtk_spin_button_set_value (self->max_spin, (double) roster_method_get_max_enrolled (method));
  gtk_switch_set_active (self->notify_switch, roster_method_get_notify_admins (method));
  welcome = roster_method_get_welcome_message (method);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->welcome_view), welcome != NULL ? welcome : "", -1);
  show_type (self);
  return self;
}

const char *
roster_method_dialog_get_problem (RosterMethodDialog *self)
{
  g_return_val_if_fail (ROSTER_IS_METHOD_DIALOG (self), NULL);

  return self->problem;
}
