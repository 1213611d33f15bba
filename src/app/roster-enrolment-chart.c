/* roster-enrolment-chart.c: enrolments over time as stacked bars
 *
 * One bar per bucket of the report, stacked by method or by key; when
 * the buckets outnumber the pixels (ten years of days), neighbouring
 * buckets share a bar and the date labels are thinned to fit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "roster-enrolment-chart"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "roster-enrolment-chart.h"

/* Thinner bars than this are merged with their neighbours. */
#define MIN_BAR_WIDTH  3.0
#define MAX_BAR_WIDTH  48.0
/* Stacks with a colour of their own; the rest share "Other". */
#define MAX_NAMED      7
#define PADDING        8.0
#define DAY            (24 * 60 * 60)

typedef struct
{
  char    *label;
  GdkRGBA  color;
  guint    total;
} Stack;

typedef struct
{
  double x, y, width, height;
  guint  group;       /* buckets per bar */
  guint  n_bars;
  guint  y_max;
  guint  y_step;
} Layout;

struct _RosterEnrolmentChart
{
  GtkWidget              parent_instance;

  GtkWidget             *box;
  GtkDrawingArea        *plot;
  GtkFlowBox            *legend;
  GtkLabel              *hover_label;

  RosterCourseReport *report;
  RosterReportDimension  stacking;
  GArray                *stacks;   /* of Stack */
  guint                 *values;   /* n_points × stacks */
  int                    hover;    /* a bar, or -1 */
  guint                  hover_group;
  char                  *hover_text;
};

G_DEFINE_FINAL_TYPE (RosterEnrolmentChart, roster_enrolment_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_HOVER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* GNOME's palette: readable on light and dark backgrounds alike. */
static const char * const palette[] = {
  "#3584e4", "#2ec27e", "#e5a50a", "#e66100", "#c01c28", "#9141ac", "#986a44",
};
static const char *other_color = "#9a9996";

static void
stack_clear (Stack *stack)
{
  g_clear_pointer (&stack->label, g_free);
}

static guint
n_points (RosterEnrolmentChart *self)
{
  return self->report != NULL ? roster_course_report_get_n_points (self->report) : 0;
}

static guint
value (RosterEnrolmentChart *self,
       guint                 point,
       guint                 stack)
{
  return self->values[point * self->stacks->len + stack];
}

static void
add_stack (RosterEnrolmentChart *self,
           char                 *label,
           const char           *color)
{
  Stack stack = { label, { 0, }, 0 };

  gdk_rgba_parse (&stack.color, color);
  g_array_append_val (self->stacks, stack);
}

/* The stacks of the current stacking, and each bucket's count in them:
 * named ones, "Other" for the rest, and what no method or key counts
 * (a deleted method, a manual enrolment) so that stacks add up to the
 * bucket's total. */
static void
build_stacks (RosterEnrolmentChart *self)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) key_totals = NULL;
  guint n = n_points (self);
  guint named = 0;
  gboolean has_other = FALSE;
  guint s;

  g_array_set_size (self->stacks, 0);
  g_clear_pointer (&self->values, g_free);
  if (self->report == NULL)
    return;

  keys = roster_course_report_list_keys (self->report, self->stacking);
  key_totals = g_array_sized_new (FALSE, TRUE, sizeof (guint), keys->len);
  for (guint k = 0; k < keys->len; k++)
    {
      guint total = 0;

      for (guint p = 0; p < n; p++)
        total += roster_course_report_get_point_count (self->report, p, self->stacking, keys->pdata[k]);
      g_array_append_val (key_totals, total);
    }

  for (guint k = 0; k < keys->len; k++)
    {
      if (g_array_index (key_totals, guint, k) == 0)
        continue;
      if (named < MAX_NAMED)
        add_stack (self, roster_course_report_dup_label (self->report, self->stacking, keys->pdata[k]),
                   palette[named++]);
      else
        has_other = TRUE;
    }
  if (has_other)
    add_stack (self, g_strdup (self->stacking == ROSTER_REPORT_BY_KEY ? _("Other keys") : _("Other methods")), other_color);
  add_stack (self, g_strdup (self->stacking == ROSTER_REPORT_BY_KEY ? _("Without a key") : _("Deleted methods")), other_color);

  self->values = g_new0 (guint, MAX (1, n * self->stacks->len));
  for (guint p = 0; p < n; p++)
    {
      guint counted = 0;

      s = 0;
      for (guint k = 0; k < keys->len; k++)
        {
          guint count;

          if (g_array_index (key_totals, guint, k) == 0)
            continue;
          count = roster_course_report_get_point_count (self->report, p, self->stacking, keys->pdata[k]);
          counted += count;
          self->values[p * self->stacks->len + MIN (s, (guint) MAX_NAMED)] += count;
          s++;
        }
      /* The last stack holds what the others do not. */
      self->values[p * self->stacks->len + self->stacks->len - 1] =
        roster_course_report_get_point_total (self->report, p) - MIN (counted, roster_course_report_get_point_total (self->report, p));
    }

  for (s = 0; s < self->stacks->len; s++)
    for (guint p = 0; p < n; p++)
      g_array_index (self->stacks, Stack, s).total += value (self, p, s);

  /* Nothing left over: no stack for it. */
  if (g_array_index (self->stacks, Stack, self->stacks->len - 1).total == 0)
    {
      guint old = self->stacks->len;
      g_autofree guint *values = self->values;

      g_array_set_size (self->stacks, old - 1);
      self->values = g_new0 (guint, MAX (1, n * self->stacks->len));
      for (guint p = 0; p < n; p++)
        for (s = 0; s < self->stacks->len; s++)
          self->values[p * self->stacks->len + s] = values[p * old + s];
    }
}

