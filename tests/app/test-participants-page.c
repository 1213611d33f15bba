/* test-participants-page.c: the participants table on made-up rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "participants-fixture.h"
#include "roster-participants-page.h"

#define N_ROWS 1000

/* The list filters and sorts a part at a time between frames, as in
 * the window: run the main loop until it is done. */
static void
wait_idle (RosterParticipantsPage *page)
{
  RosterParticipantList *list = roster_participants_page_get_list (page);

  do
    g_main_context_iteration (NULL, FALSE);
  while (roster_participant_list_get_busy (list) || g_main_context_pending (NULL));
}

static RosterParticipantsPage *
make_page (void)
{
  RosterParticipantsPage *page = g_object_ref_sink (ROSTER_PARTICIPANTS_PAGE (roster_participants_page_new ()));
  g_autoptr(GPtrArray) rows = roster_test_make_participants (N_ROWS);

  roster_participant_list_append (roster_participants_page_get_list (page), rows);
  wait_idle (page);

  return page;
}

static void
test_columns (void)
{
  g_autoptr(RosterParticipantsPage) page = make_page ();
  GListModel *columns = gtk_column_view_get_columns (roster_participants_page_get_column_view (page));
  static const char *titles[] = {
    "Name", "E-mail", "Type", "Roles", "Groups", "Status", "Method", "Last access",
  };

  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
      /* Every column sorts when its header is clicked. */
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  g_assert_cmpstr (roster_participants_page_get_count_text (page), ==, "1000 of 1000 participants");
}

static void
test_sort (void)
{
  g_autoptr(RosterParticipantsPage) page = make_page ();
  GtkColumnView *view = roster_participants_page_get_column_view (page);
  GListModel *model = roster_participant_list_get_model (roster_participants_page_get_list (page));
  g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  const char *previous = NULL;

  /* What a click on the header does (twice: descending). */
  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  wait_idle (page);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ROWS);
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_autoptr(RosterParticipant) participant = g_list_model_get_item (model, i);
      const char *key = roster_participant_get_name_sort_key (participant);

      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, key), >=, 0);
      previous = key;
    }
}

static void
test_search (void)
{
  g_autoptr(RosterParticipantsPage) page = make_page ();
  RosterParticipantList *list = roster_participants_page_get_list (page);
  g_autoptr(RosterParticipant) first = g_list_model_get_item (roster_participant_list_get_all (list), 0);
  g_autofree char *expected = NULL;
  guint shown;

  roster_participants_page_set_search_text (page, roster_participant_get_email (first));
  wait_idle (page);

  shown = g_list_model_get_n_items (roster_participant_list_get_model (list));
  g_assert_cmpuint (shown, >=, 1);
  g_assert_cmpuint (shown, <, N_ROWS);
  expected = g_strdup_printf ("%u of 1000 participants", shown);
  g_assert_cmpstr (roster_participants_page_get_count_text (page), ==, expected);

  roster_participants_page_set_search_text (page, "");
  wait_idle (page);
  g_assert_cmpstr (roster_participants_page_get_count_text (page), ==, "1000 of 1000 participants");
}

/* After an import: only its people, until "Show Everyone". */
static void
test_show_only (void)
{
  g_autoptr(RosterParticipantsPage) page = make_page ();
  RosterParticipantList *list = roster_participants_page_get_list (page);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RosterParticipant) participant = g_list_model_get_item (roster_participant_list_get_all (list), i * 10);
      gint64 user_id = roster_participant_get_user_id (participant);

      g_array_append_val (ids, user_id);
    }

  roster_participants_page_show_only (page, ids);
  wait_idle (page);
  g_assert_cmpstr (roster_participants_page_get_count_text (page), ==, "3 of 1000 participants");

  roster_participants_page_show_only (page, NULL);
  wait_idle (page);
  g_assert_cmpstr (roster_participants_page_get_count_text (page), ==, "1000 of 1000 participants");
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_export (void)
{
  g_autoptr(RosterParticipantsPage) page = make_page ();
  RosterParticipantList *list = roster_participants_page_get_list (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint shown;
  guint n_rows = 0;

  /* Only the rows shown go out: the suspended ones, chosen in the
   * status drop-down ("Any status", "Active", "Suspended"). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                            ROSTER_TYPE_PARTICIPANTS_PAGE,
                                                                            "status_dropdown")),
                              2);
  wait_idle (page);
  for (guint i = 0; i < g_list_model_get_n_items (roster_participant_list_get_model (list)); i++)
    {
      g_autoptr(RosterParticipant) participant = g_list_model_get_item (roster_participant_list_get_model (list), i);

      g_assert_cmpint (roster_participant_get_status (participant), ==, ROSTER_ENROLMENT_SUSPENDED);
    }
  shown = g_list_model_get_n_items (roster_participant_list_get_model (list));
  g_assert_cmpuint (shown, >, 0);
  g_assert_cmpuint (shown, <, N_ROWS);

  dir = g_dir_make_tmp ("roster-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "participants.csv", NULL);
  file = g_file_new_for_path (path);

  roster_participants_page_export_async (page, file, NULL, export_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (roster_participants_page_export_finish (page, result, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, shown);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf\"Name\",\"E-mail\",\"Type\",\"Roles\","));
  /* Methods with no name of their own go by their kind. */
  g_assert_nonnull (strstr (contents, "\"Manual enrolments\""));
  g_assert_nonnull (strstr (contents, "\"Self enrolment\""));
  g_assert_nonnull (strstr (contents, "\"Guest access\""));
  lines = g_strsplit (contents, "\r\n", -1);
  /* The headers, a line a row, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, shown + 2);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so the labels can be compared. */
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/participants-page/columns", test_columns);
  g_test_add_func ("/participants-page/sort", test_sort);
  g_test_add_func ("/participants-page/search", test_search);
  g_test_add_func ("/participants-page/export", test_export);
  g_test_add_func ("/participants-page/show-only", test_show_only);

  return g_test_run ();
}
