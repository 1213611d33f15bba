/* test-user-actions.c: what administrators do to accounts, against a real
 * roster-server: the client calls, roster_user_action_applies (), the
 * questions and the password dialog driven through their widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "admin-test-util.h"
#include "app-fixture.h"
#include "roster-client-users.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-password-dialog.h"
#include "roster-user-actions.h"

#define NEW_PASSWORD "a long enough passphrase"






static RosterUser *
change (Fixture           *fixture,
        RosterUser        *user,
        RosterUserChange   what,
        GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_change_user_async (fixture->client, roster_user_get_id (user), what, NULL,
                                   roster_app_test_result_cb, &result);
  return roster_client_change_user_finish (fixture->client, wait_for (&result), error);
}

static gboolean
set_password (Fixture     *fixture,
              RosterUser  *user,
              const char  *password,
              char       **generated,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_set_password_async (fixture->client, roster_user_get_id (user), password, NULL,
                                    roster_app_test_result_cb, &result);
  return roster_client_set_password_finish (fixture->client, wait_for (&result), generated, error);
}

static gboolean
erase (Fixture     *fixture,
       RosterUser  *user,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_erase_user_async (fixture->client, roster_user_get_id (user), NULL, roster_app_test_result_cb, &result);
  return roster_client_erase_user_finish (fixture->client, wait_for (&result), error);
}





/* ---- the client calls ---- */

/* Seed 002: a sign-up that never confirmed, and a lock after too many
 * failed sign-ins. */
