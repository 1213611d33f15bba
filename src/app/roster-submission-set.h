/* roster-submission-set.h: the submissions one viewer may see, as the server answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SUBMISSION_SET (roster_submission_set_get_type ())

G_DECLARE_FINAL_TYPE (RosterSubmissionSet, roster_submission_set, ROSTER, SUBMISSION_SET, GObject)

/* GET /assignments/{aid}/submissions' answer, all or nothing. */
RosterSubmissionSet *roster_submission_set_new_from_json        (JsonObject           *object,
                                                                 GError              **error);
/* Whose view it is: "First Last", and their role in the course. */
const char          *roster_submission_set_get_viewer_name      (RosterSubmissionSet  *self);
RosterRole           roster_submission_set_get_viewer_role      (RosterSubmissionSet  *self);
gint64               roster_submission_set_get_viewer_id        (RosterSubmissionSet  *self);
/* TRUE when the viewer is not the caller ("preview as"). */
gboolean             roster_submission_set_get_preview          (RosterSubmissionSet  *self);
RosterGroupMode      roster_submission_set_get_group_mode       (RosterSubmissionSet  *self);
/* "everyone", "own_groups" or "group". */
const char          *roster_submission_set_get_scope            (RosterSubmissionSet  *self);
/* The groups the viewer may choose (RosterGroup with id and name). */
GListModel          *roster_submission_set_get_groups           (RosterSubmissionSet  *self);
/* RosterSubmission, by the student's last and first name. */
GListModel          *roster_submission_set_get_submissions      (RosterSubmissionSet  *self);

G_END_DECLS
