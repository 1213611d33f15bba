/* roster-trust-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "roster-trust-store.h"

#define GROUP "pinned"

struct _RosterTrustStore
{
  GObject   parent_instance;

  char     *path;
  GKeyFile *keyfile;
};

G_DEFINE_FINAL_TYPE (RosterTrustStore, roster_trust_store, G_TYPE_OBJECT)

static void
roster_trust_store_finalize (GObject *object)
{
  RosterTrustStore *self = (RosterTrustStore *) object;

  g_free (self->path);
  g_key_file_unref (self->keyfile);

  G_OBJECT_CLASS (roster_trust_store_parent_class)->finalize (object);
}

static void
roster_trust_store_class_init (RosterTrustStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_trust_store_finalize;
}

static void
roster_trust_store_init (RosterTrustStore *self)
{
  self->keyfile = g_key_file_new ();
}

RosterTrustStore *
roster_trust_store_new (const char *path)
{
  RosterTrustStore *self = g_object_new (ROSTER_TYPE_TRUST_STORE, NULL);
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    self->path = g_strdup (path);
  else
    self->path = g_build_filename (g_get_user_config_dir (), "roster", "trusted-certificates.ini", NULL);

  /* A missing file is an empty store; a damaged one is too, with a
   * warning: every server is then asked about again, nothing is
   * trusted by accident. */
  if (!g_key_file_load_from_file (self->keyfile, self->path, G_KEY_FILE_NONE, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_warning ("Cannot read %s: %s", self->path, error->message);

  return self;
}

const char *
roster_trust_store_get_path (RosterTrustStore *self)
{
  g_return_val_if_fail (ROSTER_IS_TRUST_STORE (self), NULL);

  return self->path;
}

char *
roster_trust_store_lookup (RosterTrustStore *self,
                           const char       *host)
{
  g_return_val_if_fail (ROSTER_IS_TRUST_STORE (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  return g_key_file_get_string (self->keyfile, GROUP, host, NULL);
}

static gboolean
save (RosterTrustStore  *self,
      GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  return g_key_file_save_to_file (self->keyfile, self->path, error);
}

gboolean
roster_trust_store_trust (RosterTrustStore  *self,
                          const char        *host,
                          const char        *fingerprint,
                          GError           **error)
{
  g_return_val_if_fail (ROSTER_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);

  g_key_file_set_string (self->keyfile, GROUP, host, fingerprint);
  return save (self, error);
}

gboolean
roster_trust_store_forget (RosterTrustStore  *self,
                           const char        *host,
                           GError           **error)
{
  g_return_val_if_fail (ROSTER_IS_TRUST_STORE (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);

  if (!g_key_file_remove_key (self->keyfile, GROUP, host, NULL))
    return TRUE;
  return save (self, error);
}
