/* roster-test-wait.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-test-wait.h"

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  gboolean *changed = user_data;

  *changed = TRUE;
}

gboolean
roster_test_wait_for_folder (const char  *folder,
                             gboolean   (*predicate) (const char *folder,
                                                      gpointer    data),
                             gpointer     data,
                             guint        timeout_seconds)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GCancellable) expired = g_cancellable_new ();
  g_autoptr(GSource) timeout = NULL;
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  gboolean met;

  g_main_context_push_thread_default (context);

  /* Watching starts before the first look, so no change falls between. */
  monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), &changed);

  timeout = g_timeout_source_new_seconds (timeout_seconds);
  g_source_set_callback (timeout, cancel_cb, expired, NULL);
  g_source_attach (timeout, context);

  while (!(met = predicate (folder, data)) && !g_cancellable_is_cancelled (expired))
    {
      changed = FALSE;
      while (!changed && !g_cancellable_is_cancelled (expired))
        g_main_context_iteration (context, TRUE);
    }

  g_source_destroy (timeout);
  g_file_monitor_cancel (monitor);
  g_clear_object (&monitor);
  /* The monitor's last events go to this context: let them go. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);

  return met;
}
