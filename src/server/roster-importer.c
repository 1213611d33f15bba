/* roster-importer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-importer"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-access.h"
#include "roster-csv.h"
#include "roster-error.h"
#include "roster-import.h"
#include "roster-importer.h"
#include "roster-importer-private.h"
#include "roster-json.h"
#include "roster-mail-queue.h"
#include "roster-password.h"
#include "roster-token.h"
#include "roster-users.h"

/* A row the file checks accept must be an account the server accepts. */
G_STATIC_ASSERT (ROSTER_IMPORT_MAX_USERNAME_CHARS == ROSTER_USERS_MAX_USERNAME_CHARS);
G_STATIC_ASSERT (ROSTER_IMPORT_MAX_NAME_CHARS == ROSTER_USERS_MAX_NAME_CHARS);
G_STATIC_ASSERT (ROSTER_IMPORT_MAX_EMAIL_BYTES == ROSTER_USERS_MAX_EMAIL_BYTES);

static RosterAuditEvent
audit_event (Pass       *pass,
             const char *action,
             gint64      course_id,
             const char *object_type)
{
  RosterAuditEvent event = {
    .actor_id = roster_user_get_id (pass->caller),
    .action = action,
    .course_id = course_id,
    .object_type = object_type,
    .details = pass->audit_details,
  };

  return event;
}

/* Queues the invitation of an account the import made: a link to choose
 * its password, in the import's transaction. */
static gboolean
invite (Pass             *pass,
        RosterImportRow  *row,
        gint64            user_id,
        const char       *username,
        GError          **error)
{
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *name = NULL;
  g_autofree char *params = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  RosterAuditEvent event = audit_event (pass, "user.invited", pass->course_id, "user");
  RosterMailToken stored = { NULL, pass->now + ROSTER_IMPORTER_INVITATION_LIFETIME };
  RosterMailDraft draft = { .kind = ROSTER_MAIL_INVITE, .recipient = row->email };

  token = roster_token_generate (error);
  if (token == NULL)
    return FALSE;
  token_hash = roster_token_hash (token);
  stored.token_hash = token_hash;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "first_name");
  json_builder_add_string_value (builder, row->first_name ? row->first_name : "");
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "course_full_name");
  json_builder_add_string_value (builder, pass->course_full_name);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, stored.expires_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  params = json_generator_to_data (generator, NULL);

  name = g_strstrip (g_strdup_printf ("%s %s", row->first_name ? row->first_name : "",
                                      row->last_name ? row->last_name : ""));
  draft.recipient_name = *name != '\0' ? name : NULL;
  draft.params = params;
  event.target_user_id = user_id;

  if (!roster_import_storage_invite (pass->store, pass->session, user_id, &stored, &draft, &event, error))
    return FALSE;
  pass->invited++;
  return TRUE;
}

