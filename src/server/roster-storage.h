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
#include "roster-storage-methods.h"
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

  /* ---- end of methods and keys ---- */


  /* ---- users, erasure, removal requests (roster-sqlite-admin.c) ---- */

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

/* ---- end of methods and keys ---- */


/* ---- users, erasure, removal requests ---- */

/* ---- end of users ---- */


/* ---- audit and reports ---- */

/* ---- end of audit and reports ---- */


/* Opens the driver the database setting names: a postgresql:// URI or
 * else an SQLite file path. */
RosterStorage     *roster_storage_open                 (const char              *database,
                                                        guint                    pool_size,
                                                        GError                 **error);

G_END_DECLS
