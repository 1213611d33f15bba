/* test-types.c: enums, errors, text keys and JSON helpers (the shared
 * objects are in test-models.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-enums.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-text.h"
#include "roster-types.h"

/* ---- enum spellings ---- */

/* Checks that the spellings cover every value of the GEnum @type, in
 * order, and that each one parses back to its value. */
#define CHECK_ENUM(prefix, Type, gtype, names)                                  \
  G_STMT_START {                                                                \
    g_autoptr(GEnumClass) klass = g_type_class_ref (gtype);                     \
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);    \
                                                                                \
    g_assert_cmpuint (klass->n_values, ==, G_N_ELEMENTS (names));               \
    for (guint i = 0; i < klass->n_values; i++)                                 \
      {                                                                         \
        Type value = (Type) klass->values[i].value;                             \
        Type parsed = (Type) 0;                                                 \
        const char *str = prefix##_to_string (value);                           \
                                                                                \
        g_assert_cmpint (value, ==, i);                                         \
        g_assert_cmpstr (str, ==, names[i]);                                    \
        g_assert_true (g_hash_table_add (seen, (gpointer) str));                \
        g_assert_true (prefix##_from_string (str, &parsed));                    \
        g_assert_cmpint (parsed, ==, value);                                    \
      }                                                                         \
    g_assert_null (prefix##_to_string ((Type) klass->n_values));                \
  } G_STMT_END

/* A parser that refuses @str must also leave its output alone. */
#define CHECK_REFUSED(prefix, Type, str)                                        \
  G_STMT_START {                                                                \
    Type out = (Type) 77;                                                       \
    g_assert_false (prefix##_from_string (str, &out));                          \
    g_assert_cmpint (out, ==, 77);                                              \
  } G_STMT_END

static void
test_enum_round_trip (void)
{
  static const char * const roles[] = {
    "none", "module_leader", "teacher", "professional_staff", "student", "guest", "external_moderator",
  };
  static const char * const user_types[] = { "staff", "student", "external" };
  static const char * const user_states[] = { "pending", "active", "suspended", "erased" };
  static const char * const group_modes[] = { "none", "separate", "visible" };
  static const char * const statuses[] = { "active", "suspended" };
  static const char * const methods[] = { "manual", "self", "guest" };
  g_autoptr(GEnumClass) role_class = g_type_class_ref (ROSTER_TYPE_ROLE);

  /* Roles: every value but "none" parses back. */
  g_assert_cmpuint (role_class->n_values, ==, ROSTER_N_ROLES);
  for (guint i = 0; i < ROSTER_N_ROLES; i++)
    {
      RosterRole parsed = ROSTER_ROLE_NONE;

      g_assert_cmpstr (roster_role_to_string (i), ==, roles[i]);
      if (i == ROSTER_ROLE_NONE)
        continue;
      g_assert_true (roster_role_from_string (roles[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
    }
  g_assert_null (roster_role_to_string ((RosterRole) ROSTER_N_ROLES));

  CHECK_ENUM (roster_user_type, RosterUserType, ROSTER_TYPE_USER_TYPE, user_types);
  CHECK_ENUM (roster_user_state, RosterUserState, ROSTER_TYPE_USER_STATE, user_states);
  CHECK_ENUM (roster_group_mode, RosterGroupMode, ROSTER_TYPE_GROUP_MODE, group_modes);
  CHECK_ENUM (roster_enrolment_status, RosterEnrolmentStatus, ROSTER_TYPE_ENROLMENT_STATUS, statuses);
  CHECK_ENUM (roster_method_type, RosterMethodType, ROSTER_TYPE_METHOD_TYPE, methods);
}

static void
test_enum_refuses (void)
{
  CHECK_REFUSED (roster_role, RosterRole, "none");
  CHECK_REFUSED (roster_role, RosterRole, NULL);
  CHECK_REFUSED (roster_role, RosterRole, "");
  CHECK_REFUSED (roster_role, RosterRole, "Teacher");
  CHECK_REFUSED (roster_role, RosterRole, "teacher ");
  CHECK_REFUSED (roster_role, RosterRole, "admin");

  CHECK_REFUSED (roster_user_type, RosterUserType, NULL);
  CHECK_REFUSED (roster_user_type, RosterUserType, "");
  CHECK_REFUSED (roster_user_type, RosterUserType, "STAFF");
  CHECK_REFUSED (roster_user_type, RosterUserType, "alien");

  CHECK_REFUSED (roster_user_state, RosterUserState, NULL);
  CHECK_REFUSED (roster_user_state, RosterUserState, "deleted");
  CHECK_REFUSED (roster_user_state, RosterUserState, "Active");

  CHECK_REFUSED (roster_group_mode, RosterGroupMode, NULL);
  CHECK_REFUSED (roster_group_mode, RosterGroupMode, "");
  CHECK_REFUSED (roster_group_mode, RosterGroupMode, "hidden");

  CHECK_REFUSED (roster_enrolment_status, RosterEnrolmentStatus, NULL);
  CHECK_REFUSED (roster_enrolment_status, RosterEnrolmentStatus, "ended");

  CHECK_REFUSED (roster_method_type, RosterMethodType, NULL);
  CHECK_REFUSED (roster_method_type, RosterMethodType, "ldap");
}

/* ---- error codes ---- */

static void
test_error_codes (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  RosterErrorCode code = ROSTER_ERROR_INTERNAL;

  for (guint i = 0; i < ROSTER_ERROR_N_CODES; i++)
    {
      RosterErrorCode parsed = (RosterErrorCode) 999;
      const char *str = roster_error_code_to_string (i);
      guint status = roster_error_code_http_status (i);

      g_assert_nonnull (str);
      g_assert_cmpstr (str, !=, "");
      g_assert_true (g_hash_table_add (seen, (gpointer) str));
      g_assert_true (roster_error_code_from_string (str, &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpuint (status, >=, 400);
      g_assert_cmpuint (status, <=, 599);
    }

  g_assert_cmpstr (roster_error_code_to_string (ROSTER_ERROR_VALIDATION), ==, "validation_failed");
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_MALFORMED_JSON), ==, 400);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_VALIDATION), ==, 422);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_UNAUTHORIZED), ==, 401);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_TOKEN_EXPIRED), ==, 401);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_FORBIDDEN), ==, 403);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_NOT_FOUND), ==, 404);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_METHOD_NOT_ALLOWED), ==, 405);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_CONFLICT), ==, 409);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_PAYLOAD_TOO_LARGE), ==, 413);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_UNSUPPORTED_MEDIA_TYPE), ==, 415);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_ACCOUNT_LOCKED), ==, 423);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_RATE_LIMITED), ==, 429);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_INTERNAL), ==, 500);
  g_assert_cmpuint (roster_error_code_http_status (ROSTER_ERROR_UNAVAILABLE), ==, 503);

  /* Unknown codes read as an internal error rather than crashing. */
  g_assert_cmpstr (roster_error_code_to_string ((RosterErrorCode) ROSTER_ERROR_N_CODES), ==,
                   "internal_error");
  g_assert_cmpuint (roster_error_code_http_status ((RosterErrorCode) ROSTER_ERROR_N_CODES), ==, 500);

  g_assert_false (roster_error_code_from_string ("no_such_code", &code));
  g_assert_false (roster_error_code_from_string (NULL, &code));
  g_assert_false (roster_error_code_from_string ("", &code));
  g_assert_cmpint (code, ==, ROSTER_ERROR_INTERNAL);
}

