/* test-secret-box.c: enrolment key secrets encrypted at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "roster-error.h"
#include "roster-secret-box.h"

#define NONCE_LEN 12
#define TAG_LEN   16

static const guint8 key_a[32] = {
  0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
  0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

static const guint8 key_b[32] = {
  0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8, 0xf7, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf1, 0xf0,
  0xef, 0xee, 0xed, 0xec, 0xeb, 0xea, 0xe9, 0xe8, 0xe7, 0xe6, 0xe5, 0xe4, 0xe3, 0xe2, 0xe1, 0xe0,
};

/* ---- a temporary folder for key files ---- */

typedef struct
{
  char *dir;
  char *key_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("roster-test-secret-box-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->key_path = g_build_filename (fixture->dir, "server.key", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_free (fixture->key_path);
  g_free (fixture->dir);
}

static void
write_file (const char   *path,
            const guint8 *data,
            gsize         len,
            int           mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, (const char *) data, len, G_FILE_SET_CONTENTS_NONE, mode, &error);
  g_assert_no_error (error);
  /* The umask may have taken bits away; put back exactly what we want. */
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* ---- encryption ---- */

static void
assert_round_trip (RosterSecretBox *box,
                   const char      *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed = roster_secret_box_encrypt (box, secret, &error);
  g_autofree char *plain = NULL;
  gsize len = 0;
  const guint8 *data;

  g_assert_no_error (error);
  g_assert_nonnull (sealed);
  /* nonce + ciphertext (as long as the text) + tag */
  g_assert_cmpuint (g_bytes_get_size (sealed), ==, NONCE_LEN + strlen (secret) + TAG_LEN);

  /* The secret must not be readable in what is stored. */
  data = g_bytes_get_data (sealed, &len);
  if (strlen (secret) >= 4)
    g_assert_null (memmem (data, len, secret, strlen (secret)));

  plain = roster_secret_box_decrypt (box, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, secret);
}

static void
test_round_trip (void)
{
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_for_key (key_a, sizeof key_a);

  assert_round_trip (box, "ENROL-2026-biology");
  assert_round_trip (box, "x");
  /* 秘密のキー, Zoë's key */
  assert_round_trip (box, "\xe7\xa7\x98\xe5\xaf\x86\xe3\x81\xae\xe3\x82\xad\xe3\x83\xbc");
  assert_round_trip (box, "Zo\xc3\xab's key \xf0\x9f\x94\x91");
}

static void
test_random_nonce (void)
{
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_for_key (key_a, sizeof key_a);
  g_autoptr(GBytes) first = roster_secret_box_encrypt (box, "same secret", NULL);
  g_autoptr(GBytes) second = roster_secret_box_encrypt (box, "same secret", NULL);
  g_autofree char *hash1 = roster_secret_box_lookup_hash (box, "same secret");
  g_autofree char *hash2 = roster_secret_box_lookup_hash (box, "same secret");
  g_autofree char *other = roster_secret_box_lookup_hash (box, "same secreT");
  g_autofree char *plain1 = NULL;
  g_autofree char *plain2 = NULL;

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_false (g_bytes_equal (first, second));
  /* Not just the ciphertext: the nonce itself differs. */
  g_assert_true (memcmp (g_bytes_get_data (first, NULL), g_bytes_get_data (second, NULL), NONCE_LEN) != 0);

  plain1 = roster_secret_box_decrypt (box, first, NULL);
  plain2 = roster_secret_box_decrypt (box, second, NULL);
  g_assert_cmpstr (plain1, ==, "same secret");
  g_assert_cmpstr (plain2, ==, "same secret");

  /* The lookup hash is deterministic, HMAC-SHA256 in hex, and tells
   * secrets apart. */
  g_assert_cmpstr (hash1, ==, hash2);
  g_assert_cmpuint (strlen (hash1), ==, 64);
  g_assert_cmpstr (hash1, !=, other);
}

static void
test_lookup_hash_keyed (void)
{
  g_autoptr(RosterSecretBox) box_a = roster_secret_box_new_for_key (key_a, sizeof key_a);
  g_autoptr(RosterSecretBox) box_a2 = roster_secret_box_new_for_key (key_a, sizeof key_a);
  g_autoptr(RosterSecretBox) box_b = roster_secret_box_new_for_key (key_b, sizeof key_b);
  g_autofree char *hash_a = roster_secret_box_lookup_hash (box_a, "ENROL-2026");
  g_autofree char *hash_a2 = roster_secret_box_lookup_hash (box_a2, "ENROL-2026");
  g_autofree char *hash_b = roster_secret_box_lookup_hash (box_b, "ENROL-2026");
  g_autofree char *plain_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "ENROL-2026", -1);

  g_assert_cmpstr (hash_a, ==, hash_a2);
  g_assert_cmpstr (hash_a, !=, hash_b);
  /* Keyed: not something anyone can compute from a guess alone. */
  g_assert_cmpstr (hash_a, !=, plain_sha);
}

