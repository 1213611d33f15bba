/* test-participant-list.c: filters and sorting over 100 000 participants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Correctness only; the time they take is bench/app-participants.c's.
 */

#include "config.h"

#include <string.h>

#include "participants-fixture.h"
#include "roster-participant-list.h"
#include "roster-text.h"

#define N 100000

static GPtrArray *all;

typedef gboolean (*Predicate) (RosterParticipant *p, gconstpointer data);

/* The rows the list should show, counted the slow, obvious way. */
static guint
count_matching (Predicate     predicate,
                gconstpointer data)
{
  guint count = 0;

  for (guint i = 0; i < all->len; i++)
    if (predicate (all->pdata[i], data))
      count++;
  return count;
}

static RosterParticipantList *
new_list (gboolean incremental)
{
  RosterParticipantList *list = roster_participant_list_new (incremental);

  /* In batches, as the client hands them over. */
  for (guint start = 0; start < all->len; start += 2000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();

      for (guint i = start; i < MIN (start + 2000, all->len); i++)
        g_ptr_array_add (batch, all->pdata[i]);
      roster_participant_list_append (list, batch);
    }
  return list;
}

static guint
n_shown (RosterParticipantList *list)
{
  while (roster_participant_list_get_busy (list))
    g_main_context_iteration (NULL, TRUE);
  return g_list_model_get_n_items (roster_participant_list_get_model (list));
}

static gboolean
has_text (RosterParticipant *p,
          gconstpointer      data)
{
  g_autofree char *key = roster_text_search_key (data);
  const char *fields[] = { roster_participant_get_full_name (p), roster_participant_get_username (p),
                           roster_participant_get_email (p) };

  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autofree char *field = roster_text_search_key (fields[f]);
      if (strstr (field, key) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_search (void)
{
  static const char * const texts[] = { "zoe", "ZOË", "user00012", "user0001", "user000", "张", "凯 张",
                                        "uni.example", "odegaard", "nobody at all", "" };
  g_autoptr(RosterParticipantList) list = new_list (FALSE);

  g_assert_cmpuint (n_shown (list), ==, N);

  /* Typed letter by letter and then changed: narrowing, widening and
   * different texts must all give what a full search gives. */
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      guint expected = *texts[t] ? count_matching (has_text, texts[t]) : N;

      roster_participant_list_set_search_text (list, texts[t]);
      g_test_message ("“%s”: %u", texts[t], expected);
      g_assert_cmpuint (n_shown (list), ==, expected);
    }
  g_assert_cmpuint (count_matching (has_text, "zoe"), ==, N / 8);
}

typedef struct
{
  RosterRole role;
  gint64     group;
  int        status;
  int        type;
  gint64     method;
  const char *text;
} Facets;

static gboolean
has_facets (RosterParticipant *p,
            gconstpointer      data)
{
  const Facets *f = data;

  return (f->role == ROSTER_ROLE_NONE || roster_participant_has_role (p, f->role)) &&
         (f->group == 0 || (f->group == -1 ? roster_participant_get_n_groups (p) == 0
                                           : roster_participant_in_group (p, f->group))) &&
         (f->status < 0 || (int) roster_participant_get_status (p) == f->status) &&
         (f->type < 0 || (int) roster_participant_get_user_type (p) == f->type) &&
         (f->method == 0 || roster_participant_get_method_id (p) == f->method) &&
         (f->text == NULL || has_text (p, f->text));
}

static void
test_facets (void)
{
  static const Facets cases[] = {
    { ROSTER_ROLE_TEACHER, 0, -1, -1, 0, NULL },
    { ROSTER_ROLE_NONE, -1, -1, -1, 0, NULL },
    { ROSTER_ROLE_NONE, 3, -1, -1, 0, NULL },
    { ROSTER_ROLE_NONE, 0, ROSTER_ENROLMENT_SUSPENDED, -1, 0, NULL },
    { ROSTER_ROLE_NONE, 0, -1, ROSTER_USER_TYPE_EXTERNAL, 0, NULL },
    { ROSTER_ROLE_NONE, 0, -1, -1, 2, NULL },
    { ROSTER_ROLE_STUDENT, 2, ROSTER_ENROLMENT_ACTIVE, ROSTER_USER_TYPE_STAFF, 2, NULL },
    { ROSTER_ROLE_STUDENT, 0, -1, -1, 0, "chloe" },
    { ROSTER_ROLE_NONE, 0, -1, -1, 0, NULL },
  };
  g_autoptr(RosterParticipantList) list = new_list (TRUE);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint expected = count_matching (has_facets, &cases[c]);

      roster_participant_list_set_role (list, cases[c].role);
      roster_participant_list_set_group (list, cases[c].group);
      roster_participant_list_set_status (list, cases[c].status);
      roster_participant_list_set_user_type (list, cases[c].type);
      roster_participant_list_set_method (list, cases[c].method);
      roster_participant_list_set_search_text (list, cases[c].text);
      g_test_message ("case %u: %u", c, expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (n_shown (list), ==, expected);
    }
  g_assert_cmpuint (n_shown (list), ==, N);
}

static void
assert_sorted (GListModel *model,
               GtkSorter  *sorter)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GObject) previous = g_list_model_get_item (model, 0);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_cmpint (gtk_sorter_compare (sorter, previous, item), ==, GTK_ORDERING_SMALLER);
      g_set_object (&previous, item);
    }
}

