/* test-sqlite-reports.c: the SQLite driver's audit listing and
 * enrolment report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  U_ANNA = 1,     /* staff, module leader of REP101 */
  U_BEN,          /* student */
  U_CARA,         /* external, through the key "Autumn" */
  U_DAN,          /* external, through the key "Autumn" */
  U_EVE,          /* student, through a key deleted since; suspended */
  U_FRED,         /* student, through a method deleted since */
  U_GINA,         /* external, enrolled after "now" */

  C_REP = 10,
  C_OTHER = 11,
  C_EMPTY = 12,
  C_OLD = 13,

  M_REP_MANUAL = 1,
  M_REP_SELF = 2,
  M_OTHER_MANUAL = 3,
  M_EMPTY_MANUAL = 4,
  M_OLD_MANUAL = 5,

  K_AUTUMN = 1,
  K_SPRING = 2,
};

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

/* "Now" for the report tests: Thursday 2026-09-10, noon. */
#define REPORT_NOW utc (2026, 9, 10, 12, 0, 0)

static void
add_user (RosterDataset  *dataset,
          gint64          id,
          const char     *username,
          RosterUserType  type)
{
  g_autofree char *email = g_strdup_printf ("%s@example.org", username);
  RosterDatasetUser row = {
    .id = id,
    .username = roster_dataset_intern (dataset, username),
    .email = roster_dataset_intern (dataset, email),
    .first_name = roster_dataset_intern (dataset, username),
    .last_name = "Tester",
    .type = type,
    .state = ROSTER_USER_STATE_ACTIVE,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->users, row);
}

static void
add_course (RosterDataset *dataset,
            gint64         id,
            const char    *short_name,
            gint64         manual_method)
{
  RosterDatasetCourse course = {
    .id = id,
    .short_name = roster_dataset_intern (dataset, short_name),
    .full_name = roster_dataset_intern (dataset, short_name),
    .created_at = NOW - 1000,
  };
  RosterDatasetMethod manual = {
    .id = manual_method,
    .course_id = id,
    .type = ROSTER_METHOD_MANUAL,
    .enabled = TRUE,
    .default_role = ROSTER_ROLE_STUDENT,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->courses, course);
  g_array_append_val (dataset->methods, manual);
}

static void
add_key (RosterDataset *dataset,
         gint64         id,
         const char    *nickname,
         gboolean       active,
         gint64         uses,
         gint64         max_uses,
         gint64         expires_at)
{
  g_autofree char *lookup = g_strdup_printf ("lookup-%s", nickname);
  RosterDatasetKey row = {
    .id = id,
    .method_id = M_REP_SELF,
    .nickname = roster_dataset_intern (dataset, nickname),
    .secret_sealed = g_bytes_new_static ("sealed", 6),
    .secret_lookup = roster_dataset_intern (dataset, lookup),
    .active = active,
    .uses = uses,
    .max_uses = max_uses,
    .expires_at = expires_at,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->keys, row);
}

static void
add_enrolment (RosterDataset         *dataset,
               gint64                 course_id,
               gint64                 user_id,
               RosterRole             role,
               RosterEnrolmentStatus  status,
               gint64                 method_id,
               gint64                 key_id,
               const char            *key_nickname,
               gint64                 created_at)
{
  RosterDatasetEnrolment row = {
    .id = dataset->enrolments->len + 1,
    .course_id = course_id,
    .user_id = user_id,
    .role = role,
    .status = status,
    .method_id = method_id,
    .key_id = key_id,
    .key_nickname = roster_dataset_intern (dataset, key_nickname),
    .created_at = created_at,
  };

  g_array_append_val (dataset->enrolments, row);
}

/* REP101 has seven enrolments between Monday 2026-08-31 and December,
 * by two methods and three keys (one of them deleted since); OTHER has
 * one that must never show in REP101's report; EMPTY has none; OLD has
 * one from 1995. 2026-08-31 and 2026-09-07 are Mondays. */
