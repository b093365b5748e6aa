/* sl-morphology-view-spines.c: the view's spines (instances, values,
 * selection and marks) and the projection of model points to widget
 * pixels that picking uses. */
#include "sl-morphology-view.h"
#include "sl-morphology-view-private.h"

#include <math.h>
#include <string.h>

/* Spines -------------------------------------------------------------------- */

void
sl_morphology_view_set_spines (SlMorphologyView *self,
                               const SlModel    *model)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  g_clear_pointer (&self->spines, g_free);
  g_clear_pointer (&self->spine_values, g_free);
  g_clear_pointer (&self->spine_marked, g_free);
  g_clear_pointer (&self->spine_colors, g_free);
  self->spines = sl_spine_instances_new (model);
  self->n_spines = self->spines != NULL ? model->n_spines : 0;
  self->spine_colors = g_new0 (guint8, 4 * (gsize) MAX (self->n_spines, 1));
  self->spine_selected = -1;
  self->spines_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SlSpineInstance *
sl_morphology_view_get_spines (SlMorphologyView *self,
                               int              *n_spines)
{
  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), NULL);
  *n_spines = self->n_spines;
  return self->spines;
}

void
sl_morphology_view_set_spine_values (SlMorphologyView *self,
                                     const float      *values,
                                     int               n_values)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  if (values == NULL || n_values != self->n_spines)
    g_clear_pointer (&self->spine_values, g_free);
  else
    {
      if (self->spine_values == NULL)
        self->spine_values = g_new (float, MAX (n_values, 1));
      memcpy (self->spine_values, values, sizeof (float) * (gsize) n_values);
    }
  self->spine_colors_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_spine_colormap (SlMorphologyView *self,
                                       SlColormap        map,
                                       float             lo,
                                       float             hi)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  if (map == self->spine_map && lo == self->spine_lo && hi == self->spine_hi)
    return;
  self->spine_map = map;
  self->spine_lo = lo;
  self->spine_hi = hi;
  self->spine_colors_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_spine_selected (SlMorphologyView *self,
                                       int               spine)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  self->spine_selected = spine >= 0 && spine < self->n_spines ? spine : -1;
  self->spine_colors_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_set_spine_marked (SlMorphologyView *self,
                                     const gboolean   *marked,
                                     int               n_marked)
{
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));

  g_clear_pointer (&self->spine_marked, g_free);
  if (marked != NULL && n_marked == self->n_spines && n_marked > 0)
    self->spine_marked = g_memdup2 (marked, sizeof (gboolean) * (gsize) n_marked);
  self->spine_colors_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sl_morphology_view_get_spine_counts (SlMorphologyView *self,
                                     int              *n_heads,
                                     int              *n_necks)
{
  *n_heads = *n_necks = 0;
  g_return_if_fail (SL_IS_MORPHOLOGY_VIEW (self));
  if (self->renderer)
    sl_morphology_renderer_get_spine_counts (self->renderer, n_heads, n_necks);
}

/* Projection and occlusion on the CPU (picking) -------------------------------- */

typedef struct
{
  graphene_matrix_t  vp;        /* world → clip */
  graphene_point3d_t eye;
  graphene_vec3_t    forward;
  float              width, height; /* logical px */
  gboolean           ortho;
  const SlCamera    *camera;
} Projector;

static gboolean
projector_init (SlMorphologyView *self,
                Projector        *p)
{
  graphene_matrix_t view, proj;

  p->width = gtk_widget_get_width (GTK_WIDGET (self));
  p->height = gtk_widget_get_height (GTK_WIDGET (self));
  if (p->width < 1 || p->height < 1)
    return FALSE;
  p->camera = &self->camera;
  p->ortho = self->camera.orthographic;
  sl_camera_get_eye (&self->camera, &p->eye);
  sl_camera_get_basis (&self->camera, NULL, NULL, &p->forward);
  sl_camera_get_view (&self->camera, &view);
  sl_camera_get_projection (&self->camera, p->width / p->height, &proj);
  graphene_matrix_multiply (&view, &proj, &p->vp);
  return TRUE;
}

