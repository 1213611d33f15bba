/* roster-mail-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-mail"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "roster-json.h"
#include "roster-mail-message.h"
#include "roster-types.h"

struct _RosterMailMessage
{
  GMimeMessage *mime;
  char         *sender;
  char         *recipient;
};

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InternetAddressList, g_object_unref)

static void
ensure_gmime (void)
{
  static gsize initialised = 0;

  /* g_mime_init () is not itself safe to call twice at once. */
  if (g_once_init_enter (&initialised))
    {
      g_mime_init ();
      g_once_init_leave (&initialised, 1);
    }
}

void
roster_mail_message_free (RosterMailMessage *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->mime);
  g_free (self->sender);
  g_free (self->recipient);
  g_free (self);
}

GMimeMessage *
roster_mail_message_get_mime (RosterMailMessage *self)
{
  return self->mime;
}

const char *
roster_mail_message_get_sender (RosterMailMessage *self)
{
  return self->sender;
}

const char *
roster_mail_message_get_recipient (RosterMailMessage *self)
{
  return self->recipient;
}

GBytes *
roster_mail_message_to_bytes (RosterMailMessage *self,
                              gboolean           crlf)
{
  GMimeFormatOptions *options = g_mime_format_options_new ();
  GMimeStream *stream = g_mime_stream_mem_new ();
  GByteArray *array;
  GBytes *bytes;

  g_mime_format_options_set_newline_format (options, crlf ? GMIME_NEWLINE_FORMAT_DOS : GMIME_NEWLINE_FORMAT_UNIX);
  g_mime_object_write_to_stream (GMIME_OBJECT (self->mime), options, stream);

  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  bytes = g_bytes_new (array->data, array->len);

  g_object_unref (stream);
  g_mime_format_options_free (options);
  return bytes;
}

/* ---- addresses ---- */

/* An address as it may stand in an envelope: something@somewhere, with
 * nothing an SMTP command line could be split on. */
static gboolean
plain_address (const char *address)
{
  const char *at;

  if (address == NULL || *address == '\0' || strlen (address) > 254)
    return FALSE;

  for (const char *p = address; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("<>()[],;:\\\"", *p) != NULL)
      return FALSE;

  at = strrchr (address, '@');
  return at != NULL && at != address && at[1] != '\0';
}

/* Names and course titles go into headers: no line breaks or other
 * control characters, whatever was typed. */
static char *
header_text (const char *text)
{
  char *copy = g_strdup (text ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if ((guchar) *p < ' ' || *p == 0x7f)
      *p = ' ';

  return g_strstrip (copy);
}

/* The sender's name (may be NULL) and address. */
static gboolean
parse_sender (const RosterServerConfig  *config,
              char                     **name,
              char                     **address,
              GError                   **error)
{
  g_autoptr(InternetAddressList) list = NULL;
  InternetAddress *first;

  ensure_gmime ();

  if (config->mail_from == NULL)
    {
      g_autoptr(GUri) uri = config->public_url ? g_uri_parse (config->public_url, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri ? g_uri_get_host (uri) : NULL;

      *name = g_strdup ("Roster");
      *address = g_strdup_printf ("roster@%s", host != NULL ? host : g_get_host_name ());
      return TRUE;
    }

  list = internet_address_list_parse (NULL, config->mail_from);
  first = list && internet_address_list_length (list) == 1 ? internet_address_list_get_address (list, 0) : NULL;
  if (first == NULL || !INTERNET_ADDRESS_IS_MAILBOX (first) ||
      !plain_address (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first))))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("[mail] from: “%s” is not one e-mail address"), config->mail_from);
      return FALSE;
    }

  *name = g_strdup (internet_address_get_name (first));
  *address = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (first)));
  return TRUE;
}

gboolean
roster_mail_message_check_sender (const RosterServerConfig  *config,
                                  GError                   **error)
{
  g_autofree char *name = NULL;
  g_autofree char *address = NULL;

  return parse_sender (config, &name, &address, error);
}

/* ---- the texts ---- */

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  if (time == NULL)
    return NULL;
  /* TRANSLATORS: when a link in a message stops working, in the format
   * of g_date_time_format (): "Tuesday 14 November 2023, 22:13 CET". */
  return g_date_time_format (time, _("%A %-d %B %Y, %H:%M %Z"));
}

