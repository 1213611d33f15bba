/* roster-handlers-users.c: user administration and removal requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-json.h"

void
roster_handlers_add_users (RosterRouter *router)
{
}
