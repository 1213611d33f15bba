/* roster-sqlite-schema.c: the SQLite schema, as numbered migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A migration is never edited once released: a change to the schema is a
 * new entry at the end. PRAGMA user_version records how far a database
 * has come.
 */

#include "config.h"

#include "roster-sqlite-private.h"

static const char migration_1[] =
  "CREATE TABLE departments ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL UNIQUE"
  ");"

  /* username_key and email_key hold roster_text_identity_key() of the
   * visible values: uniqueness is case-insensitive for every script. An
   * erased user keeps neither (see erased_email_hash). */
  "CREATE TABLE users ("
  "  id                INTEGER PRIMARY KEY,"
  "  username          TEXT NOT NULL,"
  "  username_key      TEXT NOT NULL UNIQUE,"
  "  email             TEXT,"
  "  email_key         TEXT UNIQUE,"
  "  first_name        TEXT NOT NULL DEFAULT '',"
  "  last_name         TEXT NOT NULL DEFAULT '',"
  "  idnumber          TEXT,"
  "  search_key        TEXT NOT NULL DEFAULT '',"
  "  type              TEXT NOT NULL CHECK (type IN ('staff', 'student', 'external')),"
  "  state             TEXT NOT NULL CHECK (state IN ('pending', 'active', 'suspended', 'erased')),"
  "  password_hash     TEXT,"
  "  site_admin        INTEGER NOT NULL DEFAULT 0 CHECK (site_admin IN (0, 1)),"
  "  failed_logins     INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),"
  "  locked_until      INTEGER NOT NULL DEFAULT 0,"
  "  created_at        INTEGER NOT NULL,"
  "  last_access       INTEGER NOT NULL DEFAULT 0,"
  "  erased_email_hash TEXT"
  ");"
  "CREATE INDEX users_state ON users (state);"

  "CREATE TABLE courses ("
  "  id                 INTEGER PRIMARY KEY,"
  "  short_name         TEXT NOT NULL UNIQUE,"
  "  full_name          TEXT NOT NULL,"
  "  search_key         TEXT NOT NULL DEFAULT '',"
  "  department_id      INTEGER REFERENCES departments (id) ON DELETE SET NULL,"
  "  group_mode         TEXT NOT NULL DEFAULT 'none' CHECK (group_mode IN ('none', 'separate', 'visible')),"
  "  group_mode_forced  INTEGER NOT NULL DEFAULT 0 CHECK (group_mode_forced IN (0, 1)),"
  "  created_at         INTEGER NOT NULL"
  ");"

  "CREATE TABLE enrol_methods ("
  "  id               INTEGER PRIMARY KEY,"
  "  course_id        INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  type             TEXT NOT NULL CHECK (type IN ('manual', 'self', 'guest')),"
  "  sort_order       INTEGER NOT NULL,"
  "  name             TEXT,"
  "  enabled          INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),"
  "  default_role     TEXT NOT NULL DEFAULT 'guest' CHECK (default_role IN"
  "                     ('module_leader', 'teacher', 'professional_staff', 'student', 'guest', 'external_moderator')),"
  "  enrol_start      INTEGER NOT NULL DEFAULT 0,"
  "  enrol_end        INTEGER NOT NULL DEFAULT 0,"
  "  enrol_duration   INTEGER NOT NULL DEFAULT 0 CHECK (enrol_duration >= 0),"
  "  max_enrolled     INTEGER NOT NULL DEFAULT 0 CHECK (max_enrolled >= 0),"
  "  welcome_message  TEXT,"
  "  notify_admins    INTEGER NOT NULL DEFAULT 0 CHECK (notify_admins IN (0, 1)),"
  "  created_at       INTEGER NOT NULL"
  ");"
  "CREATE INDEX enrol_methods_course ON enrol_methods (course_id, sort_order);"

  "CREATE TABLE groups ("
  "  id          INTEGER PRIMARY KEY,"
  "  course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  name        TEXT NOT NULL,"
  "  description TEXT,"
  "  created_at  INTEGER NOT NULL,"
  "  UNIQUE (course_id, name)"
  ");"

  /* The secret is sealed with the server key (AES-256-GCM); the lookup
   * column is a keyed hash of it, so sign-up finds the key without
   * decrypting every row and a dump reveals nothing. */
  "CREATE TABLE enrol_keys ("
  "  id             INTEGER PRIMARY KEY,"
  "  method_id      INTEGER NOT NULL REFERENCES enrol_methods (id) ON DELETE CASCADE,"
  "  nickname       TEXT NOT NULL,"
  "  secret_sealed  BLOB NOT NULL,"
  "  secret_lookup  TEXT NOT NULL UNIQUE,"
  "  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  group_id       INTEGER REFERENCES groups (id) ON DELETE SET NULL,"
  "  expires_at     INTEGER NOT NULL DEFAULT 0,"
  "  max_uses       INTEGER NOT NULL DEFAULT 0 CHECK (max_uses >= 0),"
  "  uses           INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),"
  "  created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  created_at     INTEGER NOT NULL,"
  "  UNIQUE (method_id, nickname)"
  ");"

  "CREATE TABLE enrolments ("
  "  id            INTEGER PRIMARY KEY,"
  "  course_id     INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  role          TEXT NOT NULL CHECK (role IN"
  "                  ('module_leader', 'teacher', 'professional_staff', 'student', 'guest', 'external_moderator')),"
  "  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),"
  "  start_at      INTEGER NOT NULL DEFAULT 0,"
  "  end_at        INTEGER NOT NULL DEFAULT 0,"
  "  method_id     INTEGER REFERENCES enrol_methods (id) ON DELETE SET NULL,"
  "  key_id        INTEGER REFERENCES enrol_keys (id) ON DELETE SET NULL,"
  "  key_nickname  TEXT,"
  "  created_at    INTEGER NOT NULL,"
  "  UNIQUE (course_id, user_id)"
  ");"
  "CREATE INDEX enrolments_user ON enrolments (user_id);"
  "CREATE INDEX enrolments_method ON enrolments (method_id);"

  "CREATE TABLE group_members ("
  "  group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,"
  "  user_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  added_at  INTEGER NOT NULL,"
  "  PRIMARY KEY (group_id, user_id)"
  ");"
  "CREATE INDEX group_members_user ON group_members (user_id);"

  "CREATE TABLE assignments ("
  "  id          INTEGER PRIMARY KEY,"
  "  course_id   INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  name        TEXT NOT NULL,"
  "  group_mode  TEXT NOT NULL DEFAULT 'none' CHECK (group_mode IN ('none', 'separate', 'visible')),"
  "  due_at      INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL"
  ");"
  "CREATE INDEX assignments_course ON assignments (course_id);"

  "CREATE TABLE submissions ("
  "  id             INTEGER PRIMARY KEY,"
  "  assignment_id  INTEGER NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,"
  "  user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  status         TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'graded')),"
  "  submitted_at   INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (assignment_id, user_id)"
  ");"

  /* Only the SHA-256 of a bearer token is ever stored. */
  "CREATE TABLE auth_tokens ("
  "  id            INTEGER PRIMARY KEY,"
  "  token_hash    TEXT NOT NULL UNIQUE,"
  "  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at    INTEGER NOT NULL,"
  "  expires_at    INTEGER NOT NULL"
  ");"
  "CREATE INDEX auth_tokens_user ON auth_tokens (user_id);"
  "CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);"

  /* No foreign keys: the audit trail outlives what it talks about. */
  "CREATE TABLE audit_events ("
  "  id              INTEGER PRIMARY KEY,"
  "  at              INTEGER NOT NULL,"
  "  actor_id        INTEGER,"
  "  action          TEXT NOT NULL,"
  "  course_id       INTEGER,"
  "  target_user_id  INTEGER,"
  "  object_type     TEXT,"
  "  object_id       INTEGER,"
  "  remote_address  TEXT,"
  "  details         TEXT"
  ");"
  "CREATE INDEX audit_events_at ON audit_events (at);"
  "CREATE INDEX audit_events_course ON audit_events (course_id, id);"
  "CREATE INDEX audit_events_actor ON audit_events (actor_id, id);"
  "CREATE INDEX audit_events_target ON audit_events (target_user_id, id);";