static void
load_dataset (RosterStorage *storage)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetMethod self_method = {
    .id = M_REP_SELF, .course_id = C_REP, .type = ROSTER_METHOD_SELF, .sort_order = 1,
    .name = "Visitors", .enabled = TRUE, .default_role = ROSTER_ROLE_GUEST, .created_at = NOW - 1000,
  };

  add_user (dataset, U_ANNA, "anna", ROSTER_USER_TYPE_STAFF);
  add_user (dataset, U_BEN, "ben", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, U_CARA, "cara", ROSTER_USER_TYPE_EXTERNAL);
  add_user (dataset, U_DAN, "dan", ROSTER_USER_TYPE_EXTERNAL);
  add_user (dataset, U_EVE, "eve", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, U_FRED, "fred", ROSTER_USER_TYPE_STUDENT);
  add_user (dataset, U_GINA, "gina", ROSTER_USER_TYPE_EXTERNAL);

  add_course (dataset, C_REP, "REP101", M_REP_MANUAL);
  add_course (dataset, C_OTHER, "OTHER", M_OTHER_MANUAL);
  add_course (dataset, C_EMPTY, "EMPTY", M_EMPTY_MANUAL);
  add_course (dataset, C_OLD, "OLD", M_OLD_MANUAL);
  g_array_append_val (dataset->methods, self_method);

  add_key (dataset, K_AUTUMN, "Autumn", TRUE, 2, 10, utc (2026, 12, 31, 0, 0, 0));
  add_key (dataset, K_SPRING, "Spring", FALSE, 1, 0, 0);

  add_enrolment (dataset, C_REP, U_ANNA, ROSTER_ROLE_MODULE_LEADER, ROSTER_ENROLMENT_ACTIVE,
                 M_REP_MANUAL, 0, NULL, utc (2026, 8, 31, 9, 0, 0));
  add_enrolment (dataset, C_REP, U_BEN, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE,
                 M_REP_MANUAL, 0, NULL, utc (2026, 9, 1, 10, 0, 0));
  add_enrolment (dataset, C_REP, U_FRED, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE,
                 0, 0, NULL, utc (2026, 9, 2, 8, 0, 0));
  add_enrolment (dataset, C_REP, U_CARA, ROSTER_ROLE_GUEST, ROSTER_ENROLMENT_ACTIVE,
                 M_REP_SELF, K_AUTUMN, "Autumn", utc (2026, 9, 6, 23, 59, 59));
  add_enrolment (dataset, C_REP, U_DAN, ROSTER_ROLE_GUEST, ROSTER_ENROLMENT_ACTIVE,
                 M_REP_SELF, K_AUTUMN, "Autumn", utc (2026, 9, 7, 0, 0, 0));
  add_enrolment (dataset, C_REP, U_EVE, ROSTER_ROLE_GUEST, ROSTER_ENROLMENT_SUSPENDED,
                 M_REP_SELF, 0, "Old key", utc (2026, 9, 9, 12, 0, 0));
  add_enrolment (dataset, C_REP, U_GINA, ROSTER_ROLE_GUEST, ROSTER_ENROLMENT_ACTIVE,
                 M_REP_SELF, K_AUTUMN, "Autumn", utc (2026, 12, 1, 9, 0, 0));
  add_enrolment (dataset, C_OTHER, U_BEN, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE,
                 M_OTHER_MANUAL, 0, NULL, utc (2026, 9, 1, 10, 0, 0));
  add_enrolment (dataset, C_OLD, U_BEN, ROSTER_ROLE_STUDENT, ROSTER_ENROLMENT_ACTIVE,
                 M_OLD_MANUAL, 0, NULL, utc (1995, 3, 1, 10, 0, 0));

  g_assert_true (roster_storage_load_dataset (storage, dataset, &error));
  g_assert_no_error (error);
}

