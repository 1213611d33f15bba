/* test-user-actions.c: what administrators do to accounts, against a real
 * roster-server: the client calls, roster_user_action_applies (), the
 * questions and the password dialog driven through their widgets, and
 * the removal requests page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-users.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-password-dialog.h"
#include "roster-removal-requests-page.h"
#include "roster-user-actions.h"

#define NEW_PASSWORD "a long enough passphrase"

/* The server, and a client that trusts it. */
typedef RosterAppFixture Fixture;

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return *result;
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Signs @username in with a client of its own; the error, if refused. */
static gboolean
try_sign_in (Fixture     *fixture,
             const char  *username,
             const char  *password,
             GError     **error)
{
  g_autoptr(RosterClient) client = roster_client_new (roster_client_get_base_url (fixture->client), fixture->trust);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (client, username, password, NULL, roster_app_test_result_cb, &result);
  user = roster_client_login_finish (client, wait_for (&result), NULL, error);
  return user != NULL;
}

static void
sign_in_admin (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (fixture->client, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD, NULL,
                             roster_app_test_result_cb, &result);
  user = roster_client_login_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
}

static RosterUser *
find_user (Fixture    *fixture,
           const char *username)
{
  RosterUserFilter filter;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;

  roster_user_filter_init (&filter);
  filter.query = username;
  roster_client_list_users_async (fixture->client, &filter, NULL, roster_app_test_result_cb, &result);
  users = roster_client_list_users_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (users, i);

      if (g_str_equal (roster_user_get_username (user), username))
        return g_steal_pointer (&user);
    }
  g_assert_not_reached ();
}

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

static RosterUserProfile *
get_profile (Fixture *fixture,
             gint64   user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterUserProfile *profile;

  roster_client_get_user_async (fixture->client, user_id, NULL, roster_app_test_result_cb, &result);
  profile = roster_client_get_user_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  return profile;
}

static GListModel *
list_requests (Fixture *fixture,
               int      status)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *requests;

  roster_client_list_removal_requests_async (fixture->client, status, NULL, NULL, roster_app_test_result_cb, &result);
  requests = roster_client_list_removal_requests_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  return requests;
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

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return window;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
no_toplevel (gpointer type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, GPOINTER_TO_SIZE (type)))
        return FALSE;
    }
  return TRUE;
}

/* Depth first: the first widget of @type with @label (a button's) or
 * @name (its widget name). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label,
             const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (label == NULL || (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, label, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
button (gpointer    root,
        const char *label)
{
  GtkWidget *found = find_widget (GTK_WIDGET (root), GTK_TYPE_BUTTON, label, NULL);

  g_assert_nonnull (found);
  return found;
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
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
  gtk_editable_set_text (GTK_EDITABLE (entry), "r.fische");
  g_assert_false (gtk_widget_get_sensitive (erase_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rachel Fischer");
  g_assert_false (gtk_widget_get_sensitive (erase_button));
  gtk_editable_set_text (GTK_EDITABLE (entry), "r.fischer");
  g_assert_true (gtk_widget_get_sensitive (erase_button));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "erase");

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

/* ---- the removal requests page ---- */

typedef struct
{
  RosterRemovalRequestsPage *page;
  guint                      n_rows;
} PageState;

