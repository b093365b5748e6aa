/* sl-calcium.c: the calcium step (one Hines solve) and its accessors. */
#include "sl-calcium-private.h"

#include <math.h>

G_DEFINE_QUARK (sl-calcium-error-quark, sl_calcium_error)

static gboolean
check_range (const char  *field,
             double       value,
             double       min,
             gboolean     min_open,
             double       max,
             const char  *unit,
             GError     **error)
{
  gboolean ok = !isnan (value)
                && (min_open ? value > min : value >= min)
                && value <= max;

  if (!ok)
    g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC,
                 "calcium: %s = %g%s%s is out of range: must be in %s%g, %g]",
                 field, value, *unit ? " " : "", unit,
                 min_open ? "(" : "[", min, max);
  return ok;
}

gboolean
sl_calcium_spec_check (const SlCalciumSpec  *spec,
                       GError              **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (!check_range ("ca_rest", spec->ca_rest, 0, FALSE, 1e3, "mM", error)
      || !check_range ("eta_head", spec->eta_head, 0, TRUE, 1, "", error)
      || !check_range ("tau_head", spec->tau_head, 0, TRUE, INFINITY, "ms", error)
      || !check_range ("eta_shaft", spec->eta_shaft, 0, TRUE, 1, "", error)
      || !check_range ("tau_shaft", spec->tau_shaft, 0, TRUE, INFINITY, "ms", error)
      || !check_range ("d_eff", spec->d_eff, 0, FALSE, 1e3, "µm²/ms", error)
      || !check_range ("shell_depth", spec->shell_depth, 0, FALSE, 1e3, "µm", error)
      || !check_range ("dx_near", spec->dx_near, 1e-3, FALSE, 1e3, "µm", error)
      || !check_range ("dx_far", spec->dx_far, 1e-3, FALSE, 1e3, "µm", error))
    return FALSE;

  if (spec->dx_far < spec->dx_near)
    {
      g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC,
                   "calcium: dx_far = %g µm must be ≥ dx_near = %g µm",
                   spec->dx_far, spec->dx_near);
      return FALSE;
    }
  if (spec->neck_voxels < 1 || spec->neck_voxels > 16)
    {
      g_set_error (error, SL_CALCIUM_ERROR, SL_CALCIUM_ERROR_SPEC,
                   "calcium: neck_voxels = %d must be between 1 and 16 (2–4 advised)",
                   spec->neck_voxels);
      return FALSE;
    }
  return TRUE;
}

void
sl_calcium_grid_free (SlCalciumGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->parent);
  g_free (grid->kind);
  g_free (grid->node);
  g_free (grid->owner);
  g_free (grid->pos);
  g_free (grid->length);
  g_free (grid->volume);
  g_free (grid->area);
  g_free (grid->g_parent);
  g_free (grid->base_diag);
  g_free (grid->clear);
  g_free (grid->src);
  g_free (grid->head_voxel);
  g_free (grid->piece_first);
  g_free (grid->piece_count);
  g_free (grid->node_start);
  g_free (grid->node_voxel);
  g_free (grid->node_vol_w);
  g_free (grid->node_area_w);
  g_free (grid->solve);
  g_free (grid->in_ref);
  g_free (grid->in_w);
  g_free (grid);
}

int
sl_calcium_grid_get_n_voxels (const SlCalciumGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  return grid->n_voxels;
}

int
sl_calcium_grid_get_n_spines (const SlCalciumGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  return grid->n_spines;
}

int
sl_calcium_grid_get_n_nodes (const SlCalciumGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  return grid->n_nodes;
}

gsize
sl_calcium_grid_get_state_size (const SlCalciumGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0);
  /* concentrations; per voxel 1/d, g/d and V/dt interleaved (without
   * diffusion: the influx); the dt the factors were made for */
  return 4 * (gsize) grid->n_voxels + 1;
}

double
sl_calcium_grid_get_ca_rest (const SlCalciumGrid *grid)
{
  g_return_val_if_fail (grid != NULL, 0.0);
  return grid->ca_rest;
}

