/* test-mail-queue.c: the delivery worker, against a real SQLite outbox
 * and a real SMTP server (tests/smtp-sink.py)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queue runs on a clock the test moves: a retry "30 s later" is the
 * test moving the clock by 30 s and waking the worker, then waiting until
 * the worker has been through what is due (roster_mail_queue_wait_idle ()).
 * Nothing waits for time to pass.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "roster-mail-queue.h"
#include "roster-mail-storage.h"
#include "roster-test-smtp-sink.h"

#include "storage-fixture.h"

#define WAIT_SECONDS 60
#define WAIT_US (WAIT_SECONDS * G_USEC_PER_SEC)

#define CONFIRM_PARAMS \
  "{\"token\":\"tok-123\",\"first_name\":\"Wei\",\"courses\":[\"Programming 1\"],\"expires_at\":1700086400}"

typedef struct
{
  Fixture             storage;
  RosterServerConfig *config;
  RosterContext       ctx;
  RosterTestSmtpSink *sink;
  RosterMailQueue    *queue;
  gint                offset;      /* seconds after NOW, read by the worker */
} QueueFixture;

static gint64
test_clock (gpointer user_data)
{
  QueueFixture *fixture = user_data;

  return NOW + g_atomic_int_get (&fixture->offset);
}

static void
set_up (QueueFixture  *fixture,
        gconstpointer  user_data)
{
  const char *login = user_data;
  RosterTestSmtpSinkOptions options = { .login = login };

  storage_fixture_set_up (&fixture->storage, NULL);
  fixture->sink = roster_test_smtp_sink_start (&options);

  fixture->config = roster_server_config_new ();
  fixture->config->smtp_host = g_strdup ("127.0.0.1");
  fixture->config->smtp_port = roster_test_smtp_sink_get_port (fixture->sink);
  fixture->config->smtp_security = ROSTER_SMTP_NONE;
  fixture->config->mail_from = g_strdup ("Roster <roster@uni.example>");
  fixture->config->public_url = g_strdup ("https://roster.example.org");

  fixture->ctx.config = fixture->config;
  fixture->ctx.storage = fixture->storage.storage;
}

static void
tear_down (QueueFixture  *fixture,
           gconstpointer  user_data)
{
  g_clear_pointer (&fixture->queue, roster_mail_queue_free);
  g_clear_pointer (&fixture->sink, roster_test_smtp_sink_free);
  roster_server_config_free (fixture->config);
  storage_fixture_tear_down (&fixture->storage, NULL);
}

static void
start_queue (QueueFixture *fixture)
{
  const RosterMailQueueOptions options = {
    .clock = test_clock,
    .clock_data = fixture,
  };

  g_assert_null (fixture->queue);
  fixture->queue = roster_mail_queue_new_full (&fixture->ctx, "https://127.0.0.1:1", &options);
}

static void
stop_queue (QueueFixture *fixture)
{
  g_clear_pointer (&fixture->queue, roster_mail_queue_free);
}

/* Moves the clock and lets the worker go through what is due then. */
static void
advance (QueueFixture *fixture,
         gint          seconds)
{
  g_atomic_int_add (&fixture->offset, seconds);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
}

static gint64
enqueue (QueueFixture   *fixture,
         RosterMailKind  kind,
         const char     *params)
{
  g_autoptr(GError) error = NULL;
  const RosterMailDraft draft = {
    .kind = kind,
    .recipient = "wei@example.org",
    .recipient_name = "Wei Zhang",
    .params = params,
  };
  gint64 id = roster_mail_storage_enqueue (ROSTER_MAIL_STORAGE (fixture->ctx.storage), &draft,
                                           test_clock (fixture), &error);

  g_assert_no_error (error);
  return id;
}

static RosterOutboxMessage *
get (QueueFixture *fixture,
     gint64        id)
{
  g_autoptr(GError) error = NULL;
  RosterOutboxMessage *message = roster_mail_storage_get_message (ROSTER_MAIL_STORAGE (fixture->ctx.storage), id,
                                                                  &error);

  g_assert_no_error (error);
  return message;
}

