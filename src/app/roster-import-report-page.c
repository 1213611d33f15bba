/* roster-import-report-page.c: the import wizard's last step: what the
 * job did
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-columns.h"
#include "roster-import-report-page.h"

struct _RosterImportReportPage
{
  GtkWidget           parent_instance;

  AdwToastOverlay    *toasts;
  GtkImage           *state_icon;
  GtkLabel           *title_label;
  GtkLabel           *description_label;
  GtkBox             *counts;
  GtkLabel           *skipped_label;
  GtkColumnView      *column_view;

  RosterImportReport *job;
  GListModel         *rows;
  GCancellable       *cancellable;
  /* Rows whose person the participants list can show. */
  guint               n_people;
};

G_DEFINE_FINAL_TYPE (RosterImportReportPage, roster_import_report_page, GTK_TYPE_WIDGET)

enum {
  SHOW_PARTICIPANTS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows whose person is in the course after the import. */
static gboolean
is_person (RosterImportResult *row)
{
  switch (roster_import_result_get_outcome (row))
    {
    case ROSTER_IMPORT_RESULT_CREATE:
    case ROSTER_IMPORT_RESULT_UPDATE:
    case ROSTER_IMPORT_RESULT_ENROL:
    case ROSTER_IMPORT_RESULT_UNCHANGED:
      return roster_import_result_get_user_id (row) > 0;
    case ROSTER_IMPORT_RESULT_SKIPPED:
    case ROSTER_IMPORT_RESULT_ERROR:
    default:
      return FALSE;
    }
}

static guint
count_people (GListModel *rows,
              guint       position,
              guint       n)
{
  guint found = 0;

  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(RosterImportResult) row = g_list_model_get_item (rows, i);

      found += is_person (row);
    }
  return found;
}

static void
update_actions (RosterImportReportPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.show-participants", self->n_people > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.save", self->rows != NULL);
}

/* The rows arrive a page at a time: only the new ones are looked at. */
static void
rows_changed_cb (RosterImportReportPage *self,
                 guint                   position,
                 guint                   removed,
                 guint                   added,
                 GListModel             *rows)
{
  if (removed > 0)
    self->n_people = count_people (rows, 0, g_list_model_get_n_items (rows));
  else
    self->n_people += count_people (rows, position, added);
  update_actions (self);
}

static void
update_summary (RosterImportReportPage *self)
{
  RosterImportReportState state = roster_import_report_get_state (self->job);
  guint n_skipped = roster_import_report_get_count (self->job, ROSTER_IMPORT_RESULT_SKIPPED);
  const char *file_name = roster_import_report_get_file_name (self->job);
  g_autofree char *description = NULL;
  g_autofree char *skipped = NULL;
  const char *title;
  const char *icon;

  switch (state)
    {
    case ROSTER_IMPORT_REPORT_FAILED:
      title = _("Import Failed");
      icon = "dialog-error-symbolic";
      description = g_strdup (roster_import_report_get_error (self->job) != NULL
                              ? roster_import_report_get_error (self->job)
                              : _("The import stopped; nothing of it was kept."));
      break;
    case ROSTER_IMPORT_REPORT_CANCELLED:
      title = _("Import cancelled: nothing was changed");
      icon = "process-stop-symbolic";
      break;
    case ROSTER_IMPORT_REPORT_QUEUED:
    case ROSTER_IMPORT_REPORT_RUNNING:
    case ROSTER_IMPORT_REPORT_DONE:
    default:
      title = _("Import Finished");
      icon = "emblem-ok-symbolic";
      if (file_name != NULL && *file_name != '\0')
        description = g_strdup_printf (_("Every row of “%s” was handled as the table shows."), file_name);
      if (n_skipped > 0)
        skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u row was skipped: it is listed below with its problems or "
                                                "the reason it was left out.",
                                                "%u rows were skipped: they are listed below with their problems or "
                                                "the reason they were left out.",
                                                n_skipped),
                                   n_skipped);
      break;
    }

  gtk_label_set_text (self->title_label, title);
  gtk_image_set_from_icon_name (self->state_icon, icon);
  gtk_label_set_text (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);
  gtk_label_set_text (self->skipped_label, skipped != NULL ? skipped : "");
  gtk_widget_set_visible (GTK_WIDGET (self->skipped_label), skipped != NULL);
  /* Counts of a failed or cancelled job would claim what was undone. */
  roster_import_counts_fill (self->counts, state == ROSTER_IMPORT_REPORT_DONE ? self->job : NULL);
}

/* Actions ------------------------------------------------------------ */

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RosterImportReportPage *self = ROSTER_IMPORT_REPORT_PAGE (widget);

  if (self->rows == NULL)
    return;
  roster_import_save_rows (widget, self->toasts, self->rows, ROSTER_IMPORT_EXPORT_ALL, self->cancellable);
}

static void
show_participants_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RosterImportReportPage *self = ROSTER_IMPORT_REPORT_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_items;

  if (self->rows == NULL)
    return;

  n_items = g_list_model_get_n_items (self->rows);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(RosterImportResult) row = g_list_model_get_item (self->rows, i);

      if (is_person (row))
        {
          gint64 id = roster_import_result_get_user_id (row);

          g_array_append_val (ids, id);
        }
    }
  if (ids->len > 0)
    g_signal_emit (self, signals[SHOW_PARTICIPANTS], 0, ids);
}

/* GObject ------------------------------------------------------------ */

static void
roster_import_report_page_dispose (GObject *object)
{
  RosterImportReportPage *self = ROSTER_IMPORT_REPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_func (self->rows, rows_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_REPORT_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->rows);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_import_report_page_parent_class)->dispose (object);
}

static void
roster_import_report_page_class_init (RosterImportReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_report_page_dispose;

  /**
   * RosterImportReportPage::show-participants:
   * @user_ids: a #GArray of gint64: the people the import created,
   *   updated, enrolled or found unchanged
   *
   * The user asked to see them in the participants list.
   */
  signals[SHOW_PARTICIPANTS] =
    g_signal_new ("show-participants", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterdesk/Roster/ui/roster-import-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, toasts);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, counts);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportReportPage, column_view);

  gtk_widget_class_install_action (widget_class, "report.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "report.show-participants", NULL, show_participants_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_report_page_init (RosterImportReportPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  roster_import_columns_setup (self->column_view);
  update_actions (self);
}

GtkWidget *
roster_import_report_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_REPORT_PAGE, NULL);
}

/**
 * roster_import_report_page_set_job:
 * @self: a #RosterImportReportPage
 * @job: the ended job
 * @rows: a #GListModel of #RosterImportResult, its report rows; it may
 *   still grow as pages arrive
 *
 * Shows what @job did.
 */
void
roster_import_report_page_set_job (RosterImportReportPage *self,
                                   RosterImportReport     *job,
                                   GListModel             *rows)
{
  g_return_if_fail (ROSTER_IS_IMPORT_REPORT_PAGE (self));
  g_return_if_fail (ROSTER_IS_IMPORT_REPORT (job));
  g_return_if_fail (G_IS_LIST_MODEL (rows));

  g_set_object (&self->job, job);
  if (self->rows != rows)
    {
      if (self->rows != NULL)
        g_signal_handlers_disconnect_by_func (self->rows, rows_changed_cb, self);
      g_set_object (&self->rows, rows);
      g_signal_connect_object (rows, "items-changed", G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
      self->n_people = count_people (rows, 0, g_list_model_get_n_items (rows));
      roster_import_columns_set_rows (self->column_view, rows);
    }

  update_summary (self);
  update_actions (self);
}
