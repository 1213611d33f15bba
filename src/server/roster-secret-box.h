/* roster-secret-box.h: enrolment key secrets encrypted at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_SECRET_BOX (roster_secret_box_get_type ())

G_DECLARE_FINAL_TYPE (RosterSecretBox, roster_secret_box, ROSTER, SECRET_BOX, GObject)

/* The server key file holds 32 random bytes, mode 0600. It is created on
 * first use; a file others may read is refused, since it would make the
 * encryption pointless. */
RosterSecretBox *roster_secret_box_new_from_file (const char       *path,
                                                  GError          **error);
RosterSecretBox *roster_secret_box_new_for_key   (const guint8     *key,
                                                  gsize             key_len);
GBytes          *roster_secret_box_encrypt       (RosterSecretBox  *self,
                                                  const char       *plaintext,
                                                  GError          **error);
char            *roster_secret_box_decrypt       (RosterSecretBox  *self,
                                                  GBytes           *sealed,
                                                  GError          **error);
/* A keyed hash (HMAC-SHA256) to find a key by its secret without
 * decrypting every row and without storing anything guessable. */
char            *roster_secret_box_lookup_hash   (RosterSecretBox  *self,
                                                  const char       *secret);

G_END_DECLS
