/* test-participant.c: streamed participant rows → RosterParticipant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-client-error.h"
#include "roster-participant.h"
#include "roster-text.h"

#define HEADER "[\"enrolment_id\", \"user_id\", \"username\", \"first_name\", \"last_name\", \"email\", " \
               "\"type\", \"state\", \"roles\", \"groups\", \"status\", \"start_at\", \"end_at\", "   \
               "\"method_id\", \"method_type\", \"method_name\", \"key_nickname\", \"enrolled_at\", "  \
               "\"last_access\"]"

#define ZOE "[82, 223, \"zoe.andersson\", \"Zoë\", \"Andersson\", \"zoe.andersson@student.uni.example\", " \
            "\"student\", \"active\", [\"student\", \"teacher\"], [[3, \"Group C\"], [5, \"Lab 2\"]], "        \
            "\"active\", null, null, 2, \"self\", \"Visiting\", \"spring\", \"2026-09-12T18:54:26Z\", "         \
            "\"2026-10-25T04:43:47Z\"]"

static JsonArray *
parse_array (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static int *
columns_of (const char *header)
{
  g_autoptr(JsonArray) array = parse_array (header);
  g_autoptr(GError) error = NULL;
  int *columns = roster_participant_map_columns (array, &error);

  g_assert_no_error (error);
  g_assert_nonnull (columns);
  return columns;
}

/* The search key is folded a field at a time (ASCII fields cheaply):
 * it must be that of the whole text folded at once. */
static void
assert_search_key (RosterParticipant *p)
{
  const char *email = roster_participant_get_email (p);
  g_autofree char *joined = g_strjoin ("\x1f", roster_participant_get_full_name (p),
                                       roster_participant_get_username (p), email ? email : "", NULL);
  g_autofree char *search_key = roster_text_search_key (joined);

  g_assert_cmpstr (roster_participant_get_search_key (p), ==, search_key);
}

static RosterParticipant *
decode (const int  *columns,
        const char *row,
        GError    **error)
{
  g_autoptr(JsonArray) array = parse_array (row);
  RosterParticipant *p = roster_participant_new_from_row (array, columns, error);

  if (p != NULL)
    assert_search_key (p);
  return p;
}

static void
test_full_row (void)
{
  g_autofree int *columns = columns_of (HEADER);
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterParticipant) p = decode (columns, ZOE, &error);
  g_autofree char *roles = NULL;
  g_autofree char *full_name = NULL;
  g_auto(GStrv) groups = NULL;
  RosterMethodType method;

  g_assert_no_error (error);
  g_assert_cmpint (roster_participant_get_enrolment_id (p), ==, 82);
  g_assert_cmpint (roster_participant_get_user_id (p), ==, 223);
  g_assert_cmpstr (roster_participant_get_username (p), ==, "zoe.andersson");
  g_assert_cmpstr (roster_participant_get_full_name (p), ==, "Zoë Andersson");
  g_assert_cmpstr (roster_participant_get_email (p), ==, "zoe.andersson@student.uni.example");
  g_assert_cmpint (roster_participant_get_user_type (p), ==, ROSTER_USER_TYPE_STUDENT);
  g_assert_cmpint (roster_participant_get_state (p), ==, ROSTER_USER_STATE_ACTIVE);
  g_assert_true (roster_participant_has_role (p, ROSTER_ROLE_STUDENT));
  g_assert_true (roster_participant_has_role (p, ROSTER_ROLE_TEACHER));
  g_assert_false (roster_participant_has_role (p, ROSTER_ROLE_GUEST));
  roles = roster_participant_dup_roles_label (p);
  g_assert_cmpstr (roles, ==, "Teacher, Student");
  g_assert_cmpuint (roster_participant_get_n_groups (p), ==, 2);
  g_assert_cmpstr (roster_participant_get_group_names (p)[1], ==, "Lab 2");
  g_assert_true (roster_participant_in_group (p, 5));
  g_assert_false (roster_participant_in_group (p, 4));
  g_assert_cmpint (roster_participant_get_status (p), ==, ROSTER_ENROLMENT_ACTIVE);
  g_assert_cmpint (roster_participant_get_method_id (p), ==, 2);
  g_assert_true (roster_participant_get_method_type (p, &method));
  g_assert_cmpint (method, ==, ROSTER_METHOD_SELF);
  g_assert_cmpstr (roster_participant_get_method_name (p), ==, "Visiting");
  g_assert_cmpstr (roster_participant_get_key_nickname (p), ==, "spring");
  g_assert_cmpint (roster_participant_get_start_at (p), ==, 0);
  g_assert_cmpint (roster_participant_get_enrolled_at (p), ==, 1789239266);
  g_assert_cmpint (roster_participant_get_last_access (p), ==, 1792903427);

  /* Properties, as a view binds to them. */
  g_object_get (p, "full-name", &full_name, "group-names", &groups, NULL);
  g_assert_cmpstr (full_name, ==, "Zoë Andersson");
  g_assert_cmpstr (groups[0], ==, "Group C");

  /* The search key ignores case and accents. */
  g_assert_nonnull (strstr (roster_participant_get_search_key (p), "zoe andersson"));
  g_assert_nonnull (strstr (roster_participant_get_search_key (p), "student.uni.example"));

  g_assert_finalize_object (g_steal_pointer (&p));
}

