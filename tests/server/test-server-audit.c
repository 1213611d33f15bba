/* test-server-audit.c: the audit log and the enrolment report against a
 * real roster-server with the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's numbers are checked against counts made here, from the
 * demo dataset itself (roster_demo_build () is deterministic), not from
 * anything the server computed.
 */

#include "config.h"

#include <string.h>

#include "roster-audit-entry.h"
#include "roster-demo.h"
#include "roster-json.h"
#include "roster-reports.h"
#include "roster-test-server.h"

#define DAY  G_GINT64_CONSTANT (86400)
#define WEEK (7 * DAY)

/* ---- helpers ---- */

static char *
login_body (const char *username,
            const char *password)
{
  return g_strdup_printf ("{\"username\": \"%s\", \"password\": \"%s\"}", username, password);
}

static guint
try_login (RosterTestServer *server,
           const char       *username,
           const char       *password)
{
  g_autofree char *body = login_body (username, password);
  g_autoptr(RosterTestResponse) response = roster_test_post_json (server, "/api/v1/auth/login", NULL, body);

  return response->status;
}

static gint64
user_id (RosterTestServer *server,
         const char       *token)
{
  g_autoptr(RosterTestResponse) me = roster_test_get (server, "/api/v1/me", token);

  g_assert_cmpuint (me->status, ==, 200);
  return json_object_get_int_member (json_object_get_object_member (roster_test_response_object (me), "user"), "id");
}

static JsonObject *
find_course (JsonArray  *courses,
             const char *short_name)
{
  for (guint i = 0; i < json_array_get_length (courses); i++)
    {
      JsonObject *course = json_array_get_object_element (courses, i);

      if (g_strcmp0 (json_object_get_string_member (course, "short_name"), short_name) == 0)
        return course;
    }

  return NULL;
}

/* The course's id and, for staff who may see them, its participants. */
static gint64
course_id (RosterTestServer *server,
           const char       *token,
           const char       *short_name,
           gint64           *participant_count)
{
  g_autoptr(RosterTestResponse) response = roster_test_get (server, "/api/v1/courses", token);
  JsonObject *course;

  g_assert_cmpuint (response->status, ==, 200);
  course = find_course (json_object_get_array_member (roster_test_response_object (response), "courses"),
                        short_name);
  g_assert_nonnull (course);
  if (participant_count != NULL)
    *participant_count = json_object_get_int_member (course, "participant_count");
  return json_object_get_int_member (course, "id");
}

static RosterTestResponse *
get_printf (RosterTestServer *server,
            const char       *token,
            const char       *format,
            ...) G_GNUC_PRINTF (3, 4);

static RosterTestResponse *
get_printf (RosterTestServer *server,
            const char       *token,
            const char       *format,
            ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);

  return roster_test_get (server, path, token);
}

/* ---- audit ---- */

/* Every event parses as the app will parse it. */
static JsonArray *
events_of (RosterTestResponse *response)
{
  JsonArray *events;

  g_assert_cmpuint (response->status, ==, 200);
  events = json_object_get_array_member (roster_test_response_object (response), "events");
  g_assert_nonnull (events);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterAuditEntry) entry =
        roster_audit_entry_new_from_json (json_array_get_object_element (events, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (entry);
    }

  return events;
}

static const char *
next_cursor (RosterTestResponse *response)
{
  JsonObject *object = roster_test_response_object (response);

  g_assert_true (json_object_has_member (object, "next_cursor"));
  if (json_object_get_null_member (object, "next_cursor"))
    return NULL;
  return json_object_get_string_member (object, "next_cursor");
}

/* Some sign-ins and failures to have something to list. */
static void
make_events (RosterTestServer *server)
{
  g_free (roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD));
  g_assert_cmpuint (try_login (server, "m.chen", "wrong password 1"), ==, 401);
  g_assert_cmpuint (try_login (server, "m.chen", "wrong password 2"), ==, 401);
  g_assert_cmpuint (try_login (server, "k.zhang", "wrong password 3"), ==, 401);
  g_free (roster_test_login (server, "k.zhang", ROSTER_DEMO_PASSWORD));
}

