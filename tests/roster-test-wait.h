/* roster-test-wait.h: waiting for what another process writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Waits until @predicate is true of @folder, looking again whenever
 * something in the folder changes (a file made, written, renamed): no
 * polling, no sleeping. FALSE after @timeout_seconds. The folder must
 * exist. */
gboolean roster_test_wait_for_folder (const char  *folder,
                                      gboolean   (*predicate) (const char *folder,
                                                               gpointer    data),
                                      gpointer     data,
                                      guint        timeout_seconds);

G_END_DECLS
