/* roster-dataset.h: many rows to load at once (the demo, benchmarks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows carry their own ids so that they can refer to each other before
 * anything is stored; a driver loads a whole dataset in one transaction.
 */

#pragma once

#include <glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      id;
  const char *name;
} RosterDatasetDepartment;

typedef struct
{
  gint64           id;
  const char      *username;
  const char      *email;
  const char      *first_name;
  const char      *last_name;
  const char      *idnumber;
  RosterUserType   type;
  RosterUserState  state;
  const char      *password_hash;
  gboolean         site_admin;
  guint            failed_logins;
  gint64           locked_until;
  gint64           created_at;
  gint64           last_access;
} RosterDatasetUser;

typedef struct
{
  gint64          id;
  gint64          department_id;
  const char     *short_name;
  const char     *full_name;
  RosterGroupMode group_mode;
  gboolean        group_mode_forced;
  gint64          created_at;
} RosterDatasetCourse;

typedef struct
{
  gint64            id;
  gint64            course_id;
  RosterMethodType  type;
  int               sort_order;
  const char       *name;
  gboolean          enabled;
  RosterRole        default_role;
  gint64            enrol_start;
  gint64            enrol_end;
  gint64            enrol_duration;
  gint64            max_enrolled;
  const char       *welcome_message;
  gboolean          notify_admins;
  gint64            created_at;
} RosterDatasetMethod;

typedef struct
{
  gint64      id;
  gint64      method_id;
  const char *nickname;
  GBytes     *secret_sealed;   /* owned by the dataset */
  const char *secret_lookup;
  gboolean    active;
  gint64      group_id;
  gint64      expires_at;
  gint64      max_uses;
  gint64      uses;
  gint64      created_by;
  gint64      created_at;
} RosterDatasetKey;

typedef struct
{
  gint64      id;
  gint64      course_id;
  const char *name;
  gint64      created_at;
} RosterDatasetGroup;

typedef struct
{
  gint64 group_id;
  gint64 user_id;
  gint64 added_at;
} RosterDatasetMember;

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
  gint64                 key_id;
  const char            *key_nickname;
  gint64                 created_at;
} RosterDatasetEnrolment;

typedef struct
{
  gint64          id;
  gint64          course_id;
  const char     *name;
  RosterGroupMode group_mode;
  gint64          due_at;
  gint64          created_at;
} RosterDatasetAssignment;

typedef struct
{
  gint64      assignment_id;
  gint64      user_id;
  const char *status;          /* "draft", "submitted", "graded" */
  gint64      submitted_at;
} RosterDatasetSubmission;

/* A person's request to have their account removed, as the web account
 * page makes them; decided ones carry who decided and why. */
typedef struct
{
  gint64      id;
  gint64      user_id;
  gint64      requested_at;
  const char *reason;
  const char *status;          /* "pending", "declined", "erased" */
  gint64      decided_by;      /* 0: nobody yet */
  gint64      decided_at;
  const char *decision_reason;
} RosterDatasetRemovalRequest;

typedef struct
{
  GStringChunk *strings;
  GArray       *departments;
  GArray       *users;
  GArray       *courses;
  GArray       *methods;
  GArray       *keys;
  GArray       *groups;
  GArray       *members;
  GArray       *enrolments;
  GArray       *assignments;
  GArray       *submissions;
  GArray       *removal_requests;
} RosterDataset;

RosterDataset *roster_dataset_new    (void);
void           roster_dataset_free   (RosterDataset *self);
/* Copies @str into the dataset's own storage; NULL stays NULL. */
const char    *roster_dataset_intern (RosterDataset *self,
                                      const char    *str);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterDataset, roster_dataset_free)

G_END_DECLS