/* ---- text keys ---- */

static void
test_identity_key (void)
{
  g_autofree char *a = roster_text_identity_key ("  Ana@Uni.EDU ");
  g_autofree char *b = roster_text_identity_key ("ana@uni.edu");
  g_autofree char *wide = roster_text_identity_key ("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3");  /* ＡＢＣ */
  g_autofree char *abc = roster_text_identity_key ("abc");
  g_autofree char *composed = roster_text_identity_key ("Jos\xc3\xa9");           /* José, é */
  g_autofree char *decomposed = roster_text_identity_key ("jose\xcc\x81");        /* e + U+0301 */
  g_autofree char *plain_e = roster_text_identity_key ("jose");
  g_autofree char *invalid = roster_text_identity_key ("ana\xff\xfe");
  g_autofree char *null_key = roster_text_identity_key (NULL);

  g_assert_cmpstr (a, ==, "ana@uni.edu");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (wide, ==, "abc");
  g_assert_cmpstr (wide, ==, abc);
  /* Canonically equal spellings are one identity, but accents still
   * tell two names apart. */
  g_assert_cmpstr (composed, ==, decomposed);
  g_assert_cmpstr (composed, !=, plain_e);
  g_assert_null (invalid);
  g_assert_null (null_key);
}

/* Spaces other than ASCII ones are trimmed too: an input method's
 * ideographic space (U+3000) or a pasted no-break space (U+00A0) after a
 * username must not make it another person. */