void
sl_calcium_grid_get_voxel (const SlCalciumGrid *grid,
                           int                  voxel,
                           SlCalciumVoxelInfo  *info)
{
  g_return_if_fail (grid != NULL && info != NULL);
  g_return_if_fail (voxel >= 0 && voxel < grid->n_voxels);

  info->kind = grid->kind[voxel];
  info->parent = grid->parent[voxel];
  info->node = grid->node[voxel];
  info->piece = info->kind == SL_CALCIUM_VOXEL_SHAFT ? grid->owner[voxel] : -1;
  info->spine = info->kind == SL_CALCIUM_VOXEL_SHAFT ? -1 : grid->owner[voxel];
  info->pos = grid->pos[voxel];
  info->length = grid->length[voxel];
  info->volume = grid->volume[voxel];
  info->area = grid->area[voxel];
  info->g_parent = grid->g_parent[voxel];
}

int
sl_calcium_grid_get_head_voxel (const SlCalciumGrid *grid,
                                int                  spine)
{
  g_return_val_if_fail (grid != NULL, -1);
  g_return_val_if_fail (spine >= 0 && spine < grid->n_spines, -1);
  return grid->head_voxel[spine];
}

int
sl_calcium_grid_find_voxel (const SlCalciumGrid *grid,
                            int                  piece,
                            double               pos)
{
  int lo, hi;

  g_return_val_if_fail (grid != NULL, -1);
  if (piece < 0 || piece >= grid->n_pieces || isnan (pos))
    return -1;

  lo = grid->piece_first[piece];
  hi = lo + grid->piece_count[piece] - 1;
  if (pos < grid->pos[lo] - 0.5 * grid->length[lo] - 1e-9
      || pos > grid->pos[hi] + 0.5 * grid->length[hi] + 1e-9)
    return -1;

  /* last voxel whose proximal end is ≤ pos */
  while (lo < hi)
    {
      int mid = (lo + hi + 1) / 2;

      if (grid->pos[mid] - 0.5 * grid->length[mid] <= pos)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

void
sl_calcium_grid_init_state (const SlCalciumGrid *grid,
                            double              *conc)
{
  int n;

  g_return_if_fail (grid != NULL && conc != NULL);

  n = grid->n_voxels;
  for (int i = 0; i < n; i++)
    conc[i] = grid->ca_rest;
  for (int i = n; i < 4 * n + 1; i++)
    conc[i] = 0.0;   /* dt_factored = 0: no factors yet */
}

/* Without diffusion every voxel is its own linear pool: integrate it
 * exactly over the step with the step's influx (cnexp, as NEURON's
 * sl_cahead.mod in tests/neuron does). */
static void
step_isolated (const SlCalciumGrid *grid,
               double              *conc,
               const double        *rhs,
               double               dt)
{
  const double e_head = exp (-dt / grid->tau_head);
  const double e_shaft = exp (-dt / grid->tau_shaft);
  const double c_rest = grid->ca_rest;

  for (int i = 0; i < grid->n_voxels; i++)
    {
      gboolean shaft = grid->kind[i] == SL_CALCIUM_VOXEL_SHAFT;
      double tau = shaft ? grid->tau_shaft : grid->tau_head;
      double e = shaft ? e_shaft : e_head;
      double rate = rhs[i] / grid->volume[i];   /* mM/ms */

      if (isinf (tau))
        conc[i] += rate * dt;
      else
        {
          double c_inf = c_rest + rate * tau;

          conc[i] = c_inf + (conc[i] - c_inf) * e;
        }
    }
}

void
sl_calcium_grid_prepare_solve (SlCalciumGrid *grid)
{
  const int n = grid->n_voxels;
  const int n_terms = grid->node_start[grid->n_nodes] + grid->n_spines;
  g_autofree int *fill = g_new0 (int, n + 1);
  SlCalciumSolveVoxel *sv;

  sv = grid->solve = g_new0 (SlCalciumSolveVoxel, n + 1);
  grid->in_ref = g_new (int, n_terms + 1);
  grid->in_w = g_new (double, n_terms + 1);

  for (int i = 0; i < n; i++)
    {
      sv[i].clear_rest = grid->clear[i] * grid->ca_rest;
      sv[i].parent = grid->parent[i];
      sv[i].leaf = TRUE;
    }
  /* leaves-first: the first child met is the highest-index one */
  for (int i = n - 1; i >= 0; i--)
    {
      int p = sv[i].parent;

      if (p >= 0)
        {
          sv[i].first_child = sv[p].leaf;
          sv[p].leaf = FALSE;
        }
    }

  for (int j = 0; j < grid->node_start[grid->n_nodes]; j++)
    sv[grid->node_voxel[j]].in_count++;
  for (int s = 0; s < grid->n_spines; s++)
    sv[grid->head_voxel[s]].in_count++;
  for (int i = 0, first = 0; i < n; i++)
    {
      sv[i].in_first = first;
      first += sv[i].in_count;
    }
  for (int k = 0; k < grid->n_nodes; k++)
    for (int j = grid->node_start[k]; j < grid->node_start[k + 1]; j++)
      {
        int i = grid->node_voxel[j];
        int t = sv[i].in_first + fill[i]++;

        grid->in_ref[t] = k;
        grid->in_w[t] = grid->src[i] * grid->node_area_w[j];
      }
  for (int s = 0; s < grid->n_spines; s++)
    {
      int i = grid->head_voxel[s];
      int t = sv[i].in_first + fill[i]++;

      grid->in_ref[t] = -(s + 1);
      grid->in_w[t] = grid->src[i];
    }
}

/* The per-voxel factors of the state, interleaved after the
 * concentrations (conc + n): what the two passes of the step read
 * together. */
typedef struct
{
  double dinv;     /* 1/d after elimination, ms/µm³ */
  double gd;       /* g_parent/d */
  double vol_dt;   /* V/dt, µm³/ms */
} Factor;

/* Backward Euler for V dc/dt = S − (V/τ)(c − c_rest) + Σ g (c_j − c):
 *   (V/dt + V/τ + Σg) c' − Σ g c_j' = V c/dt + (V/τ) c_rest + S,
 * a symmetric M-matrix on a tree, eliminated leaves-first (Hines).  The
 * matrix depends only on dt, so its factors (1/d after elimination, and
 * g/d) are kept in the state and recomputed only when dt changes. */
static void
factor (const SlCalciumGrid *grid,
        Factor              *f,
        double               dt)
{
  const int n = grid->n_voxels;
  const int *parent = grid->parent;
  const double *g = grid->g_parent;
  const double inv_dt = 1.0 / dt;

  for (int i = 0; i < n; i++)
    {
      f[i].vol_dt = grid->volume[i] * inv_dt;
      f[i].dinv = grid->volume[i] / dt + grid->base_diag[i];   /* d, inverted below */
    }
  for (int i = n - 1; i >= 0; i--)
    {
      int p = parent[i];

      /* off-diagonal entry is −g[i] in both row i and row p */
      f[i].gd = g[i] / f[i].dinv;
      if (p >= 0)
        f[p].dinv -= f[i].gd * g[i];
      f[i].dinv = 1.0 / f[i].dinv;
    }
}

/* Right-hand side of voxel i: V c/dt + (V/τ) c_rest, then the influx
 * terms one by one (a node without current adds none). */
static inline double
form_rhs (const SlCalciumGrid       *grid,
          const SlCalciumSolveVoxel *sv,
          double                     vol_dt,
          double                     c,
          const double              *node_ica,
          const double              *head_ica)
{
  double r = vol_dt * c + sv->clear_rest;

  for (int t = sv->in_first; t < sv->in_first + sv->in_count; t++)
    {
      int ref = grid->in_ref[t];

      if (ref >= 0)
        {
          if (node_ica != NULL && node_ica[ref] != 0.0)
            r -= grid->in_w[t] * node_ica[ref];
        }
      else if (head_ica != NULL)
        r -= grid->in_w[t] * head_ica[-ref - 1];
    }
  return r;
}

void
sl_calcium_grid_step (const SlCalciumGrid *grid,
                      double              *conc,
                      const double        *node_ica,
                      const double        *head_ica,
                      double               dt)
{
  const int n = grid->n_voxels;
  const SlCalciumSolveVoxel *sv = grid->solve;
  Factor *f = (Factor *) (conc + n);
  double *dt_factored = conc + 4 * n;

  g_return_if_fail (dt > 0);

  if (!grid->diffusion)
    {
      double *rhs = conc + n;   /* no factors without diffusion */

      for (int i = 0; i < n; i++)
        rhs[i] = 0.0;   /* influx only, mM·µm³/ms */
      if (node_ica != NULL)
        for (int k = 0; k < grid->n_nodes; k++)
          {
            double ica = node_ica[k];

            if (ica == 0.0)
              continue;
            for (int j = grid->node_start[k]; j < grid->node_start[k + 1]; j++)
              {
                int i = grid->node_voxel[j];

                rhs[i] -= grid->src[i] * grid->node_area_w[j] * ica;
              }
          }
      if (head_ica != NULL)
        for (int s = 0; s < grid->n_spines; s++)
          {
            int i = grid->head_voxel[s];

            rhs[i] -= grid->src[i] * head_ica[s];
          }
      step_isolated (grid, conc, rhs, dt);
      return;
    }

  if (*dt_factored != dt)
    {
      factor (grid, f, dt);
      *dt_factored = dt;
    }

  /* Elimination, leaves-first, with the right-hand side formed in place
   * of the concentration when a voxel is first reached: at the voxel
   * itself for a leaf, else at its highest-index child, before any child
   * adds to it (the same operations, in the same order, as forming all
   * right-hand sides first).  Both passes are chains of dependent
   * multiply-adds along each section; the value just written is carried
   * in a register (it is the next voxel's along a section) so that the
   * chain does not also wait on a store and a reload. */
  {
    double carry = 0.0;
    int carry_at = -1;

    for (int i = n - 1; i >= 0; i--)
      {
        int p = sv[i].parent;
        double r;

        if (sv[i].leaf)
          conc[i] = r = form_rhs (grid, &sv[i], f[i].vol_dt, conc[i], node_ica, head_ica);
        else
          r = carry_at == i ? carry : conc[i];
        if (p >= 0)
          {
            double rp;

            if (sv[i].first_child)
              rp = form_rhs (grid, &sv[p], f[p].vol_dt, conc[p], node_ica, head_ica);
            else
              rp = carry_at == p ? carry : conc[p];
            rp += f[i].gd * r;
            conc[p] = carry = rp;
            carry_at = p;
          }
      }
  }

  /* Substitution, root-first: conc[p] is already the new value. */
  {
    double prev = 0.0;

    for (int i = 0; i < n; i++)
      {
        int p = sv[i].parent;
        double r = conc[i] * f[i].dinv;

        if (p >= 0)
          r += f[i].gd * (p == i - 1 ? prev : conc[p]);
        conc[i] = prev = r;
      }
  }
}

double
sl_calcium_grid_get_head_conc (const SlCalciumGrid *grid,
                               const double        *conc,
                               int                  spine)
{
  g_return_val_if_fail (grid != NULL && conc != NULL, 0.0);
  g_return_val_if_fail (spine >= 0 && spine < grid->n_spines, 0.0);
  return conc[grid->head_voxel[spine]];
}

double
sl_calcium_grid_get_node_conc (const SlCalciumGrid *grid,
                               const double        *conc,
                               int                  node)
{
  double c = 0.0;

  g_return_val_if_fail (grid != NULL && conc != NULL, 0.0);
  g_return_val_if_fail (node >= 0 && node < grid->n_nodes, 0.0);

  if (grid->node_start[node] == grid->node_start[node + 1])
    return grid->ca_rest;
  for (int j = grid->node_start[node]; j < grid->node_start[node + 1]; j++)
    c += grid->node_vol_w[j] * conc[grid->node_voxel[j]];
  return c;
}

void
sl_calcium_grid_fill_node_conc (const SlCalciumGrid *grid,
                                const double        *conc,
                                double              *out)
{
  g_return_if_fail (grid != NULL && conc != NULL && out != NULL);

  /* sl_calcium_grid_get_node_conc without its per-node checks */
  for (int k = 0; k < grid->n_nodes; k++)
    {
      int j0 = grid->node_start[k], j1 = grid->node_start[k + 1];
      double c = 0.0;

      if (j0 == j1)
        c = grid->ca_rest;
      for (int j = j0; j < j1; j++)
        c += grid->node_vol_w[j] * conc[grid->node_voxel[j]];
      out[k] = c;
    }
}

void
sl_calcium_grid_fill_head_conc (const SlCalciumGrid *grid,
                                const double        *conc,
                                double              *out)
{
  g_return_if_fail (grid != NULL && conc != NULL && out != NULL);

  for (int s = 0; s < grid->n_spines; s++)
    out[s] = conc[grid->head_voxel[s]];
}

double
sl_calcium_grid_get_amount (const SlCalciumGrid *grid,
                            const double        *conc)
{
  double sum = 0.0;

  g_return_val_if_fail (grid != NULL && conc != NULL, 0.0);

  for (int i = 0; i < grid->n_voxels; i++)
    sum += grid->volume[i] * conc[i];
  return sum;
}