static RosterEnrolmentReport *
report (RosterStorage      *storage,
        gint64              course_id,
        RosterReportBucket  bucket,
        gint64              since,
        gint64              until)
{
  g_autoptr(GError) error = NULL;
  RosterEnrolmentReportQuery query = {
    .course_id = course_id, .bucket = bucket, .since = since, .until = until, .now = REPORT_NOW,
  };
  RosterEnrolmentReport *result = roster_storage_enrolment_report (storage, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const RosterReportPoint *
point_at (const RosterEnrolmentReport *result,
          guint                        index)
{
  g_assert_cmpuint (index, <, result->series->len);
  return &g_array_index (result->series, RosterReportPoint, index);
}

static gint64
method_count (GArray *counts,
              gint64  method_id)
{
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    if (g_array_index (counts, RosterReportMethodCount, i).method_id == method_id)
      return g_array_index (counts, RosterReportMethodCount, i).count;
  return 0;
}

static gint64
key_count (GArray     *counts,
           const char *nickname)
{
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    if (g_strcmp0 (g_array_index (counts, RosterReportKeyCount, i).nickname, nickname) == 0)
      return g_array_index (counts, RosterReportKeyCount, i).count;
  return 0;
}

static void
test_report_weeks (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(RosterEnrolmentReport) result = NULL;
  const RosterReportPoint *week;

  load_dataset (fixture->storage);

  /* Wednesday to Wednesday: widened to the two whole weeks. */
  result = report (fixture->storage, C_REP, ROSTER_REPORT_BUCKET_WEEK,
                   utc (2026, 9, 2, 0, 0, 0), utc (2026, 9, 9, 0, 0, 0));
  g_assert_cmpint (result->course_id, ==, C_REP);
  g_assert_cmpint (result->bucket, ==, ROSTER_REPORT_BUCKET_WEEK);
  g_assert_cmpint (result->since, ==, utc (2026, 8, 31, 0, 0, 0));
  g_assert_cmpint (result->until, ==, utc (2026, 9, 14, 0, 0, 0));
  g_assert_cmpuint (result->series->len, ==, 2);

  /* Anna and Ben by hand, Fred by a method deleted since, Cara by key
   * in the last second of Sunday. */
  week = point_at (result, 0);
  g_assert_cmpint (week->start, ==, utc (2026, 8, 31, 0, 0, 0));
  g_assert_cmpint (week->total, ==, 4);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_STAFF], ==, 1);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_STUDENT], ==, 2);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_EXTERNAL], ==, 1);
  g_assert_cmpuint (week->by_method->len, ==, 2);
  g_assert_cmpint (method_count (week->by_method, M_REP_MANUAL), ==, 2);
  g_assert_cmpint (method_count (week->by_method, M_REP_SELF), ==, 1);
  g_assert_cmpuint (week->by_key->len, ==, 1);
  g_assert_cmpint (key_count (week->by_key, "Autumn"), ==, 1);

  /* Dan at Monday midnight; Eve through a key deleted since, which
   * still counts under its nickname. */
  week = point_at (result, 1);
  g_assert_cmpint (week->start, ==, utc (2026, 9, 7, 0, 0, 0));
  g_assert_cmpint (week->total, ==, 2);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_STAFF], ==, 0);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_STUDENT], ==, 1);
  g_assert_cmpint (week->by_type[ROSTER_USER_TYPE_EXTERNAL], ==, 1);
  g_assert_cmpuint (week->by_method->len, ==, 1);
  g_assert_cmpint (method_count (week->by_method, M_REP_SELF), ==, 2);
  g_assert_cmpuint (week->by_key->len, ==, 2);
  g_assert_cmpint (key_count (week->by_key, "Autumn"), ==, 1);
  g_assert_cmpint (key_count (week->by_key, "Old key"), ==, 1);
}

static void
test_report_days (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(RosterEnrolmentReport) result = NULL;

  load_dataset (fixture->storage);

  /* until is exclusive: a date means up to its midnight. */
  result = report (fixture->storage, C_REP, ROSTER_REPORT_BUCKET_DAY,
                   utc (2026, 9, 6, 0, 0, 0), utc (2026, 9, 8, 0, 0, 0));
  g_assert_cmpint (result->since, ==, utc (2026, 9, 6, 0, 0, 0));
  g_assert_cmpint (result->until, ==, utc (2026, 9, 8, 0, 0, 0));
  g_assert_cmpuint (result->series->len, ==, 2);
  g_assert_cmpint (point_at (result, 0)->start, ==, utc (2026, 9, 6, 0, 0, 0));
  g_assert_cmpint (point_at (result, 0)->total, ==, 1);
  g_assert_cmpint (key_count (point_at (result, 0)->by_key, "Autumn"), ==, 1);
  g_assert_cmpint (point_at (result, 1)->start, ==, utc (2026, 9, 7, 0, 0, 0));
  g_assert_cmpint (point_at (result, 1)->total, ==, 1);
}