static void
test_identity_key_unicode_spaces (void)
{
  static const char * const spellings[] = {
    "alice\xe3\x80\x80",            /* U+3000 IDEOGRAPHIC SPACE */
    "\xe3\x80\x80" "alice",
    "\xc2\xa0" "alice",              /* U+00A0 NO-BREAK SPACE */
    "alice\xc2\xa0",
    "alice\xe2\x80\x83",            /* U+2003 EM SPACE */
    "\t alice \n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *key = roster_text_identity_key (spellings[i]);

      /* Not a fatal assertion, so that one failure does not hide the
       * tests after it. */
      if (g_strcmp0 (key, "alice") != 0)
        {
          g_autofree char *escaped = g_strescape (spellings[i], NULL);

          g_test_message ("identity key of “%s” is “%s”, not “alice”", escaped, key);
          g_test_fail ();
        }
    }
}

static void
test_search_key (void)
{
  g_autofree char *name = roster_text_search_key ("Zo\xc3\xab M\xc3\xbcller");  /* Zoë Müller */
  g_autofree char *query = roster_text_search_key ("zoe muller");
  g_autofree char *accented_query = roster_text_search_key ("ZO\xc3\x8b");      /* ZOË */
  g_autofree char *chinese = roster_text_search_key ("\xe7\x8e\x8b\xe4\xbc\x9f"); /* 王伟 */
  g_autofree char *upper = roster_text_search_key ("STRASSE");
  g_autofree char *eszett = roster_text_search_key ("Stra\xc3\x9f" "e");          /* Straße */
  g_autofree char *invalid = roster_text_search_key ("\xc3(");

  g_assert_cmpstr (query, ==, "zoe muller");
  g_assert_nonnull (strstr (name, query));
  g_assert_cmpstr (name, ==, "zoe muller");
  g_assert_cmpstr (accented_query, ==, "zoe");
  g_assert_cmpstr (chinese, ==, "\xe7\x8e\x8b\xe4\xbc\x9f");
  g_assert_cmpstr (upper, ==, eszett);
  g_assert_cmpstr (upper, ==, "strasse");
  /* Invalid text never matches anything but the empty search. */
  g_assert_cmpstr (invalid, ==, "");
}

/* ---- JSON helpers ---- */

static void
test_json_time (void)
{
  g_autofree char *str = roster_json_format_time (1700000000);
  g_autofree char *epoch_plus_one = roster_json_format_time (1);
  gint64 t = 0;

  g_assert_cmpstr (str, ==, "2023-11-14T22:13:20Z");
  g_assert_true (roster_json_parse_time (str, &t));
  g_assert_cmpint (t, ==, 1700000000);

  g_assert_cmpstr (epoch_plus_one, ==, "1970-01-01T00:00:01Z");
  g_assert_true (roster_json_parse_time (epoch_plus_one, &t));
  g_assert_cmpint (t, ==, 1);

  /* Other offsets are converted to UTC. */
  g_assert_true (roster_json_parse_time ("2026-09-01T09:00:00+02:00", &t));
  g_assert_cmpint (t, ==, 1788246000);

  g_assert_null (roster_json_format_time (0));

  t = 42;
  g_assert_false (roster_json_parse_time (NULL, &t));
  g_assert_false (roster_json_parse_time ("", &t));
  g_assert_false (roster_json_parse_time ("yesterday", &t));
  g_assert_false (roster_json_parse_time ("2026-13-01T00:00:00Z", &t));
  g_assert_cmpint (t, ==, 42);
}

