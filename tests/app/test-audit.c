/* test-audit.c: the audit log against a real roster-server: the
 * client's filters and pages, its refusal, the export of every page,
 * and the words of the page's columns and of the CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "audit-test-events.h"
#include "roster-audit-export.h"
#include "roster-audit-format.h"
#include "roster-demo.h"
#include "roster-error.h"

typedef RosterAppFixture Fixture;

/* ---- the client ---- */

static void
test_forbidden (Fixture       *fixture,
                gconstpointer  data)
{
  RosterAuditFilter filter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = NULL;

  roster_app_fixture_sign_in (fixture, "m.chen");
  events = list_audit (fixture, &filter, NULL, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_FORBIDDEN);
  g_assert_null (events);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) reveals = NULL;
  g_autoptr(GListModel) auth = NULL;
  g_autoptr(GListModel) course = NULL;
  g_autoptr(GListModel) person = NULL;
  RosterAuditEntry *reveal;
  gint64 chen = find_user_id (fixture, "m.chen");
  guint n;

  make_events (fixture);
  sign_in_admin (fixture);
  all = list_all (fixture, (RosterAuditFilter) { 0 });
  n = g_list_model_get_n_items (all);
  g_assert_cmpuint (n, >=, 6);
  /* Newest first. */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(RosterAuditEntry) newer = g_list_model_get_item (all, i - 1);
      g_autoptr(RosterAuditEntry) older = g_list_model_get_item (all, i);

      g_assert_cmpint (roster_audit_entry_get_id (newer), >, roster_audit_entry_get_id (older));
    }

  reveals = list_all (fixture, (RosterAuditFilter) { .action = "key.revealed" });
  g_assert_cmpuint (g_list_model_get_n_items (reveals), ==, 1);
  reveal = find_action (reveals, "key.revealed");
  g_assert_cmpint (roster_audit_entry_get_actor_id (reveal), ==, chen);
  g_assert_cmpstr (roster_audit_entry_get_actor_username (reveal), ==, "m.chen");
  g_assert_cmpint (roster_audit_entry_get_course_id (reveal), ==, CS101_ID);
  g_assert_cmpstr (roster_audit_entry_get_course_short_name (reveal), ==, "CS101");
  g_assert_cmpint (roster_audit_entry_get_object_id (reveal), ==, VISITING_KEY_ID);
  g_assert_cmpstr (json_object_get_string_member (roster_audit_entry_get_details (reveal), "nickname"), ==,
                   "Visiting lecturers 2026");

  auth = list_all (fixture, (RosterAuditFilter) { .action = "auth." });
  g_assert_nonnull (find_action (auth, "auth.login_failed"));
  g_assert_nonnull (find_action (auth, "auth.login"));
  for (guint i = 0; i < g_list_model_get_n_items (auth); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (auth, i);

      g_assert_true (g_str_has_prefix (roster_audit_entry_get_action (entry), "auth."));
    }

  course = list_all (fixture, (RosterAuditFilter) { .course_id = CS101_ID });
  g_assert_nonnull (find_action (course, "key.revealed"));
  for (guint i = 0; i < g_list_model_get_n_items (course); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (course, i);

      g_assert_cmpint (roster_audit_entry_get_course_id (entry), ==, CS101_ID);
    }

  person = list_all (fixture, (RosterAuditFilter) { .user_id = chen });
  g_assert_nonnull (find_action (person, "key.revealed"));
  g_assert_nonnull (find_action (person, "auth.login"));
  g_assert_null (find_action (person, "auth.login_failed"));
  for (guint i = 0; i < g_list_model_get_n_items (person); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (person, i);

      g_assert_true (roster_audit_entry_get_actor_id (entry) == chen ||
                     roster_audit_entry_get_target_id (entry) == chen);
    }
}

