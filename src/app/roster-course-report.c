/* roster-course-report.c: a course's enrolments over time, by method,
 * key and type of user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-app"

#include "config.h"

#include <glib/gi18n.h>

#include "roster-course-report.h"
#include "roster-error.h"
#include "roster-json.h"
#include "roster-method.h"
#include "roster-types.h"

/* Counts by key; both maps own nothing but their own strings. */
typedef GHashTable Counts;

typedef struct
{
  gint64  start;
  guint   total;
  Counts *by_method;
  Counts *by_key;
  Counts *by_type;
} Point;

struct _RosterCourseReport
{
  GObject             parent_instance;

  gint64              course_id;
  RosterEnrolmentBucket  bucket;
  gint64              since;
  gint64              until;
  GArray             *points;    /* of Point */
  GPtrArray          *methods;   /* of RosterMethod, in the course's order */
  guint               participants;
  Counts             *totals[ROSTER_REPORT_BY_KEY + 1];
  GListStore         *keys;
};

G_DEFINE_FINAL_TYPE (RosterCourseReport, roster_course_report, G_TYPE_OBJECT)

static const char * const type_order[] = { "staff", "student", "external", NULL };
static const char * const role_order[] = { "module_leader", "teacher", "professional_staff", "student",
                                           "guest", "external_moderator", NULL };
static const char * const status_order[] = { "active", "suspended", NULL };

static Counts *
counts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static guint
counts_get (Counts     *counts,
            const char *key)
{
  return counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) : 0;
}

static void
point_clear (Point *point)
{
  g_clear_pointer (&point->by_method, g_hash_table_unref);
  g_clear_pointer (&point->by_key, g_hash_table_unref);
  g_clear_pointer (&point->by_type, g_hash_table_unref);
}

static void
roster_course_report_finalize (GObject *object)
{
  RosterCourseReport *self = ROSTER_COURSE_REPORT (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->methods, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->totals); i++)
    g_clear_pointer (&self->totals[i], g_hash_table_unref);
  g_clear_object (&self->keys);

  G_OBJECT_CLASS (roster_course_report_parent_class)->finalize (object);
}

static void
roster_course_report_class_init (RosterCourseReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = roster_course_report_finalize;
}

static void
roster_course_report_init (RosterCourseReport *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  g_array_set_clear_func (self->points, (GDestroyNotify) point_clear);
  self->methods = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->totals); i++)
    self->totals[i] = counts_new ();
  self->keys = g_list_store_new (ROSTER_TYPE_KEY_USAGE);
}

static gboolean
invalid (GError     **error,
         const char  *member)
{
  g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), member,
               _("an object of counts"));
  return FALSE;
}

/* {"key": count, …} with whole non-negative counts. */
static gboolean
parse_counts (JsonObject  *parent,
              const char  *member,
              Counts     **out,
              GError     **error)
{
  JsonObject *object;
  g_autoptr(GHashTable) counts = counts_new ();
  JsonObjectIter iter;
  const char *key;
  JsonNode *node;

  if (!json_object_has_member (parent, member) ||
      (object = json_object_get_object_member (parent, member)) == NULL)
    return invalid (error, member);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &key, &node))
    {
      gint64 count;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (count = json_node_get_int (node)) < 0 || count > G_MAXUINT)
        return invalid (error, member);
      g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER ((guint) count));
    }

  *out = g_steal_pointer (&counts);
  return TRUE;
}

static gboolean
get_count (JsonObject  *object,
           const char  *member,
           guint       *out,
           GError     **error)
{
  gint64 value = 0;

  if (!roster_json_get_int (object, member, TRUE, &value, error))
    return FALSE;
  if (value < 0 || value > G_MAXUINT)
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), member,
                   _("a whole number"));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static JsonArray *
get_array (JsonObject  *object,
           const char  *member,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), member, _("a list"));
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
get_object (JsonNode    *node,
            const char  *member,
            GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), member, _("an object"));
      return NULL;
    }
  return json_node_get_object (node);
}

