/* test-mail-message.c: the messages of the outbox, written out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each message is written, then read back with GMime's parser, as a
 * mail program would: what matters is what a reader gets.
 */

#include "config.h"

#include <string.h>

#include "roster-mail-message.h"

#define CREATED G_GINT64_CONSTANT (1700000000)
#define PUBLIC "https://roster.example.org"

/* 张伟, and a name that would be markup somewhere else. */
#define ZHANG "\xe5\xbc\xa0\xe4\xbc\x9f"
#define SCRIPT "<script>alert(1)</script>"

typedef struct
{
  RosterServerConfig *config;
  RosterOutboxMessage row;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  fixture->config = roster_server_config_new ();
  fixture->config->mail_from = g_strdup ("Roster Office <office@uni.example>");
  fixture->config->public_url = g_strdup (PUBLIC);

  fixture->row.id = 42;
  fixture->row.created_at = CREATED;
  fixture->row.recipient = (char *) "wei@example.org";
  fixture->row.recipient_name = (char *) ZHANG " " SCRIPT;
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  roster_server_config_free (fixture->config);
}

static RosterMailMessage *
write_ok (Fixture    *fixture,
          const char *server_url)
{
  g_autoptr(GError) error = NULL;
  RosterMailMessage *message = roster_mail_message_new (&fixture->row, fixture->config, server_url, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

/* The message as sent, checked for what every message must be, and
 * parsed back. */
static GMimeMessage *
send_and_parse (RosterMailMessage *message)
{
  g_autoptr(GBytes) bytes = roster_mail_message_to_bytes (message, TRUE);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *end_of_headers;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *parsed;

  /* Lines end in CRLF; header lines are folded at 78 characters, body
   * lines within RFC 5322's 998; the headers are ASCII (RFC 2047 words
   * for the rest). */
  for (gsize i = 0; i < length; i++)
    if (data[i] == '\n')
      g_assert_cmpint (i > 0 && data[i - 1] == '\r', ==, TRUE);
  end_of_headers = g_strstr_len (data, length, "\r\n\r\n");
  g_assert_nonnull (end_of_headers);
  for (const char *line = data; line < data + length;)
    {
      const char *eol = memchr (line, '\n', data + length - line);

      g_assert_nonnull (eol);
      g_assert_cmpint (eol - line - 1, <=, line < end_of_headers ? 78 : 998);
      line = eol + 1;
    }
  for (const char *p = data; p < end_of_headers; p++)
    g_assert_cmpint ((guchar) *p, <, 0x80);

  stream = g_mime_stream_mem_new_with_buffer (data, length);
  parser = g_mime_parser_new_with_stream (stream);
  parsed = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (parsed);
  g_object_unref (parser);
  g_object_unref (stream);

  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (parsed), "Auto-Submitted"), ==, "auto-generated");
  g_assert_cmpstr (g_mime_object_get_header (GMIME_OBJECT (parsed), "MIME-Version"), ==, "1.0");

  return parsed;
}

static char *
body_of (GMimeMessage *parsed)
{
  GMimeObject *part = g_mime_message_get_mime_part (parsed);
  g_autofree char *text = NULL;
  g_autofree char *mime_type = NULL;
  g_auto(GStrv) lines = NULL;
  GMimeContentEncoding encoding;

  g_assert_true (GMIME_IS_TEXT_PART (part));
  mime_type = g_mime_content_type_get_mime_type (g_mime_object_get_content_type (part));
  g_assert_cmpstr (mime_type, ==, "text/plain");
  g_assert_cmpstr (g_mime_text_part_get_charset (GMIME_TEXT_PART (part)), ==, "utf-8");
  encoding = g_mime_part_get_content_encoding (GMIME_PART (part));
  g_assert_true (encoding == GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE || encoding == GMIME_CONTENT_ENCODING_BASE64 ||
                 encoding == GMIME_CONTENT_ENCODING_7BIT || encoding == GMIME_CONTENT_ENCODING_DEFAULT);

  /* As a reader sees it: lines end in LF. */
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
  g_assert_nonnull (strstr (text, "\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  return g_strjoinv ("\n", lines);
}

static void
assert_mailbox (InternetAddressList *list,
                const char          *name,
                const char          *address)
{
  InternetAddress *first;

  g_assert_cmpint (internet_address_list_length (list), ==, 1);
  first = internet_address_list_get_address (list, 0);
  g_assert_true (INTERNET_ADDRESS_IS_MAILBOX (first));
  /* GMime reads no name as an empty one. */
  g_assert_cmpstr (internet_address_get_name (first) ? internet_address_get_name (first) : "", ==, name ? name : "");
  g_assert_cmpstr (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first)), ==, address);
}

