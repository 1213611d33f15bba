/* test-web-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmime/gmime.h>

#include "roster-demo.h"
#include "test-web-util.h"

void
web_fixture_set_up (WebFixture    *fixture,
                    gconstpointer  data)
{
  g_autofree char *config = NULL;
  g_autoptr(RosterTestResponse) courses = NULL;
  RosterTestServerOptions options = { .demo = TRUE };
  JsonArray *list;

  fixture->sink = roster_test_smtp_sink_start (NULL);
  config = g_strdup_printf ("[mail]\nsmtp-host = 127.0.0.1\nsmtp-port = %u\nsmtp-security = none\n"
                            "from = Roster <roster@uni.example>\n%s",
                            roster_test_smtp_sink_get_port (fixture->sink),
                            data != NULL ? (const char *) data : "");
  options.config = config;
  fixture->server = roster_test_server_start (&options);
  fixture->admin = roster_test_login (fixture->server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);

  courses = roster_test_get (fixture->server, "/api/v1/courses?q=CS101", fixture->admin);
  g_assert_cmpuint (courses->status, ==, 200);
  list = json_object_get_array_member (roster_test_response_object (courses), "courses");
  g_assert_cmpuint (json_array_get_length (list), >=, 1);
  fixture->course_id = json_object_get_int_member (json_array_get_object_element (list, 0), "id");
}

void
web_fixture_tear_down (WebFixture    *fixture,
                       gconstpointer  data)
{
  g_clear_pointer (&fixture->server, roster_test_server_stop);
  g_clear_pointer (&fixture->sink, roster_test_smtp_sink_free);
  g_clear_pointer (&fixture->admin, g_free);
}

char *
web_make_key (WebFixture *fixture,
              gint64      course_id,
              const char *method_json,
              const char *key_json,
              gint64     *method_id,
              gint64     *key_id)
{
  g_autofree char *methods = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", course_id);
  g_autofree char *keys = NULL;
  g_autoptr(RosterTestResponse) method = NULL;
  g_autoptr(RosterTestResponse) key = NULL;
  gint64 mid;

  method = roster_test_post_json (fixture->server, methods, fixture->admin, method_json);
  g_assert_cmpuint (method->status, ==, 201);
  mid = json_object_get_int_member (roster_test_response_object (method), "id");
  if (method_id != NULL)
    *method_id = mid;

  keys = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", mid);
  key = roster_test_post_json (fixture->server, keys, fixture->admin, key_json);
  g_assert_cmpuint (key->status, ==, 201);
  if (key_id != NULL)
    *key_id = json_object_get_int_member (roster_test_response_object (key), "id");

  return g_strdup (json_object_get_string_member (roster_test_response_object (key), "secret"));
}

char *
web_next_mail (WebFixture  *fixture,
               char       **to,
               char       **subject)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *envelope = NULL;
  g_autoptr(JsonParser) json = json_parser_new ();
  GMimeStream *stream, *out;
  GMimeParser *parser;
  GMimeMessage *message;
  GMimeObject *body;
  GByteArray *array;
  char *text;
  guint n = ++fixture->mail_seen;

  g_assert_true (roster_test_smtp_sink_wait (fixture->sink, n, 60));
  bytes = roster_test_smtp_sink_get_message (fixture->sink, n);

  envelope = roster_test_smtp_sink_get_envelope (fixture->sink, n);
  g_assert_true (json_parser_load_from_data (json, envelope, -1, NULL));
  if (to != NULL)
    *to = g_strdup (json_array_get_string_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (json)), "rcpt_tos"), 0));

  stream = g_mime_stream_mem_new_with_buffer (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);

  if (subject != NULL)
    *subject = g_strdup (g_mime_message_get_subject (message));

  body = g_mime_message_get_body (message);
  while (GMIME_IS_MULTIPART (body))
    body = g_mime_multipart_get_part (GMIME_MULTIPART (body), 0);
  g_assert_true (GMIME_IS_PART (body));

  /* The text as written, whatever transfer encoding carried it. */
  out = g_mime_stream_mem_new ();
  g_mime_data_wrapper_write_to_stream (g_mime_part_get_content (GMIME_PART (body)), out);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (out));
  text = g_strndup ((const char *) array->data, array->len);

  g_object_unref (out);
  g_object_unref (message);
  g_object_unref (parser);
  g_object_unref (stream);

  return text;
}

char *
web_link (const char *text,
          const char *path)
{
  const char *start = strstr (text, path);
  const char *end;

  g_assert_nonnull (start);
  for (end = start; *end != '\0' && !g_ascii_isspace (*end) && *end != '>' && *end != '"'; end++)
    ;
  return g_strndup (start, end - start);
}

RosterTestPage *
web_signup (RosterTestWeb *web,
            const char    *first_name,
            const char    *last_name,
            const char    *email,
            const char    *password,
            const char    *key)
{
  g_autoptr(RosterTestPage) form = roster_test_web_get (web, "/signup");

  g_assert_cmpuint (form->status, ==, 200);
  return roster_test_web_post (web, "/signup", "first_name", first_name, "last_name", last_name,
                               "email", email, "password", password, "password2", password,
                               "key", key, NULL);
}

RosterTestPage *
web_signup_confirmed (WebFixture    *fixture,
                      RosterTestWeb *web,
                      const char    *email,
                      const char    *key)
{
  g_autoptr(RosterTestPage) page = web_signup (web, "Test", "Person", email, WEB_PASSWORD, key);
  g_autoptr(RosterTestPage) button = NULL;
  g_autofree char *text = NULL;
  g_autofree char *to = NULL;
  g_autofree char *link = NULL;
  g_autofree char *token = NULL;

  g_assert_cmpuint (page->status, ==, 200);
  g_assert_true (roster_test_page_has (page, "Check your e-mail"));

  text = web_next_mail (fixture, &to, NULL);
  g_assert_cmpstr (to, ==, email);
  link = web_link (text, "/confirm?t=");

  button = roster_test_web_get (web, link);
  g_assert_cmpuint (button->status, ==, 200);
  token = roster_test_page_input (button, "t");
  return roster_test_web_post (web, "/confirm", "t", token, NULL);
}

guint
web_count_users (WebFixture *fixture,
                 const char *email)
{
  g_autofree char *escaped = g_uri_escape_string (email, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/users?q=%s", escaped);
  g_autoptr(RosterTestResponse) users = roster_test_get (fixture->server, path, fixture->admin);

  g_assert_cmpuint (users->status, ==, 200);
  return json_array_get_length (json_object_get_array_member (roster_test_response_object (users), "users"));
}

JsonObject *
web_participant (WebFixture *fixture,
                 gint64      course_id,
                 const char *email)
{
  g_autofree char *escaped = g_uri_escape_string (email, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/participants?q=%s",
                                           course_id, escaped);
  g_autoptr(RosterTestResponse) list = roster_test_get (fixture->server, path, fixture->admin);
  JsonArray *participants;

  g_assert_cmpuint (list->status, ==, 200);
  participants = json_object_get_array_member (roster_test_response_object (list), "participants");
  if (json_array_get_length (participants) == 0)
    return NULL;
  g_assert_cmpuint (json_array_get_length (participants), ==, 1);
  return json_object_ref (json_array_get_object_element (participants, 0));
}
