/* roster-import-columns.c: what the import wizard's preview and report
 * pages share: the table of rows, the counts and saving rows as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-columns.h"

typedef enum
{
  COLUMN_LINE,
  COLUMN_OUTCOME,
  COLUMN_USERNAME,
  COLUMN_EMAIL,
  COLUMN_PROBLEMS,
} Column;

/* GtkInscription, not GtkLabel: it is made for list cells and does not
 * lay its text out to measure itself, which was most of the time a new
 * report took to show. */
static GtkWidget *
new_cell_label (float xalign)
{
  GtkWidget *label = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (label), xalign);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (label), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  return label;
}

/* Asked when the pointer rests on a problems cell: setting a tooltip
 * on every bind cost more than the rest of binding. */
static gboolean
problems_tooltip_cb (GtkWidget   *label,
                     int          x,
                     int          y,
                     gboolean     keyboard,
                     GtkTooltip  *tooltip,
                     GtkListItem *item)
{
  RosterImportResult *row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (row == NULL || !roster_import_result_has_problems (row))
    return FALSE;
  text = roster_import_result_dup_problem_text (row);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case COLUMN_LINE:
      child = new_cell_label (1.0);
      gtk_widget_add_css_class (child, "numeric");
      break;
    case COLUMN_PROBLEMS:
      child = new_cell_label (0.0);
      /* The cell shows one line; the whole text is a hover away. */
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (problems_tooltip_cb), item);
      break;
    case COLUMN_OUTCOME:
    case COLUMN_USERNAME:
    case COLUMN_EMAIL:
    default:
      child = new_cell_label (0.0);
      break;
    }
  gtk_list_item_set_child (item, child);
}

/* Only the rows the view keeps (up to 200) are bound, so this may
 * allocate a little; one label per cell, as every widget of those rows
 * costs time when a report is shown or the filter changes. */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  RosterImportResult *row = gtk_list_item_get_item (item);
  RosterImportResultOutcome outcome = roster_import_result_get_outcome (row);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  switch (column)
    {
    case COLUMN_LINE:
      text = g_strdup_printf ("%u", roster_import_result_get_line (row));
      gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
      break;
    case COLUMN_OUTCOME:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), roster_import_result_outcome_get_label (outcome));
      /* New people and enrolments stand out from what stays as it was. */
      if (outcome == ROSTER_IMPORT_RESULT_CREATE || outcome == ROSTER_IMPORT_RESULT_ENROL
          || outcome == ROSTER_IMPORT_RESULT_UPDATE)
        gtk_widget_add_css_class (child, "success");
      else
        gtk_widget_remove_css_class (child, "success");
      break;
    case COLUMN_USERNAME:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), roster_import_result_get_username (row));
      break;
    case COLUMN_EMAIL:
      gtk_inscription_set_text (GTK_INSCRIPTION (child), roster_import_result_get_email (row));
      break;
    case COLUMN_PROBLEMS:
    default:
      {
        g_autofree char *lines = roster_import_result_dup_problem_text (row);
        g_auto(GStrv) problems = g_strsplit (lines, "\n", -1);

        /* One line in the cell; the tooltip has them one per line. */
        text = g_strjoinv (" · ", problems);
        gtk_inscription_set_text (GTK_INSCRIPTION (child), text);
      }
      break;
    }

  if (outcome == ROSTER_IMPORT_RESULT_ERROR)
    gtk_widget_add_css_class (child, "error");
  else
    gtk_widget_remove_css_class (child, "error");
}

/* Fixed widths: otherwise every layout measures every cell of the
 * (up to 200) rows the view keeps, to size the columns. */
static void
add_column (GtkColumnView *view,
            const char    *title,
            Column         column,
            int            width,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_fixed_width (view_column, width);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (view, view_column);
}

/* Feeding rows -------------------------------------------------------- */

/* A GtkColumnView (GTK 4.8) keeps widgets for up to 200 rows around
 * what it shows, and makes or drops them all in one go when its rows
 * change: about 100 ms for a new report, whatever its size. The view
 * therefore gets its rows through a slice that lets them in (and out)
 * FEED_STEP at a time, one step a frame (about 15-25 ms each on the
 * development machine). */
#define FEED_STEP  20
#define FEED_ROWS  240  /* GTK_LIST_VIEW_MAX_LIST_ITEMS and some */

