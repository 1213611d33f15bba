/* roster-tls.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-tls"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "roster-random.h"
#include "roster-tls.h"

/* Ten years: the certificate is pinned by fingerprint in the app, not
 * checked against a public CA, so a short life would only mean asking
 * every user to trust a new one. */
#define VALIDITY_SECONDS (10 * 365 * 24 * 3600LL)

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)

static gboolean
gnutls_check (int          rc,
              const char  *what,
              GError     **error)
{
  if (rc >= 0)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "Could not create the TLS certificate (%s): %s", what, gnutls_strerror (rc));
  return FALSE;
}

static gboolean
write_private_file (const char      *path,
                    const guint8    *data,
                    gsize            len,
                    int              mode,
                    GError         **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  int fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, mode);
  gboolean ok;

  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  ok = write (fd, data, len) == (ssize_t) len && fsync (fd) == 0;
  close (fd);

  if (!ok || g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_tls_generate_self_signed (const char  *cert_path,
                                 const char  *key_path,
                                 GError     **error)
{
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_auto(gnutls_x509_crt_t) crt = NULL;
  const guint8 ipv4_loopback[4] = { 127, 0, 0, 1 };
  const guint8 ipv6_loopback[16] = { [15] = 1 };
  guint8 serial[16];
  guint8 key_id[64];
  size_t key_id_len = sizeof key_id;
  gnutls_datum_t cert_pem = { NULL, 0 };
  gnutls_datum_t key_pem = { NULL, 0 };
  g_autofree char *hostname = NULL;
  g_autofree char *dn = NULL;
  const char *dn_error = NULL;
  time_t now = time (NULL);
  gboolean ok;

  if (!roster_random_bytes (serial, sizeof serial, error))
    return FALSE;
  serial[0] &= 0x7f; /* a positive serial number, as RFC 5280 asks */

  /* The host name goes into the subject only, to tell certificates
   * apart; what clients check is the pinned fingerprint or the SANs. */
  hostname = g_strdup (g_get_host_name ());
  dn = g_strdup_printf ("CN=Roster server on %s,O=Roster", hostname);
  g_strdelimit (dn + 3, "\\\"+;<>", '-');

  if (!gnutls_check (gnutls_x509_privkey_init (&key), "key", error) ||
      !gnutls_check (gnutls_x509_privkey_generate (key, GNUTLS_PK_ECDSA,
                                                   GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1), 0),
                     "key generation", error) ||
      !gnutls_check (gnutls_x509_crt_init (&crt), "certificate", error) ||
      !gnutls_check (gnutls_x509_crt_set_version (crt, 3), "version", error) ||
      !gnutls_check (gnutls_x509_crt_set_serial (crt, serial, sizeof serial), "serial", error) ||
      !gnutls_check (gnutls_x509_crt_set_activation_time (crt, now - 300), "validity", error) ||
      !gnutls_check (gnutls_x509_crt_set_expiration_time (crt, now + VALIDITY_SECONDS), "validity", error) ||
      !gnutls_check (gnutls_x509_crt_set_dn (crt, dn, &dn_error), "subject", error) ||
      !gnutls_check (gnutls_x509_crt_set_issuer_dn (crt, dn, &dn_error), "issuer", error) ||
      !gnutls_check (gnutls_x509_crt_set_key (crt, key), "public key", error) ||
      !gnutls_check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_DNSNAME, "localhost", 9,
                                                           GNUTLS_FSAN_SET), "SAN", error) ||
      !gnutls_check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ipv4_loopback,
                                                           sizeof ipv4_loopback, GNUTLS_FSAN_APPEND), "SAN", error) ||
      !gnutls_check (gnutls_x509_crt_set_subject_alt_name (crt, GNUTLS_SAN_IPADDRESS, ipv6_loopback,
                                                           sizeof ipv6_loopback, GNUTLS_FSAN_APPEND), "SAN", error) ||
      !gnutls_check (gnutls_x509_crt_set_basic_constraints (crt, 0, -1), "constraints", error) ||
      !gnutls_check (gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE), "key usage", error) ||
      !gnutls_check (gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0), "purpose", error) ||
      !gnutls_check (gnutls_x509_crt_get_key_id (crt, 0, key_id, &key_id_len), "key id", error) ||
      !gnutls_check (gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_len), "key id", error) ||
      !gnutls_check (gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0), "signature", error) ||
      !gnutls_check (gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, &cert_pem), "export", error) ||
      !gnutls_check (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                                        GNUTLS_PKCS_PLAIN, &key_pem), "key export", error))
    {
      gnutls_free (cert_pem.data);
      gnutls_free (key_pem.data);
      return FALSE;
    }

  /* The key first: a certificate without its key would be useless. */
  ok = write_private_file (key_path, key_pem.data, key_pem.size, 0600, error) &&
       write_private_file (cert_path, cert_pem.data, cert_pem.size, 0644, error);

  gnutls_memset (key_pem.data, 0, key_pem.size);
  gnutls_free (key_pem.data);
  gnutls_free (cert_pem.data);

  return ok;
}

char *
roster_tls_fingerprint_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  out = g_string_sized_new (96);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);

  return g_string_free (out, FALSE);
}