static void
test_audit_forbidden (RosterTestFixture *fixture,
                      gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
  g_autofree char *pro = roster_test_login (server, "s.taylor", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterTestResponse) by_leader = roster_test_get (server, "/api/v1/audit", leader);
  g_autoptr(RosterTestResponse) by_pro = roster_test_get (server, "/api/v1/audit?course=1", pro);
  g_autoptr(RosterTestResponse) anonymous = roster_test_get (server, "/api/v1/audit", NULL);

  g_assert_cmpuint (by_leader->status, ==, 403);
  g_assert_cmpstr (roster_test_response_error_code (by_leader), ==, "forbidden");
  g_assert_cmpuint (by_pro->status, ==, 403);
  g_assert_cmpuint (anonymous->status, ==, 401);
}

/* Pages of two, each from the cursor of the one before: every event
 * exactly once, newest first, the same as one big page. */
static void
test_audit_pages (RosterTestFixture *fixture,
                  gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *admin = roster_test_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  g_autoptr(RosterTestResponse) everything = NULL;
  g_autoptr(GArray) paged = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cursor = NULL;
  JsonArray *all;
  guint pages = 0;

  make_events (server);
  everything = roster_test_get (server, "/api/v1/audit?limit=1000", admin);
  all = events_of (everything);
  g_assert_null (next_cursor (everything));
  /* The admin's sign-in and the five of make_events (), at least. */
  g_assert_cmpuint (json_array_get_length (all), >=, 6);

  do
    {
      g_autoptr(RosterTestResponse) page = NULL;
      JsonArray *events;

      if (cursor == NULL)
        page = roster_test_get (server, "/api/v1/audit?limit=2", admin);
      else
        page = get_printf (server, admin, "/api/v1/audit?limit=2&cursor=%s", cursor);
      events = events_of (page);
      g_assert_cmpuint (json_array_get_length (events), >=, 1);
      g_assert_cmpuint (json_array_get_length (events), <=, 2);
      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (events, i), "id");

          g_array_append_val (paged, id);
        }

      g_free (cursor);
      cursor = g_strdup (next_cursor (page));
      pages++;
    }
  while (cursor != NULL && pages < 100);

  /* Later events (the pages' own sign-ins are not events) change nothing. */
  g_assert_cmpuint (paged->len, ==, json_array_get_length (all));
  g_assert_cmpuint (pages, ==, (paged->len + 1) / 2);
  for (guint i = 0; i < paged->len; i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (all, i), "id");

      g_assert_cmpint (g_array_index (paged, gint64, i), ==, id);
      if (i > 0)
        g_assert_cmpint (g_array_index (paged, gint64, i - 1), >, id);
    }
}

static guint
count_events (RosterTestServer *server,
              const char       *token,
              const char       *query)
{
  g_autoptr(RosterTestResponse) response = get_printf (server, token, "/api/v1/audit?limit=1000&%s", query);

  return json_array_get_length (events_of (response));
}

