/* test-web-util.h: a real server whose mail goes to a real SMTP sink,
 * and what the web tests do again and again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-test-server.h"
#include "roster-test-smtp-sink.h"
#include "roster-test-web.h"

G_BEGIN_DECLS

typedef struct
{
  RosterTestSmtpSink *sink;
  RosterTestServer   *server;
  char               *admin;       /* an administrator's API token */
  gint64              course_id;   /* CS101 of the demo data */
  guint               mail_seen;   /* messages of the sink read so far */
} WebFixture;

/* @data: more configuration (INI text), or NULL. */
void     web_fixture_set_up    (WebFixture    *fixture,
                                gconstpointer  data);
void     web_fixture_tear_down (WebFixture    *fixture,
                                gconstpointer  data);

/* A new self method of @course_id with @method_json's settings and one
 * key with @key_json's; returns the key's secret. */
char    *web_make_key          (WebFixture    *fixture,
                                gint64         course_id,
                                const char    *method_json,
                                const char    *key_json,
                                gint64        *method_id,
                                gint64        *key_id);
/* The next message the sink takes: its text (decoded), and whom it
 * went to. */
char    *web_next_mail         (WebFixture    *fixture,
                                char         **to,
                                char         **subject);
/* The path and query of the first link in @text that starts with
 * @path ("/confirm?t="). */
char    *web_link              (const char    *text,
                                const char    *path);
/* Posts the sign-up form (after getting it). */
RosterTestPage *web_signup     (RosterTestWeb *web,
                                const char    *first_name,
                                const char    *last_name,
                                const char    *email,
                                const char    *password,
                                const char    *key);
/* Signs up and confirms through the mailed link; the confirmation
 * page. */
RosterTestPage *web_signup_confirmed (WebFixture    *fixture,
                                      RosterTestWeb *web,
                                      const char    *email,
                                      const char    *key);
/* How many accounts GET /api/v1/users?q=@email finds. */
guint    web_count_users       (WebFixture    *fixture,
                                const char    *email);
/* The course's participant with @email, as a JSON object (asserted to
 * be there), or NULL when @expect_none. */
JsonObject *web_participant    (WebFixture    *fixture,
                                gint64         course_id,
                                const char    *email);

#define WEB_PASSWORD "correct horse battery staple"

#define WEB_TEST_ADD(path, func, config) \
  g_test_add (path, WebFixture, config, web_fixture_set_up, func, web_fixture_tear_down)

G_END_DECLS
