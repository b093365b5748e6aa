/* sl-model.h: the compiled, immutable model (SlModelSpec + SlMorphology).
 *
 * Flat struct-of-arrays in Hines order (parent[i] < i), carved from one
 * allocation, shared by reference count.  Nothing here points into the spec
 * or the morphology.
 *
 * Discretisation mirrors NEURON (so that the NEURON exporter can build the
 * same matrix):
 *  - one section per unbranched morphology section; the soma is one section
 *    built from the soma points (see "Soma" below);
 *  - nseg by the d_lambda rule on the section's 3-D points (fixnseg.hoc's
 *    lambda_f at d_lambda_freq):  nseg = int((L/(d_lambda·λ_f) + 0.9)/2)·2 + 1;
 *    then, if max_length > 0 and L/nseg > max_length, nseg = ceil(L/max_length)
 *    made odd by +1;
 *  - one node per segment centre, x = (k + 0.5)/nseg; its membrane area is the
 *    lateral frustum area (slant height) of the 3-D points over the segment;
 *    the axial resistance of a half-segment is ∫ 4·Ra/(π d²) dx over the
 *    piecewise-linear diameter, i.e. Σ 4·Ra·Δs/(π d₁ d₂) (NEURON's pt3d rule);
 *  - NEURON's zero-area end nodes (x = 1 of each section): where exactly one
 *    child hangs on it, it is eliminated and the two half-segment resistances
 *    are summed (series, exact); where several children hang on it, it is
 *    kept as a JUNCTION node with area 0 (eliminating it would make a mesh);
 *    where none, it is dropped (it carries no current).  The same for the
 *    soma's x = 0 end when sections connect to soma(0).  So the matrix is
 *    NEURON's with the removable nodes removed, and voltages agree exactly.
 *
 * Section points (pt3d, what the exporter writes with pt3dadd):
 *  - a section whose parent is not the soma starts at its proximal point
 *    (the parent's last point) and connects to parent(1); that first point
 *    has the parent point's diameter (SWC) or the section's own first
 *    diameter (Neurolucida), as Import3d reads them;
 *  - a section whose parent is the soma starts at its own first point (the
 *    gap from the soma point is not cable, as Import3d does) and connects to
 *    soma(0.5); if it owns a single point, the soma point is kept as first;
 *    except on an SWC soma given as a stack of points (Import3d's
 *    read_swc.hoc rule): on the first soma point it connects to soma(0), on
 *    the last to soma(1), and starts at the soma point with its own first
 *    diameter (the gap is cable) unless that soma point has two soma
 *    children; on an interior soma point, soma(0.5) as above;
 *  - a section whose first point is SL_POINT_DETACHED starts at that point.
 *
 * Soma (section 0 when the morphology has soma points):
 *  - one point (centre c, radius r): a cylinder along y, pt3d (c − r·ŷ, 2r),
 *    (c + r·ŷ, 2r): L = diam = 2r, area 4πr² (Import3d's rule);
 *  - three-point (NeuroMorpho): the same cylinder from the first point's
 *    radius, centred on the first point;
 *  - a stack of points (cylinders / NeuroML2 segments): the soma points in
 *    file order, each with its own diameter;
 *  - a contour: principal axis of the outline; 21 slices along it; at each
 *    slice the diameter is the outline's width across the axis (in the
 *    outline's plane): an Import3d-like equivalent cylinder stack.
 *
 * Spines (appended after the cable nodes, neck then head, so parent < child):
 *  - the neck is a cylinder L_n × d_n (nseg 1); the head is a cylinder with
 *    the same lateral area and volume as the sphere of volume X
 *    (r = (3X/4π)^⅓, length 3r, diameter 4r/3, nseg 1);
 *  - the neck connects to the node of the segment containing its location
 *    (NEURON: neck.connect (dend (x))), the head to neck(1); the neck's x = 1
 *    node is eliminated (series), so g_axial[neck] = 1/(R_seg/2 + R_neck/2)
 *    where R_seg/2 is 0 because the neck's x = 0 is the dendritic node itself:
 *    g_axial[neck] = 1/(R_neck/2), g_axial[head] = 1/(R_neck/2 + R_head/2);
 *  - ids: a hand-placed spine keeps its spec id; a density spine of group g
 *    (0-based, in spec order) is "g<g>-<k>" with k 0-based along the group.
 *    Density placement: per group, positions uniform along the total cable
 *    length of the region (g_rand seeded with the group's seed, sorted).
 *
 * Mechanisms (spec->mechanisms, later lines override), values per node:
 *  - "cable": cm (µF/cm²), Ra (Ω·cm; per section, taken at the section's
 *    first node);
 *  - "pas": g (S/cm², default 0.001 = NEURON's), e (mV, −70);
 *  - "hh": NEURON's built-in hh: gnabar 0.12, gkbar 0.036, gl 0.0003 S/cm²,
 *    el −54.3, ena 50, ek −77 mV, q10 = 3^((celsius − 6.3)/10); dendritic
 *    Na/K for bAPs = hh in dendrites with scaled gnabar/gkbar (models.md §1.6);
 *  - "ca_hva": Hay 2011 Ca_HVA, gbar (S/cm², 1e−5); eca is Nernst from ca_o
 *    and ca_rest at celsius (no shaft pool feeds it back yet);
 *  - "nat": Hay 2011 NaTa_t (transient Na, Colbert & Pan 2002), gbar
 *    (S/cm², 1e−5 = the mod default), ena (mV, 50); rates × 2.3^((celsius − 21)/10);
 *    ar2 (0–1, default 1 = off): the slow inactivation gate s of Migliore
 *    et al. 1999's na3 multiplies the conductance, s∞ falls to ar2 when
 *    depolarised (sl-channels.c);
 *  - "kv3": Hay 2011 SKv3_1 (Kv3.1, Rettig et al. 1992), gbar (S/cm², 1e−5),
 *    ek (mV, −85); no temperature factor (as published).
 *    Hay's L5 densities (L5PCbiophys): soma nat 2.04, kv3 0.693; apical
 *    nat 0.0213, kv3 0.000261 S/cm² (uniform); basal none; axon none in
 *    model 1 (model 3's axonal nat 3.137, kv3 1.38 are recalled, not
 *    re-checked against the published file).
 *  Regions: the morphology's regions (type, NeuroML2 group, trunk/oblique/
 *  tuft labels) and "all"; a node is in a region if the morphology point at
 *  the distal end of the piece of cable holding its centre is a member.
 */