static void
test_audit_filters (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *admin = roster_test_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  g_autofree char *zhang_token = roster_test_login (server, "k.zhang", ROSTER_DEMO_PASSWORD);
  gint64 admin_id = user_id (server, admin);
  gint64 zhang = user_id (server, zhang_token);
  gint64 cs101 = course_id (server, admin, "CS101", NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autofree char *tomorrow_date = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *query = NULL;

  make_events (server);

  {
    /* An event about a course, written as the key area writes one. */
    g_autoptr(RosterStorage) storage = roster_test_server_open_storage (server);
    g_autoptr(GError) error = NULL;
    const RosterAuditEvent reveal = {
      .actor_id = admin_id, .action = "key.revealed", .course_id = cs101, .object_type = "key",
      .object_id = 1, .remote_address = "127.0.0.1", .details = "{\"nickname\":\"Visiting lecturers 2026\"}",
    };

    g_assert_true (roster_storage_append_audit (storage, &reveal, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(RosterTestResponse) response = get_printf (server, admin, "/api/v1/audit?course=%" G_GINT64_FORMAT,
                                                         cs101);
    JsonArray *events = events_of (response);
    JsonObject *event, *course, *actor;

    g_assert_cmpuint (json_array_get_length (events), ==, 1);
    event = json_array_get_object_element (events, 0);
    g_assert_cmpstr (json_object_get_string_member (event, "action"), ==, "key.revealed");
    course = json_object_get_object_member (event, "course");
    g_assert_cmpint (json_object_get_int_member (course, "id"), ==, cs101);
    g_assert_cmpstr (json_object_get_string_member (course, "short_name"), ==, "CS101");
    actor = json_object_get_object_member (event, "actor");
    g_assert_cmpint (json_object_get_int_member (actor, "id"), ==, admin_id);
    g_assert_cmpstr (json_object_get_string_member (actor, "username"), ==, "admin");
    g_assert_cmpstr (json_object_get_string_member (actor, "first_name"), ==, "Alex");
    g_assert_true (json_object_get_null_member (event, "target"));
    g_assert_cmpstr (json_object_get_string_member (event, "object_type"), ==, "key");
    g_assert_cmpint (json_object_get_int_member (event, "object_id"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (event, "details"), "nickname"),
                     ==, "Visiting lecturers 2026");
  }

  {
    /* k.zhang: one failure, two sign-ins (one in this test's set-up). */
    g_autoptr(RosterTestResponse) response = get_printf (server, admin, "/api/v1/audit?user=%" G_GINT64_FORMAT,
                                                         zhang);
    JsonArray *events = events_of (response);

    g_assert_cmpuint (json_array_get_length (events), ==, 3);
    for (guint i = 0; i < json_array_get_length (events); i++)
      {
        JsonObject *event = json_array_get_object_element (events, i);
        JsonNode *actor = json_object_get_member (event, "actor");
        JsonNode *target = json_object_get_member (event, "target");

        g_assert_true ((!JSON_NODE_HOLDS_NULL (actor) &&
                        json_object_get_int_member (json_node_get_object (actor), "id") == zhang) ||
                       (!JSON_NODE_HOLDS_NULL (target) &&
                        json_object_get_int_member (json_node_get_object (target), "id") == zhang));
      }
  }

  g_assert_cmpuint (count_events (server, admin, "action=auth.login_failed"), ==, 3);
  g_assert_cmpuint (count_events (server, admin, "action=auth.login"), ==, 4);
  g_assert_cmpuint (count_events (server, admin, "action=auth."), ==, 7);
  g_assert_cmpuint (count_events (server, admin, "action=key."), ==, 1);
  g_assert_cmpuint (count_events (server, admin, "action=auth"), ==, 0);
  query = g_strdup_printf ("action=auth.login_failed&user=%" G_GINT64_FORMAT, zhang);
  g_assert_cmpuint (count_events (server, admin, query), ==, 1);

  /* Everything happened today: before it nothing, since it all. */
  g_assert_cmpuint (count_events (server, admin, "until=2020-01-01"), ==, 0);
  g_assert_cmpuint (count_events (server, admin, "since=2020-01-01&until=2999-01-01T00:00:00Z"), ==, 8);
  g_free (query);
  query = g_strdup_printf ("since=%s", tomorrow_date);
  g_assert_cmpuint (count_events (server, admin, query), ==, 0);
}

static void
test_audit_bad_queries (RosterTestFixture *fixture,
                        gconstpointer      data)
{
  static const char * const queries[] = {
    "limit=0", "limit=1001", "limit=ten", "cursor=%25%25", "cursor=WyJ4Il0", "cursor=WzAsMV0",
    "action=auth%20login", "action=.auth", "since=yesterday", "until=2026-13-01", "course=abc",
    "user=-1",
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *admin = roster_test_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(RosterTestResponse) response = get_printf (server, admin, "/api/v1/audit?%s", queries[i]);

      g_test_message ("%s", queries[i]);
      g_assert_cmpuint (response->status, ==, 400);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "invalid_request");
    }
}

/* ---- enrolment report ---- */

/* What the demo put in one course, counted here by hand. */
typedef struct
{
  GArray     *enrolments;  /* RosterDatasetEnrolment of the course */
  GHashTable *types;       /* user id → RosterUserType + 1 */
} Expected;

static RosterDataset *
demo_dataset (void)
{
  static const guint8 key[32] = { 0, };
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_for_key (key, sizeof key);
  g_autoptr(GError) error = NULL;
  RosterDataset *dataset = roster_demo_build (box, g_get_real_time () / G_USEC_PER_SEC, 0, &error);

  g_assert_no_error (error);
  return dataset;
}

static void
expected_init (Expected      *expected,
               RosterDataset *dataset,
               gint64         course)
{
  expected->enrolments = g_array_new (FALSE, FALSE, sizeof (RosterDatasetEnrolment));
  expected->types = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < dataset->users->len; i++)
    {
      RosterDatasetUser *user = &g_array_index (dataset->users, RosterDatasetUser, i);

      g_hash_table_insert (expected->types, &user->id, GINT_TO_POINTER (user->type + 1));
    }
  for (guint i = 0; i < dataset->enrolments->len; i++)
    {
      RosterDatasetEnrolment *row = &g_array_index (dataset->enrolments, RosterDatasetEnrolment, i);

      if (row->course_id == course)
        g_array_append_val (expected->enrolments, *row);
    }
}

static void
expected_clear (Expected *expected)
{
  g_array_unref (expected->enrolments);
  g_hash_table_unref (expected->types);
}

static RosterUserType
type_of (Expected *expected,
         gint64    user)
{
  gpointer value = g_hash_table_lookup (expected->types, &user);

  g_assert_nonnull (value);
  return GPOINTER_TO_INT (value) - 1;
}

static gint64
member_or_zero (JsonObject *object,
                const char *member)
{
  return json_object_has_member (object, member) ? json_object_get_int_member (object, member) : 0;
}

static gint64
sum_members (JsonObject *object)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gint64 sum = 0;

  for (GList *l = members; l != NULL; l = l->next)
    sum += json_object_get_int_member (object, l->data);
  return sum;
}

