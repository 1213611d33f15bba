/* roster-method.h: an enrolment method of a course, as the API shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

/* Longest custom name and welcome message, in characters. */
#define ROSTER_METHOD_MAX_NAME     255
#define ROSTER_METHOD_MAX_WELCOME  10000

/* Which members of a RosterMethodPatch are set. */
typedef enum
{
  ROSTER_METHOD_FIELD_NAME            = 1 << 0,
  ROSTER_METHOD_FIELD_ENABLED         = 1 << 1,
  ROSTER_METHOD_FIELD_SORT_ORDER      = 1 << 2,
  ROSTER_METHOD_FIELD_DEFAULT_ROLE    = 1 << 3,
  ROSTER_METHOD_FIELD_ENROL_START     = 1 << 4,
  ROSTER_METHOD_FIELD_ENROL_END       = 1 << 5,
  ROSTER_METHOD_FIELD_ENROL_DURATION  = 1 << 6,
  ROSTER_METHOD_FIELD_MAX_ENROLLED    = 1 << 7,
  ROSTER_METHOD_FIELD_WELCOME_MESSAGE = 1 << 8,
  ROSTER_METHOD_FIELD_NOTIFY_ADMINS   = 1 << 9,
} RosterMethodFields;

/* A change to a method: only the members named in @fields count. NULL
 * strings and 0 times, durations and limits mean "none". */
typedef struct
{
  RosterMethodFields  fields;
  const char         *name;
  gboolean            enabled;
  gint64              sort_order;
  RosterRole          default_role;
  gint64              enrol_start;
  gint64              enrol_end;
  gint64              enrol_duration;   /* seconds */
  gint64              max_enrolled;
  const char         *welcome_message;
  gboolean            notify_admins;
} RosterMethodPatch;

#define ROSTER_TYPE_METHOD (roster_method_get_type ())

G_DECLARE_FINAL_TYPE (RosterMethod, roster_method, ROSTER, METHOD, GObject)

RosterMethod     *roster_method_new                  (void);
/* A new method of @type with the defaults a course gets: enabled, and
 * the default role Guest (self, guest) or Student (manual). */
RosterMethod     *roster_method_new_for_type         (RosterMethodType    type);
RosterMethod     *roster_method_new_from_json        (JsonObject         *object,
                                                      GError            **error);
/* Never a secret: keys are listed on their own and without theirs. */
void              roster_method_to_json              (RosterMethod       *self,
                                                      JsonBuilder        *builder);

void              roster_method_apply_patch          (RosterMethod       *self,
                                                      const RosterMethodPatch *patch);
/* Checks the rules every method keeps (lengths, dates in order, no
 * negative numbers, a real role, no self-enrolment settings on other
 * types); a ROSTER_ERROR_VALIDATION error names the member. The sort
 * order is the storage's to check, as only it knows the other methods. */
gboolean          roster_method_validate             (RosterMethod       *self,
                                                      GError            **error);
/* The custom name, or the name of the method's type. */
char             *roster_method_dup_display_name     (RosterMethod       *self);

gint64            roster_method_get_id               (RosterMethod       *self);
void              roster_method_set_id               (RosterMethod       *self,
                                                      gint64              id);
gint64            roster_method_get_course_id        (RosterMethod       *self);
void              roster_method_set_course_id        (RosterMethod       *self,
                                                      gint64              course_id);
RosterMethodType  roster_method_get_method_type      (RosterMethod       *self);
void              roster_method_set_method_type      (RosterMethod       *self,
                                                      RosterMethodType    type);
const char       *roster_method_get_name             (RosterMethod       *self);
void              roster_method_set_name             (RosterMethod       *self,
                                                      const char         *name);
gint64            roster_method_get_sort_order       (RosterMethod       *self);
void              roster_method_set_sort_order       (RosterMethod       *self,
                                                      gint64              sort_order);
gboolean          roster_method_get_enabled          (RosterMethod       *self);
void              roster_method_set_enabled          (RosterMethod       *self,
                                                      gboolean            enabled);
RosterRole        roster_method_get_default_role     (RosterMethod       *self);
void              roster_method_set_default_role     (RosterMethod       *self,
                                                      RosterRole          role);
gint64            roster_method_get_enrol_start      (RosterMethod       *self);
void              roster_method_set_enrol_start      (RosterMethod       *self,
                                                      gint64              enrol_start);
gint64            roster_method_get_enrol_end        (RosterMethod       *self);
void              roster_method_set_enrol_end        (RosterMethod       *self,
                                                      gint64              enrol_end);
gint64            roster_method_get_enrol_duration   (RosterMethod       *self);
void              roster_method_set_enrol_duration   (RosterMethod       *self,
                                                      gint64              seconds);
gint64            roster_method_get_max_enrolled     (RosterMethod       *self);
void              roster_method_set_max_enrolled     (RosterMethod       *self,
                                                      gint64              max_enrolled);
const char       *roster_method_get_welcome_message  (RosterMethod       *self);
void              roster_method_set_welcome_message  (RosterMethod       *self,
                                                      const char         *message);
gboolean          roster_method_get_notify_admins    (RosterMethod       *self);
void              roster_method_set_notify_admins    (RosterMethod       *self,
                                                      gboolean            notify);
gint64            roster_method_get_key_count        (RosterMethod       *self);
void              roster_method_set_key_count        (RosterMethod       *self,
                                                      gint64              count);
gint64            roster_method_get_enrolled_count   (RosterMethod       *self);
void              roster_method_set_enrolled_count   (RosterMethod       *self,
                                                      gint64              count);
gint64            roster_method_get_created_at       (RosterMethod       *self);
void              roster_method_set_created_at       (RosterMethod       *self,
                                                      gint64              created_at);

G_END_DECLS
