/* roster-import-validator.c: the checks every row of an import file
 * passes (the values its cells may hold are in roster-import-values.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "roster-import.h"
#include "roster-import-private.h"

/* ---- rows ---- */

static void
enrolment_free (RosterImportEnrolment *enrolment)
{
  g_free (enrolment->course);
  g_free (enrolment->group);
  g_free (enrolment);
}

void
roster_import_row_free (RosterImportRow *row)
{
  if (row == NULL)
    return;

  g_free (row->username);
  g_free (row->first_name);
  g_free (row->last_name);
  g_free (row->email);
  if (row->password != NULL)
    {
      memset (row->password, 0, strlen (row->password));
      g_free (row->password);
    }
  g_free (row->idnumber);
  g_clear_pointer (&row->enrolments, g_ptr_array_unref);
  g_clear_pointer (&row->problems, g_ptr_array_unref);
  g_free (row);
}

/* ---- the validator ---- */

#define N_SLOT_FIELDS (ROSTER_IMPORT_FIELD_ENROL_STATUS - ROSTER_IMPORT_FIELD_COURSE + 1)

typedef struct
{
  guint slot;
  gint  columns[N_SLOT_FIELDS];   /* course, role, group, period, status; -1: none */
} SlotColumns;

struct _RosterImportValidator
{
  RosterImportMapping *mapping;
  guint                n_columns;
  gint                 columns[ROSTER_IMPORT_N_FIELDS];   /* of the unslotted fields; -1: none */
  char                *missing_names[ROSTER_IMPORT_N_FIELDS];
  GArray              *slots;       /* of SlotColumns, by slot */
  GHashTable          *emails;      /* identity key → first line */
  GHashTable          *usernames;
};

static gint
compare_slots (gconstpointer a,
               gconstpointer b)
{
  const SlotColumns *slot_a = a;
  const SlotColumns *slot_b = b;

  return (slot_a->slot > slot_b->slot) - (slot_a->slot < slot_b->slot);
}

/* Reads @mapping as it is now: later changes to it do not reach this
 * validator. Where two columns hold one field, the first is read
 * (roster_import_mapping_check() reports the other). */
RosterImportValidator *
roster_import_validator_new (RosterImportMapping *mapping)
{
  RosterImportValidator *self;
  g_autoptr(GHashTable) slot_index = NULL;

  g_return_val_if_fail (mapping != NULL, NULL);

  self = g_new0 (RosterImportValidator, 1);
  self->mapping = roster_import_mapping_ref (mapping);
  self->n_columns = roster_import_mapping_get_n_columns (mapping);
  self->slots = g_array_new (FALSE, FALSE, sizeof (SlotColumns));
  self->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->usernames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    self->columns[i] = -1;

  slot_index = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->n_columns; i++)
    {
      guint slot;
      RosterImportField field = roster_import_mapping_get_field (mapping, i, &slot);
      gpointer index;
      SlotColumns *slot_columns;

      if (field == ROSTER_IMPORT_FIELD_IGNORED)
        continue;

      if (!roster_import_field_has_slots (field))
        {
          if (self->columns[field] < 0)
            self->columns[field] = (gint) i;
          continue;
        }

      if (!g_hash_table_lookup_extended (slot_index, GUINT_TO_POINTER (slot), NULL, &index))
        {
          SlotColumns empty = { slot, { -1, -1, -1, -1, -1 } };

          G_STATIC_ASSERT (N_SLOT_FIELDS == 5);
          index = GUINT_TO_POINTER (self->slots->len);
          g_array_append_val (self->slots, empty);
          g_hash_table_insert (slot_index, GUINT_TO_POINTER (slot), index);
        }
      slot_columns = &g_array_index (self->slots, SlotColumns, GPOINTER_TO_UINT (index));
      if (slot_columns->columns[field - ROSTER_IMPORT_FIELD_COURSE] < 0)
        slot_columns->columns[field - ROSTER_IMPORT_FIELD_COURSE] = (gint) i;
    }
  g_array_sort (self->slots, compare_slots);

  for (guint i = 1; i < ROSTER_IMPORT_N_FIELDS; i++)
    {
      if (self->columns[i] < 0 && !roster_import_field_has_slots (i))
        self->missing_names[i] = roster_import_field_column_name (i, 0);
    }

  return self;
}