static gboolean
parse_point (RosterCourseReport  *self,
             JsonObject             *object,
             GError                **error)
{
  Point point = { 0, };

  if (!roster_json_get_time (object, "start", TRUE, &point.start, error) ||
      !get_count (object, "total", &point.total, error) ||
      !parse_counts (object, "by_method", &point.by_method, error) ||
      !parse_counts (object, "by_key", &point.by_key, error) ||
      !parse_counts (object, "by_type", &point.by_type, error))
    {
      point_clear (&point);
      return FALSE;
    }
  g_array_append_val (self->points, point);
  return TRUE;
}

static gboolean
parse_method (RosterCourseReport  *self,
              JsonObject             *object,
              GError                **error)
{
  gint64 id = 0;
  const char *type_name = NULL;
  const char *name = NULL;
  RosterMethodType type;
  RosterMethod *method;

  if (!roster_json_get_int (object, "id", TRUE, &id, error) ||
      !roster_json_get_string (object, "type", TRUE, &type_name, error) ||
      !roster_json_get_string (object, "name", FALSE, &name, error))
    return FALSE;
  if (!roster_method_type_from_string (type_name, &type))
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), "type",
                   _("a method type"));
      return FALSE;
    }

  method = roster_method_new_for_type (type);
  roster_method_set_id (method, id);
  roster_method_set_name (method, name);
  g_ptr_array_add (self->methods, method);
  return TRUE;
}

/**
 * roster_course_report_new_from_json:
 * @object: the answer of GET /courses/{cid}/reports/enrolments
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the report, or %NULL if @object is not one
 */
