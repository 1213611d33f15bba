/* test-key-dialog.c: the new-key dialog's checks, as they are typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "roster-key-dialog.h"
#include "roster-test-server.h"

typedef struct
{
  GtkWidget *dialog;
  char      *dir;
  RosterTrustStore *trust;
  RosterClient     *client;
} Fixture;

static GtkWidget *
child (Fixture    *fixture,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (fixture->dialog, ROSTER_TYPE_KEY_DIALOG, name));
}

static void
type (Fixture    *fixture,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (fixture, row)), text);
}

static gboolean
can_add (Fixture *fixture)
{
  return gtk_widget_get_sensitive (child (fixture, "add_button"));
}

static const char *
problem (Fixture *fixture)
{
  GtkWidget *label = child (fixture, "problem_label");

  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(RosterCourse) course = roster_course_new ();
  g_autoptr(RosterMethod) method = roster_method_new_for_type (ROSTER_METHOD_SELF);

  fixture->dir = g_dir_make_tmp ("roster-key-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "trusted-certificates.ini", NULL);
  fixture->trust = roster_trust_store_new (path);
  /* Nothing listens there: the groups fail to load, which only the
   * group list notices. */
  fixture->client = roster_client_new ("https://127.0.0.1:9", fixture->trust);
  roster_course_set_id (course, 2);
  roster_method_set_id (method, 20);

  fixture->dialog = roster_key_dialog_new (NULL, fixture->client, course, method);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->dialog));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->trust);
  roster_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

static void
test_generated (Fixture       *fixture,
                gconstpointer  data)
{
  /* Generate is the default: a nickname is all it needs. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (fixture, "mode_row"))), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (fixture, "secret_row")));
  g_assert_false (can_add (fixture));
  type (fixture, "nickname_row", "   ");
  g_assert_false (can_add (fixture));
  type (fixture, "nickname_row", "Partners 2027");
  g_assert_true (can_add (fixture));
  g_assert_null (problem (fixture));
  /* Nothing to say: no empty space for it either. */
  g_assert_false (gtk_widget_get_visible (child (fixture, "hint_group")));
}

static void
test_typed (Fixture       *fixture,
            gconstpointer  data)
{
  type (fixture, "nickname_row", "Open day");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "mode_row")), 1);
  g_assert_true (gtk_widget_get_visible (child (fixture, "secret_row")));
  g_assert_true (gtk_widget_get_visible (child (fixture, "policy_label")));
  g_assert_false (can_add (fixture));

  /* Checked as typed, in the server's words. */
  type (fixture, "secret_row", "ab-cd-ef");
  g_assert_false (can_add (fixture));
  g_assert_cmpstr (problem (fixture), ==, "The key must have at least 8 characters, not counting spaces and hyphens.");
  g_assert_true (gtk_widget_has_css_class (child (fixture, "secret_row"), "error"));
  type (fixture, "secret_row", "OPEN\tDAY-2027");
  g_assert_false (can_add (fixture));
  g_assert_nonnull (problem (fixture));
  type (fixture, "secret_row", "OPEN-DAY-2027");
  g_assert_true (can_add (fixture));
  g_assert_null (problem (fixture));

  /* Back to generated: the typed secret no longer counts. */
  type (fixture, "secret_row", "short");
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (fixture, "mode_row")), 0);
  g_assert_true (can_add (fixture));
}

static void
test_expiry (Fixture       *fixture,
             gconstpointer  data)
{
  type (fixture, "nickname_row", "Partners");
  type (fixture, "expires_row", "31/01/2099");
  g_assert_false (can_add (fixture));
  g_assert_nonnull (problem (fixture));
  type (fixture, "expires_row", "2099-02-30");
  g_assert_false (can_add (fixture));
  type (fixture, "expires_row", "2020-01-31");
  g_assert_false (can_add (fixture));
  g_assert_cmpstr (problem (fixture), ==, "The expiry date is in the past.");
  g_assert_true (gtk_widget_has_css_class (child (fixture, "expires_row"), "error"));
  type (fixture, "expires_row", "2099-01-31");
  g_assert_true (can_add (fixture));
  type (fixture, "expires_row", "");
  g_assert_true (can_add (fixture));
}

static void
test_parse_date (void)
{
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2027, 1, 31, 0, 0, 0);
  gint64 time = -1;

  g_assert_true (roster_key_dialog_parse_date (" 2027-01-31 ", &time));
  g_assert_cmpint (time, ==, g_date_time_to_unix (expected));
  g_assert_true (roster_key_dialog_parse_date ("", &time));
  g_assert_cmpint (time, ==, 0);
  g_assert_false (roster_key_dialog_parse_date ("2027-1-31x", &time));
  g_assert_false (roster_key_dialog_parse_date ("2027-13-01", &time));
  g_assert_false (roster_key_dialog_parse_date ("tomorrow", &time));
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so the messages can be compared. */
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/key-dialog/parse-date", test_parse_date);
  g_test_add ("/key-dialog/generated", Fixture, NULL, fixture_set_up, test_generated, fixture_tear_down);
  g_test_add ("/key-dialog/typed", Fixture, NULL, fixture_set_up, test_typed, fixture_tear_down);
  g_test_add ("/key-dialog/expiry", Fixture, NULL, fixture_set_up, test_expiry, fixture_tear_down);

  return g_test_run ();
}
