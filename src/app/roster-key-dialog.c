/* roster-key-dialog.c: adding a key to a self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-keys"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "roster-client-keys.h"
#include "roster-group.h"
#include "roster-key-dialog.h"

struct _RosterKeyDialog
{
  AdwWindow        parent_instance;

  RosterClient    *client;
  RosterCourse    *course;
  RosterMethod    *method;
  GCancellable    *cancellable;
  GArray          *group_ids;   /* gint64, by the group row's position */
  gboolean         busy;

  AdwToastOverlay *toast_overlay;
  GtkButton       *add_button;
  AdwEntryRow     *nickname_row;
  AdwComboRow     *mode_row;
  AdwEntryRow     *secret_row;
  AdwPreferencesGroup *hint_group;
  GtkLabel        *policy_label;
  GtkLabel        *problem_label;
  AdwComboRow     *group_row;
  GtkStringList   *group_names;
  AdwEntryRow     *expires_row;
  GtkSpinButton   *max_uses_spin;
};

G_DEFINE_FINAL_TYPE (RosterKeyDialog, roster_key_dialog, ADW_TYPE_WINDOW)

enum {
  KEY_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  MODE_GENERATE,
  MODE_TYPE,
};

gboolean
roster_key_dialog_parse_date (const char *text,
                              gint64     *unix_time)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, consumed = 0;

  if (*trimmed == '\0')
    {
      *unix_time = 0;
      return TRUE;
    }
  if (sscanf (trimmed, "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
      trimmed[consumed] != '\0' ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  time = g_date_time_new_utc (year, month, day, 0, 0, 0);
  if (time == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

/* The first thing that stops the key from being added, in words; NULL
 * when it can be sent. The same rules as the server's, so that a weak
 * key is refused as it is typed. */
static char *
dup_problem (RosterKeyDialog  *self,
             gint64           *expires_at,
             GtkWidget       **where)
{
  const char *nickname = gtk_editable_get_text (GTK_EDITABLE (self->nickname_row));
  g_autoptr(GError) error = NULL;

  if (adw_combo_row_get_selected (self->mode_row) == MODE_TYPE)
    {
      const char *secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));

      *where = GTK_WIDGET (self->secret_row);
      if (*secret != '\0' && !roster_key_check_secret (secret, &error))
        return g_strdup (error->message);
    }
  *where = GTK_WIDGET (self->nickname_row);
  if (g_utf8_strlen (nickname, -1) > ROSTER_KEY_MAX_NICKNAME)
    return g_strdup_printf (_("The nickname may be at most %d characters long."), ROSTER_KEY_MAX_NICKNAME);
  *where = GTK_WIDGET (self->expires_row);
  if (!roster_key_dialog_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->expires_row)), expires_at))
    return g_strdup (_("Write the expiry date as year-month-day, such as 2027-01-31."));
  if (*expires_at != 0 && *expires_at <= g_get_real_time () / G_USEC_PER_SEC)
    return g_strdup (_("The expiry date is in the past."));
  return NULL;
}

static gboolean
is_complete (RosterKeyDialog *self)
{
  g_autofree char *nickname = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->nickname_row))));

  if (*nickname == '\0')
    return FALSE;
  if (adw_combo_row_get_selected (self->mode_row) == MODE_TYPE &&
      *gtk_editable_get_text (GTK_EDITABLE (self->secret_row)) == '\0')
    return FALSE;
  return TRUE;
}

static void
changed_cb (RosterKeyDialog *self)
{
  gboolean typed = adw_combo_row_get_selected (self->mode_row) == MODE_TYPE;
  gint64 expires_at = 0;
  GtkWidget *where = NULL;
  g_autofree char *problem = dup_problem (self, &expires_at, &where);

  gtk_widget_set_visible (GTK_WIDGET (self->secret_row), typed);
  gtk_widget_set_visible (GTK_WIDGET (self->policy_label), typed);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_group), typed || problem != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->nickname_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->expires_row), "error");
  if (problem != NULL)
    gtk_widget_add_css_class (where, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), !self->busy && problem == NULL && is_complete (self));
}

static void
groups_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterKeyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) groups = roster_client_list_groups_finish (ROSTER_CLIENT (source), result, &error);

  if (groups == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (groups, i);
      gint64 id = roster_group_get_id (group);

      gtk_string_list_append (self->group_names, roster_group_get_name (group));
      g_array_append_val (self->group_ids, id);
    }
}

static void
created_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterKeyDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;

  /* The secret is not kept: the eye asks the server for it. */
  key = roster_client_create_key_finish (ROSTER_CLIENT (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (key == NULL)
    {
      /* The server's words, inline: a key in use, a nickname taken. */
      changed_cb (self);
      gtk_label_set_text (self->problem_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->hint_group), TRUE);
      return;
    }

  g_signal_emit (self, signals[KEY_CREATED], 0, key);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_clicked_cb (RosterKeyDialog *self)
{
  g_autofree char *nickname = NULL;
  g_autofree char *problem = NULL;
  RosterKeySpec spec = { 0, };
  GtkWidget *where = NULL;
  guint group = adw_combo_row_get_selected (self->group_row);

  if (self->busy || !is_complete (self) || (problem = dup_problem (self, &spec.expires_at, &where)) != NULL)
    return;

  nickname = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->nickname_row))));
  spec.nickname = nickname;
  if (adw_combo_row_get_selected (self->mode_row) == MODE_TYPE)
    spec.secret = gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
  if (group != GTK_INVALID_LIST_POSITION && group < self->group_ids->len)
    spec.group_id = g_array_index (self->group_ids, gint64, group);
  spec.max_uses = gtk_spin_button_get_value_as_int (self->max_uses_spin);

  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  roster_client_create_key_async (self->client, roster_method_get_id (self->method), &spec,
                                  self->cancellable, created_cb, g_object_ref (self));
}

static void
roster_key_dialog_dispose (GObject *object)
{
  RosterKeyDialog *self = ROSTER_KEY_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_KEY_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->method);
  g_clear_pointer (&self->group_ids, g_array_unref);

  G_OBJECT_CLASS (roster_key_dialog_parent_class)->dispose (object);
}

static void
roster_key_dialog_class_init (RosterKeyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_key_dialog_dispose;

  signals[KEY_CREATED] =
    g_signal_new ("key-created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ROSTER_TYPE_KEY);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, nickname_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, mode_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, secret_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, hint_group);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, policy_label);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, group_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, group_names);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, expires_row);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyDialog, max_uses_spin);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
roster_key_dialog_init (RosterKeyDialog *self)
{
  gint64 none = 0;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->group_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* "No group" first, then the course's groups once they are known. */
  gtk_string_list_append (self->group_names, _("No group"));
  g_array_append_val (self->group_ids, none);
}

GtkWidget *
roster_key_dialog_new (GtkWindow    *parent,
                       RosterClient *client,
                       RosterCourse *course,
                       RosterMethod *method)
{
  RosterKeyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_COURSE (course), NULL);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), NULL);

  self = g_object_new (ROSTER_TYPE_KEY_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->course = g_object_ref (course);
  self->method = g_object_ref (method);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->nickname_row));

  roster_client_list_groups_async (client, roster_course_get_id (course), self->cancellable,
                                   groups_cb, g_object_ref (self));

  return GTK_WIDGET (self);
}
