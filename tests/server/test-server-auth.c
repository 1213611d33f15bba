/* test-server-auth.c: signing in and out against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "roster-demo.h"
#include "roster-json.h"
#include "roster-test-server.h"

#define LOGIN "/api/v1/auth/login"

static char *
login_body (const char *username,
            const char *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static RosterTestResponse *
try_login (RosterTestServer *server,
           const char       *username,
           const char       *password)
{
  g_autofree char *body = login_body (username, password);

  return roster_test_post_json (server, LOGIN, NULL, body);
}

static guint
count_audit (RosterTestServer *server,
             const char       *action)
{
  g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  RosterAuditQuery query = { .action = action, .limit = 1000 };

  events = roster_storage_list_audit (storage, &query, &error);
  g_assert_no_error (error);

  return events->len;
}

static void
test_login_ok (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) response = NULL;
  g_autoptr(RosterTestResponse) me = NULL;
  JsonObject *object, *user;
  const char *token;
  gint64 expires_at = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  response = try_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  g_assert_cmpuint (response->status, ==, 200);
  object = roster_test_response_object (response);

  /* 256 bits of base64url without padding. */
  token = json_object_get_string_member (object, "token");
  g_assert_cmpuint (strlen (token), ==, 43);
  g_assert_true (strspn (token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43);
  g_assert_cmpstr (json_object_get_string_member (object, "token_type"), ==, "Bearer");

  /* The default lifetime is 12 hours. */
  g_assert_true (roster_json_parse_time (json_object_get_string_member (object, "expires_at"), &expires_at));
  g_assert_cmpint (expires_at, >=, now + 12 * 3600 - 5);
  g_assert_cmpint (expires_at, <=, now + 12 * 3600 + 5);

  user = json_object_get_object_member (object, "user");
  g_assert_cmpstr (json_object_get_string_member (user, "username"), ==, "admin");
  g_assert_true (json_object_get_boolean_member (user, "site_admin"));
  g_assert_false (json_object_has_member (user, "password_hash"));

  me = roster_test_get (server, "/api/v1/me", token);
  g_assert_cmpuint (me->status, ==, 200);
  object = roster_test_response_object (me);
  g_assert_true (json_object_get_boolean_member (object, "site_admin"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "user"), "username"),
                   ==, "admin");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "site_capabilities")), >, 0);

  g_assert_cmpuint (count_audit (server, "auth.login"), ==, 1);

  roster_test_server_stop (server);
}

/* The username is compared without regard to case, and an e-mail
 * address works as well as a username. */
static void
test_login_case_and_email (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) upper = try_login (server, "M.Chen", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) email = try_login (server, "M.Chen@Uni.Example", ROSTER_DEMO_PASSWORD);

  g_assert_cmpuint (upper->status, ==, 200);
  g_assert_cmpuint (email->status, ==, 200);

  roster_test_server_stop (server);
}

static void
test_wrong_password_same_as_unknown_user (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) wrong = try_login (server, "m.chen", "not the password at all");
  g_autoptr(RosterTestResponse) unknown = try_login (server, "no.such.person", "not the password at all");
  g_autoptr(RosterStorage) storage = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (unknown->status, ==, 401);
  g_assert_cmpstr (roster_test_response_error_code (wrong), ==, "invalid_credentials");

  /* Byte for byte the same answer: nothing tells the two apart. */
  g_assert_true (g_bytes_equal (wrong->body, unknown->body));

  /* Both are audited; the unknown name created nothing. */
  g_assert_cmpuint (count_audit (server, "auth.login_failed"), ==, 2);
  storage = roster_test_server_open_storage (server);
  credentials = roster_storage_get_credentials (storage, "no.such.person", &error);
  g_assert_no_error (error);
  g_assert_null (credentials);

  roster_test_server_stop (server);
}

static void
test_lockout (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) locked = NULL;
  g_autoptr(RosterTestResponse) right_while_locked = NULL;
  g_autoptr(RosterTestResponse) other = NULL;
  JsonObject *error_object;
  gint64 locked_until = 0;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(RosterTestResponse) response = try_login (server, "j.okafor", "wrong password!");

      g_assert_cmpuint (response->status, ==, 401);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "invalid_credentials");
    }

  /* The fifth failure locks the account for the default 15 minutes
   * from now (read here: under valgrind the four before take seconds). */
  now = g_get_real_time () / G_USEC_PER_SEC;
  locked = try_login (server, "j.okafor", "wrong password!");
  g_assert_cmpuint (locked->status, ==, 423);
  g_assert_cmpstr (roster_test_response_error_code (locked), ==, "account_locked");
  error_object = json_object_get_object_member (roster_test_response_object (locked), "error");
  g_assert_true (roster_json_parse_time (json_object_get_string_member (error_object, "locked_until"),
                                         &locked_until));
  g_assert_cmpint (locked_until, >=, now + 15 * 60 - 5);
  g_assert_cmpint (locked_until, <=, now + 15 * 60 + 5);
  g_assert_nonnull (soup_message_headers_get_one (locked->headers, "Retry-After"));
  g_assert_nonnull (strstr (json_object_get_string_member (error_object, "message"), "15 minutes"));

  /* Even the right password is refused while the lock holds. */
  right_while_locked = try_login (server, "j.okafor", ROSTER_DEMO_PASSWORD);
  g_assert_cmpuint (right_while_locked->status, ==, 423);

  /* The lock is per account: others sign in as usual. */
  other = try_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
  g_assert_cmpuint (other->status, ==, 200);

  g_assert_cmpuint (count_audit (server, "auth.login_failed"), ==, 5);
  g_assert_cmpuint (count_audit (server, "auth.account_locked"), ==, 1);
  g_assert_cmpuint (count_audit (server, "auth.login_refused_locked"), ==, 1);

  roster_test_server_stop (server);
}

