/* test-import-wizard.c: the import wizard's file, columns and options
 * steps on the fixture files of tests/data/import, and the options'
 * groups from a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "app-fixture.h"
#include "roster-import-columns-page.h"
#include "roster-import-file-page.h"
#include "roster-import-options-page.h"

#define CS205_ID 2

typedef RosterAppFixture Fixture;

static void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_build_filename (ROSTER_IMPORT_DATA_DIR, name, NULL);

  return g_file_new_for_path (path);
}

/* ---- the file step ---- */

typedef struct
{
  GtkWidget            *window;
  RosterImportFilePage *page;
  guint                 changed;
} FilePage;

static void
changed_cb (gpointer  object,
            guint    *count)
{
  (*count)++;
}

static void
file_page_open (FilePage   *fp,
                const char *name)
{
  g_autoptr(GFile) file = fixture_file (name);

  fp->window = gtk_window_new ();
  fp->page = ROSTER_IMPORT_FILE_PAGE (roster_import_file_page_new ());
  gtk_window_set_child (GTK_WINDOW (fp->window), GTK_WIDGET (fp->page));
  g_signal_connect (fp->page, "changed", G_CALLBACK (changed_cb), &fp->changed);
  gtk_window_present (GTK_WINDOW (fp->window));
  roster_import_file_page_open_file (fp->page, file);
}

static gboolean
read_once_more (gpointer data)
{
  FilePage *fp = data;

  return fp->changed > 0 && !roster_import_file_page_get_loading (fp->page);
}

/* Waits for the next reading to come in. */
static void
file_page_wait (FilePage *fp)
{
  wait_until (read_once_more, fp);
  fp->changed = 0;
}

static const char *
cell (RosterImportFilePage *page,
      guint                 row,
      guint                 column)
{
  GPtrArray *rows = roster_import_file_page_get_rows (page);
  char **fields;

  g_assert_nonnull (rows);
  g_assert_cmpuint (row, <, rows->len);
  fields = g_ptr_array_index (rows, row);
  g_assert_cmpuint (column, <, g_strv_length (fields));
  return fields[column];
}

static guint
n_fields (RosterImportFilePage *page,
          guint                 row)
{
  return g_strv_length (g_ptr_array_index (roster_import_file_page_get_rows (page), row));
}

static const char *
combo_label (RosterImportFilePage *page,
             const char           *name)
{
  AdwComboRow *row = ADW_COMBO_ROW (child (page, ROSTER_TYPE_IMPORT_FILE_PAGE, name));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return gtk_string_object_get_string (item);
}

/* Excel's CSV in a Chinese locale: GBK, found by the reader's guess;
 * another encoding chosen by hand reads the file again with it. */
static void
test_file_gbk (void)
{
  FilePage fp = { 0 };
  AdwActionRow *file_row;

  file_page_open (&fp, "gbk-names.csv");
  file_page_wait (&fp);
  g_assert_true (roster_import_file_page_get_ready (fp.page));
  g_assert_null (roster_import_file_page_get_problem (fp.page));
  g_assert_cmpstr (roster_import_file_page_get_read_encoding (fp.page), ==, "GB18030");
  g_assert_cmpint (roster_import_file_page_get_read_delimiter (fp.page), ==, ',');
  g_assert_null (roster_import_file_page_get_encoding (fp.page));
  g_assert_cmpint (roster_import_file_page_get_delimiter (fp.page), ==, '\0');
  g_assert_cmpstr (combo_label (fp.page, "encoding_row"), ==, "Detected (GB18030)");
  g_assert_cmpstr (combo_label (fp.page, "delimiter_row"), ==, "Detected (Comma)");
  g_assert_cmpstr (cell (fp.page, 0, 0), ==, "用户名");
  g_assert_cmpstr (cell (fp.page, 1, 1), ==, "张");
  g_assert_cmpstr (cell (fp.page, 2, 5), ==, "交换学生，春季学期");
  g_assert_cmpuint (roster_import_file_page_get_rows (fp.page)->len, ==, 7);
  g_assert_cmpstr (roster_import_file_page_get_file_name (fp.page), ==, "gbk-names.csv");

  file_row = ADW_ACTION_ROW (child (fp.page, ROSTER_TYPE_IMPORT_FILE_PAGE, "file_row"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (file_row)), ==, "gbk-names.csv");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (file_row), "6 rows below the header"));

  /* Read as Windows-1252, the names are garbled but readable. */
  roster_import_file_page_set_encoding (fp.page, "WINDOWS-1252");
  file_page_wait (&fp);
  g_assert_cmpstr (roster_import_file_page_get_encoding (fp.page), ==, "WINDOWS-1252");
  g_assert_cmpstr (roster_import_file_page_get_read_encoding (fp.page), ==, "WINDOWS-1252");
  g_assert_cmpstr (combo_label (fp.page, "encoding_row"), ==, "WINDOWS-1252");
  g_assert_cmpstr (cell (fp.page, 1, 1), !=, "张");
  g_assert_true (roster_import_file_page_get_ready (fp.page));

  /* As UTF-8 it cannot be read: the reader says why, and Next waits. */
  roster_import_file_page_set_encoding (fp.page, "UTF-8");
  file_page_wait (&fp);
  g_assert_false (roster_import_file_page_get_ready (fp.page));
  g_assert_nonnull (roster_import_file_page_get_problem (fp.page));
  g_assert_true (gtk_widget_get_visible (child (fp.page, ROSTER_TYPE_IMPORT_FILE_PAGE, "problem_label")));

  /* Back to the guess. */
  roster_import_file_page_set_encoding (fp.page, NULL);
  file_page_wait (&fp);
  g_assert_true (roster_import_file_page_get_ready (fp.page));
  g_assert_cmpstr (cell (fp.page, 1, 1), ==, "张");
  g_assert_false (gtk_widget_get_visible (child (fp.page, ROSTER_TYPE_IMPORT_FILE_PAGE, "problem_label")));

  gtk_window_destroy (GTK_WINDOW (fp.window));
}

