/* roster-router.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-router.h"

typedef struct
{
  RosterRoute  route;
  char       **segments;
} Entry;

struct _RosterRouter
{
  GArray *entries;
};

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_strfreev (entry->segments);
}

RosterRouter *
roster_router_new (void)
{
  RosterRouter *self = g_new0 (RosterRouter, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, clear_entry);

  return self;
}

void
roster_router_free (RosterRouter *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

/* "/a/b/" and "/a/b" are the same path; empty segments from doubled
 * slashes are not, so they never match a pattern. */
static char **
split_path (const char *path)
{
  g_autofree char *trimmed = NULL;
  gsize len;

  if (path == NULL || path[0] != '/')
    return NULL;

  trimmed = g_strdup (path + 1);
  len = strlen (trimmed);
  if (len > 0 && trimmed[len - 1] == '/')
    trimmed[len - 1] = '\0';

  return g_strsplit (trimmed, "/", -1);
}

void
roster_router_add (RosterRouter      *self,
                   const RosterRoute *routes,
                   guint              n_routes)
{
  for (guint i = 0; i < n_routes; i++)
    {
      Entry entry = { routes[i], split_path (routes[i].pattern) };

      g_return_if_fail (entry.segments != NULL);
      g_array_append_val (self->entries, entry);
    }
}

static gboolean
is_param (const char *segment)
{
  gsize len = strlen (segment);

  return len > 2 && segment[0] == '{' && segment[len - 1] == '}';
}

static gboolean
match_segments (char       **pattern,
                char       **path,
                GHashTable **params)
{
  guint n = g_strv_length (pattern);

  if (n != g_strv_length (path))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (is_param (pattern[i]))
        {
          if (path[i][0] == '\0')
            return FALSE;
        }
      else if (!g_str_equal (pattern[i], path[i]))
        return FALSE;
    }

  if (params != NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          if (!is_param (pattern[i]))
            continue;
          if (*params == NULL)
            *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (*params,
                               g_strndup (pattern[i] + 1, strlen (pattern[i]) - 2),
                               g_strdup (path[i]));
        }
    }

  return TRUE;
}

RosterRouteResult
roster_router_match (RosterRouter       *self,
                     const char         *method,
                     const char         *path,
                     const RosterRoute **route,
                     GHashTable        **params,
                     char              **allow)
{
  g_auto(GStrv) segments = split_path (path);
  g_autoptr(GString) allowed = NULL;

  *route = NULL;
  *params = NULL;
  *allow = NULL;

  if (segments == NULL)
    return ROSTER_ROUTE_NO_PATH;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      if (!match_segments (entry->segments, segments, NULL))
        continue;

      if (g_str_equal (entry->route.method, method))
        {
          match_segments (entry->segments, segments, params);
          *route = &entry->route;
          return ROSTER_ROUTE_FOUND;
        }

      if (allowed == NULL)
        allowed = g_string_new (entry->route.method);
      else
        g_string_append_printf (allowed, ", %s", entry->route.method);
    }

  if (allowed != NULL)
    {
      *allow = g_string_free (g_steal_pointer (&allowed), FALSE);
      return ROSTER_ROUTE_NO_METHOD;
    }

  return ROSTER_ROUTE_NO_PATH;
}

GPtrArray *
roster_router_list (RosterRouter *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = &g_array_index (self->entries, Entry, i);

      g_ptr_array_add (list, g_strdup_printf ("%s %s", entry->route.method, entry->route.pattern));
    }

  return list;
}
