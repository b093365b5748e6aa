/* sl-plot-view.c: live traces of the soma and the watched spines. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-plot.h"
#include "sl-plot-view.h"
#include "sl-trace-store.h"

#define FRAME SL_RUNNER_FRAME_LEN
#define POP_CHUNK 1024

struct _SlPlotView
{
  GtkWidget  parent_instance;

  SlRunner  *runner;                       /* borrowed */
  guint      tick_id;

  SlTraceStore *store;                     /* the window at full resolution, older frames decimated */
  double     run;                          /* run id of the frames held, NAN before any */
  double     window_ms;                    /* ms */
  double     cursor_t;                     /* ms: replay draws up to here; NAN = live */

  guint      n_watched;
  int        watched[SL_RUNNER_MAX_WATCH]; /* spine indices */
  char      *labels[SL_RUNNER_MAX_WATCH];  /* legend text */
  double    *pop;                          /* (POP_CHUNK × FRAME) scratch */
  gint64     last_draw_us;                 /* frame time of the last redraw request, µs */
};

G_DEFINE_FINAL_TYPE (SlPlotView, sl_plot_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_WINDOW_MS, N_PROPS };
static GParamSpec *props[N_PROPS];

/* Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
static const double slot_rgb[SL_RUNNER_MAX_WATCH][3] = {
  { 0.90, 0.62, 0.00 }, { 0.34, 0.71, 0.91 }, { 0.00, 0.62, 0.45 },
  { 0.80, 0.47, 0.65 }, { 0.84, 0.37, 0.00 }, { 0.00, 0.45, 0.70 },
  { 0.94, 0.89, 0.26 }, { 0.60, 0.60, 0.60 },
};

void
sl_plot_view_clear (SlPlotView *self)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));

  sl_trace_store_clear (self->store);
  self->run = NAN;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SlPlotView *self = SL_PLOT_VIEW (widget);
  gboolean changed = FALSE;
  guint got;

  if (self->runner == NULL)
    return G_SOURCE_CONTINUE;

  while ((got = sl_runner_pop_frames (self->runner, self->pop, POP_CHUNK)) > 0)
    {
      for (guint i = 0; i < got; i++)
        {
          const double *f = self->pop + (gsize) i * FRAME;
          const double *last = sl_trace_store_last (self->store);

          /* A new run, or time going backwards within one: start over. */
          if (f[1] != self->run || (last != NULL && f[0] < last[0]))
            {
              /* A replaced model forgets the runner's watch list. */
              if (f[1] != self->run)
                sl_runner_watch (self->runner, self->watched, self->n_watched);
              sl_trace_store_clear (self->store);
              self->run = f[1];
            }
          sl_trace_store_append (self->store, f);
        }
      changed = TRUE;
      if (got < POP_CHUNK)
        break;
    }
  /* Traces at most 30 times a second; the 3D view gets the rest. */
  if (changed && gdk_frame_clock_get_frame_time (clock) - self->last_draw_us >= 33 * G_TIME_SPAN_MILLISECOND)
    {
      self->last_draw_us = gdk_frame_clock_get_frame_time (clock);
      gtk_widget_queue_draw (widget);
    }
  return G_SOURCE_CONTINUE;
}

static void
update_tick (SlPlotView *self)
{
  gboolean want = self->runner != NULL && gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

void
sl_plot_view_set_runner (SlPlotView *self,
                         SlRunner   *runner)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));

  self->runner = runner;
  sl_plot_view_clear (self);
  if (runner != NULL)
    sl_runner_watch (runner, self->watched, self->n_watched);
  update_tick (self);
}

void
sl_plot_view_set_watched (SlPlotView         *self,
                          const int          *spines,
                          const char * const *labels,
                          guint               n)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));
  g_return_if_fail (n <= SL_RUNNER_MAX_WATCH);
  g_return_if_fail (n == 0 || spines != NULL);

  for (guint k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    {
      g_clear_pointer (&self->labels[k], g_free);
      self->watched[k] = k < n ? spines[k] : -1;
      if (k < n)
        self->labels[k] = labels != NULL && labels[k] != NULL
                          ? g_strdup (labels[k])
                          : g_strdup_printf ("spine %d", spines[k]);
    }
  self->n_watched = n;
  if (self->runner != NULL)
    sl_runner_watch (self->runner, self->watched, n);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sl_plot_view_get_n_watched (SlPlotView *self)
{
  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 0);
  return self->n_watched;
}

void
sl_plot_view_set_window_ms (SlPlotView *self,
                            double      window_ms)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));
  g_return_if_fail (window_ms > 0);

  if (self->window_ms == window_ms)
    return;
  self->window_ms = window_ms;
  sl_trace_store_set_window (self->store, window_ms);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_WINDOW_MS]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sl_plot_view_get_window_ms (SlPlotView *self)
{
  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 0);
  return self->window_ms;
}

