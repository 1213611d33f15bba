/* roster-client-error.h: what can go wrong between the app and a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ROSTER_CLIENT_ERROR (roster_client_error_quark ())

/* Failures on the app's side of the API. Errors the server reports keep
 * their ROSTER_ERROR code and the server's message; these cover what
 * the server cannot say itself. Every message is meant for people. */
typedef enum
{
  ROSTER_CLIENT_ERROR_BAD_ANSWER,           /* not the JSON the API documents */
  ROSTER_CLIENT_ERROR_INCOMPLETE,           /* the answer ended early */
  ROSTER_CLIENT_ERROR_NETWORK,              /* no connection, timeout, refused */
  ROSTER_CLIENT_ERROR_TLS,                  /* the secure connection failed */
  ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN,  /* not trusted yet: ask the user */
  ROSTER_CLIENT_ERROR_CERTIFICATE_CHANGED,  /* differs from the pinned one */
  ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN,        /* the token is no longer valid */
  ROSTER_CLIENT_ERROR_KEYRING,              /* the system keyring failed */
} RosterClientErrorCode;

GQuark roster_client_error_quark (void);

G_END_DECLS
