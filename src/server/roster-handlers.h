/* roster-handlers.h: the API's request handlers, by area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A handler reads like a line of the API table: parse and check the
 * input, ask the permission table, call the domain, write JSON.
 */

#pragma once

#include "roster-access.h"
#include "roster-router.h"

G_BEGIN_DECLS

void roster_handlers_add_auth         (RosterRouter *router);
void roster_handlers_add_courses      (RosterRouter *router);
void roster_handlers_add_participants (RosterRouter *router);
void roster_handlers_add_enrolments   (RosterRouter *router);
void roster_handlers_add_methods      (RosterRouter *router);
void roster_handlers_add_groups       (RosterRouter *router);
void roster_handlers_add_users        (RosterRouter *router);
void roster_handlers_add_audit        (RosterRouter *router);
void roster_handlers_add_imports      (RosterRouter *router);
void roster_handlers_add_keys_import  (RosterRouter *router);

/* The course named by the path parameter @param, if the caller may use
 * @cap in it (404 or 403 otherwise, as roster_access_course()). */
gboolean roster_handlers_course_access (RosterContext           *ctx,
                                        RosterRequest           *request,
                                        const char              *param,
                                        RosterCourseCapability   cap,
                                        RosterCourseAccess      *access,
                                        GError                 **error);

/* Every area's routes: what the server serves. */
void roster_handlers_add_all          (RosterRouter *router);

G_END_DECLS
