/* roster-import-columns-page.c: the import wizard's second step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping is guessed from the header with the rules the server
 * uses (roster-import.h), so what is shown here is what the server
 * would read without being told; the user's changes are sent to it as
 * settings.columns.
 */

#define G_LOG_DOMAIN "roster-import"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-import-columns-page.h"

/* The fields without slots, in the drop-downs' order (the enum's), and
 * then the slotted ones, repeated for slot 1, 2, … */
#define N_FIXED   (ROSTER_IMPORT_FIELD_TYPE + 1)
#define N_SLOTTED (ROSTER_IMPORT_N_FIELDS - N_FIXED)

typedef struct
{
  GtkDropDown   *dropdown;
  GtkStringList *items;
  GtkWidget     *required;
  guint          n_slots;   /* slots the items offer */
} ColumnRow;

struct _RosterImportColumnsPage
{
  GtkWidget            parent_instance;

  RosterImportMapping *mapping;
  /* Every header seen (joined) to its mapping and unknown columns, so
   * another encoding or delimiter and back loses no choice. */
  GHashTable          *mappings;
  GHashTable          *unknowns;
  GArray              *rows;      /* of ColumnRow */
  gboolean            *unknown;   /* per column: nothing matched its name */
  gboolean             updating;
  gboolean             valid;

  AdwPreferencesGroup *columns_group;
  GtkListBox          *columns_list;
  GtkLabel            *problems_label;
};

G_DEFINE_FINAL_TYPE (RosterImportColumnsPage, roster_import_columns_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_required (RosterImportField field)
{
  return field == ROSTER_IMPORT_FIELD_FIRST_NAME || field == ROSTER_IMPORT_FIELD_LAST_NAME ||
         field == ROSTER_IMPORT_FIELD_EMAIL;
}

static guint
field_to_index (RosterImportField field,
                guint             slot)
{
  if (!roster_import_field_has_slots (field))
    return field;
  return N_FIXED + (MAX (slot, 1) - 1) * N_SLOTTED + (field - N_FIXED);
}

static RosterImportField
index_to_field (guint  index,
                guint *slot)
{
  if (index < N_FIXED)
    {
      *slot = 0;
      return index;
    }
  *slot = (index - N_FIXED) / N_SLOTTED + 1;
  return N_FIXED + (index - N_FIXED) % N_SLOTTED;
}

/* Offers slots 1 … @n_slots of the slotted fields: items are added or
 * taken at the end only, so the selection stays where it is. */
static void
set_row_slots (ColumnRow *row,
               guint      n_slots)
{
  while (row->n_slots < n_slots)
    {
      row->n_slots++;
      for (guint f = N_FIXED; f < ROSTER_IMPORT_N_FIELDS; f++)
        {
          g_autofree char *label = NULL;

          /* TRANSLATORS: a numbered field, such as "Course 2". */
          label = g_strdup_printf (_("%s %u"), roster_import_field_label (f), row->n_slots);
          gtk_string_list_append (row->items, label);
        }
    }
  if (row->n_slots > n_slots)
    {
      guint keep = N_FIXED + n_slots * N_SLOTTED;

      gtk_string_list_splice (row->items, keep, g_list_model_get_n_items (G_LIST_MODEL (row->items)) - keep, NULL);
      row->n_slots = n_slots;
    }
}

static void
update_state (RosterImportColumnsPage *self)
{
  g_autoptr(GPtrArray) problems = roster_import_mapping_check (self->mapping);
  g_autoptr(GString) text = g_string_new (NULL);
  /* One slot more than any column uses, for a further course. */
  guint n_slots = MIN (roster_import_mapping_get_n_slots (self->mapping) + 1, ROSTER_IMPORT_MAX_SLOT);
  gboolean valid;

  self->updating = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ColumnRow *row = &g_array_index (self->rows, ColumnRow, i);
      guint slot;
      RosterImportField field = roster_import_mapping_get_field (self->mapping, i, &slot);

      set_row_slots (row, n_slots);
      gtk_drop_down_set_selected (row->dropdown, field_to_index (field, slot));
      gtk_widget_set_visible (row->required, is_required (field));
    }
  self->updating = FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      RosterImportProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "", problem->message);
    }
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), problems->len > 0);

  valid = problems->len == 0;
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
selected_cb (GtkDropDown             *dropdown,
             GParamSpec              *pspec,
             RosterImportColumnsPage *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint index = gtk_drop_down_get_selected (dropdown);
  RosterImportField field;
  guint slot;

  if (self->updating || index == GTK_INVALID_LIST_POSITION)
    return;
  field = index_to_field (index, &slot);
  roster_import_columns_page_set_field (self, column, field, slot);
}

