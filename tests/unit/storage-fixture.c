/* storage-fixture.c: what the SQLite storage tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "roster-sqlite-storage.h"

#include "storage-fixture.h"

void
storage_fixture_set_up (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("roster-test-storage-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "roster.db", NULL);

  fixture->storage = roster_storage_open (fixture->path, 2, &error);
  g_assert_no_error (error);
  g_assert_true (ROSTER_IS_SQLITE_STORAGE (fixture->storage));
}

void
storage_fixture_tear_down (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (fixture->storage != NULL)
    g_assert_finalize_object (g_steal_pointer (&fixture->storage));

  /* The database, and whatever -wal and -shm files SQLite left. */
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_free (fixture->path);
  g_free (fixture->dir);
}

void
storage_fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (g_steal_pointer (&fixture->storage));
  fixture->storage = roster_storage_open (fixture->path, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->storage);
}

/* ---- helpers ---- */

RosterDatasetUser *
storage_fixture_add_user (RosterDataset   *dataset,
                          gint64           id,
                          const char      *username,
                          const char      *email,
                          const char      *first_name,
                          const char      *last_name,
                          RosterUserType   type,
                          RosterUserState  state)
{
  RosterDatasetUser row = {
    .id = id,
    .username = roster_dataset_intern (dataset, username),
    .email = roster_dataset_intern (dataset, email),
    .first_name = roster_dataset_intern (dataset, first_name),
    .last_name = roster_dataset_intern (dataset, last_name),
    .type = type,
    .state = state,
    .password_hash = HASH,
    .created_at = NOW - 1000,
  };

  g_array_append_val (dataset->users, row);
  return &g_array_index (dataset->users, RosterDatasetUser, dataset->users->len - 1);
}

gint64
storage_fixture_count_users (RosterStorage *storage)
{
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_assert_true (roster_storage_count_users (storage, &count, &error));
  g_assert_no_error (error);
  return count;
}

gint64
storage_fixture_create_user (RosterStorage *storage,
                             const char    *username,
                             const char    *email)
{
  g_autoptr(GError) error = NULL;
  const RosterNewUser user = {
    .username = username,
    .email = email,
    .first_name = "First",
    .last_name = "Last",
    .type = ROSTER_USER_TYPE_STAFF,
    .state = ROSTER_USER_STATE_ACTIVE,
    .password_hash = HASH,
  };
  const RosterAuditEvent audit = { .action = "user.create" };
  gint64 id = roster_storage_create_user (storage, &user, &audit, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

GPtrArray *
storage_fixture_list_audit (RosterStorage *storage,
                            gint64         user_id,
                            const char    *action)
{
  g_autoptr(GError) error = NULL;
  const RosterAuditQuery query = { .user_id = user_id, .action = action };
  GPtrArray *records = roster_storage_list_audit (storage, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

guint
storage_fixture_count_audit (RosterStorage *storage,
                             gint64         user_id,
                             const char    *action)
{
  g_autoptr(GPtrArray) records = storage_fixture_list_audit (storage, user_id, action);

  return records->len;
}

void
storage_fixture_append_note (RosterStorage *storage,
                             gint64         target_user_id,
                             const char    *details)
{
  g_autoptr(GError) error = NULL;
  const RosterAuditEvent audit = { .action = "test.note", .target_user_id = target_user_id, .details = details };

  g_assert_true (roster_storage_append_audit (storage, &audit, &error));
  g_assert_no_error (error);
}

RosterCredentials *
storage_fixture_get_credentials (RosterStorage *storage,
                                 const char    *username)
{
  g_autoptr(GError) error = NULL;
  RosterCredentials *credentials = roster_storage_get_credentials (storage, username, &error);

  g_assert_no_error (error);
  return credentials;
}

char *
storage_fixture_give_token (RosterStorage *storage,
                            gint64         user_id,
                            const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *hash = g_strdup_printf ("token-hash-%s", name);

  g_assert_true (roster_storage_record_login_success (storage, user_id, hash, NOW, G_MAXINT64 / 2, NULL, &error));
  g_assert_no_error (error);
  return hash;
}

gboolean
storage_fixture_token_works (RosterStorage *storage,
                             const char    *hash)
{
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GError) error = NULL;
  gboolean expired = FALSE;

  user = roster_storage_lookup_token (storage, hash, NOW, &expired, &error);
  g_assert_no_error (error);
  return user != NULL;
}
