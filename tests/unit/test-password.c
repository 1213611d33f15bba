/* test-password.c: password hashing and policy, bearer tokens, randomness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <argon2.h>
#include <string.h>

#include "roster-error.h"
#include "roster-password.h"
#include "roster-random.h"
#include "roster-token.h"

#define PASSWORD "correct horse battery staple"

/* ---- hashing ---- */

static void
test_hash_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = roster_password_hash (PASSWORD, &error);
  g_autofree char *prefix = g_strdup_printf ("$argon2id$v=19$m=%d,t=%d,p=%d$",
                                             ROSTER_PASSWORD_M_COST_KIB,
                                             ROSTER_PASSWORD_T_COST,
                                             ROSTER_PASSWORD_PARALLELISM);

  g_assert_no_error (error);
  g_assert_nonnull (hash);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$v=19$m=19456,t=2,p=1$"));
  g_assert_true (g_str_has_prefix (hash, prefix));
  /* Never the password itself, in any form. */
  g_assert_null (strstr (hash, PASSWORD));
}

static void
test_verify (void)
{
  g_autofree char *hash = roster_password_hash (PASSWORD, NULL);

  g_assert_nonnull (hash);
  g_assert_true (roster_password_verify (hash, PASSWORD));
  g_assert_false (roster_password_verify (hash, "correct horse battery stapl"));
  g_assert_false (roster_password_verify (hash, "Correct horse battery staple"));
  g_assert_false (roster_password_verify (hash, PASSWORD " "));
  g_assert_false (roster_password_verify (hash, ""));
  g_assert_false (roster_password_verify (hash, NULL));
}

static void
test_verify_unicode (void)
{
  /* 密码是正确的马电池 */
  const char *password = "\xe5\xaf\x86\xe7\xa0\x81\xe6\x98\xaf\xe6\xad\xa3\xe7\xa1\xae\xe7\x9a\x84"
                         "\xe9\xa9\xac\xe7\x94\xb5\xe6\xb1\xa0\xe5\x95\x8a\xe5\x95\x8a\xe5\x95\x8a";
  g_autofree char *hash = roster_password_hash (password, NULL);

  g_assert_nonnull (hash);
  g_assert_true (roster_password_verify (hash, password));
  g_assert_false (roster_password_verify (hash, "\xe5\xaf\x86\xe7\xa0\x81"));
}

static void
test_salted (void)
{
  g_autofree char *a = roster_password_hash (PASSWORD, NULL);
  g_autofree char *b = roster_password_hash (PASSWORD, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpstr (a, !=, b);
  g_assert_true (roster_password_verify (a, PASSWORD));
  g_assert_true (roster_password_verify (b, PASSWORD));
}

static void
test_verify_garbage (void)
{
  g_autofree char *hash = roster_password_hash (PASSWORD, NULL);
  g_autofree char *truncated = g_strndup (hash, strlen (hash) - 4);
  g_autofree char *argon2i = NULL;
  g_autofree char *cheap = NULL;
  static const guint8 salt[] = { 's', 'a', 'l', 't', 's', 'a', 'l', 't',
                                  's', 'a', 'l', 't', 's', 'a', 'l', 't' };
  gsize len;

  g_assert_false (roster_password_verify (NULL, PASSWORD));
  g_assert_false (roster_password_verify (NULL, NULL));
  g_assert_false (roster_password_verify ("", PASSWORD));
  g_assert_false (roster_password_verify ("garbage", PASSWORD));
  g_assert_false (roster_password_verify ("$argon2id$", PASSWORD));
  g_assert_false (roster_password_verify ("$argon2id$v=19$m=19456,t=2,p=1$garbage$garbage", PASSWORD));
  g_assert_false (roster_password_verify (truncated, PASSWORD));
  /* A plain SHA-256 of the password is not a password hash. */
  g_assert_false (roster_password_verify ("c4bbcb1fbec99d65bf59d85c8cb62ee2db963f0fe106f483d9afa73bd4e39a8a",
                                          PASSWORD));

  /* A real argon2i hash of the right password: not ours, never matches. */
  len = argon2_encodedlen (2, 1024, 1, sizeof salt, 32, Argon2_i);
  argon2i = g_malloc0 (len);
  g_assert_cmpint (argon2i_hash_encoded (2, 1024, 1, PASSWORD, strlen (PASSWORD),
                                         salt, sizeof salt, 32, argon2i, len), ==, ARGON2_OK);
  g_assert_true (g_str_has_prefix (argon2i, "$argon2i$"));
  g_assert_false (roster_password_verify (argon2i, PASSWORD));

  /* Whereas an argon2id hash made with other parameters still verifies:
   * the parameters live in the hash. */
  len = argon2_encodedlen (1, 1024, 1, sizeof salt, 32, Argon2_id);
  cheap = g_malloc0 (len);
  g_assert_cmpint (argon2id_hash_encoded (1, 1024, 1, PASSWORD, strlen (PASSWORD),
                                          salt, sizeof salt, 32, cheap, len), ==, ARGON2_OK);
  g_assert_true (roster_password_verify (cheap, PASSWORD));
  g_assert_false (roster_password_verify (cheap, "wrong password!"));
}

static void
test_verify_dummy (void)
{
  /* Nothing to check but that it runs, twice (the dummy hash is made
   * once), and copes with NULL. */
  roster_password_verify_dummy (PASSWORD);
  roster_password_verify_dummy (NULL);
  roster_password_verify_dummy ("");
}

/* ---- policy ---- */

static char *
repeat (const char *unit,
        guint       n)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (str, unit);

  return g_string_free (str, FALSE);
}