/* Another delimiter reads the file again: one column per line. */
static void
test_file_delimiter (void)
{
  FilePage fp = { 0 };

  file_page_open (&fp, "moodle-upload-users.csv");
  file_page_wait (&fp);
  g_assert_true (roster_import_file_page_get_ready (fp.page));
  g_assert_cmpstr (roster_import_file_page_get_read_encoding (fp.page), ==, "UTF-8");
  g_assert_cmpuint (n_fields (fp.page, 0), ==, 8);
  g_assert_cmpstr (cell (fp.page, 0, 7), ==, "Matriculation");

  /* Not ready while it reads again, so Next waits. */
  roster_import_file_page_set_delimiter (fp.page, ';');
  g_assert_true (roster_import_file_page_get_loading (fp.page));
  g_assert_false (roster_import_file_page_get_ready (fp.page));
  file_page_wait (&fp);
  g_assert_cmpint (roster_import_file_page_get_delimiter (fp.page), ==, ';');
  g_assert_cmpint (roster_import_file_page_get_read_delimiter (fp.page), ==, ';');
  g_assert_cmpstr (combo_label (fp.page, "delimiter_row"), ==, "Semicolon");
  g_assert_cmpuint (n_fields (fp.page, 0), ==, 1);
  g_assert_cmpstr (cell (fp.page, 0, 0), ==, "username,firstname,lastname,email,course1,role1,group1,Matriculation");

  roster_import_file_page_set_delimiter (fp.page, '\0');
  file_page_wait (&fp);
  g_assert_cmpuint (n_fields (fp.page, 0), ==, 8);
  g_assert_cmpstr (combo_label (fp.page, "delimiter_row"), ==, "Detected (Comma)");

  gtk_window_destroy (GTK_WINDOW (fp.window));
}

/* Excel in a Western European locale: Windows-1252 and semicolons. */
static void
test_file_windows_1252 (void)
{
  FilePage fp = { 0 };

  file_page_open (&fp, "windows-1252-semicolon.csv");
  file_page_wait (&fp);
  g_assert_true (roster_import_file_page_get_ready (fp.page));
  g_assert_cmpstr (roster_import_file_page_get_read_encoding (fp.page), ==, "WINDOWS-1252");
  g_assert_cmpint (roster_import_file_page_get_read_delimiter (fp.page), ==, ';');
  g_assert_cmpstr (combo_label (fp.page, "delimiter_row"), ==, "Detected (Semicolon)");
  g_assert_cmpstr (cell (fp.page, 1, 1), ==, "Françoise");
  g_assert_cmpstr (cell (fp.page, 3, 2), ==, "O’Brien");
  gtk_window_destroy (GTK_WINDOW (fp.window));
}

