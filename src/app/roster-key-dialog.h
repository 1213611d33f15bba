/* roster-key-dialog.h: adding a key to a self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-method.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_KEY_DIALOG (roster_key_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeyDialog, roster_key_dialog, ROSTER, KEY_DIALOG, AdwWindow)

/* Emits RosterKeyDialog::key-created (RosterKey) once the server made
 * the key, then closes. */
GtkWidget *roster_key_dialog_new (GtkWindow    *parent,
                                  RosterClient *client,
                                  RosterCourse *course,
                                  RosterMethod *method);
/* Parses "YYYY-MM-DD" as midnight UTC; FALSE for anything else. An
 * empty text is 0 (never). */
gboolean   roster_key_dialog_parse_date (const char *text,
                                         gint64     *unix_time);

G_END_DECLS
