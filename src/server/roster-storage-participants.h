/* roster-storage-participants.h: the records the participants-and-enrolments part of
 * RosterStorage takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include "roster-types.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_PARTICIPANT_SORT_NAME,
  ROSTER_PARTICIPANT_SORT_EMAIL,
  ROSTER_PARTICIPANT_SORT_LAST_ACCESS,
  ROSTER_PARTICIPANT_SORT_ENROLLED,
} RosterParticipantSort;

/* Which participants of a course, in which order, from where. */
typedef struct
{
  gint64                 course_id;
  const char            *query;          /* names, username, e-mail; NULL: all */
  RosterRole             role;           /* ROSTER_ROLE_NONE: any */
  gint64                 group_id;       /* 0: any; -1: in no group */
  gint                   status;         /* -1: any; else a RosterEnrolmentStatus */
  gint                   user_type;      /* -1: any; else a RosterUserType */
  gint64                 method_id;      /* 0: any */
  gint                   method_type;    /* -1: any; else a RosterMethodType */
  RosterParticipantSort  sort;
  gboolean               descending;
  /* Keyset pagination: only rows after this sort value and enrolment id. */
  gboolean               has_after;
  const char            *after_text;     /* for name and e-mail */
  gint64                 after_int;      /* for times */
  gint64                 after_id;
  guint                  limit;          /* 0: no limit */
  /* When set, only members of these groups (gint64 ids), and the
   * participant only_also_user_id (the viewer), are listed: the rule for
   * viewers without "access all groups" under separate groups. */
  const GArray          *only_groups;
  gint64                 only_also_user_id;
} RosterParticipantQuery;

/* One participant, valid only during the callback that receives it. */
typedef struct
{
  gint64                 enrolment_id;
  gint64                 user_id;
  const char            *username;
  const char            *email;
  const char            *first_name;
  const char            *last_name;
  RosterUserType         user_type;
  RosterUserState        user_state;
  RosterRole             role;
  RosterEnrolmentStatus  status;
  gint64                 start_at;
  gint64                 end_at;
  gint64                 method_id;      /* 0: the method is gone */
  RosterMethodType       method_type;
  const char            *method_name;
  const char            *key_nickname;
  gint64                 enrolled_at;
  gint64                 last_access;
  /* The course groups the person is in: "id\x1fname" entries joined by
   * "\x1e", or NULL. */
  const char            *groups;
  /* The row's value for the query's sort order, for the next cursor. */
  const char            *sort_text;
  gint64                 sort_int;
} RosterParticipantRow;

typedef gboolean (*RosterParticipantFunc) (const RosterParticipantRow  *row,
                                           gpointer                     user_data,
                                           GError                     **error);

typedef struct
{
  gint64                 id;
  gint64                 course_id;
  gint64                 user_id;
  RosterRole             role;
  RosterEnrolmentStatus  status;
  gint64                 start_at;
  gint64                 end_at;
  gint64                 method_id;
  char                  *key_nickname;
  gint64                 created_at;
} RosterEnrolment;

void roster_enrolment_free (RosterEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterEnrolment, roster_enrolment_free)

/* What a PATCH changes: only the fields whose flag is set. */
typedef struct
{
  gboolean               set_role;
  RosterRole             role;
  gboolean               set_status;
  RosterEnrolmentStatus  status;
  gboolean               set_start_at;
  gint64                 start_at;
  gboolean               set_end_at;
  gint64                 end_at;
} RosterEnrolmentChange;

G_END_DECLS