void
sl_plot_view_set_cursor (SlPlotView *self,
                         double      t_ms)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));

  if (self->cursor_t == t_ms || (isnan (self->cursor_t) && isnan (t_ms)))
    return;
  self->cursor_t = t_ms;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_plot_view_keep_from (SlPlotView *self,
                        double      t_ms)
{
  g_return_if_fail (SL_IS_PLOT_VIEW (self));
  sl_trace_store_keep_from (self->store, t_ms);
}

guint
sl_plot_view_get_n_frames (SlPlotView *self,
                           double     *t_last)
{
  const double *last;

  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 0);
  last = sl_trace_store_last (self->store);
  if (t_last != NULL)
    *t_last = last != NULL ? last[0] : NAN;
  return sl_trace_store_get_n_recent (self->store) + sl_trace_store_get_n_archive (self->store);
}

guint
sl_plot_view_get_n_drawn (SlPlotView *self,
                          double     *t_first,
                          double     *t_last)
{
  g_autoptr(GPtrArray) frames = NULL;
  double t_end;

  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 0);
  t_end = !isnan (self->cursor_t) ? self->cursor_t : INFINITY;
  if (isinf (t_end))
    {
      const double *last = sl_trace_store_last (self->store);

      t_end = last != NULL ? last[0] : 0;
    }
  frames = sl_trace_store_collect (self->store, t_end - self->window_ms, t_end);
  if (t_first != NULL)
    *t_first = frames->len > 0 ? ((const double *) frames->pdata[0])[0] : NAN;
  if (t_last != NULL)
    *t_last = frames->len > 0 ? ((const double *) frames->pdata[frames->len - 1])[0] : NAN;
  return frames->len;
}

gsize
sl_plot_view_get_trace_bytes (SlPlotView *self)
{
  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 0);
  return sl_trace_store_get_bytes (self->store);
}

guint
sl_plot_view_get_trace_stride (SlPlotView *self)
{
  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), 1);
  return sl_trace_store_get_stride (self->store);
}

double
sl_plot_view_get_last (SlPlotView *self,
                       guint       slot,
                       guint       what)
{
  const double *last;
  double value;

  g_return_val_if_fail (SL_IS_PLOT_VIEW (self), NAN);
  g_return_val_if_fail (slot < SL_RUNNER_MAX_WATCH && what < 3, NAN);

  last = sl_trace_store_last (self->store);
  if (last == NULL)
    return NAN;
  value = last[3 + 3 * slot + what];
  return what == 1 ? value * 1e3 : value;
}

/* Column `col` of the frames, scaled, decimated to `stride` frames. */
static double *
column (const GPtrArray *frames,
        guint            stride,
        guint            col,
        double           scale,
        guint           *n_out)
{
  guint m = (frames->len + stride - 1) / stride;
  double *out = g_new (double, m);

  for (guint i = 0; i < m; i++)
    out[i] = ((const double *) frames->pdata[(gsize) i * stride])[col] * scale;
  *n_out = m;
  return out;
}

