/* roster-import-options-page.h: the import wizard's third step: what
 * the import makes and how it enrols
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client-imports.h"
#include "roster-course.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_IMPORT_OPTIONS_PAGE (roster_import_options_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportOptionsPage, roster_import_options_page, ROSTER, IMPORT_OPTIONS_PAGE, GtkWidget)

GtkWidget *roster_import_options_page_new          (void);
/* Loads the course's groups for the group choice. */
void       roster_import_options_page_set_course   (RosterImportOptionsPage *self,
                                                    RosterClient            *client,
                                                    RosterCourse            *course);
/* Property "loading": the groups are being loaded. */
gboolean   roster_import_options_page_get_loading  (RosterImportOptionsPage *self);
/* Sets the fields of @settings this page decides (create_users,
 * user_type, update_users, send_invitations, default_role, group,
 * create_groups, enrol_start, enrol_end) and leaves the others. The
 * group's name stays owned by the page, valid until it changes. */
void       roster_import_options_page_get_settings (RosterImportOptionsPage *self,
                                                    RosterImportSettings    *settings);
/* Property "valid": the dates are in order and a new group has a name. */
gboolean   roster_import_options_page_get_valid    (RosterImportOptionsPage *self);
/* Shows the server's refusal of the invitations next to their switch;
 * NULL hides it. */
void       roster_import_options_page_set_invitations_error (RosterImportOptionsPage *self,
                                                             const char              *message);

/* For tests and for the wizard's memory: the choices by hand. The
 * dates are Unix times of midnight UTC, 0 for none. */
void       roster_import_options_page_set_dates    (RosterImportOptionsPage *self,
                                                    gint64                   enrol_start,
                                                    gint64                   enrol_end);
/* Selects an existing group by name, or a new one; NULL: none. */
void       roster_import_options_page_set_group    (RosterImportOptionsPage *self,
                                                    const char              *name);

/* Signal "changed": any choice changed. */

G_END_DECLS
