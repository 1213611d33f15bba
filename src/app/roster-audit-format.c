/* roster-audit-format.c: audit events in words, for the page and its CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-audit"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-audit-format.h"
#include "roster-csv-writer.h"

typedef struct
{
  const char *action;
  const char *words;
} ActionWords;

/* Every action roster-server writes (src/server), in words. */
static const ActionWords action_words[] = {
  { "assignment.updated", N_("Assignment changed") },
  { "auth.account_locked", N_("Account locked") },
  { "auth.login", N_("Signed in") },
  { "auth.login_failed", N_("Sign-in failed") },
  { "auth.login_refused_locked", N_("Sign-in refused: locked") },
  { "auth.login_refused_pending", N_("Sign-in refused: not activated") },
  { "auth.login_refused_suspended", N_("Sign-in refused: suspended") },
  { "auth.logout", N_("Signed out") },
  { "auth.password_changed", N_("Password changed") },
  { "course.group_mode_changed", N_("Course group mode changed") },
  { "enrolment.created", N_("Enrolled") },
  { "enrolment.deleted", N_("Unenrolled") },
  { "enrolment.updated", N_("Enrolment changed") },
  { "group.created", N_("Group created") },
  { "group.deleted", N_("Group deleted") },
  { "group.member_added", N_("Added to group") },
  { "group.member_removed", N_("Removed from group") },
  { "group.renamed", N_("Group renamed") },
  { "group.updated", N_("Group changed") },
  { "import.cancelled", N_("Import cancelled") },
  { "import.started", N_("Import started") },
  { "key.created", N_("Key created") },
  { "key.deleted", N_("Key deleted") },
  { "key.pem", N_("Key exported as PEM") },
  { "key.regenerated", N_("Key regenerated") },
  { "key.revealed", N_("Key revealed") },
  { "key.updated", N_("Key changed") },
  { "method.created", N_("Enrolment method created") },
  { "method.deleted", N_("Enrolment method deleted") },
  { "method.updated", N_("Enrolment method changed") },
  { "removal_request.declined", N_("Removal request declined") },
  { "signup.added", N_("Sign-up added") },
  { "signup.confirmed", N_("Sign-up confirmed") },
  { "signup.created", N_("Signed up") },
  { "signup.enrolled", N_("Enrolled by sign-up") },
  { "signup.expired", N_("Sign-up expired") },
  { "signup.password_reset", N_("Password reset") },
  { "signup.refused", N_("Sign-up refused") },
  { "signup.reset_requested", N_("Password reset requested") },
  { "user.activated", N_("Account activated") },
  { "user.created", N_("Account created") },
  { "user.erased", N_("Personal data erased") },
  { "user.invited", N_("Invited") },
  { "user.password_set", N_("Password set") },
  { "user.reactivated", N_("Account reactivated") },
  { "user.removal_requested", N_("Removal requested") },
  { "user.suspended", N_("Account suspended") },
  { "user.unlocked", N_("Account unlocked") },
  { "user.updated", N_("Account changed") },
};

const char *
roster_audit_action_to_words (const char *action)
{
  if (action == NULL)
    return "";
  for (gsize i = 0; i < G_N_ELEMENTS (action_words); i++)
    if (g_str_equal (action_words[i].action, action))
      return _(action_words[i].words);
  return action;
}

