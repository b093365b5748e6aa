/* sl-model-private.h: the compiler's intermediate cable layout, shared by
 * sl-model.c, sl-model-geometry.c and sl-location.c. */
#pragma once

#include "sl-model.h"

G_BEGIN_DECLS

typedef struct
{
  int    parent;
  int    kind;        /* SlNodeKind */
  int    section;
  int    point;
  double x;
  double area;        /* µm² */
  double g_axial;     /* µS */
  double distance;    /* µm */
  double xyz[3];      /* µm */
  double diam;        /* µm */
  double length;      /* µm */
} SlLayoutNode;

typedef struct
{
  GArray *sections;   /* SlModelSection */
  GArray *pt3d;       /* double ×4 per point */
  GArray *pt_point;   /* int: morphology point of each pt3d point */
  GArray *nodes;      /* SlLayoutNode */
  int     soma_section;
  int     soma_node;
} SlCableLayout;

/* Sections and their 3-D points (no nodes yet); section ra left 0. */
gboolean _sl_layout_sections (SlCableLayout       *layout,
                              const SlMorphology  *morph,
                              GError             **error);
/* nseg per section (d_lambda, max_length) and the nodes, using each
 * section's ra and the cm given per section (cm_sec, µF/cm²). */
gboolean _sl_layout_nodes    (SlCableLayout  *layout,
                              const double   *cm_sec,
                              double          d_lambda,
                              double          freq,
                              double          max_length,
                              GError        **error);
void     _sl_layout_clear    (SlCableLayout  *layout);

/* Arc position (µm from x = 0) nearest to p on section s, and the distance. */
double   _sl_section_nearest (const SlModelSection *sec,
                              const double         *pt3d,
                              const double         *p,
                              double               *dist);
/* Position on a section at arc s (µm). */
void     _sl_section_point_at (const SlModelSection *sec,
                               const double         *pt3d,
                               double                s,
                               double               *xyz);
/* Node holding x on section s (NEURON's node_index for 0 < x < 1). */
static inline int
_sl_section_node_at (const SlModelSection *sec,
                     double                x)
{
  int k = (int) (x * sec->nseg);

  if (k < 0)
    k = 0;
  if (k >= sec->nseg)
    k = sec->nseg - 1;
  return sec->first_node + k;
}

/* Location resolution on arrays of a (possibly partial) model. */
typedef struct
{
  const SlModelSection *sections;
  int                   n_sections;
  const double         *pt3d;
  const guint64        *region_mask;  /* per node */
  const int            *section_of;   /* per node */
  const double         *distance;     /* per node */
  char * const         *region_names;
  int                   n_regions;
  int                   soma_node;
  int                   soma_section;
  int                   n_cable;
} SlLocationView;

/* Region index by name, −2 for "all", −1 if unknown. */
int      _sl_view_find_region (const SlLocationView *view,
                               const char           *name);

/* Resolves soma/xyz/path to (section, x) and node; spine: is the caller's. */
gboolean _sl_location_resolve_cable (const SlLocationView  *view,
                                     const char            *location,
                                     int                   *node,
                                     int                   *section,
                                     double                *x,
                                     GError               **error);

static inline gboolean
_sl_in_region (guint64 mask,
               int     region)
{
  return region == -2 || (mask >> region) & 1;
}

/* Spines before allocation (sl-model-spines.c). */
typedef struct
{
  char           *id;
  int             section;
  double          x;
  int             node;
  SlSpineGeometry geometry;
  SlSynapseSpec   synapse;
} SlSpinePlace;

void     _sl_spine_place_clear (SlSpinePlace *p);
gboolean _sl_place_spines      (const SlModelSpec    *spec,
                                const SlMorphology   *morph,
                                const SlCableLayout  *layout,
                                const SlLocationView *view,
                                GArray               *out,
                                GError              **error);

/* Rules per spine (sl-model-rules.c). */
typedef struct
{
  const SlRuleClass *cls;   /* NULL = none */
  int                assignment;  /* index into spec->rules, −1 = none */
} SlRulePick;

gboolean _sl_rules_pick (const SlModelSpec   *spec,
                         char * const        *region_names,
                         int                  n_regions,
                         int                  n_spines,
                         char * const        *ids,
                         const guint64       *masks,
                         SlRulePick          *picks,
                         int                 *n_params,
                         int                 *n_state,
                         GError             **error);
gboolean _sl_rules_fill (const SlModelSpec *spec,
                         const SlRulePick  *picks,
                         SlModel           *m,
                         GError           **error);

G_END_DECLS
