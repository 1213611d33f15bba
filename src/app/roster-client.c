/* roster-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-client-private.h"
#include "roster-course.h"
#include "roster-error.h"
#include "roster-json.h"

#define DEFAULT_BATCH_SIZE 2000

struct _RosterClient
{
  GObject                parent_instance;

  SoupSession           *session;
  RosterTrustStore      *trust;
  char                  *base_url;
  char                  *host;
  char                  *token;
  RosterCertificateInfo *rejected;
  guint                  batch_size;
  /* "sign-in-needed" was emitted for the current token. */
  gboolean               sign_in_needed;
};

G_DEFINE_FINAL_TYPE (RosterClient, roster_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_REJECTED_CERTIFICATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGN_IN_NEEDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the certificate check of one message decided, read back when
 * the message fails. */
typedef enum
{
  CHECK_NONE,
  CHECK_UNKNOWN,
  CHECK_CHANGED,
} CheckResult;

static GQuark check_quark;
static GQuark info_quark;

static void
roster_client_dispose (GObject *object)
{
  RosterClient *self = (RosterClient *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->trust);
  g_clear_object (&self->rejected);

  G_OBJECT_CLASS (roster_client_parent_class)->dispose (object);
}

static void
roster_client_finalize (GObject *object)
{
  RosterClient *self = (RosterClient *) object;

  g_free (self->base_url);
  g_free (self->host);
  g_free (self->token);

  G_OBJECT_CLASS (roster_client_parent_class)->finalize (object);
}

static void
roster_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_REJECTED_CERTIFICATE:
      g_value_set_object (value, self->rejected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RosterClient *self = ROSTER_CLIENT (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      roster_client_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_client_class_init (RosterClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = roster_client_dispose;
  object_class->finalize = roster_client_finalize;
  object_class->get_property = roster_client_get_property;
  object_class->set_property = roster_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REJECTED_CERTIFICATE] =
    g_param_spec_object ("rejected-certificate", NULL, NULL, ROSTER_TYPE_CERTIFICATE_INFO,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RosterClient::sign-in-needed:
   * @self: the client
   *
   * A request was refused because the token is no longer valid (HTTP
   * 401, %ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN). Emitted once per token,
   * from the context the request was started in, before the request
   * fails; a new token (a new sign-in) arms it again.
   */
  signals[SIGN_IN_NEEDED] = g_signal_new ("sign-in-needed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  check_quark = g_quark_from_static_string ("roster-client-check");
  info_quark = g_quark_from_static_string ("roster-client-certificate");
}

static void
roster_client_init (RosterClient *self)
{
  self->batch_size = DEFAULT_BATCH_SIZE;
}

RosterClient *
roster_client_new (const char       *base_url,
                   RosterTrustStore *trust)
{
  g_autoptr(GUri) uri = NULL;
  RosterClient *self;
  int port;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (ROSTER_IS_TRUST_STORE (trust), NULL);

  self = g_object_new (ROSTER_TYPE_CLIENT, NULL);
  self->base_url = g_strdup (base_url);
  /* Strip a trailing slash so paths can be appended as they are. */
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->trust = g_object_ref (trust);

  uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  port = uri != NULL ? g_uri_get_port (uri) : -1;
  self->host = g_strdup_printf ("%s:%d", uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "",
                                port > 0 ? port : 443);

  self->session = soup_session_new_with_options ("timeout", 60,
                                                 "idle-timeout", 60,
                                                 "user-agent", "Roster/" PACKAGE_VERSION " ",
                                                 NULL);
  return self;
}

const char *
roster_client_get_base_url (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  return self->base_url;
}

const char *
roster_client_get_host (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  return self->host;
}

const char *
roster_client_get_token (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  return self->token;
}

void
roster_client_set_token (RosterClient *self,
                         const char   *token)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_free (self->token);
  self->token = g_strdup (token);
  self->sign_in_needed = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

RosterCertificateInfo *
roster_client_get_rejected_certificate (RosterClient *self)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  return self->rejected;
}

void
roster_client_set_batch_size (RosterClient *self,
                              guint         batch_size)
{
  g_return_if_fail (ROSTER_IS_CLIENT (self));
  self->batch_size = MAX (batch_size, 1);
}

SoupSession *
roster_client_get_session (RosterClient *self)
{
  return self->session;
}

guint
roster_client_get_batch_size (RosterClient *self)
{
  return self->batch_size;
}

/* ---- certificates ---- */

/* Only reached for a certificate the system does not trust (libsoup
 * accepts valid ones without asking). It is accepted only when its
 * fingerprint is the one pinned for this host; what was decided is
 * kept on the message for roster_client_map_send_error (). */
static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  RosterClient *self = user_data;
  g_autofree char *pinned = roster_trust_store_lookup (self->trust, self->host);
  g_autofree char *fingerprint = roster_certificate_fingerprint (certificate);
  RosterCertificateInfo *info;

  if (pinned != NULL && fingerprint != NULL && g_ascii_strcasecmp (pinned, fingerprint) == 0)
    return TRUE;

  info = roster_certificate_info_new (self->host, certificate);
  roster_certificate_info_set_pinned_fingerprint (info, pinned);
  g_object_set_qdata_full (G_OBJECT (message), info_quark, info, g_object_unref);
  g_object_set_qdata (G_OBJECT (message), check_quark,
                      GUINT_TO_POINTER (pinned != NULL ? CHECK_CHANGED : CHECK_UNKNOWN));
  g_debug ("%s: refused certificate %s (pinned: %s)", self->host, fingerprint, pinned ? pinned : "none");

  return FALSE;
}

SoupMessage *
roster_client_new_message (RosterClient *self,
                           const char   *method,
                           const char   *path,
                           GHashTable   *query)
{
  g_autofree char *url = NULL;
  g_autofree char *encoded = NULL;
  SoupMessage *message;

  if (query != NULL && g_hash_table_size (query) > 0)
    encoded = soup_form_encode_hash (query);
  url = g_strconcat (self->base_url, "/api/v1", path, encoded ? "?" : "", encoded ? encoded : "", NULL);

  message = soup_message_new (method, url);
  if (message == NULL)
    return NULL;

  if (self->token != NULL)
    {
      g_autofree char *auth = g_strdup_printf ("Bearer %s", self->token);
      soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
  g_signal_connect_object (message, "accept-certificate", G_CALLBACK (accept_certificate_cb), self, 0);

  return message;
}

GError *
roster_client_map_send_error (RosterClient *self,
                              SoupMessage  *message,
                              GError       *error)
{
  CheckResult check = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (message), check_quark));
  RosterCertificateInfo *info = g_object_get_qdata (G_OBJECT (message), info_quark);
  GError *mapped;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (check != CHECK_NONE && info != NULL)
    {
      g_set_object (&self->rejected, info);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REJECTED_CERTIFICATE]);
      g_error_free (error);
      if (check == CHECK_CHANGED)
        return g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_CHANGED,
                            _("The certificate of %s has changed since you trusted it. "
                              "Someone may be intercepting the connection; do not go on unless "
                              "the server’s administrator confirms the new certificate."),
                            self->host);
      return g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_CERTIFICATE_UNKNOWN,
                          _("The identity of %s cannot be verified. Check the certificate’s "
                            "fingerprint with the server’s administrator before trusting it."),
                          self->host);
    }

  if (error->domain == G_TLS_ERROR)
    mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_TLS,
                          _("A secure connection to %s could not be made: %s"),
                          self->host, error->message);
  else if (error->domain == G_RESOLVER_ERROR)
    mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                          _("The server %s could not be found. Check its address and your network."),
                          self->host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                          _("The server %s did not answer in time."), self->host);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                          _("The server %s refused the connection. Is it running?"), self->host);
  else
    mapped = g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                          _("Could not talk to the server %s: %s"), self->host, error->message);

  g_error_free (error);
  return mapped;
}

