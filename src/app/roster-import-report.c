/* roster-import-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-import-report.h"
#include "roster-import-result-private.h"
#include "roster-json.h"

struct _RosterImportReport
{
  GObject                  parent_instance;

  gint64                   id;
  gint64                   course_id;
  RosterImportReportState  state;
  char                    *phase;
  guint                    rows_total;
  guint                    rows_done;
  guint                    counts[ROSTER_IMPORT_RESULT_N_OUTCOMES];
  char                    *error;
  char                    *file_name;
  gint64                   created_at;
  gint64                   finished_at;

  char                    *encoding;
  char                     delimiter;
  GPtrArray               *file_problems;

  GListStore              *rows;
  char                    *next_cursor;

  guint                    dry_run : 1;
  guint                    encoding_detected : 1;
};

G_DEFINE_FINAL_TYPE (RosterImportReport, roster_import_report, G_TYPE_OBJECT)

/* Read-only: what a progress page binds to. */
enum {
  PROP_0,
  PROP_STATE,
  PROP_PHASE,
  PROP_ROWS_TOTAL,
  PROP_ROWS_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const state_names[] = {
  "queued", "running", "done", "failed", "cancelled",
};

static gboolean
bad_member (const char  *member,
            GError     **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("“%s” is not what an import report holds there."), member);
  return FALSE;
}

static void
roster_import_report_finalize (GObject *object)
{
  RosterImportReport *self = (RosterImportReport *) object;

  g_free (self->phase);
  g_free (self->error);
  g_free (self->file_name);
  g_free (self->encoding);
  g_clear_pointer (&self->file_problems, g_ptr_array_unref);
  g_clear_object (&self->rows);
  g_free (self->next_cursor);

  G_OBJECT_CLASS (roster_import_report_parent_class)->finalize (object);
}

static void
roster_import_report_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RosterImportReport *self = ROSTER_IMPORT_REPORT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;
    case PROP_ROWS_TOTAL:
      g_value_set_uint (value, self->rows_total);
      break;
    case PROP_ROWS_DONE:
      g_value_set_uint (value, self->rows_done);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_import_report_class_init (RosterImportReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_import_report_finalize;
  object_class->get_property = roster_import_report_get_property;

  /* A RosterImportReportState. */
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, ROSTER_IMPORT_REPORT_CANCELLED, 0, flags);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, flags);
  properties[PROP_ROWS_TOTAL] = g_param_spec_uint ("rows-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ROWS_DONE] = g_param_spec_uint ("rows-done", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_import_report_init (RosterImportReport *self)
{
  self->rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  self->file_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           gboolean     required,
           guint       *value,
           GError     **error)
{
  gint64 count = 0;

  if (!roster_json_get_int (object, member, required, &count, error))
    return FALSE;
  if (count < 0 || count > G_MAXUINT)
    return bad_member (member, error);
  *value = count;
  return TRUE;
}

static gboolean
parse_counts (RosterImportReport  *self,
              JsonObject          *object,
              GError             **error)
{
  JsonNode *node = json_object_get_member (object, "counts");
  JsonObject *counts;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad_member ("counts", error);

  /* An outcome a server does not count is none. */
  counts = json_node_get_object (node);
  for (guint i = 0; i < ROSTER_IMPORT_RESULT_N_OUTCOMES; i++)
    if (!get_count (counts, roster_import_result_outcome_to_string (i), FALSE, &self->counts[i], error))
      return FALSE;
  return TRUE;
}

/* "file": null or missing while a job has not read its file yet. */
static gboolean
parse_file (RosterImportReport  *self,
            JsonObject          *object,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, "file");
  JsonObject *file;
  const char *encoding = NULL, *delimiter = NULL;
  gboolean detected = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return bad_member ("file", error);

  file = json_node_get_object (node);
  if (!roster_json_get_string (file, "encoding", FALSE, &encoding, error) ||
      !roster_json_get_bool (file, "encoding_detected", FALSE, &detected, error) ||
      !roster_json_get_string (file, "delimiter", FALSE, &delimiter, error))
    return FALSE;
  if (delimiter != NULL && g_str_equal (delimiter, "tab"))
    delimiter = "\t";
  if (delimiter != NULL && (delimiter[0] == '\0' || delimiter[1] != '\0'))
    return bad_member ("delimiter", error);

  g_clear_pointer (&self->file_problems, g_ptr_array_unref);
  self->file_problems = roster_import_problems_from_json (json_object_get_member (file, "problems"), 0, error);
  if (self->file_problems == NULL)
    return FALSE;

  self->encoding = g_strdup (encoding);
  self->encoding_detected = !!detected;
  self->delimiter = delimiter != NULL ? delimiter[0] : '\0';
  return TRUE;
}