RosterCourseReport *
roster_course_report_new_from_json (JsonObject  *object,
                                       GError     **error)
{
  g_autoptr(RosterCourseReport) self = g_object_new (ROSTER_TYPE_COURSE_REPORT, NULL);
  const char *bucket = NULL;
  JsonArray *array;
  JsonObject *totals;
  static const struct { RosterReportDimension by; const char *member; } total_members[] = {
    { ROSTER_REPORT_BY_TYPE, "by_type" },
    { ROSTER_REPORT_BY_ROLE, "by_role" },
    { ROSTER_REPORT_BY_METHOD, "by_method" },
    { ROSTER_REPORT_BY_STATUS, "by_status" },
  };

  g_return_val_if_fail (object != NULL, NULL);

  if (!roster_json_get_int (object, "course_id", TRUE, &self->course_id, error) ||
      !roster_json_get_string (object, "bucket", TRUE, &bucket, error) ||
      !roster_json_get_time (object, "since", TRUE, &self->since, error) ||
      !roster_json_get_time (object, "until", TRUE, &self->until, error))
    return NULL;
  if (g_str_equal (bucket, "day"))
    self->bucket = ROSTER_ENROLMENT_BUCKET_DAY;
  else if (g_str_equal (bucket, "week"))
    self->bucket = ROSTER_ENROLMENT_BUCKET_WEEK;
  else
    {
      g_set_error (error, ROSTER_ERROR, ROSTER_ERROR_VALIDATION, _("“%s” must be %s."), "bucket", "day, week");
      return NULL;
    }

  if ((array = get_array (object, "series", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *point = get_object (json_array_get_element (array, i), "series", error);

      if (point == NULL || !parse_point (self, point, error))
        return NULL;
    }

  if ((array = get_array (object, "methods", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *method = get_object (json_array_get_element (array, i), "methods", error);

      if (method == NULL || !parse_method (self, method, error))
        return NULL;
    }

  if ((totals = get_object (json_object_get_member (object, "totals"), "totals", error)) == NULL ||
      !get_count (totals, "participants", &self->participants, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (total_members); i++)
    {
      g_clear_pointer (&self->totals[total_members[i].by], g_hash_table_unref);
      if (!parse_counts (totals, total_members[i].member, &self->totals[total_members[i].by], error))
        return NULL;
    }

  if ((array = get_array (object, "keys", error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *element = get_object (json_array_get_element (array, i), "keys", error);
      g_autoptr(RosterKeyUsage) key = NULL;

      if (element == NULL || (key = roster_key_usage_new_from_json (element, error)) == NULL)
        return NULL;
      g_list_store_append (self->keys, key);
    }

  return g_steal_pointer (&self);
}

const char *
roster_enrolment_bucket_to_string (RosterEnrolmentBucket bucket)
{
  return bucket == ROSTER_ENROLMENT_BUCKET_WEEK ? "week" : "day";
}

gint64
roster_course_report_get_course_id (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  return self->course_id;
}

RosterEnrolmentBucket
roster_course_report_get_bucket (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), ROSTER_ENROLMENT_BUCKET_DAY);
  return self->bucket;
}

gint64
roster_course_report_get_since (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  return self->since;
}

gint64
roster_course_report_get_until (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  return self->until;
}

guint
roster_course_report_get_n_points (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  return self->points->len;
}

gint64
roster_course_report_get_point_start (RosterCourseReport *self,
                                         guint                  point)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  g_return_val_if_fail (point < self->points->len, 0);
  return g_array_index (self->points, Point, point).start;
}

guint
roster_course_report_get_point_total (RosterCourseReport *self,
                                         guint                  point)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  g_return_val_if_fail (point < self->points->len, 0);
  return g_array_index (self->points, Point, point).total;
}

static Counts *
point_counts (Point                 *point,
              RosterReportDimension  by)
{
  switch (by)
    {
    case ROSTER_REPORT_BY_TYPE:
      return point->by_type;
    case ROSTER_REPORT_BY_METHOD:
      return point->by_method;
    case ROSTER_REPORT_BY_KEY:
      return point->by_key;
    case ROSTER_REPORT_BY_ROLE:
    case ROSTER_REPORT_BY_STATUS:
    default:
      return NULL;
    }
}

guint
roster_course_report_get_point_count (RosterCourseReport *self,
                                         guint                  point,
                                         RosterReportDimension  by,
                                         const char            *key)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  g_return_val_if_fail (point < self->points->len, 0);
  g_return_val_if_fail (key != NULL, 0);

  return counts_get (point_counts (&g_array_index (self->points, Point, point), by), key);
}

static void
add_key (GPtrArray  *keys,
         GHashTable *seen,
         const char *key)
{
  if (g_hash_table_add (seen, (gpointer) key))
    g_ptr_array_add (keys, (gpointer) key);
}

/* qsort gives pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
roster_course_report_list_keys (RosterCourseReport *self,
                                   RosterReportDimension  by)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GHashTable) extra = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *fixed = NULL;
  g_autoptr(GPtrArray) dynamic = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), NULL);

  switch (by)
    {
    case ROSTER_REPORT_BY_TYPE:
      fixed = type_order;
      break;
    case ROSTER_REPORT_BY_ROLE:
      fixed = role_order;
      break;
    case ROSTER_REPORT_BY_STATUS:
      fixed = status_order;
      break;
    case ROSTER_REPORT_BY_METHOD:
      for (guint i = 0; i < self->methods->len; i++)
        g_ptr_array_add (dynamic, g_strdup_printf ("%" G_GINT64_FORMAT, roster_method_get_id (self->methods->pdata[i])));
      break;
    case ROSTER_REPORT_BY_KEY:
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->keys)); i++)
        {
          g_autoptr(RosterKeyUsage) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);

          g_ptr_array_add (dynamic, g_strdup (roster_key_usage_get_nickname (key)));
        }
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  for (guint i = 0; fixed != NULL && fixed[i] != NULL; i++)
    add_key (order, seen, fixed[i]);
  for (guint i = 0; i < dynamic->len; i++)
    add_key (order, seen, dynamic->pdata[i]);

  /* Whatever else the counts name, sorted. */
  if (by != ROSTER_REPORT_BY_KEY)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, self->totals[by]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (seen, key))
          g_hash_table_add (extra, key);
    }
  for (guint p = 0; p < self->points->len; p++)
    {
      Counts *counts = point_counts (&g_array_index (self->points, Point, p), by);
      GHashTableIter iter;
      gpointer key;

      if (counts == NULL)
        continue;
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (seen, key))
          g_hash_table_add (extra, key);
    }
  {
    g_autofree gpointer *rest = g_hash_table_get_keys_as_array (extra, NULL);
    guint n = g_hash_table_size (extra);

    qsort (rest, n, sizeof (gpointer), compare_strings);
    for (guint i = 0; i < n; i++)
      add_key (order, seen, rest[i]);
  }

  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (keys, g_strdup (order->pdata[i]));
  return g_steal_pointer (&keys);
}

