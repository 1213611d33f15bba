/* roster-participant-filter-model.h: participants filtered over packed search keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-participant.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PARTICIPANT_FILTER_MODEL (roster_participant_filter_model_get_type ())

G_DECLARE_FINAL_TYPE (RosterParticipantFilterModel, roster_participant_filter_model,
                      ROSTER, PARTICIPANT_FILTER_MODEL, GObject)

/* Checked only on rows whose search key matches. */
typedef gboolean (*RosterParticipantMatchFunc) (RosterParticipant *participant,
                                                gpointer           user_data);

/* The rows of @model (of RosterParticipant) whose search key contains a
 * search text. It copies every row's key into one buffer, in the order
 * of @model, so that a keystroke is a scan of that buffer instead of a
 * walk over 100 000 objects scattered over the heap; filtering is done
 * at once, never a part at a time. */
RosterParticipantFilterModel *roster_participant_filter_model_new            (GListModel                   *model);
/* @key: made by roster_text_search_key (), "" for all rows. @more_strict:
 * every row @key matches also matched the previous key, so only the
 * rows shown are looked at again. */
void                          roster_participant_filter_model_set_search_key (RosterParticipantFilterModel *self,
                                                                              const char                   *key,
                                                                              gboolean                      more_strict);
/* While frozen, changes of the model other than rows added at its end
 * are not followed; after thawing, the whole model is read again if
 * there were any, in idle steps of a few milliseconds, and the rows
 * shown stay as they were until then. For the time an incremental sort
 * runs. */
void                          roster_participant_filter_model_set_frozen     (RosterParticipantFilterModel *self,
                                                                              gboolean                      frozen);
/* TRUE (the "pending" property) while the rows are to be read again. */
gboolean                      roster_participant_filter_model_get_pending    (RosterParticipantFilterModel *self);
/* NULL for none; the model filters again. */
void                          roster_participant_filter_model_set_match_func (RosterParticipantFilterModel *self,
                                                                              RosterParticipantMatchFunc    func,
                                                                              gpointer                      user_data);

G_END_DECLS
