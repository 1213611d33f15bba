/* roster-demo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *native;
  const char *latin;
} RosterDemoName;

typedef struct
{
  const RosterDemoName *first;
  guint                 n_first;
  const RosterDemoName *last;
  guint                 n_last;
  guint                 weight;
  gboolean              surname_first;  /* the username still reads given.family */
} RosterDemoNamePool;

const RosterDemoNamePool *roster_demo_pick_pool (GRand *rand);

G_END_DECLS
