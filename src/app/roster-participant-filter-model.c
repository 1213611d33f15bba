/* roster-participant-filter-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <string.h>

#include "roster-participant-filter-model.h"

typedef struct
{
  RosterParticipant *item;
  guint32            key;     /* offset of its search key in keys */
} Row;

struct _RosterParticipantFilterModel
{
  GObject                     parent_instance;

  GListModel                 *model;
  GArray                     *rows;      /* Row, one per item of model, in its order */
  GByteArray                 *keys;      /* NUL-terminated search keys, one after another */
  gsize                       garbage;   /* bytes of keys no row points to */
  GArray                     *matches;   /* guint: positions in rows of the rows shown */
  char                       *search_key;
  RosterParticipantMatchFunc  match_func;
  gpointer                    match_data;
  GArray                     *next_rows;  /* rows and keys read again so far */
  GByteArray                 *next_keys;
  guint                       rebuild_id;
  guint                       frozen : 1;
  guint                       stale : 1;   /* rows no longer those of model */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RosterParticipantFilterModel, roster_participant_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return ROSTER_TYPE_PARTICIPANT;
}

static guint
get_n_items (GListModel *model)
{
  return ROSTER_PARTICIPANT_FILTER_MODEL (model)->matches->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  RosterParticipantFilterModel *self = ROSTER_PARTICIPANT_FILTER_MODEL (model);

  if (position >= self->matches->len)
    return NULL;
  return g_object_ref (g_array_index (self->rows, Row, g_array_index (self->matches, guint, position)).item);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
clear_row (Row *row)
{
  g_clear_object (&row->item);
}

static gboolean
row_matches (RosterParticipantFilterModel *self,
             guint                         i)
{
  const Row *row = &g_array_index (self->rows, Row, i);

  /* The keys were folded when the rows came in, so this is a plain
   * substring search in memory that is read in order. */
  if (*self->search_key != '\0' && strstr ((const char *) self->keys->data + row->key, self->search_key) == NULL)
    return FALSE;
  return self->match_func == NULL || self->match_func (row->item, self->match_data);
}

static gboolean
filtering (RosterParticipantFilterModel *self)
{
  return *self->search_key != '\0' || self->match_func != NULL;
}

/* Replaces the rows shown by @matches and tells the views the smallest
 * range that changed, so that they keep their place and selection. */
static void
set_matches (RosterParticipantFilterModel *self,
             GArray                       *matches)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->matches);
  guint prefix = 0, suffix = 0;

  self->matches = matches;
  while (prefix < old->len && prefix < matches->len &&
         g_array_index (old, guint, prefix) == g_array_index (matches, guint, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < matches->len - prefix &&
         g_array_index (old, guint, old->len - 1 - suffix) == g_array_index (matches, guint, matches->len - 1 - suffix))
    suffix++;
  if (old->len != prefix + suffix || matches->len != prefix + suffix)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                matches->len - prefix - suffix);
}

static void
append_matches (GArray *matches,
                guint   start,
                guint   end)
{
  guint old_len = matches->len;

  g_array_set_size (matches, old_len + (end - start));
  for (guint i = start; i < end; i++)
    g_array_index (matches, guint, old_len + i - start) = i;
}

/* @shown_only: look again at the rows shown only, the others cannot match. */
static GArray *
find_matches (RosterParticipantFilterModel *self,
              gboolean                      shown_only)
{
  GArray *matches = g_array_sized_new (FALSE, FALSE, sizeof (guint), shown_only ? self->matches->len : 1024);

  if (!filtering (self))
    append_matches (matches, 0, self->rows->len);
  else if (shown_only)
    {
      for (guint j = 0; j < self->matches->len; j++)
        {
          guint i = g_array_index (self->matches, guint, j);

          if (row_matches (self, i))
            g_array_append_val (matches, i);
        }
    }
  else
    {
      for (guint i = 0; i < self->rows->len; i++)
        if (row_matches (self, i))
          g_array_append_val (matches, i);
    }

  return matches;
}

/* Keys of removed rows stay in the buffer until they are half of it;
 * then it is written again in the rows' order. */
static void
compact_keys (RosterParticipantFilterModel *self)
{
  GByteArray *keys;

  if (self->garbage < 4096 || self->garbage < self->keys->len / 2)
    return;

  keys = g_byte_array_sized_new (self->keys->len - self->garbage);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);
      const char *key = (const char *) self->keys->data + row->key;

      row->key = keys->len;
      g_byte_array_append (keys, (const guint8 *) key, strlen (key) + 1);
    }
  g_byte_array_unref (self->keys);
  self->keys = keys;
  self->garbage = 0;
}

