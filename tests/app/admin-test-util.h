/* admin-test-util.h: what the tests of the administrators' pages share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "app-fixture.h"
#include "roster-user-profile.h"

G_BEGIN_DECLS

/* The server, and a client that trusts it. */
typedef RosterAppFixture Fixture;

typedef gboolean (*Condition) (gpointer data);

/* The main loop run until @result is there (at most 30 s). */
GAsyncResult      *wait_for       (GAsyncResult **result);
void               wait_until     (Condition      condition,
                                   gpointer       data);

/* Signs @username in with a client of its own; the error, if refused. */
gboolean           try_sign_in    (Fixture       *fixture,
                                   const char    *username,
                                   const char    *password,
                                   GError       **error);
void               sign_in_admin  (Fixture       *fixture);
RosterUser        *find_user      (Fixture       *fixture,
                                   const char    *username);
RosterUserProfile *get_profile    (Fixture       *fixture,
                                   gint64         user_id);
GListModel        *list_requests  (Fixture       *fixture,
                                   int            status);

/* A visible toplevel of @type, waited for (at most 10 s). */
gpointer           find_toplevel  (GType          type);
/* @type: a GType in a pointer. For wait_until (). */
gboolean           no_toplevel    (gpointer       type);
/* Depth first: the first widget of @type with @label (a button's) or
 * @name (its widget name), either NULL for any. */
GtkWidget         *find_widget    (GtkWidget     *root,
                                   GType          type,
                                   const char    *label,
                                   const char    *name);
GtkWidget         *button         (gpointer       root,
                                   const char    *label);
GtkWidget         *template_child (gpointer       widget,
                                   GType          type,
                                   const char    *name);
/* Saves what @window shows into ROSTER_UI_OUTPUT_DIR as @name, for
 * people to look at (nothing is compared). */
void               screenshot     (gpointer       window,
                                   const char    *name);

G_END_DECLS