/* ---- text ---- */

static char *
format_range (RosterEnrolmentChart *self,
              guint                 first,
              guint                 count)
{
  guint n = n_points (self);
  guint last = first + count - 1;
  gint64 start = roster_course_report_get_point_start (self->report, first);
  gint64 end = last + 1 < n ? roster_course_report_get_point_start (self->report, last + 1)
                            : roster_course_report_get_until (self->report);
  g_autofree char *from = roster_report_format_date (start);
  g_autofree char *to = roster_report_format_date (end - DAY);

  if (end - start <= DAY)
    return g_steal_pointer (&from);
  /* TRANSLATORS: a range of dates, both included. */
  return g_strdup_printf (_("%s – %s"), from, to);
}

static char *
describe_range (RosterEnrolmentChart *self,
                guint                 first,
                guint                 count)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *range = format_range (self, first, count);
  guint total = 0;
  gboolean any = FALSE;

  for (guint p = first; p < first + count; p++)
    total += roster_course_report_get_point_total (self->report, p);
  /* TRANSLATORS: %s is a date or a range of dates. */
  g_string_printf (text, g_dngettext (NULL, "%s: %u enrolment", "%s: %u enrolments", total), range, total);

  for (guint s = 0; s < self->stacks->len; s++)
    {
      guint sum = 0;

      for (guint p = first; p < first + count; p++)
        sum += value (self, p, s);
      if (sum == 0)
        continue;
      g_string_append (text, any ? ", " : " (");
      /* TRANSLATORS: a stack of a bar and its count: "Manual enrolments: 20". */
      g_string_append_printf (text, _("%s: %u"), g_array_index (self->stacks, Stack, s).label, sum);
      any = TRUE;
    }
  if (any)
    g_string_append (text, ")");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * roster_enrolment_chart_describe_bucket:
 * @self: a #RosterEnrolmentChart
 * @point: a point of the report's series
 *
 * Returns: (transfer full): the bucket's dates, count and stacks
 */
