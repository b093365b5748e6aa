/* sl-view-overlay.c: the colour bar and the selected cable node over the
 * 3D view, the spines' values, selection and marks passed on to the view
 * (which draws the spines), and picking in screen space with the view's
 * camera: the nearest visible spine in depth, else the cable. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-figure.h"
#include "sl-view-overlay.h"

#define HEAD_MIN_PX   2.0  /* logical px: as spine-head.vert.glsl draws them */
#define PICK_SLACK_PX 4.0

struct _SlViewOverlay
{
  GtkWidget         parent_instance;

  SlMorphologyView *view;        /* weak: the overlay lives in the view's overlay */
  gulong            frame_handler;
  SlModel          *model;       /* owned reference */
  SlColormap        map;
  double            lo, hi;
  char             *label;
  SlSelectionKind   selection;
  int               index;
};

G_DEFINE_FINAL_TYPE (SlViewOverlay, sl_view_overlay, GTK_TYPE_WIDGET)

/* Where spine k's head is drawn, its depth and its radius on screen. */
static gboolean
project_head (SlViewOverlay *self,
              int            k,
              double        *x,
              double        *y,
              double        *depth,
              double        *r_px)
{
  const SlSpineInstance *sp;
  int n;
  double ppu;

  sp = sl_morphology_view_get_spines (self->view, &n);
  if (sp == NULL || k < 0 || k >= n
      || !sl_morphology_view_project (self->view, sp[k].head, x, y, depth, &ppu))
    return FALSE;
  *r_px = MAX (sp[k].head_r * ppu, HEAD_MIN_PX);
  if (self->selection == SL_SELECTION_SPINE && self->index == k)
    *r_px *= 1.5;
  return TRUE;
}

static double
head_radius (SlViewOverlay *self,
             int            k)
{
  int n;

  return sl_morphology_view_get_spines (self->view, &n)[k].head_r;
}

/* A head is hidden when cable or soma lies in front of its front surface
 * at its centre on screen. */
static gboolean
head_visible (SlViewOverlay *self,
              int            k,
              double         x,
              double         y,
              double         depth)
{
  return sl_morphology_view_cable_depth_at (self->view, x, y) >= depth - head_radius (self, k);
}

gboolean
sl_view_overlay_spine_position (SlViewOverlay *self,
                                int            spine,
                                double        *x,
                                double        *y)
{
  double depth, r;

  g_return_val_if_fail (SL_IS_VIEW_OVERLAY (self), FALSE);
  if (self->view == NULL || self->model == NULL)
    return FALSE;
  return project_head (self, spine, x, y, &depth, &r) && head_visible (self, spine, *x, *y, depth);
}

static double
segment_distance (double px, double py,
                  double ax, double ay,
                  double bx, double by)
{
  double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

SlSelectionKind
sl_view_overlay_pick (SlViewOverlay *self,
                      double         x,
                      double         y,
                      int           *index)
{
  const SlModel *m;
  int best = -1;
  double best_score = G_MAXDOUBLE, cable_here;

  g_return_val_if_fail (SL_IS_VIEW_OVERLAY (self), SL_SELECTION_NONE);
  *index = -1;
  if (self->view == NULL || self->model == NULL)
    return SL_SELECTION_NONE;
  m = self->model;

  /* Spines first: the nearest visible head to the eye among those under
   * the point, unless the cable under the point is nearer still. */
  cable_here = sl_morphology_view_cable_depth_at (self->view, x, y);
  for (int k = 0; k < m->n_spines; k++)
    {
      double sx, sy, depth, r;

      if (!project_head (self, k, &sx, &sy, &depth, &r)
          || hypot (sx - x, sy - y) > r + PICK_SLACK_PX || depth >= best_score
          || cable_here < depth - head_radius (self, k))
        continue;
      if (!head_visible (self, k, sx, sy, depth))
        continue;
      best = k;
      best_score = depth;
    }
  if (best >= 0)
    {
      *index = best;
      return SL_SELECTION_SPINE;
    }
  best = -1;
  best_score = G_MAXDOUBLE;

  /* Then the cable: the node whose piece (parent centre → own centre) is
   * nearest on screen, within its drawn radius plus slack. */
  for (int n = 0; n < m->n_cable; n++)
    {
      double ax, ay, bx, by, ppu, d;
      int parent = m->parent[n];
      float b[3], a[3];

      if (m->kind[n] == SL_NODE_JUNCTION)
        continue;
      for (int c = 0; c < 3; c++)
        b[c] = (float) m->xyz[3 * n + c];
      if (!sl_morphology_view_project (self->view, b, &bx, &by, NULL, &ppu))
        continue;
      if (parent >= 0)
        for (int c = 0; c < 3; c++)
          a[c] = (float) m->xyz[3 * parent + c];
      if (parent < 0 || !sl_morphology_view_project (self->view, a, &ax, &ay, NULL, NULL))
        {
          ax = bx;
          ay = by;
        }
      if (m->kind[n] == SL_NODE_SOMA)
        d = hypot (bx - x, by - y);
      else
        d = segment_distance (x, y, ax, ay, bx, by);
      d -= m->diam[n] / 2 * ppu;
      if (d <= PICK_SLACK_PX && d < best_score)
        {
          best = n;
          best_score = d;
        }
    }
  if (best < 0)
    return SL_SELECTION_NONE;
  *index = best;
  return m->kind[best] == SL_NODE_SOMA ? SL_SELECTION_SOMA : SL_SELECTION_NODE;
}

static void
sl_view_overlay_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SlViewOverlay *self = SL_VIEW_OVERLAY (widget);
  const SlModel *m = self->model;
  float width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;
  guint8 bg[3] = { 0, 0, 0 };
  gboolean dark;

  if (self->view == NULL || m == NULL || width < 1 || height < 1)
    return;
  sl_morphology_view_get_background (self->view, bg);
  dark = 0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2] < 128;

  /* Spines, their selection and stimulus marks are drawn by the view
   * itself (depth-tested); a selected cable node or soma is ringed here. */
  if (self->selection == SL_SELECTION_NODE || self->selection == SL_SELECTION_SOMA)
    {
      double sx, sy, ppu, r;
      float p[3];

      for (int c = 0; c < 3; c++)
        p[c] = (float) m->xyz[3 * self->index + c];
      if (sl_morphology_view_project (self->view, p, &sx, &sy, NULL, &ppu))
        {
          r = MAX (8, m->diam[self->index] / 2 * ppu + 5);
          cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
          cairo_arc (cr, sx, sy, r, 0, 2 * G_PI);
          cairo_set_line_width (cr, 3);
          cairo_set_source_rgb (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          cairo_stroke (cr);
          cairo_destroy (cr);
        }
    }

  if (self->label != NULL && height > 120)
    {
      float bar_h = MIN (220, height - 80);

      /* Only the colour bar's own area: a full-size cairo node would make
       * GTK composite the whole view through cairo every frame. */
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (width - 90, 10, 90, bar_h + 40));
      sl_figure_draw_colorbar (cr, self->map, self->lo, self->hi, self->label, dark,
                               width - 78, 24, 60, bar_h);
      cairo_destroy (cr);
    }
}

