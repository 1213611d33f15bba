/* roster-client-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-client-error.h"

G_DEFINE_QUARK (roster-client-error-quark, roster_client_error)
