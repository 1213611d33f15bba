/* roster-import.c: fields, column names, problems and the mapping of a
 * file's columns to fields (the row checks are in
 * roster-import-validator.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "roster-import.h"
#include "roster-import-private.h"

/* Moodle's names, indexed by field; a slotted field's gets its number. */
static const char * const field_names[ROSTER_IMPORT_N_FIELDS] = {
  NULL, "username", "firstname", "lastname", "email", "password", "idnumber", "type",
  "course", "role", "group", "enrolperiod", "enrolstatus",
};

typedef struct
{
  const char        *name;    /* normalised: see roster_import_normalize() */
  RosterImportField  field;
} ColumnName;

/* Every name a column may have, normalised. Moodle's come first; the
 * rest are what people write in spreadsheets, in English and Chinese.
 * Ambiguous names ("name", "id", "status", "姓名") are left out on
 * purpose: a wrong guess would import the wrong data without a word. */
static const ColumnName column_names[] = {
  { "username", ROSTER_IMPORT_FIELD_USERNAME },
  { "firstname", ROSTER_IMPORT_FIELD_FIRST_NAME },
  { "lastname", ROSTER_IMPORT_FIELD_LAST_NAME },
  { "email", ROSTER_IMPORT_FIELD_EMAIL },
  { "password", ROSTER_IMPORT_FIELD_PASSWORD },
  { "idnumber", ROSTER_IMPORT_FIELD_IDNUMBER },
  { "type", ROSTER_IMPORT_FIELD_TYPE },
  { "course", ROSTER_IMPORT_FIELD_COURSE },
  { "role", ROSTER_IMPORT_FIELD_ROLE },
  { "group", ROSTER_IMPORT_FIELD_GROUP },
  { "enrolperiod", ROSTER_IMPORT_FIELD_ENROL_PERIOD },
  { "enrolstatus", ROSTER_IMPORT_FIELD_ENROL_STATUS },

  { "login", ROSTER_IMPORT_FIELD_USERNAME },
  { "loginname", ROSTER_IMPORT_FIELD_USERNAME },
  { "用户名", ROSTER_IMPORT_FIELD_USERNAME },
  { "登录名", ROSTER_IMPORT_FIELD_USERNAME },
  { "账号", ROSTER_IMPORT_FIELD_USERNAME },
  { "帐号", ROSTER_IMPORT_FIELD_USERNAME },
  { "givenname", ROSTER_IMPORT_FIELD_FIRST_NAME },
  { "forename", ROSTER_IMPORT_FIELD_FIRST_NAME },
  { "名", ROSTER_IMPORT_FIELD_FIRST_NAME },
  { "名字", ROSTER_IMPORT_FIELD_FIRST_NAME },
  { "surname", ROSTER_IMPORT_FIELD_LAST_NAME },
  { "familyname", ROSTER_IMPORT_FIELD_LAST_NAME },
  { "姓", ROSTER_IMPORT_FIELD_LAST_NAME },
  { "姓氏", ROSTER_IMPORT_FIELD_LAST_NAME },
  { "emailaddress", ROSTER_IMPORT_FIELD_EMAIL },
  { "mail", ROSTER_IMPORT_FIELD_EMAIL },
  { "邮箱", ROSTER_IMPORT_FIELD_EMAIL },
  { "邮箱地址", ROSTER_IMPORT_FIELD_EMAIL },
  { "电子邮件", ROSTER_IMPORT_FIELD_EMAIL },
  { "电子邮件地址", ROSTER_IMPORT_FIELD_EMAIL },
  { "电子邮箱", ROSTER_IMPORT_FIELD_EMAIL },
  { "密码", ROSTER_IMPORT_FIELD_PASSWORD },
  { "studentid", ROSTER_IMPORT_FIELD_IDNUMBER },
  { "studentnumber", ROSTER_IMPORT_FIELD_IDNUMBER },
  { "学号", ROSTER_IMPORT_FIELD_IDNUMBER },
  { "工号", ROSTER_IMPORT_FIELD_IDNUMBER },
  { "usertype", ROSTER_IMPORT_FIELD_TYPE },
  { "accounttype", ROSTER_IMPORT_FIELD_TYPE },
  { "用户类型", ROSTER_IMPORT_FIELD_TYPE },
  { "courseshortname", ROSTER_IMPORT_FIELD_COURSE },
  { "课程", ROSTER_IMPORT_FIELD_COURSE },
  { "角色", ROSTER_IMPORT_FIELD_ROLE },
  { "分组", ROSTER_IMPORT_FIELD_GROUP },
  { "小组", ROSTER_IMPORT_FIELD_GROUP },
  { "enrolmentperiod", ROSTER_IMPORT_FIELD_ENROL_PERIOD },
  { "enrollmentperiod", ROSTER_IMPORT_FIELD_ENROL_PERIOD },
  { "enrolmentstatus", ROSTER_IMPORT_FIELD_ENROL_STATUS },
  { "enrollmentstatus", ROSTER_IMPORT_FIELD_ENROL_STATUS },
};

