/* roster-test-server.h: a real roster-server process for a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test starts its own roster-server (the binary meson built, named
 * by $ROSTER_SERVER) in a fresh temporary data folder on a free loopback
 * port, talks HTTPS to it with libsoup trusting only the certificate the
 * server made, and stops it with SIGTERM, expecting a clean exit (under
 * the sanitizers that also means: no leaks).
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "roster-storage.h"

G_BEGIN_DECLS

typedef struct _RosterTestServer RosterTestServer;

typedef struct
{
  gboolean    demo;        /* start with --demo */
  const char *config;      /* INI text for --config, or NULL */
  const char *data_dir;    /* an existing folder to use (kept), or NULL */
  const char * const *environment;  /* more "NAME=value" for the server, or NULL */
  gboolean    sqlite;      /* on an SQLite file even with ROSTER_TEST_DATABASE=postgresql */
} RosterTestServerOptions;

typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;
  JsonNode           *json;   /* NULL when the body is empty or not JSON */
} RosterTestResponse;

RosterTestServer   *roster_test_server_start        (const RosterTestServerOptions *options);
void                roster_test_server_stop         (RosterTestServer   *self);
/* Ends the server with SIGKILL, as a crash or a power cut would; use a
 * data_dir of the test's own to start it again on the same data. */
void                roster_test_server_kill         (RosterTestServer   *self);
const char         *roster_test_server_get_url      (RosterTestServer   *self);
const char         *roster_test_server_get_data_dir (RosterTestServer   *self);
SoupSession        *roster_test_server_get_session  (RosterTestServer   *self);
/* The server's stderr so far (it runs with --verbose). */
char               *roster_test_server_read_log     (RosterTestServer   *self);
/* Waits until the server's log holds @text (it is watched, not polled);
 * FALSE after @timeout_seconds without it. */
gboolean            roster_test_server_wait_for_log (RosterTestServer   *self,
                                                     const char         *text,
                                                     guint               timeout_seconds);
/* The server's database, opened from the test to check what was kept. */
RosterStorage      *roster_test_server_open_storage (RosterTestServer   *self);
/* The database of the data folder @data_dir, opened from the test before
 * any server runs on it (made if need be, and found again by a server
 * started with that data_dir). */
RosterStorage      *roster_test_open_data_dir_storage (const char    *data_dir);
/* Whether the servers run on PostgreSQL (ROSTER_TEST_DATABASE=postgresql,
 * see pg-cluster.sh) rather than on an SQLite file in their data folder. */
gboolean            roster_test_database_is_postgresql (void);
/* With ROSTER_TEST_DATABASE=postgresql, the URI of the database a server
 * started on @data_dir (made if missing) uses, made now if need be, for a
 * test to reach it before any server does; NULL on SQLite. */
char               *roster_test_database_for_data_dir (const char   *data_dir);
/* The first column of the first row of @sql (plain SQL that SQLite and
 * PostgreSQL both read), run on the server's database outside the
 * storage interface, for checks of what the rows hold. */
gint64              roster_test_server_query_int    (RosterTestServer   *self,
                                                     const char         *sql);
/* PostgreSQL only: how many rows, in all the tables of the server's
 * database, hold @needle in any column, as text (ASCII case ignored) or
 * as bytes of a BYTEA. Live rows only: what the cluster's files keep of
 * old row versions is out of reach of SQL. */
guint               roster_test_server_count_rows_with (RosterTestServer *self,
                                                        const void       *needle,
                                                        gsize             needle_len);

RosterTestResponse *roster_test_request             (RosterTestServer   *self,
                                                     const char         *method,
                                                     const char         *path,
                                                     const char         *token,
                                                     const char         *content_type,
                                                     const char         *body);
/* The same with a body that may hold any bytes (UTF-16, GBK, …). */
RosterTestResponse *roster_test_request_bytes       (RosterTestServer   *self,
                                                     const char         *method,
                                                     const char         *path,
                                                     const char         *token,
                                                     const char         *content_type,
                                                     GBytes             *body);
RosterTestResponse *roster_test_get                 (RosterTestServer   *self,
                                                     const char         *path,
                                                     const char         *token);
RosterTestResponse *roster_test_post_json           (RosterTestServer   *self,
                                                     const char         *path,
                                                     const char         *token,
                                                     const char         *body);
void                roster_test_response_free       (RosterTestResponse *response);
JsonObject         *roster_test_response_object     (RosterTestResponse *response);
/* The "code" of an error answer, asserting the error shape. */
const char         *roster_test_response_error_code (RosterTestResponse *response);

/* Signs in and returns the token, asserting success. */
char               *roster_test_login               (RosterTestServer   *self,
                                                     const char         *username,
                                                     const char         *password);

void                roster_test_rm_rf               (const char         *path);

/* For g_test_add (): every test gets its own demo server. */
typedef struct
{
  RosterTestServer *server;
} RosterTestFixture;

void                roster_test_fixture_start_demo  (RosterTestFixture  *fixture,
                                                     gconstpointer       data);
void                roster_test_fixture_stop        (RosterTestFixture  *fixture,
                                                     gconstpointer       data);

#define ROSTER_TEST_ADD_WITH_DEMO(path, func) \
  g_test_add (path, RosterTestFixture, NULL, roster_test_fixture_start_demo, func, roster_test_fixture_stop)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterTestResponse, roster_test_response_free)

G_END_DECLS
