/* test-sqlite-keys.c: the SQLite driver of RosterStorage: the keys of
 * self-enrolment methods, and what the database files keep of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "methods-dataset.h"

static void
test_list_keys (MethodsFixture *fixture,
                gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = roster_storage_list_keys (storage, CS_SELF, &error);
  g_autoptr(GPtrArray) none = roster_storage_list_keys (storage, CS_SELF2, &error);
  RosterKey *one, *two;

  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpuint (none->len, ==, 0);

  one = g_ptr_array_index (keys, 0);
  two = g_ptr_array_index (keys, 1);
  g_assert_cmpint (roster_key_get_id (one), ==, KEY_ONE);
  g_assert_cmpint (roster_key_get_course_id (one), ==, CS);
  g_assert_cmpint (roster_key_get_method_id (one), ==, CS_SELF);
  g_assert_cmpstr (roster_key_get_nickname (one), ==, "K1");
  g_assert_true (roster_key_get_active (one));
  g_assert_false (roster_key_get_active (two));
  g_assert_cmpint (roster_key_get_created_by_id (one), ==, ALICE);
  g_assert_cmpstr (roster_key_get_created_by_username (one), ==, "alice");
  /* The latest enrolment through the key: Carol's. */
  g_assert_cmpint (roster_key_get_last_used_at (one), ==, NOW - 50);
  g_assert_cmpint (roster_key_get_last_used_at (two), ==, 0);
  g_assert_cmpint (roster_key_get_group_id (one), ==, 0);
}

/* A new key of @method_id with @secret; returns its id, or 0 and @error. */
static gint64
create_key (MethodsFixture  *fixture,
            gint64           method_id,
            const char      *nickname,
            const char      *secret,
            gint64           group_id,
            GError         **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *lookup = NULL;
  RosterAuditEvent event = audit ("key.created", CS);
  RosterNewKey key = {
    .method_id = method_id, .nickname = nickname, .active = TRUE, .group_id = group_id,
    .max_uses = 5, .expires_at = NOW + 3600, .created_by = BOB,
  };

  g_assert_true (roster_keys_seal (fixture->box, secret, &sealed, &lookup, NULL));
  key.secret_sealed = sealed;
  key.secret_lookup = lookup;

  return roster_storage_create_key (fixture->base.storage, &key, &event, error);
}

