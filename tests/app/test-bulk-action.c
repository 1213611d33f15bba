/* test-bulk-action.c: bulk changes to participants against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-bulk-action.h"
#include "roster-client.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-group.h"
#include "roster-method.h"
#include "roster-participant.h"

#define CS205_ID   2
#define CS205_SIZE 54

/* The server, and a client that trusts it. */
typedef RosterAppFixture Fixture;

static void
collect_cb (GPtrArray *batch,
            guint      n_loaded,
            gpointer   user_data)
{
  GPtrArray *rows = user_data;

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (rows, g_object_ref (batch->pdata[i]));
}

/* The course's participants as the server has them now. */
static GPtrArray *
fetch (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_object_unref);

  roster_client_stream_participants_async (fixture->client, CS205_ID, NULL, collect_cb, rows, NULL,
                                           NULL, roster_app_test_result_cb, &result);
  roster_client_stream_participants_finish (fixture->client, roster_app_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  return rows;
}

static RosterParticipant *
find (GPtrArray *rows,
      gint64     enrolment_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (roster_participant_get_enrolment_id (rows->pdata[i]) == enrolment_id)
      return rows->pdata[i];
  return NULL;
}

/* @n active students of the course, from @rows. */
static GPtrArray *
pick_students (GPtrArray *rows,
               guint      n)
{
  GPtrArray *picked = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len && picked->len < n; i++)
    {
      RosterParticipant *participant = rows->pdata[i];

      if (roster_participant_get_roles (participant) == (1u << ROSTER_ROLE_STUDENT) &&
          roster_participant_get_status (participant) == ROSTER_ENROLMENT_ACTIVE)
        g_ptr_array_add (picked, g_object_ref (participant));
    }
  g_assert_cmpuint (picked->len, ==, n);
  return picked;
}

static gboolean
run (RosterBulkAction  *action,
     GCancellable      *cancellable,
     GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_bulk_action_run_async (action, cancellable, roster_app_test_result_cb, &result);
  return roster_bulk_action_run_finish (action, roster_app_test_wait (&result), error);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  guint *n_notified = user_data;

  (*n_notified)++;
}

/* Suspending and reactivating: the server's list says so afterwards,
 * the rows change in place, progress is told per row, and rows that
 * already are as asked cost no request. */