/* A file the reader cannot read, or one the server would refuse. */
static void
test_file_problems (void)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-import-XXXXXX", NULL);
  g_autofree char *quote = g_build_filename (dir, "quote.csv", NULL);
  g_autofree char *big = g_build_filename (dir, "big.csv", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.csv", NULL);
  g_autoptr(GFile) file = NULL;
  FilePage fp = { 0 };
  int fd;

  g_assert_true (g_file_set_contents (quote, "username,firstname,lastname,email\nx,\"Unclosed,y,x@example.edu\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  /* Sparse: 65 MiB without writing them. */
  fd = g_open (big, O_CREAT | O_WRONLY, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, ROSTER_IMPORT_MAX_FILE_SIZE + 1024 * 1024), ==, 0);
  close (fd);

  fp.window = gtk_window_new ();
  fp.page = ROSTER_IMPORT_FILE_PAGE (roster_import_file_page_new ());
  gtk_window_set_child (GTK_WINDOW (fp.window), GTK_WIDGET (fp.page));
  g_signal_connect (fp.page, "changed", G_CALLBACK (changed_cb), &fp.changed);

  file = g_file_new_for_path (quote);
  roster_import_file_page_open_file (fp.page, file);
  file_page_wait (&fp);
  g_assert_false (roster_import_file_page_get_ready (fp.page));
  g_assert_nonnull (strstr (roster_import_file_page_get_problem (fp.page), "quote"));
  g_clear_object (&file);

  file = g_file_new_for_path (big);
  roster_import_file_page_open_file (fp.page, file);
  file_page_wait (&fp);
  g_assert_false (roster_import_file_page_get_ready (fp.page));
  g_assert_null (roster_import_file_page_get_contents (fp.page));
  g_assert_nonnull (strstr (roster_import_file_page_get_problem (fp.page), "64 MiB"));
  g_clear_object (&file);

  file = g_file_new_for_path (empty);
  roster_import_file_page_open_file (fp.page, file);
  file_page_wait (&fp);
  g_assert_false (roster_import_file_page_get_ready (fp.page));
  g_assert_nonnull (strstr (roster_import_file_page_get_problem (fp.page), "empty"));

  gtk_window_destroy (GTK_WINDOW (fp.window));
  g_unlink (quote);
  g_unlink (big);
  g_unlink (empty);
  g_rmdir (dir);
}

/* 100 000 rows (about 8 MB): read and counted, the first rows kept (the
 * main loop's stalls meanwhile are bench/app-import-preview.c's). */
static void
test_file_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "large.csv", NULL);
  g_autoptr(GString) text = g_string_new ("username,firstname,lastname,email,course1,role1,group1\n");
  g_autoptr(GFile) file = NULL;
  FilePage fp = { 0 };
  AdwActionRow *file_row;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (text, "user%06u,First%u,Last%u,user%06u@example.edu,CS205,student,Group A\n", i, i, i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  file = g_file_new_for_path (path);

  fp.window = gtk_window_new ();
  fp.page = ROSTER_IMPORT_FILE_PAGE (roster_import_file_page_new ());
  gtk_window_set_child (GTK_WINDOW (fp.window), GTK_WIDGET (fp.page));
  g_signal_connect (fp.page, "changed", G_CALLBACK (changed_cb), &fp.changed);
  gtk_window_present (GTK_WINDOW (fp.window));

  roster_import_file_page_open_file (fp.page, file);
  file_page_wait (&fp);
  g_assert_true (roster_import_file_page_get_ready (fp.page));
  g_assert_cmpuint (roster_import_file_page_get_rows (fp.page)->len, ==, 21);
  file_row = ADW_ACTION_ROW (child (fp.page, ROSTER_TYPE_IMPORT_FILE_PAGE, "file_row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (file_row), "100000 rows below the header"));

  gtk_window_destroy (GTK_WINDOW (fp.window));
  g_unlink (path);
  g_rmdir (dir);
}

/* ---- the columns step ---- */

static GtkDropDown *
column_dropdown (RosterImportColumnsPage *page,
                 guint                    column)
{
  GtkWidget *list = child (page, ROSTER_TYPE_IMPORT_COLUMNS_PAGE, "columns_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), column);
  GtkWidget *widget;

  g_assert_nonnull (row);
  widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_DROP_DOWN (widget));
  return GTK_DROP_DOWN (widget);
}

static const char *
dropdown_label (GtkDropDown *dropdown,
                guint        position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), position);

  g_assert_nonnull (item);
  return g_intern_string (gtk_string_object_get_string (item));
}

