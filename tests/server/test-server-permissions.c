/* test-server-permissions.c: the permission matrix — every endpoint,
 * called by every kind of person, against a real server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table: a row per endpoint, a column per caller, the status each
 * must get. Requests that would change something carry a body the
 * handler refuses as invalid (422) where that is possible, so that an
 * allowed caller proves it got past the permission check without
 * changing what later rows see; the rest (deletions and the like) act
 * on an object made for that caller alone.
 */

#include "config.h"

#include <string.h>

#include "roster-demo.h"
#include "roster-handlers.h"
#include "roster-json.h"
#include "roster-test-server.h"
#include "test-server-import-util.h"

enum {
  ADMIN, LEADER, PRO_STAFF, TEACHER, MODERATOR, STUDENT, GUEST, NOBODY, N_CALLERS
};

static const char * const caller_names[N_CALLERS] = {
  "site administrator", "module leader", "professional staff", "teacher",
  "external moderator", "student", "guest", "no token",
};

/* What the paths and bodies refer to, made once before the matrix. */
typedef struct
{
  char   *tokens[N_CALLERS];
  gint64  course;                  /* CS205 */
  gint64  enrolment;               /* an enrolment in it, left in place */
  gint64  manual_method;
  gint64  self_method;             /* a self method made for the test */
  gint64  key;                     /* a key of it */
  gint64  group;                   /* Group A */
  gint64  assignment;              /* Coursework 1 (separate groups) */
  gint64  outsider;                /* an active user enrolled nowhere */
  gint64  import;                  /* a finished import into the course */
  /* One of each per caller, for the requests that consume them. */
  gint64  enrolments[N_CALLERS];
  gint64  methods[N_CALLERS];
  gint64  keys[N_CALLERS];
  gint64  groups[N_CALLERS];
  gint64  users[N_CALLERS];
  gint64  suspendable[N_CALLERS];
} World;

static RosterTestServer *server;
static World world;

typedef struct
{
  const char *method;
  /* printf-style; %s placeholders are filled by the row's fill function */
  const char *path;
  const char *body;
  guint       expected[N_CALLERS];
  /* The per-caller objects that {own} in the path stands for, if any. */
  const gint64 *own;
} Row;

#define EVERYONE(ok)            { ok, ok, ok, ok, ok, ok, ok, 401 }
#define COURSE_STAFF(ok)        { ok, ok, ok, ok, 403, 403, 403, 401 }
#define MANAGERS(ok)            { ok, ok, ok, 403, 403, 403, 403, 401 }
#define WITH_MODERATOR(ok)      { ok, ok, ok, ok, ok, 403, 403, 401 }
#define ADMIN_ONLY(ok)          { ok, 403, 403, 403, 403, 403, 403, 401 }

static char *
expand_path (const Row *row,
             int        caller)
{
  const char *pattern = row->path;
  GString *path = g_string_new (NULL);

  /* Named placeholders: {course} {enrolment} {manual} {self} {key}
   * {group} {assignment} {outsider} {import}, and {own} for the row's per-caller
   * objects. */
  for (const char *p = pattern; *p; )
    {
      static const struct { const char *name; gint64 *value; } names[] = {
        { "{course}", &world.course }, { "{enrolment}", &world.enrolment },
        { "{manual}", &world.manual_method }, { "{self}", &world.self_method },
        { "{key}", &world.key }, { "{group}", &world.group },
        { "{assignment}", &world.assignment }, { "{outsider}", &world.outsider },
        { "{import}", &world.import },
      };
      gboolean replaced = FALSE;

      if (row->own != NULL && g_str_has_prefix (p, "{own}"))
        {
          g_string_append_printf (path, "%" G_GINT64_FORMAT, row->own[caller]);
          p += strlen ("{own}");
          continue;
        }

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_has_prefix (p, names[i].name))
          {
            g_string_append_printf (path, "%" G_GINT64_FORMAT, *names[i].value);
            p += strlen (names[i].name);
            replaced = TRUE;
            break;
          }
      if (!replaced)
        g_string_append_c (path, *p++);
    }

  return g_string_free (path, FALSE);
}