/* @base + @path + the token, escaped for a query. */
static char *
make_link (const char *base,
           const char *path,
           const char *token)
{
  g_autofree char *escaped = token ? g_uri_escape_string (token, NULL, FALSE) : NULL;

  return g_strconcat (base, path, escaped ? "?t=" : NULL, escaped, NULL);
}

typedef struct
{
  JsonObject *params;
  const char *base_url;
  GString    *body;
  char       *subject;
} Writing;

static gboolean
get_string (Writing      *w,
            const char   *member,
            const char  **value,
            GError      **error)
{
  return roster_json_get_string (w->params, member, TRUE, value, error);
}

static void
add_greeting (Writing    *w,
              const char *first_name)
{
  if (*first_name != '\0')
    g_string_append_printf (w->body, _("Hello %s,"), first_name);
  else
    g_string_append (w->body, _("Hello,"));
  g_string_append (w->body, "\n\n");
}

static gboolean
get_role (Writing      *w,
          const char  **label,
          GError      **error)
{
  const char *name;
  RosterRole role;

  if (!get_string (w, "role", &name, error))
    return FALSE;
  if (!roster_role_from_string (name, &role) || (*label = roster_role_get_noun (role)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%s” is not a role."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_expiry (Writing   *w,
            char     **text,
            GError   **error)
{
  gint64 expires_at = 0;

  if (!roster_json_get_int (w->params, "expires_at", TRUE, &expires_at, error))
    return FALSE;
  if (expires_at <= 0 || (*text = format_time (expires_at)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“expires_at” is not a time."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_confirm (Writing  *w,
               GError  **error)
{
  g_autofree char *link = NULL;
  g_autofree char *expiry = NULL;
  const char *token;
  const char *first_name;
  JsonNode *courses;
  JsonArray *array;

  if (!get_string (w, "token", &token, error) ||
      !get_string (w, "first_name", &first_name, error) ||
      !get_expiry (w, &expiry, error))
    return FALSE;

  courses = json_object_get_member (w->params, "courses");
  if (courses == NULL || !JSON_NODE_HOLDS_ARRAY (courses))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“courses” must be a list."));
      return FALSE;
    }
  array = json_node_get_array (courses);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *course = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (course) || json_node_get_value_type (course) != G_TYPE_STRING)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“courses” must be a list of names."));
          return FALSE;
        }
    }

  link = make_link (w->base_url, "/confirm", token);
  w->subject = g_strdup (_("Confirm your e-mail address"));

  add_greeting (w, first_name);
  g_string_append (w->body, _("Thank you for signing up. To finish, please confirm your e-mail address by "
                              "opening this link:"));
  g_string_append_printf (w->body, "\n\n%s\n\n", link);
  g_string_append_printf (w->body, _("The link works until %s."), expiry);
  g_string_append (w->body, "\n\n");

  if (json_array_get_length (array) > 0)
    {
      g_string_append (w->body, _("Once you have confirmed, you will be enrolled in:"));
      g_string_append (w->body, "\n\n");
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (w->body, "  - %s\n", json_array_get_string_element (array, i));
      g_string_append (w->body, "\n");
    }

  g_string_append (w->body, _("If you did not sign up, you can ignore this message: nothing happens without "
                              "the confirmation."));
  g_string_append (w->body, "\n");
  return TRUE;
}

static gboolean
write_reset (Writing  *w,
             GError  **error)
{
  g_autofree char *link = NULL;
  g_autofree char *expiry = NULL;
  const char *token;
  const char *first_name;

  if (!get_string (w, "token", &token, error) ||
      !get_string (w, "first_name", &first_name, error) ||
      !get_expiry (w, &expiry, error))
    return FALSE;

  link = make_link (w->base_url, "/reset", token);
  w->subject = g_strdup (_("Reset your password"));

  add_greeting (w, first_name);
  g_string_append (w->body, _("Someone asked to reset the password of your account. To choose a new "
                              "password, open this link:"));
  g_string_append_printf (w->body, "\n\n%s\n\n", link);
  g_string_append_printf (w->body, _("The link works once, until %s."), expiry);
  g_string_append (w->body, "\n\n");
  g_string_append (w->body, _("If you did not ask for this, ignore this message: your password stays as "
                              "it is."));
  g_string_append (w->body, "\n");
  return TRUE;
}

/* An account an import made: the link is a reset link, as choosing a
 * first password is choosing a new one. */
