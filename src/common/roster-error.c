/* roster-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"

G_DEFINE_QUARK (roster-error-quark, roster_error)

static const struct
{
  const char *name;
  guint       status;
} error_table[ROSTER_ERROR_N_CODES] = {
  [ROSTER_ERROR_INVALID_REQUEST]        = { "invalid_request", 400 },
  [ROSTER_ERROR_MALFORMED_JSON]         = { "malformed_json", 400 },
  [ROSTER_ERROR_VALIDATION]             = { "validation_failed", 422 },
  [ROSTER_ERROR_UNAUTHORIZED]           = { "unauthorized", 401 },
  [ROSTER_ERROR_TOKEN_EXPIRED]          = { "token_expired", 401 },
  [ROSTER_ERROR_INVALID_CREDENTIALS]    = { "invalid_credentials", 401 },
  [ROSTER_ERROR_ACCOUNT_INACTIVE]       = { "account_inactive", 403 },
  [ROSTER_ERROR_FORBIDDEN]              = { "forbidden", 403 },
  [ROSTER_ERROR_NOT_FOUND]              = { "not_found", 404 },
  [ROSTER_ERROR_METHOD_NOT_ALLOWED]     = { "method_not_allowed", 405 },
  [ROSTER_ERROR_CONFLICT]               = { "conflict", 409 },
  [ROSTER_ERROR_PAYLOAD_TOO_LARGE]      = { "payload_too_large", 413 },
  [ROSTER_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [ROSTER_ERROR_ACCOUNT_LOCKED]         = { "account_locked", 423 },
  [ROSTER_ERROR_RATE_LIMITED]           = { "rate_limited", 429 },
  [ROSTER_ERROR_INTERNAL]               = { "internal_error", 500 },
  [ROSTER_ERROR_UNAVAILABLE]            = { "unavailable", 503 },
};

const char *
roster_error_code_to_string (RosterErrorCode code)
{
  if ((guint) code >= ROSTER_ERROR_N_CODES)
    return "internal_error";
  return error_table[code].name;
}

gboolean
roster_error_code_from_string (const char      *str,
                               RosterErrorCode *code)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < ROSTER_ERROR_N_CODES; i++)
    {
      if (g_str_equal (str, error_table[i].name))
        {
          *code = (RosterErrorCode) i;
          return TRUE;
        }
    }

  return FALSE;
}

guint
roster_error_code_http_status (RosterErrorCode code)
{
  if ((guint) code >= ROSTER_ERROR_N_CODES)
    return 500;
  return error_table[code].status;
}