static void
test_report_defaults (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(RosterEnrolmentReport) result = NULL;
  gint64 in_series = 0;

  load_dataset (fixture->storage);

  /* From the first enrolment's day to today's, every day there. */
  result = report (fixture->storage, C_REP, ROSTER_REPORT_BUCKET_DAY, 0, 0);
  g_assert_cmpint (result->since, ==, utc (2026, 8, 31, 0, 0, 0));
  g_assert_cmpint (result->until, ==, utc (2026, 9, 11, 0, 0, 0));
  g_assert_cmpuint (result->series->len, ==, 11);

  for (guint i = 0; i < result->series->len; i++)
    {
      const RosterReportPoint *day = point_at (result, i);

      g_assert_cmpint (day->start, ==, result->since + i * 86400);
      in_series += day->total;
    }

  /* Empty days are there, with nothing in them. */
  g_assert_cmpint (point_at (result, 3)->start, ==, utc (2026, 9, 3, 0, 0, 0));
  g_assert_cmpint (point_at (result, 3)->total, ==, 0);
  g_assert_null (point_at (result, 3)->by_method);
  g_assert_null (point_at (result, 3)->by_key);

  /* Gina enrolled after "now": in the totals, not in the series. */
  g_assert_cmpint (in_series, ==, 6);
  g_assert_cmpint (result->participants, ==, 7);
}

static void
test_report_totals (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(RosterEnrolmentReport) result = NULL;
  const RosterReportMethod *method;
  const RosterReportKey *key;

  load_dataset (fixture->storage);

  /* The totals do not depend on the range. */
  result = report (fixture->storage, C_REP, ROSTER_REPORT_BUCKET_WEEK,
                   utc (2026, 10, 1, 0, 0, 0), utc (2026, 10, 2, 0, 0, 0));
  g_assert_cmpuint (result->series->len, ==, 1);
  g_assert_cmpint (point_at (result, 0)->total, ==, 0);

  g_assert_cmpint (result->participants, ==, 7);
  g_assert_cmpint (result->by_type[ROSTER_USER_TYPE_STAFF], ==, 1);
  g_assert_cmpint (result->by_type[ROSTER_USER_TYPE_STUDENT], ==, 3);
  g_assert_cmpint (result->by_type[ROSTER_USER_TYPE_EXTERNAL], ==, 3);
  g_assert_cmpint (result->by_role[ROSTER_ROLE_MODULE_LEADER], ==, 1);
  g_assert_cmpint (result->by_role[ROSTER_ROLE_STUDENT], ==, 2);
  g_assert_cmpint (result->by_role[ROSTER_ROLE_GUEST], ==, 4);
  g_assert_cmpint (result->by_role[ROSTER_ROLE_TEACHER], ==, 0);
  g_assert_cmpint (result->by_status[ROSTER_ENROLMENT_ACTIVE], ==, 6);
  g_assert_cmpint (result->by_status[ROSTER_ENROLMENT_SUSPENDED], ==, 1);

  /* Every method of the course, in its order; Fred's is gone. */
  g_assert_cmpuint (result->by_method->len, ==, 2);
  g_assert_cmpint (g_array_index (result->by_method, RosterReportMethodCount, 0).method_id, ==, M_REP_MANUAL);
  g_assert_cmpint (g_array_index (result->by_method, RosterReportMethodCount, 0).count, ==, 2);
  g_assert_cmpint (g_array_index (result->by_method, RosterReportMethodCount, 1).method_id, ==, M_REP_SELF);
  g_assert_cmpint (g_array_index (result->by_method, RosterReportMethodCount, 1).count, ==, 4);

  g_assert_cmpuint (result->methods->len, ==, 2);
  method = &g_array_index (result->methods, RosterReportMethod, 0);
  g_assert_cmpint (method->id, ==, M_REP_MANUAL);
  g_assert_cmpint (method->type, ==, ROSTER_METHOD_MANUAL);
  g_assert_null (method->name);
  method = &g_array_index (result->methods, RosterReportMethod, 1);
  g_assert_cmpint (method->id, ==, M_REP_SELF);
  g_assert_cmpint (method->type, ==, ROSTER_METHOD_SELF);
  g_assert_cmpstr (method->name, ==, "Visitors");

  /* Keys: what the key row says, and who came through it. */
  g_assert_cmpuint (result->keys->len, ==, 2);
  key = &g_array_index (result->keys, RosterReportKey, 0);
  g_assert_cmpint (key->id, ==, K_AUTUMN);
  g_assert_cmpstr (key->nickname, ==, "Autumn");
  g_assert_cmpint (key->method_id, ==, M_REP_SELF);
  g_assert_true (key->active);
  g_assert_cmpint (key->uses, ==, 2);
  g_assert_cmpint (key->enrolled, ==, 3);
  g_assert_cmpint (key->last_used_at, ==, utc (2026, 12, 1, 9, 0, 0));
  g_assert_cmpint (key->max_uses, ==, 10);
  g_assert_cmpint (key->expires_at, ==, utc (2026, 12, 31, 0, 0, 0));
  key = &g_array_index (result->keys, RosterReportKey, 1);
  g_assert_cmpint (key->id, ==, K_SPRING);
  g_assert_false (key->active);
  g_assert_cmpint (key->enrolled, ==, 0);
  g_assert_cmpint (key->last_used_at, ==, 0);
  g_assert_cmpint (key->max_uses, ==, 0);
}