typedef struct
{
  GtkColumnView     *view;
  GtkSliceListModel *slice;
  GListModel        *next;
  gboolean           swap;
  guint              tick_id;
} Feed;

/* Freed with the view, which takes its tick callback along. */
static void
feed_free (Feed *feed)
{
  g_clear_object (&feed->next);
  g_clear_object (&feed->slice);
  g_free (feed);
}

static gboolean
feed_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  Feed *feed = g_object_get_data (G_OBJECT (widget), "roster-import-feed");
  guint shown;

  if (feed == NULL)
    return G_SOURCE_REMOVE;

  shown = g_list_model_get_n_items (G_LIST_MODEL (feed->slice));

  if (feed->swap && shown > 0)
    {
      /* Rows without widgets go at once, the others a step at a time. */
      shown = MIN (shown, FEED_ROWS);
      gtk_slice_list_model_set_size (feed->slice, shown > FEED_STEP ? shown - FEED_STEP : 0);
      return G_SOURCE_CONTINUE;
    }
  if (feed->swap)
    {
      gtk_slice_list_model_set_model (feed->slice, feed->next);
      g_clear_object (&feed->next);
      feed->swap = FALSE;
      /* No rows in the first frame: it may be the page's first one. */
      gtk_slice_list_model_set_size (feed->slice, 0);
      return G_SOURCE_CONTINUE;
    }
  if (gtk_slice_list_model_get_size (feed->slice) < FEED_ROWS)
    {
      gtk_slice_list_model_set_size (feed->slice, gtk_slice_list_model_get_size (feed->slice) + FEED_STEP);
      return G_SOURCE_CONTINUE;
    }

  gtk_slice_list_model_set_size (feed->slice, G_MAXUINT);
  feed->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * roster_import_columns_setup:
 * @view: a column view for #RosterImportResult rows
 *
 * Adds the columns of an import's rows, and the model that
 * roster_import_columns_set_rows() fills. The columns are not
 * sortable: rows stay in file order, as the spreadsheet has them.
 */
void
roster_import_columns_setup (GtkColumnView *view)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  Feed *feed;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  add_column (view, _("Line"), COLUMN_LINE, 70, FALSE);
  add_column (view, _("Outcome"), COLUMN_OUTCOME, 130, FALSE);
  add_column (view, _("Username"), COLUMN_USERNAME, 160, FALSE);
  add_column (view, _("E-mail"), COLUMN_EMAIL, 220, FALSE);
  add_column (view, _("Problems"), COLUMN_PROBLEMS, 300, TRUE);

  feed = g_new0 (Feed, 1);
  feed->view = view;
  feed->slice = gtk_slice_list_model_new (NULL, 0, G_MAXUINT);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (feed->slice)));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_set_data_full (G_OBJECT (view), "roster-import-feed", feed, (GDestroyNotify) feed_free);
}

/**
 * roster_import_columns_set_rows:
 * @view: a column view set up by roster_import_columns_setup()
 * @rows: (nullable): a #GListModel of #RosterImportResult
 *
 * Shows @rows in @view instead of what it showed, over the next few
 * frames @view is on screen. Changes of @rows itself reach the view
 * as they happen.
 */
void
roster_import_columns_set_rows (GtkColumnView *view,
                                GListModel    *rows)
{
  Feed *feed;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (rows == NULL || G_IS_LIST_MODEL (rows));

  feed = g_object_get_data (G_OBJECT (view), "roster-import-feed");
  g_return_if_fail (feed != NULL);

  g_set_object (&feed->next, rows);
  feed->swap = TRUE;
  /* Off screen no tick comes: the old rows stay, unseen, until the view
   * is shown again, and are let out then. Making or dropping the widgets
   * of an unseen view would cost the same stall. */
  if (feed->tick_id == 0)
    feed->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (view), feed_tick_cb, NULL, NULL);
}

/**
 * roster_import_columns_get_rows:
 * @view: a column view set up by roster_import_columns_setup()
 *
 * Returns: (transfer none) (nullable): the rows @view shows now (the
 *   ones before the last roster_import_columns_set_rows() while it
 *   lets the new ones in)
 */
GListModel *
roster_import_columns_get_rows (GtkColumnView *view)
{
  Feed *feed = g_object_get_data (G_OBJECT (view), "roster-import-feed");

  g_return_val_if_fail (feed != NULL, NULL);

  return gtk_slice_list_model_get_model (feed->slice);
}

