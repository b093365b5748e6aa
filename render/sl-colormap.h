/* sl-colormap.h: colour maps for values painted on the morphology.
 *
 * Viridis (sequential, perceptually uniform; for Ca and V) and Moreland's
 * cool-warm (diverging, for Δw centred on zero), sampled from anchor
 * colours and interpolated linearly in sRGB between them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SL_COLORMAP_VIRIDIS,
  SL_COLORMAP_COOLWARM,
} SlColormap;

/* t in [0, 1] (clamped); NaN gives neutral grey. */
void sl_colormap_map (SlColormap  map,
                      float       t,
                      guint8      rgba[4]);

G_END_DECLS
