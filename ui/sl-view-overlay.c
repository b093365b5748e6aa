/* sl-view-overlay.c: spines, selection, stimulus marks and colour bar
 * over the 3D view; picking in screen space with the view's camera. */
#include "sl-config.h"

#include <math.h>
#include <string.h>

#include "sl-figure.h"
#include "sl-view-overlay.h"

#define GOLDEN_ANGLE 2.399963229728653 /* rad: spreads spines around the shaft */
#define MIN_SPINE_PX 2.5
#define MAX_SPINE_PX 12.0
#define PICK_SLACK_PX 4.0

struct _SlViewOverlay
{
  GtkWidget         parent_instance;

  SlMorphologyView *view;        /* weak: the overlay lives in the view's overlay */
  gulong            frame_handler;
  SlModel          *model;       /* owned reference */
  float            *head;        /* (n_spines × 3) head centre, µm */
  float            *values;      /* (n_spines) or NULL */
  gboolean         *marked;      /* (n_spines) or NULL */
  SlColormap        map;
  double            lo, hi;
  char             *label;
  SlSelectionKind   selection;
  int               index;
};

G_DEFINE_FINAL_TYPE (SlViewOverlay, sl_view_overlay, GTK_TYPE_WIDGET)

/* Head centres: base on the dendrite, pushed out perpendicular to the
 * shaft by its radius, the neck and the head radius, at a golden-angle
 * turn per spine so that neighbours do not overlap. */
static void
place_heads (SlViewOverlay *self)
{
  const SlModel *m = self->model;

  g_clear_pointer (&self->head, g_free);
  if (m == NULL || m->n_spines == 0)
    return;
  self->head = g_new (float, 3 * (gsize) m->n_spines);
  for (int k = 0; k < m->n_spines; k++)
    {
      int node = m->spine_node[k], parent = m->parent[node];
      graphene_vec3_t axis, u, v, ref, dir;
      double r_head = cbrt (3 * m->spine_volume[k] / (4 * G_PI));
      double reach = m->diam[node] / 2 + m->spine_neck_length[k] + r_head;
      double th = k * GOLDEN_ANGLE;

      if (parent >= 0)
        graphene_vec3_init (&axis, m->xyz[3 * node] - m->xyz[3 * parent],
                            m->xyz[3 * node + 1] - m->xyz[3 * parent + 1],
                            m->xyz[3 * node + 2] - m->xyz[3 * parent + 2]);
      else
        graphene_vec3_init (&axis, 0, 1, 0);
      if (graphene_vec3_length (&axis) < 1e-6f)
        graphene_vec3_init (&axis, 0, 1, 0);
      graphene_vec3_normalize (&axis, &axis);
      graphene_vec3_init (&ref, 0, 0, 1);
      if (fabsf (graphene_vec3_dot (&axis, &ref)) > 0.9f)
        graphene_vec3_init (&ref, 1, 0, 0);
      graphene_vec3_cross (&axis, &ref, &u);
      graphene_vec3_normalize (&u, &u);
      graphene_vec3_cross (&axis, &u, &v);
      graphene_vec3_scale (&u, (float) cos (th), &u);
      graphene_vec3_scale (&v, (float) sin (th), &v);
      graphene_vec3_add (&u, &v, &dir);
      for (int c = 0; c < 3; c++)
        self->head[3 * k + c] = (float) (m->spine_xyz[3 * k + c]
                                         + reach * graphene_vec3_get_x (&dir) * (c == 0)
                                         + reach * graphene_vec3_get_y (&dir) * (c == 1)
                                         + reach * graphene_vec3_get_z (&dir) * (c == 2));
    }
}

typedef struct
{
  const SlCamera *camera;
  float           aspect, width, height;
  graphene_point3d_t eye;
  graphene_vec3_t forward;
  float           px_per_um_at_1;  /* pixels per µm at unit depth */
} Projector;

static gboolean
projector_init (SlViewOverlay *self,
                Projector     *p)
{
  graphene_vec3_t right, up;

  if (self->view == NULL || self->model == NULL)
    return FALSE;
  p->width = gtk_widget_get_width (GTK_WIDGET (self));
  p->height = gtk_widget_get_height (GTK_WIDGET (self));
  if (p->width < 1 || p->height < 1)
    return FALSE;
  p->camera = sl_morphology_view_get_camera (self->view);
  p->aspect = p->width / p->height;
  sl_camera_get_eye (p->camera, &p->eye);
  sl_camera_get_basis (p->camera, &right, &up, &p->forward);
  p->px_per_um_at_1 = p->height / (2 * tanf (p->camera->fov_y / 2));
  return TRUE;
}

