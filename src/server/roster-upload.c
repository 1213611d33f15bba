/* roster-upload.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-handlers"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error.h"
#include "roster-json.h"
#include "roster-upload.h"

/* What spreadsheets and browsers call a CSV file. */
static const char * const csv_types[] = {
  "text/csv", "application/csv", "text/plain", "text/tab-separated-values",
  "application/vnd.ms-excel", "application/octet-stream", NULL,
};

static gboolean
read_form (RosterRequest  *request,
           GBytes        **file,
           JsonObject    **options,
           char          **file_name,
           GError        **error)
{
  SoupMessageHeaders *headers = roster_request_get_headers (request);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, roster_request_get_body (request));

  if (multipart == NULL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_INVALID_REQUEST,
                           _("The form could not be read."));
      return FALSE;
    }

  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *part_headers;
      GBytes *part_body;
      g_autoptr(GHashTable) params = NULL;
      g_autofree char *disposition = NULL;
      const char *name;

      soup_multipart_get_part (multipart, i, &part_headers, &part_body);
      if (!soup_message_headers_get_content_disposition (part_headers, &disposition, &params))
        continue;
      name = g_hash_table_lookup (params, "name");

      if (g_strcmp0 (name, "file") == 0)
        {
          g_clear_pointer (file, g_bytes_unref);
          *file = g_bytes_ref (part_body);
          g_free (*file_name);
          *file_name = g_strdup (g_hash_table_lookup (params, "filename"));
        }
      else if (g_strcmp0 (name, "options") == 0)
        {
          gsize len = 0;
          const char *data = g_bytes_get_data (part_body, &len);

          g_clear_pointer (options, json_object_unref);
          *options = roster_json_parse_object (data, len, error);
          if (*options == NULL)
            return FALSE;
        }
    }

  if (*file == NULL)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION,
                           _("The form has no “file” part."));
      return FALSE;
    }

  return TRUE;
}

gboolean
roster_upload_read (RosterRequest  *request,
                    GBytes        **file,
                    JsonObject    **options,
                    char          **file_name,
                    GError        **error)
{
  SoupMessageHeaders *headers = roster_request_get_headers (request);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) file_bytes = NULL;
  g_autoptr(JsonObject) options_object = NULL;
  g_autofree char *name = NULL;

  *file = NULL;
  *options = NULL;
  *file_name = NULL;

  if (type != NULL && g_ascii_strcasecmp (type, "multipart/form-data") == 0)
    {
      if (!read_form (request, &file_bytes, &options_object, &name, error))
        return FALSE;
    }
  else if (type != NULL && g_strv_contains (csv_types, type))
    file_bytes = g_bytes_ref (roster_request_get_body (request));
  else
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("Send the file as text/csv, or as a multipart form with a “file” part."));
      return FALSE;
    }

  if (g_bytes_get_size (file_bytes) == 0)
    {
      g_set_error_literal (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("The file is empty."));
      return FALSE;
    }

  *file = g_steal_pointer (&file_bytes);
  *options = g_steal_pointer (&options_object);
  *file_name = g_steal_pointer (&name);
  return TRUE;
}