/* Requests from people to have their account removed (GDPR), made on
 * the web account page and handled by administrators. */
static const char migration_2[] =
  "CREATE TABLE removal_requests ("
  "  id              INTEGER PRIMARY KEY,"
  "  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  requested_at    INTEGER NOT NULL,"
  "  reason          TEXT,"
  "  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'declined', 'erased')),"
  "  decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  decided_at      INTEGER NOT NULL DEFAULT 0,"
  "  decision_reason TEXT"
  ");"
  "CREATE INDEX removal_requests_status ON removal_requests (status, requested_at);"
  "CREATE INDEX removal_requests_user ON removal_requests (user_id);"
  "CREATE INDEX audit_events_action ON audit_events (action, id);"
  "CREATE INDEX enrolments_course_created ON enrolments (course_id, created_at);"
  "CREATE INDEX enrolments_key ON enrolments (key_id);";

/* Import jobs and their per-row reports (roster-sqlite-imports.c). */
static const char migration_3[] =
  "CREATE TABLE import_jobs ("
  "  id            INTEGER PRIMARY KEY,"
  "  course_id     INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,"
  "  created_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  started_at    INTEGER NOT NULL DEFAULT 0,"
  "  finished_at   INTEGER NOT NULL DEFAULT 0,"
  "  state         TEXT NOT NULL DEFAULT 'queued'"
  "                  CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),"
  "  rows_total    INTEGER NOT NULL DEFAULT 0,"
  "  rows_done     INTEGER NOT NULL DEFAULT 0,"
  "  n_create      INTEGER NOT NULL DEFAULT 0,"
  "  n_update      INTEGER NOT NULL DEFAULT 0,"
  "  n_enrol       INTEGER NOT NULL DEFAULT 0,"
  "  n_unchanged   INTEGER NOT NULL DEFAULT 0,"
  "  n_skipped     INTEGER NOT NULL DEFAULT 0,"
  "  n_error       INTEGER NOT NULL DEFAULT 0,"
  "  file_name     TEXT,"
  "  options       TEXT,"
  "  file_info     TEXT,"
  "  error         TEXT"
  ");"
  "CREATE INDEX import_jobs_course ON import_jobs (course_id, id);"
  "CREATE INDEX import_jobs_state ON import_jobs (state);"

  /* username and email as the file had them: personal data, which
   * erasing the person clears. */
  "CREATE TABLE import_rows ("
  "  job_id    INTEGER NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,"
  "  line      INTEGER NOT NULL,"
  "  outcome   TEXT NOT NULL CHECK (outcome IN ('create', 'update', 'enrol', 'unchanged', 'skipped', 'error')),"
  "  user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  username  TEXT,"
  "  email     TEXT,"
  "  problems  TEXT,"
  "  PRIMARY KEY (job_id, line)"
  ") WITHOUT ROWID;"
  "CREATE INDEX import_rows_user ON import_rows (user_id);";

