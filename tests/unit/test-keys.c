/* test-keys.c: enrolment-key secrets: generation, normalisation, the
 * policy for chosen secrets and sealing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-keys.h"

static const char lookalikes[] = "0O1I2Z5S8B6";

static void
test_alphabet (void)
{
  const char *alphabet = ROSTER_KEYS_ALPHABET;
  gsize n = strlen (alphabet);

  g_assert_cmpuint (n, ==, 25);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_true (g_ascii_isupper (alphabet[i]) || g_ascii_isdigit (alphabet[i]));
      /* Each symbol once. */
      g_assert_null (strchr (alphabet + i + 1, alphabet[i]));
      /* None that reads like another. */
      g_assert_null (strchr (lookalikes, alphabet[i]));
    }

  /* 25^16 ≥ 2^74: comfortably above the 64 bits the issue asks for. */
  {
    double combinations = 1.0;

    for (guint i = 0; i < ROSTER_KEYS_GENERATED_SYMBOLS; i++)
      combinations *= (double) n;
    g_assert_cmpfloat (combinations, >=, (double) (1ull << 37) * (double) (1ull << 37));
  }
}

static void
test_generate_format (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) shape = g_regex_new ("^[" ROSTER_KEYS_ALPHABET "]{4}(-[" ROSTER_KEYS_ALPHABET "]{4}){3}$",
                                         0, 0, NULL);

  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *secret = roster_keys_generate (&error);
      g_autofree char *normalised = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (secret);
      g_assert_true (g_regex_match (shape, secret, 0, NULL));

      /* A generated secret is its own normalised form, minus hyphens,
       * and passes the policy for chosen ones. */
      normalised = roster_keys_normalise (secret);
      g_assert_cmpuint (strlen (normalised), ==, ROSTER_KEYS_GENERATED_SYMBOLS);
      g_free (roster_keys_check_chosen (secret, &error));
      g_assert_no_error (error);

      g_assert_true (g_hash_table_add (seen, g_steal_pointer (&secret)));
    }
}

/* Every symbol turns up about equally often, and there is no modulo
 * bias. 256 = 10 × 25 + 6: a plain "byte % 25" would draw the first six
 * symbols with probability 11/256 instead of 10/256. Over 80 000 symbols
 * those six are expected 19 200 times without the bias (standard
 * deviation 121) and 20 625 times with it; the bound sits 6 deviations
 * above the first and 5.7 below the second, so chance fails neither way.
 * Each single symbol is expected 3200 times (deviation 55); its bounds
 * are 8 deviations wide. */
static void
test_generate_distribution (void)
{
  guint counts[256] = { 0, };
  const char *alphabet = ROSTER_KEYS_ALPHABET;
  guint n_keys = 5000;
  guint total = 0, first_six = 0;

  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *secret = roster_keys_generate (NULL);

      for (const char *p = secret; *p; p++)
        {
          if (*p == '-')
            continue;
          g_assert_nonnull (strchr (alphabet, *p));
          counts[(guchar) *p]++;
          total++;
        }
    }

  g_assert_cmpuint (total, ==, n_keys * ROSTER_KEYS_GENERATED_SYMBOLS);
  for (const char *p = alphabet; *p; p++)
    {
      g_assert_cmpuint (counts[(guchar) *p], >, 3200 - 8 * 55);
      g_assert_cmpuint (counts[(guchar) *p], <, 3200 + 8 * 55);
    }
  for (guint i = 0; i < 6; i++)
    first_six += counts[(guchar) alphabet[i]];
  g_assert_cmpuint (first_six, <, 19200 + 6 * 121);
}

