/* app-fixture.c: a RosterClient signed in to a real roster-server --demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "app-fixture.h"
#include "roster-demo.h"

void
roster_app_test_result_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
roster_app_test_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

void
roster_app_fixture_set_up (RosterAppFixture *fixture,
                           gconstpointer     data)
{
  RosterTestServerOptions options = { .demo = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cert_path = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autofree char *fingerprint = NULL;

  fixture->server = roster_test_server_start (&options);
  fixture->dir = g_dir_make_tmp ("roster-trust-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "trusted-certificates.ini", NULL);
  fixture->trust = roster_trust_store_new (path);
  fixture->client = roster_client_new (roster_test_server_get_url (fixture->server), fixture->trust);

  cert_path = g_build_filename (roster_test_server_get_data_dir (fixture->server), "cert.pem", NULL);
  cert = g_tls_certificate_new_from_file (cert_path, &error);
  g_assert_no_error (error);
  fingerprint = roster_certificate_fingerprint (cert);
  roster_trust_store_trust (fixture->trust, roster_client_get_host (fixture->client), fingerprint, &error);
  g_assert_no_error (error);
}

void
roster_app_fixture_tear_down (RosterAppFixture *fixture,
                              gconstpointer     data)
{
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->trust);
  roster_test_server_stop (fixture->server);
  roster_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
}

void
roster_app_fixture_sign_in (RosterAppFixture *fixture,
                            const char       *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  roster_client_login_async (fixture->client, username, ROSTER_DEMO_PASSWORD, NULL,
                             roster_app_test_result_cb, &result);
  user = roster_client_login_finish (fixture->client, roster_app_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

RosterCourse *
roster_app_fixture_fetch_course (RosterAppFixture *fixture,
                                 gint64            course_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) courses = NULL;

  roster_client_list_courses_async (fixture->client, NULL, NULL, roster_app_test_result_cb, &result);
  courses = roster_client_list_courses_finish (fixture->client, roster_app_test_wait (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(RosterCourse) course = g_list_model_get_item (courses, i);

      if (roster_course_get_id (course) == course_id)
        return g_steal_pointer (&course);
    }
  g_assert_not_reached ();
}
