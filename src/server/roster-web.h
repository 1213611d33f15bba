/* roster-web.h: the pages for external users, and what they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain server-rendered HTML forms that work without JavaScript:
 * sign-up (roster-web-signup.c), signing in and the account page
 * (roster-web-account.c), password recovery (roster-web-recover.c).
 * Every value put into a page is escaped (roster_web_page_add () takes
 * printf arguments and escapes each); every form carries a CSRF token
 * bound to a cookie of the browser; every POST is checked against it
 * before anything else happens.
 */

#pragma once

#include "roster-router.h"

G_BEGIN_DECLS

/* One request to a page, with what the web layer read from it. */
typedef struct
{
  RosterContext  *ctx;
  RosterRequest  *request;
  GHashTable     *form;           /* a POST's fields (name → value), else NULL */
  GHashTable     *cookies;        /* name → value */
  char           *csrf_cookie;    /* the browser's CSRF cookie value */
  gboolean        csrf_cookie_new;/* to be set on the answer */
  RosterUser     *user;           /* signed in through the session cookie */
  char           *session_hash;
} RosterWebCall;

typedef struct _RosterWebPage RosterWebPage;

/* ---- pages ---- */

RosterWebPage *roster_web_page_new        (const char     *title);
void           roster_web_page_free       (RosterWebPage  *page);
/* @format is HTML; every %s argument is escaped. */
void           roster_web_page_add        (RosterWebPage  *page,
                                           const char     *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* A paragraph of text (escaped), in a box of @kind: NULL, "error",
 * "notice" or "success". */
void           roster_web_page_message    (RosterWebPage  *page,
                                           const char     *kind,
                                           const char     *text);

typedef struct
{
  const char *name;
  const char *label;
  const char *type;           /* "text", "email", "password", … */
  const char *autocomplete;   /* may be NULL */
  const char *value;          /* may be NULL (never for passwords) */
  const char *hint;           /* may be NULL */
  const char *error;          /* may be NULL */
  gboolean    optional;
} RosterWebField;

/* A form posting to @action, with its CSRF token. */
void           roster_web_page_form_begin (RosterWebPage  *page,
                                           RosterWebCall  *call,
                                           const char     *action);
void           roster_web_page_field      (RosterWebPage  *page,
                                           const RosterWebField *field);
void           roster_web_page_hidden     (RosterWebPage  *page,
                                           const char     *name,
                                           const char     *value);
void           roster_web_page_form_end   (RosterWebPage  *page,
                                           const char     *submit_label);
/* The same, for a button whose action cannot be taken back. */
void           roster_web_page_form_end_destructive (RosterWebPage *page,
                                                     const char    *submit_label);
/* When a form came back with problems: a summary at the top that
 * names and links each field in error. @errors: field name → message,
 * in the order of @names. */
void           roster_web_page_error_summary (RosterWebPage       *page,
                                              const char * const  *names,
                                              const char * const  *labels,
                                              GHashTable          *errors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterWebPage, roster_web_page_free)

/* ---- answers ---- */

void           roster_web_respond_page    (RosterWebCall  *call,
                                           guint           status,
                                           RosterWebPage  *page);
/* 303 See Other to a path of this site. */
void           roster_web_redirect        (RosterWebCall  *call,
                                           const char     *path);
/* A page with just a heading and a message. */
void           roster_web_respond_message (RosterWebCall  *call,
                                           guint           status,
                                           const char     *title,
                                           const char     *kind,
                                           const char     *text);
/* For failures of the server itself: logged, and a page that says so. */
void           roster_web_respond_failure (RosterWebCall  *call,
                                           const GError   *error);

/* ---- checks ---- */

/* Sets up @call for a handler; FALSE when the request was already
 * answered (a POST that is not a form, or whose CSRF token does not
 * match the cookie). */
gboolean       roster_web_call_init       (RosterWebCall  *call,
                                           RosterContext  *ctx,
                                           RosterRequest  *request);
void           roster_web_call_clear      (RosterWebCall  *call);
/* A field of the posted form, stripped of surrounding space; "" when
 * missing. */
const char    *roster_web_form_get        (RosterWebCall  *call,
                                           const char     *name);
/* The signed-in user, or an answer sending the browser to /login. */
gboolean       roster_web_require_user    (RosterWebCall  *call);
/* Whether @limiter lets @key go ahead; when not, a 429 page is the
 * answer. A NULL limiter always lets it. */
gboolean       roster_web_rate_check      (RosterWebCall      *call,
                                           RosterRateLimiter  *limiter,
                                           const char         *key);
/* Starts a session for @token (the browser's cookie). */
void           roster_web_set_session     (RosterWebCall  *call,
                                           const char     *token,
                                           gint64          expires_at);
void           roster_web_clear_session   (RosterWebCall  *call);

/* ---- the areas ---- */

void           roster_web_add_signup      (RosterRouter   *router);
void           roster_web_add_confirm     (RosterRouter   *router);
void           roster_web_add_account     (RosterRouter   *router);
void           roster_web_add_recover     (RosterRouter   *router);
void           roster_web_add_all         (RosterRouter   *router);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RosterWebCall, roster_web_call_clear)

G_END_DECLS