static void
assert_sent (QueueFixture *fixture,
             gint64        id,
             gint64        at)
{
  g_autoptr(RosterOutboxMessage) row = get (fixture, id);

  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_SENT);
  g_assert_cmpint (row->sent_at, ==, at);
  /* The token and the name do not stay once the message is out. */
  g_assert_null (row->params);
  g_assert_null (row->last_error);
}

static void
wait_for_sink (QueueFixture *fixture,
               guint         n)
{
  g_assert_true (roster_test_smtp_sink_wait (fixture->sink, n, WAIT_SECONDS));
}

static void
test_deliver (QueueFixture  *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GBytes) message = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  gint64 queued_before, queued_after;

  /* What was queued before the worker started goes first. */
  queued_before = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  wait_for_sink (fixture, 1);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  assert_sent (fixture, queued_before, NOW);

  envelope = roster_test_smtp_sink_get_envelope (fixture->sink, 1);
  g_assert_true (json_parser_load_from_data (parser, envelope, -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "mail_from"), ==, "roster@uni.example");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "rcpt_tos"), 0), ==,
                   "wei@example.org");
  g_assert_true (json_object_get_null_member (object, "login"));

  message = roster_test_smtp_sink_get_message (fixture->sink, 1);
  text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  g_assert_nonnull (strstr (text, "Subject: Confirm your e-mail address\r\n"));
  g_assert_nonnull (strstr (text, "Message-Id: <roster-mail-1.1700000000@uni.example>\r\n"));

  /* What is queued while it runs goes when it is woken. */
  g_atomic_int_add (&fixture->offset, 5);
  queued_after = enqueue (fixture, ROSTER_MAIL_RESET, "{\"token\":\"r\",\"first_name\":\"Wei\",\"expires_at\":1700003600}");
  roster_mail_queue_wake (fixture->queue);
  wait_for_sink (fixture, 2);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  assert_sent (fixture, queued_after, NOW + 5);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 2);

  /* Waking a queue that is NULL does nothing. */
  roster_mail_queue_wake (NULL);
}

/* The relay is down, then up again: retried with a doubling wait. */
static void
test_retry (QueueFixture  *fixture,
            gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) first = NULL;
  g_autoptr(RosterOutboxMessage) second = NULL;
  gint64 id;

  roster_test_smtp_sink_stop (fixture->sink);
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));

  first = get (fixture, id);
  g_assert_cmpint (first->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (first->attempts, ==, 1);
  g_assert_cmpint (first->next_attempt_at, ==, NOW + 30);
  g_assert_nonnull (first->last_error);
  g_assert_cmpstr (first->params, ==, CONFIRM_PARAMS);

  /* Not due yet: nothing happens. */
  advance (fixture, 29);
  g_clear_pointer (&first, roster_outbox_message_free);
  first = get (fixture, id);
  g_assert_cmpint (first->attempts, ==, 1);

  advance (fixture, 1);
  second = get (fixture, id);
  g_assert_cmpint (second->attempts, ==, 2);
  g_assert_cmpint (second->next_attempt_at, ==, NOW + 30 + 60);

  roster_test_smtp_sink_restart (fixture->sink);
  advance (fixture, 60);
  wait_for_sink (fixture, 1);
  assert_sent (fixture, id, NOW + 90);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 1);
}

/* A 4xx reply is the relay's "not now". */
static void
test_temporary_reply (QueueFixture  *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  roster_test_smtp_sink_set_reply (fixture->sink, "rcpt", "451 4.3.0 Try again later");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 1);
  g_assert_nonnull (strstr (row->last_error, "451"));

  roster_test_smtp_sink_set_reply (fixture->sink, "rcpt", NULL);
  advance (fixture, 30);
  wait_for_sink (fixture, 1);
  assert_sent (fixture, id, NOW + 30);
}

static void
assert_refused_for_good (QueueFixture *fixture,
                         const char   *stage,
                         const char   *reply)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  roster_test_smtp_sink_set_reply (fixture->sink, stage, reply);
  g_test_expect_message ("roster-mail", G_LOG_LEVEL_WARNING, "Mail * was refused by the relay and is given up: *");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  g_test_assert_expected_messages ();

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_FAILED);
  g_assert_cmpint (row->attempts, ==, 1);
  g_assert_null (row->params);
  g_assert_nonnull (strstr (row->last_error, reply));
}