static void
clear_rows (RosterImportColumnsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_list))) != NULL)
    gtk_list_box_remove (self->columns_list, child);
  g_array_set_size (self->rows, 0);
}

/* The first value the column has in the rows shown, to recognise it by. */
static const char *
sample (GPtrArray *rows,
        guint      column)
{
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      if (column < g_strv_length (row) && *row[column] != '\0')
        return row[column];
    }
  return NULL;
}

static void
add_row (RosterImportColumnsPage *self,
         guint                    column,
         const char              *name,
         const char              *value)
{
  GtkWidget *action_row = adw_action_row_new ();
  g_autofree char *accessible = NULL;
  g_autofree char *title = NULL;
  ColumnRow row = { 0 };

  /* File contents are not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  title = *name != '\0' ? g_strdup (name) : g_strdup_printf (_("Column %u (no name)"), column + 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (value != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), value);

  row.items = gtk_string_list_new (NULL);
  for (RosterImportField f = 0; f < N_FIXED; f++)
    gtk_string_list_append (row.items, f == ROSTER_IMPORT_FIELD_IGNORED && self->unknown[column] ?
                            _("Not imported (unknown column)") : roster_import_field_label (f));
  row.dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (row.items)), NULL));
  gtk_widget_set_valign (GTK_WIDGET (row.dropdown), GTK_ALIGN_CENTER);
  /* TRANSLATORS: %s is a column of the file, as its header names it. */
  accessible = g_strdup_printf (_("Field of column “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row.dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (row.dropdown), "column", GUINT_TO_POINTER (column));

  row.required = gtk_label_new (_("Required"));
  gtk_widget_add_css_class (row.required, "dim-label");
  gtk_widget_add_css_class (row.required, "caption");

  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), row.required);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row.dropdown));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), GTK_WIDGET (row.dropdown));
  gtk_list_box_append (self->columns_list, action_row);
  g_array_append_val (self->rows, row);
  g_signal_connect_object (row.dropdown, "notify::selected", G_CALLBACK (selected_cb), self, 0);
}

void
roster_import_columns_page_set_rows (RosterImportColumnsPage *self,
                                     GPtrArray               *rows)
{
  char **names;
  g_autofree char *key = NULL;
  guint n_columns;

  g_return_if_fail (ROSTER_IS_IMPORT_COLUMNS_PAGE (self));
  g_return_if_fail (rows != NULL && rows->len > 0);

  names = g_ptr_array_index (rows, 0);
  key = g_strjoinv ("\x1f", names);
  g_clear_pointer (&self->mapping, roster_import_mapping_unref);
  self->mapping = g_hash_table_lookup (self->mappings, key);
  if (self->mapping != NULL)
    {
      roster_import_mapping_ref (self->mapping);
      self->unknown = g_hash_table_lookup (self->unknowns, key);
    }
  else
    {
      g_autoptr(GPtrArray) header = g_ptr_array_new ();
      g_auto(GStrv) unknown = NULL;

      for (guint i = 0; names[i] != NULL; i++)
        g_ptr_array_add (header, names[i]);
      self->mapping = roster_import_mapping_new_from_header (header);

      /* Which columns nothing matched: set_field() forgets it. */
      unknown = roster_import_mapping_get_unknown (self->mapping);
      n_columns = roster_import_mapping_get_n_columns (self->mapping);
      self->unknown = g_new0 (gboolean, MAX (n_columns, 1));
      for (guint i = 0; i < n_columns; i++)
        self->unknown[i] = g_strv_contains ((const char * const *) unknown,
                                            roster_import_mapping_get_name (self->mapping, i));
      g_hash_table_insert (self->mappings, g_strdup (key), roster_import_mapping_ref (self->mapping));
      g_hash_table_insert (self->unknowns, g_strdup (key), self->unknown);
    }

  clear_rows (self);
  for (guint i = 0; i < roster_import_mapping_get_n_columns (self->mapping); i++)
    add_row (self, i, roster_import_mapping_get_name (self->mapping, i), sample (rows, i));
  update_state (self);
}

