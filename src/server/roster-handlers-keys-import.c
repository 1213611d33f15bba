/* roster-handlers-keys-import.c: POST /courses/{cid}/keys/import, many
 * enrolment keys at once from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is checked before anything is made (roster-key-import.c);
 * then all the keys are made in one transaction, or none. The answer
 * hands out the secrets of the new keys this once, as adding one key
 * does: whoever imports them has to pass them on.
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-handlers.h"
#include "roster-handlers-methods-private.h"
#include "roster-import-options.h"
#include "roster-json.h"
#include "roster-key-import.h"
#include "roster-keys.h"
#include "roster-upload.h"

/* A file of 10 000 keys with long nicknames and secrets fits easily. */
#define MAX_FILE_SIZE (4 * 1024 * 1024)

typedef struct
{
  gboolean  dry_run;
  gint64    method_id;    /* 0: the course's only self method */
  char     *encoding;     /* NULL: detect */
  char      delimiter;    /* '\0': detect */
} Options;

static void
options_clear (Options *options)
{
  g_clear_pointer (&options->encoding, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
bad_method (GError **error)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("“%s” must be the id of a self-enrolment method of this course."), "method");
  return FALSE;
}

/* The method's id as a JSON number, or as text (from the query or a
 * form's options written by hand). */
static gboolean
option_method (GHashTable  *query,
               JsonObject  *object,
               gint64      *method_id,
               GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, "method") : NULL;
  g_autofree char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *method_id = json_node_get_int (node);
      return *method_id > 0 || bad_method (error);
    }

  if (!roster_import_option_text (query, object, "method", &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  return g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, method_id, NULL) || bad_method (error);
}

/* From the query and the form's options object, which wins. */
static gboolean
parse_options (Options     *options,
               GHashTable  *query,
               JsonObject  *object,
               GError     **error)
{
  static const char * const known[] = { "dry_run", "method", "encoding", "delimiter", NULL };

  return (object == NULL || roster_json_check_members (object, known, error)) &&
         roster_import_option_bool (query, object, "dry_run", &options->dry_run, error) &&
         option_method (query, object, &options->method_id, error) &&
         roster_import_option_text (query, object, "encoding", &options->encoding, error) &&
         roster_import_option_delimiter (query, object, "delimiter", &options->delimiter, error);
}

/* The self method the keys go to: the one the caller named, or the
 * course's only one. Choosing among several is the caller's to do: the
 * error lists them (also as "methods", their ids, in @extra). */
static RosterMethod *
choose_method (RosterContext  *ctx,
               gint64          course_id,
               gint64          method_id,
               JsonObject    **extra,
               GError        **error)
{
  g_autoptr(GPtrArray) methods = roster_storage_list_methods (ctx->storage, course_id, error);
  g_autoptr(GPtrArray) self_methods = g_ptr_array_new ();
  g_autoptr(JsonArray) ids = json_array_new ();
  g_autoptr(GString) names = g_string_new (NULL);

  if (methods == NULL)
    return NULL;

  for (guint i = 0; i < methods->len; i++)
    {
      RosterMethod *method = g_ptr_array_index (methods, i);

      if (method_id != 0 && roster_method_get_id (method) == method_id)
        {
          if (roster_method_get_method_type (method) != ROSTER_METHOD_SELF)
            {
              g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                                   _("Only self-enrolment methods have keys."));
              return NULL;
            }
          return g_object_ref (method);
        }
      if (roster_method_get_method_type (method) == ROSTER_METHOD_SELF)
        g_ptr_array_add (self_methods, method);
    }

  if (method_id != 0)
    {
      bad_method (error);
      return NULL;
    }

  if (self_methods->len == 1)
    return g_object_ref (g_ptr_array_index (self_methods, 0));

  if (self_methods->len == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("This course has no self-enrolment method to add keys to; add one first."));
      return NULL;
    }

  for (guint i = 0; i < self_methods->len; i++)
    {
      RosterMethod *method = g_ptr_array_index (self_methods, i);
      g_autofree char *name = roster_method_dup_display_name (method);

      json_array_add_int_element (ids, roster_method_get_id (method));
      g_string_append_printf (names, "%s%" G_GINT64_FORMAT " (%s)", i > 0 ? ", " : "",
                              roster_method_get_id (method), name);
    }
  *extra = json_object_new ();
  json_object_set_array_member (*extra, "methods", json_array_ref (ids));

  /* TRANSLATORS: %u is a number of methods (2 or more); the first %s
   * the option's name, the second the methods: "20 (Visitors), 27 (…)". */
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
               _("This course has %u self-enrolment methods; say which one the keys are for with the "
                 "“%s” option: %s."),
               self_methods->len, "method", names->str);
  return NULL;
}