#pragma once

#include <glib.h>

#include "sl-spec.h"
#include "sl-morphology.h"
#include "sl-rule.h"

G_BEGIN_DECLS

#define SL_MODEL_ERROR (sl_model_error_quark ())
GQuark sl_model_error_quark (void);

typedef enum
{
  SL_MODEL_ERROR_INVALID,   /* the spec or morphology cannot be compiled */
  SL_MODEL_ERROR_UNKNOWN,   /* unknown region, mechanism, parameter, spine */
  SL_MODEL_ERROR_LOCATION,  /* a location that does not resolve */
} SlModelError;

typedef enum
{
  SL_NODE_SOMA,
  SL_NODE_NEURITE,
  SL_NODE_JUNCTION,   /* kept zero-area section end with ≥ 2 children */
  SL_NODE_NECK,
  SL_NODE_HEAD,
} SlNodeKind;

typedef struct
{
  int    parent;        /* parent section, −1 for a root */
  double parent_x;      /* where it connects on the parent: 1, or 0.5 / 0 / 1 on the soma */
  int    parent_node;   /* node it hangs from (−1 for a root) */
  int    nseg;          /* segments = nodes */
  int    first_node;    /* nodes first_node .. first_node + nseg − 1, proximal first */
  int    pt_offset;     /* into pt3d, in points */
  int    n_pt;          /* ≥ 2 */
  int    type;          /* SWC type code of its points */
  double length;        /* µm, arc length of the 3-D points */
  double ra;            /* Ω·cm */
  double distance0;     /* µm, path distance from the soma of its x = 0 */
  int    point0;        /* morphology point of its first pt3d point (−1 for the soma) */
} SlModelSection;

#define SL_HH_TABLE_N 201

/* Voltage tables of the spine-head kinetics: −150 … +150 mV every 0.1 mV,
 * linear interpolation, clamped outside (as NEURON's TABLE; the
 * interpolation error is < 2e−6 of the gate or block value). */
#define SL_VT_N    3001
#define SL_VT_VMIN (-150.0)
#define SL_VT_DV   0.1

typedef struct _SlCalciumGrid SlCalciumGrid;

typedef struct _SlModel SlModel;

struct _SlModel
{
  char   *name;             /* morphology name */

  /* ---- sizes ---- */
  int     n_nodes;          /* all compartments: cable nodes then 2 per spine */
  int     n_cable;          /* cable nodes (soma, neurites, junctions): [0, n_cable) */
  int     n_sections;
  int     n_pt;             /* pt3d points of all sections */
  int     n_spines;
  int     n_hh;             /* nodes with hh */
  int     n_cahva;          /* nodes with ca_hva */
  int     n_nat;            /* nodes with nat (Hay 2011 NaTa_t) */
  int     n_kv3;            /* nodes with kv3 (Hay 2011 SKv3_1) */
  int     n_regions;        /* ≤ 64, "all" not counted */
  int     soma_node;        /* node at soma(0.5), or node 0 without a soma */
  int     soma_section;     /* −1 without a soma */

