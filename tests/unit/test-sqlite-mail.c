/* test-sqlite-mail.c: the outbox in the SQLite driver
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-mail-storage.h"

#include "storage-fixture.h"

#define PARAMS "{\"token\":\"t\",\"first_name\":\"Ada\",\"expires_at\":1}"

static gint64
enqueue (Fixture        *fixture,
         RosterMailKind  kind,
         gint64          user_id,
         gint64          about_user_id,
         gint64          now)
{
  g_autoptr(GError) error = NULL;
  const RosterMailDraft draft = {
    .kind = kind,
    .user_id = user_id,
    .about_user_id = about_user_id,
    .recipient = "ada@example.org",
    .recipient_name = "Ada",
    .params = PARAMS,
  };
  gint64 id = roster_mail_storage_enqueue (ROSTER_MAIL_STORAGE (fixture->storage), &draft, now, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static RosterOutboxMessage *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  RosterOutboxMessage *message = roster_mail_storage_get_message (ROSTER_MAIL_STORAGE (fixture->storage), id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static guint
count (Fixture           *fixture,
       RosterOutboxState  state)
{
  g_autoptr(GError) error = NULL;
  guint n = 99;

  g_assert_true (roster_mail_storage_count (ROSTER_MAIL_STORAGE (fixture->storage), state, &n, &error));
  g_assert_no_error (error);
  return n;
}

static gint64
next_due (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  gint64 next = -1;

  g_assert_true (roster_mail_storage_next_due (ROSTER_MAIL_STORAGE (fixture->storage), &next, &error));
  g_assert_no_error (error);
  return next;
}

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  user_data)
{
  RosterMailStorage *store = ROSTER_MAIL_STORAGE (fixture->storage);
  g_autoptr(RosterOutboxMessage) fresh = NULL;
  g_autoptr(RosterOutboxMessage) retried = NULL;
  g_autoptr(RosterOutboxMessage) sent = NULL;
  g_autoptr(RosterOutboxMessage) failed = NULL;
  g_autoptr(RosterOutboxMessage) missing = NULL;
  g_autoptr(GError) error = NULL;
  gint64 user = storage_fixture_create_user (fixture->storage, "ada", "ada@example.org");
  gint64 first, second;

  g_assert_cmpint (next_due (fixture), ==, 0);

  first = enqueue (fixture, ROSTER_MAIL_RESET, user, 0, NOW);
  second = enqueue (fixture, ROSTER_MAIL_CONFIRM, 0, 0, NOW + 5);

  fresh = get (fixture, first);
  g_assert_cmpint (fresh->kind, ==, ROSTER_MAIL_RESET);
  g_assert_cmpint (fresh->user_id, ==, user);
  g_assert_cmpint (fresh->about_user_id, ==, 0);
  g_assert_cmpstr (fresh->recipient, ==, "ada@example.org");
  g_assert_cmpstr (fresh->recipient_name, ==, "Ada");
  g_assert_cmpstr (fresh->params, ==, PARAMS);
  g_assert_cmpint (fresh->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (fresh->attempts, ==, 0);
  g_assert_cmpint (fresh->created_at, ==, NOW);
  g_assert_cmpint (fresh->next_attempt_at, ==, NOW);
  g_assert_cmpint (fresh->sent_at, ==, 0);
  g_assert_null (fresh->last_error);
  g_assert_cmpint (next_due (fixture), ==, NOW);
  g_assert_cmpuint (count (fixture, ROSTER_OUTBOX_QUEUED), ==, 2);

  g_assert_true (roster_mail_storage_mark_retry (store, first, NOW + 30, "451 try later", &error));
  g_assert_no_error (error);
  retried = get (fixture, first);
  g_assert_cmpint (retried->state, ==, ROSTER_OUTBOX_QUEUED);
  g_assert_cmpint (retried->attempts, ==, 1);
  g_assert_cmpint (retried->next_attempt_at, ==, NOW + 30);
  g_assert_cmpstr (retried->last_error, ==, "451 try later");
  g_assert_cmpstr (retried->params, ==, PARAMS);
  g_assert_cmpint (next_due (fixture), ==, NOW + 5);

  /* Once out, only who it went to and when is kept. */
  g_assert_true (roster_mail_storage_mark_sent (store, first, NOW + 31, &error));
  g_assert_no_error (error);
  sent = get (fixture, first);
  g_assert_cmpint (sent->state, ==, ROSTER_OUTBOX_SENT);
  g_assert_cmpint (sent->sent_at, ==, NOW + 31);
  g_assert_null (sent->params);
  g_assert_null (sent->last_error);
  g_assert_cmpint (sent->attempts, ==, 1);

  g_assert_true (roster_mail_storage_mark_failed (store, second, "550 no such user", &error));
  g_assert_no_error (error);
  failed = get (fixture, second);
  g_assert_cmpint (failed->state, ==, ROSTER_OUTBOX_FAILED);
  g_assert_null (failed->params);
  g_assert_cmpstr (failed->last_error, ==, "550 no such user");
  g_assert_cmpint (failed->attempts, ==, 1);

  /* A row no longer queued is not changed again. */
  g_assert_true (roster_mail_storage_mark_retry (store, second, NOW + 99, "late", &error));
  g_assert_no_error (error);
  g_clear_pointer (&failed, roster_outbox_message_free);
  failed = get (fixture, second);
  g_assert_cmpint (failed->state, ==, ROSTER_OUTBOX_FAILED);
  g_assert_cmpstr (failed->last_error, ==, "550 no such user");

  g_assert_cmpint (next_due (fixture), ==, 0);
  g_assert_cmpuint (count (fixture, ROSTER_OUTBOX_QUEUED), ==, 0);
  g_assert_cmpuint (count (fixture, ROSTER_OUTBOX_SENT), ==, 1);
  g_assert_cmpuint (count (fixture, ROSTER_OUTBOX_FAILED), ==, 1);

  missing = roster_mail_storage_get_message (store, 999, &error);
  g_assert_null (missing);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
}