static void
test_normalise (void)
{
  static const struct
  {
    const char *typed;
    const char *normalised;
  } cases[] = {
    { "k7qm-2xpa", "K7QM2XPA" },
    { "K7QM2XPA", "K7QM2XPA" },
    { "  K7QM 2XPA\n", "K7QM2XPA" },
    { "k7qm\u20132xpa", "K7QM2XPA" },            /* an en dash from a word processor */
    { "k7qm\u20102xpa\u00a0", "K7QM2XPA" },      /* a Unicode hyphen, a no-break space */
    { "\uff4b\uff17\uff51\uff4d", "K7QM" },      /* full-width letters and digits (NFKC) */
    { "k7qm\u30002xpa", "K7QM2XPA" },            /* an ideographic space */
    { "stra\u00dfe", "STRASSE" },
    { "CS101-VISIT-7QMX", "CS101VISIT7QMX" },
    { "钥匙-钥匙", "钥匙钥匙" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalised = roster_keys_normalise (cases[i].typed);

      g_assert_cmpstr (normalised, ==, cases[i].normalised);
    }

  g_assert_null (roster_keys_normalise (NULL));
  g_assert_null (roster_keys_normalise ("K7QM\xff"));
}

static void
check_refused (const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = roster_keys_check_chosen (secret, &error);

  g_assert_null (kept);
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  g_assert_nonnull (strstr (error->message, "secret"));
}

static void
check_kept (const char *secret,
            const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = roster_keys_check_chosen (secret, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, expected);
}

static void
test_chosen (void)
{
  g_autofree char *longest = g_strnfill (ROSTER_KEYS_MAX_LENGTH, 'x');
  g_autofree char *too_long = g_strnfill (ROSTER_KEYS_MAX_LENGTH + 1, 'x');
  g_autofree char *padded = g_strdup_printf ("  %s  ", longest);

  /* Trimmed, and kept as typed otherwise: the display form. */
  check_kept ("  Summer-School 2027 ", "Summer-School 2027");
  check_kept ("abcdefgh", "abcdefgh");
  check_kept ("钥匙钥匙钥匙钥匙", "钥匙钥匙钥匙钥匙");
  check_kept (longest, longest);
  check_kept (padded, longest);

  check_refused ("");
  check_refused ("short");
  check_refused ("   abcdefg   ");          /* 7 after trimming */
  check_refused ("a-b-c-d-e-f-g");          /* 13 characters, but only 7 count */
  check_refused ("abcd    efg");            /* likewise */
  check_refused (too_long);
  check_refused ("abcd\tefgh");
  check_refused ("abcd\nefgh");
  check_refused ("abcd\u200befgh");         /* a zero-width space */
  check_refused ("abcdefgh\xff");
  check_refused (NULL);
}

static RosterSecretBox *
test_box (guint8 fill)
{
  guint8 key[32];

  memset (key, fill, sizeof key);
  return roster_secret_box_new_for_key (key, sizeof key);
}

static gboolean
bytes_contain (GBytes     *haystack,
               const char *needle)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (haystack, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

static void
test_seal (void)
{
  g_autoptr(RosterSecretBox) box = test_box (7);
  g_autoptr(RosterSecretBox) other_box = test_box (8);
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GBytes) sealed_again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lookup = NULL;
  g_autofree char *lookup_again = NULL;
  g_autofree char *typed_lookup = NULL;
  g_autofree char *other_lookup = NULL;
  g_autofree char *opened = NULL;
  const char *secret = "K7QM-2XPA-TW9R-CDEF";

  g_assert_true (roster_keys_seal (box, secret, &sealed, &lookup, &error));
  g_assert_no_error (error);

  /* The display form comes back out; nothing readable is kept. */
  opened = roster_secret_box_decrypt (box, sealed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (opened, ==, secret);
  g_assert_false (bytes_contain (sealed, secret));
  g_assert_false (bytes_contain (sealed, "K7QM2XPATW9RCDEF"));
  g_assert_null (strstr (lookup, "K7QM"));

  /* The same secret however typed has the same lookup hash ... */
  typed_lookup = roster_keys_lookup_hash (box, " k7qm 2xpa\u2013tw9r-cdef ");
  g_assert_cmpstr (typed_lookup, ==, lookup);

  /* ... while its sealed form differs every time (a fresh nonce). */
  g_assert_true (roster_keys_seal (box, secret, &sealed_again, &lookup_again, &error));
  g_assert_cmpstr (lookup_again, ==, lookup);
  g_assert_false (g_bytes_equal (sealed, sealed_again));

  /* Another server key file gives other hashes: a database moved to
   * another server does not match keys there. */
  other_lookup = roster_keys_lookup_hash (other_box, secret);
  g_assert_cmpstr (other_lookup, !=, lookup);

  g_assert_null (roster_keys_lookup_hash (box, "\xff"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keys/alphabet", test_alphabet);
  g_test_add_func ("/keys/generate/format", test_generate_format);
  g_test_add_func ("/keys/generate/distribution", test_generate_distribution);
  g_test_add_func ("/keys/normalise", test_normalise);
  g_test_add_func ("/keys/chosen", test_chosen);
  g_test_add_func ("/keys/seal", test_seal);

  return g_test_run ();
}
