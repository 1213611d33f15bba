/* roster-bulk-action.h: one change made to many participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-client.h"
#include "roster-participant.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_BULK_SUSPEND,
  ROSTER_BULK_REACTIVATE,
  ROSTER_BULK_CHANGE_ROLE,
  ROSTER_BULK_ADD_TO_GROUP,
  ROSTER_BULK_UNENROL,
} RosterBulkKind;

#define ROSTER_TYPE_BULK_ACTION (roster_bulk_action_get_type ())

G_DECLARE_FINAL_TYPE (RosterBulkAction, roster_bulk_action, ROSTER, BULK_ACTION, GObject)

/* The API changes one enrolment per request: this sends them a few at a
 * time, counts progress (the "n-done" property) and keeps going past a
 * refusal, so that one locked row does not undo a thousand. Rows that
 * already are as asked (suspending the suspended) send nothing. Each
 * participant the server changed is updated in place, except that the
 * unenrolled are only listed (roster_bulk_action_get_changed ()) for
 * the caller to take out of its list. */
RosterBulkAction *roster_bulk_action_new             (RosterClient      *client,
                                                      RosterBulkKind     kind,
                                                      GPtrArray         *participants);
/* For ROSTER_BULK_CHANGE_ROLE. */
void              roster_bulk_action_set_role        (RosterBulkAction  *self,
                                                      RosterRole         role);
/* For ROSTER_BULK_ADD_TO_GROUP. */
void              roster_bulk_action_set_group       (RosterBulkAction  *self,
                                                      gint64             group_id,
                                                      const char        *group_name);

RosterBulkKind    roster_bulk_action_get_kind        (RosterBulkAction  *self);
/* The requests to send (rows that need a change), and those answered. */
guint             roster_bulk_action_get_n_total     (RosterBulkAction  *self);
guint             roster_bulk_action_get_n_done      (RosterBulkAction  *self);
/* The participants the server changed (element-type RosterParticipant). */
GPtrArray        *roster_bulk_action_get_changed     (RosterBulkAction  *self);
guint             roster_bulk_action_get_n_failed    (RosterBulkAction  *self);
/* The first refusal, in the server's words, or NULL. */
const char       *roster_bulk_action_get_first_error (RosterBulkAction  *self);

/* Fails only when cancelled or when the sign-in expired (the rest is
 * not sent); refusals of single rows are counted instead. */
void              roster_bulk_action_run_async       (RosterBulkAction  *self,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean          roster_bulk_action_run_finish      (RosterBulkAction  *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

G_END_DECLS