static void
test_tampering (void)
{
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_for_key (key_a, sizeof key_a);
  g_autoptr(GBytes) sealed = roster_secret_box_encrypt (box, "ENROL-2026-biology", NULL);
  gsize len = g_bytes_get_size (sealed);
  /* A byte of the nonce, of the ciphertext, and of the tag. */
  const gsize positions[] = { 0, NONCE_LEN - 1, NONCE_LEN, NONCE_LEN + 5, len - TAG_LEN, len - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (sealed, NULL), len);
      g_autoptr(GBytes) tampered = NULL;
      g_autofree char *plain = NULL;

      copy[positions[i]] ^= 0x01;
      tampered = g_bytes_new (copy, len);
      plain = roster_secret_box_decrypt (box, tampered, &error);
      g_assert_null (plain);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
    }

  /* Cut short, down to less than a nonce and a tag. */
  for (gsize cut = 1; cut <= len; cut += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) shorter = g_bytes_new_from_bytes (sealed, 0, len - cut);
      g_autofree char *plain = roster_secret_box_decrypt (box, shorter, &error);

      g_assert_null (plain);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
    }

  {
    /* The untouched original still opens. */
    g_autofree char *plain = roster_secret_box_decrypt (box, sealed, NULL);
    g_assert_cmpstr (plain, ==, "ENROL-2026-biology");
  }
}