static void
test_confirm (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autofree char *body = NULL;
  g_autofree char *raw_text = NULL;
  GMimeMessage *parsed;
  GDateTime *date;

  fixture->row.kind = ROSTER_MAIL_CONFIRM;
  fixture->row.params = (char *) "{\"token\":\"abc-DEF_123\",\"first_name\":\"" ZHANG "\","
                        "\"courses\":[\"Programming 1\",\"Databases\"],\"expires_at\":1700086400}";
  message = write_ok (fixture, NULL);

  g_assert_cmpstr (roster_mail_message_get_sender (message), ==, "office@uni.example");
  g_assert_cmpstr (roster_mail_message_get_recipient (message), ==, "wei@example.org");

  /* The name went out as an encoded word, not as raw UTF-8 or markup. */
  raw = roster_mail_message_to_bytes (message, FALSE);
  raw_text = g_strndup (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  g_assert_nonnull (strcasestr (raw_text, "=?utf-8?b?"));
  g_assert_null (strstr (raw_text, "\r\n"));

  parsed = send_and_parse (message);
  assert_mailbox (g_mime_message_get_from (parsed), "Roster Office", "office@uni.example");
  assert_mailbox (g_mime_message_get_to (parsed), ZHANG " " SCRIPT, "wei@example.org");
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, "Confirm your e-mail address");
  g_assert_cmpstr (g_mime_message_get_message_id (parsed), ==, "roster-mail-42.1700000000@uni.example");
  date = g_mime_message_get_date (parsed);
  g_assert_cmpint (g_date_time_to_unix (date), ==, CREATED);

  body = body_of (parsed);
  g_assert_nonnull (strstr (body, "Hello " ZHANG ","));
  g_assert_nonnull (strstr (body, "\n" PUBLIC "/confirm?t=abc-DEF_123\n"));
  g_assert_nonnull (strstr (body, "works until"));
  g_assert_nonnull (strstr (body, "2023"));
  g_assert_nonnull (strstr (body, "  - Programming 1\n  - Databases\n"));
  g_assert_nonnull (strstr (body, "If you did not sign up"));

  g_object_unref (parsed);
}

static void
test_confirm_no_courses (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autofree char *body = NULL;
  GMimeMessage *parsed;

  fixture->row.kind = ROSTER_MAIL_CONFIRM;
  fixture->row.params = (char *) "{\"token\":\"t\",\"first_name\":\"Ada\",\"courses\":[],\"expires_at\":1700086400}";
  fixture->row.recipient_name = NULL;
  message = write_ok (fixture, NULL);

  parsed = send_and_parse (message);
  assert_mailbox (g_mime_message_get_to (parsed), NULL, "wei@example.org");
  body = body_of (parsed);
  g_assert_null (strstr (body, "enrolled in"));
  g_object_unref (parsed);
}