static void
assert_policy (const char *password,
               gboolean    accepted)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = roster_password_check_policy (password, &error);

  if (accepted)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
    }
}

static void
test_policy_length (void)
{
  g_autofree char *p11 = repeat ("a", 11);
  g_autofree char *p12 = repeat ("a", 12);
  g_autofree char *p128 = repeat ("a", 128);
  g_autofree char *p129 = repeat ("a", 129);

  assert_policy ("", FALSE);
  assert_policy (p11, FALSE);
  assert_policy (p12, TRUE);
  assert_policy (p128, TRUE);
  assert_policy (p129, FALSE);
}

static void
test_policy_counts_characters (void)
{
  /* 字: three bytes in UTF-8. */
  g_autofree char *cjk11 = repeat ("\xe5\xad\x97", 11);
  g_autofree char *cjk12 = repeat ("\xe5\xad\x97", 12);
  g_autofree char *cjk128 = repeat ("\xe5\xad\x97", 128);
  g_autofree char *cjk129 = repeat ("\xe5\xad\x97", 129);
  /* 😀: four bytes, one character. */
  g_autofree char *emoji11 = repeat ("\xf0\x9f\x98\x80", 11);

  g_assert_cmpuint (strlen (cjk12), ==, 36);
  g_assert_cmpuint (strlen (cjk11), ==, 33);

  assert_policy (cjk11, FALSE);
  assert_policy (cjk12, TRUE);
  assert_policy (cjk128, TRUE);
  assert_policy (cjk129, FALSE);
  assert_policy (emoji11, FALSE);
}

static void
test_policy_invalid_text (void)
{
  assert_policy ("aaaaaaaaaaaa\xff", FALSE);
  assert_policy ("\xc3\x28" "aaaaaaaaaaaaaa", FALSE);
  assert_policy ("aaaaaaaaaaaa\xe5\xad", FALSE);   /* truncated sequence */
  assert_policy (NULL, FALSE);
}

/* ---- tokens and randomness ---- */

static gboolean
is_base64url (const char *str)
{
  for (const char *p = str; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return TRUE;
}

static void
test_token_generate (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr(GError) error = NULL;
      char *token = roster_token_generate (&error);

      g_assert_no_error (error);
      g_assert_nonnull (token);
      g_assert_cmpuint (strlen (token), ==, 43);
      g_assert_true (is_base64url (token));
      g_assert_true (g_hash_table_add (seen, token));
    }

  g_assert_cmpuint (g_hash_table_size (seen), ==, 1000);
}

static void
test_token_hash (void)
{
  g_autofree char *abc = roster_token_hash ("abc");
  g_autofree char *empty = roster_token_hash ("");
  g_autofree char *token = roster_token_generate (NULL);
  g_autofree char *hash1 = roster_token_hash (token);
  g_autofree char *hash2 = roster_token_hash (token);

  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (empty, ==, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  g_assert_cmpstr (hash1, ==, hash2);
  g_assert_cmpstr (hash1, !=, token);
  g_assert_cmpuint (strlen (hash1), ==, 64);
  for (const char *p = hash1; *p; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
}

static void
test_base64url (void)
{
  static const struct {
    guint8      data[6];
    gsize       len;
    const char *expected;
  } cases[] = {
    { { 0 }, 0, "" },
    { { 0x00 }, 1, "AA" },
    { { 0xfb, 0xff }, 2, "-_8" },
    { { 0xfb, 0xef, 0xbe }, 3, "----" },
    { { 0xff, 0xff, 0xff }, 3, "____" },
    { { 'f', 'o', 'o', 'b', 'a', 'r' }, 6, "Zm9vYmFy" },
    { { 'f', 'o', 'o', 'b' }, 4, "Zm9vYg" },
    { { 'f', 'o', 'o', 'b', 'a' }, 5, "Zm9vYmE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *encoded = roster_base64url_encode (cases[i].data, cases[i].len);

      g_assert_cmpstr (encoded, ==, cases[i].expected);
    }
}

static void
test_random (void)
{
  guint8 a[32] = { 0 };
  guint8 b[32] = { 0 };
  static const guint8 zero[32] = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *token16 = NULL;

  g_assert_true (roster_random_bytes (a, sizeof a, &error));
  g_assert_no_error (error);
  g_assert_true (roster_random_bytes (b, sizeof b, &error));
  g_assert_no_error (error);
  g_assert_true (memcmp (a, zero, sizeof a) != 0);
  g_assert_true (memcmp (a, b, sizeof a) != 0);

  /* ceil (16 * 4 / 3) characters without padding */
  token16 = roster_random_token (16, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (token16), ==, 22);
  g_assert_true (is_base64url (token16));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/password/hash-format", test_hash_format);
  g_test_add_func ("/password/verify", test_verify);
  g_test_add_func ("/password/verify-unicode", test_verify_unicode);
  g_test_add_func ("/password/salted", test_salted);
  g_test_add_func ("/password/verify-garbage", test_verify_garbage);
  g_test_add_func ("/password/verify-dummy", test_verify_dummy);
  g_test_add_func ("/password/policy/length", test_policy_length);
  g_test_add_func ("/password/policy/counts-characters", test_policy_counts_characters);
  g_test_add_func ("/password/policy/invalid-text", test_policy_invalid_text);
  g_test_add_func ("/token/generate", test_token_generate);
  g_test_add_func ("/token/hash", test_token_hash);
  g_test_add_func ("/token/base64url", test_base64url);
  g_test_add_func ("/random/bytes", test_random);

  return g_test_run ();
}