static void
test_unlock_after_period (void)
{
  RosterTestServerOptions options = {
    .demo = TRUE,
    .config = "[security]\nlockout-threshold=3\nlockout-duration=2s\n",
  };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) locked = NULL;
  g_autoptr(RosterTestResponse) after = NULL;
  g_autoptr(RosterTestResponse) fresh_failure = NULL;
  JsonObject *error_object;
  gint64 locked_until = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RosterTestResponse) response = try_login (server, "l.wang", "wrong password!");
      g_assert_cmpuint (response->status, ==, 401);
    }
  locked = try_login (server, "l.wang", "wrong password!");
  g_assert_cmpuint (locked->status, ==, 423);
  error_object = json_object_get_object_member (roster_test_response_object (locked), "error");
  g_assert_true (roster_json_parse_time (json_object_get_string_member (error_object, "locked_until"),
                                         &locked_until));

  /* Wait until the lock has certainly run out (times are whole seconds). */
  while (g_get_real_time () / G_USEC_PER_SEC <= locked_until)
    g_usleep (100 * 1000);

  after = try_login (server, "l.wang", ROSTER_DEMO_PASSWORD);
  g_assert_cmpuint (after->status, ==, 200);

  /* The successful sign-in cleared the count: one failure is only one. */
  fresh_failure = try_login (server, "l.wang", "wrong password!");
  g_assert_cmpuint (fresh_failure->status, ==, 401);

  roster_test_server_stop (server);
}

static void
test_inactive_accounts (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) pending = try_login (server, "n.okoro", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) suspended = try_login (server, "t.ivanova", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) pending_wrong = try_login (server, "n.okoro", "wrong password!");

  g_assert_cmpuint (pending->status, ==, 403);
  g_assert_cmpstr (roster_test_response_error_code (pending), ==, "account_inactive");
  g_assert_cmpuint (suspended->status, ==, 403);
  g_assert_cmpstr (roster_test_response_error_code (suspended), ==, "account_inactive");

  /* Without the right password, nothing about the account is told. */
  g_assert_cmpuint (pending_wrong->status, ==, 401);
  g_assert_cmpstr (roster_test_response_error_code (pending_wrong), ==, "invalid_credentials");

  roster_test_server_stop (server);
}

static void
test_token_expiry (void)
{
  RosterTestServerOptions options = {
    .demo = TRUE,
    .config = "[security]\ntoken-lifetime=3s\n",
  };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) login = try_login (server, "s.taylor", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) before = NULL;
  g_autoptr(RosterTestResponse) after = NULL;
  const char *token;
  gint64 expires_at = 0;
  gint64 answered;

  g_assert_cmpuint (login->status, ==, 200);
  token = json_object_get_string_member (roster_test_response_object (login), "token");
  g_assert_true (roster_json_parse_time (json_object_get_string_member (roster_test_response_object (login),
                                                                        "expires_at"),
                                         &expires_at));

  before = roster_test_get (server, "/api/v1/me", token);
  answered = g_get_real_time () / G_USEC_PER_SEC;
  /* Under valgrind on a busy machine the lifetime may be over before the
   * server reads the request: only an answer back in time must be a
   * success (the server read it earlier still). */
  if (answered < expires_at)
    g_assert_cmpuint (before->status, ==, 200);
  else
    g_assert_true (before->status == 200 || before->status == 401);

  while (g_get_real_time () / G_USEC_PER_SEC <= expires_at)
    g_usleep (100 * 1000);

  after = roster_test_get (server, "/api/v1/me", token);
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpstr (roster_test_response_error_code (after), ==, "token_expired");
  g_assert_nonnull (soup_message_headers_get_one (after->headers, "WWW-Authenticate"));

  roster_test_server_stop (server);
}