GError *
roster_client_status_error (SoupMessage *message,
                            GBytes      *body)
{
  guint status = soup_message_get_status (message);
  g_autoptr(JsonObject) root = NULL;
  RosterErrorCode code;
  const char *code_str = NULL, *text = NULL;
  JsonNode *node;

  if (body != NULL && g_bytes_get_size (body) > 0)
    root = roster_json_parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  if (root != NULL && (node = json_object_get_member (root, "error")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      roster_json_get_string (object, "code", FALSE, &code_str, NULL);
      roster_json_get_string (object, "message", FALSE, &text, NULL);
    }

  /* A token the server no longer takes: the UI asks for the password
   * again, whatever the server called it. */
  if (status == SOUP_STATUS_UNAUTHORIZED &&
      g_strcmp0 (code_str, roster_error_code_to_string (ROSTER_ERROR_INVALID_CREDENTIALS)) != 0)
    return g_error_new_literal (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN,
                                _("Your session has ended. Sign in again to go on."));

  if (code_str != NULL && roster_error_code_from_string (code_str, &code))
    return g_error_new_literal (ROSTER_ERROR, code,
                                text != NULL ? text : _("The server refused the request."));

  if (status >= 500)
    return g_error_new (ROSTER_ERROR, ROSTER_ERROR_INTERNAL,
                        _("The server failed (HTTP %u). Try again later."), status);
  return g_error_new (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
                      _("The server gave an unexpected answer (HTTP %u)."), status);
}

GError *
roster_client_request_error (RosterClient *self,
                             SoupMessage  *message,
                             GBytes       *body)
{
  GError *error = roster_client_status_error (message, body);

  /* Every request that was in flight with the old token fails alike:
   * ask once, not once per request. */
  if (g_error_matches (error, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_SIGN_IN_AGAIN) &&
      !self->sign_in_needed)
    {
      self->sign_in_needed = TRUE;
      g_debug ("%s: the token was refused, a new sign-in is needed", self->host);
      g_signal_emit (self, signals[SIGN_IN_NEEDED], 0);
    }
  return error;
}

/* ---- requests with a JSON answer ---- */

typedef struct
{
  SoupMessage *message;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request);
}

