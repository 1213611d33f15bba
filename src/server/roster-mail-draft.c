/* roster-mail-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-mail-draft.h"

/* The names stored in mail_outbox.kind. */
static const char * const kind_names[] = { "confirm", "reset", "welcome", "notify_enrolment", "invite" };

const char *
roster_mail_kind_to_string (RosterMailKind kind)
{
  return (guint) kind < G_N_ELEMENTS (kind_names) ? kind_names[kind] : NULL;
}

gboolean
roster_mail_kind_from_string (const char     *str,
                              RosterMailKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}
