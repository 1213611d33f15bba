/* roster-storage-methods.h: the records the methods-and-keys part of
 * RosterStorage takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "roster-key.h"
#include "roster-method.h"

G_BEGIN_DECLS

/* A new key of a self-enrolment method. The secret arrives only sealed
 * (roster_keys_seal()): the storage never sees it in the clear. */
typedef struct
{
  gint64       method_id;
  const char  *nickname;
  GBytes      *secret_sealed;
  const char  *secret_lookup;
  gboolean     active;
  gint64       group_id;        /* 0: none */
  gint64       expires_at;      /* 0: never */
  gint64       max_uses;        /* 0: unlimited */
  gint64       created_by;
} RosterNewKey;

/* Which members of a RosterKeyPatch are set. */
typedef enum
{
  ROSTER_KEY_FIELD_NICKNAME   = 1 << 0,
  ROSTER_KEY_FIELD_ACTIVE     = 1 << 1,
  ROSTER_KEY_FIELD_GROUP      = 1 << 2,
  ROSTER_KEY_FIELD_EXPIRES_AT = 1 << 3,
  ROSTER_KEY_FIELD_MAX_USES   = 1 << 4,
  ROSTER_KEY_FIELD_SECRET     = 1 << 5,   /* a regenerated secret */
} RosterKeyFields;

typedef struct
{
  RosterKeyFields  fields;
  const char      *nickname;
  gboolean         active;
  gint64           group_id;        /* 0: none */
  gint64           expires_at;      /* 0: never */
  gint64           max_uses;        /* 0: unlimited */
  GBytes          *secret_sealed;
  const char      *secret_lookup;
} RosterKeyPatch;

G_END_DECLS
