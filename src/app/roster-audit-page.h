/* roster-audit-page.h: the audit log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_AUDIT_PAGE (roster_audit_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterAuditPage, roster_audit_page, ROSTER, AUDIT_PAGE, GtkWidget)

GtkWidget *roster_audit_page_new        (void);
/* Loads (again) through @client; %NULL empties the page. @me_id is the
 * signed-in person's id. */
void       roster_audit_page_set_client (RosterAuditPage *self,
                                       RosterClient *client,
                                       gint64 me_id);
/* Loads again, keeping the filters. */
void       roster_audit_page_reload     (RosterAuditPage *self);
void       roster_audit_page_focus_search (RosterAuditPage *self);
/* Shows the events of one person (acted or acted on): the users page's
 * "Audit Log" button leads here. @name labels the filter. */
void       roster_audit_page_show_user  (RosterAuditPage *self,
                                         gint64           user_id,
                                         const char      *name);

G_END_DECLS