static void
frame_rendered (SlMorphologyView *view,
                SlViewOverlay    *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_model (SlViewOverlay *self,
                           SlModel       *model)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  if (model != NULL)
    sl_model_ref (model);
  g_clear_pointer (&self->model, sl_model_unref);
  self->model = model;
  self->selection = SL_SELECTION_NONE;
  self->index = -1;
  if (self->view != NULL)
    sl_morphology_view_set_spines (self->view, model);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_spine_values (SlViewOverlay *self,
                                  const float   *values,
                                  int            n)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  if (self->view != NULL)
    sl_morphology_view_set_spine_values (self->view, values, n);
}

void
sl_view_overlay_set_colorbar (SlViewOverlay *self,
                              SlColormap     map,
                              double         lo,
                              double         hi,
                              const char    *label)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  self->map = map;
  self->lo = lo;
  self->hi = hi > lo ? hi : lo + 1;
  if (g_strcmp0 (label, self->label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
    }
  if (self->view != NULL)
    sl_morphology_view_set_spine_colormap (self->view, map, (float) self->lo, (float) self->hi);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_selection (SlViewOverlay   *self,
                               SlSelectionKind  kind,
                               int              index)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));
  self->selection = self->model != NULL ? kind : SL_SELECTION_NONE;
  self->index = index;
  if (self->view != NULL)
    sl_morphology_view_set_spine_selected (self->view,
                                           self->selection == SL_SELECTION_SPINE ? index : -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_marked (SlViewOverlay  *self,
                            const gboolean *marked)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  if (self->view != NULL)
    sl_morphology_view_set_spine_marked (self->view, self->model != NULL ? marked : NULL,
                                         self->model != NULL ? self->model->n_spines : 0);
}

static void
sl_view_overlay_dispose (GObject *object)
{
  SlViewOverlay *self = SL_VIEW_OVERLAY (object);

  if (self->view != NULL)
    {
      g_clear_signal_handler (&self->frame_handler, self->view);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  G_OBJECT_CLASS (sl_view_overlay_parent_class)->dispose (object);
}

static void
sl_view_overlay_finalize (GObject *object)
{
  SlViewOverlay *self = SL_VIEW_OVERLAY (object);

  g_clear_pointer (&self->model, sl_model_unref);
  g_free (self->label);
  G_OBJECT_CLASS (sl_view_overlay_parent_class)->finalize (object);
}

static void
sl_view_overlay_class_init (SlViewOverlayClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sl_view_overlay_dispose;
  G_OBJECT_CLASS (klass)->finalize = sl_view_overlay_finalize;
  GTK_WIDGET_CLASS (klass)->snapshot = sl_view_overlay_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "slviewoverlay");
}

static void
sl_view_overlay_init (SlViewOverlay *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  self->map = SL_COLORMAP_VIRIDIS;
  self->lo = 0;
  self->hi = 1;
  self->selection = SL_SELECTION_NONE;
  self->index = -1;
}

GtkWidget *
sl_view_overlay_new (SlMorphologyView *view)
{
  SlViewOverlay *self = g_object_new (SL_TYPE_VIEW_OVERLAY, NULL);

  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  self->frame_handler = g_signal_connect (view, "frame-rendered", G_CALLBACK (frame_rendered), self);
  return GTK_WIDGET (self);
}
