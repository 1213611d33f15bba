/* test-api-docs.c: docs/api.md documents exactly the API that exists
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-error.h"
#include "roster-handlers.h"

static char *
read_api_doc (void)
{
  const char *path = g_getenv ("ROSTER_API_DOC");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (path);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* Headings such as "### `POST /api/v1/auth/login`". */
static GHashTable *
documented_endpoints (const char *doc)
{
  g_autoptr(GRegex) regex = g_regex_new ("^### `((?:GET|POST|PUT|PATCH|DELETE) /api/v1/\\S+)`\\s*$",
                                         G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_regex_match (regex, doc, 0, &match);
  while (g_match_info_matches (match))
    {
      g_hash_table_add (set, g_match_info_fetch (match, 1));
      g_match_info_next (match, NULL);
    }

  return set;
}

static void
test_every_route_documented (void)
{
  g_autofree char *doc = read_api_doc ();
  g_autoptr(GHashTable) documented = documented_endpoints (doc);
  g_autoptr(RosterRouter) router = roster_router_new ();
  g_autoptr(GPtrArray) routes = NULL;

  roster_handlers_add_all (router);
  routes = roster_router_list (router);
  g_assert_cmpuint (routes->len, >, 0);

  for (guint i = 0; i < routes->len; i++)
    {
      const char *route = g_ptr_array_index (routes, i);

      if (!g_hash_table_remove (documented, route))
        g_error ("docs/api.md does not document %s", route);
    }

  if (g_hash_table_size (documented) > 0)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, documented);
      g_hash_table_iter_next (&iter, &key, NULL);
      g_error ("docs/api.md documents %s, which the server does not have", (char *) key);
    }
}

static void
test_error_codes_documented (void)
{
  g_autofree char *doc = read_api_doc ();

  for (guint code = 0; code < ROSTER_ERROR_N_CODES; code++)
    {
      g_autofree char *row = g_strdup_printf ("| `%s` | %u |",
                                              roster_error_code_to_string (code),
                                              roster_error_code_http_status (code));

      if (strstr (doc, row) == NULL)
        g_error ("docs/api.md lacks the error row “%s”", row);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-docs/every-route-documented", test_every_route_documented);
  g_test_add_func ("/api-docs/error-codes-documented", test_error_codes_documented);

  return g_test_run ();
}
