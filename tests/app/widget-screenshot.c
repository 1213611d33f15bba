/* widget-screenshot.c: saves what a widget shows as a PNG, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "widget-screenshot.h"

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  *painted = TRUE;
}

/* Saves what @widget (a window, or a widget inside one) shows into @dir
 * as @name, for people to look at; nothing is compared. A NULL @dir
 * saves nothing, so a test runs the same without an output folder. */
void
roster_test_screenshot (GtkWidget  *widget,
                        const char *dir,
                        const char *name)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  gboolean painted = FALSE;
  gulong handler;
  int width, height;

  if (dir == NULL || clock == NULL)
    return;

  /* Wait for a real frame: before it, the widget has no size to draw. */
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}
