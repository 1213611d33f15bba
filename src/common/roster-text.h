/* roster-text.h: how text is compared: identity keys and search keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The key that decides whether two usernames or e-mail addresses are
 * the same: trimmed, NFKC-normalised and case-folded, so "Ana@Uni.edu"
 * and "ana@uni.edu " are one person. NULL for invalid UTF-8. */
char *roster_text_identity_key (const char *text);

/* The key searches compare against: case-folded and, for Latin and other
 * scripts with combining marks, accent-free ("Zoë" matches "zoe"). CJK
 * text is left as it is, so a plain substring search works on it. */
char *roster_text_search_key   (const char *text);

G_END_DECLS