void
roster_import_validator_free (RosterImportValidator *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < ROSTER_IMPORT_N_FIELDS; i++)
    g_free (self->missing_names[i]);
  g_array_unref (self->slots);
  g_hash_table_unref (self->emails);
  g_hash_table_unref (self->usernames);
  roster_import_mapping_unref (self->mapping);
  g_free (self);
}

/* The name problems give a column: the file's, or Moodle's when the
 * file has no column for the field at all. */
static const char *
column_name (RosterImportValidator *self,
             gint                   column,
             RosterImportField      field)
{
  if (column >= 0)
    return roster_import_mapping_get_name (self->mapping, (guint) column);

  return self->missing_names[field];
}

typedef enum
{
  CELL_EMPTY,     /* blank, or not in the row */
  CELL_VALUE,
  CELL_INVALID,   /* not UTF-8 */
} CellKind;

/* Finds the cell with white space of any script trimmed from both ends. */
static CellKind
find_value (const GPtrArray  *fields,
            gint              column,
            const char      **start,
            gsize            *length)
{
  const char *cell, *end;

  if (column < 0 || (guint) column >= fields->len)
    return CELL_EMPTY;
  cell = g_ptr_array_index ((GPtrArray *) fields, column);
  if (cell == NULL)
    return CELL_EMPTY;
  /* Walking invalid UTF-8 could step over the end of the string. */
  if (!g_utf8_validate (cell, -1, &end))
    return CELL_INVALID;

  while (*cell != '\0' && g_unichar_isspace (g_utf8_get_char (cell)))
    cell = g_utf8_next_char (cell);
  while (end > cell)
    {
      const char *prev = g_utf8_find_prev_char (cell, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }

  *start = cell;
  *length = end - cell;
  return end > cell ? CELL_VALUE : CELL_EMPTY;
}

/* The trimmed value of a cell, or NULL when it is not given. Text that
 * is not UTF-8 (the CSV reader never gives any) is a problem, not a
 * value. */
static char *
take_value (RosterImportValidator *self,
            RosterImportRow       *row,
            const GPtrArray       *fields,
            gint                   column,
            RosterImportField      field)
{
  const char *start;
  gsize length;
  CellKind kind = find_value (fields, column, &start, &length);

  if (kind == CELL_EMPTY)
    return NULL;

  if (kind == CELL_INVALID)
    {
      roster_import_add_problem (row->problems, row->line, column_name (self, column, field),
                                 "invalid_text",
                                 g_strdup (_("The cell holds bytes that are not text in the file’s "
                                             "encoding.")));
      return NULL;
    }

  return g_strndup (start, length);
}

/* The value of an unslotted field. */
static char *
take_field (RosterImportValidator *self,
            RosterImportRow       *row,
            const GPtrArray       *fields,
            RosterImportField      field)
{
  return take_value (self, row, fields, self->columns[field], field);
}

static gboolean
row_is_blank (const GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *start;
      gsize length;

      if (find_value (fields, (gint) i, &start, &length) != CELL_EMPTY)
        return FALSE;
    }

  return TRUE;
}

static void
check_required (RosterImportValidator *self,
                RosterImportRow       *row,
                const char            *value,
                RosterImportField      field)
{
  if (value != NULL)
    return;

  /* TRANSLATORS: %s is a column name of the file ("email"). */
  roster_import_add_problem (row->problems, row->line, column_name (self, self->columns[field], field),
                             "required",
                             g_strdup_printf (_("“%s” is empty; every row needs a value there."),
                                              column_name (self, self->columns[field], field)));
}

static void
check_too_long (RosterImportValidator *self,
                RosterImportRow       *row,
                const char            *value,
                RosterImportField      field,
                guint                  max_chars)
{
  const char *name = column_name (self, self->columns[field], field);

  if (value == NULL || !roster_import_is_longer_than (value, max_chars))
    return;

  /* TRANSLATORS: %s is a column name of the file ("lastname"). */
  roster_import_add_problem (row->problems, row->line, name, "too_long",
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "“%s” may have at most %u character.",
                                                           "“%s” may have at most %u characters.",
                                                           max_chars),
                                              name, max_chars));
}

