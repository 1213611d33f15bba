/* roster-mail-smtp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-mail"

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <curl/curl.h>
#include <glib/gi18n.h>

#include "roster-mail-smtp.h"

/* Long enough for a relay that is busy, short enough that a dead one
 * does not hold up the messages behind it for long. */
#define CONNECT_TIMEOUT_SECONDS 30L
#define TRANSFER_TIMEOUT_SECONDS 180L

G_DEFINE_QUARK (roster-mail-smtp-error-quark, roster_mail_smtp_error)

struct _RosterMailSmtp
{
  CURL               *curl;
  char               *url;
  RosterSmtpSecurity  security;
  char               *username;
  char               *password;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

void
roster_mail_smtp_init (void)
{
  static gsize initialised = 0;

  /* Once. Never cleaned up: the process may send mail until it ends. */
  if (g_once_init_enter (&initialised))
    {
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&initialised, 1);
    }
}

RosterMailSmtp *
roster_mail_smtp_new (const RosterServerConfig *config)
{
  RosterMailSmtp *self = g_new0 (RosterMailSmtp, 1);
  const char *scheme = config->smtp_security == ROSTER_SMTP_TLS ? "smtps" : "smtp";
  gboolean ipv6 = strchr (config->smtp_host, ':') != NULL && config->smtp_host[0] != '[';

  roster_mail_smtp_init ();

  self->url = g_strdup_printf ("%s://%s%s%s:%u", scheme, ipv6 ? "[" : "", config->smtp_host, ipv6 ? "]" : "",
                               config->smtp_port);
  self->security = config->smtp_security;
  self->username = g_strdup (config->smtp_username);
  self->password = g_strdup (config->smtp_password);

  return self;
}

void
roster_mail_smtp_free (RosterMailSmtp *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_free (self->url);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self);
}

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         offset;
} Upload;

static size_t
read_cb (char   *buffer,
         size_t  size,
         size_t  n_items,
         void   *user_data)
{
  Upload *upload = user_data;
  gsize n = MIN (size * n_items, upload->length - upload->offset);

  memcpy (buffer, upload->data + upload->offset, n);
  upload->offset += n;
  return n;
}

static int
progress_cb (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  /* Called about once a second, also while connecting: the server's
   * stop does not wait for a slow relay. */
  return g_cancellable_is_cancelled (user_data) ? 1 : 0;
}

/* Closes the connection at once. libcurl says QUIT and waits for the
 * answer when it closes one: a relay that stopped answering would hold
 * the worker (and the server's stop) for as long as libcurl waits. */
