/* roster-json.h: small helpers over json-glib used on both sides of the API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Times travel as RFC 3339 / ISO 8601 strings in UTC; 0 means "none". */
char       *roster_json_format_time     (gint64        unix_time);
gboolean    roster_json_parse_time      (const char   *str,
                                         gint64       *unix_time);

JsonObject *roster_json_parse_object    (const char   *data,
                                         gssize        length,
                                         GError      **error);
GBytes     *roster_json_to_bytes        (JsonNode     *node);

/* Typed member access that reports a validation error naming the member,
 * instead of json-glib's silent defaults for missing or mistyped values. */
gboolean    roster_json_get_string      (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         const char  **value,
                                         GError      **error);
gboolean    roster_json_get_int         (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         gint64       *value,
                                         GError      **error);
gboolean    roster_json_get_bool        (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         gboolean     *value,
                                         GError      **error);
gboolean    roster_json_get_time        (JsonObject   *object,
                                         const char   *member,
                                         gboolean      required,
                                         gint64       *value,
                                         GError      **error);

/* A validation error naming the first member of @object that is not in
 * @allowed (NULL-terminated): requests with members a handler would
 * silently ignore are refused instead. */
gboolean    roster_json_check_members   (JsonObject         *object,
                                         const char * const *allowed,
                                         GError            **error);

/* Compact JSON text, for audit details and the like. */
char       *roster_json_object_to_string (JsonObject *object);

/* Pagination cursors are opaque to clients: base64url of a JSON array
 * of the values the next page starts after. Decoding anything that is
 * not such a cursor gives ROSTER_ERROR_INVALID_REQUEST. */
char       *roster_cursor_encode        (JsonArray    *values);
JsonArray  *roster_cursor_decode        (const char   *cursor,
                                         GError      **error);

void        roster_json_builder_add_time (JsonBuilder *builder,
                                          const char  *member,
                                          gint64       unix_time);
void        roster_json_builder_add_string_or_null (JsonBuilder *builder,
                                                    const char  *member,
                                                    const char  *value);

G_END_DECLS
