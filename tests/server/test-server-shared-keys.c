/* test-server-shared-keys.c: two roster-server processes on one
 * PostgreSQL database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 10's reason for PostgreSQL: several servers on one database.
 * The second server is started on the first one's data folder, and so
 * on its database (roster-test-server.c). A key with max uses = 10 gets
 * many enrolments at once through both servers: exactly 10 succeed
 * (docs/architecture.md, "Key uses against max uses"). Both servers'
 * mail workers deliver one outbox: each message goes out once.
 *
 * SQLite has one server per database, so on SQLite this program only
 * skips (it is registered in the server-pg suite alone).
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-mail-storage.h"
#include "roster-test-server.h"
#include "roster-test-smtp-sink.h"
#include "roster-test-web.h"

#define WAIT_SECONDS 120
#define MAX_USES 10
#define PER_SERVER 20
#define N_MAIL 60

#define USED_UP "This enrolment key has been used as many times as it may be."

/* Both servers share one data folder, and so one database. */
typedef struct
{
  RosterTestSmtpSink *sink;
  char               *data_dir;
  RosterTestServer   *servers[2];
} Pair;

static const char *
skip_without_postgresql (void)
{
  if (roster_test_database_is_postgresql ())
    return NULL;
  return "Several servers share a database only on PostgreSQL (SQLite: one server per database)";
}

static void
pair_start (Pair *pair)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  RosterTestServerOptions options = { .demo = TRUE };

  if (pair->sink == NULL)
    pair->sink = roster_test_smtp_sink_start (NULL);
  if (pair->data_dir == NULL)
    {
      pair->data_dir = g_dir_make_tmp ("roster-test-shared-XXXXXX", &error);
      g_assert_no_error (error);
    }

  /* Forty people from one address, in a burst: no rate limit may get in
   * the way of what is counted here. */
  config = g_strdup_printf ("[mail]\nsmtp-host = 127.0.0.1\nsmtp-port = %u\nsmtp-security = none\n"
                            "from = Roster <roster@uni.example>\n"
                            "[security]\nlogin-rate-limit = 1000\n"
                            "[web]\nsignup-rate-limit = 1000\nkey-rate-limit = 1000\n",
                            roster_test_smtp_sink_get_port (pair->sink));
  options.config = config;
  options.data_dir = pair->data_dir;

  /* The second finds the demo data the first made. */
  pair->servers[0] = roster_test_server_start (&options);
  pair->servers[1] = roster_test_server_start (&options);
}

static void
pair_stop (Pair *pair)
{
  g_clear_pointer (&pair->servers[1], roster_test_server_stop);
  g_clear_pointer (&pair->servers[0], roster_test_server_stop);
  g_clear_pointer (&pair->sink, roster_test_smtp_sink_free);
  if (pair->data_dir != NULL)
    roster_test_rm_rf (pair->data_dir);
  g_clear_pointer (&pair->data_dir, g_free);
}

/* ---- key uses ---- */

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  guint      enrolled;
  guint      used_up;
  GPtrArray *other;     /* what else came back, to show when it fails */
} Burst;

static void
join_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Burst *burst = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  g_autofree char *html = NULL;

  g_assert_no_error (error);
  html = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  if (soup_message_get_status (msg) == SOUP_STATUS_OK && strstr (html, "You are enrolled") != NULL)
    burst->enrolled++;
  else if (soup_message_get_status (msg) == SOUP_STATUS_UNPROCESSABLE_ENTITY && strstr (html, USED_UP) != NULL)
    burst->used_up++;
  else
    g_ptr_array_add (burst->other, g_strdup_printf ("%u: %s", soup_message_get_status (msg), html));

  if (--burst->pending == 0)
    g_main_loop_quit (burst->loop);
}

