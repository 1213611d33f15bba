/* roster-participant-format.c: a participant's values as people read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-participant-format.h"

static const char *
user_type_label (RosterUserType type)
{
  switch (type)
    {
    case ROSTER_USER_TYPE_STAFF:
      return _("Staff");
    case ROSTER_USER_TYPE_STUDENT:
      return _("Student");
    case ROSTER_USER_TYPE_EXTERNAL:
      return _("External");
    default:
      return "";
    }
}

static const char *
status_label (RosterEnrolmentStatus status)
{
  switch (status)
    {
    case ROSTER_ENROLMENT_ACTIVE:
      return _("Active");
    case ROSTER_ENROLMENT_SUSPENDED:
      return _("Suspended");
    default:
      return "";
    }
}

/* As roster_method_dup_display_name () names a method without a name. */
static const char *
method_type_label (RosterMethodType type)
{
  switch (type)
    {
    case ROSTER_METHOD_MANUAL:
      return _("Manual enrolments");
    case ROSTER_METHOD_SELF:
      return _("Self enrolment");
    case ROSTER_METHOD_GUEST:
      return _("Guest access");
    default:
      return "";
    }
}

/**
 * roster_participant_dup_column_text:
 * @participant: a #RosterParticipant
 * @column: a column of the participants table
 *
 * The text of one cell, as the table shows it and the export writes it.
 *
 * Returns: (transfer full): the text
 */
char *
roster_participant_dup_column_text (RosterParticipant       *participant,
                                    RosterParticipantColumn  column)
{
  switch ((int) column)
    {
    case ROSTER_PARTICIPANT_COLUMN_NAME:
      return g_strdup (roster_participant_get_full_name (participant));
    case ROSTER_PARTICIPANT_COLUMN_EMAIL:
      return g_strdup (roster_participant_get_email (participant));
    case ROSTER_PARTICIPANT_COLUMN_TYPE:
      return g_strdup (user_type_label (roster_participant_get_user_type (participant)));
    case ROSTER_PARTICIPANT_COLUMN_ROLES:
      return roster_participant_dup_roles_label (participant);
    case ROSTER_PARTICIPANT_COLUMN_GROUPS:
      {
        const char * const *names = roster_participant_get_group_names (participant);

        return names != NULL ? g_strjoinv (", ", (char **) names) : g_strdup ("");
      }
    case ROSTER_PARTICIPANT_COLUMN_STATUS:
      return g_strdup (status_label (roster_participant_get_status (participant)));
    case ROSTER_PARTICIPANT_COLUMN_METHOD:
      {
        const char *method = roster_participant_get_method_name (participant);
        const char *key = roster_participant_get_key_nickname (participant);
        RosterMethodType type;

        /* A method with no name of its own goes by its kind. */
        if ((method == NULL || *method == '\0') && roster_participant_get_method_type (participant, &type))
          method = method_type_label (type);
        if (method == NULL)
          return g_strdup ("");
        if (key == NULL || *key == '\0')
          return g_strdup (method);
        /* TRANSLATORS: an enrolment method and the nickname of the
         * enrolment key used with it, e.g. "Self enrolment (key “Spring”)". */
        return g_strdup_printf (_("%s (key “%s”)"), method, key);
      }
    case ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS:
      {
        gint64 last_access = roster_participant_get_last_access (participant);
        g_autoptr(GDateTime) when = NULL;

        if (last_access <= 0)
          return g_strdup (_("Never"));
        when = g_date_time_new_from_unix_local (last_access);
        return when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("");
      }
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}
