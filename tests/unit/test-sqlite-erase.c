/* test-sqlite-erase.c: the SQLite driver's erasure of a person and the
 * requests people make to be removed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-storage.h"

#include "storage-fixture.h"

enum {
  U_ROOT = 1,      /* the only site administrator */
  U_DNOVAK,        /* David Novák, locked, enrolled in DB101 and its group */
  U_DNOVAK2,       /* Dana Novak: a name like his, another person */
  U_ZOE,
  U_MCHEN,
  U_TAKEN,         /* holds the name D.Novak's erasure would take */

  COURSE_DB = 10,
  GROUP_A = 20,
};

#define DNOVAK_EMAIL "david.novak@mail.example"

/* With @user_data, somebody already has the name erasing D.Novak gives. */
static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autoptr(RosterDataset) dataset = roster_dataset_new ();
  g_autoptr(GError) error = NULL;
  RosterDatasetCourse course = { COURSE_DB, 0, "DB101", "Databases", ROSTER_GROUP_MODE_NONE, FALSE, NOW - 1000 };
  RosterDatasetGroup group = { GROUP_A, COURSE_DB, "Group A", NOW - 1000 };
  RosterDatasetMember member = { GROUP_A, U_DNOVAK, NOW - 900 };
  RosterDatasetEnrolment student = {
    .id = 1, .course_id = COURSE_DB, .user_id = U_DNOVAK, .role = ROSTER_ROLE_STUDENT,
    .status = ROSTER_ENROLMENT_ACTIVE, .created_at = NOW - 900,
  };
  RosterDatasetUser *row;

  storage_fixture_set_up (fixture, user_data);

  row = storage_fixture_add_user (dataset, U_ROOT, "root", "root@uni.example", "Ada", "Admin",
                                  ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  row->site_admin = TRUE;
  row = storage_fixture_add_user (dataset, U_DNOVAK, "d.novak", DNOVAK_EMAIL, "David", "Nov\xc3\xa1k",
                                  ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  row->failed_logins = 5;
  row->locked_until = G_GINT64_CONSTANT (4102444800);
  storage_fixture_add_user (dataset, U_DNOVAK2, "d.novak2", "dana@mail.example", "Dana", "Novak",
                            ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (dataset, U_ZOE, "zoe", "zoe@uni.example", "Zo\xc3\xab", "M\xc3\xbcller",
                            ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_ACTIVE);
  storage_fixture_add_user (dataset, U_MCHEN, "m.chen", "m.chen@uni.example", "\xe6\x98\x8e", "\xe9\x99\x88",
                            ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
  if (user_data != NULL)
    storage_fixture_add_user (dataset, U_TAKEN, "erased-2", "taken@uni.example", "Taken", "Name",
                              ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);

  g_array_append_val (dataset->courses, course);
  g_array_append_val (dataset->groups, group);
  g_array_append_val (dataset->members, member);
  g_array_append_val (dataset->enrolments, student);

  g_assert_true (roster_storage_load_dataset (fixture->storage, dataset, &error));
  g_assert_no_error (error);
}

/* ---- erasure ---- */

typedef struct
{
  char *key;
} HashCall;

static char *
fake_hash (const char *email_key,
           gpointer    user_data)
{
  HashCall *call = user_data;

  g_free (call->key);
  call->key = g_strdup (email_key);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, email_key, -1);
}

static guint
count_in_file (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize len = 0, n = strlen (needle);
  guint count = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return 0;
  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (contents + i, needle, n) == 0)
      count++;

  return count;
}

static guint
count_in_database (Fixture    *fixture,
                   const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return count_in_file (fixture->path, needle) + count_in_file (wal, needle);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  /* What the log may hold about him, and what it holds about others. */
  static const struct { const char *details; gboolean redacted; } notes[] = {
    { "{\"username\":\"D.NOVAK\"}", TRUE },
    { "{\"username\":\"" DNOVAK_EMAIL "\"}", TRUE },
    { "{\"note\":\"written by David Nov\xc3\xa1k today\"}", TRUE },
    { "{\"list\":[{\"name\":\"NOV\xc3\x81K\"}]}", TRUE },
    { "not JSON, but d.novak", TRUE },
    { "{\"username\":\"d.novak2\"}", FALSE },
    { "{\"group\":\"Novak Lab\"}", FALSE },
    { "{\"name\":\"David\",\"by\":\"Dana Novak\"}", TRUE },
    { "{\"course\":\"DB101\"}", FALSE },
  };
  RosterAuditEvent audit = { .actor_id = U_ROOT, .action = "user.erased" };
  RosterAuditEvent request_audit = { .actor_id = U_ROOT, .action = "removal_request.created" };
  RosterAuditEvent decline_audit = { .actor_id = U_ROOT, .action = "removal_request.declined" };
  g_autofree char *token = storage_fixture_give_token (fixture->storage, U_DNOVAK, "novak");
  g_autoptr(RosterUserDetails) details = NULL;
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(RosterRemovalRequest) declined = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GArray) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  gint64 first_request, second_request;
  HashCall call = { NULL };
  RosterRemovalQuery all = { 0, };
  gboolean erased = FALSE;
  RosterUser *user;

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    storage_fixture_append_note (fixture->storage, i % 2 ? U_DNOVAK : 0, notes[i].details);

  /* An older request he withdrew by asking again, then one that waits. */
  first_request = roster_storage_create_removal_request (fixture->storage, U_DNOVAK, "Delete David's data",
                                                         &request_audit, &error);
  g_assert_no_error (error);
  declined = roster_storage_decline_removal_request (fixture->storage, first_request, U_ROOT,
                                                     "Asked David Nov\xc3\xa1k to wait", &decline_audit, &error);
  g_assert_no_error (error);
  second_request = roster_storage_create_removal_request (fixture->storage, U_DNOVAK, "Please, David Nov\xc3\xa1k",
                                                          &request_audit, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_in_database (fixture, DNOVAK_EMAIL), >, 0);

  g_assert_true (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_no_error (error);

  /* The keyed hash of the folded address is all that is kept of it. */
  g_assert_cmpstr (call.key, ==, DNOVAK_EMAIL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, DNOVAK_EMAIL, -1);
  g_assert_true (roster_storage_is_erased_email (fixture->storage, hash, &erased, &error));
  g_assert_true (erased);
  g_assert_true (roster_storage_is_erased_email (fixture->storage, "0123456789abcdef", &erased, &error));
  g_assert_false (erased);

  details = roster_storage_get_user_details (fixture->storage, U_DNOVAK, 50, &error);
  g_assert_no_error (error);
  user = details->user;
  g_assert_cmpstr (roster_user_get_username (user), ==, "erased-2");
  g_assert_null (roster_user_get_email (user));
  g_assert_cmpstr (roster_user_get_first_name (user), ==, "");
  g_assert_cmpstr (roster_user_get_last_name (user), ==, "");
  g_assert_cmpint (roster_user_get_state (user), ==, ROSTER_USER_STATE_ERASED);
  g_assert_cmpint (roster_user_get_locked_until (user), ==, 0);
  g_assert_cmpuint (details->failed_logins, ==, 0);

  /* Enrolments and groups stay, so that counts stay true. */
  g_assert_cmpuint (details->enrolments->len, ==, 1);
  groups = roster_storage_list_user_group_ids (fixture->storage, COURSE_DB, U_DNOVAK, &error);
  g_assert_cmpuint (groups->len, ==, 1);

  /* Nobody signs in as him, by any old name or session. */
  g_assert_false (storage_fixture_token_works (fixture->storage, token));
  credentials = storage_fixture_get_credentials (fixture->storage, "d.novak");
  g_assert_null (credentials);
  credentials = storage_fixture_get_credentials (fixture->storage, DNOVAK_EMAIL);
  g_assert_null (credentials);
  credentials = storage_fixture_get_credentials (fixture->storage, "erased-2");
  g_assert_nonnull (credentials);
  g_assert_null (credentials->password_hash);

  /* The log keeps every event; what named him is redacted. */
  records = storage_fixture_list_audit (fixture->storage, 0, "test.note");
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (notes));
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, G_N_ELEMENTS (notes) - 1 - i);

      g_test_message ("note %u: %s", i, notes[i].details);
      if (notes[i].redacted)
        g_assert_cmpstr (record->details, ==, "{\"redacted\":true}");
      else
        g_assert_cmpstr (record->details, ==, notes[i].details);
    }
  g_clear_pointer (&records, g_ptr_array_unref);
  records = storage_fixture_list_audit (fixture->storage, U_DNOVAK, "user.erased");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->details, ==,
                   "{\"redacted_events\":6}");

  /* His requests are closed; their words are gone. */
  requests = roster_storage_list_removal_requests (fixture->storage, &all, &error);
  g_assert_cmpuint (requests->len, ==, 2);
  for (guint i = 0; i < requests->len; i++)
    {
      RosterRemovalRequest *request = g_ptr_array_index (requests, i);

      g_assert_null (roster_removal_request_get_reason (request));
      g_assert_null (roster_removal_request_get_decision_reason (request));
      g_assert_cmpstr (roster_removal_request_get_username (request), ==, "erased-2");
      g_assert_null (roster_removal_request_get_email (request));
      g_assert_cmpint (roster_removal_request_get_user_state (request), ==, ROSTER_USER_STATE_ERASED);
      if (roster_removal_request_get_id (request) == second_request)
        {
          g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_ERASED);
          g_assert_cmpint (roster_removal_request_get_decided_by (request), ==, U_ROOT);
          g_assert_cmpint (roster_removal_request_get_decided_at (request), >, 0);
        }
      else
        g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_DECLINED);
    }

  /* And the database's files hold none of it any more. */
  g_assert_cmpuint (count_in_database (fixture, DNOVAK_EMAIL), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "Nov\xc3\xa1k"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "NOV\xc3\x81K"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "David"), ==, 0);
  g_assert_cmpuint (count_in_database (fixture, "D.NOVAK"), ==, 0);

  g_assert_false (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (roster_storage_erase_user (fixture->storage, 999, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The last administrator is not erased. */
  g_assert_false (roster_storage_erase_user (fixture->storage, U_ROOT, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  g_free (call.key);
}

/* A failure half-way (here: the name erasure gives him is taken) keeps
 * everything as it was. */
static void
test_erase_atomic (Fixture       *fixture,
                   gconstpointer  user_data)
{
  RosterAuditEvent audit = { .actor_id = U_ROOT, .action = "user.erased" };
  g_autofree char *token = storage_fixture_give_token (fixture->storage, U_DNOVAK, "novak");
  g_autoptr(RosterCredentials) credentials = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  HashCall call = { NULL };

  storage_fixture_append_note (fixture->storage, U_DNOVAK, "{\"username\":\"d.novak\"}");

  g_assert_false (roster_storage_erase_user (fixture->storage, U_DNOVAK, fake_hash, &call, &audit, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  credentials = storage_fixture_get_credentials (fixture->storage, DNOVAK_EMAIL);
  g_assert_nonnull (credentials);
  g_assert_cmpint (credentials->state, ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_true (storage_fixture_token_works (fixture->storage, token));
  records = storage_fixture_list_audit (fixture->storage, U_DNOVAK, "test.note");
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->details, ==, "{\"username\":\"d.novak\"}");
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_DNOVAK, "user.erased"), ==, 0);

  g_free (call.key);
}

/* ---- removal requests ---- */

static void
test_removal_requests (Fixture       *fixture,
                       gconstpointer  user_data)
{
  RosterAuditEvent created = { .actor_id = U_ROOT, .action = "removal_request.created" };
  RosterAuditEvent declined_audit = { .actor_id = U_ROOT, .action = "removal_request.declined" };
  RosterAuditEvent erased_audit = { .actor_id = U_ROOT, .action = "user.erased" };
  RosterRemovalQuery pending = { .filter_status = TRUE, .status = ROSTER_REMOVAL_STATUS_PENDING };
  RosterRemovalQuery declined = { .filter_status = TRUE, .status = ROSTER_REMOVAL_STATUS_DECLINED };
  RosterRemovalQuery page = { .limit = 1 };
  g_autoptr(RosterRemovalRequest) decided = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  RosterRemovalRequest *request;
  gint64 zoe_request, chen_request, again;
  HashCall call = { NULL };

  zoe_request = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Finished", &created, &error);
  g_assert_no_error (error);
  chen_request = roster_storage_create_removal_request (fixture->storage, U_MCHEN, "", &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (chen_request, >, zoe_request);

  /* One waiting request per person. */
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Again", &created, &error);
  g_assert_cmpint (again, ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  again = roster_storage_create_removal_request (fixture->storage, 999, NULL, &created, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Audited, about the person, naming the request. */
  records = storage_fixture_list_audit (fixture->storage, U_ZOE, "removal_request.created");
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((RosterAuditRecord *) g_ptr_array_index (records, 0))->object_type, ==, "removal_request");
  g_assert_cmpint (((RosterAuditRecord *) g_ptr_array_index (records, 0))->object_id, ==, zoe_request);

  list = roster_storage_list_removal_requests (fixture->storage, &pending, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  request = g_ptr_array_index (list, 0);
  g_assert_cmpint (roster_removal_request_get_id (request), ==, zoe_request);
  g_assert_cmpint (roster_removal_request_get_user_id (request), ==, U_ZOE);
  g_assert_cmpstr (roster_removal_request_get_username (request), ==, "zoe");
  g_assert_cmpstr (roster_removal_request_get_first_name (request), ==, "Zo\xc3\xab");
  g_assert_cmpstr (roster_removal_request_get_email (request), ==, "zoe@uni.example");
  g_assert_cmpstr (roster_removal_request_get_reason (request), ==, "Finished");
  g_assert_cmpint (roster_removal_request_get_requested_at (request), >, 0);
  g_assert_cmpint (roster_removal_request_get_status (request), ==, ROSTER_REMOVAL_STATUS_PENDING);
  /* An empty reason is no reason. */
  g_assert_null (roster_removal_request_get_reason (g_ptr_array_index (list, 1)));
  g_clear_pointer (&list, g_ptr_array_unref);

  list = roster_storage_list_removal_requests (fixture->storage, &page, &error);
  g_assert_cmpuint (list->len, ==, 1);
  page.after_id = roster_removal_request_get_id (g_ptr_array_index (list, 0));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = roster_storage_list_removal_requests (fixture->storage, &page, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (roster_removal_request_get_id (g_ptr_array_index (list, 0)), ==, chen_request);
  g_clear_pointer (&list, g_ptr_array_unref);

  decided = roster_storage_decline_removal_request (fixture->storage, zoe_request, U_ROOT, "Exams first",
                                                    &declined_audit, &error);
  g_assert_no_error (error);
  g_assert_cmpint (roster_removal_request_get_status (decided), ==, ROSTER_REMOVAL_STATUS_DECLINED);
  g_assert_cmpint (roster_removal_request_get_decided_by (decided), ==, U_ROOT);
  g_assert_cmpstr (roster_removal_request_get_decision_reason (decided), ==, "Exams first");
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "removal_request.declined"), ==, 1);
  g_clear_object (&decided);

  decided = roster_storage_decline_removal_request (fixture->storage, zoe_request, U_ROOT, NULL,
                                                    &declined_audit, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  decided = roster_storage_decline_removal_request (fixture->storage, 999, U_ROOT, NULL, &declined_audit, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (storage_fixture_count_audit (fixture->storage, U_ZOE, "removal_request.declined"), ==, 1);

  list = roster_storage_list_removal_requests (fixture->storage, &declined, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Once declined, a person may ask again; once erased, not. */
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, "Now?", &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, >, 0);
  g_assert_true (roster_storage_erase_user (fixture->storage, U_ZOE, fake_hash, &call, &erased_audit, &error));
  again = roster_storage_create_removal_request (fixture->storage, U_ZOE, NULL, &created, &error);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);

  g_free (call.key);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, set_up, func, storage_fixture_tear_down)

  ADD ("/sqlite-admin/erase", test_erase, NULL);
  ADD ("/sqlite-admin/erase-atomic", test_erase_atomic, "taken name");
  ADD ("/sqlite-admin/removal-requests", test_removal_requests, NULL);

#undef ADD

  return g_test_run ();
}