/* since and until cut the log in two at a time between events. */
static void
test_time_range (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) future = NULL;
  gint64 oldest, newest, cut;
  guint n;

  make_events (fixture);
  sign_in_admin (fixture);
  all = list_all (fixture, (RosterAuditFilter) { 0 });
  n = g_list_model_get_n_items (all);
  {
    g_autoptr(RosterAuditEntry) first = g_list_model_get_item (all, 0);
    g_autoptr(RosterAuditEntry) last = g_list_model_get_item (all, n - 1);

    newest = roster_audit_entry_get_at (first);
    oldest = roster_audit_entry_get_at (last);
  }
  cut = oldest + (newest - oldest) / 2 + 1;

  after = list_all (fixture, (RosterAuditFilter) { .since = cut });
  before = list_all (fixture, (RosterAuditFilter) { .until = cut });
  g_assert_cmpuint (g_list_model_get_n_items (after) + g_list_model_get_n_items (before), ==, n);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (after, i);

      g_assert_cmpint (roster_audit_entry_get_at (entry), >=, cut);
    }
  for (guint i = 0; i < g_list_model_get_n_items (before); i++)
    {
      g_autoptr(RosterAuditEntry) entry = g_list_model_get_item (before, i);

      g_assert_cmpint (roster_audit_entry_get_at (entry), <, cut);
    }

  future = list_all (fixture, (RosterAuditFilter) { .since = newest + 3600 });
  g_assert_cmpuint (g_list_model_get_n_items (future), ==, 0);
}

/* Pages of two, from cursor to cursor: the same events as one page. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GListModel) all = NULL;
  g_autofree char *cursor = NULL;
  guint seen = 0;
  guint pages = 0;

  make_events (fixture);
  sign_in_admin (fixture);
  all = list_all (fixture, (RosterAuditFilter) { 0 });

  do
    {
      RosterAuditFilter filter = { .cursor = cursor, .limit = 2 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) page = NULL;
      char *next = NULL;

      page = list_audit (fixture, &filter, &next, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (page), <=, 2);
      for (guint i = 0; i < g_list_model_get_n_items (page); i++)
        {
          g_autoptr(RosterAuditEntry) paged = g_list_model_get_item (page, i);
          g_autoptr(RosterAuditEntry) whole = g_list_model_get_item (all, seen++);

          g_assert_cmpint (roster_audit_entry_get_id (paged), ==, roster_audit_entry_get_id (whole));
        }
      g_free (cursor);
      cursor = next;
      pages++;
    }
  while (cursor != NULL && pages < 100);

  g_assert_null (cursor);
  g_assert_cmpuint (seen, ==, g_list_model_get_n_items (all));
  g_assert_cmpuint (pages, >=, 3);
}

/* The words of the page's columns and of the CSV, on entries made here. */
static void
test_format (void)
{
  g_autoptr(RosterAuditEntry) reveal = roster_audit_entry_new (7, 1700000000, "key.revealed");
  g_autoptr(RosterAuditEntry) failed = roster_audit_entry_new (8, 1700000001, "auth.login_failed");
  g_autoptr(JsonObject) details = json_object_new ();
  g_autoptr(JsonObject) nested = json_object_new ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *actor = NULL;
  g_autofree char *target = NULL;
  g_autofree char *course = NULL;
  g_autofree char *line = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (roster_audit_action_to_words ("key.revealed"), ==, "Key revealed");
  g_assert_cmpstr (roster_audit_action_to_words ("auth.login_failed"), ==, "Sign-in failed");
  g_assert_cmpstr (roster_audit_action_to_words ("thing.unheard_of"), ==, "thing.unheard_of");

  roster_audit_entry_set_actor (reveal, 2, "m.chen", "Ming", "Chen");
  roster_audit_entry_set_target (reveal, 44, NULL, NULL, NULL);
  roster_audit_entry_set_course (reveal, 1, "CS101");
  json_object_set_string_member (details, "nickname", "Two\nlines");
  json_object_set_int_member (details, "method_id", 20);
  json_object_set_null_member (details, "expires_at");
  json_object_set_boolean_member (nested, "a", TRUE);
  json_object_set_object_member (details, "more", g_steal_pointer (&nested));
  roster_audit_entry_set_details (reveal, details);

  actor = roster_audit_format_actor (reveal);
  target = roster_audit_format_target (reveal);
  course = roster_audit_format_course (reveal);
  line = roster_audit_format_details (reveal);
  g_assert_cmpstr (actor, ==, "Ming Chen (m.chen)");
  /* An account that is gone, by its id. */
  g_assert_cmpstr (target, ==, "Account 44");
  g_assert_cmpstr (course, ==, "CS101");
  g_assert_cmpstr (line, ==, "nickname: Two lines, method_id: 20, expires_at: —, more: {\"a\":true}");

  /* Nobody signed in, no course, no details. */
  g_clear_pointer (&actor, g_free);
  g_clear_pointer (&course, g_free);
  actor = roster_audit_format_actor (failed);
  course = roster_audit_format_course (failed);
  none = roster_audit_format_details (failed);
  g_assert_cmpstr (actor, ==, "—");
  g_assert_cmpstr (course, ==, "—");
  g_assert_cmpstr (none, ==, "");
  g_assert_null (roster_audit_format_details_json (failed));

  roster_audit_csv_append_entry (csv, reveal);
  g_assert_true (g_str_has_prefix (csv->str, "\"2023-11-14T22:13:20Z\",\"key.revealed\",\"Key revealed\",\"2\",\"m.chen\",\"Ming Chen\",\"44\",\"\",\"\",\"1\",\"CS101\""));
  g_assert_true (g_str_has_suffix (csv->str, "\r\n"));
}