static void
test_report_empty_course (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(RosterEnrolmentReport) result = NULL;

  load_dataset (fixture->storage);

  /* Just today, with nothing in it. */
  result = report (fixture->storage, C_EMPTY, ROSTER_REPORT_BUCKET_WEEK, 0, 0);
  g_assert_cmpint (result->since, ==, utc (2026, 9, 7, 0, 0, 0));
  g_assert_cmpuint (result->series->len, ==, 1);
  g_assert_cmpint (point_at (result, 0)->total, ==, 0);
  g_assert_cmpint (result->participants, ==, 0);
  g_assert_cmpuint (result->methods->len, ==, 1);
  g_assert_cmpuint (result->by_method->len, ==, 1);
  g_assert_cmpint (g_array_index (result->by_method, RosterReportMethodCount, 0).count, ==, 0);
  g_assert_cmpuint (result->keys->len, ==, 0);
}

static void
test_report_limits (Fixture       *fixture,
                    gconstpointer  user_data)
{
  load_dataset (fixture->storage);

  {
    /* Without a range, an old course shows its last ten years. */
    g_autoptr(RosterEnrolmentReport) result = report (fixture->storage, C_OLD, ROSTER_REPORT_BUCKET_DAY, 0, 0);

    g_assert_cmpuint (result->series->len, ==, ROSTER_REPORT_MAX_BUCKETS);
    g_assert_cmpint (result->until, ==, utc (2026, 9, 11, 0, 0, 0));
    g_assert_cmpint (result->participants, ==, 1);
  }

  {
    /* Asked for explicitly, 30 years of days are refused; of weeks not. */
    RosterEnrolmentReportQuery query = {
      .course_id = C_OLD, .bucket = ROSTER_REPORT_BUCKET_DAY, .since = utc (1995, 1, 1, 0, 0, 0),
      .now = REPORT_NOW,
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterEnrolmentReport) refused = roster_storage_enrolment_report (fixture->storage, &query, &error);
    g_autoptr(RosterEnrolmentReport) weeks = NULL;

    g_assert_null (refused);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);

    weeks = report (fixture->storage, C_OLD, ROSTER_REPORT_BUCKET_WEEK, query.since, 0);
    g_assert_cmpint (weeks->series->len, >, 1500);
    /* From Monday 1994-12-26; 1995-03-01 is in the tenth week. */
    g_assert_cmpint (weeks->since, ==, utc (1994, 12, 26, 0, 0, 0));
    g_assert_cmpint (point_at (weeks, 9)->start, ==, utc (1995, 2, 27, 0, 0, 0));
    g_assert_cmpint (point_at (weeks, 9)->total, ==, 1);
  }

  {
    RosterEnrolmentReportQuery query = {
      .course_id = C_REP, .since = utc (2026, 9, 2, 0, 0, 0), .until = utc (2026, 9, 1, 0, 0, 0),
      .now = REPORT_NOW,
    };
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterEnrolmentReport) refused = roster_storage_enrolment_report (fixture->storage, &query, &error);

    g_assert_null (refused);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST);
  }

  {
    RosterEnrolmentReportQuery query = { .course_id = 999, .now = REPORT_NOW };
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterEnrolmentReport) missing = roster_storage_enrolment_report (fixture->storage, &query, &error);

    g_assert_null (missing);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  }
}

