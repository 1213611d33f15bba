/* roster-key-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file of keys may hold secrets in the clear. None of them goes into a
 * message or a report: problems with a secret say what is wrong and on
 * which line, never what it is; the copies kept here are wiped when
 * freed.
 */

#define G_LOG_DOMAIN "roster-key-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-csv.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-key-import.h"
#include "roster-keys.h"
#include "roster-text.h"

/* Column names as roster_import_column_key() makes them. */
static const struct
{
  const char            *key;
  RosterKeyImportField   field;
} column_names[] = {
  { "nickname", ROSTER_KEY_IMPORT_NICKNAME },
  { "secret", ROSTER_KEY_IMPORT_SECRET },
  { "active", ROSTER_KEY_IMPORT_ACTIVE },
  { "group", ROSTER_KEY_IMPORT_GROUP },
  { "expires", ROSTER_KEY_IMPORT_EXPIRES },
  { "expiresat", ROSTER_KEY_IMPORT_EXPIRES },
  { "maxuses", ROSTER_KEY_IMPORT_MAX_USES },
};

static const char * const field_names[ROSTER_KEY_IMPORT_N_FIELDS] = {
  NULL, "nickname", "secret", "active", "group", "expires", "max_uses",
};

static const char * const outcome_names[ROSTER_KEY_IMPORT_N_OUTCOMES] = {
  "create", "error", "skipped",
};

const char *
roster_key_import_field_to_string (RosterKeyImportField field)
{
  g_return_val_if_fail (field < ROSTER_KEY_IMPORT_N_FIELDS, NULL);
  return field_names[field];
}

const char *
roster_key_import_outcome_to_string (RosterKeyImportOutcome outcome)
{
  g_return_val_if_fail (outcome < ROSTER_KEY_IMPORT_N_OUTCOMES, NULL);
  return outcome_names[outcome];
}

static void
row_free (RosterKeyImportRow *row)
{
  if (row == NULL)
    return;

  g_free (row->nickname);
  roster_keys_secret_free (row->secret);
  g_free (row->group_name);
  g_clear_pointer (&row->problems, g_ptr_array_unref);
  g_free (row);
}

void
roster_key_import_free (RosterKeyImport *self)
{
  if (self == NULL)
    return;

  g_free (self->encoding);
  g_clear_pointer (&self->column_names, g_ptr_array_unref);
  g_clear_pointer (&self->column_fields, g_array_unref);
  g_strfreev (self->unknown_columns);
  g_clear_pointer (&self->file_problems, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

static RosterKeyImport *
key_import_new (void)
{
  RosterKeyImport *self = g_new0 (RosterKeyImport, 1);

  self->column_names = g_ptr_array_new_with_free_func (g_free);
  self->column_fields = g_array_new (FALSE, TRUE, sizeof (RosterKeyImportField));
  self->file_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return self;
}

/* Takes @message. */
static void
add_problem (GPtrArray  *problems,
             guint       line,
             const char *column,
             const char *code,
             char       *message)
{
  g_ptr_array_add (problems, roster_import_problem_new (line, column, code, message));
  g_free (message);
}

/* ---- what the checks need to know ---- */

typedef struct
{
  RosterKeyImport *import;
  gint             columns[ROSTER_KEY_IMPORT_N_FIELDS];   /* -1: the file has none */
  gint64           now;
  GHashTable      *groups;        /* identity key of a name → RosterGroup */
  GHashTable      *taken;         /* nicknames of the method's keys */
  GHashTable      *nicknames;     /* nickname → its first line in the file */
  GHashTable      *secrets;       /* normalised chosen secret → its first line */
  GPtrArray       *lookups;       /* lookup hashes of the chosen secrets … */
  GPtrArray       *lookup_rows;   /* … and the row of each */
} Check;

static void
check_clear (Check *check)
{
  g_clear_pointer (&check->groups, g_hash_table_unref);
  g_clear_pointer (&check->taken, g_hash_table_unref);
  g_clear_pointer (&check->nicknames, g_hash_table_unref);
  g_clear_pointer (&check->secrets, g_hash_table_unref);
  g_clear_pointer (&check->lookups, g_ptr_array_unref);
  g_clear_pointer (&check->lookup_rows, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

static const char *
column_name (Check                *check,
             RosterKeyImportField  field)
{
  gint column = check->columns[field];

  return column >= 0 ? g_ptr_array_index (check->import->column_names, column) : field_names[field];
}

/* The method's nicknames and the course's groups, read once. */
static gboolean
load_site (Check          *check,
           RosterStorage  *storage,
           RosterMethod   *method,
           GError        **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) groups = NULL;

  keys = roster_storage_list_keys (storage, roster_method_get_id (method), error);
  if (keys == NULL)
    return FALSE;
  groups = roster_storage_list_groups (storage, roster_method_get_course_id (method), 0, error);
  if (groups == NULL)
    return FALSE;

  check->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < keys->len; i++)
    g_hash_table_add (check->taken, g_strdup (roster_key_get_nickname (g_ptr_array_index (keys, i))));

  /* Names are unique in a course without regard to case (create_group). */
  check->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < groups->len; i++)
    {
      RosterGroup *group = g_ptr_array_index (groups, i);
      char *key = roster_text_identity_key (roster_group_get_name (group));

      if (key != NULL)
        g_hash_table_replace (check->groups, key, g_object_ref (group));
    }

  return TRUE;
}

/* ---- the header ---- */

/* @key: roster_import_column_key() of the column's name. */
static RosterKeyImportField
guess_field (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (column_names); i++)
    if (g_str_equal (key, column_names[i].key))
      return column_names[i].field;

  return ROSTER_KEY_IMPORT_IGNORED;
}

