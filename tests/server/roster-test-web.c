/* roster-test-web.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-test-web.h"

struct _RosterTestWeb
{
  RosterTestServer *server;
  SoupSession      *session;
  SoupCookieJar    *jar;
  char             *csrf;      /* from the last page with a form */
};

RosterTestWeb *
roster_test_web_new (RosterTestServer *server)
{
  RosterTestWeb *self = g_new0 (RosterTestWeb, 1);
  g_autofree char *cert = g_build_filename (roster_test_server_get_data_dir (server), "cert.pem", NULL);
  g_autoptr(GTlsDatabase) ca = NULL;
  g_autoptr(GError) error = NULL;

  ca = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);

  self->server = server;
  self->jar = soup_cookie_jar_new ();
  self->session = soup_session_new_with_options ("tls-database", ca, "timeout", 60, NULL);
  soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->jar));

  return self;
}

void
roster_test_web_free (RosterTestWeb *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->session);
  g_clear_object (&self->jar);
  g_free (self->csrf);
  g_free (self);
}

void
roster_test_page_free (RosterTestPage *page)
{
  if (page == NULL)
    return;

  g_free (page->uri);
  g_free (page->html);
  g_clear_pointer (&page->headers, soup_message_headers_unref);
  g_free (page);
}

static RosterTestPage *
send (RosterTestWeb *self,
      SoupMessage   *msg)
{
  RosterTestPage *page = g_new0 (RosterTestPage, 1);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csrf = NULL;
  gsize len = 0;
  const char *data;

  body = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);

  page->status = soup_message_get_status (msg);
  page->uri = g_uri_to_string (soup_message_get_uri (msg));
  page->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  data = g_bytes_get_data (body, &len);
  page->html = g_strndup (data != NULL ? data : "", len);
  g_assert_true (g_utf8_validate (page->html, -1, NULL));

  csrf = roster_test_page_input (page, "csrf");
  if (csrf != NULL)
    {
      g_free (self->csrf);
      self->csrf = g_steal_pointer (&csrf);
    }

  return page;
}

RosterTestPage *
roster_test_web_get (RosterTestWeb *self,
                     const char    *path)
{
  g_autofree char *uri = g_strconcat (roster_test_server_get_url (self->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);

  g_assert_nonnull (msg);
  return send (self, msg);
}

RosterTestPage *
roster_test_web_post_raw (RosterTestWeb *self,
                          const char    *path,
                          const char    *content_type,
                          const char    *body)
{
  g_autofree char *uri = g_strconcat (roster_test_server_get_url (self->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  g_assert_nonnull (msg);
  soup_message_set_request_body_from_bytes (msg, content_type, bytes);
  return send (self, msg);
}

RosterTestPage *
roster_test_web_post (RosterTestWeb *self,
                      const char    *path,
                      ...)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *body = NULL;
  const char *name;
  va_list args;

  g_assert_nonnull (self->csrf);
  g_hash_table_insert (fields, (gpointer) "csrf", self->csrf);

  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    g_hash_table_insert (fields, (gpointer) name, va_arg (args, char *));
  va_end (args);

  body = soup_form_encode_hash (fields);
  return roster_test_web_post_raw (self, path, "application/x-www-form-urlencoded", body);
}

char *
roster_test_web_cookie (RosterTestWeb *self,
                        const char    *name)
{
  GSList *cookies = soup_cookie_jar_all_cookies (self->jar);
  char *value = NULL;

  for (GSList *l = cookies; l != NULL; l = l->next)
    if (value == NULL && g_str_equal (soup_cookie_get_name (l->data), name))
      value = g_strdup (soup_cookie_get_value (l->data));
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);

  return value;
}

void
roster_test_web_clear_cookies (RosterTestWeb *self)
{
  GSList *cookies = soup_cookie_jar_all_cookies (self->jar);

  for (GSList *l = cookies; l != NULL; l = l->next)
    soup_cookie_jar_delete_cookie (self->jar, l->data);
  g_slist_free_full (cookies, (GDestroyNotify) soup_cookie_free);
  g_clear_pointer (&self->csrf, g_free);
}

char *
roster_test_page_input (RosterTestPage *page,
                        const char     *name)
{
  g_autofree char *pattern = g_strdup_printf ("<input[^>]* name=\"%s\"[^>]*>", name);
  g_autoptr(GRegex) tag_regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GRegex) value_regex = g_regex_new (" value=\"([^\"]*)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) value_match = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *raw = NULL;
  GString *value;

  if (!g_regex_match (tag_regex, page->html, 0, &match))
    return NULL;
  tag = g_match_info_fetch (match, 0);
  if (!g_regex_match (value_regex, tag, 0, &value_match))
    return g_strdup ("");
  raw = g_match_info_fetch (value_match, 1);

  /* Undo the page's escaping of the value. */
  value = g_string_new (raw);
  g_string_replace (value, "&quot;", "\"", 0);
  g_string_replace (value, "&#39;", "'", 0);
  g_string_replace (value, "&lt;", "<", 0);
  g_string_replace (value, "&gt;", ">", 0);
  g_string_replace (value, "&amp;", "&", 0);
  return g_string_free (value, FALSE);
}

gboolean
roster_test_page_has (RosterTestPage *page,
                      const char     *text)
{
  return strstr (page->html, text) != NULL;
}
