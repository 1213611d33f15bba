/* roster-user-events.c: a person's account and its events in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-user-events.h"

static gboolean
is_locked (RosterUser *user,
           gint64      now)
{
  return roster_user_get_state (user) != ROSTER_USER_STATE_ERASED &&
         roster_user_get_locked_until (user) > now;
}

const char *
roster_user_events_format_state (RosterUser *user,
                                 gint64      now)
{
  g_return_val_if_fail (ROSTER_IS_USER (user), NULL);

  if (is_locked (user, now))
    return C_("account state", "Locked");

  switch (roster_user_get_state (user))
    {
    case ROSTER_USER_STATE_PENDING:
      return C_("account state", "Pending");
    case ROSTER_USER_STATE_ACTIVE:
      return C_("account state", "Active");
    case ROSTER_USER_STATE_SUSPENDED:
      return C_("account state", "Suspended");
    case ROSTER_USER_STATE_ERASED:
      return C_("account state", "Erased");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
roster_user_events_state_class (RosterUser *user,
                                gint64      now)
{
  g_return_val_if_fail (ROSTER_IS_USER (user), NULL);

  if (is_locked (user, now))
    return "error";

  switch (roster_user_get_state (user))
    {
    case ROSTER_USER_STATE_ACTIVE:
      return "success";
    case ROSTER_USER_STATE_PENDING:
    case ROSTER_USER_STATE_SUSPENDED:
      return "warning";
    case ROSTER_USER_STATE_ERASED:
    default:
      return "dim-label";
    }
}

const char *
roster_user_events_format_type (RosterUserType type)
{
  switch (type)
    {
    case ROSTER_USER_TYPE_STAFF:
      return C_("account type", "Staff");
    case ROSTER_USER_TYPE_STUDENT:
      return C_("account type", "Student");
    case ROSTER_USER_TYPE_EXTERNAL:
      return C_("account type", "External");
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
format (gint64      unix_time,
        const char *never,
        const char *pattern)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (unix_time == 0)
    return g_strdup (never);

  utc = g_date_time_new_from_unix_utc (unix_time);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  if (local == NULL)
    return g_strdup (never);

  return g_date_time_format (local, pattern);
}

char *
roster_user_events_format_time (gint64      unix_time,
                                const char *never)
{
  /* Translators: when something happened to an account, see g_date_time_format(). */
  return format (unix_time, never, _("%-d %b %Y, %H:%M"));
}

char *
roster_user_events_format_date (gint64      unix_time,
                                const char *never)
{
  /* Translators: a day, see g_date_time_format(). */
  return format (unix_time, never, _("%-d %b %Y"));
}
