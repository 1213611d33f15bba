/* roster-storage-reports.h: the records the audit-and-reports part of
 * RosterStorage takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include "roster-reports.h"
#include "roster-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64      course_id;
  RosterReportBucket bucket;
  gint64      since;           /* 0 = from the course's first enrolment */
  gint64      until;           /* exclusive; 0 = up to and including @now */
  gint64      now;
} RosterEnrolmentReportQuery;

typedef struct
{
  gint64  method_id;
  gint64  count;
} RosterReportMethodCount;

typedef struct
{
  char   *nickname;
  gint64  count;
} RosterReportKeyCount;

/* One bucket of the series: the enrolments made in it. */
typedef struct
{
  gint64  start;
  gint64  total;
  gint64  by_type[ROSTER_REPORT_N_USER_TYPES];   /* by RosterUserType */
  GArray *by_method;   /* RosterReportMethodCount by method id; NULL when none */
  GArray *by_key;      /* RosterReportKeyCount by nickname; NULL when none */
} RosterReportPoint;

typedef struct
{
  gint64            id;
  RosterMethodType  type;
  char             *name;
} RosterReportMethod;

/* A key as the report shows it: never its secret. */
typedef struct
{
  gint64    id;
  char     *nickname;
  gint64    method_id;
  gboolean  active;
  gint64    uses;
  gint64    enrolled;       /* enrolments made through it that still exist */
  gint64    last_used_at;   /* the latest of those; 0 = none */
  gint64    max_uses;
  gint64    expires_at;
} RosterReportKey;

typedef struct
{
  gint64              course_id;
  RosterReportBucket  bucket;
  gint64              since;     /* the first bucket's start */
  gint64              until;     /* the last bucket's end */
  GArray             *series;    /* RosterReportPoint, one per bucket, oldest first */
  GArray             *methods;   /* RosterReportMethod, in the course's order */
  GArray             *keys;      /* RosterReportKey */
  /* Every enrolment of the course now, whenever it was made. */
  gint64              participants;
  gint64              by_type[ROSTER_REPORT_N_USER_TYPES];
  gint64              by_role[ROSTER_N_ROLES];       /* ROSTER_ROLE_NONE stays 0 */
  gint64              by_status[ROSTER_REPORT_N_STATUSES];
  GArray             *by_method; /* RosterReportMethodCount, one per method, 0 included */
} RosterEnrolmentReport;

/* For drivers: adds @count to the point's entry for the method or key,
 * making the entry (and the array) on first use. */
void                   roster_report_point_add_method (RosterReportPoint *point,
                                                       gint64             method_id,
                                                       gint64             count);
void                   roster_report_point_add_key    (RosterReportPoint *point,
                                                       const char        *nickname,
                                                       gint64             count);

RosterEnrolmentReport *roster_enrolment_report_new  (void);
void                   roster_enrolment_report_free (RosterEnrolmentReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterEnrolmentReport, roster_enrolment_report_free)

G_END_DECLS
