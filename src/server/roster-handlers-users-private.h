/* roster-handlers-users-private.h: what the user administration
 * handlers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-router.h"

G_BEGIN_DECLS

/* Checks that the caller may administer users and reads {uid}; answers
 * the request itself and returns FALSE when either fails. */
gboolean roster_users_handler_begin        (RosterRequest  *request,
                                            gint64         *user_id);
/* Answers with the account as RosterUser JSON. */
void     roster_users_respond_user         (RosterRequest  *request,
                                            guint           status,
                                            RosterUser     *user);
/* Answers 422 with one entry per field in "details" and the first
 * problem as the message. @problems: of {"field", "message"} objects. */
void     roster_users_respond_problems     (RosterRequest  *request,
                                            JsonArray      *problems);
void     roster_users_add_problem          (JsonArray      *problems,
                                            const char     *field,
                                            const GError   *error);

/* roster-handlers-users-actions.c */
void     roster_users_activate_cb          (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_suspend_cb           (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_unlock_cb            (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_password_cb          (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_erase_cb             (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_list_removals_cb     (RosterContext  *ctx,
                                            RosterRequest  *request);
void     roster_users_decline_removal_cb   (RosterContext  *ctx,
                                            RosterRequest  *request);

G_END_DECLS
