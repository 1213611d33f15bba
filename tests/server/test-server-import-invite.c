/* test-server-import-invite.c: invitations to the accounts an import
 * makes, written to the demo server's drop folder: one per new
 * account, with a link that sets the password; none from a dry run, a
 * cancelled job, or for people who had an account
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <gmime/gmime.h>

#include "test-server-import-util.h"
#include "test-web-util.h"

#define WAIT_SECONDS 60
#define NEW_PASSWORD "a long passphrase of my own"

/* Two new people and one who is in CS205 already. */
static const char invite_csv[] =
  "username,firstname,lastname,email\n"
  "inv.one,Ines,Ortega,inv.one@partner.example\n"
  "k.zhang,凯,张,k.zhang@student.uni.example\n"
  "inv.two,Wang,Wei,inv.two@partner.example\n";

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in the drop folder, sorted: "1-invite.eml …". */
static char *
dropped (RosterTestServer *server)
{
  g_autofree char *folder = g_build_filename (roster_test_server_get_data_dir (server), "mail", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static GMimeMessage *
read_mail (RosterTestServer *server,
           const char       *file)
{
  g_autofree char *path = g_build_filename (roster_test_server_get_data_dir (server), "mail", file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  stream = g_mime_stream_mem_new_with_buffer (contents, length);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  g_object_unref (parser);
  g_object_unref (stream);

  return message;
}

static const char *
recipient (GMimeMessage *message)
{
  InternetAddressList *to = g_mime_message_get_to (message);

  g_assert_cmpint (internet_address_list_length (to), ==, 1);
  return internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (internet_address_list_get_address (to, 0)));
}

static void
wait_for_mail (RosterTestServer *server,
               guint             id)
{
  g_autofree char *said = g_strdup_printf ("Mail %u (invite) written to", id);

  g_assert_true (roster_test_server_wait_for_log (server, said, WAIT_SECONDS));
}

static gint64
submit_invitations (RosterTestServer *server,
                    const char       *token,
                    const char       *csv)
{
  return import_submit (server, token, 2, "send_invitations=true", csv);
}

static void
test_invitations (void)
{
  /* Job 2 waits once it has written its first row, until cancelled. */
  static const char * const environment[] = { "ROSTER_TEST_IMPORT_STALL=2:importing:1", NULL };
  RosterTestServerOptions options = { .demo = TRUE, .environment = environment };
  RosterTestServer *server = roster_test_server_start (&options);
  g_autofree char *token = import_login (server, "m.chen");
  g_autofree char *admin = import_login (server, "admin");
  g_autofree char *files = NULL;
  g_autofree char *cancelled_csv = import_new_people_csv (2, "cxl");
  g_autofree char *last_csv = import_new_people_csv (1, "last");
  g_autoptr(RosterTestResponse) dry = NULL;
  g_autoptr(RosterTestResponse) cancel = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) stopped = NULL;
  g_autoptr(JsonObject) last = NULL;
  g_autofree char *body = NULL;
  g_autofree char *link = NULL;
  g_autofree char *new_token = NULL;
  g_autofree char *last_file = NULL;
  g_autofree char *expected_files = NULL;
  GMimeMessage *message;
  gint64 last_id;
  gint64 id;

  /* A dry run says what would happen and sends nothing. */
  dry = import_post (server, token, "/api/v1/courses/2/imports?dry_run=true&send_invitations=true", "text/csv",
                     invite_csv, -1);
  g_assert_cmpuint (dry->status, ==, 200);

  /* Job 1: the two new people are invited, k.zhang is not. */
  id = submit_invitations (server, token, invite_csv);
  done = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (done, "state"), ==, "done");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (done, "options"),
                                                 "send_invitations"));
  wait_for_mail (server, 1);
  wait_for_mail (server, 2);
  files = dropped (server);
  g_assert_cmpstr (files, ==, "1-invite.eml 2-invite.eml");
  g_clear_pointer (&files, g_free);
  g_assert_cmpuint (import_count_audit (server, admin, "user.invited"), ==, 2);

  message = read_mail (server, "1-invite.eml");
  g_assert_cmpstr (recipient (message), ==, "inv.one@partner.example");
  g_assert_cmpstr (g_mime_message_get_subject (message), ==, "Your account for Databases");
  body = g_mime_text_part_get_text (GMIME_TEXT_PART (g_mime_message_get_mime_part (message)));
  g_assert_nonnull (strstr (body, "Hello Ines,"));
  g_assert_nonnull (strstr (body, "inv.one"));
  link = web_link (body, "/reset?t=");
  g_object_unref (message);

  message = read_mail (server, "2-invite.eml");
  g_assert_cmpstr (recipient (message), ==, "inv.two@partner.example");
  g_object_unref (message);

  /* The link sets the password, once; then the person signs in. */
  {
    g_autoptr(RosterTestWeb) web = roster_test_web_new (server);
    g_autoptr(RosterTestPage) page = roster_test_web_get (web, link);
    g_autofree char *reset_token = NULL;
    g_autoptr(RosterTestPage) saved = NULL;
    g_autoptr(RosterTestPage) again = NULL;

    g_assert_cmpuint (page->status, ==, 200);
    reset_token = roster_test_page_input (page, "t");
    saved = roster_test_web_post (web, "/reset", "t", reset_token, "password", NEW_PASSWORD,
                                  "password2", NEW_PASSWORD, NULL);
    g_assert_cmpuint (saved->status, ==, 200);
    again = roster_test_web_post (web, "/reset", "t", reset_token, "password", NEW_PASSWORD,
                                  "password2", NEW_PASSWORD, NULL);
    g_assert_cmpuint (again->status, ==, 410);
  }
  new_token = roster_test_login (server, "inv.one", NEW_PASSWORD);
  g_assert_nonnull (new_token);

  /* Job 2, cancelled after writing a row (and queuing its invitation):
   * rolled back, so nothing goes out. */
  id = submit_invitations (server, token, cancelled_csv);
  import_wait_stalled (server, token, id, "importing", 1);
  cancel = import_post (server, token, "/api/v1/imports/2/cancel", NULL, NULL, 0);
  g_assert_cmpuint (cancel->status, ==, 202);
  stopped = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (stopped, "state"), ==, "cancelled");

  /* Job 3's invitation is the next message, and the only one since. Its
   * id is 3 on SQLite; PostgreSQL's identities do not roll back, so there
   * job 2's cancelled invitation used 3 up and job 3's is 4. */
  id = submit_invitations (server, token, last_csv);
  last = import_wait (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (last, "state"), ==, "done");
  g_assert_cmpint (roster_test_server_query_int (server, "SELECT count(*) FROM mail_outbox"), ==, 3);
  last_id = roster_test_server_query_int (server, "SELECT max(id) FROM mail_outbox");
  g_assert_cmpint (last_id, ==, roster_test_database_is_postgresql () ? 4 : 3);
  wait_for_mail (server, (guint) last_id);
  files = dropped (server);
  last_file = g_strdup_printf ("%" G_GINT64_FORMAT "-invite.eml", last_id);
  expected_files = g_strdup_printf ("1-invite.eml 2-invite.eml %s", last_file);
  g_assert_cmpstr (files, ==, expected_files);
  message = read_mail (server, last_file);
  g_assert_cmpstr (recipient (message), ==, "last.person1@partner.example");
  g_object_unref (message);
  g_assert_cmpuint (import_count_audit (server, admin, "user.invited"), ==, 3);

  roster_test_server_stop (server);
}

