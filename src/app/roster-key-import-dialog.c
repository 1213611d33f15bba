/* roster-key-import-dialog.c: many keys from a CSV file, previewed first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seed 001's bulk upload of tokens. The file is read here with the
 * import engine's CSV reader (encoding and delimiter detected as the
 * server detects them) to show its first rows and how its columns map;
 * the server checks every row again and makes all keys or none.
 */

#define G_LOG_DOMAIN "roster-keys"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-keys.h"
#include "roster-json.h"
#include "roster-key-import-dialog.h"
#include "roster-key-import-preview.h"

/* Rows shown before sending, and problems after a refusal. */
#define PREVIEW_ROWS  10
#define SHOWN_PROBLEMS 50

struct _RosterKeyImportDialog
{
  AdwWindow             parent_instance;

  RosterClient         *client;
  RosterCourse         *course;
  RosterMethod         *method;
  char                 *file_name;
  GBytes               *csv;
  GCancellable         *cancellable;
  gboolean              done;

  GtkButton            *cancel_button;
  GtkButton            *send_button;
  GtkStack             *stack;
  AdwPreferencesGroup  *summary_group;
  GtkLabel             *problem_label;
  AdwPreferencesGroup  *columns_group;
  GtkListBox           *columns_list;
  AdwPreferencesGroup  *rows_group;
  GtkListBox           *rows_list;
};

G_DEFINE_FINAL_TYPE (RosterKeyImportDialog, roster_key_import_dialog, ADW_TYPE_WINDOW)

enum {
  KEYS_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* File contents are not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (list, row);
}

static void
clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
show_problem (RosterKeyImportDialog *self,
              const char            *text)
{
  gtk_label_set_text (self->problem_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
}

static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "nickname") == 0)
    return _("Nickname");
  if (g_strcmp0 (field, "secret") == 0)
    return _("Secret (empty: generated)");
  if (g_strcmp0 (field, "active") == 0)
    return _("Active");
  if (g_strcmp0 (field, "group") == 0)
    return _("Group");
  if (g_strcmp0 (field, "expires") == 0)
    return _("Expires");
  if (g_strcmp0 (field, "max_uses") == 0)
    return _("Maximum uses");
  return _("Ignored");
}

/* One preview row: the nickname, then what else it sets. A secret in
 * the file is only said to be there. */
static void
add_preview_row (RosterKeyImportDialog  *self,
                 RosterKeyImportPreview *preview,
                 guint                   row)
{
  g_autoptr(GString) details = g_string_new (NULL);
  const char *nickname = "";

  for (guint c = 0; c < roster_key_import_preview_get_n_columns (preview); c++)
    {
      const char *field = roster_key_import_preview_get_field (preview, c);
      const char *value = roster_key_import_preview_get_value (preview, row, c);

      if (field == NULL)
        continue;
      if (g_str_equal (field, "nickname"))
        nickname = value;
      else if (g_str_equal (field, "secret"))
        g_string_append_printf (details, "%s%s", details->len ? " · " : "",
                                *value != '\0' ? _("own secret") : _("generated secret"));
      else if (*value != '\0')
        g_string_append_printf (details, "%s%s: %s", details->len ? " · " : "", field_label (field), value);
    }

  add_row (self->rows_list, *nickname != '\0' ? nickname : _("(no nickname)"), details->str);
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RosterKeyImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKeyImportPreview) preview = roster_key_import_preview_read_finish (result, &error);
  g_autofree char *description = NULL;
  g_autofree char *rows_title = NULL;
  char delimiter;
  const char *delimiter_name;
  guint total;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_stack_set_visible_child_name (self->stack, "content");
  if (preview == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->rows_group), FALSE);
      show_problem (self, error->message);
      return;
    }

  delimiter = roster_key_import_preview_get_delimiter (preview);
  delimiter_name = delimiter == ';' ? _("semicolons") : delimiter == '\t' ? _("tabs") :
                   delimiter == '|' ? _("vertical bars") : _("commas");
  total = roster_key_import_preview_get_total_rows (preview);
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s, separated by %s: %u key",
                                              "%s, %s, separated by %s: %u keys", total),
                                 self->file_name, roster_key_import_preview_get_encoding (preview),
                                 delimiter_name, total);
  adw_preferences_group_set_description (self->summary_group, description);

  for (guint c = 0; c < roster_key_import_preview_get_n_columns (preview); c++)
    add_row (self->columns_list, roster_key_import_preview_get_column (preview, c),
             field_label (roster_key_import_preview_get_field (preview, c)));

  rows_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %u row", "The first %u rows",
                                             roster_key_import_preview_get_n_rows (preview)),
                                roster_key_import_preview_get_n_rows (preview));
  adw_preferences_group_set_title (self->rows_group, rows_title);
  for (guint r = 0; r < roster_key_import_preview_get_n_rows (preview); r++)
    add_preview_row (self, preview, r);

  if (!roster_key_import_preview_has_nickname (preview))
    show_problem (self, _("The file has no “nickname” column: every key needs one."));
  else if (total == 0)
    show_problem (self, _("The file has no key below its header."));
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), TRUE);
}

/* ---- the server's report ---- */