char *
roster_enrolment_chart_describe_bucket (RosterEnrolmentChart *self,
                                        guint                 point)
{
  g_return_val_if_fail (ROSTER_IS_ENROLMENT_CHART (self), NULL);
  g_return_val_if_fail (point < n_points (self), NULL);

  return describe_range (self, point, 1);
}

char *
roster_enrolment_chart_dup_summary (RosterEnrolmentChart *self)
{
  guint total = 0;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (ROSTER_IS_ENROLMENT_CHART (self), NULL);

  if (n_points (self) == 0)
    return g_strdup (_("No enrolments to show"));
  for (guint p = 0; p < n_points (self); p++)
    total += roster_course_report_get_point_total (self->report, p);
  from = roster_report_format_date (roster_course_report_get_since (self->report));
  to = roster_report_format_date (roster_course_report_get_until (self->report) - DAY);
  /* TRANSLATORS: the chart's summary for screen readers; %s are dates. */
  return g_strdup_printf (g_dngettext (NULL, "%u enrolment from %s to %s", "%u enrolments from %s to %s", total),
                          total, from, to);
}

/* ---- layout and drawing ---- */

/* 1, 2 or 5 times a power of ten, at least @range: steps people read. */
static guint
nice_step (double range)
{
  guint power = 1;

  while (TRUE)
    {
      if (range <= power)
        return power;
      if (range <= 2.0 * power)
        return 2 * power;
      if (range <= 5.0 * power)
        return 5 * power;
      if (power > G_MAXUINT / 100)
        return power * 10;
      power *= 10;
    }
}

static guint
bar_total (RosterEnrolmentChart *self,
           guint                 group,
           guint                 bar)
{
  guint total = 0;

  for (guint p = bar * group; p < MIN ((bar + 1) * group, n_points (self)); p++)
    for (guint s = 0; s < self->stacks->len; s++)
      total += value (self, p, s);
  return total;
}

static void
text_size (GtkWidget  *widget,
           const char *text,
           int        *width,
           int        *height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_get_pixel_size (layout, width, height);
}

static void
compute_layout (RosterEnrolmentChart *self,
                int                   width,
                int                   height,
                Layout               *layout)
{
  guint n = n_points (self);
  guint max = 0;
  g_autofree char *max_text = NULL;
  int label_width, label_height;
  guint fitting;

  memset (layout, 0, sizeof *layout);
  layout->group = 1;
  layout->y_max = 1;
  layout->y_step = 1;

  /* The bars' width decides how many buckets share one, which decides
   * the highest bar: measure with a first guess of the axis. */
  text_size (GTK_WIDGET (self->plot), "0000", &label_width, &label_height);
  layout->width = MAX (1.0, width - label_width - 3 * PADDING);
  fitting = MAX (1, (guint) (layout->width / MIN_BAR_WIDTH));
  layout->group = MAX (1, (n + fitting - 1) / fitting);
  layout->n_bars = n > 0 ? (n + layout->group - 1) / layout->group : 0;

  for (guint b = 0; b < layout->n_bars; b++)
    max = MAX (max, bar_total (self, layout->group, b));
  layout->y_step = nice_step (max / 4.0);
  layout->y_max = MAX (layout->y_step, (max + layout->y_step - 1) / layout->y_step * layout->y_step);

  max_text = g_strdup_printf ("%u", layout->y_max);
  text_size (GTK_WIDGET (self->plot), max_text, &label_width, &label_height);
  layout->x = label_width + 2 * PADDING;
  layout->y = PADDING + label_height / 2.0;
  layout->width = MAX (1.0, width - layout->x - PADDING);
  layout->height = MAX (1.0, height - layout->y - label_height - 2 * PADDING);
}