/* Each point of the series against the enrolments made in its bucket. */
static void
check_series (Expected   *expected,
              JsonObject *report,
              gint64      width)
{
  JsonArray *series = json_object_get_array_member (report, "series");
  gint64 since = 0, until = 0, in_series = 0;

  g_assert_true (roster_json_parse_time (json_object_get_string_member (report, "since"), &since));
  g_assert_true (roster_json_parse_time (json_object_get_string_member (report, "until"), &until));
  g_assert_cmpint ((until - since) / width, ==, json_array_get_length (series));

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *point = json_array_get_object_element (series, i);
      JsonObject *by_type = json_object_get_object_member (point, "by_type");
      JsonObject *by_method = json_object_get_object_member (point, "by_method");
      JsonObject *by_key = json_object_get_object_member (point, "by_key");
      gint64 start = 0, total = 0, types[3] = { 0, }, keyed = 0, methods = 0;
      g_autoptr(GDateTime) dt = NULL;
      g_autoptr(GHashTable) by_method_expected = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_true (roster_json_parse_time (json_object_get_string_member (point, "start"), &start));
      g_assert_cmpint (start, ==, since + i * width);
      dt = g_date_time_new_from_unix_utc (start);
      g_assert_cmpint (g_date_time_get_hour (dt), ==, 0);
      if (width == WEEK)
        g_assert_cmpint (g_date_time_get_day_of_week (dt), ==, 1);

      for (guint j = 0; j < expected->enrolments->len; j++)
        {
          const RosterDatasetEnrolment *row = &g_array_index (expected->enrolments, RosterDatasetEnrolment, j);
          g_autofree char *method = NULL;

          if (row->created_at < start || row->created_at >= start + width)
            continue;
          total++;
          types[type_of (expected, row->user_id)]++;
          if (row->key_nickname != NULL)
            {
              keyed++;
              g_assert_cmpint (member_or_zero (by_key, row->key_nickname), >, 0);
            }
          if (row->method_id == 0)
            continue;
          methods++;
          method = g_strdup_printf ("%" G_GINT64_FORMAT, row->method_id);
          g_hash_table_insert (by_method_expected, (gpointer) g_intern_string (method),
                               GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (by_method_expected,
                                                                                    g_intern_string (method))) + 1));
        }

      g_assert_cmpint (json_object_get_int_member (point, "total"), ==, total);
      g_assert_cmpint (json_object_get_int_member (by_type, "staff"), ==, types[ROSTER_USER_TYPE_STAFF]);
      g_assert_cmpint (json_object_get_int_member (by_type, "student"), ==, types[ROSTER_USER_TYPE_STUDENT]);
      g_assert_cmpint (json_object_get_int_member (by_type, "external"), ==, types[ROSTER_USER_TYPE_EXTERNAL]);
      g_assert_cmpint (sum_members (by_key), ==, keyed);
      g_assert_cmpint (sum_members (by_method), ==, methods);
      g_assert_cmpuint (json_object_get_size (by_method), ==, g_hash_table_size (by_method_expected));
      {
        GHashTableIter iter;
        gpointer name, count;

        g_hash_table_iter_init (&iter, by_method_expected);
        while (g_hash_table_iter_next (&iter, &name, &count))
          g_assert_cmpint (member_or_zero (by_method, name), ==, GPOINTER_TO_INT (count));
      }
      in_series += total;
    }

  /* The range asked for holds every enrolment of the demo. */
  g_assert_cmpint (in_series, ==, expected->enrolments->len);
}

