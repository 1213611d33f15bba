/* roster-participant-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <string.h>

#include "roster-participant-filter-model.h"
#include "roster-participant-list.h"
#include "roster-text.h"

struct _RosterParticipantList
{
  GObject                       parent_instance;

  GListStore                   *store;
  GtkSortListModel             *sorted;
  RosterParticipantFilterModel *filtered;

  char                         *search_key;
  gint64                        group_id;
  gint64                        method_id;
  RosterRole                    role;
  int                           status;
  int                           user_type;
  GHashTable                   *user_ids;   /* of gint64: only these people; NULL: everyone */
};

G_DEFINE_FINAL_TYPE (RosterParticipantList, roster_participant_list, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_participant_list_dispose (GObject *object)
{
  RosterParticipantList *self = (RosterParticipantList *) object;

  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (roster_participant_list_parent_class)->dispose (object);
}

static void
roster_participant_list_finalize (GObject *object)
{
  RosterParticipantList *self = (RosterParticipantList *) object;

  g_free (self->search_key);
  g_clear_pointer (&self->user_ids, g_hash_table_unref);

  G_OBJECT_CLASS (roster_participant_list_parent_class)->finalize (object);
}

static void
roster_participant_list_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterParticipantList *self = ROSTER_PARTICIPANT_LIST (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, roster_participant_list_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_participant_list_class_init (RosterParticipantListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_participant_list_dispose;
  object_class->finalize = roster_participant_list_finalize;
  object_class->get_property = roster_participant_list_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static gboolean
facets_match (RosterParticipantList *self,
              RosterParticipant     *participant)
{
  if (self->role != ROSTER_ROLE_NONE && !roster_participant_has_role (participant, self->role))
    return FALSE;
  if (self->status >= 0 && (int) roster_participant_get_status (participant) != self->status)
    return FALSE;
  if (self->user_type >= 0 && (int) roster_participant_get_user_type (participant) != self->user_type)
    return FALSE;
  if (self->method_id != 0 && roster_participant_get_method_id (participant) != self->method_id)
    return FALSE;
  if (self->group_id == -1 && roster_participant_get_n_groups (participant) != 0)
    return FALSE;
  if (self->group_id > 0 && !roster_participant_in_group (participant, self->group_id))
    return FALSE;
  if (self->user_ids != NULL)
    {
      gint64 user_id = roster_participant_get_user_id (participant);

      if (!g_hash_table_contains (self->user_ids, &user_id))
        return FALSE;
    }
  return TRUE;
}

static gboolean
facets_match_cb (RosterParticipant *participant,
                 gpointer           user_data)
{
  return facets_match (user_data, participant);
}

static gboolean
facets_set (RosterParticipantList *self)
{
  return self->role != ROSTER_ROLE_NONE || self->status >= 0 || self->user_type >= 0 ||
         self->method_id != 0 || self->group_id != 0 || self->user_ids != NULL;
}

static void
pending_cb (RosterParticipantList *self)
{
  roster_participant_filter_model_set_frozen (self->filtered, gtk_sort_list_model_get_pending (self->sorted) > 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
roster_participant_list_init (RosterParticipantList *self)
{
  self->role = ROSTER_ROLE_NONE;
  self->status = -1;
  self->user_type = -1;
  self->search_key = g_strdup ("");

  self->store = g_list_store_new (ROSTER_TYPE_PARTICIPANT);

  /* Sorted below, filtered on top: a keystroke filters rows already in
   * order instead of sorting all it keeps again (100 000 rows take far
   * more than a frame to sort). With no sorter the rows keep the
   * server's order, by name, and the filter reads the store in order. */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)), NULL);

  /* Not GtkFilterListModel: it asks the model below for every row, one
   * object at a time, and after a few reloads those objects lie all
   * over the heap (a keystroke took 30 ms at 100 000 rows, most of it
   * the walk itself). This one scans the search keys packed in one buffer
   * and filters at once, so it is never pending. */
  self->filtered = roster_participant_filter_model_new (G_LIST_MODEL (self->sorted));

  g_signal_connect_object (self->sorted, "notify::pending", G_CALLBACK (pending_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "notify::pending", G_CALLBACK (pending_cb), self, G_CONNECT_SWAPPED);
}

RosterParticipantList *
roster_participant_list_new (gboolean incremental)
{
  RosterParticipantList *self = g_object_new (ROSTER_TYPE_PARTICIPANT_LIST, NULL);

  /* Only sorting is incremental: filtering is a scan of packed keys,
   * done at once. */
  if (incremental)
    gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  return self;
}

GListModel *
roster_participant_list_get_model (RosterParticipantList *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT_LIST (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

GListModel *
roster_participant_list_get_all (RosterParticipantList *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT_LIST (self), NULL);
  return G_LIST_MODEL (self->store);
}

void
roster_participant_list_append (RosterParticipantList *self,
                                GPtrArray             *participants)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (participants != NULL);

  /* The search keys are made now, a batch at a time as rows arrive,
   * so that the first keystroke does not pay for 100 000 of them. */
  for (guint i = 0; i < participants->len; i++)
    roster_participant_get_search_key (participants->pdata[i]);

  /* One splice per batch: one items-changed signal, not one per row. */
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       participants->pdata, participants->len);
}

void
roster_participant_list_clear (RosterParticipantList *self)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));
  g_list_store_remove_all (self->store);
}