static void
show_text (cairo_t    *cr,
           GtkWidget  *widget,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - align * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static char *
axis_date (RosterEnrolmentChart *self,
           guint                 point)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (roster_course_report_get_point_start (self->report, point));
  gint64 span = roster_course_report_get_until (self->report) - roster_course_report_get_since (self->report);

  /* TRANSLATORS: dates under the chart, as in g_date_time_format (): a
   * range of more than a year shows months ("Aug 2026"), else days
   * ("31 Aug"). */
  return g_date_time_format (time, span > 366 * DAY ? _("%b %Y") : _("%-d %b"));
}

static void
draw_plot (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  RosterEnrolmentChart *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg;
  Layout layout;
  double bar_width, gap, drawn;
  guint every;
  int label_width, label_height;

  /* The theme's foreground, so dark and high-contrast styles hold. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (n_points (self) == 0)
    {
      gdk_cairo_set_source_rgba (cr, &fg);
      show_text (cr, widget, _("No enrolments to show"), width / 2.0, height / 2.0, 0.5);
      return;
    }

  compute_layout (self, width, height, &layout);
  bar_width = layout.width / layout.n_bars;
  gap = bar_width >= 6 ? bar_width * 0.2 : 0;
  /* A few buckets make slim bars in wide slots, not walls. */
  drawn = CLAMP (bar_width - gap, 1.0, MAX_BAR_WIDTH);

  /* Grid lines and counts. */
  cairo_set_line_width (cr, 1);
  for (guint v = 0; v <= layout.y_max; v += layout.y_step)
    {
      double y = (int) (layout.y + layout.height - (double) v / layout.y_max * layout.height) + 0.5;
      g_autofree char *text = g_strdup_printf ("%u", v);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, v == 0 ? 0.5 : 0.15);
      cairo_move_to (cr, layout.x, y);
      cairo_line_to (cr, layout.x + layout.width, y);
      cairo_stroke (cr);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      show_text (cr, widget, text, layout.x - PADDING, y, 1.0);
    }

  if (self->hover >= 0 && (guint) self->hover < layout.n_bars)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.1);
      cairo_rectangle (cr, layout.x + self->hover * bar_width, layout.y, bar_width, layout.height);
      cairo_fill (cr);
    }

  for (guint b = 0; b < layout.n_bars; b++)
    {
      double bottom = layout.y + layout.height;

      for (guint s = 0; s < self->stacks->len; s++)
        {
          guint sum = 0;
          double h;

          for (guint p = b * layout.group; p < MIN ((b + 1) * layout.group, n_points (self)); p++)
            sum += value (self, p, s);
          if (sum == 0)
            continue;
          h = (double) sum / layout.y_max * layout.height;
          gdk_cairo_set_source_rgba (cr, &g_array_index (self->stacks, Stack, s).color);
          cairo_rectangle (cr, layout.x + b * bar_width + (bar_width - drawn) / 2, bottom - h, drawn, h);
          cairo_fill (cr);
          bottom -= h;
        }
    }

  /* Dates under the bars, from each one's left edge, as many as fit
   * without touching; none hangs over the plot's right end. */
  {
    g_autofree char *first = axis_date (self, 0);
    g_autofree char *last = axis_date (self, n_points (self) - 1);
    int first_width, last_width;

    text_size (widget, first, &first_width, &label_height);
    text_size (widget, last, &last_width, &label_height);
    label_width = MAX (first_width, last_width);
  }
  every = MAX (1, (guint) ((label_width + 2 * PADDING) / bar_width) + 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  for (guint b = 0; b < layout.n_bars; b += every)
    {
      g_autofree char *text = axis_date (self, b * layout.group);
      double x = layout.x + b * bar_width + (bar_width - drawn) / 2;

      if (x + label_width > layout.x + layout.width + PADDING)
        break;
      cairo_rectangle (cr, (int) x, layout.y + layout.height, 1, PADDING / 2);
      cairo_fill (cr);
      show_text (cr, widget, text, x, layout.y + layout.height + PADDING + label_height / 2.0, 0.0);
    }
}

/* ---- hover ---- */