static void
assert_validation_names (GError     *error,
                         const char *member)
{
  g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION);
  if (strstr (error->message, member) == NULL)
    {
      g_test_message ("“%s” does not name the member “%s”", error->message, member);
      g_test_fail ();
    }
}

static void
test_json_get_missing (void)
{
  g_autoptr(JsonObject) object = roster_json_parse_object ("{\"other\": 1, \"nothing\": null}", -1, NULL);
  const char *str = "unchanged";
  gint64 i = 42;
  gboolean b = TRUE;
  gint64 t = 7;

  g_assert_nonnull (object);

  /* Missing or null optional members: success, and the caller's
   * defaults stay (a string reads as NULL). */
  g_assert_true (roster_json_get_string (object, "name", FALSE, &str, NULL));
  g_assert_null (str);
  g_assert_true (roster_json_get_int (object, "count", FALSE, &i, NULL));
  g_assert_cmpint (i, ==, 42);
  g_assert_true (roster_json_get_bool (object, "flag", FALSE, &b, NULL));
  g_assert_true (b);
  g_assert_true (roster_json_get_time (object, "when", FALSE, &t, NULL));
  g_assert_cmpint (t, ==, 7);
  g_assert_true (roster_json_get_int (object, "nothing", FALSE, &i, NULL));
  g_assert_cmpint (i, ==, 42);

  /* Required members: a validation error that names them. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (roster_json_get_string (object, "username", TRUE, &str, &error));
    assert_validation_names (error, "username");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (roster_json_get_int (object, "course_id", TRUE, &i, &error));
    assert_validation_names (error, "course_id");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (roster_json_get_bool (object, "enabled", TRUE, &b, &error));
    assert_validation_names (error, "enabled");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (roster_json_get_time (object, "expires_at", TRUE, &t, &error));
    assert_validation_names (error, "expires_at");
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (roster_json_get_string (object, "nothing", TRUE, &str, &error));
    assert_validation_names (error, "nothing");
  }
}

static void
test_json_get_present (void)
{
  g_autoptr(JsonObject) object =
    roster_json_parse_object ("{\"s\": \"h\\u00e9\", \"i\": -12, \"b\": false,"
                              " \"t\": \"2023-11-14T22:13:20Z\"}", -1, NULL);
  const char *str = NULL;
  gint64 i = 0;
  gboolean b = TRUE;
  gint64 t = 0;

  g_assert_nonnull (object);
  g_assert_true (roster_json_get_string (object, "s", TRUE, &str, NULL));
  g_assert_cmpstr (str, ==, "h\xc3\xa9");
  g_assert_true (roster_json_get_int (object, "i", TRUE, &i, NULL));
  g_assert_cmpint (i, ==, -12);
  g_assert_true (roster_json_get_bool (object, "b", TRUE, &b, NULL));
  g_assert_false (b);
  g_assert_true (roster_json_get_time (object, "t", TRUE, &t, NULL));
  g_assert_cmpint (t, ==, 1700000000);
}

static void
test_json_get_wrong_type (void)
{
  g_autoptr(JsonObject) object =
    roster_json_parse_object ("{\"str\": \"5\", \"int\": 5, \"real\": 1.5, \"bool\": true,"
                              " \"arr\": [1], \"obj\": {}, \"time\": \"soon\"}", -1, NULL);
  const char *str = NULL;
  gint64 i = 0;
  gboolean b = FALSE;
  gint64 t = 0;
  struct {
    const char *member;
    char        kind;
  } cases[] = {
    { "int", 's' }, { "bool", 's' }, { "arr", 's' }, { "obj", 's' },
    { "str", 'i' }, { "real", 'i' }, { "bool", 'i' }, { "arr", 'i' },
    { "str", 'b' }, { "int", 'b' }, { "obj", 'b' },
    { "int", 't' }, { "time", 't' }, { "arr", 't' },
  };

  g_assert_nonnull (object);

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = TRUE;

      switch (cases[k].kind)
        {
        case 's':
          ok = roster_json_get_string (object, cases[k].member, FALSE, &str, &error);
          break;
        case 'i':
          ok = roster_json_get_int (object, cases[k].member, FALSE, &i, &error);
          break;
        case 'b':
          ok = roster_json_get_bool (object, cases[k].member, FALSE, &b, &error);
          break;
        case 't':
          ok = roster_json_get_time (object, cases[k].member, FALSE, &t, &error);
          break;
        default:
          g_assert_not_reached ();
        }

      g_assert_false (ok);
      assert_validation_names (error, cases[k].member);
    }
}

static void
test_json_parse_object (void)
{
  static const char * const malformed[] = {
    "",
    "[1, 2, 3]",
    "\"just a string\"",
    "42",
    "null",
    "{\"a\": ",
    "garbage",
    "   ",
    "{\"a\": 1} trailing",
  };

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = roster_json_parse_object (malformed[i], -1, &error);

      g_assert_null (object);
      g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) object = roster_json_parse_object (NULL, 0, &error);

    g_assert_null (object);
    g_assert_error (error, ROSTER_ERROR, ROSTER_ERROR_MALFORMED_JSON);
  }

  {
    /* An explicit length: only that much is read. */
    g_autoptr(GError) error = NULL;
    const char *data = "{\"a\": 1}trailing garbage";
    g_autoptr(JsonObject) object = roster_json_parse_object (data, strlen ("{\"a\": 1}"), &error);

    g_assert_no_error (error);
    g_assert_nonnull (object);
    g_assert_cmpint (json_object_get_int_member (object, "a"), ==, 1);
  }
}

