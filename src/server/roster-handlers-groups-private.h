/* roster-handlers-groups-private.h: what the groups area's two handler
 * files share (roster-handlers-groups.c, roster-handlers-assignments.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-access.h"
#include "roster-router.h"

G_BEGIN_DECLS

/* The routes of roster-handlers-assignments.c; roster_handlers_add_groups()
 * adds them. */
void      roster_handlers_add_assignments    (RosterRouter            *router);

/* roster_access_course() for something that lives in a course (a group,
 * an assignment): a course the caller may not see answers with
 * @not_found, exactly like a missing object, so ids cannot be probed. */
gboolean  roster_handlers_access_object      (RosterContext           *ctx,
                                              RosterUser              *user,
                                              gint64                   course_id,
                                              RosterCourseCapability   cap,
                                              RosterCourseAccess      *access,
                                              const char              *not_found,
                                              GError                 **error);

/* Refuses body members other than @allowed (NULL-terminated) with a
 * validation error naming the first such member. */

/* A name of 1 to 255 characters once trimmed; a new string, or NULL with
 * a validation error naming @member. */
char     *roster_handlers_clean_name         (const char              *member,
                                              const char              *value,
                                              GError                 **error);

/* { "from": …, "to": … } under @member of @details, strings or null. */
void      roster_handlers_add_change         (JsonObject              *details,
                                              const char              *member,
                                              const char              *from,
                                              const char              *to);

G_END_DECLS
