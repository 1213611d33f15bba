/* roster-participant-cells.c: the cells of a participants table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-participant-cells.h"
#include "roster-participant-format.h"

/* Every column is a label, so one factory callback serves them all. */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
update_cell (GtkListItem *item)
{
  RosterParticipantColumn column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "roster-column"));
  RosterParticipant *participant = gtk_list_item_get_item (item);
  g_autofree char *text = roster_participant_dup_column_text (participant, column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  g_object_set_data (G_OBJECT (item), "roster-column", user_data);
  update_cell (item);
  /* A bulk action changes rows in place: their shown cells follow. */
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (update_cell),
                           item, G_CONNECT_SWAPPED);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), update_cell, item);
}

/**
 * roster_participant_column_setup:
 * @view_column: a column of a participants table
 * @column: what it shows
 *
 * Gives @view_column the cells and the sorter of @column.
 */
void
roster_participant_column_setup (GtkColumnViewColumn     *view_column,
                                 RosterParticipantColumn  column)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (column);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
  gtk_column_view_column_set_factory (view_column, factory);
  gtk_column_view_column_set_sorter (view_column, sorter);
}
