/* roster-users.h: the rules of user administration: what a username,
 * an e-mail address and a name may be, and passwords made for people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "roster-secret-box.h"

G_BEGIN_DECLS

#define ROSTER_USERS_MAX_USERNAME_CHARS  100
#define ROSTER_USERS_MAX_NAME_CHARS      100
/* RFC 5321's limit on a path, less its angle brackets. */
#define ROSTER_USERS_MAX_EMAIL_BYTES     254
#define ROSTER_USERS_PASSWORD_LENGTH     16

/* Erased accounts are renamed "erased-<id>"; nobody else may take a
 * name of that form. */
#define ROSTER_USERS_ERASED_PREFIX       "erased-"

/* Each gives ROSTER_ERROR_VALIDATION naming what is wrong. */
gboolean  roster_users_check_username       (const char       *username,
                                             GError          **error);
gboolean  roster_users_check_email          (const char       *email,
                                             GError          **error);
/* @member: "first_name" or "last_name", for the message. */
gboolean  roster_users_check_name           (const char       *member,
                                             const char       *name,
                                             GError          **error);

/* ROSTER_USERS_PASSWORD_LENGTH characters from an alphabet without
 * look-alikes (no 0/O/o, 1/l/I/i), drawn from the CSPRNG without
 * modulo bias: about 92 bits, easy to read out over the phone. */
char     *roster_users_generate_password    (GError          **error);
gboolean  roster_users_is_password_alphabet (gunichar          c);

/* The keyed hash kept of an erased address (a RosterEmailHashFunc with
 * the server's RosterSecretBox as user data). */
char     *roster_users_email_hash           (const char       *email_key,
                                             gpointer          secret_box);

G_END_DECLS