/* A 5xx reply to RCPT or DATA: failed at once, never retried. */
static void
test_permanent_reply (QueueFixture  *fixture,
                      gconstpointer  user_data)
{
  /* Started first: while a message is expected, any other one (such as
   * the worker's word on where mail goes) would fail the test. */
  start_queue (fixture);
  assert_refused_for_good (fixture, "rcpt", "550");
  roster_test_smtp_sink_set_reply (fixture->sink, "rcpt", NULL);
  assert_refused_for_good (fixture, "data", "554");

  advance (fixture, 24 * 3600);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 0);
}

static void
test_give_up (QueueFixture  *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) waiting = NULL;
  g_autoptr(RosterOutboxMessage) failed = NULL;
  gint64 id;

  fixture->config->mail_give_up_after = 100;
  roster_test_smtp_sink_stop (fixture->sink);
  id = enqueue (fixture, ROSTER_MAIL_RESET, "{\"token\":\"r\",\"first_name\":\"Wei\",\"expires_at\":1700003600}");
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));   /* NOW: next at +30 */
  advance (fixture, 30);                                                   /* +30: next at +90 */
  advance (fixture, 60);                                                   /* +90: next at +100, not +210 */

  waiting = get (fixture, id);
  g_assert_cmpint (waiting->attempts, ==, 3);
  g_assert_cmpint (waiting->next_attempt_at, ==, NOW + 100);

  g_test_expect_message ("roster-mail", G_LOG_LEVEL_WARNING, "Mail * (reset) is given up after 4 attempts: *");
  advance (fixture, 10);
  g_test_assert_expected_messages ();

  failed = get (fixture, id);
  g_assert_cmpint (failed->state, ==, ROSTER_OUTBOX_FAILED);
  g_assert_cmpint (failed->attempts, ==, 4);
  g_assert_null (failed->params);
  g_assert_nonnull (failed->last_error);
}

/* Stopped with a message waiting for a retry, started again: it is sent,
 * once. */
static void
test_restart (QueueFixture  *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  roster_test_smtp_sink_set_reply (fixture->sink, "rcpt", "421 4.3.2 Shutting down");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  stop_queue (fixture);

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 1);

  roster_test_smtp_sink_set_reply (fixture->sink, "rcpt", NULL);
  g_atomic_int_add (&fixture->offset, 30);
  start_queue (fixture);
  wait_for_sink (fixture, 1);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  assert_sent (fixture, id, NOW + 30);
  stop_queue (fixture);

  start_queue (fixture);
  advance (fixture, 3600);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 1);
}

/* The server stops while the relay has not answered yet: the message
 * stays queued, as it was, and the stop does not wait for the relay. */
static void
test_stop_while_sending (QueueFixture  *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  roster_test_smtp_sink_set_reply (fixture->sink, "data", "hang");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_test_smtp_sink_wait_line (fixture->sink, "hanging", WAIT_SECONDS));
  stop_queue (fixture);

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 0);
  g_assert_cmpstr (row->params, ==, CONFIRM_PARAMS);
}

static void
test_bad_params (QueueFixture  *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  start_queue (fixture);
  g_test_expect_message ("roster-mail", G_LOG_LEVEL_WARNING, "Mail * (confirm) cannot be written and is given up: *");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, "{\"first_name\":\"Wei\"}");
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  g_test_assert_expected_messages ();

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_FAILED);
  g_assert_null (row->params);
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 0);
}

static void
test_login (QueueFixture  *fixture,
            gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) refused = NULL;
  g_autofree char *envelope = NULL;
  gint64 id;

  /* A wrong password is the settings' fault: retried, and never told. */
  fixture->config->smtp_username = g_strdup ("roster");
  fixture->config->smtp_password = g_strdup ("wrong-Pa55word");
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  stop_queue (fixture);

  refused = get (fixture, id);
  g_assert_cmpint (refused->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (refused->attempts, ==, 1);
  g_assert_null (strstr (refused->last_error, "wrong-Pa55word"));

  g_free (fixture->config->smtp_password);
  fixture->config->smtp_password = g_strdup ("s3cret pass");
  g_atomic_int_add (&fixture->offset, 30);
  start_queue (fixture);
  wait_for_sink (fixture, 1);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  assert_sent (fixture, id, NOW + 30);

  envelope = roster_test_smtp_sink_get_envelope (fixture->sink, 1);
  g_assert_nonnull (strstr (envelope, "\"login\": \"roster\""));
}

