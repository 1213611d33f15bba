/* test-router.c: from method and path to a handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-router.h"

/* The router never calls handlers; the tests call the one it found, to
 * check it is the one registered for that method and path. */
static const char *last_handler;

static void
h_login (RosterContext *ctx,
         RosterRequest *request)
{
  last_handler = "login";
}

static void
h_list_courses (RosterContext *ctx,
                RosterRequest *request)
{
  last_handler = "list_courses";
}

static void
h_create_course (RosterContext *ctx,
                 RosterRequest *request)
{
  last_handler = "create_course";
}

static void
h_get_course (RosterContext *ctx,
              RosterRequest *request)
{
  last_handler = "get_course";
}

static void
h_update_course (RosterContext *ctx,
                 RosterRequest *request)
{
  last_handler = "update_course";
}

static void
h_delete_course (RosterContext *ctx,
                 RosterRequest *request)
{
  last_handler = "delete_course";
}

static void
h_get_participant (RosterContext *ctx,
                   RosterRequest *request)
{
  last_handler = "get_participant";
}

static void
h_list_keys (RosterContext *ctx,
             RosterRequest *request)
{
  last_handler = "list_keys";
}

static const RosterRoute routes[] = {
  { "POST",   "/api/v1/auth/login", h_login, ROSTER_ROUTE_PUBLIC, 16 * 1024 },
  { "GET",    "/api/v1/courses", h_list_courses, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "POST",   "/api/v1/courses", h_create_course, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET",    "/api/v1/courses/{cid}", h_get_course, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "PATCH",  "/api/v1/courses/{cid}", h_update_course, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "DELETE", "/api/v1/courses/{cid}", h_delete_course, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET",    "/api/v1/courses/{cid}/participants/{uid}", h_get_participant, ROSTER_ROUTE_AUTHENTICATED, 0 },
  { "GET",    "/api/v1/courses/{cid}/methods/{mid}/keys", h_list_keys, ROSTER_ROUTE_AUTHENTICATED, 0 },
};

static RosterRouter *
make_router (void)
{
  RosterRouter *router = roster_router_new ();

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
  return router;
}

/* Matches and checks that the handler found is @handler_name. */
static GHashTable *
assert_found (RosterRouter *router,
              const char   *method,
              const char   *path,
              const char   *handler_name)
{
  const RosterRoute *route = NULL;
  GHashTable *params = NULL;
  g_autofree char *allow = NULL;
  RosterRouteResult result;

  result = roster_router_match (router, method, path, &route, &params, &allow);
  if (result != ROSTER_ROUTE_FOUND)
    g_error ("%s %s: expected a route, got result %d", method, path, result);

  g_assert_nonnull (route);
  g_assert_null (allow);
  g_assert_cmpstr (route->method, ==, method);

  last_handler = NULL;
  route->handler (NULL, NULL);
  g_assert_cmpstr (last_handler, ==, handler_name);

  return params;
}

static void
assert_no_path (RosterRouter *router,
                const char   *method,
                const char   *path)
{
  const RosterRoute *route = (const RosterRoute *) &routes[0];
  GHashTable *params = GINT_TO_POINTER (1);
  char *allow = (char *) "unset";
  RosterRouteResult result;

  result = roster_router_match (router, method, path, &route, &params, &allow);
  if (result != ROSTER_ROUTE_NO_PATH)
    g_error ("%s %s: expected no path, got result %d", method, path, result);

  g_assert_null (route);
  g_assert_null (params);
  g_assert_null (allow);
}

static char *
assert_no_method (RosterRouter *router,
                  const char   *method,
                  const char   *path)
{
  const RosterRoute *route = (const RosterRoute *) &routes[0];
  GHashTable *params = GINT_TO_POINTER (1);
  char *allow = NULL;
  RosterRouteResult result;

  result = roster_router_match (router, method, path, &route, &params, &allow);
  if (result != ROSTER_ROUTE_NO_METHOD)
    g_error ("%s %s: expected no method, got result %d", method, path, result);

  g_assert_null (route);
  g_assert_null (params);
  g_assert_nonnull (allow);

  return allow;
}

static void
test_literal (void)
{
  g_autoptr(RosterRouter) router = make_router ();
  g_autoptr(GHashTable) list = assert_found (router, "GET", "/api/v1/courses", "list_courses");
  g_autoptr(GHashTable) create = assert_found (router, "POST", "/api/v1/courses", "create_course");
  g_autoptr(GHashTable) login = assert_found (router, "POST", "/api/v1/auth/login", "login");

  /* No {param} in the pattern: no table at all. */
  g_assert_null (list);
  g_assert_null (create);
  g_assert_null (login);
}

static void
test_route_fields (void)
{
  g_autoptr(RosterRouter) router = make_router ();
  const RosterRoute *route = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *allow = NULL;

  g_assert_cmpint (roster_router_match (router, "POST", "/api/v1/auth/login", &route, &params, &allow),
                   ==, ROSTER_ROUTE_FOUND);
  g_assert_cmpstr (route->pattern, ==, "/api/v1/auth/login");
  g_assert_cmpint (route->flags, ==, ROSTER_ROUTE_PUBLIC);
  g_assert_cmpuint (route->max_body, ==, 16 * 1024);
  g_assert_true (route->handler == h_login);

  g_assert_cmpint (roster_router_match (router, "GET", "/api/v1/courses/1", &route, &params, &allow),
                   ==, ROSTER_ROUTE_FOUND);
  g_assert_cmpstr (route->pattern, ==, "/api/v1/courses/{cid}");
  g_assert_cmpint (route->flags, ==, ROSTER_ROUTE_AUTHENTICATED);
  g_assert_cmpuint (route->max_body, ==, 0);
}

