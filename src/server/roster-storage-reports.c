/* roster-storage-reports.c: RosterStorage, the audit log and reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-storage.h"

#define IFACE(self) ROSTER_STORAGE_GET_IFACE (self)

static void
clear_point (RosterReportPoint *point)
{
  g_clear_pointer (&point->by_method, g_array_unref);
  g_clear_pointer (&point->by_key, g_array_unref);
}

static void
clear_method (RosterReportMethod *method)
{
  g_free (method->name);
}

static void
clear_key (RosterReportKey *key)
{
  g_free (key->nickname);
}

static void
clear_key_count (RosterReportKeyCount *count)
{
  g_free (count->nickname);
}

void
roster_report_point_add_method (RosterReportPoint *point,
                                gint64             method_id,
                                gint64             count)
{
  RosterReportMethodCount *slot = NULL;

  if (point->by_method == NULL)
    point->by_method = g_array_new (FALSE, TRUE, sizeof (RosterReportMethodCount));

  for (guint i = 0; i < point->by_method->len && slot == NULL; i++)
    if (g_array_index (point->by_method, RosterReportMethodCount, i).method_id == method_id)
      slot = &g_array_index (point->by_method, RosterReportMethodCount, i);

  if (slot != NULL)
    slot->count += count;
  else
    {
      RosterReportMethodCount row = { method_id, count };
      g_array_append_val (point->by_method, row);
    }
}

void
roster_report_point_add_key (RosterReportPoint *point,
                             const char        *nickname,
                             gint64             count)
{
  RosterReportKeyCount *slot = NULL;

  if (point->by_key == NULL)
    {
      point->by_key = g_array_new (FALSE, TRUE, sizeof (RosterReportKeyCount));
      g_array_set_clear_func (point->by_key, (GDestroyNotify) clear_key_count);
    }

  for (guint i = 0; i < point->by_key->len && slot == NULL; i++)
    if (g_strcmp0 (g_array_index (point->by_key, RosterReportKeyCount, i).nickname, nickname) == 0)
      slot = &g_array_index (point->by_key, RosterReportKeyCount, i);

  if (slot != NULL)
    slot->count += count;
  else
    {
      RosterReportKeyCount row = { g_strdup (nickname), count };
      g_array_append_val (point->by_key, row);
    }
}

RosterEnrolmentReport *
roster_enrolment_report_new (void)
{
  RosterEnrolmentReport *report = g_new0 (RosterEnrolmentReport, 1);

  report->series = g_array_new (FALSE, TRUE, sizeof (RosterReportPoint));
  g_array_set_clear_func (report->series, (GDestroyNotify) clear_point);
  report->methods = g_array_new (FALSE, TRUE, sizeof (RosterReportMethod));
  g_array_set_clear_func (report->methods, (GDestroyNotify) clear_method);
  report->keys = g_array_new (FALSE, TRUE, sizeof (RosterReportKey));
  g_array_set_clear_func (report->keys, (GDestroyNotify) clear_key);
  report->by_method = g_array_new (FALSE, TRUE, sizeof (RosterReportMethodCount));

  return report;
}

void
roster_enrolment_report_free (RosterEnrolmentReport *report)
{
  if (report == NULL)
    return;

  g_array_unref (report->series);
  g_array_unref (report->methods);
  g_array_unref (report->keys);
  g_array_unref (report->by_method);
  g_free (report);
}

RosterEnrolmentReport *
roster_storage_enrolment_report (RosterStorage                     *self,
                                 const RosterEnrolmentReportQuery  *query,
                                 GError                           **error)
{
  g_return_val_if_fail (ROSTER_IS_STORAGE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  return IFACE (self)->enrolment_report (self, query, error);
}