static void
assert_columns (RosterImportColumnsPage *page,
                const char * const      *expected)
{
  g_auto(GStrv) columns = roster_import_columns_page_dup_columns (page);

  g_assert_nonnull (columns);
  g_assert_cmpstrv (columns, expected);
}

/* Moodle's upload-users names, and a column of the school's own. */
static void
test_columns_moodle (void)
{
  const char *guessed[] = { "username", "firstname", "lastname", "email", "course1", "role1", "group1", "", NULL };
  const char *chosen[] = { "username", "firstname", "lastname", "email", "course1", "role1", "group1", "idnumber", NULL };
  FilePage fp = { 0 };
  RosterImportColumnsPage *page = ROSTER_IMPORT_COLUMNS_PAGE (roster_import_columns_page_new ());
  GtkWidget *problems = child (page, ROSTER_TYPE_IMPORT_COLUMNS_PAGE, "problems_label");
  GtkDropDown *dropdown;
  GtkWidget *action_row;
  guint changed = 0;
  guint n_items;

  g_object_ref_sink (page);
  g_signal_connect (page, "changed", G_CALLBACK (changed_cb), &changed);
  file_page_open (&fp, "moodle-upload-users.csv");
  file_page_wait (&fp);
  roster_import_columns_page_set_rows (page, roster_import_file_page_get_rows (fp.page));

  assert_columns (page, guessed);
  g_assert_true (roster_import_columns_page_get_valid (page));
  g_assert_false (gtk_widget_get_visible (problems));

  /* Each row: the column's name, a sample, the field it holds. */
  action_row = gtk_widget_get_ancestor (GTK_WIDGET (column_dropdown (page, 3)), ADW_TYPE_ACTION_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (action_row)), ==, "email");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (action_row)), ==, "anna.kowalski@partner.example");
  dropdown = column_dropdown (page, 3);
  g_assert_cmpstr (dropdown_label (dropdown, gtk_drop_down_get_selected (dropdown)), ==, "E-mail address");
  dropdown = column_dropdown (page, 4);
  g_assert_cmpstr (dropdown_label (dropdown, gtk_drop_down_get_selected (dropdown)), ==, "Course 1");
  /* Slots 1 and 2 are offered: one more than the file uses. */
  n_items = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  g_assert_cmpstr (dropdown_label (dropdown, n_items - 1), ==, "Enrolment status 2");
  g_assert_cmpstr (dropdown_label (dropdown, 0), ==, "Not imported");

  /* The unknown column is said to be one. */
  dropdown = column_dropdown (page, 7);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (dropdown_label (dropdown, 0), ==, "Not imported (unknown column)");

  /* Changed by hand, through the drop-down. */
  gtk_drop_down_set_selected (dropdown, ROSTER_IMPORT_FIELD_IDNUMBER);
  g_assert_cmpuint (changed, ==, 1);
  assert_columns (page, chosen);
  g_assert_true (roster_import_columns_page_get_valid (page));

  /* A further course: slot 3 is offered then. */
  roster_import_columns_page_set_field (page, 7, ROSTER_IMPORT_FIELD_COURSE, 2);
  n_items = g_list_model_get_n_items (gtk_drop_down_get_model (column_dropdown (page, 0)));
  g_assert_cmpstr (dropdown_label (column_dropdown (page, 0), n_items - 1), ==, "Enrolment status 3");
  dropdown = column_dropdown (page, 7);
  g_assert_cmpstr (dropdown_label (dropdown, gtk_drop_down_get_selected (dropdown)), ==, "Course 2");
  roster_import_columns_page_set_field (page, 7, ROSTER_IMPORT_FIELD_IDNUMBER, 0);

  /* No e-mail column: a problem, and the step cannot be left. */
  gtk_drop_down_set_selected (column_dropdown (page, 3), 0);
  g_assert_false (roster_import_columns_page_get_valid (page));
  g_assert_true (gtk_widget_get_visible (problems));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "E-mail address"));

  /* E-mail twice: another problem. */
  roster_import_columns_page_set_field (page, 3, ROSTER_IMPORT_FIELD_EMAIL, 0);
  g_assert_true (roster_import_columns_page_get_valid (page));
  roster_import_columns_page_set_field (page, 7, ROSTER_IMPORT_FIELD_EMAIL, 0);
  g_assert_false (roster_import_columns_page_get_valid (page));
  g_assert_true (gtk_widget_get_visible (problems));
  roster_import_columns_page_set_field (page, 7, ROSTER_IMPORT_FIELD_IDNUMBER, 0);
  g_assert_true (roster_import_columns_page_get_valid (page));

  /* Another delimiter: another header, guessed afresh; and back: the
   * choices made for this one are kept. */
  roster_import_file_page_set_delimiter (fp.page, ';');
  file_page_wait (&fp);
  roster_import_columns_page_set_rows (page, roster_import_file_page_get_rows (fp.page));
  g_assert_cmpuint (roster_import_mapping_get_n_columns (roster_import_columns_page_get_mapping (page)), ==, 1);
  g_assert_false (roster_import_columns_page_get_valid (page));
  roster_import_file_page_set_delimiter (fp.page, '\0');
  file_page_wait (&fp);
  roster_import_columns_page_set_rows (page, roster_import_file_page_get_rows (fp.page));
  assert_columns (page, chosen);
  g_assert_true (roster_import_columns_page_get_valid (page));
  dropdown = column_dropdown (page, 7);
  g_assert_cmpstr (dropdown_label (dropdown, 0), ==, "Not imported (unknown column)");

  gtk_window_destroy (GTK_WINDOW (fp.window));
  g_assert_finalize_object (page);
}

