/* roster-key-import-preview.c: the first rows of a CSV file of keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-key-import"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-csv.h"
#include "roster-key-import-preview.h"

struct _RosterKeyImportPreview
{
  GObject    parent_instance;

  char      *encoding;
  char       delimiter;
  GStrv      columns;
  GPtrArray *fields;   /* const char *, NULL for ignored columns */
  GPtrArray *rows;     /* GStrv */
  guint      total_rows;
};

G_DEFINE_FINAL_TYPE (RosterKeyImportPreview, roster_key_import_preview, G_TYPE_OBJECT)

static void
roster_key_import_preview_finalize (GObject *object)
{
  RosterKeyImportPreview *self = ROSTER_KEY_IMPORT_PREVIEW (object);

  g_free (self->encoding);
  g_strfreev (self->columns);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (roster_key_import_preview_parent_class)->finalize (object);
}

static void
roster_key_import_preview_class_init (RosterKeyImportPreviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_key_import_preview_finalize;
}

static void
roster_key_import_preview_init (RosterKeyImportPreview *self)
{
  self->fields = g_ptr_array_new ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
}

const char *
roster_key_import_column_field (const char *name)
{
  static const struct { const char *key; const char *field; } names[] = {
    { "nickname", "nickname" }, { "secret", "secret" }, { "active", "active" },
    { "group", "group" }, { "expires", "expires" }, { "expiresat", "expires" },
    { "maxuses", "max_uses" },
  };
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *key;

  if (name == NULL || (normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC)) == NULL)
    return NULL;
  folded = g_utf8_casefold (normal, -1);

  key = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != '_' && c != '-')
        g_string_append_unichar (key, c);
    }
  if (key->len > 0 && key->str[key->len - 1] == ':')
    g_string_truncate (key, key->len - 1);

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (key->str, names[i].key))
      {
        g_string_free (key, TRUE);
        return names[i].field;
      }
  g_string_free (key, TRUE);
  return NULL;
}

static GStrv
strv_from_fields (const GPtrArray *fields)
{
  GStrv strv = g_new0 (char *, fields->len + 1);

  for (guint i = 0; i < fields->len; i++)
    strv[i] = g_strdup (fields->pdata[i]);
  return strv;
}

static gboolean
is_blank (const GPtrArray *fields)
{
  return fields->len == 1 && *(const char *) fields->pdata[0] == '\0';
}

RosterKeyImportPreview *
roster_key_import_preview_new_from_bytes (GBytes        *csv,
                                          guint          max_rows,
                                          GCancellable  *cancellable,
                                          GError       **error)
{
  g_autoptr(RosterKeyImportPreview) self = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(RosterCsvReader) reader = NULL;
  const GPtrArray *fields = NULL;
  guint line = 0;
  GError *local = NULL;

  g_return_val_if_fail (csv != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_KEY_IMPORT_PREVIEW, NULL);
  stream = g_memory_input_stream_new_from_bytes (csv);
  reader = roster_csv_reader_new (stream, NULL);

  if (!roster_csv_reader_next_row (reader, &fields, &line, cancellable, &local))
    {
      if (local == NULL)
        g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The file is empty."));
      g_propagate_error (error, local);
      return NULL;
    }

  self->encoding = g_strdup (roster_csv_reader_get_encoding (reader));
  self->delimiter = roster_csv_reader_get_delimiter (reader);
  self->columns = strv_from_fields (fields);
  for (guint i = 0; self->columns[i] != NULL; i++)
    g_ptr_array_add (self->fields, (gpointer) roster_key_import_column_field (self->columns[i]));

  while (roster_csv_reader_next_row (reader, &fields, &line, cancellable, &local))
    {
      /* A blank row in the middle is skipped by the server too. */
      if (is_blank (fields))
        continue;
      self->total_rows++;
      if (self->rows->len < max_rows)
        g_ptr_array_add (self->rows, strv_from_fields (fields));
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }

  return g_steal_pointer (&self);
}

typedef struct
{
  GBytes *csv;
  guint   max_rows;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_bytes_unref (data->csv);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  RosterKeyImportPreview *preview;

  preview = roster_key_import_preview_new_from_bytes (data->csv, data->max_rows, cancellable, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, g_object_unref);
}

void
roster_key_import_preview_read_async (GBytes              *csv,
                                      guint                max_rows,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  g_return_if_fail (csv != NULL);

  data->csv = g_bytes_ref (csv);
  data->max_rows = max_rows;
  g_task_set_source_tag (task, roster_key_import_preview_read_async);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/**
 * roster_key_import_preview_read_finish:
 *
 * Returns: (transfer full): the preview, or %NULL
 */
RosterKeyImportPreview *
roster_key_import_preview_read_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
roster_key_import_preview_get_encoding (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), NULL);
  return self->encoding;
}

char
roster_key_import_preview_get_delimiter (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), '\0');
  return self->delimiter;
}

guint
roster_key_import_preview_get_n_columns (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), 0);
  return self->fields->len;
}

const char *
roster_key_import_preview_get_column (RosterKeyImportPreview *self,
                                      guint                   column)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (column < self->fields->len, NULL);
  return self->columns[column];
}

const char *
roster_key_import_preview_get_field (RosterKeyImportPreview *self,
                                     guint                   column)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (column < self->fields->len, NULL);
  return self->fields->pdata[column];
}

gboolean
roster_key_import_preview_has_nickname (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), FALSE);

  for (guint i = 0; i < self->fields->len; i++)
    if (g_strcmp0 (self->fields->pdata[i], "nickname") == 0)
      return TRUE;
  return FALSE;
}

guint
roster_key_import_preview_get_n_rows (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), 0);
  return self->rows->len;
}

guint
roster_key_import_preview_get_total_rows (RosterKeyImportPreview *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), 0);
  return self->total_rows;
}

const char *
roster_key_import_preview_get_value (RosterKeyImportPreview *self,
                                     guint                   row,
                                     guint                   column)
{
  GStrv values;

  g_return_val_if_fail (ROSTER_IS_KEY_IMPORT_PREVIEW (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  values = self->rows->pdata[row];
  if (column >= g_strv_length (values))
    return "";
  return values[column];
}
