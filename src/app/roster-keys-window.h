/* roster-keys-window.h: the enrolment keys of one self method
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"
#include "roster-course.h"
#include "roster-method.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_KEYS_WINDOW (roster_keys_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterKeysWindow, roster_keys_window, ROSTER, KEYS_WINDOW, AdwWindow)

GtkWidget *roster_keys_window_new (RosterClient *client,
                                   RosterCourse *course,
                                   RosterMethod *method);

G_END_DECLS