static gboolean
project_point (const Projector *p,
               const float      world[3],
               double          *x,
               double          *y,
               double          *depth,
               double          *px_per_um)
{
  graphene_vec4_t v, clip;
  graphene_vec3_t d;
  float dep, w;

  graphene_vec3_init (&d, world[0] - p->eye.x, world[1] - p->eye.y, world[2] - p->eye.z);
  dep = graphene_vec3_dot (&d, &p->forward);
  if (!p->ortho && dep <= 1e-3f)
    return FALSE;
  graphene_vec4_init (&v, world[0], world[1], world[2], 1.f);
  graphene_matrix_transform_vec4 (&p->vp, &v, &clip);
  w = graphene_vec4_get_w (&clip);
  if (!(w != 0.f) || fabsf (graphene_vec4_get_z (&clip) / w) > 1.f)
    return FALSE;
  if (x != NULL)
    *x = (graphene_vec4_get_x (&clip) / w + 1) / 2 * p->width;
  if (y != NULL)
    *y = (1 - graphene_vec4_get_y (&clip) / w) / 2 * p->height;
  if (depth != NULL)
    *depth = dep;
  if (px_per_um != NULL)
    *px_per_um = 1.0 / sl_camera_um_per_px (p->camera, dep, p->height);
  return TRUE;
}

gboolean
sl_morphology_view_project (SlMorphologyView *self,
                            const float       world[3],
                            double           *x,
                            double           *y,
                            double           *depth,
                            double           *px_per_um)
{
  Projector p;

  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), FALSE);
  return projector_init (self, &p) && project_point (&p, world, x, y, depth, px_per_um);
}

/* Mirrors the drawing: a segment covers a point when the point is within
 * its radius on screen, never less than the minimum drawn radius. */
#define CABLE_MIN_RADIUS_PX 1.1

double
sl_morphology_view_cable_depth_at (SlMorphologyView *self,
                                   double            x,
                                   double            y)
{
  double best = G_MAXDOUBLE;
  Projector p;

  g_return_val_if_fail (SL_IS_MORPHOLOGY_VIEW (self), G_MAXDOUBLE);
  if (self->mesh == NULL || !projector_init (self, &p))
    return best;
  for (int i = 0; i < self->mesh->n_segments; i++)
    {
      const SlSegmentInstance *s = &self->mesh->segments[i];
      double ax, ay, ad, apx, bx, by, bd, bpx, dx, dy, len2, t, r, dist;

      if (!project_point (&p, s->p0, &ax, &ay, &ad, &apx) ||
          !project_point (&p, s->p1, &bx, &by, &bd, &bpx))
        continue;
      dx = bx - ax;
      dy = by - ay;
      len2 = dx * dx + dy * dy;
      t = len2 > 0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0, 1) : 0;
      r = MAX ((1 - t) * s->r0 * apx + t * s->r1 * bpx, CABLE_MIN_RADIUS_PX);
      dist = hypot (x - (ax + t * dx), y - (ay + t * dy));
      if (dist <= r)
        {
          /* The tube's front surface at that point. */
          double front = (1 - t) * ad + t * bd
                         - ((1 - t) * s->r0 + t * s->r1) * sqrt (1 - (dist / r) * (dist / r));

          best = MIN (best, front);
        }
    }
  if (self->mesh->has_soma_sphere)
    {
      double cx, cy, cd, cpx, r, dist;

      if (project_point (&p, self->mesh->soma_center, &cx, &cy, &cd, &cpx))
        {
          r = self->mesh->soma_radius * cpx;
          dist = hypot (x - cx, y - cy);
          if (dist <= r)
            best = MIN (best, cd - self->mesh->soma_radius * sqrt (1 - (dist / r) * (dist / r)));
        }
    }
  return best;
}
