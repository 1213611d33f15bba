/* roster-importer-checks.c: a row against the site: its courses, the
 * caller's rights there, its groups, and the account it is about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-importer-private.h"

void
roster_importer_add_problem (GPtrArray  *problems,
                             guint       line,
                             const char *column,
                             const char *code,
                             const char *message)
{
  g_ptr_array_add (problems, roster_import_problem_new (line, column, code, message));
}

/* The file's own name of the column holding @field (in @slot), as the
 * checks of the file name it; NULL when no column does. */
const char *
roster_importer_column_name (Pass              *pass,
                             RosterImportField  field,
                             guint              slot)
{
  gint column = roster_import_mapping_find_column (pass->mapping, field, slot);

  return column >= 0 ? roster_import_mapping_get_name (pass->mapping, column) : NULL;
}

static CourseEntry *
resolve_course (Pass        *pass,
                const char  *short_name,
                GError     **error)
{
  g_autofree char *key = short_name ? g_utf8_casefold (short_name, -1) : g_strdup ("");
  CourseEntry *entry = g_hash_table_lookup (pass->courses, key);
  g_autoptr(GError) local_error = NULL;

  if (entry != NULL)
    return entry;

  entry = g_new0 (CourseEntry, 1);
  if (short_name == NULL)
    entry->id = pass->course_id;
  else
    {
      entry->id = roster_import_storage_find_course (pass->store, pass->session, short_name, &local_error);
      if (local_error != NULL)
        {
          g_free (entry);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  /* The caller's right to import, once per course. */
  if (entry->id != 0)
    entry->allowed = roster_access_course (pass->ctx, pass->caller, entry->id, ROSTER_CAP_USERS_IMPORT, NULL, NULL);

  g_hash_table_insert (pass->courses, g_steal_pointer (&key), entry);
  return entry;
}

/* The id of the group @name in @course_id: 0 when it does not exist yet
 * (and will be made), -1 when it does not and may not be made. */
gint64
roster_importer_resolve_group (Pass        *pass,
                               gint64       course_id,
                               const char  *name,
                               GError     **error)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", course_id, folded);
  gint64 *known = g_hash_table_lookup (pass->groups, key);
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  if (known != NULL)
    return *known;

  id = roster_import_storage_find_group (pass->store, pass->session, course_id, name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }

  if (id == 0 && !pass->options->create_groups)
    id = -1;

  g_hash_table_insert (pass->groups, g_steal_pointer (&key), g_memdup2 (&id, sizeof id));
  return id;
}

void
roster_importer_remember_group (Pass        *pass,
                                gint64       course_id,
                                const char  *name,
                                gint64       id)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  g_hash_table_insert (pass->groups, g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", course_id, folded),
                       g_memdup2 (&id, sizeof id));
}