/* External users (roster-sqlite-signup.c) and outgoing mail
 * (roster-sqlite-mail.c). */
static const char migration_4[] =
  /* Mail waiting to go, and what became of it. A message is queued in
   * the same transaction as what it tells of, and is written out (in
   * the recipient's words, with its links) when it is sent: params is
   * a JSON object for its kind. Once sent or given up, params is
   * cleared: it may hold a link's token and a person's name. user_id is
   * the recipient's account; about_user_id the person a notification
   * tells of. Erasing either deletes the row. */
  "CREATE TABLE mail_outbox ("
  "  id               INTEGER PRIMARY KEY,"
  "  kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'welcome', 'reset', 'notify_enrolment')),"
  "  user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  about_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  recipient        TEXT NOT NULL,"
  "  recipient_name   TEXT,"
  "  params           TEXT,"
  "  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),"
  "  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  created_at       INTEGER NOT NULL,"
  "  next_attempt_at  INTEGER NOT NULL,"
  "  sent_at          INTEGER NOT NULL DEFAULT 0,"
  "  last_error       TEXT"
  ");"
  "CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);"
  "CREATE INDEX mail_outbox_user ON mail_outbox (user_id);"
  "CREATE INDEX mail_outbox_about ON mail_outbox (about_user_id);"

  /* Single-use links sent by mail (confirm an account, reset a
   * password): only the SHA-256 of the token is stored. */
  "CREATE TABLE mail_tokens ("
  "  id          INTEGER PRIMARY KEY,"
  "  token_hash  TEXT NOT NULL UNIQUE,"
  "  purpose     TEXT NOT NULL CHECK (purpose IN ('confirm', 'reset')),"
  "  user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  created_at  INTEGER NOT NULL,"
  "  expires_at  INTEGER NOT NULL,"
  "  used_at     INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX mail_tokens_user ON mail_tokens (user_id, purpose);"

  /* What a pending account waits for: the enrolments its sign-ups
   * asked for, each through a key, made when the account is confirmed
   * (or activated by an administrator). */
  "CREATE TABLE signups ("
  "  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  key_id          INTEGER NOT NULL REFERENCES enrol_keys (id) ON DELETE CASCADE,"
  "  created_at      INTEGER NOT NULL,"
  "  remote_address  TEXT,"
  "  PRIMARY KEY (user_id, key_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX signups_key ON signups (key_id);"
  "CREATE INDEX users_pending_created ON users (state, created_at);";

