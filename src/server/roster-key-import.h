/* roster-key-import.h: a file of enrolment keys, read and checked row by
 * row before any key is made
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checks are those of adding one key (POST /methods/{mid}/keys), for
 * every row at once: the nickname, the secret against the policy and
 * against the site's other keys, the group, the expiry and the number
 * of uses; duplicates inside the file too. What they find is a
 * RosterKeyImport: how the file was read, each row with its problems.
 * Making the keys is the handler's (roster-handlers-keys-import.c).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-import.h"
#include "roster-secret-box.h"
#include "roster-storage.h"

G_BEGIN_DECLS

/* Rows of keys a file may hold (a course hands out keys by the hundred,
 * not by the hundred thousand). */
#define ROSTER_KEY_IMPORT_MAX_ROWS 10000

typedef enum
{
  ROSTER_KEY_IMPORT_IGNORED,
  ROSTER_KEY_IMPORT_NICKNAME,
  ROSTER_KEY_IMPORT_SECRET,
  ROSTER_KEY_IMPORT_ACTIVE,
  ROSTER_KEY_IMPORT_GROUP,
  ROSTER_KEY_IMPORT_EXPIRES,
  ROSTER_KEY_IMPORT_MAX_USES,
} RosterKeyImportField;

#define ROSTER_KEY_IMPORT_N_FIELDS (ROSTER_KEY_IMPORT_MAX_USES + 1)

typedef enum
{
  ROSTER_KEY_IMPORT_CREATE,
  ROSTER_KEY_IMPORT_ERROR,
  ROSTER_KEY_IMPORT_SKIPPED,   /* a blank row: nothing to make */
} RosterKeyImportOutcome;

#define ROSTER_KEY_IMPORT_N_OUTCOMES (ROSTER_KEY_IMPORT_SKIPPED + 1)

/* One row of the file, as the key it asks for. */
typedef struct
{
  guint                   line;
  RosterKeyImportOutcome  outcome;
  char                   *nickname;     /* NULL when the row has none */
  gboolean                secret_chosen; /* the file has one (maybe with problems) */
  char                   *secret;       /* chosen, trimmed; NULL: generate one. Wiped when freed */
  gboolean                active;
  gint64                  group_id;     /* 0: none */
  char                   *group_name;   /* as the course spells it */
  gint64                  expires_at;   /* 0: never */
  gint64                  max_uses;     /* 0: unlimited */
  GPtrArray              *problems;     /* of RosterImportProblem */
} RosterKeyImportRow;

typedef struct
{
  char        *encoding;
  gboolean     encoding_detected;
  char         delimiter;
  gboolean     delimiter_detected;
  GPtrArray   *column_names;      /* the header, as the file has it */
  GArray      *column_fields;     /* of RosterKeyImportField, one per column */
  GStrv        unknown_columns;
  GPtrArray   *file_problems;     /* of RosterImportProblem */
  GPtrArray   *rows;              /* of RosterKeyImportRow, in file order */
  guint        counts[ROSTER_KEY_IMPORT_N_OUTCOMES];
} RosterKeyImport;

/* "nickname", …, as reports name the fields (NULL for IGNORED), and
 * "create", "error", "skipped". */
const char      *roster_key_import_field_to_string   (RosterKeyImportField    field);
const char      *roster_key_import_outcome_to_string (RosterKeyImportOutcome  outcome);

void             roster_key_import_free          (RosterKeyImport  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterKeyImport, roster_key_import_free)

/* Reads @file (in @encoding with @delimiter, or detected when NULL and
 * '\0') and checks every row for a key of @method (a self method) at
 * time @now. Problems with the file or its rows are in the result, never
 * an error; errors are faults of the storage, and a VALIDATION error for
 * a file of more than ROSTER_KEY_IMPORT_MAX_ROWS rows. */
RosterKeyImport *roster_key_import_check         (RosterStorage    *storage,
                                                  RosterSecretBox  *box,
                                                  RosterMethod     *method,
                                                  GBytes           *file,
                                                  const char       *encoding,
                                                  char              delimiter,
                                                  gint64            now,
                                                  GError          **error);

/* Whether anything stops the keys from being made: a problem with the
 * file (one without a key to make is "empty") or a row with problems. */
gboolean         roster_key_import_has_problems  (RosterKeyImport  *self);

/* roster-key-import-report.c: */

/* The report: {dry_run, method_id, file, rows_total, counts, rows};
 * never a secret. */
JsonNode        *roster_key_import_to_json       (RosterKeyImport  *self,
                                                  gint64            method_id,
                                                  gboolean          dry_run);
/* Every problem, the file's first, as [{line, column, code, message}]. */
JsonArray       *roster_key_import_problems      (RosterKeyImport  *self);

G_END_DECLS
