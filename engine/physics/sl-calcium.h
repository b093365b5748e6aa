/* sl-calcium.h: the calcium system (models.md §2).
 *
 * Calcium lives on its own grid of voxels, much finer than the electrical
 * compartments: shaft voxels along every cable piece (≤ dx_near within
 * ±10 µm of a spine, ≤ dx_far elsewhere), neck_voxels voxels per spine
 * neck and one voxel per spine head.  The voxels form a tree (parent <
 * child), so one backward-Euler Hines solve per step integrates influx,
 * clearance and diffusion together, stable at any dt (with diffusion off
 * every voxel is an independent pool, integrated exactly over the step):
 *
 *   V_i dc_i/dt = −η_i·I_i·10⁶/(2F) − V_i (c_i − c_rest)/τ_i
 *                 + Σ_j D·A_ij/ℓ_ij (c_j − c_i)
 *
 * with c in mM, V in µm³, I in nA (negative = influx), D in µm²/ms.
 *
 * Two ways in: sl_calcium_grid_new() from a plain SlCalciumGeometry, or
 * sl_calcium_grid_new_for_model() from a compiled SlModel.  The grid is
 * read-only after construction; everything that changes lives in the
 * caller's `conc` buffer, so one grid may serve several states at once.
 *
 * Engine use (as wired in sl_model_compile and sl_state_step):
 *
 *   SlModel   m->calcium = sl_calcium_grid_new_for_model (m, &spec->calcium,
 *             error) once sections and spines are filled; freed in unref.
 *   SlState   s->ca_grid (sl_calcium_grid_get_state_size doubles), set by
 *             sl_calcium_grid_init_state in sl_state_reset.
 *   calcium stage, after the voltage solve and gates:
 *       node_ica[i] = Ca_HVA current of node i (nA), 0 elsewhere;
 *       head_ica[k] = i_ca_nmda[k] + i_vdcc[k] (nA);
 *       sl_calcium_grid_step (m->calcium, s->ca_grid, node_ica, head_ica, dt);
 *       sl_calcium_grid_fill_head_conc (…, s->ca_head);
 *       sl_calcium_grid_fill_node_conc (…, s->ca_node);
 *
 *   node_ica    (n_nodes) total Ca current of each electrical node's
 *               membrane, nA, negative = influx; shared over the node's
 *               voxels by membrane area; NULL = none;
 *   head_ica    (n_spines) Ca current into each spine head not already
 *               in node_ica, nA; NULL = none.
 *
 * With diffusion off the heads follow exactly the pool of _sl_calcium_heads
 * (exact exponential over the step), and shaft voxels become independent
 * pools fed by Ca_HVA.  Recording "Ca at a location": the node's mean
 * (sl_calcium_grid_get_node_conc), a spine's head, or one voxel through
 * sl_calcium_grid_find_voxel (section, x·L).
 */
#pragma once

#include <glib.h>

#include "sl-spec.h"

G_BEGIN_DECLS

#define SL_CALCIUM_ERROR (sl_calcium_error_quark ())
GQuark sl_calcium_error_quark (void);

typedef enum
{
  SL_CALCIUM_ERROR_SPEC,      /* a SlCalciumSpec value out of range */
  SL_CALCIUM_ERROR_GEOMETRY,  /* a piece or spine that cannot be built */
} SlCalciumError;

/* Faraday constant, C/mol (models.md §0). */
#define SL_FARADAY 96485.33

/* One unbranched cable piece (a section).  Its electrical nodes split it
 * into n_nodes consecutive intervals, proximal first.  The diameter is
 * linear from diam0 to diam1, or piecewise linear through n_pt points. */
typedef struct
{
  int           parent;      /* piece index (< own index), −1 for a root */
  double        parent_pos;  /* attachment on the parent, µm from its proximal end */
  double        length;      /* µm, > 0 */
  double        diam0;       /* µm at the proximal end (when n_pt < 2) */
  double        diam1;       /* µm at the distal end (when n_pt < 2) */
  int           n_pt;        /* 0, or ≥ 2 profile points */
  const double *pt_pos;      /* (n_pt) µm from the proximal end, 0 … length, non-decreasing */
  const double *pt_diam;     /* (n_pt) µm */
  int           n_nodes;     /* ≥ 1 */
  const int    *nodes;       /* (n_nodes) electrical node of each interval */
  const double *node_ends;   /* (n_nodes) distal end of each interval, µm;
                                NULL = equal intervals (NEURON nseg) */
} SlCalciumPiece;

/* One spine; its index is its position in SlCalciumGeometry.spines. */
typedef struct
{
  int    piece;
  double pos;          /* µm from the piece's proximal end */
  double head_volume;  /* µm³ */
  double neck_length;  /* µm */
  double neck_diam;    /* µm */
  int    neck_node;    /* electrical node of the neck, −1 = none */
  int    head_node;    /* electrical node of the head, −1 = none */
} SlCalciumSpine;