void
sl_plot_view_draw (SlPlotView *self,
                   cairo_t    *cr,
                   double      width,
                   double      height,
                   gboolean    dark)
{
  static const char *titles[3] = { "Membrane potential", "Spine-head calcium", "Synaptic weight" };
  static const char *y_labels[3] = { "V (mV)", "[Ca] (µM)", "w" };
  const double *last;
  g_autoptr(GPtrArray) frames = NULL;
  guint stride, m = 0;
  double t_last, x_min, x_max, h3 = height / 3.0;
  g_autofree double *t = NULL;

  g_return_if_fail (SL_IS_PLOT_VIEW (self));

  /* Replay: only the frames up to the cursor, from the archive when the
   * cursor is older than the full-resolution window. */
  last = sl_trace_store_last (self->store);
  t_last = !isnan (self->cursor_t) ? self->cursor_t : last != NULL ? last[0] : 0;
  x_max = MAX (t_last, self->window_ms);
  x_min = x_max - self->window_ms;
  frames = sl_trace_store_collect (self->store, x_min, t_last);

  /* About two points per horizontal pixel are all a line can show. */
  stride = MAX (1u, (guint) ceil (frames->len / MAX (2.0 * width, 1.0)));
  t = column (frames, stride, 0, 1.0, &m);

  for (guint p = 0; p < 3; p++)
    {
      SlPlotSeries series[SL_RUNNER_MAX_WATCH + 1] = { 0 };
      double *ys[SL_RUNNER_MAX_WATCH + 1] = { NULL };
      SlPlot plot = { 0 };
      guint ns = 0;

      if (p == 0)
        {
          guint mm;

          ys[ns] = column (frames, stride, 2, 1.0, &mm);
          series[ns] = (SlPlotSeries) { .label = "soma", .x = t, .y = ys[ns], .n = m,
                                        .rgb = { dark ? 0.85 : 0.2, dark ? 0.85 : 0.2, dark ? 0.85 : 0.2 } };
          ns++;
        }
      for (guint k = 0; k < self->n_watched; k++)
        {
          guint mm;

          ys[ns] = column (frames, stride, 3 + 3 * k + p, p == 1 ? 1e3 : 1.0, &mm);
          series[ns] = (SlPlotSeries) { .label = self->labels[k], .x = t, .y = ys[ns], .n = m };
          memcpy (series[ns].rgb, slot_rgb[k], sizeof series[ns].rgb);
          ns++;
        }

      plot.title = titles[p];
      plot.x_label = p == 2 ? "t (ms)" : NULL;
      plot.y_label = y_labels[p];
      plot.x_min = x_min;
      plot.x_max = x_max;
      plot.series = series;
      plot.n_series = ns;
      plot.dark = dark;
      plot.legend = ns > 0;
      plot.zero_line = NAN;
      if (p == 1 || p == 2)
        {
          /* Empty or flat data still gets a sensible frame. */
          plot.y_min = 0;
          plot.y_max = 0;
        }
      if (ns > 0 || p == 0)
        sl_plot_draw (cr, &plot, 0, p * h3, width, h3);
      else
        {
          plot.legend = FALSE;
          plot.y_min = 0.0;
          plot.y_max = 1.0;
          sl_plot_draw (cr, &plot, 0, p * h3, width, h3);
          sl_plot_text (cr, "Select a spine to see its traces", width / 2, p * h3 + h3 / 2,
                        10, 0.5, 0.5, 0);
        }
      for (guint k = 0; k < ns; k++)
        g_free (ys[k]);
    }
}

static gboolean
is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  /* Light text means a dark theme. */
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
sl_plot_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SlPlotView *self = SL_PLOT_VIEW (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (w < 10 || h < 10)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  sl_plot_view_draw (self, cr, w, h, is_dark (widget));
  cairo_destroy (cr);
}

static void
sl_plot_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  /* 84 px a plot: with the timeline's four compact rows above it the
   * panel keeps the height it had with three (sl-workbench.c). */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 252;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 360;
}

static void
sl_plot_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (sl_plot_view_parent_class)->map (widget);
  update_tick (SL_PLOT_VIEW (widget));
}

static void
sl_plot_view_unmap (GtkWidget *widget)
{
  SlPlotView *self = SL_PLOT_VIEW (widget);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }
  GTK_WIDGET_CLASS (sl_plot_view_parent_class)->unmap (widget);
}

static void
sl_plot_view_finalize (GObject *object)
{
  SlPlotView *self = SL_PLOT_VIEW (object);

  sl_trace_store_free (self->store);
  g_free (self->pop);
  for (guint k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    g_free (self->labels[k]);
  G_OBJECT_CLASS (sl_plot_view_parent_class)->finalize (object);
}

static void
sl_plot_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlPlotView *self = SL_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_WINDOW_MS:
      g_value_set_double (value, self->window_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_plot_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlPlotView *self = SL_PLOT_VIEW (object);

  switch (prop_id)
    {
    case PROP_WINDOW_MS:
      sl_plot_view_set_window_ms (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_plot_view_class_init (SlPlotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sl_plot_view_finalize;
  object_class->get_property = sl_plot_view_get_property;
  object_class->set_property = sl_plot_view_set_property;
  widget_class->snapshot = sl_plot_view_snapshot;
  widget_class->measure = sl_plot_view_measure;
  widget_class->map = sl_plot_view_map;
  widget_class->unmap = sl_plot_view_unmap;

  props[PROP_WINDOW_MS] =
    g_param_spec_double ("window-ms", NULL, NULL, 1.0, 1e6, 500.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_set_css_name (widget_class, "slplotview");
}

static void
sl_plot_view_init (SlPlotView *self)
{
  self->store = sl_trace_store_new (FRAME, SL_TRACE_STORE_DEFAULT_ARCHIVE);
  self->pop = g_new (double, (gsize) POP_CHUNK * FRAME);
  self->run = NAN;
  self->window_ms = 500.0;
  self->cursor_t = NAN;
  for (guint k = 0; k < SL_RUNNER_MAX_WATCH; k++)
    self->watched[k] = -1;
}

GtkWidget *
sl_plot_view_new (void)
{
  return g_object_new (SL_TYPE_PLOT_VIEW, NULL);
}
