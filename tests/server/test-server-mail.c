/* test-server-mail.c: a real roster-server delivering its outbox
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Mail is queued by what people do on the web pages; here it is queued
 * straight into the database before the server starts, as a server that
 * stopped with mail still waiting would leave it. The server must
 * deliver it: as files in --demo without a relay, through the relay
 * ([mail]) otherwise, and not at all, with a warning, with neither.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "roster-mail-message.h"
#include "roster-mail-storage.h"
#include "roster-test-server.h"
#include "roster-test-smtp-sink.h"

/* Generous: under valgrind a server takes its time. */
#define WAIT_SECONDS 120

#define ZHANG "\xe5\xbc\xa0\xe4\xbc\x9f"

#define CONFIRM_PARAMS \
  "{\"token\":\"tok-abc\",\"first_name\":\"" ZHANG "\",\"courses\":[\"Programming 1\"],\"expires_at\":4102444800}"
#define WELCOME_PARAMS \
  "{\"first_name\":\"" ZHANG "\",\"course_short_name\":\"CS101\",\"course_full_name\":\"Programming 1\"," \
  "\"role\":\"guest\",\"message\":\"See you on Monday.\"}"
#define NOTIFY_PARAMS \
  "{\"course_short_name\":\"CS101\",\"course_full_name\":\"Programming 1\",\"user_name\":\"" ZHANG "\"," \
  "\"user_email\":\"wei@example.org\",\"role\":\"guest\",\"method_name\":\"Visiting lecturers\"," \
  "\"key_nickname\":\"Spring\",\"new_account\":true}"

/* A data folder of the test's own with these messages already queued. */
static char *
data_dir_with_mail (const RosterMailDraft *drafts,
                    guint                  n_drafts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("roster-test-mail-XXXXXX", &error);
  RosterStorage *storage;

  g_assert_no_error (error);
  storage = roster_test_open_data_dir_storage (tmp);

  for (guint i = 0; i < n_drafts; i++)
    {
      gint64 id = roster_mail_storage_enqueue (ROSTER_MAIL_STORAGE (storage), &drafts[i],
                                               g_get_real_time () / G_USEC_PER_SEC, &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, ==, i + 1);
    }

  g_assert_finalize_object (storage);
  return g_steal_pointer (&tmp);
}

static RosterOutboxMessage *
get_message (const char *data_dir,
             gint64      id)
{
  g_autoptr(GError) error = NULL;
  RosterOutboxMessage *message;
  RosterStorage *storage;

  storage = roster_test_open_data_dir_storage (data_dir);
  message = roster_mail_storage_get_message (ROSTER_MAIL_STORAGE (storage), id, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (storage);

  return message;
}

static void
assert_sent (const char *data_dir,
             gint64      id)
{
  g_autoptr(RosterOutboxMessage) message = get_message (data_dir, id);

  g_assert_cmpint (message->state, ==, ROSTER_OUTBOX_SENT);
  g_assert_cmpint (message->sent_at, >, 0);
  g_assert_null (message->params);
}

/* The message as a mail program reads it. */
static GMimeMessage *
parse (const char *data,
       gsize       length)
{
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (data, length);
  GMimeParser *parser = g_mime_parser_new_with_stream (stream);
  GMimeMessage *message = g_mime_parser_construct_message (parser, NULL);

  g_assert_nonnull (message);
  g_object_unref (parser);
  g_object_unref (stream);
  return message;
}

static char *
body_of (GMimeMessage *message)
{
  GMimeObject *part = g_mime_message_get_mime_part (message);

  g_assert_true (GMIME_IS_TEXT_PART (part));
  return g_mime_text_part_get_text (GMIME_TEXT_PART (part));
}

static void
assert_to (GMimeMessage *message,
           const char   *name,
           const char   *address)
{
  InternetAddressList *to = g_mime_message_get_to (message);
  InternetAddress *first;

  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  first = internet_address_list_get_address (to, 0);
  g_assert_cmpstr (internet_address_get_name (first), ==, name);
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first)), ==, address);
}

/* --demo with no relay: the message is a file in DATA/mail, and the log
 * says where. */
