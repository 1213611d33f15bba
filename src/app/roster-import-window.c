/* roster-import-window.c: the import wizard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Six steps in a stack: the file, its columns and the options are
 * chosen here; the server's dry run is the preview; then a job on the
 * server, polled until it ends, and its report. Every step keeps its
 * choices when the user goes back; a change after the dry run makes it
 * stale, and it runs again before anything is imported.
 */

#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-imports.h"
#include "roster-error.h"
#include "roster-import-columns-page.h"
#include "roster-import-file-page.h"
#include "roster-import-options-page.h"
#include "roster-import-preview-page.h"
#include "roster-import-progress-page.h"
#include "roster-import-report-page.h"
#include "roster-import-window.h"
#include "roster-window.h"

/* How often a running job is asked about. */
#define POLL_INTERVAL_MS 300

/* What Retry does after an error. */
typedef enum
{
  RETRY_NONE,
  RETRY_CHECK,
  RETRY_START,
  RETRY_POLL,
  RETRY_ROWS,
} Retry;

struct _RosterImportWindow
{
  AdwWindow                 parent_instance;

  RosterClient             *client;
  RosterCourse             *course;
  /* The window's life: cancelled on dispose. */
  GCancellable             *cancellable;
  /* The dry run under way, for its Cancel button. */
  GCancellable             *check_cancellable;
  RosterImportReport       *preview;
  gboolean                  stale;
  GStrv                     columns;

  /* The job's start is on its way: closing then must not lose it. */
  gboolean                  starting;
  gint64                    job_id;
  RosterImportReport       *job;
  guint                     poll_source;
  gboolean                  polling;
  gboolean                  cancelling;
  GListStore               *rows;
  Retry                     retry;
  gboolean                  discard;

  AdwToastOverlay          *toast_overlay;
  AdwWindowTitle           *window_title;
  GtkButton                *back_button;
  GtkButton                *next_button;
  GtkRevealer              *error_revealer;
  GtkLabel                 *error_label;
  GtkButton                *retry_button;
  GtkStack                 *stack;
  RosterImportFilePage     *file_page;
  RosterImportColumnsPage  *columns_page;
  RosterImportOptionsPage  *options_page;
  RosterImportPreviewPage  *preview_page;
  RosterImportProgressPage *progress_page;
  RosterImportReportPage   *report_page;
};

G_DEFINE_FINAL_TYPE (RosterImportWindow, roster_import_window, ADW_TYPE_WINDOW)

enum {
  SHOW_PARTICIPANTS,
  IMPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void poll_job (RosterImportWindow *self);
static void send_cancel (RosterImportWindow *self);

/* ---- the steps ---- */

static gboolean
step_is (RosterImportWindow *self,
         const char         *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), name) == 0;
}

static gboolean
job_running (RosterImportWindow *self)
{
  return self->starting ||
         (self->job_id != 0 && (self->job == NULL || !roster_import_report_is_finished (self->job)));
}

static void
update_buttons (RosterImportWindow *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  const char *label = _("_Next");
  const char *title = NULL;
  gboolean back = FALSE;
  gboolean next = TRUE;
  gboolean sensitive = FALSE;
  guint number = 1;
  g_autofree char *subtitle = NULL;

  if (g_strcmp0 (step, "file") == 0)
    {
      title = _("File");
      sensitive = roster_import_file_page_get_ready (self->file_page);
    }
  else if (g_strcmp0 (step, "columns") == 0)
    {
      number = 2, title = _("Columns"), back = TRUE;
      sensitive = roster_import_columns_page_get_valid (self->columns_page);
    }
  else if (g_strcmp0 (step, "options") == 0 || g_strcmp0 (step, "checking") == 0)
    {
      number = 3, title = _("Options"), back = g_strcmp0 (step, "options") == 0;
      next = back;
      /* An up-to-date dry run is not run again. */
      if (self->stale || self->preview == NULL)
        label = _("_Check File");
      sensitive = roster_import_options_page_get_valid (self->options_page);
    }
  else if (g_strcmp0 (step, "preview") == 0)
    {
      number = 4, title = _("Preview"), back = TRUE, label = _("_Import");
      sensitive = roster_import_preview_page_get_can_import (self->preview_page);
    }
  else if (g_strcmp0 (step, "progress") == 0)
    {
      number = 5, title = _("Import"), next = FALSE;
    }
  else
    {
      number = 6, title = _("Report"), label = _("_Close"), sensitive = TRUE;
    }

  /* TRANSLATORS: the wizard's step: "Step 2 of 6 — Columns". */
  subtitle = g_strdup_printf (_("Step %u of 6 — %s"), number, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), back);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), next);
  gtk_button_set_label (self->next_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), next && sensitive);
}

