/* app-fixture.h: a RosterClient signed in to a real roster-server --demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-client.h"
#include "roster-course.h"
#include "roster-test-server.h"

G_BEGIN_DECLS

/* For g_test_add (): a demo server of the test's own, and a client that
 * trusts its certificate (pinned, as after the certificate dialog). */
typedef struct
{
  RosterTestServer *server;
  RosterTrustStore *trust;
  RosterClient     *client;
  char             *dir;
} RosterAppFixture;

void          roster_app_fixture_set_up    (RosterAppFixture  *fixture,
                                            gconstpointer      data);
void          roster_app_fixture_tear_down (RosterAppFixture  *fixture,
                                            gconstpointer      data);
/* Signs in with the demo password; fails the test if refused. */
void          roster_app_fixture_sign_in   (RosterAppFixture  *fixture,
                                            const char        *username);

/* The course @course_id as the signed-in user's list of courses has it
 * (with their capabilities); fails the test if it is not there. */
RosterCourse *roster_app_fixture_fetch_course (RosterAppFixture *fixture,
                                               gint64            course_id);

/* A GAsyncReadyCallback that keeps the result in @user_data (a
 * GAsyncResult **), and the main loop run until it is there. */
void          roster_app_test_result_cb    (GObject           *source,
                                            GAsyncResult      *result,
                                            gpointer           user_data);
GAsyncResult *roster_app_test_wait         (GAsyncResult     **result);

G_END_DECLS