static void
test_demo_drop_folder (void)
{
  const RosterMailDraft draft = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = "wei@example.org",
    .recipient_name = ZHANG,
    .params = CONFIRM_PARAMS,
  };
  g_autofree char *data_dir = data_dir_with_mail (&draft, 1);
  g_autofree char *folder = g_build_filename (data_dir, "mail", NULL);
  g_autofree char *path = g_build_filename (folder, "1-confirm.eml", NULL);
  g_autofree char *said = g_strdup_printf ("Mail 1 (confirm) written to %s", path);
  g_autofree char *link = NULL;
  g_autofree char *log = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  RosterTestServerOptions options = { .demo = TRUE, .data_dir = data_dir };
  RosterTestServer *server;
  GMimeMessage *message;
  struct stat info;
  gsize length = 0;

  server = roster_test_server_start (&options);
  g_assert_true (roster_test_server_wait_for_log (server, said, WAIT_SECONDS));
  /* No public URL: links go to the server itself. */
  link = g_strdup_printf ("\n%s/confirm?t=tok-abc\n", roster_test_server_get_url (server));
  log = roster_test_server_read_log (server);
  roster_test_server_stop (server);

  g_assert_nonnull (strstr (log, "No mail relay is set: messages are written to"));
  /* The log names the message, never its recipient or token. */
  g_assert_null (strstr (log, "wei@example.org"));
  g_assert_null (strstr (log, "tok-abc"));

  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  message = parse (contents, length);
  assert_to (message, ZHANG, "wei@example.org");
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Confirm your e-mail address");
  body = body_of (message);
  g_assert_nonnull (strstr (body, link));
  g_assert_nonnull (strstr (body, "Programming 1"));
  g_object_unref (message);

  assert_sent (data_dir, 1);
  roster_test_rm_rf (data_dir);
}

/* A relay in [mail]: what was left queued goes through it, with links
 * to the public URL. */
static void
test_relay (void)
{
  const RosterMailDraft drafts[] = {
    {
      .kind = ROSTER_MAIL_WELCOME,
      .user_id = 0,
      .recipient = "wei@example.org",
      .recipient_name = ZHANG,
      .params = WELCOME_PARAMS,
    },
    {
      .kind = ROSTER_MAIL_NOTIFY_ENROLMENT,
      .recipient = "admin@uni.example",
      .recipient_name = "Site Admin",
      .params = NOTIFY_PARAMS,
    },
  };
  g_autoptr(RosterTestSmtpSink) sink = roster_test_smtp_sink_start (NULL);
  g_autofree char *data_dir = data_dir_with_mail (drafts, G_N_ELEMENTS (drafts));
  g_autofree char *folder = g_build_filename (data_dir, "mail", NULL);
  g_autofree char *config = NULL;
  g_autofree char *welcome_text = NULL;
  g_autofree char *notify_text = NULL;
  RosterTestServerOptions options = { .demo = TRUE, .data_dir = data_dir };
  RosterTestServer *server;
  GMimeMessage *welcome = NULL;
  GMimeMessage *notify = NULL;

  config = g_strdup_printf ("[mail]\n"
                            "smtp-host = 127.0.0.1\n"
                            "smtp-port = %u\n"
                            "smtp-security = none\n"
                            "from = Roster Office <office@uni.example>\n"
                            "[web]\n"
                            "public-url = https://roster.example.org/\n",
                            roster_test_smtp_sink_get_port (sink));
  options.config = config;

  server = roster_test_server_start (&options);
  g_assert_true (roster_test_smtp_sink_wait (sink, 2, WAIT_SECONDS));
  /* Recorded as sent before the server stops (a stop while sending
   * would leave it queued, to be sent again). */
  g_assert_true (roster_test_server_wait_for_log (server, "Mail 2 (notify_enrolment) sent", WAIT_SECONDS));
  roster_test_server_stop (server);

  for (guint n = 1; n <= 2; n++)
    {
      g_autoptr(GBytes) bytes = roster_test_smtp_sink_get_message (sink, n);
      GMimeMessage *message = parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      if (g_str_has_prefix (g_mime_message_get_subject (message), "Welcome"))
        welcome = message;
      else
        notify = message;
    }
  g_assert_nonnull (welcome);
  g_assert_nonnull (notify);

  assert_to (welcome, ZHANG, "wei@example.org");
  g_assert_cmpstr (g_mime_message_get_subject (welcome), ==, "Welcome to Programming 1");
  welcome_text = body_of (welcome);
  g_assert_nonnull (strstr (welcome_text, "See you on Monday."));
  g_assert_nonnull (strstr (welcome_text, "https://roster.example.org/account"));

  assert_to (notify, "Site Admin", "admin@uni.example");
  g_assert_cmpstr (g_mime_message_get_subject (notify), ==, "New enrolment in CS101: " ZHANG);
  notify_text = body_of (notify);
  g_assert_nonnull (strstr (notify_text, "This is a new account"));

  g_object_unref (welcome);
  g_object_unref (notify);

  assert_sent (data_dir, 1);
  assert_sent (data_dir, 2);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  roster_test_rm_rf (data_dir);
}

