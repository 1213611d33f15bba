/* roster-import-progress-page.c: the import wizard while the job runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-progress-page.h"

struct _RosterImportProgressPage
{
  GtkWidget           parent_instance;

  AdwStatusPage      *status;
  GtkProgressBar     *progress_bar;
  GtkWidget          *cancel_button;

  RosterImportReport *job;
  gboolean            cancelling;
  guint               pulse_id;
};

G_DEFINE_FINAL_TYPE (RosterImportProgressPage, roster_import_progress_page, GTK_TYPE_WIDGET)

enum {
  CANCEL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
pulse_cb (gpointer user_data)
{
  RosterImportProgressPage *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* While the total is unknown the bar moves to show the job is alive. */
static void
set_pulsing (RosterImportProgressPage *self,
             gboolean                  pulsing)
{
  if (pulsing && self->pulse_id == 0)
    self->pulse_id = g_timeout_add (150, pulse_cb, self);
  else if (!pulsing)
    g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
update (RosterImportProgressPage *self)
{
  RosterImportReportState state = self->job != NULL ? roster_import_report_get_state (self->job)
                                                    : ROSTER_IMPORT_REPORT_QUEUED;
  const char *phase = self->job != NULL ? roster_import_report_get_phase (self->job) : NULL;
  guint total = self->job != NULL ? roster_import_report_get_rows_total (self->job) : 0;
  guint done = self->job != NULL ? MIN (roster_import_report_get_rows_done (self->job), total) : 0;
  g_autofree char *text = NULL;
  const char *title;

  if (self->cancelling)
    title = _("Cancelling… nothing will be kept");
  else if (self->job == NULL)
    title = _("Starting the Import…");
  else if (state == ROSTER_IMPORT_REPORT_QUEUED)
    title = _("Waiting for other imports to finish…");
  else if (g_strcmp0 (phase, "importing") == 0)
    title = _("Importing…");
  else if (roster_import_report_is_finished (self->job))
    title = _("Finishing…");
  else
    title = _("Checking rows…");
  adw_status_page_set_title (self->status, title);

  if (total > 0 && state == ROSTER_IMPORT_REPORT_RUNNING)
    {
      /* TRANSLATORS: rows done of all rows, under "Checking rows…" or
       * "Importing…" */
      text = g_strdup_printf (_("%u of %u rows"), done, total);
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      set_pulsing (self, FALSE);
    }
  else if (self->job != NULL && roster_import_report_is_finished (self->job))
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
      set_pulsing (self, FALSE);
    }
  else
    set_pulsing (self, !self->cancelling);
  gtk_progress_bar_set_text (self->progress_bar, text != NULL ? text : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "progress.cancel",
                                 !self->cancelling
                                 && (self->job == NULL || !roster_import_report_is_finished (self->job)));
}

static void
cancel_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCEL_REQUESTED], 0);
}

static void
roster_import_progress_page_dispose (GObject *object)
{
  RosterImportProgressPage *self = ROSTER_IMPORT_PROGRESS_PAGE (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_IMPORT_PROGRESS_PAGE);
  g_clear_object (&self->job);

  G_OBJECT_CLASS (roster_import_progress_page_parent_class)->dispose (object);
}

static void
roster_import_progress_page_class_init (RosterImportProgressPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_progress_page_dispose;

  /**
   * RosterImportProgressPage::cancel-requested:
   *
   * The user pressed Cancel. Nothing is asked first: the server rolls
   * a cancelled import back, so nothing is lost.
   */
  signals[CANCEL_REQUESTED] =
    g_signal_new ("cancel-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/rosterdesk/Roster/ui/roster-import-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressPage, status);
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RosterImportProgressPage, cancel_button);

  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, cancel_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_progress_page_init (RosterImportProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
roster_import_progress_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_PROGRESS_PAGE, NULL);
}

/**
 * roster_import_progress_page_set_job:
 * @self: a #RosterImportProgressPage
 * @job: (nullable): the job as last polled, or %NULL while it starts
 *
 * Shows the job's phase and its rows done of all rows.
 */
void
roster_import_progress_page_set_job (RosterImportProgressPage *self,
                                     RosterImportReport       *job)
{
  g_return_if_fail (ROSTER_IS_IMPORT_PROGRESS_PAGE (self));
  g_return_if_fail (job == NULL || ROSTER_IS_IMPORT_REPORT (job));

  g_set_object (&self->job, job);
  update (self);
}

/**
 * roster_import_progress_page_set_cancelling:
 * @self: a #RosterImportProgressPage
 * @cancelling: whether a cancel is on its way
 *
 * While cancelling, the page says so and Cancel cannot be pressed again.
 */
void
roster_import_progress_page_set_cancelling (RosterImportProgressPage *self,
                                            gboolean                  cancelling)
{
  g_return_if_fail (ROSTER_IS_IMPORT_PROGRESS_PAGE (self));

  self->cancelling = !!cancelling;
  update (self);
}
