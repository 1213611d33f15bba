/* roster-secret-box.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-secret-box"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>

#include "roster-error.h"
#include "roster-random.h"
#include "roster-secret-box.h"

#define MASTER_KEY_LEN 32
#define NONCE_LEN      12
#define TAG_LEN        16

struct _RosterSecretBox
{
  GObject parent_instance;

  guint8  enc_key[32];
  guint8  lookup_key[32];
};

G_DEFINE_FINAL_TYPE (RosterSecretBox, roster_secret_box, G_TYPE_OBJECT)

static void
roster_secret_box_finalize (GObject *object)
{
  RosterSecretBox *self = (RosterSecretBox *) object;

  gnutls_memset (self->enc_key, 0, sizeof self->enc_key);
  gnutls_memset (self->lookup_key, 0, sizeof self->lookup_key);

  G_OBJECT_CLASS (roster_secret_box_parent_class)->finalize (object);
}

static void
roster_secret_box_class_init (RosterSecretBoxClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_secret_box_finalize;
}

static void
roster_secret_box_init (RosterSecretBox *self)
{
}

/* Separate keys for encryption and lookup, both derived from the one
 * file, so that neither use can leak anything about the other. */
static void
derive_key (const guint8 *master,
            gsize         master_len,
            const char   *label,
            guint8        out[32])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, master, master_len);
  gsize len = 32;

  g_hmac_update (hmac, (const guchar *) label, strlen (label));
  g_hmac_get_digest (hmac, out, &len);
}

RosterSecretBox *
roster_secret_box_new_for_key (const guint8 *key,
                               gsize         key_len)
{
  RosterSecretBox *self = g_object_new (ROSTER_TYPE_SECRET_BOX, NULL);

  derive_key (key, key_len, "roster enrolment-key encryption v1", self->enc_key);
  derive_key (key, key_len, "roster enrolment-key lookup v1", self->lookup_key);

  return self;
}

static gboolean
create_key_file (const char  *path,
                 GError     **error)
{
  guint8 key[MASTER_KEY_LEN];
  gboolean ok;
  int fd;

  if (!roster_random_bytes (key, sizeof key, error))
    return FALSE;

  /* O_EXCL: never overwrite a key that encrypted existing secrets. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create the server key file %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  ok = write (fd, key, sizeof key) == (ssize_t) sizeof key && fsync (fd) == 0;
  gnutls_memset (key, 0, sizeof key);
  close (fd);

  if (!ok)
    {
      g_unlink (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Could not write the server key file %s", path);
      return FALSE;
    }

  return TRUE;
}

RosterSecretBox *
roster_secret_box_new_from_file (const char  *path,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  RosterSecretBox *self;
  GStatBuf st;
  gsize len = 0;

  if (g_stat (path, &st) != 0)
    {
      if (errno != ENOENT)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not read the server key file %s: %s", path, g_strerror (saved_errno));
          return NULL;
        }
      if (!create_key_file (path, error))
        return NULL;
      if (g_stat (path, &st) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The server key file %s vanished", path);
          return NULL;
        }
    }

  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "The server key file %s can be read by other users; run “chmod 600 %s”",
                   path, path);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  if (len != MASTER_KEY_LEN)
    {
      gnutls_memset (contents, 0, len);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The server key file %s is damaged (expected %d bytes, found %" G_GSIZE_FORMAT ")",
                   path, MASTER_KEY_LEN, len);
      return NULL;
    }

  self = roster_secret_box_new_for_key ((const guint8 *) contents, len);
  gnutls_memset (contents, 0, len);

  return self;
}

GBytes *
roster_secret_box_encrypt (RosterSecretBox  *self,
                           const char       *plaintext,
                           GError          **error)
{
  gnutls_datum_t key = { self->enc_key, sizeof self->enc_key };
  gnutls_aead_cipher_hd_t cipher = NULL;
  gsize plain_len = strlen (plaintext);
  gsize out_len = plain_len + TAG_LEN;
  g_autofree guint8 *sealed = g_malloc (NONCE_LEN + out_len);
  int rc;

  g_return_val_if_fail (ROSTER_IS_SECRET_BOX (self), NULL);

  if (!roster_random_bytes (sealed, NONCE_LEN, error))
    return NULL;

  rc = gnutls_aead_cipher_init (&cipher, GNUTLS_CIPHER_AES_256_GCM, &key);
  if (rc == 0)
    rc = gnutls_aead_cipher_encrypt (cipher, sealed, NONCE_LEN, NULL, 0, TAG_LEN,
                                     plaintext, plain_len, sealed + NONCE_LEN, &out_len);
  if (cipher != NULL)
    gnutls_aead_cipher_deinit (cipher);

  if (rc < 0)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   "Could not encrypt a secret: %s", gnutls_strerror (rc));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&sealed), NONCE_LEN + out_len);
}

char *
roster_secret_box_decrypt (RosterSecretBox  *self,
                           GBytes           *sealed,
                           GError          **error)
{
  gnutls_datum_t key = { self->enc_key, sizeof self->enc_key };
  gnutls_aead_cipher_hd_t cipher = NULL;
  gsize sealed_len = 0;
  const guint8 *data = g_bytes_get_data (sealed, &sealed_len);
  g_autofree char *plain = NULL;
  gsize plain_len;
  int rc;

  g_return_val_if_fail (ROSTER_IS_SECRET_BOX (self), NULL);

  if (sealed_len < NONCE_LEN + TAG_LEN)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                           "A stored secret is damaged");
      return NULL;
    }

  plain_len = sealed_len - NONCE_LEN - TAG_LEN;
  plain = g_malloc0 (plain_len + 1);

  rc = gnutls_aead_cipher_init (&cipher, GNUTLS_CIPHER_AES_256_GCM, &key);
  if (rc == 0)
    rc = gnutls_aead_cipher_decrypt (cipher, data, NONCE_LEN, NULL, 0, TAG_LEN,
                                     data + NONCE_LEN, sealed_len - NONCE_LEN, plain, &plain_len);
  if (cipher != NULL)
    gnutls_aead_cipher_deinit (cipher);

  if (rc < 0)
    {
      /* Usually a different server key file than the one that sealed it. */
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                   "Could not decrypt a stored secret (wrong server key file?): %s",
                   gnutls_strerror (rc));
      return NULL;
    }

  plain[plain_len] = '\0';
  return g_steal_pointer (&plain);
}

char *
roster_secret_box_lookup_hash (RosterSecretBox *self,
                               const char      *secret)
{
  g_autoptr(GHmac) hmac = NULL;

  g_return_val_if_fail (ROSTER_IS_SECRET_BOX (self), NULL);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, self->lookup_key, sizeof self->lookup_key);
  g_hmac_update (hmac, (const guchar *) secret, strlen (secret));

  return g_strdup (g_hmac_get_string (hmac));
}
