/* roster-participants-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-participant-list.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_PARTICIPANTS_PAGE (roster_participants_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterParticipantsPage, roster_participants_page, ROSTER, PARTICIPANTS_PAGE, GtkWidget)

GtkWidget             *roster_participants_page_new          (void);
/* Loads the participants of @course_id through @client; a course of 0
 * or a %NULL client shows none. */
void                   roster_participants_page_load         (RosterParticipantsPage *self,
                                                              RosterClient           *client,
                                                              gint64                  course_id);
/* Loads @course and offers the bulk actions its capabilities allow. */
void                   roster_participants_page_set_course   (RosterParticipantsPage *self,
                                                              RosterClient           *client,
                                                              RosterCourse           *course);
/* The rows shown, for tests and for whoever fills the page itself. */
RosterParticipantList *roster_participants_page_get_list     (RosterParticipantsPage *self);
GtkColumnView         *roster_participants_page_get_column_view (RosterParticipantsPage *self);
/* "N of M participants", as shown. */
const char            *roster_participants_page_get_count_text (RosterParticipantsPage *self);
void                   roster_participants_page_focus_search (RosterParticipantsPage *self);
void                   roster_participants_page_set_search_text (RosterParticipantsPage *self,
                                                                 const char             *text);
/* The rows shown, as CSV, written off the main loop. */
void                   roster_participants_page_export_async  (RosterParticipantsPage *self,
                                                               GFile                  *file,
                                                               GCancellable           *cancellable,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
gboolean               roster_participants_page_export_finish (RosterParticipantsPage  *self,
                                                               GAsyncResult            *result,
                                                               guint                   *n_rows,
                                                               GError                 **error);
/* Only these people (of gint64), with a bar to show everyone again;
 * NULL: everyone. */
void                   roster_participants_page_show_only     (RosterParticipantsPage *self,
                                                               GArray                 *user_ids);
/* Whether the last load failed and shows its error. */
gboolean               roster_participants_page_get_failed    (RosterParticipantsPage *self);

G_END_DECLS