/* A form's CSRF cookie and field, from a page of @server. */
static void
get_csrf (RosterTestServer  *server,
          char             **cookie,
          char             **field)
{
  g_autoptr(RosterTestWeb) web = roster_test_web_new (server);
  g_autoptr(RosterTestPage) page = roster_test_web_get (web, "/signup");

  g_assert_cmpuint (page->status, ==, 200);
  *cookie = roster_test_web_cookie (web, "__Host-roster-csrf");
  *field = roster_test_page_input (page, "csrf");
  g_assert_nonnull (*cookie);
  g_assert_nonnull (*field);
}

/* A session that keeps many connections to each server open at once,
 * trusting the certificate both servers share. */
static SoupSession *
burst_session (const char *data_dir)
{
  g_autofree char *cert = g_build_filename (data_dir, "cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) ca = g_tls_file_database_new (cert, &error);

  g_assert_no_error (error);
  return soup_session_new_with_options ("tls-database", ca, "timeout", 120,
                                        "max-conns", 4 * PER_SERVER, "max-conns-per-host", 2 * PER_SERVER,
                                        NULL);
}

static JsonArray *
participants (RosterTestServer   *server,
              const char         *admin,
              gint64              course_id,
              RosterTestResponse **response)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/participants?limit=1000",
                                           course_id);

  *response = roster_test_get (server, path, admin);
  g_assert_cmpuint ((*response)->status, ==, 200);
  return json_object_get_array_member (roster_test_response_object (*response), "participants");
}

/* Signs in @n active students of CS101 who are not in @course_id yet,
 */
static void
pick_people (RosterTestServer *server,
             const char       *admin,
             gint64            course_id,
             char            **tokens,
             guint             n)
{
  g_autoptr(RosterTestResponse) courses = roster_test_get (server, "/api/v1/courses?q=CS101", admin);
  g_autoptr(RosterTestResponse) source = NULL;
  g_autoptr(RosterTestResponse) target = NULL;
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *people;
  JsonArray *there;
  gint64 cs101;
  guint picked = 0;

  g_assert_cmpuint (courses->status, ==, 200);
  cs101 = json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (roster_test_response_object (courses), "courses"), 0), "id");
  people = participants (server, admin, cs101, &source);
  there = participants (server, admin, course_id, &target);
  for (guint i = 0; i < json_array_get_length (there); i++)
    g_hash_table_add (taken, (gpointer) json_object_get_string_member (json_array_get_object_element (there, i),
                                                                       "username"));

  for (guint i = 0; i < json_array_get_length (people) && picked < n; i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      const char *username = json_object_get_string_member (person, "username");

      if (g_strcmp0 (json_object_get_string_member (person, "type"), "student") != 0 ||
          g_strcmp0 (json_object_get_string_member (person, "state"), "active") != 0 ||
          g_hash_table_contains (taken, username))
        continue;
      tokens[picked] = roster_test_login (server, username, ROSTER_DEMO_PASSWORD);
      picked++;
    }
  g_assert_cmpuint (picked, ==, n);
}