static gint64
sum_by_key (JsonObject *report,
            const char *nickname,
            gint64      from,
            gint64      to)
{
  JsonArray *series = json_object_get_array_member (report, "series");
  gint64 sum = 0;

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *point = json_array_get_object_element (series, i);
      gint64 start = 0, count;

      g_assert_true (roster_json_parse_time (json_object_get_string_member (point, "start"), &start));
      count = member_or_zero (json_object_get_object_member (point, "by_key"), nickname);
      if (count > 0)
        {
          g_assert_cmpint (start, >=, from);
          g_assert_cmpint (start, <, to);
        }
      sum += count;
    }

  return sum;
}

static gint64
utc (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (dt);
}

static void
test_report_cs101 (RosterTestFixture *fixture,
                   gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterDataset) dataset = demo_dataset ();
  g_autoptr(RosterTestResponse) days = NULL;
  g_autoptr(RosterTestResponse) weeks = NULL;
  gint64 participants = 0;
  gint64 cs101 = course_id (server, leader, "CS101", &participants);
  Expected expected;
  JsonObject *report, *totals;
  JsonArray *keys, *methods;
  gint64 roles[ROSTER_N_ROLES] = { 0, }, active = 0;

  expected_init (&expected, dataset, cs101);

  /* Explicit ranges, so that the answer does not depend on the clock. */
  days = get_printf (server, leader, "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments"
                     "?bucket=day&since=2025-01-01&until=2027-01-01", cs101);
  g_assert_cmpuint (days->status, ==, 200);
  report = roster_test_response_object (days);
  g_assert_cmpint (json_object_get_int_member (report, "course_id"), ==, cs101);
  g_assert_cmpstr (json_object_get_string_member (report, "bucket"), ==, "day");
  g_assert_cmpstr (json_object_get_string_member (report, "since"), ==, "2025-01-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (report, "until"), ==, "2027-01-01T00:00:00Z");
  check_series (&expected, report, DAY);

  /* The demo's keys: 8 uses of "Visiting lecturers 2026" in autumn 2026,
   * 3 of "Summer school 2025" in its summer. */
  g_assert_cmpint (sum_by_key (report, "Visiting lecturers 2026", utc (2026, 9, 1), utc (2026, 11, 21)), ==, 8);
  g_assert_cmpint (sum_by_key (report, "Summer school 2025", utc (2025, 7, 1), utc (2025, 8, 16)), ==, 3);

  weeks = get_printf (server, leader, "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments"
                      "?bucket=week&since=2025-01-01&until=2027-01-01", cs101);
  g_assert_cmpuint (weeks->status, ==, 200);
  report = roster_test_response_object (weeks);
  g_assert_cmpstr (json_object_get_string_member (report, "bucket"), ==, "week");
  /* 2025-01-01 is a Wednesday; its week began on Monday 2024-12-30. */
  g_assert_cmpstr (json_object_get_string_member (report, "since"), ==, "2024-12-30T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (report, "until"), ==, "2027-01-04T00:00:00Z");
  check_series (&expected, report, WEEK);
  g_assert_cmpint (sum_by_key (report, "Visiting lecturers 2026", utc (2026, 8, 31), utc (2026, 11, 23)), ==, 8);

  /* Totals: the same as the course's participant count, and as counted. */
  totals = json_object_get_object_member (report, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "participants"), ==, participants);
  g_assert_cmpint (json_object_get_int_member (totals, "participants"), ==, expected.enrolments->len);
  for (guint i = 0; i < expected.enrolments->len; i++)
    {
      const RosterDatasetEnrolment *row = &g_array_index (expected.enrolments, RosterDatasetEnrolment, i);

      roles[row->role]++;
      active += row->status == ROSTER_ENROLMENT_ACTIVE;
    }
  for (RosterRole role = ROSTER_ROLE_MODULE_LEADER; role < ROSTER_N_ROLES; role++)
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (totals, "by_role"),
                                                 roster_role_to_string (role)), ==, roles[role]);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (totals, "by_status"), "active"),
                   ==, active);
  g_assert_cmpint (sum_members (json_object_get_object_member (totals, "by_type")), ==, participants);
  g_assert_cmpint (sum_members (json_object_get_object_member (totals, "by_method")), ==, participants);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (totals, "by_method"), "20"), ==, 11);

  /* Methods to label by_method with: the manual one, then the self one. */
  methods = json_object_get_array_member (report, "methods");
  g_assert_cmpuint (json_array_get_length (methods), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (methods, 0), "type"), ==, "manual");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (methods, 1), "name"), ==,
                   "External visitors");

  /* Each key's uses; never a secret. */
  keys = json_object_get_array_member (report, "keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);
      gboolean visiting = g_strcmp0 (json_object_get_string_member (key, "nickname"), "Visiting lecturers 2026") == 0;

      g_assert_cmpint (json_object_get_int_member (key, "method_id"), ==, 20);
      g_assert_cmpint (json_object_get_int_member (key, "uses"), ==, visiting ? 8 : 3);
      g_assert_cmpint (json_object_get_int_member (key, "enrolled"), ==, visiting ? 8 : 3);
      g_assert_true (json_object_get_boolean_member (key, "active") == visiting);
      g_assert_false (json_object_get_null_member (key, "last_used_at"));
      g_assert_false (json_object_has_member (key, "secret"));
    }
  g_assert_null (g_strstr_len (g_bytes_get_data (weeks->body, NULL), g_bytes_get_size (weeks->body),
                               roster_demo_get_active_key ()));

  expected_clear (&expected);
}

