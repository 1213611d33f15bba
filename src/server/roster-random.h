/* roster-random.h: secrets from the system's CSPRNG (through GnuTLS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  roster_random_bytes        (guint8      *buffer,
                                      gsize        length,
                                      GError     **error);
/* @n_bytes of randomness as unpadded base64url: safe in URLs and headers. */
char     *roster_random_token        (gsize        n_bytes,
                                      GError     **error);
char     *roster_base64url_encode    (const guint8 *data,
                                      gsize         length);

G_END_DECLS
