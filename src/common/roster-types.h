/* roster-types.h: the enumerations of the domain (PRODUCT.md §3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ROSTER_ROLE_NONE,
  ROSTER_ROLE_MODULE_LEADER,
  ROSTER_ROLE_TEACHER,
  ROSTER_ROLE_PROFESSIONAL_STAFF,
  ROSTER_ROLE_STUDENT,
  ROSTER_ROLE_GUEST,
  ROSTER_ROLE_EXTERNAL_MODERATOR,
} RosterRole;

#define ROSTER_N_ROLES (ROSTER_ROLE_EXTERNAL_MODERATOR + 1)

typedef enum
{
  ROSTER_USER_TYPE_STAFF,
  ROSTER_USER_TYPE_STUDENT,
  ROSTER_USER_TYPE_EXTERNAL,
} RosterUserType;

typedef enum
{
  ROSTER_USER_STATE_PENDING,
  ROSTER_USER_STATE_ACTIVE,
  ROSTER_USER_STATE_SUSPENDED,
  ROSTER_USER_STATE_ERASED,
} RosterUserState;

typedef enum
{
  ROSTER_GROUP_MODE_NONE,
  ROSTER_GROUP_MODE_SEPARATE,
  ROSTER_GROUP_MODE_VISIBLE,
} RosterGroupMode;

typedef enum
{
  ROSTER_ENROLMENT_ACTIVE,
  ROSTER_ENROLMENT_SUSPENDED,
} RosterEnrolmentStatus;

typedef enum
{
  ROSTER_METHOD_MANUAL,
  ROSTER_METHOD_SELF,
  ROSTER_METHOD_GUEST,
} RosterMethodType;

/* Each enum has one spelling on the wire and in storage; the parsers
 * return FALSE for anything else so bad input never becomes a default. */
const char *roster_role_to_string              (RosterRole             role);
/* For people, translated: "Module leader" as a label, "module leader"
 * within a sentence. NULL for ROSTER_ROLE_NONE. */
const char *roster_role_get_label              (RosterRole             role);
const char *roster_role_get_noun               (RosterRole             role);
gboolean    roster_role_from_string            (const char            *str,
                                                RosterRole            *role);
const char *roster_user_type_to_string         (RosterUserType         type);
gboolean    roster_user_type_from_string       (const char            *str,
                                                RosterUserType        *type);
const char *roster_user_state_to_string        (RosterUserState        state);
gboolean    roster_user_state_from_string      (const char            *str,
                                                RosterUserState       *state);
const char *roster_group_mode_to_string        (RosterGroupMode        mode);
gboolean    roster_group_mode_from_string      (const char            *str,
                                                RosterGroupMode       *mode);
const char *roster_enrolment_status_to_string  (RosterEnrolmentStatus  status);
gboolean    roster_enrolment_status_from_string(const char            *str,
                                                RosterEnrolmentStatus *status);
const char *roster_method_type_to_string       (RosterMethodType       type);
gboolean    roster_method_type_from_string     (const char            *str,
                                                RosterMethodType      *type);

G_END_DECLS