/* Without a range: from the first enrolment's day to today's. */
static void
test_report_defaults (RosterTestFixture *fixture,
                      gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *pro = roster_test_login (server, "s.taylor", ROSTER_DEMO_PASSWORD);
  g_autoptr(RosterDataset) dataset = demo_dataset ();
  g_autoptr(RosterTestResponse) response = NULL;
  gint64 cs205 = course_id (server, pro, "CS205", NULL);
  gint64 first = G_MAXINT64, since = 0, until = 0, before, after;
  Expected expected;
  JsonObject *report;

  expected_init (&expected, dataset, cs205);
  for (guint i = 0; i < expected.enrolments->len; i++)
    first = MIN (first, g_array_index (expected.enrolments, RosterDatasetEnrolment, i).created_at);

  before = g_get_real_time () / G_USEC_PER_SEC;
  response = get_printf (server, pro, "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments", cs205);
  after = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpuint (response->status, ==, 200);
  report = roster_test_response_object (response);

  g_assert_cmpstr (json_object_get_string_member (report, "bucket"), ==, "day");
  g_assert_true (roster_json_parse_time (json_object_get_string_member (report, "since"), &since));
  g_assert_true (roster_json_parse_time (json_object_get_string_member (report, "until"), &until));
  g_assert_cmpint (since, ==, roster_report_bucket_start (ROSTER_REPORT_BUCKET_DAY, first));
  /* The end of today (of the day the request was answered in). */
  g_assert_true (until == roster_report_bucket_start (ROSTER_REPORT_BUCKET_DAY, before) + DAY ||
                 until == roster_report_bucket_start (ROSTER_REPORT_BUCKET_DAY, after) + DAY);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (report, "series")), ==,
                   (until - since) / DAY);

  expected_clear (&expected);
}