static void
map_columns (Check           *check,
             const GPtrArray *header)
{
  RosterKeyImport *self = check->import;
  g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();

  for (guint i = 0; i < ROSTER_KEY_IMPORT_N_FIELDS; i++)
    check->columns[i] = -1;

  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_ptr_array_index ((GPtrArray *) header, i);
      g_autofree char *key = roster_import_column_key (name);
      RosterKeyImportField field = guess_field (key);

      g_ptr_array_add (self->column_names, g_strdup (name));
      g_array_append_val (self->column_fields, field);

      if (field == ROSTER_KEY_IMPORT_IGNORED)
        {
          /* A column without a name is no column anyone meant. */
          if (key == NULL || *key != '\0')
            g_strv_builder_add (unknown, name);
          continue;
        }

      if (check->columns[field] >= 0)
        {
          /* TRANSLATORS: two column names of the file, then the field
           * both hold ("max_uses"). */
          add_problem (self->file_problems, 0, name, "duplicate_column",
                       g_strdup_printf (_("Columns “%s” and “%s” both hold “%s”: keep one."),
                                        column_name (check, field), name, field_names[field]));
          continue;
        }
      check->columns[field] = (gint) i;
    }

  self->unknown_columns = g_strv_builder_end (unknown);

  if (check->columns[ROSTER_KEY_IMPORT_NICKNAME] < 0)
    add_problem (self->file_problems, 0, field_names[ROSTER_KEY_IMPORT_NICKNAME], "missing_column",
                 /* TRANSLATORS: %s is a column name ("nickname"). */
                 g_strdup_printf (_("The file has no “%s” column, which every key needs."),
                                  field_names[ROSTER_KEY_IMPORT_NICKNAME]));
}

/* ---- the rows ---- */

/* The trimmed text of @field's cell, or NULL when it is empty or the
 * row is too short to have it. */
