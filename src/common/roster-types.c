/* roster-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-types.h"

static const char * const role_names[] = {
  "none", "module_leader", "teacher", "professional_staff", "student", "guest", "external_moderator",
};
static const char * const user_type_names[] = { "staff", "student", "external" };
static const char * const user_state_names[] = { "pending", "active", "suspended", "erased" };
static const char * const group_mode_names[] = { "none", "separate", "visible" };
static const char * const enrolment_status_names[] = { "active", "suspended" };
static const char * const method_type_names[] = { "manual", "self", "guest" };

static const char *
lookup_name (const char * const *names,
             guint               n_names,
             guint               value)
{
  return value < n_names ? names[value] : NULL;
}

static gboolean
lookup_value (const char * const *names,
              guint               n_names,
              const char         *str,
              guint              *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], str))
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(prefix, Type, names)                          \
  const char *                                                            \
  prefix##_to_string (Type value)                                         \
  {                                                                       \
    return lookup_name (names, G_N_ELEMENTS (names), (guint) value);      \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        Type       *value)                                \
  {                                                                       \
    guint v;                                                              \
                                                                          \
    if (!lookup_value (names, G_N_ELEMENTS (names), str, &v))             \
      return FALSE;                                                       \
    *value = (Type) v;                                                    \
    return TRUE;                                                          \
  }

DEFINE_ENUM_STRINGS (roster_user_type, RosterUserType, user_type_names)
DEFINE_ENUM_STRINGS (roster_user_state, RosterUserState, user_state_names)
DEFINE_ENUM_STRINGS (roster_group_mode, RosterGroupMode, group_mode_names)
DEFINE_ENUM_STRINGS (roster_enrolment_status, RosterEnrolmentStatus, enrolment_status_names)
DEFINE_ENUM_STRINGS (roster_method_type, RosterMethodType, method_type_names)

const char *
roster_role_to_string (RosterRole role)
{
  return lookup_name (role_names, G_N_ELEMENTS (role_names), (guint) role);
}

/* "none" is only an answer ("no role here"), never something a caller
 * may ask for, so the parser refuses it. */
gboolean
roster_role_from_string (const char *str,
                         RosterRole *role)
{
  guint v;

  if (!lookup_value (role_names, G_N_ELEMENTS (role_names), str, &v) || v == ROSTER_ROLE_NONE)
    return FALSE;
  *role = (RosterRole) v;
  return TRUE;
}

const char *
roster_role_get_label (RosterRole role)
{
  switch (role)
    {
    case ROSTER_ROLE_MODULE_LEADER: return _("Module leader");
    case ROSTER_ROLE_TEACHER: return _("Teacher");
    case ROSTER_ROLE_PROFESSIONAL_STAFF: return _("Professional staff");
    case ROSTER_ROLE_STUDENT: return _("Student");
    case ROSTER_ROLE_GUEST: return _("Guest");
    case ROSTER_ROLE_EXTERNAL_MODERATOR: return _("External moderator");
    case ROSTER_ROLE_NONE:
    default: return NULL;
    }
}

const char *
roster_role_get_noun (RosterRole role)
{
  switch (role)
    {
    case ROSTER_ROLE_MODULE_LEADER: return _("module leader");
    case ROSTER_ROLE_TEACHER: return _("teacher");
    case ROSTER_ROLE_PROFESSIONAL_STAFF: return _("professional staff");
    case ROSTER_ROLE_STUDENT: return _("student");
    case ROSTER_ROLE_GUEST: return _("guest");
    case ROSTER_ROLE_EXTERNAL_MODERATOR: return _("external moderator");
    case ROSTER_ROLE_NONE:
    default: return NULL;
    }
}
