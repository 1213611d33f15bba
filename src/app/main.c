/* main.c: the Roster app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "roster-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RosterApplication) application = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  application = roster_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
