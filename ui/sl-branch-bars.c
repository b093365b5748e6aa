/* sl-branch-bars.c: Δw of the spines of a branch, by path distance. */
#include "sl-config.h"

#include <math.h>

#include "sl-branch-bars.h"
#include "sl-plot.h"

struct _SlBranchBars
{
  GtkWidget  parent_instance;

  SlModel   *model;     /* owned reference, NULL when empty */
  int        section;   /* −1: every spine */
  GArray    *spines;    /* (int) spine indices sorted by path distance */
  double    *x;         /* (spines->len) path distance, µm */
  double    *y;         /* (spines->len) Δw */
};

G_DEFINE_FINAL_TYPE (SlBranchBars, sl_branch_bars, GTK_TYPE_WIDGET)

gboolean *
sl_branch_sections (const SlModel *model,
                    int            section)
{
  gboolean *mask = g_new0 (gboolean, MAX (model->n_sections, 1));

  if (section < 0 || section >= model->n_sections)
    {
      for (int s = 0; s < model->n_sections; s++)
        mask[s] = TRUE;
      return mask;
    }
  /* Distal: sections are ordered parent < child, so one forward pass. */
  mask[section] = TRUE;
  for (int s = section + 1; s < model->n_sections; s++)
    if (model->sections[s].parent >= 0 && mask[model->sections[s].parent])
      mask[s] = TRUE;
  /* Proximal, up to but not including the soma. */
  for (int s = model->sections[section].parent; s >= 0; s = model->sections[s].parent)
    if (s != model->soma_section)
      mask[s] = TRUE;
  return mask;
}

static const SlModel *sort_model;

static int
compare_distance (gconstpointer a,
                  gconstpointer b)
{
  double da = sort_model->distance[sort_model->spine_node[*(const int *) a]];
  double db = sort_model->distance[sort_model->spine_node[*(const int *) b]];

  return (da > db) - (da < db);
}

void
sl_branch_bars_set_branch (SlBranchBars *self,
                           SlModel      *model,
                           int           section)
{
  g_autofree gboolean *mask = NULL;

  g_return_if_fail (SL_IS_BRANCH_BARS (self));

  if (model != NULL)
    sl_model_ref (model);
  g_clear_pointer (&self->model, sl_model_unref);
  self->model = model;
  self->section = section;
  g_array_set_size (self->spines, 0);
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);

  if (model != NULL)
    {
      mask = sl_branch_sections (model, section);
      for (int k = 0; k < model->n_spines; k++)
        if (model->spine_section[k] >= 0 && mask[model->spine_section[k]])
          g_array_append_val (self->spines, k);
      /* g_array_sort has no user data in GLib 2.74; the model pointer is
       * only read during this call on the main thread. */
      sort_model = model;
      g_array_sort (self->spines, compare_distance);
      sort_model = NULL;
      self->x = g_new (double, MAX (self->spines->len, 1));
      self->y = g_new0 (double, MAX (self->spines->len, 1));
      for (guint i = 0; i < self->spines->len; i++)
        self->x[i] = model->distance[model->spine_node[g_array_index (self->spines, int, i)]];
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_branch_bars_update (SlBranchBars *self,
                       const float  *dw,
                       int           n_spines)
{
  g_return_if_fail (SL_IS_BRANCH_BARS (self));

  if (self->model == NULL || dw == NULL || n_spines != self->model->n_spines)
    return;
  for (guint i = 0; i < self->spines->len; i++)
    self->y[i] = dw[g_array_index (self->spines, int, i)];
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sl_branch_bars_get_n_spines (SlBranchBars  *self,
                             const int    **spines)
{
  g_return_val_if_fail (SL_IS_BRANCH_BARS (self), 0);
  if (spines != NULL)
    *spines = (const int *) (gpointer) self->spines->data;
  return self->spines->len;
}

void
sl_branch_bars_draw (SlBranchBars *self,
                     cairo_t      *cr,
                     double        width,
                     double        height,
                     gboolean      dark)
{
  SlPlot frame = { 0 };
  guint n = self->spines->len;
  double x_max = 1, y_abs = 0, bar;

  for (guint i = 0; i < n; i++)
    {
      x_max = MAX (x_max, self->x[i]);
      if (isfinite (self->y[i]))
        y_abs = MAX (y_abs, fabs (self->y[i]));
    }
  /* A symmetric range keeps zero in the middle; 0.01 is the smallest
   * change worth a full-height bar. */
  y_abs = MAX (y_abs * 1.1, 0.01);
  frame.title = self->section >= 0 ? "Δw along the branch" : "Δw of all spines";
  frame.x_label = "path distance (µm)";
  frame.y_label = "Δw";
  frame.x_min = 0;
  frame.x_max = x_max * 1.02;
  frame.y_min = -y_abs;
  frame.y_max = y_abs;
  frame.dark = dark;
  frame.zero_line = 0;
  /* Bars at least a pixel wide, at most 3 µm. */
  bar = MIN (3.0, MAX (x_max / MAX (width, 1.0), x_max / MAX (n * 1.5, 1.0)));
  sl_plot_draw_bars (cr, &frame, self->x, self->y, NULL, n, bar, 0, 0, width, height);
  if (n == 0)
    sl_plot_text (cr, self->model == NULL ? "No model" : "No spines on this branch",
                  width / 2, height / 2, 10, 0.5, 0.5, 0);
}

static void
sl_branch_bars_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (w < 10 || h < 10)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  sl_branch_bars_draw (SL_BRANCH_BARS (widget), cr, w, h,
                       0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5);
  cairo_destroy (cr);
}

static void
sl_branch_bars_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 200 : 100;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 160;
}

static void
sl_branch_bars_finalize (GObject *object)
{
  SlBranchBars *self = SL_BRANCH_BARS (object);

  g_clear_pointer (&self->model, sl_model_unref);
  g_array_unref (self->spines);
  g_free (self->x);
  g_free (self->y);
  G_OBJECT_CLASS (sl_branch_bars_parent_class)->finalize (object);
}

static void
sl_branch_bars_class_init (SlBranchBarsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_branch_bars_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = sl_branch_bars_snapshot;
  GTK_WIDGET_CLASS (klass)->measure = sl_branch_bars_measure;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "slbranchbars");
}

static void
sl_branch_bars_init (SlBranchBars *self)
{
  self->spines = g_array_new (FALSE, FALSE, sizeof (int));
  self->section = -1;
}

GtkWidget *
sl_branch_bars_new (void)
{
  return g_object_new (SL_TYPE_BRANCH_BARS, NULL);
}