/* ---- fields ---- */

char *
roster_import_field_column_name (RosterImportField field,
                                 guint             slot)
{
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, NULL);

  if (field == ROSTER_IMPORT_FIELD_IGNORED)
    return NULL;
  if (roster_import_field_has_slots (field) && slot > 0)
    return g_strdup_printf ("%s%u", field_names[field], slot);

  return g_strdup (field_names[field]);
}

const char *
roster_import_field_label (RosterImportField field)
{
  switch (field)
    {
    case ROSTER_IMPORT_FIELD_IGNORED:
      return _("Not imported");
    case ROSTER_IMPORT_FIELD_USERNAME:
      return _("Username");
    case ROSTER_IMPORT_FIELD_FIRST_NAME:
      return _("First name");
    case ROSTER_IMPORT_FIELD_LAST_NAME:
      return _("Last name");
    case ROSTER_IMPORT_FIELD_EMAIL:
      return _("E-mail address");
    case ROSTER_IMPORT_FIELD_PASSWORD:
      return _("Password");
    case ROSTER_IMPORT_FIELD_IDNUMBER:
      return _("ID number");
    case ROSTER_IMPORT_FIELD_TYPE:
      return _("User type");
    case ROSTER_IMPORT_FIELD_COURSE:
      return _("Course");
    case ROSTER_IMPORT_FIELD_ROLE:
      return _("Role");
    case ROSTER_IMPORT_FIELD_GROUP:
      return _("Group");
    case ROSTER_IMPORT_FIELD_ENROL_PERIOD:
      return _("Enrolment period");
    case ROSTER_IMPORT_FIELD_ENROL_STATUS:
      return _("Enrolment status");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
roster_import_field_has_slots (RosterImportField field)
{
  return field >= ROSTER_IMPORT_FIELD_COURSE && field <= ROSTER_IMPORT_FIELD_ENROL_STATUS;
}

/* ---- problems ---- */

RosterImportProblem *
roster_import_problem_new (guint       line,
                           const char *column,
                           const char *code,
                           const char *message)
{
  RosterImportProblem *problem;

  g_return_val_if_fail (code != NULL, NULL);

  problem = g_new0 (RosterImportProblem, 1);
  problem->line = line;
  problem->column = g_strdup (column);
  problem->code = g_strdup (code);
  problem->message = g_strdup (message);

  return problem;
}

void
roster_import_problem_free (RosterImportProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->column);
  g_free (problem->code);
  g_free (problem->message);
  g_free (problem);
}

/* Takes @message, which is always freshly made. */
void
roster_import_add_problem (GPtrArray  *problems,
                           guint       line,
                           const char *column,
                           const char *code,
                           char       *message)
{
  RosterImportProblem *problem = g_new0 (RosterImportProblem, 1);

  problem->line = line;
  problem->column = g_strdup (column);
  problem->code = g_strdup (code);
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

/* ---- names ---- */

char *
roster_import_column_key (const char *name)
{
  char *key;
  gsize len;

  g_return_val_if_fail (name != NULL, NULL);

  key = roster_import_normalize (name, FALSE);
  if (key == NULL)
    return NULL;

  /* "E-mail:" and "邮箱：" (NFKC made the full-width colon plain) */
  len = strlen (key);
  while (len > 0 && key[len - 1] == ':')
    key[--len] = '\0';

  return key;
}

/* Finds the field and slot of a column name: "course2" is slot 2 of
 * ROSTER_IMPORT_FIELD_COURSE, "Course" slot 1, "email2" nothing. */
static RosterImportField
guess_field (const char *name,
             guint      *slot)
{
  g_autofree char *key = roster_import_column_key (name);
  gsize len, base_len;
  guint64 number = 0;

  *slot = 0;
  if (key == NULL)
    return ROSTER_IMPORT_FIELD_IGNORED;

  len = strlen (key);
  base_len = len;
  while (base_len > 0 && g_ascii_isdigit (key[base_len - 1]))
    base_len--;
  if (base_len < len)
    {
      /* More digits than any valid slot needs would overflow the parser. */
      if (base_len == 0 || len - base_len > 6)
        return ROSTER_IMPORT_FIELD_IGNORED;
      number = g_ascii_strtoull (key + base_len, NULL, 10);
      if (number < 1 || number > ROSTER_IMPORT_MAX_SLOT)
        return ROSTER_IMPORT_FIELD_IGNORED;
      key[base_len] = '\0';
    }

  for (guint i = 0; i < G_N_ELEMENTS (column_names); i++)
    {
      RosterImportField field = column_names[i].field;

      if (!g_str_equal (column_names[i].name, key))
        continue;
      if (roster_import_field_has_slots (field))
        *slot = number > 0 ? (guint) number : 1;
      else if (number > 0)
        return ROSTER_IMPORT_FIELD_IGNORED;
      return field;
    }

  return ROSTER_IMPORT_FIELD_IGNORED;
}

/* ---- the mapping ---- */

typedef struct
{
  char              *name;
  RosterImportField  field;
  guint              slot;
  gboolean           unknown;   /* guessed nothing, and the user has not chosen */
} MappingColumn;

struct _RosterImportMapping
{
  gatomicrefcount  ref_count;
  guint            n_columns;
  MappingColumn   *columns;
};

RosterImportMapping *
roster_import_mapping_new_from_header (const GPtrArray *header)
{
  RosterImportMapping *self;

  g_return_val_if_fail (header != NULL, NULL);

  self = g_new0 (RosterImportMapping, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_columns = header->len;
  self->columns = g_new0 (MappingColumn, MAX (header->len, 1));

  for (guint i = 0; i < header->len; i++)
    {
      const char *name = g_ptr_array_index ((GPtrArray *) header, i);
      MappingColumn *column = &self->columns[i];

      column->name = g_strdup (name != NULL ? name : "");
      column->field = guess_field (column->name, &column->slot);
      column->unknown = column->field == ROSTER_IMPORT_FIELD_IGNORED;
    }

  return self;
}

RosterImportMapping *
roster_import_mapping_ref (RosterImportMapping *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
roster_import_mapping_unref (RosterImportMapping *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_columns; i++)
    g_free (self->columns[i].name);
  g_free (self->columns);
  g_free (self);
}

guint
roster_import_mapping_get_n_columns (RosterImportMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_columns;
}

const char *
roster_import_mapping_get_name (RosterImportMapping *self,
                                guint                column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->columns[column].name;
}

RosterImportField
roster_import_mapping_get_field (RosterImportMapping *self,
                                 guint                column,
                                 guint               *slot)
{
  if (slot != NULL)
    *slot = 0;
  g_return_val_if_fail (self != NULL, ROSTER_IMPORT_FIELD_IGNORED);
  g_return_val_if_fail (column < self->n_columns, ROSTER_IMPORT_FIELD_IGNORED);

  if (slot != NULL)
    *slot = self->columns[column].slot;
  return self->columns[column].field;
}

/* A slotted field given slot 0 takes slot 1, as a column named "course"
 * does; other fields have slot 0 whatever is asked. The column is then
 * no longer unknown, even when the choice is to ignore it. */
void
roster_import_mapping_set_field (RosterImportMapping *self,
                                 guint                column,
                                 RosterImportField    field,
                                 guint                slot)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (field < ROSTER_IMPORT_N_FIELDS);
  g_return_if_fail (slot <= ROSTER_IMPORT_MAX_SLOT);

  if (!roster_import_field_has_slots (field))
    slot = 0;
  else if (slot == 0)
    slot = 1;

  self->columns[column].field = field;
  self->columns[column].slot = slot;
  self->columns[column].unknown = FALSE;
}

/* Blank header cells (a spreadsheet's empty columns at the right) are
 * ignored without being listed: there is no name to show. */
GStrv
roster_import_mapping_get_unknown (RosterImportMapping *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *name = self->columns[i].name;
      g_autofree char *key = NULL;

      if (!self->columns[i].unknown)
        continue;
      key = roster_import_normalize (name, FALSE);
      if (key != NULL && *key == '\0')
        continue;
      g_strv_builder_add (builder, name);
    }

  return g_strv_builder_end (builder);
}

gint
roster_import_mapping_find_column (RosterImportMapping *self,
                                   RosterImportField    field,
                                   guint                slot)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (field < ROSTER_IMPORT_N_FIELDS, -1);

  if (field == ROSTER_IMPORT_FIELD_IGNORED)
    return -1;
  if (!roster_import_field_has_slots (field))
    slot = 0;
  else if (slot == 0)
    slot = 1;

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (self->columns[i].field == field && self->columns[i].slot == slot)
        return (gint) i;
    }

  return -1;
}