static void
test_report_access (RosterTestFixture *fixture,
                    gconstpointer      data)
{
  RosterTestServer *server = fixture->server;
  g_autofree char *admin = roster_test_login (server, ROSTER_DEMO_ADMIN_USERNAME, ROSTER_DEMO_ADMIN_PASSWORD);
  g_autofree char *teacher = roster_test_login (server, "j.okafor", ROSTER_DEMO_PASSWORD);
  g_autofree char *moderator = roster_test_login (server, "r.fischer", ROSTER_DEMO_PASSWORD);
  g_autofree char *student = roster_test_login (server, "k.zhang", ROSTER_DEMO_PASSWORD);
  g_autofree char *other_leader = roster_test_login (server, "l.wang", ROSTER_DEMO_PASSWORD);
  gint64 cs101 = course_id (server, admin, "CS101", NULL);
  gint64 cs205 = course_id (server, admin, "CS205", NULL);
  static const char path[] = "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments";
  g_autoptr(RosterTestResponse) by_admin = get_printf (server, admin, path, cs205);
  g_autoptr(RosterTestResponse) by_teacher = get_printf (server, teacher, path, cs205);
  g_autoptr(RosterTestResponse) by_moderator = get_printf (server, moderator, path, cs205);
  g_autoptr(RosterTestResponse) moderator_elsewhere = get_printf (server, moderator, path, cs101);
  g_autoptr(RosterTestResponse) by_student = get_printf (server, student, path, cs101);
  g_autoptr(RosterTestResponse) by_other_leader = get_printf (server, other_leader, path, cs101);
  g_autoptr(RosterTestResponse) missing = get_printf (server, other_leader, path, G_GINT64_CONSTANT (987654));
  g_autoptr(RosterTestResponse) anonymous = get_printf (server, NULL, path, cs101);

  g_assert_cmpuint (by_admin->status, ==, 200);
  g_assert_cmpuint (by_teacher->status, ==, 403);
  g_assert_cmpstr (roster_test_response_error_code (by_teacher), ==, "forbidden");
  g_assert_cmpuint (by_moderator->status, ==, 403);
  g_assert_cmpuint (by_student->status, ==, 403);
  /* A course one is not in answers like one that does not exist. */
  g_assert_cmpuint (moderator_elsewhere->status, ==, 404);
  g_assert_cmpuint (by_other_leader->status, ==, 404);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_true (g_bytes_equal (by_other_leader->body, missing->body));
  g_assert_cmpuint (anonymous->status, ==, 401);
}

static void
test_report_bad_queries (RosterTestFixture *fixture,
                         gconstpointer      data)
{
  static const char * const queries[] = {
    "bucket=month", "bucket=DAY", "since=yesterday", "until=2026-02-30",
    "since=2026-09-02&until=2026-09-01", "since=2026-09-01&until=2026-09-01",
    "since=2000-01-01&until=2026-01-01", "since=2000-01-01&until=2026-01-01&bucket=day",
  };
  RosterTestServer *server = fixture->server;
  g_autofree char *leader = roster_test_login (server, "m.chen", ROSTER_DEMO_PASSWORD);
  gint64 cs101 = course_id (server, leader, "CS101", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(RosterTestResponse) response =
        get_printf (server, leader, "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments?%s", cs101, queries[i]);

      g_test_message ("%s", queries[i]);
      g_assert_cmpuint (response->status, ==, 400);
      g_assert_cmpstr (roster_test_response_error_code (response), ==, "invalid_request");
    }

  {
    /* The same 26 years in weeks are fine. */
    g_autoptr(RosterTestResponse) weeks =
      get_printf (server, leader, "/api/v1/courses/%" G_GINT64_FORMAT "/reports/enrolments"
                  "?since=2000-01-01&until=2026-01-01&bucket=week", cs101);

    g_assert_cmpuint (weeks->status, ==, 200);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ROSTER_TEST_ADD_WITH_DEMO ("/server/audit/forbidden", test_audit_forbidden);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/audit/pages", test_audit_pages);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/audit/filters", test_audit_filters);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/audit/bad-queries", test_audit_bad_queries);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/reports/cs101", test_report_cs101);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/reports/defaults", test_report_defaults);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/reports/access", test_report_access);
  ROSTER_TEST_ADD_WITH_DEMO ("/server/reports/bad-queries", test_report_bad_queries);

  return g_test_run ();
}