/* starttls means TLS or nothing: a relay without STARTTLS gets no mail. */
static void
test_starttls_required (QueueFixture  *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  fixture->config->smtp_security = ROSTER_SMTP_STARTTLS;
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 1);
  g_assert_nonnull (strstr (row->last_error, "STARTTLS"));
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 0);
}

static gboolean
count_eml (const char *folder,
           gpointer    data)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      n++;

  return n == GPOINTER_TO_UINT (data);
}

/* No relay, a drop folder (as in --demo): files, for this user only. */
static void
test_drop_folder (QueueFixture  *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->storage.dir, "mail", NULL);
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct stat info;
  gint64 id;

  g_clear_pointer (&fixture->config->smtp_host, g_free);
  fixture->config->mail_drop_dir = g_strdup (folder);
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);

  g_test_expect_message ("roster-mail", G_LOG_LEVEL_MESSAGE, "No mail relay is set: messages are written to *");
  g_test_expect_message ("roster-mail", G_LOG_LEVEL_MESSAGE, "Mail * (confirm) written to *");
  start_queue (fixture);
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  g_test_assert_expected_messages ();
  assert_sent (fixture, id, NOW);

  name = g_strdup_printf ("%" G_GINT64_FORMAT "-confirm.eml", id);
  path = g_build_filename (folder, name, NULL);
  g_assert_cmpint (g_stat (folder, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (count_eml (folder, GUINT_TO_POINTER (1)));

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "To: Wei Zhang <wei@example.org>\n"));
  g_assert_nonnull (strstr (contents, "Subject: Confirm your e-mail address\n"));
  g_assert_null (strstr (contents, "\r\n"));

  /* Nothing went to the relay that is not configured. */
  g_assert_cmpuint (roster_test_smtp_sink_count (fixture->sink), ==, 0);

  roster_test_smtp_sink_free (g_steal_pointer (&fixture->sink));
  stop_queue (fixture);
  g_remove (path);
  g_rmdir (folder);
}

/* No relay, no folder: one warning, and the mail waits. */
static void
test_no_relay (QueueFixture  *fixture,
               gconstpointer  user_data)
{
  g_autoptr(RosterOutboxMessage) row = NULL;
  gint64 id;

  g_clear_pointer (&fixture->config->smtp_host, g_free);
  id = enqueue (fixture, ROSTER_MAIL_CONFIRM, CONFIRM_PARAMS);

  g_test_expect_message ("roster-mail", G_LOG_LEVEL_WARNING, "No mail relay is set*messages wait in the outbox*");
  start_queue (fixture);
  g_test_assert_expected_messages ();
  g_assert_true (roster_mail_queue_wait_idle (fixture->queue, WAIT_US));
  roster_mail_queue_wake (fixture->queue);

  row = get (fixture, id);
  g_assert_cmpint (row->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (row->attempts, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) g_test_add (path, QueueFixture, data, set_up, func, tear_down)
  ADD ("/mail/queue/deliver", test_deliver, NULL);
  ADD ("/mail/queue/retry", test_retry, NULL);
  ADD ("/mail/queue/temporary-reply", test_temporary_reply, NULL);
  ADD ("/mail/queue/permanent-reply", test_permanent_reply, NULL);
  ADD ("/mail/queue/give-up", test_give_up, NULL);
  ADD ("/mail/queue/restart", test_restart, NULL);
  ADD ("/mail/queue/stop-while-sending", test_stop_while_sending, NULL);
  ADD ("/mail/queue/bad-params", test_bad_params, NULL);
  ADD ("/mail/queue/login", test_login, "roster:s3cret pass");
  ADD ("/mail/queue/starttls-required", test_starttls_required, NULL);
  ADD ("/mail/queue/drop-folder", test_drop_folder, NULL);
  ADD ("/mail/queue/no-relay", test_no_relay, NULL);
#undef ADD

  return g_test_run ();
}
