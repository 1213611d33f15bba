/* roster-web.c: what the pages for external users share: reading a
 * request (form, cookies, CSRF token, session), writing a page, answering
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-web"

#include "config.h"

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <string.h>

#include "roster-auth.h"
#include "roster-error.h"
#include "roster-random.h"
#include "roster-web.h"

/* The __Host- prefix makes browsers refuse these cookies unless they
 * are Secure, for the whole site and from this very host. */
#define CSRF_COOKIE    "__Host-roster-csrf"
#define SESSION_COOKIE "__Host-roster-session"
#define CSRF_FIELD     "csrf"

struct _RosterWebPage
{
  GString *html;
  char    *title;
};

/* ---- pages ---- */

RosterWebPage *
roster_web_page_new (const char *title)
{
  RosterWebPage *page = g_new0 (RosterWebPage, 1);

  page->html = g_string_new (NULL);
  page->title = g_strdup (title);

  return page;
}

void
roster_web_page_free (RosterWebPage *page)
{
  if (page == NULL)
    return;

  g_string_free (page->html, TRUE);
  g_free (page->title);
  g_free (page);
}

void
roster_web_page_add (RosterWebPage *page,
                     const char    *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);

  g_string_append (page->html, text);
}

void
roster_web_page_message (RosterWebPage *page,
                         const char    *kind,
                         const char    *text)
{
  if (kind == NULL)
    roster_web_page_add (page, "<p>%s</p>\n", text);
  else if (g_str_equal (kind, "error"))
    roster_web_page_add (page, "<p class=\"box error\" role=\"alert\">%s</p>\n", text);
  else
    roster_web_page_add (page, "<p class=\"box %s\" role=\"status\">%s</p>\n", kind, text);
}

void
roster_web_page_form_begin (RosterWebPage *page,
                            RosterWebCall *call,
                            const char    *action)
{
  g_autofree char *token = NULL;
  g_autofree char *input = g_strconcat ("csrf\n", call->csrf_cookie, NULL);

  token = roster_secret_box_lookup_hash (call->ctx->secret_box, input);
  /* novalidate: the server's own messages, tied to each field, are
   * clearer and the same in every browser. */
  roster_web_page_add (page, "<form method=\"post\" action=\"%s\" novalidate>\n"
                       "<input type=\"hidden\" name=\"" CSRF_FIELD "\" value=\"%s\">\n",
                       action, token);
}

void
roster_web_page_field (RosterWebPage        *page,
                       const RosterWebField *field)
{
  g_autofree char *described = NULL;

  if (field->error != NULL && field->hint != NULL)
    described = g_strdup_printf ("%s-error %s-hint", field->name, field->name);
  else if (field->error != NULL)
    described = g_strdup_printf ("%s-error", field->name);
  else if (field->hint != NULL)
    described = g_strdup_printf ("%s-hint", field->name);

  roster_web_page_add (page, "<div class=\"field%s\">\n<label for=\"%s\">%s%s</label>\n",
                       field->error != NULL ? " invalid" : "", field->name, field->label,
                       field->optional ? _(" (optional)") : "");
  if (field->hint != NULL)
    roster_web_page_add (page, "<p class=\"hint\" id=\"%s-hint\">%s</p>\n", field->name, field->hint);
  if (field->error != NULL)
    roster_web_page_add (page, "<p class=\"field-error\" id=\"%s-error\">%s</p>\n",
                         field->name, field->error);

  roster_web_page_add (page, "<input id=\"%s\" name=\"%s\" type=\"%s\"", field->name, field->name,
                       field->type != NULL ? field->type : "text");
  if (field->autocomplete != NULL)
    roster_web_page_add (page, " autocomplete=\"%s\"", field->autocomplete);
  if (field->value != NULL && g_strcmp0 (field->type, "password") != 0)
    roster_web_page_add (page, " value=\"%s\"", field->value);
  if (!field->optional)
    roster_web_page_add (page, " required");
  if (described != NULL)
    roster_web_page_add (page, " aria-describedby=\"%s\"", described);
  if (field->error != NULL)
    roster_web_page_add (page, " aria-invalid=\"true\"");
  roster_web_page_add (page, ">\n</div>\n");
}

void
roster_web_page_hidden (RosterWebPage *page,
                        const char    *name,
                        const char    *value)
{
  roster_web_page_add (page, "<input type=\"hidden\" name=\"%s\" value=\"%s\">\n",
                       name, value != NULL ? value : "");
}

void
roster_web_page_form_end (RosterWebPage *page,
                          const char    *submit_label)
{
  roster_web_page_add (page, "<button type=\"submit\">%s</button>\n</form>\n", submit_label);
}

