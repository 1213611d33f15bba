/* roster-reports-page.c: a course's enrolment reports
 *
 * The participants by user type, role and method, the enrolments over
 * time as a chart, and each key's uses; every table can be saved as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-reports.h"
#include "roster-enrolment-chart.h"
#include "roster-report-export.h"
#include "roster-reports-page.h"
#include "roster-window.h"

struct _RosterReportsPage
{
  GtkWidget              parent_instance;

  RosterClient          *client;
  RosterCourse          *course;
  RosterCourseReport *report;
  GCancellable          *cancellable;
  RosterEnrolmentBucket  bucket;

  GtkStack              *state_stack;
  GtkSpinner            *spinner;
  AdwStatusPage         *error_page;
  GtkWidget             *retry_button;
  GtkLabel              *participants_label;
  GtkToggleButton       *week_button;
  GtkToggleButton       *by_key_button;
  RosterEnrolmentChart  *chart;
  GtkListBox            *types_list;
  GtkListBox            *roles_list;
  GtkListBox            *methods_list;
  GtkLabel              *no_keys_label;
  GtkWidget             *keys_frame;
  GtkColumnView         *keys_view;
  GtkNoSelection        *keys_selection;

  GtkFileChooserNative  *export_chooser;
  RosterReportTable      export_table;
};

G_DEFINE_FINAL_TYPE (RosterReportsPage, roster_reports_page, GTK_TYPE_WIDGET)

enum {
  KEY_COLUMN_NICKNAME,
  KEY_COLUMN_USES,
  KEY_COLUMN_ENROLLED,
  KEY_COLUMN_LAST_USED,
};

static void
show_toast (RosterReportsPage *self,
            const char        *title)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ROSTER_IS_WINDOW (root))
    roster_window_add_toast (ROSTER_WINDOW (root), adw_toast_new (title));
}

/* ---- showing the report ---- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row of a name and its count: a handful per list, so widgets. */
static void
add_count_row (GtkListBox *list,
               const char *name,
               guint       count)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name_label = gtk_label_new (name);
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (text);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name_label, TRUE);
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), name_label);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_list_box_append (list, row);
}

static void
fill_list (RosterReportsPage     *self,
           GtkListBox            *list,
           RosterReportDimension  by)
{
  g_autoptr(GPtrArray) keys = NULL;

  clear_list (list);
  if (self->report == NULL)
    return;
  keys = roster_course_report_list_keys (self->report, by);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *label = roster_course_report_dup_label (self->report, by, keys->pdata[i]);

      add_count_row (list, label, roster_course_report_get_total (self->report, by, keys->pdata[i]));
    }
}

static void
show_report (RosterReportsPage *self)
{
  GListModel *keys = self->report != NULL ? roster_course_report_get_keys (self->report) : NULL;
  guint participants = self->report != NULL ? roster_course_report_get_participants (self->report) : 0;
  g_autofree char *heading = NULL;

  /* TRANSLATORS: the heading of a course's reports. */
  heading = g_strdup_printf (g_dngettext (NULL, "%u participant", "%u participants", participants), participants);
  gtk_label_set_text (self->participants_label, self->report != NULL ? heading : "");
  roster_enrolment_chart_set_report (self->chart, self->report);
  fill_list (self, self->types_list, ROSTER_REPORT_BY_TYPE);
  fill_list (self, self->roles_list, ROSTER_REPORT_BY_ROLE);
  fill_list (self, self->methods_list, ROSTER_REPORT_BY_METHOD);

  gtk_no_selection_set_model (self->keys_selection, keys);
  gtk_widget_set_visible (self->keys_frame, keys != NULL && g_list_model_get_n_items (keys) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_keys_label), keys == NULL || g_list_model_get_n_items (keys) == 0);
}

static void
set_loading (RosterReportsPage *self,
             gboolean           loading)
{
  gtk_spinner_set_spinning (self->spinner, loading);
  if (loading)
    {
      /* The heading comes back with the new report. */
      gtk_label_set_text (self->participants_label, "");
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
    }
}

