/* roster-method-dialog.h: adding or editing an enrolment method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-method.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_METHOD_DIALOG (roster_method_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterMethodDialog, roster_method_dialog, ROSTER, METHOD_DIALOG, AdwWindow)

/* Adds a self enrolment method to the course. */
RosterMethodDialog *roster_method_dialog_new_self    (RosterClient       *client,
                                                      gint64              course_id);
/* Edits @method (of any type: only its type's settings are offered). */
RosterMethodDialog *roster_method_dialog_new_edit    (RosterClient       *client,
                                                      RosterMethod       *method);
/* What is wrong with the settings as typed, in plain words, or NULL
 * when they can be saved. */
const char         *roster_method_dialog_get_problem (RosterMethodDialog *self);
/* Fills @patch from the settings (strings point into the dialog, valid
 * until it changes); FALSE, with the problem, when they are not valid. */
gboolean            roster_method_dialog_get_patch   (RosterMethodDialog *self,
                                                      RosterMethodPatch  *patch,
                                                      char              **welcome,
                                                      GError            **error);

G_END_DECLS