void
roster_web_page_form_end_destructive (RosterWebPage *page,
                                      const char    *submit_label)
{
  roster_web_page_add (page, "<button type=\"submit\" class=\"destructive\">%s</button>\n</form>\n",
                       submit_label);
}

void
roster_web_page_error_summary (RosterWebPage       *page,
                               const char * const  *names,
                               const char * const  *labels,
                               GHashTable          *errors)
{
  if (errors == NULL || g_hash_table_size (errors) == 0)
    return;

  roster_web_page_add (page, "<div class=\"box error\" role=\"alert\" aria-labelledby=\"problems\">\n"
                       "<h2 id=\"problems\">%s</h2>\n<ul>\n", _("Please correct these:"));
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *message = g_hash_table_lookup (errors, names[i]);

      if (message != NULL)
        roster_web_page_add (page, "<li><a href=\"#%s\">%s: %s</a></li>\n", names[i], labels[i], message);
    }
  roster_web_page_add (page, "</ul>\n</div>\n");
}

/* ---- answers ---- */

static const char style_sheet[] =
  "body{font-family:system-ui,-apple-system,\"Cantarell\",\"Segoe UI\",sans-serif;line-height:1.5;"
  "margin:0;background:#fafafa;color:#1e1e1e}"
  "main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem 3rem}"
  "h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.15rem}"
  ".field{margin:0 0 1rem}label{display:block;font-weight:600;margin-bottom:.25rem}"
  "input{box-sizing:border-box;width:100%;font:inherit;padding:.55rem .6rem;border:1px solid #8a8a8a;"
  "border-radius:6px;background:#fff}"
  "input:focus,button:focus,a:focus{outline:3px solid #3584e4;outline-offset:2px}"
  ".invalid input{border:2px solid #c01c28}.field-error{color:#c01c28;margin:.1rem 0 .3rem}"
  ".hint{color:#555;margin:.1rem 0 .3rem;font-size:.95rem}"
  "button{font:inherit;font-weight:600;padding:.6rem 1.2rem;border:0;border-radius:6px;"
  "background:#1c71d8;color:#fff;cursor:pointer}"
  "button.secondary{background:#e0e0e0;color:#1e1e1e}button.destructive{background:#c01c28}"
  ".box{padding:.75rem 1rem;border-radius:6px;margin:0 0 1rem}"
  ".error{background:#fde8e8;color:#7a0010}.notice{background:#fff4d6}.success{background:#e3f5e1}"
  ".box.error a{color:#7a0010}"
  "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}"
  "nav{display:flex;gap:1rem;justify-content:flex-end;padding:.5rem 1rem;background:#fff;"
  "border-bottom:1px solid #ddd}nav form{display:inline;margin:0}"
  "nav button{padding:.2rem .6rem}"
  "@media (prefers-color-scheme:dark){body{background:#242424;color:#eee}input{background:#303030;"
  "color:#eee}nav{background:#303030;border-color:#444}.hint{color:#bbb}"
  ".error{background:#5c1a1f;color:#ffd6d6}.box.error a{color:#ffd6d6}"
  ".notice{background:#4d3d00}.success{background:#1f4d1f}button.secondary{background:#444;color:#eee}}";

static void
add_page_headers (RosterWebCall *call)
{
  RosterRequest *request = call->request;

  /* No script, no frame, no third party; and no Referer, which would
   * carry a link's token to whatever the page links to. */
  roster_request_add_response_header (request, "Content-Security-Policy",
                                      "default-src 'none'; style-src 'self'; form-action 'self'; "
                                      "frame-ancestors 'none'; base-uri 'none'");
  roster_request_add_response_header (request, "Referrer-Policy", "no-referrer");
  roster_request_add_response_header (request, "X-Frame-Options", "DENY");

  if (call->csrf_cookie_new)
    {
      g_autofree char *cookie = g_strdup_printf (CSRF_COOKIE "=%s; Path=/; Secure; HttpOnly; SameSite=Strict",
                                                 call->csrf_cookie);
      roster_request_add_response_header (request, "Set-Cookie", cookie);
      call->csrf_cookie_new = FALSE;
    }
}

