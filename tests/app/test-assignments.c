/* test-assignments.c: assignments, their group modes and "preview as" against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-fixture.h"
#include "roster-client-assignments.h"
#include "roster-client-groups.h"
#include "roster-client.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-group.h"
#include "roster-participant.h"
#include "roster-submission.h"

#define CS205_ID   2

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

static gint64
user_id_of (Fixture    *fixture,
            const char *username)
{
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (filters, (char *) "q", (char *) username);
  roster_client_stream_participants_async (fixture->client, CS205_ID, filters, collect_cb, rows, NULL,
                                           NULL, roster_app_test_result_cb, &result);
  roster_client_stream_participants_finish (fixture->client, roster_app_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (roster_participant_get_username (rows->pdata[i]), username) == 0)
      return roster_participant_get_user_id (rows->pdata[i]);
  g_assert_not_reached ();
}

static GListModel *
assignments (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  roster_client_list_assignments_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  model = roster_client_list_assignments_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  return model;
}

static RosterSubmissionSet *
submissions (Fixture  *fixture,
             gint64    assignment_id,
             gint64    group_id,
             gint64    as_user,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_submissions_async (fixture->client, assignment_id, group_id, as_user, NULL, roster_app_test_result_cb, &result);
  return roster_client_list_submissions_finish (fixture->client, roster_app_test_wait (&result), error);
}

static RosterAssignment *
set_mode (Fixture          *fixture,
          gint64            assignment_id,
          RosterGroupMode   mode,
          GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_set_assignment_group_mode_async (fixture->client, assignment_id, mode, NULL, roster_app_test_result_cb, &result);
  return roster_client_set_assignment_group_mode_finish (fixture->client, roster_app_test_wait (&result), error);
}

/* Every student of @set shares a group named @name with the viewer. */
static gboolean
all_in_group (RosterSubmissionSet *set,
              const char          *name)
{
  GListModel *list = roster_submission_set_get_submissions (set);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RosterSubmission) submission = g_list_model_get_item (list, i);
      GPtrArray *groups = roster_submission_get_groups (submission);
      gboolean found = FALSE;

      for (guint j = 0; j < groups->len; j++)
        found |= g_strcmp0 (roster_group_get_name (groups->pdata[j]), name) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static void
test_mode (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RosterAssignment) first = NULL;
  g_autoptr(RosterAssignment) visible = NULL;
  g_autoptr(RosterAssignment) refused = NULL;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  list = assignments (fixture);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (roster_assignment_get_course_id (first), ==, CS205_ID);

  visible = set_mode (fixture, roster_assignment_get_id (first), ROSTER_GROUP_MODE_VISIBLE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_assignment_get_group_mode (visible), ==, ROSTER_GROUP_MODE_VISIBLE);

  /* A course that forces its mode: that one is in force, and the
   * assignment's own cannot change. */
  roster_client_set_course_group_mode_async (fixture->client, CS205_ID, ROSTER_GROUP_MODE_SEPARATE, TRUE,
                                             NULL, roster_app_test_result_cb, &result);
  course = roster_client_set_course_group_mode_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&list);
  list = assignments (fixture);
  g_clear_object (&first);
  first = g_list_model_get_item (list, 0);
  g_assert_true (roster_assignment_get_forced (first));
  g_assert_cmpint (roster_assignment_get_group_mode (first), ==, ROSTER_GROUP_MODE_VISIBLE);
  g_assert_cmpint (roster_assignment_get_effective_group_mode (first), ==, ROSTER_GROUP_MODE_SEPARATE);

  refused = set_mode (fixture, roster_assignment_get_id (first), ROSTER_GROUP_MODE_NONE, &error);
  g_assert_null (refused);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

/* Under separate groups, a preview as the moderator answers what the
 * moderator gets when they ask themselves: only Group A's students. */
static void
test_preview_as_moderator (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(RosterAssignment) first = NULL;
  g_autoptr(RosterAssignment) separate = NULL;
  g_autoptr(RosterSubmissionSet) all = NULL;
  g_autoptr(RosterSubmissionSet) preview = NULL;
  g_autoptr(RosterSubmissionSet) own = NULL;
  g_autoptr(RosterSubmissionSet) student = NULL;
  g_autoptr(GError) error = NULL;
  gint64 moderator;
  gint64 student_id;
  gint64 aid;

  roster_app_fixture_sign_in (fixture, "m.chen");
  list = assignments (fixture);
  first = g_list_model_get_item (list, 0);
  aid = roster_assignment_get_id (first);
  separate = set_mode (fixture, aid, ROSTER_GROUP_MODE_SEPARATE, &error);
  g_assert_no_error (error);
  moderator = user_id_of (fixture, "r.fischer");
  student_id = user_id_of (fixture, "k.zhang");

  all = submissions (fixture, aid, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_false (roster_submission_set_get_preview (all));
  g_assert_cmpstr (roster_submission_set_get_scope (all), ==, "everyone");

  preview = submissions (fixture, aid, 0, moderator, &error);
  g_assert_no_error (error);
  g_assert_true (roster_submission_set_get_preview (preview));
  g_assert_cmpstr (roster_submission_set_get_viewer_name (preview), ==, "Rachel Fischer");
  g_assert_cmpint (roster_submission_set_get_viewer_role (preview), ==, ROSTER_ROLE_EXTERNAL_MODERATOR);
  g_assert_cmpstr (roster_submission_set_get_scope (preview), ==, "own_groups");
  g_assert_cmpint (roster_submission_set_get_group_mode (preview), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_cmpuint (g_list_model_get_n_items (roster_submission_set_get_submissions (preview)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (roster_submission_set_get_submissions (preview)), <,
                    g_list_model_get_n_items (roster_submission_set_get_submissions (all)));
  g_assert_true (all_in_group (preview, "Group A"));
  g_assert_cmpuint (g_list_model_get_n_items (roster_submission_set_get_groups (preview)), ==, 1);

  /* Previewing a student is refused, as the student would be. */
  student = submissions (fixture, aid, 0, student_id, &error);
  g_assert_null (student);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_clear_error (&error);

  roster_app_fixture_sign_in (fixture, "r.fischer");
  own = submissions (fixture, aid, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_false (roster_submission_set_get_preview (own));
  g_assert_cmpuint (g_list_model_get_n_items (roster_submission_set_get_submissions (own)), ==,
                    g_list_model_get_n_items (roster_submission_set_get_submissions (preview)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/assignments/mode", Fixture, NULL, roster_app_fixture_set_up, test_mode, roster_app_fixture_tear_down);
  g_test_add ("/assignments/preview-as-moderator", Fixture, NULL, roster_app_fixture_set_up, test_preview_as_moderator, roster_app_fixture_tear_down);

  return g_test_run ();
}