static void
drop_connection (RosterMailSmtp *self)
{
  curl_socket_t socket = CURL_SOCKET_BAD;

  if (self->curl == NULL)
    return;

  if (curl_easy_getinfo (self->curl, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK && socket != CURL_SOCKET_BAD)
    shutdown (socket, SHUT_RDWR);
  g_clear_pointer (&self->curl, curl_easy_cleanup);
}

/* The handle, set up for the relay once; only the message changes. */
static CURL *
get_handle (RosterMailSmtp *self)
{
  CURL *curl;

  if (self->curl != NULL)
    return self->curl;

  curl = curl_easy_init ();
  if (curl == NULL)
    return NULL;

  curl_easy_setopt (curl, CURLOPT_URL, self->url);
  curl_easy_setopt (curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  /* starttls: refuse to go on when the relay does not offer STARTTLS;
   * none: a relay on this host, as configured. smtps is TLS anyway. */
  curl_easy_setopt (curl, CURLOPT_USE_SSL,
                    (long) (self->security == ROSTER_SMTP_STARTTLS ? CURLUSESSL_ALL : CURLUSESSL_NONE));
  /* The system's CA store, libcurl's default; checked, whatever it is. */
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt (curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (self->username != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_USERNAME, self->username);
      curl_easy_setopt (curl, CURLOPT_PASSWORD, self->password ? self->password : "");
    }
  curl_easy_setopt (curl, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_SECONDS);
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, TRANSFER_TIMEOUT_SECONDS);
  /* A worker thread: no SIGALRM for name lookups. */
  curl_easy_setopt (curl, CURLOPT_NOSIGNAL, 1L);
  /* The conversation would show the login. */
  curl_easy_setopt (curl, CURLOPT_VERBOSE, 0L);
  curl_easy_setopt (curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt (curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (curl, CURLOPT_XFERINFOFUNCTION, progress_cb);

  self->curl = curl;
  return curl;
}

/* RFC 5321: a 5xx reply to RCPT or DATA says this message will never be
 * taken; anything else (no connection, no TLS, a refused login, a 4xx,
 * a refused sender, which is the relay's settings) may pass later.
 * libcurl tells the command only in its message, so the test is on
 * those words; should they change, the error counts as temporary and
 * the message is retried until it is given up, never lost early. */
static gboolean
is_permanent (CURLcode    rc,
              long        reply,
              const char *message)
{
  if (reply < 500 || reply > 599)
    return FALSE;

  if (rc == CURLE_SEND_ERROR)
    return g_str_has_prefix (message, "RCPT failed") || g_str_has_prefix (message, "DATA failed");

  /* The reply to the end of the data has no message of its own. */
  return rc == CURLE_WEIRD_SERVER_REPLY && *message == '\0';
}

gboolean
roster_mail_smtp_send (RosterMailSmtp     *self,
                       RosterMailMessage  *message,
                       GCancellable       *cancellable,
                       GError            **error)
{
  g_autoptr(GBytes) bytes = roster_mail_message_to_bytes (message, TRUE);
  g_autofree char *from = g_strdup_printf ("<%s>", roster_mail_message_get_sender (message));
  g_autofree char *to = g_strdup_printf ("<%s>", roster_mail_message_get_recipient (message));
  g_autofree char *description = NULL;
  char error_buffer[CURL_ERROR_SIZE] = "";
  struct curl_slist *recipients = NULL;
  Upload upload = { NULL, };
  CURL *curl = get_handle (self);
  long reply = 0;
  CURLcode rc;

  if (curl == NULL)
    {
      g_set_error_literal (error, ROSTER_MAIL_SMTP_ERROR, ROSTER_MAIL_SMTP_ERROR_TEMPORARY,
                           _("Could not set up libcurl"));
      return FALSE;
    }

  upload.data = g_bytes_get_data (bytes, &upload.length);
  recipients = curl_slist_append (NULL, to);

  curl_easy_setopt (curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t) upload.length);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, cancellable);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, error_buffer);

  rc = curl_easy_perform (curl);

  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &reply);
  /* Nothing of this call may be used by the next one. */
  curl_easy_setopt (curl, CURLOPT_MAIL_RCPT, NULL);
  curl_easy_setopt (curl, CURLOPT_READDATA, NULL);
  curl_easy_setopt (curl, CURLOPT_XFERINFODATA, NULL);
  curl_easy_setopt (curl, CURLOPT_ERRORBUFFER, NULL);
  curl_slist_free_all (recipients);

  if (rc == CURLE_OK)
    return TRUE;

  /* Whatever went wrong, the next message starts on a new connection. */
  drop_connection (self);

  if (rc == CURLE_ABORTED_BY_CALLBACK && g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Sending was stopped"));
      return FALSE;
    }

  description = g_strdup (*error_buffer != '\0' ? error_buffer : curl_easy_strerror (rc));
  g_strchomp (description);
  /* libcurl does not put the password in its messages; this makes sure. */
  if (self->password != NULL && *self->password != '\0' && strstr (description, self->password) != NULL)
    {
      g_free (description);
      description = g_strdup (curl_easy_strerror (rc));
    }

  /* TRANSLATORS: "RCPT failed: 550 (smtp://mail.example.org:587)": what
   * libcurl said, and which relay said it. */
  g_set_error (error, ROSTER_MAIL_SMTP_ERROR,
               is_permanent (rc, reply, error_buffer) ? ROSTER_MAIL_SMTP_ERROR_PERMANENT
                                                      : ROSTER_MAIL_SMTP_ERROR_TEMPORARY,
               _("%s (%s)"), description, self->url);
  if (reply >= 400 && strstr (description, "failed:") == NULL)
    g_prefix_error (error, _("The relay answered %ld: "), reply);
  return FALSE;
}
