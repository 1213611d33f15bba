/* roster-test-web.h: a small browser for the server's web pages: it
 * keeps cookies, follows redirects and fills in the CSRF token of the
 * page a form came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "roster-test-server.h"

G_BEGIN_DECLS

typedef struct _RosterTestWeb RosterTestWeb;

typedef struct
{
  guint               status;
  char               *uri;       /* where it ended, after redirects */
  char               *html;
  SoupMessageHeaders *headers;
} RosterTestPage;

RosterTestWeb  *roster_test_web_new        (RosterTestServer  *server);
void            roster_test_web_free       (RosterTestWeb     *self);
RosterTestPage *roster_test_web_get        (RosterTestWeb     *self,
                                            const char        *path);
/* Posts the fields (name, value pairs, NULL-terminated) to @path with
 * the CSRF token of the last page this browser got. */
RosterTestPage *roster_test_web_post       (RosterTestWeb     *self,
                                            const char        *path,
                                            ...) G_GNUC_NULL_TERMINATED;
/* The same without a CSRF token of its own (a forged form). */
RosterTestPage *roster_test_web_post_raw   (RosterTestWeb     *self,
                                            const char        *path,
                                            const char        *content_type,
                                            const char        *body);
/* The browser's cookie @name, or NULL. */
char           *roster_test_web_cookie     (RosterTestWeb     *self,
                                            const char        *name);
void            roster_test_web_clear_cookies (RosterTestWeb  *self);

void            roster_test_page_free      (RosterTestPage    *page);
/* The value of the input named @name in the page, or NULL. */
char           *roster_test_page_input     (RosterTestPage    *page,
                                            const char        *name);
gboolean        roster_test_page_has       (RosterTestPage    *page,
                                            const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterTestWeb, roster_test_web_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RosterTestPage, roster_test_page_free)

G_END_DECLS
