/* participants-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "participants-fixture.h"

static const char * const first_names[] = { "Zoë", "Ana", "凯", "Mohammed", "Łucja", "Søren", "明", "Chloé" };
static const char * const last_names[] = { "Andersson", "García", "张", "Okafor", "Nowak", "Ødegaard", "陈", "Dubois" };
static const char * const roles[] = { "student", "student", "student", "teacher", "guest", "external_moderator" };
static const char * const types[] = { "student", "staff", "external" };
static const char * const method_types[] = { "manual", "self", "guest" };

static const char * const columns[] = {
  "enrolment_id", "user_id", "username", "first_name", "last_name", "email", "type", "state",
  "roles", "groups", "status", "start_at", "end_at", "method_id", "method_type", "method_name",
  "key_nickname", "enrolled_at", "last_access",
};

GPtrArray *
roster_test_make_participants (guint n)
{
  g_autoptr(JsonArray) header = json_array_new ();
  g_autofree int *map = NULL;
  GPtrArray *participants = g_ptr_array_new_full (n, g_object_unref);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    json_array_add_string_element (header, columns[c]);
  map = roster_participant_map_columns (header, NULL);
  g_assert_nonnull (map);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonArray) row = json_array_sized_new (G_N_ELEMENTS (columns));
      g_autofree char *username = g_strdup_printf ("user%06u", i);
      g_autofree char *email = g_strdup_printf ("user%06u@uni.example", i);
      g_autofree char *enrolled = g_strdup_printf ("2026-09-%02uT10:%02u:00Z", 1 + i % 28, i % 60);
      g_autofree char *access = g_strdup_printf ("2026-10-%02uT%02u:%02u:00Z", 1 + (i * 7) % 28, (i * 13) % 24, (i * 31) % 60);
      JsonArray *role_array = json_array_new ();
      JsonArray *groups = json_array_new ();
      g_autoptr(GError) error = NULL;
      RosterParticipant *participant;
      guint method = i % 3;

      json_array_add_string_element (role_array, roles[i % G_N_ELEMENTS (roles)]);
      if (i % 3 != 0)
        {
          JsonArray *group = json_array_new ();
          g_autofree char *name = g_strdup_printf ("Group %c", 'A' + (i % 5));

          json_array_add_int_element (group, 1 + i % 5);
          json_array_add_string_element (group, name);
          json_array_add_array_element (groups, group);
        }

      json_array_add_int_element (row, i + 1);
      json_array_add_int_element (row, 1000 + i);
      json_array_add_string_element (row, username);
      json_array_add_string_element (row, first_names[i % G_N_ELEMENTS (first_names)]);
      json_array_add_string_element (row, last_names[(i / 8) % G_N_ELEMENTS (last_names)]);
      json_array_add_string_element (row, email);
      json_array_add_string_element (row, types[i % G_N_ELEMENTS (types)]);
      json_array_add_string_element (row, "active");
      json_array_add_array_element (row, role_array);
      json_array_add_array_element (row, groups);
      json_array_add_string_element (row, i % 7 == 0 ? "suspended" : "active");
      json_array_add_null_element (row);
      json_array_add_null_element (row);
      json_array_add_int_element (row, 1 + method);
      json_array_add_string_element (row, method_types[method]);
      json_array_add_null_element (row);
      json_array_add_null_element (row);
      json_array_add_string_element (row, enrolled);
      json_array_add_string_element (row, access);

      participant = roster_participant_new_from_row (row, map, &error);
      g_assert_no_error (error);
      g_ptr_array_add (participants, participant);
    }

  return participants;
}
