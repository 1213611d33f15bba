/* import-models-stub.c: a minimal JSON loader for the import models,
 * for test-import-pages only until the real models (another branch)
 * land; removed then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-import-report.h"
#include "roster-import.h"

static const char *outcomes[] = { "create", "update", "enrol", "unchanged", "skipped", "error" };

const char *
roster_import_result_outcome_to_string (RosterImportResultOutcome outcome)
{
  return outcomes[outcome];
}

gboolean
roster_import_result_outcome_from_string (const char *str, RosterImportResultOutcome *outcome)
{
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    if (g_strcmp0 (str, outcomes[i]) == 0)
      {
        *outcome = i;
        return TRUE;
      }
  return FALSE;
}

const char *
roster_import_result_outcome_get_label (RosterImportResultOutcome outcome)
{
  static const char *labels[] = { "Create", "Update", "Enrol", "Unchanged", "Skipped", "Error" };
  return labels[outcome];
}

struct _RosterImportResult
{
  GObject parent_instance;
  guint line;
  RosterImportResultOutcome outcome;
  gint64 user_id;
  char *username, *email;
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (RosterImportResult, roster_import_result, G_TYPE_OBJECT)

static void
result_finalize (GObject *object)
{
  RosterImportResult *self = (RosterImportResult *) object;
  g_free (self->username);
  g_free (self->email);
  g_ptr_array_unref (self->problems);
  G_OBJECT_CLASS (roster_import_result_parent_class)->finalize (object);
}

static void roster_import_result_class_init (RosterImportResultClass *klass) { G_OBJECT_CLASS (klass)->finalize = result_finalize; }
static void roster_import_result_init (RosterImportResult *self) { }

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static GPtrArray *
problems_from_json (JsonObject *object, const char *name, guint line)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
  JsonArray *array = json_object_has_member (object, name) ? json_object_get_array_member (object, name) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *p = json_array_get_object_element (array, i);
      guint l = json_object_has_member (p, "line") ? json_object_get_int_member (p, "line") : line;
      g_ptr_array_add (problems, roster_import_problem_new (l, member_string (p, "column"), member_string (p, "code"),
                                                            member_string (p, "message")));
    }
  return problems;
}

RosterImportResult *
roster_import_result_new_from_json (JsonObject *object, GError **error)
{
  RosterImportResult *self = g_object_new (ROSTER_TYPE_IMPORT_RESULT, NULL);
  JsonNode *id = json_object_get_member (object, "user_id");

  self->line = json_object_get_int_member (object, "line");
  roster_import_result_outcome_from_string (member_string (object, "outcome"), &self->outcome);
  self->user_id = id != NULL && !JSON_NODE_HOLDS_NULL (id) ? json_node_get_int (id) : 0;
  self->username = g_strdup (member_string (object, "username"));
  self->email = g_strdup (member_string (object, "email"));
  self->problems = problems_from_json (object, "problems", self->line);
  return self;
}

guint roster_import_result_get_line (RosterImportResult *self) { return self->line; }
RosterImportResultOutcome roster_import_result_get_outcome (RosterImportResult *self) { return self->outcome; }
gint64 roster_import_result_get_user_id (RosterImportResult *self) { return self->user_id; }
const char *roster_import_result_get_username (RosterImportResult *self) { return self->username; }
const char *roster_import_result_get_email (RosterImportResult *self) { return self->email; }
GPtrArray *roster_import_result_get_problems (RosterImportResult *self) { return self->problems; }
gboolean roster_import_result_has_problems (RosterImportResult *self) { return self->problems->len > 0; }

char *
roster_import_result_dup_problem_text (RosterImportResult *self)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < self->problems->len; i++)
    {
      RosterImportProblem *p = self->problems->pdata[i];
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, p->message);
    }
  return g_string_free (text, FALSE);
}

struct _RosterImportReport
{
  GObject parent_instance;
  RosterImportReportState state;
  char *phase, *error, *file_name;
  guint rows_total, rows_done;
  guint counts[ROSTER_IMPORT_RESULT_N_OUTCOMES];
  GPtrArray *file_problems;
  GListStore *rows;
};

G_DEFINE_FINAL_TYPE (RosterImportReport, roster_import_report, G_TYPE_OBJECT)

static void
report_finalize (GObject *object)
{
  RosterImportReport *self = (RosterImportReport *) object;
  g_free (self->phase);
  g_free (self->error);
  g_free (self->file_name);
  g_ptr_array_unref (self->file_problems);
  g_object_unref (self->rows);
  G_OBJECT_CLASS (roster_import_report_parent_class)->finalize (object);
}

static void roster_import_report_class_init (RosterImportReportClass *klass) { G_OBJECT_CLASS (klass)->finalize = report_finalize; }
static void roster_import_report_init (RosterImportReport *self) { }

RosterImportReport *
roster_import_report_new_from_json (JsonObject *object, GError **error)
{
  static const char *states[] = { "queued", "running", "done", "failed", "cancelled" };
  RosterImportReport *self = g_object_new (ROSTER_TYPE_IMPORT_REPORT, NULL);
  JsonObject *counts = json_object_has_member (object, "counts") ? json_object_get_object_member (object, "counts") : NULL;
  JsonObject *file = json_object_has_member (object, "file") ? json_object_get_object_member (object, "file") : NULL;
  JsonArray *rows = json_object_has_member (object, "rows") ? json_object_get_array_member (object, "rows") : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  self->state = ROSTER_IMPORT_REPORT_DONE;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (member_string (object, "state"), states[i]) == 0)
      self->state = i;
  self->phase = g_strdup (member_string (object, "phase"));
  self->error = g_strdup (member_string (object, "error"));
  self->file_name = g_strdup (member_string (object, "file_name"));
  self->rows_total = json_object_get_int_member_with_default (object, "rows_total", 0);
  self->rows_done = json_object_get_int_member_with_default (object, "rows_done", 0);
  for (guint i = 0; counts != NULL && i < ROSTER_IMPORT_RESULT_N_OUTCOMES; i++)
    self->counts[i] = json_object_get_int_member_with_default (counts, outcomes[i], 0);
  self->file_problems = file != NULL ? problems_from_json (file, "problems", 0)
                                     : g_ptr_array_new_with_free_func ((GDestroyNotify) roster_import_problem_free);
  self->rows = g_list_store_new (ROSTER_TYPE_IMPORT_RESULT);
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    g_ptr_array_add (items, roster_import_result_new_from_json (json_array_get_object_element (rows, i), NULL));
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
  return self;
}

RosterImportReportState roster_import_report_get_state (RosterImportReport *self) { return self->state; }
gboolean roster_import_report_is_finished (RosterImportReport *self) { return self->state >= ROSTER_IMPORT_REPORT_DONE; }
const char *roster_import_report_get_phase (RosterImportReport *self) { return self->phase; }
guint roster_import_report_get_rows_total (RosterImportReport *self) { return self->rows_total; }
guint roster_import_report_get_rows_done (RosterImportReport *self) { return self->rows_done; }
guint roster_import_report_get_count (RosterImportReport *self, RosterImportResultOutcome outcome) { return self->counts[outcome]; }
const char *roster_import_report_get_error (RosterImportReport *self) { return self->error; }
const char *roster_import_report_get_file_name (RosterImportReport *self) { return self->file_name; }
GPtrArray *roster_import_report_get_file_problems (RosterImportReport *self) { return self->file_problems; }
GListModel *roster_import_report_get_rows (RosterImportReport *self) { return G_LIST_MODEL (self->rows); }
