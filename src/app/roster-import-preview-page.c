/* roster-import-preview-page.c: the import wizard's dry run: every row
 * with what would happen to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-columns.h"
#include "roster-import-preview-page.h"
#include "roster-import.h"

struct _RosterImportPreviewPage
{
  GtkWidget           parent_instance;

  AdwToastOverlay    *toasts;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *file_problems_status;
  GtkBox             *counts;
  GtkWidget          *skip_box;
  GtkCheckButton     *skip_check;
  GtkLabel           *skip_label;
  GtkToggleButton    *errors_only_button;
  GtkSearchEntry     *search_entry;
  GtkColumnView      *column_view;

  RosterImportReport *report;
  GtkFilterListModel *filter_model;
  GtkFilter          *filter;
  GCancellable       *cancellable;
  /* What the filter looks for, kept apart from the widgets so the
   * filter does not read them 100 000 times. */
  gboolean            errors_only;
  char               *search;
  gboolean            skip_errors;
  gboolean            can_import;
};

G_DEFINE_FINAL_TYPE (RosterImportPreviewPage, roster_import_preview_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CAN_IMPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
count (RosterImportPreviewPage   *self,
       RosterImportResultOutcome  outcome)
{
  return self->report != NULL ? roster_import_report_get_count (self->report, outcome) : 0;
}

static gboolean
has_file_problems (RosterImportPreviewPage *self)
{
  GPtrArray *problems = self->report != NULL ? roster_import_report_get_file_problems (self->report) : NULL;

  return problems != NULL && problems->len > 0;
}

static void
update_can_import (RosterImportPreviewPage *self)
{
  guint to_import = count (self, ROSTER_IMPORT_RESULT_CREATE) + count (self, ROSTER_IMPORT_RESULT_UPDATE)
                    + count (self, ROSTER_IMPORT_RESULT_ENROL) + count (self, ROSTER_IMPORT_RESULT_UNCHANGED);
  gboolean can_import = self->report != NULL && !has_file_problems (self)
                        && (count (self, ROSTER_IMPORT_RESULT_ERROR) == 0 || self->skip_errors)
                        && to_import > 0;

  if (can_import == self->can_import)
    return;
  self->can_import = can_import;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_IMPORT]);
}

/* Filtering --------------------------------------------------------- */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  RosterImportPreviewPage *self = user_data;
  RosterImportResult *row = item;
  const char *username, *email;
  char line[16];

  if (self->errors_only && roster_import_result_get_outcome (row) != ROSTER_IMPORT_RESULT_ERROR)
    return FALSE;
  if (self->search == NULL)
    return TRUE;

  username = roster_import_result_get_username (row);
  email = roster_import_result_get_email (row);
  g_snprintf (line, sizeof line, "%u", roster_import_result_get_line (row));
  return g_str_has_prefix (line, self->search)
         || (username != NULL && g_str_match_string (self->search, username, TRUE))
         || (email != NULL && g_str_match_string (self->search, email, TRUE));
}

/* Without a filter the filter model passes the rows through at once:
 * a new report shows without a walk over its rows. */
static void
filter_changed_cb (RosterImportPreviewPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *search = *text != '\0' ? g_strstrip (g_strdup (text)) : NULL;

  self->errors_only = gtk_toggle_button_get_active (self->errors_only_button);
  g_free (self->search);
  self->search = search != NULL && *search != '\0' ? g_steal_pointer (&search) : NULL;

  if (self->filter_model == NULL)
    return;
  if (!self->errors_only && self->search == NULL)
    {
      gtk_filter_list_model_set_filter (self->filter_model, NULL);
      return;
    }
  if (gtk_filter_list_model_get_filter (self->filter_model) == NULL)
    gtk_filter_list_model_set_filter (self->filter_model, self->filter);
  else
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Skipping errors ---------------------------------------------------- */

static void
skip_toggled_cb (RosterImportPreviewPage *self)
{
  self->skip_errors = gtk_check_button_get_active (self->skip_check);
  update_can_import (self);
}

static void
update_skip (RosterImportPreviewPage *self)
{
  guint n_errors = count (self, ROSTER_IMPORT_RESULT_ERROR);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->skip_box, n_errors > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.export-errors", n_errors > 0);
  if (n_errors == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u row with errors will not be imported; the others will be.",
                                       "%u rows with errors will not be imported; the others will be.",
                                       n_errors),
                          n_errors);
  gtk_label_set_text (self->skip_label, text);
}

/* The file as a whole ------------------------------------------------ */

