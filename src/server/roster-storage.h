/* roster-storage.h: the one interface through which the server keeps data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every method is one atomic unit of work (one transaction in the
 * driver); a method that changes something takes the audit event that
 * describes the change and writes it in the same transaction, so a change
 * is never kept without its record or the other way round. No SQL lives
 * outside the drivers.
 */

#pragma once

#include <gio/gio.h>

#include "roster-course.h"
#include "roster-dataset.h"
#include "roster-user.h"

G_BEGIN_DECLS

/* What an audit record says: who (actor), what (action), on what. */
typedef struct
{
  gint64      actor_id;        /* 0 = nobody signed in */
  const char *action;          /* "auth.login", "auth.login_failed", … */
  gint64      course_id;       /* 0 = none */
  gint64      target_user_id;  /* 0 = none */
  const char *object_type;     /* "enrolment", "key", … or NULL */
  gint64      object_id;
  const char *remote_address;
  const char *details;         /* a JSON object, or NULL; never a secret */
} RosterAuditEvent;

typedef struct
{
  gint64  id;
  gint64  at;
  gint64  actor_id;
  char   *action;
  gint64  course_id;
  gint64  target_user_id;
  char   *object_type;
  gint64  object_id;
  char   *remote_address;
  char   *details;
} RosterAuditRecord;

void roster_audit_record_free (RosterAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterAuditRecord, roster_audit_record_free)

typedef struct
{
  gint64      course_id;       /* 0 = any */
  gint64      user_id;         /* actor or target; 0 = any */
  gint64      since;           /* 0 = from the start */
  const char *action;          /* NULL = any */
  guint       limit;           /* 0 = the driver's default */
} RosterAuditQuery;

/* What sign-in needs to know about an account; kept apart from
 * RosterUser so the hash cannot end up in a reply by accident. */
typedef struct
{
  gint64           user_id;
  RosterUserState  state;
  char            *password_hash;
  guint            failed_logins;
  gint64           locked_until;
} RosterCredentials;

void roster_credentials_free (RosterCredentials *credentials);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCredentials, roster_credentials_free)

typedef struct
{
  guint   failed_logins;       /* after this failure */
  gint64  locked_until;        /* 0 unless this failure locked the account */
} RosterLoginFailure;

typedef struct
{
  gint64      course_id;
  char       *short_name;
  RosterRole  role;
} RosterCourseRole;

void roster_course_role_free (RosterCourseRole *course_role);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterCourseRole, roster_course_role_free)

/* A new account. The username and e-mail are compared case-insensitively
 * (the driver stores the folded forms from roster-text.h). */
typedef struct
{
  const char      *username;
  const char      *email;
  const char      *first_name;
  const char      *last_name;
  RosterUserType   type;
  RosterUserState  state;
  const char      *password_hash;
  gboolean         site_admin;
} RosterNewUser;

/* ---- users, erasure, removal requests: records ---- */

#include "roster-removal-request.h"

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

/* ---- end of users records ---- */

#define ROSTER_TYPE_STORAGE (roster_storage_get_type ())

G_DECLARE_INTERFACE (RosterStorage, roster_storage, ROSTER, STORAGE, GObject)

struct _RosterStorageInterface
{
  GTypeInterface parent_iface;

  int                 (*get_schema_version)   (RosterStorage            *self);
  gboolean            (*count_users)          (RosterStorage            *self,
                                               gint64                   *count,
                                               GError                  **error);
  gboolean            (*load_dataset)         (RosterStorage            *self,
                                               RosterDataset            *dataset,
                                               GError                  **error);

