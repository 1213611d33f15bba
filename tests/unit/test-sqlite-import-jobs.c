/* test-sqlite-import-jobs.c: a course's import jobs, newest first, and
 * the invitations an import session queues, in the SQLite driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "roster-error.h"
#include "roster-import-storage.h"

#include "storage-fixture.h"

#define DB101 1
#define HIS200 2
#define LENA 10

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse courses[] = {
    { DB101, 0, "DB101", "Databases", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 },
    { HIS200, 0, "HIS200", "History", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 },
  };

  storage_fixture_set_up (fixture, user_data);
  storage_fixture_add_user (dataset, LENA, "lena", "lena@uni.example", "Lena", "Lang", ROSTER_USER_TYPE_STAFF,
                            ROSTER_USER_STATE_ACTIVE);
  g_array_append_vals (dataset->courses, courses, G_N_ELEMENTS (courses));
  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static gint64
create_job (Fixture *fixture,
            gint64   course_id)
{
  g_autoptr(GError) error = NULL;
  RosterImportJob job = { .course_id = course_id, .created_by = LENA, .file_name = (char *) "people.csv",
                          .options = (char *) "{}" };
  RosterAuditEvent audit = { .actor_id = LENA, .action = "import.started", .course_id = course_id,
                             .object_type = "import" };
  gint64 id = roster_import_storage_create_job (ROSTER_IMPORT_STORAGE (fixture->storage), &job, &audit, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GPtrArray *
list_jobs (Fixture *fixture,
           gint64   course_id,
           gint64   before_id,
           guint    limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *jobs = roster_import_storage_list_jobs (ROSTER_IMPORT_STORAGE (fixture->storage), course_id, before_id,
                                                     limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jobs);
  return jobs;
}

static void
test_list_jobs (Fixture       *fixture,
                gconstpointer  user_data)
{
  gint64 first = create_job (fixture, DB101);
  gint64 other = create_job (fixture, HIS200);
  gint64 second = create_job (fixture, DB101);
  gint64 third = create_job (fixture, DB101);
  g_autoptr(GPtrArray) page = list_jobs (fixture, DB101, 0, 2);
  g_autoptr(GPtrArray) rest = list_jobs (fixture, DB101, second, 2);
  g_autoptr(GPtrArray) history = list_jobs (fixture, HIS200, 0, 20);
  g_autoptr(GPtrArray) none = list_jobs (fixture, DB101, first, 20);
  RosterImportJob *job;

  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((RosterImportJob *) page->pdata[0])->id, ==, third);
  g_assert_cmpint (((RosterImportJob *) page->pdata[1])->id, ==, second);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpint (((RosterImportJob *) rest->pdata[0])->id, ==, first);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (((RosterImportJob *) history->pdata[0])->id, ==, other);
  g_assert_cmpuint (none->len, ==, 0);

  /* Each as GET /imports/{iid} reads it. */
  job = page->pdata[0];
  g_assert_cmpint (job->course_id, ==, DB101);
  g_assert_cmpint (job->created_by, ==, LENA);
  g_assert_cmpint (job->state, ==, ROSTER_IMPORT_STATE_QUEUED);
  g_assert_cmpstr (job->file_name, ==, "people.csv");
  g_assert_cmpstr (job->options, ==, "{}");
}

static gboolean
request_cancel (Fixture *fixture,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  RosterAuditEvent audit = { .actor_id = LENA, .action = "import.cancelled", .course_id = DB101,
                             .object_type = "import", .object_id = id };
  gboolean requested = TRUE;

  g_assert_true (roster_import_storage_request_cancel (ROSTER_IMPORT_STORAGE (fixture->storage), id, &audit,
                                                       &requested, &error));
  g_assert_no_error (error);
  return requested;
}

static gboolean
save_progress (Fixture *fixture,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  gboolean cancel_requested = TRUE;

  g_assert_true (roster_import_storage_save_progress (ROSTER_IMPORT_STORAGE (fixture->storage), id, 10, 4, TRUE,
                                                      &cancel_requested, &error));
  g_assert_no_error (error);
  return cancel_requested;
}

static void
set_state (Fixture           *fixture,
           gint64             id,
           RosterImportState  state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterImportJob) job = roster_import_storage_get_job (ROSTER_IMPORT_STORAGE (fixture->storage), id,
                                                                  &error);

  g_assert_no_error (error);
  job->state = state;
  g_assert_true (roster_import_storage_update_job (ROSTER_IMPORT_STORAGE (fixture->storage), job, &error));
  g_assert_no_error (error);
}

/* A request to cancel reaches a queued or running job (with its event),
 * which reads it as it saves its progress; an ended one is not asked.
 * SQLite's one server shows progress from memory: it is not saved. */