/* Columns are read by name: another order and unknown extra columns
 * give the same participant. */
static void
test_columns_by_name (void)
{
  g_autofree int *columns = columns_of ("[\"future\", \"username\", \"status\", \"roles\", \"type\", "
                                        "\"user_id\", \"enrolment_id\"]");
  g_autoptr(GError) error = NULL;
  g_autoptr(RosterParticipant) p = decode (columns, "[{\"x\": 1}, \"k.zhang\", \"suspended\", [\"guest\"], "
                                                    "\"external\", 9, 10]", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (roster_participant_get_username (p), ==, "k.zhang");
  g_assert_cmpint (roster_participant_get_status (p), ==, ROSTER_ENROLMENT_SUSPENDED);
  g_assert_cmpint (roster_participant_get_user_type (p), ==, ROSTER_USER_TYPE_EXTERNAL);
  g_assert_cmpint (roster_participant_get_enrolment_id (p), ==, 10);
  /* Absent optional columns are empty, not garbage. */
  g_assert_null (roster_participant_get_email (p));
  g_assert_cmpstr (roster_participant_get_full_name (p), ==, "k.zhang");
  g_assert_cmpuint (roster_participant_get_n_groups (p), ==, 0);
  g_assert_null (roster_participant_get_group_names (p)[0]);
  g_assert_false (roster_participant_get_method_type (p, NULL));
}

static void
test_bad_header (void)
{
  static const char * const headers[] = {
    "[]",
    "[1, 2]",
    "[\"username\", \"status\"]",          /* enrolment_id and others missing */
    "[[\"enrolment_id\"]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    {
      g_autoptr(JsonArray) array = parse_array (headers[i]);
      g_autoptr(GError) error = NULL;
      g_autofree int *columns = roster_participant_map_columns (array, &error);

      g_assert_null (columns);
      g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER);
    }
}

/* Each bad row is an error, never a crash nor half a participant. */
static void
test_bad_rows (void)
{
  static const char * const rows[] = {
    "[]",                                                    /* everything missing */
    "[82, 223]",                                             /* cut short */
    "[\"82\", 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"active\"]",
    "[82, 223, null, null, null, null, \"student\", \"active\", [\"student\"], [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"robot\", \"active\", [\"student\"], [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"wizard\"], [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", \"student\", [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [[1]], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [[\"1\", \"G\"]], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"maybe\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"active\", \"yesterday\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"active\", null, null, -4]",
    "[82, 223, \"a\", 7, null, null, \"student\", \"active\", [\"student\"], [], \"active\"]",
    "[0, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"zombie\", [\"student\"], [], \"active\"]",
    "[82, 223, \"a\", null, null, null, \"student\", \"active\", [\"student\"], [], \"active\", null, null, 2, \"carrier-pigeon\"]",
  };
  g_autofree int *columns = columns_of (HEADER);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RosterParticipant) p = decode (columns, rows[i], &error);

      g_test_message ("row %u: %s", i, rows[i]);
      g_assert_null (p);
      g_assert_error (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/participant/full-row", test_full_row);
  g_test_add_func ("/participant/columns-by-name", test_columns_by_name);
  g_test_add_func ("/participant/bad-header", test_bad_header);
  g_test_add_func ("/participant/bad-rows", test_bad_rows);

  return g_test_run ();
}