static void
test_json_to_bytes (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonObject) object = NULL;
  gsize len = 0;
  const char *data;

  json_builder_begin_object (builder);
  roster_json_builder_add_time (builder, "t", 1700000000);
  roster_json_builder_add_time (builder, "never", 0);
  roster_json_builder_add_string_or_null (builder, "s", "x");
  roster_json_builder_add_string_or_null (builder, "n", NULL);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  bytes = roster_json_to_bytes (root);
  data = g_bytes_get_data (bytes, &len);
  object = roster_json_parse_object (data, len, NULL);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member (object, "t"), ==, "2023-11-14T22:13:20Z");
  g_assert_true (json_object_has_member (object, "never"));
  g_assert_true (json_object_get_null_member (object, "never"));
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "x");
  g_assert_true (json_object_get_null_member (object, "n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/enum/round-trip", test_enum_round_trip);
  g_test_add_func ("/types/enum/refuses", test_enum_refuses);
  g_test_add_func ("/types/error/codes", test_error_codes);
  g_test_add_func ("/types/text/identity-key", test_identity_key);
  g_test_add_func ("/types/text/identity-key-unicode-spaces", test_identity_key_unicode_spaces);
  g_test_add_func ("/types/text/search-key", test_search_key);
  g_test_add_func ("/types/json/time", test_json_time);
  g_test_add_func ("/types/json/get-missing", test_json_get_missing);
  g_test_add_func ("/types/json/get-present", test_json_get_present);
  g_test_add_func ("/types/json/get-wrong-type", test_json_get_wrong_type);
  g_test_add_func ("/types/json/parse-object", test_json_parse_object);
  g_test_add_func ("/types/json/to-bytes", test_json_to_bytes);

  return g_test_run ();
}