static void
test_reset (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autofree char *body = NULL;
  GMimeMessage *parsed;

  /* No public URL: links start at the server's own, and a token is
   * escaped for the query whatever it holds. */
  g_clear_pointer (&fixture->config->public_url, g_free);
  fixture->row.kind = ROSTER_MAIL_RESET;
  fixture->row.params = (char *) "{\"token\":\"a+b/c=\",\"first_name\":\"Zo\xc3\xab\",\"expires_at\":1700003600}";
  message = write_ok (fixture, "https://127.0.0.1:8443/");

  parsed = send_and_parse (message);
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, "Reset your password");
  body = body_of (parsed);
  g_assert_nonnull (strstr (body, "Hello Zo\xc3\xab,"));
  g_assert_nonnull (strstr (body, "\nhttps://127.0.0.1:8443/reset?t=a%2Bb%2Fc%3D\n"));
  g_assert_nonnull (strstr (body, "works once, until"));
  g_assert_nonnull (strstr (body, "If you did not ask for this, ignore this message"));
  g_object_unref (parsed);
}

/* An account an import made: a password link, the course, the username. */
static void
test_invite (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autofree char *body = NULL;
  GMimeMessage *parsed;

  fixture->row.kind = ROSTER_MAIL_INVITE;
  fixture->row.params = (char *) "{\"token\":\"tok-inv\",\"first_name\":\"" ZHANG "\",\"username\":\"wei.zhang\","
                        "\"course_full_name\":\"Databases\",\"expires_at\":1700003600}";
  message = write_ok (fixture, NULL);

  parsed = send_and_parse (message);
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, "Your account for Databases");
  body = body_of (parsed);
  g_assert_nonnull (strstr (body, "Hello " ZHANG ","));
  g_assert_nonnull (strstr (body, "you are enrolled in Databases."));
  g_assert_nonnull (strstr (body, "\n" PUBLIC "/reset?t=tok-inv\n"));
  g_assert_nonnull (strstr (body, "works once, until"));
  g_assert_nonnull (strstr (body, "your username, wei.zhang,"));
  g_object_unref (parsed);
}

static void
test_welcome (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autoptr(RosterMailMessage) plain = NULL;
  g_autofree char *body = NULL;
  g_autofree char *plain_body = NULL;
  GMimeMessage *parsed;

  fixture->row.kind = ROSTER_MAIL_WELCOME;
  fixture->row.params = (char *) "{\"first_name\":\"" ZHANG "\",\"course_short_name\":\"CS101\","
                        "\"course_full_name\":\"Programming 1 \\u2014 " ZHANG "\",\"role\":\"guest\","
                        "\"message\":\"Welcome! The first meeting is on Monday.\"}";
  message = write_ok (fixture, NULL);

  parsed = send_and_parse (message);
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==, "Welcome to Programming 1 \xe2\x80\x94 " ZHANG);
  body = body_of (parsed);
  g_assert_nonnull (strstr (body, "enrolled in Programming 1 \xe2\x80\x94 " ZHANG " (CS101) as guest."));
  g_assert_nonnull (strstr (body, "\n\nWelcome! The first meeting is on Monday.\n\n"));
  g_assert_nonnull (strstr (body, "\n" PUBLIC "/account\n"));
  g_object_unref (parsed);

  /* A method without a welcome message. */
  fixture->row.params = (char *) "{\"first_name\":\"Ada\",\"course_short_name\":\"CS101\","
                        "\"course_full_name\":\"Programming 1\",\"role\":\"external_moderator\"}";
  plain = write_ok (fixture, NULL);
  parsed = send_and_parse (plain);
  plain_body = body_of (parsed);
  g_assert_nonnull (strstr (plain_body, "as external moderator."));
  g_assert_null (strstr (plain_body, "A message from the course"));
  g_object_unref (parsed);
}