static void
set_hover (RosterEnrolmentChart *self,
           int                   bar,
           guint                 group)
{
  g_autofree char *text = NULL;

  if (bar >= 0)
    {
      guint first = bar * group;

      text = describe_range (self, first, MIN (group, n_points (self) - first));
    }
  self->hover = bar;
  self->hover_group = group;
  gtk_widget_queue_draw (GTK_WIDGET (self->plot));
  if (g_strcmp0 (text != NULL ? text : "", self->hover_text) == 0)
    return;

  g_free (self->hover_text);
  self->hover_text = text != NULL ? g_steal_pointer (&text) : g_strdup ("");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->plot), *self->hover_text != '\0' ? self->hover_text : NULL);
  gtk_label_set_text (self->hover_label, *self->hover_text != '\0' ? self->hover_text
                                                                   : _("Point at a bar to see its numbers."));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

static void
motion_cb (RosterEnrolmentChart     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  Layout layout;

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self->plot)),
                  gtk_widget_get_height (GTK_WIDGET (self->plot)), &layout);
  if (layout.n_bars == 0 || x < layout.x || x >= layout.x + layout.width)
    {
      set_hover (self, -1, 1);
      return;
    }
  set_hover (self, MIN ((guint) ((x - layout.x) / (layout.width / layout.n_bars)), layout.n_bars - 1), layout.group);
}

static void
leave_cb (RosterEnrolmentChart *self)
{
  set_hover (self, -1, 1);
}

/* Focused from the keyboard, the chart describes its latest bar: the
 * arrow keys then walk the others. */
static void
focus_enter_cb (RosterEnrolmentChart *self)
{
  Layout layout;

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self->plot)),
                  gtk_widget_get_height (GTK_WIDGET (self->plot)), &layout);
  if (self->hover < 0 && layout.n_bars > 0)
    set_hover (self, layout.n_bars - 1, layout.group);
}

/* The arrow keys walk the bars, for those who do not point. */
static gboolean
key_pressed_cb (RosterEnrolmentChart  *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  Layout layout;
  int bar = self->hover;

  compute_layout (self, gtk_widget_get_width (GTK_WIDGET (self->plot)),
                  gtk_widget_get_height (GTK_WIDGET (self->plot)), &layout);
  if (layout.n_bars == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      bar = bar < 0 ? (int) layout.n_bars - 1 : MAX (0, bar - 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      bar = bar < 0 ? 0 : MIN ((int) layout.n_bars - 1, bar + 1);
      break;
    case GDK_KEY_Home:
      bar = 0;
      break;
    case GDK_KEY_End:
      bar = layout.n_bars - 1;
      break;
    default:
      return FALSE;
    }
  set_hover (self, bar, layout.group);
  return TRUE;
}

/* ---- legend ---- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  gdk_cairo_set_source_rgba (cr, user_data);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static void
update_legend (RosterEnrolmentChart *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend))) != NULL)
    gtk_flow_box_remove (self->legend, child);

  for (guint s = 0; s < self->stacks->len; s++)
    {
      Stack *stack = &g_array_index (self->stacks, Stack, s);
      GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *swatch = gtk_drawing_area_new ();
      g_autofree char *text = NULL;

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, gdk_rgba_copy (&stack->color),
                                      (GDestroyNotify) gdk_rgba_free);
      gtk_accessible_update_state (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      /* TRANSLATORS: a stack of the chart's legend and its enrolments: "Manual enrolments (20)". */
      text = g_strdup_printf (_("%s (%u)"), stack->label, stack->total);
      gtk_box_append (GTK_BOX (entry), swatch);
      gtk_box_append (GTK_BOX (entry), gtk_label_new (text));
      gtk_flow_box_append (self->legend, entry);
    }
}

