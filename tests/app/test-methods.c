/* test-methods.c: a course's enrolment methods against a real roster-server,
 * the rules of RosterMethodDialog and the keys signal of RosterMethodsPage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-methods.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-method-dialog.h"
#include "roster-methods-page.h"

#define CS205_ID        2
#define CS205_MANUAL_ID 2  /* the demo gives each course's manual method the course's id */

/* The server, and a client that trusts it. */
typedef RosterAppFixture Fixture;

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *result;
}

static GListModel *
list_methods (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *methods;

  roster_client_list_methods_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  methods = roster_client_list_methods_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (methods);
  return methods;
}

static RosterMethod *
create_method (Fixture                 *fixture,
               const RosterMethodPatch *settings,
               GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_create_method_async (fixture->client, CS205_ID, ROSTER_METHOD_SELF, settings, NULL, roster_app_test_result_cb, &result);
  return roster_client_create_method_finish (fixture->client, wait_for (&result), error);
}

static RosterMethod *
update_method (Fixture                 *fixture,
               gint64                   method_id,
               const RosterMethodPatch *patch,
               GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_update_method_async (fixture->client, method_id, patch, NULL, roster_app_test_result_cb, &result);
  return roster_client_update_method_finish (fixture->client, wait_for (&result), error);
}

static gboolean
delete_method (Fixture  *fixture,
               gint64    method_id,
               GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_delete_method_async (fixture->client, method_id, FALSE, NULL, roster_app_test_result_cb, &result);
  return roster_client_delete_method_finish (fixture->client, wait_for (&result), error);
}

static gint64
id_at (GListModel *methods,
       guint       position)
{
  g_autoptr(RosterMethod) method = g_list_model_get_item (methods, position);

  return roster_method_get_id (method);
}

/* A module leader's day: a self method for external examiners, as
 * seed 000 asks (Guest), edited, switched off and on, moved, deleted. */
static void
test_client_lifecycle (Fixture       *fixture,
                       gconstpointer  data)
{
  RosterMethodPatch settings = {
    .fields = ROSTER_METHOD_FIELD_NAME | ROSTER_METHOD_FIELD_DEFAULT_ROLE | ROSTER_METHOD_FIELD_ENROL_END |
              ROSTER_METHOD_FIELD_NOTIFY_ADMINS | ROSTER_METHOD_FIELD_WELCOME_MESSAGE,
    .name = "External examiners",
    .default_role = ROSTER_ROLE_GUEST,
    .enrol_end = 1801353600,  /* 2027-01-31 */
    .notify_admins = TRUE,
    .welcome_message = "Welcome to Databases!",
  };
  RosterMethodPatch edit = {
    .fields = ROSTER_METHOD_FIELD_NAME | ROSTER_METHOD_FIELD_MAX_ENROLLED | ROSTER_METHOD_FIELD_ENROL_END,
    .name = "Examiners 2027",
    .max_enrolled = 25,
    .enrol_end = 0,  /* cleared */
  };
  RosterMethodPatch off = { .fields = ROSTER_METHOD_FIELD_ENABLED, .enabled = FALSE };
  RosterMethodPatch on = { .fields = ROSTER_METHOD_FIELD_ENABLED, .enabled = TRUE };
  RosterMethodPatch first = { .fields = ROSTER_METHOD_FIELD_SORT_ORDER, .sort_order = 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) created = NULL;
  g_autoptr(RosterMethod) edited = NULL;
  g_autoptr(RosterMethod) disabled = NULL;
  g_autoptr(RosterMethod) enabled = NULL;
  g_autoptr(RosterMethod) moved = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after_create = NULL;
  g_autoptr(GListModel) after_move = NULL;
  g_autoptr(GListModel) after_delete = NULL;
  g_autofree char *name = NULL;
  gint64 id;

  roster_app_fixture_sign_in (fixture, "m.chen");
  before = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 1);
  g_assert_cmpint (id_at (before, 0), ==, CS205_MANUAL_ID);

  created = create_method (fixture, &settings, &error);
  g_assert_no_error (error);
  id = roster_method_get_id (created);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (roster_method_get_course_id (created), ==, CS205_ID);
  g_assert_cmpint (roster_method_get_method_type (created), ==, ROSTER_METHOD_SELF);
  g_assert_cmpstr (roster_method_get_name (created), ==, "External examiners");
  g_assert_cmpint (roster_method_get_default_role (created), ==, ROSTER_ROLE_GUEST);
  g_assert_cmpint (roster_method_get_enrol_end (created), ==, 1801353600);
  g_assert_cmpint (roster_method_get_enrol_start (created), ==, 0);
  g_assert_true (roster_method_get_notify_admins (created));
  g_assert_cmpstr (roster_method_get_welcome_message (created), ==, "Welcome to Databases!");
  g_assert_true (roster_method_get_enabled (created));
  g_assert_cmpint (roster_method_get_key_count (created), ==, 0);
  g_assert_cmpint (roster_method_get_sort_order (created), ==, 1);

  after_create = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after_create), ==, 2);
  g_assert_cmpint (id_at (after_create, 1), ==, id);

  edited = update_method (fixture, id, &edit, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_method_get_name (edited), ==, "Examiners 2027");
  g_assert_cmpint (roster_method_get_max_enrolled (edited), ==, 25);
  g_assert_cmpint (roster_method_get_enrol_end (edited), ==, 0);
  /* What the patch left out stays. */
  g_assert_cmpint (roster_method_get_default_role (edited), ==, ROSTER_ROLE_GUEST);
  g_assert_true (roster_method_get_notify_admins (edited));

  disabled = update_method (fixture, id, &off, &error);
  g_assert_no_error (error);
  g_assert_false (roster_method_get_enabled (disabled));
  g_assert_cmpstr (roster_method_get_name (disabled), ==, "Examiners 2027");
  enabled = update_method (fixture, id, &on, &error);
  g_assert_no_error (error);
  g_assert_true (roster_method_get_enabled (enabled));

  /* First, and the manual method moves down. */
  moved = update_method (fixture, id, &first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_method_get_sort_order (moved), ==, 0);
  after_move = list_methods (fixture);
  g_assert_cmpint (id_at (after_move, 0), ==, id);
  g_assert_cmpint (id_at (after_move, 1), ==, CS205_MANUAL_ID);

  g_assert_true (delete_method (fixture, id, &error));
  g_assert_no_error (error);
  after_delete = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after_delete), ==, 1);
  g_assert_cmpint (id_at (after_delete, 0), ==, CS205_MANUAL_ID);

  /* Its own sort order is 0 again, without gaps. */
  {
    g_autoptr(RosterMethod) manual = g_list_model_get_item (after_delete, 0);

    g_assert_cmpint (roster_method_get_sort_order (manual), ==, 0);
    name = roster_method_dup_display_name (manual);
    g_assert_cmpstr (name, ==, "Manual enrolments");
  }
}

