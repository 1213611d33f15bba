/* test-groups.c: a course's groups, members and group mode against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "app-fixture.h"
#include "roster-client-groups.h"
#include "roster-client.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-member.h"
#include "roster-group.h"
#include "roster-participant.h"

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

/* The course's groups as the server has them now. */
static GListModel *
groups (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  roster_client_list_groups_async (fixture->client, CS205_ID, NULL, roster_app_test_result_cb, &result);
  model = roster_client_list_groups_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  return model;
}

static RosterGroup *
group_named (GListModel *model,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RosterGroup) group = g_list_model_get_item (model, i);

      if (g_strcmp0 (roster_group_get_name (group), name) == 0)
        return group;
    }
  return NULL;
}

static RosterGroup *
create (Fixture     *fixture,
        const char  *name,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_create_group_async (fixture->client, CS205_ID, name, NULL, NULL, roster_app_test_result_cb, &result);
  return roster_client_create_group_finish (fixture->client, roster_app_test_wait (&result), error);
}

static GListModel *
members (Fixture *fixture,
         gint64   group_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *model;

  roster_client_list_group_members_async (fixture->client, group_id, NULL, roster_app_test_result_cb, &result);
  model = roster_client_list_group_members_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static RosterMember *
member_named (GListModel *model,
              const char *username)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RosterMember) member = g_list_model_get_item (model, i);

      if (g_strcmp0 (roster_member_get_username (member), username) == 0)
        return member;
    }
  return NULL;
}

static void
add_member (Fixture *fixture,
            gint64   group_id,
            gint64   user_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_client_add_group_member_async (fixture->client, group_id, user_id, NULL, roster_app_test_result_cb, &result);
  g_assert_true (roster_client_add_group_member_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_no_error (error);
}

/* A participant's user id, by username, from the participants list. */
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

static void
test_create_rename_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(RosterGroup) renamed = NULL;
  g_autoptr(RosterGroup) twin = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");

  group = create (fixture, "Lab group", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_group_get_name (group), ==, "Lab group");
  g_assert_cmpint (roster_group_get_member_count (group), ==, 0);
  g_assert_cmpint (roster_group_get_course_id (group), ==, CS205_ID);

  /* Names are unique without regard to case: the server's words. */
  twin = create (fixture, "lab GROUP", &error);
  g_assert_null (twin);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_test_message ("conflict: %s", error->message);
  g_clear_error (&error);

  roster_client_rename_group_async (fixture->client, roster_group_get_id (group), "Tuesday labs",
                                    NULL, roster_app_test_result_cb, &result);
  renamed = roster_client_rename_group_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_group_get_name (renamed), ==, "Tuesday labs");

  after = groups (fixture);
  g_assert_nonnull (group_named (after, "Tuesday labs"));
  g_assert_null (group_named (after, "Lab group"));

  roster_client_delete_group_async (fixture->client, roster_group_get_id (group), NULL, roster_app_test_result_cb, &deleted);
  g_assert_true (roster_client_delete_group_finish (fixture->client, roster_app_test_wait (&deleted), &error));
  g_assert_no_error (error);

  gone = groups (fixture);
  g_assert_null (group_named (gone, "Tuesday labs"));
  g_assert_nonnull (group_named (gone, "Group A"));
}

static void
test_members (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) emptied = NULL;
  g_autoptr(GListModel) counted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RosterMember *member;
  gint64 user_id;

  roster_app_fixture_sign_in (fixture, "m.chen");
  group = create (fixture, "Reading group", &error);
  g_assert_no_error (error);

  before = members (fixture, roster_group_get_id (group));
  g_assert_cmpuint (g_list_model_get_n_items (before), ==, 0);

  user_id = user_id_of (fixture, "j.okafor");
  add_member (fixture, roster_group_get_id (group), user_id);
  /* Twice is the same as once. */
  add_member (fixture, roster_group_get_id (group), user_id);

  after = members (fixture, roster_group_get_id (group));
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, 1);
  member = member_named (after, "j.okafor");
  g_assert_nonnull (member);
  g_assert_cmpint (roster_member_get_id (member), ==, user_id);
  g_assert_cmpint (roster_member_get_role (member), ==, ROSTER_ROLE_TEACHER);
  g_assert_cmpstr (roster_member_get_full_name (member), ==, "James Okafor");

  counted = groups (fixture);
  g_assert_cmpint (roster_group_get_member_count (group_named (counted, "Reading group")), ==, 1);

  roster_client_remove_group_member_async (fixture->client, roster_group_get_id (group), user_id,
                                           NULL, roster_app_test_result_cb, &result);
  g_assert_true (roster_client_remove_group_member_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_no_error (error);

  emptied = members (fixture, roster_group_get_id (group));
  g_assert_cmpuint (g_list_model_get_n_items (emptied), ==, 0);
}