typedef struct
{
  int                   n_pieces;
  const SlCalciumPiece *pieces;   /* (n_pieces) parent before child */
  int                   n_spines;
  const SlCalciumSpine *spines;   /* (n_spines) */
  int                   n_nodes;  /* electrical nodes; every index used is < n_nodes */
} SlCalciumGeometry;

typedef enum
{
  SL_CALCIUM_VOXEL_SHAFT,
  SL_CALCIUM_VOXEL_NECK,
  SL_CALCIUM_VOXEL_HEAD,
} SlCalciumVoxelKind;

typedef struct
{
  SlCalciumVoxelKind kind;
  int    parent;      /* voxel index, −1 for a root */
  int    node;        /* electrical node, −1 = none */
  int    piece;       /* shaft: piece; neck/head: −1 */
  int    spine;       /* neck/head: spine; shaft: −1 */
  double pos;         /* shaft: centre, µm from the piece's proximal end; neck: centre,
                         µm from the neck base; head: neck length */
  double length;      /* µm along the axis (head: 2·radius of the equal-volume sphere) */
  double volume;      /* µm³ */
  double area;        /* membrane area, µm² */
  double g_parent;    /* D·A/ℓ to the parent, µm³/ms (0 without diffusion) */
} SlCalciumVoxelInfo;

typedef struct _SlCalciumGrid SlCalciumGrid;

SlCalciumGrid *sl_calcium_grid_new       (const SlCalciumGeometry  *geom,
                                          const SlCalciumSpec      *spec,
                                          GError                  **error);
void           sl_calcium_grid_free      (SlCalciumGrid            *grid);

/* From a compiled model: piece i = section i (diameter profile from its
 * pt3d points, nodes first_node … + nseg − 1 as equal intervals), spine k =
 * model spine k (neck node n_cable + 2k, head node n_cable + 2k + 1). */
typedef struct _SlModel SlModel;
SlCalciumGrid *sl_calcium_grid_new_for_model (const SlModel        *model,
                                              const SlCalciumSpec  *spec,
                                              GError              **error);

gboolean       sl_calcium_spec_check     (const SlCalciumSpec      *spec,
                                          GError                  **error);

int    sl_calcium_grid_get_n_voxels   (const SlCalciumGrid *grid);
int    sl_calcium_grid_get_n_spines   (const SlCalciumGrid *grid);
int    sl_calcium_grid_get_n_nodes    (const SlCalciumGrid *grid);
/* Doubles in a state buffer: n_voxels concentrations (mM) then workspace. */
gsize  sl_calcium_grid_get_state_size (const SlCalciumGrid *grid);
double sl_calcium_grid_get_ca_rest    (const SlCalciumGrid *grid);

void   sl_calcium_grid_get_voxel      (const SlCalciumGrid *grid,
                                       int                  voxel,
                                       SlCalciumVoxelInfo  *info);
int    sl_calcium_grid_get_head_voxel (const SlCalciumGrid *grid,
                                       int                  spine);
/* The shaft voxel of `piece` that contains `pos` (µm), −1 if none. */
int    sl_calcium_grid_find_voxel     (const SlCalciumGrid *grid,
                                       int                  piece,
                                       double               pos);

/* Every concentration to c_rest, workspace to 0. */
void   sl_calcium_grid_init_state     (const SlCalciumGrid *grid,
                                       double              *conc);
/* One step of dt ms (backward Euler; exact exponential per pool with
 * diffusion off) with the influx held over the step; no allocation. */
void   sl_calcium_grid_step           (const SlCalciumGrid *grid,
                                       double              *conc,
                                       const double        *node_ica,
                                       const double        *head_ica,
                                       double               dt);

/* [Ca] (mM) of a spine head. */
double sl_calcium_grid_get_head_conc  (const SlCalciumGrid *grid,
                                       const double        *conc,
                                       int                  spine);
/* Volume-weighted mean [Ca] (mM) over the voxels of an electrical node;
 * c_rest for a node without voxels. */
double sl_calcium_grid_get_node_conc  (const SlCalciumGrid *grid,
                                       const double        *conc,
                                       int                  node);
/* The same for every node into out (n_nodes). */
void   sl_calcium_grid_fill_node_conc (const SlCalciumGrid *grid,
                                       const double        *conc,
                                       double              *out);
/* Every head's [Ca] into out (n_spines). */
void   sl_calcium_grid_fill_head_conc (const SlCalciumGrid *grid,
                                       const double        *conc,
                                       double              *out);
/* Σ V_i·c_i, mM·µm³ (= 10⁻¹⁸ mol): the calcium held by the grid. */
double sl_calcium_grid_get_amount     (const SlCalciumGrid *grid,
                                       const double        *conc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlCalciumGrid, sl_calcium_grid_free)

G_END_DECLS