  /* ---- per node (n_nodes), Hines order ---- */
  int    *parent;           /* (n_nodes) parent node, −1 for a root; parent[i] < i */
  int    *kind;             /* (n_nodes) SlNodeKind */
  int    *section;          /* (n_nodes) section, −1 for junctions and spines */
  int    *point;            /* (n_nodes) morphology point of the node's cable piece, −1 for spines */
  double *x;                /* (n_nodes) position in the section (0..1), spines: 0.5 */
  double *area;             /* (n_nodes) membrane area, µm² (0 for junctions) */
  double *cm;               /* (n_nodes) µF/cm² */
  double *cap;              /* (n_nodes) cm·area, nF (= µF/cm² · µm² · 1e−5) */
  double *g_axial;          /* (n_nodes) axial conductance to parent, µS (0 for roots) */
  double *g_pas;            /* (n_nodes) S/cm² */
  double *e_pas;            /* (n_nodes) mV */
  double *distance;         /* (n_nodes) path distance from the soma, µm (spines: parent's) */
  double *xyz;              /* (n_nodes × 3) node centre, µm */
  double *diam;             /* (n_nodes) mean diameter, µm */
  double *length;           /* (n_nodes) segment length, µm */
  guint64 *region_mask;     /* (n_nodes) bit r = member of region r (spines: their parent's) */

  /* ---- sections ---- */
  SlModelSection *sections; /* (n_sections) parent < index */
  double *pt3d;             /* (n_pt × 4) x, y, z, diam in µm */
  char  **region_names;     /* (n_regions) */

  /* ---- hh (n_hh) ---- */
  int    *hh_node;          /* (n_hh) node index, ascending */
  double *hh_gnabar;        /* (n_hh) S/cm² */
  double *hh_gkbar;         /* (n_hh) S/cm² */
  double *hh_gl;            /* (n_hh) S/cm² */
  double *hh_el;            /* (n_hh) mV */
  double *hh_ena;           /* (n_hh) mV */
  double *hh_ek;            /* (n_hh) mV */
  double  hh_q10;           /* 3^((celsius − 6.3)/10) */
  double *hh_table;         /* (6 × SL_HH_TABLE_N) minf, mtau, hinf, htau, ninf, ntau (ms) at
                               v = −100 + k mV: NEURON's hh TABLE (200 steps, linear
                               interpolation, clamped outside −100..100 mV) */

  /* ---- ca_hva (n_cahva) ---- */
  int    *cahva_node;       /* (n_cahva) */
  double *cahva_gbar;       /* (n_cahva) S/cm² */
  double  eca_dend;         /* mV, Nernst(ca_o, ca_rest) at celsius */

  /* ---- nat (n_nat), kv3 (n_kv3): cortical spike channels, sl-channels.c ---- */
  int    *nat_node;         /* (n_nat) node index, ascending */
  double *nat_gbar;         /* (n_nat) S/cm² */
  double *nat_ena;          /* (n_nat) mV */
  double *nat_ar2;          /* (n_nat) na3 slow-inactivation floor, 1 = no gate */
  gboolean nat_slow;        /* some nat_ar2 < 1: the s gate is integrated */
  double  nat_qt;           /* 2.3^((celsius − 21)/10) */
  int    *kv3_node;         /* (n_kv3) node index, ascending */
  double *kv3_gbar;         /* (n_kv3) S/cm² */
  double *kv3_ek;           /* (n_kv3) mV */