static char *
take_cell (Check                *check,
           const GPtrArray      *fields,
           RosterKeyImportField  field)
{
  gint column = check->columns[field];
  char *value;

  if (column < 0 || (guint) column >= fields->len)
    return NULL;

  value = g_strstrip (g_strdup (g_ptr_array_index ((GPtrArray *) fields, column)));
  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
row_is_blank (const GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      const char *cell = g_ptr_array_index ((GPtrArray *) fields, i);

      for (const char *p = cell; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }

  return TRUE;
}

/* Takes @message. */
static void
row_problem (Check                *check,
             RosterKeyImportRow   *row,
             RosterKeyImportField  field,
             const char           *code,
             char                 *message)
{
  add_problem (row->problems, row->line, field != ROSTER_KEY_IMPORT_IGNORED ? column_name (check, field) : NULL,
               code, message);
}

static void
check_nickname (Check              *check,
                RosterKeyImportRow *row)
{
  const char *column = column_name (check, ROSTER_KEY_IMPORT_NICKNAME);
  g_autofree char *quoted = NULL;
  gpointer first;

  if (row->nickname == NULL)
    {
      /* TRANSLATORS: %s is a column name of the file ("nickname"). */
      row_problem (check, row, ROSTER_KEY_IMPORT_NICKNAME, "required",
                   g_strdup_printf (_("“%s” is empty; every row needs a value there."), column));
      return;
    }

  if (g_utf8_strlen (row->nickname, -1) > ROSTER_KEY_MAX_NICKNAME)
    {
      /* TRANSLATORS: %s is a column name of the file ("nickname"). */
      row_problem (check, row, ROSTER_KEY_IMPORT_NICKNAME, "too_long",
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "“%s” may have at most %u character.",
                                                 "“%s” may have at most %u characters.",
                                                 ROSTER_KEY_MAX_NICKNAME),
                                    column, (guint) ROSTER_KEY_MAX_NICKNAME));
      return;
    }

  /* Compared as the database compares them: exactly. */
  quoted = roster_import_quote_value (row->nickname);
  if (g_hash_table_lookup_extended (check->nicknames, row->nickname, NULL, &first))
    row_problem (check, row, ROSTER_KEY_IMPORT_NICKNAME, "duplicate_nickname",
                 g_strdup_printf (_("The nickname “%s” is already on line %u."), quoted, GPOINTER_TO_UINT (first)));
  else
    g_hash_table_insert (check->nicknames, g_strdup (row->nickname), GUINT_TO_POINTER (row->line));

  if (g_hash_table_contains (check->taken, row->nickname))
    row_problem (check, row, ROSTER_KEY_IMPORT_NICKNAME, "nickname_taken",
                 g_strdup (_("This method already has a key with this nickname.")));
}

static void
check_secret (Check              *check,
              RosterSecretBox    *box,
              RosterKeyImportRow *row,
              const char         *cell)
{
  g_autoptr(GError) weak = NULL;
  g_autoptr(RosterSecretString) normalised = NULL;
  gpointer first;

  /* No secret: one is generated when the keys are made. */
  if (cell == NULL)
    return;

  row->secret_chosen = TRUE;
  row->secret = roster_keys_check_chosen (cell, &weak);
  if (row->secret == NULL)
    {
      row_problem (check, row, ROSTER_KEY_IMPORT_SECRET, "weak_secret", g_strdup (weak->message));
      return;
    }

  /* Two rows whose secrets a person would type the same way. */
  normalised = roster_keys_normalise (row->secret);
  if (g_hash_table_lookup_extended (check->secrets, normalised, NULL, &first))
    {
      row_problem (check, row, ROSTER_KEY_IMPORT_SECRET, "duplicate_secret",
                   g_strdup_printf (_("The same secret is already on line %u; every key needs its own."),
                                    GPOINTER_TO_UINT (first)));
      return;
    }
  g_hash_table_insert (check->secrets, g_steal_pointer (&normalised), GUINT_TO_POINTER (row->line));

  /* Against the site's keys all at once, after the last row. */
  g_ptr_array_add (check->lookups, roster_keys_lookup_hash (box, row->secret));
  g_ptr_array_add (check->lookup_rows, row);
}

static void
check_active (Check              *check,
              RosterKeyImportRow *row,
              const char         *cell)
{
  static const char * const yes[] = { "true", "yes", "1", NULL };
  static const char * const no[] = { "false", "no", "0", NULL };
  g_autofree char *value = NULL;
  g_autofree char *quoted = NULL;

  row->active = TRUE;
  if (cell == NULL)
    return;

  value = g_utf8_casefold (cell, -1);
  if (g_strv_contains (yes, value))
    return;
  if (g_strv_contains (no, value))
    {
      row->active = FALSE;
      return;
    }

  quoted = roster_import_quote_value (cell);
  row_problem (check, row, ROSTER_KEY_IMPORT_ACTIVE, "invalid_active",
               g_strdup_printf (_("“%s” is neither yes nor no: write true or false, yes or no, 1 or 0."), quoted));
}

static void
check_group (Check              *check,
             RosterKeyImportRow *row,
             const char         *cell)
{
  g_autofree char *key = NULL;
  g_autofree char *quoted = NULL;
  RosterGroup *group;

  if (cell == NULL)
    return;

  key = roster_text_identity_key (cell);
  group = key != NULL ? g_hash_table_lookup (check->groups, key) : NULL;
  if (group != NULL)
    {
      row->group_id = roster_group_get_id (group);
      row->group_name = g_strdup (roster_group_get_name (group));
      return;
    }

  quoted = roster_import_quote_value (cell);
  row_problem (check, row, ROSTER_KEY_IMPORT_GROUP, "unknown_group",
               g_strdup_printf (_("There is no group “%s” in this course."), quoted));
}