/* "rows": every one of a dry run; on a job, only when asked for. */
static gboolean
parse_rows (RosterImportReport  *self,
            JsonObject          *object,
            gboolean             required,
            GError             **error)
{
  JsonNode *node = json_object_get_member (object, "rows");
  g_autoptr(GPtrArray) items = NULL;
  JsonArray *array;
  const char *cursor = NULL;

  if (!roster_json_get_string (object, "next_cursor", FALSE, &cursor, error))
    return FALSE;
  self->next_cursor = g_strdup (cursor);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad_member ("rows", error);

  array = json_node_get_array (node);
  items = g_ptr_array_new_full (json_array_get_length (array), g_object_unref);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      RosterImportResult *result;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return bad_member ("rows", error);
      result = roster_import_result_new_from_json (json_node_get_object (element), error);
      if (result == NULL)
        return FALSE;
      g_ptr_array_add (items, result);
    }
  /* One splice, not one items-changed per row. */
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
  return TRUE;
}

static gboolean
parse_job (RosterImportReport  *self,
           JsonObject          *object,
           GError             **error)
{
  const char *state = NULL, *phase = NULL, *text = NULL, *file_name = NULL;
  gboolean known = FALSE;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_int (object, "course_id", TRUE, &self->course_id, error) ||
      !roster_json_get_string (object, "state", TRUE, &state, error) ||
      !roster_json_get_string (object, "phase", FALSE, &phase, error) ||
      !get_count (object, "rows_done", TRUE, &self->rows_done, error) ||
      !roster_json_get_string (object, "error", FALSE, &text, error) ||
      !roster_json_get_string (object, "file_name", FALSE, &file_name, error) ||
      !roster_json_get_time (object, "created_at", FALSE, &self->created_at, error) ||
      !roster_json_get_time (object, "finished_at", FALSE, &self->finished_at, error))
    return FALSE;
  if (self->id <= 0)
    return bad_member ("id", error);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (state, state_names[i]))
      {
        self->state = i;
        known = TRUE;
      }
  if (!known)
    return bad_member ("state", error);

  self->phase = g_strdup (phase);
  self->error = g_strdup (text);
  self->file_name = g_strdup (file_name);
  return parse_rows (self, object, FALSE, error);
}

/**
 * roster_import_report_new_from_json:
 *
 * Returns: (transfer full): the report, or %NULL
 */
RosterImportReport *
roster_import_report_new_from_json (JsonObject  *object,
                                    GError     **error)
{
  g_autoptr(RosterImportReport) self = NULL;
  gboolean dry_run = FALSE;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_IMPORT_REPORT, NULL);
  if (!roster_json_get_bool (object, "dry_run", FALSE, &dry_run, error) ||
      !get_count (object, "rows_total", TRUE, &self->rows_total, error) ||
      !parse_counts (self, object, error) ||
      !parse_file (self, object, error))
    return NULL;

  self->dry_run = !!dry_run;
  if (dry_run)
    {
      /* A dry run has been checked through by the time it answers. */
      self->state = ROSTER_IMPORT_REPORT_DONE;
      self->rows_done = self->rows_total;
      if (!parse_rows (self, object, TRUE, error))
        return NULL;
    }
  else if (!parse_job (self, object, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
roster_import_report_get_dry_run (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), FALSE);

  return self->dry_run;
}

gint64
roster_import_report_get_id (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->id;
}

/* 0 for a dry run, whose answer does not name the course. */
gint64
roster_import_report_get_course_id (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->course_id;
}

RosterImportReportState
roster_import_report_get_state (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), ROSTER_IMPORT_REPORT_FAILED);

  return self->state;
}

gboolean
roster_import_report_is_finished (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), FALSE);

  return self->state == ROSTER_IMPORT_REPORT_DONE ||
         self->state == ROSTER_IMPORT_REPORT_FAILED ||
         self->state == ROSTER_IMPORT_REPORT_CANCELLED;
}

const char *
roster_import_report_get_phase (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->phase;
}

guint
roster_import_report_get_rows_total (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->rows_total;
}

guint
roster_import_report_get_rows_done (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->rows_done;
}

guint
roster_import_report_get_count (RosterImportReport        *self,
                                RosterImportResultOutcome  outcome)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);
  g_return_val_if_fail (outcome < ROSTER_IMPORT_RESULT_N_OUTCOMES, 0);

  return self->counts[outcome];
}

const char *
roster_import_report_get_error (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->error;
}

const char *
roster_import_report_get_file_name (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->file_name;
}

gint64
roster_import_report_get_created_at (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->created_at;
}

gint64
roster_import_report_get_finished_at (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), 0);

  return self->finished_at;
}

const char *
roster_import_report_get_encoding (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->encoding;
}

gboolean
roster_import_report_get_encoding_detected (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), FALSE);

  return self->encoding_detected;
}

char
roster_import_report_get_delimiter (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), '\0');

  return self->delimiter;
}

/**
 * roster_import_report_get_file_problems:
 *
 * Returns: (transfer none) (element-type RosterImportProblem): never %NULL
 */
GPtrArray *
roster_import_report_get_file_problems (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->file_problems;
}

/**
 * roster_import_report_get_rows:
 *
 * Returns: (transfer none): a #GListModel of #RosterImportResult
 */
GListModel *
roster_import_report_get_rows (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return G_LIST_MODEL (self->rows);
}

const char *
roster_import_report_get_next_cursor (RosterImportReport *self)
{
  g_return_val_if_fail (ROSTER_IS_IMPORT_REPORT (self), NULL);

  return self->next_cursor;
}
