/* roster-import-values.c: how column names and values are compared,
 * the values a cell may hold, and what valid text looks like
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-import-private.h"
#include "roster-text.h"

/* ---- normal forms ---- */

/* In a value, "-1" is not "1": a sign before a digit stays. */
static gboolean
is_ignorable (const char *p,
              gunichar    c,
              gboolean    value)
{
  if (c == '_' || c == '-')
    return !value || !g_ascii_isdigit (p[1]);

  return g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

char *
roster_import_normalize (const char *text,
                         gboolean    value)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  const char *p;
  char *out, *q;

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;

  if (*p == '\0')
    {
      /* Plain ASCII, as nearly every value is: NFKC changes nothing and
       * case folding is lowering, so skip both. */
      out = q = g_malloc (p - text + 1);
      for (p = text; *p != '\0'; p++)
        {
          if (!is_ignorable (p, (guchar) *p, value))
            *q++ = g_ascii_tolower (*p);
        }
      *q = '\0';
      return out;
    }

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normalized, -1);

  out = q = g_malloc (strlen (folded) + 1);
  for (p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_ignorable (p, c, value))
        q += g_unichar_to_utf8 (c, q);
    }
  *q = '\0';

  return out;
}

/* ---- values ---- */

typedef struct
{
  const char *name;   /* normalised */
  guint       value;
} ValueName;

/* Values are compared normalised too: "Guest user", "guest_user" and
 * "GUEST-USER" are one. Each table starts with the app's own names. */
static const ValueName type_names[] = {
  { "staff", ROSTER_USER_TYPE_STAFF },
  { "student", ROSTER_USER_TYPE_STUDENT },
  { "external", ROSTER_USER_TYPE_EXTERNAL },
  { "employee", ROSTER_USER_TYPE_STAFF },
  { "教职工", ROSTER_USER_TYPE_STAFF },
  { "learner", ROSTER_USER_TYPE_STUDENT },
  { "学生", ROSTER_USER_TYPE_STUDENT },
  { "guest", ROSTER_USER_TYPE_EXTERNAL },
  { "guestuser", ROSTER_USER_TYPE_EXTERNAL },
  { "prospect", ROSTER_USER_TYPE_EXTERNAL },
  { "visitor", ROSTER_USER_TYPE_EXTERNAL },
  { "校外", ROSTER_USER_TYPE_EXTERNAL },
};

/* Moodle's role short names map to the role that does the same job:
 * "editingteacher" may change enrolments, like a module leader;
 * "teacher" is Moodle's non-editing teacher; a course "manager" is the
 * department's professional staff. */
static const ValueName role_names[] = {
  { "moduleleader", ROSTER_ROLE_MODULE_LEADER },
  { "teacher", ROSTER_ROLE_TEACHER },
  { "professionalstaff", ROSTER_ROLE_PROFESSIONAL_STAFF },
  { "student", ROSTER_ROLE_STUDENT },
  { "guest", ROSTER_ROLE_GUEST },
  { "externalmoderator", ROSTER_ROLE_EXTERNAL_MODERATOR },
  { "editingteacher", ROSTER_ROLE_MODULE_LEADER },
  { "noneditingteacher", ROSTER_ROLE_TEACHER },
  { "manager", ROSTER_ROLE_PROFESSIONAL_STAFF },
  { "externalexaminer", ROSTER_ROLE_EXTERNAL_MODERATOR },
  { "学生", ROSTER_ROLE_STUDENT },
  { "教师", ROSTER_ROLE_TEACHER },
  { "访客", ROSTER_ROLE_GUEST },
};

/* Moodle writes 0 for active and 1 for suspended. */
static const ValueName status_names[] = {
  { "active", ROSTER_ENROLMENT_ACTIVE },
  { "suspended", ROSTER_ENROLMENT_SUSPENDED },
  { "0", ROSTER_ENROLMENT_ACTIVE },
  { "1", ROSTER_ENROLMENT_SUSPENDED },
};

