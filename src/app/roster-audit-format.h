/* roster-audit-format.h: audit events in words, for the page and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-audit-entry.h"

G_BEGIN_DECLS

/* "key.revealed" → "Key revealed" (translated); an action this app does
 * not know is returned as it is. */
const char *roster_audit_action_to_words (const char       *action);

/* The event's time in local time, e.g. "2026-11-24 10:41:07". */
char       *roster_audit_format_time     (gint64            at);

/* Who acted, and who was acted on: "Name (username)", "—" for nobody,
 * "Account 12" for an account that is gone. The course's short name,
 * or "—". */
char       *roster_audit_format_actor    (RosterAuditEntry *entry);
char       *roster_audit_format_target   (RosterAuditEntry *entry);
char       *roster_audit_format_course   (RosterAuditEntry *entry);

/* The details on one line: "nickname: Visiting lecturers 2026, uses: 3";
 * "" when there are none. */
char       *roster_audit_format_details  (RosterAuditEntry *entry);

/* The details pretty-printed as JSON, or NULL when there are none. */
char       *roster_audit_format_details_json (RosterAuditEntry *entry);

/* The CSV of an export: its header row (with the byte order mark), and
 * one row per event. */
void        roster_audit_csv_append_header (GString          *out);
void        roster_audit_csv_append_entry  (GString          *out,
                                            RosterAuditEntry *entry);

G_END_DECLS
