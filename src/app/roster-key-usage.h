/* roster-key-usage.h: one enrolment key's uses, as a report shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_KEY_USAGE (roster_key_usage_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeyUsage, roster_key_usage, ROSTER, KEY_USAGE, GObject)

/* An element of the report's "keys" (never a secret). */
RosterKeyUsage *roster_key_usage_new_from_json     (JsonObject       *object,
                                                      GError          **error);

gint64           roster_key_usage_get_id            (RosterKeyUsage  *self);
const char      *roster_key_usage_get_nickname      (RosterKeyUsage  *self);
gint64           roster_key_usage_get_method_id     (RosterKeyUsage  *self);
gboolean         roster_key_usage_get_active        (RosterKeyUsage  *self);
gint64           roster_key_usage_get_uses          (RosterKeyUsage  *self);
gint64           roster_key_usage_get_enrolled      (RosterKeyUsage  *self);
/* 0 when nobody enrolled through the key. */
gint64           roster_key_usage_get_last_used_at  (RosterKeyUsage  *self);
/* -1 and 0 when unlimited. */
gint64           roster_key_usage_get_max_uses      (RosterKeyUsage  *self);
gint64           roster_key_usage_get_expires_at    (RosterKeyUsage  *self);

G_END_DECLS