gboolean
roster_participant_list_get_busy (RosterParticipantList *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT_LIST (self), FALSE);

  return gtk_sort_list_model_get_pending (self->sorted) > 0 ||
         roster_participant_filter_model_get_pending (self->filtered);
}

void
roster_participant_list_set_search_text (RosterParticipantList *self,
                                         const char            *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *key = roster_text_search_key (trimmed);

  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));

  if (key == NULL)
    key = g_strdup ("");
  if (g_str_equal (key, self->search_key))
    return;

  /* Typing one more letter only narrows the list: then only the rows
   * still shown are looked at, not all 100 000. */
  roster_participant_filter_model_set_search_key (self->filtered, key, strstr (key, self->search_key) != NULL);
  g_free (self->search_key);
  self->search_key = g_steal_pointer (&key);
}

static void
facets_changed (RosterParticipantList *self)
{
  roster_participant_filter_model_set_match_func (self->filtered, facets_set (self) ? facets_match_cb : NULL, self);
}

#define FACET_SETTER(name, type, field)                                      \
  void                                                                       \
  roster_participant_list_set_##name (RosterParticipantList *self,           \
                                      type                   value)          \
  {                                                                          \
    g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));                    \
    if (self->field == value)                                                \
      return;                                                                \
    self->field = value;                                                     \
    facets_changed (self);                                                   \
  }

FACET_SETTER (role, RosterRole, role)
FACET_SETTER (group, gint64, group_id)
FACET_SETTER (status, int, status)
FACET_SETTER (user_type, int, user_type)
FACET_SETTER (method, gint64, method_id)

#undef FACET_SETTER

void
roster_participant_list_set_user_ids (RosterParticipantList *self,
                                      GArray                *user_ids)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));

  if (self->user_ids == NULL && user_ids == NULL)
    return;

  g_clear_pointer (&self->user_ids, g_hash_table_unref);
  if (user_ids != NULL)
    {
      self->user_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < user_ids->len; i++)
        g_hash_table_add (self->user_ids, g_memdup2 (&g_array_index (user_ids, gint64, i), sizeof (gint64)));
    }
  facets_changed (self);
}

guint
roster_participant_list_get_n_user_ids (RosterParticipantList *self)
{
  g_return_val_if_fail (ROSTER_IS_PARTICIPANT_LIST (self), 0);
  return self->user_ids != NULL ? g_hash_table_size (self->user_ids) : 0;
}

static int
compare_strings (const char *a,
                 const char *b)
{
  return g_strcmp0 (a, b);
}

