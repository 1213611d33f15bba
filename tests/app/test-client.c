/* test-client.c: RosterClient against a real roster-server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-demo.h"
#include "roster-error.h"
#include "roster-participant.h"
#include "roster-test-server.h"

#define CS205_ID   2
#define CS205_SIZE 54

typedef struct
{
  RosterTestServer *server;
  RosterTrustStore *trust;
  RosterClient     *client;
  char             *dir;
  char             *fingerprint;
} Fixture;

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static char *
server_fingerprint (RosterTestServer *server)
{
  g_autofree char *path = g_build_filename (roster_test_server_get_data_dir (server), "cert.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (path, &error);

  g_assert_no_error (error);
  return roster_certificate_fingerprint (cert);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  RosterTestServerOptions options = { .demo = TRUE };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->server = roster_test_server_start (&options);
  fixture->dir = g_dir_make_tmp ("roster-trust-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "roster", "trusted-certificates.ini", NULL);
  fixture->trust = roster_trust_store_new (path);
  fixture->client = roster_client_new (roster_test_server_get_url (fixture->server), fixture->trust);
  fixture->fingerprint = server_fingerprint (fixture->server);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->client);
  g_assert_finalize_object (fixture->trust);
  roster_test_server_stop (fixture->server);
  roster_test_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->fingerprint);
}

static void
trust_server (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  roster_trust_store_trust (fixture->trust, roster_client_get_host (fixture->client), fixture->fingerprint, &error);
  g_assert_no_error (error);
}

static RosterUser *
login (Fixture     *fixture,
       const char  *username,
       const char  *password,
       char       **token,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  roster_client_login_async (fixture->client, username, password, NULL, result_cb, &result);
  return roster_client_login_finish (fixture->client, wait_for (&result), token, error);
}

static void
sign_in (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;

  trust_server (fixture);
  user = login (fixture, "m.chen", ROSTER_DEMO_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
}

/* An unknown self-signed certificate stops the request; its details
 * are there to show; once trusted (pinned) the same server is reached. */
static void
test_certificate_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(RosterTrustStore) reopened = NULL;
  g_autofree char *pinned = NULL;
  RosterCertificateInfo *info;

  user = login (fixture, "m.chen", ROSTER_DEMO_PASSWORD, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));

  info = roster_client_get_rejected_certificate (fixture->client);
  g_assert_nonnull (info);
  g_assert_cmpstr (roster_certificate_info_get_host (info), ==, roster_client_get_host (fixture->client));
  g_assert_cmpstr (roster_certificate_info_get_fingerprint (info), ==, fixture->fingerprint);
  g_assert_cmpuint (strlen (fixture->fingerprint), ==, 32 * 3 - 1);
  g_assert_nonnull (roster_certificate_info_get_subject (info));
  g_assert_nonnull (roster_certificate_info_get_issuer (info));
  g_assert_null (roster_certificate_info_get_pinned_fingerprint (info));
  g_assert_cmpint (g_date_time_compare (roster_certificate_info_get_not_before (info), now), <=, 0);
  g_assert_cmpint (g_date_time_compare (roster_certificate_info_get_not_after (info), now), >, 0);
  g_clear_error (&error);

  /* Only the explicit trust of this fingerprint lets it through. */
  roster_trust_store_trust (fixture->trust, roster_certificate_info_get_host (info),
                            roster_certificate_info_get_fingerprint (info), &error);
  g_assert_no_error (error);
  user = login (fixture, "m.chen", ROSTER_DEMO_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_username (user), ==, "m.chen");

  /* The pin is kept in the file. */
  reopened = roster_trust_store_new (roster_trust_store_get_path (fixture->trust));
  pinned = roster_trust_store_lookup (reopened, roster_client_get_host (fixture->client));
  g_assert_cmpstr (pinned, ==, fixture->fingerprint);
}

/* A pinned host that shows another certificate is refused with its own
 * error, never accepted. */
static void
test_certificate_changed (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *other = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                             "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  RosterCertificateInfo *info;

  roster_trust_store_trust (fixture->trust, roster_client_get_host (fixture->client), other, &error);
  g_assert_no_error (error);

  user = login (fixture, "m.chen", ROSTER_DEMO_PASSWORD, NULL, &error);
  g_assert_null (user);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_CHANGED);

  info = roster_client_get_rejected_certificate (fixture->client);
  g_assert_cmpstr (roster_certificate_info_get_fingerprint (info), ==, fixture->fingerprint);
  g_assert_cmpstr (roster_certificate_info_get_pinned_fingerprint (info), ==, other);
  g_clear_error (&error);

  /* Forgetting the pin makes it unknown again, not trusted. */
  roster_trust_store_forget (fixture->trust, roster_client_get_host (fixture->client), &error);
  g_assert_no_error (error);
  user = login (fixture, "m.chen", ROSTER_DEMO_PASSWORD, NULL, &error);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN);
}