static void
check_name (RosterImportValidator *self,
            RosterImportRow       *row,
            const char            *value,
            RosterImportField      field)
{
  const char *name = column_name (self, self->columns[field], field);

  check_required (self, row, value, field);
  check_too_long (self, row, value, field, ROSTER_IMPORT_MAX_NAME_CHARS);
  if (value != NULL && roster_import_has_control (value))
    roster_import_add_problem (row->problems, row->line, name, "invalid_name",
                               /* TRANSLATORS: %s is a column name ("firstname"). */
                               g_strdup_printf (_("“%s” holds a line break or another control "
                                                  "character."), name));
}

/* Remembers the first line of @key; FALSE, with that line, when an
 * earlier row had it. Takes @key. */
static gboolean
remember (GHashTable *seen,
          char       *key,
          guint       line,
          guint      *first_line)
{
  gpointer value;

  if (g_hash_table_lookup_extended (seen, key, NULL, &value))
    {
      *first_line = GPOINTER_TO_UINT (value);
      g_free (key);
      return FALSE;
    }

  g_hash_table_insert (seen, key, GUINT_TO_POINTER (line));
  return TRUE;
}

/* The first row with an address keeps it, valid or not otherwise, so
 * mending that row never turns a later one into a duplicate. */
static void
check_email (RosterImportValidator *self,
             RosterImportRow       *row)
{
  const char *name = column_name (self, self->columns[ROSTER_IMPORT_FIELD_EMAIL], ROSTER_IMPORT_FIELD_EMAIL);
  gboolean ascii;
  guint first_line;
  g_autofree char *quoted = NULL;

  check_required (self, row, row->email, ROSTER_IMPORT_FIELD_EMAIL);
  if (row->email == NULL)
    return;

  if (strlen (row->email) > ROSTER_IMPORT_MAX_EMAIL_BYTES)
    {
      /* TRANSLATORS: %s is a column name ("email"). */
      roster_import_add_problem (row->problems, row->line, name, "too_long",
                                 g_strdup_printf (_("The e-mail address in “%s” is longer than the %d "
                                                    "characters an address may have."),
                                                  name, ROSTER_IMPORT_MAX_EMAIL_BYTES));
      return;
    }

  quoted = roster_import_quote_value (row->email);
  if (!roster_import_is_email (row->email, &ascii))
    {
      roster_import_add_problem (row->problems, row->line, name, "invalid_email",
                                 g_strdup_printf (_("“%s” is not an e-mail address: it needs one “@” "
                                                    "with a name before it, a domain with a dot after "
                                                    "it, and no spaces."), quoted));
      return;
    }

  if (!remember (self->emails, roster_import_identity_key (row->email, ascii), row->line, &first_line))
    roster_import_add_problem (row->problems, row->line, name, "duplicate_email",
                               /* TRANSLATORS: %s is an e-mail address, %u a line of the file. */
                               g_strdup_printf (_("The e-mail address “%s” is already on line %u; "
                                                  "each person may be in the file once."),
                                                quoted, first_line));
}

