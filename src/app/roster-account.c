/* roster-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <string.h>

#include "roster-account.h"

struct _RosterAccount
{
  GObject  parent_instance;

  char    *server;
  char    *username;
};

G_DEFINE_FINAL_TYPE (RosterAccount, roster_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVER,
  PROP_USERNAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_account_finalize (GObject *object)
{
  RosterAccount *self = (RosterAccount *) object;

  g_free (self->server);
  g_free (self->username);

  G_OBJECT_CLASS (roster_account_parent_class)->finalize (object);
}

static void
roster_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RosterAccount *self = ROSTER_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_account_class_init (RosterAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_account_finalize;
  object_class->get_property = roster_account_get_property;

  properties[PROP_SERVER] = g_param_spec_string ("server", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] = g_param_spec_string ("username", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_account_init (RosterAccount *self)
{
}

RosterAccount *
roster_account_new (const char *server,
                    const char *username)
{
  RosterAccount *self;

  g_return_val_if_fail (server != NULL, NULL);
  g_return_val_if_fail (username != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_ACCOUNT, NULL);
  self->server = g_strdup (server);
  self->username = g_strdup (username);
  return self;
}

const char *
roster_account_get_server (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);
  return self->server;
}

const char *
roster_account_get_username (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);
  return self->username;
}

/**
 * roster_account_new_from_id:
 * @id: "username@server", as GSettings' last-account holds it
 *
 * Returns: (transfer full) (nullable): the account, or %NULL when @id
 *   names none
 */
RosterAccount *
roster_account_new_from_id (const char *id)
{
  /* The username may hold an "@" itself, a server address may not. */
  const char *at = id != NULL ? strrchr (id, '@') : NULL;
  g_autofree char *username = NULL;

  if (at == NULL || at == id || at[1] == '\0')
    return NULL;

  username = g_strndup (id, at - id);
  return roster_account_new (at + 1, username);
}

/**
 * roster_account_dup_id:
 * @self: a #RosterAccount
 *
 * Returns: (transfer full): "username@server", the inverse of
 *   roster_account_new_from_id ()
 */
char *
roster_account_dup_id (RosterAccount *self)
{
  g_return_val_if_fail (ROSTER_IS_ACCOUNT (self), NULL);
  return g_strdup_printf ("%s@%s", self->username, self->server);
}
