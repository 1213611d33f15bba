/* roster-import-private.h: what the parts of the import checks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-import.h"

G_BEGIN_DECLS

/* The form in which column names and values are compared: NFKC,
 * case-folded, without white space, underscores, hyphens or invisible
 * format characters ("E-mail Address" and "ｅｍａｉｌ_address" are both
 * "emailaddress"). In a @value, a hyphen or underscore before a digit
 * stays ("-1"). NULL for invalid UTF-8. */
char     *roster_import_normalize            (const char            *text,
                                              gboolean               value);

/* Each FALSE, leaving its output alone, for a value it does not know
 * (the tables are in roster-import-values.c). */
gboolean  roster_import_parse_type           (const char            *text,
                                              RosterUserType        *type);
gboolean  roster_import_parse_role           (const char            *text,
                                              RosterRole            *role);
gboolean  roster_import_parse_status         (const char            *text,
                                              RosterEnrolmentStatus *status);
/* Days, or weeks ("4w"): 1 to ROSTER_IMPORT_MAX_PERIOD_DAYS. */
gboolean  roster_import_parse_period         (const char            *text,
                                              gint64                *days);

/* White space of any script, control or invisible format characters;
 * also tells whether @text is plain ASCII. */
gboolean  roster_import_has_space_or_control (const char            *text,
                                              gboolean              *ascii);
gboolean  roster_import_has_control          (const char            *text);
/* roster_text_identity_key() of text without white space, @ascii as
 * roster_import_has_space_or_control() found it. */
char     *roster_import_identity_key         (const char            *text,
                                              gboolean               ascii);
/* One "@", something before it, a domain after it with a dot that is
 * neither first nor last, and no white space; @ascii as above. */
gboolean  roster_import_is_email             (const char            *email,
                                              gboolean              *ascii);
/* Whether @text has more than @max_chars characters, without counting
 * all of a long one. */
gboolean  roster_import_is_longer_than       (const char            *text,
                                              guint                  max_chars);

/* Takes @message. */
void      roster_import_add_problem          (GPtrArray             *problems,
                                              guint                  line,
                                              const char            *column,
                                              const char            *code,
                                              char                  *message);

G_END_DECLS