void
roster_web_respond_page (RosterWebCall *call,
                         guint          status,
                         RosterWebPage *page)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *head = NULL;
  g_autoptr(GBytes) body = NULL;

  /* TRANSLATORS: the language of this translation as an HTML language
   * code, such as "zh-CN". */
  head = g_markup_printf_escaped ("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                  "<title>%s – %s</title>\n"
                                  "<link rel=\"stylesheet\" href=\"/web/style.css\">\n</head>\n<body>\n",
                                  C_("html lang", "en"), page->title, _("Roster"));
  g_string_append (html, head);

  if (call->user != NULL)
    {
      g_autofree char *nav = g_markup_printf_escaped ("<nav aria-label=\"%s\"><a href=\"/account\">%s</a>",
                                                      _("Account"), _("My account"));
      g_string_append (html, nav);
      {
        g_autoptr(RosterWebPage) form = roster_web_page_new (NULL);

        roster_web_page_form_begin (form, call, "/logout");
        roster_web_page_add (form, "<button type=\"submit\" class=\"secondary\">%s</button></form>",
                             _("Sign out"));
        g_string_append (html, form->html->str);
      }
      g_string_append (html, "</nav>\n");
    }

  {
    g_autofree char *h1 = g_markup_printf_escaped ("<main>\n<h1>%s</h1>\n", page->title);
    g_string_append (html, h1);
  }
  g_string_append (html, page->html->str);
  g_string_append (html, "</main>\n</body>\n</html>\n");

  add_page_headers (call);
  body = g_string_free_to_bytes (g_steal_pointer (&html));
  roster_request_respond_bytes (call->request, status, "text/html; charset=utf-8", body);
}

void
roster_web_redirect (RosterWebCall *call,
                     const char    *path)
{
  g_return_if_fail (path[0] == '/' && path[1] != '/');

  add_page_headers (call);
  roster_request_add_response_header (call->request, "Location", path);
  roster_request_respond_empty (call->request, SOUP_STATUS_SEE_OTHER);
}

void
roster_web_respond_message (RosterWebCall *call,
                            guint          status,
                            const char    *title,
                            const char    *kind,
                            const char    *text)
{
  g_autoptr(RosterWebPage) page = roster_web_page_new (title);

  roster_web_page_message (page, kind, text);
  roster_web_respond_page (call, status, page);
}

void
roster_web_respond_failure (RosterWebCall *call,
                            const GError  *error)
{
  /* The text may name files or queries: it goes to the log only. */
  g_warning ("%s %s failed: %s", roster_request_get_method (call->request),
             roster_request_get_path (call->request), error->message);
  roster_web_respond_message (call, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Something went wrong"), "error",
                              _("The server could not do this just now. Nothing was changed. "
                                "Please try again in a few minutes."));
}

/* ---- checks ---- */

static gboolean
same_string (const char *a,
             const char *b)
{
  gsize len = strlen (a);

  /* Constant time in the content: the token is a secret. */
  return len == strlen (b) && gnutls_memcmp (a, b, len) == 0;
}

static gboolean
check_csrf (RosterWebCall *call)
{
  const char *sent = call->form != NULL ? g_hash_table_lookup (call->form, CSRF_FIELD) : NULL;
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;

  if (call->csrf_cookie_new || sent == NULL)
    return FALSE;

  input = g_strconcat ("csrf\n", call->csrf_cookie, NULL);
  expected = roster_secret_box_lookup_hash (call->ctx->secret_box, input);
  return same_string (expected, sent);
}

static gboolean
read_form (RosterWebCall *call)
{
  GBytes *body = roster_request_get_body (call->request);
  SoupMessageHeaders *headers = roster_request_get_headers (call->request);
  const char *type = headers != NULL ? soup_message_headers_get_content_type (headers, NULL) : NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *data;
  GHashTableIter iter;
  gpointer value;

  if (g_strcmp0 (type, "application/x-www-form-urlencoded") != 0)
    {
      roster_web_respond_message (call, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, _("Not a form"), "error",
                                  _("This address takes the answers of a form, as a web browser sends them."));
      return FALSE;
    }

  data = body != NULL ? g_bytes_get_data (body, &len) : "";
  if (memchr (data, '\0', len) != NULL)
    goto bad;
  text = g_strndup (data, len);
  call->form = soup_form_decode (text);

  g_hash_table_iter_init (&iter, call->form);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_utf8_validate (value, -1, NULL) || strchr (value, '\0') != (char *) value + strlen (value))
      goto bad;

  return TRUE;

bad:
  roster_web_respond_message (call, SOUP_STATUS_BAD_REQUEST, _("Not a form"), "error",
                              _("The form could not be read. Go back, reload the page and try again."));
  return FALSE;
}

