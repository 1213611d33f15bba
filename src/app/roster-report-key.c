/* roster-report-key.c: one enrolment key's uses, as a report shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-json.h"
#include "roster-report-key.h"

struct _RosterReportKey
{
  GObject   parent_instance;

  gint64    id;
  char     *nickname;
  gint64    method_id;
  gint64    uses;
  gint64    enrolled;
  gint64    last_used_at;
  gint64    max_uses;
  gint64    expires_at;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (RosterReportKey, roster_report_key, G_TYPE_OBJECT)

static void
roster_report_key_finalize (GObject *object)
{
  RosterReportKey *self = ROSTER_REPORT_KEY (object);

  g_free (self->nickname);

  G_OBJECT_CLASS (roster_report_key_parent_class)->finalize (object);
}

static void
roster_report_key_class_init (RosterReportKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_report_key_finalize;
}

static void
roster_report_key_init (RosterReportKey *self)
{
  self->max_uses = -1;
}

/**
 * roster_report_key_new_from_json:
 * @object: an element of the report's "keys"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL if @object is not one
 */
RosterReportKey *
roster_report_key_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(RosterReportKey) self = g_object_new (ROSTER_TYPE_REPORT_KEY, NULL);
  const char *nickname = NULL;

  if (!roster_json_get_int (object, "id", TRUE, &self->id, error) ||
      !roster_json_get_string (object, "nickname", TRUE, &nickname, error) ||
      !roster_json_get_int (object, "method_id", TRUE, &self->method_id, error) ||
      !roster_json_get_bool (object, "active", TRUE, &self->active, error) ||
      !roster_json_get_int (object, "uses", TRUE, &self->uses, error) ||
      !roster_json_get_int (object, "enrolled", TRUE, &self->enrolled, error) ||
      !roster_json_get_time (object, "last_used_at", FALSE, &self->last_used_at, error) ||
      !roster_json_get_int (object, "max_uses", FALSE, &self->max_uses, error) ||
      !roster_json_get_time (object, "expires_at", FALSE, &self->expires_at, error))
    return NULL;
  self->nickname = g_strdup (nickname);

  return g_steal_pointer (&self);
}

gint64
roster_report_key_get_id (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->id;
}

const char *
roster_report_key_get_nickname (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), NULL);
  return self->nickname;
}

gint64
roster_report_key_get_method_id (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->method_id;
}

gboolean
roster_report_key_get_active (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), FALSE);
  return self->active;
}

gint64
roster_report_key_get_uses (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->uses;
}

gint64
roster_report_key_get_enrolled (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->enrolled;
}

gint64
roster_report_key_get_last_used_at (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->last_used_at;
}

gint64
roster_report_key_get_max_uses (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), -1);
  return self->max_uses;
}

gint64
roster_report_key_get_expires_at (RosterReportKey *self)
{
  g_return_val_if_fail (ROSTER_IS_REPORT_KEY (self), 0);
  return self->expires_at;
}
