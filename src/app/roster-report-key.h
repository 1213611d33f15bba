/* roster-report-key.h: one enrolment key's uses, as a report shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_REPORT_KEY (roster_report_key_get_type ())

G_DECLARE_FINAL_TYPE (RosterReportKey, roster_report_key, ROSTER, REPORT_KEY, GObject)

/* An element of the report's "keys" (never a secret). */
RosterReportKey *roster_report_key_new_from_json     (JsonObject       *object,
                                                      GError          **error);

gint64           roster_report_key_get_id            (RosterReportKey  *self);
const char      *roster_report_key_get_nickname      (RosterReportKey  *self);
gint64           roster_report_key_get_method_id     (RosterReportKey  *self);
gboolean         roster_report_key_get_active        (RosterReportKey  *self);
gint64           roster_report_key_get_uses          (RosterReportKey  *self);
gint64           roster_report_key_get_enrolled      (RosterReportKey  *self);
/* 0 when nobody enrolled through the key. */
gint64           roster_report_key_get_last_used_at  (RosterReportKey  *self);
/* -1 and 0 when unlimited. */
gint64           roster_report_key_get_max_uses      (RosterReportKey  *self);
gint64           roster_report_key_get_expires_at    (RosterReportKey  *self);

G_END_DECLS