/**
 * roster_import_count_text:
 * @outcome: an outcome
 * @n: how many rows have it
 *
 * Returns: (transfer full): the count for people, as the preview and
 *   the report show it
 */
char *
roster_import_count_text (RosterImportResultOutcome outcome,
                          guint                     n)
{
  /* Each whole call in one piece, so the compiler checks the formats. */
  switch (outcome)
    {
    case ROSTER_IMPORT_RESULT_CREATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new account", "%u new accounts", n), n);
    case ROSTER_IMPORT_RESULT_UPDATE:
      /* TRANSLATORS: accounts whose names the import changes */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u updated", "%u updated", n), n);
    case ROSTER_IMPORT_RESULT_ENROL:
      /* TRANSLATORS: existing accounts newly enrolled */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled", "%u enrolled", n), n);
    case ROSTER_IMPORT_RESULT_UNCHANGED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unchanged", "%u unchanged", n), n);
    case ROSTER_IMPORT_RESULT_SKIPPED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", n), n);
    case ROSTER_IMPORT_RESULT_ERROR:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n), n);
    }
}

/**
 * roster_import_counts_fill:
 * @box: a box for the counts
 * @report: (nullable): the report to count
 *
 * Shows the count of every outcome of @report in @box.
 */
void
roster_import_counts_fill (GtkBox             *box,
                           RosterImportReport *report)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  if (report == NULL)
    return;

  for (RosterImportResultOutcome outcome = 0; outcome < ROSTER_IMPORT_RESULT_N_OUTCOMES; outcome++)
    {
      guint n = roster_import_report_get_count (report, outcome);
      g_autofree char *text = roster_import_count_text (outcome, n);
      g_autofree char *name = g_strconcat ("count-", roster_import_result_outcome_to_string (outcome), NULL);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_name (label, name);
      gtk_widget_add_css_class (label, "heading");
      if (outcome == ROSTER_IMPORT_RESULT_ERROR && n > 0)
        gtk_widget_add_css_class (label, "error");
      else if (n == 0)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (box, label);
    }
}

/* Saving ----------------------------------------------------------- */

typedef struct
{
  AdwToastOverlay        *toasts;
  GListModel             *rows;
  GCancellable           *cancellable;
  RosterImportExportKind  kind;
} Save;

static void
save_free (Save *save)
{
  g_clear_object (&save->toasts);
  g_clear_object (&save->rows);
  g_clear_object (&save->cancellable);
  g_free (save);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Save *save = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_rows = 0;

  if (!roster_import_export_finish (result, &n_rows, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          save_free (save);
          return;
        }
      title = g_strdup_printf (_("Could not save the rows: %s"), error->message);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u row", "Saved %u rows", n_rows), n_rows);

  adw_toast_overlay_add_toast (save->toasts, adw_toast_new (title));
  save_free (save);
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  Save *save = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !g_cancellable_is_cancelled (save->cancellable))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      roster_import_export_async (save->rows, save->kind, file, save->cancellable, save_done_cb, save);
    }
  else
    save_free (save);

  g_object_unref (chooser);
}

/**
 * roster_import_save_rows:
 * @parent: the page asking
 * @toasts: where to say how it went
 * @rows: a #GListModel of #RosterImportResult
 * @kind: which rows, in which form
 * @cancellable: (nullable): cancelled when the page goes away
 *
 * Asks for a file with a save dialog and writes @rows to it as CSV.
 */
void
roster_import_save_rows (GtkWidget              *parent,
                         AdwToastOverlay        *toasts,
                         GListModel             *rows,
                         RosterImportExportKind  kind,
                         GCancellable           *cancellable)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkFileChooserNative *chooser;
  Save *save;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (G_IS_LIST_MODEL (rows));

  save = g_new0 (Save, 1);
  save->toasts = g_object_ref (toasts);
  save->rows = g_object_ref (rows);
  save->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  save->kind = kind;

  chooser = gtk_file_chooser_native_new (kind == ROSTER_IMPORT_EXPORT_ERRORS ? _("Export Error Rows")
                                                                             : _("Save Report"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* TRANSLATORS: suggested names of the files the import wizard saves. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     kind == ROSTER_IMPORT_EXPORT_ERRORS ? _("import-errors.csv")
                                                                         : _("import-report.csv"));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), save);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
