/* roster-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-client.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_WINDOW (roster_window_get_type ())

G_DECLARE_FINAL_TYPE (RosterWindow, roster_window, ROSTER, WINDOW, AdwApplicationWindow)

RosterWindow *roster_window_new       (GtkApplication *application);
void          roster_window_add_toast (RosterWindow   *self,
                                       AdwToast       *toast);

RosterClient *roster_window_get_client (RosterWindow   *self);
void          roster_window_start      (RosterWindow   *self,
                                        const char     *server,
                                        const char     *username);

G_END_DECLS
