/* roster-users-page.c: the site's people (site administrators)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-users-page"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-client-users.h"
#include "roster-user-events.h"
#include "roster-user-pane.h"
#include "roster-users-page.h"

/* The state drop-down's items after "Any state". */
enum {
  STATE_ANY,
  STATE_PENDING,
  STATE_ACTIVE,
  STATE_SUSPENDED,
  STATE_LOCKED,
  STATE_ERASED,
};

typedef enum {
  COLUMN_NAME,
  COLUMN_USERNAME,
  COLUMN_EMAIL,
  COLUMN_TYPE,
  COLUMN_STATE,
} Column;

struct _RosterUsersPage
{
  GtkWidget            parent_instance;

  RosterClient        *client;
  gint64               me_id;
  GCancellable        *cancellable;
  GListStore          *store;
  GtkSingleSelection  *selection;
  /* The words searched for, as the list shows them. */
  char                *query;
  /* The next page's cursor; NULL on the last. */
  char                *next_cursor;
  /* Whether the load that failed was of a next page. */
  gboolean             failed_more;
  /* Set while the page selects a row itself, so the pane keeps what it
   * shows. */
  gboolean             selecting;
  /* Enter in the search came before its results: open the first. */
  gboolean             open_first;

  AdwLeaflet          *leaflet;
  GtkWidget           *list_side;
  GtkWidget           *pane_side;
  GtkWidget           *back_button;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *type_dropdown;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *username_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *state_column;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
  GtkButton           *more_button;
  RosterUserPane      *pane;
};

G_DEFINE_FINAL_TYPE (RosterUsersPage, roster_users_page, GTK_TYPE_WIDGET)

enum {
  SHOW_AUDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Cells -------------------------------------------------------------- */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == COLUMN_STATE)
    gtk_widget_add_css_class (label, "caption-heading");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };
  RosterUser *user = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *name = NULL;

  switch ((Column) GPOINTER_TO_INT (user_data))
    {
    case COLUMN_NAME:
      name = roster_user_dup_full_name (user);
      gtk_label_set_text (label, name);
      break;
    case COLUMN_USERNAME:
      gtk_label_set_text (label, roster_user_get_username (user));
      break;
    case COLUMN_EMAIL:
      gtk_label_set_text (label, roster_user_get_email (user));
      break;
    case COLUMN_TYPE:
      gtk_label_set_text (label, roster_user_events_format_type (roster_user_get_user_type (user)));
      break;
    case COLUMN_STATE:
      /* A badge: the state's word in its colour. */
      gtk_label_set_text (label, roster_user_events_format_state (user, now));
      for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);
      gtk_widget_add_css_class (GTK_WIDGET (label), roster_user_events_state_class (user, now));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
setup_column (GtkColumnViewColumn *column,
              Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);
}

/* Loading ------------------------------------------------------------ */

static void
update_count (RosterUsersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = NULL;

  if (self->next_cursor != NULL)
    /* TRANSLATORS: the people listed so far, when the server has more. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person shown, more to load",
                                         "%u people shown, more to load", n), n);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", n), n);
  gtk_label_set_text (self->count_label, text);
}

static void
show_state (RosterUsersPage *self)
{
  gboolean loading = self->cancellable != NULL;
  gboolean failed = gtk_revealer_get_reveal_child (self->error_revealer);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), self->next_cursor != NULL && !failed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->more_button), !loading);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n == 0 && !loading && !failed && self->client != NULL ? "empty" : "list");
  update_count (self);
}

static guint
find_user (RosterUsersPage *self,
           gint64           user_id)
{
  for (guint i = 0; user_id != 0 && i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(RosterUser) user = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (roster_user_get_id (user) == user_id)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (RosterUsersPage *self,
                 guint            position)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

typedef struct
{
  RosterUsersPage *self;
  gboolean         more;
} LoadData;

static void row_activated_cb (RosterUsersPage *self,
                              guint            position);

static void
list_users_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree LoadData *data = user_data;
  g_autoptr(RosterUsersPage) self = data->self;
  g_autoptr(GListModel) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next_cursor = NULL;
  RosterUser *shown;
  guint n_old;

  users = roster_client_list_users_finish (ROSTER_CLIENT (object), result, &next_cursor, &error);
  /* Cancelled: a newer search took over, or the page is gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (users == NULL)
    {
      self->failed_more = data->more;
      gtk_label_set_text (self->error_label, error->message);
      gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
      show_state (self);
      return;
    }

  g_free (self->next_cursor);
  self->next_cursor = g_steal_pointer (&next_cursor);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  self->selecting = TRUE;
  if (data->more)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (users); i++)
        g_ptr_array_add (items, g_list_model_get_item (users, i));
      g_list_store_splice (self->store, n_old, 0, items->pdata, items->len);
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (users); i++)
        g_ptr_array_add (items, g_list_model_get_item (users, i));
      g_list_store_splice (self->store, 0, n_old, items->pdata, items->len);
    }
  self->selecting = FALSE;

  /* The person in the details stays there, selected if still listed. */
  shown = roster_user_pane_get_user (self->pane);
  if (shown != NULL)
    select_position (self, find_user (self, roster_user_get_id (shown)));

  show_state (self);

  if (self->open_first && !data->more)
    {
      self->open_first = FALSE;
      if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
        row_activated_cb (self, 0);
    }
}