static void
test_create_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;
  gint64 id;

  id = create_key (fixture, CS_SELF, "Partners", "K7QM-2XPA-TW9R", CS_GROUP, &error);
  g_assert_no_error (error);
  key = roster_storage_get_key (storage, id, &error);
  g_assert_nonnull (key);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Partners");
  g_assert_cmpint (roster_key_get_group_id (key), ==, CS_GROUP);
  g_assert_cmpstr (roster_key_get_group_name (key), ==, "Group A");
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 5);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, NOW + 3600);
  g_assert_cmpint (roster_key_get_uses (key), ==, 0);
  g_assert_cmpstr (roster_key_get_created_by_username (key), ==, "bob");

  record = last_audit (storage, "key.created");
  g_assert_cmpint (record->object_id, ==, id);

  /* A group of another course. */
  g_assert_cmpint (create_key (fixture, CS_SELF, "Seminar", "SEMINAR-KEY-1", HIST_GROUP, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);

  /* Keys are for self methods only. */
  g_assert_cmpint (create_key (fixture, CS_MANUAL, "Manual", "MANUAL-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_cmpint (create_key (fixture, 999, "Nowhere", "NOWHERE-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A nickname once per method; in another method it is fine. */
  g_assert_cmpint (create_key (fixture, CS_SELF, "K1", "ANOTHER-KEY-1", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (create_key (fixture, CS_SELF2, "K1", "ANOTHER-KEY-1", 0, &error), >, 0);
  g_assert_no_error (error);

  g_assert_cmpuint (count_audit (storage, "key.created"), ==, 2);
}

static void
test_create_key_clash (MethodsFixture *fixture,
                       gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterMethod) hist_self = roster_method_new_for_type (ROSTER_METHOD_SELF);
  RosterAuditEvent event = audit ("method.created", HIST);
  gint64 hist_self_id;

  roster_method_set_course_id (hist_self, HIST);
  roster_method_set_sort_order (hist_self, G_MAXINT64);
  hist_self_id = roster_storage_create_method (storage, hist_self, &event, &error);
  g_assert_no_error (error);

  /* The same secret typed another way, in another course: refused with
   * words that give nothing away about where it is used. */
  g_assert_cmpint (create_key (fixture, hist_self_id, "Mine", " alpha 1234\u2013xyz ", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "This key cannot be used; choose another.");
  g_clear_error (&error);

  /* Deactivated keys count too: reactivating one must not clash. */
  g_assert_cmpint (create_key (fixture, CS_SELF2, "Again", "bravo5678qrs", 0, &error), ==, 0);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (storage, "key.created"), ==, 0);
}

static gboolean
update_key (MethodsFixture        *fixture,
            gint64                 key_id,
            const RosterKeyPatch  *patch,
            GError               **error)
{
  RosterAuditEvent updated = audit ("key.updated", CS);
  RosterAuditEvent regenerated = audit ("key.regenerated", CS);

  return roster_storage_update_key (fixture->base.storage, key_id, patch, &updated, &regenerated, error);
}

static char *
reveal (MethodsFixture *fixture,
        gint64          key_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  RosterAuditEvent event = audit ("key.revealed", CS);
  char *secret;

  sealed = roster_storage_reveal_key (fixture->base.storage, key_id, &event, &error);
  g_assert_no_error (error);
  secret = roster_secret_box_decrypt (fixture->box, sealed, &error);
  g_assert_no_error (error);

  return secret;
}

/* A batch of new keys of CS_SELF, one a secret; they hold the sealed
 * secrets, which @sealed and @lookups keep. */
static RosterNewKey *
new_keys (MethodsFixture     *fixture,
          const char * const *nicknames,
          const char * const *secrets,
          guint               n,
          GPtrArray          *sealed,
          GPtrArray          *lookups)
{
  RosterNewKey *keys = g_new0 (RosterNewKey, n);

  for (guint i = 0; i < n; i++)
    {
      GBytes *bytes = NULL;
      char *lookup = NULL;

      g_assert_true (roster_keys_seal (fixture->box, secrets[i], &bytes, &lookup, NULL));
      g_ptr_array_add (sealed, bytes);
      g_ptr_array_add (lookups, lookup);
      keys[i] = (RosterNewKey) {
        .method_id = CS_SELF, .nickname = nicknames[i], .secret_sealed = bytes, .secret_lookup = lookup,
        .active = i % 2 == 0, .group_id = i == 1 ? CS_GROUP : 0, .max_uses = i, .created_by = BOB,
      };
    }

  return keys;
}

static guint
count_keys (RosterStorage *storage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = roster_storage_list_keys (storage, CS_SELF, &error);

  g_assert_no_error (error);
  return keys->len;
}

static void
test_create_keys (MethodsFixture *fixture,
                  gconstpointer   data)
{
  static const char * const nicknames[] = { "Batch 1", "Batch 2", "Batch 3" };
  static const char * const secrets[] = { "BATCH-ONE-1111", "BATCH-TWO-2222", "BATCH-THREE-3333" };
  static const char * const details[] = { "{\"line\":2}", "{\"line\":3}", "{\"line\":4}" };
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) lookups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree RosterNewKey *keys = new_keys (fixture, nicknames, secrets, 3, sealed, lookups);
  RosterAuditEvent event = audit ("key.created", CS);
  gint64 ids[3] = { 0, };

  event.object_type = "key";
  g_assert_true (roster_storage_create_keys (storage, keys, 3, &event, details, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_keys (storage), ==, 5);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(RosterKey) key = roster_storage_get_key (storage, ids[i], &error);
      g_autofree char *secret = reveal (fixture, ids[i]);

      g_assert_no_error (error);
      g_assert_cmpstr (roster_key_get_nickname (key), ==, nicknames[i]);
      g_assert_cmpint (roster_key_get_active (key), ==, i % 2 == 0);
      g_assert_cmpint (roster_key_get_group_id (key), ==, i == 1 ? CS_GROUP : 0);
      g_assert_cmpint (roster_key_get_max_uses (key), ==, i);
      g_assert_cmpstr (secret, ==, secrets[i]);
    }

  /* One record each, newest first, with the key's id and own details. */
  records = storage_fixture_list_audit (storage, ALICE, "key.created");
  g_assert_cmpuint (records->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      RosterAuditRecord *record = g_ptr_array_index (records, 2 - i);

      g_assert_cmpint (record->object_id, ==, ids[i]);
      g_assert_cmpstr (record->details, ==, details[i]);
    }
}

static void
test_create_keys_all_or_nothing (MethodsFixture *fixture,
                                 gconstpointer   data)
{
  static const char * const twice[] = { "Batch 1", "Batch 1" };
  static const char * const taken[] = { "Fresh", "K1" };
  static const char * const secrets[] = { "BATCH-ONE-1111", "BATCH-TWO-2222" };
  static const char * const same_secret[] = { "BATCH-ONE-1111", "batch one 1111" };
  static const char * const used_secret[] = { "BATCH-ONE-1111", KEY_ONE_SECRET };
  struct {
    const char * const *nicknames;
    const char * const *secrets;
  } cases[] = {
    { twice, secrets }, { taken, secrets }, { secrets, same_secret }, { secrets, used_secret },
  };
  RosterStorage *storage = fixture->base.storage;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_autoptr(GPtrArray) lookups = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autofree RosterNewKey *keys = new_keys (fixture, cases[c].nicknames, cases[c].secrets, 2, sealed, lookups);
      RosterAuditEvent event = audit ("key.created", CS);
      gint64 ids[2] = { 0, };

      g_test_message ("case %u", c);
      g_assert_false (roster_storage_create_keys (storage, keys, 2, &event, NULL, ids, &error));
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
      g_assert_cmpuint (count_keys (storage), ==, 2);
      g_assert_cmpuint (count_audit (storage, "key.created"), ==, 0);
    }

  /* A group of another course undoes the keys before it too. */
  {
    g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    g_autoptr(GPtrArray) lookups = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GError) error = NULL;
    g_autofree RosterNewKey *keys = new_keys (fixture, taken, secrets, 2, sealed, lookups);
    RosterAuditEvent event = audit ("key.created", CS);
    gint64 ids[2] = { 0, };

    keys[1].nickname = "Fresh too";
    keys[1].group_id = HIST_GROUP;
    g_assert_false (roster_storage_create_keys (storage, keys, 2, &event, NULL, ids, &error));
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    g_assert_cmpuint (count_keys (storage), ==, 2);
  }
}

