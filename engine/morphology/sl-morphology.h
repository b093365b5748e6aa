/* sl-morphology.h: an imported neuron tree, as the file gave it.
 *
 * SlMorphology is the reader's output and the model compiler's input.  It
 * holds points (x, y, z, radius, type, parent) sorted so that a parent
 * always comes before its children, the unbranched sections between branch
 * points, and the regions (SWC type codes with names, plus named groups
 * from NeuroML2).  Lengths in µm.
 *
 * Readers never abort: on failure they return NULL and a GError in
 * SL_MORPHOLOGY_ERROR whose message names the file, the line (text formats)
 * or element (XML), and the problem.  Recoverable oddities (zero radius,
 * no soma, several trees) load and are listed in the warnings.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SL_MORPHOLOGY_ERROR (sl_morphology_error_quark ())
GQuark sl_morphology_error_quark (void);

typedef enum
{
  SL_MORPHOLOGY_ERROR_IO,          /* unreadable, empty */
  SL_MORPHOLOGY_ERROR_PARSE,       /* syntax: short row, non-numeric, not XML */
  SL_MORPHOLOGY_ERROR_INVALID,     /* semantics: missing parent, cycle, NaN, negative radius */
  SL_MORPHOLOGY_ERROR_UNSUPPORTED, /* well-formed but refused (e.g. too many roots) */
  SL_MORPHOLOGY_ERROR_NO_MEMORY,   /* too large to hold */
} SlMorphologyError;

/* SWC type codes (NeuroMorpho); 5 and above are custom and are kept. */
typedef enum
{
  SL_TYPE_UNDEFINED = 0,
  SL_TYPE_SOMA      = 1,
  SL_TYPE_AXON      = 2,
  SL_TYPE_BASAL     = 3,
  SL_TYPE_APICAL    = 4,
  SL_TYPE_CUSTOM    = 5,
} SlPointType;

typedef enum
{
  SL_FORMAT_UNKNOWN,
  SL_FORMAT_SWC,
  SL_FORMAT_ASC,
  SL_FORMAT_NEUROML,
} SlMorphologyFormat;

/* How the soma was given in the file. */
typedef enum
{
  SL_SOMA_NONE,
  SL_SOMA_SINGLE_POINT,   /* sphere of the point's radius */
  SL_SOMA_THREE_POINT,    /* NeuroMorpho standard: cylinder of length 2r */
  SL_SOMA_CYLINDERS,      /* stack of points along an axis */
  SL_SOMA_CONTOUR,        /* outline (ASC CellBody, or SWC ring with r = 0) */
  SL_SOMA_SEGMENTS,       /* NeuroML2 soma segments */
} SlSomaKind;

typedef struct
{
  double x, y, z;   /* µm */
  double r;         /* radius, µm (>= SL_MORPHOLOGY_MIN_RADIUS after repair) */
  int    type;      /* SlPointType or custom code */
  int    parent;    /* index into points, -1 for a root; always < own index */
  int    id;        /* the id in the file (SWC id, NML2 segment id, ASC running number) */
  guint  flags;     /* SlPointFlags; 0 for an ordinary point */
} SlPoint;

/* A DETACHED point is joined to its parent electrically, but the straight
 * line from the parent to it is not cable: it has length and area 0 and the
 * point starts a new section.  Readers set it where the file says so: the
 * first point of a Neurolucida tree (attached to the soma without the gap
 * being neurite), a NeuroML2 segment whose <proximal> is not where it joins
 * its parent.  SWC has no such notion (every line is cable). */
typedef enum
{
  SL_POINT_DETACHED = 1 << 0,
} SlPointFlags;

/* An unbranched run of points between a root/branch point and a branch
 * point/tip.  The section's proximal end is the parent point `start` (a
 * point of the parent section, or -1 for a root section); its own points,
 * proximal to distal, are section_points[offset .. offset + n_points). */
typedef struct
{
  int    start;        /* index of the proximal point (shared with parent section), or -1 */
  int    offset;       /* into SlMorphology.section_points */
  int    n_points;     /* points owned by this section, proximal to distal */
  int    parent;       /* parent section index, -1 for a root section */
  int    type;         /* type code of the section's points */
  double length;       /* µm, including the segment from `start` (0 if the first point is DETACHED) */
  double area;         /* lateral area of the frusta, µm² */
} SlSection;
/* Sections break at roots, branch points, DETACHED points and type changes,
 * so a section is one continuous cable of one type. */

/* A named set of points: one per type code present ("soma", "axon",
 * "basal", "apical", "custom5" …) plus NeuroML2 segment groups and derived
 * labels ("trunk", "oblique", "tuft"; see sl-morphology-labels.c).
 *
 * Lengths follow the file: an SWC dendrite includes the line from its soma
 * point to its first point (as NeuroMorpho and stats.py count it); ASC and
 * NeuroML2 trees start at their own first point (DETACHED).  The soma
 * region is special: a single-point or contour soma has area 4πR² and
 * length 2R (NEURON's equivalent cylinder); other somata sum their frusta
 * (a NeuroMorpho three-point soma gives 4πr² that way). */