/* Invitations to the accounts an import makes (roster-importer.c): a
 * fifth kind of mail. SQLite cannot change a CHECK in place, so the
 * outbox is copied into a new table; nothing refers to it. The link is
 * a 'reset' token: following it is choosing a password. */
static const char migration_5[] =
  "CREATE TABLE mail_outbox_5 ("
  "  id               INTEGER PRIMARY KEY,"
  "  kind             TEXT NOT NULL CHECK (kind IN ('confirm', 'welcome', 'reset', 'notify_enrolment',"
  "                                                 'invite')),"
  "  user_id          INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  about_user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  recipient        TEXT NOT NULL,"
  "  recipient_name   TEXT,"
  "  params           TEXT,"
  "  state            TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),"
  "  attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),"
  "  created_at       INTEGER NOT NULL,"
  "  next_attempt_at  INTEGER NOT NULL,"
  "  sent_at          INTEGER NOT NULL DEFAULT 0,"
  "  last_error       TEXT"
  ");"
  "INSERT INTO mail_outbox_5 (id, kind, user_id, about_user_id, recipient, recipient_name, params, state,"
  "  attempts, created_at, next_attempt_at, sent_at, last_error)"
  " SELECT id, kind, user_id, about_user_id, recipient, recipient_name, params, state, attempts, created_at,"
  "  next_attempt_at, sent_at, last_error FROM mail_outbox;"
  "DROP TABLE mail_outbox;"
  "ALTER TABLE mail_outbox_5 RENAME TO mail_outbox;"
  "CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);"
  "CREATE INDEX mail_outbox_user ON mail_outbox (user_id);"
  "CREATE INDEX mail_outbox_about ON mail_outbox (about_user_id);";

/* The owner of an import job, the number of the server process that
 * runs it: PostgreSQL's (roster-pg-schema.c), kept here so that both
 * drivers have the same migrations. SQLite has one server per database,
 * which owns every job: the column stays empty. */
static const char migration_6[] =
  "ALTER TABLE import_jobs ADD COLUMN owner INTEGER;";

const char * const roster_sqlite_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
};

const guint roster_sqlite_n_migrations = G_N_ELEMENTS (roster_sqlite_migrations);