static void
test_claim_due (Fixture       *fixture,
                gconstpointer  user_data)
{
  RosterMailStorage *store = ROSTER_MAIL_STORAGE (fixture->storage);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) limited = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = enqueue (fixture, ROSTER_MAIL_CONFIRM, 0, 0, NOW - 100);
  gint64 b = enqueue (fixture, ROSTER_MAIL_WELCOME, 0, 0, NOW - 50);
  gint64 c = enqueue (fixture, ROSTER_MAIL_RESET, 0, 0, NOW - 10);
  gint64 d = enqueue (fixture, ROSTER_MAIL_NOTIFY_ENROLMENT, 0, 0, NOW + 10);

  /* a waits for a retry, d is not due yet, b is sent. */
  g_assert_true (roster_mail_storage_mark_retry (store, a, NOW + 60, "later", &error));
  g_assert_true (roster_mail_storage_mark_sent (store, b, NOW, &error));
  g_assert_no_error (error);

  due = roster_mail_storage_claim_due (store, NOW, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (((RosterOutboxMessage *) due->pdata[0])->id, ==, c);

  /* The oldest first, at most @limit; claiming changes nothing. */
  later = roster_mail_storage_claim_due (store, NOW + 60, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (later->len, ==, 3);
  g_assert_cmpint (((RosterOutboxMessage *) later->pdata[0])->id, ==, a);
  g_assert_cmpint (((RosterOutboxMessage *) later->pdata[1])->id, ==, c);
  g_assert_cmpint (((RosterOutboxMessage *) later->pdata[2])->id, ==, d);
  g_assert_cmpint (((RosterOutboxMessage *) later->pdata[2])->kind, ==, ROSTER_MAIL_NOTIFY_ENROLMENT);

  limited = roster_mail_storage_claim_due (store, NOW + 60, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_cmpuint (count (fixture, ROSTER_OUTBOX_QUEUED), ==, 3);
}

static char *
fake_hash (const char *email_key,
           gpointer    user_data)
{
  return g_strdup ("hash");
}

/* Erasing a person takes the mail to them and about them, in any state. */
static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  RosterMailStorage *store = ROSTER_MAIL_STORAGE (fixture->storage);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterOutboxMessage) gone = NULL;
  g_autoptr(RosterOutboxMessage) kept = NULL;
  gint64 ada = storage_fixture_create_user (fixture->storage, "ada", "ada@example.org");
  gint64 admin = storage_fixture_create_user (fixture->storage, "root", "root@example.org");
  gint64 other = storage_fixture_create_user (fixture->storage, "zoe", "zoe@example.org");
  const RosterAuditEvent audit = { .action = "user.erase", .actor_id = admin };
  gint64 to_ada = enqueue (fixture, ROSTER_MAIL_CONFIRM, ada, 0, NOW);
  gint64 sent_to_ada = enqueue (fixture, ROSTER_MAIL_WELCOME, ada, 0, NOW);
  gint64 about_ada = enqueue (fixture, ROSTER_MAIL_NOTIFY_ENROLMENT, admin, ada, NOW);
  gint64 to_zoe = enqueue (fixture, ROSTER_MAIL_RESET, other, 0, NOW);

  g_assert_true (roster_mail_storage_mark_sent (store, sent_to_ada, NOW, &error));
  g_assert_true (roster_storage_erase_user (fixture->storage, ada, fake_hash, NULL, &audit, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 3; i++)
    {
      gint64 ids[] = { to_ada, sent_to_ada, about_ada };

      gone = roster_mail_storage_get_message (store, ids[i], &error);
      g_assert_null (gone);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
      g_clear_error (&error);
    }

  kept = get (fixture, to_zoe);
  g_assert_cmpstr (kept->params, ==, PARAMS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, storage_fixture_set_up, func, storage_fixture_tear_down)
  ADD ("/sqlite/mail/lifecycle", test_lifecycle);
  ADD ("/sqlite/mail/claim-due", test_claim_due);
  ADD ("/sqlite/mail/erase", test_erase);
#undef ADD

  return g_test_run ();
}
