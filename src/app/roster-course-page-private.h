/* roster-course-page-private.h: what the parts of RosterCoursePage share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-assignments-page.h"
#include "roster-course-page.h"
#include "roster-groups-page.h"
#include "roster-reports-page.h"

G_BEGIN_DECLS

struct _RosterCoursePage
{
  GtkWidget               parent_instance;

  RosterClient           *client;
  RosterCourse           *course;

  GtkWidget              *layout;
  AdwViewStack           *stack;
  AdwViewStackPage       *participants_stack_page;
  RosterParticipantsPage *participants_page;
  AdwViewStackPage       *groups_stack_page;
  RosterGroupsPage       *groups_page;
  AdwViewStackPage       *assignments_stack_page;
  RosterAssignmentsPage  *assignments_page;
  RosterMethodsPage      *methods_page;
  AdwViewStackPage       *reports_stack_page;
  RosterReportsPage      *reports_page;
  GtkActionBar           *keys_bar;
  GtkMenuButton          *keys_button;
  GCancellable           *keys_cancellable;
  gboolean                has_keys;

  /* Imports (roster-course-page-imports.c). */
  GtkButton              *import_button;
  GtkMenuButton          *imports_button;
  GMenu                  *imports_menu;
  GtkWidget              *import_window;   /* weak */
  GCancellable           *imports_cancellable;
};

/* Shows the bar under the pages when it has something to offer. */
void roster_course_page_update_bar       (RosterCoursePage *self);

/* roster-course-page-imports.c: the import wizard, opened from the bar,
 * by Ctrl+I or by dropping a file on the page. */
void roster_course_page_imports_class_init (GtkWidgetClass   *widget_class);
void roster_course_page_imports_init     (RosterCoursePage *self);
void roster_course_page_imports_dispose  (RosterCoursePage *self);
/* After the course or the client changed. */
void roster_course_page_imports_reload   (RosterCoursePage *self);

G_END_DECLS