static void
test_request_cancel (Fixture       *fixture,
                     gconstpointer  user_data)
{
  gint64 queued = create_job (fixture, DB101);
  gint64 running = create_job (fixture, DB101);
  gint64 ended = create_job (fixture, DB101);
  g_autoptr(RosterImportJob) job = NULL;
  g_autoptr(GError) error = NULL;

  set_state (fixture, running, ROSTER_IMPORT_STATE_RUNNING);
  set_state (fixture, ended, ROSTER_IMPORT_STATE_DONE);

  g_assert_false (save_progress (fixture, running));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM import_jobs WHERE cancel_requested = 1"), ==, 0);

  g_assert_true (request_cancel (fixture, queued));
  g_assert_true (request_cancel (fixture, running));
  g_assert_false (request_cancel (fixture, ended));
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "import.cancelled"), ==, 2);

  g_assert_true (save_progress (fixture, running));
  g_assert_cmpint (query_int (fixture, "SELECT rows_done FROM import_jobs WHERE id = 2"), ==, 0);
  job = roster_import_storage_get_job (ROSTER_IMPORT_STORAGE (fixture->storage), queued, &error);
  g_assert_no_error (error);
  g_assert_true (job->cancel_requested);
  g_assert_false (job->importing);

  set_state (fixture, running, ROSTER_IMPORT_STATE_CANCELLED);
  g_assert_false (request_cancel (fixture, running));
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "import.cancelled"), ==, 2);
}

/* Writes one new account and its invitation, then commits or not. */
static void
invite_one (Fixture  *fixture,
            gboolean  commit)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (fixture->storage);
  g_autoptr(GError) error = NULL;
  RosterImportSession *session = roster_import_storage_begin (store, TRUE, &error);
  RosterNewUser user = { .username = "ana", .email = "ana@partner.example", .first_name = "Ana",
                         .last_name = "Silva", .type = ROSTER_USER_TYPE_EXTERNAL,
                         .state = ROSTER_USER_STATE_ACTIVE };
  RosterAuditEvent created = { .actor_id = LENA, .action = "user.created", .object_type = "user" };
  RosterAuditEvent invited = { .actor_id = LENA, .action = "user.invited", .course_id = DB101, .object_type = "user" };
  RosterMailToken token = { "hash-of-the-token", NOW + 14 * 24 * 3600 };
  RosterMailDraft draft = { .kind = ROSTER_MAIL_INVITE, .recipient = "ana@partner.example",
                            .recipient_name = "Ana Silva", .params = "{\"token\":\"t\"}" };
  gint64 id;

  g_assert_no_error (error);
  id = roster_import_storage_create_user (store, session, &user, NULL, &created, &error);
  g_assert_no_error (error);
  g_assert_true (roster_import_storage_invite (store, session, id, &token, &draft, &invited, &error));
  g_assert_no_error (error);
  g_assert_true (roster_import_storage_end (store, session, commit, &error));
  g_assert_no_error (error);
}

static void
test_invite (Fixture       *fixture,
             gconstpointer  user_data)
{
  /* Rolled back with the import: no link, no mail, no trace. */
  invite_one (fixture, FALSE);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens"), ==, 0);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "user.invited"), ==, 0);

  invite_one (fixture, TRUE);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox WHERE kind = 'invite'"
                                       " AND recipient = 'ana@partner.example' AND state = 'queued'"
                                       " AND user_id = (SELECT id FROM users WHERE username = 'ana')"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_tokens WHERE purpose = 'reset'"
                                       " AND token_hash = 'hash-of-the-token'"
                                       " AND user_id = (SELECT id FROM users WHERE username = 'ana')"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT expires_at FROM mail_tokens"), ==, NOW + 14 * 24 * 3600);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, 0, "user.invited"), ==, 1);
}

/* A dry run's session cannot queue mail. */
static void
test_invite_read_only (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (fixture->storage);
  g_autoptr(GError) error = NULL;
  RosterImportSession *session = roster_import_storage_begin (store, FALSE, &error);
  RosterMailToken token = { "hash", NOW + 60 };
  RosterMailDraft draft = { .kind = ROSTER_MAIL_INVITE, .recipient = "lena@uni.example", .params = "{}" };

  g_assert_no_error (error);
  g_assert_false (roster_import_storage_invite (store, session, LENA, &token, &draft, NULL, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
  g_clear_error (&error);
  g_assert_true (roster_import_storage_end (store, session, FALSE, &error));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM mail_outbox"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sqlite/import-jobs/list", Fixture, NULL, set_up, test_list_jobs, storage_fixture_tear_down);
  g_test_add ("/sqlite/import-jobs/request-cancel", Fixture, NULL, set_up, test_request_cancel,
              storage_fixture_tear_down);
  g_test_add ("/sqlite/import-jobs/invite", Fixture, NULL, set_up, test_invite, storage_fixture_tear_down);
  g_test_add ("/sqlite/import-jobs/invite-read-only", Fixture, NULL, set_up, test_invite_read_only,
              storage_fixture_tear_down);

  return g_test_run ();
}
