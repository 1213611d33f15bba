/* roster-import-file-page.c: the import wizard's first step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is loaded whole (the server needs it whole anyway), but only
 * its first rows are parsed, in a worker thread, with the CSV reader
 * the server uses: what the user sees here is what the server reads.
 */

#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-csv.h"
#include "roster-import-file-page.h"

/* The header and this many rows are shown. */
#define PREVIEW_ROWS 20
/* Rows are counted only in files this small: a bigger file would keep
 * the preview waiting for seconds. */
#define COUNT_MAX_SIZE (16 * 1024 * 1024)

/* The encodings offered after "Detected (…)": GLib's iconv names. */
static const char *encodings[] = {
  "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE", "WINDOWS-1252", "ISO-8859-1", "BIG5", "SHIFT_JIS",
};
static const char delimiters[] = { ',', ';', '\t', '|' };

struct _RosterImportFilePage
{
  GtkWidget      parent_instance;

  GFile         *file;
  char          *file_name;
  goffset        size;
  GBytes        *contents;
  GCancellable  *cancellable;
  gboolean       loading;
  gboolean       ready;
  gboolean       updating;

  /* The last reading. */
  GPtrArray     *rows;
  char          *read_encoding;
  char           read_delimiter;
  gint64         n_rows;   /* data rows; -1: not counted */
  char          *problem;

  GtkStack      *stack;
  AdwActionRow  *file_row;
  AdwComboRow   *encoding_row;
  AdwComboRow   *delimiter_row;
  GtkStringList *encoding_list;
  GtkStringList *delimiter_list;
  GtkLabel      *problem_label;
  AdwPreferencesGroup *rows_group;
  GtkGrid       *rows_grid;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (RosterImportFilePage, roster_import_file_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  PROP_READY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- reading in a worker thread ---- */

typedef struct
{
  GBytes    *contents;
  char      *encoding;
  char       delimiter;
} ReadRequest;

typedef struct
{
  GPtrArray *rows;       /* of GStrv */
  char      *encoding;
  char       delimiter;
  gint64     n_rows;
  char      *problem;
} ReadResult;

static void
read_request_free (ReadRequest *request)
{
  g_bytes_unref (request->contents);
  g_free (request->encoding);
  g_free (request);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result->encoding);
  g_free (result->problem);
  g_free (result);
}

static char **
strv_from_fields (const GPtrArray *fields)
{
  char **strv = g_new0 (char *, fields->len + 1);

  for (guint i = 0; i < fields->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (fields, i));
  return strv;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadRequest *request = task_data;
  ReadResult *result = g_new0 (ReadResult, 1);
  RosterCsvOptions options = { request->encoding, request->delimiter, 0, 0 };
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (request->contents);
  g_autoptr(RosterCsvReader) reader = roster_csv_reader_new (stream, &options);
  g_autoptr(GError) error = NULL;
  gboolean count = g_bytes_get_size (request->contents) <= COUNT_MAX_SIZE;
  const GPtrArray *fields;
  guint line;

  result->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  result->n_rows = count ? 0 : -1;
  if (roster_csv_reader_prepare (reader, cancellable, &error))
    {
      result->encoding = g_strdup (roster_csv_reader_get_encoding (reader));
      result->delimiter = roster_csv_reader_get_delimiter (reader);
      while (roster_csv_reader_next_row (reader, &fields, &line, cancellable, &error))
        {
          if (result->rows->len <= PREVIEW_ROWS)
            g_ptr_array_add (result->rows, strv_from_fields (fields));
          else if (!count)
            break;
          if (count && result->rows->len > 1)
            result->n_rows++;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      read_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    result->problem = g_strdup (error->message);
  else if (result->rows->len == 0)
    result->problem = g_strdup (_("The file is empty: it needs a header row naming the columns, and a row for each person."));
  g_task_return_pointer (task, result, (GDestroyNotify) read_result_free);
}

/* ---- showing the rows ---- */

static void
clear_grid (RosterImportFilePage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_grid))) != NULL)
    gtk_grid_remove (self->rows_grid, child);
}

static GtkWidget *
cell_new (const char *text,
          gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* In a scrolled window a label gets its minimum: short values whole,
   * long ones cut at a readable width. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (text, -1), 18));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, text);
  return label;
}

static void
show_rows (RosterImportFilePage *self)
{
  clear_grid (self);
  for (guint r = 0; self->rows != NULL && r < self->rows->len; r++)
    {
      char **row = g_ptr_array_index (self->rows, r);
      g_autofree char *number = g_strdup_printf ("%u", r);
      GtkWidget *label = cell_new (r == 0 ? _("Header") : number, TRUE);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->rows_grid, label, 0, r, 1, 1);
      for (guint c = 0; row[c] != NULL; c++)
        gtk_grid_attach (self->rows_grid, cell_new (row[c], r == 0), c + 1, r, 1, 1);
    }
}