/* The server keeps the manual method and says why, in words. */
static void
test_client_manual_kept (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) after = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  g_assert_false (delete_method (fixture, CS205_MANUAL_ID, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_nonnull (error->message);
  g_assert_null (strstr (error->message, "409"));
  g_assert_cmpuint (strlen (error->message), >, 10);

  after = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
}

/* A teacher may look (methods.view) but not change (no methods.manage):
 * refused with 403, in plain words, and nothing changes. */
static void
test_client_teacher_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  RosterMethodPatch settings = {
    .fields = ROSTER_METHOD_FIELD_DEFAULT_ROLE,
    .default_role = ROSTER_ROLE_GUEST,
  };
  RosterMethodPatch off = { .fields = ROSTER_METHOD_FIELD_ENABLED, .enabled = FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) seen = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(RosterMethod) created = NULL;
  g_autoptr(RosterMethod) updated = NULL;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  seen = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (seen), ==, 1);

  created = create_method (fixture, &settings, &error);
  g_assert_null (created);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_test_message ("Refused: %s", error->message);
  /* A sentence for people, not a status code or an error code. */
  g_assert_null (strstr (error->message, "403"));
  g_assert_null (strstr (error->message, "forbidden"));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_clear_error (&error);

  updated = update_method (fixture, CS205_MANUAL_ID, &off, &error);
  g_assert_null (updated);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_clear_error (&error);

  g_assert_false (delete_method (fixture, CS205_MANUAL_ID, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_clear_error (&error);

  roster_app_fixture_sign_in (fixture, "m.chen");
  after = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  {
    g_autoptr(RosterMethod) manual = g_list_model_get_item (after, 0);

    g_assert_true (roster_method_get_enabled (manual));
  }
}

/* The dialog's rules ----------------------------------------------------- */

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static void
set_text (RosterMethodDialog *dialog,
          const char         *row,
          const char         *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, ROSTER_TYPE_METHOD_DIALOG, row)), text);
}

static gboolean
can_save (RosterMethodDialog *dialog)
{
  return gtk_widget_get_sensitive (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "save_button"));
}

static void
assert_problem (RosterMethodDialog *dialog,
                const char         *part)
{
  const char *problem = roster_method_dialog_get_problem (dialog);
  GtkWidget *label = child (dialog, ROSTER_TYPE_METHOD_DIALOG, "error_label");

  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, part));
  g_assert_false (can_save (dialog));
  /* Shown as it is typed, beside the fields. */
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, problem);
}

