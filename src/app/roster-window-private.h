/* roster-window-private.h: what the parts of RosterWindow share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-account-store.h"
#include "roster-audit-page.h"
#include "roster-connect-page.h"
#include "roster-removal-requests-page.h"
#include "roster-sidebar.h"
#include "roster-sign-in-dialog.h"
#include "roster-users-page.h"
#include "roster-window.h"

G_BEGIN_DECLS

struct _RosterWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  RosterSidebar        *sidebar;
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  AdwBin               *course_bin;
  GtkMenuButton        *primary_menu_button;

  /* Signing in: the connect page shows while there is no client. */
  RosterClient         *client;
  GtkWidget            *content_box;
  GtkStack             *content_stack;
  RosterConnectPage    *connect_page;

  /* Remembered accounts (roster-window-accounts.c): the primary menu's
   * sections list them, refreshed from the keyring. */
  RosterAccountStore   *accounts;
  GListModel           *account_list;
  GMenu                *accounts_section;
  GMenu                *account_actions_section;
  /* What the sections show, to leave an open menu alone when a
   * refresh finds nothing new. */
  char                 *menu_key;
  GCancellable         *cancellable;
  RosterSignInDialog   *sign_in_dialog;

  /* Administration (roster-window-admin.c): shown to site
   * administrators, known from GET /me after each sign-in. */
  RosterUsersPage      *users_page;
  RosterRemovalRequestsPage *removal_requests_page;
  RosterAuditPage      *audit_page;
  GCancellable         *me_cancellable;
  gboolean              is_admin;
  gint64                me_id;
  guint                 admin_loaded;
};

/* Only the parts of the window file that the accounts need. */
void roster_window_set_client            (RosterWindow *self,
                                          RosterClient *client);
void roster_window_sign_out              (RosterWindow *self);

/* roster-window-accounts.c */
void roster_window_accounts_init         (RosterWindow *self);
void roster_window_accounts_dispose      (RosterWindow *self);
/* After a sign-in, a sign-out or a switch. */
void roster_window_accounts_client_changed (RosterWindow *self,
                                            RosterClient *old_client);
void roster_window_accounts_refresh      (RosterWindow *self);

/* roster-window-admin.c */
void     roster_window_admin_init           (RosterWindow *self);
void     roster_window_admin_dispose        (RosterWindow *self);
void     roster_window_admin_client_changed (RosterWindow *self);
gboolean roster_window_admin_focus_search   (RosterWindow *self,
                                             GtkWidget    *focus);
void     roster_window_show_admin           (RosterWindow *self,
                                             const char   *name);

G_END_DECLS