static void
test_client_activate_unlock (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(RosterUser) okoro = NULL;
  g_autoptr(RosterUser) novak = NULL;
  g_autoptr(RosterUser) activated = NULL;
  g_autoptr(RosterUser) unlocked = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_admin (fixture);
  okoro = find_user (fixture, "n.okoro");
  g_assert_cmpint (roster_user_get_state (okoro), ==, ROSTER_USER_STATE_PENDING);
  g_assert_false (try_sign_in (fixture, "n.okoro", ROSTER_DEMO_PASSWORD, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE);
  g_clear_error (&error);

  activated = change (fixture, okoro, ROSTER_USER_CHANGE_ACTIVATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (activated), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_true (try_sign_in (fixture, "n.okoro", ROSTER_DEMO_PASSWORD, &error));
  g_assert_no_error (error);

  novak = find_user (fixture, "d.novak");
  g_assert_cmpint (roster_user_get_locked_until (novak), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_false (try_sign_in (fixture, "d.novak", ROSTER_DEMO_PASSWORD, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_LOCKED);
  g_clear_error (&error);

  unlocked = change (fixture, novak, ROSTER_USER_CHANGE_UNLOCK, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_locked_until (unlocked), ==, 0);
  g_assert_true (try_sign_in (fixture, "d.novak", ROSTER_DEMO_PASSWORD, &error));
  g_assert_no_error (error);
}

static void
test_client_suspend_reactivate (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(RosterUser) fischer = NULL;
  g_autoptr(RosterUser) suspended = NULL;
  g_autoptr(RosterUser) again = NULL;
  g_autoptr(RosterUser) twice = NULL;
  g_autoptr(RosterUser) me = NULL;
  g_autoptr(GError) error = NULL;

  sign_in_admin (fixture);
  fischer = find_user (fixture, "r.fischer");
  suspended = change (fixture, fischer, ROSTER_USER_CHANGE_SUSPEND, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (suspended), ==, ROSTER_USER_STATE_SUSPENDED);
  g_assert_false (try_sign_in (fixture, "r.fischer", ROSTER_DEMO_PASSWORD, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE);
  g_clear_error (&error);

  twice = change (fixture, fischer, ROSTER_USER_CHANGE_SUSPEND, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_null (twice);
  g_clear_error (&error);

  again = change (fixture, fischer, ROSTER_USER_CHANGE_ACTIVATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (again), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_true (try_sign_in (fixture, "r.fischer", ROSTER_DEMO_PASSWORD, &error));

  /* Not oneself: the server says so in words. */
  me = find_user (fixture, ROSTER_DEMO_ADMIN_USERNAME);
  g_assert_null (change (fixture, me, ROSTER_USER_CHANGE_SUSPEND, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_client_password (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterUser) okafor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *none = NULL;

  sign_in_admin (fixture);
  okafor = find_user (fixture, "j.okafor");

  g_assert_true (set_password (fixture, okafor, NEW_PASSWORD, &none, &error));
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_true (try_sign_in (fixture, "j.okafor", NEW_PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_false (try_sign_in (fixture, "j.okafor", ROSTER_DEMO_PASSWORD, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_CREDENTIALS);
  g_clear_error (&error);

  g_assert_true (set_password (fixture, okafor, NULL, &generated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (generated), ==, 16);
  g_assert_true (try_sign_in (fixture, "j.okafor", generated, &error));
  g_assert_no_error (error);

  /* The policy, in the server's words. */
  g_assert_false (set_password (fixture, okafor, "short", NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_client_erase (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(RosterUser) fischer = NULL;
  g_autoptr(RosterUser) me = NULL;
  g_autoptr(RosterUserProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *erased_name = NULL;
  RosterUser *after;

  sign_in_admin (fixture);
  fischer = find_user (fixture, "r.fischer");
  g_assert_true (erase (fixture, fischer, &error));
  g_assert_no_error (error);

  profile = get_profile (fixture, roster_user_get_id (fischer));
  after = roster_user_profile_get_user (profile);
  erased_name = g_strdup_printf ("erased-%" G_GINT64_FORMAT, roster_user_get_id (fischer));
  g_assert_cmpint (roster_user_get_state (after), ==, ROSTER_USER_STATE_ERASED);
  g_assert_cmpstr (roster_user_get_username (after), ==, erased_name);
  g_assert_true (roster_user_get_email (after) == NULL || *roster_user_get_email (after) == '\0');
  g_assert_true (roster_user_get_first_name (after) == NULL || *roster_user_get_first_name (after) == '\0');
  g_assert_true (roster_user_get_last_name (after) == NULL || *roster_user_get_last_name (after) == '\0');
  /* Her enrolments stay, anonymised. */
  g_assert_cmpuint (g_list_model_get_n_items (roster_user_profile_get_enrolments (profile)), >, 0);

  g_assert_false (erase (fixture, fischer, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  me = find_user (fixture, ROSTER_DEMO_ADMIN_USERNAME);
  g_assert_false (erase (fixture, me, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, !=, "");
}

/* ---- roster_user_action_applies () ---- */

static RosterUser *
made_up (gint64           id,
         RosterUserState  state,
         gint64           locked_until)
{
  RosterUser *user = roster_user_new ();

  roster_user_set_id (user, id);
  roster_user_set_username (user, "someone");
  roster_user_set_state (user, state);
  roster_user_set_locked_until (user, locked_until);
  return user;
}

static void
test_applies (void)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* Per state: activate, reactivate, suspend, unlock, set password, erase. */
  const struct {
    RosterUserState state;
    gint64          locked_until;
    gint64          me;
    gboolean        expected[6];
  } cases[] = {
    { ROSTER_USER_STATE_PENDING,   0,          1, { TRUE,  FALSE, FALSE, FALSE, TRUE,  TRUE } },
    { ROSTER_USER_STATE_ACTIVE,    0,          1, { FALSE, FALSE, TRUE,  FALSE, TRUE,  TRUE } },
    { ROSTER_USER_STATE_ACTIVE,    now + 600,  1, { FALSE, FALSE, TRUE,  TRUE,  TRUE,  TRUE } },
    { ROSTER_USER_STATE_ACTIVE,    now - 600,  1, { FALSE, FALSE, TRUE,  FALSE, TRUE,  TRUE } },
    { ROSTER_USER_STATE_ACTIVE,    0,          7, { FALSE, FALSE, FALSE, FALSE, TRUE,  FALSE } },
    { ROSTER_USER_STATE_ACTIVE,    0,          0, { FALSE, FALSE, TRUE,  FALSE, TRUE,  TRUE } },
    { ROSTER_USER_STATE_SUSPENDED, now + 600,  1, { FALSE, TRUE,  FALSE, TRUE,  TRUE,  TRUE } },
    { ROSTER_USER_STATE_ERASED,    now + 600,  1, { FALSE, FALSE, FALSE, FALSE, FALSE, FALSE } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RosterUser) user = made_up (7, cases[i].state, cases[i].locked_until);

      for (guint a = ROSTER_USER_ACTION_ACTIVATE; a <= ROSTER_USER_ACTION_ERASE; a++)
        {
          g_test_message ("case %u, action %u", i, a);
          g_assert_cmpint (roster_user_action_applies (a, user, cases[i].me), ==, cases[i].expected[a]);
        }
    }
}

/* ---- the questions and the dialogs ---- */

typedef struct
{
  GtkWidget  *window;
  GtkWidget  *parent;     /* a widget inside it, as a page would be */
} Host;

static void
host_init (Host *host)
{
  host->window = gtk_window_new ();
  host->parent = gtk_label_new ("");
  gtk_window_set_child (GTK_WINDOW (host->window), host->parent);
  gtk_window_present (GTK_WINDOW (host->window));
}

static void
host_clear (Host *host)
{
  gtk_window_destroy (GTK_WINDOW (host->window));
}






static void
test_run_unlock (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RosterUser) novak = NULL;
  g_autoptr(RosterUser) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean erased = TRUE;
  Host host;

  sign_in_admin (fixture);
  novak = find_user (fixture, "d.novak");
  g_assert_true (roster_user_action_applies (ROSTER_USER_ACTION_UNLOCK, novak, 1));
  host_init (&host);

  /* No question: straight to the server. */
  roster_user_action_run_async (host.parent, fixture->client, novak, ROSTER_USER_ACTION_UNLOCK, NULL,
                                roster_app_test_result_cb, &result);
  after = roster_user_action_run_finish (wait_for (&result), &erased, &error);
  g_assert_no_error (error);
  g_assert_false (erased);
  g_assert_cmpint (roster_user_get_locked_until (after), ==, 0);
  g_assert_false (roster_user_action_applies (ROSTER_USER_ACTION_UNLOCK, after, 1));
  g_assert_true (try_sign_in (fixture, "d.novak", ROSTER_DEMO_PASSWORD, &error));

  /* The server's refusal comes back as it is (the toast has said it). */
  g_clear_object (&result);
  roster_user_action_run_async (host.parent, fixture->client, novak, ROSTER_USER_ACTION_REACTIVATE, NULL,
                                roster_app_test_result_cb, &result);
  g_assert_null (roster_user_action_run_finish (wait_for (&result), &erased, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_false (erased);

  host_clear (&host);
}

static void
test_run_suspend (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RosterUser) fischer = NULL;
  g_autoptr(RosterUser) after = NULL;
  g_autoptr(GAsyncResult) no = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) yes = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  Host host;

  sign_in_admin (fixture);
  fischer = find_user (fixture, "r.fischer");
  host_init (&host);

  /* No: cancelled, nothing changed. */
  roster_user_action_run_async (host.parent, fixture->client, fischer, ROSTER_USER_ACTION_SUSPEND, NULL,
                                roster_app_test_result_cb, &no);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), "Rachel Fischer") != NULL);
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "sessions end at once") != NULL);
  screenshot (dialog, "user-actions-suspend.png");
  g_signal_emit_by_name (button (dialog, "_Cancel"), "clicked");
  g_assert_null (roster_user_action_run_finish (wait_for (&no), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  wait_until (no_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));

  /* The caller's cancellable closes the question. */
  roster_user_action_run_async (host.parent, fixture->client, fischer, ROSTER_USER_ACTION_SUSPEND, cancellable,
                                roster_app_test_result_cb, &cancelled);
  find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_cancellable_cancel (cancellable);
  g_assert_null (roster_user_action_run_finish (wait_for (&cancelled), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  wait_until (no_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (try_sign_in (fixture, "r.fischer", ROSTER_DEMO_PASSWORD, &error));

  /* Yes. */
  roster_user_action_run_async (host.parent, fixture->client, fischer, ROSTER_USER_ACTION_SUSPEND, NULL,
                                roster_app_test_result_cb, &yes);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_signal_emit_by_name (button (dialog, "_Suspend"), "clicked");
  after = roster_user_action_run_finish (wait_for (&yes), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_user_get_state (after), ==, ROSTER_USER_STATE_SUSPENDED);
  g_assert_false (try_sign_in (fixture, "r.fischer", ROSTER_DEMO_PASSWORD, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_ACCOUNT_INACTIVE);

  host_clear (&host);
}

static void
test_run_erase (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RosterUser) fischer = NULL;
  g_autoptr(RosterUserProfile) profile = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean erased = FALSE;
  AdwMessageDialog *dialog;
  GtkWidget *erase_button;
  GtkWidget *entry;
  const char *body;
  Host host;

  sign_in_admin (fixture);
  fischer = find_user (fixture, "r.fischer");
  host_init (&host);

  roster_user_action_run_async (host.parent, fixture->client, fischer, ROSTER_USER_ACTION_ERASE, NULL,
                                roster_app_test_result_cb, &result);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), "Rachel Fischer") != NULL);
  body = adw_message_dialog_get_body (dialog);
  g_assert_true (strstr (body, "cannot be undone") != NULL);
  g_assert_true (strstr (body, "enrolments and group memberships") != NULL);
  g_assert_true (strstr (body, "e-mail address") != NULL);

  /* Disabled until the username is typed, exactly. */
  erase_button = button (dialog, "_Erase");
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, "confirm-username");
  g_assert_nonnull (entry);
  g_assert_false (gtk_widget_get_sensitive (erase_button));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  g_assert_false (gtk_entry_get_activates_default (GTK_ENTRY (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "r.fische");
  g_assert_false (gtk_widget_get_sensitive (erase_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rachel Fischer");
  g_assert_false (gtk_widget_get_sensitive (erase_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "r.fischer");
  g_assert_true (gtk_widget_get_sensitive (erase_button));
  /* Enter in the entry erases now, and only now. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "erase");
  g_assert_true (gtk_entry_get_activates_default (GTK_ENTRY (entry)));
  screenshot (dialog, "user-actions-erase.png");

  g_signal_emit_by_name (erase_button, "clicked");
  g_assert_null (roster_user_action_run_finish (wait_for (&result), &erased, &error));
  g_assert_no_error (error);
  g_assert_true (erased);

  profile = get_profile (fixture, roster_user_get_id (fischer));
  g_assert_cmpint (roster_user_get_state (roster_user_profile_get_user (profile)), ==, ROSTER_USER_STATE_ERASED);

  host_clear (&host);
}

static gboolean
password_shown (gpointer dialog)
{
  GtkStack *stack = GTK_STACK (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "done") == 0;
}

static void
read_text_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
test_password_generate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(RosterUser) okafor = NULL;
  g_autoptr(RosterUser) after = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *password = NULL;
  RosterPasswordDialog *dialog;
  GdkClipboard *clipboard;
  Host host;

  sign_in_admin (fixture);
  okafor = find_user (fixture, "j.okafor");
  host_init (&host);

  roster_user_action_run_async (host.parent, fixture->client, okafor, ROSTER_USER_ACTION_SET_PASSWORD, NULL,
                                roster_app_test_result_cb, &result);
  dialog = find_toplevel (ROSTER_TYPE_PASSWORD_DIALOG);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG,
                                                                                "generate_check"))));
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "password_entry")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "set_button"));

  g_signal_emit_by_name (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "set_button"), "clicked");
  after = roster_user_action_run_finish (wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  wait_until (password_shown, dialog);

  password = g_strdup (gtk_label_get_text (GTK_LABEL (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG,
                                                                      "password_label"))));
  g_assert_cmpuint (strlen (password), ==, 16);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG,
                                                                      "password_label"))));

  g_signal_emit_by_name (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "copy_button"), "clicked");
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dialog));
  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &copied);
  while (copied == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (copied, ==, password);
  screenshot (dialog, "user-actions-password-generated.png");

  g_assert_true (try_sign_in (fixture, "j.okafor", password, &error));
  g_assert_no_error (error);

  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (no_toplevel, GSIZE_TO_POINTER (ROSTER_TYPE_PASSWORD_DIALOG));
  host_clear (&host);
}

static void
test_password_typed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RosterUser) okafor = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) after = NULL;
  g_autoptr(GError) error = NULL;
  RosterPasswordDialog *dialog;
  GtkWidget *entry;
  GtkWidget *error_label;
  Host host;

  sign_in_admin (fixture);
  okafor = find_user (fixture, "j.okafor");
  host_init (&host);

  /* Too short: said inline, nothing sent, and Cancel is a no. */
  roster_user_action_run_async (host.parent, fixture->client, okafor, ROSTER_USER_ACTION_SET_PASSWORD, NULL,
                                roster_app_test_result_cb, &cancelled);
  dialog = find_toplevel (ROSTER_TYPE_PASSWORD_DIALOG);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "type_check")),
                               TRUE);
  entry = template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "password_entry");
  error_label = template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "error_label");
  g_assert_true (gtk_widget_get_sensitive (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "too short");
  g_signal_emit_by_name (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "set_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "12") != NULL);
  g_assert_false (roster_password_dialog_get_busy (dialog));
  g_assert_null (cancelled);
  screenshot (dialog, "user-actions-password-too-short.png");

  g_signal_emit_by_name (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "cancel_button"), "clicked");
  g_assert_null (roster_user_action_run_finish (wait_for (&cancelled), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (try_sign_in (fixture, "j.okafor", ROSTER_DEMO_PASSWORD, &error));
  g_assert_no_error (error);
  wait_until (no_toplevel, GSIZE_TO_POINTER (ROSTER_TYPE_PASSWORD_DIALOG));

  /* A good one: sent, and the dialog goes. */
  roster_user_action_run_async (host.parent, fixture->client, okafor, ROSTER_USER_ACTION_SET_PASSWORD, NULL,
                                roster_app_test_result_cb, &result);
  dialog = find_toplevel (ROSTER_TYPE_PASSWORD_DIALOG);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "type_check")),
                               TRUE);
  gtk_editable_set_text (GTK_EDITABLE (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "password_entry")),
                         NEW_PASSWORD);
  g_signal_emit_by_name (template_child (dialog, ROSTER_TYPE_PASSWORD_DIALOG, "set_button"), "clicked");
  after = roster_user_action_run_finish (wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  wait_until (no_toplevel, GSIZE_TO_POINTER (ROSTER_TYPE_PASSWORD_DIALOG));
  g_assert_true (try_sign_in (fixture, "j.okafor", NEW_PASSWORD, &error));
  g_assert_no_error (error);

  host_clear (&host);
}

int
main (int   argc,
      char *argv[])
{
  /* Untranslated, so messages can be compared; no accessibility bus;
   * screenshots drawn with cairo, not llvmpipe (see test-import-pages). */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_disable_setlocale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The cursor's blink timeout warns ("GtkText - did not receive a
   * focus-out event") when it fires while another window on the shared
   * Xvfb has the focus: no blinking in tests. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  ADD ("/user-actions/client/activate-unlock", test_client_activate_unlock);
  ADD ("/user-actions/client/suspend-reactivate", test_client_suspend_reactivate);
  ADD ("/user-actions/client/password", test_client_password);
  ADD ("/user-actions/client/erase", test_client_erase);
  g_test_add_func ("/user-actions/applies", test_applies);
  ADD ("/user-actions/run/unlock", test_run_unlock);
  ADD ("/user-actions/run/suspend", test_run_suspend);
  ADD ("/user-actions/run/erase", test_run_erase);
  ADD ("/user-actions/password/generate", test_password_generate);
  ADD ("/user-actions/password/typed", test_password_typed);

  return g_test_run ();
}