gboolean
roster_web_call_init (RosterWebCall *call,
                      RosterContext *ctx,
                      RosterRequest *request)
{
  const char *cookie_header = roster_request_get_header (request, "Cookie");
  const char *csrf;
  const char *session;

  memset (call, 0, sizeof *call);
  call->ctx = ctx;
  call->request = request;
  call->cookies = cookie_header != NULL ? soup_header_parse_semi_param_list (cookie_header)
                                        : g_hash_table_new (g_str_hash, g_str_equal);

  csrf = g_hash_table_lookup (call->cookies, CSRF_COOKIE);
  if (csrf != NULL && strlen (csrf) >= 32 && strlen (csrf) <= 128)
    call->csrf_cookie = g_strdup (csrf);
  else
    {
      g_autoptr(GError) error = NULL;

      call->csrf_cookie = roster_random_token (32, &error);
      if (call->csrf_cookie == NULL)
        {
          roster_web_respond_failure (call, error);
          return FALSE;
        }
      call->csrf_cookie_new = TRUE;
    }

  session = g_hash_table_lookup (call->cookies, SESSION_COOKIE);
  if (session != NULL && *session != '\0')
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", session, NULL);

      /* An ended or expired session is simply no session. */
      call->user = roster_auth_authenticate (ctx, authorization, &call->session_hash, NULL);
    }

  if (g_str_equal (roster_request_get_method (request), "POST"))
    {
      if (!read_form (call))
        return FALSE;
      if (!check_csrf (call))
        {
          roster_web_respond_message (call, SOUP_STATUS_FORBIDDEN, _("This form has expired"), "error",
                                      _("The form could not be checked: it may be old, or your browser "
                                        "may not keep cookies for this site. Go back, reload the page "
                                        "and try again. Nothing was changed."));
          return FALSE;
        }
    }

  return TRUE;
}

void
roster_web_call_clear (RosterWebCall *call)
{
  g_clear_pointer (&call->form, g_hash_table_unref);
  g_clear_pointer (&call->cookies, g_hash_table_unref);
  g_clear_pointer (&call->csrf_cookie, g_free);
  g_clear_object (&call->user);
  g_clear_pointer (&call->session_hash, g_free);
}

const char *
roster_web_form_get (RosterWebCall *call,
                     const char    *name)
{
  char *value = call->form != NULL ? g_hash_table_lookup (call->form, name) : NULL;

  /* The table owns its values: stripping in place is fine. */
  return value != NULL ? g_strstrip (value) : "";
}

gboolean
roster_web_require_user (RosterWebCall *call)
{
  if (call->user != NULL)
    return TRUE;

  roster_web_redirect (call, "/login");
  return FALSE;
}

gboolean
roster_web_rate_check (RosterWebCall     *call,
                       RosterRateLimiter *limiter,
                       const char        *key)
{
  g_autofree char *retry = NULL;
  g_autofree char *text = NULL;
  guint retry_after = 0;
  guint minutes;

  if (limiter == NULL || roster_rate_limiter_check (limiter, key, g_get_monotonic_time (), &retry_after))
    return TRUE;

  minutes = MAX (1, (retry_after + 59) / 60);
  retry = g_strdup_printf ("%u", retry_after);
  roster_request_add_response_header (call->request, "Retry-After", retry);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "There have been too many attempts from here. Nothing was "
                                       "changed. Please wait %u minute and try again.",
                                       "There have been too many attempts from here. Nothing was "
                                       "changed. Please wait %u minutes and try again.", minutes),
                          minutes);
  roster_web_respond_message (call, 429 /* Too Many Requests */, _("Too many attempts"), "error", text);
  return FALSE;
}

void
roster_web_set_session (RosterWebCall *call,
                        const char    *token,
                        gint64         expires_at)
{
  g_autofree char *cookie = NULL;
  gint64 max_age = MAX (0, expires_at - roster_now ());

  cookie = g_strdup_printf (SESSION_COOKIE "=%s; Path=/; Max-Age=%" G_GINT64_FORMAT
                            "; Secure; HttpOnly; SameSite=Lax", token, max_age);
  roster_request_add_response_header (call->request, "Set-Cookie", cookie);
}

void
roster_web_clear_session (RosterWebCall *call)
{
  roster_request_add_response_header (call->request, "Set-Cookie",
                                      SESSION_COOKIE "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax");
  g_clear_object (&call->user);
}

/* ---- routes ---- */

static void
style_sheet_handler (RosterContext *ctx,
                     RosterRequest *request)
{
  g_autoptr(GBytes) body = g_bytes_new_static (style_sheet, sizeof style_sheet - 1);

  roster_request_respond_bytes (request, SOUP_STATUS_OK, "text/css; charset=utf-8", body);
}

static void
root_handler (RosterContext *ctx,
              RosterRequest *request)
{
  roster_request_add_response_header (request, "Location", "/account");
  roster_request_respond_empty (request, SOUP_STATUS_SEE_OTHER);
}

void
roster_web_add_all (RosterRouter *router)
{
  static const RosterRoute routes[] = {
    { "GET", "/", root_handler, ROSTER_ROUTE_PUBLIC, 0 },
    { "GET", "/web/style.css", style_sheet_handler, ROSTER_ROUTE_PUBLIC, 0 },
  };

  roster_router_add (router, routes, G_N_ELEMENTS (routes));
  roster_web_add_signup (router);
  roster_web_add_confirm (router);
  roster_web_add_account (router);
  roster_web_add_recover (router);
}