static void
show_file (RosterImportFilePage *self)
{
  g_autofree char *size = g_format_size (self->size);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), self->file_name);
  if (self->n_rows >= 0 && self->problem == NULL)
    /* TRANSLATORS: a file's size, then how many people it lists. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u row below the header",
                                             "%s, %u rows below the header", (gulong) self->n_rows),
                                size, (guint) self->n_rows);
  else
    subtitle = g_strdup (size);
  adw_action_row_set_subtitle (self->file_row, subtitle);
}

static void
set_loading (RosterImportFilePage *self,
             gboolean              loading)
{
  gboolean ready;

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  ready = !self->loading && self->contents != NULL && self->rows != NULL && self->rows->len > 0 &&
          self->problem == NULL;
  if (ready != self->ready)
    {
      self->ready = ready;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
    }
}

static void
show_problem (RosterImportFilePage *self,
              const char           *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

/* Item 0 of each choice says what was detected. */
static void
set_detected_label (RosterImportFilePage *self,
                    GtkStringList        *list,
                    AdwComboRow          *row,
                    const char           *label)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *items[] = { label, NULL };

  self->updating = TRUE;
  gtk_string_list_splice (list, 0, 1, items);
  adw_combo_row_set_selected (row, selected);
  self->updating = FALSE;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return _("Semicolon");
    case '\t':
      return _("Tab");
    case '|':
      return _("Vertical bar");
    default:
      return _("Comma");
    }
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RosterImportFilePage *self = ROSTER_IMPORT_FILE_PAGE (source);
  g_autoptr(GError) error = NULL;
  ReadResult *read = g_task_propagate_pointer (G_TASK (result), &error);

  if (read == NULL)
    return;   /* cancelled: another reading is on its way */

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&read->rows);
  g_free (self->read_encoding);
  self->read_encoding = g_steal_pointer (&read->encoding);
  self->read_delimiter = read->delimiter;
  self->n_rows = read->n_rows;
  show_problem (self, read->problem);
  read_result_free (read);

  if (adw_combo_row_get_selected (self->encoding_row) == 0 && self->read_encoding != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Detected (%s)"), self->read_encoding);

      set_detected_label (self, self->encoding_list, self->encoding_row, label);
    }
  if (adw_combo_row_get_selected (self->delimiter_row) == 0 && self->read_delimiter != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Detected (%s)"), delimiter_name (self->read_delimiter));

      set_detected_label (self, self->delimiter_list, self->delimiter_row, label);
    }

  show_file (self);
  show_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), self->rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "content");
  set_loading (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
read_rows (RosterImportFilePage *self)
{
  g_autoptr(GTask) task = NULL;
  ReadRequest *request = g_new0 (ReadRequest, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request->contents = g_bytes_ref (self->contents);
  request->encoding = g_strdup (roster_import_file_page_get_encoding (self));
  request->delimiter = roster_import_file_page_get_delimiter (self);
  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, read_cb, NULL);
  g_task_set_source_tag (task, read_rows);
  g_task_set_task_data (task, request, (GDestroyNotify) read_request_free);
  g_task_run_in_thread (task, read_thread);
}

/* A problem before any row could be read: no file to go on with. */
static void
fail (RosterImportFilePage *self,
      const char           *problem)
{
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  show_problem (self, problem);
  show_file (self);
  clear_grid (self);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "content");
  set_loading (self, FALSE);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterImportFilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (contents == NULL)
    {
      fail (self, error->message);
      return;
    }
  self->size = g_bytes_get_size (contents);
  self->contents = g_steal_pointer (&contents);
  read_rows (self);
}

static void
info_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RosterImportFilePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (info == NULL)
    {
      fail (self, error->message);
      return;
    }

  g_free (self->file_name);
  self->file_name = g_strdup (g_file_info_get_display_name (info));
  self->size = g_file_info_get_size (info);
  if (self->size > ROSTER_IMPORT_MAX_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (self->size);
      g_autofree char *message = NULL;

      /* TRANSLATORS: %s is the file's size, such as "80.2 MB". */
      message = g_strdup_printf (_("The file is too big (%s): the server takes files up to 64 MiB. "
                                   "Split it into smaller files and import them one after another."), size);
      fail (self, message);
      return;
    }
  g_file_load_bytes_async (self->file, self->cancellable, load_cb, g_object_ref (self));
}

void
roster_import_file_page_open_file (RosterImportFilePage *self,
                                   GFile                *file)
{
  g_return_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->file, file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->read_encoding, g_free);
  self->read_delimiter = '\0';
  self->n_rows = -1;
  show_problem (self, NULL);

  /* A new file: its own encoding and delimiter, detected again. */
  self->updating = TRUE;
  adw_combo_row_set_selected (self->encoding_row, 0);
  adw_combo_row_set_selected (self->delimiter_row, 0);
  set_detected_label (self, self->encoding_list, self->encoding_row, _("Detected"));
  set_detected_label (self, self->delimiter_list, self->delimiter_row, _("Detected"));
  self->updating = FALSE;

  gtk_stack_set_visible_child_name (self->stack, "loading");
  set_loading (self, TRUE);
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->cancellable,
                           info_cb, g_object_ref (self));
}

/* ---- the user's choices ---- */

