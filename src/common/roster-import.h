/* roster-import.h: what the columns of an import file mean, and the
 * checks every row passes before anything is stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the server (which runs imports) and the app (whose import
 * wizard shows the mapping and the problems as the user goes). Column
 * names are Moodle's "upload users" names first (username, firstname,
 * lastname, email, password, idnumber, course1…courseN, role1…,
 * group1…, enrolperiod1…, enrolstatus1…), plus type, and common
 * synonyms ("First name", "Surname", "Email address", …), compared
 * without regard to case, spaces, underscores or hyphens.
 *
 * The checks here need nothing but the file: required fields, e-mail
 * syntax, values of type/role/status/period, lengths, the number of
 * fields against the header, and duplicates inside the file. Checks
 * against the site (an e-mail that belongs to another user, unknown
 * courses and groups) are the server's; they use the same
 * RosterImportProblem.
 */

#pragma once

#include <glib.h>

#include "roster-types.h"

G_BEGIN_DECLS

typedef enum
{
  ROSTER_IMPORT_FIELD_IGNORED,
  ROSTER_IMPORT_FIELD_USERNAME,
  ROSTER_IMPORT_FIELD_FIRST_NAME,
  ROSTER_IMPORT_FIELD_LAST_NAME,
  ROSTER_IMPORT_FIELD_EMAIL,
  ROSTER_IMPORT_FIELD_PASSWORD,
  ROSTER_IMPORT_FIELD_IDNUMBER,
  ROSTER_IMPORT_FIELD_TYPE,
  ROSTER_IMPORT_FIELD_COURSE,         /* courseN: a course short name */
  ROSTER_IMPORT_FIELD_ROLE,           /* roleN */
  ROSTER_IMPORT_FIELD_GROUP,          /* groupN: a group name */
  ROSTER_IMPORT_FIELD_ENROL_PERIOD,   /* enrolperiodN: days */
  ROSTER_IMPORT_FIELD_ENROL_STATUS,   /* enrolstatusN */
} RosterImportField;

#define ROSTER_IMPORT_N_FIELDS (ROSTER_IMPORT_FIELD_ENROL_STATUS + 1)

/* The limits the row checks apply ("too_long", "invalid_period"); the
 * first three are the server's own (roster-users.h). */
#define ROSTER_IMPORT_MAX_USERNAME_CHARS  100
#define ROSTER_IMPORT_MAX_NAME_CHARS      100
#define ROSTER_IMPORT_MAX_EMAIL_BYTES     254
#define ROSTER_IMPORT_MAX_IDNUMBER_CHARS  255
#define ROSTER_IMPORT_MAX_PERIOD_DAYS     36500
/* course1 … course999: a higher number is an unknown column. */
#define ROSTER_IMPORT_MAX_SLOT            999

/* The canonical (Moodle) column name of a field, for slot N where the
 * field has slots ("course1"); the name the app shows is translated. */
char       *roster_import_field_column_name (RosterImportField  field,
                                             guint              slot);
const char *roster_import_field_label       (RosterImportField  field);
gboolean    roster_import_field_has_slots   (RosterImportField  field);

/* One problem with one row, or with the whole file (line 0). */
typedef struct
{
  guint  line;
  char  *column;    /* the file's column name, or NULL for the whole row */
  char  *code;      /* stable: "required", "invalid_email", "duplicate_email",
                     * "duplicate_username", "field_count", "invalid_type",
                     * "invalid_role", "invalid_status", "invalid_period",
                     * "too_long", "missing_column", "duplicate_column",
                     * "invalid_username", "invalid_name" (a control
                     * character), "invalid_text" (not UTF-8), "blank_row"
                     * (every cell empty: the only problem such a row has),
                     * and the server's "email_conflict", "unknown_course",
                     * "unknown_group", "not_allowed", … */
  char  *message;   /* for people, translated */
} RosterImportProblem;

RosterImportProblem *roster_import_problem_new  (guint        line,
                                                 const char  *column,
                                                 const char  *code,
                                                 const char  *message);
void                 roster_import_problem_free (RosterImportProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportProblem, roster_import_problem_free)