/* Writes what the row asks for; returns whether anything changed. */
static gboolean
write_row (Pass              *pass,
           RosterImportRow   *row,
           RosterImportUser  *account,
           GArray            *plans,
           gint64            *user_id,
           gboolean          *changed,
           GError           **error)
{
  *changed = FALSE;

  if (account == NULL)
    {
      g_autofree char *hash = NULL;
      RosterAuditEvent event = audit_event (pass, "user.created", 0, "user");
      RosterNewUser user = {
        .username = row->username ? row->username : row->email,
        .email = row->email,
        .first_name = row->first_name,
        .last_name = row->last_name,
        .type = row->type_set ? row->type : pass->options->user_type,
        .state = ROSTER_USER_STATE_ACTIVE,
      };

      if (row->password != NULL)
        {
          hash = roster_password_hash (row->password, error);
          if (hash == NULL)
            return FALSE;
          user.password_hash = hash;
        }

      *user_id = roster_import_storage_create_user (pass->store, pass->session, &user, row->idnumber, &event, error);
      if (*user_id == 0)
        return FALSE;
      if (pass->options->send_invitations && !invite (pass, row, *user_id, user.username, error))
        return FALSE;
      *changed = TRUE;
    }
  else
    {
      *user_id = account->id;
      if (roster_importer_needs_update (pass->options, row, account))
        {
          RosterAuditEvent event = audit_event (pass, "user.updated", 0, "user");

          event.target_user_id = account->id;
          if (!roster_import_storage_update_user (pass->store, pass->session, account->id, row->first_name,
                                                  row->last_name, row->idnumber, &event, error))
            return FALSE;
          *changed = TRUE;
        }
    }

  for (guint i = 0; i < plans->len; i++)
    {
      Plan *plan = &g_array_index (plans, Plan, i);
      gboolean enrolled = FALSE;

      if (account != NULL &&
          !roster_import_storage_is_enrolled (pass->store, pass->session, plan->course_id, *user_id, &enrolled, error))
        return FALSE;

      if (!enrolled)
        {
          RosterAuditEvent event = audit_event (pass, "enrolment.created", plan->course_id, "enrolment");

          if (!roster_import_storage_enrol (pass->store, pass->session, plan->course_id, *user_id, plan->role,
                                            plan->status, plan->start_at, plan->end_at, &event, error))
            return FALSE;
          *changed = TRUE;
        }

      for (guint g = 0; g < G_N_ELEMENTS (plan->groups); g++)
        {
          gboolean member = FALSE;
          RosterAuditEvent event;

          if (plan->groups[g] == NULL)
            continue;

          if (plan->group_ids[g] == 0)
            {
              /* Made once, by the first row that names it. */
              gint64 existing = roster_importer_resolve_group (pass, plan->course_id, plan->groups[g], error);

              if (existing < 0)
                return FALSE;
              if (existing == 0)
                {
                  event = audit_event (pass, "group.created", plan->course_id, "group");
                  existing = roster_import_storage_create_group (pass->store, pass->session, plan->course_id,
                                                                 plan->groups[g], &event, error);
                  if (existing == 0)
                    return FALSE;
                  roster_importer_remember_group (pass, plan->course_id, plan->groups[g], existing);
                }
              plan->group_ids[g] = existing;
            }
          else if (account != NULL &&
                   !roster_import_storage_is_member (pass->store, pass->session, plan->group_ids[g], *user_id,
                                                     &member, error))
            return FALSE;

          if (!member)
            {
              event = audit_event (pass, "group.member_added", plan->course_id, "group");
              event.object_id = plan->group_ids[g];
              if (!roster_import_storage_add_member (pass->store, pass->session, plan->group_ids[g], *user_id,
                                                     &event, error))
                return FALSE;
              *changed = TRUE;
            }
        }
    }

  return TRUE;
}

/* What a dry run says the row would do, without writing. */
static gboolean
predict_row (Pass              *pass,
             RosterImportRow   *row,
             RosterImportUser  *account,
             GArray            *plans,
             RosterImportOutcome *outcome,
             GError           **error)
{
  if (account == NULL)
    {
      *outcome = ROSTER_IMPORT_OUTCOME_CREATE;
      return TRUE;
    }

  *outcome = roster_importer_needs_update (pass->options, row, account) ? ROSTER_IMPORT_OUTCOME_UPDATE
                                                                        : ROSTER_IMPORT_OUTCOME_UNCHANGED;

  for (guint i = 0; i < plans->len && *outcome == ROSTER_IMPORT_OUTCOME_UNCHANGED; i++)
    {
      Plan *plan = &g_array_index (plans, Plan, i);
      gboolean enrolled = FALSE;

      if (!roster_import_storage_is_enrolled (pass->store, pass->session, plan->course_id, account->id,
                                              &enrolled, error))
        return FALSE;
      if (!enrolled)
        *outcome = ROSTER_IMPORT_OUTCOME_ENROL;

      for (guint g = 0; g < G_N_ELEMENTS (plan->groups) && *outcome == ROSTER_IMPORT_OUTCOME_UNCHANGED; g++)
        {
          gboolean member = FALSE;

          if (plan->groups[g] == NULL)
            continue;
          if (plan->group_ids[g] == 0)
            *outcome = ROSTER_IMPORT_OUTCOME_ENROL;
          else if (!roster_import_storage_is_member (pass->store, pass->session, plan->group_ids[g], account->id,
                                                     &member, error))
            return FALSE;
          else if (!member)
            *outcome = ROSTER_IMPORT_OUTCOME_ENROL;
        }
    }

  return TRUE;
}