static void
choice_changed_cb (RosterImportFilePage *self)
{
  if (self->updating || self->contents == NULL)
    return;
  read_rows (self);
}

/* The folder of the last file chosen in this process: the next import's
 * file is most often beside it (a term's lists in one folder). */
static GFile *last_folder;

static void
chooser_response_cb (RosterImportFilePage *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    {
      g_clear_object (&last_folder);
      last_folder = g_file_get_parent (file);
      roster_import_file_page_open_file (self, file);
    }
}

static void
choose_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  RosterImportFilePage *self = ROSTER_IMPORT_FILE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (text, _("CSV and Text Files"));
  gtk_file_filter_add_mime_type (text, "text/csv");
  gtk_file_filter_add_mime_type (text, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_suffix (text, "csv");
  gtk_file_filter_add_suffix (text, "tsv");
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a File to Import"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  if (last_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), last_folder, NULL);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
drop_cb (RosterImportFilePage *self,
         const GValue         *value,
         double                x,
         double                y)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE))
    return FALSE;
  roster_import_file_page_open_file (self, g_value_get_object (value));
  return TRUE;
}

/* ---- getters ---- */

gboolean
roster_import_file_page_get_loading (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), FALSE);
  return self->loading;
}

gboolean
roster_import_file_page_get_ready (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), FALSE);
  return self->ready;
}

GBytes *
roster_import_file_page_get_contents (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  return self->contents;
}

const char *
roster_import_file_page_get_file_name (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  return self->file_name;
}

const char *
roster_import_file_page_get_encoding (RosterImportFilePage *self)
{
  guint selected;

  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  selected = adw_combo_row_get_selected (self->encoding_row);
  return selected >= 1 && selected <= G_N_ELEMENTS (encodings) ? encodings[selected - 1] : NULL;
}

void
roster_import_file_page_set_encoding (RosterImportFilePage *self,
                                      const char           *encoding)
{
  guint selected = 0;

  g_return_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self));
  for (guint i = 0; encoding != NULL && i < G_N_ELEMENTS (encodings); i++)
    if (g_ascii_strcasecmp (encodings[i], encoding) == 0)
      selected = i + 1;
  adw_combo_row_set_selected (self->encoding_row, selected);
}

char
roster_import_file_page_get_delimiter (RosterImportFilePage *self)
{
  guint selected;

  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), '\0');
  selected = adw_combo_row_get_selected (self->delimiter_row);
  return selected >= 1 && selected <= G_N_ELEMENTS (delimiters) ? delimiters[selected - 1] : '\0';
}

void
roster_import_file_page_set_delimiter (RosterImportFilePage *self,
                                       char                  delimiter)
{
  guint selected = 0;

  g_return_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      selected = i + 1;
  adw_combo_row_set_selected (self->delimiter_row, selected);
}

const char *
roster_import_file_page_get_read_encoding (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  return self->read_encoding;
}

char
roster_import_file_page_get_read_delimiter (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), '\0');
  return self->read_delimiter;
}

GPtrArray *
roster_import_file_page_get_rows (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  return self->rows;
}

const char *
roster_import_file_page_get_problem (RosterImportFilePage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_FILE_PAGE (self), NULL);
  return self->problem;
}

/* ---- GObject ---- */

static void
roster_import_file_page_dispose (GObject *object)
{
  RosterImportFilePage *self = ROSTER_IMPORT_FILE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_FILE_PAGE);
  g_clear_object (&self->file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_import_file_page_parent_class)->dispose (object);
}

static void
roster_import_file_page_finalize (GObject *object)
{
  RosterImportFilePage *self = ROSTER_IMPORT_FILE_PAGE (object);

  g_free (self->file_name);
  g_free (self->read_encoding);
  g_free (self->problem);

  G_OBJECT_CLASS (roster_import_file_page_parent_class)->finalize (object);
}

static void
roster_import_file_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterImportFilePage *self = ROSTER_IMPORT_FILE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_file_page_class_init (RosterImportFilePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_file_page_dispose;
  object_class->finalize = roster_import_file_page_finalize;
  object_class->get_property = roster_import_file_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-import-file-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, stack);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, file_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, encoding_list);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, delimiter_list);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, rows_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportFilePage, rows_grid);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);

  gtk_widget_class_install_action (widget_class, "file.choose", NULL, choose_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_file_page_init (RosterImportFilePage *self)
{
  GtkDropTarget *target;
  const char *labels[] = {
    _("Comma"), _("Semicolon"), _("Tab"), _("Vertical bar"), NULL
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->n_rows = -1;

  /* Labels for the encodings GLib names less readably. */
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (self->encoding_list,
                            g_str_equal (encodings[i], "GB18030") ? "GB18030 (GBK)" :
                            g_str_equal (encodings[i], "BIG5") ? "Big5" :
                            g_str_equal (encodings[i], "SHIFT_JIS") ? "Shift_JIS" : encodings[i]);
  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (self->delimiter_list, labels[i]);
  self->updating = FALSE;

  target = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
roster_import_file_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_FILE_PAGE, NULL);
}
