/* audit-test-events.c: events in the audit log of a test's server, and
 * reading them back, for test-audit and test-audit-page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "audit-test-events.h"
#include "roster-demo.h"

typedef RosterAppFixture Fixture;

static guint
try_login (Fixture    *fixture,
           const char *username,
           const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}", username, password);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (fixture->server, "/api/v1/auth/login", NULL, body);

  return response->status;
}

/* m.chen signs in and reveals CS101's key; k.zhang mistypes; an
 * account is made whose names a spreadsheet would run as formulas. */
void
make_events (Fixture *fixture)
{
  g_autofree char *leader = roster_test_login (fixture->server, "m.chen", ROSTER_DEMO_PASSWORD);
  g_autofree char *admin = roster_test_login (fixture->server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) reveal = NULL;
  g_autoptr(RosterTestResponse) created = NULL;

  reveal = roster_test_post_json (fixture->server, "/api/v1/keys/1/reveal", leader, NULL);
  g_assert_cmpuint (reveal->status, ==, 200);
  g_assert_cmpuint (try_login (fixture, "k.zhang", "wrong password"), ==, 401);
  created = roster_test_post_json (fixture->server, "/api/v1/users", admin,
                                   "{\"username\": \"+evil\", \"email\": \"evil@example.org\","
                                   " \"first_name\": \"=HYPERLINK(1)\", \"last_name\": \"@x\","
                                   " \"type\": \"external\"}");
  g_assert_cmpuint (created->status, ==, 201);
}

GListModel *
list_audit (Fixture                 *fixture,
            const RosterAuditFilter *filter,
            char                   **next_cursor,
            GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_list_audit_async (fixture->client, filter, NULL, roster_app_test_result_cb, &result);
  return roster_client_list_audit_finish (fixture->client, roster_app_test_wait (&result), next_cursor, error);
}

/* Every event of @filter, on one page of at most 1000. */
GListModel *
list_all (Fixture           *fixture,
          RosterAuditFilter  filter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  GListModel *events;

  filter.limit = 1000;
  events = list_audit (fixture, &filter, &cursor, &error);
  g_assert_no_error (error);
  g_assert_null (cursor);
  return events;
}

RosterAuditEntry *
find_action (GListModel *events,
             const char *action)
{
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (events, i);

      if (g_strcmp0 (roster_audit_entry_get_action (entry), action) == 0)
        return entry;
    }
  return NULL;
}

gint64
find_user_id (Fixture    *fixture,
              const char *username)
{
  g_autofree char *token = roster_test_login (fixture->server, username, ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) me = roster_test_get (fixture->server, "/api/v1/me", token);

  g_assert_cmpuint (me->status, ==, 200);
  return json_object_get_int_member (json_object_get_object_member (roster_test_response_object (me), "user"), "id");
}

void
sign_in_admin (Fixture *fixture)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (fixture->client, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD, NULL,
                             roster_app_test_result_cb, &result);
  user = roster_client_login_finish (fixture->client, roster_app_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
}

char *
export_path (Fixture *fixture)
{
  return g_build_filename (fixture->dir, "audit.csv", NULL);
}
