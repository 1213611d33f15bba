/* roster-import-window.h: the wizard that imports people from a CSV file
 * into a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_WINDOW (roster_import_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportWindow, roster_import_window, ROSTER, IMPORT_WINDOW, AdwWindow)

/* Transient for @parent but not modal: staff keep working while a job
 * runs, and may close the window (the job goes on on the server). */
RosterImportWindow *roster_import_window_new      (GtkWindow          *parent,
                                                   RosterClient       *client,
                                                   RosterCourse       *course);
/* Reads @file as if chosen on the first step (drag and drop onto the
 * course page), and shows that step. */
void                roster_import_window_open_file (RosterImportWindow *self,
                                                    GFile              *file);
/* Follows a job started earlier: its progress, or its report once it
 * has ended. */
void                roster_import_window_show_job  (RosterImportWindow *self,
                                                    gint64              import_id);
/* The step shown: "file", "columns", "options", "checking" (the dry
 * run), "preview", "progress" or "report". */
const char         *roster_import_window_get_step  (RosterImportWindow *self);

/* Signals:
 * "show-participants" (GArray *user_ids, of gint64): show these people
 *   in the participants list (from the report).
 * "import-finished" (no arguments): a job ended done; the course's
 *   participants changed. */

G_END_DECLS