static void
test_sort (void)
{
  static const RosterParticipantColumn columns[] = {
    ROSTER_PARTICIPANT_COLUMN_NAME, ROSTER_PARTICIPANT_COLUMN_EMAIL, ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS,
    ROSTER_PARTICIPANT_COLUMN_GROUPS, ROSTER_PARTICIPANT_COLUMN_ROLES,
  };
  g_autoptr(RosterParticipantList) list = new_list (TRUE);
  GListModel *model = roster_participant_list_get_model (list);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (columns[c]);

      roster_participant_list_set_sorter (list, sorter);
      g_assert_cmpuint (n_shown (list), ==, N);
      assert_sorted (model, sorter);
    }

  /* Name order: last name (then first name) in the user's collation. */
  {
    g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (ROSTER_PARTICIPANT_COLUMN_NAME);
    g_autoptr(RosterParticipant) first = NULL;

    roster_participant_list_set_sorter (list, sorter);
    roster_participant_list_set_search_text (list, "user00001");
    g_assert_cmpuint (n_shown (list), ==, 10);
    assert_sorted (model, sorter);
    first = g_list_model_get_item (model, 0);
    g_assert_cmpstr (roster_participant_get_last_name (first), ==, "García");
  }
}

static void
test_clear (void)
{
  g_autoptr(RosterParticipantList) list = new_list (FALSE);

  roster_participant_list_set_search_text (list, "zoe");
  g_assert_cmpuint (n_shown (list), ==, N / 8);
  roster_participant_list_clear (list);
  g_assert_cmpuint (n_shown (list), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (roster_participant_list_get_all (list)), ==, 0);
}

/* What a view sees: a copy of the model kept up to date by its
 * items-changed signals alone. */
static void
mirror_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GPtrArray **mirror)
{
  GPtrArray *old = *mirror;
  GPtrArray *new = g_ptr_array_new_full (old->len - removed + added, g_object_unref);

  g_assert_cmpuint (position + removed, <=, old->len);
  for (guint i = 0; i < position; i++)
    g_ptr_array_add (new, g_object_ref (old->pdata[i]));
  for (guint i = 0; i < added; i++)
    g_ptr_array_add (new, g_list_model_get_item (model, position + i));
  for (guint i = position + removed; i < old->len; i++)
    g_ptr_array_add (new, g_object_ref (old->pdata[i]));
  g_ptr_array_unref (old);
  *mirror = new;
}

/* The list shows what @fresh (a list that only ever had @text set on
 * an empty search) shows, in the same order, and its signals told the
 * views exactly that. */
static void
assert_same_rows (RosterParticipantList *list,
                  GPtrArray            **mirror,
                  RosterParticipantList *fresh,
                  const char            *text)
{
  GListModel *model = roster_participant_list_get_model (list);
  GListModel *expected = roster_participant_list_get_model (fresh);
  guint n;

  roster_participant_list_set_search_text (fresh, "");
  roster_participant_list_set_search_text (fresh, text);
  n = n_shown (fresh);
  g_test_message ("“%s”: %u", text, n);
  /* Waiting for the list runs the main loop, which may update the mirror. */
  g_assert_cmpuint (n_shown (list), ==, n);
  g_assert_cmpuint ((*mirror)->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (model, i);
      g_autoptr(GObject) b = g_list_model_get_item (expected, i);

      g_assert_true (a == b);
      g_assert_true ((*mirror)->pdata[i] == a);
    }
}

/* Typing (each letter narrows: only the rows shown are looked at
 * again), deleting (widens) and replacing the text give what a fresh
 * filter gives, with or without a sorter. */