static int
compare_ints (gint64 a,
              gint64 b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  RosterParticipant *pa = (RosterParticipant *) a;
  RosterParticipant *pb = (RosterParticipant *) b;
  RosterParticipantColumn column = GPOINTER_TO_UINT (user_data);
  int result = 0;

  switch (column)
    {
    case ROSTER_PARTICIPANT_COLUMN_NAME:
      break;
    case ROSTER_PARTICIPANT_COLUMN_USERNAME:
      result = compare_strings (roster_participant_get_username (pa), roster_participant_get_username (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_EMAIL:
      result = compare_strings (roster_participant_get_email (pa), roster_participant_get_email (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_TYPE:
      result = compare_ints (roster_participant_get_user_type (pa), roster_participant_get_user_type (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_ROLES:
      result = compare_ints (roster_participant_get_roles (pa), roster_participant_get_roles (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_GROUPS:
      result = compare_strings (roster_participant_get_group_names (pa)[0],
                                roster_participant_get_group_names (pb)[0]);
      break;
    case ROSTER_PARTICIPANT_COLUMN_STATUS:
      result = compare_ints (roster_participant_get_status (pa), roster_participant_get_status (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_METHOD:
      result = compare_ints (roster_participant_get_method_id (pa), roster_participant_get_method_id (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_ENROLLED:
      result = compare_ints (roster_participant_get_enrolled_at (pa), roster_participant_get_enrolled_at (pb));
      break;
    case ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS:
      result = compare_ints (roster_participant_get_last_access (pa), roster_participant_get_last_access (pb));
      break;
    default:
      g_assert_not_reached ();
    }

  /* Ties in name order, then by enrolment, so the order is stable. */
  if (result == 0)
    result = strcmp (roster_participant_get_name_sort_key (pa), roster_participant_get_name_sort_key (pb));
  if (result == 0)
    result = compare_ints (roster_participant_get_enrolment_id (pa), roster_participant_get_enrolment_id (pb));
  return result;
}

GtkSorter *
roster_participant_list_create_sorter (RosterParticipantColumn column)
{
  g_return_val_if_fail (column <= ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (column), NULL));
}

void
roster_participant_list_set_sorter (RosterParticipantList *self,
                                    GtkSorter             *sorter)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (sorter == NULL || GTK_IS_SORTER (sorter));

  gtk_sort_list_model_set_sorter (self->sorted, sorter);
}

/**
 * roster_participant_list_remove:
 * @self: a #RosterParticipantList
 * @participants: (element-type RosterParticipant): rows to take out
 *
 * Takes out the rows of people no longer enrolled, in one walk of the
 * list; the others keep their place (and a view its selection).
 */
void
roster_participant_list_remove (RosterParticipantList *self,
                                GPtrArray             *participants)
{
  g_autoptr(GHashTable) gone = NULL;
  g_autoptr(GArray) positions = NULL;
  guint n_items;

  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (participants != NULL);

  if (participants->len == 0)
    return;

  gone = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < participants->len; i++)
    g_hash_table_add (gone, participants->pdata[i]);

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n_items && positions->len < g_hash_table_size (gone); i++)
    {
      g_autoptr(RosterParticipant) participant = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_hash_table_contains (gone, participant))
        g_array_append_val (positions, i);
    }

  /* From the end, so that the positions still to go stay right. */
  for (guint i = positions->len; i > 0; i--)
    g_list_store_remove (self->store, g_array_index (positions, guint, i - 1));
}

/**
 * roster_participant_list_refilter:
 * @self: a #RosterParticipantList
 *
 * Filters every row again, after rows changed in place (a suspended
 * participant leaves a list of active ones).
 */
void
roster_participant_list_refilter (RosterParticipantList *self)
{
  g_return_if_fail (ROSTER_IS_PARTICIPANT_LIST (self));

  /* Only the role, group, status… facets look at what a bulk action
   * changes; the search keys stay as they are. */
  facets_changed (self);
}
