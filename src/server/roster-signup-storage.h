/* roster-signup-storage.h: what external users' sign-up, confirmation
 * and password recovery keep
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A third interface of the storage drivers, beside RosterStorage and
 * RosterImportStorage. Each call that changes something is one
 * transaction, with its audit events and the mail it queues (see
 * roster-mail-draft.h): a sign-up is all made or not at all. The web
 * pages (roster-web-*.c) decide what to ask; the checks of a key are
 * made again inside the transaction that uses it, so a key disabled,
 * used up or a course filled in between is refused, not overrun.
 */

#pragma once

#include "roster-mail-draft.h"
#include "roster-storage.h"

G_BEGIN_DECLS

#define ROSTER_SIGNUP_ERROR (roster_signup_error_quark ())

/* Why a key, or a link, does not do what it was used for. NONE is no
 * refusal; the others are also the codes of ROSTER_SIGNUP_ERROR. A key
 * that does not exist is not among them: that is simply no key (and
 * says nothing of keys elsewhere). */
typedef enum
{
  ROSTER_SIGNUP_REFUSAL_NONE,
  ROSTER_SIGNUP_REFUSAL_KEY_INACTIVE,      /* the key is deactivated */
  ROSTER_SIGNUP_REFUSAL_KEY_EXPIRED,
  ROSTER_SIGNUP_REFUSAL_KEY_USED_UP,       /* uses reached max_uses */
  ROSTER_SIGNUP_REFUSAL_METHOD_DISABLED,
  ROSTER_SIGNUP_REFUSAL_NOT_OPEN_YET,      /* before the method's enrol_start */
  ROSTER_SIGNUP_REFUSAL_CLOSED,            /* after the method's enrol_end */
  ROSTER_SIGNUP_REFUSAL_COURSE_FULL,       /* the method's max_enrolled reached */
  ROSTER_SIGNUP_REFUSAL_ALREADY_ENROLLED,
  ROSTER_SIGNUP_REFUSAL_LINK_INVALID,      /* no such link */
  ROSTER_SIGNUP_REFUSAL_LINK_USED,
  ROSTER_SIGNUP_REFUSAL_LINK_EXPIRED,
} RosterSignupRefusal;

GQuark      roster_signup_error_quark      (void);
/* A sentence for the person signing up (translated). */
const char *roster_signup_refusal_message  (RosterSignupRefusal  refusal);
/* The stable name, for audit details and tests: "key_inactive", … */
const char *roster_signup_refusal_to_string (RosterSignupRefusal refusal);
void        roster_signup_set_error        (GError             **error,
                                            RosterSignupRefusal  refusal);

/* A key, with its method and course, as sign-up needs it. */
typedef struct
{
  gint64      key_id;
  char       *key_nickname;
  gboolean    key_active;
  gint64      key_expires_at;       /* 0: never */
  guint       key_max_uses;         /* 0: no limit */
  guint       key_uses;
  gint64      group_id;             /* 0: none */
  char       *group_name;

  gint64      method_id;
  char       *method_name;          /* the instance name, may be NULL */
  gboolean    method_enabled;
  gint64      enrol_start;          /* 0: no start */
  gint64      enrol_end;            /* 0: no end */
  gint64      enrol_duration;       /* seconds, 0: unlimited */
  guint       max_enrolled;         /* 0: no limit */
  guint       method_enrolled;      /* enrolments through this method now */
  RosterRole  default_role;
  char       *welcome_message;      /* may be NULL */
  gboolean    notify_admins;

  gint64      course_id;
  char       *course_short_name;
  char       *course_full_name;
} RosterSignupKey;

void                roster_signup_key_free  (RosterSignupKey *key);
/* Everything that refuses a key at @now, except "already enrolled" (that
 * depends on who): the first that applies, in the order of the enum. */
RosterSignupRefusal roster_signup_key_check (const RosterSignupKey *key,
                                             gint64                 now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSignupKey, roster_signup_key_free)

/* What became of one enrolment a sign-up asked for. */
typedef struct
{
  gint64               key_id;
  gint64               course_id;
  char                *course_short_name;
  char                *course_full_name;
  RosterRole           role;
  char                *group_name;    /* the key's group, or NULL */
  RosterSignupRefusal  refusal;       /* NONE: enrolled */
} RosterSignupEnrolment;

void roster_signup_enrolment_free (RosterSignupEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSignupEnrolment, roster_signup_enrolment_free)

/* Callers pass one zero-initialised (g_auto (RosterSignupResult) r =
 * { 0, }); it is filled in only on success. */
typedef struct
{
  gint64     user_id;
  gboolean   activated;     /* the account went from pending to active */
  GPtrArray *enrolments;    /* of RosterSignupEnrolment; never NULL on success */
} RosterSignupResult;