static void
test_logout (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = roster_test_login (server, "e.dubois", ROSTER_DEMO_PASSWORD);
  g_autofree char *other = roster_test_login (server, "e.dubois", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) logout = NULL;
  g_autoptr(RosterTestResponse) again = NULL;
  g_autoptr(RosterTestResponse) still = NULL;

  logout = roster_test_request (server, "POST", "/api/v1/auth/logout", token, NULL, NULL);
  g_assert_cmpuint (logout->status, ==, 204);

  again = roster_test_get (server, "/api/v1/me", token);
  g_assert_cmpuint (again->status, ==, 401);
  g_assert_cmpstr (roster_test_response_error_code (again), ==, "unauthorized");

  /* Only that session ended; another device stays signed in. */
  still = roster_test_get (server, "/api/v1/me", other);
  g_assert_cmpuint (still->status, ==, 200);

  g_assert_cmpuint (count_audit (server, "auth.logout"), ==, 1);

  roster_test_server_stop (server);
}

/* Every protected endpoint answers 401 without a token, with a made-up
 * token and with a malformed Authorization header. */
static void
test_protected_endpoints (void)
{
  static const struct { const char *method; const char *path; } endpoints[] = {
    { "POST", "/api/v1/auth/logout" },
    { "GET", "/api/v1/me" },
    { "GET", "/api/v1/courses" },
    { "GET", "/api/v1/courses?q=cs" },
    { "GET", "/api/v1/courses/1" },
    { "GET", "/api/v1/courses/999999" },
  };
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr(RosterTestResponse) none = NULL;
      g_autoptr(RosterTestResponse) bogus = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autofree char *uri = g_strconcat (roster_test_server_get_url (server), endpoints[i].path, NULL);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      none = roster_test_request (server, endpoints[i].method, endpoints[i].path, NULL, NULL, NULL);
      g_assert_cmpuint (none->status, ==, 401);
      g_assert_cmpstr (roster_test_response_error_code (none), ==, "unauthorized");

      bogus = roster_test_request (server, endpoints[i].method, endpoints[i].path,
                                   "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, NULL);
      g_assert_cmpuint (bogus->status, ==, 401);

      msg = soup_message_new (endpoints[i].method, uri);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Basic YWRtaW46YWRtaW4=");
      body = soup_session_send_and_read (roster_test_server_get_session (server), msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
    }

  roster_test_server_stop (server);
}

/* Guessing across accounts from one address is slowed down before any
 * password is checked. */
static void
test_rate_limit (void)
{
  RosterTestServerOptions options = {
    .demo = TRUE,
    .config = "[security]\nlogin-rate-limit=3\n",
  };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autoptr(RosterTestResponse) limited = NULL;
  static const char * const names[] = { "m.chen", "s.taylor", "no.such.person" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(RosterTestResponse) response = try_login (server, names[i], "wrong password!");
      g_assert_cmpuint (response->status, ==, 401);
    }

  limited = try_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpstr (roster_test_response_error_code (limited), ==, "rate_limited");
  /* 3 a minute: the next attempt is allowed within 20 seconds. */
  g_assert_cmpint (atoi (soup_message_headers_get_one (limited->headers, "Retry-After")), >=, 1);
  g_assert_cmpint (atoi (soup_message_headers_get_one (limited->headers, "Retry-After")), <=, 20);

  /* A refused attempt is not a failed sign-in: nothing was checked. */
  g_assert_cmpuint (count_audit (server, "auth.login_failed"), ==, 3);

  roster_test_server_stop (server);
}

/* Nothing secret reaches the log, even with every request logged. */
static void
test_secrets_not_logged (void)
{
  RosterTestServerOptions options = { .demo = TRUE };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) wrong = try_login (server, "admin", "a-secret-wrong-guess");
  g_autoptr(RosterTestResponse) me = roster_test_get (server, "/api/v1/me", token);
  g_autofree char *log = NULL;

  g_assert_cmpuint (wrong->status, ==, 401);
  g_assert_cmpuint (me->status, ==, 200);

  log = roster_test_server_read_log (server);
  g_assert_nonnull (strstr (log, "POST /api/v1/auth/login 200"));
  g_assert_nonnull (strstr (log, "GET /api/v1/me 200"));
  g_assert_null (strstr (log, ROSTER_DEMO_ADMIN_PASSWORD));
  g_assert_null (strstr (log, "a-secret-wrong-guess"));
  g_assert_null (strstr (log, token));

  roster_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/auth/login-ok", test_login_ok);
  g_test_add_func ("/server/auth/login-case-and-email", test_login_case_and_email);
  g_test_add_func ("/server/auth/wrong-password-same-as-unknown-user", test_wrong_password_same_as_unknown_user);
  g_test_add_func ("/server/auth/lockout", test_lockout);
  g_test_add_func ("/server/auth/unlock-after-period", test_unlock_after_period);
  g_test_add_func ("/server/auth/inactive-accounts", test_inactive_accounts);
  g_test_add_func ("/server/auth/token-expiry", test_token_expiry);
  g_test_add_func ("/server/auth/logout", test_logout);
  g_test_add_func ("/server/auth/protected-endpoints", test_protected_endpoints);
  g_test_add_func ("/server/auth/rate-limit", test_rate_limit);
  g_test_add_func ("/server/auth/secrets-not-logged", test_secrets_not_logged);

  return g_test_run ();
}