static void
show_step (RosterImportWindow *self,
           const char         *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_buttons (self);
}

static void
hide_error (RosterImportWindow *self)
{
  self->retry = RETRY_NONE;
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (RosterImportWindow *self,
            const char         *message,
            Retry               retry)
{
  self->retry = retry;
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), retry != RETRY_NONE);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
mark_stale (RosterImportWindow *self)
{
  self->stale = TRUE;
  update_buttons (self);
}

static void
file_changed_cb (RosterImportWindow *self)
{
  GPtrArray *rows = roster_import_file_page_get_rows (self->file_page);

  if (roster_import_file_page_get_ready (self->file_page) && rows != NULL)
    roster_import_columns_page_set_rows (self->columns_page, rows);
  mark_stale (self);
}

/* ---- the dry run ---- */

static void
fill_settings (RosterImportWindow   *self,
               RosterImportSettings *settings)
{
  roster_import_settings_init (settings);
  roster_import_options_page_get_settings (self->options_page, settings);
  settings->encoding = roster_import_file_page_get_encoding (self->file_page);
  settings->delimiter = roster_import_file_page_get_delimiter (self->file_page);
  settings->file_name = roster_import_file_page_get_file_name (self->file_page);
  g_strfreev (self->columns);
  self->columns = roster_import_columns_page_dup_columns (self->columns_page);
  settings->columns = (const char * const *) self->columns;
  settings->skip_errors = roster_import_preview_page_get_skip_errors (self->preview_page);
}

/* A refusal of the options (422) is about a choice on the options step. */
static void
show_refusal (RosterImportWindow *self,
              const GError       *error,
              Retry               retry)
{
  RosterImportSettings settings;

  fill_settings (self, &settings);
  if (g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION) && settings.send_invitations)
    {
      roster_import_options_page_set_invitations_error (self->options_page, error->message);
      show_step (self, "options");
      return;
    }
  show_error (self, error->message, retry);
}

static void
check_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RosterImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) report = roster_client_check_import_finish (ROSTER_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->check_cancellable);
  if (report == NULL)
    {
      show_step (self, "options");
      show_refusal (self, error, RETRY_CHECK);
      return;
    }

  g_set_object (&self->preview, report);
  self->stale = FALSE;
  roster_import_preview_page_set_report (self->preview_page, report);
  show_step (self, "preview");
}

static void
run_check (RosterImportWindow *self)
{
  RosterImportSettings settings;

  hide_error (self);
  fill_settings (self, &settings);
  /* A dry run reports every row: the choice is the job's. */
  settings.skip_errors = FALSE;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();
  g_clear_object (&self->preview);
  roster_import_preview_page_set_report (self->preview_page, NULL);
  show_step (self, "checking");

  roster_client_check_import_async (self->client, roster_course_get_id (self->course),
                                    roster_import_file_page_get_contents (self->file_page), &settings,
                                    self->check_cancellable, check_cb, g_object_ref (self));
}

static void
cancel_check (RosterImportWindow *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  show_step (self, "options");
}

/* ---- the job ---- */

static void
rows_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) job = roster_client_fetch_import_rows_finish (ROSTER_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job == NULL)
    show_error (self, error->message, RETRY_ROWS);
}

static void
fetch_rows (RosterImportWindow *self)
{
  hide_error (self);
  g_clear_object (&self->rows);
  self->rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  roster_import_report_page_set_job (self->report_page, self->job, G_LIST_MODEL (self->rows));
  roster_client_fetch_import_rows_async (self->client, self->job_id, FALSE, self->rows, self->cancellable,
                                         rows_cb, g_object_ref (self));
}

static void
job_ended (RosterImportWindow *self)
{
  self->cancelling = FALSE;
  roster_import_progress_page_set_cancelling (self->progress_page, FALSE);
  show_step (self, "report");
  fetch_rows (self);
  if (roster_import_report_get_state (self->job) == ROSTER_IMPORT_REPORT_DONE)
    g_signal_emit (self, signals[IMPORT_FINISHED], 0);
}

static void
got_job (RosterImportWindow *self,
         RosterImportReport *job)
{
  g_set_object (&self->job, job);
  self->job_id = roster_import_report_get_id (job);
  if (roster_import_report_is_finished (job))
    {
      job_ended (self);
      return;
    }
  roster_import_progress_page_set_job (self->progress_page, job);
  update_buttons (self);
}

