/* roster-certificate-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include "roster-certificate-info.h"

struct _RosterCertificateInfo
{
  GObject    parent_instance;

  char      *host;
  char      *subject;
  char      *issuer;
  GDateTime *not_before;
  GDateTime *not_after;
  char      *fingerprint;
  char      *pinned_fingerprint;
};

G_DEFINE_FINAL_TYPE (RosterCertificateInfo, roster_certificate_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOST,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_FINGERPRINT,
  PROP_PINNED_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
roster_certificate_info_finalize (GObject *object)
{
  RosterCertificateInfo *self = (RosterCertificateInfo *) object;

  g_free (self->host);
  g_free (self->subject);
  g_free (self->issuer);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);
  g_free (self->fingerprint);
  g_free (self->pinned_fingerprint);

  G_OBJECT_CLASS (roster_certificate_info_parent_class)->finalize (object);
}

static void
roster_certificate_info_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RosterCertificateInfo *self = ROSTER_CERTIFICATE_INFO (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_boxed (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_boxed (value, self->not_after);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_PINNED_FINGERPRINT:
      g_value_set_string (value, self->pinned_fingerprint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_certificate_info_class_init (RosterCertificateInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = roster_certificate_info_finalize;
  object_class->get_property = roster_certificate_info_get_property;

  properties[PROP_HOST] = g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] = g_param_spec_boxed ("not-before", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOT_AFTER] = g_param_spec_boxed ("not-after", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_PINNED_FINGERPRINT] = g_param_spec_string ("pinned-fingerprint", NULL, NULL, NULL,
                                                             flags | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
roster_certificate_info_init (RosterCertificateInfo *self)
{
}

char *
roster_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autoptr(GString) out = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;

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

  return g_string_free (g_steal_pointer (&out), FALSE);
}

RosterCertificateInfo *
roster_certificate_info_new (const char      *host,
                             GTlsCertificate *certificate)
{
  RosterCertificateInfo *self;

  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (ROSTER_TYPE_CERTIFICATE_INFO, NULL);
  self->host = g_strdup (host);
  self->subject = g_tls_certificate_get_subject_name (certificate);
  self->issuer = g_tls_certificate_get_issuer_name (certificate);
  self->not_before = g_tls_certificate_get_not_valid_before (certificate);
  self->not_after = g_tls_certificate_get_not_valid_after (certificate);
  self->fingerprint = roster_certificate_fingerprint (certificate);

  return self;
}

#define GETTER(type, field)                                                 \
  type                                                                      \
  roster_certificate_info_get_##field (RosterCertificateInfo *self)         \
  {                                                                         \
    g_return_val_if_fail (ROSTER_IS_CERTIFICATE_INFO (self), NULL);         \
    return self->field;                                                     \
  }

GETTER (const char *, host)
GETTER (const char *, subject)
GETTER (const char *, issuer)
GETTER (GDateTime *, not_before)
GETTER (GDateTime *, not_after)
GETTER (const char *, fingerprint)
GETTER (const char *, pinned_fingerprint)

#undef GETTER

void
roster_certificate_info_set_pinned_fingerprint (RosterCertificateInfo *self,
                                                const char            *fingerprint)
{
  g_return_if_fail (ROSTER_IS_CERTIFICATE_INFO (self));

  if (g_strcmp0 (self->pinned_fingerprint, fingerprint) == 0)
    return;
  g_free (self->pinned_fingerprint);
  self->pinned_fingerprint = g_strdup (fingerprint);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PINNED_FINGERPRINT]);
}
