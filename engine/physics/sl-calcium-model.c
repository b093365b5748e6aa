/* sl-calcium-model.c: the calcium grid of a compiled SlModel.
 *
 * One piece per section (same index), its diameter profile from the
 * section's pt3d points, its nseg nodes as equal intervals (NEURON); one
 * spine per model spine (same index), neck and head voxels mapped to the
 * spine's neck and head nodes.  Junction nodes have no volume and get no
 * voxel.
 */
#include "sl-calcium-private.h"
#include "sl-model.h"

#include <math.h>

/* A section of zero arc length (coincident points) still needs a voxel. */
#define MIN_SECTION_LENGTH 1e-3   /* µm */

SlCalciumGrid *
sl_calcium_grid_new_for_model (const SlModel        *model,
                               const SlCalciumSpec  *spec,
                               GError              **error)
{
  const int ns = model ? model->n_sections : 0;
  g_autofree SlCalciumPiece *pieces = NULL;
  g_autofree SlCalciumSpine *spines = NULL;
  g_autofree int *nodes = NULL;
  g_autofree double *pt_pos = NULL;
  g_autofree double *pt_diam = NULL;
  SlCalciumGeometry geom = { 0 };
  int n_node_refs = 0;

  g_return_val_if_fail (model != NULL && spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (int s = 0; s < ns; s++)
    n_node_refs += model->sections[s].nseg;

  pieces = g_new0 (SlCalciumPiece, ns + 1);
  spines = g_new0 (SlCalciumSpine, model->n_spines + 1);
  nodes = g_new (int, n_node_refs + 1);
  pt_pos = g_new (double, model->n_pt + 1);
  pt_diam = g_new (double, model->n_pt + 1);

  n_node_refs = 0;
  for (int s = 0; s < ns; s++)
    {
      const SlModelSection *sec = &model->sections[s];
      SlCalciumPiece *p = &pieces[s];
      const double *pt = model->pt3d + 4 * (gsize) sec->pt_offset;
      double *pos = pt_pos + sec->pt_offset;
      double *diam = pt_diam + sec->pt_offset;

      p->parent = sec->parent;
      p->length = MAX (sec->length, MIN_SECTION_LENGTH);
      if (sec->parent >= 0)
        p->parent_pos = sec->parent_x * MAX (model->sections[sec->parent].length,
                                             MIN_SECTION_LENGTH);

      /* diameter profile along the arc length of the 3-D points */
      pos[0] = 0.0;
      diam[0] = pt[3];
      for (int k = 1; k < sec->n_pt; k++)
        {
          const double *a = pt + 4 * (k - 1), *b = pt + 4 * k;

          pos[k] = pos[k - 1] + sqrt ((b[0] - a[0]) * (b[0] - a[0])
                                      + (b[1] - a[1]) * (b[1] - a[1])
                                      + (b[2] - a[2]) * (b[2] - a[2]));
          diam[k] = b[3];
        }
      if (sec->n_pt >= 2 && pos[sec->n_pt - 1] > 0)
        {
          /* rescale to the section's length (they agree unless clamped) */
          double f = p->length / pos[sec->n_pt - 1];

          for (int k = 1; k < sec->n_pt; k++)
            pos[k] *= f;
          p->n_pt = sec->n_pt;
          p->pt_pos = pos;
          p->pt_diam = diam;
        }
      else
        {
          p->diam0 = pt[3];
          p->diam1 = pt[4 * (sec->n_pt - 1) + 3];
        }

      p->n_nodes = sec->nseg;
      p->nodes = nodes + n_node_refs;
      for (int k = 0; k < sec->nseg; k++)
        nodes[n_node_refs++] = sec->first_node + k;
    }

  for (int k = 0; k < model->n_spines; k++)
    {
      SlCalciumSpine *sp = &spines[k];
      int sec = model->spine_section[k];

      sp->piece = sec;
      sp->pos = (sec >= 0 && sec < ns) ? model->spine_x[k] * pieces[sec].length : -1.0;
      sp->head_volume = model->spine_volume[k];
      sp->neck_length = model->spine_neck_length[k];
      sp->neck_diam = model->spine_neck_diam[k];
      sp->neck_node = model->n_cable + 2 * k;
      sp->head_node = model->n_cable + 2 * k + 1;
    }

  geom.n_pieces = ns;
  geom.pieces = pieces;
  geom.n_spines = model->n_spines;
  geom.spines = spines;
  geom.n_nodes = model->n_nodes;

  return sl_calcium_grid_new (&geom, spec, error);
}
