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
#include "roster-storage-groups.h"
#include "roster-storage-methods.h"
#include "roster-storage-participants.h"
#include "roster-storage-reports.h"
#include "roster-storage-users.h"
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
  /* Joined for display; NULL when the row they name is gone. */
  char   *actor_username;
  char   *actor_first_name;
  char   *actor_last_name;
  char   *target_username;
  char   *target_first_name;
  char   *target_last_name;
  char   *course_short_name;
} RosterAuditRecord;

void roster_audit_record_free (RosterAuditRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterAuditRecord, roster_audit_record_free)

/* Newest first. */
typedef struct
{
  gint64      course_id;       /* 0 = any */
  gint64      user_id;         /* actor or target; 0 = any */
  gint64      since;           /* 0 = from the start */
  const char *action;          /* NULL = any; "auth." (ending in a dot) = every "auth.*" */
  guint       limit;           /* 0 = the driver's default (100) */
  gint64      until;           /* events before this time; 0 = up to now */
  gint64      before_id;       /* events with a smaller id (the next page); 0 = from the newest */
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
  /* The groups of @course_id with their member counts, by name; only
   * those @member_id belongs to unless it is 0. */
  GPtrArray          *(*list_groups)          (RosterStorage            *self,
                                               gint64                    course_id,
                                               gint64                    member_id,
                                               GError                  **error);
  /* ROSTER_ERROR_NOT_FOUND if there is no such group. */
  RosterGroup        *(*get_group)            (RosterStorage            *self,
                                               gint64                    group_id,
                                               GError                  **error);
  /* A name another group of the course has (compared without regard to
   * case) gives ROSTER_ERROR_CONFLICT. The audit event gets the new id
   * as its object id. Returns the id, 0 on error. */
  gint64              (*create_group)         (RosterStorage            *self,
                                               gint64                    course_id,
                                               const char               *name,
                                               const char               *description,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* @name NULL keeps the name; @description is set only if
   * @set_description (NULL clears it). Conflicts as for create_group. */
  gboolean            (*update_group)         (RosterStorage            *self,
                                               gint64                    group_id,
                                               const char               *name,
                                               gboolean                  set_description,
                                               const char               *description,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Members go with the group; keys that put people in it no longer do. */
  gboolean            (*delete_group)         (RosterStorage            *self,
                                               gint64                    group_id,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* RosterGroupMember, by last and first name. */
  GPtrArray          *(*list_group_members)   (RosterStorage            *self,
                                               gint64                    group_id,
                                               GError                  **error);
  /* The user must have an enrolment (of any status) in the group's
   * course, else ROSTER_ERROR_VALIDATION. Adding a member twice changes
   * nothing: @added says whether this call did, and the audit event is
   * written only then. */
  gboolean            (*add_group_member)     (RosterStorage            *self,
                                               gint64                    group_id,
                                               gint64                    user_id,
                                               const RosterAuditEvent   *audit,
                                               gboolean                 *added,
                                               GError                  **error);
  /* Likewise: @removed says whether the user was a member. */
  gboolean            (*remove_group_member)  (RosterStorage            *self,
                                               gint64                    group_id,
                                               gint64                    user_id,
                                               const RosterAuditEvent   *audit,
                                               gboolean                 *removed,
                                               GError                  **error);
  /* @changed says whether the course had another mode or forcing; the
   * audit event is written only then. */
  gboolean            (*set_course_group_mode)(RosterStorage            *self,
                                               gint64                    course_id,
                                               RosterGroupMode           mode,
                                               gboolean                  forced,
                                               const RosterAuditEvent   *audit,
                                               gboolean                 *changed,
                                               GError                  **error);
  /* RosterAssignment with the course's mode and forcing filled in (the
   * submission count is left to the caller: it depends on the viewer). */
  GPtrArray          *(*list_assignments)     (RosterStorage            *self,
                                               gint64                    course_id,
                                               GError                  **error);
  RosterAssignment   *(*get_assignment)       (RosterStorage            *self,
                                               gint64                    assignment_id,
                                               GError                  **error);
  /* Changing the group mode while the course forces its own gives
   * ROSTER_ERROR_CONFLICT and changes nothing. */
  gboolean            (*update_assignment)    (RosterStorage            *self,
                                               gint64                    assignment_id,
                                               const RosterAssignmentChange *change,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Submissions whose student is in any of @group_ids (NULL: every
   * submission; empty: none), by student's last and first name, each
   * with all the student's groups in the course. */
  GPtrArray          *(*list_submissions)     (RosterStorage            *self,
                                               gint64                    assignment_id,
                                               const GArray             *group_ids,
                                               GError                  **error);
  /* How many list_submissions() would give. */
  gboolean            (*count_submissions)    (RosterStorage            *self,
                                               gint64                    assignment_id,
                                               const GArray             *group_ids,
                                               gint64                   *count,
                                               GError                  **error);

  /* ---- end of groups ---- */

  /* ---- participants and enrolments (roster-sqlite-participants.c) ---- */

  /* Calls @func for each matching participant, in order; stops (with
   * success) when @func returns FALSE without setting an error. */
  gboolean            (*foreach_participant)  (RosterStorage                 *self,
                                               const RosterParticipantQuery  *query,
                                               RosterParticipantFunc          func,
                                               gpointer                       user_data,
                                               GError                       **error);
  /* Enrols through the course's manual method (made if the course has
   * none). NOT_FOUND for a missing user, CONFLICT for an erased user or
   * one already enrolled. */
  gint64              (*create_enrolment)     (RosterStorage                 *self,
                                               gint64                         course_id,
                                               gint64                         user_id,
                                               RosterRole                     role,
                                               RosterEnrolmentStatus          status,
                                               gint64                         start_at,
                                               gint64                         end_at,
                                               const RosterAuditEvent        *audit,
                                               GError                       **error);
  RosterEnrolment    *(*get_enrolment)        (RosterStorage                 *self,
                                               gint64                         enrolment_id,
                                               GError                       **error);
  gboolean            (*update_enrolment)     (RosterStorage                 *self,
                                               gint64                         enrolment_id,
                                               const RosterEnrolmentChange   *change,
                                               const RosterAuditEvent        *audit,
                                               GError                       **error);
  /* Also takes the person out of the course's groups. */
  gboolean            (*delete_enrolment)     (RosterStorage                 *self,
                                               gint64                         enrolment_id,
                                               const RosterAuditEvent        *audit,
                                               GError                       **error);

  /* ---- end of participants and enrolments ---- */

  /* ---- methods and keys (roster-sqlite-methods.c, roster-sqlite-keys.c) ---- */

  /* A course's methods in their order, with key and enrolment counts. */
  GPtrArray          *(*list_methods)         (RosterStorage            *self,
                                               gint64                    course_id,
                                               GError                  **error);
  RosterMethod       *(*get_method)           (RosterStorage            *self,
                                               gint64                    method_id,
                                               GError                  **error);
  /* Appends @method (course, type and settings; validated) to its
   * course's list, or puts it at its sort order. At most one manual and
   * one guest method a course (ROSTER_ERROR_CONFLICT). Returns the id. */
  gint64              (*create_method)        (RosterStorage            *self,
                                               RosterMethod             *method,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Applies @patch and checks the result (roster_method_validate()); a
   * new sort order moves the method and shifts the others. */
  gboolean            (*update_method)        (RosterStorage            *self,
                                               gint64                    method_id,
                                               const RosterMethodPatch  *patch,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* Deletes the method and its keys. People enrolled through it make
   * this a ROSTER_ERROR_CONFLICT (their number in @n_enrolled) unless
   * @unenrol, which unenrols them (and takes them out of the course's
   * groups) in the same transaction; the audit details get their number
   * as "unenrolled". The manual method is never deleted. */
  gboolean            (*delete_method)        (RosterStorage            *self,
                                               gint64                    method_id,
                                               gboolean                  unenrol,
                                               const RosterAuditEvent   *audit,
                                               gint64                   *n_enrolled,
                                               GError                  **error);

  GPtrArray          *(*list_keys)            (RosterStorage            *self,
                                               gint64                    method_id,
                                               GError                  **error);
  RosterKey          *(*get_key)              (RosterStorage            *self,
                                               gint64                    key_id,
                                               GError                  **error);
  /* Only on self methods; a group of the same course; a nickname unique
   * in the method and a secret unique on the site (a clash answers with a
   * message that says nothing about the other key). Returns the id. */
  gint64              (*create_key)           (RosterStorage            *self,
                                               const RosterNewKey       *key,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* @audit_update for the settings, @audit_regenerate for a new secret;
   * each only written when the patch has such a change. */
  gboolean            (*update_key)           (RosterStorage            *self,
                                               gint64                    key_id,
                                               const RosterKeyPatch     *patch,
                                               const RosterAuditEvent   *audit_update,
                                               const RosterAuditEvent   *audit_regenerate,
                                               GError                  **error);
  /* Destroys the key and its secret; enrolments through it keep the
   * nickname. */
  gboolean            (*delete_key)           (RosterStorage            *self,
                                               gint64                    key_id,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* The sealed secret, read in the transaction that writes @audit: no
   * secret leaves the storage without its record. */
  GBytes             *(*reveal_key)           (RosterStorage            *self,
                                               gint64                    key_id,
                                               const RosterAuditEvent   *audit,
                                               GError                  **error);
  /* For each of @lookups (roster_keys_seal()'s lookup hashes), whether
   * a key of the site has it: @in_use[i] for @lookups[i]. For checking
   * many chosen secrets before creating any. */
  gboolean            (*find_key_secrets)     (RosterStorage            *self,
                                               const char * const       *lookups,
                                               guint                     n_lookups,
                                               gboolean                 *in_use,
                                               GError                  **error);
  /* Creates all of @keys in one transaction, each with create_key's
   * checks (against the keys before it too) and its own audit record:
   * @audit with the new key's id as object id and, when @details is not
   * NULL, @details[i] as its details. Any failure keeps none of them.
   * @ids (n_keys long) gets the new ids, in order. */
  gboolean            (*create_keys)          (RosterStorage            *self,
                                               const RosterNewKey       *keys,
                                               guint                     n_keys,
                                               const RosterAuditEvent   *audit,
                                               const char * const       *details,
                                               gint64                   *ids,
                                               GError                  **error);

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
   * (@audit_reactivated); anything else is a conflict. A pending
   * account's sign-ups are completed as confirming it would have
   * (roster-signup-storage.h), by @audit_activated's actor. */
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

  /* Counts of a course's enrolments over time, and its keys' uses; see
   * RosterEnrolmentReportQuery. ROSTER_ERROR_INVALID_REQUEST for a range
   * the report refuses, ROSTER_ERROR_NOT_FOUND for no such course. */
  RosterEnrolmentReport *(*enrolment_report)  (RosterStorage                     *self,
                                               const RosterEnrolmentReportQuery  *query,
                                               GError                           **error);

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
GPtrArray         *roster_storage_list_groups          (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        gint64                   member_id,
                                                        GError                 **error);
RosterGroup       *roster_storage_get_group            (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        GError                 **error);
gint64             roster_storage_create_group         (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        const char              *name,
                                                        const char              *description,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_update_group         (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        const char              *name,
                                                        gboolean                 set_description,
                                                        const char              *description,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_delete_group         (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_group_members   (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        GError                 **error);
gboolean           roster_storage_add_group_member     (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit,
                                                        gboolean                *added,
                                                        GError                 **error);
gboolean           roster_storage_remove_group_member  (RosterStorage           *self,
                                                        gint64                   group_id,
                                                        gint64                   user_id,
                                                        const RosterAuditEvent  *audit,
                                                        gboolean                *removed,
                                                        GError                 **error);
gboolean           roster_storage_set_course_group_mode (RosterStorage          *self,
                                                        gint64                   course_id,
                                                        RosterGroupMode          mode,
                                                        gboolean                 forced,
                                                        const RosterAuditEvent  *audit,
                                                        gboolean                *changed,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_assignments     (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        GError                 **error);
RosterAssignment  *roster_storage_get_assignment       (RosterStorage           *self,
                                                        gint64                   assignment_id,
                                                        GError                 **error);
gboolean           roster_storage_update_assignment    (RosterStorage           *self,
                                                        gint64                   assignment_id,
                                                        const RosterAssignmentChange *change,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_submissions     (RosterStorage           *self,
                                                        gint64                   assignment_id,
                                                        const GArray            *group_ids,
                                                        GError                 **error);
gboolean           roster_storage_count_submissions    (RosterStorage           *self,
                                                        gint64                   assignment_id,
                                                        const GArray            *group_ids,
                                                        gint64                  *count,
                                                        GError                 **error);

/* ---- end of groups ---- */

/* ---- participants and enrolments ---- */

gboolean           roster_storage_foreach_participant  (RosterStorage                 *self,
                                                        const RosterParticipantQuery  *query,
                                                        RosterParticipantFunc          func,
                                                        gpointer                       user_data,
                                                        GError                       **error);
gint64             roster_storage_create_enrolment     (RosterStorage                 *self,
                                                        gint64                         course_id,
                                                        gint64                         user_id,
                                                        RosterRole                     role,
                                                        RosterEnrolmentStatus          status,
                                                        gint64                         start_at,
                                                        gint64                         end_at,
                                                        const RosterAuditEvent        *audit,
                                                        GError                       **error);
RosterEnrolment   *roster_storage_get_enrolment        (RosterStorage                 *self,
                                                        gint64                         enrolment_id,
                                                        GError                       **error);
gboolean           roster_storage_update_enrolment     (RosterStorage                 *self,
                                                        gint64                         enrolment_id,
                                                        const RosterEnrolmentChange   *change,
                                                        const RosterAuditEvent        *audit,
                                                        GError                       **error);
gboolean           roster_storage_delete_enrolment     (RosterStorage                 *self,
                                                        gint64                         enrolment_id,
                                                        const RosterAuditEvent        *audit,
                                                        GError                       **error);

/* ---- end of participants and enrolments ---- */

/* ---- methods and keys ---- */

GPtrArray         *roster_storage_list_methods         (RosterStorage           *self,
                                                        gint64                   course_id,
                                                        GError                 **error);
RosterMethod      *roster_storage_get_method           (RosterStorage           *self,
                                                        gint64                   method_id,
                                                        GError                 **error);
gint64             roster_storage_create_method        (RosterStorage           *self,
                                                        RosterMethod            *method,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_update_method        (RosterStorage           *self,
                                                        gint64                   method_id,
                                                        const RosterMethodPatch *patch,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_delete_method        (RosterStorage           *self,
                                                        gint64                   method_id,
                                                        gboolean                 unenrol,
                                                        const RosterAuditEvent  *audit,
                                                        gint64                  *n_enrolled,
                                                        GError                 **error);
GPtrArray         *roster_storage_list_keys            (RosterStorage           *self,
                                                        gint64                   method_id,
                                                        GError                 **error);
RosterKey         *roster_storage_get_key              (RosterStorage           *self,
                                                        gint64                   key_id,
                                                        GError                 **error);
gint64             roster_storage_create_key           (RosterStorage           *self,
                                                        const RosterNewKey      *key,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_update_key           (RosterStorage           *self,
                                                        gint64                   key_id,
                                                        const RosterKeyPatch    *patch,
                                                        const RosterAuditEvent  *audit_update,
                                                        const RosterAuditEvent  *audit_regenerate,
                                                        GError                 **error);
gboolean           roster_storage_delete_key           (RosterStorage           *self,
                                                        gint64                   key_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
GBytes            *roster_storage_reveal_key           (RosterStorage           *self,
                                                        gint64                   key_id,
                                                        const RosterAuditEvent  *audit,
                                                        GError                 **error);
gboolean           roster_storage_find_key_secrets     (RosterStorage           *self,
                                                        const char * const      *lookups,
                                                        guint                    n_lookups,
                                                        gboolean                *in_use,
                                                        GError                 **error);
gboolean           roster_storage_create_keys          (RosterStorage           *self,
                                                        const RosterNewKey      *keys,
                                                        guint                    n_keys,
                                                        const RosterAuditEvent  *audit,
                                                        const char * const      *details,
                                                        gint64                  *ids,
                                                        GError                 **error);

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

RosterEnrolmentReport *roster_storage_enrolment_report (RosterStorage                     *self,
                                                        const RosterEnrolmentReportQuery  *query,
                                                        GError                           **error);

/* ---- end of audit and reports ---- */

/* Opens the driver the database setting names: a postgresql:// URI or
 * else an SQLite file path. */
RosterStorage     *roster_storage_open                 (const char              *database,
                                                        guint                    pool_size,
                                                        GError                 **error);

G_END_DECLS