/* A server that cannot send mail at all refuses invitations. The demo
 * data is made by a demo server first; without --demo there is no drop
 * folder. */
static void
test_no_mail (void)
{
  g_autofree char *data_dir = g_dir_make_tmp ("roster-import-invite-XXXXXX", NULL);
  RosterTestServerOptions demo = { .demo = TRUE, .data_dir = data_dir };
  RosterTestServerOptions plain = { .data_dir = data_dir };
  RosterTestServer *server;
  g_autofree char *token = NULL;
  g_autofree char *csv = import_new_people_csv (1, NULL);
  g_autoptr(RosterTestResponse) refused = NULL;
  g_autoptr(RosterTestResponse) without = NULL;

  server = roster_test_server_start (&demo);
  roster_test_server_stop (server);

  server = roster_test_server_start (&plain);
  token = import_login (server, "m.chen");
  refused = import_post (server, token, "/api/v1/courses/2/imports?dry_run=true&send_invitations=true", "text/csv",
                         csv, -1);
  g_assert_cmpuint (refused->status, ==, 422);
  g_assert_cmpstr (roster_test_response_error_code (refused), ==, "validation_failed");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (refused->body, NULL), g_bytes_get_size (refused->body),
                                  "no mail relay"));
  without = import_post (server, token, "/api/v1/courses/2/imports?dry_run=true", "text/csv", csv, -1);
  g_assert_cmpuint (without->status, ==, 200);
  roster_test_server_stop (server);

  roster_test_rm_rf (data_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/import-invite/invitations", test_invitations);
  g_test_add_func ("/import-invite/no-mail", test_no_mail);

  return g_test_run ();
}