static gboolean
process_row (Pass             *pass,
             RosterImportRow  *row,
             GError          **error)
{
  g_autoptr(RosterImportUser) account = NULL;
  g_autoptr(GArray) plans = g_array_new (FALSE, TRUE, sizeof (Plan));
  RosterImportReportRow report = { row->line, ROSTER_IMPORT_OUTCOME_ERROR, 0, NULL, NULL, NULL };
  gboolean has_problems;
  /* An empty line in the middle of a list is no one to import, and no
   * reason to hold the others back. */
  gboolean blank = row->problems->len == 1 &&
                   g_str_equal (((RosterImportProblem *) g_ptr_array_index (row->problems, 0))->code, "blank_row");

  if (row->problems->len == 0 && !roster_importer_plan_enrolments (pass, row, plans, error))
    return FALSE;
  if (row->problems->len == 0 && !roster_importer_match_account (pass, row, &account, error))
    return FALSE;

  if (row->problems->len == 0 && row->password != NULL)
    {
      g_autoptr(GError) weak = NULL;

      if (!roster_password_check_policy (row->password, &weak))
        roster_importer_add_problem (row->problems, row->line,
                                     roster_importer_column_name (pass, ROSTER_IMPORT_FIELD_PASSWORD, 0),
                                     "weak_password", weak->message);
    }

  has_problems = row->problems->len > 0;

  if (blank)
    report.outcome = ROSTER_IMPORT_OUTCOME_SKIPPED;
  else if (has_problems)
    report.outcome = pass->write ? ROSTER_IMPORT_OUTCOME_SKIPPED : ROSTER_IMPORT_OUTCOME_ERROR;
  else if (pass->write)
    {
      gboolean changed = FALSE;

      if (!write_row (pass, row, account, plans, &report.user_id, &changed, error))
        return FALSE;
      if (account == NULL)
        report.outcome = ROSTER_IMPORT_OUTCOME_CREATE;
      else if (roster_importer_needs_update (pass->options, row, account))
        report.outcome = ROSTER_IMPORT_OUTCOME_UPDATE;
      else
        report.outcome = changed ? ROSTER_IMPORT_OUTCOME_ENROL : ROSTER_IMPORT_OUTCOME_UNCHANGED;
    }
  else if (!predict_row (pass, row, account, plans, &report.outcome, error))
    return FALSE;

  if (account != NULL)
    report.user_id = account->id;

  pass->report->counts[report.outcome]++;

  if (pass->write || pass->keep_all_rows || has_problems)
    {
      RosterImportReportRow *kept;

      report.username = row->username ? row->username : row->email;
      report.email = row->email;
      report.problems = roster_import_problems_to_string (row->problems);

      if (pass->write &&
          !roster_import_storage_add_report_row (pass->store, pass->session, pass->job_id, &report, error))
        {
          g_free (report.problems);
          return FALSE;
        }

      if (!pass->write)
        {
          kept = g_new0 (RosterImportReportRow, 1);
          *kept = report;
          kept->username = g_strdup (report.username);
          kept->email = g_strdup (report.email);
          g_ptr_array_add (pass->report->rows, kept);
        }
      else
        g_free (report.problems);
    }

  return TRUE;
}

static void
describe_file (RosterImportReport  *report,
               RosterCsvReader     *reader,
               RosterImportMapping *mapping)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_free (report->encoding);
  report->encoding = g_strdup (roster_csv_reader_get_encoding (reader));
  report->encoding_detected = roster_csv_reader_get_encoding_detected (reader);
  report->delimiter = roster_csv_reader_get_delimiter (reader);
  report->delimiter_detected = roster_csv_reader_get_delimiter_detected (reader);

  if (mapping == NULL)
    return;

  json_builder_begin_array (builder);
  for (guint i = 0; i < roster_import_mapping_get_n_columns (mapping); i++)
    {
      guint slot = 0;
      RosterImportField field = roster_import_mapping_get_field (mapping, i, &slot);
      g_autofree char *canonical = field != ROSTER_IMPORT_FIELD_IGNORED
                                   ? roster_import_field_column_name (field, slot) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, roster_import_mapping_get_name (mapping, i));
      roster_json_builder_add_string_or_null (builder, "field", canonical);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  g_clear_pointer (&report->columns, json_node_unref);
  report->columns = json_builder_get_root (builder);
  g_strfreev (report->unknown_columns);
  report->unknown_columns = roster_import_mapping_get_unknown (mapping);
}

/* Fault injection for the tests, which must stop or kill a server in
 * the middle of an import: ROSTER_TEST_IMPORT_STALL=JOB:PHASE:ROW makes
 * job JOB wait, once it has checked (PHASE "checking") or written
 * ("importing") row ROW, until it is cancelled. */
static guint
stall_after (gint64   job_id,
             gboolean write)
{
  const char *value = g_getenv ("ROSTER_TEST_IMPORT_STALL");
  g_auto(GStrv) parts = NULL;
  guint64 job = 0;
  guint64 row = 0;

  if (value == NULL || job_id == 0)
    return 0;

  parts = g_strsplit (value, ":", 3);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT64, &job, NULL) ||
      !g_str_equal (parts[1], write ? "importing" : "checking") ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, G_MAXUINT, &row, NULL) ||
      (gint64) job != job_id)
    return 0;

  return row;
}

