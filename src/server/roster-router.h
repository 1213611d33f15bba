/* roster-router.h: from method and path to a handler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-context.h"
#include "roster-request.h"

G_BEGIN_DECLS

typedef void (*RosterHandlerFunc) (RosterContext *ctx,
                                   RosterRequest *request);

typedef enum
{
  ROSTER_ROUTE_AUTHENTICATED = 0,
  /* Reachable without a token (sign-in). */
  ROSTER_ROUTE_PUBLIC        = 1 << 0,
} RosterRouteFlags;

typedef struct
{
  const char        *method;
  /* "/api/v1/courses/{cid}": a {name} segment matches any one segment
   * and is handed to the handler as a parameter. */
  const char        *pattern;
  RosterHandlerFunc  handler;
  RosterRouteFlags   flags;
  /* Largest request body accepted, 0 for the server's default. */
  gsize              max_body;
} RosterRoute;

typedef enum
{
  ROSTER_ROUTE_FOUND,
  ROSTER_ROUTE_NO_PATH,
  ROSTER_ROUTE_NO_METHOD,
} RosterRouteResult;

typedef struct _RosterRouter RosterRouter;

RosterRouter      *roster_router_new    (void);
void               roster_router_free   (RosterRouter        *self);
void               roster_router_add    (RosterRouter        *self,
                                         const RosterRoute   *routes,
                                         guint                n_routes);
/* On ROSTER_ROUTE_FOUND, @route and @params (may be NULL) are set; on
 * ROSTER_ROUTE_NO_METHOD, @allow lists the methods the path has. */
RosterRouteResult  roster_router_match  (RosterRouter        *self,
                                         const char          *method,
                                         const char          *path,
                                         const RosterRoute  **route,
                                         GHashTable         **params,
                                         char               **allow);

/* "METHOD /pattern" for every route, in the order they were added. */
GPtrArray         *roster_router_list   (RosterRouter        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterRouter, roster_router_free)

G_END_DECLS
