/* storage-fixture.h: what the SQLite storage tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test gets a fresh database in a temporary directory of its own;
 * the helpers assert that their call succeeded, so the tests can stay
 * about what they check.
 */

#pragma once

#include <glib.h>

#include "roster-storage.h"

G_BEGIN_DECLS

/* A fixed "now" for everything the storage is told the time of. */
#define NOW G_GINT64_CONSTANT (1700000000)

#define HASH "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

typedef struct
{
  char          *dir;
  char          *path;
  RosterStorage *storage;
} Fixture;

void               storage_fixture_set_up          (Fixture       *fixture,
                                                    gconstpointer  user_data);
void               storage_fixture_tear_down       (Fixture       *fixture,
                                                    gconstpointer  user_data);
/* Closes the storage and opens the same database again. */
void               storage_fixture_reopen          (Fixture       *fixture);

/* Appends a user with the password hash HASH, created at NOW - 1000;
 * returns the row, for changes to the rest of it before the next one is
 * appended. */
RosterDatasetUser *storage_fixture_add_user        (RosterDataset   *dataset,
                                                    gint64           id,
                                                    const char      *username,
                                                    const char      *email,
                                                    const char      *first_name,
                                                    const char      *last_name,
                                                    RosterUserType   type,
                                                    RosterUserState  state);

gint64             storage_fixture_count_users     (RosterStorage *storage);
/* An active staff member with the password hash HASH; returns the id. */
gint64             storage_fixture_create_user     (RosterStorage *storage,
                                                    const char    *username,
                                                    const char    *email);
GPtrArray         *storage_fixture_list_audit      (RosterStorage *storage,
                                                    gint64         user_id,
                                                    const char    *action);
/* The number of audit events with @action about @user_id (0: anybody). */
guint              storage_fixture_count_audit     (RosterStorage *storage,
                                                    gint64         user_id,
                                                    const char    *action);
/* Logs a "test.note" event about @target_user_id (0: nobody). */
void               storage_fixture_append_note     (RosterStorage *storage,
                                                    gint64         target_user_id,
                                                    const char    *details);
RosterCredentials *storage_fixture_get_credentials (RosterStorage *storage,
                                                    const char    *username);
/* Signs @user_id in at NOW with a session that does not run out; returns
 * the session's token hash, which @name makes unique. */
char              *storage_fixture_give_token      (RosterStorage *storage,
                                                    gint64         user_id,
                                                    const char    *name);
/* Whether the session of @hash still finds its user at NOW. */
gboolean           storage_fixture_token_works     (RosterStorage *storage,
                                                    const char    *hash);

G_END_DECLS
