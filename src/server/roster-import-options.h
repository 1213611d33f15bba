/* roster-import-options.h: how an import should treat its file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "roster-import.h"
#include "roster-types.h"

G_BEGIN_DECLS

/* The field the user chose for one column of the file. */
typedef struct
{
  RosterImportField  field;   /* ROSTER_IMPORT_FIELD_IGNORED: not imported */
  guint              slot;    /* 1–999 for slotted fields, else 0 */
} RosterImportColumnChoice;

typedef struct
{
  gboolean         dry_run;
  gboolean         create_users;       /* default TRUE */
  RosterUserType   user_type;          /* for new accounts without a type; default external */
  gboolean         update_users;       /* update names of existing accounts; default FALSE */
  gboolean         send_invitations;   /* default FALSE: batch accounts get no e-mail (seed 002) */
  RosterRole       default_role;       /* default student */
  char            *group;              /* also put every row into this group; NULL: none */
  gboolean         create_groups;      /* make groups that do not exist yet; default TRUE */
  gint64           enrol_start;        /* 0: none */
  gint64           enrol_end;          /* 0: none */
  gboolean         skip_errors;        /* import the rows without problems; default FALSE */
  char            *encoding;           /* NULL: detect */
  char             delimiter;          /* '\0': detect */
  char            *file_name;          /* for people to recognise the job */
  GArray          *columns;            /* of RosterImportColumnChoice, one per column
                                        * of the file; NULL: guess from the header */
} RosterImportOptions;

void        roster_import_options_init    (RosterImportOptions  *options);
void        roster_import_options_clear   (RosterImportOptions  *options);
/* A copy owning its own strings (the job keeps one). */
void        roster_import_options_copy    (RosterImportOptions       *dest,
                                           const RosterImportOptions *src);
/* Reads options from query parameters and/or a JSON object (either may
 * be NULL; the object wins); VALIDATION errors name the option. */
gboolean    roster_import_options_parse   (RosterImportOptions  *options,
                                           GHashTable           *query,
                                           JsonObject           *object,
                                           GError              **error);
/* The options as JSON, as a job stores and shows them. */
JsonNode   *roster_import_options_to_json (const RosterImportOptions *options);

/* One option, from @object (which wins) or @query; either may be NULL.
 * They fail with a VALIDATION error naming the option for a value it
 * cannot have. For the options of other uploads too. */
/* A string (or a JSON boolean, as "true"/"false"); NULL when absent or
 * null. The others leave @value as it was when the option is absent. */
gboolean    roster_import_option_text      (GHashTable           *query,
                                            JsonObject           *object,
                                            const char           *name,
                                            char                **value,
                                            GError              **error);
/* true/false, 1/0, yes/no. */
gboolean    roster_import_option_bool      (GHashTable           *query,
                                            JsonObject           *object,
                                            const char           *name,
                                            gboolean             *value,
                                            GError              **error);
/* ",", ";", "|", or "tab" (or a tab). */
gboolean    roster_import_option_delimiter (GHashTable           *query,
                                            JsonObject           *object,
                                            const char           *name,
                                            char                 *value,
                                            GError              **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterImportOptions, roster_import_options_clear)

G_END_DECLS
