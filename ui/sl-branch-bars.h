/* sl-branch-bars.h: Δw of every spine along a branch, sorted by path
 * distance from the soma — the heterosynaptic picture.
 *
 * The branch through a section is the path from the soma to it plus
 * everything distal to it.  Bars are drawn with render's
 * sl_plot_draw_bars (warm for potentiation, cool for depression).
 */
#pragma once

#include <gtk/gtk.h>

#include "sl-model.h"

G_BEGIN_DECLS

#define SL_TYPE_BRANCH_BARS (sl_branch_bars_get_type ())
G_DECLARE_FINAL_TYPE (SlBranchBars, sl_branch_bars, SL, BRANCH_BARS, GtkWidget)

GtkWidget *sl_branch_bars_new          (void);

/* Takes a reference on model (NULL clears); section −1 shows every spine. */
void       sl_branch_bars_set_branch   (SlBranchBars  *self,
                                        SlModel       *model,
                                        int            section);
/* Δw per spine of the model (n_spines floats, e.g. sl_snapshot_dw). */
void       sl_branch_bars_update       (SlBranchBars  *self,
                                        const float   *dw,
                                        int            n_spines);
/* Spines shown; their indices in distance order when spines != NULL. */
guint      sl_branch_bars_get_n_spines (SlBranchBars  *self,
                                        const int    **spines);

void       sl_branch_bars_draw         (SlBranchBars  *self,
                                        cairo_t       *cr,
                                        double         width,
                                        double         height,
                                        gboolean       dark);

/* Sections of the branch through `section` (ancestors up to the soma and
 * all descendants): a mask of n_sections booleans.  Shared with tests. */
gboolean  *sl_branch_sections          (const SlModel *model,
                                        int            section);

G_END_DECLS
