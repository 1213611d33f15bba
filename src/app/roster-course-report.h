/* roster-course-report.h: a course's enrolments over time, by method,
 * key and type of user (GET /courses/{cid}/reports/enrolments)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "roster-key-usage.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_ENROLMENT_BUCKET_DAY,
  ROSTER_ENROLMENT_BUCKET_WEEK,
} RosterEnrolmentBucket;

/* What a count is by: each series point and the totals count by some of
 * these; the keys of a dimension are its wire names ("student",
 * "module_leader", a method id as text, a key's nickname, "active"). */
typedef enum
{
  ROSTER_REPORT_BY_TYPE,
  ROSTER_REPORT_BY_ROLE,
  ROSTER_REPORT_BY_METHOD,
  ROSTER_REPORT_BY_STATUS,
  ROSTER_REPORT_BY_KEY,
} RosterReportDimension;

/* The tables a report is exported as. */
typedef enum
{
  ROSTER_REPORT_TABLE_TYPES,
  ROSTER_REPORT_TABLE_ROLES,
  ROSTER_REPORT_TABLE_METHODS,
  ROSTER_REPORT_TABLE_SERIES,
  ROSTER_REPORT_TABLE_KEYS,
} RosterReportTable;

#define ROSTER_TYPE_COURSE_REPORT (roster_course_report_get_type ())

G_DECLARE_FINAL_TYPE (RosterCourseReport, roster_course_report, ROSTER, COURSE_REPORT, GObject)

RosterCourseReport *roster_course_report_new_from_json   (JsonObject            *object,
                                                                GError               **error);

const char            *roster_enrolment_bucket_to_string          (RosterEnrolmentBucket     bucket);

gint64                 roster_course_report_get_course_id   (RosterCourseReport *self);
RosterEnrolmentBucket     roster_course_report_get_bucket      (RosterCourseReport *self);
/* The range, widened to whole buckets; @until is not in it. */
gint64                 roster_course_report_get_since       (RosterCourseReport *self);
gint64                 roster_course_report_get_until       (RosterCourseReport *self);

/* The series: one point per bucket, oldest first. */
guint                  roster_course_report_get_n_points    (RosterCourseReport *self);
gint64                 roster_course_report_get_point_start (RosterCourseReport *self,
                                                                guint                  point);
guint                  roster_course_report_get_point_total (RosterCourseReport *self,
                                                                guint                  point);
/* @by: TYPE, METHOD or KEY; 0 for what the point does not list. */
guint                  roster_course_report_get_point_count (RosterCourseReport *self,
                                                                guint                  point,
                                                                RosterReportDimension  by,
                                                                const char            *key);
/* Every key that counts in the series or the totals by @by, in the
 * order to show them: types, roles and statuses in their usual order,
 * methods in the course's, keys as the key list has them (a deleted
 * key's nickname after those). (transfer container) */
GPtrArray             *roster_course_report_list_keys       (RosterCourseReport *self,
                                                                RosterReportDimension  by);

/* Every enrolment of the course now (the course's participant count). */
guint                  roster_course_report_get_participants (RosterCourseReport *self);
/* @by: TYPE, ROLE, METHOD or STATUS. */
guint                  roster_course_report_get_total       (RosterCourseReport *self,
                                                                RosterReportDimension  by,
                                                                const char            *key);
/* What to call @key of @by, translated: a method's name, else its type
 * in words; a role's, type's or status's label; a key's nickname. */
char                  *roster_course_report_dup_label       (RosterCourseReport *self,
                                                                RosterReportDimension  by,
                                                                const char            *key);

/* A GListModel of RosterKeyUsage. */
GListModel            *roster_course_report_get_keys        (RosterCourseReport *self);

/* @table as rows of cells (each a GStrv), its header first, for CSV. */
GPtrArray             *roster_course_report_dup_table       (RosterCourseReport *self,
                                                                RosterReportTable      table);

/* A date (UTC) as the page shows it, e.g. "31 Aug 2026". */
char                  *roster_report_format_date               (gint64                 unix_time);

G_END_DECLS