static gboolean
write_invite (Writing  *w,
              GError  **error)
{
  g_autofree char *link = NULL;
  g_autofree char *expiry = NULL;
  const char *token;
  const char *first_name;
  const char *username;
  const char *course;

  if (!get_string (w, "token", &token, error) ||
      !get_string (w, "first_name", &first_name, error) ||
      !get_string (w, "username", &username, error) ||
      !get_string (w, "course_full_name", &course, error) ||
      !get_expiry (w, &expiry, error))
    return FALSE;

  link = make_link (w->base_url, "/reset", token);
  /* TRANSLATORS: %s is a course's full name. */
  w->subject = g_strdup_printf (_("Your account for %s"), course);

  add_greeting (w, first_name);
  /* TRANSLATORS: %s is a course's full name. */
  g_string_append_printf (w->body, _("An account has been made for you on Roster, and you are enrolled in %s. "
                                     "To choose your password, open this link:"), course);
  g_string_append_printf (w->body, "\n\n%s\n\n", link);
  g_string_append_printf (w->body, _("The link works once, until %s."), expiry);
  g_string_append (w->body, "\n\n");
  /* TRANSLATORS: %s is a username. */
  g_string_append_printf (w->body, _("Then sign in with your username, %s, and the "
                                     "password you chose."), username);
  g_string_append (w->body, "\n");
  return TRUE;
}

static gboolean
write_welcome (Writing  *w,
               GError  **error)
{
  g_autofree char *link = NULL;
  g_autofree char *course = NULL;
  const char *first_name;
  const char *short_name;
  const char *full_name;
  const char *role;
  const char *message = NULL;

  if (!get_string (w, "first_name", &first_name, error) ||
      !get_string (w, "course_short_name", &short_name, error) ||
      !get_string (w, "course_full_name", &full_name, error) ||
      !get_role (w, &role, error) ||
      !roster_json_get_string (w->params, "message", FALSE, &message, error))
    return FALSE;

  link = make_link (w->base_url, "/account", NULL);
  course = header_text (full_name);
  /* TRANSLATORS: the subject of the message sent once someone is
   * enrolled; %s is the course's full name. */
  w->subject = g_strdup_printf (_("Welcome to %s"), course);

  add_greeting (w, first_name);
  /* TRANSLATORS: "You are now enrolled in Programming 1 (CS101) as guest." */
  g_string_append_printf (w->body, _("You are now enrolled in %s (%s) as %s."), full_name, short_name, role);
  g_string_append (w->body, "\n\n");

  if (message != NULL && *message != '\0')
    {
      g_string_append (w->body, _("A message from the course:"));
      g_string_append_printf (w->body, "\n\n%s\n\n", message);
    }

  g_string_append (w->body, _("Your account:"));
  g_string_append_printf (w->body, "\n\n%s\n", link);
  return TRUE;
}

static gboolean
write_notify_enrolment (Writing  *w,
                        GError  **error)
{
  g_autofree char *course = NULL;
  g_autofree char *person = NULL;
  const char *short_name;
  const char *full_name;
  const char *user_name;
  const char *user_email;
  const char *role;
  const char *method;
  const char *key;
  gboolean new_account = FALSE;

  if (!get_string (w, "course_short_name", &short_name, error) ||
      !get_string (w, "course_full_name", &full_name, error) ||
      !get_string (w, "user_name", &user_name, error) ||
      !get_string (w, "user_email", &user_email, error) ||
      !get_role (w, &role, error) ||
      !get_string (w, "method_name", &method, error) ||
      !get_string (w, "key_nickname", &key, error) ||
      !roster_json_get_bool (w->params, "new_account", TRUE, &new_account, error))
    return FALSE;

  course = header_text (short_name);
  person = header_text (user_name);
  /* TRANSLATORS: the subject of the message to administrators: "New
   * enrolment in CS101: Wei Zhang". */
  w->subject = g_strdup_printf (_("New enrolment in %s: %s"), course, person);

  /* TRANSLATORS: "Wei Zhang (wei@example.org) has enrolled in
   * Programming 1 (CS101) as guest, through “Visiting lecturers” with
   * the key “Spring”." */
  g_string_append_printf (w->body, _("%s (%s) has enrolled in %s (%s) as %s, through “%s” with the key “%s”."),
                          user_name, user_email, full_name, short_name, role, method, key);
  g_string_append (w->body, "\n\n");
  g_string_append (w->body, new_account ? _("This is a new account, made when they signed up.")
                                        : _("They already had an account."));
  g_string_append (w->body, "\n\n");
  g_string_append (w->body, _("You receive this message because this enrolment method notifies "
                              "administrators of each external enrolment."));
  g_string_append (w->body, "\n");
  return TRUE;
}