static void
load (RosterUsersPage *self,
      gboolean         more)
{
  RosterUserFilter filter;
  LoadData *data;
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);

  if (more && (self->cancellable != NULL || self->next_cursor == NULL))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);

  if (self->client == NULL)
    {
      show_state (self);
      return;
    }

  roster_user_filter_init (&filter);
  if (!more)
    {
      g_free (self->query);
      self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
  filter.query = self->query;
  switch (state)
    {
    case STATE_PENDING:
      filter.state = ROSTER_USER_STATE_PENDING;
      break;
    case STATE_ACTIVE:
      filter.state = ROSTER_USER_STATE_ACTIVE;
      break;
    case STATE_SUSPENDED:
      filter.state = ROSTER_USER_STATE_SUSPENDED;
      break;
    case STATE_LOCKED:
      filter.locked_only = TRUE;
      break;
    case STATE_ERASED:
      filter.state = ROSTER_USER_STATE_ERASED;
      break;
    default:
      break;
    }
  if (type >= 1 && type <= 3)
    filter.type = ROSTER_USER_TYPE_STAFF + (type - 1);
  filter.cursor = more ? self->next_cursor : NULL;

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->more = more;
  self->cancellable = g_cancellable_new ();
  roster_client_list_users_async (self->client, &filter, self->cancellable, list_users_cb, data);
  show_state (self);
}

/* Callbacks ---------------------------------------------------------- */

static void
search_changed_cb (RosterUsersPage *self)
{
  /* The entry also says so when its text has not changed. */
  if (g_strcmp0 (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    load (self, FALSE);
}

/* Enter in the search opens the first person found, as in the course
 * list: a person is a name and a key away. */
static void
search_activate_cb (RosterUsersPage *self)
{
  if (g_strcmp0 (self->query, gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) != 0)
    load (self, FALSE);

  if (self->cancellable != NULL)
    self->open_first = TRUE;
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0)
    row_activated_cb (self, 0);
}

static void
filter_changed_cb (RosterUsersPage *self)
{
  load (self, FALSE);
}

static void
retry_clicked_cb (RosterUsersPage *self)
{
  load (self, self->failed_more && self->next_cursor != NULL);
}

static void
more_clicked_cb (RosterUsersPage *self)
{
  load (self, TRUE);
}

static void
edge_reached_cb (RosterUsersPage *self,
                 GtkPositionType  position)
{
  /* Scrolled to the end: the next page comes by itself. */
  if (position == GTK_POS_BOTTOM && !gtk_revealer_get_reveal_child (self->error_revealer))
    load (self, TRUE);
}

static void
selection_changed_cb (RosterUsersPage *self)
{
  RosterUser *user;

  if (self->selecting)
    return;

  user = gtk_single_selection_get_selected_item (self->selection);
  if (user != roster_user_pane_get_user (self->pane))
    roster_user_pane_set_user (self->pane, user);
}

static void
row_activated_cb (RosterUsersPage *self,
                  guint            position)
{
  g_autoptr(RosterUser) user = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (user == NULL)
    return;

  select_position (self, position);
  if (user != roster_user_pane_get_user (self->pane))
    roster_user_pane_set_user (self->pane, user);
  /* Narrow, the details cover the list. */
  adw_leaflet_set_visible_child (self->leaflet, self->pane_side);
  roster_user_pane_focus (self->pane);
}

static void
back_clicked_cb (RosterUsersPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_side);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
pane_show_audit_cb (RosterUsersPage *self,
                    gint64           user_id,
                    const char      *name)
{
  g_signal_emit (self, signals[SHOW_AUDIT], 0, user_id, name);
}

static void
pane_user_changed_cb (RosterUsersPage *self,
                      RosterUser      *user)
{
  guint position = find_user (self, roster_user_get_id (user));
  gboolean selected;

  if (position == GTK_INVALID_LIST_POSITION)
    return;

  /* The row shows the account as it is now; the selection stays. */
  selected = gtk_single_selection_get_selected (self->selection) == position;
  self->selecting = TRUE;
  g_list_store_splice (self->store, position, 1, (gpointer *) &user, 1);
  self->selecting = FALSE;
  if (selected)
    select_position (self, position);
}

static void
pane_user_erased_cb (RosterUsersPage *self,
                     gint64           user_id)
{
  RosterUser *shown = roster_user_pane_get_user (self->pane);

  if (shown != NULL && roster_user_get_id (shown) == user_id)
    roster_user_pane_set_user (self->pane, NULL);
  load (self, FALSE);
}

static gboolean
back_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  RosterUsersPage *self = ROSTER_USERS_PAGE (widget);

  /* Escape leaves the details only where they cover the list. */
  if (!adw_leaflet_get_folded (self->leaflet) || adw_leaflet_get_visible_child (self->leaflet) != self->pane_side)
    return FALSE;

  back_clicked_cb (self);
  return TRUE;
}