/* Chinese column names, from the GBK file. */
static void
test_columns_gbk (void)
{
  const char *guessed[] = { "username", "lastname", "firstname", "email", "idnumber", "", NULL };
  FilePage fp = { 0 };
  RosterImportColumnsPage *page = ROSTER_IMPORT_COLUMNS_PAGE (roster_import_columns_page_new ());
  GtkWidget *required;

  g_object_ref_sink (page);
  file_page_open (&fp, "gbk-names.csv");
  file_page_wait (&fp);
  roster_import_columns_page_set_rows (page, roster_import_file_page_get_rows (fp.page));
  assert_columns (page, guessed);
  g_assert_true (roster_import_columns_page_get_valid (page));

  /* The required fields' rows say so; the others do not. */
  required = gtk_widget_get_prev_sibling (GTK_WIDGET (column_dropdown (page, 1)));
  g_assert_true (GTK_IS_LABEL (required));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (required)), ==, "Required");
  g_assert_true (gtk_widget_get_visible (required));
  required = gtk_widget_get_prev_sibling (GTK_WIDGET (column_dropdown (page, 0)));
  g_assert_false (gtk_widget_get_visible (required));

  gtk_window_destroy (GTK_WINDOW (fp.window));
  g_assert_finalize_object (page);
}

/* ---- the options step ---- */

static void
test_options_defaults (void)
{
  RosterImportOptionsPage *page = ROSTER_IMPORT_OPTIONS_PAGE (roster_import_options_page_new ());
  RosterImportSettings settings;
  GtkWidget *dates_error = child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "dates_error");
  guint changed = 0;

  g_object_ref_sink (page);
  g_signal_connect (page, "changed", G_CALLBACK (changed_cb), &changed);

  memset (&settings, 0xAA, sizeof settings);
  roster_import_options_page_get_settings (page, &settings);
  g_assert_true (settings.create_users);
  g_assert_cmpint (settings.user_type, ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_false (settings.update_users);
  g_assert_false (settings.send_invitations);
  g_assert_cmpint (settings.default_role, ==, ROSTER_ROLE_STUDENT);
  g_assert_null (settings.group);
  g_assert_true (settings.create_groups);
  g_assert_cmpint (settings.enrol_start, ==, 0);
  g_assert_cmpint (settings.enrol_end, ==, 0);
  g_assert_true (roster_import_options_page_get_valid (page));

  /* Every choice by hand. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "create_row")), FALSE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "type_row")), 2);
  gtk_switch_set_active (GTK_SWITCH (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "update_switch")), TRUE);
  gtk_switch_set_active (GTK_SWITCH (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "invitations_switch")), TRUE);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "role_row")), ROSTER_ROLE_GUEST - 1);
  gtk_switch_set_active (GTK_SWITCH (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "create_groups_switch")), FALSE);
  roster_import_options_page_set_dates (page, 1796083200, 1801353600);  /* 2026-12-01, 2027-01-31 */
  g_assert_cmpuint (changed, >=, 7);
  roster_import_options_page_get_settings (page, &settings);
  g_assert_false (settings.create_users);
  g_assert_cmpint (settings.user_type, ==, ROSTER_USER_TYPE_STAFF);
  g_assert_true (settings.update_users);
  g_assert_true (settings.send_invitations);
  g_assert_cmpint (settings.default_role, ==, ROSTER_ROLE_GUEST);
  g_assert_false (settings.create_groups);
  g_assert_cmpint (settings.enrol_start, ==, 1796083200);
  g_assert_cmpint (settings.enrol_end, ==, 1801353600);
  g_assert_true (roster_import_options_page_get_valid (page));
  g_assert_false (gtk_widget_get_visible (dates_error));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "start_button"))),
                   ==, "1 Dec 2026");

  /* The end before the start: said at once, and the step cannot be left. */
  roster_import_options_page_set_dates (page, 1801353600, 1796083200);
  g_assert_false (roster_import_options_page_get_valid (page));
  g_assert_true (gtk_widget_get_visible (dates_error));
  /* Clearing one date is enough. */
  g_signal_emit_by_name (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "end_clear"), "clicked");
  g_assert_true (roster_import_options_page_get_valid (page));
  roster_import_options_page_get_settings (page, &settings);
  g_assert_cmpint (settings.enrol_end, ==, 0);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "end_button"))),
                   ==, "None");

  /* A new group needs a name; it is made as missing groups are. */
  roster_import_options_page_set_group (page, "Lab 7");
  roster_import_options_page_get_settings (page, &settings);
  g_assert_cmpstr (settings.group, ==, "Lab 7");
  g_assert_true (settings.create_groups);
  g_assert_true (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "new_group_row")));
  gtk_editable_set_text (GTK_EDITABLE (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "new_group_row")), " ");
  g_assert_false (roster_import_options_page_get_valid (page));
  roster_import_options_page_set_group (page, NULL);
  g_assert_true (roster_import_options_page_get_valid (page));
  roster_import_options_page_get_settings (page, &settings);
  g_assert_null (settings.group);

  /* The server's refusal of invitations is shown by their switch, and
   * hidden once the switch is changed. */
  roster_import_options_page_set_invitations_error (page, "This server cannot send e-mail.");
  g_assert_true (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "invitations_error")));
  gtk_switch_set_active (GTK_SWITCH (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "invitations_switch")), FALSE);
  g_assert_false (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "invitations_error")));

  g_assert_finalize_object (page);
}