/* Units of an enrolment period, in days; none means days. */
static const ValueName period_units[] = {
  { "", 1 },
  { "d", 1 },
  { "day", 1 },
  { "days", 1 },
  { "天", 1 },
  { "w", 7 },
  { "week", 7 },
  { "weeks", 7 },
  { "周", 7 },
};

static gboolean
lookup_value (const ValueName *names,
              guint            n_names,
              const char      *text,
              guint           *value)
{
  g_autofree char *key = roster_import_normalize (text, TRUE);

  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i].name, key))
        {
          *value = names[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_PARSER(name, Type, table)                                  \
  gboolean                                                              \
  roster_import_parse_##name (const char *text,                         \
                              Type       *out)                          \
  {                                                                     \
    guint value;                                                        \
                                                                        \
    if (!lookup_value (table, G_N_ELEMENTS (table), text, &value))      \
      return FALSE;                                                     \
    *out = (Type) value;                                                \
    return TRUE;                                                        \
  }

DEFINE_PARSER (type, RosterUserType, type_names)
DEFINE_PARSER (role, RosterRole, role_names)
DEFINE_PARSER (status, RosterEnrolmentStatus, status_names)

gboolean
roster_import_parse_period (const char *text,
                            gint64     *days)
{
  g_autofree char *key = roster_import_normalize (text, TRUE);
  const char *unit;
  guint64 number = 0;
  guint scale;

  if (key == NULL || !g_ascii_isdigit (key[0]))
    return FALSE;

  for (unit = key; g_ascii_isdigit (*unit); unit++)
    {
      number = number * 10 + (guint64) (*unit - '0');
      if (number > ROSTER_IMPORT_MAX_PERIOD_DAYS)
        return FALSE;
    }

  if (!lookup_value (period_units, G_N_ELEMENTS (period_units), unit, &scale))
    return FALSE;
  number *= scale;
  if (number < 1 || number > ROSTER_IMPORT_MAX_PERIOD_DAYS)
    return FALSE;

  *days = (gint64) number;
  return TRUE;
}

/* ---- text checks ---- */

static gboolean
is_space_or_control (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return g_unichar_isspace (c) || type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
         type == G_UNICODE_SPACE_SEPARATOR || type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

gboolean
roster_import_has_space_or_control (const char *text,
                                    gboolean   *ascii)
{
  *ascii = TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        {
          if ((guchar) *p <= ' ' || *p == 0x7f)
            return TRUE;
          continue;
        }
      *ascii = FALSE;
      if (is_space_or_control (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

gboolean
roster_import_has_control (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

/* For plain ASCII, roster_text_identity_key() is lowering: that spares
 * the Unicode tables on nearly every row. */
char *
roster_import_identity_key (const char *text,
                            gboolean    ascii)
{
  return ascii ? g_ascii_strdown (text, -1) : roster_text_identity_key (text);
}

gboolean
roster_import_is_email (const char *email,
                        gboolean   *ascii)
{
  const char *at = strchr (email, '@');
  const char *domain;

  if (roster_import_has_space_or_control (email, ascii) || at == NULL || at == email ||
      strchr (at + 1, '@') != NULL)
    return FALSE;

  domain = at + 1;
  return domain[0] != '.' && strchr (domain, '.') != NULL && strstr (domain, "..") == NULL &&
         domain[strlen (domain) - 1] != '.';
}

gboolean
roster_import_is_longer_than (const char *text,
                              guint       max_chars)
{
  for (guint n = 0; *text != '\0'; text = g_utf8_next_char (text))
    {
      if (++n > max_chars)
        return TRUE;
    }

  return FALSE;
}

char *
roster_import_quote_value (const char *value)
{
  const guint max_chars = 60;
  g_autofree char *start = NULL;

  if (!roster_import_is_longer_than (value, max_chars))
    return g_strdup (value);

  start = g_utf8_substring (value, 0, max_chars - 1);
  return g_strconcat (start, "…", NULL);
}