static void
report_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RosterReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterCourseReport) report = roster_client_get_enrolment_report_finish (ROSTER_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_set_object (&self->report, report);
  show_report (self);
  gtk_stack_set_visible_child_name (self->state_stack, "report");
}

/**
 * roster_reports_page_reload:
 * @self: a #RosterReportsPage
 *
 * Asks for the report again, with the bucket the page shows.
 */
void
roster_reports_page_reload (RosterReportsPage *self)
{
  g_return_if_fail (ROSTER_IS_REPORTS_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->client == NULL || self->course == NULL)
    {
      g_clear_object (&self->report);
      show_report (self);
      set_loading (self, FALSE);
      gtk_stack_set_visible_child_name (self->state_stack, "report");
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  roster_client_get_enrolment_report_async (self->client, roster_course_get_id (self->course), self->bucket, 0, 0,
                                            self->cancellable, report_cb, g_object_ref (self));
}

static void
bucket_toggled_cb (RosterReportsPage *self,
                   GtkToggleButton   *button)
{
  RosterEnrolmentBucket bucket = gtk_toggle_button_get_active (self->week_button) ? ROSTER_ENROLMENT_BUCKET_WEEK
                                                                                 : ROSTER_ENROLMENT_BUCKET_DAY;

  /* Both buttons of the group toggle: act once, on the new one. */
  if (!gtk_toggle_button_get_active (button) || bucket == self->bucket)
    return;
  self->bucket = bucket;
  roster_reports_page_reload (self);
}

static void
stacking_toggled_cb (RosterReportsPage *self,
                     GtkToggleButton   *button)
{
  roster_enrolment_chart_set_stacking (self->chart, gtk_toggle_button_get_active (self->by_key_button)
                                                    ? ROSTER_REPORT_BY_KEY : ROSTER_REPORT_BY_METHOD);
}

/* ---- the keys' table ---- */

static void
key_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) == KEY_COLUMN_NICKNAME ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) != KEY_COLUMN_NICKNAME)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static char *
format_last_used (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup (_("Never"));
  utc = g_date_time_new_from_unix_utc (unix_time);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  /* TRANSLATORS: when a key was last used, as in g_date_time_format (). */
  return local != NULL ? g_date_time_format (local, _("%-d %b %Y %H:%M")) : g_strdup ("");
}

static void
key_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  RosterKeyUsage *key = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_INT (user_data))
    {
    case KEY_COLUMN_NICKNAME:
      if (roster_key_usage_get_active (key))
        text = g_strdup (roster_key_usage_get_nickname (key));
      else
        /* TRANSLATORS: a key that was switched off. */
        text = g_strdup_printf (_("%s (deactivated)"), roster_key_usage_get_nickname (key));
      break;
    case KEY_COLUMN_USES:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_usage_get_uses (key));
      break;
    case KEY_COLUMN_ENROLLED:
      text = g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_usage_get_enrolled (key));
      break;
    case KEY_COLUMN_LAST_USED:
    default:
      text = format_last_used (roster_key_usage_get_last_used_at (key));
      break;
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_key_column (RosterReportsPage *self,
                const char        *title,
                int                column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (key_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (key_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, column == KEY_COLUMN_NICKNAME || column == KEY_COLUMN_LAST_USED);
  gtk_column_view_append_column (self->keys_view, view_column);
  g_object_unref (view_column);
}

/* ---- export ---- */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RosterReportsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (roster_report_export_finish (result, &error))
    title = g_strdup (_("Report exported"));
  else
    title = g_strdup_printf (_("Could not export the report: %s"), error->message);
  show_toast (self, title);
}

static void
export_response_cb (RosterReportsPage    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->report != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The rows are made now; only the writing leaves the main loop. */
      roster_report_export_async (roster_course_report_dup_table (self->report, self->export_table), file,
                                  NULL, export_done_cb, g_object_ref (self));
    }
  g_clear_object (&self->export_chooser);
}