void roster_signup_result_clear (RosterSignupResult *result);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterSignupResult, roster_signup_result_clear)

#define ROSTER_TYPE_SIGNUP_STORAGE (roster_signup_storage_get_type ())

G_DECLARE_INTERFACE (RosterSignupStorage, roster_signup_storage, ROSTER, SIGNUP_STORAGE, GObject)

struct _RosterSignupStorageInterface
{
  GTypeInterface parent_iface;

  /* The key whose secret_lookup is @lookup (roster_keys_lookup_hash ()),
   * with its method and course; NULL without an error when none. */
  RosterSignupKey *(*find_key) (RosterSignupStorage  *self,
                                const char           *lookup,
                                GError              **error);
  /* The account with this e-mail address (compared as identity keys);
   * NULL without an error when none. Erased accounts are never found. */
  RosterUser      *(*find_user_by_email) (RosterSignupStorage  *self,
                                          const char           *email,
                                          GError              **error);
  gboolean         (*is_enrolled) (RosterSignupStorage  *self,
                                   gint64                course_id,
                                   gint64                user_id,
                                   gboolean             *enrolled,
                                   GError              **error);

  /* A new pending account (@user: type external, state pending) waiting
   * for an enrolment through @key_id (0: none), its confirmation link and
   * the confirmation mail (@mail, whose user_id is filled in here). The
   * key is checked again here, at the server's clock (ROSTER_SIGNUP_ERROR;
   * a key deleted meanwhile is ROSTER_ERROR_NOT_FOUND); a taken e-mail
   * address or username is ROSTER_ERROR_CONFLICT, an empty one
   * ROSTER_ERROR_VALIDATION. Audited as "signup.created" (@audit's
   * action) with the user as target. */
  gint64           (*create_pending) (RosterSignupStorage     *self,
                                      const RosterNewUser     *user,
                                      gint64                   key_id,
                                      const char              *remote_address,
                                      const RosterMailToken   *token,
                                      const RosterMailDraft   *mail,
                                      const RosterAuditEvent  *audit,
                                      GError                 **error);
  /* For an account still pending: one more enrolment to wait for
   * (@key_id; 0 for none, a new link only; the same key again waits
   * once), a new confirmation link and its mail. Earlier links keep
   * working until they expire. The key is checked as by
   * create_pending(), "already enrolled" included. An account no longer
   * pending is ROSTER_ERROR_CONFLICT. Audited with @audit ("signup.added"). */
  gboolean         (*add_pending) (RosterSignupStorage     *self,
                                   gint64                   user_id,
                                   gint64                   key_id,
                                   const char              *remote_address,
                                   const RosterMailToken   *token,
                                   const RosterMailDraft   *mail,
                                   const RosterAuditEvent  *audit,
                                   GError                 **error);
  /* Follows a confirmation link (single use): the account becomes
   * active, and each enrolment it waited for is made through its key,
   * checked again (refused ones are in @result with their reason), with
   * the key's group, a use counted on the key, the method's default role
   * and duration; a welcome mail per enrolment and, when the method
   * asks, a notification to the site admins and the course's module
   * leaders. Every confirmation link of the account is used up. An
   * unknown, used or expired link is ROSTER_SIGNUP_ERROR LINK_INVALID,
   * LINK_USED or LINK_EXPIRED (checked in that order), and changes
   * nothing; so is a link of an erased account (LINK_INVALID). An account
   * no longer pending (an administrator activated it, which completed
   * its sign-ups) only has its links used up: @result says activated =
   * FALSE, with no enrolments. Audited as "signup.confirmed" (details:
   * activated), "signup.enrolled" and "signup.refused" each. */
  gboolean         (*confirm) (RosterSignupStorage  *self,
                               const char           *token_hash,
                               gint64                now,
                               const char           *remote_address,
                               RosterSignupResult   *result,
                               GError              **error);
  /* Enrols an active account, which has just given its password, through
   * @key_id, with the same checks, group, use, mail and notification as
   * confirm(). A refusal is ROSTER_SIGNUP_ERROR (ALREADY_ENROLLED among
   * them) and changes nothing; an account not active is
   * ROSTER_ERROR_CONFLICT, a key deleted meanwhile ROSTER_ERROR_NOT_FOUND.
   * @enrolment may be NULL. */
  gboolean         (*enrol_with_key) (RosterSignupStorage    *self,
                                      gint64                  user_id,
                                      gint64                  key_id,
                                      gint64                  now,
                                      const char             *remote_address,
                                      RosterSignupEnrolment **enrolment,
                                      GError                **error);
  /* A password-reset link for @user_id and its mail, audited with
   * @audit ("signup.reset_requested"). A suspended or erased account is
   * ROSTER_ERROR_CONFLICT: its link could never be followed. */
  gboolean         (*create_reset) (RosterSignupStorage     *self,
                                    gint64                   user_id,
                                    const RosterMailToken   *token,
                                    const RosterMailDraft   *mail,
                                    const RosterAuditEvent  *audit,
                                    GError                 **error);
  /* Follows a reset link: the new password, every session (auth token)
   * of the account ended, its failed sign-ins and lock cleared, this and
   * every other reset link of the account used up. A pending account has
   * proved its address: it is confirmed too, as by confirm() (@result;
   * otherwise activated = FALSE, no enrolments). Link errors as
   * confirm(); a suspended or erased account is ROSTER_SIGNUP_ERROR
   * LINK_INVALID, and nothing changes. Audited as
   * "signup.password_reset". */
  gboolean         (*reset_password) (RosterSignupStorage  *self,
                                      const char           *token_hash,
                                      const char           *password_hash,
                                      gint64                now,
                                      const char           *remote_address,
                                      RosterSignupResult   *result,
                                      GError              **error);
  /* Removes the external accounts still pending that were created
   * before @before, with what waits for them: sign-ups, links and their
   * mail (never one with an enrolment). Audited as "signup.expired"
   * each; @count (may be NULL) says how many went. */
  gboolean         (*purge_unconfirmed) (RosterSignupStorage  *self,
                                         gint64                before,
                                         guint                *count,
                                         GError              **error);
};