guint
roster_import_mapping_get_n_slots (RosterImportMapping *self)
{
  guint n_slots = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_columns; i++)
    n_slots = MAX (n_slots, self->columns[i].slot);

  return n_slots;
}

/* Problems with the mapping are about the whole file: line 0. A missing
 * column has no name in the file, so the problem names Moodle's. */
GPtrArray *
roster_import_mapping_check (RosterImportMapping *self)
{
  static const RosterImportField required[] = {
    ROSTER_IMPORT_FIELD_EMAIL, ROSTER_IMPORT_FIELD_FIRST_NAME, ROSTER_IMPORT_FIELD_LAST_NAME,
  };
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) first_column = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      const char *name = field_names[required[i]];

      if (roster_import_mapping_find_column (self, required[i], 0) >= 0)
        continue;
      /* TRANSLATORS: the first %s is a field ("E-mail address"), the
       * second the column name the file may use for it ("email"). */
      roster_import_add_problem (problems, 0, name, "missing_column",
                                 g_strdup_printf (_("No column holds “%s”, which every row needs: "
                                                    "name a column “%s” or choose one."),
                                                  roster_import_field_label (required[i]), name));
    }

  /* Keyed by field and slot, so a header of thousands of columns is
   * still checked in one pass. */
  first_column = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const MappingColumn *column = &self->columns[i];
      guint key = column->field * (ROSTER_IMPORT_MAX_SLOT + 1) + column->slot;
      gpointer first;
      g_autofree char *field_name = NULL;

      if (column->field == ROSTER_IMPORT_FIELD_IGNORED)
        continue;
      if (!g_hash_table_lookup_extended (first_column, GUINT_TO_POINTER (key), NULL, &first))
        {
          g_hash_table_insert (first_column, GUINT_TO_POINTER (key), GUINT_TO_POINTER (i));
          continue;
        }

      field_name = roster_import_field_column_name (column->field, column->slot);
      /* TRANSLATORS: two column names of the file, then the field both
       * hold ("email", "course2"). */
      roster_import_add_problem (problems, 0, column->name, "duplicate_column",
                                 g_strdup_printf (_("Columns “%s” and “%s” both hold “%s”: keep one, "
                                                    "or choose another field for the other."),
                                                  self->columns[GPOINTER_TO_UINT (first)].name,
                                                  column->name, field_name));
    }

  return g_steal_pointer (&problems);
}
