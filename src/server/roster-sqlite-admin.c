/* roster-sqlite-admin.c: user administration, erasure, removal requests in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-sqlite"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-sqlite-private.h"
#include "roster-text.h"

void
roster_sqlite_admin_init (RosterStorageInterface *iface)
{
}
