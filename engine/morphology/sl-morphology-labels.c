/* sl-morphology-labels.c: derived regions of the apical tree.
 *
 * So that a rule can be picked for the trunk, the obliques or the tuft of
 * any pyramidal cell, not only the bundled ones, the apical tree is split:
 *
 *   trunk   the path from the apical root (the first apical point, joined
 *           to the soma) to the main bifurcation.  At every branch point
 *           the trunk follows the child whose subtree holds the most cable;
 *           the main bifurcation is the first branch point where two
 *           children each carry more than 25 % of the cable below it.
 *   oblique every apical point in a branch leaving the trunk before the
 *           main bifurcation.
 *   tuft    every apical point beyond the main bifurcation.
 *
 * With several apical trees the one with the most cable is labelled.  If
 * no branch point qualifies, the trunk runs to a tip and there is no tuft.
 */
#include "sl-morphology-private.h"

#define MAIN_BIFURCATION_SHARE 0.25

enum { LABEL_NONE, LABEL_TRUNK, LABEL_OBLIQUE, LABEL_TUFT };

static void
add_label_region (SlMorphology *self,
                  const guint8 *label,
                  guint8        which,
                  const char   *name)
{
  int m = 0;
  int *pts;

  for (int i = 0; i < self->n_points; i++)
    m += label[i] == which;
  if (m == 0)
    return;
  pts = g_new (int, m);
  m = 0;
  for (int i = 0; i < self->n_points; i++)
    if (label[i] == which)
      pts[m++] = i;
  _sl_morphology_add_region (self, name, -1, SL_REGION_LABEL, pts, m);
}

void
_sl_morphology_add_apical_labels (SlMorphology *self)
{
  int n = self->n_points;
  g_autofree double *below = NULL;   /* cable in the subtree under each point, µm */
  g_autofree guint8 *label = NULL;
  g_autofree int *first = NULL;
  g_autofree int *child = NULL;
  int root = -1, bifurcation = -1;
  double best = -1;

  if (sl_morphology_find_region (self, "trunk") != NULL)
    return;

  below = g_new0 (double, n);
  for (int i = n - 1; i > 0; i--)
    {
      int par = self->points[i].parent;

      if (par >= 0)
        below[par] += below[i] + self->segment_length[i];
    }

  for (int i = 0; i < n; i++)
    {
      const SlPoint *p = &self->points[i];

      if (p->type != SL_TYPE_APICAL)
        continue;
      if (p->parent >= 0 && self->points[p->parent].type == SL_TYPE_APICAL)
        continue;
      if (below[i] + self->segment_length[i] > best)
        {
          best = below[i] + self->segment_length[i];
          root = i;
        }
    }
  if (root < 0)
    return;

  _sl_morphology_children (self, &first, &child);
  label = g_new0 (guint8, n);

  for (int c = root; c >= 0;)
    {
      int next = -1, big = 0;
      double total = 0, wmax = -1;

      label[c] = LABEL_TRUNK;
      for (int k = first[c]; k < first[c + 1]; k++)
        if (self->points[child[k]].type == SL_TYPE_APICAL)
          total += self->segment_length[child[k]] + below[child[k]];
      for (int k = first[c]; k < first[c + 1]; k++)
        {
          int j = child[k];
          double w = self->segment_length[j] + below[j];

          if (self->points[j].type != SL_TYPE_APICAL)
            continue;
          if (w > MAIN_BIFURCATION_SHARE * total)
            big++;
          if (w > wmax)
            {
              wmax = w;
              next = j;
            }
        }
      if (big >= 2)
        {
          bifurcation = c;
          break;
        }
      c = next;
    }

  /* Points are sorted parent-first, so one forward pass labels subtrees. */
  for (int i = root + 1; i < n; i++)
    {
      const SlPoint *p = &self->points[i];

      if (p->type != SL_TYPE_APICAL || label[i] == LABEL_TRUNK || p->parent < 0)
        continue;
      if (label[p->parent] == LABEL_TRUNK)
        label[i] = p->parent == bifurcation ? LABEL_TUFT : LABEL_OBLIQUE;
      else
        label[i] = label[p->parent];
    }

  add_label_region (self, label, LABEL_TRUNK, "trunk");
  add_label_region (self, label, LABEL_OBLIQUE, "oblique");
  add_label_region (self, label, LABEL_TUFT, "tuft");
}