/* ---- the export ---- */

typedef struct
{
  guint         n_progress;
  guint         last_count;
  GCancellable *cancel_after_first;
} Progress;

static void
progress_cb (guint    n_events,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (n_events, >, progress->last_count);
  progress->last_count = n_events;
  progress->n_progress++;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}


/* Every page of a filter into one file, in pages of two; the names a
 * spreadsheet would run as formulas written as text. */
static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  RosterAuditFilter filter = { .action = "user.", .limit = 2 };
  g_autofree char *path = export_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  Progress progress = { 0 };
  guint n_events = 0;

  make_events (fixture);
  sign_in_admin (fixture);
  users = list_all (fixture, (RosterAuditFilter) { .action = "user." });

  roster_audit_export_async (fixture->client, &filter, file, progress_cb, &progress, NULL,
                             roster_app_test_result_cb, &result);
  g_assert_true (roster_audit_export_finish (roster_app_test_wait (&result), &n_events, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, g_list_model_get_n_items (users));
  g_assert_cmpuint (progress.n_progress, ==, (n_events + 1) / 2);

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\xef\xbb\xbf\"Time (UTC)\",\"Action\",\"Event\""));
  lines = g_strsplit (csv, "\r\n", -1);
  /* The header, each event, and the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, n_events + 2);
  g_assert_nonnull (strstr (csv, "\"user.created\",\"Account created\""));
  g_assert_nonnull (strstr (csv, "\"'+evil\",\"'=HYPERLINK(1) @x\""));
  g_assert_null (strstr (csv, "\"+evil\""));
  g_assert_null (strstr (csv, "\"=HYPERLINK"));
}

/* Cancelled after its first page: an error, and no file. */
static void
test_export_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  RosterAuditFilter filter = { .limit = 2 };
  g_autofree char *path = export_path (fixture);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Progress progress = { .cancel_after_first = cancellable };

  make_events (fixture);
  sign_in_admin (fixture);
  roster_audit_export_async (fixture->client, &filter, file, progress_cb, &progress, cancellable,
                             roster_app_test_result_cb, &result);
  g_assert_false (roster_audit_export_finish (roster_app_test_wait (&result), NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.n_progress, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, roster_app_fixture_set_up, func, roster_app_fixture_tear_down)

  g_test_add_func ("/audit/format", test_format);
  ADD ("/audit/client/forbidden", test_forbidden);
  ADD ("/audit/client/filters", test_filters);
  ADD ("/audit/client/time-range", test_time_range);
  ADD ("/audit/client/pages", test_pages);
  ADD ("/audit/export", test_export);
  ADD ("/audit/export/cancel", test_export_cancel);

  return g_test_run ();
}