/* 422 with the whole report: what to correct, line by line. */
static void
respond_refused (RosterRequest   *request,
                 RosterKeyImport *import,
                 gint64           method_id)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint n_rows = import->counts[ROSTER_KEY_IMPORT_ERROR];

  if (import->file_problems->len > 0)
    g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("The file cannot be imported: %s"),
                 ((RosterImportProblem *) g_ptr_array_index (import->file_problems, 0))->message);
  else
    g_set_error (&error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                 g_dngettext (GETTEXT_PACKAGE,
                              "%u row has problems; correct it and send the file again. No key was made.",
                              "%u rows have problems; correct them and send the file again. No key was made.",
                              n_rows),
                 n_rows);

  json_object_set_array_member (extra, "details", roster_key_import_problems (import));
  json_object_set_member (extra, "report", roster_key_import_to_json (import, method_id, FALSE));
  roster_request_respond_error (request, error, extra);
}

/* Which key, by its nickname and method, and which import made it:
 * never its secret. */
static char *
key_details (RosterKeyImportRow *row,
             gint64              method_id,
             const char         *file_name)
{
  g_autoptr(JsonObject) details = json_object_new ();
  JsonObject *import = json_object_new ();

  json_object_set_string_member (details, "nickname", row->nickname);
  json_object_set_int_member (details, "method_id", method_id);
  json_object_set_int_member (import, "line", row->line);
  if (file_name != NULL)
    json_object_set_string_member (import, "file_name", file_name);
  else
    json_object_set_null_member (import, "file_name");
  json_object_set_object_member (details, "import", import);

  return roster_json_object_to_string (details);
}

/* Makes a key of every row, in one transaction. @secrets gets their
 * secrets and @ids their ids, in the rows' order. */
static gboolean
make_keys (RosterContext    *ctx,
           RosterRequest    *request,
           RosterMethod     *method,
           RosterKeyImport  *import,
           const char       *file_name,
           GPtrArray        *secrets,
           GArray           *ids,
           GError          **error)
{
  guint n_keys = import->counts[ROSTER_KEY_IMPORT_CREATE];
  g_autoptr(GPtrArray) sealed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) lookups = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
  g_autofree RosterNewKey *keys = g_new0 (RosterNewKey, MAX (n_keys, 1));
  gint64 method_id = roster_method_get_id (method);
  RosterAuditEvent audit;
  guint k = 0;

  for (guint i = 0; i < import->rows->len; i++)
    {
      RosterKeyImportRow *row = g_ptr_array_index (import->rows, i);
      GBytes *bytes = NULL;
      char *lookup = NULL;
      char *secret;

      if (row->outcome != ROSTER_KEY_IMPORT_CREATE)
        continue;

      /* Without a secret of the file's choosing, a strong one is made,
       * and sealed exactly as for a single key. */
      secret = row->secret != NULL ? g_strdup (row->secret) : roster_keys_generate (error);
      if (secret == NULL)
        return FALSE;
      g_ptr_array_add (secrets, secret);
      if (!roster_keys_seal (ctx->secret_box, secret, &bytes, &lookup, error))
        return FALSE;
      g_ptr_array_add (sealed, bytes);
      g_ptr_array_add (lookups, lookup);
      g_ptr_array_add (details, key_details (row, method_id, file_name));

      keys[k++] = (RosterNewKey) {
        .method_id = method_id,
        .nickname = row->nickname,
        .secret_sealed = bytes,
        .secret_lookup = lookup,
        .active = row->active,
        .group_id = row->group_id,
        .expires_at = row->expires_at,
        .max_uses = row->max_uses,
        .created_by = roster_user_get_id (roster_request_get_user (request)),
      };
    }

  g_array_set_size (ids, n_keys);
  roster_handlers_audit_init (&audit, request, "key.created", roster_method_get_course_id (method), "key", 0,
                              NULL);

  return roster_storage_create_keys (ctx->storage, keys, n_keys, &audit, (const char * const *) details->pdata,
                                     (gint64 *) ids->data, error);
}