static void
check_username (RosterImportValidator *self,
                RosterImportRow       *row)
{
  const char *name = column_name (self, self->columns[ROSTER_IMPORT_FIELD_USERNAME],
                                  ROSTER_IMPORT_FIELD_USERNAME);
  g_autofree char *key = NULL;
  g_autofree char *quoted = NULL;
  gboolean ascii;
  guint first_line;

  if (row->username == NULL)
    return;

  if (roster_import_is_longer_than (row->username, ROSTER_IMPORT_MAX_USERNAME_CHARS))
    {
      check_too_long (self, row, row->username, ROSTER_IMPORT_FIELD_USERNAME, ROSTER_IMPORT_MAX_USERNAME_CHARS);
      return;
    }

  quoted = roster_import_quote_value (row->username);
  if (roster_import_has_space_or_control (row->username, &ascii))
    {
      roster_import_add_problem (row->problems, row->line, name, "invalid_username",
                                 g_strdup_printf (_("The username “%s” has spaces or invisible characters "
                                                    "in it."), quoted));
      return;
    }

  key = roster_import_identity_key (row->username, ascii);
  if (key == NULL || g_str_has_prefix (key, "erased-"))
    {
      /* TRANSLATORS: the first %s is a username, the second "erased-". */
      roster_import_add_problem (row->problems, row->line, name, "invalid_username",
                                 g_strdup_printf (_("The username “%s” may not be used: names starting "
                                                    "with “%s” are kept for erased accounts."),
                                                  quoted, "erased-"));
      return;
    }

  if (!remember (self->usernames, g_steal_pointer (&key), row->line, &first_line))
    roster_import_add_problem (row->problems, row->line, name, "duplicate_username",
                               /* TRANSLATORS: %s is a username, %u a line of the file. */
                               g_strdup_printf (_("The username “%s” is already on line %u."),
                                                quoted, first_line));
}

static void
check_type (RosterImportValidator *self,
            RosterImportRow       *row,
            const GPtrArray       *fields)
{
  const char *name = column_name (self, self->columns[ROSTER_IMPORT_FIELD_TYPE], ROSTER_IMPORT_FIELD_TYPE);
  g_autofree char *value = take_field (self, row, fields, ROSTER_IMPORT_FIELD_TYPE);
  g_autofree char *quoted = NULL;

  if (value == NULL)
    return;

  row->type_set = roster_import_parse_type (value, &row->type);
  if (row->type_set)
    return;

  quoted = roster_import_quote_value (value);
  roster_import_add_problem (row->problems, row->line, name, "invalid_type",
                             g_strdup_printf (_("“%s” is not a user type: write staff, student or "
                                                "external."), quoted));
}

/* Reads slot @slot_columns of the row; NULL when all its cells are
 * empty. */
static RosterImportEnrolment *
read_enrolment (RosterImportValidator *self,
                RosterImportRow       *row,
                const GPtrArray       *fields,
                const SlotColumns     *slot_columns)
{
  const gint *columns = slot_columns->columns;
  const char *role_column = column_name (self, columns[1], ROSTER_IMPORT_FIELD_ROLE);
  const char *period_column = column_name (self, columns[3], ROSTER_IMPORT_FIELD_ENROL_PERIOD);
  const char *status_column = column_name (self, columns[4], ROSTER_IMPORT_FIELD_ENROL_STATUS);
  g_autofree char *role = NULL;
  g_autofree char *period = NULL;
  g_autofree char *status = NULL;
  g_autofree char *quoted = NULL;
  RosterImportEnrolment *enrolment;

  enrolment = g_new0 (RosterImportEnrolment, 1);
  enrolment->slot = slot_columns->slot;
  enrolment->course = take_value (self, row, fields, columns[0], ROSTER_IMPORT_FIELD_COURSE);
  role = take_value (self, row, fields, columns[1], ROSTER_IMPORT_FIELD_ROLE);
  enrolment->group = take_value (self, row, fields, columns[2], ROSTER_IMPORT_FIELD_GROUP);
  period = take_value (self, row, fields, columns[3], ROSTER_IMPORT_FIELD_ENROL_PERIOD);
  status = take_value (self, row, fields, columns[4], ROSTER_IMPORT_FIELD_ENROL_STATUS);

  if (enrolment->course == NULL && role == NULL && enrolment->group == NULL &&
      period == NULL && status == NULL)
    {
      enrolment_free (enrolment);
      return NULL;
    }

  if (role != NULL)
    {
      enrolment->role_set = roster_import_parse_role (role, &enrolment->role);
      quoted = roster_import_quote_value (role);
      if (!enrolment->role_set)
        roster_import_add_problem (row->problems, row->line, role_column, "invalid_role",
                                   g_strdup_printf (_("“%s” is not a role: write student, teacher, "
                                                      "module leader, professional staff, guest or "
                                                      "external moderator."), quoted));
      g_clear_pointer (&quoted, g_free);
    }

  if (period != NULL && !roster_import_parse_period (period, &enrolment->period_days))
    {
      quoted = roster_import_quote_value (period);
      roster_import_add_problem (row->problems, row->line, period_column, "invalid_period",
                                 g_strdup_printf (_("“%s” is not an enrolment period: write a number "
                                                    "of days from 1 to %d, such as “30”, or of weeks, "
                                                    "such as “4w”."),
                                                  quoted, ROSTER_IMPORT_MAX_PERIOD_DAYS));
      g_clear_pointer (&quoted, g_free);
    }

  if (status != NULL)
    {
      enrolment->status_set = roster_import_parse_status (status, &enrolment->status);
      quoted = roster_import_quote_value (status);
      if (!enrolment->status_set)
        roster_import_add_problem (row->problems, row->line, status_column, "invalid_status",
                                   g_strdup_printf (_("“%s” is not an enrolment status: write active "
                                                      "(or 0) or suspended (or 1)."), quoted));
    }

  return enrolment;
}

