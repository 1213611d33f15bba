/* roster-member.c: a person in a group, with their role in the course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-error.h"
#include "roster-member.h"
#include "roster-json.h"

struct _RosterMember
{
  GObject     parent_instance;

  gint64      id;
  char       *username;
  char       *full_name;
  char       *email;
  RosterRole  role;
};

G_DEFINE_FINAL_TYPE (RosterMember, roster_member, G_TYPE_OBJECT)

static void
roster_member_finalize (GObject *object)
{
  RosterMember *self = ROSTER_MEMBER (object);

  g_free (self->username);
  g_free (self->full_name);
  g_free (self->email);

  G_OBJECT_CLASS (roster_member_parent_class)->finalize (object);
}

static void
roster_member_class_init (RosterMemberClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_member_finalize;
}

static void
roster_member_init (RosterMember *self)
{
  self->role = ROSTER_ROLE_NONE;
}

RosterMember *
roster_member_new_from_json (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(RosterMember) self = NULL;
  const char *username = NULL;
  const char *first_name = NULL;
  const char *last_name = NULL;
  const char *email = NULL;
  const char *role = NULL;
  gint64 id = 0;
  g_autofree char *name = NULL;

  g_return_val_if_fail (object != NULL, NULL);

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_string (object, "username", TRUE, &username, error) ||
      !roster_json_get_string (object, "first_name", FALSE, &first_name, error) ||
      !roster_json_get_string (object, "last_name", FALSE, &last_name, error) ||
      !roster_json_get_string (object, "email", FALSE, &email, error) ||
      !roster_json_get_string (object, "role", FALSE, &role, error))
    return NULL;

  self = g_object_new (ROSTER_TYPE_MEMBER, NULL);
  if (role != NULL && !roster_role_from_string (role, &self->role))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                   "unknown role “%s”", role);
      return NULL;
    }

  self->id = id;
  self->username = g_strdup (username);
  self->email = g_strdup (email);
  name = g_strstrip (g_strdup_printf ("%s %s", first_name != NULL ? first_name : "",
                                      last_name != NULL ? last_name : ""));
  self->full_name = *name != '\0' ? g_steal_pointer (&name) : g_strdup (username);

  return g_steal_pointer (&self);
}

gint64
roster_member_get_id (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), 0);

  return self->id;
}

const char *
roster_member_get_username (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->username;
}

const char *
roster_member_get_full_name (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->full_name;
}

const char *
roster_member_get_email (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), NULL);

  return self->email;
}

RosterRole
roster_member_get_role (RosterMember *self)
{
  g_return_val_if_fail (ROSTER_IS_MEMBER (self), ROSTER_ROLE_NONE);

  return self->role;
}
