/* roster-keys.h: enrolment-key secrets: generating, comparing, the
 * policy for chosen ones, and what is kept of them at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "roster-secret-box.h"

G_BEGIN_DECLS

/* A generated secret: 16 symbols of ROSTER_KEYS_ALPHABET shown in groups
 * of four, "K7QM-XPAR-…": 16 × log2 25 ≈ 74 bits. */
#define ROSTER_KEYS_ALPHABET         "ACDEFGHJKLMNPQRTUVWXY3479"
#define ROSTER_KEYS_GENERATED_SYMBOLS 16

/* A chosen secret, in characters after trimming. */
#define ROSTER_KEYS_MIN_LENGTH 8
#define ROSTER_KEYS_MAX_LENGTH 128

char     *roster_keys_generate     (GError          **error);

/* The form secrets are compared in, so that what an external user types
 * matches whatever way the key was shown to them: NFKC, trimmed, without
 * spaces or hyphens (any dash), upper case. "k7qm-2xpa" and "K7QM 2XPA"
 * are both "K7QM2XPA". NULL for invalid UTF-8. */
char     *roster_keys_normalise    (const char       *secret);

/* Checks a secret staff chose against the policy: 8 to 128 characters
 * after trimming, at least 8 of them neither spaces nor hyphens, and no
 * control characters. Returns the trimmed form to keep and show, or NULL
 * with a ROSTER_ERROR_VALIDATION error naming "secret". Whether another
 * key already uses it is the storage's to say. */
char     *roster_keys_check_chosen (const char       *secret,
                                    GError          **error);

/* What the database keeps of @secret: the display form sealed with the
 * server key, and the keyed hash of the normalised form by which
 * sign-up finds the key (and uniqueness is checked). */
gboolean  roster_keys_seal         (RosterSecretBox  *box,
                                    const char       *secret,
                                    GBytes          **sealed,
                                    char            **lookup,
                                    GError          **error);
/* The lookup hash of what someone typed, to find the key it matches. */
char     *roster_keys_lookup_hash  (RosterSecretBox  *box,
                                    const char       *typed);

/* Wipes a secret from memory before freeing it; NULL is fine. */
void      roster_keys_secret_free  (char             *secret);

/* A secret in the clear, for g_autoptr(): wiped when it goes. */
typedef char RosterSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterSecretString, roster_keys_secret_free)

G_END_DECLS
