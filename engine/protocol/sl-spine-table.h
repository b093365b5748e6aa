/* sl-spine-table.h: the per-spine table after a run — id, region, path
 * distance from the soma, initial and current weight and their
 * difference — as CSV for `spinelab run --spines` and the window's
 * "Export spine table". */
#pragma once

#include <glib.h>

#include "sl-model.h"

G_BEGIN_DECLS

/* The region a spine is reported in: of the regions its dendritic node
 * belongs to, the one with the fewest cable nodes (so "tuft" rather than
 * "apical"); "all" when it belongs to none. */
const char *sl_spine_region (const SlModel *model,
                             int            spine);

/* Path distance of the spine's base from the soma, µm (its place on the
 * section, not the centre of the segment it hangs from). */
double      sl_spine_path_distance (const SlModel *model,
                                    int            spine);

/* Header "spine_id,region,path_distance_um,w0,w,dw", one row per spine in
 * model order.  w0 and w have n_spines values (w0 NULL: the model's
 * initial weights syn_w0). */
char       *sl_spine_table_to_csv  (const SlModel *model,
                                    const double  *w0,
                                    const double  *w);
/* Atomic write of the same text. */
gboolean    sl_spine_table_write_csv (const SlModel *model,
                                      const double  *w0,
                                      const double  *w,
                                      const char    *path,
                                      GError       **error);

G_END_DECLS