static void
test_notify_enrolment (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autoptr(RosterMailMessage) existing = NULL;
  g_autofree char *body = NULL;
  g_autofree char *existing_body = NULL;
  GMimeMessage *parsed;

  fixture->row.kind = ROSTER_MAIL_NOTIFY_ENROLMENT;
  fixture->row.recipient = (char *) "admin@uni.example";
  fixture->row.recipient_name = (char *) "Ada Admin";
  fixture->row.params = (char *) "{\"course_short_name\":\"CS101\",\"course_full_name\":\"Programming 1\","
                        "\"user_name\":\"" ZHANG " " SCRIPT "\\r\\nBcc: x@evil.example\",\"user_email\":\"wei@example.org\","
                        "\"role\":\"guest\",\"method_name\":\"Visiting lecturers\",\"key_nickname\":\"Spring\","
                        "\"new_account\":true}";
  message = write_ok (fixture, NULL);

  parsed = send_and_parse (message);
  /* A line break in a name stays inside the subject. */
  g_assert_cmpstr (g_mime_message_get_subject (parsed), ==,
                   "New enrolment in CS101: " ZHANG " " SCRIPT "  Bcc: x@evil.example");
  g_assert_cmpint (internet_address_list_length (g_mime_message_get_bcc (parsed)), ==, 0);
  body = body_of (parsed);
  g_assert_nonnull (strstr (body, "(wei@example.org) has enrolled in Programming 1 (CS101) as guest, through "
                                  "\xe2\x80\x9cVisiting lecturers\xe2\x80\x9d with the key \xe2\x80\x9cSpring\xe2\x80\x9d."));
  g_assert_nonnull (strstr (body, "This is a new account"));
  g_object_unref (parsed);

  fixture->row.params = (char *) "{\"course_short_name\":\"CS101\",\"course_full_name\":\"Programming 1\","
                        "\"user_name\":\"Wei Zhang\",\"user_email\":\"wei@example.org\","
                        "\"role\":\"guest\",\"method_name\":\"Visiting lecturers\",\"key_nickname\":\"Spring\","
                        "\"new_account\":false}";
  existing = write_ok (fixture, NULL);
  parsed = send_and_parse (existing);
  existing_body = body_of (parsed);
  g_assert_nonnull (strstr (existing_body, "They already had an account."));
  g_object_unref (parsed);
}

/* A retry writes the very same message; another row, another one. */
static void
test_stable (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) first = NULL;
  g_autoptr(RosterMailMessage) again = NULL;
  g_autoptr(RosterMailMessage) other = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) again_bytes = NULL;

  fixture->row.kind = ROSTER_MAIL_RESET;
  fixture->row.params = (char *) "{\"token\":\"t\",\"first_name\":\"Ada\",\"expires_at\":1700003600}";
  first = write_ok (fixture, NULL);
  fixture->row.attempts = 3;
  again = write_ok (fixture, NULL);
  fixture->row.id = 43;
  other = write_ok (fixture, NULL);

  first_bytes = roster_mail_message_to_bytes (first, TRUE);
  again_bytes = roster_mail_message_to_bytes (again, TRUE);
  g_assert_true (g_bytes_equal (first_bytes, again_bytes));
  g_assert_cmpstr (g_mime_message_get_message_id (roster_mail_message_get_mime (first)), ==,
                   g_mime_message_get_message_id (roster_mail_message_get_mime (again)));
  g_assert_cmpstr (g_mime_message_get_message_id (roster_mail_message_get_mime (first)), !=,
                   g_mime_message_get_message_id (roster_mail_message_get_mime (other)));
}

static void
assert_refused (Fixture        *fixture,
                RosterMailKind  kind,
                const char     *params)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMailMessage) message = NULL;

  fixture->row.kind = kind;
  fixture->row.params = (char *) params;
  message = roster_mail_message_new (&fixture->row, fixture->config, NULL, &error);
  g_assert_null (message);
  g_assert_nonnull (error);
  g_test_message ("refused as it should be: %s", error->message);
}

