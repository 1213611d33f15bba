/* test-server-import-util.h: what the import tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-demo.h"
#include "roster-test-server.h"

G_BEGIN_DECLS

char               *import_login             (RosterTestServer *server,
                                              const char       *username);
/* POSTs @len bytes of @data (-1: a string; NULL: no body). */
RosterTestResponse *import_post              (RosterTestServer *server,
                                              const char       *token,
                                              const char       *path,
                                              const char       *content_type,
                                              const char       *data,
                                              gssize            len);
/* Starts a job importing @csv into course @cid, with the options in
 * @query (or NULL); returns its id. */
gint64              import_submit            (RosterTestServer *server,
                                              const char       *token,
                                              gint64            cid,
                                              const char       *query,
                                              const char       *csv);
/* GET /imports/{id}, asserting 200. */
JsonObject         *import_get_job           (RosterTestServer *server,
                                              const char       *token,
                                              gint64            id);
/* The job once it has ended (done, failed or cancelled). */
JsonObject         *import_wait              (RosterTestServer *server,
                                              const char       *token,
                                              gint64            id);
/* Waits until the job, run with ROSTER_TEST_IMPORT_STALL=ID:PHASE:ROWS,
 * has checked or written @rows rows and waits there. */
void                import_wait_stalled      (RosterTestServer *server,
                                              const char       *token,
                                              gint64            id,
                                              const char       *phase,
                                              guint             rows);

guint               import_count_participants (RosterTestServer *server,
                                               const char       *token,
                                               gint64            cid);
/* Accounts found by GET /users?q=@q (as an administrator). */
guint               import_count_users       (RosterTestServer *server,
                                              const char       *admin,
                                              const char       *q);
/* Events in the audit log, of @action or (NULL) all. */
guint               import_count_audit       (RosterTestServer *server,
                                              const char       *admin,
                                              const char       *action);
/* "student,teacher": the roles of @username in course @cid. */
char               *import_participant_roles (RosterTestServer *server,
                                              const char       *token,
                                              gint64            cid,
                                              const char       *username);

const char         *import_row_outcome       (JsonArray        *rows,
                                              guint             index);
/* "column:code column:code" of a row's problems. */
char               *import_problem_codes     (JsonArray        *problems);
/* A header and @n people nobody has: PREFIX.personN (@prefix NULL:
 * "new"). */
char               *import_new_people_csv    (guint             n,
                                              const char       *prefix);

G_END_DECLS
