/* roster-error.h: the error domain shared by the server and the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ROSTER_ERROR (roster_error_quark ())

/* Every failure the API can report. Each code has a stable string (the
 * "code" member of an error reply) and an HTTP status; the app maps the
 * string back to the enum, so both sides agree on what went wrong. */
typedef enum
{
  ROSTER_ERROR_INVALID_REQUEST,
  ROSTER_ERROR_MALFORMED_JSON,
  ROSTER_ERROR_VALIDATION,
  ROSTER_ERROR_UNAUTHORIZED,
  ROSTER_ERROR_TOKEN_EXPIRED,
  ROSTER_ERROR_INVALID_CREDENTIALS,
  ROSTER_ERROR_ACCOUNT_INACTIVE,
  ROSTER_ERROR_FORBIDDEN,
  ROSTER_ERROR_NOT_FOUND,
  ROSTER_ERROR_METHOD_NOT_ALLOWED,
  ROSTER_ERROR_CONFLICT,
  ROSTER_ERROR_PAYLOAD_TOO_LARGE,
  ROSTER_ERROR_UNSUPPORTED_MEDIA_TYPE,
  ROSTER_ERROR_ACCOUNT_LOCKED,
  ROSTER_ERROR_RATE_LIMITED,
  ROSTER_ERROR_INTERNAL,
  ROSTER_ERROR_UNAVAILABLE,
} RosterErrorCode;

#define ROSTER_ERROR_N_CODES (ROSTER_ERROR_UNAVAILABLE + 1)

GQuark          roster_error_quark            (void);
const char     *roster_error_code_to_string   (RosterErrorCode  code);
gboolean        roster_error_code_from_string (const char      *str,
                                               RosterErrorCode *code);
guint           roster_error_code_http_status (RosterErrorCode  code);

G_END_DECLS
