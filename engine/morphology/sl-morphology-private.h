/* sl-morphology-private.h: helpers shared by the morphology readers,
 * writers and labels.  Not for use outside engine/morphology. */
#pragma once

#include <stdarg.h>

#include "sl-morphology.h"

G_BEGIN_DECLS

/* Largest file the readers accept (a whole-brain reconstruction is a few
 * hundred MB; beyond this we refuse instead of thrashing). */
#define SL_MORPHOLOGY_MAX_FILE_SIZE ((gsize) 1 << 30)
#define SL_MORPHOLOGY_MAX_POINTS    (1 << 26)

void      _sl_morphology_warn        (SlMorphology *self,
                                      const char   *format,
                                      ...) G_GNUC_PRINTF (2, 3);

/* Appends a region; takes ownership of points (g_new).  Computes length
 * and area from segment_length/segment_area, so call after finish(). */
SlRegion *_sl_morphology_add_region  (SlMorphology *self,
                                      const char   *name,
                                      int           type,
                                      SlRegionKind  kind,
                                      int          *points,
                                      int           n_points);

/* Adds "trunk", "oblique" and "tuft" when there is an apical tree. */
void      _sl_morphology_add_apical_labels (SlMorphology *self);

/* Children of every point in CSR form: children of i are
 * child[first[i] .. first[i + 1]). */
void      _sl_morphology_children    (const SlMorphology *self,
                                      int               **first,
                                      int               **child);

double    _sl_frustum_area           (double r1,
                                      double r2,
                                      double length);

G_END_DECLS
