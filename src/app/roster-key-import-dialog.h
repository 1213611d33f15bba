/* roster-key-import-dialog.h: many keys from a CSV file, previewed first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-method.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_KEY_IMPORT_DIALOG (roster_key_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeyImportDialog, roster_key_import_dialog, ROSTER, KEY_IMPORT_DIALOG, AdwWindow)

/* Shows the first rows of @csv and how its columns map, sends it when
 * asked and shows the server's report. Emits
 * RosterKeyImportDialog::keys-imported (guint: how many) when keys
 * were made. */
GtkWidget *roster_key_import_dialog_new (GtkWindow    *parent,
                                         RosterClient *client,
                                         RosterCourse *course,
                                         RosterMethod *method,
                                         const char   *file_name,
                                         GBytes       *csv);

G_END_DECLS