static const Row rows[] = {
  { "POST", "/api/v1/auth/login", "{}", { 422, 422, 422, 422, 422, 422, 422, 422 }, NULL },
  { "GET", "/api/v1/me", NULL, EVERYONE (200), NULL },
  { "GET", "/api/v1/courses", NULL, EVERYONE (200), NULL },
  { "GET", "/api/v1/courses/{course}", NULL, EVERYONE (200), NULL },
  { "PATCH", "/api/v1/courses/{course}", "{\"group_mode\": \"sideways\"}", MANAGERS (422), NULL },

  /* Participants and enrolments. */
  { "GET", "/api/v1/courses/{course}/participants", NULL, COURSE_STAFF (200), NULL },
  { "GET", "/api/v1/courses/{course}/participants.csv", NULL, COURSE_STAFF (200), NULL },
  { "POST", "/api/v1/courses/{course}/enrolments", "{\"user_id\": 987654321}", MANAGERS (422), NULL },
  { "PATCH", "/api/v1/enrolments/{enrolment}", "{\"role\": \"wizard\"}", MANAGERS (422), NULL },
  { "DELETE", "/api/v1/enrolments/{own}", NULL, MANAGERS (204), world.enrolments },

  /* Enrolment methods and keys. */
  { "GET", "/api/v1/courses/{course}/methods", NULL, COURSE_STAFF (200), NULL },
  { "POST", "/api/v1/courses/{course}/methods", "{\"type\": \"carrier-pigeon\"}", MANAGERS (422), NULL },
  { "PATCH", "/api/v1/methods/{manual}", "{\"name\": 5}", MANAGERS (422), NULL },
  { "DELETE", "/api/v1/methods/{own}", NULL, MANAGERS (204), world.methods },
  { "GET", "/api/v1/methods/{self}/keys", NULL, COURSE_STAFF (200), NULL },
  { "POST", "/api/v1/methods/{self}/keys", "{\"nickname\": \"\"}", MANAGERS (422), NULL },
  { "PATCH", "/api/v1/keys/{key}", "{\"nickname\": 5}", MANAGERS (422), NULL },
  { "DELETE", "/api/v1/keys/{own}", NULL, MANAGERS (204), world.keys },
  { "POST", "/api/v1/keys/{key}/reveal", NULL, MANAGERS (200), NULL },
  /* A JSON body is not a file (415): nothing is made. */
  { "POST", "/api/v1/courses/{course}/keys/import", "{}", MANAGERS (415), NULL },

  /* Groups, assignments and submissions. */
  { "GET", "/api/v1/courses/{course}/groups", NULL, EVERYONE (200), NULL },
  { "POST", "/api/v1/courses/{course}/groups", "{\"name\": \"\"}", MANAGERS (422), NULL },
  { "PATCH", "/api/v1/groups/{group}", "{\"name\": \"\"}", MANAGERS (422), NULL },
  { "DELETE", "/api/v1/groups/{own}", NULL, MANAGERS (204), world.groups },
  { "GET", "/api/v1/groups/{group}/members", NULL, COURSE_STAFF (200), NULL },
  { "PUT", "/api/v1/groups/{group}/members/{outsider}", NULL, MANAGERS (422), NULL },
  { "DELETE", "/api/v1/groups/{group}/members/{outsider}", NULL, MANAGERS (204), NULL },
  { "GET", "/api/v1/courses/{course}/assignments", NULL, WITH_MODERATOR (200), NULL },
  { "PATCH", "/api/v1/assignments/{assignment}", "{\"group_mode\": \"sideways\"}", MANAGERS (422), NULL },
  { "GET", "/api/v1/assignments/{assignment}/submissions", NULL, WITH_MODERATOR (200), NULL },

  /* Users; staff who enrol people may search for them. */
  { "GET", "/api/v1/users?q=zh", NULL, MANAGERS (200), NULL },
  { "POST", "/api/v1/users", "{}", ADMIN_ONLY (422), NULL },
  { "GET", "/api/v1/users/{outsider}", NULL, ADMIN_ONLY (200), NULL },
  { "PATCH", "/api/v1/users/{outsider}", "{\"first_name\": 5}", ADMIN_ONLY (422), NULL },
  { "DELETE", "/api/v1/users/{own}", NULL, ADMIN_ONLY (204), world.users },
  { "POST", "/api/v1/users/{outsider}/activate", NULL, ADMIN_ONLY (409), NULL },
  { "POST", "/api/v1/users/{own}/suspend", NULL, ADMIN_ONLY (200), world.suspendable },
  { "POST", "/api/v1/users/{outsider}/unlock", NULL, ADMIN_ONLY (200), NULL },
  { "POST", "/api/v1/users/{outsider}/password", "{\"password\": \"short\"}", ADMIN_ONLY (422), NULL },
  { "GET", "/api/v1/removal-requests", NULL, ADMIN_ONLY (200), NULL },
  { "POST", "/api/v1/removal-requests/987654321/decline", NULL, ADMIN_ONLY (404), NULL },

  /* Imports: a JSON body is not a file (415), a finished job cannot be
   * cancelled (409). */
  { "POST", "/api/v1/courses/{course}/imports", "{}", MANAGERS (415), NULL },
  { "GET", "/api/v1/courses/{course}/imports", NULL, MANAGERS (200), NULL },
  { "GET", "/api/v1/imports/{import}", NULL, MANAGERS (200), NULL },
  { "POST", "/api/v1/imports/{import}/cancel", NULL, MANAGERS (409), NULL },

  /* Audit and reports. */
  { "GET", "/api/v1/audit", NULL, ADMIN_ONLY (200), NULL },
  { "GET", "/api/v1/courses/{course}/reports/enrolments", NULL, MANAGERS (200), NULL },

  /* Last: it ends the sessions the rows above use. */
  { "POST", "/api/v1/auth/logout", NULL, EVERYONE (204), NULL },
};