  /* ---- spines (n_spines); neck node = n_cable + 2k, head = n_cable + 2k + 1 ---- */
  char  **spine_id;         /* (n_spines) */
  int    *spine_node;       /* (n_spines) dendritic node it hangs from */
  int    *spine_section;    /* (n_spines) section of that node */
  double *spine_x;          /* (n_spines) location on the section (0..1) */
  double *spine_xyz;        /* (n_spines × 3) base on the dendrite, µm */
  double *spine_volume;     /* (n_spines) head volume X, µm³ */
  double *spine_neck_length;/* (n_spines) µm */
  double *spine_neck_diam;  /* (n_spines) µm */
  double *spine_head_area;  /* (n_spines) µm² (sphere of volume X) */
  double *spine_r_neck;     /* (n_spines) 4·Ra·L_n/(π d_n²), MΩ */
  /* synapse per spine head */
  double *syn_g_ampa;       /* (n_spines) ĝ_AMPA, µS */
  double *syn_g_nmda;       /* (n_spines) ĝ_NMDA, µS */
  double *syn_tau_r_ampa, *syn_tau_d_ampa;  /* (n_spines) ms */
  double *syn_tau_r_nmda, *syn_tau_d_nmda;  /* (n_spines) ms */
  double *syn_phi_ampa, *syn_phi_nmda;      /* (n_spines) peak normalisation φ */
  double *syn_e_ampa, *syn_e_nmda;          /* (n_spines) mV */
  double *syn_mg;           /* (n_spines) [Mg]_o, mM */
  double *syn_mg_scale;     /* (n_spines) mM: 3.57 (Jahr–Stevens) or 2.552 (Vargas-Caballero) */
  double *syn_mg_slope;     /* (n_spines) /mV: 0.062 or 0.072 */
  int    *syn_mg_index;     /* (n_spines) which row of mg_table */
  int     n_mg;             /* distinct ([Mg], scale, slope) among the spines */
  double *mg_table;         /* (n_mg × SL_VT_N) B(V) = 1/(1 + [Mg]/scale·exp(−slope·V)) */
  double *vdcc_table;       /* (SL_VT_N × 2) interleaved m∞, h∞ of the R-type VDCC (§1.5) */
  double *syn_g_vdcc;       /* (n_spines) ĝ_VDCC = 0.0744 nS/µm² · A_head, in µS */
  double *syn_use;          /* (n_spines) U_SE (after the Ca_o scaling) */
  double *syn_tau_dep, *syn_tau_fac;        /* (n_spines) ms */
  int    *syn_n_rrp;        /* (n_spines) */
  int    *syn_stochastic;   /* (n_spines) boolean */
  guint64 *spine_seed;      /* (n_spines) stream seed from (seed, spine index) */

  /* plasticity: rule per spine (NULL = none), params/state at offsets */
  const SlRuleClass **spine_rule; /* (n_spines) NULL = none */
  int    *rule_param_offset;/* (n_spines) into rule_params */
  int    *rule_state_offset;/* (n_spines) into SlState.rule_state */
  double *rule_params;      /* (n_rule_params) */
  int     n_rule_params;
  int     n_rule_state;
  double *syn_w0;           /* (n_spines) initial weight */

  /* ---- globals ---- */
  double  celsius;          /* °C */
  double  v_init;           /* mV */
  double  ca_o;             /* mM */
  double  ca_rest;          /* mM */
  double  eta_head;         /* free fraction in the head pool */
  double  tau_head;         /* ms */
  double  pf_nmda;          /* Ca fraction of the NMDA current at ca_o (models.md §1.5) */
  guint64 seed;

  /* calcium voxel grid (sl-calcium.h), built when there are spines or
   * Ca_HVA; NULL otherwise (then head pools are integrated in place) */
  SlCalciumGrid *calcium;

  /* the one block all arrays above are carved from */
  gpointer block;
  gsize    block_size;
};

SlModel *sl_model_compile (const SlModelSpec  *spec,
                           SlMorphology       *morph,
                           GError            **error);
SlModel *sl_model_ref     (SlModel *self);
void     sl_model_unref   (SlModel *self);

/* Resolves "soma", "xyz:X,Y,Z", "path:REGION:D" or "spine:ID".  For a
 * spine, *node is its head and *spine its index; otherwise *spine = −1. */
gboolean sl_model_resolve_location (const SlModel  *self,
                                    const char     *location,
                                    int            *node,
                                    int            *spine,
                                    GError        **error);
/* Index of a spine by id, −1 if none. */
int      sl_model_find_spine       (const SlModel *self,
                                    const char    *id);
/* Index of a region by name, −1 if none ("all" is −2). */
int      sl_model_find_region      (const SlModel *self,
                                    const char    *name);

/* One line per rule whose parameters leave some of its spines unable to
 * change a weight (SlRuleClass.inert): "N spines (RULE, e.g. ID): WHY".
 * Empty when none; for a warning before a run. */
GPtrArray *sl_model_inert_rules     (const SlModel  *self);

/* Whether a state made for a is a valid state of b with the same meaning
 * (same compartments, channel nodes, spines, rules and rule state layout,
 * calcium grid size); parameters may differ.  *why (may be NULL) names the
 * first difference, a static string. */
gboolean sl_model_same_structure   (const SlModel  *a,
                                    const SlModel  *b,
                                    const char    **why);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlModel, sl_model_unref)

G_END_DECLS
