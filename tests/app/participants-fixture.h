/* participants-fixture.h: made-up participants in bulk, for tests and benches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-participant.h"

G_BEGIN_DECLS

/* @n participants, always the same for the same @n: names in several
 * scripts (with accents and CJK), every role, status, type, three
 * methods and five groups (or none). */
GPtrArray *roster_test_make_participants (guint n);

G_END_DECLS