/* ---- making the world ---- */

static JsonObject *
call (const char *method,
      const char *path,
      const char *body,
      guint       expected)
{
  g_autoptr(RosterTestResponse) response =
    roster_test_request (server, method, path, world.tokens[ADMIN], body ? "application/json" : NULL, body);

  if (response->status != expected)
    g_error ("setting up: %s %s gave %u, not %u: %.*s", method, path, response->status, expected,
             (int) g_bytes_get_size (response->body), (const char *) g_bytes_get_data (response->body, NULL));

  return response->json && JSON_NODE_HOLDS_OBJECT (response->json)
    ? json_object_ref (json_node_get_object (response->json)) : NULL;
}

static gint64
make_user (const char *username,
           const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"email\": \"%s@matrix.example\","
                                           " \"first_name\": \"Matrix\", \"last_name\": \"%s\","
                                           " \"type\": \"external\"%s%s%s}",
                                           username, username, username,
                                           password ? ", \"password\": \"" : "",
                                           password ? password : "", password ? "\"" : "");
  g_autoptr(JsonObject) user = call ("POST", "/api/v1/users", body, 201);

  return json_object_get_int_member (user, "id");
}

static gint64
enrol (gint64      user,
       const char *role)
{
  g_autofree char *body = g_strdup_printf ("{\"user_id\": %" G_GINT64_FORMAT ", \"role\": \"%s\"}", user, role);
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/enrolments", world.course);
  g_autoptr(JsonObject) enrolment = call ("POST", path, body, 201);

  return json_object_get_int_member (enrolment, "id");
}

static gint64
make_self_method (const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"type\": \"self\", \"name\": \"%s\"}", name);
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", world.course);
  g_autoptr(JsonObject) method = call ("POST", path, body, 201);

  return json_object_get_int_member (method, "id");
}

static gint64
make_key (const char *nickname)
{
  g_autofree char *body = g_strdup_printf ("{\"nickname\": \"%s\"}", nickname);
  g_autofree char *path = g_strdup_printf ("/api/v1/methods/%" G_GINT64_FORMAT "/keys", world.self_method);
  g_autoptr(JsonObject) key = call ("POST", path, body, 201);

  return json_object_get_int_member (key, "id");
}

static gint64
make_group (const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autofree char *path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/groups", world.course);
  g_autoptr(JsonObject) group = call ("POST", path, body, 201);

  return json_object_get_int_member (group, "id");
}

