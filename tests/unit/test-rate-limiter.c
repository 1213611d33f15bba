/* test-rate-limiter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-rate-limiter.h"

#define SECOND ((gint64) G_USEC_PER_SEC)

static void
test_burst_then_refused (void)
{
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (6);
  guint retry = 99;

  /* All of a minute's attempts may come at once… */
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (roster_rate_limiter_check (limiter, "192.0.2.1", 1000 * SECOND, &retry));
      g_assert_cmpuint (retry, ==, 0);
    }

  /* …then one more waits for the next token: 6 a minute is one each 10 s. */
  g_assert_false (roster_rate_limiter_check (limiter, "192.0.2.1", 1000 * SECOND, &retry));
  g_assert_cmpuint (retry, ==, 10);

  g_assert_false (roster_rate_limiter_check (limiter, "192.0.2.1", 1004 * SECOND, &retry));
  g_assert_cmpuint (retry, ==, 6);

  g_assert_true (roster_rate_limiter_check (limiter, "192.0.2.1", 1010 * SECOND, &retry));
  g_assert_false (roster_rate_limiter_check (limiter, "192.0.2.1", 1010 * SECOND, &retry));
}

static void
test_keys_are_separate (void)
{
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (1);
  guint retry;

  g_assert_true (roster_rate_limiter_check (limiter, "192.0.2.1", 0, &retry));
  g_assert_false (roster_rate_limiter_check (limiter, "192.0.2.1", 0, &retry));
  g_assert_true (roster_rate_limiter_check (limiter, "192.0.2.2", 0, &retry));
  g_assert_true (roster_rate_limiter_check (limiter, NULL, 0, &retry));
}

static void
test_refill_is_capped (void)
{
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (2);
  guint retry;

  g_assert_true (roster_rate_limiter_check (limiter, "a", 0, &retry));
  /* An hour of quiet refills the bucket, but not beyond its size. */
  g_assert_true (roster_rate_limiter_check (limiter, "a", 3600 * SECOND, &retry));
  g_assert_true (roster_rate_limiter_check (limiter, "a", 3600 * SECOND, &retry));
  g_assert_false (roster_rate_limiter_check (limiter, "a", 3600 * SECOND, &retry));
}

static void
test_many_keys (void)
{
  g_autoptr(RosterRateLimiter) limiter = roster_rate_limiter_new (1);
  guint retry;

  /* Past the pruning threshold, old full buckets go; a busy one stays. */
  g_assert_true (roster_rate_limiter_check (limiter, "busy", 0, &retry));
  for (guint i = 0; i < 10000; i++)
    {
      char key[32];

      g_snprintf (key, sizeof key, "198.51.100.%u", i);
      g_assert_true (roster_rate_limiter_check (limiter, key, i, &retry));
    }
  g_assert_false (roster_rate_limiter_check (limiter, "busy", 10000, &retry));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rate-limiter/burst-then-refused", test_burst_then_refused);
  g_test_add_func ("/rate-limiter/keys-are-separate", test_keys_are_separate);
  g_test_add_func ("/rate-limiter/refill-is-capped", test_refill_is_capped);
  g_test_add_func ("/rate-limiter/many-keys", test_many_keys);

  return g_test_run ();
}