/* The form in which column names are compared: without regard to case,
 * Unicode form, spaces, underscores, hyphens or a trailing colon
 * ("First name", "first_name" and "FIRSTNAME:" are all "firstname").
 * For other imports' own columns too. NULL for invalid UTF-8. */
char                *roster_import_column_key   (const char  *name);
/* A value quoted in a message: long ones are cut, so a 16 MiB cell
 * does not make a 16 MiB message. */
char                *roster_import_quote_value  (const char  *value);

/* ---- the mapping of columns to fields ---- */

typedef struct _RosterImportMapping RosterImportMapping;

/* Guesses a field for every column of @header (the file's first row).
 * Columns it cannot place are ignored and listed by
 * roster_import_mapping_get_unknown(); the same field and slot twice
 * is a "duplicate_column" problem. */
RosterImportMapping *roster_import_mapping_new_from_header (const GPtrArray      *header);
RosterImportMapping *roster_import_mapping_ref            (RosterImportMapping  *self);
void                 roster_import_mapping_unref          (RosterImportMapping  *self);
guint                roster_import_mapping_get_n_columns  (RosterImportMapping  *self);
const char          *roster_import_mapping_get_name       (RosterImportMapping  *self,
                                                           guint                 column);
RosterImportField    roster_import_mapping_get_field      (RosterImportMapping  *self,
                                                           guint                 column,
                                                           guint                *slot);
/* The user's own choice, in the app's wizard. */
void                 roster_import_mapping_set_field      (RosterImportMapping  *self,
                                                           guint                 column,
                                                           RosterImportField     field,
                                                           guint                 slot);
/* Names of the columns that are ignored because nothing matched them. */
GStrv                roster_import_mapping_get_unknown    (RosterImportMapping  *self);
/* Problems with the mapping itself: a required field no column holds
 * ("missing_column": e-mail, first name and last name are required),
 * or a field held by two columns ("duplicate_column"). Empty when the
 * mapping can be used. */
GPtrArray           *roster_import_mapping_check          (RosterImportMapping  *self);
/* The highest slot any slotted column uses (2 when course2 is there). */
guint                roster_import_mapping_get_n_slots    (RosterImportMapping  *self);
/* The first column holding @field (and @slot, for a slotted field), or
 * -1: for naming the column in the server's own problems. */
gint                 roster_import_mapping_find_column    (RosterImportMapping  *self,
                                                           RosterImportField     field,
                                                           guint                 slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportMapping, roster_import_mapping_unref)

/* ---- rows ---- */

/* One enrolment a row asks for (slot N of its courseN/roleN/… columns). */
typedef struct
{
  char                  *course;        /* short name; NULL: the import's course */
  gboolean               role_set;
  RosterRole             role;
  char                  *group;         /* NULL: none */
  gint64                 period_days;   /* 0: none */
  gboolean               status_set;
  RosterEnrolmentStatus  status;
  guint                  slot;          /* N of courseN/roleN/…; 1 for the default */
} RosterImportEnrolment;

typedef struct
{
  guint            line;
  char            *username;     /* NULL when the file has none for this row */
  char            *first_name;
  char            *last_name;
  char            *email;
  char            *password;
  char            *idnumber;
  gboolean         type_set;
  RosterUserType   type;
  GPtrArray       *enrolments;   /* of RosterImportEnrolment; at least one */
  GPtrArray       *problems;     /* of RosterImportProblem; empty when valid */
} RosterImportRow;

void roster_import_row_free (RosterImportRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportRow, roster_import_row_free)

/* ---- checking rows ---- */

typedef struct _RosterImportValidator RosterImportValidator;

/* Checks rows against @mapping; it remembers the usernames and e-mail
 * addresses seen (by their identity keys, roster-text.h) to report
 * duplicates inside the file, naming the line of the first one. */
RosterImportValidator *roster_import_validator_new   (RosterImportMapping   *mapping);
void                   roster_import_validator_free  (RosterImportValidator *self);
/* Reads one data row of the file (@fields as the CSV reader gives them,
 * @line the line it starts on) into a row, with its problems. Never
 * NULL: a row that cannot be read at all still says why. */
RosterImportRow       *roster_import_validator_check (RosterImportValidator *self,
                                                      const GPtrArray       *fields,
                                                      guint                  line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterImportValidator, roster_import_validator_free)

G_END_DECLS