static JsonObject *
parse_params (const char  *params,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (params == NULL || !json_parser_load_from_data (parser, params, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The parameters are not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* The text part: UTF-8 as it is (GMime's own set_text would pick
 * Latin-1 for some texts), in quoted-printable or base64, whichever
 * GMime finds smaller. */
static GMimeObject *
text_part (const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype ("plain");
  GMimeStream *stream = g_mime_stream_mem_new_with_buffer (text, strlen (text));
  GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream (stream, GMIME_CONTENT_ENCODING_DEFAULT);

  g_mime_part_set_content (GMIME_PART (part), content);
  g_mime_text_part_set_charset (part, "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (part),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (part),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
  g_object_unref (content);
  g_object_unref (stream);

  return GMIME_OBJECT (part);
}

RosterMailMessage *
roster_mail_message_new (const RosterOutboxMessage  *row,
                         const RosterServerConfig   *config,
                         const char                 *server_url,
                         GError                    **error)
{
  g_autoptr(RosterMailMessage) self = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *sender_name = NULL;
  g_autofree char *recipient_name = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *subject = NULL;
  g_autoptr(GError) local_error = NULL;
  GMimeObject *part;
  Writing w = { NULL, };
  gboolean ok = FALSE;

  ensure_gmime ();

  self = g_new0 (RosterMailMessage, 1);
  if (!parse_sender (config, &sender_name, &self->sender, error))
    return NULL;

  if (!plain_address (row->recipient))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The recipient is not an e-mail address."));
      return NULL;
    }
  self->recipient = g_strdup (row->recipient);

  params = parse_params (row->params, error);
  if (params == NULL)
    return NULL;

  base_url = g_strdup (config->public_url ? config->public_url : server_url);
  while (base_url != NULL && g_str_has_suffix (base_url, "/"))
    base_url[strlen (base_url) - 1] = '\0';
  if (base_url == NULL || *base_url == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no URL to make links with."));
      return NULL;
    }

  w.params = params;
  w.base_url = base_url;
  w.body = body;
  switch (row->kind)
    {
    case ROSTER_MAIL_CONFIRM:
      ok = write_confirm (&w, &local_error);
      break;
    case ROSTER_MAIL_RESET:
      ok = write_reset (&w, &local_error);
      break;
    case ROSTER_MAIL_WELCOME:
      ok = write_welcome (&w, &local_error);
      break;
    case ROSTER_MAIL_NOTIFY_ENROLMENT:
      ok = write_notify_enrolment (&w, &local_error);
      break;
    case ROSTER_MAIL_INVITE:
      ok = write_invite (&w, &local_error);
      break;
    default:
      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Unknown kind of message."));
      break;
    }
  subject = g_steal_pointer (&w.subject);
  if (!ok)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("A “%s” message cannot be written: "), roster_mail_kind_to_string (row->kind));
      return NULL;
    }

  g_string_append (body, "\n-- \n");
  g_string_append (body, _("This message was sent automatically by Roster."));
  g_string_append (body, "\n");

  self->mime = g_mime_message_new (TRUE);
  g_mime_message_add_mailbox (self->mime, GMIME_ADDRESS_TYPE_FROM, sender_name, self->sender);
  recipient_name = row->recipient_name ? header_text (row->recipient_name) : NULL;
  g_mime_message_add_mailbox (self->mime, GMIME_ADDRESS_TYPE_TO,
                              recipient_name && *recipient_name ? recipient_name : NULL, self->recipient);
  g_mime_message_set_subject (self->mime, subject, "utf-8");

  /* Date and Message-ID come from the row, not from the clock: every
   * attempt sends the same message, which a relay or a mailbox that saw
   * an earlier one can recognise. */
  date = g_date_time_new_from_unix_utc (row->created_at);
  g_mime_message_set_date (self->mime, date);
  message_id = g_strdup_printf ("roster-mail-%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT "%s",
                                row->id, row->created_at, strrchr (self->sender, '@'));
  g_mime_message_set_message_id (self->mime, message_id);
  /* RFC 3834: no vacation replies or other automatic answers, please. */
  g_mime_object_set_header (GMIME_OBJECT (self->mime), "Auto-Submitted", "auto-generated", NULL);

  part = text_part (body->str);
  g_mime_message_set_mime_part (self->mime, part);
  g_object_unref (part);

  return g_steal_pointer (&self);
}