static void
check_expires (Check              *check,
               RosterKeyImportRow *row,
               const char         *cell)
{
  g_autofree char *quoted = NULL;
  g_autofree char *midnight = NULL;

  if (cell == NULL)
    return;

  quoted = roster_import_quote_value (cell);

  /* A date alone is midnight UTC, as everywhere in the API. */
  midnight = g_strconcat (cell, "T00:00:00Z", NULL);
  if (!(strlen (cell) == 10 && roster_json_parse_time (midnight, &row->expires_at)) &&
      !roster_json_parse_time (cell, &row->expires_at))
    {
      row->expires_at = 0;
      row_problem (check, row, ROSTER_KEY_IMPORT_EXPIRES, "invalid_time",
                   g_strdup_printf (_("“%s” is not a time: write a date such as 2027-01-31, or a date and "
                                      "time such as 2027-01-31T09:00:00Z."), quoted));
      return;
    }

  /* A key that has expired before anyone has it is a mistake. */
  if (row->expires_at <= check->now)
    row_problem (check, row, ROSTER_KEY_IMPORT_EXPIRES, "expired",
                 g_strdup_printf (_("“%s” is in the past: nobody could use the key."), quoted));
}

static void
check_max_uses (Check              *check,
                RosterKeyImportRow *row,
                const char         *cell)
{
  g_autofree char *quoted = NULL;
  guint64 value = 0;

  if (cell == NULL)
    return;

  /* Digits only: no sign, no fraction, no exponent. */
  if (g_ascii_isdigit (cell[0]) &&
      g_ascii_string_to_unsigned (cell, 10, 0, G_MAXINT64, &value, NULL))
    {
      row->max_uses = (gint64) value;
      return;
    }

  quoted = roster_import_quote_value (cell);
  row_problem (check, row, ROSTER_KEY_IMPORT_MAX_USES, "invalid_max_uses",
               g_strdup_printf (_("“%s” is not a number of uses: write a whole number, or 0 or nothing for "
                                  "no limit."), quoted));
}

static RosterKeyImportRow *
check_row (Check           *check,
           RosterSecretBox *box,
           const GPtrArray *fields,
           guint            line)
{
  RosterKeyImportRow *row = g_new0 (RosterKeyImportRow, 1);
  guint n_columns = check->import->column_names->len;
  g_autoptr(RosterSecretString) secret = NULL;
  g_autofree char *active = NULL;
  g_autofree char *group = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *max_uses = NULL;

  row->line = line;
  row->active = TRUE;
  row->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);

  /* An emptied row of a spreadsheet (";;;") holds nothing back. */
  if (row_is_blank (fields))
    {
      row->outcome = ROSTER_KEY_IMPORT_SKIPPED;
      add_problem (row->problems, line, NULL, "blank_row", g_strdup (_("The row is empty.")));
      return row;
    }

  if (fields->len != n_columns)
    add_problem (row->problems, line, NULL, "field_count",
                 /* TRANSLATORS: numbers of fields (cells) in a row. */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The row has %u field where the header has %u; a separator "
                                               "may be missing or extra.",
                                               "The row has %u fields where the header has %u; a separator "
                                               "may be missing or extra.",
                                               fields->len),
                                  fields->len, n_columns));

  row->nickname = take_cell (check, fields, ROSTER_KEY_IMPORT_NICKNAME);
  secret = take_cell (check, fields, ROSTER_KEY_IMPORT_SECRET);
  active = take_cell (check, fields, ROSTER_KEY_IMPORT_ACTIVE);
  group = take_cell (check, fields, ROSTER_KEY_IMPORT_GROUP);
  expires = take_cell (check, fields, ROSTER_KEY_IMPORT_EXPIRES);
  max_uses = take_cell (check, fields, ROSTER_KEY_IMPORT_MAX_USES);

  check_nickname (check, row);
  check_secret (check, box, row, secret);
  check_active (check, row, active);
  check_group (check, row, group);
  check_expires (check, row, expires);
  check_max_uses (check, row, max_uses);

  return row;
}

/* The chosen secrets against every key of the site, in one read. The
 * answer is the single endpoint's: it does not say where the secret is
 * in use. */