static void
test_key_max_uses (void)
{
  const char *skip = skip_without_postgresql ();
  Pair pair = { NULL, };
  Burst burst = { NULL, 0, 0, 0, NULL };
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(RosterTestResponse) courses = NULL;
  g_autoptr(RosterTestResponse) method = NULL;
  g_autoptr(RosterTestResponse) key = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *keys_path = NULL;
  g_autofree char *methods_path = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uses_sql = NULL;
  g_autofree char *enrolled_sql = NULL;
  char *csrf_cookie[2] = { NULL, NULL };
  char *csrf_field[2] = { NULL, NULL };
  char *tokens[2 * PER_SERVER] = { NULL, };
  gint64 course_id;
  gint64 key_id;

  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }

  pair_start (&pair);
  admin = roster_test_login (pair.servers[0], ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);

  courses = roster_test_get (pair.servers[0], "/api/v1/courses?q=CS310", admin);
  g_assert_cmpuint (courses->status, ==, 200);
  course_id = json_object_get_int_member (json_array_get_object_element (
    json_object_get_array_member (roster_test_response_object (courses), "courses"), 0), "id");

  methods_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", course_id);
  method = roster_test_post_json (pair.servers[0], methods_path, admin,
                                  "{\"type\": \"self\", \"name\": \"Shared\", \"notify_admins\": false}");
  g_assert_cmpuint (method->status, ==, 201);
  keys_path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys",
                               json_object_get_int_member (roster_test_response_object (method), "id"));
  key = roster_test_post_json (pair.servers[0], keys_path, admin,
                               "{\"nickname\": \"Ten\", \"max_uses\": " G_STRINGIFY (MAX_USES) "}");
  g_assert_cmpuint (key->status, ==, 201);
  key_id = json_object_get_int_member (roster_test_response_object (key), "id");
  secret = g_strdup (json_object_get_string_member (roster_test_response_object (key), "secret"));
  escaped = g_uri_escape_string (secret, NULL, FALSE);

  /* Forty students of another course, each signed in (the session is
   * in the database, so either server knows it). */
  pick_people (pair.servers[0], admin, course_id, tokens, G_N_ELEMENTS (tokens));
  for (guint s = 0; s < 2; s++)
    get_csrf (pair.servers[s], &csrf_cookie[s], &csrf_field[s]);

  /* All at once: twenty through each server. */
  session = burst_session (pair.data_dir);
  burst.loop = g_main_loop_new (NULL, FALSE);
  burst.other = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      guint s = i % 2;
      g_autofree char *uri = g_strconcat (roster_test_server_get_url (pair.servers[s]), "/signup/join", NULL);
      g_autofree char *cookies = g_strdup_printf ("__Host-roster-csrf=%s; __Host-roster-session=%s",
                                                  csrf_cookie[s], tokens[i]);
      g_autofree char *form = g_strdup_printf ("key=%s&csrf=%s", escaped, csrf_field[s]);
      g_autoptr(GBytes) body = g_bytes_new_take (g_steal_pointer (&form), strlen (form));
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookies);
      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", body);
      burst.pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, join_done, &burst);
    }
  g_main_loop_run (burst.loop);

  for (guint i = 0; i < burst.other->len; i++)
    g_test_message ("unexpected answer %s", (const char *) g_ptr_array_index (burst.other, i));
  g_assert_cmpuint (burst.other->len, ==, 0);
  g_assert_cmpuint (burst.enrolled, ==, MAX_USES);
  g_assert_cmpuint (burst.used_up, ==, G_N_ELEMENTS (tokens) - MAX_USES);

  uses_sql = g_strdup_printf ("SELECT uses FROM enrol_keys WHERE id = %" G_GINT64_FORMAT, key_id);
  g_assert_cmpint (roster_test_server_query_int (pair.servers[1], uses_sql), ==, MAX_USES);
  enrolled_sql = g_strdup_printf ("SELECT count(*) FROM enrolments WHERE key_id = %" G_GINT64_FORMAT, key_id);
  g_assert_cmpint (roster_test_server_query_int (pair.servers[0], enrolled_sql), ==, MAX_USES);

  /* Each enrolment queued one welcome mail, whichever server took it;
   * together the two workers send each once. */
  g_assert_true (roster_test_smtp_sink_wait (pair.sink, MAX_USES, WAIT_SECONDS));

  g_main_loop_unref (burst.loop);
  g_ptr_array_unref (burst.other);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_free (tokens[i]);
  for (guint s = 0; s < 2; s++)
    {
      g_free (csrf_cookie[s]);
      g_free (csrf_field[s]);
    }
  g_clear_object (&session);
  pair_stop (&pair);
}

/* ---- mail ---- */

/* Which server logged "Mail @id (…) sent", asserting it was one at most,
 * once: -1 for none. */
static int
sender_of (char   **logs,
           gint64   id)
{
  g_autofree char *line = g_strdup_printf ("Mail %" G_GINT64_FORMAT " (confirm) sent", id);
  int sender = -1;

  for (int s = 0; s < 2; s++)
    {
      const char *found = strstr (logs[s], line);

      if (found == NULL)
        continue;
      g_assert_cmpint (sender, ==, -1);
      g_assert_null (strstr (found + strlen (line), line));
      sender = s;
    }

  return sender;
}