static gint64
find_id (const char *path,
         const char *list,
         const char *member,
         const char *value)
{
  g_autoptr(JsonObject) answer = call ("GET", path, NULL, 200);
  JsonArray *items = json_object_get_array_member (answer, list);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, member), value) == 0)
        return json_object_get_int_member (item, "id");
    }

  g_error ("setting up: no %s “%s” in %s", member, value, path);
}

static void
make_world (void)
{
  static const char * const logins[N_CALLERS] = {
    "admin", "m.chen", "s.taylor", "j.okafor", "r.fischer", "k.zhang", "matrix.guest", NULL,
  };
  g_autofree char *methods_path = NULL;
  g_autofree char *groups_path = NULL;
  g_autofree char *participants_path = NULL;
  g_autoptr(JsonObject) participants = NULL;

  world.tokens[ADMIN] = roster_test_login (server, "admin", ROSTER_DEMO_ADMIN_PASSWORD);
  world.course = find_id ("/api/v1/courses", "courses", "short_name", "CS205");

  methods_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/methods", world.course);
  world.manual_method = find_id (methods_path, "methods", "type", "manual");
  groups_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/groups", world.course);
  world.group = find_id (groups_path, "groups", "name", "Group A");
  world.assignment = 1;

  participants_path = g_strdup_printf ("/api/v1/courses/%" G_GINT64_FORMAT "/participants?q=k.zhang", world.course);
  participants = call ("GET", participants_path, NULL, 200);
  world.enrolment = json_object_get_int_member (json_array_get_object_element (
                      json_object_get_array_member (participants, "participants"), 0), "enrolment_id");

  world.self_method = make_self_method ("Matrix visitors");
  world.key = make_key ("Matrix key");
  world.outsider = make_user ("matrix.outsider", NULL);

  {
    g_autofree char *csv = import_new_people_csv (1, "matrix.imported");
    g_autoptr(JsonObject) job = NULL;

    world.import = import_submit (server, world.tokens[ADMIN], world.course, NULL, csv);
    job = import_wait (server, world.tokens[ADMIN], world.import);
    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "done");
  }

  /* A guest of the course, who signs in like the others. */
  enrol (make_user ("matrix.guest", "matrix guest password"), "guest");

  for (int caller = 0; caller < N_CALLERS; caller++)
    {
      g_autofree char *name = g_strdup_printf ("matrix.%d", caller);
      g_autofree char *method = g_strdup_printf ("Matrix method %d", caller);
      g_autofree char *key = g_strdup_printf ("Matrix key %d", caller);
      g_autofree char *group = g_strdup_printf ("Matrix group %d", caller);
      g_autofree char *user = g_strdup_printf ("matrix.user.%d", caller);
      g_autofree char *suspendable = g_strdup_printf ("matrix.active.%d", caller);

      world.enrolments[caller] = enrol (make_user (name, NULL), "student");
      world.methods[caller] = make_self_method (method);
      world.keys[caller] = make_key (key);
      world.groups[caller] = make_group (group);
      world.users[caller] = make_user (user, NULL);
      world.suspendable[caller] = make_user (suspendable, NULL);

      if (caller != ADMIN && logins[caller] != NULL)
        world.tokens[caller] = roster_test_login (server, logins[caller],
                                                  caller == GUEST ? "matrix guest password" : ROSTER_DEMO_PASSWORD);
    }
}

/* ---- the matrix ---- */

static void
test_row (gconstpointer data)
{
  const Row *row = data;

  for (int caller = 0; caller < N_CALLERS; caller++)
    {
      g_autofree char *path = expand_path (row, caller);
      g_autoptr(RosterTestResponse) response =
        roster_test_request (server, row->method, path, world.tokens[caller],
                             row->body ? "application/json" : NULL, row->body);

      if (response->status != row->expected[caller])
        g_error ("%s %s as %s: %u, expected %u: %.*s", row->method, path, caller_names[caller],
                 response->status, row->expected[caller],
                 (int) MIN (g_bytes_get_size (response->body), 300), (const char *) g_bytes_get_data (response->body, NULL));

      /* A refused caller learns nothing about the object either. */
      if (response->status >= 400 && response->json != NULL)
        g_assert_nonnull (roster_test_response_error_code (response));
    }
}