static gboolean
check_secrets_in_use (Check          *check,
                      RosterStorage  *storage,
                      GError        **error)
{
  g_autofree gboolean *in_use = g_new0 (gboolean, MAX (check->lookups->len, 1));

  if (!roster_storage_find_key_secrets (storage, (const char * const *) check->lookups->pdata,
                                        check->lookups->len, in_use, error))
    return FALSE;

  for (guint i = 0; i < check->lookups->len; i++)
    if (in_use[i])
      row_problem (check, g_ptr_array_index (check->lookup_rows, i), ROSTER_KEY_IMPORT_SECRET,
                   "secret_unavailable", g_strdup (_("This key cannot be used; choose another.")));

  return TRUE;
}

static void
describe_reader (RosterKeyImport *self,
                 RosterCsvReader *reader)
{
  self->encoding = g_strdup (roster_csv_reader_get_encoding (reader));
  self->encoding_detected = roster_csv_reader_get_encoding_detected (reader);
  self->delimiter = roster_csv_reader_get_delimiter (reader);
  self->delimiter_detected = roster_csv_reader_get_delimiter_detected (reader);
}

RosterKeyImport *
roster_key_import_check (RosterStorage    *storage,
                         RosterSecretBox  *box,
                         RosterMethod     *method,
                         GBytes           *file,
                         const char       *encoding,
                         char              delimiter,
                         gint64            now,
                         GError          **error)
{
  g_autoptr(RosterKeyImport) self = key_import_new ();
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(GError) csv_error = NULL;
  g_auto(Check) check = { .import = self, .now = now, };
  RosterCsvOptions csv_options = { .encoding = encoding, .delimiter = delimiter, };
  const GPtrArray *fields = NULL;
  guint line = 0;

  g_return_val_if_fail (ROSTER_IS_STORAGE (storage), NULL);
  g_return_val_if_fail (ROSTER_IS_METHOD (method), NULL);
  g_return_val_if_fail (file != NULL, NULL);

  input = g_memory_input_stream_new_from_bytes (file);
  reader = roster_csv_reader_new (input, &csv_options);

  if (!roster_csv_reader_prepare (reader, NULL, &csv_error) ||
      !roster_csv_reader_next_row (reader, &fields, &line, NULL, &csv_error))
    {
      describe_reader (self, reader);
      add_problem (self->file_problems, roster_csv_reader_get_error_line (reader), NULL,
                   csv_error ? "unreadable" : "empty",
                   g_strdup (csv_error ? csv_error->message : _("The file is empty.")));
      return g_steal_pointer (&self);
    }

  describe_reader (self, reader);
  map_columns (&check, fields);
  if (self->file_problems->len > 0)
    return g_steal_pointer (&self);

  if (!load_site (&check, storage, method, error))
    return NULL;
  check.nicknames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check.secrets = g_hash_table_new_full (g_str_hash, g_str_equal, (GDestroyNotify) roster_keys_secret_free, NULL);
  check.lookups = g_ptr_array_new_with_free_func (g_free);
  check.lookup_rows = g_ptr_array_new ();

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &csv_error))
    {
      if (self->rows->len == ROSTER_KEY_IMPORT_MAX_ROWS)
        {
          g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                       _("The file has more than %u rows of keys; split it into files of at most %u rows."),
                       ROSTER_KEY_IMPORT_MAX_ROWS, ROSTER_KEY_IMPORT_MAX_ROWS);
          return NULL;
        }
      g_ptr_array_add (self->rows, check_row (&check, box, fields, line));
    }

  if (!check_secrets_in_use (&check, storage, error))
    return NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      RosterKeyImportRow *row = g_ptr_array_index (self->rows, i);

      if (row->outcome != ROSTER_KEY_IMPORT_SKIPPED)
        row->outcome = row->problems->len > 0 ? ROSTER_KEY_IMPORT_ERROR : ROSTER_KEY_IMPORT_CREATE;
      self->counts[row->outcome]++;
    }

  /* The rows before a fault in the file are reported; none is made. */
  if (csv_error != NULL)
    add_problem (self->file_problems, roster_csv_reader_get_error_line (reader), NULL, "unreadable",
                 g_strdup (csv_error->message));
  else if (self->rows->len == self->counts[ROSTER_KEY_IMPORT_SKIPPED])
    add_problem (self->file_problems, 0, NULL, "empty",
                 g_strdup (_("The file has a header but no keys below it.")));

  return g_steal_pointer (&self);
}

gboolean
roster_key_import_has_problems (RosterKeyImport *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->file_problems->len > 0 || self->counts[ROSTER_KEY_IMPORT_ERROR] > 0;
}