char *
roster_audit_format_time (gint64 at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

/* Takes @name. */
static char *
person_text (gint64      id,
             char       *name,
             const char *username)
{
  if (id == 0)
    {
      g_free (name);
      return g_strdup ("—");
    }
  if (name == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* TRANSLATORS: a person whose account is gone, by their id. */
      return g_strdup_printf (_("Account %s"), number);
    }
  if (username != NULL && g_strcmp0 (name, username) != 0)
    {
      char *text = g_strdup_printf ("%s (%s)", name, username);

      g_free (name);
      return text;
    }
  return name;
}

char *
roster_audit_format_actor (RosterAuditEntry *entry)
{
  return person_text (roster_audit_entry_get_actor_id (entry), roster_audit_entry_dup_actor_name (entry),
                      roster_audit_entry_get_actor_username (entry));
}

char *
roster_audit_format_target (RosterAuditEntry *entry)
{
  return person_text (roster_audit_entry_get_target_id (entry), roster_audit_entry_dup_target_name (entry),
                      roster_audit_entry_get_target_username (entry));
}

char *
roster_audit_format_course (RosterAuditEntry *entry)
{
  const char *name = roster_audit_entry_get_course_short_name (entry);

  if (roster_audit_entry_get_course_id (entry) == 0)
    return g_strdup ("—");
  return name != NULL ? g_strdup (name) : g_strdup_printf ("%" G_GINT64_FORMAT, roster_audit_entry_get_course_id (entry));
}

/* A scalar as itself; anything else as compact JSON. */
static char *
node_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("—");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return json_to_string (node, FALSE);
}

char *
roster_audit_format_details (RosterAuditEntry *entry)
{
  JsonObject *details = roster_audit_entry_get_details (entry);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GList) members = NULL;

  if (details == NULL)
    return g_strdup ("");

  members = json_object_get_members (details);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *value = node_to_text (json_object_get_member (details, l->data));

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "%s: %s", (const char *) l->data, value);
    }
  /* One line, whatever a value holds. */
  g_strdelimit (text->str, "\r\n\t", ' ');
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
roster_audit_format_details_json (RosterAuditEntry *entry)
{
  JsonObject *details = roster_audit_entry_get_details (entry);
  g_autoptr(JsonNode) node = NULL;

  if (details == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, details);
  return json_to_string (node, TRUE);
}

void
roster_audit_csv_append_header (GString *out)
{
  const char *cells[] = {
    /* TRANSLATORS: the columns of an exported audit log. */
    _("Time (UTC)"), _("Action"), _("Event"),
    _("Actor ID"), _("Actor username"), _("Actor name"),
    _("Target ID"), _("Target username"), _("Target name"),
    _("Course ID"), _("Course"), _("Object type"), _("Object ID"),
    _("Remote address"), _("Details"),
  };

  g_string_append (out, ROSTER_CSV_BOM);
  roster_csv_append_row (out, cells, G_N_ELEMENTS (cells));
}

static char *
id_text (gint64 id)
{
  return id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;
}

void
roster_audit_csv_append_entry (GString          *out,
                               RosterAuditEntry *entry)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (roster_audit_entry_get_at (entry));
  g_autofree char *time = at != NULL ? g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ") : NULL;
  g_autofree char *actor_id = id_text (roster_audit_entry_get_actor_id (entry));
  g_autofree char *actor_name = roster_audit_entry_dup_actor_name (entry);
  g_autofree char *target_id = id_text (roster_audit_entry_get_target_id (entry));
  g_autofree char *target_name = roster_audit_entry_dup_target_name (entry);
  g_autofree char *course_id = id_text (roster_audit_entry_get_course_id (entry));
  g_autofree char *object_id = id_text (roster_audit_entry_get_object_id (entry));
  g_autofree char *details = NULL;
  JsonObject *object = roster_audit_entry_get_details (entry);
  const char *cells[15];

  if (object != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, object);
      details = json_to_string (node, FALSE);
    }

  cells[0] = time;
  cells[1] = roster_audit_entry_get_action (entry);
  cells[2] = roster_audit_action_to_words (roster_audit_entry_get_action (entry));
  cells[3] = actor_id;
  cells[4] = roster_audit_entry_get_actor_username (entry);
  cells[5] = actor_name;
  cells[6] = target_id;
  cells[7] = roster_audit_entry_get_target_username (entry);
  cells[8] = target_name;
  cells[9] = course_id;
  cells[10] = roster_audit_entry_get_course_short_name (entry);
  cells[11] = roster_audit_entry_get_object_type (entry);
  cells[12] = object_id;
  cells[13] = roster_audit_entry_get_remote_address (entry);
  cells[14] = details;
  roster_csv_append_row (out, cells, G_N_ELEMENTS (cells));
}
