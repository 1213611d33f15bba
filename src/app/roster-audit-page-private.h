/* roster-audit-page-private.h: what the parts of RosterAuditPage share,
 * and its export for its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-audit-page.h"
#include "roster-client-audit.h"

G_BEGIN_DECLS

struct _RosterAuditPage
{
  GtkWidget         parent_instance;

  RosterClient     *client;
  gint64            me_id;
  GCancellable     *cancellable;          /* the events */
  GCancellable     *courses_cancellable;
  GCancellable     *person_cancellable;   /* the person search */
  GCancellable     *export_cancellable;
  guint             page_size;

  GListStore       *events;
  char             *next_cursor;
  gboolean          loading_more;
  /* Course ids behind the course drop-down's items after "All courses". */
  GArray           *course_ids;
  gboolean          filling_courses;
  gint64            user_id;
  gint64            since;
  gint64            until;

  GtkDropDown      *events_dropdown;
  GtkDropDown      *course_dropdown;
  GtkMenuButton    *person_button;
  GtkPopover       *person_popover;
  GtkSearchEntry   *person_entry;
  GtkListView      *person_list;
  GtkLabel         *person_status;
  GListStore       *people;               /* RosterUser found */
  GtkMenuButton    *since_button;
  GtkPopover       *since_popover;
  GtkCalendar      *since_calendar;
  GtkMenuButton    *until_button;
  GtkPopover       *until_popover;
  GtkCalendar      *until_calendar;
  GtkButton        *export_button;
  GtkRevealer      *export_revealer;
  GtkLabel         *export_label;
  GtkProgressBar   *export_progress;
  GtkButton        *export_cancel_button;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkColumnView    *column_view;
  AdwStatusPage    *error_page;
  GtkButton        *retry_button;
  GtkLabel         *count_label;
  GtkButton        *load_more_button;

  GtkFileChooserNative *export_chooser;
};

void     roster_audit_page_add_toast      (RosterAuditPage   *self,
                                           const char        *title);
void     roster_audit_page_get_filter     (RosterAuditPage   *self,
                                           RosterAuditFilter *filter);
/* From the first page, for the filters as they are now. */
void     roster_audit_page_reload_events  (RosterAuditPage   *self);
void     roster_audit_page_set_person     (RosterAuditPage   *self,
                                           gint64             user_id,
                                           const char        *name);
void     roster_audit_page_init_person    (RosterAuditPage   *self);

/* The template's callbacks of the person, date and export controls. */
void     roster_audit_page_person_popover_show_cb (RosterAuditPage *self);
void     roster_audit_page_person_search_changed_cb (RosterAuditPage *self);
void     roster_audit_page_person_entry_activate_cb (RosterAuditPage *self);
void     roster_audit_page_person_activated_cb (RosterAuditPage *self,
                                                guint            position);
void     roster_audit_page_anyone_clicked_cb (RosterAuditPage *self);
void     roster_audit_page_since_apply_cb (RosterAuditPage *self);
void     roster_audit_page_since_clear_cb (RosterAuditPage *self);
void     roster_audit_page_until_apply_cb (RosterAuditPage *self);
void     roster_audit_page_until_clear_cb (RosterAuditPage *self);
void     roster_audit_page_export_clicked_cb (RosterAuditPage *self);
void     roster_audit_page_export_cancel_cb (RosterAuditPage *self);

/* What the Export button does once a file is chosen: every event of the
 * page's filters into @file, with progress shown on the page and its
 * Cancel Export button stopping it. */
void     roster_audit_page_export_async  (RosterAuditPage     *self,
                                          GFile               *file,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean roster_audit_page_export_finish (RosterAuditPage     *self,
                                          GAsyncResult        *result,
                                          guint               *n_events,
                                          GError             **error);

/* Events per page as the list loads them (100 by default): tests page
 * through few events. */
void     roster_audit_page_set_page_size (RosterAuditPage     *self,
                                          guint                page_size);

G_END_DECLS
