/* roster-importer-private.h: what the importer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-import.h"
#include "roster-importer.h"

G_BEGIN_DECLS

#define ROSTER_IMPORTER_DAY (24 * 3600)
/* How long an invitation's link works: people do not always read their
 * mail the day an account is made for them. */
#define ROSTER_IMPORTER_INVITATION_LIFETIME (14 * ROSTER_IMPORTER_DAY)

typedef struct
{
  gint64   id;
  gboolean allowed;
} CourseEntry;

/* One pass over the file: checking (read-only), or writing. */
typedef struct
{
  RosterContext              *ctx;
  RosterImportStorage        *store;
  RosterImportSession        *session;
  RosterUser                 *caller;
  gint64                      course_id;
  const RosterImportOptions  *options;
  gint64                      job_id;
  gboolean                    write;
  gboolean                    keep_all_rows;
  RosterImportProgress       *progress;
  RosterImportReport         *report;
  GHashTable                 *courses;   /* folded short name → CourseEntry */
  GHashTable                 *groups;    /* "course\x1ffolded name" → gint64 id, 0: to make */
  RosterImportMapping        *mapping;
  const char                 *course_full_name;   /* for invitations */
  guint                       invited;
  char                       *audit_details;
  gint64                      now;
  guint                       stall_after;
} Pass;

/* What one enrolment of a row comes to, after the site's checks. */
typedef struct
{
  gint64                 course_id;
  RosterRole             role;
  RosterEnrolmentStatus  status;
  gint64                 start_at;
  gint64                 end_at;
  const char            *groups[2];    /* the row's group and the import's */
  gint64                 group_ids[2];
} Plan;

void                roster_importer_add_problem     (GPtrArray           *problems,
                                                     guint                line,
                                                     const char          *column,
                                                     const char          *code,
                                                     const char          *message);
const char         *roster_importer_column_name     (Pass                *pass,
                                                     RosterImportField    field,
                                                     guint                slot);
gint64              roster_importer_resolve_group   (Pass                *pass,
                                                     gint64               course_id,
                                                     const char          *name,
                                                     GError             **error);
void                roster_importer_remember_group  (Pass                *pass,
                                                     gint64               course_id,
                                                     const char          *name,
                                                     gint64               id);
/* Adds the row's problems with courses, rights and groups, and a Plan
 * for each enrolment it asks for. */
gboolean            roster_importer_plan_enrolments (Pass                *pass,
                                                     RosterImportRow     *row,
                                                     GArray              *plans,
                                                     GError             **error);
/* The existing account the row is about (NULL: a new one), or a
 * problem saying why it cannot be told apart from someone else's. */
gboolean            roster_importer_match_account   (Pass                *pass,
                                                     RosterImportRow     *row,
                                                     RosterImportUser   **account,
                                                     GError             **error);
gboolean            roster_importer_needs_update    (const RosterImportOptions *options,
                                                     RosterImportRow     *row,
                                                     RosterImportUser    *account);

G_END_DECLS
