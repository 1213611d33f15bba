/* test-server-import-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server-import-util.h"

char *
import_login (RosterTestServer *server,
              const char       *username)
{
  return roster_test_login (server, username,
                            g_str_equal (username, "admin") ? ROSTER_DEMO_ADMIN_PASSWORD : ROSTER_DEMO_PASSWORD);
}

RosterTestResponse *
import_post (RosterTestServer *server,
             const char       *token,
             const char       *path,
             const char       *content_type,
             const char       *data,
             gssize            len)
{
  g_autoptr(GBytes) body = NULL;

  if (data != NULL)
    body = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);

  return roster_test_request_bytes (server, "POST", path, token, content_type, body);
}

gint64
import_submit (RosterTestServer *server,
               const char       *token,
               gint64            cid,
               const char       *query,
               const char       *csv)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/imports%s%s", cid,
                                           query ? "?" : "", query ? query : "");
  g_autoptr(RosterTestResponse) response = import_post (server, token, path, "text/csv", csv, -1);

  if (response->status != 202)
    g_error ("POST %s: %u %s", path, response->status, (const char *) g_bytes_get_data (response->body, NULL));

  return json_object_get_int_member (roster_test_response_object (response), "id");
}

JsonObject *
import_get_job (RosterTestServer *server,
                const char       *token,
                gint64            id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/imports/%" G_GINT64_FORMAT, id);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_ref (roster_test_response_object (response));
}

/* Asks again every 20 ms: the job runs in the server's own time; the
 * test's timeout bounds the wait. */
JsonObject *
import_wait (RosterTestServer *server,
             const char       *token,
             gint64            id)
{
  for (;;)
    {
      g_autoptr(JsonObject) job = import_get_job (server, token, id);
      const char *state = json_object_get_string_member (job, "state");

      if (!g_str_equal (state, "queued") && !g_str_equal (state, "running"))
        return g_steal_pointer (&job);
      g_usleep (20 * 1000);
    }
}

void
import_wait_stalled (RosterTestServer *server,
                     const char       *token,
                     gint64            id,
                     const char       *phase,
                     guint             rows)
{
  for (;;)
    {
      g_autoptr(JsonObject) job = import_get_job (server, token, id);
      const char *state = json_object_get_string_member (job, "state");

      if (g_str_equal (state, "running") &&
          g_strcmp0 (json_object_get_string_member (job, "phase"), phase) == 0 &&
          json_object_get_int_member (job, "rows_done") == rows)
        return;

      /* The job waits after that row until it is cancelled, so it can
       * neither have passed it nor ended. */
      g_assert_true (g_str_equal (state, "queued") || g_str_equal (state, "running"));
      if (g_strcmp0 (json_object_get_string_member (job, "phase"), phase) == 0)
        g_assert_cmpint (json_object_get_int_member (job, "rows_done"), <=, rows);
      g_usleep (20 * 1000);
    }
}

guint
import_count_participants (RosterTestServer *server,
                           const char       *token,
                           gint64            cid)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/participants?limit=0", cid);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_nonnull (response->json);
  /* The first element names the columns. */
  return json_array_get_length (json_node_get_array (response->json)) - 1;
}

guint
import_count_users (RosterTestServer *server,
                    const char       *admin,
                    const char       *q)
{
  g_autofree char *escaped = g_uri_escape_string (q, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/users?limit=1000&q=%s", escaped);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, admin);

  g_assert_cmpuint (response->status, ==, 200);
  return json_array_get_length (json_object_get_array_member (roster_test_response_object (response), "users"));
}

guint
import_count_audit (RosterTestServer *server,
                    const char       *admin,
                    const char       *action)
{
  g_autofree char *cursor = NULL;
  guint count = 0;

  do
    {
      g_autoptr(GString) path = g_string_new ("/api/v1/audit?limit=1000");
      g_autoptr(RosterTestResponse) response = NULL;
      JsonObject *object;

      if (action != NULL)
        g_string_append_printf (path, "&action=%s", action);
      if (cursor != NULL)
        g_string_append_printf (path, "&cursor=%s", cursor);

      response = roster_test_get (server, path->str, admin);
      g_assert_cmpuint (response->status, ==, 200);
      object = roster_test_response_object (response);
      count += json_array_get_length (json_object_get_array_member (object, "events"));

      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (object, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  while (cursor != NULL);

  return count;
}

char *
import_participant_roles (RosterTestServer *server,
                          const char       *token,
                          gint64            cid,
                          const char       *username)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/participants?q=%s", cid, username);
  g_autoptr(RosterTestResponse) response = roster_test_get (server, path, token);
  g_autoptr(GString) roles = g_string_new (NULL);
  JsonArray *participants;

  g_assert_cmpuint (response->status, ==, 200);
  participants = json_object_get_array_member (roster_test_response_object (response), "participants");

  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonObject *participant = json_array_get_object_element (participants, i);
      JsonArray *list;

      if (!g_str_equal (json_object_get_string_member (participant, "username"), username))
        continue;
      list = json_object_get_array_member (participant, "roles");
      for (guint r = 0; r < json_array_get_length (list); r++)
        g_string_append_printf (roles, "%s%s", roles->len ? "," : "", json_array_get_string_element (list, r));
    }

  return g_string_free (g_steal_pointer (&roles), FALSE);
}

const char *
import_row_outcome (JsonArray *rows,
                    guint      index)
{
  return json_object_get_string_member (json_array_get_object_element (rows, index), "outcome");
}

char *
import_problem_codes (JsonArray *problems)
{
  GString *codes = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (problems); i++)
    {
      JsonObject *problem = json_array_get_object_element (problems, i);

      g_string_append_printf (codes, "%s%s:%s", codes->len ? " " : "",
                              json_object_get_null_member (problem, "column")
                              ? "" : json_object_get_string_member (problem, "column"),
                              json_object_get_string_member (problem, "code"));
    }

  return g_string_free (codes, FALSE);
}

char *
import_new_people_csv (guint       n,
                       const char *prefix)
{
  GString *csv = g_string_new ("username,firstname,lastname,email\n");

  if (prefix == NULL)
    prefix = "new";

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "%s.person%u,Person,Number %u,%s.person%u@partner.example\n",
                            prefix, i, i, prefix, i);

  return g_string_free (csv, FALSE);
}
