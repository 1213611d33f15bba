/* test-server-keys-import-util.h: what the tests of the key import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo: CS101 (course 1) has its manual method 1 and the self method
 * 20 ("External visitors") with key 1 ("Visiting lecturers 2026", secret
 * CS101-VISIT-7QMX) and key 2 ("Summer school 2025", switched off,
 * SUMMER25-HT9C). CS205 (course 2) has no self method. m.chen leads
 * both; j.okafor teaches CS205.
 */

#pragma once

#include "test-server-import-util.h"

G_BEGIN_DECLS

#define CS101_KEYS_IMPORT "/api/v1/courses/1/keys/import"

/* POSTs @csv as text/csv. */
RosterTestResponse *keys_import_post             (RosterTestServer   *server,
                                                  const char         *token,
                                                  const char         *path,
                                                  const char         *csv);
/* Fails with the body when the status is another. */
void                keys_import_assert_status    (RosterTestResponse *response,
                                                  guint               status);
void                keys_import_assert_error     (RosterTestResponse *response,
                                                  guint               status,
                                                  const char         *code);
/* The "error" object of an error answer. */
JsonObject         *keys_import_error            (RosterTestResponse *response);
gboolean            keys_import_body_contains    (RosterTestResponse *response,
                                                  const char         *needle);
/* Neither as written nor as compared (normalised). */
void                keys_import_assert_no_secret (RosterTestResponse *response,
                                                  const char         *secret);
/* A dry run of @csv into CS101, with @query (or NULL); asserts 200. */
JsonObject         *keys_import_dry_run          (RosterTestServer   *server,
                                                  const char         *token,
                                                  const char         *query,
                                                  const char         *csv);
JsonArray          *keys_import_rows             (JsonObject         *report);
/* counts.@outcome of a report. */
gint64              keys_import_count            (JsonObject         *report,
                                                  const char         *outcome);
/* "column:code …" of row @index of @report. */
char               *keys_import_row_codes        (JsonObject         *report,
                                                  guint               index);
/* GET /methods/{mid}/keys, asserting that no secret is in it. */
JsonArray          *keys_import_list             (RosterTestServer   *server,
                                                  const char         *token,
                                                  gint64              method_id);
guint               keys_import_count_keys       (RosterTestServer   *server,
                                                  const char         *token,
                                                  gint64              method_id);
/* The key.created records, oldest first: each its details, plus its
 * "object_id" and "course_id". */
GPtrArray          *keys_import_created_records  (RosterTestServer   *server);

G_END_DECLS