static const char *
table_file_name (RosterReportTable table)
{
  /* TRANSLATORS: the suggested names of exported files; a course's short name comes before. */
  switch (table)
    {
    case ROSTER_REPORT_TABLE_TYPES:
      return _("participants-by-type.csv");
    case ROSTER_REPORT_TABLE_ROLES:
      return _("participants-by-role.csv");
    case ROSTER_REPORT_TABLE_METHODS:
      return _("participants-by-method.csv");
    case ROSTER_REPORT_TABLE_SERIES:
      return _("enrolments-over-time.csv");
    case ROSTER_REPORT_TABLE_KEYS:
    default:
      return _("key-usage.csv");
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RosterReportsPage *self = ROSTER_REPORTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  int table = g_variant_get_int32 (parameter);
  g_autofree char *name = NULL;

  if (self->report == NULL || self->export_chooser != NULL ||
      table < ROSTER_REPORT_TABLE_TYPES || table > ROSTER_REPORT_TABLE_KEYS)
    return;

  self->export_table = table;
  self->export_chooser = gtk_file_chooser_native_new (_("Export Report"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  name = g_strdup_printf ("%s-%s", roster_course_get_short_name (self->course), table_file_name (table));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);
  g_signal_connect_object (self->export_chooser, "response", G_CALLBACK (export_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  roster_reports_page_reload (ROSTER_REPORTS_PAGE (widget));
}

/* ---- the type ---- */

static void
roster_reports_page_dispose (GObject *object)
{
  RosterReportsPage *self = ROSTER_REPORTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_REPORTS_PAGE);
  g_clear_object (&self->keys_selection);
  g_clear_object (&self->report);
  g_clear_object (&self->client);
  g_clear_object (&self->course);

  G_OBJECT_CLASS (roster_reports_page_parent_class)->dispose (object);
}

static void
roster_reports_page_class_init (RosterReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_reports_page_dispose;

  g_type_ensure (ROSTER_TYPE_ENROLMENT_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, participants_label);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, by_key_button);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, chart);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, types_list);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, roles_list);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, methods_list);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, no_keys_label);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, keys_frame);
  gtk_widget_class_bind_template_child (widget_class, RosterReportsPage, keys_view);
  gtk_widget_class_bind_template_callback (widget_class, bucket_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, stacking_toggled_cb);

  /* The table to export: a RosterReportTable. */
  gtk_widget_class_install_action (widget_class, "reports.export", "i", export_action);
  gtk_widget_class_install_action (widget_class, "reports.reload", NULL, reload_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-reports-page");
}

static void
roster_reports_page_init (RosterReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->bucket = ROSTER_ENROLMENT_BUCKET_DAY;
  self->keys_selection = gtk_no_selection_new (NULL);
  gtk_column_view_set_model (self->keys_view, GTK_SELECTION_MODEL (self->keys_selection));
  add_key_column (self, _("Nickname"), KEY_COLUMN_NICKNAME);
  add_key_column (self, _("Uses"), KEY_COLUMN_USES);
  add_key_column (self, _("Enrolled"), KEY_COLUMN_ENROLLED);
  add_key_column (self, _("Last Used"), KEY_COLUMN_LAST_USED);
  show_report (self);
  gtk_stack_set_visible_child_name (self->state_stack, "report");
}

GtkWidget *
roster_reports_page_new (void)
{
  return g_object_new (ROSTER_TYPE_REPORTS_PAGE, NULL);
}

/**
 * roster_reports_page_set_course:
 * @self: a #RosterReportsPage
 * @client: (nullable): a signed-in #RosterClient
 * @course: (nullable): the course, or %NULL to empty the page
 *
 * Loads the report of @course through @client.
 */
void
roster_reports_page_set_course (RosterReportsPage *self,
                                RosterClient      *client,
                                RosterCourse      *course)
{
  g_return_if_fail (ROSTER_IS_REPORTS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));
  g_return_if_fail (course == NULL || ROSTER_IS_COURSE (course));

  g_set_object (&self->client, client);
  g_set_object (&self->course, course);
  g_clear_object (&self->report);
  roster_reports_page_reload (self);
}