static gboolean
options_loaded (gpointer data)
{
  return !roster_import_options_page_get_loading (data);
}

/* The course's groups, from the server: an existing one is chosen by
 * name, a choice made before they came is kept. */
static void
test_options_groups (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  RosterImportOptionsPage *page = ROSTER_IMPORT_OPTIONS_PAGE (roster_import_options_page_new ());
  AdwComboRow *group_row = ADW_COMBO_ROW (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "group_row"));
  RosterImportSettings settings;
  GListModel *items;

  g_object_ref_sink (page);
  roster_app_fixture_sign_in (fixture, "m.chen");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);

  roster_import_options_page_set_group (page, "Group B");
  roster_import_options_page_set_course (page, fixture->client, course);
  g_assert_true (roster_import_options_page_get_loading (page));
  wait_until (options_loaded, page);

  items = adw_combo_row_get_model (group_row);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 0), ==, "None");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 1), ==, "Group A");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), 4), ==, "New group…");
  /* "Group B" was a new group's name before the list came; now it is
   * the existing group. */
  g_assert_cmpuint (adw_combo_row_get_selected (group_row), ==, 2);
  roster_import_options_page_get_settings (page, &settings);
  g_assert_cmpstr (settings.group, ==, "Group B");
  g_assert_false (gtk_widget_get_visible (child (page, ROSTER_TYPE_IMPORT_OPTIONS_PAGE, "new_group_row")));

  roster_import_options_page_set_group (page, "Group C");
  g_assert_cmpuint (adw_combo_row_get_selected (group_row), ==, 3);

  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so messages can be compared; no accessibility bus. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-wizard/file/gbk", test_file_gbk);
  g_test_add_func ("/import-wizard/file/delimiter", test_file_delimiter);
  g_test_add_func ("/import-wizard/file/windows-1252", test_file_windows_1252);
  g_test_add_func ("/import-wizard/file/problems", test_file_problems);
  g_test_add_func ("/import-wizard/file/large", test_file_large);
  g_test_add_func ("/import-wizard/columns/moodle", test_columns_moodle);
  g_test_add_func ("/import-wizard/columns/gbk", test_columns_gbk);
  g_test_add_func ("/import-wizard/options/defaults", test_options_defaults);
  g_test_add ("/import-wizard/options/groups", Fixture, NULL,
              roster_app_fixture_set_up, test_options_groups, roster_app_fixture_tear_down);

  return g_test_run ();
}
