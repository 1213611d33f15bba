/* roster-user-actions.h: what an administrator does to an account,
 * with the asking and the telling around it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The users page and the removal requests page share these: each asks
 * first (a confirmation naming the person, or the password dialog),
 * then calls the server, then says what was done in a toast on
 * @parent's RosterWindow (errors too: the caller shows nothing).
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-client.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_USER_ACTION_ACTIVATE,      /* pending → active (no question) */
  ROSTER_USER_ACTION_REACTIVATE,    /* suspended → active (no question) */
  ROSTER_USER_ACTION_SUSPEND,       /* asks */
  ROSTER_USER_ACTION_UNLOCK,        /* no question */
  ROSTER_USER_ACTION_SET_PASSWORD,  /* the password dialog */
  ROSTER_USER_ACTION_ERASE,         /* asks: says what is kept and what is destroyed */
} RosterUserAction;

/* Whether @action makes sense for @user now (e.g. unlock only while
 * locked, nothing for an erased account, never suspend or erase
 * @me's own account: @me_id is the signed-in person's id, 0 if not
 * known). */
gboolean    roster_user_action_applies      (RosterUserAction      action,
                                             RosterUser           *user,
                                             gint64                me_id);

/* Finishes with the account as it is afterwards (%NULL after an erase,
 * with @erased TRUE), or with G_IO_ERROR_CANCELLED when the
 * administrator said no; any other error has already been shown. */
void        roster_user_action_run_async    (GtkWidget            *parent,
                                             RosterClient         *client,
                                             RosterUser           *user,
                                             RosterUserAction      action,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
RosterUser *roster_user_action_run_finish   (GAsyncResult         *result,
                                             gboolean             *erased,
                                             GError              **error);

G_END_DECLS