static void
assert_valid (RosterMethodDialog *dialog)
{
  g_assert_null (roster_method_dialog_get_problem (dialog));
  g_assert_true (can_save (dialog));
  g_assert_false (gtk_widget_get_visible (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "error_label")));
}

static void
test_dialog_rules (void)
{
  RosterMethodDialog *dialog = roster_method_dialog_new_self (NULL, CS205_ID);
  GtkTextBuffer *welcome = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (dialog, ROSTER_TYPE_METHOD_DIALOG,
                                                                          "welcome_view")));
  AdwComboRow *role = ADW_COMBO_ROW (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "role_row"));
  g_autofree char *long_name = g_strnfill (ROSTER_METHOD_MAX_NAME + 1, 'x');
  g_autofree char *long_welcome = g_strnfill (ROSTER_METHOD_MAX_WELCOME + 1, 'w');
  g_autofree char *kept_welcome = NULL;
  g_autoptr(GError) error = NULL;
  RosterMethodPatch patch;

  /* Nothing typed is fine: the default name, Guest, no limits. */
  assert_valid (dialog);
  g_assert_true (roster_method_dialog_get_patch (dialog, &patch, &kept_welcome, &error));
  g_assert_no_error (error);
  g_assert_null (patch.name);
  g_assert_cmpint (patch.default_role, ==, ROSTER_ROLE_GUEST);
  g_assert_cmpint (patch.enrol_start, ==, 0);
  g_assert_cmpint (patch.enrol_end, ==, 0);
  g_assert_null (kept_welcome);
  g_assert_true (patch.fields & ROSTER_METHOD_FIELD_NOTIFY_ADMINS);

  set_text (dialog, "name_row", long_name);
  assert_problem (dialog, "255");
  set_text (dialog, "name_row", "  External examiners  ");
  assert_valid (dialog);

  set_text (dialog, "start_row", "2027-02-30");
  assert_problem (dialog, "start");
  set_text (dialog, "start_row", "next week");
  assert_problem (dialog, "2027-01-31");
  set_text (dialog, "start_row", "2027-02-01");
  assert_valid (dialog);

  set_text (dialog, "end_row", "2027-01-31");
  assert_problem (dialog, "end after it starts");
  set_text (dialog, "end_row", "2027-02-01");
  assert_problem (dialog, "end after it starts");
  set_text (dialog, "end_row", "2027-06-30T12:00:00Z");
  assert_valid (dialog);

  gtk_text_buffer_set_text (welcome, long_welcome, -1);
  assert_problem (dialog, "10000");
  gtk_text_buffer_set_text (welcome, " Welcome! ", -1);
  assert_valid (dialog);

  adw_combo_row_set_selected (role, ROSTER_ROLE_STUDENT - ROSTER_ROLE_MODULE_LEADER);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "max_spin")), 30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "duration_spin")), 7);
  g_assert_true (roster_method_dialog_get_patch (dialog, &patch, &kept_welcome, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (patch.name, ==, "External examiners");
  g_assert_cmpint (patch.default_role, ==, ROSTER_ROLE_STUDENT);
  g_assert_cmpint (patch.enrol_start, ==, 1801440000);   /* 2027-02-01 */
  g_assert_cmpint (patch.enrol_end, ==, 1814356800);     /* 2027-06-30 12:00 */
  g_assert_cmpint (patch.max_enrolled, ==, 30);
  g_assert_cmpint (patch.enrol_duration, ==, 7 * 24 * 3600);
  g_assert_cmpstr (kept_welcome, ==, "Welcome!");
  g_assert_cmpstr (patch.welcome_message, ==, "Welcome!");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Editing shows what the method has, and only its type's settings. */
static void
test_dialog_edit (void)
{
  g_autoptr(RosterMethod) self_method = roster_method_new_for_type (ROSTER_METHOD_SELF);
  g_autoptr(RosterMethod) manual = roster_method_new_for_type (ROSTER_METHOD_MANUAL);
  RosterMethodDialog *dialog;
  g_autofree char *welcome = NULL;
  g_autoptr(GError) error = NULL;
  RosterMethodPatch patch;

  roster_method_set_id (self_method, 20);
  roster_method_set_course_id (self_method, CS205_ID);
  roster_method_set_name (self_method, "Partners");
  roster_method_set_enrol_end (self_method, 1801353600);
  roster_method_set_max_enrolled (self_method, 12);
  roster_method_set_default_role (self_method, ROSTER_ROLE_EXTERNAL_MODERATOR);
  roster_method_set_enrol_duration (self_method, 36 * 3600);

  dialog = roster_method_dialog_new_edit (NULL, self_method);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Partners");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "end_row"))),
                   ==, "2027-01-31");
  assert_valid (dialog);
  g_assert_true (roster_method_dialog_get_patch (dialog, &patch, &welcome, &error));
  g_assert_cmpint (patch.default_role, ==, ROSTER_ROLE_EXTERNAL_MODERATOR);
  g_assert_cmpint (patch.max_enrolled, ==, 12);
  g_assert_cmpint (patch.enrol_end, ==, 1801353600);
  /* A day and a half shows as 1 day, and stays 36 hours unless changed. */
  g_assert_cmpint (patch.enrol_duration, ==, 36 * 3600);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "duration_spin")), 2);
  g_assert_true (roster_method_dialog_get_patch (dialog, &patch, &welcome, &error));
  g_assert_cmpint (patch.enrol_duration, ==, 2 * 24 * 3600);
  gtk_window_destroy (GTK_WINDOW (dialog));

  roster_method_set_id (manual, 2);
  dialog = roster_method_dialog_new_edit (NULL, manual);
  g_assert_false (gtk_widget_get_visible (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "self_group")));
  g_assert_true (gtk_widget_get_visible (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "duration_row")));
  g_assert_true (roster_method_dialog_get_patch (dialog, &patch, &welcome, &error));
  g_assert_no_error (error);
  /* Self-only settings are not sent: the server would refuse them. */
  g_assert_false (patch.fields & ROSTER_METHOD_FIELD_NOTIFY_ADMINS);
  g_assert_false (patch.fields & ROSTER_METHOD_FIELD_ENROL_END);
  g_assert_cmpint (patch.default_role, ==, ROSTER_ROLE_STUDENT);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
