/* roster-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-demo"

#include "config.h"

#include "roster-demo-private.h"
#include "roster-demo.h"
#include "roster-keys.h"
#include "roster-password.h"

/* Fixed, so that every demo has the same people in the same places. */
#define DEMO_SEED 20260901

#define ACTIVE_KEY   "CS101-VISIT-7QMX"
#define INACTIVE_KEY "SUMMER25-HT9C"

#define DAY (24 * 3600)

typedef struct
{
  RosterDataset   *ds;
  GRand           *rand;
  GHashTable      *usernames;
  const char      *admin_hash;
  const char      *demo_hash;
  gint64           base;          /* 2026-08-01, the start of the demo year */
  gint64           now;
  gint64           next_user;
  gint64           next_enrolment;
  gint64           next_group;
} Builder;

enum {
  DEPT_CS = 1,
  DEPT_LC = 2,
};

enum {
  CS101 = 1, CS205, CS310, CS420, LC110, LC220, LC305, LC410, N_DEMO_COURSES = LC410,
  BENCH_COURSE,
};

static const struct
{
  gint64           id;
  gint64           department;
  const char      *short_name;
  const char      *full_name;
  RosterGroupMode  group_mode;
  guint            n_students;
} demo_courses[] = {
  { CS101, DEPT_CS, "CS101", "Introduction to Programming", ROSTER_GROUP_MODE_NONE, 70 },
  { CS205, DEPT_CS, "CS205", "Databases", ROSTER_GROUP_MODE_SEPARATE, 48 },
  { CS310, DEPT_CS, "CS310", "Human–Computer Interaction", ROSTER_GROUP_MODE_VISIBLE, 40 },
  { CS420, DEPT_CS, "CS420", "Machine Learning", ROSTER_GROUP_MODE_NONE, 35 },
  { LC110, DEPT_LC, "LC110", "Chinese for Beginners (中文入门)", ROSTER_GROUP_MODE_NONE, 60 },
  { LC220, DEPT_LC, "LC220", "Academic English", ROSTER_GROUP_MODE_NONE, 55 },
  { LC305, DEPT_LC, "LC305", "Translation Studies", ROSTER_GROUP_MODE_SEPARATE, 30 },
  { LC410, DEPT_LC, "LC410", "Intercultural Communication", ROSTER_GROUP_MODE_NONE, 40 },
};

/* The people the printed summary names, in this order of ids. */
enum {
  U_ADMIN = 1, U_MCHEN, U_STAYLOR, U_JOKAFOR, U_LWANG, U_EDUBOIS, U_PHUGHES,
  U_RFISCHER, U_KZHANG, U_DNOVAK, U_TIVANOVA, U_NOKORO, N_NAMED = U_NOKORO,
};