  gint64              (*create_user)          (RosterStorage            *self,
                                               const RosterNewUser      *user,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  RosterUser         *(*get_user)             (RosterStorage            *self,
                                               gint64                    user_id,
                                               GError                  **error);
  RosterCredentials  *(*get_credentials)      (RosterStorage            *self,
                                               const char               *username,
                                               GError                  **error);
  gboolean            (*record_login_failure) (RosterStorage            *self,
                                               gint64                    user_id,
                                               gint64                    now,
                                               guint                     threshold,
                                               gint64                    lock_seconds,
                                               const RosterAuditEvent   *audit_failure,
                                               const RosterAuditEvent   *audit_lock,
                                               RosterLoginFailure       *result,
                                               GError                  **error);
  gboolean            (*record_login_success) (RosterStorage            *self,
                                               gint64                    user_id,
                                               const char               *token_hash,
                                               gint64                    now,
                                               gint64                    expires_at,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  RosterUser         *(*lookup_token)         (RosterStorage            *self,
                                               const char               *token_hash,
                                               gint64                    now,
                                               gboolean                 *expired,
                                               GError                  **error);
  gboolean            (*delete_token)         (RosterStorage            *self,
                                               const char               *token_hash,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);

  GPtrArray          *(*list_courses)         (RosterStorage            *self,
                                               gint64                    viewer_id,
                                               gboolean                  all_courses,
                                               const char               *query,
                                               GError                  **error);
  RosterCourse       *(*get_course)           (RosterStorage            *self,
                                               gint64                    course_id,
                                               gint64                    viewer_id,
                                               GError                  **error);
  GPtrArray          *(*list_course_roles)    (RosterStorage            *self,
                                               gint64                    user_id,
                                               GError                  **error);

  gboolean            (*append_audit)         (RosterStorage            *self,
                                               const RosterAuditEvent   *event,
                                               GError                  **error);
  GPtrArray          *(*list_audit)           (RosterStorage            *self,
                                               const RosterAuditQuery   *query,
                                               GError                  **error);

  /* ---- groups (roster-sqlite-groups.c) ---- */

  /* The ids of the groups of @course_id that @user_id is a member of. */
  GArray             *(*list_user_group_ids)  (RosterStorage            *self,
                                               gint64                    course_id,
                                               gint64                    user_id,
                                               GError                  **error);

  /* ---- end of groups ---- */


  /* ---- participants and enrolments (roster-sqlite-participants.c) ---- */

  /* ---- end of participants and enrolments ---- */


  /* ---- methods and keys (roster-sqlite-methods.c) ---- */

  /* ---- end of methods and keys ---- */


  /* ---- users, erasure, removal requests (roster-sqlite-admin.c) ---- */

  GPtrArray          *(*list_users)           (RosterStorage            *self,
                                               const RosterUserQuery    *query,
                                               GError                  **error);
  RosterUserDetails  *(*get_user_details)     (RosterStorage            *self,
                                               gint64                    user_id,
                                               guint                     n_events,
                                               GError                  **error);
  gboolean            (*is_erased_email)      (RosterStorage            *self,
                                               const char               *email_hash,
                                               gboolean                 *erased,
                                               GError                  **error);
  /* The last active site administrator keeps site_admin; an erased
   * account changes no more (ROSTER_ERROR_CONFLICT for both). */
  RosterUser         *(*update_user)          (RosterStorage            *self,
                                               gint64                    user_id,
                                               const RosterUserChanges  *changes,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* pending → active (@audit_activated) or suspended → active
   * (@audit_reactivated); anything else is a conflict. */
  RosterUser         *(*activate_user)        (RosterStorage            *self,
                                               gint64                    user_id,
                                               const RosterAuditEvent   *audit_activated,
                                               const RosterAuditEvent   *audit_reactivated,
                                               GError                  **error);
  /* active → suspended, ending every session of the account. */
  RosterUser         *(*suspend_user)         (RosterStorage            *self,
                                               gint64                    user_id,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  RosterUser         *(*unlock_user)          (RosterStorage            *self,
                                               gint64                    user_id,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Also ends every session and clears the failed sign-in count. */
  gboolean            (*set_user_password)    (RosterStorage            *self,
                                               gint64                    user_id,
                                               const char               *password_hash,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Replaces the person's data, keeps their enrolments anonymised,
   * redacts audit details that name them, closes their removal requests
   * and leaves no old page images in the database's files. */
  gboolean            (*erase_user)           (RosterStorage            *self,
                                               gint64                    user_id,
                                               RosterEmailHashFunc       hash_email,
                                               gpointer                  hash_data,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  gint64              (*create_removal_request) (RosterStorage          *self,
                                               gint64                    user_id,
                                               const char               *reason,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  GPtrArray          *(*list_removal_requests) (RosterStorage           *self,
                                               const RosterRemovalQuery *query,
                                               GError                  **error);
  RosterRemovalRequest *(*decline_removal_request) (RosterStorage       *self,
                                               gint64                    request_id,
                                               gint64                    decided_by,
                                               const char               *reason,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);

  /* ---- end of users ---- */


  /* ---- audit and reports (roster-sqlite-reports.c) ---- */

  /* ---- end of audit and reports ---- */
};

int                roster_storage_get_schema_version   (RosterStorage           *self);
gboolean           roster_storage_count_users          (RosterStorage           *self,
                                                        gint64                  *count,
                                                        GError                 **error);
gboolean           roster_storage_load_dataset         (RosterStorage           *self,
                                                        RosterDataset           *dataset,
                                                        GError                 **error);
gint64             roster_storage_create_user          (RosterStorage           *self,
                                                        const RosterNewUser     *user,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser        *roster_storage_get_user             (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        GError                 **error);
RosterCredentials *roster_storage_get_credentials      (RosterStorage           *self,
                                                        const char              *username,
                                                        GError                 **error);
gboolean           roster_storage_record_login_failure (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        gint64                   now,
                                                        guint                    threshold,
                                                        gint64                   lock_seconds,
                                                        const RosterAuditEvent  *audit_failure,
                                                        const RosterAuditEvent  *audit_lock,
                                                        RosterLoginFailure      *result,
                                                        GError                 **error);
gboolean           roster_storage_record_login_success (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const char              *token_hash,
                                                        gint64                   now,
                                                        gint64                   expires_at,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser        *roster_storage_lookup_token         (RosterStorage           *self,
                                                        const char              *token_hash,
                                                        gint64                   now,
                                                        gboolean                *expired,
                                                        GError                 **error);
gboolean           roster_storage_delete_token         (RosterStorage           *self,
                                                        const char              *token_hash,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_courses         (RosterStorage           *self,
                                                        gint64                   viewer_id,
                                                        gboolean                 all_courses,
                                                        const char              *query,
                                                        GError                 **error);
RosterCourse      *roster_storage_get_course           (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        gint64                   viewer_id,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_course_roles    (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        GError                 **error);
gboolean           roster_storage_append_audit         (RosterStorage           *self,
                                                        const RosterAuditEvent  *event,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_audit           (RosterStorage           *self,
                                                        const RosterAuditQuery  *query,
                                                        GError                 **error);

/* ---- groups ---- */

GArray            *roster_storage_list_user_group_ids  (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        gint64                   user_id,
                                                        GError                 **error);

/* ---- end of groups ---- */


/* ---- participants and enrolments ---- */

/* ---- end of participants and enrolments ---- */


/* ---- methods and keys ---- */

/* ---- end of methods and keys ---- */


/* ---- users, erasure, removal requests ---- */

GPtrArray         *roster_storage_list_users           (RosterStorage           *self,
                                                        const RosterUserQuery   *query,
                                                        GError                 **error);
RosterUserDetails *roster_storage_get_user_details     (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        guint                    n_events,
                                                        GError                 **error);
gboolean           roster_storage_is_erased_email      (RosterStorage           *self,
                                                        const char              *email_hash,
                                                        gboolean                *erased,
                                                        GError                 **error);
RosterUser        *roster_storage_update_user          (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const RosterUserChanges *changes,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser        *roster_storage_activate_user        (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit_activated,
                                                        const RosterAuditEvent  *audit_reactivated,
                                                        GError                 **error);
RosterUser        *roster_storage_suspend_user         (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
RosterUser        *roster_storage_unlock_user          (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_set_user_password    (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        const char              *password_hash,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_erase_user           (RosterStorage           *self,
                                                        gint64                   user_id,
                                                        RosterEmailHashFunc      hash_email,
                                                        gpointer                 hash_data,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
/* For the account page (web pages issue): one pending request per
 * person; a second one while the first waits is a conflict. */
gint64             roster_storage_create_removal_request (RosterStorage         *self,
                                                        gint64                   user_id,
                                                        const char              *reason,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_removal_requests (RosterStorage          *self,
                                                        const RosterRemovalQuery *query,
                                                        GError                 **error);
RosterRemovalRequest *roster_storage_decline_removal_request (RosterStorage     *self,
                                                        gint64                   request_id,
                                                        gint64                   decided_by,
                                                        const char              *reason,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);

/* ---- end of users ---- */


/* ---- audit and reports ---- */

/* ---- end of audit and reports ---- */


/* Opens the driver the database setting names: a postgresql:// URI or
 * else an SQLite file path. */
RosterStorage     *roster_storage_open                 (const char              *database,
                                                        guint                    pool_size,
                                                        GError                 **error);

G_END_DECLS