static void
test_refine (void)
{
  static const char * const texts[] = { "u", "us", "use", "user", "user0", "user00", "user0001", "user00",
                                        "z", "zo", "zoë", "zo", "", "张", "张 ", "张凯", "a", "an", "ana",
                                        "an", "ZOE", "" };
  g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (ROSTER_PARTICIPANT_COLUMN_EMAIL);

  for (guint sorted = 0; sorted < 2; sorted++)
    {
      g_autoptr(RosterParticipantList) list = new_list (FALSE);
      g_autoptr(RosterParticipantList) fresh = new_list (FALSE);
      g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *model = roster_participant_list_get_model (list);

      roster_participant_list_set_sorter (list, sorted ? sorter : NULL);
      roster_participant_list_set_sorter (fresh, sorted ? sorter : NULL);
      for (guint i = 0; i < n_shown (list); i++)
        g_ptr_array_add (mirror, g_list_model_get_item (model, i));
      g_signal_connect (model, "items-changed", G_CALLBACK (mirror_cb), &mirror);

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          roster_participant_list_set_search_text (list, texts[t]);
          assert_same_rows (list, &mirror, fresh, texts[t]);
        }
      g_signal_handlers_disconnect_by_func (model, mirror_cb, &mirror);
    }
}

/* Rows that stream in while a search is set, and a sort running
 * meanwhile, end up as a search over the whole list. */
static void
test_append_while_filtering (void)
{
  g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (ROSTER_PARTICIPANT_COLUMN_LAST_ACCESS);

  for (guint sorted = 0; sorted < 2; sorted++)
    {
      g_autoptr(RosterParticipantList) list = roster_participant_list_new (TRUE);
      g_autoptr(RosterParticipantList) fresh = new_list (FALSE);
      g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *model = roster_participant_list_get_model (list);

      g_signal_connect (model, "items-changed", G_CALLBACK (mirror_cb), &mirror);
      roster_participant_list_set_sorter (list, sorted ? sorter : NULL);
      roster_participant_list_set_sorter (fresh, sorted ? sorter : NULL);
      roster_participant_list_set_search_text (list, "zoe");
      for (guint start = 0; start < all->len; start += 5000)
        {
          g_autoptr(GPtrArray) batch = g_ptr_array_new ();

          for (guint i = start; i < MIN (start + 5000, all->len); i++)
            g_ptr_array_add (batch, all->pdata[i]);
          roster_participant_list_append (list, batch);
          /* Let the incremental sort run a little between batches. */
          g_main_context_iteration (NULL, FALSE);
        }
      assert_same_rows (list, &mirror, fresh, "zoe");
      roster_participant_list_clear (list);
      g_assert_cmpuint (mirror->len, ==, 0);
      g_signal_handlers_disconnect_by_func (model, mirror_cb, &mirror);
    }
}

static gboolean
in_id_set (RosterParticipant *p,
           gconstpointer      data)
{
  gint64 user_id = roster_participant_get_user_id (p);

  return g_hash_table_contains ((GHashTable *) data, &user_id) &&
         roster_participant_get_user_type (p) == ROSTER_USER_TYPE_EXTERNAL;
}

/* The people of an import: only their rows, with the other filters on
 * top, and everyone again after. */
static void
test_user_ids (void)
{
  g_autoptr(RosterParticipantList) list = new_list (TRUE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) set = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 missing = -42;

  /* Every 97th person, and an id nobody has. */
  for (guint i = 0; i < all->len; i += 97)
    {
      gint64 user_id = roster_participant_get_user_id (all->pdata[i]);

      g_array_append_val (ids, user_id);
    }
  g_array_append_val (ids, missing);
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_add (set, &g_array_index (ids, gint64, i));

  roster_participant_list_set_user_ids (list, ids);
  g_assert_cmpuint (roster_participant_list_get_n_user_ids (list), ==, ids->len);
  g_assert_cmpuint (n_shown (list), ==, ids->len - 1);

  roster_participant_list_set_user_type (list, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpuint (count_matching (in_id_set, set), >, 0);
  g_assert_cmpuint (n_shown (list), ==, count_matching (in_id_set, set));

  roster_participant_list_set_user_type (list, -1);
  roster_participant_list_set_user_ids (list, NULL);
  g_assert_cmpuint (roster_participant_list_get_n_user_ids (list), ==, 0);
  g_assert_cmpuint (n_shown (list), ==, N);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  all = roster_test_make_participants (N);

  g_test_add_func ("/participant-list/search", test_search);
  g_test_add_func ("/participant-list/facets", test_facets);
  g_test_add_func ("/participant-list/sort", test_sort);
  g_test_add_func ("/participant-list/clear", test_clear);
  g_test_add_func ("/participant-list/refine", test_refine);
  g_test_add_func ("/participant-list/append-while-filtering", test_append_while_filtering);
  g_test_add_func ("/participant-list/user-ids", test_user_ids);

  status = g_test_run ();
  g_ptr_array_unref (all);
  return status;
}