static const struct
{
  const char      *username;
  const char      *first;
  const char      *last;
  const char      *email;
  RosterUserType   type;
  RosterUserState  state;
  const char      *what;
} named[] = {
  { "admin", "Alex", "Morgan", "admin@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "site administrator" },
  { "m.chen", "明", "陈", "m.chen@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "module leader of CS101 and CS205" },
  { "s.taylor", "Sarah", "Taylor", "s.taylor@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "professional staff, Computer Science" },
  { "j.okafor", "James", "Okafor", "j.okafor@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "teacher in CS205 (group B)" },
  { "l.wang", "丽", "王", "l.wang@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "module leader of LC110" },
  { "e.dubois", "Émilie", "Dubois", "e.dubois@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "module leader of LC220 and LC305" },
  { "p.hughes", "Peter", "Hughes", "p.hughes@uni.example", ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE,
    "professional staff, Languages and Cultures" },
  { "r.fischer", "Rachel", "Fischer", "rachel.fischer@partner.example", ROSTER_USER_TYPE_EXTERNAL,
    ROSTER_USER_STATE_ACTIVE, "external moderator in CS205, group A only" },
  { "k.zhang", "凯", "张", "k.zhang@student.uni.example", ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_ACTIVE,
    "student in CS101 and CS205 (group A)" },
  { "d.novak", "David", "Novák", "david.novak@mail.example", ROSTER_USER_TYPE_EXTERNAL, ROSTER_USER_STATE_ACTIVE,
    "external, locked after too many failed sign-ins" },
  { "t.ivanova", "Татьяна", "Иванова", "t.ivanova@student.uni.example", ROSTER_USER_TYPE_STUDENT,
    ROSTER_USER_STATE_SUSPENDED, "student, suspended" },
  { "n.okoro", "Ngozi", "Okoro", "ngozi.okoro@mail.example", ROSTER_USER_TYPE_EXTERNAL,
    ROSTER_USER_STATE_PENDING, "external, signed up and waiting for e-mail confirmation" },
};

static RosterDemoLogin logins[G_N_ELEMENTS (named)];

const RosterDemoLogin *
roster_demo_get_logins (guint *n_logins)
{
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      logins[i].username = named[i].username;
      logins[i].what = named[i].what;
    }

  *n_logins = G_N_ELEMENTS (named);
  return logins;
}

const char *
roster_demo_get_active_key (void)
{
  return ACTIVE_KEY;
}

static gint64
utc (int year, int month, int day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, 9, 0, 0);

  return g_date_time_to_unix (dt);
}

static gint64
between (Builder *b,
         gint64   from,
         gint64   to)
{
  return from + (gint64) (g_rand_double (b->rand) * (double) (to - from));
}

static const char *
unique_username (Builder    *b,
                 const char *wanted)
{
  g_autofree char *candidate = g_strdup (wanted);

  for (guint n = 2; g_hash_table_contains (b->usernames, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s%u", wanted, n);
    }

  g_hash_table_add (b->usernames, g_strdup (candidate));
  return roster_dataset_intern (b->ds, candidate);
}

/* @username must already be unique (see unique_username()). */
static gint64
add_user (Builder         *b,
          const char      *username,
          const char      *first,
          const char      *last,
          const char      *email,
          RosterUserType   type,
          RosterUserState  state)
{
  RosterDatasetUser row = {
    .id = b->next_user++,
    .username = username,
    .first_name = roster_dataset_intern (b->ds, first),
    .last_name = roster_dataset_intern (b->ds, last),
    .email = roster_dataset_intern (b->ds, email),
    .type = type,
    .state = state,
    .password_hash = b->demo_hash,
    .created_at = between (b, b->base - 60 * DAY, b->base),
  };

  if (state != ROSTER_USER_STATE_PENDING)
    row.last_access = between (b, b->base + 60 * DAY, b->base + 112 * DAY);

  g_array_append_val (b->ds->users, row);
  return row.id;
}

static const char * const external_domains[] = {
  "mail.example", "partner.example", "consulting.example", "alumni.example",
};

/* A person from the name pools: given and family name in their script,
 * a username and an address in Latin letters. */
static gint64
add_generated_user (Builder         *b,
                    RosterUserType   type,
                    RosterUserState  state)
{
  const RosterDemoNamePool *pool = roster_demo_pick_pool (b->rand);
  const RosterDemoName *first = &pool->first[g_rand_int_range (b->rand, 0, pool->n_first)];
  const RosterDemoName *last = &pool->last[g_rand_int_range (b->rand, 0, pool->n_last)];
  g_autofree char *wanted = g_strdup_printf ("%s.%s", first->latin, last->latin);
  const char *username = unique_username (b, wanted);
  g_autofree char *email = NULL;

  switch (type)
    {
    case ROSTER_USER_TYPE_STAFF:
      email = g_strdup_printf ("%s@uni.example", username);
      break;
    case ROSTER_USER_TYPE_STUDENT:
      email = g_strdup_printf ("%s@student.uni.example", username);
      break;
    case ROSTER_USER_TYPE_EXTERNAL:
    default:
      email = g_strdup_printf ("%s@%s", username,
                               external_domains[g_rand_int_range (b->rand, 0, G_N_ELEMENTS (external_domains))]);
      break;
    }

  return add_user (b, username, first->native, last->native, email, type, state);
}

static gint64
add_enrolment (Builder    *b,
               gint64      course,
               gint64      user,
               RosterRole  role,
               gint64      method,
               gint64      key,
               const char *key_nickname,
               gint64      created_at)
{
  RosterDatasetEnrolment row = {
    .id = b->next_enrolment++,
    .course_id = course,
    .user_id = user,
    .role = role,
    .status = ROSTER_ENROLMENT_ACTIVE,
    .method_id = method,
    .key_id = key,
    .key_nickname = roster_dataset_intern (b->ds, key_nickname),
    .created_at = created_at,
  };

  g_array_append_val (b->ds->enrolments, row);
  return row.id;
}

static gint64
add_group (Builder    *b,
           gint64      course,
           const char *name)
{
  RosterDatasetGroup row = {
    .id = b->next_group++,
    .course_id = course,
    .name = roster_dataset_intern (b->ds, name),
    .created_at = b->base + 20 * DAY,
  };

  g_array_append_val (b->ds->groups, row);
  return row.id;
}

static void
add_member (Builder *b,
            gint64   group,
            gint64   user)
{
  RosterDatasetMember row = { group, user, b->base + 21 * DAY };

  g_array_append_val (b->ds->members, row);
}

static gboolean
add_key (Builder          *b,
         RosterSecretBox  *box,
         gint64            id,
         gint64            method,
         const char       *nickname,
         const char       *secret,
         gboolean          active,
         gint64            uses,
         gint64            created_at,
         GError          **error)
{
  g_autofree char *lookup = roster_keys_lookup_hash (box, secret);
  RosterDatasetKey row = {
    .id = id,
    .method_id = method,
    .nickname = roster_dataset_intern (b->ds, nickname),
    .secret_sealed = roster_secret_box_encrypt (box, secret, error),
    .secret_lookup = roster_dataset_intern (b->ds, lookup),
    .active = active,
    .uses = uses,
    .created_by = U_MCHEN,
    .created_at = created_at,
  };

  if (row.secret_sealed == NULL)
    return FALSE;

  g_array_append_val (b->ds->keys, row);
  return TRUE;
}

static void
add_submissions (Builder   *b,
                 gint64     assignment,
                 GArray    *students,
                 gint64     due)
{
  for (guint i = 0; i < students->len; i++)
    {
      gint64 student = g_array_index (students, gint64, i);
      double roll = g_rand_double (b->rand);
      RosterDatasetSubmission row = { assignment, student, NULL, 0 };

      if (roll < 0.1)
        continue;   /* has not started */
      if (roll < 0.2)
        row.status = "draft";
      else
        {
          row.status = roll < 0.6 ? "graded" : "submitted";
          row.submitted_at = between (b, due - 10 * DAY, due);
        }
      g_array_append_val (b->ds->submissions, row);
    }
}

/* Picks @n distinct ids from @pool (a partial Fisher–Yates shuffle of a
 * copy, so the pool's order is untouched). */
static GArray *
sample (Builder *b,
        GArray  *pool,
        guint    n)
{
  g_autoptr(GArray) copy = g_array_copy (pool);
  GArray *out = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  n = MIN (n, copy->len);
  for (guint i = 0; i < n; i++)
    {
      guint j = g_rand_int_range (b->rand, i, copy->len);
      gint64 tmp = g_array_index (copy, gint64, i);

      g_array_index (copy, gint64, i) = g_array_index (copy, gint64, j);
      g_array_index (copy, gint64, j) = tmp;
      g_array_append_val (out, g_array_index (copy, gint64, i));
    }

  return out;
}

static void
add_large_course (Builder *b,
                  guint    n_participants)
{
  g_autofree char *short_name = g_strdup_printf ("BENCH-%u", n_participants);
  g_autofree char *full_name = g_strdup_printf ("Benchmark course (%u participants)", n_participants);
  RosterDatasetCourse course = {
    .id = BENCH_COURSE,
    .department_id = DEPT_CS,
    .short_name = roster_dataset_intern (b->ds, short_name),
    .full_name = roster_dataset_intern (b->ds, full_name),
    .created_at = b->base,
  };
  RosterDatasetMethod manual = {
    .id = 100, .course_id = BENCH_COURSE, .type = ROSTER_METHOD_MANUAL, .enabled = TRUE,
    .default_role = ROSTER_ROLE_STUDENT, .created_at = b->base,
  };

  g_array_append_val (b->ds->courses, course);
  g_array_append_val (b->ds->methods, manual);
  add_enrolment (b, BENCH_COURSE, U_MCHEN, ROSTER_ROLE_MODULE_LEADER, 100, 0, NULL, b->base);
  add_enrolment (b, BENCH_COURSE, U_STAYLOR, ROSTER_ROLE_PROFESSIONAL_STAFF, 100, 0, NULL, b->base);

  /* Benchmark people cannot sign in: they have no password, and the
   * hashing of 100 000 of them would take minutes. */
  for (guint i = 0; i < n_participants; i++)
    {
      const RosterDemoNamePool *pool = roster_demo_pick_pool (b->rand);
      const RosterDemoName *first = &pool->first[g_rand_int_range (b->rand, 0, pool->n_first)];
      const RosterDemoName *last = &pool->last[g_rand_int_range (b->rand, 0, pool->n_last)];
      char username[32];
      char email[64];
      RosterDatasetUser row = {
        .id = b->next_user++,
        .first_name = first->native,
        .last_name = last->native,
        .type = i % 50 == 0 ? ROSTER_USER_TYPE_EXTERNAL : ROSTER_USER_TYPE_STUDENT,
        .state = ROSTER_USER_STATE_ACTIVE,
        .created_at = b->base,
        .last_access = between (b, b->base, b->base + 100 * DAY),
      };

      g_snprintf (username, sizeof username, "bench%06u", i + 1);
      g_snprintf (email, sizeof email, "bench%06u@bench.example", i + 1);
      row.username = roster_dataset_intern (b->ds, username);
      row.email = roster_dataset_intern (b->ds, email);
      g_array_append_val (b->ds->users, row);

      add_enrolment (b, BENCH_COURSE, row.id,
                     row.type == ROSTER_USER_TYPE_EXTERNAL ? ROSTER_ROLE_GUEST : ROSTER_ROLE_STUDENT,
                     100, 0, NULL, between (b, b->base, b->base + 100 * DAY));
    }
}

RosterDataset *
roster_demo_build (RosterSecretBox  *box,
                   gint64            now,
                   guint             large_participants,
                   GError          **error)
{
  g_autoptr(RosterDataset) ds = roster_dataset_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (DEMO_SEED);
  g_autoptr(GHashTable) usernames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *admin_hash = NULL;
  g_autofree char *demo_hash = NULL;
  g_autoptr(GArray) staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) students = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) externals = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *course_students[N_DEMO_COURSES + 1] = { NULL, };
  Builder b = { 0, };
  gint64 external_moderator_lc305;
  guint next_external = 0;

  /* Two hashes for everyone: hashing 400 passwords one by one would make
   * the first demo start take half a minute. */
  admin_hash = roster_password_hash (ROSTER_DEMO_ADMIN_PASSWORD, error);
  demo_hash = admin_hash ? roster_password_hash (ROSTER_DEMO_PASSWORD, error) : NULL;
  if (demo_hash == NULL)
    return NULL;

  b.ds = ds;
  b.rand = rand;
  b.usernames = usernames;
  b.admin_hash = roster_dataset_intern (ds, admin_hash);
  b.demo_hash = roster_dataset_intern (ds, demo_hash);
  b.base = utc (2026, 8, 1);
  b.now = now;
  b.next_user = 1;
  b.next_enrolment = 1;
  b.next_group = 1;

  {
    RosterDatasetDepartment cs = { DEPT_CS, "Computer Science" };
    RosterDatasetDepartment lc = { DEPT_LC, "Languages and Cultures" };

    g_array_append_val (ds->departments, cs);
    g_array_append_val (ds->departments, lc);
  }

  /* The named people first, so their ids are the U_* constants. */
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    add_user (&b, unique_username (&b, named[i].username), named[i].first, named[i].last, named[i].email,
              named[i].type, named[i].state);

  {
    RosterDatasetUser *admin = &g_array_index (ds->users, RosterDatasetUser, U_ADMIN - 1);
    RosterDatasetUser *locked = &g_array_index (ds->users, RosterDatasetUser, U_DNOVAK - 1);

    admin->site_admin = TRUE;
    admin->password_hash = b.admin_hash;
    /* Locked a year from the demo's creation, so the lock is still there
     * when an administrator comes to lift it. */
    locked->failed_logins = 5;
    locked->locked_until = now + 365 * DAY;
  }

  for (guint i = 0; i < 30; i++)
    {
      gint64 id = add_generated_user (&b, ROSTER_USER_TYPE_STAFF, ROSTER_USER_STATE_ACTIVE);
      g_array_append_val (staff, id);
    }
  for (guint i = 0; i < 320; i++)
    {
      gint64 id = add_generated_user (&b, ROSTER_USER_TYPE_STUDENT, ROSTER_USER_STATE_ACTIVE);
      g_array_append_val (students, id);
    }
  for (guint i = 0; i < 44; i++)
    {
      /* A few more sign-ups that never confirmed their address. */
      RosterUserState state = i < 4 ? ROSTER_USER_STATE_PENDING : ROSTER_USER_STATE_ACTIVE;
      gint64 id = add_generated_user (&b, ROSTER_USER_TYPE_EXTERNAL, state);

      if (state == ROSTER_USER_STATE_ACTIVE)
        g_array_append_val (externals, id);
    }

  /* Courses, each with a manual method (id = course id) first. */
  for (guint i = 0; i < G_N_ELEMENTS (demo_courses); i++)
    {
      RosterDatasetCourse course = {
        .id = demo_courses[i].id,
        .department_id = demo_courses[i].department,
        .short_name = demo_courses[i].short_name,
        .full_name = demo_courses[i].full_name,
        .group_mode = demo_courses[i].group_mode,
        .created_at = b.base - 30 * DAY,
      };
      RosterDatasetMethod manual = {
        .id = demo_courses[i].id,
        .course_id = demo_courses[i].id,
        .type = ROSTER_METHOD_MANUAL,
        .sort_order = 0,
        .enabled = TRUE,
        .default_role = ROSTER_ROLE_STUDENT,
        .created_at = b.base - 30 * DAY,
      };
      g_autoptr(GArray) picked = NULL;

      g_array_append_val (ds->courses, course);
      g_array_append_val (ds->methods, manual);

      picked = sample (&b, students, demo_courses[i].n_students);
      course_students[course.id] = g_steal_pointer (&picked);
    }

  /* k.zhang studies CS101 and CS205; t.ivanova is in LC110. */
  g_array_index (course_students[CS101], gint64, 0) = U_KZHANG;
  g_array_index (course_students[CS205], gint64, 0) = U_KZHANG;
  g_array_index (course_students[LC110], gint64, 0) = U_TIVANOVA;

  for (guint c = 1; c <= N_DEMO_COURSES; c++)
    {
      GArray *list = course_students[c];

      for (guint i = 0; i < list->len; i++)
        add_enrolment (&b, c, g_array_index (list, gint64, i), ROSTER_ROLE_STUDENT, c, 0, NULL,
                       between (&b, b.base + 19 * DAY, b.base + 45 * DAY));
    }

  /* Staff. */
  {
    static const struct { gint64 course; gint64 leader; gint64 pro; } teams[] = {
      { CS101, U_MCHEN, U_STAYLOR }, { CS205, U_MCHEN, U_STAYLOR },
      { CS310, 0, U_STAYLOR }, { CS420, 0, U_STAYLOR },
      { LC110, U_LWANG, U_PHUGHES }, { LC220, U_EDUBOIS, U_PHUGHES },
      { LC305, U_EDUBOIS, U_PHUGHES }, { LC410, 0, U_PHUGHES },
    };
    guint next_staff = 0;

    for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
      {
        gint64 course = teams[i].course;
        gint64 leader = teams[i].leader;
        gint64 when = b.base + between (&b, 0, 10 * DAY);

        if (leader == 0)
          leader = g_array_index (staff, gint64, next_staff++);
        add_enrolment (&b, course, leader, ROSTER_ROLE_MODULE_LEADER, course, 0, NULL, when);
        add_enrolment (&b, course, teams[i].pro, ROSTER_ROLE_PROFESSIONAL_STAFF, course, 0, NULL, when);

        for (guint t = 0; t < 2; t++)
          add_enrolment (&b, course, g_array_index (staff, gint64, next_staff++),
                         ROSTER_ROLE_TEACHER, course, 0, NULL, when + DAY);
      }
  }
  add_enrolment (&b, CS205, U_JOKAFOR, ROSTER_ROLE_TEACHER, CS205, 0, NULL, b.base + 2 * DAY);
  add_enrolment (&b, CS205, U_RFISCHER, ROSTER_ROLE_EXTERNAL_MODERATOR, CS205, 0, NULL, b.base + 70 * DAY);
  add_enrolment (&b, LC110, U_DNOVAK, ROSTER_ROLE_GUEST, LC110, 0, NULL, b.base + 40 * DAY);

  /* CS101: self enrolment with two keys, one of them switched off. */
  {
    RosterDatasetMethod self_method = {
      .id = 20,
      .course_id = CS101,
      .type = ROSTER_METHOD_SELF,
      .sort_order = 1,
      .name = "External visitors",
      .enabled = TRUE,
      .default_role = ROSTER_ROLE_GUEST,
      .welcome_message = "Welcome to Introduction to Programming! The course materials are under "
                         "“Weeks”; write to m.chen@uni.example with any question.",
      .notify_admins = TRUE,
      .created_at = utc (2025, 6, 1),
    };

    g_array_append_val (ds->methods, self_method);

    if (!add_key (&b, box, 1, 20, "Visiting lecturers 2026", ACTIVE_KEY, TRUE, 8, utc (2026, 8, 28), error) ||
        !add_key (&b, box, 2, 20, "Summer school 2025", INACTIVE_KEY, FALSE, 3, utc (2025, 6, 1), error))
      goto fail;

    for (guint i = 0; i < 8; i++)
      add_enrolment (&b, CS101, g_array_index (externals, gint64, next_external++), ROSTER_ROLE_GUEST,
                     20, 1, "Visiting lecturers 2026", between (&b, utc (2026, 9, 1), utc (2026, 11, 20)));
    for (guint i = 0; i < 3; i++)
      add_enrolment (&b, CS101, g_array_index (externals, gint64, next_external++), ROSTER_ROLE_GUEST,
                     20, 2, "Summer school 2025", between (&b, utc (2025, 7, 1), utc (2025, 8, 15)));
  }

  /* LC220 keeps a guest method, switched off. */
  {
    RosterDatasetMethod guest = {
      .id = 21, .course_id = LC220, .type = ROSTER_METHOD_GUEST, .sort_order = 1,
      .enabled = FALSE, .default_role = ROSTER_ROLE_GUEST, .created_at = b.base,
    };

    g_array_append_val (ds->methods, guest);
  }

  /* Guests added by hand across the other courses. */
  for (guint c = CS310; c <= LC410; c++)
    for (guint i = 0; i < 3 && next_external < externals->len; i++)
      add_enrolment (&b, c, g_array_index (externals, gint64, next_external++), ROSTER_ROLE_GUEST, c, 0,
                     NULL, between (&b, b.base + 30 * DAY, b.base + 100 * DAY));

  /* CS205: three groups in separate mode; the external moderator sees
   * group A only, the (non-editing) teacher group B. */
  {
    GArray *list = course_students[CS205];
    gint64 groups[3];
    RosterDatasetAssignment coursework = {
      .id = 1, .course_id = CS205, .name = "Coursework 1: Database design",
      .group_mode = ROSTER_GROUP_MODE_SEPARATE, .due_at = utc (2026, 11, 6), .created_at = b.base + 30 * DAY,
    };
    RosterDatasetAssignment quiz = {
      .id = 2, .course_id = CS205, .name = "Weekly SQL exercises",
      .group_mode = ROSTER_GROUP_MODE_NONE, .due_at = utc (2026, 12, 11), .created_at = b.base + 30 * DAY,
    };

    groups[0] = add_group (&b, CS205, "Group A");
    groups[1] = add_group (&b, CS205, "Group B");
    groups[2] = add_group (&b, CS205, "Group C");
    for (guint i = 0; i < list->len; i++)
      add_member (&b, groups[i % 3], g_array_index (list, gint64, i));
    add_member (&b, groups[0], U_RFISCHER);
    add_member (&b, groups[1], U_JOKAFOR);

    g_array_append_val (ds->assignments, coursework);
    g_array_append_val (ds->assignments, quiz);
    add_submissions (&b, 1, list, coursework.due_at);
    add_submissions (&b, 2, list, quiz.due_at);
  }

  /* LC305: two seminar groups, an external examiner for the second. */
  {
    GArray *list = course_students[LC305];
    gint64 seminar1 = add_group (&b, LC305, "Seminar 1");
    gint64 seminar2 = add_group (&b, LC305, "Seminar 2");
    RosterDatasetAssignment portfolio = {
      .id = 3, .course_id = LC305, .name = "Translation portfolio",
      .group_mode = ROSTER_GROUP_MODE_SEPARATE, .due_at = utc (2026, 12, 4), .created_at = b.base + 35 * DAY,
    };

    for (guint i = 0; i < list->len; i++)
      add_member (&b, i % 2 ? seminar2 : seminar1, g_array_index (list, gint64, i));

    external_moderator_lc305 = g_array_index (externals, gint64, next_external++);
    add_enrolment (&b, LC305, external_moderator_lc305, ROSTER_ROLE_EXTERNAL_MODERATOR, LC305, 0, NULL,
                   b.base + 75 * DAY);
    add_member (&b, seminar2, external_moderator_lc305);

    g_array_append_val (ds->assignments, portfolio);
    add_submissions (&b, 3, list, portfolio.due_at);
  }

  /* Two people who asked, on the web account page, for their account
   * to be removed: external people no course needs (the last two, whom
   * no enrolment above takes), one still waiting for an administrator,
   * one declined while the moderation records must be kept. */
  g_assert (next_external + 2 <= externals->len);
  {
    RosterDatasetRemovalRequest declined = {
      .id = 1,
      .user_id = g_array_index (externals, gint64, externals->len - 2),
      .requested_at = b.base + 60 * DAY,
      .reason = "I only came for one open day and do not need an account any more.",
      .status = "declined",
      .decided_by = U_ADMIN,
      .decided_at = b.base + 62 * DAY,
      .decision_reason = "Your open-day feedback form is kept until the end of the year; ask again in January.",
    };
    RosterDatasetRemovalRequest pending = {
      .id = 2,
      .user_id = g_array_index (externals, gint64, externals->len - 1),
      .requested_at = b.base + 95 * DAY,
      .reason = "I finished the summer course and would like my personal data deleted, please.",
      .status = "pending",
    };

    g_array_append_val (ds->removal_requests, declined);
    g_array_append_val (ds->removal_requests, pending);
  }

  if (large_participants > 0)
    add_large_course (&b, large_participants);

  for (guint c = 1; c <= N_DEMO_COURSES; c++)
    g_array_unref (course_students[c]);

  return g_steal_pointer (&ds);

fail:
  for (guint c = 1; c <= N_DEMO_COURSES; c++)
    g_clear_pointer (&course_students[c], g_array_unref);
  return NULL;
}

gboolean
roster_demo_ensure (RosterStorage    *storage,
                    RosterSecretBox  *box,
                    guint             large_participants,
                    gboolean         *created,
                    GError          **error)
{
  g_autoptr(RosterDataset) dataset = NULL;
  gint64 users = 0;

  *created = FALSE;

  if (!roster_storage_count_users (storage, &users, error))
    return FALSE;
  if (users > 0)
    return TRUE;

  dataset = roster_demo_build (box, g_get_real_time () / G_USEC_PER_SEC, large_participants, error);
  if (dataset == NULL || !roster_storage_load_dataset (storage, dataset, error))
    return FALSE;

  *created = TRUE;
  return TRUE;
}
