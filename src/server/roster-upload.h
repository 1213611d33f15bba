/* roster-upload.h: files sent to the server: the body itself, or a
 * multipart form with the file and its options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-request.h"

G_BEGIN_DECLS

/* The file and the options of an upload (an import): the body is the
 * file (text/csv, or what spreadsheets and browsers call one), or a
 * multipart/form-data form with a "file" part and an optional "options"
 * part holding a JSON object. @options and @file_name are NULL when the
 * request has none. Errors: UNSUPPORTED_MEDIA_TYPE for any other body,
 * INVALID_REQUEST for a form that cannot be read, MALFORMED_JSON for
 * options that are not a JSON object, VALIDATION for a form without a
 * file or an empty file. */
gboolean roster_upload_read (RosterRequest  *request,
                             GBytes        **file,
                             JsonObject    **options,
                             char          **file_name,
                             GError        **error);

G_END_DECLS