static void
send_and_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  GError *error = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, roster_client_map_send_error (self, request->message, error));
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (request->message)))
    {
      g_task_return_error (task, roster_client_request_error (self, request->message, body));
      return;
    }

  /* Deleting and the like answer 204 with nothing to read. */
  if (soup_message_get_status (request->message) == SOUP_STATUS_NO_CONTENT)
    {
      g_task_return_pointer (task, json_object_new (), (GDestroyNotify) json_object_unref);
      return;
    }

  object = roster_json_parse_object (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  if (object == NULL)
    {
      g_task_return_new_error (task, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
                               _("The server’s answer could not be read."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&object), (GDestroyNotify) json_object_unref);
}

/* Sends a request and returns its answer as a JsonObject to @task. */
static void
send_json (RosterClient *self,
           GTask        *task,
           const char   *method,
           const char   *path,
           GHashTable   *query,
           JsonNode     *body)
{
  Request *request = g_new0 (Request, 1);

  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request->message = roster_client_new_message (self, method, path, query);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_NETWORK,
                               _("“%s” is not a server address."), self->base_url);
      g_object_unref (task);
      return;
    }

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = roster_json_to_bytes (body);
      soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
    }

  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_and_read_cb, task);
}

static JsonObject *
json_finish (GAsyncResult  *result,
             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GError *
bad_answer (GError *cause)
{
  g_autoptr(GError) owned = cause;

  g_debug ("bad answer: %s", cause ? cause->message : "");
  return g_error_new_literal (ROSTER_CLIENT_ERROR, ROSTER_CLIENT_ERROR_BAD_ANSWER,
                              _("The server’s answer could not be read."));
}

/* The "user" member of @object as a RosterUser, or a bad-answer error. */
static RosterUser *
user_member (JsonObject  *object,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, "user");
  GError *local = NULL;
  RosterUser *user;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, bad_answer (NULL));
      return NULL;
    }
  user = roster_user_new_from_json (json_node_get_object (node), &local);
  if (user == NULL)
    g_propagate_error (error, bad_answer (local));
  return user;
}

