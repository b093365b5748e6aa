/* sl-morphology-mesh.h: what the 3D view draws for a morphology, GL-free.
 *
 * Every point with a parent gives one tapered cylinder (a segment instance,
 * parent → point, with the two radii); the soma is a sphere unless the file
 * described it as a stack of cylinders.  Colours live apart from geometry,
 * one RGBA8 per segment plus one for the soma, so they can be rewritten
 * every frame (colour by calcium) without touching the geometry buffer.
 */
#pragma once

#include <glib.h>

#include "sl-model.h"
#include "sl-morphology.h"

G_BEGIN_DECLS

typedef struct
{
  float p0[3];  /* µm, proximal centre (the parent point) */
  float r0;     /* µm, proximal radius */
  float p1[3];  /* µm, distal centre (the point itself) */
  float r1;     /* µm, distal radius */
} SlSegmentInstance;

typedef struct
{
  SlSegmentInstance *segments;      /* (n_segments) */
  int               *segment_point; /* (n_segments) index of each segment's distal point */
  int                n_segments;

  gboolean           has_soma_sphere;
  float              soma_center[3]; /* µm */
  float              soma_radius;    /* µm */
  int                soma_point;     /* a soma point index (its value colours the sphere), or -1 */

  int                n_points;       /* of the morphology the mesh came from */
  float              bbox_min[3];    /* µm, of everything drawn, radii included */
  float              bbox_max[3];
} SlMorphologyMesh;

SlMorphologyMesh *sl_morphology_mesh_new  (const SlMorphology *morph);
void              sl_morphology_mesh_free (SlMorphologyMesh   *mesh);

/* Colour of a region (SWC type code) as RGBA8: soma, axon, basal, apical,
 * custom types (5 and up) and undefined. */
void              sl_region_color         (int                 type,
                                           guint8              rgba[4]);

/* Fills colors (n_segments + 1 entries of RGBA8, the last is the soma). */
void              sl_morphology_mesh_region_colors (const SlMorphologyMesh *mesh,
                                                    const SlMorphology     *morph,
                                                    guint8                 *colors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlMorphologyMesh, sl_morphology_mesh_free)

/* A spine as drawn: the neck leaves the dendrite's surface along dir and
 * ends at the head, a sphere of the head's volume.  The compiled model
 * gives the attachment point on the dendrite's axis, the neck and the head
 * but no direction: dir is perpendicular to the dendrite's axis at an
 * angle drawn from a hash of the attachment point (deterministic, and a
 * spine keeps its direction when others are added or removed). */
typedef struct
{
  float base[3];   /* µm, where the neck leaves the dendrite's surface */
  float neck_r;    /* µm, neck radius */
  float head[3];   /* µm, head centre */
  float head_r;    /* µm, radius of a sphere of the head's volume */
  float dir[3];    /* unit, outwards */
} SlSpineInstance;

/* (model->n_spines) instances, NULL when there are none. */
SlSpineInstance  *sl_spine_instances_new  (const SlModel      *model);

G_END_DECLS