static void
test_login (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autofree char *token = NULL;

  trust_server (fixture);

  user = login (fixture, "m.chen", "not the password", &token, &error);
  g_assert_null (user);
  g_assert_null (token);
  /* The server's own code and words. */
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_CREDENTIALS);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (roster_client_get_token (fixture->client));
  g_clear_error (&error);

  user = login (fixture, "M.Chen", ROSTER_DEMO_PASSWORD, &token, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_username (user), ==, "m.chen");
  g_assert_cmpuint (strlen (token), >=, 43);
  g_assert_cmpstr (roster_client_get_token (fixture->client), ==, token);
}

static void
test_me_and_courses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GAsyncResult) result3 = NULL;
  g_autoptr(RosterUser) me = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(GListModel) found = NULL;
  gboolean seen = FALSE;

  sign_in (fixture);

  roster_client_get_me_async (fixture->client, NULL, result_cb, &result);
  me = roster_client_get_me_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (roster_user_get_username (me), ==, "m.chen");

  roster_client_list_courses_async (fixture->client, NULL, NULL, result_cb, &result2);
  courses = roster_client_list_courses_finish (fixture->client, wait_for (&result2), &error);
  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (courses) == ROSTER_TYPE_COURSE);
  for (guint i = 0; i < g_list_model_get_n_items (courses); i++)
    {
      g_autoptr(RosterCourse) course = g_list_model_get_item (courses, i);

      if (roster_course_get_id (course) == CS205_ID)
        {
          seen = TRUE;
          g_assert_cmpstr (roster_course_get_short_name (course), ==, "CS205");
          g_assert_cmpint (roster_course_get_participant_count (course), ==, CS205_SIZE);
        }
    }
  g_assert_true (seen);

  roster_client_list_courses_async (fixture->client, "cs205", NULL, result_cb, &result3);
  found = roster_client_list_courses_finish (fixture->client, wait_for (&result3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 1);
}


typedef struct
{
  GPtrArray *rows;
  guint      n_batches;
  guint      last_loaded;
} Batches;

static void
batch_cb (GPtrArray *batch,
          guint      n_loaded,
          gpointer   user_data)
{
  Batches *batches = user_data;

  g_assert_cmpuint (batch->len, >, 0);
  g_assert_cmpuint (n_loaded, ==, batches->last_loaded + batch->len);
  batches->last_loaded = n_loaded;
  batches->n_batches++;
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (batches->rows, g_object_ref (batch->pdata[i]));
}

static gboolean
stream (Fixture    *fixture,
        gint64      course_id,
        GHashTable *filters,
        Batches    *batches,
        GCancellable *cancellable,
        GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint n_rows = 0;
  gboolean ok;

  batches->rows = g_ptr_array_new_with_free_func (g_object_unref);
  roster_client_stream_participants_async (fixture->client, course_id, filters, batch_cb, batches, NULL,
                                           cancellable, result_cb, &result);
  ok = roster_client_stream_participants_finish (fixture->client, wait_for (&result), &n_rows, error);
  if (ok)
    g_assert_cmpuint (n_rows, ==, batches->rows->len);
  return ok;
}

static void
count_cb (RosterClient *client,
          guint        *count)
{
  (*count)++;
}

static void
get_me_fails (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RosterUser) me = NULL;

  roster_client_get_me_async (fixture->client, NULL, result_cb, &result);
  me = roster_client_get_me_finish (fixture->client, wait_for (&result), &error);
  g_assert_null (me);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN);
}

/* A token the server no longer takes asks for a new sign-in: the
 * requests fail, and "sign-in-needed" comes once per token, whether
 * the JSON requests or the participant stream met the 401. */