static void
test_course_mode (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(RosterCourse) forced = NULL;
  g_autoptr(RosterCourse) visible = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");

  roster_client_set_course_group_mode_async (fixture->client, CS205_ID, ROSTER_GROUP_MODE_SEPARATE, TRUE,
                                             NULL, roster_app_test_result_cb, &first);
  forced = roster_client_set_course_group_mode_finish (fixture->client, roster_app_test_wait (&first), &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_course_get_id (forced), ==, CS205_ID);
  g_assert_cmpint (roster_course_get_group_mode (forced), ==, ROSTER_GROUP_MODE_SEPARATE);
  g_assert_true (roster_course_get_group_mode_forced (forced));

  /* -1 keeps the forcing as it is. */
  roster_client_set_course_group_mode_async (fixture->client, CS205_ID, ROSTER_GROUP_MODE_VISIBLE, -1,
                                             NULL, roster_app_test_result_cb, &second);
  visible = roster_client_set_course_group_mode_finish (fixture->client, roster_app_test_wait (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_course_get_group_mode (visible), ==, ROSTER_GROUP_MODE_VISIBLE);
  g_assert_true (roster_course_get_group_mode_forced (visible));
}

/* The external moderator of Group A is put in a second group too, and
 * then the server lists them in both. */
static void
test_moderator_two_groups (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  gint64 moderator;
  RosterGroup *group_a;
  RosterGroup *group_c;

  roster_app_fixture_sign_in (fixture, "m.chen");
  all = groups (fixture);
  group_a = group_named (all, "Group A");
  group_c = group_named (all, "Group C");
  g_assert_nonnull (group_a);
  g_assert_nonnull (group_c);

  moderator = user_id_of (fixture, "r.fischer");
  add_member (fixture, roster_group_get_id (group_a), moderator);
  add_member (fixture, roster_group_get_id (group_c), moderator);

  for (guint i = 0; i < 2; i++)
    {
      RosterGroup *group = i == 0 ? group_a : group_c;
      g_autoptr(GListModel) list = members (fixture, roster_group_get_id (group));
      RosterMember *member = member_named (list, "r.fischer");

      g_assert_nonnull (member);
      g_assert_cmpint (roster_member_get_role (member), ==, ROSTER_ROLE_EXTERNAL_MODERATOR);
    }
}

/* A teacher sees groups but may not change them: refused, in words. */
static void
test_teacher_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(RosterGroup) group = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  roster_app_fixture_sign_in (fixture, "j.okafor");

  group = create (fixture, "Teacher's group", &error);
  g_assert_null (group);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_null (strchr (error->message, '{'));
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);

  all = groups (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, 3);
  roster_client_set_course_group_mode_async (fixture->client, CS205_ID, ROSTER_GROUP_MODE_NONE, FALSE,
                                             NULL, roster_app_test_result_cb, &result);
  g_assert_null (roster_client_set_course_group_mode_finish (fixture->client, roster_app_test_wait (&result), &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/groups/create-rename-delete", Fixture, NULL, roster_app_fixture_set_up, test_create_rename_delete, roster_app_fixture_tear_down);
  g_test_add ("/groups/members", Fixture, NULL, roster_app_fixture_set_up, test_members, roster_app_fixture_tear_down);
  g_test_add ("/groups/course-mode", Fixture, NULL, roster_app_fixture_set_up, test_course_mode, roster_app_fixture_tear_down);
  g_test_add ("/groups/moderator-two-groups", Fixture, NULL, roster_app_fixture_set_up, test_moderator_two_groups, roster_app_fixture_tear_down);
  g_test_add ("/groups/teacher-refused", Fixture, NULL, roster_app_fixture_set_up, test_teacher_refused, roster_app_fixture_tear_down);

  return g_test_run ();
}