saved_cb (RosterMethodDialog  *dialog,
          RosterMethod        *method,
          RosterMethod       **out)
{
  g_set_object (out, method);
}

static gboolean
label_shows (GtkWidget *label)
{
  return gtk_widget_get_visible (label) && *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

/* Saving for real: the server's refusal shows in the dialog, which stays
 * open to try again; what it takes is handed on and the dialog closes. */
static void
test_dialog_save (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RosterMethod) saved = NULL;
  g_autoptr(GListModel) after = NULL;
  RosterMethodDialog *dialog;
  GtkWidget *label;
  gint64 deadline;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  dialog = g_object_ref (roster_method_dialog_new_self (fixture->client, CS205_ID));
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &saved);
  set_text (dialog, "name_row", "External examiners");
  label = child (dialog, ROSTER_TYPE_METHOD_DIALOG, "error_label");
  g_signal_emit_by_name (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "save_button"), "clicked");
  g_assert_false (can_save (dialog));
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!label_shows (label))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Your role in this course does not allow this.");
  g_assert_true (can_save (dialog));
  g_assert_null (saved);
  /* Typing again clears the old answer. */
  set_text (dialog, "name_row", "External examiners 2027");
  g_assert_false (gtk_widget_get_visible (label));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  roster_app_fixture_sign_in (fixture, "m.chen");
  dialog = roster_method_dialog_new_self (fixture->client, CS205_ID);
  g_signal_connect (dialog, "saved", G_CALLBACK (saved_cb), &saved);
  set_text (dialog, "name_row", "External examiners");
  set_text (dialog, "end_row", "2027-01-31");
  g_signal_emit_by_name (child (dialog, ROSTER_TYPE_METHOD_DIALOG, "save_button"), "clicked");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (saved == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_cmpstr (roster_method_get_name (saved), ==, "External examiners");
  g_assert_cmpint (roster_method_get_default_role (saved), ==, ROSTER_ROLE_GUEST);
  g_assert_cmpint (roster_method_get_enrol_end (saved), ==, 1801353600);

  after = list_methods (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 2);
  g_assert_cmpint (id_at (after, 1), ==, roster_method_get_id (saved));
}

/* The page: Keys… asks for the keys window ------------------------------ */


static gboolean
page_loaded (RosterMethodsPage *page,
             guint              n_methods)
{
  return !roster_methods_page_get_loading (page) &&
         g_list_model_get_n_items (roster_methods_page_get_methods (page)) == n_methods;
}