static void
test_params (void)
{
  g_autoptr(RosterRouter) router = make_router ();

  {
    g_autoptr(GHashTable) params = assert_found (router, "GET", "/api/v1/courses/42", "get_course");

    g_assert_nonnull (params);
    g_assert_cmpuint (g_hash_table_size (params), ==, 1);
    g_assert_cmpstr (g_hash_table_lookup (params, "cid"), ==, "42");
  }

  {
    /* The router hands segments over as they are; checking them is the
     * handler's business. */
    g_autoptr(GHashTable) params = assert_found (router, "PATCH", "/api/v1/courses/not-a-number",
                                                 "update_course");

    g_assert_cmpstr (g_hash_table_lookup (params, "cid"), ==, "not-a-number");
  }

  {
    g_autoptr(GHashTable) params = assert_found (router, "GET", "/api/v1/courses/7/participants/1234",
                                                 "get_participant");

    g_assert_cmpuint (g_hash_table_size (params), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (params, "cid"), ==, "7");
    g_assert_cmpstr (g_hash_table_lookup (params, "uid"), ==, "1234");
  }

  {
    g_autoptr(GHashTable) params = assert_found (router, "GET", "/api/v1/courses/7/methods/3/keys",
                                                 "list_keys");

    g_assert_cmpuint (g_hash_table_size (params), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (params, "cid"), ==, "7");
    g_assert_cmpstr (g_hash_table_lookup (params, "mid"), ==, "3");
  }
}

static void
test_trailing_slash (void)
{
  g_autoptr(RosterRouter) router = make_router ();
  g_autoptr(GHashTable) list = assert_found (router, "GET", "/api/v1/courses/", "list_courses");
  g_autoptr(GHashTable) course = assert_found (router, "DELETE", "/api/v1/courses/42/", "delete_course");
  g_autoptr(GHashTable) keys = assert_found (router, "GET", "/api/v1/courses/7/methods/3/keys/", "list_keys");

  g_assert_null (list);
  g_assert_cmpstr (g_hash_table_lookup (course, "cid"), ==, "42");
  g_assert_cmpstr (g_hash_table_lookup (keys, "mid"), ==, "3");
}

static void
test_wrong_method (void)
{
  g_autoptr(RosterRouter) router = make_router ();
  g_autofree char *collection = assert_no_method (router, "PUT", "/api/v1/courses");
  g_autofree char *item = assert_no_method (router, "POST", "/api/v1/courses/42");
  g_autofree char *item_slash = assert_no_method (router, "PUT", "/api/v1/courses/42/");
  g_autofree char *login = assert_no_method (router, "GET", "/api/v1/auth/login");
  g_autofree char *nested = assert_no_method (router, "DELETE", "/api/v1/courses/7/participants/9");

  g_assert_cmpstr (collection, ==, "GET, POST");
  g_assert_cmpstr (item, ==, "GET, PATCH, DELETE");
  g_assert_cmpstr (item_slash, ==, "GET, PATCH, DELETE");
  g_assert_cmpstr (login, ==, "POST");
  g_assert_cmpstr (nested, ==, "GET");
}

static void
test_no_path (void)
{
  g_autoptr(RosterRouter) router = make_router ();

  assert_no_path (router, "GET", "/api/v1/nothing");
  assert_no_path (router, "GET", "/api/v1");
  assert_no_path (router, "GET", "/api/v2/courses");
  assert_no_path (router, "GET", "/API/v1/courses");
  assert_no_path (router, "GET", "/api/v1/courses/42/participants");
  assert_no_path (router, "GET", "/api/v1/courses/42/participants/9/extra");
  /* Empty segments never match, not even a {param}. */
  assert_no_path (router, "GET", "/api/v1/courses//x");
  assert_no_path (router, "GET", "/api/v1/courses//");
  assert_no_path (router, "GET", "/api/v1//courses");
  assert_no_path (router, "GET", "//api/v1/courses");
  assert_no_path (router, "GET", "/api/v1/courses//participants/9");
  assert_no_path (router, "GET", "/api/v1/courses/7/participants//");
  /* Not an absolute path at all. */
  assert_no_path (router, "GET", "api/v1/courses");
  assert_no_path (router, "GET", "");
  assert_no_path (router, "GET", "/");
  assert_no_path (router, "GET", NULL);
}

static void
test_empty_router (void)
{
  g_autoptr(RosterRouter) router = roster_router_new ();

  assert_no_path (router, "GET", "/api/v1/courses");
  roster_router_free (NULL);
}

static void
test_added_in_parts (void)
{
  g_autoptr(RosterRouter) router = roster_router_new ();
  g_autofree char *allow = NULL;

  /* Routes added later extend, not replace, what is there. */
  roster_router_add (router, routes, 3);
  roster_router_add (router, routes + 3, G_N_ELEMENTS (routes) - 3);

  {
    g_autoptr(GHashTable) params = assert_found (router, "POST", "/api/v1/auth/login", "login");
    g_autoptr(GHashTable) params2 = assert_found (router, "GET", "/api/v1/courses/5", "get_course");

    g_assert_cmpstr (g_hash_table_lookup (params2, "cid"), ==, "5");
  }

  allow = assert_no_method (router, "HEAD", "/api/v1/courses");
  g_assert_cmpstr (allow, ==, "GET, POST");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/router/literal", test_literal);
  g_test_add_func ("/router/route-fields", test_route_fields);
  g_test_add_func ("/router/params", test_params);
  g_test_add_func ("/router/trailing-slash", test_trailing_slash);
  g_test_add_func ("/router/wrong-method", test_wrong_method);
  g_test_add_func ("/router/no-path", test_no_path);
  g_test_add_func ("/router/empty-router", test_empty_router);
  g_test_add_func ("/router/added-in-parts", test_added_in_parts);

  return g_test_run ();
}
