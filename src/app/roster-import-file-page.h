/* roster-import-file-page.h: the import wizard's first step: the file,
 * its encoding and delimiter, and its first rows as they are
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The server's limit (docs/api.md): bigger files are refused here. */
#define ROSTER_IMPORT_MAX_FILE_SIZE (64 * 1024 * 1024)

#define ROSTER_TYPE_IMPORT_FILE_PAGE (roster_import_file_page_get_type ())

G_DECLARE_FINAL_TYPE (RosterImportFilePage, roster_import_file_page, ROSTER, IMPORT_FILE_PAGE, GtkWidget)

GtkWidget  *roster_import_file_page_new            (void);
/* Reads @file (choices of encoding and delimiter back to "detected"). */
void        roster_import_file_page_open_file      (RosterImportFilePage *self,
                                                    GFile                *file);
/* Property "loading": the file or its first rows are being read. */
gboolean    roster_import_file_page_get_loading    (RosterImportFilePage *self);
/* Property "ready": the first rows were read without a problem. */
gboolean    roster_import_file_page_get_ready      (RosterImportFilePage *self);
/* The file's whole contents, and its name for people; NULL before. */
GBytes     *roster_import_file_page_get_contents   (RosterImportFilePage *self);
const char *roster_import_file_page_get_file_name  (RosterImportFilePage *self);
/* The user's choices: NULL and '\0' for "detected". */
const char *roster_import_file_page_get_encoding   (RosterImportFilePage *self);
void        roster_import_file_page_set_encoding   (RosterImportFilePage *self,
                                                    const char           *encoding);
char        roster_import_file_page_get_delimiter  (RosterImportFilePage *self);
void        roster_import_file_page_set_delimiter  (RosterImportFilePage *self,
                                                    char                  delimiter);
/* What the last reading used (detected or chosen). */
const char *roster_import_file_page_get_read_encoding  (RosterImportFilePage *self);
char        roster_import_file_page_get_read_delimiter (RosterImportFilePage *self);
/* The first rows as read, header first: a GPtrArray of GStrv. */
GPtrArray  *roster_import_file_page_get_rows       (RosterImportFilePage *self);
/* Why the file cannot be used, or NULL. */
const char *roster_import_file_page_get_problem    (RosterImportFilePage *self);

/* Signal "changed": new rows were read (another file, encoding or
 * delimiter). */

G_END_DECLS