static gint64
first_id (RosterMethodsPage *page)
{
  GListModel *methods = roster_methods_page_get_methods (page);

  return g_list_model_get_n_items (methods) > 0 ? id_at (methods, 0) : 0;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name,
            guint       nth)
{
  guint seen = 0;
  GtkWidget *stack[64];
  guint depth = 0;

  /* Depth first, in order, so the nth match is the nth row's. */
  stack[depth++] = widget;
  while (depth > 0)
    {
      GtkWidget *w = stack[--depth];
      GtkWidget *children[64];
      guint n = 0;

      if (g_strcmp0 (gtk_widget_get_name (w), name) == 0 && seen++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && n < 64; c = gtk_widget_get_next_sibling (c))
        children[n++] = c;
      while (n > 0 && depth < 64)
        stack[depth++] = children[--n];
    }
  return NULL;
}

static void
show_keys_cb (RosterMethodsPage  *page,
              RosterMethod       *method,
              RosterMethod      **out)
{
  g_set_object (out, method);
}

static void
test_page_keys_and_move (Fixture       *fixture,
                     gconstpointer  data)
{
  RosterMethodPatch settings = {
    .fields = ROSTER_METHOD_FIELD_NAME,
    .name = "External examiners",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) created = NULL;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterMethod) asked = NULL;
  g_autoptr(RosterMethodsPage) page = NULL;
  GtkWidget *window;
  GtkWidget *keys;
  gint64 deadline;

  roster_app_fixture_sign_in (fixture, "m.chen");
  created = create_method (fixture, &settings, &error);
  g_assert_no_error (error);
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  g_assert_true (roster_course_has_capability (course, "methods.manage"));

  page = g_object_ref_sink (g_object_new (ROSTER_TYPE_METHODS_PAGE, NULL));
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  g_signal_connect (page, "show-keys", G_CALLBACK (show_keys_cb), &asked);
  roster_methods_page_set_course (page, fixture->client, course);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!page_loaded (page, 2))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  /* Only the self method has keys; the manual one has no button. */
  keys = find_named (GTK_WIDGET (page), "keys", 0);
  g_assert_nonnull (keys);
  g_assert_null (find_named (GTK_WIDGET (page), "keys", 1));
  g_assert_nonnull (find_named (GTK_WIDGET (page), "delete", 1));
  g_assert_true (gtk_widget_get_visible (child (page, ROSTER_TYPE_METHODS_PAGE, "add_button")));

  g_signal_emit_by_name (keys, "clicked");
  g_assert_nonnull (asked);
  g_assert_cmpint (roster_method_get_id (asked), ==, roster_method_get_id (created));

  /* Up on the second row: it goes first on the server, and the focus
   * stays on its row, at Down now that Up cannot go further. */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (page), "up", 0)));
  g_signal_emit_by_name (find_named (GTK_WIDGET (page), "up", 1), "clicked");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!(page_loaded (page, 2) && first_id (page) == roster_method_get_id (created)))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == find_named (GTK_WIDGET (page), "down", 0));
  {
    g_autoptr(GListModel) on_server = list_methods (fixture);

    g_assert_cmpint (id_at (on_server, 0), ==, roster_method_get_id (created));
    g_assert_cmpint (id_at (on_server, 1), ==, CS205_MANUAL_ID);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A teacher sees the methods and their keys, but no editing. */
static void
test_page_teacher (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterMethodsPage) page = NULL;
  gint64 deadline;

  roster_app_fixture_sign_in (fixture, "j.okafor");
  course = roster_app_fixture_fetch_course (fixture, CS205_ID);
  g_assert_true (roster_course_has_capability (course, "methods.view"));
  g_assert_false (roster_course_has_capability (course, "methods.manage"));

  page = g_object_ref_sink (g_object_new (ROSTER_TYPE_METHODS_PAGE, NULL));
  roster_methods_page_set_course (page, fixture->client, course);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!page_loaded (page, 1))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_assert_false (gtk_widget_get_visible (child (page, ROSTER_TYPE_METHODS_PAGE, "add_button")));
  g_assert_null (find_named (GTK_WIDGET (page), "delete", 0));
  g_assert_null (find_named (GTK_WIDGET (page), "up", 0));
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (page), "enabled", 0)));
  g_assert_false (roster_methods_page_get_failed (page));
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

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  ADD ("/methods/client/lifecycle", test_client_lifecycle);
  ADD ("/methods/client/manual-kept", test_client_manual_kept);
  ADD ("/methods/client/teacher-refused", test_client_teacher_refused);
  g_test_add_func ("/methods/dialog/rules", test_dialog_rules);
  g_test_add_func ("/methods/dialog/edit", test_dialog_edit);
  ADD ("/methods/dialog/save", test_dialog_save);
  ADD ("/methods/page/keys-and-move", test_page_keys_and_move);
  ADD ("/methods/page/teacher", test_page_teacher);

  return g_test_run ();
}