static void
test_wrong_key (void)
{
  g_autoptr(RosterSecretBox) box_a = roster_secret_box_new_for_key (key_a, sizeof key_a);
  g_autoptr(RosterSecretBox) box_b = roster_secret_box_new_for_key (key_b, sizeof key_b);
  g_autoptr(GBytes) sealed = roster_secret_box_encrypt (box_a, "ENROL-2026", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = roster_secret_box_decrypt (box_b, sealed, &error);

  g_assert_null (plain);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
}

/* ---- the key file ---- */

static void
test_file_created (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSecretBox) first = NULL;
  g_autoptr(RosterSecretBox) second = NULL;
  g_autoptr(RosterSecretBox) from_bytes = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *plain_from_bytes = NULL;
  g_autofree char *hash1 = NULL;
  g_autofree char *hash2 = NULL;
  gsize len = 0;
  GStatBuf st;

  g_assert_false (g_file_test (fixture->key_path, G_FILE_TEST_EXISTS));

  first = roster_secret_box_new_from_file (fixture->key_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  g_assert_cmpint (g_stat (fixture->key_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 32);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  sealed = roster_secret_box_encrypt (first, "kept across restarts", &error);
  g_assert_no_error (error);
  hash1 = roster_secret_box_lookup_hash (first, "kept across restarts");

  /* A restart: the same file, not a new key. */
  second = roster_secret_box_new_from_file (fixture->key_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  plain = roster_secret_box_decrypt (second, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain, ==, "kept across restarts");
  hash2 = roster_secret_box_lookup_hash (second, "kept across restarts");
  g_assert_cmpstr (hash1, ==, hash2);

  g_assert_cmpint (g_stat (fixture->key_path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 32);

  /* The file's bytes are the key. */
  g_assert_true (g_file_get_contents (fixture->key_path, &contents, &len, NULL));
  g_assert_cmpuint (len, ==, 32);
  from_bytes = roster_secret_box_new_for_key ((const guint8 *) contents, len);
  plain_from_bytes = roster_secret_box_decrypt (from_bytes, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (plain_from_bytes, ==, "kept across restarts");
}

static void
test_file_two_keys_differ (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.key", NULL);
  g_autoptr(RosterSecretBox) first = roster_secret_box_new_from_file (fixture->key_path, NULL);
  g_autoptr(RosterSecretBox) other = roster_secret_box_new_from_file (other_path, NULL);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;

  g_assert_nonnull (first);
  g_assert_nonnull (other);

  /* Each new file is a new random key. */
  sealed = roster_secret_box_encrypt (first, "ENROL", NULL);
  plain = roster_secret_box_decrypt (other, sealed, &error);
  g_assert_null (plain);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL);
}

static void
test_file_readable_by_others (Fixture       *fixture,
                              gconstpointer  user_data)
{
  const int modes[] = { 0644, 0640, 0604, 0660, 0606 };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterSecretBox) box = NULL;

      write_file (fixture->key_path, key_a, sizeof key_a, modes[i]);
      box = roster_secret_box_new_from_file (fixture->key_path, &error);
      g_assert_null (box);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
    }

  {
    /* Once fixed, the same file is accepted and is key_a. */
    g_autoptr(GError) error = NULL;
    g_autoptr(RosterSecretBox) box = NULL;
    g_autoptr(RosterSecretBox) box_a = roster_secret_box_new_for_key (key_a, sizeof key_a);
    g_autofree char *hash = NULL;
    g_autofree char *hash_a = NULL;

    g_assert_cmpint (g_chmod (fixture->key_path, 0600), ==, 0);
    box = roster_secret_box_new_from_file (fixture->key_path, &error);
    g_assert_no_error (error);
    g_assert_nonnull (box);
    hash = roster_secret_box_lookup_hash (box, "x");
    hash_a = roster_secret_box_lookup_hash (box_a, "x");
    g_assert_cmpstr (hash, ==, hash_a);
  }
}

static void
test_file_wrong_length (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const gsize lengths[] = { 0, 1, 31, 33, 64 };
  guint8 data[64];

  memset (data, 0x5a, sizeof data);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterSecretBox) box = NULL;
      GStatBuf st;

      write_file (fixture->key_path, data, lengths[i], 0600);
      box = roster_secret_box_new_from_file (fixture->key_path, &error);
      g_assert_null (box);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);

      /* A damaged key is reported, never replaced. */
      g_assert_cmpint (g_stat (fixture->key_path, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, lengths[i]);
    }
}

static void
test_file_missing_folder (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "server.key", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterSecretBox) box = roster_secret_box_new_from_file (path, &error);

  g_assert_null (box);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret-box/round-trip", test_round_trip);
  g_test_add_func ("/secret-box/random-nonce", test_random_nonce);
  g_test_add_func ("/secret-box/lookup-hash-keyed", test_lookup_hash_keyed);
  g_test_add_func ("/secret-box/tampering", test_tampering);
  g_test_add_func ("/secret-box/wrong-key", test_wrong_key);

#define ADD_FILE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_FILE_TEST ("/secret-box/file/created", test_file_created);
  ADD_FILE_TEST ("/secret-box/file/two-keys-differ", test_file_two_keys_differ);
  ADD_FILE_TEST ("/secret-box/file/readable-by-others", test_file_readable_by_others);
  ADD_FILE_TEST ("/secret-box/file/wrong-length", test_file_wrong_length);
  ADD_FILE_TEST ("/secret-box/file/missing-folder", test_file_missing_folder);

#undef ADD_FILE_TEST

  return g_test_run ();
}
