/* roster-key-usage.c: one enrolment key's uses, as a report shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-json.h"
#include "roster-key-usage.h"

struct _RosterKeyUsage
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

G_DEFINE_FINAL_TYPE (RosterKeyUsage, roster_key_usage, G_TYPE_OBJECT)

static void
roster_key_usage_finalize (GObject *object)
{
  RosterKeyUsage *self = ROSTER_KEY_USAGE (object);

  g_free (self->nickname);

  G_OBJECT_CLASS (roster_key_usage_parent_class)->finalize (object);
}

static void
roster_key_usage_class_init (RosterKeyUsageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_key_usage_finalize;
}

static void
roster_key_usage_init (RosterKeyUsage *self)
{
  self->max_uses = -1;
}

/**
 * roster_key_usage_new_from_json:
 * @object: an element of the report's "keys"
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the key, or %NULL if @object is not one
 */
RosterKeyUsage *
roster_key_usage_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(RosterKeyUsage) self = g_object_new (ROSTER_TYPE_KEY_USAGE, NULL);
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
roster_key_usage_get_id (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->id;
}

const char *
roster_key_usage_get_nickname (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), NULL);
  return self->nickname;
}

gint64
roster_key_usage_get_method_id (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->method_id;
}

gboolean
roster_key_usage_get_active (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), FALSE);
  return self->active;
}

gint64
roster_key_usage_get_uses (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->uses;
}

gint64
roster_key_usage_get_enrolled (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->enrolled;
}

gint64
roster_key_usage_get_last_used_at (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->last_used_at;
}

gint64
roster_key_usage_get_max_uses (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), -1);
  return self->max_uses;
}

gint64
roster_key_usage_get_expires_at (RosterKeyUsage *self)
{
  g_return_val_if_fail (ROSTER_IS_KEY_USAGE (self), 0);
  return self->expires_at;
}
