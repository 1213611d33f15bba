/* roster-participant.h: one person enrolled in a course, as the app lists them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PARTICIPANT (roster_participant_get_type ())

G_DECLARE_FINAL_TYPE (RosterParticipant, roster_participant, ROSTER, PARTICIPANT, GObject)

/* The streamed list (limit=0) names its columns in its first element;
 * rows are read by name, not by position, as docs/api.md asks. The
 * returned array maps each of the ROSTER_PARTICIPANT_N_FIELDS fields to
 * its column (-1 if absent); free it with g_free (). */
#define ROSTER_PARTICIPANT_N_FIELDS 19

int                   *roster_participant_map_columns     (JsonArray         *header,
                                                           GError           **error);
/* A whole participant or a GError (ROSTER_CLIENT_ERROR_BAD_ANSWER),
 * never half of one. */
RosterParticipant     *roster_participant_new_from_row    (JsonArray         *row,
                                                           const int         *columns,
                                                           GError           **error);

gint64                 roster_participant_get_enrolment_id (RosterParticipant *self);
gint64                 roster_participant_get_user_id      (RosterParticipant *self);
const char            *roster_participant_get_username     (RosterParticipant *self);
const char            *roster_participant_get_first_name   (RosterParticipant *self);
const char            *roster_participant_get_last_name    (RosterParticipant *self);
const char            *roster_participant_get_full_name    (RosterParticipant *self);
const char            *roster_participant_get_email        (RosterParticipant *self);
RosterUserType         roster_participant_get_user_type    (RosterParticipant *self);
RosterUserState        roster_participant_get_state        (RosterParticipant *self);
/* A bit (1 << RosterRole) per role held in the course. */
guint                  roster_participant_get_roles        (RosterParticipant *self);
gboolean               roster_participant_has_role         (RosterParticipant *self,
                                                            RosterRole         role);
/* Translated role names, joined with ", ", for a column. */
char                  *roster_participant_dup_roles_label  (RosterParticipant *self);
/* Group names and ids, in the same order. */
const char * const    *roster_participant_get_group_names  (RosterParticipant *self);
gboolean               roster_participant_in_group         (RosterParticipant *self,
                                                            gint64             group_id);
guint                  roster_participant_get_n_groups     (RosterParticipant *self);
RosterEnrolmentStatus  roster_participant_get_status       (RosterParticipant *self);
gint64                 roster_participant_get_method_id    (RosterParticipant *self);
/* FALSE when enrolled by no method (method_id 0). */
gboolean               roster_participant_get_method_type  (RosterParticipant *self,
                                                            RosterMethodType  *type);
const char            *roster_participant_get_method_name  (RosterParticipant *self);
const char            *roster_participant_get_key_nickname (RosterParticipant *self);
gint64                 roster_participant_get_start_at     (RosterParticipant *self);
gint64                 roster_participant_get_end_at       (RosterParticipant *self);
gint64                 roster_participant_get_enrolled_at  (RosterParticipant *self);
gint64                 roster_participant_get_last_access  (RosterParticipant *self);

/* Keys for the list's search and name order, made on first use and
 * kept: a keystroke or a sort over 100 000 rows must not remake them. */
const char            *roster_participant_get_search_key   (RosterParticipant *self);
const char            *roster_participant_get_name_sort_key (RosterParticipant *self);

/* After a change the server made (bulk actions); each notifies. */
void                   roster_participant_set_status       (RosterParticipant     *self,
                                                            RosterEnrolmentStatus  status);
void                   roster_participant_set_role         (RosterParticipant     *self,
                                                            RosterRole             role);
void                   roster_participant_add_group        (RosterParticipant     *self,
                                                            gint64                 group_id,
                                                            const char            *name);

G_END_DECLS