static void
test_find_key_secrets (MethodsFixture *fixture,
                       gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *one = roster_keys_lookup_hash (fixture->box, "alpha 1234 xyz");
  g_autofree char *two = roster_keys_lookup_hash (fixture->box, "BRAVO-5678-QRS");
  g_autofree char *free_one = roster_keys_lookup_hash (fixture->box, "NOBODY-HAS-THIS");
  const char *lookups[] = { one, free_one, two };
  gboolean in_use[3] = { FALSE, TRUE, FALSE };

  /* The inactive key's secret is in use too. */
  g_assert_true (roster_storage_find_key_secrets (fixture->base.storage, lookups, 3, in_use, &error));
  g_assert_no_error (error);
  g_assert_true (in_use[0]);
  g_assert_false (in_use[1]);
  g_assert_true (in_use[2]);
}

static void
test_update_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *secret = NULL;
  RosterKeyPatch settings = {
    .fields = ROSTER_KEY_FIELD_NICKNAME | ROSTER_KEY_FIELD_ACTIVE | ROSTER_KEY_FIELD_GROUP |
              ROSTER_KEY_FIELD_EXPIRES_AT | ROSTER_KEY_FIELD_MAX_USES,
    .nickname = "Renamed", .active = FALSE, .group_id = CS_GROUP, .expires_at = NOW + 60, .max_uses = 3,
  };
  RosterKeyPatch clear = { .fields = ROSTER_KEY_FIELD_GROUP | ROSTER_KEY_FIELD_EXPIRES_AT, };
  RosterKeyPatch taken = { .fields = ROSTER_KEY_FIELD_NICKNAME, .nickname = "K2" };
  RosterKeyPatch foreign = { .fields = ROSTER_KEY_FIELD_GROUP, .group_id = HIST_GROUP };
  RosterKeyPatch regenerate = { .fields = ROSTER_KEY_FIELD_SECRET };

  g_assert_true (update_key (fixture, KEY_ONE, &settings, &error));
  g_assert_no_error (error);
  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Renamed");
  g_assert_false (roster_key_get_active (key));
  g_assert_cmpint (roster_key_get_group_id (key), ==, CS_GROUP);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, NOW + 60);
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 3);
  g_clear_object (&key);

  g_assert_true (update_key (fixture, KEY_ONE, &clear, &error));
  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_cmpint (roster_key_get_group_id (key), ==, 0);
  g_assert_cmpint (roster_key_get_expires_at (key), ==, 0);
  g_assert_cmpstr (roster_key_get_nickname (key), ==, "Renamed");
  g_assert_cmpint (roster_key_get_max_uses (key), ==, 3);

  g_assert_false (update_key (fixture, KEY_ONE, &taken, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (update_key (fixture, KEY_ONE, &foreign, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_clear_error (&error);
  g_assert_false (update_key (fixture, 999, &clear, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpuint (count_audit (storage, "key.updated"), ==, 2);
  g_assert_cmpuint (count_audit (storage, "key.regenerated"), ==, 0);

  /* A new secret: the old one is gone, the new one comes out. */
  g_assert_true (roster_keys_seal (fixture->box, "NEW-SECRET-4242", &sealed, &lookup, NULL));
  regenerate.secret_sealed = sealed;
  regenerate.secret_lookup = lookup;
  g_assert_true (update_key (fixture, KEY_ONE, &regenerate, &error));
  g_assert_no_error (error);
  secret = reveal (fixture, KEY_ONE);
  g_assert_cmpstr (secret, ==, "NEW-SECRET-4242");
  g_assert_cmpuint (count_audit (storage, "key.regenerated"), ==, 1);
  g_assert_cmpuint (count_audit (storage, "key.updated"), ==, 2);

  /* Another key cannot take it. */
  g_assert_false (update_key (fixture, KEY_TWO, &regenerate, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT);
}

static void
test_delete_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  RosterAuditEvent event = audit ("key.deleted", CS);

  g_assert_true (roster_storage_delete_key (storage, KEY_ONE, &event, &error));
  g_assert_no_error (error);

  key = roster_storage_get_key (storage, KEY_ONE, &error);
  g_assert_null (key);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bob and Carol stay enrolled, and their enrolments keep the
   * nickname of the key they used. */
  g_assert_cmpint (query_int (&fixture->base,
                              "SELECT count(*) FROM enrolments WHERE key_nickname = 'K1' AND key_id IS NULL"
                              " AND method_id = 101"), ==, 2);

  /* Nothing left to reveal. */
  {
    RosterAuditEvent reveal_event = audit ("key.revealed", CS);

    sealed = roster_storage_reveal_key (storage, KEY_ONE, &reveal_event, &error);
    g_assert_null (sealed);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_assert_false (roster_storage_delete_key (storage, KEY_ONE, &event, &error));
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_NOT_FOUND);

  g_assert_cmpuint (count_audit (storage, "key.deleted"), ==, 1);
  g_assert_cmpuint (count_audit (storage, "key.revealed"), ==, 0);
}

static void
test_reveal_key (MethodsFixture *fixture,
                 gconstpointer   data)
{
  RosterStorage *storage = fixture->base.storage;
  g_autofree char *secret = NULL;
  g_autoptr(RosterAuditRecord) record = NULL;

  secret = reveal (fixture, KEY_ONE);
  g_assert_cmpstr (secret, ==, KEY_ONE_SECRET);

  record = last_audit (storage, "key.revealed");
  g_assert_cmpint (record->actor_id, ==, ALICE);
  g_assert_cmpint (record->course_id, ==, CS);
}

static gboolean
file_contains (const char   *path,
               const guint8 *needle,
               gsize         needle_len)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL))
    return FALSE;
  return memmem (contents, len, needle, needle_len) != NULL;
}

static gboolean
database_contains (Fixture      *fixture,
                   const guint8 *needle,
                   gsize         needle_len)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return file_contains (fixture->path, needle, needle_len) || file_contains (wal, needle, needle_len);
}

/* The sealed secret of @key_id, as the database holds it. */
static guint8 *
read_sealed (MethodsFixture *fixture,
             gint64          key_id,
             gsize          *len)
{
  sqlite3 *db = open_raw (&fixture->base);
  sqlite3_stmt *stmt = NULL;
  guint8 *blob;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT secret_sealed FROM enrol_keys WHERE id = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, key_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *len = sqlite3_column_bytes (stmt, 0);
  blob = g_memdup2 (sqlite3_column_blob (stmt, 0), *len);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return blob;
}

/* The database files hold no secret in any form, and a deleted key's
 * sealed secret is gone from them too (overwritten, WAL emptied). */
static void
test_secret_at_rest (MethodsFixture *fixture,
                     gconstpointer   data)
{
  static const char secret[] = "ZEBRA-QUARTZ-8812-PLUM";
  static const char marker[] = "Marker nickname 7731";
  RosterAuditEvent event = audit ("key.deleted", CS);
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *blob = NULL;
  gsize blob_len;
  gint64 id;

  id = create_key (fixture, CS_SELF, marker, secret, 0, &error);
  g_assert_no_error (error);

  /* The search works: the nickname is there, in the clear. */
  g_assert_true (database_contains (&fixture->base, (const guint8 *) marker, strlen (marker)));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) secret, strlen (secret)));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) "ZEBRAQUARTZ8812PLUM", 19));
  g_assert_false (database_contains (&fixture->base, (const guint8 *) KEY_ONE_SECRET, strlen (KEY_ONE_SECRET)));

  blob = read_sealed (fixture, id, &blob_len);
  g_assert_true (database_contains (&fixture->base, blob, blob_len));

  g_assert_true (roster_storage_delete_key (fixture->base.storage, id, &event, &error));
  g_assert_no_error (error);
  g_assert_false (database_contains (&fixture->base, blob, blob_len));
}

