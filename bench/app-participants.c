/* app-participants.c: the app's side of a 100 000-participant course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   build/bench/app-participants [N [RUNS]]
 *
 * Starts roster-server --demo --demo-large N (default 100 000; the
 * binary of the same build folder, or $ROSTER_SERVER) in a temporary
 * folder, signs in as its module leader with RosterClient, and measures
 * what PRODUCT.md §7 sets targets for:
 *
 *  - request → first batch in the list, and → every row in the store,
 *    streamed with limit=0 into a RosterParticipantList as the window
 *    uses it (incremental filter and sort);
 *  - one filter keystroke over the whole list: the search text changes
 *    and filtering runs to completion; next to it, one walk over the
 *    store through GListModel, what a GtkFilterListModel must do per
 *    keystroke (the list's own filter model scans packed keys instead);
 *  - the process's peak RSS (getrusage).
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/resource.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-participant-list.h"

#define MAX_RUNS 20

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
check (GError *error)
{
  if (error != NULL)
    {
      g_printerr ("app-participants: %s\n", error->message);
      exit (1);
    }
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

typedef struct
{
  RosterParticipantList *list;
  gint64                 start;
  gint64                 first_batch;
  gint64                 last_batch;
} Load;

static void
batch_cb (GPtrArray *batch,
          guint      n_loaded,
          gpointer   user_data)
{
  Load *load = user_data;

  roster_participant_list_append (load->list, batch);
  load->last_batch = g_get_monotonic_time ();
  if (load->first_batch == 0)
    load->first_batch = load->last_batch;
}

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) folder = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      folder = g_dir_open (path, 0, NULL);
      while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static GSubprocess *
start_server (const char  *dir,
              guint        n,
              char       **url)
{
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *config = g_build_filename (dir, "bench.ini", NULL);
  g_autofree char *n_str = g_strdup_printf ("%u", n);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = g_path_get_dirname (self_exe);
  g_autofree char *binary = g_getenv ("ROSTER_SERVER") ? g_strdup (g_getenv ("ROSTER_SERVER"))
                                                       : g_build_filename (self_dir, "..", "src", "server",
                                                                           "roster-server", NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *server;

  g_file_set_contents (config, "[security]\nlogin-rate-limit=0\n", -1, &error);
  check (g_steal_pointer (&error));
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             binary, "--demo", "--demo-large", n_str, "--data-dir", data_dir,
                             "--listen", "127.0.0.1:0", "--config", config, NULL);
  check (g_steal_pointer (&error));

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);

      check (g_steal_pointer (&error));
      if (line == NULL)
        {
          g_printerr ("app-participants: roster-server exited before listening\n");
          exit (1);
        }
      if (g_str_has_prefix (line, "listening on "))
        {
          *url = g_strdup (line + strlen ("listening on "));
          return server;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char * const keystrokes[] = { "a", "an", "ana", "an", "zhang", "张", "user", "" };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("roster-bench-XXXXXX", NULL);
  g_autofree char *trust_path = g_build_filename (dir, "trust.ini", NULL);
  g_autofree char *cert_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(RosterTrustStore) trust = NULL;
  g_autoptr(RosterClient) client = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autoptr(GAsyncResult) login_result = NULL;
  g_autoptr(GAsyncResult) courses_result = NULL;
  g_autoptr(RosterUser) user = NULL;
  g_autoptr(GListModel) courses = NULL;
  g_autoptr(RosterCourse) course = NULL;
  g_autoptr(RosterParticipantList) immediate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  guint runs = argc > 2 ? CLAMP ((guint) atoi (argv[2]), 1, MAX_RUNS) : 5;
  double first[MAX_RUNS], stored[MAX_RUNS], shown[MAX_RUNS];
  double keystroke_ms[G_N_ELEMENTS (keystrokes)];
  struct rusage usage;
  double worst = 0;
  double walk_ms = 0;

  server = start_server (dir, n, &url);

  cert_path = g_build_filename (dir, "data", "cert.pem", NULL);
  cert = g_tls_certificate_new_from_file (cert_path, &error);
  check (g_steal_pointer (&error));
  fingerprint = roster_certificate_fingerprint (cert);

  trust = roster_trust_store_new (trust_path);
  client = roster_client_new (url, trust);
  roster_trust_store_trust (trust, roster_client_get_host (client), fingerprint, &error);
  check (g_steal_pointer (&error));

  roster_client_login_async (client, "m.chen", "roster-demo-pass", NULL, result_cb, &login_result);
  user = roster_client_login_finish (client, wait_for (&login_result), NULL, &error);
  check (g_steal_pointer (&error));

  query = g_strdup_printf ("BENCH-%u", n);
  roster_client_list_courses_async (client, query, NULL, result_cb, &courses_result);
  courses = roster_client_list_courses_finish (client, wait_for (&courses_result), &error);
  check (g_steal_pointer (&error));
  if (g_list_model_get_n_items (courses) != 1)
    {
      g_printerr ("app-participants: no course %s\n", query);
      return 1;
    }
  course = g_list_model_get_item (courses, 0);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(RosterParticipantList) list = roster_participant_list_new (TRUE);
      g_autoptr(GAsyncResult) result = NULL;
      Load load = { list, g_get_monotonic_time (), 0, 0 };
      guint n_rows = 0;

      roster_client_stream_participants_async (client, roster_course_get_id (course), NULL, batch_cb, &load, NULL,
                                               NULL, result_cb, &result);
      roster_client_stream_participants_finish (client, wait_for (&result), &n_rows, &error);
      check (g_steal_pointer (&error));
      /* The sorted and filtered view is ready too. */
      while (roster_participant_list_get_busy (list))
        g_main_context_iteration (NULL, TRUE);

      /* The course holds the N made-up people and its module leader. */
      if (n_rows < n)
        {
          g_printerr ("app-participants: %u rows, expected at least %u\n", n_rows, n);
          return 1;
        }
      first[run] = (load.first_batch - load.start) / 1000.0;
      stored[run] = (load.last_batch - load.start) / 1000.0;
      shown[run] = (g_get_monotonic_time () - load.start) / 1000.0;
      g_print ("run %u: %u rows; first batch %.0f ms, all in the store %.0f ms, sorted view ready %.0f ms\n",
               run + 1, n_rows, first[run], stored[run], shown[run]);

      /* Keystrokes over the last run's rows: the filter and sort run to
       * completion at once, as the worst case of the incremental ones. */
      if (run == runs - 1)
        {
          g_autoptr(GPtrArray) all = g_ptr_array_new ();
          GListModel *model = roster_participant_list_get_all (list);

          for (guint i = 0; i < g_list_model_get_n_items (model); i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (model, i);
              g_ptr_array_add (all, item);
            }
          /* What a keystroke cost with GtkFilterListModel, at least:
           * reading every row once through GListModel. It grows as
           * reloads scatter the rows over the heap. */
          {
            gint64 start = g_get_monotonic_time ();
            guint found = 0;

            for (guint i = 0; i < g_list_model_get_n_items (model); i++)
              {
                g_autoptr(RosterParticipant) p = g_list_model_get_item (model, i);
                found += *roster_participant_get_search_key (p) == '\0';
              }
            walk_ms = (g_get_monotonic_time () - start) / 1000.0;
            g_print ("one walk over the store with g_list_model_get_item (): %.1f ms\n", walk_ms);
          }
          immediate = roster_participant_list_new (FALSE);
          roster_participant_list_append (immediate, all);

          for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
            {
              gint64 start = g_get_monotonic_time ();

              roster_participant_list_set_search_text (immediate, keystrokes[k]);
              keystroke_ms[k] = (g_get_monotonic_time () - start) / 1000.0;
              g_print ("keystroke \"%s\": %.1f ms, %u rows shown\n", keystrokes[k], keystroke_ms[k],
                       g_list_model_get_n_items (roster_participant_list_get_model (immediate)));
            }

          /* A column sorted (not part of the targets): the sort itself,
           * then keystrokes over the sorted rows. */
          {
            g_autoptr(GtkSorter) sorter = roster_participant_list_create_sorter (ROSTER_PARTICIPANT_COLUMN_EMAIL);
            gint64 start = g_get_monotonic_time ();

            roster_participant_list_set_sorter (immediate, sorter);
            g_print ("sorted by e-mail: %.1f ms\n", (g_get_monotonic_time () - start) / 1000.0);
            for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
              {
                start = g_get_monotonic_time ();
                roster_participant_list_set_search_text (immediate, keystrokes[k]);
                g_print ("sorted, keystroke \"%s\": %.1f ms\n", keystrokes[k],
                         (g_get_monotonic_time () - start) / 1000.0);
              }
          }
        }
    }

  getrusage (RUSAGE_SELF, &usage);

  g_print ("\nmedian of %u: first batch %.0f ms, all rows in the store %.0f ms, sorted view ready %.0f ms\n",
           runs, median (first, runs), median (stored, runs), median (shown, runs));
  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    worst = MAX (worst, keystroke_ms[k]);
  g_print ("keystroke: median %.1f ms, worst %.1f ms (a walk over the store: %.1f ms)\n",
           median (keystroke_ms, G_N_ELEMENTS (keystrokes)), worst, walk_ms);
  g_print ("peak RSS: %ld MB\n", usage.ru_maxrss / 1024);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  rm_rf (dir);
  return 0;
}