static void
test_bad_params (Fixture       *fixture,
                 gconstpointer  user_data)
{
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, NULL);
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, "not json");
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, "[1, 2]");
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, "{\"first_name\":\"A\",\"courses\":[],\"expires_at\":1}");
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, "{\"token\":\"t\",\"first_name\":\"A\",\"expires_at\":1}");
  assert_refused (fixture, ROSTER_MAIL_CONFIRM, "{\"token\":\"t\",\"first_name\":\"A\",\"courses\":[1],\"expires_at\":1}");
  assert_refused (fixture, ROSTER_MAIL_RESET, "{\"token\":\"t\",\"first_name\":\"A\",\"expires_at\":\"soon\"}");
  assert_refused (fixture, ROSTER_MAIL_RESET, "{\"token\":7,\"first_name\":\"A\",\"expires_at\":1}");
  assert_refused (fixture, ROSTER_MAIL_WELCOME,
                  "{\"first_name\":\"A\",\"course_short_name\":\"C\",\"course_full_name\":\"C\",\"role\":\"king\"}");
  assert_refused (fixture, ROSTER_MAIL_NOTIFY_ENROLMENT,
                  "{\"course_short_name\":\"C\",\"course_full_name\":\"C\",\"user_name\":\"U\","
                  "\"user_email\":\"u@x\",\"role\":\"guest\",\"method_name\":\"M\",\"key_nickname\":\"K\"}");
  /* An invitation without its username. */
  assert_refused (fixture, ROSTER_MAIL_INVITE,
                  "{\"token\":\"t\",\"first_name\":\"A\",\"course_full_name\":\"C\",\"expires_at\":1}");

  /* An address an SMTP command could be split on. */
  fixture->row.recipient = (char *) "wei@example.org>\r\nRCPT TO:<x@evil.example";
  assert_refused (fixture, ROSTER_MAIL_RESET, "{\"token\":\"t\",\"first_name\":\"A\",\"expires_at\":1}");
  fixture->row.recipient = (char *) "no-at-sign";
  assert_refused (fixture, ROSTER_MAIL_RESET, "{\"token\":\"t\",\"first_name\":\"A\",\"expires_at\":1}");
}

static void
test_sender (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(RosterMailMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  GMimeMessage *parsed;

  g_assert_true (roster_mail_message_check_sender (fixture->config, &error));
  g_assert_no_error (error);

  g_free (fixture->config->mail_from);
  fixture->config->mail_from = g_strdup ("not an address");
  g_assert_false (roster_mail_message_check_sender (fixture->config, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_free (fixture->config->mail_from);
  fixture->config->mail_from = g_strdup ("a@uni.example, b@uni.example");
  g_assert_false (roster_mail_message_check_sender (fixture->config, &error));
  g_clear_error (&error);

  /* None set: roster@ the public host. */
  g_clear_pointer (&fixture->config->mail_from, g_free);
  g_assert_true (roster_mail_message_check_sender (fixture->config, &error));
  fixture->row.kind = ROSTER_MAIL_RESET;
  fixture->row.params = (char *) "{\"token\":\"t\",\"first_name\":\"A\",\"expires_at\":1700003600}";
  message = write_ok (fixture, NULL);
  g_assert_cmpstr (roster_mail_message_get_sender (message), ==, "roster@roster.example.org");
  parsed = send_and_parse (message);
  assert_mailbox (g_mime_message_get_from (parsed), "Roster", "roster@roster.example.org");
  g_object_unref (parsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, set_up, func, tear_down)
  ADD ("/mail/message/confirm", test_confirm);
  ADD ("/mail/message/confirm-no-courses", test_confirm_no_courses);
  ADD ("/mail/message/reset", test_reset);
  ADD ("/mail/message/invite", test_invite);
  ADD ("/mail/message/welcome", test_welcome);
  ADD ("/mail/message/notify-enrolment", test_notify_enrolment);
  ADD ("/mail/message/stable", test_stable);
  ADD ("/mail/message/bad-params", test_bad_params);
  ADD ("/mail/message/sender", test_sender);
#undef ADD

  return g_test_run ();
}