/* Widget coordinates and pixels per µm of a world point; FALSE when it is
 * behind the eye or outside the depth range. */
static gboolean
project (const Projector *p,
         double           x,
         double           y,
         double           z,
         double          *sx,
         double          *sy,
         double          *px_per_um)
{
  graphene_point3d_t w = GRAPHENE_POINT3D_INIT ((float) x, (float) y, (float) z), ndc;
  graphene_vec3_t d;
  float depth;

  graphene_vec3_init (&d, w.x - p->eye.x, w.y - p->eye.y, w.z - p->eye.z);
  depth = graphene_vec3_dot (&d, &p->forward);
  if (depth <= 1e-3f)
    return FALSE;
  sl_camera_project (p->camera, p->aspect, &w, &ndc);
  if (ndc.z < -1 || ndc.z > 1)
    return FALSE;
  *sx = (ndc.x + 1) / 2 * p->width;
  *sy = (1 - ndc.y) / 2 * p->height;
  if (px_per_um != NULL)
    *px_per_um = p->px_per_um_at_1 / depth;
  return TRUE;
}

static double
head_radius_px (const SlModel *m,
                int            k,
                double         px_per_um)
{
  double r = cbrt (3 * m->spine_volume[k] / (4 * G_PI)) * px_per_um;

  return CLAMP (r, MIN_SPINE_PX, MAX_SPINE_PX);
}