static gboolean
poll_timeout_cb (gpointer user_data)
{
  RosterImportWindow *self = user_data;

  self->poll_source = 0;
  poll_job (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (RosterImportWindow *self)
{
  if (self->poll_source == 0 && !self->polling)
    self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_timeout_cb, self);
}

static void
poll_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) job = roster_client_get_import_finish (ROSTER_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->polling = FALSE;
  if (job == NULL)
    {
      show_error (self, error->message, RETRY_POLL);
      return;
    }
  hide_error (self);
  got_job (self, job);
  if (!roster_import_report_is_finished (job))
    schedule_poll (self);
}

/* One question at a time: the next is asked after the answer. */
static void
poll_job (RosterImportWindow *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->polling)
    return;
  self->polling = TRUE;
  roster_client_get_import_async (self->client, self->job_id, self->cancellable, poll_cb, g_object_ref (self));
}

static void
start_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RosterImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) job = roster_client_start_import_finish (ROSTER_CLIENT (source), result, &error);

  /* The window was closed meanwhile: the job goes on without it. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->starting = FALSE;
  if (job == NULL)
    {
      self->cancelling = FALSE;
      roster_import_progress_page_set_cancelling (self->progress_page, FALSE);
      show_step (self, "preview");
      show_refusal (self, error, RETRY_START);
      return;
    }
  got_job (self, job);
  if (roster_import_report_is_finished (job))
    return;
  schedule_poll (self);
  /* Cancel was pressed before the job had an id. */
  if (self->cancelling)
    send_cancel (self);
}

static void
start_import (RosterImportWindow *self)
{
  RosterImportSettings settings;

  hide_error (self);
  fill_settings (self, &settings);
  roster_import_progress_page_set_job (self->progress_page, NULL);
  show_step (self, "progress");
  /* Not cancelled with the window: a job asked for is started, even
   * if the window is closed before the server has answered. */
  self->starting = TRUE;
  roster_client_start_import_async (self->client, roster_course_get_id (self->course),
                                    roster_import_file_page_get_contents (self->file_page), &settings,
                                    NULL, start_cb, g_object_ref (self));
}

static void
cancel_job_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RosterImportWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportReport) job = roster_client_cancel_import_finish (ROSTER_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (job == NULL)
    {
      /* The job may have ended meanwhile; polling says so. */
      self->cancelling = FALSE;
      roster_import_progress_page_set_cancelling (self->progress_page, FALSE);
      show_error (self, error->message, RETRY_NONE);
    }
  /* Else polling goes on until the job says it is cancelled. */
}

static void
send_cancel (RosterImportWindow *self)
{
  roster_client_cancel_import_async (self->client, self->job_id, self->cancellable,
                                     cancel_job_cb, g_object_ref (self));
}

static void
cancel_requested_cb (RosterImportWindow *self)
{
  if (self->cancelling || !job_running (self))
    return;
  self->cancelling = TRUE;
  roster_import_progress_page_set_cancelling (self->progress_page, TRUE);
  /* Else it is sent once the server has answered the start. */
  if (self->job_id != 0)
    send_cancel (self);
}

static void
show_participants_cb (RosterImportWindow *self,
                      GArray             *user_ids)
{
  g_signal_emit (self, signals[SHOW_PARTICIPANTS], 0, user_ids);
}

static void
retry_cb (RosterImportWindow *self)
{
  Retry retry = self->retry;

  hide_error (self);
  switch (retry)
    {
    case RETRY_CHECK:
      run_check (self);
      break;
    case RETRY_START:
      start_import (self);
      break;
    case RETRY_POLL:
      poll_job (self);
      break;
    case RETRY_ROWS:
      fetch_rows (self);
      break;
    case RETRY_NONE:
    default:
      break;
    }
}

/* ---- actions ---- */

static void
next_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (widget);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->next_button)) ||
      !gtk_widget_get_visible (GTK_WIDGET (self->next_button)))
    return;

  hide_error (self);
  if (step_is (self, "file"))
    show_step (self, "columns");
  else if (step_is (self, "columns"))
    show_step (self, "options");
  else if (step_is (self, "options"))
    {
      if (self->stale || self->preview == NULL)
        run_check (self);
      else
        show_step (self, "preview");
    }
  else if (step_is (self, "preview"))
    start_import (self);
  else if (step_is (self, "report"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (widget);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->back_button)))
    return;
  hide_error (self);
  if (step_is (self, "columns"))
    show_step (self, "file");
  else if (step_is (self, "options"))
    show_step (self, "columns");
  else if (step_is (self, "preview"))
    show_step (self, "options");
}

