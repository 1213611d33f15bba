/* roster-participant-list.h: a course's participants, filtered and sorted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-participant.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PARTICIPANT_LIST (roster_participant_list_get_type ())

G_DECLARE_FINAL_TYPE (RosterParticipantList, roster_participant_list, ROSTER, PARTICIPANT_LIST, GObject)

typedef enum
{
  ROSTER_PARTICIPANT_COLUMN_NAME,
  ROSTER_PARTICIPANT_COLUMN_USERNAME,
  ROSTER_PARTICIPANT_COLUMN_EMAIL,
  ROSTER_PARTICIPANT_COLUMN_TYPE,
  ROSTER_PARTICIPANT_COLUMN_ROLES,
  ROSTER_PARTICIPANT_COLUMN_GROUPS,
  ROSTER_PARTICIPANT_COLUMN_STATUS,
  ROSTER_PARTICIPANT_COLUMN_METHOD,
  ROSTER_PARTICIPANT_COLUMN_ENROLLED,
  ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS,
} RosterParticipantColumn;

/* Every participant of a course lives in one GListStore, filled in
 * batches as the list streams in; views show the model on top of it,
 * sorted incrementally and filtered over packed search keys (about a
 * millisecond for 100 000 rows), so that the window never stalls. No
 * widgets here: a view binds to roster_participant_list_get_model (). */
/* @incremental: sort a part at a time between frames (for a window);
 * FALSE does each change at once (tests, benchmarks). Filtering is
 * always done at once. It is fixed at construction. */
RosterParticipantList *roster_participant_list_new               (gboolean               incremental);
/* The filtered and sorted participants, for a view. */
GListModel            *roster_participant_list_get_model         (RosterParticipantList *self);
/* Every participant, as loaded. */
GListModel            *roster_participant_list_get_all           (RosterParticipantList *self);
void                   roster_participant_list_append            (RosterParticipantList *self,
                                                                  GPtrArray             *participants);
void                   roster_participant_list_clear             (RosterParticipantList *self);

/* TRUE while filtering or sorting is still going on. */
gboolean               roster_participant_list_get_busy          (RosterParticipantList *self);

/* Names, username and e-mail, ignoring case and accents; NULL or "" for all. */
void                   roster_participant_list_set_search_text   (RosterParticipantList *self,
                                                                  const char            *text);
/* ROSTER_ROLE_NONE for any role. */
void                   roster_participant_list_set_role          (RosterParticipantList *self,
                                                                  RosterRole             role);
/* 0 for any group, -1 for people in no group. */
void                   roster_participant_list_set_group         (RosterParticipantList *self,
                                                                  gint64                 group_id);
/* -1 for any; else a RosterEnrolmentStatus. */
void                   roster_participant_list_set_status        (RosterParticipantList *self,
                                                                  int                    status);
/* -1 for any; else a RosterUserType. */
void                   roster_participant_list_set_user_type     (RosterParticipantList *self,
                                                                  int                    user_type);
/* 0 for any method. */
void                   roster_participant_list_set_method        (RosterParticipantList *self,
                                                                  gint64                 method_id);

/* Only the people with these user ids (of gint64: the people an import
 * brought), or NULL for everyone; the other filters still apply. */
void                   roster_participant_list_set_user_ids      (RosterParticipantList *self,
                                                                  GArray                *user_ids);
/* How many user ids are set; 0 when none. */
guint                  roster_participant_list_get_n_user_ids    (RosterParticipantList *self);

/* A sorter for one column (ascending; a GtkColumnView inverts it), and
 * the sorter the list uses: a column view's own, or one of these. With
 * none (the default) the rows keep the server's order, by name, and a
 * keystroke is fastest. */
GtkSorter             *roster_participant_list_create_sorter     (RosterParticipantColumn column);
void                   roster_participant_list_set_sorter        (RosterParticipantList *self,
                                                                  GtkSorter             *sorter);

/* After a bulk action: rows of people unenrolled go, changed rows are
 * filtered again. */
void                   roster_participant_list_remove            (RosterParticipantList *self,
                                                                  GPtrArray             *participants);
void                   roster_participant_list_refilter          (RosterParticipantList *self);

G_END_DECLS