static guint
n_rows (RosterRemovalRequestsPage *page)
{
  GtkWidget *list_box = template_child (page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_box); child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
page_shows (gpointer data)
{
  PageState *state = data;
  GtkWidget *spinner = template_child (state->page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "spinner");

  return !gtk_widget_get_visible (spinner) && n_rows (state->page) == state->n_rows;
}

static gboolean
page_empty (gpointer data)
{
  PageState *state = data;
  GtkStack *stack = GTK_STACK (template_child (state->page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "stack"));

  return page_shows (data) && g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0;
}

static const char *
label_text (GtkWidget  *root,
            const char *name)
{
  GtkWidget *label = find_widget (root, GTK_TYPE_LABEL, NULL, name);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_page_decline (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GListModel) declined = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list_box;
  AdwMessageDialog *dialog;
  GtkWidget *text_view;
  PageState state = { NULL, 1 };
  g_autoptr(RosterRemovalRequest) mine = NULL;

  sign_in_admin (fixture);
  state.page = ROSTER_REMOVAL_REQUESTS_PAGE (roster_removal_requests_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (state.page));
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
  gtk_window_present (GTK_WINDOW (window));
  roster_removal_requests_page_set_client (state.page, fixture->client, 1);

  /* The demo's pending request, with its reason and the person. */
  wait_until (page_shows, &state);
  list_box = template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");
  g_assert_true (strstr (label_text (list_box, "reason"), "summer course") != NULL);
  g_assert_null (find_widget (list_box, GTK_TYPE_LABEL, NULL, "decision"));

  /* All: the declined one too, with the decision. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                             "status_dropdown")), 3);
  state.n_rows = 2;
  wait_until (page_shows, &state);
  g_assert_true (strstr (label_text (list_box, "decision"), "open-day feedback") != NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                             "status_dropdown")), 0);
  state.n_rows = 1;
  wait_until (page_shows, &state);

  /* Decline, with a reason. */
  g_signal_emit_by_name (find_widget (list_box, GTK_TYPE_BUTTON, NULL, "decline"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  text_view = find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL, "decline-reason");
  g_assert_nonnull (text_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)),
                            "Your certificate must be kept until March.", -1);
  g_signal_emit_by_name (button (dialog, "_Decline Request"), "clicked");
  state.n_rows = 0;
  wait_until (page_empty, &state);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (template_child (state.page,
                                                                               ROSTER_TYPE_REMOVAL_REQUESTS_PAGE,
                                                                               "empty_page"))),
                   ==, "No one has asked to be removed");

  declined = list_requests (fixture, ROSTER_REMOVAL_STATUS_DECLINED);
  g_assert_cmpuint (g_list_model_get_n_items (declined), ==, 2);
  mine = g_list_model_get_item (declined, 1);
  g_assert_cmpstr (roster_removal_request_get_decision_reason (mine), ==, "Your certificate must be kept until March.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_page_erase (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(GListModel) erased = NULL;
  g_autoptr(RosterRemovalRequest) request = NULL;
  g_autoptr(RosterRemovalRequest) after = NULL;
  g_autoptr(RosterUserProfile) profile = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list_box;
  GtkWidget *entry;
  AdwMessageDialog *dialog;
  PageState state = { NULL, 1 };

  sign_in_admin (fixture);
  pending = list_requests (fixture, ROSTER_REMOVAL_STATUS_PENDING);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  request = g_list_model_get_item (pending, 0);

  state.page = ROSTER_REMOVAL_REQUESTS_PAGE (roster_removal_requests_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (state.page));
  gtk_window_present (GTK_WINDOW (window));
  roster_removal_requests_page_set_client (state.page, fixture->client, 1);
  wait_until (page_shows, &state);
  list_box = template_child (state.page, ROSTER_TYPE_REMOVAL_REQUESTS_PAGE, "list_box");

  g_signal_emit_by_name (find_widget (list_box, GTK_TYPE_BUTTON, NULL, "erase"), "clicked");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (strstr (adw_message_dialog_get_heading (dialog), roster_removal_request_get_last_name (request)) != NULL);
  entry = find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, "confirm-username");
  gtk_editable_set_text (GTK_EDITABLE (entry), roster_removal_request_get_username (request));
  g_signal_emit_by_name (button (dialog, "_Erase"), "clicked");
  state.n_rows = 0;
  wait_until (page_empty, &state);

  erased = list_requests (fixture, ROSTER_REMOVAL_STATUS_ERASED);
  g_assert_cmpuint (g_list_model_get_n_items (erased), ==, 1);
  after = g_list_model_get_item (erased, 0);
  g_assert_cmpint (roster_removal_request_get_id (after), ==, roster_removal_request_get_id (request));
  g_assert_cmpint (roster_removal_request_get_user_state (after), ==, ROSTER_USER_STATE_ERASED);
  g_assert_null (roster_removal_request_get_reason (after));
  profile = get_profile (fixture, roster_removal_request_get_user_id (request));
  g_assert_cmpint (roster_user_get_state (roster_user_profile_get_user (profile)), ==, ROSTER_USER_STATE_ERASED);

  gtk_window_destroy (GTK_WINDOW (window));
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
  ADD ("/user-actions/removal-requests/decline", test_page_decline);
  ADD ("/user-actions/removal-requests/erase", test_page_erase);

  return g_test_run ();
}