/* Neither a relay nor --demo: one warning, and the mail waits. */
static void
test_no_relay (void)
{
  const RosterMailDraft draft = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = "wei@example.org",
    .params = CONFIRM_PARAMS,
  };
  g_autofree char *data_dir = data_dir_with_mail (&draft, 1);
  g_autoptr(RosterOutboxMessage) message = NULL;
  RosterTestServerOptions options = { .data_dir = data_dir };
  RosterTestServer *server;

  server = roster_test_server_start (&options);
  g_assert_true (roster_test_server_wait_for_log (server, "No mail relay is set ([mail] smtp-host): messages wait "
                                                          "in the outbox", WAIT_SECONDS));
  roster_test_server_stop (server);

  message = get_message (data_dir, 1);
  g_assert_cmpint (message->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (message->attempts, ==, 0);
  g_assert_cmpstr (message->params, ==, CONFIRM_PARAMS);
  roster_test_rm_rf (data_dir);
}

/* A relay that takes the connection and never answers: the server is
 * stopped in the middle of a send. The message stays queued, no attempt
 * counted, and due as it was (on PostgreSQL the worker's claim is given
 * back, not left to its lease), so the next server sends it at once. */
static void
test_stop_while_sending (void)
{
  const RosterMailDraft draft = {
    .kind = ROSTER_MAIL_CONFIRM,
    .recipient = "wei@example.org",
    .params = CONFIRM_PARAMS,
  };
  g_autofree char *data_dir = data_dir_with_mail (&draft, 1);
  g_autoptr(RosterOutboxMessage) before = get_message (data_dir, 1);
  g_autoptr(RosterOutboxMessage) after = NULL;
  g_autoptr(GSocket) relay = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  RosterTestServerOptions options = { .data_dir = data_dir };
  RosterTestServer *server;

  /* Listening but never accepting: the kernel completes the connection,
   * and the server waits for a greeting that does not come. */
  relay = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (relay, any, TRUE, &error));
  g_assert_true (g_socket_listen (relay, &error));
  bound = g_socket_get_local_address (relay, &error);
  g_assert_no_error (error);

  config = g_strdup_printf ("[mail]\n"
                            "smtp-host = 127.0.0.1\n"
                            "smtp-port = %u\n"
                            "smtp-security = none\n"
                            "from = Roster Office <office@uni.example>\n",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  options.config = config;

  server = roster_test_server_start (&options);
  /* A connection waiting to be accepted: the send has begun. */
  g_assert_true (g_socket_condition_timed_wait (relay, G_IO_IN, (gint64) WAIT_SECONDS * G_USEC_PER_SEC, NULL, &error));
  g_assert_no_error (error);
  roster_test_server_stop (server);

  after = get_message (data_dir, 1);
  g_assert_cmpint (after->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (after->attempts, ==, 0);
  g_assert_cmpint (after->next_attempt_at, ==, before->next_attempt_at);
  g_assert_cmpstr (after->params, ==, CONFIRM_PARAMS);
  roster_test_rm_rf (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/server/mail/demo-drop-folder", test_demo_drop_folder);
  g_test_add_func ("/server/mail/relay", test_relay);
  g_test_add_func ("/server/mail/no-relay", test_no_relay);
  g_test_add_func ("/server/mail/stop-while-sending", test_stop_while_sending);

  return g_test_run ();
}
