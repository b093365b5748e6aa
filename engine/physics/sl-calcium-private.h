/* sl-calcium-private.h: the voxel grid, shared by the builder and the step. */
#pragma once

#include "sl-calcium.h"

G_BEGIN_DECLS

/* What the fused elimination pass of the step reads per voxel, in one
 * place (sl_calcium_grid_prepare_solve). */
typedef struct
{
  double  clear_rest;       /* clear · ca_rest, mM·µm³/ms */
  int     parent;           /* as parent[] */
  int     in_first;         /* first of the voxel's influx terms (in_ref, in_w) */
  int     in_count;         /* its number of influx terms */
  guint8  leaf;             /* no child: the right-hand side is formed at the voxel */
  guint8  first_child;      /* highest-index child of its parent: forms the parent's */
} SlCalciumSolveVoxel;

struct _SlCalciumGrid
{
  int     n_voxels;
  int     n_spines;
  int     n_nodes;
  int     n_pieces;
  double  ca_rest;          /* mM */
  gboolean diffusion;       /* FALSE: independent pools, exact exponential */
  double  tau_head;         /* ms (heads and necks), may be ∞ */
  double  tau_shaft;        /* ms, may be ∞ */

  /* Per voxel (n_voxels), Hines order: parent[i] < i. */
  int    *parent;           /* −1 for a root */
  guint8 *kind;             /* SlCalciumVoxelKind */
  int    *node;             /* electrical node, −1 = none */
  int    *owner;            /* shaft: piece; neck/head: spine */
  double *pos;              /* µm, see SlCalciumVoxelInfo */
  double *length;           /* µm */
  double *volume;           /* µm³ */
  double *area;             /* membrane area, µm² */
  double *g_parent;         /* D·A/ℓ to parent, µm³/ms */
  double *base_diag;        /* V/τ + Σ g over all neighbours, µm³/ms */
  double *clear;            /* V/τ, µm³/ms */
  double *src;              /* η·10⁶/(2F): mM·µm³/ms per −nA */

  int    *head_voxel;       /* (n_spines) */
  int    *piece_first;      /* (n_pieces) first shaft voxel */
  int    *piece_count;      /* (n_pieces) shaft voxels of the piece */

  /* Voxels of each node (CSR): node_voxel[node_start[k] .. node_start[k+1]). */
  int    *node_start;       /* (n_nodes + 1) */
  int    *node_voxel;       /* (node_start[n_nodes]) */
  double *node_vol_w;       /* V_i / Σ V of the node */
  double *node_area_w;      /* area_i / Σ area of the node */

  /* Per voxel (n_voxels), the influx terms in the order the scatter over
   * nodes (k, then j) and then heads (s) adds them. */
  SlCalciumSolveVoxel *solve;
  int    *in_ref;           /* node k ≥ 0, or head −(s + 1) */
  double *in_w;             /* src · node_area_w (node), src (head) */
};

void sl_calcium_grid_prepare_solve (SlCalciumGrid *grid);

G_END_DECLS