/* ---- audit ---- */

static void
append (RosterStorage          *storage,
        const RosterAuditEvent *event)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (roster_storage_append_audit (storage, event, &error));
  g_assert_no_error (error);
}

static GPtrArray *
list (RosterStorage          *storage,
      const RosterAuditQuery *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = roster_storage_list_audit (storage, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
test_audit_names (Fixture       *fixture,
                  gconstpointer  user_data)
{
  const RosterAuditEvent reveal = {
    .actor_id = U_ANNA, .action = "key.revealed", .course_id = C_REP, .target_user_id = U_BEN,
    .object_type = "key", .object_id = K_AUTUMN, .details = "{\"nickname\":\"Autumn\"}",
  };
  const RosterAuditEvent ghost = { .actor_id = 4242, .action = "auth.login", .course_id = 4343 };
  const RosterAuditQuery all = { 0, };
  g_autoptr(GPtrArray) records = NULL;
  const RosterAuditRecord *record;

  load_dataset (fixture->storage);
  append (fixture->storage, &reveal);
  append (fixture->storage, &ghost);

  records = list (fixture->storage, &all);
  g_assert_cmpuint (records->len, ==, 2);

  /* People and courses that are gone leave their ids, without names. */
  record = g_ptr_array_index (records, 0);
  g_assert_cmpint (record->actor_id, ==, 4242);
  g_assert_null (record->actor_username);
  g_assert_null (record->actor_first_name);
  g_assert_cmpint (record->target_user_id, ==, 0);
  g_assert_null (record->target_username);
  g_assert_cmpint (record->course_id, ==, 4343);
  g_assert_null (record->course_short_name);

  record = g_ptr_array_index (records, 1);
  g_assert_cmpstr (record->action, ==, "key.revealed");
  g_assert_cmpstr (record->actor_username, ==, "anna");
  g_assert_cmpstr (record->actor_first_name, ==, "anna");
  g_assert_cmpstr (record->actor_last_name, ==, "Tester");
  g_assert_cmpstr (record->target_username, ==, "ben");
  g_assert_cmpstr (record->course_short_name, ==, "REP101");
  g_assert_cmpstr (record->details, ==, "{\"nickname\":\"Autumn\"}");
}

static void
test_audit_filters (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const RosterAuditEvent events[] = {
    { .actor_id = 1, .action = "auth.login" },
    { .actor_id = 1, .action = "auth.login_failed" },
    { .actor_id = 2, .action = "key.revealed", .course_id = 10 },
    { .actor_id = 2, .action = "keys.imported", .course_id = 10 },
    { .actor_id = 3, .action = "key.deleted", .course_id = 11 },
    { .actor_id = 3, .action = "authx.other" },
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    append (fixture->storage, &events[i]);

  {
    /* A prefix ending in a dot is a family of actions, nothing more. */
    const RosterAuditQuery key = { .action = "key." };
    const RosterAuditQuery auth = { .action = "auth." };
    const RosterAuditQuery exact = { .action = "auth.login" };
    const RosterAuditQuery key_course = { .action = "key.", .course_id = 10 };
    g_autoptr(GPtrArray) key_records = list (fixture->storage, &key);
    g_autoptr(GPtrArray) auth_records = list (fixture->storage, &auth);
    g_autoptr(GPtrArray) exact_records = list (fixture->storage, &exact);
    g_autoptr(GPtrArray) key_course_records = list (fixture->storage, &key_course);

    g_assert_cmpuint (key_records->len, ==, 2);
    g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (key_records, 0))->action, ==, "key.deleted");
    g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (key_records, 1))->action, ==, "key.revealed");
    g_assert_cmpuint (auth_records->len, ==, 2);
    g_assert_cmpuint (exact_records->len, ==, 1);
    g_assert_cmpuint (key_course_records->len, ==, 1);
  }

  {
    const RosterAuditQuery before = { .until = now - 60 };
    const RosterAuditQuery after = { .until = now + 60, .since = now - 60 };
    const RosterAuditQuery later = { .since = now + 60 };
    g_autoptr(GPtrArray) before_records = list (fixture->storage, &before);
    g_autoptr(GPtrArray) after_records = list (fixture->storage, &after);
    g_autoptr(GPtrArray) later_records = list (fixture->storage, &later);

    g_assert_cmpuint (before_records->len, ==, 0);
    g_assert_cmpuint (after_records->len, ==, G_N_ELEMENTS (events));
    g_assert_cmpuint (later_records->len, ==, 0);
  }
}