static void
add_problems (RosterKeyImportDialog *self,
              JsonArray             *problems,
              guint                 *shown)
{
  for (guint i = 0; problems != NULL && i < json_array_get_length (problems) && *shown < SHOWN_PROBLEMS; i++)
    {
      JsonNode *node = json_array_get_element (problems, i);
      JsonObject *problem;
      const char *message = NULL, *column = NULL;
      gint64 line = 0;
      g_autofree char *where = NULL;
      g_autofree char *subtitle = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      problem = json_node_get_object (node);
      roster_json_get_string (problem, "message", FALSE, &message, NULL);
      roster_json_get_string (problem, "column", FALSE, &column, NULL);
      roster_json_get_int (problem, "line", FALSE, &line, NULL);
      where = line > 0 ? g_strdup_printf (_("Line %d"), (int) MIN (line, G_MAXINT)) : g_strdup (_("The file"));
      subtitle = column != NULL ? g_strdup_printf ("%s · %s", where, column) : g_steal_pointer (&where);
      add_row (self->rows_list, message != NULL ? message : "", subtitle);
      (*shown)++;
    }
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Refused: the server's summary, then every problem it found (the
 * file's first, then the rows'), up to a screenful. */
static void
show_refusal (RosterKeyImportDialog *self,
              const GError          *error,
              JsonObject            *report)
{
  JsonArray *rows = array_member (report, "rows");
  guint shown = 0, total = 0;

  show_problem (self, error->message);
  clear (self->rows_list);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), report != NULL);
  adw_preferences_group_set_title (self->rows_group, _("Problems"));
  if (report == NULL)
    return;

  {
    JsonArray *problems = array_member (object_member (report, "file"), "problems");

    total = problems != NULL ? json_array_get_length (problems) : 0;
    add_problems (self, problems, &shown);
  }
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonArray *problems = array_member (json_array_get_object_element (rows, i), "problems");

      total += problems != NULL ? json_array_get_length (problems) : 0;
      add_problems (self, problems, &shown);
    }
  if (total > shown)
    {
      g_autofree char *more = g_strdup_printf (_("Only the first %u problems are shown."), SHOWN_PROBLEMS);

      adw_preferences_group_set_description (self->rows_group, more);
    }
}

static void
show_made (RosterKeyImportDialog *self,
           JsonArray             *keys)
{
  guint n = keys != NULL ? json_array_get_length (keys) : 0;
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u key added", "%u keys added", n), n);

  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
  adw_preferences_group_set_title (self->summary_group, title);
  adw_preferences_group_set_description (self->summary_group,
                                         _("Their secrets are shown in the keys window, with the eye."));
  clear (self->rows_list);
  adw_preferences_group_set_title (self->rows_group, _("Keys"));
  for (guint i = 0; i < n; i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      const char *nickname = NULL;

      if (key != NULL && roster_json_get_string (key, "nickname", FALSE, &nickname, NULL) && nickname != NULL)
        add_row (self->rows_list, nickname, NULL);
    }
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RosterKeyImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(JsonObject) answer = roster_client_import_keys_finish (ROSTER_CLIENT (source), result, &report, &error);
  JsonArray *keys;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_button_set_label (self->cancel_button, _("_Close"));
  if (answer == NULL)
    {
      show_refusal (self, error, report);
      return;
    }

  keys = array_member (answer, "keys");
  self->done = TRUE;
  show_made (self, keys);
  gtk_widget_set_visible (GTK_WIDGET (self->send_button), FALSE);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->cancel_button));
  g_signal_emit (self, signals[KEYS_IMPORTED], 0, keys != NULL ? json_array_get_length (keys) : 0);
}

static void
send_clicked_cb (RosterKeyImportDialog *self)
{
  if (self->done || !gtk_widget_get_sensitive (GTK_WIDGET (self->send_button)))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->send_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  roster_client_import_keys_async (self->client, roster_course_get_id (self->course),
                                   roster_method_get_id (self->method), self->csv, self->cancellable,
                                   imported_cb, g_object_ref (self));
}

static void
roster_key_import_dialog_dispose (GObject *object)
{
  RosterKeyImportDialog *self = ROSTER_KEY_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_KEY_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->method);
  g_clear_pointer (&self->csv, g_bytes_unref);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (roster_key_import_dialog_parent_class)->dispose (object);
}

static void
roster_key_import_dialog_class_init (RosterKeyImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_key_import_dialog_dispose;

  signals[KEYS_IMPORTED] =
    g_signal_new ("keys-imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterdesk/Roster/ui/roster-key-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, send_button);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, columns_list);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, rows_group);
  gtk_widget_class_bind_template_child (widget_class, RosterKeyImportDialog, rows_list);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
}

static void
roster_key_import_dialog_init (RosterKeyImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
roster_key_import_dialog_new (GtkWindow    *parent,
                              RosterClient *client,
                              RosterCourse *course,
                              RosterMethod *method,
                              const char   *file_name,
                              GBytes       *csv)
{
  RosterKeyImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_COURSE (course), NULL);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_KEY_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->course = g_object_ref (course);
  self->method = g_object_ref (method);
  self->file_name = g_strdup (file_name != NULL ? file_name : "");
  self->csv = g_bytes_ref (csv);

  roster_key_import_preview_read_async (csv, PREVIEW_ROWS, self->cancellable, preview_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}
