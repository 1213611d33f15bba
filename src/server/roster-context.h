/* roster-context.h: what every request handler may use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-rate-limiter.h"
#include "roster-secret-box.h"
#include "roster-server-config.h"
#include "roster-storage.h"

G_BEGIN_DECLS

/* Read-only once the server runs, so handlers on worker threads share
 * it without locks; the storage does its own locking. */
typedef struct
{
  RosterServerConfig *config;
  RosterStorage      *storage;
  RosterSecretBox    *secret_box;
  RosterRateLimiter  *login_limiter;   /* NULL: no limit */
  /* The web pages' sign-up and link attempts, per client address; and
   * the uses of one enrolment key. NULL: no limit. */
  RosterRateLimiter  *signup_limiter;
  RosterRateLimiter  *key_limiter;
  /* Import jobs (roster-import-queue.h). */
  struct _RosterImportQueue *imports;
  /* The outbox's delivery worker (roster-mail-queue.h); code that
   * queues mail wakes it after its commit. NULL until the server
   * listens. */
  struct _RosterMailQueue   *mail;
} RosterContext;

G_END_DECLS