typedef enum
{
  SL_REGION_TYPE,      /* all points of one type code */
  SL_REGION_GROUP,     /* a NeuroML2 segment group */
  SL_REGION_LABEL,     /* derived: "trunk", "oblique", "tuft" */
} SlRegionKind;

typedef struct
{
  char   *name;
  int     type;        /* the type code for type regions, -1 for groups/labels */
  int    *points;      /* indices of member points (the distal end of each member segment) */
  int     n_points;
  double  length;      /* µm of cable whose distal point is a member */
  double  area;        /* µm² */
  SlRegionKind kind;
} SlRegion;

#define SL_MORPHOLOGY_MIN_RADIUS 0.05 /* µm; zero radii are repaired to this */

typedef struct _SlMorphology SlMorphology;

struct _SlMorphology
{
  char              *name;         /* file basename or bundled cell name */
  char              *path;         /* NULL for generated cells */
  SlMorphologyFormat format;

  SlPoint           *points;       /* (n_points) sorted, parent < index */
  int                n_points;
  int                n_trees;      /* roots */

  SlSection         *sections;     /* (n_sections) parent < index */
  int                n_sections;
  int               *section_points; /* (n_points) */

  SlRegion          *regions;      /* (n_regions) */
  int                n_regions;

  double            *path_distance; /* (n_points) µm from the soma (soma points 0; without a
                                       soma, from each tree's root) */

  SlSomaKind         soma_kind;
  double             soma_center[3]; /* µm */
  double             soma_radius;    /* µm, equivalent sphere/cylinder radius */

  double             bbox_min[3], bbox_max[3]; /* µm, of the point centres */

  GPtrArray         *warnings;     /* (element-type utf8) for the user to see */

  /* Added after the first draft; zero/NULL is always a valid value. */
  double            *segment_length; /* (n_points) µm of cable from the parent to the point:
                                        0 for roots and DETACHED points */
  double            *segment_area;   /* (n_points) µm², lateral area of that frustum */
  double            *soma_outline;   /* (n_soma_outline x 3) µm, contour of the soma if the file
                                        gave one (ASC CellBody, SWC zero-radius ring), else NULL */
  int                n_soma_outline;
  int                n_soma_points;  /* points of type 1 */
  int                ref_count;
};

/* An empty morphology with one reference, for generators: set points
 * (g_new-allocated, freed by unref) and n_points, then call
 * sl_morphology_finish().  soma_kind may be preset; SL_SOMA_NONE lets
 * finish() recognise it from the type-1 points. */
SlMorphology *sl_morphology_new (const char *name);

/* Reads by extension (.swc, .asc, .nml/.xml), else by content: an XML
 * document → NeuroML2, a first token '(' → ASC, otherwise SWC. */
SlMorphology *sl_morphology_new_from_file (const char  *path,
                                           GError     **error);
SlMorphology *sl_morphology_new_from_swc_data (const char  *data,
                                               gsize        len,
                                               const char  *name,
                                               GError     **error);
SlMorphology *sl_morphology_new_from_asc_data (const char  *data,
                                               gsize        len,
                                               const char  *name,
                                               GError     **error);
SlMorphology *sl_morphology_new_from_neuroml_data (const char  *data,
                                                   gsize        len,
                                                   const char  *name,
                                                   GError     **error);

/* Builds sections, regions, path distances, soma summary and bounding box
 * from points[] (used by readers and the generator).  Points must already
 * be sorted parent-first.  Zero radii are repaired to
 * SL_MORPHOLOGY_MIN_RADIUS (with a warning).  If soma_kind is SL_SOMA_NONE
 * it is recognised from the type-1 points: one point → SINGLE_POINT,
 * NeuroMorpho's three points → THREE_POINT, three or more zero-radius
 * points → CONTOUR (radius = mean distance from the centroid), otherwise
 * CYLINDERS (radius of the sphere of the same area).  May be called again
 * after points change: derived data is rebuilt. */
gboolean      sl_morphology_finish (SlMorphology  *self,
                                    GError       **error);

SlMorphology *sl_morphology_ref   (SlMorphology *self);
void          sl_morphology_unref (SlMorphology *self);

gboolean      sl_morphology_write_swc     (const SlMorphology  *self,
                                           const char          *path,
                                           GError             **error);
gboolean      sl_morphology_write_neuroml (const SlMorphology  *self,
                                           const char          *path,
                                           GError             **error);

const SlRegion *sl_morphology_find_region (const SlMorphology *self,
                                           const char         *name);
double        sl_morphology_total_length  (const SlMorphology *self); /* neurites, soma excluded */
const char   *sl_point_type_name          (int type);
const char   *sl_soma_kind_name           (SlSomaKind kind);
const char   *sl_morphology_format_name   (SlMorphologyFormat format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlMorphology, sl_morphology_unref)

G_END_DECLS