/* Checks a row's enrolments against the site: courses, rights, groups. */
gboolean
roster_importer_plan_enrolments (Pass             *pass,
                                 RosterImportRow  *row,
                                 GArray           *plans,
                                 GError          **error)
{
  for (guint i = 0; i < row->enrolments->len; i++)
    {
      RosterImportEnrolment *enrolment = g_ptr_array_index (row->enrolments, i);
      Plan plan = { 0, };
      CourseEntry *course;
      const char *column = roster_importer_column_name (pass, ROSTER_IMPORT_FIELD_COURSE, enrolment->slot);

      course = resolve_course (pass, enrolment->course, error);
      if (course == NULL)
        return FALSE;

      if (course->id == 0)
        {
          g_autofree char *message = g_strdup_printf (_("There is no course “%s”."), enrolment->course);
          roster_importer_add_problem (row->problems, row->line, column, "unknown_course", message);
          continue;
        }
      if (!course->allowed)
        {
          g_autofree char *message = g_strdup_printf (_("You may not import people into “%s”."),
                                                      enrolment->course ? enrolment->course : "");
          roster_importer_add_problem (row->problems, row->line, column, "not_allowed", message);
          continue;
        }

      plan.course_id = course->id;
      plan.role = enrolment->role_set ? enrolment->role : pass->options->default_role;
      plan.status = enrolment->status_set ? enrolment->status : ROSTER_ENROLMENT_ACTIVE;
      plan.start_at = pass->options->enrol_start;
      plan.end_at = pass->options->enrol_end;
      if (enrolment->period_days > 0)
        {
          plan.start_at = plan.start_at ? plan.start_at : pass->now;
          plan.end_at = plan.start_at + enrolment->period_days * ROSTER_IMPORTER_DAY;
        }

      plan.groups[0] = enrolment->group;
      /* The import's own group is for its own course only. */
      plan.groups[1] = course->id == pass->course_id ? pass->options->group : NULL;

      for (guint g = 0; g < G_N_ELEMENTS (plan.groups); g++)
        {
          if (plan.groups[g] == NULL)
            continue;
          plan.group_ids[g] = roster_importer_resolve_group (pass, course->id, plan.groups[g], error);
          if (plan.group_ids[g] < 0)
            {
              g_autofree char *message = NULL;
              const char *group_column;

              if (error != NULL && *error != NULL)
                return FALSE;
              message = g_strdup_printf (_("There is no group “%s” in this course."), plan.groups[g]);
              group_column = g == 0 ? roster_importer_column_name (pass, ROSTER_IMPORT_FIELD_GROUP,
                                                                   enrolment->slot)
                                    : NULL;
              roster_importer_add_problem (row->problems, row->line, group_column, "unknown_group", message);
            }
        }

      g_array_append_val (plans, plan);
    }

  return TRUE;
}

/* The account the row is about, or a problem saying why it cannot be
 * told apart from someone else's. */
gboolean
roster_importer_match_account (Pass              *pass,
                               RosterImportRow   *row,
                               RosterImportUser **account,
                               GError           **error)
{
  g_autoptr(RosterImportUser) by_username = NULL;
  g_autoptr(RosterImportUser) by_email = NULL;
  const char *email_column = roster_importer_column_name (pass, ROSTER_IMPORT_FIELD_EMAIL, 0);

  *account = NULL;

  /* Without a username in the file, a new account is named by its
   * address: that name must be free too. */
  if (!roster_import_storage_find_user (pass->store, pass->session, row->username ? row->username : row->email,
                                        row->email, &by_username, &by_email, error))
    return FALSE;

  /* The address is someone's whose username is not the one in the file
   * (or whose name another account already has). */
  if (by_email != NULL &&
      ((row->username != NULL && (by_username == NULL || by_username->id != by_email->id)) ||
       (row->username == NULL && by_username != NULL && by_username->id != by_email->id)))
    {
      roster_importer_add_problem (row->problems, row->line, email_column, "email_conflict",
                                   _("This e-mail address belongs to an account with another username."));
      return TRUE;
    }
  if (by_username != NULL && by_email == NULL)
    {
      roster_importer_add_problem (row->problems, row->line,
                                   roster_importer_column_name (pass, ROSTER_IMPORT_FIELD_USERNAME, 0),
                                   "username_conflict",
                                   _("This username belongs to an account with another e-mail address."));
      return TRUE;
    }

  *account = by_email ? g_steal_pointer (&by_email) : g_steal_pointer (&by_username);

  if (*account == NULL && !pass->options->create_users)
    roster_importer_add_problem (row->problems, row->line, email_column, "no_account",
                                 _("No account has this e-mail address, and making accounts is switched off."));

  return TRUE;
}

gboolean
roster_importer_needs_update (const RosterImportOptions *options,
                              RosterImportRow           *row,
                              RosterImportUser          *account)
{
  if (!options->update_users || account == NULL)
    return FALSE;

  return (row->first_name != NULL && g_strcmp0 (row->first_name, account->first_name) != 0) ||
         (row->last_name != NULL && g_strcmp0 (row->last_name, account->last_name) != 0) ||
         (row->idnumber != NULL && g_strcmp0 (row->idnumber, account->idnumber) != 0);
}

