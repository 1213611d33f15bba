/* roster-handlers-methods-private.h: what the handlers of methods
 * (roster-handlers-methods.c) and of their keys (roster-handlers-keys.c)
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-access.h"
#include "roster-router.h"

G_BEGIN_DECLS

/* Registers the key routes; roster_handlers_add_methods() calls it. */
void          roster_handlers_add_keys            (RosterRouter            *router);

/* The method the {mid} path parameter names, if the caller may use @cap
 * in its course; one in a course the caller cannot see answers exactly
 * like one that does not exist (404). */
RosterMethod *roster_handlers_method_for_request  (RosterContext           *ctx,
                                                   RosterRequest           *request,
                                                   RosterCourseCapability   cap,
                                                   GError                 **error);

/* An audit event by the signed-in caller, from the caller's address. */
void          roster_handlers_audit_init          (RosterAuditEvent        *event,
                                                   RosterRequest           *request,
                                                   const char              *action,
                                                   gint64                   course_id,
                                                   const char              *object_type,
                                                   gint64                   object_id,
                                                   const char              *details);
/* Audit details: a JSON object of NULL-terminated pairs of member name
 * and string value (a NULL value becomes null). Never a secret. */
char         *roster_handlers_details             (const char              *first_member,
                                                   ...) G_GNUC_NULL_TERMINATED;

/* Request members: anything not in @allowed is a validation error
 * naming it, so that a misspelt setting is not silently ignored. */
/* A present member that must be true or false (null is refused). */
gboolean      roster_handlers_get_flag            (JsonObject              *body,
                                                   const char              *member,
                                                   gboolean                *value,
                                                   GError                 **error);
/* A present member that must be a whole number ≥ 0; null gives 0 when
 * @nullable ("none"), an error otherwise. */
gboolean      roster_handlers_get_count           (JsonObject              *body,
                                                   const char              *member,
                                                   gboolean                 nullable,
                                                   gint64                  *value,
                                                   GError                 **error);
/* A present member that is a time (or a date: midnight UTC), or null
 * for none (0). */
gboolean      roster_handlers_get_time_or_null    (JsonObject              *body,
                                                   const char              *member,
                                                   gint64                  *value,
                                                   GError                 **error);
/* A text member, optionally stripped of white space; NULL (and no error)
 * when null, absent or empty. */
char         *roster_handlers_get_text            (JsonObject              *body,
                                                   const char              *member,
                                                   gboolean                 strip,
                                                   GError                 **error);

G_END_DECLS