static inline void
poll_progress (Pass *pass)
{
  if (pass->progress != NULL && pass->progress->poll != NULL)
    pass->progress->poll (pass->progress, pass->progress->poll_data);
}

static void
stall (Pass *pass)
{
  g_message ("Import %" G_GINT64_FORMAT " waits after row %u (ROSTER_TEST_IMPORT_STALL)", pass->job_id,
             pass->stall_after);
  while (pass->progress != NULL && !g_atomic_int_get (&pass->progress->cancelled))
    {
      poll_progress (pass);
      g_usleep (10 * 1000);
    }
}

static gboolean
cancelled (Pass    *pass,
           GError **error)
{
  if (pass->progress == NULL || !g_atomic_int_get (&pass->progress->cancelled))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The import was cancelled."));
  return TRUE;
}

/* Reads the file through once. File-level problems (the CSV cannot be
 * read, the columns do not fit) go to the report and end the pass with
 * success: the report says why nothing was done. */
static gboolean
run_pass (Pass     *pass,
          GBytes   *csv,
          GError  **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_bytes (csv);
  g_autoptr(RosterCsvReader) reader = NULL;
  g_autoptr(RosterImportMapping) mapping = NULL;
  g_autoptr(RosterImportValidator) validator = NULL;
  g_autoptr(GPtrArray) mapping_problems = NULL;
  g_autoptr(GError) csv_error = NULL;
  RosterCsvOptions csv_options = {
    .encoding = pass->options->encoding,
    .delimiter = pass->options->delimiter,
  };
  const GPtrArray *fields = NULL;
  guint line = 0;

  reader = roster_csv_reader_new (input, &csv_options);

  if (!roster_csv_reader_prepare (reader, NULL, &csv_error) ||
      !roster_csv_reader_next_row (reader, &fields, &line, NULL, &csv_error))
    {
      describe_file (pass->report, reader, NULL);
      roster_importer_add_problem (pass->report->file_problems, roster_csv_reader_get_error_line (reader), NULL,
                                   csv_error ? "unreadable" : "empty",
                                   csv_error ? csv_error->message : _("The file is empty."));
      return TRUE;
    }

  mapping = roster_import_mapping_new_from_header (fields);

  /* The user's own mapping replaces the guess; one that does not fit
   * the header is the file's problem, so dry runs and jobs say it alike. */
  if (pass->options->columns != NULL && pass->options->columns->len != fields->len)
    {
      g_autofree char *message = NULL;

      describe_file (pass->report, reader, mapping);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The file has %u column, but the chosen fields are for %u columns: "
                                              "choose a field (or none) for each column of this file.",
                                              "The file has %u columns, but the chosen fields are for %u columns: "
                                              "choose a field (or none) for each column of this file.",
                                              fields->len),
                                 fields->len, pass->options->columns->len);
      roster_importer_add_problem (pass->report->file_problems, 0, NULL, "column_count", message);
      return TRUE;
    }
  for (guint i = 0; pass->options->columns != NULL && i < pass->options->columns->len; i++)
    {
      const RosterImportColumnChoice *choice = &g_array_index (pass->options->columns, RosterImportColumnChoice, i);

      roster_import_mapping_set_field (mapping, i, choice->field, choice->slot);
    }
  describe_file (pass->report, reader, mapping);

  mapping_problems = roster_import_mapping_check (mapping);
  if (mapping_problems->len > 0)
    {
      for (guint i = 0; i < mapping_problems->len; i++)
        g_ptr_array_add (pass->report->file_problems, g_steal_pointer (&mapping_problems->pdata[i]));
      return TRUE;
    }

  validator = roster_import_validator_new (mapping);
  pass->mapping = mapping;

  while (roster_csv_reader_next_row (reader, &fields, &line, NULL, &csv_error))
    {
      g_autoptr(RosterImportRow) row = roster_import_validator_check (validator, fields, line);

      if (cancelled (pass, error) || !process_row (pass, row, error))
        return FALSE;

      pass->report->rows_total++;
      if (pass->progress != NULL)
        g_atomic_int_inc (&pass->progress->rows_done);
      poll_progress (pass);
      if (pass->report->rows_total == pass->stall_after)
        stall (pass);
    }

  if (csv_error != NULL)
    roster_importer_add_problem (pass->report->file_problems, roster_csv_reader_get_error_line (reader), NULL,
                                 "unreadable", csv_error->message);

  return TRUE;
}