/* The route a row exercises, as the router spells it: the segment after
 * each collection becomes its parameter name. */
static char *
route_of (const Row *row)
{
  static const struct { const char *collection; const char *param; } params[] = {
    { "courses", "{cid}" }, { "enrolments", "{eid}" }, { "methods", "{mid}" }, { "keys", "{kid}" },
    { "groups", "{gid}" }, { "members", "{uid}" }, { "users", "{uid}" }, { "assignments", "{aid}" },
    { "removal-requests", "{rid}" }, { "imports", "{iid}" },
  };
  g_autofree char *path = g_strndup (row->path, strcspn (row->path, "?"));
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autofree char *joined = NULL;

  for (guint i = 1; segments[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (params); j++)
      if (g_str_equal (segments[i - 1], params[j].collection) &&
          (segments[i][0] == '{' || g_ascii_isdigit (segments[i][0])))
        {
          g_free (segments[i]);
          segments[i] = g_strdup (params[j].param);
        }

  joined = g_strjoinv ("/", segments);
  return g_strdup_printf ("%s %s", row->method, joined);
}

/* The matrix has a row for every route the server has, and no other. */
static void
test_every_route (void)
{
  g_autoptr(RosterRouter) router = roster_router_new ();
  g_autoptr(GPtrArray) routes = NULL;
  g_autoptr(GHashTable) in_matrix = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  roster_handlers_add_all (router);
  routes = roster_router_list (router);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_hash_table_add (in_matrix, route_of (&rows[i]));

  for (guint i = 0; i < routes->len; i++)
    if (!g_hash_table_remove (in_matrix, g_ptr_array_index (routes, i)))
      g_error ("the permission matrix has no row for %s", (const char *) g_ptr_array_index (routes, i));

  g_assert_cmpuint (g_hash_table_size (in_matrix), ==, 0);
}

/* The issue's own case: a teacher asking for a key gets no secret. */
static void
test_reveal_refused (void)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/keys/%" G_GINT64_FORMAT "/reveal", world.key);
  g_autoptr(RosterTestResponse) by_leader = roster_test_request (server, "POST", path, world.tokens[LEADER], NULL, NULL);
  g_autoptr(RosterTestResponse) by_teacher = roster_test_request (server, "POST", path, world.tokens[TEACHER], NULL, NULL);
  const char *secret;
  g_autofree char *body = NULL;

  g_assert_cmpuint (by_leader->status, ==, 200);
  secret = json_object_get_string_member (roster_test_response_object (by_leader), "secret");
  g_assert_nonnull (secret);

  g_assert_cmpuint (by_teacher->status, ==, 403);
  body = g_strndup (g_bytes_get_data (by_teacher->body, NULL), g_bytes_get_size (by_teacher->body));
  g_assert_null (strstr (body, secret));
  g_assert_false (json_object_has_member (roster_test_response_object (by_teacher), "secret"));
}

int
main (int   argc,
      char *argv[])
{
  RosterTestServerOptions options = {
    .demo = TRUE,
    /* The matrix signs in many times from one address. */
    .config = "[security]\nlogin-rate-limit=0\n",
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/permissions/every-route", test_every_route);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *name = g_strdup_printf ("/server/permissions/%02u %s %s", i, rows[i].method, rows[i].path);

      /* The test path may not hold what a path holds. */
      g_strdelimit (name + strlen ("/server/permissions/"), "/{}%?= ", '_');
      g_test_add_data_func (name, &rows[i], test_row);
      if (g_str_has_suffix (rows[i].path, "/reveal"))
        g_test_add_func ("/server/permissions/reveal-refused-leaves-no-secret", test_reveal_refused);
    }

  /* The rows run in order against one server: each leaves the shared
   * objects as it found them, and consumes only its own per-caller ones. */
  server = roster_test_server_start (&options);
  make_world ();
  status = g_test_run ();
  roster_test_server_stop (server);

  for (int caller = 0; caller < N_CALLERS; caller++)
    g_free (world.tokens[caller]);

  return status;
}