guint
roster_course_report_get_participants (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  return self->participants;
}

guint
roster_course_report_get_total (RosterCourseReport *self,
                                   RosterReportDimension  by,
                                   const char            *key)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), 0);
  g_return_val_if_fail (by < ROSTER_REPORT_BY_KEY, 0);
  g_return_val_if_fail (key != NULL, 0);

  return counts_get (self->totals[by], key);
}

static const char *
type_label (const char *key)
{
  RosterUserType type;

  if (!roster_user_type_from_string (key, &type))
    return key;
  switch (type)
    {
    case ROSTER_USER_TYPE_STAFF:
      return _("Staff");
    case ROSTER_USER_TYPE_STUDENT:
      return _("Student");
    case ROSTER_USER_TYPE_EXTERNAL:
      return _("External");
    default:
      return key;
    }
}

char *
roster_course_report_dup_label (RosterCourseReport *self,
                                   RosterReportDimension  by,
                                   const char            *key)
{
  RosterRole role;

  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  switch (by)
    {
    case ROSTER_REPORT_BY_TYPE:
      return g_strdup (type_label (key));
    case ROSTER_REPORT_BY_ROLE:
      return g_strdup (roster_role_from_string (key, &role) && role != ROSTER_ROLE_NONE ? roster_role_get_label (role) : key);
    case ROSTER_REPORT_BY_STATUS:
      if (g_str_equal (key, "active"))
        return g_strdup (_("Active"));
      if (g_str_equal (key, "suspended"))
        return g_strdup (_("Suspended"));
      return g_strdup (key);
    case ROSTER_REPORT_BY_METHOD:
      for (guint i = 0; i < self->methods->len; i++)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_method_get_id (self->methods->pdata[i]));

          if (g_str_equal (id, key))
            return roster_method_dup_display_name (self->methods->pdata[i]);
        }
      /* TRANSLATORS: a method the report counts but no longer lists; %s is its number. */
      return g_strdup_printf (_("Method %s"), key);
    case ROSTER_REPORT_BY_KEY:
    default:
      return g_strdup (key);
    }
}

GListModel *
roster_course_report_get_keys (RosterCourseReport *self)
{
  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), NULL);
  return G_LIST_MODEL (self->keys);
}

char *
roster_report_format_date (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  /* TRANSLATORS: a date, as in g_date_time_format (); "31 Aug 2026". */
  return time != NULL ? g_date_time_format (time, _("%-d %b %Y")) : g_strdup ("");
}

/* Dates in files are for spreadsheets: ISO 8601, in UTC. */
static char *
iso_time (gint64 unix_time,
          gboolean date_only)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_utc (unix_time);
  return time != NULL ? g_date_time_format (time, date_only ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static void
add_row (GPtrArray *rows,
         GPtrArray *cells)
{
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (cells, FALSE));
}

static GPtrArray *
cells_new (void)
{
  return g_ptr_array_new ();
}

static void
totals_table (RosterCourseReport *self,
              RosterReportDimension  by,
              const char            *title,
              GPtrArray             *rows)
{
  g_autoptr(GPtrArray) keys = roster_course_report_list_keys (self, by);
  GPtrArray *header = cells_new ();

  g_ptr_array_add (header, g_strdup (title));
  g_ptr_array_add (header, g_strdup (_("Participants")));
  add_row (rows, header);
  for (guint i = 0; i < keys->len; i++)
    {
      GPtrArray *row = cells_new ();

      g_ptr_array_add (row, roster_course_report_dup_label (self, by, keys->pdata[i]));
      g_ptr_array_add (row, g_strdup_printf ("%u", roster_course_report_get_total (self, by, keys->pdata[i])));
      add_row (rows, row);
    }
}

