/* widget-screenshot.h: saves what a widget shows as a PNG, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void roster_test_screenshot (GtkWidget  *widget,
                             const char *dir,
                             const char *name);

G_END_DECLS