RosterSignupKey *roster_signup_storage_find_key          (RosterSignupStorage     *self,
                                                          const char              *lookup,
                                                          GError                 **error);
RosterUser      *roster_signup_storage_find_user_by_email (RosterSignupStorage    *self,
                                                          const char              *email,
                                                          GError                 **error);
gboolean         roster_signup_storage_is_enrolled        (RosterSignupStorage    *self,
                                                          gint64                   course_id,
                                                          gint64                   user_id,
                                                          gboolean                *enrolled,
                                                          GError                 **error);
gint64           roster_signup_storage_create_pending    (RosterSignupStorage     *self,
                                                          const RosterNewUser     *user,
                                                          gint64                   key_id,
                                                          const char              *remote_address,
                                                          const RosterMailToken   *token,
                                                          const RosterMailDraft   *mail,
                                                          const RosterAuditEvent  *audit,
                                                          GError                 **error);
gboolean         roster_signup_storage_add_pending       (RosterSignupStorage     *self,
                                                          gint64                   user_id,
                                                          gint64                   key_id,
                                                          const char              *remote_address,
                                                          const RosterMailToken   *token,
                                                          const RosterMailDraft   *mail,
                                                          const RosterAuditEvent  *audit,
                                                          GError                 **error);
gboolean         roster_signup_storage_confirm           (RosterSignupStorage     *self,
                                                          const char              *token_hash,
                                                          gint64                   now,
                                                          const char              *remote_address,
                                                          RosterSignupResult      *result,
                                                          GError                 **error);
gboolean         roster_signup_storage_enrol_with_key    (RosterSignupStorage     *self,
                                                          gint64                   user_id,
                                                          gint64                   key_id,
                                                          gint64                   now,
                                                          const char              *remote_address,
                                                          RosterSignupEnrolment  **enrolment,
                                                          GError                 **error);
gboolean         roster_signup_storage_create_reset      (RosterSignupStorage     *self,
                                                          gint64                   user_id,
                                                          const RosterMailToken   *token,
                                                          const RosterMailDraft   *mail,
                                                          const RosterAuditEvent  *audit,
                                                          GError                 **error);
gboolean         roster_signup_storage_reset_password    (RosterSignupStorage     *self,
                                                          const char              *token_hash,
                                                          const char              *password_hash,
                                                          gint64                   now,
                                                          const char              *remote_address,
                                                          RosterSignupResult      *result,
                                                          GError                 **error);
gboolean         roster_signup_storage_purge_unconfirmed (RosterSignupStorage     *self,
                                                          gint64                   before,
                                                          guint                   *count,
                                                          GError                 **error);

/* What both drivers write alike when a key is used (no database here). */

/* "First Last", trimmed; NULL when both are empty. */
char            *roster_signup_join_name                 (const char              *first_name,
                                                          const char              *last_name);
/* The params (JSON) of the welcome mail for an enrolment through @key. */
char            *roster_signup_welcome_params            (const RosterSignupKey   *key,
                                                          const char              *first_name);
/* The params (JSON) of the mail telling staff that @user_name enrolled. */
char            *roster_signup_notification_params       (const RosterSignupKey   *key,
                                                          const char              *user_name,
                                                          const char              *user_email,
                                                          gboolean                 new_account);
/* Audit details naming @key (never its secret) and, for a refusal, why. */
char            *roster_signup_key_details               (const RosterSignupKey   *key,
                                                          RosterSignupRefusal      refusal);

G_END_DECLS