static void
series_table (RosterCourseReport *self,
              GPtrArray             *rows)
{
  static const RosterReportDimension dims[] = { ROSTER_REPORT_BY_TYPE, ROSTER_REPORT_BY_METHOD, ROSTER_REPORT_BY_KEY };
  GPtrArray *keys[G_N_ELEMENTS (dims)];
  GPtrArray *header = cells_new ();

  g_ptr_array_add (header, g_strdup (_("Start")));
  g_ptr_array_add (header, g_strdup (_("Enrolments")));
  for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
    {
      keys[d] = roster_course_report_list_keys (self, dims[d]);
      for (guint i = 0; i < keys[d]->len; i++)
        g_ptr_array_add (header, roster_course_report_dup_label (self, dims[d], keys[d]->pdata[i]));
    }
  add_row (rows, header);

  for (guint p = 0; p < self->points->len; p++)
    {
      Point *point = &g_array_index (self->points, Point, p);
      GPtrArray *row = cells_new ();

      g_ptr_array_add (row, iso_time (point->start, TRUE));
      g_ptr_array_add (row, g_strdup_printf ("%u", point->total));
      for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
        for (guint i = 0; i < keys[d]->len; i++)
          g_ptr_array_add (row, g_strdup_printf ("%u", counts_get (point_counts (point, dims[d]), keys[d]->pdata[i])));
      add_row (rows, row);
    }

  for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
    g_ptr_array_unref (keys[d]);
}

static void
keys_table (RosterCourseReport *self,
            GPtrArray             *rows)
{
  GPtrArray *header = cells_new ();

  g_ptr_array_add (header, g_strdup (_("Nickname")));
  g_ptr_array_add (header, g_strdup (_("Method")));
  g_ptr_array_add (header, g_strdup (_("Active")));
  g_ptr_array_add (header, g_strdup (_("Uses")));
  g_ptr_array_add (header, g_strdup (_("Enrolled")));
  g_ptr_array_add (header, g_strdup (_("Last Used")));
  add_row (rows, header);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->keys)); i++)
    {
      g_autoptr(RosterKeyUsage) key = g_list_model_get_item (G_LIST_MODEL (self->keys), i);
      g_autofree char *method_id = g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_usage_get_method_id (key));
      GPtrArray *row = cells_new ();

      g_ptr_array_add (row, g_strdup (roster_key_usage_get_nickname (key)));
      g_ptr_array_add (row, roster_course_report_dup_label (self, ROSTER_REPORT_BY_METHOD, method_id));
      g_ptr_array_add (row, g_strdup (roster_key_usage_get_active (key) ? _("Yes") : _("No")));
      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_usage_get_uses (key)));
      g_ptr_array_add (row, g_strdup_printf ("%" G_GINT64_FORMAT, roster_key_usage_get_enrolled (key)));
      g_ptr_array_add (row, iso_time (roster_key_usage_get_last_used_at (key), FALSE));
      add_row (rows, row);
    }
}

/**
 * roster_course_report_dup_table:
 * @self: a #RosterCourseReport
 * @table: which table
 *
 * Returns: (transfer container): a #GPtrArray of rows, each a #GStrv of
 *   the same length, the header first
 */
GPtrArray *
roster_course_report_dup_table (RosterCourseReport *self,
                                   RosterReportTable      table)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (ROSTER_IS_COURSE_REPORT (self), NULL);

  switch (table)
    {
    case ROSTER_REPORT_TABLE_TYPES:
      totals_table (self, ROSTER_REPORT_BY_TYPE, _("User Type"), rows);
      break;
    case ROSTER_REPORT_TABLE_ROLES:
      totals_table (self, ROSTER_REPORT_BY_ROLE, _("Role"), rows);
      break;
    case ROSTER_REPORT_TABLE_METHODS:
      totals_table (self, ROSTER_REPORT_BY_METHOD, _("Method"), rows);
      break;
    case ROSTER_REPORT_TABLE_SERIES:
      series_table (self, rows);
      break;
    case ROSTER_REPORT_TABLE_KEYS:
      keys_table (self, rows);
      break;
    default:
      g_return_val_if_reached (NULL);
    }
  return g_steal_pointer (&rows);
}