RosterImportMapping *
roster_import_columns_page_get_mapping (RosterImportColumnsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  return self->mapping;
}

void
roster_import_columns_page_set_field (RosterImportColumnsPage *self,
                                      guint                    column,
                                      RosterImportField        field,
                                      guint                    slot)
{
  g_return_if_fail (ROSTER_IS_IMPORT_COLUMNS_PAGE (self));
  g_return_if_fail (self->mapping != NULL);
  g_return_if_fail (column < roster_import_mapping_get_n_columns (self->mapping));

  roster_import_mapping_set_field (self->mapping, column, field, slot);
  update_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

GStrv
roster_import_columns_page_dup_columns (RosterImportColumnsPage *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (ROSTER_IS_IMPORT_COLUMNS_PAGE (self), NULL);
  if (self->mapping == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < roster_import_mapping_get_n_columns (self->mapping); i++)
    {
      guint slot;
      RosterImportField field = roster_import_mapping_get_field (self->mapping, i, &slot);
      g_autofree char *name = NULL;

      if (field != ROSTER_IMPORT_FIELD_IGNORED)
        name = roster_import_field_column_name (field, slot);
      g_strv_builder_add (builder, name != NULL ? name : "");
    }
  return g_strv_builder_end (builder);
}

gboolean
roster_import_columns_page_get_valid (RosterImportColumnsPage *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_COLUMNS_PAGE (self), FALSE);
  return self->valid;
}

static void
roster_import_columns_page_dispose (GObject *object)
{
  RosterImportColumnsPage *self = ROSTER_IMPORT_COLUMNS_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_IMPORT_COLUMNS_PAGE);
  /* The template's top child has no id: dispose_template() leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->mapping, roster_import_mapping_unref);

  G_OBJECT_CLASS (roster_import_columns_page_parent_class)->dispose (object);
}

static void
roster_import_columns_page_finalize (GObject *object)
{
  RosterImportColumnsPage *self = ROSTER_IMPORT_COLUMNS_PAGE (object);

  g_hash_table_unref (self->mappings);
  g_hash_table_unref (self->unknowns);
  g_array_unref (self->rows);

  G_OBJECT_CLASS (roster_import_columns_page_parent_class)->finalize (object);
}

static void
roster_import_columns_page_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RosterImportColumnsPage *self = ROSTER_IMPORT_COLUMNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clear_row (ColumnRow *row)
{
  g_clear_object (&row->items);
}

static void
roster_import_columns_page_class_init (RosterImportColumnsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_import_columns_page_dispose;
  object_class->finalize = roster_import_columns_page_finalize;
  object_class->get_property = roster_import_columns_page_get_property;

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-import-columns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsPage, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsPage, columns_list);
  gtk_widget_class_bind_template_child (widget_class, RosterImportColumnsPage, problems_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
roster_import_columns_page_init (RosterImportColumnsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (ColumnRow));
  g_array_set_clear_func (self->rows, (GDestroyNotify) clear_row);
  self->mappings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) roster_import_mapping_unref);
  self->unknowns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GtkWidget *
roster_import_columns_page_new (void)
{
  return g_object_new (ROSTER_TYPE_IMPORT_COLUMNS_PAGE, NULL);
}
