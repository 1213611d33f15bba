/* test-server-errors.c: every failure has the same JSON shape
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-test-server.h"

#define LOGIN "/api/v1/auth/login"


static void
test_not_found (RosterTestFixture *fixture,
                gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) api = roster_test_get (server, "/api/v1/nothing-here", NULL);
  g_autoptr(RosterTestResponse) root = roster_test_get (server, "/nothing-here", NULL);
  g_autoptr(RosterTestResponse) doubled = roster_test_get (server, "/api/v1//courses", NULL);

  g_assert_cmpuint (api->status, ==, 404);
  g_assert_cmpstr (roster_test_response_error_code (api), ==, "not_found");
  g_assert_cmpstr (soup_message_headers_get_content_type (api->headers, NULL), ==, "application/json");
  g_assert_cmpuint (root->status, ==, 404);
  g_assert_cmpstr (roster_test_response_error_code (root), ==, "not_found");
  g_assert_cmpuint (doubled->status, ==, 404);
}

static void
test_method_not_allowed (RosterTestFixture *fixture,
                         gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) get_login = roster_test_get (server, LOGIN, NULL);
  g_autoptr(RosterTestResponse) delete_me = roster_test_request (server, "DELETE", "/api/v1/me", NULL, NULL, NULL);

  g_assert_cmpuint (get_login->status, ==, 405);
  g_assert_cmpstr (roster_test_response_error_code (get_login), ==, "method_not_allowed");
  g_assert_cmpstr (soup_message_headers_get_one (get_login->headers, "Allow"), ==, "POST");
  g_assert_cmpuint (delete_me->status, ==, 405);
  g_assert_cmpstr (soup_message_headers_get_one (delete_me->headers, "Allow"), ==, "GET");
}

static void
test_malformed_json (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  static const char * const bodies[] = {
    "{bad",
    "{\"username\": \"admin\", \"password\": }",
    "[1, 2, 3]",
    "\"just a string\"",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(RosterTestResponse) response = roster_test_post_json (server, LOGIN, NULL, bodies[i]);

      g_assert_cmpuint (response->status, ==, 400);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "malformed_json");
    }
}

static void
test_invalid_utf8 (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) response =
    roster_test_post_json (server, LOGIN, NULL, "{\"username\": \"\xff\xfe\", \"password\": \"x\"}");

  g_assert_cmpuint (response->status, ==, 400);
  g_assert_cmpstr (roster_test_response_error_code (response), ==, "malformed_json");
}

static void
test_validation (RosterTestFixture *fixture,
                 gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) missing = roster_test_post_json (server, LOGIN, NULL, "{\"username\": \"admin\"}");
  g_autoptr(RosterTestResponse) wrong_type =
    roster_test_post_json (server, LOGIN, NULL, "{\"username\": 42, \"password\": \"x\"}");
  g_autoptr(RosterTestResponse) empty =
    roster_test_post_json (server, LOGIN, NULL, "{\"username\": \"\", \"password\": \"\"}");
  JsonObject *error;

  g_assert_cmpuint (missing->status, ==, 422);
  g_assert_cmpstr (roster_test_response_error_code (missing), ==, "validation_failed");
  error = json_object_get_object_member (roster_test_response_object (missing), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "password"));

  g_assert_cmpuint (wrong_type->status, ==, 422);
  g_assert_cmpuint (empty->status, ==, 422);
}

static void
test_unsupported_media_type (RosterTestFixture *fixture,
                             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) text =
    roster_test_request (server, "POST", LOGIN, NULL, "text/plain", "{\"username\": \"a\", \"password\": \"b\"}");
  g_autoptr(RosterTestResponse) xml =
    roster_test_request (server, "POST", LOGIN, NULL, "application/xml", "<login/>");
  g_autoptr(RosterTestResponse) form =
    roster_test_request (server, "POST", LOGIN, NULL, "application/x-www-form-urlencoded", "username=a&password=b");

  g_assert_cmpuint (text->status, ==, 415);
  g_assert_cmpstr (roster_test_response_error_code (text), ==, "unsupported_media_type");
  g_assert_cmpuint (xml->status, ==, 415);
  g_assert_cmpuint (form->status, ==, 415);
}

/* `curl -d '{…}'` sends JSON labelled as a form: read it as JSON. */
static void
test_curl_style_json (RosterTestFixture *fixture,
                      gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) response =
    roster_test_request (server, "POST", LOGIN, NULL, "application/x-www-form-urlencoded",
                         "{\"username\":\"admin\",\"password\":\"" ROSTER_DEMO_ADMIN_PASSWORD "\"}");

  g_assert_cmpuint (response->status, ==, 200);
}

static void
test_oversized_body (RosterTestFixture *fixture,
                     gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  gsize size = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc (size + 1);
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(RosterTestResponse) after = NULL;

  memset (big, ' ', size);
  big[0] = '{';
  big[size - 1] = '}';
  big[size] = '\0';

  response = roster_test_post_json (server, LOGIN, NULL, big);
  g_assert_cmpuint (response->status, ==, 413);
  g_assert_cmpstr (roster_test_response_error_code (response), ==, "payload_too_large");

  /* The server is none the worse for it. */
  after = roster_test_get (server, "/api/v1/me", NULL);
  g_assert_cmpuint (after->status, ==, 401);
}

/* Without a Content-Length the limit is enforced while reading. */
static void
test_oversized_chunked_body (RosterTestFixture *fixture,
                             gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *uri = g_strconcat (roster_test_server_get_url (server), LOGIN, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  gsize size = 2 * 1024 * 1024;
  g_autofree char *big = g_malloc0 (size);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  memset (big, ' ', size);
  stream = g_memory_input_stream_new_from_data (g_steal_pointer (&big), size, g_free);
  /* A length of -1 makes libsoup send the body chunked. */
  soup_message_set_request_body (msg, "application/json", stream, -1);

  body = soup_session_send_and_read (roster_test_server_get_session (server), msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
}

static void
test_security_headers (RosterTestFixture *fixture,
                       gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/me", NULL);

  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Cache-Control"), ==, "no-store");
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "X-Content-Type-Options"), ==, "nosniff");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/not-found", test_not_found);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/method-not-allowed", test_method_not_allowed);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/malformed-json", test_malformed_json);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/invalid-utf8", test_invalid_utf8);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/validation", test_validation);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/unsupported-media-type", test_unsupported_media_type);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/curl-style-json", test_curl_style_json);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/oversized-body", test_oversized_body);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/oversized-chunked-body", test_oversized_chunked_body);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/errors/security-headers", test_security_headers);

  return g_test_run ();
}