static void
focus_search_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  roster_users_page_focus_search (ROSTER_USERS_PAGE (widget));
}

/* The object --------------------------------------------------------- */

static void
roster_users_page_dispose (GObject *object)
{
  RosterUsersPage *self = ROSTER_USERS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), ROSTER_TYPE_USERS_PAGE);

  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->next_cursor, g_free);
  g_clear_pointer (&self->query, g_free);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (roster_users_page_parent_class)->dispose (object);
}

static void
roster_users_page_class_init (RosterUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_users_page_dispose;

  signals[SHOW_AUDIT] = g_signal_new ("show-audit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, list_side);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, pane_side);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, username_column);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, email_column);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, type_column);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, state_column);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, more_button);
  gtk_widget_class_bind_template_child (widget_class, RosterUsersPage, pane);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edge_reached_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_show_audit_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_user_erased_cb);

  gtk_widget_class_install_action (widget_class, "users.search", NULL, focus_search_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "users.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, back_cb, NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-users-page");
}

static void
roster_users_page_init (RosterUsersPage *self)
{
  g_type_ensure (ROSTER_TYPE_USER_PANE);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The server searches: wait for a pause in the typing. */
  gtk_search_entry_set_search_delay (self->search_entry, 300);

  setup_column (self->name_column, COLUMN_NAME);
  setup_column (self->username_column, COLUMN_USERNAME);
  setup_column (self->email_column, COLUMN_EMAIL);
  setup_column (self->type_column, COLUMN_TYPE);
  setup_column (self->state_column, COLUMN_STATE);

  self->store = g_list_store_new (ROSTER_TYPE_USER);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  show_state (self);
}

GtkWidget *
roster_users_page_new (void)
{
  return g_object_new (ROSTER_TYPE_USERS_PAGE, NULL);
}

/**
 * roster_users_page_set_client:
 * @self: a #RosterUsersPage
 * @client: (nullable): a signed-in #RosterClient
 * @me_id: the signed-in person's id
 *
 * Lists the people through @client, keeping the search and filters;
 * %NULL empties the page.
 */
void
roster_users_page_set_client (RosterUsersPage *self,
                              RosterClient    *client,
                              gint64           me_id)
{
  g_return_if_fail (ROSTER_IS_USERS_PAGE (self));
  g_return_if_fail (client == NULL || ROSTER_IS_CLIENT (client));

  g_set_object (&self->client, client);
  self->me_id = me_id;
  roster_user_pane_set_client (self->pane, client, me_id);

  g_clear_pointer (&self->next_cursor, g_free);
  self->selecting = TRUE;
  g_list_store_remove_all (self->store);
  self->selecting = FALSE;
  load (self, FALSE);
}

void
roster_users_page_reload (RosterUsersPage *self)
{
  g_return_if_fail (ROSTER_IS_USERS_PAGE (self));

  load (self, FALSE);
}

void
roster_users_page_focus_search (RosterUsersPage *self)
{
  g_return_if_fail (ROSTER_IS_USERS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_side);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