static void
update (RosterEnrolmentChart *self)
{
  g_autofree char *summary = NULL;

  build_stacks (self);
  update_legend (self);
  summary = roster_enrolment_chart_dup_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plot),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  self->hover = -2;   /* forces set_hover () to redo the text */
  set_hover (self, -1, 1);
}

/* ---- the type ---- */

static void
roster_enrolment_chart_dispose (GObject *object)
{
  RosterEnrolmentChart *self = ROSTER_ENROLMENT_CHART (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ROSTER_TYPE_ENROLMENT_CHART);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (roster_enrolment_chart_parent_class)->dispose (object);
}

static void
roster_enrolment_chart_finalize (GObject *object)
{
  RosterEnrolmentChart *self = ROSTER_ENROLMENT_CHART (object);

  g_clear_pointer (&self->stacks, g_array_unref);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->hover_text, g_free);

  G_OBJECT_CLASS (roster_enrolment_chart_parent_class)->finalize (object);
}

static void
roster_enrolment_chart_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *gvalue,
                                     GParamSpec *pspec)
{
  RosterEnrolmentChart *self = ROSTER_ENROLMENT_CHART (object);

  switch (prop_id)
    {
    case PROP_HOVER_TEXT:
      g_value_set_string (gvalue, self->hover_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
roster_enrolment_chart_class_init (RosterEnrolmentChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = roster_enrolment_chart_dispose;
  object_class->finalize = roster_enrolment_chart_finalize;
  object_class->get_property = roster_enrolment_chart_get_property;

  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL, "",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/rosterdesk/Roster/ui/roster-enrolment-chart.ui");
  gtk_widget_class_bind_template_child (widget_class, RosterEnrolmentChart, box);
  gtk_widget_class_bind_template_child (widget_class, RosterEnrolmentChart, plot);
  gtk_widget_class_bind_template_child (widget_class, RosterEnrolmentChart, legend);
  gtk_widget_class_bind_template_child (widget_class, RosterEnrolmentChart, hover_label);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, focus_enter_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "roster-enrolment-chart");
}

static void
roster_enrolment_chart_init (RosterEnrolmentChart *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stacking = ROSTER_REPORT_BY_METHOD;
  self->stacks = g_array_new (FALSE, TRUE, sizeof (Stack));
  g_array_set_clear_func (self->stacks, (GDestroyNotify) stack_clear);
  self->hover = -1;
  self->hover_text = g_strdup ("");
  gtk_drawing_area_set_draw_func (self->plot, draw_plot, self, NULL);
  update (self);
}

GtkWidget *
roster_enrolment_chart_new (void)
{
  return g_object_new (ROSTER_TYPE_ENROLMENT_CHART, NULL);
}

void
roster_enrolment_chart_set_report (RosterEnrolmentChart  *self,
                                   RosterCourseReport *report)
{
  g_return_if_fail (ROSTER_IS_ENROLMENT_CHART (self));
  g_return_if_fail (report == NULL || ROSTER_IS_COURSE_REPORT (report));

  g_set_object (&self->report, report);
  update (self);
}

void
roster_enrolment_chart_set_stacking (RosterEnrolmentChart  *self,
                                     RosterReportDimension  by)
{
  g_return_if_fail (ROSTER_IS_ENROLMENT_CHART (self));
  g_return_if_fail (by == ROSTER_REPORT_BY_METHOD || by == ROSTER_REPORT_BY_KEY);

  if (self->stacking == by)
    return;
  self->stacking = by;
  update (self);
}

RosterReportDimension
roster_enrolment_chart_get_stacking (RosterEnrolmentChart *self)
{
  g_return_val_if_fail (ROSTER_IS_ENROLMENT_CHART (self), ROSTER_REPORT_BY_METHOD);

  return self->stacking;
}

const char *
roster_enrolment_chart_get_hover_text (RosterEnrolmentChart *self)
{
  g_return_val_if_fail (ROSTER_IS_ENROLMENT_CHART (self), NULL);

  return self->hover_text;
}
