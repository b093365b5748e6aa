/* sl-sweep-plot.c: a sweep drawn with sl_plot_draw (sl-sweep-plot.h). */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-figure.h"
#include "sl-plot.h"
#include "sl-sweep-plot.h"

static const double palette[][3] = {
  { 0.84, 0.19, 0.15 }, { 0.13, 0.40, 0.67 }, { 0.20, 0.60, 0.25 },
  { 0.55, 0.30, 0.65 }, { 0.90, 0.55, 0.10 }, { 0.35, 0.35, 0.35 },
};

/* Series for the columns ending in `suffix` (at most 6); `fallback`
 * when none does. */
static guint
pick_series (const SlSweepResult *r,
             const char          *suffix,
             const char          *fallback,
             SlPlotSeries        *series,
             char               **labels)
{
  guint n = 0, stride = 1 + r->n_columns;

  for (guint c = 0; c < r->n_columns && n < G_N_ELEMENTS (palette); c++)
    if (g_str_has_suffix (r->columns[c], suffix))
      {
        labels[n] = g_strndup (r->columns[c], strlen (r->columns[c]) - strlen (suffix));
        series[n] = (SlPlotSeries) {
          .label = labels[n], .x = r->data, .y = r->data + 1 + c, .n = r->n_points,
          .x_stride = stride, .y_stride = stride,
          .rgb = { palette[n][0], palette[n][1], palette[n][2] },
        };
        n++;
      }
  if (n == 0 && fallback != NULL)
    {
      int c = sl_sweep_result_column (r, fallback);

      if (c >= 0)
        {
          labels[0] = g_strdup ("mean over the cell");
          series[0] = (SlPlotSeries) {
            .label = labels[0], .x = r->data, .y = r->data + 1 + c, .n = r->n_points,
            .x_stride = stride, .y_stride = stride, .rgb = { 0.35, 0.35, 0.35 },
          };
          n = 1;
        }
    }
  return n;
}

/* The axis label of a parameter: the shortcuts with their unit. */
static const char *
param_label (const char *param)
{
  static const struct { const char *param, *label; } known[] = {
    { "delta_t", "Δt = t_post − t_pre (ms)" }, { "frequency", "frequency (Hz)" },
    { "spine_distance", "distance between the spines (µm)" },
    { "ca_o", "[Ca]ₒ (mM)" }, { "model.ca_o", "[Ca]ₒ (mM)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    if (strcmp (known[i].param, param) == 0)
      return known[i].label;
  return param;
}

void
sl_sweep_plot_draw (cairo_t             *cr,
                    const SlSweepResult *result,
                    const char          *title,
                    gboolean             dark,
                    double               x,
                    double               y,
                    double               width,
                    double               height)
{
  SlPlotSeries series[G_N_ELEMENTS (palette)];
  char *labels[G_N_ELEMENTS (palette)] = { NULL };
  SlPlot plot = { 0 };
  guint n;
  double top = height * 0.55;

  n = pick_series (result, ":w_ratio", "mean_w_ratio", series, labels);
  plot.title = title;
  plot.x_label = param_label (result->param);
  plot.y_label = "w/w₀";
  plot.series = series;
  plot.n_series = n;
  plot.dark = dark;
  plot.legend = n > 0;
  plot.zero_line = 1.0;
  sl_plot_draw (cr, &plot, x, y, width, top);
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&labels[i], g_free);

  n = pick_series (result, ":ca_peak_uM", NULL, series, labels);
  if (n == 0)
    {
      int c = sl_sweep_result_column (result, "soma_spikes");
      guint stride = 1 + result->n_columns;

      series[0] = (SlPlotSeries) {
        .label = "somatic spikes", .x = result->data, .y = result->data + 1 + c,
        .n = result->n_points, .x_stride = stride, .y_stride = stride, .rgb = { 0.2, 0.2, 0.2 },
      };
      n = 1;
      plot.y_label = "somatic spikes";
    }
  else
    plot.y_label = "peak [Ca] (µM)";
  plot.title = NULL;
  plot.series = series;
  plot.n_series = n;
  plot.zero_line = NAN;
  sl_plot_draw (cr, &plot, x, y + top, width, height - top);
  for (guint i = 0; i < n; i++)
    g_free (labels[i]);
}

typedef struct
{
  const SlSweepResult *result;
  const char          *title;
} Args;

static void
draw_page (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data)
{
  const Args *a = data;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  sl_sweep_plot_draw (cr, a->result, a->title, FALSE, 10, 10, width - 20, height - 20);
}

gboolean
sl_sweep_plot_write (const SlSweepResult *result,
                     const char          *title,
                     const char          *path,
                     double               width,
                     double               height,
                     GError             **error)
{
  Args a = { result, title };

  return sl_figure_write_drawing (path, width, height, draw_page, &a, error);
}