static void
show_file_problems (RosterImportPreviewPage *self)
{
  GPtrArray *problems = roster_import_report_get_file_problems (self->report);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      RosterImportProblem *problem = problems->pdata[i];
      g_autofree char *escaped = g_markup_escape_text (problem->message, -1);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (problem->line > 0)
        g_string_append_printf (text, _("Line %u: %s"), problem->line, escaped);
      else
        g_string_append (text, escaped);
    }
  g_string_append (text, "\n\n");
  g_string_append (text, _("Fix the file in the spreadsheet and choose it again."));
  adw_status_page_set_description (self->file_problems_status, text->str);
  gtk_stack_set_visible_child_name (self->stack, "file-problems");
}

/* Actions ------------------------------------------------------------ */

static void
export_errors_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RosterImportPreviewPage *self = ROSTER_IMPORT_PREVIEW_PAGE (widget);

  if (self->report == NULL)
    return;
  roster_import_save_rows (widget, self->toasts, roster_import_report_get_rows (self->report),
                           ROSTER_IMPORT_EXPORT_ERRORS, self->cancellable);
}

/* GObject ------------------------------------------------------------ */

static void
roster_import_preview_page_dispose (GObject *object)
{
  RosterImportPreviewPage *self = ROSTER_IMPORT_PREVIEW_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_PREVIEW_PAGE);
  g_clear_object (&self->report);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_import_preview_page_parent_class)->dispose (object);
}

static void
roster_import_preview_page_finalize (GObject *object)
{
  RosterImportPreviewPage *self = ROSTER_IMPORT_PREVIEW_PAGE (object);

  g_free (self->search);

  G_OBJECT_CLASS (roster_import_preview_page_parent_class)->finalize (object);
}

static void
roster_import_preview_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterImportPreviewPage *self = ROSTER_IMPORT_PREVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CAN_IMPORT:
      g_value_set_boolean (value, self->can_import);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_preview_page_class_init (RosterImportPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_preview_page_dispose;
  object_class->finalize = roster_import_preview_page_finalize;
  object_class->get_property = roster_import_preview_page_get_property;

  properties[PROP_CAN_IMPORT] =
    g_param_spec_boolean ("can-import", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterdesk/Roster/ui/roster-import-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, file_problems_status);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, counts);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, skip_box);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, skip_check);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, skip_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, errors_only_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterImportPreviewPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, skip_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "preview.export-errors", NULL, export_errors_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_preview_page_init (RosterImportPreviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_row, self, NULL));
  roster_import_columns_setup (self->column_view);

  roster_import_preview_page_set_report (self, NULL);
}

GtkWidget *
roster_import_preview_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_PREVIEW_PAGE, NULL);
}

/**
 * roster_import_preview_page_set_report:
 * @self: a #RosterImportPreviewPage
 * @report: (nullable): a dry run's report
 *
 * Shows @report, or a spinner while the next one is on its way. The
 * "skip rows with errors" choice starts off again.
 */
void
roster_import_preview_page_set_report (RosterImportPreviewPage *self,
                                       RosterImportReport      *report)
{
  g_return_if_fail (ROSTER_IS_IMPORT_PREVIEW_PAGE (self));
  g_return_if_fail (report == NULL || ROSTER_IS_IMPORT_REPORT (report));

  g_set_object (&self->report, report);

  /* A choice made for another report does not carry over. */
  gtk_check_button_set_active (self->skip_check, FALSE);
  self->skip_errors = FALSE;

  /* A filter model of each report's own, so the view can let the old
   * rows out before the new ones come in (roster-import-columns.c).
   * Without a filter it passes the rows through without a walk over
   * them. Incremental: "errors only" on 100 000 rows filters a part at
   * a time between frames instead of freezing the window. */
  g_clear_object (&self->filter_model);
  if (report != NULL)
    {
      gboolean filtered = self->errors_only || self->search != NULL;

      self->filter_model = gtk_filter_list_model_new (g_object_ref (roster_import_report_get_rows (report)),
                                                      filtered ? g_object_ref (self->filter) : NULL);
      gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
    }
  roster_import_columns_set_rows (self->column_view, G_LIST_MODEL (self->filter_model));
  roster_import_counts_fill (self->counts, report);
  update_skip (self);
  update_can_import (self);

  gtk_spinner_set_spinning (self->spinner, report == NULL);
  if (report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (has_file_problems (self))
    show_file_problems (self);
  else
    gtk_stack_set_visible_child_name (self->stack, "rows");
}

gboolean
roster_import_preview_page_get_skip_errors (RosterImportPreviewPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PREVIEW_PAGE (self), FALSE);

  return self->skip_errors;
}

gboolean
roster_import_preview_page_get_can_import (RosterImportPreviewPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_PREVIEW_PAGE (self), FALSE);

  return self->can_import;
}
