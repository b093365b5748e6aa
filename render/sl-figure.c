/* sl-figure.c: vector morphology, colour bars and composed figures. */
#include "sl-figure.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "sl-plot.h"
#include "sl-state.h"

typedef struct
{
  double x0, y0, x1, y1;   /* projected ends, µm */
  double depth;            /* mean depth, larger = nearer */
  double diam;             /* µm */
  float  value;
} Stroke;

static void
project (const SlMorphologyStyle *style,
         const double             p[3],
         double                   out[3])
{
  double cy = cos (style->yaw), sy = sin (style->yaw);
  double cp = cos (style->pitch), sp = sin (style->pitch);
  double x = cy * p[0] + sy * p[2];
  double z = -sy * p[0] + cy * p[2];
  double y = cp * p[1] - sp * z;

  out[0] = x;
  out[1] = y;
  out[2] = sp * p[1] + cp * z;
}

static int
compare_depth (gconstpointer a,
               gconstpointer b)
{
  const Stroke *sa = a, *sb = b;

  return (sa->depth > sb->depth) - (sa->depth < sb->depth);
}

static void
value_colour (const SlMorphologyStyle *style,
              float                    value,
              double                   rgb[3])
{
  guint8 c[4];

  if (isnan (value))
    {
      double g = style->dark ? 0.55 : 0.45;
      rgb[0] = rgb[1] = rgb[2] = g;
      return;
    }
  sl_colormap_map (style->map, (float) ((value - style->vmin) / (style->vmax - style->vmin)), c);
  for (int k = 0; k < 3; k++)
    rgb[k] = c[k] / 255.0;
}