/* 201: every new key as adding one answers it, with its secret. */
static void
respond_created (RosterContext *ctx,
                 RosterRequest *request,
                 RosterMethod  *method,
                 GPtrArray     *secrets,
                 GArray        *ids)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *key_ids = NULL;

  /* One read for all of them, not one per key. */
  keys = roster_storage_list_keys (ctx->storage, roster_method_get_id (method), &error);
  if (keys == NULL)
    {
      roster_request_respond_error (request, error, NULL);
      return;
    }
  key_ids = g_new (gint64, MAX (keys->len, 1));
  for (guint i = 0; i < keys->len; i++)
    {
      key_ids[i] = roster_key_get_id (g_ptr_array_index (keys, i));
      g_hash_table_insert (by_id, &key_ids[i], g_ptr_array_index (keys, i));
    }

  for (guint i = 0; i < ids->len; i++)
    {
      RosterKey *key = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      JsonNode *node;

      /* A key deleted since the commit has nothing left to hand out. */
      if (key == NULL)
        {
          json_array_add_null_element (array);
          continue;
        }

      roster_key_to_json (key, builder);
      node = json_builder_get_root (builder);
      json_object_set_string_member (json_node_get_object (node), "secret", g_ptr_array_index (secrets, i));
      json_array_add_element (array, node);
    }

  json_object_set_array_member (object, "keys", json_array_ref (array));
  root = json_node_init_object (json_node_alloc (), object);
  roster_request_respond_json (request, 201, root);
}

static void
import_keys_cb (RosterContext *ctx,
                RosterRequest *request)
{
  g_auto(Options) options = { 0, };
  g_autoptr(GBytes) file = NULL;
  g_autoptr(JsonObject) options_object = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(RosterMethod) method = NULL;
  g_autoptr(RosterKeyImport) import = NULL;
  g_autoptr(GPtrArray) secrets = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_keys_secret_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  RosterCourseAccess access;

  if (!roster_handlers_course_access (ctx, request, "cid", ROSTER_CAP_METHODS_MANAGE, &access, &error) ||
      !roster_upload_read (request, &file, &options_object, &file_name, &error) ||
      !parse_options (&options, roster_request_get_query_table (request), options_object, &error) ||
      (method = choose_method (ctx, access.course_id, options.method_id, &extra, &error)) == NULL ||
      (import = roster_key_import_check (ctx->storage, ctx->secret_box, method, file, options.encoding,
                                         options.delimiter, now, &error)) == NULL)
    {
      roster_request_respond_error (request, error, extra);
      return;
    }

  if (options.dry_run)
    {
      g_autoptr(JsonNode) report = roster_key_import_to_json (import, roster_method_get_id (method), TRUE);

      roster_request_respond_json (request, 200, report);
      return;
    }

  if (roster_key_import_has_problems (import))
    {
      respond_refused (request, import, roster_method_get_id (method));
      return;
    }

  if (!make_keys (ctx, request, method, import, file_name, secrets, ids, &error))
    {
      g_autoptr(RosterKeyImport) again = NULL;

      /* Someone took a nickname or a secret, or deleted a group, since
       * the check: the check again says which row, where it can. */
      if ((g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_CONFLICT) ||
           g_error_matches (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION)) &&
          (again = roster_key_import_check (ctx->storage, ctx->secret_box, method, file, options.encoding,
                                            options.delimiter, now, NULL)) != NULL &&
          roster_key_import_has_problems (again))
        respond_refused (request, again, roster_method_get_id (method));
      else
        roster_request_respond_error (request, error, NULL);
      return;
    }

  respond_created (ctx, request, method, secrets, ids);
}

static const RosterRoute key_import_routes[] = {
  { "POST", "/api/v1/courses/{cid}/keys/import", import_keys_cb, ROSTER_ROUTE_AUTHENTICATED, MAX_FILE_SIZE },
};

void
roster_handlers_add_keys_import (RosterRouter *router)
{
  roster_router_add (router, key_import_routes, G_N_ELEMENTS (key_import_routes));
}