gboolean
sl_view_overlay_spine_position (SlViewOverlay *self,
                                int            spine,
                                double        *x,
                                double        *y)
{
  Projector p;

  g_return_val_if_fail (SL_IS_VIEW_OVERLAY (self), FALSE);
  if (!projector_init (self, &p) || spine < 0 || spine >= self->model->n_spines)
    return FALSE;
  return project (&p, self->head[3 * spine], self->head[3 * spine + 1],
                  self->head[3 * spine + 2], x, y, NULL);
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
  Projector p;
  int best = -1;
  double best_score = G_MAXDOUBLE;

  g_return_val_if_fail (SL_IS_VIEW_OVERLAY (self), SL_SELECTION_NONE);
  *index = -1;
  if (!projector_init (self, &p))
    return SL_SELECTION_NONE;
  m = self->model;

  /* Spines first: the nearest head to the eye among those under the point. */
  for (int k = 0; k < m->n_spines; k++)
    {
      double sx, sy, ppu, d;

      if (!project (&p, self->head[3 * k], self->head[3 * k + 1], self->head[3 * k + 2], &sx, &sy, &ppu))
        continue;
      d = hypot (sx - x, sy - y);
      if (d <= head_radius_px (m, k, ppu) + PICK_SLACK_PX && 1 / ppu < best_score)
        {
          best = k;
          best_score = 1 / ppu;  /* ∝ depth */
        }
    }
  if (best >= 0)
    {
      *index = best;
      return SL_SELECTION_SPINE;
    }

  /* Then the cable: the node whose piece (parent centre → own centre) is
   * nearest on screen, within its drawn radius plus slack. */
  for (int n = 0; n < m->n_cable; n++)
    {
      double ax, ay, bx, by, ppu, d;
      int parent = m->parent[n];

      if (m->kind[n] == SL_NODE_JUNCTION)
        continue;
      if (!project (&p, m->xyz[3 * n], m->xyz[3 * n + 1], m->xyz[3 * n + 2], &bx, &by, &ppu))
        continue;
      if (parent < 0 || !project (&p, m->xyz[3 * parent], m->xyz[3 * parent + 1],
                                  m->xyz[3 * parent + 2], &ax, &ay, NULL))
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
  Projector p;
  cairo_t *cr;
  guint8 bg[3] = { 0, 0, 0 };
  gboolean dark;

  if (!projector_init (self, &p))
    return;
  sl_morphology_view_get_background (self->view, bg);
  dark = 0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2] < 128;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, p.width, p.height));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (int k = 0; k < m->n_spines; k++)
    {
      double bx, by, hx, hy, ppu, r;
      guint8 rgba[4] = { 150, 150, 150, 255 };

      if (!project (&p, self->head[3 * k], self->head[3 * k + 1], self->head[3 * k + 2], &hx, &hy, &ppu)
          || !project (&p, m->spine_xyz[3 * k], m->spine_xyz[3 * k + 1], m->spine_xyz[3 * k + 2], &bx, &by, NULL))
        continue;
      if (hx < -20 || hy < -20 || hx > p.width + 20 || hy > p.height + 20)
        continue;
      r = head_radius_px (m, k, ppu);
      if (self->values != NULL)
        sl_colormap_map (self->map, (float) ((self->values[k] - self->lo) / (self->hi - self->lo)), rgba);
      /* The neck, thin, then the head.  Zoomed out (thousands of spines)
       * a neck shorter than two pixels is not drawn and a small head is a
       * square: arcs and strokes dominate the frame in software. */
      if (hypot (hx - bx, hy - by) >= 2.0)
        {
          cairo_set_source_rgba (cr, 0.6, 0.6, 0.6, 0.8);
          cairo_set_line_width (cr, MAX (1.0, m->spine_neck_diam[k] * ppu));
          cairo_move_to (cr, bx, by);
          cairo_line_to (cr, hx, hy);
          cairo_stroke (cr);
        }
      if (r <= 3.0)
        cairo_rectangle (cr, hx - r, hy - r, 2 * r, 2 * r);
      else
        cairo_arc (cr, hx, hy, r, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, rgba[0] / 255.0, rgba[1] / 255.0, rgba[2] / 255.0);
      cairo_fill (cr);
      if (self->marked != NULL && self->marked[k])
        {
          /* Stimulated: a ring in the accent colour. */
          cairo_arc (cr, hx, hy, r + 3, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 0.96, 0.76, 0.07);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }

  if (self->selection != SL_SELECTION_NONE)
    {
      double sx = 0, sy = 0, ppu = 1, r = 8;
      gboolean ok;

      if (self->selection == SL_SELECTION_SPINE)
        {
          int k = self->index;

          ok = project (&p, self->head[3 * k], self->head[3 * k + 1], self->head[3 * k + 2], &sx, &sy, &ppu);
          r = head_radius_px (m, k, ppu) + 6;
        }
      else
        {
          int n = self->index;

          ok = project (&p, m->xyz[3 * n], m->xyz[3 * n + 1], m->xyz[3 * n + 2], &sx, &sy, &ppu);
          r = MAX (8, m->diam[n] / 2 * ppu + 5);
        }
      if (ok)
        {
          cairo_arc (cr, sx, sy, r, 0, 2 * G_PI);
          cairo_set_line_width (cr, 3);
          cairo_set_source_rgb (cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0);
          cairo_stroke_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
          cairo_stroke (cr);
        }
    }

  if (self->label != NULL && p.height > 120)
    sl_figure_draw_colorbar (cr, self->map, self->lo, self->hi, self->label, dark,
                             p.width - 78, 24, 60, MIN (220, p.height - 80));
  cairo_destroy (cr);
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
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->marked, g_free);
  self->selection = SL_SELECTION_NONE;
  self->index = -1;
  place_heads (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_spine_values (SlViewOverlay *self,
                                  const float   *values,
                                  int            n)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  if (values == NULL || self->model == NULL || n != self->model->n_spines)
    g_clear_pointer (&self->values, g_free);
  else
    {
      if (self->values == NULL)
        self->values = g_new (float, MAX (n, 1));
      memcpy (self->values, values, sizeof (float) * (gsize) n);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  g_free (self->label);
  self->label = g_strdup (label);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_view_overlay_set_marked (SlViewOverlay  *self,
                            const gboolean *marked)
{
  g_return_if_fail (SL_IS_VIEW_OVERLAY (self));

  g_clear_pointer (&self->marked, g_free);
  if (marked != NULL && self->model != NULL)
    self->marked = g_memdup2 (marked, sizeof (gboolean) * (gsize) MAX (self->model->n_spines, 1));
  gtk_widget_queue_draw (GTK_WIDGET (self));
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
  g_free (self->head);
  g_free (self->values);
  g_free (self->marked);
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