void
sl_figure_draw_morphology (cairo_t                 *cr,
                           const SlModel           *model,
                           const SlMorphologyStyle *style,
                           double                   x,
                           double                   y,
                           double                   width,
                           double                   height)
{
  g_autoptr(GArray) strokes = g_array_new (FALSE, FALSE, sizeof (Stroke));
  double lo[2] = { INFINITY, INFINITY }, hi[2] = { -INFINITY, -INFINITY };
  double scale, ox, oy, spine_d;
  g_autofree double *spine_proj = g_new (double, 3 * (gsize) MAX (model->n_spines, 1));

  for (int s = 0; s < model->n_sections; s++)
    {
      const SlModelSection *sec = &model->sections[s];
      const double *pt = model->pt3d + 4 * (gsize) sec->pt_offset;
      double arc = 0;

      for (int i = 0; i + 1 < sec->n_pt; i++)
        {
          double a[3], b[3];
          double seg = sqrt ((pt[4 * (i + 1)] - pt[4 * i]) * (pt[4 * (i + 1)] - pt[4 * i]) +
                             (pt[4 * (i + 1) + 1] - pt[4 * i + 1]) * (pt[4 * (i + 1) + 1] - pt[4 * i + 1]) +
                             (pt[4 * (i + 1) + 2] - pt[4 * i + 2]) * (pt[4 * (i + 1) + 2] - pt[4 * i + 2]));
          double xmid = sec->length > 0 ? (arc + seg / 2) / sec->length : 0.5;
          int node = sec->first_node + MIN (sec->nseg - 1, (int) (xmid * sec->nseg));
          Stroke st;

          project (style, &pt[4 * i], a);
          project (style, &pt[4 * (i + 1)], b);
          st.x0 = a[0]; st.y0 = a[1]; st.x1 = b[0]; st.y1 = b[1];
          st.depth = (a[2] + b[2]) / 2;
          st.diam = (pt[4 * i + 3] + pt[4 * (i + 1) + 3]) / 2;
          st.value = style->node_values ? style->node_values[node] : NAN;
          g_array_append_val (strokes, st);
          /* The stroke's half width counts: a soma is a thick, short
           * stroke whose ends alone would put half of it off the page. */
          lo[0] = MIN (lo[0], MIN (a[0], b[0]) - st.diam / 2);
          lo[1] = MIN (lo[1], MIN (a[1], b[1]) - st.diam / 2);
          hi[0] = MAX (hi[0], MAX (a[0], b[0]) + st.diam / 2);
          hi[1] = MAX (hi[1], MAX (a[1], b[1]) + st.diam / 2);
          arc += seg;
        }
    }
  for (int k = 0; k < model->n_spines; k++)
    project (style, &model->spine_xyz[3 * k], &spine_proj[3 * k]);

  if (strokes->len == 0)
    return;

  g_array_sort (strokes, compare_depth);

  cairo_save (cr);
  if (style->um_per_unit > 0)
    {
      double c[3];

      project (style, style->center, c);
      scale = 1.0 / style->um_per_unit;
      ox = x + width / 2 - scale * c[0];
      oy = y + height / 2 + scale * c[1];
      cairo_rectangle (cr, x, y, width, height);
      cairo_clip (cr);
    }
  else
    {
      /* Fit with a 4 % margin; y grows upwards in the cell, downwards on paper. */
      scale = MIN (width * 0.92 / MAX (hi[0] - lo[0], 1e-6), height * 0.92 / MAX (hi[1] - lo[1], 1e-6));
      ox = x + width / 2 - scale * (lo[0] + hi[0]) / 2;
      oy = y + height / 2 + scale * (lo[1] + hi[1]) / 2;
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < strokes->len; i++)
    {
      const Stroke *st = &g_array_index (strokes, Stroke, i);
      double rgb[3];

      value_colour (style, st->value, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_set_line_width (cr, MAX (st->diam * scale, style->min_stroke > 0 ? style->min_stroke : 0.6));
      cairo_move_to (cr, ox + scale * st->x0, oy - scale * st->y0);
      cairo_line_to (cr, ox + scale * st->x1, oy - scale * st->y1);
      cairo_stroke (cr);
    }

  /* Spines on top, so that a coloured spine is never hidden by its dendrite. */
  spine_d = MAX ((style->spine_scale > 0 ? style->spine_scale : 2.5) * scale,
                 style->min_spine > 0 ? style->min_spine : 2.2);
  for (int k = 0; k < model->n_spines; k++)
    {
      double rgb[3];
      float v = style->spine_values ? style->spine_values[k]
                : style->node_values ? style->node_values[model->n_cable + 2 * k + 1] : NAN;

      value_colour (style, v, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_arc (cr, ox + scale * spine_proj[3 * k], oy - scale * spine_proj[3 * k + 1],
                 spine_d / 2, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      cairo_set_line_width (cr, 0.4);
      cairo_stroke (cr);
    }

  /* Scale bar: a round length near a fifth of the drawing. */
  {
    double um = sl_plot_nice_step (width / scale, 5);
    double bx = x + 0.04 * width, by = y + height - 0.03 * height;
    char label[32];
    double fg = style->dark ? 0.88 : 0.15;

    cairo_set_source_rgb (cr, fg, fg, fg);
    cairo_set_line_width (cr, 2);
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
    cairo_move_to (cr, bx, by);
    cairo_line_to (cr, bx + um * scale, by);
    cairo_stroke (cr);
    g_snprintf (label, sizeof label, "%g µm", um);
    sl_plot_text (cr, label, bx + um * scale / 2, by - 3, 9, 0.5, 1, 0);
  }
  cairo_restore (cr);
}

void
sl_figure_draw_colorbar (cairo_t    *cr,
                         SlColormap  map,
                         double      vmin,
                         double      vmax,
                         const char *label,
                         gboolean    dark,
                         double      x,
                         double      y,
                         double      width,
                         double      height)
{
  cairo_pattern_t *pat = cairo_pattern_create_linear (0, y + height, 0, y);
  double fg = dark ? 0.88 : 0.15;
  double step = sl_plot_nice_step (vmax - vmin, 5);
  double bar_w = MIN (width * 0.35, 14);

  for (int i = 0; i <= 32; i++)
    {
      guint8 c[4];
      sl_colormap_map (map, i / 32.f, c);
      cairo_pattern_add_color_stop_rgb (pat, i / 32.0, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0);
    }
  cairo_save (cr);
  cairo_rectangle (cr, x, y, bar_w, height);
  cairo_set_source (cr, pat);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, fg, fg, fg);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  cairo_pattern_destroy (pat);

  if (vmax > vmin)
    for (double v = ceil (vmin / step - 1e-9) * step; v <= vmax + 1e-9 * step; v += step)
      {
        double py = y + height - (v - vmin) / (vmax - vmin) * height;
        char buf[32];

        cairo_move_to (cr, x + bar_w, py);
        cairo_line_to (cr, x + bar_w + 3, py);
        cairo_stroke (cr);
        g_snprintf (buf, sizeof buf, "%g", fabs (v) < step * 1e-6 ? 0.0 : v);
        sl_plot_text (cr, buf, x + bar_w + 5, py, 8.5, 0, 0.5, 0);
      }
  if (label)
    sl_plot_text (cr, label, x, y - 4, 9, 0, 1, 0);
  cairo_restore (cr);
}

gboolean
sl_figure_color_from_string (const char    *name,
                             SlFigureColor *color)
{
  static const struct { const char *name; SlFigureColor color; } names[] = {
    { "dw", SL_FIGURE_COLOR_DW }, { "w", SL_FIGURE_COLOR_W },
    { "ca", SL_FIGURE_COLOR_CA }, { "v", SL_FIGURE_COLOR_V },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *color = names[i].color;
        return TRUE;
      }
  return FALSE;
}

/* Series colours: Okabe–Ito, distinguishable with common colour blindness. */
static const double palette[][3] = {
  { 0.000, 0.447, 0.698 }, { 0.835, 0.369, 0.000 }, { 0.000, 0.620, 0.451 },
  { 0.800, 0.475, 0.655 }, { 0.941, 0.894, 0.259 }, { 0.337, 0.706, 0.914 },
  { 0.902, 0.624, 0.000 }, { 0.0, 0.0, 0.0 },
};

typedef struct
{
  SlRecordVariable var;
  const char      *label;
  double           scale;   /* from the recorder's unit to the plotted one */
} VarKind;

static const VarKind var_kinds[] = {
  { SL_REC_V, "V (mV)", 1 },
  { SL_REC_CA, "[Ca] (µM)", 1e3 },
  { SL_REC_W, "w", 1 },
  { SL_REC_DW, "Δw", 1 },
  { SL_REC_RHO, "ρ", 1 },
  { SL_REC_G_AMPA, "g (nS)", 1e3 },
  { SL_REC_G_NMDA, "g (nS)", 1e3 },
  { SL_REC_I_AMPA, "I (pA)", 1e3 },
  { SL_REC_I_NMDA, "I (pA)", 1e3 },
  { SL_REC_I_CA, "I (pA)", 1e3 },
};

static const VarKind *
var_kind (SlRecordVariable var)
{
  for (gsize i = 0; i < G_N_ELEMENTS (var_kinds); i++)
    if (var_kinds[i].var == var)
      return &var_kinds[i];
  return &var_kinds[0];
}

static void
panel_letter (cairo_t    *cr,
              const char *letter,
              double      x,
              double      y)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  sl_plot_text (cr, letter, x, y, 16, 0, 0, 0);
  cairo_restore (cr);
}

void
sl_figure_compose (cairo_t            *cr,
                   double              width,
                   double              height,
                   const char         *title,
                   const SlSessionRun *run,
                   SlFigureColor       color)
{
  const SlModel *model = run->model;
  const SlState *state = run->state;
  const double *w0 = run->w0;
  const SlRecorder *recorder = run->recorder;
  const SlProtocol *protocol = run->protocol;
  SlMorphologyStyle style = { 0 };
  g_autofree float *node_values = NULL;
  g_autofree float *spine_values = NULL;
  const char *bar_label = "";
  double left_w = width * 0.46, top = title ? 34 : 10;
  int n_groups = 0;
  SlRecordVariable groups[G_N_ELEMENTS (var_kinds)];

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (title)
    sl_plot_text (cr, title, 14, 8, 14, 0, 0, 0);

  /* Panel A: the morphology. */
  style.yaw = 0;
  style.pitch = 0;
  style.map = SL_COLORMAP_VIRIDIS;
  switch (color)
    {
    case SL_FIGURE_COLOR_DW:
    case SL_FIGURE_COLOR_W:
      {
        double span = 0;

        spine_values = g_new (float, MAX (model->n_spines, 1));
        for (int k = 0; k < model->n_spines; k++)
          {
            double v = color == SL_FIGURE_COLOR_DW ? state->w[k] - w0[k] : state->w[k];
            spine_values[k] = (float) v;
            span = MAX (span, fabs (v));
          }
        style.spine_values = spine_values;
        if (color == SL_FIGURE_COLOR_DW)
          {
            span = span > 0 ? span : 1;
            style.map = SL_COLORMAP_COOLWARM;
            style.vmin = -span;
            style.vmax = span;
            bar_label = "Δw";
          }
        else
          {
            style.vmin = 0;
            style.vmax = MAX (span, 1e-9);
            bar_label = "w";
          }
      }
      break;
    case SL_FIGURE_COLOR_CA:
    case SL_FIGURE_COLOR_V:
    default:
      {
        double lo = INFINITY, hi = -INFINITY;

        node_values = g_new (float, model->n_nodes);
        for (int i = 0; i < model->n_nodes; i++)
          {
            double v = color == SL_FIGURE_COLOR_V ? state->v[i] : state->ca_node[i] * 1e3;
            node_values[i] = (float) v;
            lo = MIN (lo, v);
            hi = MAX (hi, v);
          }
        if (color != SL_FIGURE_COLOR_V)
          for (int k = 0; k < model->n_spines; k++)
            {
              node_values[model->n_cable + 2 * k + 1] = (float) (state->ca_head[k] * 1e3);
              hi = MAX (hi, state->ca_head[k] * 1e3);
            }
        style.node_values = node_values;
        style.vmin = lo;
        style.vmax = hi > lo ? hi : lo + 1;
        bar_label = color == SL_FIGURE_COLOR_V ? "V (mV)" : "[Ca] (µM)";
      }
      break;
    }

  panel_letter (cr, "A", 10, top);
  sl_figure_draw_morphology (cr, model, &style, 24, top + 20, left_w - 90, height - top - 40);
  /* A cell without spines has nothing to colour by w or Δw: no colour bar
   * for a scale that colours nothing. */
  if (style.node_values != NULL || model->n_spines > 0)
    sl_figure_draw_colorbar (cr, style.map, style.vmin, style.vmax, bar_label, FALSE,
                             left_w - 58, top + 60, 50, MIN (240, height - top - 120));

  /* Panel B: recordings grouped by variable kind, one plot each. */
  if (recorder != NULL && protocol != NULL)
    for (int c = 0; c < recorder->n_columns; c++)
      {
        SlRecordVariable var = protocol->recordings[c].variable;
        gboolean seen = FALSE;
        for (int g = 0; g < n_groups; g++)
          seen |= groups[g] == var;
        if (!seen && n_groups < (int) G_N_ELEMENTS (groups))
          groups[n_groups++] = var;
      }

  panel_letter (cr, "B", left_w + 4, top);
  if (n_groups == 0)
    sl_plot_text (cr, "no recordings in this session", left_w + 40, top + 40, 11, 0, 0, 0);

  for (int g = 0; g < n_groups; g++)
    {
      const VarKind *kind = var_kind (groups[g]);
      g_autoptr(GArray) series = g_array_new (FALSE, TRUE, sizeof (SlPlotSeries));
      g_autoptr(GPtrArray) scaled = g_ptr_array_new_with_free_func (g_free);
      double ph = (height - top - 20) / n_groups;
      SlPlot plot = { 0 };
      int stride = 1 + recorder->n_columns;
      int n_in_group = 0;

      for (int c = 0; c < recorder->n_columns; c++)
        n_in_group += protocol->recordings[c].variable == groups[g];
      for (int c = 0; c < recorder->n_columns; c++)
        {
          SlPlotSeries ser = { 0 };
          double *ys;

          if (protocol->recordings[c].variable != groups[g])
            continue;
          ys = g_new (double, MAX (recorder->n_rows, 1));
          for (int r = 0; r < recorder->n_rows; r++)
            ys[r] = recorder->data[(gsize) r * stride + 1 + c] * kind->scale;
          g_ptr_array_add (scaled, ys);
          ser.label = recorder->names[c];
          ser.x = recorder->data;
          ser.x_stride = stride;
          ser.y = ys;
          ser.n = recorder->n_rows;
          /* More series than distinguishable colours are usually an ordered
           * family (V at 0, 100, … 800 µm): a sequential map keeps each one
           * apart and shows the order. */
          if (n_in_group > (int) G_N_ELEMENTS (palette))
            {
              guint8 rgba[4];

              sl_colormap_map (SL_COLORMAP_VIRIDIS, 0.9f * series->len / (n_in_group - 1.0f), rgba);
              for (int i = 0; i < 3; i++)
                ser.rgb[i] = rgba[i] / 255.0;
            }
          else
            memcpy (ser.rgb, palette[series->len % G_N_ELEMENTS (palette)], sizeof ser.rgb);
          g_array_append_val (series, ser);
        }
      plot.x_label = g == n_groups - 1 ? "t (ms)" : NULL;
      plot.y_label = kind->label;
      plot.series = (SlPlotSeries *) series->data;
      plot.n_series = series->len;
      plot.legend = TRUE;
      plot.zero_line = groups[g] == SL_REC_DW ? 0 : NAN;
      sl_plot_draw (cr, &plot, left_w + 10, top + 14 + g * ph, width - left_w - 20, ph - 6);
    }
  cairo_restore (cr);
}

typedef struct
{
  const char         *title;
  const SlSessionRun *run;
  SlFigureColor       color;
} ComposeArgs;

static void
compose_cb (cairo_t  *cr,
            double    width,
            double    height,
            gpointer  data)
{
  const ComposeArgs *a = data;

  sl_figure_compose (cr, width, height, a->title, a->run, a->color);
}

gboolean
sl_figure_write (const char         *path,
                 double              width,
                 double              height,
                 const char         *title,
                 const SlSessionRun *run,
                 SlFigureColor       color,
                 GError            **error)
{
  ComposeArgs args = { title, run, color };

  return sl_figure_write_drawing (path, width, height, compose_cb, &args, error);
}

gboolean
sl_figure_write_drawing (const char    *path,
                         double         width,
                         double         height,
                         SlFigureDrawFn draw,
                         gpointer       data,
                         GError       **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png = g_str_has_suffix (lower, ".png");

  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (2 * width), (int) (2 * height));
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (tmp, width, height);
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (tmp, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: unknown figure format (use .png, .svg or .pdf)", path);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, 2, 2);   /* 2× for print-quality bitmaps */
  draw (cr, width, height, data);
  cairo_destroy (cr);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, tmp);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* Written beside the target and renamed: never a half-written figure. */
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