static void
test_sign_in_again (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Batches none = { 0, };
  guint needed = 0;

  trust_server (fixture);
  g_signal_connect (fixture->client, "sign-in-needed", G_CALLBACK (count_cb), &needed);
  roster_client_set_token (fixture->client, "not-a-token");

  get_me_fails (fixture);
  g_assert_cmpuint (needed, ==, 1);
  get_me_fails (fixture);
  g_assert_false (stream (fixture, CS205_ID, NULL, &none, NULL, &error));
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN);
  g_assert_cmpuint (needed, ==, 1);

  /* A new token, refused in turn, asks again, from the stream alone. */
  roster_client_set_token (fixture->client, "still-not-a-token");
  g_clear_error (&error);
  g_ptr_array_unref (none.rows);
  g_assert_false (stream (fixture, CS205_ID, NULL, &none, NULL, &error));
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN);
  g_assert_cmpuint (needed, ==, 2);

  /* A wrong password is not an expired token. */
  g_clear_error (&error);
  g_assert_null (login (fixture, "m.chen", "wrong password", NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (needed, ==, 2);

  g_ptr_array_unref (none.rows);
}

static void
test_stream (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  Batches all = { 0, }, one = { 0, };
  RosterParticipant *zhang;

  sign_in (fixture);
  roster_client_set_batch_size (fixture->client, 10);

  g_assert_true (stream (fixture, CS205_ID, NULL, &all, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all.rows->len, ==, CS205_SIZE);
  g_assert_cmpuint (all.n_batches, >=, CS205_SIZE / 10);

  g_hash_table_insert (filters, (gpointer) "q", (gpointer) "k.zhang");
  g_assert_true (stream (fixture, CS205_ID, filters, &one, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (one.rows->len, ==, 1);
  zhang = one.rows->pdata[0];
  g_assert_cmpstr (roster_participant_get_username (zhang), ==, "k.zhang");
  g_assert_cmpstr (roster_participant_get_first_name (zhang), ==, "凯");
  g_assert_true (roster_participant_has_role (zhang, ROSTER_ROLE_STUDENT));
  g_assert_cmpstr (roster_participant_get_group_names (zhang)[0], ==, "Group A");

  g_ptr_array_unref (all.rows);
  g_ptr_array_unref (one.rows);
}

static void
test_stream_errors (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Batches none = { 0, }, bad = { 0, }, cancelled = { 0, };

  sign_in (fixture);

  g_assert_false (stream (fixture, 999, NULL, &none, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_assert_cmpuint (none.rows->len, ==, 0);
  g_clear_error (&error);

  g_hash_table_insert (filters, (gpointer) "role", (gpointer) "wizard");
  g_assert_false (stream (fixture, CS205_ID, filters, &bad, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  g_assert_false (stream (fixture, CS205_ID, NULL, &cancelled, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancelled.rows->len, ==, 0);

  g_ptr_array_unref (none.rows);
  g_ptr_array_unref (bad.rows);
  g_ptr_array_unref (cancelled.rows);
}

static void
test_no_server (void)
{
  g_autofree char *dir = g_dir_make_tmp ("roster-trust-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trust.ini", NULL);
  g_autoptr(RosterTrustStore) trust = roster_trust_store_new (path);
  /* Port 1 on loopback: nothing listens there. */
  g_autoptr(RosterClient) client = roster_client_new ("https://127.0.0.1:1", trust);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterUser) me = NULL;

  g_assert_cmpstr (roster_client_get_host (client), ==, "127.0.0.1:1");
  roster_client_get_me_async (client, NULL, result_cb, &result);
  me = roster_client_get_me_finish (client, wait_for (&result), &error);
  g_assert_null (me);
  g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK);
  roster_test_rm_rf (dir);
}

/* Answers a server could give if it failed half-way or were another
 * program: served over plain HTTP by a SoupServer of the test's own. */
#define LIST_HEADER "[[\"enrolment_id\",\"user_id\",\"username\",\"type\",\"roles\",\"status\"]\n"
#define LIST_ROW ",[1,2,\"a\",\"student\",[\"student\"],\"active\"]\n"

static const char * const framing_bodies[] = {
  LIST_HEADER LIST_ROW LIST_ROW "]\n",              /* 1: whole */
  LIST_HEADER LIST_ROW LIST_ROW,                     /* 2: cut before "]" */
  LIST_HEADER LIST_ROW ",[1,2,\"a\"",                /* 3: cut inside a row */
  LIST_HEADER LIST_ROW "garbage\n]\n",               /* 4: not a row */
  LIST_HEADER ",[1,2,\"a\",\"robot\",[],\"active\"]\n]\n",  /* 5: a bad value */
  "{\"participants\": []}\n",                       /* 6: not a list */
  LIST_HEADER "]\n,[1]\n",                           /* 7: rows after the end */
  "",                                                /* 8: empty */
};

static void
framing_handler (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  guint n = 0;

  if (sscanf (path, "/api/v1/courses/%u/participants", &n) != 1 || n < 1 || n > G_N_ELEMENTS (framing_bodies))
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    framing_bodies[n - 1], strlen (framing_bodies[n - 1]));
}

/* What /me and /courses answer on the test's own server: by the
 * X-Answer header of the request. */
static void
answers_handler (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer          user_data)
{
  static const struct { guint status; const char *body; } answers[] = {
    { 200, "{\"user\": {\"id\": \"two\", \"username\": \"m.chen\"}}" },   /* 0: wrong type */
    { 200, "{\"users\": []}" },                                             /* 1: no user */
    { 200, "<html>not JSON</html>" },                                       /* 2 */
    { 200, "{\"courses\": [{\"id\": 1}]}" },                                /* 3: half a course */
    { 200, "{\"courses\": {}}" },                                           /* 4 */
    { 500, "Internal Server Error" },                                       /* 5 */
    { 401, "{\"error\": {\"code\": \"token_expired\", \"message\": \"Expired.\", \"details\": []}}" },
    { 423, "{\"error\": {\"code\": \"account_locked\", \"message\": \"Locked for now.\", \"details\": []}}" },
    { 418, "" },                                                            /* 8 */
    { 200, "{\"user\": {\"id\": 2, \"username\": \"m.chen\", \"type\": \"staff\", \"state\": \"active\"" }, /* 9: cut */
  };
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *which = soup_message_headers_get_one (headers, "Authorization");
  guint n = which != NULL ? (guint) g_ascii_strtoull (which + strlen ("Bearer "), NULL, 10) : 0;

  g_assert_cmpuint (n, <, G_N_ELEMENTS (answers));
  soup_server_message_set_status (message, answers[n].status, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    answers[n].body, strlen (answers[n].body));
}

/* Bad, partial and failed answers are errors with the right code,
 * never a crash or half a model. */
static void
test_bad_answers (void)
{
  static const struct { guint answer; gboolean courses; GQuark (*domain) (void); int code; } cases[] = {
    { 0, FALSE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 1, FALSE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 2, FALSE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 3, TRUE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 4, TRUE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 5, FALSE, roster_error_quark, ROSTER_ERROR_INTERNAL },
    { 6, TRUE, roster_client_error_quark, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN },
    { 7, FALSE, roster_error_quark, ROSTER_ERROR_ACCOUNT_LOCKED },
    { 8, FALSE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 9, FALSE, roster_client_error_quark, ROSTER_CLIENT_ERROR_BAD_ANSWER },
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("roster-trust-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trust.ini", NULL);
  g_autoptr(RosterTrustStore) trust = roster_trust_store_new (path);
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, answers_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  client = roster_client_new (url, trust);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *token = g_strdup_printf ("%u", cases[i].answer);
      g_autoptr(GObject) model = NULL;

      g_test_message ("answer %u", cases[i].answer);
      roster_client_set_token (client, token);
      if (cases[i].courses)
        {
          roster_client_list_courses_async (client, NULL, NULL, result_cb, &result);
          model = G_OBJECT (roster_client_list_courses_finish (client, wait_for (&result), &error));
        }
      else
        {
          roster_client_get_me_async (client, NULL, result_cb, &result);
          model = G_OBJECT (roster_client_get_me_finish (client, wait_for (&result), &error));
        }
      g_assert_null (model);
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }
  roster_test_rm_rf (dir);
}

static void
test_stream_framing (void)
{
  static const struct { GQuark domain; int code; } expected[] = {
    { 0, 0 },
    { 0, ROSTER_CLIENT_ERROR_INCOMPLETE },
    { 0, ROSTER_CLIENT_ERROR_INCOMPLETE },
    { 0, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 0, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 0, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 0, ROSTER_CLIENT_ERROR_BAD_ANSWER },
    { 0, ROSTER_CLIENT_ERROR_INCOMPLETE },
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autofree char *dir = g_dir_make_tmp ("roster-trust-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "trust.ini", NULL);
  g_autoptr(RosterTrustStore) trust = roster_trust_store_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  Fixture fixture = { 0, };

  soup_server_add_handler (server, NULL, framing_handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = roster_client_new (url, trust);
  fixture.client = client;
  for (guint i = 0; i < G_N_ELEMENTS (framing_bodies); i++)
    {
      Batches batches = { 0, };
      gboolean ok;

      g_test_message ("answer %u", i + 1);
      ok = stream (&fixture, i + 1, NULL, &batches, NULL, &error);
      if (expected[i].code == 0 && i == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (batches.rows->len, ==, 2);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, ROSTER_CLIENT_ERROR, expected[i].code);
          g_clear_error (&error);
        }
      g_ptr_array_unref (batches.rows);
    }
  roster_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/certificate-unknown", test_certificate_unknown);
  ADD ("/client/certificate-changed", test_certificate_changed);
  ADD ("/client/login", test_login);
  ADD ("/client/me-and-courses", test_me_and_courses);
  ADD ("/client/sign-in-again", test_sign_in_again);
  ADD ("/client/stream", test_stream);
  ADD ("/client/stream-errors", test_stream_errors);
  g_test_add_func ("/client/no-server", test_no_server);
  g_test_add_func ("/client/stream-framing", test_stream_framing);
  g_test_add_func ("/client/bad-answers", test_bad_answers);

#undef ADD

  return g_test_run ();
}
