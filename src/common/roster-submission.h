/* roster-submission.h: one student's submission to an assignment
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-group.h"
#include "roster-user.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_SUBMISSION_DRAFT,
  ROSTER_SUBMISSION_SUBMITTED,
  ROSTER_SUBMISSION_GRADED,
} RosterSubmissionStatus;

GType        roster_submission_status_get_type    (void) G_GNUC_CONST;
#define ROSTER_TYPE_SUBMISSION_STATUS (roster_submission_status_get_type ())

/* "draft", "submitted", "graded": one spelling on the wire and in
 * storage, like the enums of roster-types.h. */
const char  *roster_submission_status_to_string   (RosterSubmissionStatus  status);
gboolean     roster_submission_status_from_string (const char             *str,
                                                   RosterSubmissionStatus *status);

#define ROSTER_TYPE_SUBMISSION (roster_submission_get_type ())

G_DECLARE_FINAL_TYPE (RosterSubmission, roster_submission, ROSTER, SUBMISSION, GObject)

RosterSubmission       *roster_submission_new                (void);
RosterSubmission       *roster_submission_new_from_json      (JsonObject              *object,
                                                              GError                 **error);
/* { id, student { id, username, first_name, last_name, email }, status,
 *   submitted_at, groups [ { id, name } ] } */
void                    roster_submission_to_json            (RosterSubmission        *self,
                                                              JsonBuilder             *builder);

gint64                  roster_submission_get_id             (RosterSubmission        *self);
void                    roster_submission_set_id             (RosterSubmission        *self,
                                                              gint64                   id);
gint64                  roster_submission_get_assignment_id  (RosterSubmission        *self);
void                    roster_submission_set_assignment_id  (RosterSubmission        *self,
                                                              gint64                   assignment_id);
RosterUser             *roster_submission_get_student        (RosterSubmission        *self);
void                    roster_submission_set_student        (RosterSubmission        *self,
                                                              RosterUser              *student);
RosterSubmissionStatus  roster_submission_get_status         (RosterSubmission        *self);
void                    roster_submission_set_status         (RosterSubmission        *self,
                                                              RosterSubmissionStatus   status);
gint64                  roster_submission_get_submitted_at   (RosterSubmission        *self);
void                    roster_submission_set_submitted_at   (RosterSubmission        *self,
                                                              gint64                   submitted_at);
/* The student's groups in the course, as RosterGroup with id and name;
 * the owner of the submission may change the array. */
GPtrArray              *roster_submission_get_groups         (RosterSubmission        *self);
void                    roster_submission_add_group          (RosterSubmission        *self,
                                                              RosterGroup             *group);

G_END_DECLS