static gboolean
run_in_session (RosterContext              *ctx,
                RosterUser                 *caller,
                gint64                      course_id,
                GBytes                     *csv,
                const RosterImportOptions  *options,
                gint64                      job_id,
                gboolean                    write,
                gboolean                    keep_all_rows,
                RosterImportProgress       *progress,
                RosterImportReport         *report,
                GError                    **error)
{
  RosterImportStorage *store = ROSTER_IMPORT_STORAGE (ctx->storage);
  g_autoptr(GHashTable) courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *details = g_strdup_printf ("{\"import\":%" G_GINT64_FORMAT "}", job_id);
  g_autoptr(RosterCourse) course = NULL;
  gboolean ok;
  Pass pass = {
    .ctx = ctx,
    .store = store,
    .caller = caller,
    .course_id = course_id,
    .options = options,
    .job_id = job_id,
    .write = write,
    .keep_all_rows = keep_all_rows,
    .progress = progress,
    .report = report,
    .courses = courses,
    .groups = groups,
    .audit_details = details,
    .now = g_get_real_time () / G_USEC_PER_SEC,
    .stall_after = stall_after (job_id, write),
  };

  /* Invitations name the course they are for. */
  if (write && options->send_invitations)
    {
      course = roster_storage_get_course (ctx->storage, course_id, roster_user_get_id (caller), error);
      if (course == NULL)
        return FALSE;
      pass.course_full_name = roster_course_get_full_name (course);
    }

  pass.session = roster_import_storage_begin (store, write, error);
  if (pass.session == NULL)
    return FALSE;

  ok = run_pass (&pass, csv, error);

  /* A written pass keeps nothing of a file it could not read through. */
  if (ok && write && report->file_problems->len > 0)
    {
      RosterImportProblem *problem = g_ptr_array_index (report->file_problems, 0);

      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, "%s", problem->message);
      ok = FALSE;
    }

  ok = roster_import_storage_end (store, pass.session, ok && write, ok ? error : NULL) && ok;

  /* The invitations go once they are committed. */
  if (ok && write && pass.invited > 0)
    roster_mail_queue_wake (ctx->mail);

  return ok;
}

gboolean
roster_importer_run (RosterContext              *ctx,
                     RosterUser                 *caller,
                     gint64                      course_id,
                     GBytes                     *csv,
                     const RosterImportOptions  *options,
                     gint64                      job_id,
                     RosterImportProgress       *progress,
                     RosterImportReport        **report_out,
                     GError                    **error)
{
  g_autoptr(RosterImportReport) report = roster_import_report_new ();
  guint problem_rows;

  *report_out = NULL;

  /* Check everything first, reading a snapshot; a dry run ends here. */
  if (!run_in_session (ctx, caller, course_id, csv, options, job_id, FALSE, options->dry_run, progress,
                       report, error))
    return FALSE;

  if (options->dry_run)
    {
      *report_out = g_steal_pointer (&report);
      return TRUE;
    }

  problem_rows = report->counts[ROSTER_IMPORT_OUTCOME_ERROR];
  if (report->file_problems->len > 0 || (problem_rows > 0 && !options->skip_errors))
    {
      if (report->file_problems->len > 0)
        g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("The file cannot be imported: %s"),
                     ((RosterImportProblem *) g_ptr_array_index (report->file_problems, 0))->message);
      else
        g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%u row has problems; correct it, or choose to skip the rows with problems.",
                                  "%u rows have problems; correct them, or choose to skip the rows with problems.",
                                  problem_rows),
                     problem_rows);
      *report_out = g_steal_pointer (&report);
      return FALSE;
    }

  /* Then write it all in one transaction. */
  {
    g_autoptr(RosterImportReport) written = roster_import_report_new ();
    guint rows_total = report->rows_total;

    if (progress != NULL)
      {
        g_atomic_int_set (&progress->rows_total, rows_total);
        g_atomic_int_set (&progress->rows_done, 0);
        g_atomic_int_set (&progress->importing, 1);
      }

    if (!run_in_session (ctx, caller, course_id, csv, options, job_id, TRUE, FALSE, progress, written, error))
      return FALSE;

    g_clear_pointer (&written->encoding, g_free);
    written->encoding = g_strdup (report->encoding);
    written->encoding_detected = report->encoding_detected;
    *report_out = g_steal_pointer (&written);
  }

  return TRUE;
}