static void
test_mail_once (void)
{
  const char *skip = skip_without_postgresql ();
  Pair pair = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) recipients = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *logs[2] = { NULL, NULL };
  RosterStorage *storage;
  guint sent = 0;
  guint queued = 0;
  guint failed = 0;

  if (skip != NULL)
    {
      g_test_skip (skip);
      return;
    }

  /* Mail left queued in the shared database, as servers that stopped
   * with mail waiting would leave it: both workers find it at start. */
  pair.data_dir = g_dir_make_tmp ("roster-test-shared-XXXXXX", &error);
  g_assert_no_error (error);
  storage = roster_test_open_data_dir_storage (pair.data_dir);
  for (guint i = 0; i < N_MAIL; i++)
    {
      g_autofree char *recipient = g_strdup_printf ("person%02u@example.org", i);
      const RosterMailDraft draft = {
        .kind = ROSTER_MAIL_CONFIRM,
        .recipient = recipient,
        .params = "{\"token\":\"tok\",\"first_name\":\"Wei\",\"courses\":[\"Programming 1\"],"
                  "\"expires_at\":4102444800}",
      };

      roster_mail_storage_enqueue (ROSTER_MAIL_STORAGE (storage), &draft, g_get_real_time () / G_USEC_PER_SEC,
                                   &error);
      g_assert_no_error (error);
    }
  g_assert_finalize_object (storage);

  pair_start (&pair);
  g_assert_true (roster_test_smtp_sink_wait (pair.sink, N_MAIL, WAIT_SECONDS));
  for (int s = 0; s < 2; s++)
    logs[s] = roster_test_server_read_log (pair.servers[s]);
  g_clear_pointer (&pair.servers[1], roster_test_server_stop);
  g_clear_pointer (&pair.servers[0], roster_test_server_stop);

  /* Every message once: as many as were queued, each to its own
   * recipient, and none more after the servers stopped. */
  g_assert_cmpuint (roster_test_smtp_sink_count (pair.sink), ==, N_MAIL);
  for (guint n = 1; n <= N_MAIL; n++)
    {
      g_autofree char *envelope = roster_test_smtp_sink_get_envelope (pair.sink, n);
      g_autoptr(JsonParser) json = json_parser_new ();
      JsonArray *to;

      g_assert_true (json_parser_load_from_data (json, envelope, -1, NULL));
      to = json_object_get_array_member (json_node_get_object (json_parser_get_root (json)), "rcpt_tos");
      g_assert_true (g_hash_table_add (recipients, g_strdup (json_array_get_string_element (to, 0))));
    }
  g_assert_cmpuint (g_hash_table_size (recipients), ==, N_MAIL);

  /* No message was sent by both servers, nor twice by one. */
  for (gint64 id = 1; id <= N_MAIL; id++)
    sender_of (logs, id);

  /* Nothing given up; a message is "sent" once its worker recorded it
   * (one the stop came between is still queued, to go out again). */
  storage = roster_test_open_data_dir_storage (pair.data_dir);
  g_assert_true (roster_mail_storage_count (ROSTER_MAIL_STORAGE (storage), ROSTER_OUTBOX_SENT, &sent, &error));
  g_assert_true (roster_mail_storage_count (ROSTER_MAIL_STORAGE (storage), ROSTER_OUTBOX_QUEUED, &queued, &error));
  g_assert_true (roster_mail_storage_count (ROSTER_MAIL_STORAGE (storage), ROSTER_OUTBOX_FAILED, &failed, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (storage);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpuint (sent + queued, ==, N_MAIL);

  g_free (logs[0]);
  g_free (logs[1]);
  pair_stop (&pair);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/shared/key-max-uses", test_key_max_uses);
  g_test_add_func ("/server/shared/mail-once", test_mail_once);

  return g_test_run ();
}