static void
insert_rows (RosterParticipantFilterModel *self,
             guint                         position,
             guint                         n)
{
  g_autofree Row *new_rows = NULL;

  if (n == 0)
    return;
  new_rows = g_new (Row, n);
  for (guint i = 0; i < n; i++)
    {
      const char *key;

      new_rows[i].item = g_list_model_get_item (self->model, position + i);
      new_rows[i].key = self->keys->len;
      key = roster_participant_get_search_key (new_rows[i].item);
      g_byte_array_append (self->keys, (const guint8 *) key, strlen (key) + 1);
    }
  g_array_insert_vals (self->rows, position, new_rows, n);
}

static void
drop_next (RosterParticipantFilterModel *self)
{
  g_clear_pointer (&self->next_rows, g_array_unref);
  g_clear_pointer (&self->next_keys, g_byte_array_unref);
}

static void
set_stale (RosterParticipantFilterModel *self,
           gboolean                      stale)
{
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* Reads every row of the model again, keys in order, a few
 * milliseconds at a time: at 100 000 rows in a new order that takes
 * about 90 ms (each row a lookup in the store's tree), five frames if
 * done at once. The rows shown stay as they were until the last step. */
static gboolean
rebuild_cb (gpointer user_data)
{
  RosterParticipantFilterModel *self = user_data;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GArray) old_rows = NULL;
  guint n = g_list_model_get_n_items (self->model);
  gint64 deadline = g_get_monotonic_time () + 3000;

  if (self->frozen || !self->stale)
    {
      drop_next (self);
      self->rebuild_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (self->next_rows == NULL)
    {
      self->next_rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), n);
      g_array_set_clear_func (self->next_rows, (GDestroyNotify) clear_row);
      self->next_keys = g_byte_array_sized_new (self->keys->len - self->garbage);
    }
  while (self->next_rows->len < n)
    {
      Row row;
      const char *key;

      row.item = g_list_model_get_item (self->model, self->next_rows->len);
      row.key = self->next_keys->len;
      key = roster_participant_get_search_key (row.item);
      g_byte_array_append (self->next_keys, (const guint8 *) key, strlen (key) + 1);
      g_array_append_val (self->next_rows, row);
      if (self->next_rows->len % 256 == 0 && g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }

  old_rows = g_steal_pointer (&self->rows);
  self->rows = g_steal_pointer (&self->next_rows);
  g_byte_array_unref (self->keys);
  self->keys = g_steal_pointer (&self->next_keys);
  self->garbage = 0;
  shown = g_steal_pointer (&self->matches);
  self->matches = find_matches (self, FALSE);
  self->rebuild_id = 0;
  set_stale (self, FALSE);
  if (shown->len > 0 || self->matches->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, shown->len, self->matches->len);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (RosterParticipantFilterModel *self,
                  guint                         position,
                  guint                         removed,
                  guint                         added,
                  GListModel                   *model)
{
  gboolean appended = removed == 0 && position == self->rows->len;
  guint old_len = self->rows->len;

  /* An incremental sort moves rows a part at a time, each a change of
   * tens of thousands of rows: the rows are read again once, when it
   * is done. Until then the rows shown stay as they were. */
  /* Positions read by a rebuild under way may have moved: it starts over. */
  if (self->stale)
    {
      drop_next (self);
      return;
    }
  if (self->frozen && !appended)
    {
      set_stale (self, TRUE);
      return;
    }

  for (guint i = position; i < position + removed; i++)
    self->garbage += strlen ((const char *) self->keys->data + g_array_index (self->rows, Row, i).key) + 1;
  if (removed > 0)
    g_array_remove_range (self->rows, position, removed);

  insert_rows (self, position, added);

  if (self->rows->len == 0)
    {
      g_byte_array_set_size (self->keys, 0);
      self->garbage = 0;
    }
  compact_keys (self);

  /* Rows streaming in are added at the end: only they are looked at. */
  if (appended)
    {
      guint n_shown = self->matches->len;

      if (!filtering (self))
        append_matches (self->matches, old_len, self->rows->len);
      else
        for (guint i = old_len; i < self->rows->len; i++)
          if (row_matches (self, i))
            g_array_append_val (self->matches, i);
      if (self->matches->len > n_shown)
        g_list_model_items_changed (G_LIST_MODEL (self), n_shown, 0, self->matches->len - n_shown);
      return;
    }

  /* Anything else (a new order, rows removed) moves row positions:
   * one scan of the keys makes the rows shown again. */
  {
    g_autoptr(GArray) stale = g_steal_pointer (&self->matches);
    GArray *matches = find_matches (self, FALSE);
    guint prefix = 0, suffix = 0;

    /* Rows before the change kept their place, rows after it moved by
     * added - removed: only those in between are new to the views. */
    self->matches = matches;
    while (prefix < stale->len && prefix < matches->len &&
           g_array_index (stale, guint, prefix) < position &&
           g_array_index (stale, guint, prefix) == g_array_index (matches, guint, prefix))
      prefix++;
    while (suffix < stale->len - prefix && suffix < matches->len - prefix &&
           g_array_index (stale, guint, stale->len - 1 - suffix) >= position + removed &&
           g_array_index (stale, guint, stale->len - 1 - suffix) + added - removed ==
           g_array_index (matches, guint, matches->len - 1 - suffix))
      suffix++;
    if (stale->len != prefix + suffix || matches->len != prefix + suffix)
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, stale->len - prefix - suffix,
                                  matches->len - prefix - suffix);
  }
}

static void
roster_participant_filter_model_dispose (GObject *object)
{
  RosterParticipantFilterModel *self = (RosterParticipantFilterModel *) object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  drop_next (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  /* Views may still ask for the rows; there are none left. */
  if (self->matches != NULL)
    g_array_set_size (self->matches, 0);
  if (self->rows != NULL)
    g_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (roster_participant_filter_model_parent_class)->dispose (object);
}

static void
roster_participant_filter_model_finalize (GObject *object)
{
  RosterParticipantFilterModel *self = (RosterParticipantFilterModel *) object;

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->keys, g_byte_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_free (self->search_key);

  G_OBJECT_CLASS (roster_participant_filter_model_parent_class)->finalize (object);
}

static void
roster_participant_filter_model_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  RosterParticipantFilterModel *self = ROSTER_PARTICIPANT_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_boolean (value, self->stale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_participant_filter_model_class_init (RosterParticipantFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_participant_filter_model_dispose;
  object_class->finalize = roster_participant_filter_model_finalize;
  object_class->get_property = roster_participant_filter_model_get_property;

  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_participant_filter_model_init (RosterParticipantFilterModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_array_set_clear_func (self->rows, (GDestroyNotify) clear_row);
  self->keys = g_byte_array_new ();
  self->matches = g_array_new (FALSE, FALSE, sizeof (guint));
  self->search_key = g_strdup ("");
}

RosterParticipantFilterModel *
roster_participant_filter_model_new (GListModel *model)
{
  RosterParticipantFilterModel *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (ROSTER_TYPE_PARTICIPANT_FILTER_MODEL, NULL);
  self->model = g_object_ref (model);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    items_changed_cb (self, 0, 0, n, model);
  return self;
}

void
roster_participant_filter_model_set_search_key (RosterParticipantFilterModel *self,
                                                const char                   *key,
                                                gboolean                      more_strict)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_FILTER_MODEL (self));

  if (key == NULL)
    key = "";
  if (g_str_equal (key, self->search_key))
    return;
  g_free (self->search_key);
  self->search_key = g_strdup (key);
  set_matches (self, find_matches (self, more_strict));
}

void
roster_participant_filter_model_set_frozen (RosterParticipantFilterModel *self,
                                            gboolean                      frozen)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_FILTER_MODEL (self));

  self->frozen = !!frozen;
  /* Not at once: the model below may tell it is done before it is in a
   * state to be read (GtkSortListModel does, inside items-changed). */
  if (!self->frozen && self->stale && self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_cb, self, NULL);
}

gboolean
roster_participant_filter_model_get_pending (RosterParticipantFilterModel *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT_FILTER_MODEL (self), FALSE);
  return self->stale;
}

void
roster_participant_filter_model_set_match_func (RosterParticipantFilterModel *self,
                                                RosterParticipantMatchFunc    func,
                                                gpointer                      user_data)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_FILTER_MODEL (self));

  self->match_func = func;
  self->match_data = user_data;
  set_matches (self, find_matches (self, FALSE));
}