/* Pages of two, each starting below the last id of the one before: every
 * event exactly once, newest first. */
static void
test_audit_pages (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  RosterAuditQuery query = { .limit = 2 };
  guint pages = 0;

  for (guint i = 0; i < 7; i++)
    {
      const RosterAuditEvent event = { .actor_id = 1 + i % 2, .action = "auth.login" };
      append (fixture->storage, &event);
    }

  for (;;)
    {
      g_autoptr(GPtrArray) page = list (fixture->storage, &query);

      if (page->len == 0)
        break;
      g_assert_cmpuint (page->len, <=, 2);
      pages++;
      for (guint i = 0; i < page->len; i++)
        {
          RosterAuditRecord *record = g_ptr_array_index (page, i);

          for (guint j = 0; j < ids->len; j++)
            g_assert_cmpint (g_array_index (ids, gint64, j), !=, record->id);
          g_array_append_val (ids, record->id);
        }
      query.before_id = ((RosterAuditRecord *) g_ptr_array_index (page, page->len - 1))->id;
    }

  g_assert_cmpuint (pages, ==, 4);
  g_assert_cmpuint (ids->len, ==, 7);
  for (guint i = 1; i < ids->len; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i - 1), >, g_array_index (ids, gint64, i));

  {
    /* Paging and a filter together. */
    RosterAuditQuery user2 = { .user_id = 2, .limit = 2 };
    g_autoptr(GPtrArray) first = list (fixture->storage, &user2);
    g_autoptr(GPtrArray) second = NULL;

    g_assert_cmpuint (first->len, ==, 2);
    user2.before_id = ((RosterAuditRecord *) g_ptr_array_index (first, 1))->id;
    second = list (fixture->storage, &user2);
    g_assert_cmpuint (second->len, ==, 1);
    g_assert_cmpint (((RosterAuditRecord *) g_ptr_array_index (second, 0))->actor_id, ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, storage_fixture_set_up, func, storage_fixture_tear_down)

  ADD_TEST ("/sqlite-reports/enrolments/weeks", test_report_weeks);
  ADD_TEST ("/sqlite-reports/enrolments/days", test_report_days);
  ADD_TEST ("/sqlite-reports/enrolments/defaults", test_report_defaults);
  ADD_TEST ("/sqlite-reports/enrolments/totals", test_report_totals);
  ADD_TEST ("/sqlite-reports/enrolments/empty-course", test_report_empty_course);
  ADD_TEST ("/sqlite-reports/enrolments/limits", test_report_limits);
  ADD_TEST ("/sqlite-reports/audit/names", test_audit_names);
  ADD_TEST ("/sqlite-reports/audit/filters", test_audit_filters);
  ADD_TEST ("/sqlite-reports/audit/pages", test_audit_pages);

#undef ADD_TEST

  return g_test_run ();
}