/* Escape stops a dry run, or closes the window. */
static void
escape_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (widget);

  if (step_is (self, "checking"))
    cancel_check (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (RosterImportWindow *self,
                     const char         *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->discard = TRUE;
  /* Not inside the dialog's own signal: closing destroys the dialog,
   * which is transient for this window. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

/* Closing loses the choices made before a job starts: asked first. A
 * running job goes on without the window. */
static gboolean
roster_import_window_close_request (GtkWindow *window)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (window);
  GtkWindow *parent = gtk_window_get_transient_for (window);
  AdwMessageDialog *dialog;

  if (job_running (self))
    {
      if (ROSTER_IS_WINDOW (parent))
        roster_window_add_toast (ROSTER_WINDOW (parent),
                                 adw_toast_new (_("The import goes on on the server; the course's participants change when it ends.")));
      return GDK_EVENT_PROPAGATE;
    }
  if (self->discard || self->job_id != 0 || roster_import_file_page_get_contents (self->file_page) == NULL)
    return GDK_EVENT_PROPAGATE;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard the Import?"),
                                                       _("The file and the choices made for it are lost. Nothing has been imported.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Working"), "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GDK_EVENT_STOP;
}

/* ---- public ---- */

void
roster_import_window_open_file (RosterImportWindow *self,
                                GFile              *file)
{
  g_return_if_fail (ROSTER_IS_IMPORT_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->job_id == 0);

  hide_error (self);
  roster_import_file_page_open_file (self->file_page, file);
  show_step (self, "file");
}

void
roster_import_window_show_job (RosterImportWindow *self,
                               gint64              import_id)
{
  g_return_if_fail (ROSTER_IS_IMPORT_WINDOW (self));
  g_return_if_fail (import_id > 0);

  self->job_id = import_id;
  g_clear_object (&self->job);
  roster_import_progress_page_set_job (self->progress_page, NULL);
  show_step (self, "progress");
  poll_job (self);
}

const char *
roster_import_window_get_step (RosterImportWindow *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* ---- GObject ---- */

static void
roster_import_window_dispose (GObject *object)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_WINDOW);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->course);
  g_clear_object (&self->preview);
  g_clear_object (&self->job);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (roster_import_window_parent_class)->dispose (object);
}

static void
roster_import_window_finalize (GObject *object)
{
  RosterImportWindow *self = ROSTER_IMPORT_WINDOW (object);

  g_strfreev (self->columns);
  /* Kept to the end: a job's start, never cancelled, asks it whether
   * the window is gone. */
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (roster_import_window_parent_class)->finalize (object);
}

static void
roster_import_window_class_init (RosterImportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = roster_import_window_dispose;
  object_class->finalize = roster_import_window_finalize;
  window_class->close_request = roster_import_window_close_request;

  signals[SHOW_PARTICIPANTS] =
    g_signal_new ("show-participants", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ARRAY);
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (ROSTER_TYPE_IMPORT_FILE_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_COLUMNS_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_OPTIONS_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_PREVIEW_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_PROGRESS_PAGE);
  g_type_ensure (ROSTER_TYPE_IMPORT_REPORT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-import-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, next_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, file_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, columns_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, options_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, preview_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, progress_page);
  gtk_widget_class_bind_template_child (widget_class, RosterImportWindow, report_page);
  gtk_widget_class_bind_template_callback (widget_class, update_buttons);
  gtk_widget_class_bind_template_callback (widget_class, file_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_stale);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_check);
  gtk_widget_class_bind_template_callback (widget_class, cancel_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_participants_cb);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_cb);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_cb);
  gtk_widget_class_install_action (widget_class, "import.escape", NULL, escape_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

static void
roster_import_window_init (RosterImportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->stale = TRUE;
  update_buttons (self);
}

RosterImportWindow *
roster_import_window_new (GtkWindow    *parent,
                          RosterClient *client,
                          RosterCourse *course)
{
  RosterImportWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (ROSTER_IS_COURSE (course), NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_WINDOW, "transient-for", parent, NULL);
  self->client = g_object_ref (client);
  self->course = g_object_ref (course);
  /* TRANSLATORS: %s is the course's name. */
  title = g_strdup_printf (_("Import Participants into %s"), roster_course_get_short_name (course));
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  roster_import_options_page_set_course (self->options_page, client, course);
  return self;
}
