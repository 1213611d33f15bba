/* roster-audit-details.h: one event of the audit log, every field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-audit-entry.h"

G_BEGIN_DECLS

void roster_audit_show_details (GtkWidget        *parent,
                                RosterAuditEntry *entry);

G_END_DECLS