static void
test_suspend_reactivate (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(RosterBulkAction) suspend = NULL;
  g_autoptr(RosterBulkAction) again = NULL;
  g_autoptr(RosterBulkAction) reactivate = NULL;
  guint n_notified = 0;

  roster_app_fixture_sign_in (fixture, "m.chen");
  rows = fetch (fixture);
  g_assert_cmpuint (rows->len, ==, CS205_SIZE);
  picked = pick_students (rows, 6);

  suspend = roster_bulk_action_new (fixture->client, ROSTER_BULK_SUSPEND, picked);
  g_signal_connect (suspend, "notify::n-done", G_CALLBACK (count_cb), &n_notified);
  g_assert_true (run (suspend, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_bulk_action_get_n_total (suspend), ==, 6);
  g_assert_cmpuint (roster_bulk_action_get_n_done (suspend), ==, 6);
  g_assert_cmpuint (n_notified, ==, 6);
  g_assert_cmpuint (roster_bulk_action_get_changed (suspend)->len, ==, 6);
  g_assert_cmpuint (roster_bulk_action_get_n_failed (suspend), ==, 0);
  g_assert_null (roster_bulk_action_get_first_error (suspend));

  after = fetch (fixture);
  for (guint i = 0; i < picked->len; i++)
    {
      gint64 id = roster_participant_get_enrolment_id (picked->pdata[i]);

      g_assert_cmpint (roster_participant_get_status (picked->pdata[i]), ==, ROSTER_ENROLMENT_SUSPENDED);
      g_assert_cmpint (roster_participant_get_status (find (after, id)), ==, ROSTER_ENROLMENT_SUSPENDED);
    }
  g_clear_pointer (&after, g_ptr_array_unref);

  again = roster_bulk_action_new (fixture->client, ROSTER_BULK_SUSPEND, picked);
  g_assert_true (run (again, NULL, &error));
  g_assert_cmpuint (roster_bulk_action_get_n_total (again), ==, 0);
  g_assert_cmpuint (roster_bulk_action_get_changed (again)->len, ==, 0);

  reactivate = roster_bulk_action_new (fixture->client, ROSTER_BULK_REACTIVATE, picked);
  g_assert_true (run (reactivate, NULL, &error));
  g_assert_cmpuint (roster_bulk_action_get_changed (reactivate)->len, ==, 6);
  after = fetch (fixture);
  for (guint i = 0; i < picked->len; i++)
    g_assert_cmpint (roster_participant_get_status (find (after, roster_participant_get_enrolment_id (picked->pdata[i]))),
                     ==, ROSTER_ENROLMENT_ACTIVE);
}

/* A role for several, a group for several, and unenrolling: each as the
 * server has it afterwards. */
static void
test_role_group_unenrol (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GListModel) groups = NULL;
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(RosterBulkAction) role = NULL;
  g_autoptr(RosterBulkAction) add = NULL;
  g_autoptr(RosterBulkAction) unenrol = NULL;
  g_autofree char *label = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  rows = fetch (fixture);
  picked = pick_students (rows, 3);

  role = roster_bulk_action_new (fixture->client, ROSTER_BULK_CHANGE_ROLE, picked);
  roster_bulk_action_set_role (role, ROSTER_ROLE_GUEST);
  g_assert_true (run (role, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_bulk_action_get_changed (role)->len, ==, 3);
  label = roster_participant_dup_roles_label (picked->pdata[0]);
  g_assert_cmpstr (label, ==, roster_role_get_label (ROSTER_ROLE_GUEST));

  roster_client_list_groups_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  groups = roster_client_list_groups_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (groups), >=, 2);
  g_assert_true (g_list_model_get_item_type (groups) == ROSTER_TYPE_GROUP);
  /* The last group, which not all the picked are in. */
  group = g_list_model_get_item (groups, g_list_model_get_n_items (groups) - 1);

  add = roster_bulk_action_new (fixture->client, ROSTER_BULK_ADD_TO_GROUP, picked);
  roster_bulk_action_set_group (add, roster_group_get_id (group), roster_group_get_name (group));
  g_assert_true (run (add, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_bulk_action_get_n_failed (add), ==, 0);

  after = fetch (fixture);
  for (guint i = 0; i < picked->len; i++)
    {
      RosterParticipant *now = find (after, roster_participant_get_enrolment_id (picked->pdata[i]));

      g_assert_true (roster_participant_has_role (now, ROSTER_ROLE_GUEST));
      g_assert_false (roster_participant_has_role (now, ROSTER_ROLE_STUDENT));
      g_assert_true (roster_participant_in_group (now, roster_group_get_id (group)));
      g_assert_true (roster_participant_in_group (picked->pdata[i], roster_group_get_id (group)));
    }
  g_clear_pointer (&after, g_ptr_array_unref);

  gone = g_ptr_array_new ();
  g_ptr_array_add (gone, picked->pdata[0]);
  g_ptr_array_add (gone, picked->pdata[1]);
  unenrol = roster_bulk_action_new (fixture->client, ROSTER_BULK_UNENROL, gone);
  g_assert_true (run (unenrol, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_bulk_action_get_changed (unenrol)->len, ==, 2);

  after = fetch (fixture);
  g_assert_cmpuint (after->len, ==, CS205_SIZE - 2);
  g_assert_null (find (after, roster_participant_get_enrolment_id (picked->pdata[0])));
  g_assert_null (find (after, roster_participant_get_enrolment_id (picked->pdata[1])));
  g_assert_nonnull (find (after, roster_participant_get_enrolment_id (picked->pdata[2])));
}

/* A teacher may not change enrolments: every row is refused, in the
 * server's words, and nothing changes. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(RosterBulkAction) suspend = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  rows = fetch (fixture);
  picked = pick_students (rows, 2);

  roster_app_fixture_sign_in (fixture, "j.okafor");
  suspend = roster_bulk_action_new (fixture->client, ROSTER_BULK_SUSPEND, picked);
  g_assert_true (run (suspend, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (roster_bulk_action_get_n_done (suspend), ==, 2);
  g_assert_cmpuint (roster_bulk_action_get_n_failed (suspend), ==, 2);
  g_assert_cmpuint (roster_bulk_action_get_changed (suspend)->len, ==, 0);
  g_assert_nonnull (roster_bulk_action_get_first_error (suspend));
  g_assert_cmpint (roster_participant_get_status (picked->pdata[0]), ==, ROSTER_ENROLMENT_ACTIVE);

  roster_app_fixture_sign_in (fixture, "m.chen");
  after = fetch (fixture);
  for (guint i = 0; i < picked->len; i++)
    g_assert_cmpint (roster_participant_get_status (find (after, roster_participant_get_enrolment_id (picked->pdata[i]))),
                     ==, ROSTER_ENROLMENT_ACTIVE);
}

static void
cancel_after_first_cb (GObject    *object,
                       GParamSpec *pspec,
                       gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

/* Stopping after the first answer: the action ends as cancelled and
 * sends no more; whatever it reports as changed is changed on the
 * server, and the rows it never sent are not. */
static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(RosterBulkAction) suspend = NULL;
  GPtrArray *changed;

  roster_app_fixture_sign_in (fixture, "m.chen");
  rows = fetch (fixture);
  picked = pick_students (rows, 20);

  suspend = roster_bulk_action_new (fixture->client, ROSTER_BULK_SUSPEND, picked);
  g_signal_connect (suspend, "notify::n-done", G_CALLBACK (cancel_after_first_cb), cancellable);
  g_assert_false (run (suspend, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Four were on their way, and one more went out cancelled. */
  g_assert_cmpuint (roster_bulk_action_get_n_done (suspend), <=, 5);
  g_assert_cmpuint (roster_bulk_action_get_changed (suspend)->len, >=, 1);

  changed = roster_bulk_action_get_changed (suspend);
  after = fetch (fixture);
  for (guint i = 0; i < changed->len; i++)
    g_assert_cmpint (roster_participant_get_status (find (after, roster_participant_get_enrolment_id (changed->pdata[i]))),
                     ==, ROSTER_ENROLMENT_SUSPENDED);
  for (guint i = 5; i < picked->len; i++)
    g_assert_cmpint (roster_participant_get_status (find (after, roster_participant_get_enrolment_id (picked->pdata[i]))),
                     ==, ROSTER_ENROLMENT_ACTIVE);
}

/* The filters' sources: the course's methods, in order. */
static void
test_methods (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) methods = NULL;
  g_autoptr(GListModel) none = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  roster_client_list_methods_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  methods = roster_client_list_methods_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (methods), >=, 1);
  for (guint i = 0; i < g_list_model_get_n_items (methods); i++)
    {
      g_autoptr(RosterMethod) method = g_list_model_get_item (methods, i);

      g_assert_cmpint (roster_method_get_id (method), >, 0);
      g_assert_cmpint (roster_method_get_course_id (method), ==, CS205_ID);
    }

  g_clear_object (&result);
  roster_client_list_methods_async (fixture->client, 999, NULL, roster_app_test_result_cb, &result);
  none = roster_client_list_methods_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_null (none);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)
  ADD ("/bulk-action/suspend-reactivate", test_suspend_reactivate);
  ADD ("/bulk-action/role-group-unenrol", test_role_group_unenrol);
  ADD ("/bulk-action/refused", test_refused);
  ADD ("/bulk-action/cancel", test_cancel);
  ADD ("/bulk-action/methods", test_methods);
#undef ADD

  return g_test_run ();
}
