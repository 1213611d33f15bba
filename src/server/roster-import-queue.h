/* roster-import-queue.h: import jobs, run one after the other away from
 * the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-importer.h"

G_BEGIN_DECLS

typedef struct _RosterImportQueue RosterImportQueue;

/* What a job in this process is doing now. */
typedef struct
{
  RosterImportState state;
  guint             rows_total;
  guint             rows_done;
  gboolean          importing;    /* FALSE while its rows are checked */
} RosterImportLive;

/* What a job the server's stop (or crash) ended says. */
const char        *roster_import_queue_interrupted_message (void);

RosterImportQueue *roster_import_queue_new      (RosterContext              *ctx);
/* Stops what runs and what waits (each rolled back and recorded as
 * failed), and waits for the worker to stop. */
void               roster_import_queue_free     (RosterImportQueue          *self);
/* Records a job and queues it; @csv and @options are kept. Imports run
 * one at a time, so two on one course never interleave. */
gint64             roster_import_queue_submit   (RosterImportQueue          *self,
                                                 RosterUser                 *caller,
                                                 gint64                      course_id,
                                                 GBytes                     *csv,
                                                 const RosterImportOptions  *options,
                                                 const char                 *remote_address,
                                                 GError                    **error);
gboolean           roster_import_queue_get_live (RosterImportQueue          *self,
                                                 gint64                      job_id,
                                                 RosterImportLive           *live);
/* FALSE when the job is not waiting or running in this process. */
gboolean           roster_import_queue_cancel   (RosterImportQueue          *self,
                                                 gint64                      job_id);

G_END_DECLS
