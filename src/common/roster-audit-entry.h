/* roster-audit-entry.h: one event of the audit log, as the API shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who did what, when, on what: the server writes entries to JSON for
 * GET /api/v1/audit, the app reads them back for its Audit page. An
 * entry holds no secret: audit details never contain one.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_AUDIT_ENTRY (roster_audit_entry_get_type ())

G_DECLARE_FINAL_TYPE (RosterAuditEntry, roster_audit_entry, ROSTER, AUDIT_ENTRY, GObject)

RosterAuditEntry *roster_audit_entry_new                  (gint64             id,
                                                           gint64             at,
                                                           const char        *action);
RosterAuditEntry *roster_audit_entry_new_from_json        (JsonObject        *object,
                                                           GError           **error);
void              roster_audit_entry_to_json              (RosterAuditEntry  *self,
                                                           JsonBuilder       *builder);

gint64            roster_audit_entry_get_id               (RosterAuditEntry  *self);
gint64            roster_audit_entry_get_at               (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_action           (RosterAuditEntry  *self);

/* The person who acted (0: nobody was signed in, e.g. a failed sign-in)
 * and the person acted on (0: none). The names may be NULL when the
 * account is gone. */
void              roster_audit_entry_set_actor            (RosterAuditEntry  *self,
                                                           gint64             id,
                                                           const char        *username,
                                                           const char        *first_name,
                                                           const char        *last_name);
gint64            roster_audit_entry_get_actor_id         (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_actor_username   (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_actor_first_name (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_actor_last_name  (RosterAuditEntry  *self);
void              roster_audit_entry_set_target           (RosterAuditEntry  *self,
                                                           gint64             id,
                                                           const char        *username,
                                                           const char        *first_name,
                                                           const char        *last_name);
gint64            roster_audit_entry_get_target_id        (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_target_username  (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_target_first_name (RosterAuditEntry *self);
const char       *roster_audit_entry_get_target_last_name (RosterAuditEntry  *self);

void              roster_audit_entry_set_course           (RosterAuditEntry  *self,
                                                           gint64             id,
                                                           const char        *short_name);
gint64            roster_audit_entry_get_course_id        (RosterAuditEntry  *self);
const char       *roster_audit_entry_get_course_short_name (RosterAuditEntry *self);

void              roster_audit_entry_set_object           (RosterAuditEntry  *self,
                                                           const char        *type,
                                                           gint64             id);
const char       *roster_audit_entry_get_object_type      (RosterAuditEntry  *self);
gint64            roster_audit_entry_get_object_id        (RosterAuditEntry  *self);

void              roster_audit_entry_set_remote_address   (RosterAuditEntry  *self,
                                                           const char        *remote_address);
const char       *roster_audit_entry_get_remote_address   (RosterAuditEntry  *self);

/* A JSON object with what the action needs to be understood, or NULL. */
void              roster_audit_entry_set_details          (RosterAuditEntry  *self,
                                                           JsonObject        *details);
JsonObject       *roster_audit_entry_get_details          (RosterAuditEntry  *self);

/* "First Last" of the actor or target, else the username, else NULL. */
char             *roster_audit_entry_dup_actor_name       (RosterAuditEntry  *self);
char             *roster_audit_entry_dup_target_name      (RosterAuditEntry  *self);

G_END_DECLS