/* ---- sign-in ---- */

void
roster_client_login_async (RosterClient        *self,
                           const char          *username,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_login_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  send_json (self, task, "POST", "/auth/login", NULL, body);
}

RosterUser *
roster_client_login_finish (RosterClient  *self,
                            GAsyncResult  *result,
                            char         **token,
                            GError       **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(RosterUser) user = NULL;
  const char *value = NULL;
  GError *local = NULL;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  object = json_finish (result, error);
  if (object == NULL)
    return NULL;

  if (!roster_json_get_string (object, "token", TRUE, &value, &local) || *value == '\0')
    {
      g_propagate_error (error, bad_answer (local));
      return NULL;
    }
  user = user_member (object, error);
  if (user == NULL)
    return NULL;

  roster_client_set_token (self, value);
  if (token != NULL)
    *token = g_strdup (value);
  return g_steal_pointer (&user);
}

/* ---- who am I ---- */

void
roster_client_get_me_async (RosterClient        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_get_me_async);
  send_json (self, task, "GET", "/me", NULL, NULL);
}

RosterUser *
roster_client_get_me_finish (RosterClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  object = json_finish (result, error);
  if (object == NULL)
    return NULL;
  return user_member (object, error);
}

/* ---- courses ---- */

void
roster_client_list_courses_async (RosterClient        *self,
                                  const char          *query,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  GTask *task;

  g_return_if_fail (ROSTER_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_list_courses_async);
  if (query != NULL && *query != '\0')
    g_hash_table_insert (params, (gpointer) "q", (gpointer) query);
  send_json (self, task, "GET", "/courses", params, NULL);
}

GListModel *
roster_client_list_courses_finish (RosterClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GListStore) store = NULL;
  JsonNode *node;
  JsonArray *array;

  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  object = json_finish (result, error);
  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, "courses");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, bad_answer (NULL));
      return NULL;
    }

  /* All or nothing: one bad course makes the answer bad, rather than a
   * list that silently misses some. */
  store = g_list_store_new (ROSTER_TYPE_COURSE);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(RosterCourse) course = NULL;
      GError *local = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (course = roster_course_new_from_json (json_node_get_object (element), &local)) == NULL)
        {
          g_propagate_error (error, bad_answer (local));
          return NULL;
        }
      g_list_store_append (store, course);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* ---- for the other parts of the client ---- */

void
roster_client_send_json (RosterClient *self,
                         GTask        *task,
                         const char   *method,
                         const char   *path,
                         GHashTable   *query,
                         JsonNode     *body)
{
  send_json (self, task, method, path, query, body);
}

JsonObject *
roster_client_json_finish (GAsyncResult  *result,
                           GError       **error)
{
  return json_finish (result, error);
}

GError *
roster_client_bad_answer (GError *cause)
{
  return bad_answer (cause);
}

GTask *
roster_client_new_task (RosterClient        *self,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

JsonObject *
roster_client_object_finish (RosterClient  *self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return json_finish (result, error);
}

/* All or nothing: one bad element makes the answer bad, rather than a
 * list that silently misses some. */
GListModel *
roster_client_list_member (JsonObject          *object,
                           const char          *name,
                           GType                type,
                           RosterFromJsonFunc   from_json,
                           GError             **error)
{
  g_autoptr(GListStore) store = g_list_store_new (type);
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_propagate_error (error, bad_answer (NULL));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(GObject) item = NULL;
      GError *local = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element) ||
          (item = from_json (json_node_get_object (element), &local)) == NULL)
        {
          g_propagate_error (error, bad_answer (local));
          return NULL;
        }
      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
