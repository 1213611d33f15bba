/* roster-removal-request.h: a person's request to have their account
 * removed (GDPR), as administrators see it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_REMOVAL_STATUS_PENDING,
  ROSTER_REMOVAL_STATUS_DECLINED,
  ROSTER_REMOVAL_STATUS_ERASED,
} RosterRemovalStatus;

#define ROSTER_TYPE_REMOVAL_STATUS (roster_removal_status_get_type ())
GType        roster_removal_status_get_type    (void) G_GNUC_CONST;

const char  *roster_removal_status_to_string   (RosterRemovalStatus  status);
gboolean     roster_removal_status_from_string (const char          *str,
                                                RosterRemovalStatus *status);

#define ROSTER_TYPE_REMOVAL_REQUEST (roster_removal_request_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalRequest, roster_removal_request, ROSTER, REMOVAL_REQUEST, GObject)

/* The request carries a copy of the person's names and address as they
 * were when it was read, so a list can be shown without a second
 * request; after erasure those are gone like everywhere else. */
RosterRemovalRequest *roster_removal_request_new                  (void);
RosterRemovalRequest *roster_removal_request_new_from_json        (JsonObject            *object,
                                                                   GError               **error);
void                  roster_removal_request_to_json              (RosterRemovalRequest  *self,
                                                                   JsonBuilder           *builder);

gint64                roster_removal_request_get_id               (RosterRemovalRequest  *self);
void                  roster_removal_request_set_id               (RosterRemovalRequest  *self,
                                                                   gint64                 id);
gint64                roster_removal_request_get_user_id          (RosterRemovalRequest  *self);
void                  roster_removal_request_set_user_id          (RosterRemovalRequest  *self,
                                                                   gint64                 user_id);
const char           *roster_removal_request_get_username         (RosterRemovalRequest  *self);
void                  roster_removal_request_set_username         (RosterRemovalRequest  *self,
                                                                   const char            *username);
const char           *roster_removal_request_get_first_name       (RosterRemovalRequest  *self);
void                  roster_removal_request_set_first_name       (RosterRemovalRequest  *self,
                                                                   const char            *first_name);
const char           *roster_removal_request_get_last_name        (RosterRemovalRequest  *self);
void                  roster_removal_request_set_last_name        (RosterRemovalRequest  *self,
                                                                   const char            *last_name);
const char           *roster_removal_request_get_email            (RosterRemovalRequest  *self);
void                  roster_removal_request_set_email            (RosterRemovalRequest  *self,
                                                                   const char            *email);
RosterUserState       roster_removal_request_get_user_state       (RosterRemovalRequest  *self);
void                  roster_removal_request_set_user_state       (RosterRemovalRequest  *self,
                                                                   RosterUserState        state);
gint64                roster_removal_request_get_requested_at     (RosterRemovalRequest  *self);
void                  roster_removal_request_set_requested_at     (RosterRemovalRequest  *self,
                                                                   gint64                 requested_at);
const char           *roster_removal_request_get_reason           (RosterRemovalRequest  *self);
void                  roster_removal_request_set_reason           (RosterRemovalRequest  *self,
                                                                   const char            *reason);
RosterRemovalStatus   roster_removal_request_get_status           (RosterRemovalRequest  *self);
void                  roster_removal_request_set_status           (RosterRemovalRequest  *self,
                                                                   RosterRemovalStatus    status);
gint64                roster_removal_request_get_decided_at       (RosterRemovalRequest  *self);
void                  roster_removal_request_set_decided_at       (RosterRemovalRequest  *self,
                                                                   gint64                 decided_at);
gint64                roster_removal_request_get_decided_by       (RosterRemovalRequest  *self);
void                  roster_removal_request_set_decided_by       (RosterRemovalRequest  *self,
                                                                   gint64                 decided_by);
const char           *roster_removal_request_get_decision_reason  (RosterRemovalRequest  *self);
void                  roster_removal_request_set_decision_reason  (RosterRemovalRequest  *self,
                                                                   const char            *decision_reason);

G_END_DECLS