static void
read_enrolments (RosterImportValidator *self,
                 RosterImportRow       *row,
                 const GPtrArray       *fields)
{
  for (guint i = 0; i < self->slots->len; i++)
    {
      RosterImportEnrolment *enrolment =
        read_enrolment (self, row, fields, &g_array_index (self->slots, SlotColumns, i));

      if (enrolment != NULL)
        g_ptr_array_add (row->enrolments, enrolment);
    }

  /* No course named: the import's own course, with the defaults. */
  if (row->enrolments->len == 0)
    {
      RosterImportEnrolment *enrolment = g_new0 (RosterImportEnrolment, 1);

      enrolment->slot = 1;
      g_ptr_array_add (row->enrolments, enrolment);
    }
}

RosterImportRow *
roster_import_validator_check (RosterImportValidator *self,
                               const GPtrArray       *fields,
                               guint                  line)
{
  g_autoptr(RosterImportRow) row = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  row = g_new0 (RosterImportRow, 1);
  row->line = line;
  row->enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) enrolment_free);
  row->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);

  /* A spreadsheet's emptied rows (";;;;") are one problem, not one per
   * required column. */
  if (row_is_blank (fields))
    {
      roster_import_add_problem (row->problems, line, NULL, "blank_row",
                                 g_strdup (_("The row is empty.")));
      read_enrolments (self, row, fields);
      return g_steal_pointer (&row);
    }

  if (fields->len != self->n_columns)
    roster_import_add_problem (row->problems, line, NULL, "field_count",
                               /* TRANSLATORS: numbers of fields (cells) in a row. */
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "The row has %u field where the header "
                                                             "has %u; a separator may be missing or "
                                                             "extra.",
                                                             "The row has %u fields where the header "
                                                             "has %u; a separator may be missing or "
                                                             "extra.",
                                                             fields->len),
                                                fields->len, self->n_columns));

  row->username = take_field (self, row, fields, ROSTER_IMPORT_FIELD_USERNAME);
  row->first_name = take_field (self, row, fields, ROSTER_IMPORT_FIELD_FIRST_NAME);
  row->last_name = take_field (self, row, fields, ROSTER_IMPORT_FIELD_LAST_NAME);
  row->email = take_field (self, row, fields, ROSTER_IMPORT_FIELD_EMAIL);
  row->password = take_field (self, row, fields, ROSTER_IMPORT_FIELD_PASSWORD);
  row->idnumber = take_field (self, row, fields, ROSTER_IMPORT_FIELD_IDNUMBER);

  check_username (self, row);
  check_name (self, row, row->first_name, ROSTER_IMPORT_FIELD_FIRST_NAME);
  check_name (self, row, row->last_name, ROSTER_IMPORT_FIELD_LAST_NAME);
  check_email (self, row);
  check_too_long (self, row, row->idnumber, ROSTER_IMPORT_FIELD_IDNUMBER, ROSTER_IMPORT_MAX_IDNUMBER_CHARS);
  check_type (self, row, fields);
  read_enrolments (self, row, fields);

  return g_steal_pointer (&row);
}
