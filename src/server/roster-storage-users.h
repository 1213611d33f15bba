/* roster-storage-users.h: the records the user-administration part of
 * RosterStorage takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include "roster-removal-request.h"
#include "roster-types.h"
#include "roster-user.h"

G_BEGIN_DECLS

/* Which users GET /users lists. Sorted by last name, first name, id;
 * the page starts after the (after_last_name, after_first_name,
 * after_id) of the previous page's last row, or at the start when
 * after_id is 0. */
typedef struct
{
  const char      *query;            /* matched against names, username, e-mail; NULL = any */
  gboolean         filter_state;
  RosterUserState  state;
  gboolean         filter_type;
  RosterUserType   type;
  gint64           locked_at;        /* Unix time: only people locked beyond it; 0 = any */
  const char      *after_last_name;
  const char      *after_first_name;
  gint64           after_id;
  guint            limit;            /* 0 = the driver's default */
} RosterUserQuery;

typedef struct
{
  gint64                 id;
  gint64                 course_id;
  char                  *short_name;
  char                  *full_name;
  RosterRole             role;
  RosterEnrolmentStatus  status;
  gint64                 enrolled_at;
} RosterUserEnrolment;

void roster_user_enrolment_free (RosterUserEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterUserEnrolment, roster_user_enrolment_free)

/* What an administrator sees of one person. */
typedef struct
{
  RosterUser *user;
  guint       failed_logins;
  GPtrArray  *enrolments;       /* of RosterUserEnrolment, by course short name */
  GPtrArray  *recent_events;    /* of RosterAuditRecord about or by them, newest first */
} RosterUserDetails;

void roster_user_details_free (RosterUserDetails *details);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterUserDetails, roster_user_details_free)

/* A change to an account: NULL strings and unset flags stay as they are.
 * Usernames and e-mail addresses stay unique case-insensitively. */
typedef struct
{
  const char      *username;
  const char      *email;
  const char      *first_name;
  const char      *last_name;
  gboolean         set_type;
  RosterUserType   type;
  gboolean         set_site_admin;
  gboolean         site_admin;
} RosterUserChanges;

/* Erasure keeps only a keyed hash of the address (PRODUCT.md §9); the
 * driver asks for it inside the transaction, given the identity key of
 * the address being erased. */
typedef char *(*RosterEmailHashFunc) (const char *email_key,
                                      gpointer    user_data);

typedef struct
{
  gboolean             filter_status;
  RosterRemovalStatus  status;
  gint64               after_id;    /* oldest first; 0 = from the start */
  guint                limit;       /* 0 = the driver's default */
} RosterRemovalQuery;

/* GET /users matches at most this many LIKE patterns (roster_storage_user_like_patterns ()). */
#define ROSTER_USER_SEARCH_TERMS 4

void roster_storage_user_like_patterns   (const char      *query,
                                          char            *patterns[ROSTER_USER_SEARCH_TERMS]);
char *roster_storage_like_pattern        (const char      *query);
void roster_storage_set_user_state_error (GError          **error,
                                          RosterUserState   state);

G_END_DECLS