/* A secret replaced in the same change as the key's group is gone from
 * the files too: the group check, which finds a row, must not leave its
 * statement holding a snapshot that keeps the checkpoint from running. */
static void
test_regenerated_at_rest (MethodsFixture *fixture,
                          gconstpointer   data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *lookup = NULL;
  g_autofree guint8 *blob = NULL;
  RosterKeyPatch patch = { .fields = ROSTER_KEY_FIELD_GROUP | ROSTER_KEY_FIELD_SECRET, .group_id = CS_GROUP };
  gsize blob_len;
  gint64 id;

  id = create_key (fixture, CS_SELF, "Regenerated", "OLD-SECRET-5150", 0, &error);
  g_assert_no_error (error);
  blob = read_sealed (fixture, id, &blob_len);
  g_assert_true (database_contains (&fixture->base, blob, blob_len));

  g_assert_true (roster_keys_seal (fixture->box, "NEW-SECRET-5151", &sealed, &lookup, NULL));
  patch.secret_sealed = sealed;
  patch.secret_lookup = lookup;
  g_assert_true (update_key (fixture, id, &patch, &error));
  g_assert_no_error (error);

  g_assert_false (database_contains (&fixture->base, blob, blob_len));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, MethodsFixture, NULL, set_up, func, tear_down)

  ADD ("/sqlite/keys/list", test_list_keys);
  ADD ("/sqlite/keys/create", test_create_key);
  ADD ("/sqlite/keys/create-clash", test_create_key_clash);
  ADD ("/sqlite/keys/create-many", test_create_keys);
  ADD ("/sqlite/keys/create-many-all-or-nothing", test_create_keys_all_or_nothing);
  ADD ("/sqlite/keys/find-secrets", test_find_key_secrets);
  ADD ("/sqlite/keys/update", test_update_key);
  ADD ("/sqlite/keys/delete", test_delete_key);
  ADD ("/sqlite/keys/reveal", test_reveal_key);
  ADD ("/sqlite/keys/secret-at-rest", test_secret_at_rest);
  ADD ("/sqlite/keys/regenerated-at-rest", test_regenerated_at_rest);

#undef ADD

  return g_test_run ();
}
